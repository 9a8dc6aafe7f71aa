//! `recommendation-without-pillar`: a recommendation under none of the four pillars.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports recommendations with an empty `pillars` list.
pub(crate) struct RecommendationWithoutPillar;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL021",
        name: "recommendation-without-pillar",
        summary: "a recommendation has no pillar",
    },
    severity: Severity::Error,
    doc: r#"## What it does
Finds recommendations whose `pillars` list is missing or empty.

## Why it matters
The "four pillars" (prevention, protection, prosecution, partnership) are how the OSCE frames
anti-trafficking work; the workbook's summary cross-tabulates themes by pillar.

## Example
```toml
pillars = []
```

## How to fix
Add at least one pillar from `vocabularies/pillars.toml`.
"#,
};

impl Rule for RecommendationWithoutPillar {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for r in &cx.ds.recommendations {
            if r.pillars.is_empty() {
                out.push(
                    cx.finding(
                        &INFO,
                        format!("recommendation `{}` has no pillar", r.id),
                        Kind::Recommendation,
                        &r.id,
                        "id",
                    )
                    .help("add `pillars = [...]` with ids from vocabularies/pillars.toml"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn pillars_removed() {
        snapshot_fixture!(
            "AL021",
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "pillars = [\"protection\", \"prevention\"]\n",
                ""
            )]
        );
    }
}
