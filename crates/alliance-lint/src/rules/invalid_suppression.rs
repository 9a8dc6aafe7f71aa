//! `invalid-suppression`: an `[[allow]]` naming no rule, or giving no reason.

use alliance_core::text::closest;

use crate::codes::{RULES, find_rule};
use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks every `[[allow]]`: its `rule` must be the code or name of a lint rule, and its `reason`
    /// must say why the finding does not apply.
    ///
    /// ## Why it matters
    /// A reviewer reads the reason instead of re-reading the report; a suppression without one hides a
    /// finding without telling anyone why. A mistyped rule suppresses nothing.
    ///
    /// ## Example
    /// ```toml
    /// [[allow]]
    /// rule = "missing-raporteur"
    /// reason = ""
    /// ```
    ///
    /// ## How to fix
    /// Name the rule as `alliance-lint --explain` does, and write the reason.
    pub(crate) struct InvalidSuppression;
    severity = Error,
}

impl Check for InvalidSuppression {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in cx.loaded.origins.suppressions() {
            let finding = if find_rule(&s.rule).is_none() {
                let names = RULES.iter().map(|r| r.info().code.name);
                let help = match closest(&s.rule, names) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => "`alliance-lint --explain CODE` documents every rule".to_owned(),
                };
                Some(
                    cx.finding_at(
                        &Self::INFO,
                        format!("`{}` is not a lint rule", s.rule),
                        s.kind,
                        &s.id,
                        Some(s.location.clone()),
                    )
                    .help(help),
                )
            } else if s.reason.trim().is_empty() {
                Some(
                    cx.finding_at(&Self::INFO, format!("the suppression of `{}` gives no reason", s.rule), s.kind, &s.id, Some(s.location.clone()))
                        .help("say why the finding does not apply, e.g. \"the report names no rapporteur for this session\""),
                )
            } else {
                None
            };
            out.extend(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn unknown_rule_and_empty_reason() {
        let file = "conferences/alliance-17/sessions/08-panel-3.toml";
        snapshot_fixture!(
            super::InvalidSuppression,
            &[
                (
                    file,
                    "rule = \"missing-rapporteur\"",
                    "rule = \"missing-raporteur\""
                ),
                (
                    "registry/people.toml",
                    "reason = \"the report gives no position or organization for Pope Francis\"",
                    "reason = \"  \""
                ),
            ]
        );
    }
}
