//! `invisible-character`: a control, bidirectional or zero-width character in a text.

use alliance_core::render::escape_controls;

use crate::characters::{self, Class, ReportCharacters};
use crate::rule::{Check, Context, Finding, declare_rule};
use crate::text_fields::every_text_field;

declare_rule! {
    /// ## What it does
    /// Finds texts (names, titles, headings, quotations, descriptions, vocabulary terms,
    /// abbreviations, notes, ...) that hold a character nobody sees: a control character (C0, such
    /// as NUL, BEL or ESC, C1, or DEL; tabs and line breaks are `irregular-whitespace`'s), a
    /// bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), a zero-width
    /// character (U+200B, U+200C, U+200D, U+2060, U+FEFF) or a soft hyphen (U+00AD). A quotation
    /// may hold one where its report has it. In an id or a reference such a character is an error
    /// already: the id is not lowercase kebab-case (`malformed-id`) or names nothing
    /// (`dangling-reference`).
    ///
    /// ## Why it matters
    /// These characters change what a text is without changing what it looks like. A right-to-left
    /// override makes a name read differently from the bytes that are compared and exported (the
    /// trick of CVE-2021-42574); a zero-width space splits a word for every search and filter; an
    /// escape sequence copied into a terminal or a CI log can rewrite it. They come from copying
    /// out of PDFs, web pages and word processors, or from someone who means harm.
    ///
    /// ## Example
    /// ```toml
    /// name = "Kevin\u202EHyland"
    /// ```
    ///
    /// ## How to fix
    /// Delete the character (retype the words around it if your editor does not show it). If a
    /// quotation's report really has it, quote the report as it is.
    pub(crate) struct InvisibleCharacter;
    severity = Warning,
}

impl Check for InvisibleCharacter {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut quoted = ReportCharacters::new(cx);
        let unseen = |k| k != Class::NonBreakingSpace;
        every_text_field(cx.ds, |f| {
            let Some((first, ..)) = characters::find(f.text, unseen) else {
                return;
            };
            let mut found = f.text[first..]
                .char_indices()
                .map(|(i, c)| (first + i, c))
                .filter(|&(at, c)| {
                    characters::class(c).is_some_and(unseen) && !quoted.is_quoted(&f, at)
                });
            let Some((at, c)) = found.next() else {
                return;
            };
            let class = characters::class(c).unwrap_or(Class::Invisible);
            let character = characters::describe(c);
            let mut others: Vec<char> = found.map(|(_, c)| c).filter(|&o| o != c).collect();
            others.sort_unstable();
            others.dedup();
            let mut finding = f
                .finding_at_char(
                    cx,
                    &Self::INFO,
                    format!(
                        "`{}` of `{}` holds {character} at character {}",
                        f.field,
                        f.id,
                        f.text[..at].chars().count() + 1
                    ),
                    c,
                )
                .label(class.what())
                .note(format!("the text, shown escaped: {}", excerpt(f.text, at)));
            if !others.is_empty() {
                let others: Vec<String> = others.into_iter().map(characters::describe).collect();
                finding = finding.note(format!("it also holds {}", others.join(", ")));
            }
            out.push(
                finding.help(
                    "delete the character; a quotation keeps one only where its report has it",
                ),
            );
        });
    }
}

/// Up to 30 characters of `text` on either side of the character at byte `at`, escaped (the
/// note is safe to print in every format, SARIF included).
fn excerpt(text: &str, at: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(29)
        .map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(31)
        .map_or(text.len(), |(i, _)| at + i);
    format!(
        "\"{}{}{}\"",
        if start > 0 { "…" } else { "" },
        escape_controls(&text[start..end]),
        if end < text.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn bidi_escape_zero_width() {
        snapshot_fixture!(
            super::InvisibleCharacter,
            &[
                // a name, with the character written as a TOML escape
                (
                    "registry/people.toml",
                    "name = \"Kevin Hyland\"",
                    "name = \"Kevin \\u202EHyland\""
                ),
                // a terminal escape sequence in a vocabulary term
                (
                    "vocabularies/roles.toml",
                    "name = \"Moderator\"",
                    "name = \"\\u001b]8;;http://x\\u0007Moderator\\u001b]8;;\\u0007\""
                ),
                // a zero-width space in an organization's name, as the character itself
                (
                    "registry/organizations.toml",
                    "name = \"Holy See\"",
                    "name = \"Holy\u{200b} See\""
                ),
                // a quotation whose report has the same soft hyphen: not reported
                (
                    "conferences/alliance-17/report.md",
                    "Provision of suitable child-friendly",
                    "Provision of suit\u{ad}able child-friendly"
                ),
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "Provision of suitable child-friendly",
                    "Provision of suit\u{ad}able child-friendly"
                ),
                // a title with NUL written as an escape
                (
                    "conferences/alliance-17/sessions/03-panel-2.toml",
                    "title = \"",
                    "title = \"\\u0000"
                ),
            ]
        );
    }

    #[test]
    fn a_quotation_without_the_report_s_character() {
        let (human, _) = crate::testing::fixture(
            <super::InvisibleCharacter as crate::rule::Check>::INFO
                .code
                .code,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "Provision of suitable child-friendly",
                "Provision of suit\u{ad}able child-friendly",
            )],
        );
        assert!(
            human.contains("`text` of `a17-panel-1-r09` holds U+00AD SOFT HYPHEN at character 18"),
            "{human}"
        );
    }
}
