//! `partial-quotation`: a recommendation quotes only part of its bullet (the check is
//! `alliance_authority::quotes::partial_quotation`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a recommendation's `text` is the whole bullet its `source` points at, not a
    /// part of it. (A text that is not the report's words at all is `not-verbatim`'s.)
    ///
    /// ## Why it matters
    /// A quotation cut short is still word for word in the report, so `not-verbatim` accepts it,
    /// but it drops what the conference said: the condition, the second sentence, the actor.
    ///
    /// ## Example
    /// ```toml
    /// text = "Child protection systems must be strengthened and adjusted to large influxes or crisis contexts in the OSCE region"
    /// ```
    /// The bullet goes on: "and must be harmonized and streamlined;".
    ///
    /// ## How to fix
    /// Quote the whole bullet, its closing punctuation included.
    pub(crate) struct PartialQuotation;
    severity = Error,
}

impl Check for PartialQuotation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::quotes::partial_quotation(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn cut_short() {
        snapshot_fixture!(
            super::PartialQuotation,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "in the OSCE region and must be harmonized and streamlined;\"",
                "in the OSCE region\""
            )]
        );
    }
}
