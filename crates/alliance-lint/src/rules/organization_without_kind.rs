//! `organization-without-kind`: an organization that is not classified.

use alliance_core::Severity;
use alliance_core::diagnostic::Code;
use alliance_core::load::Kind;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// Reports organizations without a `kind`.
pub(crate) struct OrganizationWithoutKind;

pub(crate) static INFO: RuleInfo = RuleInfo {
    code: Code {
        code: "AL023",
        name: "organization-without-kind",
        summary: "an organization has no kind",
    },
    severity: Severity::Warning,
    doc: r#"## What it does
Finds organizations without `kind`.

## Why it matters
Analysts count participation by kind of organization (governments, UN entities, NGOs, ...);
an unclassified organization drops out of those counts.

## Example
```toml
[[organization]]
id = "unicef"
name = "UNICEF"
```

## How to fix
Add `kind` from `vocabularies/organization-kinds.toml`.
"#,
};

impl Rule for OrganizationWithoutKind {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for o in &cx.ds.organizations {
            if o.kind.is_none() {
                out.push(
                    cx.finding(
                        &INFO,
                        format!("organization `{}` has no kind", o.id),
                        Kind::Organization,
                        &o.id,
                        "id",
                    )
                    .help("add `kind = ...` from vocabularies/organization-kinds.toml"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn kind_removed() {
        snapshot_fixture!(
            "AL023",
            &[(
                "registry/organizations.toml",
                "name = \"UNICEF\"\nkind = \"un-entity\"\n",
                "name = \"UNICEF\"\n"
            )]
        );
    }
}
