//! `missing-rapporteur`: a panel without a rapporteur.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports panels that record no rapporteur.
pub(crate) struct MissingRapporteur;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL017",
        name: "missing-rapporteur",
        summary: "a panel has no rapporteur",
    },
    severity: Severity::Warning,
    doc: r#"## What it does
Finds sessions of kind `panel` without a participant whose role is `rapporteur`.

## Why it matters
Rapporteurs carry a panel's recommendations to the concluding session; most panels have one.
A warning, because some reports name none.

## Example
A panel file whose participants are a moderator and speakers only.

## How to fix
Add the rapporteur the report names, or suppress the finding on the session with the reason:
```toml
[[allow]]
rule = "missing-rapporteur"
reason = "the report names no rapporteur for this session"
```
"#,
};

impl Rule for MissingRapporteur {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            if s.kind == "panel" && !s.participants.iter().any(|p| p.role == "rapporteur") {
                out.push(cx.finding(
                    &INFO,
                    format!("panel `{}` has no rapporteur", s.id),
                    Kind::Session,
                    &s.id,
                    "heading",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn rapporteur_removed() {
        snapshot_fixture!(
            "AL017",
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "role = \"rapporteur\"",
                "role = \"speaker\""
            )]
        );
    }
}
