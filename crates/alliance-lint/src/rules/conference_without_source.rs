//! `conference-without-source`: a conference that does not say where its data comes from.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports conferences without a `[source]`.
pub(crate) struct ConferenceWithoutSource;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL025",
        name: "conference-without-source",
        summary: "a conference has no source report",
    },
    severity: Severity::Error,
    doc: r#"## What it does
Finds conferences without a `[source]` table naming their report.

## Why it matters
Without its report nothing of the conference can be checked verbatim, and outputs cannot cite
their source.

## Example
A `conference.toml` without `[source]`.

## How to fix
Add `[source]` with `report` (the report's text file in the conference folder), `title`,
`publisher` and `attribution`.
"#,
};

impl Rule for ConferenceWithoutSource {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for c in &cx.ds.conferences {
            if c.source.is_none() {
                out.push(
                    cx.finding(
                        &INFO,
                        format!("conference `{}` has no source report", c.id),
                        Kind::Conference,
                        &c.id,
                        "id",
                    )
                    .help("add a [source] table naming the report's text file"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn source_removed() {
        let file = "conferences/alliance-17/conference.toml";
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../data")
                .join(file),
        )
        .expect("read");
        let start = text.find("[source]").expect("source");
        let end = text.find("[[figure]]").expect("figure");
        snapshot_fixture!("AL025", &[(file, &text[start..end], "")]);
    }
}
