//! `unnamed-participant`: a participant the session's part of the report does not name (the
//! check is `alliance_authority::people::unnamed_participant`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every participant of a session is named in that session's part of the report
    /// (in bold or not). The concluding panel's speakers, whom the report describes by their
    /// earlier roles ("the Rapporteurs of the preceding panels and the moderators of the thematic
    /// sessions featured as speakers"), are accepted when the participation's `note` says so and
    /// the person took part in an earlier session of the conference.
    ///
    /// ## Why it matters
    /// A person added to the wrong session puts words in the mouth of someone who was not there.
    ///
    /// ## Example
    /// ```toml
    /// [[participant]]   # in Panel 2, whose part of the report does not name him
    /// person = "kevin-hyland"
    /// role = "speaker"
    /// ```
    ///
    /// ## How to fix
    /// Remove the participant, or move it to the session that names it. When the report gives the
    /// role indirectly, say how in the participation's `note`.
    pub(crate) struct UnnamedParticipant;
    severity = Error,
}

impl Check for UnnamedParticipant {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::people::unnamed_participant(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn wrong_person_added() {
        snapshot_fixture!(
            super::UnnamedParticipant,
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "[[participant]]\nperson = \"helmut-sax\"",
                "[[participant]]\nperson = \"kevin-hyland\"\nrole = \"speaker\"\n\n[[participant]]\nperson = \"helmut-sax\""
            )]
        );
    }
}
