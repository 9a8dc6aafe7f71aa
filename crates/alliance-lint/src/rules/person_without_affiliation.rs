//! `person-without-affiliation`: a person with no position or organization.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds people in the registry without any `[[person.affiliation]]`.
    ///
    /// ## Why it matters
    /// Reports introduce almost everyone with a position and organization; analysts and briefs use them
    /// to say who spoke for whom.
    ///
    /// ## Example
    /// ```toml
    /// [[person]]
    /// id = "kevin-hyland"
    /// name = "Kevin Hyland"
    /// ```
    ///
    /// ## How to fix
    /// Add the affiliation as the report prints it. If the report gives none, suppress the finding on
    /// the person with the reason.
    pub(crate) struct PersonWithoutAffiliation;
    severity = Warning,
}

impl Check for PersonWithoutAffiliation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for p in &cx.ds.people {
            if p.affiliations.is_empty() {
                out.push(cx.finding(
                    &Self::INFO,
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
            super::PersonWithoutAffiliation,
            &[(
                "registry/people.toml",
                "[[person.affiliation]]\nconference = \"alliance-17\"\ntitle = \"Independent Anti-Slavery Commissioner\"\ncountry = \"UK\"\nas_printed = \"Independent Anti-Slavery Commissioner, UK\"\n",
                ""
            )]
        );
    }
}
