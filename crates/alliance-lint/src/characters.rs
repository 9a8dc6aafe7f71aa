//! Characters that do not belong in a dataset's text: control characters, bidirectional
//! controls, invisible characters and non-breaking spaces; their Unicode names for messages;
//! and whether a report has such a character where a quotation has it.

use alliance_core::Diagnostic;
use alliance_core::render::escape_controls;
use alliance_core::source_map::FileId;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::rule::Context;
use crate::text_fields::{Quotation, TextField};

/// What kind of unwanted character a character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A C0 or C1 control character or DEL (but tab, line feed and carriage return, which
    /// `irregular-whitespace` reports): terminals read them as commands.
    Control,
    /// A bidirectional control: it reorders the text shown around it.
    Bidi,
    /// A zero-width character or the soft hyphen: nothing shows it.
    Invisible,
    /// A non-breaking space: it looks like a space and does not compare equal to one.
    NonBreakingSpace,
}

impl Class {
    /// What a character of this class does, for messages.
    pub(crate) fn what(self) -> &'static str {
        match self {
            Class::Control => "a control character, which a terminal reads as a command",
            Class::Bidi => "a bidirectional control, which reorders the text shown around it",
            Class::Invisible => "an invisible character",
            Class::NonBreakingSpace => "a non-breaking space, which looks like a space",
        }
    }
}

/// The class of an unwanted character; `None` for every other character (tab, line feed and
/// carriage return included).
pub(crate) fn class(c: char) -> Option<Class> {
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some(Class::Control),
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Class::Bidi)
        }
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Some(Class::Invisible),
        '\u{a0}' | '\u{2007}' | '\u{202f}' => Some(Class::NonBreakingSpace),
        _ => None,
    }
}

/// The bytes that start a character of [`class`]: the C0 controls and DEL, and the lead bytes
/// of the others (C2 for C1 controls, U+00A0 and U+00AD; D8 for U+061C; E2 for U+2007 to
/// U+2069; EF for U+FEFF).
const SUSPECT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7f] = true;
    table[0xc2] = true;
    table[0xd8] = true;
    table[0xe2] = true;
    table[0xef] = true;
    table
};

/// The first character of `text` of a class `wanted` accepts, with its byte offset.
pub(crate) fn find(text: &str, wanted: impl Fn(Class) -> bool) -> Option<(usize, char, Class)> {
    if !text.bytes().any(|b| SUSPECT[usize::from(b)]) {
        return None;
    }
    text.char_indices()
        .find_map(|(at, c)| class(c).filter(|&k| wanted(k)).map(|k| (at, c, k)))
}

/// A loader diagnostic with a note naming the first unwanted character its message quotes (an
/// id or a reference with one is malformed or dangling, and the message alone shows it only
/// escaped, or not at all).
pub(crate) fn name_unwanted(mut d: Diagnostic) -> Diagnostic {
    let Some((at, c, class)) = find(&d.message, |_| true) else {
        return d;
    };
    let quoted = d.message[..at]
        .rfind('`')
        .zip(d.message[at..].find('`').map(|end| at + end))
        .map(|(start, end)| &d.message[start + 1..end]);
    let what = quoted.map_or_else(
        || "the value".to_owned(),
        |q| format!("`{}`", escape_controls(q)),
    );
    d.notes
        .push(format!("{what} holds {}, {}", describe(c), class.what()));
    d
}

/// `U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and the name (for a control character,
/// its Unicode name alias).
pub(crate) fn describe(c: char) -> String {
    format!("U+{:04X} {}", u32::from(c), name(c))
}

/// The Unicode name of a character of [`class`] (for a control character, its name alias).
fn name(c: char) -> &'static str {
    const C0: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "FILE SEPARATOR",
        "GROUP SEPARATOR",
        "RECORD SEPARATOR",
        "UNIT SEPARATOR",
    ];
    const C1: [&str; 32] = [
        "PADDING CHARACTER",
        "HIGH OCTET PRESET",
        "BREAK PERMITTED HERE",
        "NO BREAK HERE",
        "INDEX",
        "NEXT LINE",
        "START OF SELECTED AREA",
        "END OF SELECTED AREA",
        "CHARACTER TABULATION SET",
        "CHARACTER TABULATION WITH JUSTIFICATION",
        "LINE TABULATION SET",
        "PARTIAL LINE FORWARD",
        "PARTIAL LINE BACKWARD",
        "REVERSE LINE FEED",
        "SINGLE SHIFT TWO",
        "SINGLE SHIFT THREE",
        "DEVICE CONTROL STRING",
        "PRIVATE USE ONE",
        "PRIVATE USE TWO",
        "SET TRANSMIT STATE",
        "CANCEL CHARACTER",
        "MESSAGE WAITING",
        "START OF GUARDED AREA",
        "END OF GUARDED AREA",
        "START OF STRING",
        "SINGLE GRAPHIC CHARACTER INTRODUCER",
        "SINGLE CHARACTER INTRODUCER",
        "CONTROL SEQUENCE INTRODUCER",
        "STRING TERMINATOR",
        "OPERATING SYSTEM COMMAND",
        "PRIVACY MESSAGE",
        "APPLICATION PROGRAM COMMAND",
    ];
    let code = u32::from(c) as usize;
    match c {
        '\u{0}'..='\u{1f}' => C0[code],
        '\u{7f}' => "DELETE",
        '\u{80}'..='\u{9f}' => C1[code - 0x80],
        '\u{a0}' => "NO-BREAK SPACE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{2007}' => "FIGURE SPACE",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202f}' => "NARROW NO-BREAK SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "",
    }
}

