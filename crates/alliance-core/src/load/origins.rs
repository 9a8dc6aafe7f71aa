//! Where every record is defined (and some of its values), for diagnostics that point at
//! them, and the lint suppressions recorded on records.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::Kind;
use crate::diagnostic::{Code, Location};
use crate::source_map::FileId;

/// Where a record is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// The record's table.
    pub span: Range<usize>,
    /// The record's `id` value.
    pub id_span: Range<usize>,
    /// Where some of its values are (see [`Origins::field`]), sorted by field so that one is
    /// found by binary search (a session may have thousands of participants); a field set
    /// twice keeps the order it was set in.
    pub(super) fields: Vec<(Field<'static>, Range<usize>)>,
}

/// A value of a record, named without allocating: `text`, `participant.2`,
/// `affiliation.0.as_printed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field<'a> {
    Key(&'a str),
    Item(&'a str, usize),
    ItemKey(&'a str, usize, &'a str),
}

impl<'a> Field<'a> {
    /// The field named `name` in the dotted form of [`Origins::field`]; `None` when no field
    /// has such a name (its index is not a number). Parts after a third are ignored.
    fn parse(name: &'a str) -> Option<Self> {
        let mut parts = name.split('.');
        let key = parts.next()?;
        let Some(index) = parts.next() else {
            return Some(Field::Key(key));
        };
        let index = index.parse().ok()?;
        Some(match parts.next() {
            None => Field::Item(key, index),
            Some(sub) => Field::ItemKey(key, index, sub),
        })
    }
}

/// Where every record and some of its values are defined, so later checks can point at them,
/// and the lint suppressions recorded on them.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// One map per kind, indexed by `Kind as usize`.
    records: Vec<FxHashMap<String, Origin>>,
    pub(super) suppressions: Vec<Suppression>,
}

/// A lint finding suppressed on a record (`[[allow]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Kind of the record it is on.
    pub kind: Kind,
    /// Id of the record it is on.
    pub id: String,
    /// The rule's code or name, as written.
    pub rule: String,
    /// Why the finding does not apply.
    pub reason: String,
    /// Where the `rule` value is.
    pub location: Location,
}

/// Which `[[allow]]` suppresses a finding: the suppressions indexed by record, so that a
/// finding looks only at those on its own record ([`Origins::suppression_filter`]).
#[derive(Debug)]
pub struct SuppressionFilter<'o> {
    all: &'o [Suppression],
    by_record: FxHashMap<(Kind, &'o str), Vec<usize>>,
}

impl SuppressionFilter<'_> {
    /// The index (in [`Origins::suppressions`]) of the first suppression on the record of
    /// `kind` with `id` that names `code` (by code, any case, or by name).
    pub fn find(&self, kind: Kind, id: &str, code: Code) -> Option<usize> {
        self.by_record
            .get(&(kind, id))?
            .iter()
            .copied()
            .find(|&i| code.is_named_by(&self.all[i].rule))
    }

    /// Whether a suppression on that record names `code`.
    pub fn suppresses(&self, kind: Kind, id: &str, code: Code) -> bool {
        self.find(kind, id, code).is_some()
    }
}

impl Origins {
    /// Where the record of `kind` with `id` is defined (figures: `"<conference>/<id>"`).
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Origin> {
        self.records.get(kind as usize)?.get(id)
    }

    /// Where one value of a record is. Field names are the TOML keys; values inside arrays of
    /// tables are `"<key>.<index>"` (`"participant.2"`) and `"<key>.<index>.<subkey>"`
    /// (`"affiliation.0.as_printed"`).
    pub fn field(&self, kind: Kind, id: &str, field: &str) -> Option<Location> {
        let origin = self.get(kind, id)?;
        let field = Field::parse(field)?;
        // the first of the fields set with this name
        let at = origin.fields.partition_point(|(f, _)| *f < field);
        origin
            .fields
            .get(at)
            .filter(|(f, _)| *f == field)
            .map(|(_, span)| Location {
                file: origin.file,
                span: span.clone(),
            })
    }

    /// Where a value is, falling back to the record's id, then to nothing.
    pub fn locate(&self, kind: Kind, id: &str, field: &str) -> Option<Location> {
        self.field(kind, id, field).or_else(|| {
            self.get(kind, id).map(|o| Location {
                file: o.file,
                span: o.id_span.clone(),
            })
        })
    }

    /// Every suppression, in file order.
    pub fn suppressions(&self) -> &[Suppression] {
        &self.suppressions
    }

