//! `organization-parent-cycle`: organizations that are their own parent, directly or not.

use alliance_core::load::Kind;
use rustc_hash::FxHashMap;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Follows each organization's `parent` and finds the cycles: an organization that is its own
    /// parent, or a chain of parents that comes back to where it started (`a` → `b` → `a`). Each
    /// cycle is reported once, on its organization that comes first in the registry, naming the
    /// whole cycle.
    ///
    /// ## Why it matters
    /// Parents make a hierarchy: the OSCE, its departments, their units. A cycle has no top, so
    /// anything that walks up the hierarchy (grouping people by their top organization, printing
    /// "Strategic Police Matters Unit, Transnational Threats Department, OSCE") never ends or
    /// stops at an arbitrary place.
    ///
    /// ## Example
    /// ```toml
    /// [[organization]]
    /// id = "osce"
    /// parent = "osce-spmu"   # while osce-spmu's parent is osce-tntd, whose parent is osce
    /// ```
    ///
    /// ## How to fix
    /// Remove the `parent` of the organization at the top of the hierarchy, or correct the one
    /// that points the wrong way.
    pub(crate) struct OrganizationParentCycle;
    severity = Error,
}

impl Check for OrganizationParentCycle {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let orgs = &cx.ds.organizations;
        let mut positions: FxHashMap<&str, usize> = FxHashMap::default();
        positions.reserve(orgs.len());
        for (i, o) in orgs.iter().enumerate() {
            positions.entry(o.id.as_str()).or_insert(i);
        }
        // each organization's parent, by position
        let parent: Vec<Option<usize>> = orgs
            .iter()
            .map(|o| positions.get(o.parent.as_deref()?).copied())
            .collect();
        // every organization is walked up from once: linear in the registry
        let mut state = vec![State::New; orgs.len()];
        let mut path: Vec<usize> = Vec::new();
        for start in 0..orgs.len() {
            path.clear();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    State::New => {
                        state[i] = State::OnPath;
                        path.push(i);
                        at = parent[i];
                    }
                    State::OnPath => {
                        let from = path.iter().position(|&p| p == i).unwrap_or(0);
                        out.push(cycle(cx, &path[from..]));
                        break;
                    }
                    State::Done => break,
                }
            }
            for &i in &path {
                state[i] = State::Done;
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    New,
    /// On the path walked up from the current organization.
    OnPath,
    /// Walked up from already.
    Done,
}

/// The finding for a cycle of parents (positions in the registry, each the parent of the one
/// before it, the last's parent the first): on the member first in the registry, naming the
/// cycle from it.
fn cycle(cx: &Context<'_>, members: &[usize]) -> Finding {
    let orgs = &cx.ds.organizations;
    let first = (0..members.len()).min_by_key(|&k| members[k]).unwrap_or(0);
    let o = &orgs[members[first]];
    let (message, label) = if members.len() == 1 {
        (
            format!("organization `{}` is its own parent", o.id),
            "its own id".to_owned(),
        )
    } else {
        let ids: Vec<String> = members[first..]
            .iter()
            .chain(&members[..first])
            .chain(std::iter::once(&members[first]))
            .map(|&i| format!("`{}`", orgs[i].id))
            .collect();
        (
            format!("organizations {} form a cycle of parents", ids.join(" → ")),
            format!("whose parents lead back to `{}`", o.id),
        )
    };
    let parent = o.parent.as_deref().unwrap_or_default();
    cx.finding_at_key(
        &OrganizationParentCycle::INFO,
        message,
        Kind::Organization,
        &o.id,
        "parent",
        Some((parent, 0)),
    )
    .label(label)
    .help("remove the `parent` of the organization at the top of the hierarchy, or correct the one that points the wrong way")
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn a_cycle_of_three_and_a_self_parent() {
        snapshot_fixture!(
            super::OrganizationParentCycle,
            &[
                // osce → osce-spmu → osce-tntd → osce; osce-osr-cthb leads into the cycle
                (
                    "registry/organizations.toml",
                    "abbreviation = \"OSCE\"\n",
                    "abbreviation = \"OSCE\"\nparent = \"osce-spmu\"\n"
                ),
                (
                    "registry/organizations.toml",
                    "name = \"Holy See\"\n",
                    "name = \"Holy See\"\nparent = \"holy-see\"\n"
                ),
            ]
        );
    }
}