/// Whether each unwanted character of the quotations is the report's own: a quotation keeps
/// the report's characters. A character the verbatim comparison keeps (every one but
/// whitespace) is the report's when the quotation was found in its report; a whitespace one
/// (which the comparison reads as a space) when the report has the same word around the same
/// character. Each report is read for these at most once, when first asked.
pub(crate) struct ReportCharacters<'c, 'a> {
    cx: &'c Context<'a>,
    /// The quotations the comparison did not find in their report.
    missing: FxHashSet<Quotation>,
    /// Per report, its words around a whitespace character of [`class`].
    words: FxHashMap<FileId, FxHashSet<String>>,
}

impl<'c, 'a> ReportCharacters<'c, 'a> {
    pub(crate) fn new(cx: &'c Context<'a>) -> Self {
        let q = cx.quotations();
        let missing = |m: &alliance_authority::fidelity::Match| {
            matches!(m, alliance_authority::fidelity::Match::Missing(_))
        };
        let missing = q
            .recommendations
            .iter()
            .filter(|(_, m)| missing(m))
            .map(|&(r, _)| Quotation::Recommendation(r))
            .chain(
                q.affiliations
                    .iter()
                    .filter(|(_, m)| missing(m))
                    .map(|&((p, a), _)| Quotation::Affiliation(p, a)),
            )
            .chain(
                q.figures
                    .iter()
                    .filter(|(_, m)| missing(m))
                    .map(|&((c, f), _)| Quotation::Figure(c, f)),
            )
            .collect();
        ReportCharacters {
            cx,
            missing,
            words: FxHashMap::default(),
        }
    }

    /// Whether the character at byte `at` of a text is its report's: the text is a quotation
    /// of a report that has the same character in the same place.
    pub(crate) fn is_quoted(&mut self, field: &TextField<'_>, at: usize) -> bool {
        let Some(quotation) = field.quotation else {
            return false;
        };
        let conference = quotation.conference(self.cx.ds);
        let Some(&file) = self.cx.loaded.reports.get(conference) else {
            return false;
        };
        let Some(c) = field.text[at..].chars().next() else {
            return false;
        };
        if !c.is_whitespace() {
            return !self.missing.contains(&quotation);
        }
        let cx = self.cx;
        let words = self.words.entry(file).or_insert_with(|| {
            let text = &cx.sources().get(file).text;
            text.char_indices()
                .filter(|&(_, c)| c.is_whitespace() && class(c).is_some())
                .map(|(at, _)| word_around(text, at))
                .collect()
        });
        words.contains(&word_around(field.text, at))
    }
}

/// The word around the character at byte `at`: up to 40 characters on either side, to the
/// nearest space or line break, without emphasis markers.
fn word_around(text: &str, at: usize) -> String {
    let stop = |c: char| matches!(c, ' ' | '\n' | '\r' | '\t');
    let start = text[..at]
        .char_indices()
        .rev()
        .take(40)
        .take_while(|&(_, c)| !stop(c))
        .last()
        .map_or(at, |(i, _)| i);
    let mut chars = text[at..].char_indices();
    let first = chars.next().map_or(0, |(_, c)| c.len_utf8());
    let end = chars
        .take(40)
        .take_while(|&(_, c)| !stop(c))
        .last()
        .map_or(at + first, |(i, c)| at + i + c.len_utf8());
    text[start..end].replace(['*', '_'], "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_names() {
        assert_eq!(describe('\u{202e}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\u{1b}'), "U+001B ESCAPE");
        assert_eq!(describe('\u{0}'), "U+0000 NULL");
        assert_eq!(describe('\u{9b}'), "U+009B CONTROL SEQUENCE INTRODUCER");
        assert_eq!(describe('\u{a0}'), "U+00A0 NO-BREAK SPACE");
        for c in ['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            assert_eq!(class(c), Some(Class::Control), "{c:?}");
        }
        for c in "\u{61c}\u{200e}\u{200f}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}".chars() {
            assert_eq!(class(c), Some(Class::Bidi), "{c:?}");
        }
        for c in "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{ad}".chars() {
            assert_eq!(class(c), Some(Class::Invisible), "{c:?}");
        }
        for c in "\u{a0}\u{202f}\u{2007}".chars() {
            assert_eq!(class(c), Some(Class::NonBreakingSpace), "{c:?}");
        }
        for c in "\t\n\r aé–—’“€\u{2010}\u{3000}".chars() {
            assert_eq!(class(c), None, "{c:?}");
            assert!(!name(c).is_empty() || class(c).is_none());
        }
        for code in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(
                class(code).is_some(),
                !name(code).is_empty() && !matches!(code, '\t' | '\n' | '\r'),
                "{code:?}"
            );
            // the fast path of `find` skips no such character
            assert_eq!(
                find(&format!("ab{code}c"), |_| true).map(|(at, c, _)| (at, c)),
                class(code).map(|_| (2, code)),
                "{code:?}"
            );
        }
    }

    #[test]
    fn words_around_a_character() {
        let text = "of *10\u{a0}000* victims";
        let at = text.find('\u{a0}').expect("nbsp");
        assert_eq!(word_around(text, at), "10\u{a0}000");
        assert_eq!(word_around("\u{a0}", 0), "\u{a0}");
        assert_eq!(word_around("x \u{a0}", 2), "\u{a0}");
    }
}
