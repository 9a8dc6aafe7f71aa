//! Suppressions: `[[allow]]` entries on records remove the matching findings of their rule on
//! that record; an entry that removes nothing is itself reported (`unused-suppression`).

use crate::codes::find_rule;
use crate::rule::{Check, Context, Finding};
use crate::rules::unused_suppression::UnusedSuppression;

/// Removes suppressed findings and, when the rules ran (`rules_ran`), adds one for each
/// suppression that matched nothing.
pub(crate) fn apply(cx: &Context<'_>, findings: Vec<Finding>, rules_ran: bool) -> Vec<Finding> {
    let suppressions = cx.loaded.origins.suppressions();
    let filter = cx.loaded.origins.suppression_filter();
    let mut used = vec![false; suppressions.len()];
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|f| {
            let Some((kind, id)) = &f.subject else {
                return true;
            };
            let hit = filter.find(*kind, id, f.diagnostic.code);
            if let Some(i) = hit {
                used[i] = true;
            }
            hit.is_none()
        })
        .collect();
    for (s, used) in suppressions.iter().zip(used) {
        // unknown rules are `invalid-suppression`'s
        if rules_ran && !used && find_rule(&s.rule).is_some() {
            kept.push(
                cx.finding_at(
                    &UnusedSuppression::INFO,
                    format!(
                        "`{}` reports nothing on `{}`; this suppression is not needed",
                        s.rule, s.id
                    ),
                    s.kind,
                    &s.id,
                    Some(s.location.clone()),
                )
                .label("suppresses nothing")
                .help("delete this [[allow]] entry"),
            );
        }
    }
    kept
}
