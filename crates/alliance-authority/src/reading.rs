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
        let mut starts = vec![0];
        starts.extend(report.match_indices('\n').map(|(i, _)| i + 1));
        let line_span = |line: usize| -> Range<usize> {
            let start = starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
            let end = report[start..]
                .find('\n')
                .map_or(report.len(), |e| start + e);
            start..end
        };
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
                    .map(|p| {
                        let line = line_span(p.line);
                        let span = report[line.clone()]
                            .find(&p.name)
                            .map_or(line.clone(), |at| {
                                line.start + at..line.start + at + p.name.len()
                            });
                        Named {
                            name: p.name.clone(),
                            honorific: p.honorific.clone(),
                            line: p.line,
                            span,
                            role: p.role.map(|r| r.id()),
                        }
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
}
