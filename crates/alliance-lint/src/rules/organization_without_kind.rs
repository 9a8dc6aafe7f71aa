//! `organization-without-kind`: an organization that is not classified.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds organizations without `kind`.
    ///
    /// ## Why it matters
    /// Analysts count participation by kind of organization (governments, UN entities, NGOs, ...);
    /// an unclassified organization drops out of those counts.
    ///
    /// ## Example
    /// ```toml
    /// [[organization]]
    /// id = "unicef"
    /// name = "UNICEF"
    /// ```
    ///
    /// ## How to fix
    /// Add `kind` from `vocabularies/organization-kinds.toml`.
    pub(crate) struct OrganizationWithoutKind;
    severity = Warning,
}

impl Check for OrganizationWithoutKind {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for o in &cx.ds.organizations {
            if o.kind.is_none() {
                out.push(
                    cx.finding(
                        &Self::INFO,
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
            super::OrganizationWithoutKind,
            &[(
                "registry/organizations.toml",
                "name = \"UNICEF\"\nkind = \"un-entity\"\n",
                "name = \"UNICEF\"\n"
            )]
        );
    }
}
