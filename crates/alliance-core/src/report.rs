//! Reads the outline of a report text: its section headings and the bullets listed under
//! each. The loader uses it to check where each recommendation says it comes from; the tests
//! use it to check that the dataset holds every bullet of the report and nothing else.
//!
//! The report is Markdown converted from print, so headings are plain lines: a paragraph of
//! one short line that holds no full sentence, does not end like one (`.`, `,`, `;`, `:`) and
//! is not a list item.
//! A bullet is a line starting with `- `; an emphasized bullet (`- *...`) runs on, across
//! blank lines left by a page break, until the line that closes the emphasis. When the
//! emphasis closes at the foot of a page before the sentence ends, the bullet continues in the
//! next paragraph if that starts in lowercase (the print set the continuation without
//! emphasis).

use crate::text::normalize;

/// The headings and bullets of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// Sections in order; text before the first heading is not a section.
    pub sections: Vec<Section>,
}

/// A heading and the bullets under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading, normalized.
    pub heading: String,
    /// Its line, from 1.
    pub line: usize,
    /// The bullets listed before the next heading.
    pub bullets: Vec<Bullet>,
}

/// One bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    /// The line it starts on, from 1.
    pub line: usize,
    /// Its text without the `- ` marker, normalized (breaks joined, emphasis dropped).
    pub text: String,
}

impl Outline {
    /// Reads the outline of a report.
    pub fn parse(report: &str) -> Outline {
        let lines: Vec<&str> = report.lines().collect();
        let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
        let mut outline = Outline::default();
        let mut open: Option<(usize, String)> = None;
        // A bullet whose emphasis closed at the foot of a page without ending its sentence
        // continues in the next paragraph, printed without emphasis.
        let mut unfinished = false;
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim();
            if let Some((_, text)) = &mut open {
                if !trimmed.is_empty() {
                    text.push('\n');
                    text.push_str(trimmed);
                    if trimmed.ends_with('*') {
                        unfinished = outline.close_bullet(open.take());
                    }
                }
                continue;
            }
            if unfinished && !trimmed.is_empty() {
                unfinished = false;
                if trimmed.starts_with(|c: char| c.is_lowercase()) {
                    unfinished = outline.continue_bullet(trimmed);
                    continue;
                }
            }
            if let Some(rest) = trimmed.strip_prefix("- ") {
                let rest = rest.trim();
                let runs_on = rest.starts_with('*') && !(rest.len() > 1 && rest.ends_with('*'));
                open = Some((i + 1, rest.to_owned()));
                if !runs_on {
                    unfinished = outline.close_bullet(open.take());
                }
            } else if !trimmed.is_empty()
                && (i == 0 || blank(i - 1))
                && blank(i + 1)
                && is_heading(trimmed)
            {
                outline.sections.push(Section {
                    heading: normalize(trimmed),
                    line: i + 1,
                    bullets: Vec::new(),
                });
            }
        }
        outline.close_bullet(open.take());
        outline
    }

    /// Adds a finished bullet; returns whether its sentence is unfinished (no closing
    /// punctuation), so that it may continue after a page break.
    fn close_bullet(&mut self, bullet: Option<(usize, String)>) -> bool {
        let (Some((line, text)), Some(section)) = (bullet, self.sections.last_mut()) else {
            return false;
        };
        let text = normalize(&text);
        let unfinished = !text.ends_with(['.', ';', ':', '!', '?']);
        section.bullets.push(Bullet { line, text });
        unfinished
    }

    /// Appends a paragraph to the last bullet; returns whether it is still unfinished.
    fn continue_bullet(&mut self, paragraph: &str) -> bool {
        let Some(bullet) = self.sections.last_mut().and_then(|s| s.bullets.last_mut()) else {
            return false;
        };
        bullet.text = normalize(&format!("{} {paragraph}", bullet.text));
        !bullet.text.ends_with(['.', ';', ':', '!', '?'])
    }

    /// The section with this heading (compared normalized).
    pub fn section(&self, heading: &str) -> Option<&Section> {
        let heading = normalize(heading);
        self.sections.iter().find(|s| s.heading == heading)
    }

    /// The section and 1-based bullet number of the bullet starting on `line`.
    pub fn bullet_at(&self, line: usize) -> Option<(&Section, usize, &Bullet)> {
        self.sections.iter().find_map(|s| {
            s.bullets
                .iter()
                .position(|b| b.line == line)
                .map(|i| (s, i + 1, &s.bullets[i]))
        })
    }
}

fn is_heading(line: &str) -> bool {
    let numbered = line
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    // a paragraph cut by a page break is long and holds whole sentences; a heading is neither
    !numbered
        && line.chars().count() <= 200
        && !line.contains(". ")
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.starts_with(|c: char| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_bullets() {
        let report = "\
Title

Introduction

Some prose ends here.

A paragraph cut by a page break. It holds sentences and stops mid-way in the

Panel 1: Threats

The panellists agreed:

- *First bullet;*
- *Second bullet runs on across a

page break.*

Panel 2: Next

1. **A numbered item**, not a heading.

- plain bullet
- *Emphasis closed at the foot of a page, mid-way through a*

sentence that ends here.

Not a continuation.
";
        let outline = Outline::parse(report);
        let headings: Vec<_> = outline
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.line))
            .collect();
        assert_eq!(
            headings,
            [
                ("Title", 1),
                ("Introduction", 3),
                ("Panel 1: Threats", 9),
                ("Panel 2: Next", 18)
            ]
        );
        let panel1 = &outline.sections[2];
        assert_eq!(panel1.bullets.len(), 2);
        assert_eq!(
            panel1.bullets[1].text,
            "Second bullet runs on across a page break."
        );
        assert_eq!(panel1.bullets[1].line, 14);
        assert_eq!(outline.sections[3].bullets[0].text, "plain bullet");
        assert_eq!(
            outline.sections[3].bullets[1].text,
            "Emphasis closed at the foot of a page, mid-way through a sentence that ends here."
        );
        assert_eq!(outline.sections[3].bullets.len(), 2);
        let (section, n, _) = outline.bullet_at(14).expect("bullet on line 14");
        assert_eq!((section.heading.as_str(), n), ("Panel 1: Threats", 2));
    }
}
