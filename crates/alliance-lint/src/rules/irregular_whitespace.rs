//! `irregular-whitespace`: leading, trailing or doubled spaces in a text.

use memchr::{memchr3, memmem};

use crate::characters::{self, Class, ReportCharacters};
use crate::rule::{Check, Context, Finding, declare_rule};
use crate::text_fields::every_text_field;

declare_rule! {
    /// ## What it does
    /// Finds texts (names, titles, headings, quotations, descriptions, vocabulary terms,
    /// abbreviations, notes, ...) that start or end with whitespace, hold two spaces in a row, hold
    /// a tab or line break, or hold a non-breaking space (U+00A0 NO-BREAK SPACE, U+202F NARROW
    /// NO-BREAK SPACE, U+2007 FIGURE SPACE), unless it is a quotation whose report has the same
    /// space in the same words.
    ///
    /// ## Why it matters
    /// Invisible differences break exact matching: filters in a spreadsheet, joins in pandas, the
    /// verbatim check against the report. They come from copying out of PDFs. A non-breaking space
    /// looks like a space, and "Kevin Hyland" with one is not "Kevin Hyland" to any program.
    ///
    /// ## Example
    /// ```toml
    /// name = "Kevin  Hyland"
    /// title = "UN\u00A0Special Rapporteur"
    /// ```
    ///
    /// ## How to fix
    /// Remove the extra whitespace; join line breaks with one space; replace a non-breaking space
    /// with a plain one (a quotation keeps one only where its report has it).
    pub(crate) struct IrregularWhitespace;
    severity = Warning,
}

impl Check for IrregularWhitespace {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut quoted = ReportCharacters::new(cx);
        every_text_field(cx.ds, |f| {
            let problem = if f.text.starts_with(char::is_whitespace) {
                Some((
                    "starts with whitespace",
                    f.text
                        .chars()
                        .take_while(|c| c.is_whitespace())
                        .collect::<String>(),
                ))
            } else if f.text.ends_with(char::is_whitespace) {
                Some(("ends with whitespace", String::new()))
            } else if memmem::find(f.text.as_bytes(), b"  ").is_some() {
                Some(("has two spaces in a row", "  ".to_owned()))
            } else if memchr3(b'\t', b'\n', b'\r', f.text.as_bytes()).is_some() {
                Some(("has a tab or line break", String::new()))
            } else {
                None
            };
            if let Some((what, needle)) = problem {
                out.push(
                    f.finding_in(
                        cx,
                        &Self::INFO,
                        format!("`{}` of `{}` {what}", f.field, f.id),
                        &needle,
                    )
                    .help("use single spaces between words and none at either end"),
                );
                return;
            }
            // a non-breaking space, unless a quotation has it from its report
            let is_space = |k| k == Class::NonBreakingSpace;
            let Some((first, ..)) = characters::find(f.text, is_space) else {
                return;
            };
            let Some((at, c)) = f.text[first..]
                .char_indices()
                .map(|(i, c)| (first + i, c))
                .find(|&(at, c)| {
                    characters::class(c).is_some_and(is_space) && !quoted.is_quoted(&f, at)
                })
            else {
                return;
            };
            let character = characters::describe(c);
            out.push(
                f.finding_at_char(
                    cx,
                    &Self::INFO,
                    format!(
                        "`{}` of `{}` has a non-breaking space, {character}, at character {}",
                        f.field,
                        f.id,
                        f.text[..at].chars().count() + 1
                    ),
                    c,
                )
                .label(character)
                .help(
                    "replace it with a plain space; a quotation keeps one only where its report has it",
                ),
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn doubled_and_trailing() {
        let file = "conferences/alliance-17/sessions/04-thematic-1.toml";
        snapshot_fixture!(
            super::IrregularWhitespace,
            &[
                (
                    file,
                    "Social partnerships, as well",
                    "Social partnerships,  as well"
                ),
                (
                    "registry/people.toml",
                    "name = \"Kevin Hyland\"",
                    "name = \"Kevin Hyland \""
                ),
                // a vocabulary's free text: the finding points at the spaces, not the id
                (
                    "vocabularies/themes.toml",
                    "description = \"Building, funding",
                    "description = \"Building,  funding"
                ),
            ]
        );
    }

    #[test]
    fn non_breaking_spaces() {
        snapshot_fixture!(
            super::IrregularWhitespace,
            &[
                // a vocabulary term
                (
                    "vocabularies/roles.toml",
                    "name = \"Moderator\"",
                    "name = \"Session\\u00A0moderator\""
                ),
                // a quotation whose report has a plain space
                (
                    "registry/people.toml",
                    "as_printed = \"Independent Anti-Slavery Commissioner, UK\"",
                    "as_printed = \"Independent Anti-Slavery Commissioner,\u{a0}UK\""
                ),
                // a quotation whose report has the same non-breaking space: not reported
                (
                    "conferences/alliance-17/report.md",
                    "Provision of suitable child-friendly",
                    "Provision of suitable\u{a0}child-friendly"
                ),
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "Provision of suitable child-friendly",
                    "Provision of suitable\u{a0}child-friendly"
                ),
            ],
            "non_breaking"
        );
    }
}
