//! A report's lines of content as blocks: paragraphs and list items, each with its lines.
//!
//! Markdown (the seed's kind): a list item is a line starting with `- ` or a number and `. `;
//! an emphasized item (`- *...`) runs on, across blank lines left by a page break, until the
//! line that closes the emphasis; any other item is its line. Plain text: an item starts with
//! `•`, `◦`, `▪`, `●`, `–`, `—`, `-`, `*` or a number and `.` or `)`, after a blank line, a
//! line ending in `:`, `;` or `.`, or another item; its wrapped lines follow it, and it runs
//! on across a blank line (a page break) while its sentence is unfinished and the next line is
//! indented under its text or starts in lowercase. In both, an item whose sentence is
//! unfinished continues in the next paragraph when that starts in lowercase (the print set the
//! continuation of an emphasized bullet without emphasis).

use std::cell::OnceCell;

use super::clean::{Clean, Format};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Paragraph,
    /// A list item; `numbered` for `1.`-style markers.
    Item {
        numbered: bool,
    },
}

/// A paragraph or a list item.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) kind: Kind,
    /// Its lines: number and text (an item's first line without its marker); changed only
    /// through [`Block::push_line`] and [`Block::append`], which forget [`Block::text`].
    lines: Vec<(usize, String)>,
    /// Its lines normalized as one text, made at the first [`Block::text`]: whether it is a
    /// heading, ends a sentence and what it says are all asked of this.
    text: OnceCell<String>,
    /// Whether a blank line (or the start of the text) comes right before it.
    pub(super) blank_before: bool,
    /// Whether a blank line (or the end of the text) comes right after it.
    pub(super) blank_after: bool,
    /// For an item: the column its marker is at.
    indent: usize,
}

impl Block {
    /// The line it starts on.
    pub(super) fn line(&self) -> usize {
        self.lines.first().map_or(0, |l| l.0)
    }

    /// Its lines: number and text.
    pub(super) fn lines(&self) -> &[(usize, String)] {
        &self.lines
    }

    /// Adds a line.
    fn push_line(&mut self, number: usize, text: &str) {
        self.lines.push((number, text.to_owned()));
        self.text = OnceCell::new();
    }

    /// Adds the lines of `next` (a paragraph continued after a page break), and its blank
    /// line after.
    pub(super) fn append(&mut self, next: Block) {
        self.lines.extend(next.lines);
        self.blank_after = next.blank_after;
        self.text = OnceCell::new();
    }

    /// Its lines joined by line breaks and normalized ([`crate::text::normalize`]).
    pub(super) fn text(&self) -> &str {
        self.text.get_or_init(|| match self.lines.as_slice() {
            [(_, line)] => crate::text::normalize(line),
            lines => {
                let raw: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
                crate::text::normalize(&raw.join("\n"))
            }
        })
    }

    /// Whether its text ends a sentence or a list entry.
    pub(super) fn finished(&self) -> bool {
        finished(self.text())
    }
}

/// Whether a normalized text ends like a sentence or a list entry.
pub(super) fn finished(text: &str) -> bool {
    text.ends_with(['.', ';', ':', '!', '?'])
}

/// The blocks of a report, in order.
pub(super) fn blocks(clean: &Clean<'_>) -> Vec<Block> {
    let mut b = Builder::default();
    for (number, text) in clean.iter() {
        match clean.format {
            Format::Markdown => b.markdown(number, text),
            Format::Plain => b.plain(number, text),
        }
    }
    b.close();
    b.done
}

#[derive(Default)]
struct Builder {
    done: Vec<Block>,
    open: Option<Block>,
    /// The open item's emphasis runs on (Markdown).
    runs_on: bool,
    /// The last item closed with its sentence unfinished.
    unfinished: bool,
    /// Blank lines since the last line of content.
    gap: bool,
    /// Nothing but blank lines so far.
    started: bool,
}

impl Builder {
    fn close(&mut self) {
        if let Some(mut block) = self.open.take() {
            block.blank_after = true;
            if block.kind != Kind::Paragraph {
                self.unfinished = !block.finished();
            }
            self.done.push(block);
        }
        self.runs_on = false;
    }

    /// Closes the open block because content follows right after it (no blank line).
    fn close_tight(&mut self) {
        if self.open.is_some() {
            self.close();
            if let Some(b) = self.done.last_mut() {
                b.blank_after = false;
            }
        }
    }

