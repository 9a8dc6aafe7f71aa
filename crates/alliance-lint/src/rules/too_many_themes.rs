//! `too-many-themes`: a recommendation in more than three themes.

use alliance_core::load::Kind;
use rustc_hash::FxHashSet;

use crate::rule::{Check, Context, Finding, declare_rule};

/// The most themes a recommendation has (`data/README.md`: one to three).
const MAX_THEMES: usize = 3;

declare_rule! {
    /// ## What it does
    /// Finds recommendations whose `themes` list has more than three different themes.
    ///
    /// ## Why it matters
    /// The dataset's rule is one to three themes per recommendation: themes say what a
    /// recommendation is mainly about. One tagged with every theme that touches it appears in
    /// every brief, crowds out the recommendations that belong there, and makes counts per theme
    /// meaningless.
    ///
    /// ## Example
    /// ```toml
    /// themes = ["identification-and-referral", "trust-and-rapport", "capacity-building-and-training", "criminal-justice"]
    /// ```
    ///
    /// ## How to fix
    /// Keep the three themes the recommendation is most about.
    pub(crate) struct TooManyThemes;
    severity = Error,
}

impl Check for TooManyThemes {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut distinct = FxHashSet::default();
        for r in &cx.ds.recommendations {
            if r.themes.len() <= MAX_THEMES {
                continue;
            }
            // a theme listed twice is `repeated-term`'s
            distinct.clear();
            distinct.extend(r.themes.iter().map(String::as_str));
            if distinct.len() > MAX_THEMES {
                out.push(
                    cx.finding_at_key(
                        &Self::INFO,
                        format!(
                            "recommendation `{}` has {} themes; a recommendation has one to three",
                            r.id,
                            distinct.len()
                        ),
                        Kind::Recommendation,
                        &r.id,
                        "themes",
                        None,
                    )
                    .label(format!("{} themes", distinct.len()))
                    .help("keep the three themes the recommendation is most about"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn a_fourth_theme() {
        snapshot_fixture!(
            super::TooManyThemes,
            &[
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "themes = [\"identification-and-referral\", \"trust-and-rapport\", \"capacity-building-and-training\"]",
                    "themes = [\"identification-and-referral\", \"trust-and-rapport\", \"capacity-building-and-training\", \"criminal-justice\"]"
                ),
                // four entries, three themes: not this rule's
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "themes = [\"children-on-the-move\", \"criminal-justice\", \"international-co-operation\"]",
                    "themes = [\"children-on-the-move\", \"criminal-justice\", \"international-co-operation\", \"criminal-justice\"]"
                ),
            ]
        );
    }
}
