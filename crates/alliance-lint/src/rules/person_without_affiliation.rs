//! `person-without-affiliation`: a person with no position or organization.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports people without any affiliation.
pub(crate) struct PersonWithoutAffiliation;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL022",
        name: "person-without-affiliation",
        summary: "a person has no affiliation",
    },
    severity: Severity::Warning,
    doc: r#"## What it does
Finds people in the registry without any `[[person.affiliation]]`.

## Why it matters
Reports introduce almost everyone with a position and organization; analysts and briefs use them
to say who spoke for whom.

## Example
```toml
[[person]]
id = "kevin-hyland"
name = "Kevin Hyland"
```

## How to fix
Add the affiliation as the report prints it. If the report gives none, suppress the finding on
the person with the reason.
"#,
};

impl Rule for PersonWithoutAffiliation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for p in &cx.ds.people {
            if p.affiliations.is_empty() {
                out.push(cx.finding(
                    &INFO,
                    format!("person `{}` has no affiliation", p.id),
                    Kind::Person,
                    &p.id,
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
    fn affiliation_removed() {
        snapshot_fixture!(
            "AL022",
            &[(
                "registry/people.toml",
                "[[person.affiliation]]\nconference = \"alliance-17\"\ntitle = \"Independent Anti-Slavery Commissioner\"\ncountry = \"UK\"\nas_printed = \"Independent Anti-Slavery Commissioner, UK\"\n",
                ""
            )]
        );
    }
}
