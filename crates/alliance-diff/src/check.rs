//! `--check-version`: the bump a change calls for, as semantic versioning classifies an API
//! change, against the bump `dataset.toml`'s version got.
//!
//! - major: a record removed or renamed (analysts' references to its id break);
//! - minor: a record added (a vocabulary term included);
//! - patch: a record's values corrected (a quotation, a source location, a classification);
//! - and any change needs a later release date.

use serde::Serialize;

use crate::compare::{Diff, Kind};
use crate::records::Entity;

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
    pub change: String,
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
    pub problems: Vec<String>,
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
            problems.push(format!(
                "the version went back from {} to {}",
                old.version, new.version
            ));
            None
        }
        (Some(a), Some(b)) => Some(bump(a, b)),
        (a, b) => {
            for (version, parsed) in [(&old.version, a), (&new.version, b)] {
                if parsed.is_none() {
                    problems.push(format!("version `{version}` is not MAJOR.MINOR.PATCH"));
                }
            }
            None
        }
    };
    if let Some(actual) = actual
        && actual < required
    {
        for level in [Bump::Major, Bump::Minor, Bump::Patch] {
            if level > actual {
                let named: Vec<&str> = reasons
                    .iter()
                    .filter(|r| r.bump == level)
                    .map(|r| r.change.as_str())
                    .collect();
                if !named.is_empty() {
                    problems.push(format!(
                        "{} bump is needed ({}), the version got {} bump ({} → {}): {}",
                        level.name(),
                        least(&old.version, level),
                        actual.name(),
                        old.version,
                        new.version,
                        list(&named)
                    ));
                }
            }
        }
    }
    let date_later = new.date > old.date;
    if required > Bump::None && !date_later {
        problems.push(format!(
            "the data changed, so the release date needs to be later than {} (it is {})",
            old.date, new.date
        ));
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

fn list(named: &[&str]) -> String {
    let mut text = named[..named.len().min(NAMED)].join("; ");
    if named.len() > NAMED {
        text.push_str(&format!("; and {} more", named.len() - NAMED));
    }
    text
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
            change: format!("changed the dataset's {}", f.field),
        })
        .collect();
    for c in &diff.changes {
        let what = c.entity.singular();
        let (bump, change) = match &c.kind {
            Kind::Removed => (Bump::Major, format!("removed {what} `{}`", c.id)),
            Kind::Renamed { old_id } => (
                Bump::Major,
                format!("renamed {what} `{old_id}` to `{}`", c.id),
            ),
            Kind::Added => (Bump::Minor, format!("added {what} `{}`", c.id)),
            Kind::Changed { fields } => {
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| format!("{} ({})", f.field, correction(c.entity, &f.field)))
                    .collect();
                (
                    Bump::Patch,
                    format!("changed {what} `{}`: {}", c.id, fields.join(", ")),
                )
            }
        };
        out.push(Reason { bump, change });
    }
    out
}

/// What kind of correction a change to a field is, for messages.
fn correction(entity: Entity, field: &str) -> &'static str {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    match leaf {
        "text" | "as_printed" => "corrected quotation",
        _ if field.starts_with("source.") && entity == Entity::Recommendations => {
            "corrected source location"
        }
        "themes" | "pillars" | "addressees" | "instruments" | "label" | "kind" | "roles"
        | "in_line_with" | "co_organizers" | "contributors" | "incompatible_with" | "session"
        | "conference" | "organizer" | "organization" | "parent" | "issuer" => {
            "corrected classification"
        }
        _ => "correction",
    }
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
    fn fields_are_classified() {
        assert_eq!(
            correction(Entity::Recommendations, "text"),
            "corrected quotation"
        );
        assert_eq!(
            correction(Entity::People, "affiliations[alliance-17].as_printed"),
            "corrected quotation"
        );
        assert_eq!(
            correction(Entity::Recommendations, "source.line"),
            "corrected source location"
        );
        assert_eq!(
            correction(Entity::Recommendations, "themes"),
            "corrected classification"
        );
        assert_eq!(correction(Entity::People, "name"), "correction");
    }
}
