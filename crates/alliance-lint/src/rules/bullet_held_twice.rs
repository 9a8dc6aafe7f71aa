//! `bullet-held-twice`: two recommendations hold one bullet (the check is
//! `alliance_authority::quotes::bullet_held_twice`, which export and brief run too).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds a recommendation whose `source.line` is the bullet an earlier recommendation already
    /// holds.
    ///
    /// ## Why it matters
    /// A bullet of the report is one recommendation. Two records for one bullet count it twice in
    /// every tally and usually mean that another bullet was lost (`unheld-bullet` then points at it).
    ///
    /// ## Example
    /// ```toml
    /// source = { bullet = 11, line = 65 }   # the same as the recommendation before
    /// ```
    ///
    /// ## How to fix
    /// Point the recommendation at its own bullet, or delete it.
    pub(crate) struct BulletHeldTwice;
    severity = Error,
}

impl Check for BulletHeldTwice {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::quotes::bullet_held_twice(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn two_on_one_bullet() {
        snapshot_fixture!(
            super::BulletHeldTwice,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "source = { bullet = 12, line = 66 }",
                "source = { bullet = 11, line = 65 }"
            )]
        );
    }
}
