//! `mismatched-title-page`: a conference's edition, dates or place disagree with the report's
//! title page (the check is `alliance_authority::facts::mismatched_title_page`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks a conference's `edition`, `start_date` and `end_date`, `city` and `venue` against what
    /// the report's title page (the lines before its first sentence of prose) prints: "17th ...
    /// Conference", "3-4 April 2017", "Vienna, Hofburg". What the title page does not print is not
    /// checked.
    ///
    /// ## Why it matters
    /// Edition and year identify the conference in every output ("17th Alliance conference, 2017");
    /// a typo files its recommendations under another year.
    ///
    /// ## Example
    /// ```toml
    /// edition = 16   # the title page says 17th
    /// ```
    ///
    /// ## How to fix
    /// Copy the facts from the title page.
    pub(crate) struct MismatchedTitlePage;
    severity = Error,
}

impl Check for MismatchedTitlePage {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::facts::mismatched_title_page(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn edition_and_year_mistyped() {
        snapshot_fixture!(
            super::MismatchedTitlePage,
            &[
                (
                    "conferences/alliance-17/conference.toml",
                    "edition = 17",
                    "edition = 16"
                ),
                (
                    "conferences/alliance-17/conference.toml",
                    "start_date = \"2017-04-03\"\nend_date = \"2017-04-04\"",
                    "start_date = \"2016-04-03\"\nend_date = \"2016-04-04\""
                )
            ]
        );
    }
}
