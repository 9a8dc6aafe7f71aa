//! `leftover-markdown`: emphasis markers copied from the report into a text.

use memchr::{memchr, memchr_iter, memmem};

use crate::rule::{Check, Context, Finding, declare_rule};
use crate::text_fields::text_fields;

declare_rule! {
    /// ## What it does
    /// Finds `*`, `**` and emphasis underscores (`_word_`) in names, titles, quotations and
    /// descriptions.
    ///
    /// ## Why it matters
    /// The report's Markdown marks emphasis and names in bold; the markers are not words. Left in the
    /// data they print as stars in the workbook and the briefs.
    ///
    /// ## Example
    /// ```toml
    /// text = "*Youth policies have to be revisited, revised and redesigned to meet contemporary challenges;*"
    /// ```
    ///
    /// ## How to fix
    /// Delete the markers; keep the words.
    pub(crate) struct LeftoverMarkdown;
    severity = Warning,
}

impl Check for LeftoverMarkdown {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        text_fields(cx.ds, |f| {
            let text = f.text.as_bytes();
            let marker = if let Some(star) = memchr(b'*', text) {
                // the first star starts `**` when any does
                Some(if memmem::find(&text[star..], b"**").is_some() {
                    "**"
                } else {
                    "*"
                })
            } else {
                emphasis_underscore(f.text).then_some("_")
            };
            if let Some(marker) = marker {
                out.push(
                    f.finding_in(
                        cx,
                        &Self::INFO,
                        format!(
                            "`{}` of `{}` holds the Markdown marker `{marker}`",
                            f.field, f.id
                        ),
                        marker,
                    )
                    .help("remove emphasis markers; the report's words are what counts"),
                );
            }
        });
    }
}

/// An underscore at a word's edge (`_word`, `word_`), not inside `snake_case`.
fn emphasis_underscore(text: &str) -> bool {
    memchr_iter(b'_', text.as_bytes()).any(|i| {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        !(word(text[..i].chars().next_back()) && word(text[i + 1..].chars().next()))
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn stars_left_in() {
        snapshot_fixture!(
            super::LeftoverMarkdown,
            &[(
                "conferences/alliance-17/sessions/04-thematic-1.toml",
                "text = \"Youth policies have to be revisited, revised and redesigned to meet contemporary challenges;\"",
                "text = \"*Youth policies have to be revisited, revised and redesigned to meet contemporary challenges;*\""
            )]
        );
    }

    #[test]
    fn underscores() {
        assert!(super::emphasis_underscore("_emphasis_"));
        assert!(!super::emphasis_underscore("snake_case"));
    }
}
