//! `empty-organization-name`: an organization whose name is empty or only whitespace.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds organizations whose `name` is empty or holds nothing but whitespace.
    ///
    /// ## Why it matters
    /// An organization is shown by its name everywhere: affiliations, co-organizers and
    /// contributors in the workbook, the briefs and the CSV tables. Without one, those cells are
    /// blank, and the organization cannot be found or told apart from another.
    ///
    /// ## Example
    /// ```toml
    /// [[organization]]
    /// id = "holy-see"
    /// name = ""
    /// ```
    ///
    /// ## How to fix
    /// Write the name as the report prints it.
    pub(crate) struct EmptyOrganizationName;
    severity = Error,
}

impl Check for EmptyOrganizationName {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for o in &cx.ds.organizations {
            if !o.name.trim().is_empty() {
                continue;
            }
            let what = if o.name.is_empty() {
                "an empty name"
            } else {
                "a name of only whitespace"
            };
            out.push(
                cx.finding_at_key(
                    &Self::INFO,
                    format!("organization `{}` has {what}", o.id),
                    Kind::Organization,
                    &o.id,
                    "name",
                    None,
                )
                .help("write the name as the report prints it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn empty_and_blank() {
        snapshot_fixture!(
            super::EmptyOrganizationName,
            &[
                (
                    "registry/organizations.toml",
                    "name = \"Holy See\"",
                    "name = \"\""
                ),
                (
                    "registry/organizations.toml",
                    "name = \"ORF\"",
                    "name = \" \\t\""
                ),
            ]
        );
    }
}
