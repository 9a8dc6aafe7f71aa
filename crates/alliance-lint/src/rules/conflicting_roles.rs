//! `conflicting-roles`: one person in two roles of a session that cannot both hold.

use alliance_core::load::Kind;
use alliance_core::model::Participation;
use rustc_hash::FxHashMap;

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
        // each person's earlier participations in the session, so that a participant is
        // compared only with the same person's (linear in a session's participants)
        let mut earlier_of: FxHashMap<&str, Vec<&Participation>> = FxHashMap::default();
        for s in &cx.ds.sessions {
            earlier_of.clear();
            for (j, later) in s.participants.iter().enumerate() {
                let same_person = earlier_of.entry(later.person.as_str()).or_default();
                let found = same_person
                    .iter()
                    .find(|p| p.role == later.role || incompatible(&p.role, &later.role))
                    .copied();
                same_person.push(later);
                let Some(earlier) = found else {
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

    /// Many participants: the first earlier participation of the same person that conflicts is
    /// the one named, as before, and people who appear once are never compared.
    #[test]
    fn the_first_conflicting_earlier_participation_is_named() {
        let tmp = alliance_tests::copy_of_data();
        let path = tmp
            .path()
            .join("conferences/alliance-17/sessions/02-panel-1.toml");
        let mut text = std::fs::read_to_string(&path).expect("read");
        for role in ["speaker", "moderator", "speaker"] {
            text.push_str(&format!(
                "\n[[participant]]\nperson = \"susanne-riegler\"\nrole = \"{role}\"\n"
            ));
        }
        std::fs::write(&path, text).expect("write");
        let loaded = alliance_core::load(tmp.path()).expect("loads");
        let findings = crate::lint(&loaded, &crate::config::Config::default());
        let messages: Vec<&str> = findings
            .iter()
            .filter(|d| d.code.name == "conflicting-roles")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "`susanne-riegler` is both moderator and speaker in session `a17-panel-1`",
                "`susanne-riegler` is listed twice as moderator in session `a17-panel-1`",
                "`susanne-riegler` is both moderator and speaker in session `a17-panel-1`",
            ]
        );
    }

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
