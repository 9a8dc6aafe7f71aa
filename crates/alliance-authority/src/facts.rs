//! Facts a conference record states beside its quotations, against the report: a figure's
//! `value` is the number its `as_printed` prints ([`mismatched_figure_value`]); the edition,
//! dates, city and venue are the title page's ([`mismatched_title_page`]).

use alliance_core::dates::{date_range, ordinal};
use alliance_core::load::Kind;

use crate::codes;
use crate::context::{Authority, Finding};

/// The numbers printed in a text, with thousands separators (`1,200`, `1 200`) read as one.
fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        let separator = matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}');
        let next_three = {
            let mut ahead = chars.clone();
            (0..3).all(|_| ahead.next().is_some_and(|d| d.is_ascii_digit()))
                && !ahead.peek().is_some_and(char::is_ascii_digit)
        };
        if separator && !current.is_empty() && next_three {
            continue;
        }
        if !current.is_empty() {
            out.extend(current.parse::<u64>().ok());
            current.clear();
        }
    }
    if !current.is_empty() {
        out.extend(current.parse::<u64>().ok());
    }
    out
}

/// `mismatched-figure-value`: a figure whose `value` is not the one number its `as_printed`
/// prints (a text with no number, or several, is not checked).
pub fn mismatched_figure_value(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for c in &cx.ds.conferences {
        for f in &c.figures {
            let [printed] = numbers(&f.as_printed)[..] else {
                continue;
            };
            if printed == f.value {
                continue;
            }
            let key = format!("{}/{}", c.id, f.id);
            let location = cx.locate_field(Kind::Figure, &key, "value");
            out.push(
                cx.error(
                    codes::MISMATCHED_FIGURE_VALUE,
                    format!(
                        "figure `{}` has value {}, but its as_printed says {printed}: \"{}\"",
                        f.id, f.value, f.as_printed
                    ),
                    Some((Kind::Figure, &key)),
                    location,
                )
                .label(format!("expected value = {printed}"))
                .help(format!("value = {printed}")),
            );
        }
    }
}

/// `mismatched-title-page`: an edition, dates, city or venue that disagree with what the
/// report's title page prints (what it does not print is not checked).
pub fn mismatched_title_page(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for c in &cx.ds.conferences {
        let Some(report) = cx.report(&c.id) else {
            continue;
        };
        let page = &report.reading.title_page;
        let mut push =
            |key: &str, message: String, (line, printed): (usize, &str), help: String| {
                out.push(
                    cx.error(
                        codes::MISMATCHED_TITLE_PAGE,
                        message,
                        Some((Kind::Conference, &c.id)),
                        cx.locate_field(Kind::Conference, &c.id, key),
                    )
                    .label("not what the title page says")
                    .note(format!("report line {line}: {printed}"))
                    .help(help),
                );
            };
        if let Some(edition) = &page.edition
            && edition.value != c.edition
        {
            push(
                "edition",
                format!(
                    "edition is {} ({}), but the report's title page says {}",
                    c.edition,
                    ordinal(c.edition),
                    ordinal(edition.value)
                ),
                (edition.line, &edition.printed),
                format!("edition = {}", edition.value),
            );
        }
        if let Some(dates) = &page.dates {
            let (start, end) = &dates.value;
            if *start != c.start_date || *end != c.end_date {
                push(
                    if *start != c.start_date {
                        "start_date"
                    } else {
                        "end_date"
                    },
                    format!(
                        "the conference's dates are {}, but the report's title page says {}",
                        date_range(&c.start_date, &c.end_date),
                        dates.printed
                    ),
                    (dates.line, &dates.printed),
                    format!("start_date = \"{start}\" and end_date = \"{end}\""),
                );
            }
        }
        for (key, ours, theirs) in [
            ("city", &c.city, &page.city),
            ("venue", &c.venue, &page.venue),
        ] {
            if let Some(fact) = theirs
                && fact.value != *ours
            {
                push(
                    key,
                    format!(
                        "{key} is `{ours}`, but the report's title page says {}",
                        fact.value
                    ),
                    (fact.line, &fact.printed),
                    format!("{key} = \"{}\"", fact.value),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_numbers() {
        assert_eq!(numbers("a record number of 381 participants"), [381]);
        assert_eq!(numbers("1,200 people and 3 more"), [1200, 3]);
        assert_eq!(numbers("all fifty"), Vec::<u64>::new());
        assert_eq!(numbers("12, 13"), [12, 13]);
    }
}
