//! Where every record is defined (and some of its values), for diagnostics that point at
//! them, and the lint suppressions recorded on records.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::Kind;
use crate::diagnostic::Location;
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
    /// Where some of its values are (see [`Origins::field`]).
    pub(super) fields: Vec<(Field, Range<usize>)>,
}

/// A value of a record, named without allocating: `text`, `participant.2`,
/// `affiliation.0.as_printed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Key(&'static str),
    Item(&'static str, usize),
    ItemKey(&'static str, usize, &'static str),
}

impl Field {
    /// Whether this is the field named `name` in the dotted form of [`Origins::field`].
    fn is(&self, name: &str) -> bool {
        let mut parts = name.split('.');
        let (a, b, c) = (parts.next(), parts.next(), parts.next());
        let index = |b: Option<&str>| b.and_then(|b| b.parse::<usize>().ok());
        match *self {
            Field::Key(k) => a == Some(k) && b.is_none(),
            Field::Item(k, i) => a == Some(k) && index(b) == Some(i) && c.is_none(),
            Field::ItemKey(k, i, sub) => a == Some(k) && index(b) == Some(i) && c == Some(sub),
        }
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
        origin
            .fields
            .iter()
            .find(|(f, _)| f.is(field))
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

    /// Records where a value of a defined record is (ignored for an undefined one).
    pub(super) fn set(&mut self, kind: Kind, id: &str, field: Field, span: Range<usize>) {
        if let Some(origin) = self
            .records
            .get_mut(kind as usize)
            .and_then(|m| m.get_mut(id))
        {
            origin.fields.push((field, span));
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
