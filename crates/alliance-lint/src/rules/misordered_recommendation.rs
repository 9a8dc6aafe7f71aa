//! `misordered-recommendation`: a recommendation's order is not its bullet's (the check is
//! `alliance_authority::quotes::misordered_recommendation`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the recommendations of a session are numbered (`order`) in the order of their
    /// bullets in the report: the recommendation on the session's third bullet is number 3.
    ///
    /// ## Why it matters
    /// Analysts and briefs list a session's recommendations by `order`, as the report lists them;
    /// two orders swapped reorder the conference's words without any text changing.
    ///
    /// ## Example
    /// ```toml
    /// id = "a17-panel-1-r01"
    /// order = 2
    /// ```
    ///
    /// ## How to fix
    /// Renumber the session's recommendations in report order; `alliance-lint --fix` does.
    pub(crate) struct MisorderedRecommendation;
    severity = Error,
}

impl Check for MisorderedRecommendation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::quotes::misordered_recommendation(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn two_orders_swapped() {
        snapshot_fixture!(
            super::MisorderedRecommendation,
            &[
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "id = \"a17-panel-1-r01\"\norder = 1",
                    "id = \"a17-panel-1-r01\"\norder = 2"
                ),
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "id = \"a17-panel-1-r02\"\norder = 2",
                    "id = \"a17-panel-1-r02\"\norder = 1"
                )
            ]
        );
    }
}
