//! A report's text as lines of content: what is left once the page furniture of a printed
//! report is taken out.
//!
//! A Markdown report (the seed's kind) is its lines as they are. A plain-text report, as
//! `pdftotext` writes it, repeats a header, a footer and a page number on every page and splits
//! words with a hyphen at the end of a line; [`Clean`] drops the furniture lines (those lines
//! are simply absent, so every remaining line keeps its number in the file) and joins a
//! split word onto the line it starts on. The outline, the people and the verbatim comparison
//! all read these lines, so a quotation taken from a PDF's text reads the same in all three.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// How a report's text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The seed's Markdown: headings as lines, `**bold**` names, `- *italic*` bullets.
    Markdown,
    /// Text from a PDF's text layer: hard-wrapped lines, `•`/`–`/`-`/numbered bullets, page
    /// furniture, words split by a line-end hyphen.
    Plain,
}

impl Format {
    /// Plain text when the text has a form feed (a page break); Markdown when it has `**` or a
    /// line starting `- *`; plain text otherwise.
    pub fn detect(text: &str) -> Format {
        if text.contains('\u{c}') {
            return Format::Plain;
        }
        let markdown = text.contains("**")
            || text
                .lines()
                .any(|l| l.trim_start().starts_with("- *") || l.trim_start().starts_with("- _"));
        if markdown {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// One line of content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// Its number in the file, from 1.
    pub number: usize,
    /// Its text, form feeds removed; a word split at its end is joined onto it (and taken off
    /// the next line).
    pub text: Cow<'a, str>,
}

/// A report's lines of content, in order; blank lines are kept (they separate paragraphs),
/// page furniture is not.
#[derive(Debug, Clone)]
pub struct Clean<'a> {
    /// How the report is written.
    pub format: Format,
    /// The lines of content.
    pub lines: Vec<Line<'a>>,
    /// The numbers of the lines taken out as page furniture, in order.
    pub furniture: Vec<usize>,
}

/// How many non-blank lines at the top and at the foot of a page may be furniture.
const EDGE: usize = 3;

impl<'a> Clean<'a> {
    /// Reads a report's lines in the [`Format`] its text shows ([`Format::detect`]).
    pub fn new(text: &'a str) -> Clean<'a> {
        Clean::with_format(text, Format::detect(text))
    }

    /// Reads a report's lines as `format`.
    pub fn with_format(text: &'a str, format: Format) -> Clean<'a> {
        let raw: Vec<&str> = text.lines().collect();
        if format == Format::Markdown {
            let lines = raw
                .iter()
                .enumerate()
                .map(|(i, l)| Line {
                    number: i + 1,
                    text: Cow::Borrowed(*l),
                })
                .collect();
            return Clean {
                format,
                lines,
                furniture: Vec::new(),
            };
        }
        let furniture = furniture(&raw);
        let removed: HashSet<usize> = furniture.iter().copied().collect();
        let mut lines: Vec<Line<'a>> = raw
            .iter()
            .enumerate()
            .filter(|(i, _)| !removed.contains(&(i + 1)))
            .map(|(i, l)| Line {
                number: i + 1,
                text: if l.contains('\u{c}') {
                    Cow::Owned(l.replace('\u{c}', ""))
                } else {
                    Cow::Borrowed(*l)
                },
            })
            .collect();
        join_hyphens(&mut lines);
        Clean {
            format,
            lines,
            furniture,
        }
    }

    /// The text of every line of content (blank lines included), with its number.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines.iter().map(|l| (l.number, l.text.as_ref()))
    }

    /// The report's content normalized ([`crate::text::normalize`]) as one text, its words
    /// joined by single spaces, and for each line that has words the byte of that text its
    /// first word starts at and the line's number, in order: what a verbatim comparison
    /// searches, and how it finds a match's line.
    pub fn normalized(&self) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (number, line) in self.iter() {
            let line = crate::text::normalized(line);
            if line.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push(' ');
            }
            starts.push((text.len(), number));
            text.push_str(&line);
        }
        (text, starts)
    }
}

/// The lines (numbers from 1) at the top or foot of a page that repeat on at least half of the
/// pages (digits counted as one, so "Page 3 of 9" repeats), and lone page numbers there.
/// Pages are separated by form feeds; a text without one has no furniture.
fn furniture(raw: &[&str]) -> Vec<usize> {
    let mut pages: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, line) in raw.iter().enumerate() {
        if line.contains('\u{c}') && pages.last().is_some_and(|p| !p.is_empty()) {
            pages.push(Vec::new());
        }
        if !line.replace('\u{c}', "").trim().is_empty()
            && let Some(page) = pages.last_mut()
        {
            page.push(i);
        }
    }
    pages.retain(|p| !p.is_empty());
    if pages.len() < 2 {
        return Vec::new();
    }
    let edges = |page: &Vec<usize>| -> Vec<usize> {
        let mut e: Vec<usize> = page.iter().take(EDGE).copied().collect();
        e.extend(page.iter().rev().take(EDGE).copied());
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let shapes: HashSet<String> = edges(page).iter().map(|&i| shape(raw[i])).collect();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    for page in &pages {
        for i in edges(page) {
            let s = shape(raw[i]);
            let repeated = seen.get(&s).copied().unwrap_or(0);
            if repeated >= 2 && repeated * 2 >= pages.len() || is_page_number(raw[i]) {
                out.push(i + 1);
            }
        }
    }
    out.sort_unstable();
    out
}

