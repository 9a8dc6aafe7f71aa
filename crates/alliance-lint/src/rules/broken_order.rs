//! `broken-order`: order numbers with gaps or repeats.

use std::collections::BTreeMap;

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that the sessions of each conference, and the recommendations of each session, are
    /// numbered 1, 2, 3, ... by `order`, with no gap and no repeat.
    ///
    /// ## Why it matters
    /// Order is the report's order: briefs and exports list by it, and a repeat makes two outputs of
    /// the same data differ in order. A gap usually means a bullet was left out.
    ///
    /// ## Example
    /// ```toml
    /// order = 3   # the previous recommendation is 1: where is 2?
    /// ```
    ///
    /// ## How to fix
    /// Renumber to follow the report. A missing bullet is worse than a gap: check the report.
    pub(crate) struct BrokenOrder;
    severity = Error,
}

impl Check for BrokenOrder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut sessions: BTreeMap<&str, Vec<(u32, &str)>> = BTreeMap::new();
        for s in &cx.ds.sessions {
            sessions
                .entry(&s.conference)
                .or_default()
                .push((s.order, &s.id));
        }
        for (conference, list) in sessions {
            check_list(
                cx,
                out,
                Kind::Session,
                &format!("conference `{conference}`"),
                list,
            );
        }
        let mut recs: BTreeMap<&str, Vec<(u32, &str)>> = BTreeMap::new();
        for r in &cx.ds.recommendations {
            recs.entry(&r.session).or_default().push((r.order, &r.id));
        }
        for (session, list) in recs {
            check_list(
                cx,
                out,
                Kind::Recommendation,
                &format!("session `{session}`"),
                list,
            );
        }
    }
}

/// `list` is in the dataset's order (sorted by `order`, then id).
fn check_list(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    kind: Kind,
    parent: &str,
    list: Vec<(u32, &str)>,
) {
    let mut expected = 1;
    let mut previous: Option<(u32, &str)> = None;
    for (order, id) in list {
        if let Some((prev, prev_id)) = previous.filter(|(p, _)| *p == order) {
            out.push(
                cx.finding(
                    &BrokenOrder::INFO,
                    format!("order {order} is used twice in {parent}"),
                    kind,
                    id,
                    "order",
                )
                .note(format!("`{prev_id}` also has order {prev}")),
            );
        } else if order != expected {
            out.push(
                cx.finding(
                    &BrokenOrder::INFO,
                    format!("order {order} in {parent}, expected {expected}"),
                    kind,
                    id,
                    "order",
                )
                .help("number in the report's order, from 1, without gaps"),
            );
        }
        expected = order + 1;
        previous = Some((order, id));
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn gap_and_repeat() {
        let file = "conferences/alliance-17/sessions/03-panel-2.toml";
        snapshot_fixture!(
            super::BrokenOrder,
            &[
                (file, "order = 2\n", "order = 1\n"),
                (file, "order = 5\n", "order = 6\n")
            ]
        );
    }
}
