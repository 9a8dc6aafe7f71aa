//! The comparison: records matched by id in hash maps (linear in the datasets' size), fields
//! compared only for the records that differ, and words only for the quotations that differ.
//! A removed and an added record with the same content are one renamed record. An added or
//! removed record says what it was ([`About`]); a changed field, what its change is
//! ([`What`]), a quotation checked against the new dataset's report ([`Reports`]).

use std::borrow::Cow;

use alliance_core::Dataset;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::about::About;
use crate::records::{Entity, Record, Value, records};
use crate::verbatim::Reports;
use crate::what::{Sides, What, classify};

/// Everything that differs between two datasets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The old dataset's release.
    pub old: Release,
    /// The new dataset's release.
    pub new: Release,
    /// Changes to the dataset's title (its version and date are not changes, they describe
    /// them).
    pub release: Vec<FieldChange>,
    /// The records that differ: by entity, then those in the new dataset in its order, then
    /// those removed in the old one's order.
    pub changes: Vec<Change>,
}

/// A dataset's release version and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Release {
    /// `dataset.toml`'s `version`.
    pub version: String,
    /// `dataset.toml`'s `date`.
    pub date: String,
}

/// One record that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Which kind of record.
    pub entity: Entity,
    /// Its id (in the new dataset, when it is there).
    pub id: String,
    /// What happened to it.
    #[serde(flatten)]
    pub kind: Kind,
    /// What an added or removed record is (its fields follow the change's in JSON).
    #[serde(flatten)]
    pub about: Option<About>,
}

/// What happened to a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub enum Kind {
    /// Only in the new dataset.
    Added,
    /// Only in the old dataset.
    Removed,
    /// Its id changed, nothing else.
    Renamed {
        /// The id in the old dataset.
        old_id: String,
    },
    /// Same id, other values.
    Changed {
        /// The fields that differ, in the model's order.
        fields: Vec<FieldChange>,
    },
}

/// One field that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Its name (`text`, `source.line`, `affiliations[alliance-17].title`).
    pub field: String,
    /// How it differs.
    #[serde(flatten)]
    pub diff: FieldDiff,
    /// What the change is.
    pub what: What,
    /// Whether the new value is its conference's report's words: only for a quotation
    /// (`text`, `as_printed`) whose conference has a report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verbatim: Option<bool>,
}

/// How a field differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldDiff {
    /// A quotation: both values and the words that differ.
    Text {
        /// The old text.
        old: String,
        /// The new text.
        new: String,
        /// The new text as runs of kept, deleted and inserted words.
        words: Vec<Words>,
    },
    /// A list: the items added and removed (a list whose items only moved has neither: both
    /// values say how).
    List {
        /// Items only in the new list.
        added: Vec<String>,
        /// Items only in the old list.
        removed: Vec<String>,
        /// The old list.
        old: Vec<String>,
        /// The new list.
        new: Vec<String>,
    },
    /// Any other value.
    Value {
        /// The old value (`null`: none).
        old: Scalar,
        /// The new value (`null`: none).
        new: Scalar,
    },
}

/// A run of words of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    /// `equal`, `delete` or `insert`.
    pub op: Op,
    /// The words, with the spaces between them.
    pub text: String,
}

/// What a run of words is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A single value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A text.
    Text(String),
    /// A number.
    Num(i64),
    /// No value.
    None,
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Text(t) => write!(f, "{t:?}"),
            Scalar::Num(n) => write!(f, "{n}"),
            Scalar::None => f.write_str("(none)"),
        }
    }
}

impl Diff {
    /// Whether the datasets hold the same records (their versions and dates aside).
    pub fn is_empty(&self) -> bool {
        self.release.is_empty() && self.changes.is_empty()
    }
}

/// Compares two datasets, the quotations checked against `reports` (the new dataset's).
pub fn diff(old: &Dataset, new: &Dataset, reports: &Reports<'_>) -> Diff {
    let release = |d: &Dataset| Release {
        version: d.release.version.clone(),
        date: d.release.date.clone(),
    };
    let title = compare_fields(
        Sides {
            entity: None,
            old: &[(Cow::Borrowed("title"), Value::Text(&old.release.title))],
            new: &[(Cow::Borrowed("title"), Value::Text(&new.release.title))],
        },
        reports,
    );
    let mut changes = Vec::new();
    for entity in Entity::ALL {
        compare_entity(
            entity,
            (&records(old, entity), &records(new, entity)),
            reports,
            &mut changes,
        );
    }
    Diff {
        old: release(old),
        new: release(new),
        release: title,
        changes,
    }
}

