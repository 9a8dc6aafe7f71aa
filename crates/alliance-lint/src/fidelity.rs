//! Verbatim checks against a report: is a quotation in the report, and if not, which passage
//! of the report is closest and which words differ.
//!
//! Only what is not content is normalized (see [`alliance_core::text::normalize`]): emphasis
//! markers, Markdown links, line and page breaks. Each report is indexed once per run; a
//! quotation that is found costs one substring search.

use std::collections::HashMap;
use std::sync::OnceLock;

use alliance_core::text::normalize;

/// A report's text, normalized, with each word's line.
#[derive(Debug, Clone)]
pub struct ReportIndex<'a> {
    report: &'a str,
    /// Normalized text of each bullet, by the line it starts on.
    bullets: HashMap<usize, String>,
    /// The whole report normalized, built the first time a quotation is not in its bullet.
    full: OnceLock<Full>,
}

/// A report's whole text, normalized, folded, and as words with their lines.
#[derive(Debug, Clone)]
struct Full {
    text: String,
    folded: String,
    words: Vec<(String, usize)>,
}

/// What a quotation is, compared with a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// Verbatim.
    Exact,
    /// The same but for quotation marks or dashes; the first differing character of the
    /// quotation (char index) and the report's character there.
    Punctuation {
        at: usize,
        quote: char,
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
    /// The passage.
    pub passage: String,
    /// The quotation with the words that differ marked: `{-report-}{+quotation+}`.
    pub diff: String,
    /// The first word of the quotation that is not in the report, if any.
    pub first_wrong_word: Option<String>,
}

impl<'a> ReportIndex<'a> {
    /// Indexes a report's bullets; the rest is indexed when first needed.
    pub fn new(report: &'a str) -> Self {
        let bullets = alliance_core::report::Outline::parse(report)
            .sections
            .into_iter()
            .flat_map(|s| s.bullets)
            .map(|b| (b.line, b.text))
            .collect();
        ReportIndex {
            report,
            bullets,
            full: OnceLock::new(),
        }
    }

    fn full(&self) -> &Full {
        self.full.get_or_init(|| Full::new(self.report))
    }
}

impl Full {
    fn new(report: &str) -> Full {
        let mut words = Vec::new();
        for (i, line) in report.lines().enumerate() {
            for word in normalize(line).split(' ').filter(|w| !w.is_empty()) {
                words.push((word.to_owned(), i + 1));
            }
        }
        let text = words
            .iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Full {
            folded: fold(&text),
            text,
            words,
        }
    }
}

impl ReportIndex<'_> {
    /// Like [`Self::find`], but first looks in the bullet starting on `line`: a quotation
    /// found there costs its own length, not the report's, so checking every recommendation of
    /// a large dataset stays linear.
    pub fn find_at(&self, quote: &str, line: usize) -> Match {
        if let Some(bullet) = self.bullets.get(&line) {
            let normalized = normalize(quote);
            if !normalized.is_empty() && contains_words(bullet, &normalized) {
                return Match::Exact;
            }
        }
        self.find(quote)
    }

    /// Compares a quotation with the report.
    pub fn find(&self, quote: &str) -> Match {
        let quote = normalize(quote);
        if quote.is_empty() {
            return Match::Missing(self.closest(&quote));
        }
        let full = self.full();
        if contains_words(&full.text, &quote) {
            return Match::Exact;
        }
        let folded = fold(&quote);
        if let Some(byte) = find_words(&full.folded, &folded) {
            let start = full.folded[..byte].chars().count();
            let report: Vec<char> = full
                .text
                .chars()
                .skip(start)
                .take(quote.chars().count())
                .collect();
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
        let words = &self.full().words;
        let q: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
        let n = q.len().max(1).min(words.len().max(1));
        let mut want: HashMap<&str, i64> = HashMap::new();
        for w in &q {
            *want.entry(w).or_default() += 1;
        }
        let mut have: HashMap<&str, i64> = HashMap::new();
        let mut overlap = 0i64;
        let mut best = (0i64, 0usize);
        for (i, (w, _)) in words.iter().enumerate() {
            let c = have.entry(w.as_str()).or_default();
            *c += 1;
            if *c <= *want.get(w.as_str()).unwrap_or(&0) {
                overlap += 1;
            }
            if i >= n {
                let old = words[i - n].0.as_str();
                let c = have.entry(old).or_default();
                if *c <= *want.get(old).unwrap_or(&0) {
                    overlap -= 1;
                }
                *c -= 1;
            }
            if overlap > best.0 {
                best = (overlap, (i + 1).saturating_sub(n));
            }
        }
        // a little slack past the window, for words the quotation dropped; removals at either
        // end of the diff are the slack, not differences
        let start = best.1;
        let end = (start + n + SLACK).min(words.len());
        let window: Vec<&str> = words[start..end].iter().map(|(w, _)| w.as_str()).collect();
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
            line: words.get(start).map_or(1, |(_, l)| *l),
            passage: passage.join(" "),
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
fn contains_words(haystack: &str, needle: &str) -> bool {
    find_words(haystack, needle).is_some()
}

fn find_words(haystack: &str, needle: &str) -> Option<usize> {
    haystack.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        boundary(before) && boundary(after)
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
}
