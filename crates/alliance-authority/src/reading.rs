//! What a report states, as the checks look it up: each section's bullets with the label
//! their list's lead-in gives them, the people each section names with the role its text
//! states, the roles it gives to groups, and the title page's facts. The reading itself is
//! [`alliance_core::report`]'s (one parser for the loader, the importer and these checks);
//! this module only keeps what the checks need, located in the report's file.

use std::ops::Range;

use alliance_core::report::{GroupRole, Outline, TitlePage};

/// A report's sections, as the checks read them, and its title page.
#[derive(Debug, Default)]
pub struct Reading {
    /// Sections in report order.
    pub parts: Vec<Part>,
    /// The facts of the title page.
    pub title_page: TitlePage,
}

/// A section of the report: a heading and everything up to the next one.
#[derive(Debug)]
pub struct Part {
    /// The heading, normalized.
    pub heading: String,
    /// The heading's line, from 1.
    pub line: usize,
    /// Bullets in order.
    pub bullets: Vec<Listed>,
    /// The people named, in order.
    pub named: Vec<Named>,
    /// Roles the section gives to people of other sessions as a group.
    pub groups: Vec<GroupRole>,
    /// The section's paragraphs, normalized and joined, for names printed in passing.
    pub prose: String,
}

/// A bullet and the list it belongs to.
#[derive(Debug)]
pub struct Listed {
    /// Line it starts on.
    pub line: usize,
    /// Normalized text.
    pub text: String,
    /// Its number in its list, from 1.
    pub number: usize,
    /// The label id the lead-in of its list names (`recommendations`), if it names one.
    pub label: Option<&'static str>,
    /// Line of the lead-in paragraph.
    pub lead_in: Option<usize>,
}

/// A person a section's text names.
#[derive(Debug)]
pub struct Named {
    /// The name as printed, without honorific.
    pub name: String,
    /// The honorific printed before it.
    pub honorific: Option<String>,
    /// Its line.
    pub line: usize,
    /// Byte range of the name in the report's text (its line when it cannot be found there).
    pub span: Range<usize>,
    /// The role id the text states, if any.
    pub role: Option<&'static str>,
}

impl Reading {
    /// Keeps what the checks need of a report's outline; `report` is its text.
    pub fn new(report: &str, outline: &Outline) -> Reading {
        let mut lines = Spans::new(report);
        let parts = outline
            .sections
            .iter()
            .map(|s| Part {
                heading: s.heading.clone(),
                line: s.line,
                bullets: s
                    .bullets
                    .iter()
                    .map(|b| {
                        let list = s.lists.get(b.list);
                        Listed {
                            line: b.line,
                            text: b.text.clone(),
                            number: b.number,
                            label: list.and_then(|l| l.label).map(|l| l.id()),
                            lead_in: list
                                .and_then(|l| l.lead_in)
                                .and_then(|p| s.paragraphs.get(p))
                                .map(|p| p.line),
                        }
                    })
                    .collect(),
                named: s
                    .people
                    .iter()
                    .map(|p| Named {
                        name: p.name.clone(),
                        honorific: p.honorific.clone(),
                        line: p.line,
                        span: lines.name(&p.name, p.line),
                        role: p.role.map(|r| r.id()),
                    })
                    .collect(),
                groups: s.groups.clone(),
                prose: s
                    .paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        Reading {
            parts,
            title_page: outline.title_page(),
        }
    }

    /// The part with this heading (normalized).
    pub fn part(&self, heading: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.heading == heading)
    }

    /// The part, the bullet's position in it (from 0) and the bullet starting on `line`.
    pub fn bullet_at(&self, line: usize) -> Option<(&Part, usize, &Listed)> {
        // parts and their bullets are in line order
        let p = self
            .parts
            .partition_point(|p| p.line <= line)
            .checked_sub(1)?;
        let part = &self.parts[p];
        let b = part.bullets.binary_search_by_key(&line, |b| b.line).ok()?;
        Some((part, b, &part.bullets[b]))
    }
}

/// Where the names of a report's people are printed: each looked for in its line from
/// where the last one found there ends (the outline gives a section's people in the order
/// they are first named), so a paragraph naming thousands on one line is read once, not once
/// per name.
struct Spans<'r> {
    report: &'r str,
    /// The byte each line starts at, in order.
    starts: Vec<usize>,
    /// The line of the last name found, and where it ends.
    last: Option<(usize, usize)>,
}

impl<'r> Spans<'r> {
    fn new(report: &'r str) -> Self {
        let mut starts = vec![0];
        starts.extend(report.match_indices('\n').map(|(i, _)| i + 1));
        Spans {
            report,
            starts,
            last: None,
        }
    }

