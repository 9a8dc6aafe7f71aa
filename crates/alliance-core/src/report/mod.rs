//! Reads a report: its section headings, the lists under each with the label their lead-in
//! states, the people each section names with their roles and affiliations, and the title
//! page's facts and figures. One parser, for the loader (which checks where each
//! recommendation says it comes from), alliance-import (which drafts a conference from it),
//! alliance-lint (which checks the dataset against it) and the tests.
//!
//! A report is Markdown converted from print (the seed's kind) or plain text from a PDF's text
//! layer ([`Format`]); both read to the same outline, with lines pointing into the file read.
//! [`Clean`] takes out the page furniture of plain text (headers, footers, page numbers, words
//! split at a line's end); [`Clean::normalized`] is the report's text as a verbatim comparison
//! searches it, with a map back to lines.
//!
//! Headings are plain lines: a paragraph of one short line (up to three lines in plain text,
//! where a long heading wraps) that holds no full sentence, does not end like one (`.`, `,`,
//! `;`, `:`), does not start in lowercase and is not a list item. How list items are found is
//! in `blocks.rs`; the people in [`Person`]; the title page in [`TitlePage`].
//!
//! ```
//! use alliance_core::report::{Label, Outline};
//!
//! let report = "Panel 1: Threats\n\nThis panel was moderated by **Ann Example**, Director, \
//!               Example Office.\n\nThe panellists agreed upon the following recommendations:\n\n\
//!               - *Act now;*\n- *Act together.*\n";
//! let outline = Outline::parse(report);
//! let panel = &outline.sections[0];
//! assert_eq!(panel.lists[0].label, Some(Label::Recommendations));
//! assert_eq!((panel.bullets[1].line, panel.bullets[1].number), (8, 2));
//! assert_eq!(panel.people[0].name, "Ann Example");
//! ```

mod blocks;
mod clean;
mod facts;
mod people;

use std::ops::Range;

pub use clean::{Clean, Format, Line};
pub use facts::{Fact, Figure, TitlePage};
pub use people::{Group, GroupRole, Person, Role};

use crate::text::normalize;
use blocks::{Block, Kind};

/// The headings, lists, paragraphs and people of a report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// The paragraphs and headings before the first section with prose (the title page), in
    /// order.
    pub front: Vec<Paragraph>,
    /// Sections in order; text before the first heading is not a section.
    pub sections: Vec<Section>,
}

/// A heading and what stands under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading, normalized.
    pub heading: String,
    /// Its line, from 1.
    pub line: usize,
    /// Every list item before the next heading, in order (see [`Section::lists`] for which
    /// list each belongs to).
    pub bullets: Vec<Bullet>,
    /// The lists, in order.
    pub lists: Vec<List>,
    /// The paragraphs that are not list items, in order; a paragraph cut by a page break is
    /// one.
    pub paragraphs: Vec<Paragraph>,
    /// The people the paragraphs name, in order, each person once per role.
    pub people: Vec<Person>,
    /// Roles the section gives to people of other sessions as a group ("the Rapporteurs of the
    /// preceding panels ... featured as speakers").
    pub groups: Vec<GroupRole>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bullet {
    /// The line it starts on, from 1.
    pub line: usize,
    /// Its text without the marker, normalized (breaks joined, emphasis dropped).
    pub text: String,
    /// Its number in its list, from 1.
    pub number: usize,
    /// Its list: an index into [`Section::lists`].
    pub list: usize,
}

/// Consecutive items of a section with no paragraph between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    /// Its items: a range of [`Section::bullets`].
    pub bullets: Range<usize>,
    /// The paragraph right before it that introduces it: an index into
    /// [`Section::paragraphs`].
    pub lead_in: Option<usize>,
    /// What the lead-in calls the items.
    pub label: Option<Label>,
    /// Whether the items are numbered (`1.`) rather than bulleted.
    pub numbered: bool,
}

/// What a report calls a list: the ids of `data/vocabularies/labels.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// "recommendations"
    Recommendations,
    /// "findings"
    Findings,
    /// "conclusions"
    Conclusions,
}