    /// The suppressions indexed by the record they are on: the one filter that lint's
    /// findings and the refusals of export and brief go through.
    pub fn suppression_filter(&self) -> SuppressionFilter<'_> {
        let mut by_record: FxHashMap<(Kind, &str), Vec<usize>> = FxHashMap::default();
        for (i, s) in self.suppressions.iter().enumerate() {
            by_record
                .entry((s.kind, s.id.as_str()))
                .or_default()
                .push(i);
        }
        SuppressionFilter {
            all: &self.suppressions,
            by_record,
        }
    }

    /// Records where a value of a defined record is (ignored for an undefined one). Values
    /// are mostly set in the order fields sort (items by index), and then appended.
    pub(super) fn set(&mut self, kind: Kind, id: &str, field: Field<'static>, span: Range<usize>) {
        if let Some(origin) = self
            .records
            .get_mut(kind as usize)
            .and_then(|m| m.get_mut(id))
        {
            let fields = &mut origin.fields;
            if fields.last().is_none_or(|(last, _)| *last <= field) {
                fields.push((field, span));
            } else {
                // after any field of the same name, which was set first
                let at = fields.partition_point(|(f, _)| *f <= field);
                fields.insert(at, (field, span));
            }
        }
    }

    /// Makes room for `additional` records of `kind`.
    pub(super) fn reserve(&mut self, kind: Kind, additional: usize) {
        self.map_mut(kind).reserve(additional);
    }

    /// The records of `kind`, created when it has none yet.
    pub(super) fn map_mut(&mut self, kind: Kind) -> &mut FxHashMap<String, Origin> {
        if self.records.len() <= kind as usize {
            self.records
                .resize_with(kind as usize + 1, FxHashMap::default);
        }
        &mut self.records[kind as usize]
    }

    pub(super) fn contains(&self, kind: Kind, id: &str) -> bool {
        self.get(kind, id).is_some()
    }

    pub(super) fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.records
            .get(kind as usize)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, Kind, Origin, Origins};
    use crate::source_map::FileId;

    fn origins() -> Origins {
        let mut origins = Origins::default();
        origins.map_mut(Kind::Session).insert(
            "s".to_owned(),
            Origin {
                file: FileId(0),
                span: 0..0,
                id_span: 0..0,
                fields: Vec::new(),
            },
        );
        origins
    }

    fn span(origins: &Origins, field: &str) -> Option<std::ops::Range<usize>> {
        origins.field(Kind::Session, "s", field).map(|l| l.span)
    }

    #[test]
    fn fields_by_name() {
        let mut o = origins();
        o.set(Kind::Session, "s", Field::Key("order"), 1..2);
        o.set(Kind::Session, "s", Field::Key("heading"), 3..4);
        o.set(Kind::Session, "s", Field::Item("participant", 1), 7..8);
        o.set(Kind::Session, "s", Field::Item("participant", 0), 5..6);
        o.set(
            Kind::Session,
            "s",
            Field::ItemKey("affiliation", 0, "as_printed"),
            9..10,
        );
        // set again (a duplicate record's): the first stays
        o.set(Kind::Session, "s", Field::Key("order"), 11..12);
        o.set(Kind::Session, "s", Field::Item("participant", 0), 13..14);
        // not recorded: no such record
        o.set(Kind::Session, "t", Field::Key("order"), 15..16);

        let fields = &o.get(Kind::Session, "s").expect("defined").fields;
        assert!(
            fields.is_sorted_by(|a, b| a.0 <= b.0),
            "sorted, for binary search: {fields:?}"
        );
        assert_eq!(span(&o, "order"), Some(1..2));
        assert_eq!(span(&o, "heading"), Some(3..4));
        assert_eq!(span(&o, "participant.0"), Some(5..6));
        assert_eq!(span(&o, "participant.1"), Some(7..8));
        assert_eq!(span(&o, "participant.01"), Some(7..8));
        assert_eq!(span(&o, "affiliation.0.as_printed"), Some(9..10));
        assert_eq!(span(&o, "affiliation.0.as_printed.more"), Some(9..10));
        for missing in [
            "date",
            "participant.2",
            "participant",
            "participant.x",
            "participant.0.person",
            "order.0",
            "affiliation.0",
            "",
        ] {
            assert_eq!(span(&o, missing), None, "{missing}");
        }
        assert_eq!(o.field(Kind::Session, "t", "order"), None);
        assert_eq!(
            o.locate(Kind::Session, "s", "date").map(|l| l.span),
            Some(0..0)
        );
    }

    /// Every one of many items is found where it was set.
    #[test]
    fn many_items() {
        let mut o = origins();
        let n = 20_000;
        o.set(Kind::Session, "s", Field::Key("order"), 0..1);
        for i in 0..n {
            o.set(Kind::Session, "s", Field::Item("participant", i), i..i + 1);
        }
        o.set(Kind::Session, "s", Field::Key("heading"), 0..2);
        for i in 0..n {
            assert_eq!(span(&o, &format!("participant.{i}")), Some(i..i + 1));
        }
        assert_eq!(span(&o, "heading"), Some(0..2));
        assert_eq!(span(&o, &format!("participant.{n}")), None);
    }
}