    /// Line `line` (from 1), without its line ending; the first line for a line the text
    /// does not have.
    fn line(&self, line: usize) -> Range<usize> {
        let i = line
            .checked_sub(1)
            .filter(|&i| i < self.starts.len())
            .unwrap_or(0);
        let start = self.starts[i];
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.report.len(), |&next| next - 1);
        start..end
    }

    /// The bytes of `name` printed on `line`, at or after the last name found on it; the
    /// whole line when it is not printed there. A name not printed costs the rest of its line.
    fn name(&mut self, name: &str, line: usize) -> Range<usize> {
        let whole = self.line(line);
        let from = match self.last {
            Some((l, end)) if l == line => end,
            _ => whole.start,
        };
        match printed(&self.report[from..whole.end], name) {
            Some(found) => {
                let span = from + found.start..from + found.end;
                self.last = Some((line, span.end));
                span
            }
            None => whole,
        }
    }
}

/// The first place `name` (normalized) is printed in `text`: its characters in order, with
/// emphasis markers and characters nobody sees between them, and any whitespace for a space
/// (what normalization drops or collapses inside a name).
fn printed(text: &str, name: &str) -> Option<Range<usize>> {
    let first = name.chars().next()?;
    text.char_indices()
        .filter(|&(_, c)| c == first)
        .find_map(|(at, _)| Some(at..at + printed_at(&text[at..], name)?))
}

/// The length of `name` printed at the start of `text`, as [`printed`] reads it.
fn printed_at(text: &str, name: &str) -> Option<usize> {
    let skipped = |c: char| c == '*' || c == '_' || alliance_core::text::is_invisible(c);
    let mut chars = text.char_indices().peekable();
    let mut end = 0;
    for wanted in name.chars() {
        // what may stand between two characters of the name, not before its first
        if end > 0 {
            while chars.next_if(|&(_, c)| skipped(c)).is_some() {}
        }
        let (at, c) = chars.next()?;
        let same = c == wanted || (wanted == ' ' && c.is_whitespace());
        if !same {
            return None;
        }
        end = at + c.len_utf8();
        if wanted == ' ' {
            while let Some((at, c)) = chars.next_if(|&(_, c)| c.is_whitespace() || skipped(c)) {
                end = at + c.len_utf8();
            }
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_report() {
        let text = std::fs::read_to_string(
            alliance_tests::data_dir().join("conferences/alliance-17/report.md"),
        )
        .expect("report");
        let reading = Reading::new(&text, &Outline::parse(&text));
        let labelled: Vec<_> = reading
            .parts
            .iter()
            .flat_map(|p| &p.bullets)
            .filter_map(|b| b.label)
            .collect();
        assert_eq!(labelled.len(), 59);
        assert_eq!(labelled[12], "findings");
        let panel1 = reading.part("Panel 1: Human Trafficking Threats for Children in Crisis");
        let named = &panel1.expect("Panel 1").named[0];
        assert_eq!(
            (named.name.as_str(), named.role),
            ("Susanne Riegler", Some("moderator"))
        );
        assert_eq!(&text[named.span.clone()], "Susanne Riegler");
        assert_eq!(
            reading.title_page.edition.as_ref().map(|e| e.value),
            Some(17)
        );
    }

    #[test]
    fn names_are_found_as_printed_in_order() {
        assert_eq!(
            printed("by **Ann Example**, Director", "Ann Example"),
            Some(5..16)
        );
        // what normalization drops or collapses inside a name
        let text = "by **Ann** _Ex\u{200b}am\u{ad}ple_,";
        let span = printed(text, "Ann Example").expect("found");
        assert_eq!(&text[span], "Ann** _Ex\u{200b}am\u{ad}ple");
        assert_eq!(printed("Ann\u{a0}\n Example", "Ann Example"), Some(0..14));
        assert_eq!(printed("Ann Exampel", "Ann Example"), None);
        assert_eq!(printed("any", ""), None);
        // the same name twice on a line: the second after the first
        let report = "Ann Example and Bo Sample, then Ann Example\nBo Sample";
        let mut spans = Spans::new(report);
        assert_eq!(spans.name("Ann Example", 1), 0..11);
        assert_eq!(spans.name("Bo Sample", 1), 16..25);
        assert_eq!(spans.name("Ann Example", 1), 32..43);
        // not printed after the last: the line
        assert_eq!(spans.name("Bo Sample", 1), 0..43);
        assert_eq!(spans.name("Bo Sample", 2), 44..53);
        // a line the report does not have: its first
        assert_eq!(spans.name("Ann Example", 3), 0..11);
    }
}
