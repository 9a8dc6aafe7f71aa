//! `mismatched-label`: a label other than the list's lead-in gives (the check is
//! `alliance_authority::quotes::mismatched_label`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a recommendation's `label` is what the sentence introducing its bullet's list
    /// calls the items: "The panellists agreed upon the following recommendations:" makes them
    /// `recommendations`, "Concrete findings of the panel include:" `findings`.
    ///
    /// ## Why it matters
    /// The label is the report's word for what the conference produced; analysts filter on it. A
    /// finding presented as a recommendation claims the conference asked for something it only
    /// observed.
    ///
    /// ## Example
    /// ```toml
    /// label = "findings"   # the lead-in on line 53 says "recommendations"
    /// ```
    ///
    /// ## How to fix
    /// Use the label the lead-in names.
    pub(crate) struct MismatchedLabel;
    severity = Error,
}

impl Check for MismatchedLabel {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::quotes::mismatched_label(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn findings_for_recommendations() {
        snapshot_fixture!(
            super::MismatchedLabel,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "id = \"a17-panel-1-r03\"\norder = 3\nlabel = \"recommendations\"",
                "id = \"a17-panel-1-r03\"\norder = 3\nlabel = \"findings\""
            )]
        );
    }
}
