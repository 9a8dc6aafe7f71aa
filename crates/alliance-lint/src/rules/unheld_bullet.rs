//! `unheld-bullet`: a bullet of the report that no recommendation holds (the check is
//! `alliance_authority::coverage::unheld_bullet`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every bullet of a list the report introduces as recommendations, findings or
    /// conclusions (its lead-in sentence says which) is held by a recommendation of the session
    /// whose heading it stands under. The finding points at the bullet in the report, quotes its
    /// first words, names the session file it belongs in, and its help is the `[[recommendation]]`
    /// block to paste.
    ///
    /// ## Why it matters
    /// The dataset promises all of the report's recommendations. A block deleted by mistake, or a
    /// bullet skipped while typing a new conference in, silently drops what the conference asked
    /// for from every spreadsheet and brief; no other check notices an absence.
    ///
    /// ## Example
    /// The last recommendation of Panel 1 deleted from `02-panel-1.toml`: the report's bullet on
    /// line 66 is held by nothing.
    ///
    /// ## How to fix
    /// Paste the block from the help and classify it (themes, pillars), or run
    /// `alliance-lint --fix`, which adds it unclassified. A bullet that deliberately is not a
    /// record is excluded on its session, with the reason:
    /// ```toml
    /// [[allow]]
    /// rule = "unheld-bullet"
    /// reason = "the report prints this bullet twice; the first is the record"
    /// ```
    pub(crate) struct UnheldBullet;
    severity = Error,
}

impl Check for UnheldBullet {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::coverage::unheld_bullet(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn last_recommendation_deleted() {
        snapshot_fixture!(
            super::UnheldBullet,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "[[recommendation]]\nid = \"a17-panel-1-r12\"",
                ""
            )]
        );
    }
}
