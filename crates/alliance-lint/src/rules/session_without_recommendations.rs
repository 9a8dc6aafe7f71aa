//! `session-without-recommendations`: a panel or thematic session that lists nothing.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule, is_discussion};

declare_rule! {
    /// ## What it does
    /// Finds panels and thematic sessions with no `[[recommendation]]`.
    ///
    /// ## Why it matters
    /// Panels and thematic sessions are where recommendations, findings and conclusions come from; an
    /// empty one usually means its bullets were not entered yet.
    ///
    /// ## Example
    /// A thematic session file with participants but none of the bullets its section of the report
    /// lists.
    ///
    /// ## How to fix
    /// Add the bullets. If the report lists none for the session, suppress the finding on it with the
    /// reason.
    pub(crate) struct SessionWithoutRecommendations;
    severity = Warning,
}

impl Check for SessionWithoutRecommendations {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            if is_discussion(&s.kind) && cx.index.recommendations_of(&s.id).is_empty() {
                out.push(cx.finding(
                    &Self::INFO,
                    format!("session `{}` has no recommendations", s.id),
                    Kind::Session,
                    &s.id,
                    "heading",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn suppression_removed() {
        snapshot_fixture!(
            super::SessionWithoutRecommendations,
            &[(
                "conferences/alliance-17/sessions/08-panel-3.toml",
                "rule = \"session-without-recommendations\"",
                "rule = \"missing-moderator\""
            )]
        );
    }
}