impl Label {
    /// The vocabulary id.
    pub fn id(self) -> &'static str {
        match self {
            Label::Recommendations => "recommendations",
            Label::Findings => "findings",
            Label::Conclusions => "conclusions",
        }
    }

    /// The label the last of the words "recommendation(s)", "finding(s)" or "conclusion(s)"
    /// in a lead-in names.
    pub fn of_lead_in(text: &str) -> Option<Label> {
        let lower = text.to_lowercase();
        let words = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        words.fold(None, |found, w| match w.trim_end_matches('s') {
            "recommendation" => Some(Label::Recommendations),
            "finding" => Some(Label::Findings),
            "conclusion" => Some(Label::Conclusions),
            _ => found,
        })
    }
}

/// A paragraph (or a heading, in [`Outline::front`]): its text normalized, and where each of
/// its lines starts in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The line it starts on, from 1.
    pub line: usize,
    /// Its lines normalized and joined by single spaces.
    pub text: String,
    /// For each line with words, the byte of `text` it starts at and its number.
    pub starts: Vec<(usize, usize)>,
}

impl Paragraph {
    fn of(block: &Block) -> Paragraph {
        if let [(number, _)] = block.lines() {
            // one line: its text is the block's
            let text = block.text().to_owned();
            let starts = if text.is_empty() {
                Vec::new()
            } else {
                vec![(0, *number)]
            };
            return Paragraph {
                line: *number,
                text,
                starts,
            };
        }
        let mut text = String::new();
        let mut starts = Vec::new();
        for (number, line) in block.lines() {
            let line = normalize(line);
            if line.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push((text.len(), *number));
            text.push_str(&line);
        }
        Paragraph {
            line: block.line(),
            text,
            starts,
        }
    }

    /// The line of the byte `at` of [`Paragraph::text`].
    pub fn line_at(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|&(start, _)| start <= at);
        self.starts
            .get(i.saturating_sub(1))
            .map_or(self.line, |&(_, l)| l)
    }
}

impl Outline {
    /// Reads the outline of a report in the [`Format`] its text shows.
    pub fn parse(report: &str) -> Outline {
        Outline::of(&Clean::new(report))
    }

    /// Reads the outline of a report's lines of content.
    pub fn of(clean: &Clean<'_>) -> Outline {
        let mut outline = Outline::structure(clean);
        people::find(&mut outline.sections);
        outline
    }

    /// Reads the headings, lists and paragraphs of a report's lines of content, not the people
    /// ([`Section::people`] and [`Section::groups`] stay empty): what the loader needs to check
    /// source locations, at less cost.
    pub fn structure(clean: &Clean<'_>) -> Outline {
        let blocks = merge_paragraphs(blocks::blocks(clean), clean.format);
        let mut outline = Outline::default();
        let mut front = Vec::new();
        for block in &blocks {
            if block.kind == Kind::Paragraph && is_heading_block(block, clean.format) {
                outline.sections.push(Section {
                    heading: block.text().to_owned(),
                    line: block.line(),
                    bullets: Vec::new(),
                    lists: Vec::new(),
                    paragraphs: Vec::new(),
                    people: Vec::new(),
                    groups: Vec::new(),
                });
                continue;
            }
            let Some(section) = outline.sections.last_mut() else {
                front.push(Paragraph::of(block));
                continue;
            };
            match block.kind {
                Kind::Paragraph => section.paragraphs.push(Paragraph::of(block)),
                Kind::Item { numbered } => section.push_item(block, numbered),
            }
        }
        // the title page: what comes before the first section with prose (a paragraph that
        // ends a sentence), its headings and its lines that are no sentence alike
        let first_prose = outline
            .sections
            .iter()
            .position(|s| s.paragraphs.iter().any(|p| blocks::finished(&p.text)))
            .unwrap_or(outline.sections.len());
        for s in &outline.sections[..first_prose] {
            front.push(Paragraph {
                line: s.line,
                text: s.heading.clone(),
                starts: vec![(0, s.line)],
            });
            front.extend(s.paragraphs.iter().cloned());
        }
        front.sort_by_key(|p| p.line);
        outline.front = front;
        outline
    }

