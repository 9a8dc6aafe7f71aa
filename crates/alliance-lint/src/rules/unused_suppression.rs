//! `unused-suppression`: an `[[allow]]` that suppresses nothing.

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds `[[allow]]` entries whose rule reports nothing on their record.
    ///
    /// ## Why it matters
    /// A suppression outlives the problem it excused: once the data is fixed, a stale suppression would
    /// hide the next real finding on the same record.
    ///
    /// ## Example
    /// ```toml
    /// [[allow]]
    /// rule = "missing-rapporteur"
    /// reason = "the report names no rapporteur for this session"
    /// ```
    /// on a session that now has a rapporteur.
    ///
    /// ## How to fix
    /// Delete the `[[allow]]` entry.
    pub(crate) struct UnusedSuppression;
    severity = Warning,
}

impl Check for UnusedSuppression {
    /// Nothing here: the suppression pass reports this, after every other rule ran (see
    /// `crate::suppress`).
    fn check(&self, _: &Context<'_>, _: &mut Vec<Finding>) {}
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn rapporteur_added() {
        snapshot_fixture!(
            super::UnusedSuppression,
            &[(
                "conferences/alliance-17/sessions/08-panel-3.toml",
                "role = \"keynote\"",
                "role = \"keynote\"\n\n[[participant]]\nperson = \"guy-vinet\"\nrole = \"rapporteur\""
            )]
        );
    }
}
