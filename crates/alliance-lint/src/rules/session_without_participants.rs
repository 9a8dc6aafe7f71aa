//! `session-without-participants`: a session that records nobody.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds sessions with no `[[participant]]` at all.
    ///
    /// ## Why it matters
    /// Every session in a report has people: who opened, moderated, spoke. A session without any is a
    /// file that was started and never finished.
    ///
    /// ## Example
    /// A session file with a title and recommendations but no `[[participant]]` tables.
    ///
    /// ## How to fix
    /// Add every person the report names in the session, each with their role.
    pub(crate) struct SessionWithoutParticipants;
    severity = Error,
}

impl Check for SessionWithoutParticipants {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            if s.participants.is_empty() {
                out.push(cx.finding(
                    &Self::INFO,
                    format!("session `{}` has no participants", s.id),
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
    fn participants_removed() {
        let file = "conferences/alliance-17/sessions/07-thematic-4.toml";
        snapshot_fixture!(
            super::SessionWithoutParticipants,
            &[
                (
                    file,
                    "[[participant]]\nperson = \"ruth-freedom-pojman\"\nrole = \"moderator\"\n",
                    ""
                ),
                (
                    file,
                    "[[participant]]\nperson = \"larysa-belskaya\"\nrole = \"rapporteur\"\n",
                    ""
                ),
            ]
        );
    }
}
