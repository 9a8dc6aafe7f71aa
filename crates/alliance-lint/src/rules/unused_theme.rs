//! `unused-theme`: a theme no recommendation uses.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds themes in `vocabularies/themes.toml` that no recommendation lists.
    ///
    /// ## Why it matters
    /// Every theme gets a brief; an unused theme prints an empty one, and usually means the
    /// recommendations meant for it were tagged with a different theme.
    ///
    /// ## Example
    /// A theme `data-and-evidence` while every recommendation about data is tagged `data`.
    ///
    /// ## How to fix
    /// Tag the recommendations that belong to it, or remove the theme.
    pub(crate) struct UnusedTheme;
    severity = Warning,
}

impl Check for UnusedTheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for t in &cx.ds.themes {
            if cx.index.recommendations_in(&t.id).is_empty() {
                out.push(cx.finding(
                    &Self::INFO,
                    format!("no recommendation uses theme `{}`", t.id),
                    Kind::Theme,
                    &t.id,
                    "id",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn theme_added() {
        snapshot_fixture!(
            super::UnusedTheme,
            &[(
                "vocabularies/themes.toml",
                "",
                "\n[[term]]\nid = \"unused\"\nname = \"Unused\"\n"
            )]
        );
    }
}
