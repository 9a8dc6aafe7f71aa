//! Verbatim checks against a report: is a quotation in the report, and if not, which passage
//! of the report is closest and which words differ.
//!
//! Only what is not content is normalized (see [`alliance_core::text::normalize`]): emphasis
//! markers, Markdown links, line and page breaks. Each report is indexed once per run, and only
//! as far as needed: up front its whole normalized text (printed affiliations and figures,
//! which have no source line, search all of it) and its bullets, each a byte range of that
//! text; the text folded when a quotation is not verbatim; its words when a closest passage is
//! wanted. A quotation that is found costs one substring search of its bullet, or of the
//! report. [`Quotations`] compares every quotation of a dataset once, on every core, and keeps
//! those that are not verbatim for the rules that report them.

use std::sync::OnceLock;

use alliance_core::report::Clean;
use alliance_core::text::normalized;
use memchr::memmem;
use rayon::iter::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::context::Authority;

/// A report's text, normalized, the costly parts built the first time they are needed.
#[derive(Debug)]
pub struct ReportIndex {
    /// The whole report normalized.
    full: Full,
    /// Each bullet as the line it starts on and the bytes of [`Full::text`] that are its
    /// normalized text, in line order: one copy of the report's text, not two.
    bullets: Vec<(u32, u32, u32)>,
    /// The normalized text of a bullet that is not bytes of [`Full::text`], by its line; none
    /// is known (see [`Full::bullet`]), but `find_at` must compare with the outline's text.
    other_bullets: FxHashMap<usize, String>,
    /// The whole report folded, built the first time a quotation is not in the report.
    folded: OnceLock<String>,
    /// The whole report as words, built the first time a closest passage is wanted.
    words: OnceLock<Words>,
    /// The affiliations the report prints after its people's names, as the outline reads
    /// them: each is bytes of [`Full::text`].
    affiliations: FxHashSet<String>,
}

/// A report's whole text, normalized: its words joined by single spaces.
#[derive(Debug)]
struct Full {
    text: String,
    /// For each line that has words, the byte of `text` its first word starts at, and the line.
    lines: Vec<(usize, usize)>,
}

/// A report's words: where each is in [`Full::text`], its line, and a number per distinct word.
#[derive(Debug)]
struct Words {
    spans: Vec<(usize, usize)>,
    lines: Vec<usize>,
    ids: Vec<u32>,
    vocabulary: FxHashMap<Box<str>, u32>,
}

/// What a quotation is, compared with a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Verbatim.
    Exact,
    /// The same but for quotation marks or dashes; the first differing character of the
    /// quotation (char index) and the report's character there.
    Punctuation {
        /// The first differing character of the quotation (char index).
        at: usize,
        /// The quotation's character there.
        quote: char,
        /// The report's character there.
        report: char,
    },
    /// Not in the report; the closest passage and a word diff.
    Missing(Closest),
}

/// The passage of a report closest to a quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closest {
    /// Line of the report where the passage starts.
    pub line: usize,
    /// The passage; empty when no word of the quotation is in the report (nothing is close).
    pub passage: String,
    /// The quotation with the words that differ marked: `{-report-}{+quotation+}`.
    pub diff: String,
    /// The first word of the quotation that is not in the report, if any.
    pub first_wrong_word: Option<String>,
}

/// Where a quotation is in its report ([`ReportIndex::place`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The report line it starts on.
    pub line: usize,
    /// The bullet that holds it, if one does.
    pub bullet: Option<BulletPlace>,
}

/// The bullet that holds a quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulletPlace {
    /// The line the bullet starts on.
    pub line: usize,
    /// Whether the quotation is the whole bullet.
    pub whole: bool,
}

/// Every quotation of a dataset compared with its report, once, for the rules that read the
/// comparison (`not-verbatim`, `mismatched-punctuation`). Only the quotations that are not
/// verbatim are kept, in the dataset's order.
#[derive(Debug, Default)]
pub struct Quotations {
    /// Recommendation texts, by position in `Dataset::recommendations`.
    pub recommendations: Vec<(usize, Match)>,
    /// Printed affiliations, by position of the person in `Dataset::people` and of the
    /// affiliation in the person's.
    pub affiliations: Vec<((usize, usize), Match)>,
    /// Printed figures, by position of the conference and of the figure in the conference's.
    pub figures: Vec<((usize, usize), Match)>,
}

