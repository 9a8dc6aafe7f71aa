//! The three ways to print a diff: `human` for a terminal, `markdown` for a pull request or a
//! job summary, `json` for machines (its shape is in `docs/contracts.md`). Everything taken
//! from the data is shown with its control characters escaped.

mod human;
mod json;
mod markdown;

use alliance_core::render::escape_controls;
use serde::Serialize;

use crate::compare::{Change, Diff, Kind, Release};
use crate::records::Entity;

pub use human::{check_problems, human};
pub use json::json;
pub use markdown::markdown;

/// How many records of each entity were added, removed, renamed and changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Which records.
    pub entity: Entity,
    /// Only in the new dataset.
    pub added: usize,
    /// Only in the old dataset.
    pub removed: usize,
    /// Same content, other id.
    pub renamed: usize,
    /// Same id, other values.
    pub changed: usize,
}

impl Count {
    fn total(&self) -> usize {
        self.added + self.removed + self.renamed + self.changed
    }
}

/// The counts of every entity, in the diff's order (entities without changes included).
pub fn counts(diff: &Diff) -> Vec<Count> {
    let mut out: Vec<Count> = Entity::ALL
        .iter()
        .map(|&entity| Count {
            entity,
            added: 0,
            removed: 0,
            renamed: 0,
            changed: 0,
        })
        .collect();
    for c in &diff.changes {
        if let Some(count) = out.iter_mut().find(|n| n.entity == c.entity) {
            match c.kind {
                Kind::Added => count.added += 1,
                Kind::Removed => count.removed += 1,
                Kind::Renamed { .. } => count.renamed += 1,
                Kind::Changed { .. } => count.changed += 1,
            }
        }
    }
    out
}

fn sum(counts: &[Count]) -> Count {
    counts.iter().fold(
        Count {
            entity: Entity::Conferences,
            added: 0,
            removed: 0,
            renamed: 0,
            changed: 0,
        },
        |a, c| Count {
            entity: a.entity,
            added: a.added + c.added,
            removed: a.removed + c.removed,
            renamed: a.renamed + c.renamed,
            changed: a.changed + c.changed,
        },
    )
}

fn release(r: &Release) -> String {
    format!(
        "{} ({})",
        escape_controls(&r.version),
        escape_controls(&r.date)
    )
}

/// The changes grouped by entity, in order.
fn by_entity(diff: &Diff) -> impl Iterator<Item = (Entity, &[Change])> {
    let changes = diff.changes.as_slice();
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = changes.get(start)?;
        let len = changes[start..]
            .iter()
            .take_while(|c| c.entity == first.entity)
            .count();
        let group = &changes[start..start + len];
        start += len;
        Some((first.entity, group))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::about::About;
    use crate::compare::{FieldChange, FieldDiff};
    use crate::compare::{Scalar, words};
    use crate::what::What;
    use alliance_core::render::Color;

    fn sample() -> Diff {
        let release = Release {
            version: "1.0.0".into(),
            date: "2026-01-01".into(),
        };
        Diff {
            old: release.clone(),
            new: release,
            release: Vec::new(),
            changes: vec![
                Change {
                    entity: Entity::Recommendations,
                    id: "r1".into(),
                    kind: Kind::Changed {
                        fields: vec![
                            FieldChange {
                                field: "text".into(),
                                diff: FieldDiff::Text {
                                    old: "must act".into(),
                                    new: "should act".into(),
                                    words: words("must act", "should act"),
                                },
                                what: What::RewordedQuotation,
                                verbatim: Some(false),
                            },
                            FieldChange {
                                field: "label".into(),
                                diff: FieldDiff::Value {
                                    old: Scalar::Text("a|b <i>*x*</i>".into()),
                                    new: Scalar::Text("bell\u{7}\u{1b}[31m".into()),
                                },
                                what: What::Classification,
                                verbatim: None,
                            },
                        ],
                    },
                    about: None,
                },
                Change {
                    entity: Entity::People,
                    id: "p`1".into(),
                    kind: Kind::Added,
                    about: Some(About::Named {
                        name: "P <b>1</b>".into(),
                    }),
                },
            ],
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = human(&sample(), None, Color::Never);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.contains("text: {-must-}{+should+} act"), "{plain}");
        let styled = human(&sample(), None, Color::Always);
        assert!(styled.contains("\u{1b}["), "{styled}");
    }

    #[test]
    fn data_cannot_inject_escapes_or_markup() {
        let plain = human(&sample(), None, Color::Never);
        assert!(plain.contains(r"bell\u{7}\u{1b}[31m"), "{plain}");
        let md = markdown(&sample(), None);
        assert!(!md.contains('\u{1b}') && !md.contains("<i>"), "{md}");
        assert!(md.contains(r"a\|b &lt;i&gt;\*x\*&lt;/i&gt;"), "{md}");
        assert!(md.contains("- **added** ``p`1``\n"), "{md}");
        assert!(md.contains("name: \"P &lt;b&gt;1&lt;/b&gt;\""), "{md}");
        assert!(
            md.contains("<del>must</del><ins>should</ins> act (*quotation reworded, no longer"),
            "{md}"
        );
        assert!(
            plain.contains("\n        (quotation reworded, no longer the report's words)\n"),
            "{plain}"
        );
    }

    #[test]
    fn code_spans_hold_anything() {
        assert_eq!(markdown::code("a17-panel-1-r01"), "`a17-panel-1-r01`");
        assert_eq!(markdown::code("a`b"), "``a`b``");
        assert_eq!(markdown::code("`a``"), "``` `a`` ```");
        assert_eq!(markdown::code(" a "), "`  a  `");
        assert_eq!(markdown::code("a\nb"), "`a\\nb`");
    }
}