    /// The section with this heading (compared normalized).
    pub fn section(&self, heading: &str) -> Option<&Section> {
        let heading = normalize(heading);
        self.sections.iter().find(|s| s.heading == heading)
    }

    /// The section and 1-based number in its list of the bullet starting on `line`.
    pub fn bullet_at(&self, line: usize) -> Option<(&Section, usize, &Bullet)> {
        self.sections.iter().find_map(|s| {
            s.bullets
                .iter()
                .find(|b| b.line == line)
                .map(|b| (s, b.number, b))
        })
    }

    /// Every bullet of a list the report labels ("recommendations", "findings",
    /// "conclusions"), with its section and label, in report order: the bullets a dataset
    /// quotes.
    pub fn labelled_bullets(&self) -> impl Iterator<Item = (&Section, Label, &Bullet)> {
        self.sections.iter().flat_map(|s| {
            s.bullets
                .iter()
                .filter_map(move |b| Some((s, s.lists.get(b.list)?.label?, b)))
        })
    }
}

impl Section {
    fn push_item(&mut self, block: &Block, numbered: bool) {
        let previous_is_item = self.bullets.last().is_some_and(|b| {
            let list = &self.lists[b.list];
            list.numbered == numbered && self.paragraphs.last().is_none_or(|p| p.line < b.line)
        });
        if !previous_is_item {
            let lead_in = self.paragraphs.len().checked_sub(1).filter(|&i| {
                self.bullets
                    .last()
                    .is_none_or(|b| b.line < self.paragraphs[i].line)
            });
            let label = lead_in.and_then(|i| Label::of_lead_in(&self.paragraphs[i].text));
            self.lists.push(List {
                bullets: self.bullets.len()..self.bullets.len(),
                lead_in,
                label,
                numbered,
            });
        }
        let list = self.lists.len() - 1;
        let number = self.lists[list].bullets.len() + 1;
        self.lists[list].bullets.end += 1;
        self.bullets.push(Bullet {
            line: block.line(),
            text: block.text().to_owned(),
            number,
            list,
        });
    }
}

/// Joins a paragraph cut by a page break: one that does not end a sentence, followed by one
/// that starts in lowercase, or after a comma or a word that cannot end a sentence ("and",
/// "of", "the", ...). A heading is never joined, nor joined to.
fn merge_paragraphs(blocks: Vec<Block>, format: Format) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        if let Some(last) = out.last_mut()
            && last.kind == Kind::Paragraph
            && block.kind == Kind::Paragraph
            && !is_heading_block(last, format)
            && !is_heading_block(&block, format)
            && !last.finished()
        {
            let text = last.text();
            let next = block.lines().first().map_or("", |(_, t)| t.as_str());
            if text.ends_with(',')
                || ends_with_connective(text)
                || next.starts_with(|c: char| c.is_lowercase())
            {
                last.append(block);
                continue;
            }
        }
        out.push(block);
    }
    out
}

fn is_heading_block(block: &Block, format: Format) -> bool {
    let max_lines = match format {
        Format::Markdown => 1,
        Format::Plain => 3,
    };
    block.blank_before
        && block.blank_after
        && block.lines().len() <= max_lines
        && is_heading(block.text())
}

/// Whether a text ends with a word that cannot end a sentence ("and", "of", "the", ...).
fn ends_with_connective(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "and" | "or" | "of" | "the" | "a" | "an" | "with" | "by" | "to" | "for" | "in"
    )
}

fn is_heading(line: &str) -> bool {
    // the checks that look at an end first: most paragraphs end a sentence. A numbered line
    // ("1. Text") holds ". ", as a full sentence does; a paragraph cut by a page break is long
    // and holds whole sentences; a heading is neither
    !line.is_empty()
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.starts_with(|c: char| c.is_lowercase())
        && !ends_with_connective(line)
        && !line.contains(". ")
        && line.chars().count() <= 200
}

#[cfg(test)]
mod tests;