impl Quotations {
    /// Compares every quotation that has a report, on every core.
    pub fn new(cx: &Authority<'_>) -> Self {
        let ds = cx.ds;
        let inexact = |m: Match| (m != Match::Exact).then_some(m);
        let recommendations = ds
            .recommendations
            .par_iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let report = &cx.report(&r.conference)?.index;
                inexact(report.find_at(&r.text, r.source.line as usize)).map(|m| (i, m))
            })
            .collect();
        let affiliations = ds
            .people
            .par_iter()
            .enumerate()
            .flat_map_iter(|(p, person)| {
                person
                    .affiliations
                    .iter()
                    .enumerate()
                    .filter_map(move |(a, aff)| {
                        let report = &cx.report(&aff.conference)?.index;
                        inexact(report.find_affiliation(&aff.as_printed)).map(|m| ((p, a), m))
                    })
            })
            .collect();
        let figures = ds
            .conferences
            .par_iter()
            .enumerate()
            .flat_map_iter(|(c, conference)| {
                let report = cx.report(&conference.id).map(|r| &r.index);
                conference
                    .figures
                    .iter()
                    .enumerate()
                    .filter_map(move |(f, figure)| {
                        inexact(report?.find(&figure.as_printed)).map(|m| ((c, f), m))
                    })
            })
            .collect();
        Quotations {
            recommendations,
            affiliations,
            figures,
        }
    }
}

impl ReportIndex {
    /// Indexes a report's text and bullets; the rest is indexed when first needed.
    pub fn new(report: &str) -> Self {
        let clean = Clean::new(report);
        Self::from_outline(&clean, &alliance_core::report::Outline::of(&clean))
    }

    /// [`Self::new`] with the report already cleaned and its outline read.
    pub fn from_outline(clean: &Clean<'_>, outline: &alliance_core::report::Outline) -> Self {
        let full = Full::new(clean);
        let mut bullets = Vec::new();
        let mut other_bullets = FxHashMap::default();
        for bullet in outline.sections.iter().flat_map(|s| &s.bullets) {
            match full.bullet(bullet.line, &bullet.text) {
                Some(range) => bullets.push(range),
                None => {
                    other_bullets.insert(bullet.line, bullet.text.clone());
                }
            }
        }
        // sections and their bullets come in line order; sorting costs nothing then
        bullets.sort_unstable_by_key(|&(line, _, _)| line);
        let affiliations = outline
            .sections
            .iter()
            .flat_map(|s| &s.people)
            .filter_map(|p| p.affiliation.clone())
            .collect();
        ReportIndex {
            full,
            bullets,
            other_bullets,
            folded: OnceLock::new(),
            words: OnceLock::new(),
            affiliations,
        }
    }

    /// The normalized text of the bullet starting on `line`.
    pub fn bullet(&self, line: usize) -> Option<&str> {
        let found = u32::try_from(line).ok().and_then(|line| {
            let i = self
                .bullets
                .binary_search_by_key(&line, |&(l, _, _)| l)
                .ok()?;
            let (_, start, end) = self.bullets[i];
            Some(&self.full.text[start as usize..end as usize])
        });
        found.or_else(|| self.other_bullets.get(&line).map(String::as_str))
    }

    /// Where a quotation that is word for word in the report is: the line it starts on, and
    /// the bullet whose text holds it, if one does (`None` when it is in a narrative
    /// paragraph, or not in the report at all).
    pub fn place(&self, quote: &str) -> Option<Place> {
        let quote = normalized(quote);
        if quote.is_empty() {
            return None;
        }
        let full = &self.full;
        let at = find_words(&full.text, &quote)?;
        let i = full.lines.partition_point(|&(start, _)| start <= at);
        let line = full.lines.get(i.checked_sub(1)?)?.1;
        let b = self
            .bullets
            .partition_point(|&(_, start, _)| start as usize <= at);
        let bullet = b.checked_sub(1).and_then(|b| {
            let (bullet_line, start, end) = self.bullets[b];
            (at + quote.len() <= end as usize).then_some(BulletPlace {
                line: bullet_line as usize,
                whole: at == start as usize && at + quote.len() == end as usize,
            })
        });
        Some(Place { line, bullet })
    }

    fn folded(&self) -> &str {
        self.folded.get_or_init(|| fold(&self.full.text))
    }

    fn words(&self) -> &Words {
        self.words.get_or_init(|| Words::new(&self.full))
    }
}

