//! `--check-version`: the bump a change calls for, as semantic versioning classifies an API
//! change, against the bump `dataset.toml`'s version got.
//!
//! - major: a record removed or renamed (analysts' references to its id break);
//! - minor: a record added (a vocabulary term included);
//! - patch: a record's values corrected (a quotation, a source location, a classification);
//! - and any change needs a later release date.

use alliance_core::render::plural;
use serde::Serialize;

use crate::compare::{Diff, FieldChange, Kind};
use crate::message::Message;
use crate::what::affiliation;

/// How much a version changed, or must change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// No change.
    None,
    /// `x.y.Z`.
    Patch,
    /// `x.Y.0`.
    Minor,
    /// `X.0.0`.
    Major,
}

impl Bump {
    /// `a patch`, ... for messages (`no` for none).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Bump::None => "no",
            Bump::Patch => "a patch",
            Bump::Minor => "a minor",
            Bump::Major => "a major",
        }
    }
}

/// One change and the bump it calls for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The bump.
    pub bump: Bump,
    /// What changed, in words (`removed recommendation `a17-panel-1-r01``).
    pub change: Message,
}

/// The verdict of `--check-version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionCheck {
    /// The least bump the changes call for.
    pub required: Bump,
    /// The bump the version got (`null` when a version is not `MAJOR.MINOR.PATCH` or went
    /// back).
    pub actual: Option<Bump>,
    /// Whether the release date is later than the old one.
    pub date_later: bool,
    /// Whether the version and date satisfy the changes.
    pub satisfied: bool,
    /// Why not, one message a problem (empty when satisfied).
    pub problems: Vec<Message>,
    /// Every change with the bump it calls for, the largest first.
    pub reasons: Vec<Reason>,
}

/// How many changes a message names before "and N more".
const NAMED: usize = 5;

/// Checks the new version and date against the changes.
pub fn check(diff: &Diff) -> VersionCheck {
    let mut reasons = reasons(diff);
    reasons.sort_by_key(|r| std::cmp::Reverse(r.bump)); // stable: the diff's order within a bump
    let required = reasons.first().map_or(Bump::None, |r| r.bump);
    let (old, new) = (&diff.old, &diff.new);
    let mut problems = Vec::new();
    let actual = match (parse(&old.version), parse(&new.version)) {
        (Some(a), Some(b)) if b < a => {
            problems.push(Message::new(format!(
                "the version went back from {} to {}",
                old.version, new.version
            )));
            None
        }
        (Some(a), Some(b)) => Some(bump(a, b)),
        (a, b) => {
            for (version, parsed) in [(&old.version, a), (&new.version, b)] {
                if parsed.is_none() {
                    problems.push(
                        Message::new("version ")
                            .code(version)
                            .text(" is not MAJOR.MINOR.PATCH"),
                    );
                }
            }
            None
        }
    };
    if let Some(actual) = actual
        && actual < required
    {
        problems.push(too_small(diff, required, actual, &reasons));
    }
    let date_later = new.date > old.date;
    if required > Bump::None && !date_later {
        problems.push(Message::new(format!(
            "the data changed, so the release date needs to be later than {} (it is {})",
            old.date, new.date
        )));
    }
    VersionCheck {
        required,
        actual,
        date_later,
        satisfied: problems.is_empty(),
        problems,
        reasons,
    }
}

/// The one problem of a version bumped less than `required`: the bump needed, the changes
/// that need it, and how many others need less (they are satisfied by the same bump).
fn too_small(diff: &Diff, required: Bump, actual: Bump, reasons: &[Reason]) -> Message {
    let (old, new) = (&diff.old.version, &diff.new.version);
    let needing: Vec<&Message> = reasons
        .iter()
        .filter(|r| r.bump == required)
        .map(|r| &r.change)
        .collect();
    Message::new(format!(
        "{} bump is needed ({}), the version got {} bump ({old} → {new}): ",
        required.name(),
        least(old, required),
        actual.name(),
    ))
    .then(list(&needing))
    .text(besides(required, reasons))
}

/// The changes named, joined, the first [`NAMED`] of them and how many more.
fn list(named: &[&Message]) -> Message {
    let mut out = Message::default();
    for (i, m) in named.iter().take(NAMED).enumerate() {
        if i > 0 {
            out = out.text("; ");
        }
        out = out.then((*m).clone());
    }
    if named.len() > NAMED {
        out = out.text(format!("; and {} more", named.len() - NAMED));
    }
    out
}

/// `; besides, 2 changes need a minor bump and 1 a patch bump`: the changes that need a bump
/// smaller than `level`, counted (empty when there are none).
fn besides(level: Bump, reasons: &[Reason]) -> String {
    let counts: Vec<(usize, Bump)> = [Bump::Minor, Bump::Patch]
        .into_iter()
        .filter(|&b| b < level)
        .map(|b| (reasons.iter().filter(|r| r.bump == b).count(), b))
        .filter(|&(n, _)| n > 0)
        .collect();
    let parts: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(i, &(n, b))| match i {
            0 => format!(
                "{} {} {} bump",
                plural(n, "change"),
                if n == 1 { "needs" } else { "need" },
                b.name()
            ),
            _ => format!("{n} {} bump", b.name()),
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; besides, {}", parts.join(" and "))
    }
}

