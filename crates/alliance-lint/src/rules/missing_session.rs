//! `missing-session`: a session of the report without its session file (the check is
//! `alliance_authority::coverage::missing_session`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every section of the report that is a session (it names people in bold or
    /// lists recommendations, findings or conclusions) has a session file whose `heading` is the
    /// section's heading. The finding points at the heading in the report.
    ///
    /// ## Why it matters
    /// A deleted session file takes its participants and all its recommendations with it; with
    /// the sessions after it renumbered, nothing else in the dataset looks wrong.
    ///
    /// ## Example
    /// `sessions/06-thematic-3.toml` deleted: the report's section "Legal framework and practical
    /// measures for conducting child interviews ..." has no session.
    ///
    /// ## How to fix
    /// Restore or add the session file (and renumber the sessions after it). A section that
    /// deliberately is not a session is excluded on the conference, with the reason:
    /// ```toml
    /// [[allow]]
    /// rule = "missing-session"
    /// reason = "the report's side event is not a session of the conference"
    /// ```
    pub(crate) struct MissingSession;
    severity = Error,
}

impl Check for MissingSession {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::coverage::missing_session(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn session_file_deleted() {
        snapshot_fixture!(
            super::MissingSession,
            &[(
                "conferences/alliance-17/sessions/06-thematic-3.toml",
                "",
                ""
            )]
        );
    }
}
