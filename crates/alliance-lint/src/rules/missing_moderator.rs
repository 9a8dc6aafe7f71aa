//! `missing-moderator`: a panel or thematic session without a moderator.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule, is_discussion};

declare_rule! {
    /// ## What it does
    /// Finds panels and thematic sessions without a participant whose role is `moderator`.
    ///
    /// ## Why it matters
    /// Every panel and thematic session of an Alliance conference is moderated, and briefs name the
    /// moderator under each session. A missing one is almost always a participant left out.
    ///
    /// ## Example
    /// ```toml
    /// [[participant]]
    /// person = "susanne-riegler"
    /// role = "speaker"   # the report says she moderated the panel
    /// ```
    ///
    /// ## How to fix
    /// Add the moderator the report names. If the report names none, suppress the finding on the
    /// session with the reason: `[[allow]] rule = "missing-moderator"`, `reason = "..."`.
    pub(crate) struct MissingModerator;
    severity = Error,
}

impl Check for MissingModerator {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            if is_discussion(&s.kind) && !s.participants.iter().any(|p| p.role == "moderator") {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!("session `{}` has no moderator", s.id),
                        Kind::Session,
                        &s.id,
                        "heading",
                    )
                    .help("add a [[participant]] with role = \"moderator\""),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn moderator_removed() {
        snapshot_fixture!(
            super::MissingModerator,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "role = \"moderator\"",
                "role = \"speaker\""
            )]
        );
    }
}