/// The changes to the records of one entity, appended to `out`.
fn compare_entity(
    entity: Entity,
    (old, new): (&[Record<'_>], &[Record<'_>]),
    reports: &Reports<'_>,
    out: &mut Vec<Change>,
) {
    let old_ids: Vec<Cow<'_, str>> = old.iter().map(Record::id).collect();
    let new_ids: Vec<Cow<'_, str>> = new.iter().map(Record::id).collect();
    // the first record of an id, were one repeated (the loader reports that)
    let mut old_at: FxHashMap<&str, usize> = FxHashMap::default();
    old_at.reserve(old.len());
    for (i, id) in old_ids.iter().enumerate() {
        old_at.entry(id).or_insert(i);
    }
    let new_set: FxHashSet<&str> = new_ids.iter().map(|id| id.as_ref()).collect();
    let removed: Vec<usize> = (0..old.len())
        .filter(|&i| !new_set.contains(old_ids[i].as_ref()))
        .collect();
    let added: Vec<usize> = (0..new.len())
        .filter(|&i| !old_at.contains_key(new_ids[i].as_ref()))
        .collect();
    // a participant's id is its session and person: another person is another participant,
    // however alike their roles
    let renamed = if entity == Entity::Participants {
        Vec::new()
    } else {
        renames(old, new, &removed, &added)
    };
    let mut renamed_from: FxHashMap<usize, usize> = FxHashMap::default();
    let mut renamed_old: FxHashSet<usize> = FxHashSet::default();
    for &(o, n) in &renamed {
        renamed_from.insert(n, o);
        renamed_old.insert(o);
    }
    for (i, record) in new.iter().enumerate() {
        let id = new_ids[i].as_ref();
        let kind = match old_at.get(id) {
            Some(&o) if old[o].same(record) => continue,
            Some(&o) => Kind::Changed {
                fields: compare_fields(
                    Sides {
                        entity: Some(entity),
                        old: &old[o].fields(),
                        new: &record.fields(),
                    },
                    reports,
                ),
            },
            None => match renamed_from.get(&i) {
                Some(&o) => Kind::Renamed {
                    old_id: old_ids[o].clone().into_owned(),
                },
                None => Kind::Added,
            },
        };
        let about = if matches!(kind, Kind::Added) {
            record.about()
        } else {
            None
        };
        out.push(Change {
            entity,
            id: id.to_owned(),
            kind,
            about,
        });
    }
    for i in removed {
        if !renamed_old.contains(&i) {
            out.push(Change {
                entity,
                id: old_ids[i].clone().into_owned(),
                kind: Kind::Removed,
                about: old[i].about(),
            });
        }
    }
}

/// Pairs of (removed, added) records whose fields are all equal: renamed, each paired once,
/// in the old dataset's order.
fn renames(
    old: &[Record<'_>],
    new: &[Record<'_>],
    removed: &[usize],
    added: &[usize],
) -> Vec<(usize, usize)> {
    if removed.is_empty() || added.is_empty() {
        return Vec::new();
    }
    let mut by_content: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &n in added.iter().rev() {
        by_content
            .entry(format!("{:?}", new[n].fields()))
            .or_default()
            .push(n);
    }
    removed
        .iter()
        .filter_map(|&o| {
            let candidates = by_content.get_mut(&format!("{:?}", old[o].fields()))?;
            candidates.pop().map(|n| (o, n))
        })
        .collect()
}

/// The fields that differ, in the old record's order, then those only the new one has.
fn compare_fields(sides: Sides<'_, '_>, reports: &Reports<'_>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for (name, before) in sides.old {
        let after = sides
            .new
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&Value::Absent, |(_, v)| v);
        if before != after {
            out.push(field_change(name, (before, after), &sides, reports));
        }
    }
    for (name, after) in sides.new {
        if !sides.old.iter().any(|(n, _)| n == name) && *after != Value::Absent {
            out.push(field_change(name, (&Value::Absent, after), &sides, reports));
        }
    }
    out
}

fn field_change(
    name: &str,
    (old, new): (&Value<'_>, &Value<'_>),
    sides: &Sides<'_, '_>,
    reports: &Reports<'_>,
) -> FieldChange {
    let (what, verbatim) = classify(name, (old, new), sides, reports);
    let diff = match (old, new) {
        (Value::Quote(a, _), Value::Quote(b, _)) => FieldDiff::Text {
            old: (*a).to_owned(),
            new: (*b).to_owned(),
            words: words(a, b),
        },
        (Value::List(a), Value::List(b)) => FieldDiff::List {
            added: minus(b, a),
            removed: minus(a, b),
            old: a.iter().map(|s| (*s).to_owned()).collect(),
            new: b.iter().map(|s| (*s).to_owned()).collect(),
        },
        (a, b) => FieldDiff::Value {
            old: scalar(a),
            new: scalar(b),
        },
    };
    FieldChange {
        field: name.to_owned(),
        diff,
        what,
        verbatim,
    }
}

