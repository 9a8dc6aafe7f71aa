//! `unrecorded-person`: a person the report names in a session is not its participant (the
//! check is `alliance_authority::people::unrecorded_person`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every person a session's part of the report names in bold (the report's way of
    /// introducing moderators, rapporteurs and speakers) is a participant of that session. The
    /// finding points at the name in the report; its help is the `[[participant]]` to add, with the
    /// role the sentence states when it states one.
    ///
    /// ## Why it matters
    /// Who spoke is part of the record: the Participants sheet and the briefs list them. A speaker
    /// dropped from a session file disappears from every output and no other check notices.
    ///
    /// ## Example
    /// The participant `federica-toscano` deleted from Panel 1: the report names **Federica
    /// Toscano** among its speakers on line 47.
    ///
    /// ## How to fix
    /// Add the participant. A name that deliberately is not one (someone quoted, not present) is
    /// excluded on the session, with the reason:
    /// ```toml
    /// [[allow]]
    /// rule = "unrecorded-person"
    /// reason = "the report quotes her book; she did not take part"
    /// ```
    pub(crate) struct UnrecordedPerson;
    severity = Error,
}

impl Check for UnrecordedPerson {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::people::unrecorded_person(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn speaker_deleted() {
        snapshot_fixture!(
            super::UnrecordedPerson,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "[[participant]]\nperson = \"federica-toscano\"",
                ""
            )]
        );
    }
}
