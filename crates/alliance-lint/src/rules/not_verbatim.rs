//! `not-verbatim`: a quotation is not the report's words (the check is
//! `alliance_authority::quotes::not_verbatim`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every quoted value is, word for word, in its conference's report text: each
    /// recommendation's `text`, each affiliation's `as_printed`, each figure's `as_printed`. Only what
    /// is not content is normalized: whitespace, line and page breaks, emphasis markers (`*`, `_`) and
    /// Markdown links. The message shows the closest passage of the report and marks the words that
    /// differ, `{-report-}{+dataset+}`.
    ///
    /// ## Why it matters
    /// Analysts paste these texts into memos as the conference's own words. A mistyped word changes
    /// what the OSCE is quoted as saying, and nobody re-reads the report to catch it.
    ///
    /// ## Example
    /// ```toml
    /// text = "Youth policies must be revisited, revised and redesigned to meet contemporary challenges;"
    /// ```
    /// The report says "have to be revisited".
    ///
    /// ## How to fix
    /// Copy the words from the report again. If the report itself has a typo, keep it: the dataset
    /// quotes, it does not edit.
    pub(crate) struct NotVerbatim;
    severity = Error,
}

impl Check for NotVerbatim {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // compared once for this rule and mismatched-punctuation; only what is not exact is kept
        alliance_authority::quotes::not_verbatim(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn one_word_altered() {
        snapshot_fixture!(
            super::NotVerbatim,
            &[(
                "conferences/alliance-17/sessions/04-thematic-1.toml",
                "Youth policies have to be",
                "Youth policies must be"
            )]
        );
    }

    #[test]
    fn figure_with_nothing_close() {
        snapshot_fixture!(
            super::NotVerbatim,
            &[(
                "conferences/alliance-17/conference.toml",
                "as_printed = \"a record number of 381 participants\"",
                "as_printed = \"zzz qqq 9999\""
            )],
            "nothing_close"
        );
    }
}
