//! The title page's facts (edition, series, title, dates, city, venue, publisher) and the
//! figures a report prints ("a record number of 381 participants").
//!
//! The title page is what comes before the first section with prose ([`super::Outline::front`]):
//! the report's title is its first paragraph holding an ordinal ("17th"), whose words between
//! the ordinal and "Conference" are the series (spelled as the report's prose spells them when
//! the title is in capitals); what comes before it is the publisher; a paragraph wholly in
//! quotation marks is the conference's title; a paragraph "City, Venue" with no digits gives
//! the city and venue; a paragraph that is a date or a range of dates gives the dates.

use super::Outline;
use crate::dates::MONTHS;

/// A fact as the report prints it, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    /// The value read.
    pub value: T,
    /// The words it was read from, normalized.
    pub printed: String,
    /// Their line.
    pub line: usize,
}

/// What a report's title page states. Each fact is `None` when the page does not state it in
/// a form this reading knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TitlePage {
    /// The report's own title ("Highlights of the 17th ALLIANCE AGAINST TRAFFICKING IN PERSONS
    /// Conference").
    pub report_title: Option<Fact<String>>,
    /// The edition ("17th" is 17).
    pub edition: Option<Fact<u32>>,
    /// The conference series ("Alliance against Trafficking in Persons").
    pub series: Option<Fact<String>>,
    /// The conference's title, without its quotation marks.
    pub title: Option<Fact<String>>,
    /// What is printed above the report's title (the publisher).
    pub publisher: Option<Fact<String>>,
    /// First and last day, ISO 8601.
    pub dates: Option<Fact<(String, String)>>,
    /// The city.
    pub city: Option<Fact<String>>,
    /// The venue.
    pub venue: Option<Fact<String>>,
}

/// A figure the report prints, of a kind a vocabulary names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The kind's id.
    pub kind: String,
    /// The number.
    pub value: u64,
    /// The words before the number that qualify it ("more than", "all").
    pub qualifier: Option<String>,
    /// The words as printed, qualifier to kind.
    pub as_printed: String,
    /// Their line.
    pub line: usize,
    /// The section they are in: an index into [`Outline::sections`]; `None` on the title page.
    pub section: Option<usize>,
}

const QUALIFIERS: &[&str] = &[
    "a record number of",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "up to",
    "close to",
    "some",
    "all",
    "over",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
];