/// A line with its digits folded to `#` and its whitespace collapsed.
fn shape(line: &str) -> String {
    let mut out = String::new();
    let mut digits = false;
    for word in line.replace('\u{c}', "").split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                if !digits {
                    out.push('#');
                }
                digits = true;
            } else {
                out.push(c);
                digits = false;
            }
        }
        digits = false;
    }
    out
}

/// "7", "- 7 -", "Page 7", "7 / 12", "Page 7 of 12".
fn is_page_number(line: &str) -> bool {
    let s = shape(line);
    let s = s.strip_prefix("Page ").unwrap_or(&s);
    matches!(s, "#" | "- # -" | "– # –" | "# / #" | "#/#" | "# of #")
}

/// Joins a word split by a hyphen at the end of a line with its end on the next line of
/// content. The hyphen stays unless the next line starts in lowercase and the report spells
/// the word without it elsewhere and never with it: "co-" + "operation" stays "co-operation",
/// "Anti-" + "Slavery" stays "Anti-Slavery", a split "traffick-" + "ing" becomes
/// "trafficking". A soft hyphen (U+00AD) at a line's end is where the line breaks the word,
/// and nothing else: "Johans\u{ad}" + "son" is "Johansson".
fn join_hyphens(lines: &mut [Line<'_>]) {
    let ends_split = |t: &str| {
        let t = t.trim_end();
        let Some(hyphen) = t
            .chars()
            .next_back()
            .filter(|&c| c == '-' || c == SOFT_HYPHEN)
        else {
            return false;
        };
        t[..t.len() - hyphen.len_utf8()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    };
    if !lines.iter().any(|l| ends_split(&l.text)) {
        return;
    }
    let words = vocabulary(lines);
    for i in 0..lines.len() {
        if !ends_split(&lines[i].text) {
            continue;
        }
        let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].text.trim().is_empty()) else {
            continue;
        };
        let next = lines[j].text.trim_start();
        let lowercase = next.starts_with(|c: char| c.is_lowercase());
        if !lowercase && !next.starts_with(char::is_uppercase) {
            continue;
        }
        let token_end = next.find(char::is_whitespace).unwrap_or(next.len());
        let token = &next[..token_end];
        let head = lines[i].text.trim_end();
        let soft = head.ends_with(SOFT_HYPHEN);
        // the text before the hyphen
        let before = &head[..head.len() - if soft { SOFT_HYPHEN.len_utf8() } else { 1 }];
        let stem_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |p| {
                p + head[p..].chars().next().map_or(1, char::len_utf8)
            });
        let stem = &before[stem_start..];
        let word_end = token
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(token.len());
        let tail = &token[..word_end];
        // before a capital the hyphen is the word's ("Anti-Slavery")
        let drop = soft || (lowercase && hyphen_is_the_line_break(stem, tail, &words));
        let joined = if drop {
            format!("{before}{token}")
        } else {
            format!("{head}{token}")
        };
        let indent = &lines[j].text[..lines[j].text.len() - next.len()];
        let rest = next[token_end..].trim_start();
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!("{indent}{rest}")
        };
        lines[i].text = Cow::Owned(joined);
        lines[j].text = Cow::Owned(rest);
    }
}

/// U+00AD, the hyphen a printed word shows only where a line breaks it.
const SOFT_HYPHEN: char = '\u{ad}';

/// Prefixes that are written with a hyphen ("co-operation", "non-discriminatory").
const HYPHENATED_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "de", "e", "ex", "inter", "intra", "long", "multi", "non",
    "post", "pre", "pro", "re", "self", "semi", "short", "sub", "well",
];

/// Whether the hyphen of `stem-` at a line's end, before `tail` (which starts in lowercase),
/// only breaks the word: the report spells the word whole elsewhere and never hyphenated; or,
/// when it spells it neither way, the stem is no prefix written with a hyphen and the two are
/// not both words of the report (as the halves of "child-friendly" are).
fn hyphen_is_the_line_break(stem: &str, tail: &str, words: &HashSet<String>) -> bool {
    let (stem, tail) = (stem.to_lowercase(), tail.to_lowercase());
    let closed = format!("{stem}{tail}");
    let hyphenated = format!("{stem}-{tail}");
    match (words.contains(&closed), words.contains(&hyphenated)) {
        (true, false) => true,
        (_, true) => false,
        (false, false) => {
            let last_part = stem.rsplit('-').next().unwrap_or(&stem);
            let compound = words.contains(last_part) && words.contains(&tail);
            !(HYPHENATED_PREFIXES.contains(&last_part) || compound)
        }
    }
}