    fn start(&mut self, kind: Kind, number: usize, text: &str, indent: usize) {
        self.open = Some(Block {
            kind,
            lines: vec![(number, text.to_owned())],
            text: OnceCell::new(),
            blank_before: self.gap || !self.started,
            blank_after: false,
            indent,
        });
        self.started = true;
        self.gap = false;
    }

    /// Appends a line to the last item closed (a continuation after a page break).
    fn continue_last(&mut self, number: usize, text: &str) -> bool {
        let Some(last) = self.done.last_mut().filter(|b| b.kind != Kind::Paragraph) else {
            return false;
        };
        last.push_line(number, text);
        self.unfinished = !last.finished();
        self.gap = false;
        true
    }

    fn markdown(&mut self, number: usize, line: &str) {
        let t = line.trim();
        if self.runs_on {
            if !t.is_empty()
                && let Some(open) = &mut self.open
            {
                open.push_line(number, t);
                if t.ends_with('*') {
                    self.close();
                }
            }
            return;
        }
        if t.is_empty() {
            if self.open.is_some() {
                self.close();
            }
            self.gap = true;
            return;
        }
        if std::mem::take(&mut self.unfinished)
            && t.starts_with(|c: char| c.is_lowercase())
            && self.open.is_none()
            && self.continue_last(number, t)
        {
            return;
        }
        if let Some(rest) = t.strip_prefix("- ") {
            self.close_tight();
            let rest = rest.trim();
            self.start(Kind::Item { numbered: false }, number, rest, 0);
            if rest.starts_with('*') && !(rest.len() > 1 && rest.ends_with('*')) {
                self.runs_on = true;
            } else {
                self.close();
            }
        } else if let Some(rest) = numbered(t) {
            self.close_tight();
            self.start(Kind::Item { numbered: true }, number, rest, 0);
            self.close();
        } else if let Some(open) = self.open.as_mut().filter(|b| b.kind == Kind::Paragraph) {
            open.push_line(number, t);
        } else {
            self.close_tight();
            self.start(Kind::Paragraph, number, t, 0);
        }
    }

    fn plain(&mut self, number: usize, line: &str) {
        let t = line.trim();
        if t.is_empty() {
            if self
                .open
                .as_ref()
                .is_some_and(|b| b.kind == Kind::Paragraph)
            {
                self.close();
            }
            self.gap = true;
            return;
        }
        let indent = line.len() - line.trim_start().len();
        let marker = self.marker(t);
        let after_gap = self.gap;
        if let Some(open) = &mut self.open
            && open.kind != Kind::Paragraph
        {
            let runs_on = !after_gap
                || (!open.finished()
                    && (t.starts_with(|c: char| c.is_lowercase()) || indent > open.indent));
            if marker.is_none() && runs_on {
                open.push_line(number, t);
                self.gap = false;
                return;
            }
            if after_gap {
                self.close();
            } else {
                self.close_tight();
            }
        }
        if std::mem::take(&mut self.unfinished)
            && marker.is_none()
            && self.open.is_none()
            && t.starts_with(|c: char| c.is_lowercase())
            && self.continue_last(number, t)
        {
            return;
        }
        if let Some((rest, numbered)) = marker {
            self.close_tight();
            self.start(Kind::Item { numbered }, number, rest, indent);
        } else if let Some(open) = self.open.as_mut().filter(|b| b.kind == Kind::Paragraph) {
            open.push_line(number, t);
        } else {
            self.close_tight();
            self.start(Kind::Paragraph, number, t, indent);
        }
    }

    /// The text after a plain-text list marker, when the line starts an item here.
    fn marker<'t>(&self, t: &'t str) -> Option<(&'t str, bool)> {
        let may_start = self.gap
            || !self.started
            || self
                .open
                .as_ref()
                .is_some_and(|b| b.kind != Kind::Paragraph)
            || self.open.as_ref().is_some_and(|b| {
                b.lines
                    .last()
                    .is_some_and(|(_, l)| l.ends_with([':', ';', '.']))
            });
        if !may_start {
            return None;
        }
        if let Some(rest) = numbered(t) {
            return Some((rest, true));
        }
        let mut chars = t.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        let bullet = matches!(
            first,
            '•' | '◦' | '▪' | '●' | '‣' | '–' | '—' | '-' | '*' | '\u{f0b7}'
        );
        (bullet && rest.starts_with(char::is_whitespace)).then(|| (rest.trim_start(), false))
    }
}

/// The text after a `1.` or `1)` marker (one or two digits and a space).
fn numbered(t: &str) -> Option<&str> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = t[digits..].strip_prefix(['.', ')'])?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}