impl Full {
    /// The report's words as the outline reads them: page furniture of a plain-text report
    /// (headers, footers, page numbers) left out and words split by a line-end hyphen joined.
    fn new(clean: &Clean<'_>) -> Full {
        let (text, lines) = clean.normalized();
        Full { text, lines }
    }

    /// Where a bullet's normalized `text`, starting on `line`, is in [`Full::text`]: right
    /// after the `- ` that starts its line. The outline joins a bullet's lines (and a
    /// continuation after a page break) as this text joins every line, so it always is there;
    /// checked all the same, for the bullet's text is what `find_at` compares.
    fn bullet(&self, line: usize, text: &str) -> Option<(u32, u32, u32)> {
        let i = self.lines.binary_search_by_key(&line, |&(_, l)| l).ok()?;
        let start = self.lines[i].0 + "- ".len();
        let end = start + text.len();
        (self.text.get(start..end) == Some(text)).then_some(())?;
        Some((
            u32::try_from(line).ok()?,
            u32::try_from(start).ok()?,
            u32::try_from(end).ok()?,
        ))
    }
}

impl Words {
    fn new(full: &Full) -> Words {
        let mut words = Words {
            spans: Vec::new(),
            lines: Vec::new(),
            ids: Vec::new(),
            vocabulary: FxHashMap::default(),
        };
        if full.text.is_empty() {
            // no words, not one empty word
            return words;
        }
        let mut line = 0;
        let mut start = 0;
        for word in full.text.split(' ') {
            while full.lines.get(line + 1).is_some_and(|&(at, _)| at <= start) {
                line += 1;
            }
            let next = words.vocabulary.len() as u32;
            let id = *words.vocabulary.entry(word.into()).or_insert(next);
            words.spans.push((start, start + word.len()));
            words
                .lines
                .push(full.lines.get(line).map_or(1, |&(_, l)| l));
            words.ids.push(id);
            start += word.len() + 1;
        }
        words
    }

    fn len(&self) -> usize {
        self.ids.len()
    }

    fn word<'t>(&self, full: &'t Full, i: usize) -> &'t str {
        let (start, end) = self.spans[i];
        &full.text[start..end]
    }
}

impl ReportIndex {
    /// Like [`Self::find`], but first looks in the bullet starting on `line`: a quotation
    /// found there costs its own length, not the report's, so checking every recommendation of
    /// a large dataset stays linear.
    pub fn find_at(&self, quote: &str, line: usize) -> Match {
        if let Some(bullet) = self.bullet(line) {
            let normalized = normalized(quote);
            if !normalized.is_empty()
                && (*bullet == *normalized || contains_words(bullet, &normalized))
            {
                return Match::Exact;
            }
        }
        self.find(quote)
    }

    /// Like [`Self::find`], for an affiliation as printed: one the outline read after a
    /// person's name is verbatim at once, without a search of the whole report (a section
    /// naming thousands of people would search it once for each).
    pub fn find_affiliation(&self, printed: &str) -> Match {
        if self.affiliations.contains(normalized(printed).as_ref()) {
            return Match::Exact;
        }
        self.find(printed)
    }

    /// Compares a quotation with the report. A quotation that is there costs one substring
    /// search of the report's normalized text; folding and the closest passage are only
    /// computed for the others.
    pub fn find(&self, quote: &str) -> Match {
        let quote = normalized(quote);
        if quote.is_empty() {
            return Match::Missing(self.closest(&quote));
        }
        let full = &self.full;
        if contains_words(&full.text, &quote) {
            return Match::Exact;
        }
        let folded = fold(&quote);
        let report_folded = self.folded();
        if let Some(byte) = find_words(report_folded, &folded) {
            let start = report_folded[..byte].chars().count();
            let report = full.text.chars().skip(start);
            if let Some((at, (q, r))) = quote
                .chars()
                .zip(report)
                .enumerate()
                .find(|(_, (q, r))| q != r)
            {
                return Match::Punctuation {
                    at,
                    quote: q,
                    report: r,
                };
            }
        }
        Match::Missing(self.closest(&quote))
    }

