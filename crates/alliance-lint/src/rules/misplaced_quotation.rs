//! `misplaced-quotation`: a recommendation quotes the report, but not its bullet (the check is
//! `alliance_authority::quotes::misplaced_quotation`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a recommendation's `text`, when it is word for word in the report, is the bullet
    /// its `source` points at: not a sentence of a narrative paragraph, not another bullet.
    ///
    /// ## Why it matters
    /// A sentence of the report's prose is the rapporteur's summary, not something the conference
    /// recommended; two texts swapped between records give each the other's source, session and
    /// classification. Both are verbatim, so `not-verbatim` cannot see them.
    ///
    /// ## Example
    /// ```toml
    /// text = "An alarming number simply go missing."
    /// source = { bullet = 1, line = 55 }
    /// ```
    /// The sentence is from the paragraph on line 49.
    ///
    /// ## How to fix
    /// Quote the bullet the source points at, or point the source at the bullet quoted.
    pub(crate) struct MisplacedQuotation;
    severity = Error,
}

impl Check for MisplacedQuotation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::quotes::misplaced_quotation(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn from_a_narrative_paragraph() {
        snapshot_fixture!(
            super::MisplacedQuotation,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "text = \"Child protection systems must be strengthened and adjusted to large influxes or crisis contexts in the OSCE region and must be harmonized and streamlined;\"",
                "text = \"An alarming number simply go missing.\""
            )]
        );
    }
}
