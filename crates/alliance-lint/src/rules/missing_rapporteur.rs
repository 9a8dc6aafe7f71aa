//! `missing-rapporteur`: a panel without a rapporteur.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds sessions of kind `panel` without a participant whose role is `rapporteur`.
    ///
    /// ## Why it matters
    /// Rapporteurs carry a panel's recommendations to the concluding session; most panels have one.
    /// A warning, because some reports name none.
    ///
    /// ## Example
    /// A panel file whose participants are a moderator and speakers only.
    ///
    /// ## How to fix
    /// Add the rapporteur the report names, or suppress the finding on the session with the reason:
    /// ```toml
    /// [[allow]]
    /// rule = "missing-rapporteur"
    /// reason = "the report names no rapporteur for this session"
    /// ```
    pub(crate) struct MissingRapporteur;
    severity = Warning,
}

impl Check for MissingRapporteur {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            if s.kind == "panel" && !s.participants.iter().any(|p| p.role == "rapporteur") {
                out.push(cx.finding(
                    &Self::INFO,
                    format!("panel `{}` has no rapporteur", s.id),
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
    fn rapporteur_removed() {
        snapshot_fixture!(
            super::MissingRapporteur,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "role = \"rapporteur\"",
                "role = \"speaker\""
            )]
        );
    }
}