    /// The window of the report with the most words in common with the quotation, and a word
    /// diff against it. Linear in the report's length.
    fn closest(&self, quote: &str) -> Closest {
        let full = &self.full;
        let words = self.words();
        let q: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
        let n = q.len().max(1).min(words.len().max(1));
        // a slot for each distinct word of the quotation that the report has; the report's
        // other words can never be in common
        const NONE: u32 = u32::MAX;
        let mut slot = vec![NONE; words.vocabulary.len()];
        let mut want: Vec<i64> = Vec::new();
        for w in &q {
            if let Some(&id) = words.vocabulary.get(*w) {
                let s = &mut slot[id as usize];
                if *s == NONE {
                    *s = want.len() as u32;
                    want.push(0);
                }
                want[*s as usize] += 1;
            }
        }
        let mut have = vec![0i64; want.len()];
        let mut overlap = 0i64;
        let mut best = (0i64, 0usize);
        for i in 0..words.len() {
            let s = slot[words.ids[i] as usize];
            if s != NONE {
                let s = s as usize;
                have[s] += 1;
                if have[s] <= want[s] {
                    overlap += 1;
                }
            }
            if i >= n {
                let s = slot[words.ids[i - n] as usize];
                if s != NONE {
                    let s = s as usize;
                    if have[s] <= want[s] {
                        overlap -= 1;
                    }
                    have[s] -= 1;
                }
            }
            if overlap > best.0 {
                best = (overlap, (i + 1).saturating_sub(n));
            }
        }
        // a little slack past the window, for words the quotation dropped; removals at either
        // end of the diff are the slack, not differences
        let start = best.1;
        let end = (start + n + SLACK).min(words.len());
        let window: Vec<&str> = (start..end).map(|i| words.word(full, i)).collect();
        let (mut ops, first_wrong_word) = word_diff(&window, &q);
        while matches!(ops.last(), Some(Op::Removed(_))) {
            ops.pop();
        }
        let lead = ops
            .iter()
            .take_while(|op| matches!(op, Op::Removed(_)))
            .count();
        let ops = &ops[lead..];
        let passage: Vec<&str> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Same(w) | Op::Removed(w) => Some(*w),
                Op::Added(_) => None,
            })
            .collect();
        let diff = ops.iter().map(Op::render).collect::<Vec<_>>().join(" ");
        let start = start + lead;
        Closest {
            line: words.lines.get(start).copied().unwrap_or(1),
            // no word of the quotation is in the report: no passage is close
            passage: if best.0 == 0 {
                String::new()
            } else {
                passage.join(" ")
            },
            diff,
            first_wrong_word,
        }
    }
}

/// Folds quotation marks and dashes to their ASCII forms (one char for one char).
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// Whether `needle` occurs in `haystack` starting and ending at word boundaries.
pub(crate) fn contains_words(haystack: &str, needle: &str) -> bool {
    find_words(haystack, needle).is_some()
}

/// The first of the non-overlapping occurrences of `needle` (as `str::match_indices` finds
/// them) that starts and ends at word boundaries.
fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    memmem::find_iter(haystack.as_bytes(), needle.as_bytes()).find(|&i| {
        let (Some(head), Some(tail)) = (haystack.get(..i), haystack.get(i + needle.len()..)) else {
            return false;
        };
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        boundary(head.chars().next_back()) && boundary(tail.chars().next())
    })
}

/// Words of the report past the best window that a diff may use.
const SLACK: usize = 3;

/// One step of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

impl Op<'_> {
    /// `word`, `{-report word-}` or `{+quotation word+}`.
    fn render(&self) -> String {
        match self {
            Op::Same(w) => (*w).to_owned(),
            Op::Removed(w) => format!("{{-{w}-}}"),
            Op::Added(w) => format!("{{+{w}+}}"),
        }
    }
}