/// `MAJOR.MINOR.PATCH`, a pre-release or build suffix (`-rc.1`, `+x`) aside, as the loader
/// reads it ([`alliance_core::version::release`]).
fn parse(version: &str) -> Option<(u64, u64, u64)> {
    alliance_core::version::release(version)
}

fn bump(old: (u64, u64, u64), new: (u64, u64, u64)) -> Bump {
    if new.0 > old.0 {
        Bump::Major
    } else if new.1 > old.1 {
        Bump::Minor
    } else if new.2 > old.2 {
        Bump::Patch
    } else {
        Bump::None
    }
}

/// The least version after `old` with a bump of `level` (`old` itself when it does not
/// parse).
fn least(old: &str, level: Bump) -> String {
    match (parse(old), level) {
        // one more than any u64 is written in u128: a version at u64::MAX does not overflow
        (Some((a, _, _)), Bump::Major) => format!("{}.0.0", u128::from(a) + 1),
        (Some((a, b, _)), Bump::Minor) => format!("{a}.{}.0", u128::from(b) + 1),
        (Some((a, b, c)), _) => format!("{a}.{b}.{}", u128::from(c) + 1),
        (None, _) => old.to_owned(),
    }
}

/// Every change with its bump, in the diff's order.
fn reasons(diff: &Diff) -> Vec<Reason> {
    let mut out: Vec<Reason> = diff
        .release
        .iter()
        .map(|f| Reason {
            bump: Bump::Patch,
            change: Message::new(format!("changed the dataset's {}", f.field)),
        })
        .collect();
    for c in &diff.changes {
        let what = format!("{} ", c.entity.singular());
        let (bump, change) = match &c.kind {
            Kind::Removed => (Bump::Major, Message::new("removed ").text(what).code(&c.id)),
            Kind::Renamed { old_id } => (
                Bump::Major,
                Message::new("renamed ")
                    .text(what)
                    .code(old_id)
                    .text(" to ")
                    .code(&c.id),
            ),
            Kind::Added => (Bump::Minor, Message::new("added ").text(what).code(&c.id)),
            Kind::Changed { fields } => (
                Bump::Patch,
                Message::new("changed ")
                    .text(what)
                    .code(&c.id)
                    .text(format!(": {}", labelled(fields).join(", "))),
            ),
        };
        out.push(Reason { bump, change });
    }
    out
}

/// Each field with what its change is (`text (corrected quotation)`); the fields of an
/// affiliation added or removed as one (`affiliations[alliance-18] (affiliation added)`).
fn labelled(fields: &[FieldChange]) -> Vec<String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while i < fields.len() {
        let f = &fields[i];
        let whole = f
            .what
            .is_whole_affiliation()
            .then(|| affiliation(&f.field))
            .flatten();
        let Some(key) = whole else {
            out.push((f.field.clone(), f.label().into_owned()));
            i += 1;
            continue;
        };
        let group: Vec<&FieldChange> = fields[i..]
            .iter()
            .take_while(|g| g.what == f.what && affiliation(&g.field) == Some(key))
            .collect();
        // the label of its printed words, when they are not the report's
        let label = group
            .iter()
            .find(|g| g.verbatim == Some(false))
            .map_or(f.label(), |g| g.label());
        out.push((key.to_owned(), label.into_owned()));
        i += group.len();
    }
    out.into_iter()
        .map(|(field, label)| format!("{field} ({label})"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse("1.2.3"), Some((1, 2, 3)));
        assert_eq!(parse("1.2.3-rc.1+build"), Some((1, 2, 3)));
        for bad in ["1.2", "1.2.3.4", "v1.2.3", "1..3", "", "1.2.x"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(bump((1, 2, 3), (2, 0, 0)), Bump::Major);
        assert_eq!(bump((1, 2, 3), (1, 3, 0)), Bump::Minor);
        assert_eq!(bump((1, 2, 3), (1, 2, 4)), Bump::Patch);
        assert_eq!(bump((1, 2, 3), (1, 2, 3)), Bump::None);
        assert_eq!(least("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(least("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(least("1.2.3", Bump::Patch), "1.2.4");
        let max = u64::MAX;
        assert_eq!(
            least(&format!("{max}.0.0"), Bump::Major),
            "18446744073709551616.0.0"
        );
    }

    #[test]
    fn the_changes_that_need_less_are_counted() {
        let reason = |bump| Reason {
            bump,
            change: Message::new("x"),
        };
        let reasons = [
            reason(Bump::Major),
            reason(Bump::Minor),
            reason(Bump::Patch),
            reason(Bump::Patch),
        ];
        assert_eq!(
            besides(Bump::Major, &reasons),
            "; besides, 1 change needs a minor bump and 2 a patch bump"
        );
        assert_eq!(
            besides(Bump::Minor, &reasons),
            "; besides, 2 changes need a patch bump"
        );
        assert_eq!(besides(Bump::Patch, &reasons), "");
    }
}