impl Outline {
    /// The facts of the title page.
    pub fn title_page(&self) -> TitlePage {
        let mut page = TitlePage::default();
        let titled = self
            .front
            .iter()
            .position(|p| ordinal_in(&p.text).is_some());
        if let Some(i) = titled {
            let p = &self.front[i];
            // a title set on two lines: "Highlights of the" / "17th ... Conference"
            let lead = i.checked_sub(1).map(|k| &self.front[k]).filter(|q| {
                q.text
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase))
            });
            page.report_title = Some(match lead {
                Some(q) => Fact {
                    value: format!("{} {}", q.text, p.text),
                    printed: format!("{} {}", q.text, p.text),
                    line: q.line,
                },
                None => fact(p, p.text.clone()),
            });
            if let Some((n, at, len)) = ordinal_in(&p.text) {
                page.edition = Some(fact(p, n));
                let rest = &p.text[at + len..];
                let series = rest
                    .find(" Conference")
                    .or_else(|| rest.find(" conference"))
                    .map(|end| rest[..end].trim());
                if let Some(series) = series.filter(|s| !s.is_empty()) {
                    page.series = Some(fact(p, self.spelled_in_prose(series)));
                }
            }
            let above = &self.front[..i - usize::from(lead.is_some())];
            let above: Vec<&str> = above.iter().map(|p| p.text.as_str()).collect();
            if !above.is_empty() {
                page.publisher = Some(Fact {
                    value: above.join(" "),
                    printed: above.join(" "),
                    line: self.front[0].line,
                });
            }
        }
        for (i, p) in self.front.iter().enumerate() {
            if Some(i) == titled {
                continue;
            }
            let t = p.text.as_str();
            if let Some(inner) = quoted(t) {
                page.title.get_or_insert(fact(p, inner.to_owned()));
            } else if let Some(dates) = date_range(t) {
                page.dates.get_or_insert(fact(p, dates));
            } else if let Some((city, venue)) = t.split_once(", ")
                && titled.is_some_and(|k| i > k)
                && !t.contains(|c: char| c.is_ascii_digit())
                && !venue.contains(", ")
                && t.chars().count() <= 80
            {
                page.city.get_or_insert(fact(p, city.to_owned()));
                page.venue.get_or_insert(fact(p, venue.to_owned()));
            }
        }
        page
    }

    /// `words` as the report's prose spells them, when it spells them in another case (a
    /// title in capitals); else as given.
    fn spelled_in_prose(&self, words: &str) -> String {
        let lower = words.to_lowercase();
        let paragraphs = self.sections.iter().flat_map(|s| &s.paragraphs);
        for p in paragraphs {
            if let Some(at) = p.text.to_lowercase().find(&lower) {
                let found = p.text.get(at..at + words.len());
                if let Some(found) = found.filter(|f| *f != f.to_uppercase()) {
                    return found.to_owned();
                }
            }
        }
        words.to_owned()
    }

    /// The figures of the kinds given (`(id, name)` pairs, as in
    /// `data/vocabularies/figure-kinds.toml`) in the title page and every section's
    /// paragraphs: a number followed, at once or after one word ("57 OSCE participating
    /// States"), by the words of a kind's id or name (compared on letters and digits only,
    /// without a trailing "represented"), with the qualifier before it.
    pub fn figures(&self, kinds: &[(&str, &str)]) -> Vec<Figure> {
        let targets: Vec<(&str, Vec<String>)> = kinds
            .iter()
            .map(|&(id, name)| {
                let name = name.strip_suffix(" represented").unwrap_or(name);
                (id, vec![fold(id), fold(name)])
            })
            .collect();
        let front = self.front.iter().map(|p| (None, p));
        let sections = self
            .sections
            .iter()
            .enumerate()
            .flat_map(|(i, s)| s.paragraphs.iter().map(move |p| (Some(i), p)));
        let mut out = Vec::new();
        for (section, p) in front.chain(sections) {
            let words: Vec<(usize, &str)> = p
                .text
                .split(' ')
                .scan(0, |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some((start, w))
                })
                .collect();
            for (k, &(start, w)) in words.iter().enumerate() {
                let Some(value) = number(w) else { continue };
                let Some((kind, end)) = kind_after(&words[k + 1..], &targets) else {
                    continue;
                };
                let (last_start, last) = words[k + end];
                let last = last.trim_end_matches([',', '.', ';', ':', ')']);
                let qualifier = qualifier_before(&p.text, &words[..k]);
                let from = qualifier.as_ref().map_or(start, |(at, _)| *at);
                out.push(Figure {
                    kind: kind.to_owned(),
                    value,
                    qualifier: qualifier.map(|(_, q)| q),
                    as_printed: p.text[from..last_start + last.len()].to_owned(),
                    line: p.line_at(start),
                    section,
                });
            }
        }
        out
    }
}

fn fact<T>(p: &super::Paragraph, value: T) -> Fact<T> {
    Fact {
        value,
        printed: p.text.clone(),
        line: p.line,
    }
}

/// The first ordinal ("17th") of a text: its number, byte and length.
fn ordinal_in(text: &str) -> Option<(u32, usize, usize)> {
    let mut at = 0;
    for word in text.split(' ') {
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th") {
            return Some((word[..digits].parse().ok()?, at, word.len()));
        }
        at += word.len() + 1;
    }
    None
}