/// A word diff of `new` against `old` (longest common subsequence), removals before additions
/// at the same place; also the first added word.
fn word_diff<'a>(old: &[&'a str], new: &[&'a str]) -> (Vec<Op<'a>>, Option<String>) {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    let mut first_wrong = None;
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            ops.push(Op::Same(old[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j]) {
            first_wrong.get_or_insert_with(|| new[j].to_owned());
            ops.push(Op::Added(new[j]));
            j += 1;
        } else {
            ops.push(Op::Removed(old[i]));
            i += 1;
        }
    }
    (ops, first_wrong)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "Intro line.\n\n- *Youth policies have to be revisited, revised and\n\nredesigned to meet contemporary challenges;*\n- *A child, present or missing, is a child – every case deserves attention;*\n";

    #[test]
    fn exact_across_breaks_and_emphasis() {
        let index = ReportIndex::new(REPORT);
        assert_eq!(
            index.find("Youth policies have to be revisited, revised and redesigned"),
            Match::Exact
        );
        // a quotation must start and end on word boundaries
        assert!(matches!(index.find("outh policies"), Match::Missing(_)));
    }

    #[test]
    fn punctuation_only() {
        let index = ReportIndex::new(REPORT);
        assert_eq!(
            index.find("is a child - every case"),
            Match::Punctuation {
                at: 11,
                quote: '-',
                report: '–'
            }
        );
    }

    #[test]
    fn closest_passage_and_word_diff() {
        let index = ReportIndex::new(REPORT);
        let Match::Missing(closest) =
            index.find("Youth policies must be revisited, revised and redesigned")
        else {
            panic!("not missing");
        };
        assert_eq!(closest.line, 3);
        assert_eq!(
            closest.diff,
            "Youth policies {-have-} {-to-} {+must+} be revisited, revised and redesigned"
        );
        assert_eq!(closest.first_wrong_word.as_deref(), Some("must"));
    }

    #[test]
    fn bullets_are_ranges_of_the_whole_text() {
        // page breaks inside a bullet, a continuation after one, a marker that leaves
        // nothing on its line, emphasis by underscores, a link
        let report = "Intro\n\nPanel\n\n- *First runs on across a\n\npage break;*\n- *Emphasis closed at the foot of a*\n\nsentence that ends here.\n-  _under_ [a link](https://example.org) here.\n- *\nnext line.*\n";
        let index = ReportIndex::new(report);
        let outline = alliance_core::report::Outline::parse(report);
        let bullets: Vec<_> = outline.sections.iter().flat_map(|s| &s.bullets).collect();
        assert_eq!(bullets.len(), 4);
        assert_eq!(index.bullets.len(), 4);
        assert!(index.other_bullets.is_empty());
        for b in bullets {
            assert_eq!(index.bullet(b.line), Some(b.text.as_str()));
        }
        assert_eq!(
            index.bullet(8),
            Some("Emphasis closed at the foot of a sentence that ends here.")
        );
        assert_eq!(index.bullet(1), None);
        // a text that is not there is not given a range
        assert_eq!(index.full.bullet(5, "First runs on"), Some((5, 14, 27)));
        assert_eq!(index.full.bullet(5, "First runs in"), None);
        assert_eq!(index.full.bullet(4, "First"), None);
    }

    #[test]
    fn edge_cases() {
        let missing = |report: &str, quote: &str| match ReportIndex::new(report).find(quote) {
            Match::Missing(c) => (c.line, c.passage, c.diff, c.first_wrong_word),
            other => panic!("{other:?}"),
        };
        // nothing left after normalizing: the start of the report, no differences
        assert_eq!(
            missing(REPORT, "**"),
            (1, String::new(), String::new(), None)
        );
        // an empty report
        assert_eq!(
            missing("", "a b"),
            (
                1,
                String::new(),
                "{+a+} {+b+}".to_owned(),
                Some("a".to_owned())
            )
        );
        // dropped words and a repeated word, on the report's third line
        assert_eq!(
            missing(REPORT, "revisited, revised revised redesigned to"),
            (
                3,
                "revisited, revised and redesigned to".to_owned(),
                "revisited, revised {-and-} {+revised+} redesigned to".to_owned(),
                Some("revised".to_owned())
            )
        );
        // a quotation over an occurrence that overlaps an earlier one is not found
        // (`str::match_indices` semantics, kept)
        assert!(matches!(
            ReportIndex::new("xab ab ab").find("ab ab"),
            Match::Missing(_)
        ));
        // the bullet at the line, then the whole report
        let index = ReportIndex::new(REPORT);
        assert_eq!(
            index.find_at("A child, present or missing", 6),
            Match::Exact
        );
        assert_eq!(
            index.find_at("A child, present or missing", 3),
            Match::Exact
        );
        assert_eq!(index.find_at("Intro line.", 6), Match::Exact);
    }

    #[test]
    fn affiliations_the_outline_read() {
        let report = "Panel 1\n\nThis panel was moderated by **Ann Example**, Director, Example Office, who \
                      opened it. The report also mentions Analyst, Example Agency in passing.\n";
        let index = ReportIndex::new(report);
        assert!(index.affiliations.contains("Director, Example Office"));
        assert_eq!(
            index.find_affiliation("Director,\nExample Office"),
            Match::Exact
        );
        // any other is looked for in the whole report
        assert_eq!(
            index.find_affiliation("Analyst, Example Agency"),
            Match::Exact
        );
        assert!(matches!(
            index.find_affiliation("Director, Other Office"),
            Match::Missing(_)
        ));
    }
}
