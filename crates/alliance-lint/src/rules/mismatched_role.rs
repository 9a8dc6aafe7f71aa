//! `mismatched-role`: a role the report states is not the participant's (the check is
//! `alliance_authority::people::mismatched_role`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the roles a session's part of the report states against its participants' roles:
    /// "moderated by **A**" makes A the moderator, "Rapporteur **B**" or "**B** ... acted as
    /// rapporteur" B the rapporteur, "a keynote address by **C**" C the keynote speaker, "**D**, ...
    /// welcomed the participants" D one who gave welcome remarks. A moderator, rapporteur or
    /// keynote speaker in the dataset who is not the one the report states is reported too.
    ///
    /// ## Why it matters
    /// The roles say who chaired and who carried the recommendations forward; swapped, they credit
    /// the wrong person in every output.
    ///
    /// ## Example
    /// ```toml
    /// [[participant]]
    /// person = "susanne-riegler"
    /// role = "rapporteur"   # "This panel was moderated by **Susanne Riegler**"
    /// ```
    ///
    /// ## How to fix
    /// Give each participant the role the report states.
    pub(crate) struct MismatchedRole;
    severity = Error,
}

impl Check for MismatchedRole {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::people::mismatched_role(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn moderator_and_rapporteur_swapped() {
        snapshot_fixture!(
            super::MismatchedRole,
            &[
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "person = \"susanne-riegler\"\nrole = \"moderator\"",
                    "person = \"susanne-riegler\"\nrole = \"rapporteur\""
                ),
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "person = \"anh-nguyen\"\nrole = \"rapporteur\"",
                    "person = \"anh-nguyen\"\nrole = \"moderator\""
                )
            ]
        );
    }
}
