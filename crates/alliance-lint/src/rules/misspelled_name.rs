//! `misspelled-name`: a person's name is printed otherwise in the report (the check is
//! `alliance_authority::people::misspelled_name`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds a participant whose `name` is not printed in the session's part of the report while a
    /// name close to it is (a few letters apart): a misspelling. One finding per person, at the name
    /// in `registry/people.toml`.
    ///
    /// ## Why it matters
    /// Names are recorded as printed; a misspelled name is a different person to anyone who
    /// searches for them.
    ///
    /// ## Example
    /// ```toml
    /// name = "Susane Riegler"   # the report prints Susanne Riegler
    /// ```
    ///
    /// ## How to fix
    /// Write the name as the report prints it (the help gives it).
    pub(crate) struct MisspelledName;
    severity = Error,
}

impl Check for MisspelledName {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::people::misspelled_name(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn one_letter_dropped() {
        snapshot_fixture!(
            super::MisspelledName,
            &[(
                "registry/people.toml",
                "name = \"Susanne Riegler\"",
                "name = \"Susane Riegler\""
            )]
        );
    }
}
