//! `recommendation-without-theme`: a recommendation in no theme.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds recommendations whose `themes` list is missing or empty.
    ///
    /// ## Why it matters
    /// Briefs are printed per theme: a recommendation without a theme appears in no brief, and analysts
    /// filtering by theme never see it.
    ///
    /// ## Example
    /// ```toml
    /// themes = []
    /// ```
    ///
    /// ## How to fix
    /// Give it one to three themes from `vocabularies/themes.toml`.
    pub(crate) struct RecommendationWithoutTheme;
    severity = Error,
}

impl Check for RecommendationWithoutTheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in &cx.ds.recommendations {
            if r.themes.is_empty() {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!("recommendation `{}` has no theme", r.id),
                        Kind::Recommendation,
                        &r.id,
                        "id",
                    )
                    .help(
                        "add `themes = [...]` with one to three ids from vocabularies/themes.toml",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn themes_emptied() {
        snapshot_fixture!(
            super::RecommendationWithoutTheme,
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "themes = [\"prevention-and-awareness\"]",
                "themes = []"
            )]
        );
    }
}