fn scalar(v: &Value<'_>) -> Scalar {
    match v {
        Value::Text(t) | Value::Quote(t, _) => Scalar::Text((*t).to_owned()),
        Value::Num(n) => Scalar::Num(*n),
        Value::Absent => Scalar::None,
        Value::List(items) => Scalar::Text(items.join(", ")),
    }
}

/// The items of `a` not in `b`, counting repeats, in `a`'s order.
fn minus(a: &[&str], b: &[&str]) -> Vec<String> {
    let mut left: Vec<&str> = b.to_vec();
    a.iter()
        .filter(|item| match left.iter().position(|x| x == *item) {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        })
        .map(|s| (*s).to_owned())
        .collect()
}

/// Texts longer than this together are not compared word by word (the diff is quadratic in
/// the worst case): all the old words go, all the new ones come.
const WORD_DIFF_LIMIT: usize = 20_000;

/// A word diff of two texts, as runs of the same operation.
pub(crate) fn words(old: &str, new: &str) -> Vec<Words> {
    if old.len() + new.len() > WORD_DIFF_LIMIT {
        let run = |op, text: &str| Words {
            op,
            text: text.to_owned(),
        };
        return vec![run(Op::Delete, old), run(Op::Insert, new)];
    }
    let diff = TextDiff::configure().diff_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => Op::Equal,
            ChangeTag::Delete => Op::Delete,
            ChangeTag::Insert => Op::Insert,
        };
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => out.push(Words {
                op,
                text: change.value().to_owned(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_diff_rebuilds_both_texts() {
        let (old, new) = (
            "Youth policies have to be revisited;",
            "Youth policies must be revisited, revised;",
        );
        let w = words(old, new);
        let side = |skip: Op| -> String {
            w.iter()
                .filter(|r| r.op != skip)
                .map(|r| r.text.as_str())
                .collect()
        };
        assert_eq!(side(Op::Insert), old);
        assert_eq!(side(Op::Delete), new);
        assert!(
            w.iter()
                .any(|r| r.op == Op::Delete && r.text.contains("have"))
        );
    }

    fn real() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        alliance_core::load(&root).expect("loads").dataset
    }

    fn kinds(d: &Diff) -> Vec<(Entity, &str, &Kind)> {
        d.changes
            .iter()
            .map(|c| (c.entity, c.id.as_str(), &c.kind))
            .collect()
    }

    #[test]
    fn a_renamed_person_is_one_rename_and_their_parts_move() {
        let old = real();
        let mut new = old.clone();
        let id = new.people[0].id.clone();
        new.people[0].id = "renamed-person".into();
        for s in &mut new.sessions {
            for p in &mut s.participants {
                if p.person == id {
                    p.person = "renamed-person".into();
                }
            }
        }
        let d = diff(&old, &new, &Reports::none());
        let people: Vec<_> = kinds(&d)
            .into_iter()
            .filter(|(e, _, _)| *e == Entity::People)
            .collect();
        assert_eq!(
            people,
            [(
                Entity::People,
                "renamed-person",
                &Kind::Renamed { old_id: id.clone() }
            )]
        );
        // the participant is another record (its id names the person): removed and added
        let parts: Vec<_> = kinds(&d)
            .into_iter()
            .filter(|(e, _, _)| *e == Entity::Participants)
            .map(|(_, _, k)| k.clone())
            .collect();
        assert!(
            parts.contains(&Kind::Added) && parts.contains(&Kind::Removed),
            "{parts:?}"
        );
    }

    #[test]
    fn another_person_in_the_same_role_is_not_a_rename() {
        let old = real();
        let mut new = old.clone();
        let session = &mut new.sessions[1];
        let before = session.participants[0].person.clone();
        session.participants[0].person = "someone-else".into();
        let prefix = format!("{}/", session.id);
        let d = diff(&old, &new, &Reports::none());
        assert_eq!(
            kinds(&d),
            [
                (
                    Entity::Participants,
                    format!("{prefix}someone-else").as_str(),
                    &Kind::Added
                ),
                (
                    Entity::Participants,
                    format!("{prefix}{before}").as_str(),
                    &Kind::Removed
                ),
            ]
        );
    }

    #[test]
    fn a_dataset_against_itself_is_empty() {
        let ds = real();
        assert!(diff(&ds, &ds, &Reports::none()).is_empty());
    }

    #[test]
    fn lists_count_repeats() {
        assert_eq!(minus(&["a", "b", "a"], &["a"]), ["b", "a"]);
        assert!(minus(&["a", "b"], &["b", "a"]).is_empty());
    }
}
