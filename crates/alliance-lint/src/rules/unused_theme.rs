//! `unused-theme`: a theme no recommendation uses.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports themes without recommendations.
pub(crate) struct UnusedTheme;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL026",
        name: "unused-theme",
        summary: "a theme no recommendation uses",
    },
    severity: Severity::Warning,
    doc: r#"## What it does
Finds themes in `vocabularies/themes.toml` that no recommendation lists.

## Why it matters
Every theme gets a brief; an unused theme prints an empty one, and usually means the
recommendations meant for it were tagged with a different theme.

## Example
A theme `data-and-evidence` while every recommendation about data is tagged `data`.

## How to fix
Tag the recommendations that belong to it, or remove the theme.
"#,
};

impl Rule for UnusedTheme {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for t in &cx.ds.themes {
            if cx.index.recommendations_in(&t.id).is_empty() {
                out.push(cx.finding(
                    &INFO,
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
            "AL026",
            &[(
                "vocabularies/themes.toml",
                "",
                "\n[[term]]\nid = \"unused\"\nname = \"Unused\"\n"
            )]
        );
    }
}