/// The text inside the quotation marks that wrap all of it.
fn quoted(text: &str) -> Option<&str> {
    [('“', '”'), ('"', '"'), ('‘', '’'), ('«', '»')]
        .iter()
        .find_map(|&(open, close)| text.strip_prefix(open)?.strip_suffix(close))
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// "3-4 April 2017", "3–4 April 2017", "30 March – 2 April 2017", "3 April 2017",
/// "30 December 2017 – 2 January 2018", as ISO dates.
pub(super) fn date_range(text: &str) -> Option<(String, String)> {
    let spaced: String = text
        .chars()
        .flat_map(|c| match c {
            '-' | '–' | '—' => vec![' ', '-', ' '],
            c => vec![c],
        })
        .collect();
    let (left, right) = match spaced.split_once(" - ") {
        Some((l, r)) => (l.trim(), r.trim()),
        None => (spaced.trim(), spaced.trim()),
    };
    let end = date_parts(right)?;
    let (d2, m2, y2) = (end.0?, end.1?, end.2?);
    let start = date_parts(left)?;
    let (d1, m1, y1) = (start.0?, start.1.unwrap_or(m2), start.2.unwrap_or(y2));
    let iso = |y: i32, m: usize, d: u32| {
        let s = format!("{y:04}-{m:02}-{d:02}");
        crate::load::parse_date(&s).map(|_| s)
    };
    Some((iso(y1, m1, d1)?, iso(y2, m2, d2)?))
}

/// Day, month (1-12) and year of "3", "3 April" or "3 April 2017"; `None` for anything else.
type Parts = (Option<u32>, Option<usize>, Option<i32>);

fn date_parts(text: &str) -> Option<Parts> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let day = words[0].parse::<u32>().ok()?;
    let month = match words.get(1) {
        Some(m) => Some(MONTHS.iter().position(|n| n.eq_ignore_ascii_case(m))? + 1),
        None => None,
    };
    let year = match words.get(2) {
        Some(y) => Some(y.parse::<i32>().ok()?),
        None => None,
    };
    Some((Some(day), month, year))
}

/// A word that is a number ("381", "1,200"), without the punctuation after it.
fn number(word: &str) -> Option<u64> {
    let w = word.trim_end_matches([',', '.', ';', ':']);
    if w.is_empty() || !w.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    w.replace(',', "").parse().ok()
}

/// The kind whose words follow a number, and the index (in `after`) of its last word.
fn kind_after<'k>(
    after: &[(usize, &str)],
    targets: &[(&'k str, Vec<String>)],
) -> Option<(&'k str, usize)> {
    let mut best: Option<(&str, usize)> = None;
    for skip in 0..=1 {
        for len in 1..=5 {
            let Some(words) = after.get(skip..skip + len) else {
                break;
            };
            let folded = fold(&words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" "));
            // a word ending a clause ends the kind
            let broken = words[..len - 1]
                .iter()
                .any(|(_, w)| w.ends_with([',', '.', ';', ':']));
            if broken {
                break;
            }
            for (id, forms) in targets {
                if forms.contains(&folded) && best.is_none_or(|(_, e)| skip + len - 1 > e) {
                    best = Some((id, skip + len - 1));
                }
            }
        }
    }
    best.map(|(id, end)| (id, end + 1))
}

/// The qualifier right before a number, as printed, and the byte it starts at.
fn qualifier_before(text: &str, before: &[(usize, &str)]) -> Option<(usize, String)> {
    QUALIFIERS.iter().find_map(|q| {
        let n = q.split(' ').count();
        let words = before.get(before.len().checked_sub(n)?..)?;
        let joined: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
        if !joined.join(" ").eq_ignore_ascii_case(q) {
            return None;
        }
        let (start, _) = words[0];
        let (last_start, last) = words[n - 1];
        Some((start, text[start..last_start + last.len()].to_owned()))
    })
}

/// Lowercase letters and digits only.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