/// Every word of the lines, lowercased, but the halves of split words.
fn vocabulary(lines: &[Line<'_>]) -> HashSet<String> {
    let mut words = HashSet::new();
    for (k, line) in lines.iter().enumerate() {
        let tokens: Vec<&str> = line.text.split_whitespace().collect();
        for (t, token) in tokens.iter().enumerate() {
            let word = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '-'));
            let last = t + 1 == tokens.len();
            let first = t == 0 && k > 0;
            if word.is_empty() || (last && token.ends_with(['-', SOFT_HYPHEN])) || first {
                continue;
            }
            let word = word.to_lowercase();
            // the parts of a compound are words too ("child-friendly": "child", "friendly")
            if word.contains('-') {
                words.extend(word.split('-').filter(|p| !p.is_empty()).map(str::to_owned));
            }
            words.insert(word);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(clean: &Clean<'_>) -> Vec<(usize, String)> {
        clean
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(n, t)| (n, t.trim().to_owned()))
            .collect()
    }

    #[test]
    fn detects_the_format() {
        assert_eq!(Format::detect("Title\n\n- *a bullet;*\n"), Format::Markdown);
        assert_eq!(Format::detect("**Name**, Director"), Format::Markdown);
        assert_eq!(Format::detect("Title\n\n• a bullet;\n"), Format::Plain);
        assert_eq!(Format::detect("- *x*\n\u{c}page two"), Format::Plain);
    }

    #[test]
    fn drops_headers_footers_and_page_numbers() {
        let text = "   Report header\n\nFirst page text runs on and\n\n   1\n\
                    \u{c}   Report header\n\nsecond page text.\n\n   2\n\
                    \u{c}   Report header\n\nThird page.\n\n   Page 3 of 3\n";
        let clean = Clean::new(text);
        assert_eq!(clean.furniture, [1, 5, 6, 10, 11, 15]);
        assert_eq!(
            texts(&clean),
            [
                (3, "First page text runs on and".to_owned()),
                (8, "second page text.".to_owned()),
                (13, "Third page.".to_owned()),
            ]
        );
    }

    #[test]
    fn a_lone_number_mid_page_is_content() {
        let text = "Header\nA\nB\n12\nC\nD\nE\nF\n1\n\u{c}Header\nG\nH\nI\nJ\nK\n2\n";
        let clean = Clean::new(text);
        assert_eq!(clean.furniture, [1, 9, 10, 16]);
    }

    #[test]
    fn joins_split_words() {
        let text = "the effective, co-\nordinated response and co-ordinated work;\n\
                    victims of traffick-\ning. Trafficking is a crime; non-\n\n\
                    \u{c}discriminatory identification.\n";
        let clean = Clean::with_format(text, Format::Plain);
        assert_eq!(
            texts(&clean),
            [
                (1, "the effective, co-ordinated".to_owned()),
                (2, "response and co-ordinated work;".to_owned()),
                (3, "victims of trafficking.".to_owned()),
                (4, "Trafficking is a crime; non-discriminatory".to_owned()),
                (6, "identification.".to_owned()),
            ]
        );
    }

    #[test]
    fn markdown_is_left_as_it_is() {
        let text = "**A**\n\n1\n\u{c}x";
        let clean = Clean::with_format(text, Format::Markdown);
        assert_eq!(clean.lines.len(), 4);
        assert!(clean.furniture.is_empty());
    }

    #[test]
    fn a_quotation_across_page_furniture_is_verbatim_and_a_changed_word_is_not() {
        let report = "Header\n\nPanel 1\n\n•   Child protection systems must be strength-\n    ened and co-\n\n\
                      1\n\u{c}Header\n\n    ordinated across borders;\n\n2\n";
        let (text, _) = Clean::new(report).normalized();
        let verbatim = |q: &str| crate::text::is_verbatim(q, &text);
        assert!(verbatim(
            "Child protection systems must be strengthened and co-ordinated across borders;"
        ));
        assert!(!verbatim(
            "Child protection systems should be strengthened and co-ordinated across borders;"
        ));
        assert!(!verbatim("co-ordinated Header across borders;"));
    }

    #[test]
    fn normalized_text_and_its_lines() {
        let clean = Clean::new("- *One\n\ntwo*\n");
        let (text, starts) = clean.normalized();
        assert_eq!(text, "- One two");
        assert_eq!(starts, [(0, 1), (6, 3)]);
    }
}
