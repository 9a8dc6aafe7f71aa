//! `recommendation-without-theme`: a recommendation in no theme.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports recommendations with an empty `themes` list.
pub(crate) struct RecommendationWithoutTheme;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL020",
        name: "recommendation-without-theme",
        summary: "a recommendation has no theme",
    },
    severity: Severity::Error,
    doc: r#"## What it does
Finds recommendations whose `themes` list is missing or empty.

## Why it matters
Briefs are printed per theme: a recommendation without a theme appears in no brief, and analysts
filtering by theme never see it.

## Example
```toml
themes = []
```

## How to fix
Give it one to three themes from `vocabularies/themes.toml`.
"#,
};

impl Rule for RecommendationWithoutTheme {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in &cx.ds.recommendations {
            if r.themes.is_empty() {
                out.push(
                    cx.finding(
                        &INFO,
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
            "AL020",
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "themes = [\"prevention-and-awareness\"]",
                "themes = []"
            )]
        );
    }
}
