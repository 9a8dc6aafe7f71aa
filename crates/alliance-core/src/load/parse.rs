//! Parsing: a file's text as one of the TOML formats, with every problem a diagnostic, and
//! the dates of the format.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, codes};
use crate::source_map::{FileId, SourceMap};
use crate::text::closest;

/// Parses a file of the source map as `T`; problems are diagnostics located in the file.
pub(super) fn parse_toml<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
) -> Result<T, Vec<Diagnostic>> {
    let source = sources.get(file);
    let text = source.text.as_str();
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(codes::EMPTY_FILE, format!("`{}` is empty", source.path.display()))
                .at(file, 0..0)
                .help("a data file holds at least the keys its format requires; delete the file if it is not needed"),
        ]);
    }
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let d = Diagnostic::error(
                    codes::SYNTAX_ERROR,
                    format!("invalid TOML: {}", e.message().trim_end()),
                );
                let d = if line_at(text, span.start).is_some_and(has_inner_quote) {
                    d.help(INNER_QUOTE_HELP)
                } else {
                    d
                };
                d.at(file, span)
            })
            .collect());
    }
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let top_level = span.is_empty() && span.start == 0;
        vec![classify_data_error(e.message(), top_level).at(file, span)]
    })
}

const INNER_QUOTE_HELP: &str = "a `\"` inside a \"quoted string\" ends it: escape it as `\\\"`, \
     or write the value as a literal string, 'the \"best\" interest' \
     ('''...''' when the text holds a `'` too)";

/// The line of `text` holding byte `offset` (an offset at a line's end belongs to it).
fn line_at(text: &str, offset: usize) -> Option<&str> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    text.get(start..end)
}

/// Whether a line looks like `key = "a basic string" with more after its closing quote`: a
/// `"` in the text that was meant to be part of it.
fn has_inner_quote(line: &str) -> bool {
    let Some((_, value)) = line.split_once('=') else {
        return false;
    };
    let Some(rest) = value.trim_start().strip_prefix('"') else {
        return false;
    };
    if rest.starts_with("\"\"") {
        return false;
    }
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => {
                let after = rest[i + 1..].trim_start();
                return !(after.is_empty() || after.starts_with('#'));
            }
            _ => {}
        }
    }
    false
}

/// Turns a deserialization error of the `toml` crate into a diagnostic with the right code.
fn classify_data_error(message: &str, top_level: bool) -> Diagnostic {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("missing field ") {
        let d = Diagnostic::error(codes::MISSING_KEY, format!("missing key {rest}"));
        return if top_level {
            d.help(format!(
                "add {rest} to the top of this file, before any [table]"
            ))
        } else {
            d.label(format!("this table needs {rest}"))
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut d = Diagnostic::error(codes::UNKNOWN_KEY, format!("unknown key {key}"))
            .label("not a key of this table");
        let bare = key.trim_matches('`');
        if let Some(c) = closest(bare, candidates.iter().copied()) {
            d = d.help(format!("did you mean `{c}`?"));
        }
        if !expected.is_empty() {
            d = d.note(format!("expected {expected}"));
        }
        return d;
    }
    let message = message
        .replace("invalid type: ", "wrong type: ")
        .replace("invalid value: ", "wrong value: ");
    Diagnostic::error(codes::WRONG_TYPE, message)
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    check_date(s).ok()
}

/// Parses a strict `YYYY-MM-DD` calendar date; `Err` says what is wrong with it, in words
/// ("June has 30 days", "there is no month 13", "expected YYYY-MM-DD").
pub fn check_date(s: &str) -> Result<(i32, u32, u32), String> {
    const FORM: &str = "expected YYYY-MM-DD";
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(FORM.to_owned());
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(FORM.to_owned());
    };
    let year = i32::try_from(year).map_err(|_| FORM.to_owned())?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => {
            return Err(format!(
                "there is no month {month}; months run from 01 to 12"
            ));
        }
    };
    if day == 0 {
        return Err("there is no day 0; days start at 01".to_owned());
    }
    if day > days {
        let name = crate::dates::MONTHS[month as usize - 1];
        return Err(if month == 2 {
            let leap_note = if leap {
                "a leap year"
            } else {
                "not a leap year"
            };
            format!("February {year} has {days} days ({year} is {leap_note})")
        } else {
            format!("{name} has {days} days")
        });
    }
    Ok((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2017-04-03"), Some((2017, 4, 3)));
        assert_eq!(parse_date("2016-02-29"), Some((2016, 2, 29)));
        assert_eq!(parse_date("2017-02-29"), None);
        assert_eq!(parse_date("2017-04-31"), None);
        assert_eq!(parse_date("2017-13-01"), None);
        assert_eq!(parse_date("2017-4-3"), None);
        assert_eq!(parse_date("3 April 2017"), None);
        assert_eq!(parse_date("2017-04-+3"), None);
    }

    #[test]
    fn inner_quotes() {
        assert!(has_inner_quote(r#"text = "the "best" interest""#));
        assert!(has_inner_quote(r#"text = "the "best""#));
        assert!(!has_inner_quote(r#"text = "the \"best\" interest""#));
        assert!(!has_inner_quote(r#"text = "the best" # a comment"#));
        assert!(!has_inner_quote(r#"text = 'the "best" interest'"#));
        assert!(!has_inner_quote(r#"text = """the "best" interest""""#));
        assert!(!has_inner_quote(r#"name = "Kevin Hyland"#));
        assert_eq!(line_at("a\nbc\nd", 3), Some("bc"));
        assert_eq!(line_at("a\nbc", 4), Some("bc"));
    }

    #[test]
    fn date_problems_in_words() {
        let err = |s| check_date(s).err().unwrap_or_default();
        assert_eq!(err("2099-06-31"), "June has 30 days");
        assert_eq!(
            err("2017-02-29"),
            "February 2017 has 28 days (2017 is not a leap year)"
        );
        assert_eq!(
            err("2016-02-30"),
            "February 2016 has 29 days (2016 is a leap year)"
        );
        assert_eq!(
            err("1900-02-29"),
            "February 1900 has 28 days (1900 is not a leap year)"
        );
        assert_eq!(
            err("2017-13-01"),
            "there is no month 13; months run from 01 to 12"
        );
        assert_eq!(
            err("2017-00-01"),
            "there is no month 0; months run from 01 to 12"
        );
        assert_eq!(err("2017-04-00"), "there is no day 0; days start at 01");
        assert_eq!(err("2017-4-3"), "expected YYYY-MM-DD");
        assert_eq!(err("2017-04-+3"), "expected YYYY-MM-DD");
    }
}
