//! `conflicting-roles`: one person in two roles of a session that cannot both hold.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds a person listed twice in one session with roles that `vocabularies/roles.toml` declares
    /// `incompatible_with` each other (a moderator is not also a speaker or the rapporteur), or with
    /// the same role twice.
    ///
    /// ## Why it matters
    /// Usually a copy-and-paste slip: the second entry was meant for another person. Counts of
    /// speakers and briefs' "moderated by" lines would be wrong.
    ///
    /// ## Example
    /// ```toml
    /// [[participant]]
    /// person = "susanne-riegler"
    /// role = "moderator"
    ///
    /// [[participant]]
    /// person = "susanne-riegler"
    /// role = "speaker"
    /// ```
    ///
    /// ## How to fix
    /// Fix the person or the role from the report; if the report really gives both roles, suppress
    /// the finding on the session with the reason.
    pub(crate) struct ConflictingRoles;
    name = "conflicting-roles",
    summary = "a person holds two roles in one session that cannot both hold",
    severity = Warning,
}

impl Check for ConflictingRoles {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let incompatible = |a: &str, b: &str| {
            let declared = |x: &str, y: &str| {
                cx.ds
                    .vocabularies
                    .roles
                    .iter()
                    .any(|r| r.id == x && r.incompatible_with.iter().any(|i| i == y))
            };
            declared(a, b) || declared(b, a)
        };
        for s in &cx.ds.sessions {
            for (j, later) in s.participants.iter().enumerate() {
                let Some(earlier) = s.participants[..j].iter().find(|p| {
                    p.person == later.person
                        && (p.role == later.role || incompatible(&p.role, &later.role))
                }) else {
                    continue;
                };
                let message = if earlier.role == later.role {
                    format!(
                        "`{}` is listed twice as {} in session `{}`",
                        later.person, later.role, s.id
                    )
                } else {
                    format!(
                        "`{}` is both {} and {} in session `{}`",
                        later.person, earlier.role, later.role, s.id
                    )
                };
                out.push(cx.finding(
                    &Self::INFO,
                    message,
                    Kind::Session,
                    &s.id,
                    &format!("participant.{j}"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn moderator_also_speaker() {
        snapshot_fixture!(
            super::ConflictingRoles,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "person = \"kevin-hyland\"",
                "person = \"susanne-riegler\""
            )]
        );
    }
}
