//! Formula injection (OWASP "CSV injection"): which text cells a spreadsheet would read as a
//! formula, and how they are neutralized.
//!
//! A spreadsheet that opens a CSV file, or re-reads a cell an analyst edits, treats text that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula. In CSV such a cell
//! is prefixed with `'` (unless the export is asked for raw text); in the workbook the text is
//! kept as it is and the cell gets Excel's "quote prefix" property, which has the same effect
//! without changing the value. Only text is ever neutralized: numbers stay numbers.
//!
//! Both decide with [`is_formula_like`]. In the workbook every text cell, whatever it holds (a
//! record's value, a table header named after a vocabulary term, a value of the About sheet),
//! gets its format from one function, `xlsx::cell`'s `Formats::text`, through which every
//! string, link and table header is written.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a text cell as a formula when they start it.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a spreadsheet would read this text as a formula.
pub fn is_formula_like(text: &str) -> bool {
    // every trigger is ASCII, so the first byte decides
    text.as_bytes()
        .first()
        .is_some_and(|&b| FORMULA_TRIGGERS.contains(&char::from(b)))
}

/// The text with a leading `'` when a spreadsheet would read it as a formula, else unchanged.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(input: &str, expect: &str) {
        assert_eq!(neutralize(input), expect);
        assert_eq!(is_formula_like(input), input != expect);
    }

    #[test]
    fn neutralizes_every_trigger_and_nothing_else() {
        check("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")");
        check("+1+2", "'+1+2");
        check("-2+3", "'-2+3");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\t=1", "'\t=1");
        check("\r=1", "'\r=1");
        check("", "");
        check("Children on the move", "Children on the move");
        check("a = b", "a = b");
        check(" =1", " =1");
        check("'quoted", "'quoted");
        check("–dash", "–dash");
        check("\n=1", "\n=1");
    }
}
