//! One definition of each entity's columns for both the CSV tables ([`crate::tables`]) and
//! the workbook's sheets ([`crate::xlsx`]): a column's CSV field (name, type, description,
//! constraints), how it looks on a sheet (header, kind of cell, widest width), what it holds
//! and what an empty cell means ([`Blank`], said in `datapackage.json` and on the workbook's
//! About sheet), and how its value is taken from a record.
//!
//! The two outputs differ on purpose in three ways, each kept where it is made:
//!
//! - A value that refers to another record ([`Value::Ref`], [`Value::Refs`]) is its id in CSV,
//!   where foreign keys and link tables join on ids, and the record's name in the workbook,
//!   which analysts read ([`Value::csv`] here, `xlsx::sheets::cell` there); such a column is
//!   described for the workbook in words of its own ([`Column::on_sheet`]).
//! - The workbook adds columns of its own (a session's title beside its id, counts, links),
//!   defined with its sheets, and orders some columns differently; the tables list their
//!   columns in [`crate::tables`].
//! - The Participation table holds each (session, person, role) once; the Participants sheet
//!   has a row for every participant as the report lists them.

use alliance_core::Vocabulary;
use alliance_core::model::{
    Conference, Instrument, Organization, Participation, Person, Recommendation, Session, Term,
};

use crate::tables::{Blank, Cell, Field, FieldType, joined, joined_field};
use crate::xlsx::{Kind, Look};

/// One column of records `R` (each listed within a record `In`: a person's part in a session
/// within the session; `()` for records that stand alone).
pub(crate) struct Column<R, In = ()> {
    /// The CSV field.
    pub(crate) field: Field,
    /// How it looks on a workbook sheet, and what it holds there.
    pub(crate) look: Look<'static>,
    /// Its value for a record.
    pub(crate) value: for<'a> fn(&'a R, &'a In) -> Value<'a>,
}

impl<R, In> Clone for Column<R, In> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, In> Copy for Column<R, In> {}

impl<R, In> Column<R, In> {
    /// A column described on the sheet as in CSV.
    const fn new(
        field: Field,
        (header, kind, max_width): (&'static str, Kind, f64),
        value: for<'a> fn(&'a R, &'a In) -> Value<'a>,
    ) -> Self {
        Column {
            field,
            look: Look::new(header, kind, max_width).described(field.description, field.blank),
            value,
        }
    }

    /// The column described on the sheet in words of its own (where the sheet shows the names
    /// of the records its CSV field refers to by id).
    const fn on_sheet(mut self, description: &'static str) -> Self {
        self.look.description = description;
        self
    }
}

/// A record that is not listed within another, as the columns take it.
pub(crate) fn alone<R>(record: &R) -> (&R, &()) {
    (record, &())
}

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A term of a vocabulary.
    Term(Vocabulary),
    /// An organization.
    Organization,
    /// An instrument.
    Instrument,
}

/// A column's value for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    /// Text, or nothing.
    Text(Option<&'a str>),
    /// Text made for the export.
    Owned(String),
    /// A whole number, or nothing.
    Int(Option<i64>),
    /// A reference to a record, or nothing.
    Ref(Target, Option<&'a str>),
    /// References to records, joined with `"; "`.
    Refs(Target, &'a [String]),
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(text: &'a String) -> Self {
        Value::Text(Some(text))
    }
}

impl<'a> From<Option<&'a String>> for Value<'a> {
    fn from(text: Option<&'a String>) -> Self {
        Value::Text(text.map(String::as_str))
    }
}

impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(Some(n.into()))
    }
}

impl From<Option<i32>> for Value<'_> {
    fn from(n: Option<i32>) -> Self {
        Value::Int(n.map(i64::from))
    }
}

impl<'a> Value<'a> {
    /// The CSV cell: a reference is its id.
    pub(crate) fn csv(self) -> Cell<'a> {
        match self {
            Value::Text(Some(t)) | Value::Ref(_, Some(t)) => Cell::Text(t),
            Value::Text(None) | Value::Int(None) | Value::Ref(_, None) => Cell::Null,
            Value::Owned(t) => Cell::Owned(t),
            Value::Int(Some(n)) => Cell::Int(n.into()),
            Value::Refs(_, ids) => joined(ids),
        }
    }
}

pub(crate) mod recommendation;

/// How the workbook describes a column of instruments, which it shows by name.
const INSTRUMENTS_ON_SHEET: &str = "The instruments cited, each by its short name (else its document symbol, else its name), joined with \"; \".";

/// When a conference's source columns are empty.
const NO_SOURCE: &str =
    "the conference records no source report, which alliance-lint reports as an error (AL025)";

pub(crate) mod conference;

pub(crate) mod session;

pub(crate) mod participant;

pub(crate) mod person;

pub(crate) mod organization;

pub(crate) mod instrument;

pub(crate) mod term;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_is_its_id_in_csv() {
        let ids = ["a".to_owned(), "b".to_owned()];
        let theme = Target::Term(Vocabulary::Theme);
        assert_eq!(Value::Ref(theme, Some("a")).csv(), Cell::Text("a"));
        assert_eq!(Value::Ref(Target::Organization, None).csv(), Cell::Null);
        assert_eq!(
            Value::Refs(theme, &ids).csv(),
            Cell::Owned("a; b".to_owned())
        );
        assert_eq!(Value::Int(Some(-4)).csv(), Cell::Int(-4));
        assert_eq!(Value::Int(None).csv(), Cell::Null);
    }

    #[test]
    fn the_column_names_of_each_projection_are_unique() {
        fn names<R, In>(columns: &[Column<R, In>]) -> Vec<&'static str> {
            columns.iter().map(|c| c.field.name).collect()
        }
        let mut recommendation = vec![
            recommendation::ID,
            recommendation::CONFERENCE,
            recommendation::SESSION,
        ];
        recommendation.extend(recommendation::DETAILS);
        for columns in [
            names(&recommendation),
            names(&conference::ALL),
            names(&session::ALL),
            names(&participant::ALL),
            names(&person::ALL),
            names(&organization::ALL),
            names(&instrument::ALL),
            names(&term::ALL),
        ] {
            let mut unique = columns.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), columns.len(), "{columns:?}");
        }
    }
}
