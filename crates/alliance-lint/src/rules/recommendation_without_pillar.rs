//! `recommendation-without-pillar`: a recommendation under none of the four pillars.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds recommendations whose `pillars` list is missing or empty.
    ///
    /// ## Why it matters
    /// The "four pillars" (prevention, protection, prosecution, partnership) are how the OSCE frames
    /// anti-trafficking work; the workbook's summary cross-tabulates themes by pillar.
    ///
    /// ## Example
    /// ```toml
    /// pillars = []
    /// ```
    ///
    /// ## How to fix
    /// Add at least one pillar from `vocabularies/pillars.toml`.
    pub(crate) struct RecommendationWithoutPillar;
    severity = Error,
}

impl Check for RecommendationWithoutPillar {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in &cx.ds.recommendations {
            if r.pillars.is_empty() {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!("recommendation `{}` has no pillar", r.id),
                        Kind::Recommendation,
                        &r.id,
                        "id",
                    )
                    .help("add `pillars = [...]` with ids from vocabularies/pillars.toml"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn pillars_removed() {
        snapshot_fixture!(
            super::RecommendationWithoutPillar,
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "pillars = [\"protection\", \"prevention\"]\n",
                ""
            )]
        );
    }
}
