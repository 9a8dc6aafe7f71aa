//! `duplicate-text`: the same recommendation recorded twice.

use std::collections::hash_map::Entry;

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;
use alliance_core::text::normalized;
use rustc_hash::FxHashMap;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports recommendations whose text repeats an earlier one's.
pub(crate) struct DuplicateText;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL030",
        name: "duplicate-text",
        summary: "two recommendations have the same text",
    },
    severity: Severity::Error,
    doc: r#"## What it does
Finds recommendations whose text (normalized for whitespace) is the same as an earlier one's.

## Why it matters
A bullet entered twice is counted twice in every cross-tab and printed twice in a brief.

## Example
Two `[[recommendation]]` tables with the same `text` after a copy and paste.

## How to fix
Remove the copy; if the report really repeats a bullet in two sessions, suppress the finding on
the second with the reason.
"#,
};

impl Rule for DuplicateText {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // most texts are already normalized: the keys borrow them
        let mut seen = FxHashMap::default();
        seen.reserve(cx.ds.recommendations.len());
        for r in &cx.ds.recommendations {
            match seen.entry(normalized(&r.text)) {
                Entry::Occupied(first) => out.push(
                    cx.finding(
                        &INFO,
                        format!(
                            "recommendation `{}` repeats the text of `{}`",
                            r.id,
                            first.get()
                        ),
                        Kind::Recommendation,
                        &r.id,
                        "text",
                    )
                    .label("same text as an earlier recommendation"),
                ),
                Entry::Vacant(entry) => {
                    entry.insert(&r.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn copied_recommendation() {
        snapshot_fixture!(
            "AL030",
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "",
                "\n[[recommendation]]\nid = \"a17-panel-2-r09\"\norder = 9\nlabel = \"findings\"\ntext = \"Prevention efforts should focus on addressing the factors that increase children's vulnerability through family strengthening and sustainable youth programmes.\"\nthemes = [\"prevention-and-awareness\"]\npillars = [\"prevention\"]\nsource = { bullet = 8, line = 88 }\n"
            )]
        );
    }
}
