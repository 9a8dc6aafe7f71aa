//! `broken-hyphenation`: a hyphen left from a line break.

use memchr::memmem;

use crate::rule::{Check, Context, Finding, declare_rule};
use crate::text_fields::text_fields;

declare_rule! {
    /// ## What it does
    /// Finds a lowercase letter, a hyphen, a space and a lowercase letter (`protec- tion`): the trace
    /// of a word split across two printed lines and joined with a space.
    ///
    /// ## Why it matters
    /// The word is wrong in every output and the text no longer matches the report when the report's
    /// own text was joined correctly.
    ///
    /// ## Example
    /// ```toml
    /// text = "... regular training for front- line responders ..."
    /// ```
    ///
    /// ## How to fix
    /// Join the word, or keep the hyphen without the space if the word is hyphenated
    /// (`well-coordinated`).
    pub(crate) struct BrokenHyphenation;
    severity = Warning,
}

impl Check for BrokenHyphenation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        text_fields(cx.ds, |f| {
            if let Some(split) = find_split(f.text) {
                out.push(
                    f.finding_in(
                        cx,
                        &Self::INFO,
                        format!(
                            "`{}` of `{}` has a word split by a line break: `{split}`",
                            f.field, f.id
                        ),
                        split,
                    )
                    .help("join the word"),
                );
            }
        });
    }
}

/// The first `x- y` with lowercase letters on both sides, as it stands in the text.
fn find_split(text: &str) -> Option<&str> {
    memmem::find_iter(text.as_bytes(), b"- ").find_map(|i| {
        let before = text[..i].chars().next_back()?;
        let after = text[i + 2..].chars().next()?;
        (before.is_lowercase() && after.is_lowercase())
            .then(|| &text[i - before.len_utf8()..i + 2 + after.len_utf8()])
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn split_word() {
        snapshot_fixture!(
            super::BrokenHyphenation,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "regular training for frontline responders",
                "regular training for front- line responders"
            )]
        );
    }

    #[test]
    fn spaced_dash_is_not_a_split() {
        assert_eq!(super::find_split("Specialist - Asylum"), None);
        assert_eq!(super::find_split("short- and long-term"), Some("t- a"));
        // the first split, with letters of any script and width
        assert_eq!(super::find_split("é- à, b- c"), Some("é- à"));
        assert_eq!(super::find_split("- a b-  c x-"), None);
    }
}
