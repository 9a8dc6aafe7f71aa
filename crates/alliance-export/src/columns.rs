//! One definition of each entity's columns for both the CSV tables ([`crate::tables`]) and
//! the workbook's sheets ([`crate::xlsx`]): a column's CSV field (name, type, description,
//! constraints), how it looks on a sheet (header, kind of cell, widest width), and how its
//! value is taken from a record.
//!
//! The two outputs differ on purpose in three ways, each kept where it is made:
//!
//! - A value that refers to another record ([`Value::Ref`], [`Value::Refs`]) is its id in CSV,
//!   where foreign keys and link tables join on ids, and the record's name in the workbook,
//!   which analysts read ([`Value::csv`] here, `xlsx::sheets::cell` there).
//! - The workbook adds columns of its own (a session's title beside its id, counts, links),
//!   defined with its sheets, and orders some columns differently; the tables list their
//!   columns in [`crate::tables`].
//! - The Participation table holds each (session, person, role) once; the Participants sheet
//!   has a row for every participant as the report lists them.

use alliance_core::Vocabulary;
use alliance_core::model::{
    Instrument, Organization, Participation, Person, Recommendation, Session, Term,
};

use crate::tables::{Cell, Field, FieldType, joined, joined_field};
use crate::xlsx::{Kind, Look};

/// One column of records `R` (each listed within a record `In`: a person's part in a session
/// within the session; `()` for records that stand alone).
pub(crate) struct Column<R, In = ()> {
    /// The CSV field.
    pub(crate) field: Field,
    /// How it looks on a workbook sheet.
    pub(crate) look: Look,
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
    const fn new(
        field: Field,
        (header, kind, max_width): (&'static str, Kind, f64),
        value: for<'a> fn(&'a R, &'a In) -> Value<'a>,
    ) -> Self {
        Column {
            field,
            look: Look::new(header, kind, max_width),
            value,
        }
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

/// The columns of a recommendation.
pub(crate) mod recommendation {
    use super::*;

    /// What follows its keys ([`ID`], [`CONFERENCE`], [`SESSION`]) in the CSV table and on the
    /// sheet: where it stands in its list, its words, their classification, and their source.
    pub(crate) const DETAILS: [Column<Recommendation>; 11] = [
        ORDER,
        LABEL,
        TEXT,
        THEMES,
        PILLARS,
        ADDRESSEES,
        INSTRUMENTS,
        SOURCE_REPORT,
        SOURCE_SECTION,
        SOURCE_BULLET,
        SOURCE_LINE,
    ];
    pub(crate) const ID: Column<Recommendation> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 20.0),
        |r, _| (&r.id).into(),
    );
    pub(crate) const CONFERENCE: Column<Recommendation> = Column::new(
        Field::id("conference", "Conference id."),
        ("Conference", Kind::Id, 16.0),
        |r, _| (&r.conference).into(),
    );
    pub(crate) const SESSION: Column<Recommendation> = Column::new(
        Field::id("session", "Session id."),
        ("Session ID", Kind::Id, 18.0),
        |r, _| (&r.session).into(),
    );
    pub(crate) const ORDER: Column<Recommendation> = Column::new(
        Field::count("order", "Position in the session's list, from 1."),
        ("Order", Kind::Number, 9.0),
        |r, _| r.order.into(),
    );
    pub(crate) const LABEL: Column<Recommendation> = Column::new(
        Field::id("label", "Label id: what the report calls the list."),
        ("Label", Kind::Text, 17.0),
        |r, _| Value::Ref(Target::Term(Vocabulary::Label), Some(&r.label)),
    );
    pub(crate) const TEXT: Column<Recommendation> = Column::new(
        Field::text("text", "The report's exact words."),
        ("Text", Kind::Wrap, 80.0),
        |r, _| (&r.text).into(),
    );
    pub(crate) const THEMES: Column<Recommendation> = Column::new(
        joined_field!("themes", "theme", "recommendation_themes"),
        ("Themes", Kind::Wrap, 36.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Theme), &r.themes),
    );
    pub(crate) const PILLARS: Column<Recommendation> = Column::new(
        joined_field!("pillars", "pillar", "recommendation_pillars"),
        ("Pillars", Kind::Wrap, 24.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Pillar), &r.pillars),
    );
    pub(crate) const ADDRESSEES: Column<Recommendation> = Column::new(
        joined_field!("addressees", "addressee", "recommendation_addressees"),
        ("Addressees", Kind::Wrap, 32.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Addressee), &r.addressees),
    );
    pub(crate) const INSTRUMENTS: Column<Recommendation> = Column::new(
        joined_field!("instruments", "instrument", "recommendation_instruments"),
        ("Instruments", Kind::Wrap, 28.0),
        |r, _| Value::Refs(Target::Instrument, &r.instruments),
    );
    pub(crate) const SOURCE_REPORT: Column<Recommendation> = Column::new(
        Field::text(
            "source_report",
            "Report path relative to the dataset folder.",
        ),
        ("Source report", Kind::Text, 36.0),
        |r, _| (&r.source.report).into(),
    );
    pub(crate) const SOURCE_SECTION: Column<Recommendation> = Column::new(
        Field::text("source_section", "The report's section heading as printed."),
        ("Source section", Kind::Wrap, 40.0),
        |r, _| (&r.source.section).into(),
    );
    pub(crate) const SOURCE_BULLET: Column<Recommendation> = Column::new(
        Field::count(
            "source_bullet",
            "Position of the bullet in its list, from 1.",
        ),
        ("Source bullet", Kind::Number, 15.0),
        |r, _| r.source.bullet.into(),
    );
    pub(crate) const SOURCE_LINE: Column<Recommendation> = Column::new(
        Field::count(
            "source_line",
            "Line of the report on which the bullet starts.",
        ),
        ("Source line", Kind::Number, 13.0),
        |r, _| r.source.line.into(),
    );
}

/// The columns of a session.
pub(crate) mod session {
    use super::*;

    /// Its columns, in the CSV table's order.
    pub(crate) const ALL: [Column<Session>; 9] = [
        ID,
        CONFERENCE,
        KIND,
        ORDER,
        TITLE,
        HEADING,
        CO_ORGANIZERS,
        CONTRIBUTORS,
        INSTRUMENTS,
    ];
    pub(crate) const ID: Column<Session> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 20.0),
        |s, _| (&s.id).into(),
    );
    pub(crate) const CONFERENCE: Column<Session> = Column::new(
        Field::id("conference", "Conference id."),
        ("Conference", Kind::Id, 16.0),
        |s, _| (&s.conference).into(),
    );
    pub(crate) const KIND: Column<Session> = Column::new(
        Field::id("kind", "Session kind id."),
        ("Kind", Kind::Text, 18.0),
        |s, _| Value::Ref(Target::Term(Vocabulary::SessionKind), Some(&s.kind)),
    );
    pub(crate) const ORDER: Column<Session> = Column::new(
        Field::count("order", "Position in the report, from 1."),
        ("Order", Kind::Number, 9.0),
        |s, _| s.order.into(),
    );
    pub(crate) const TITLE: Column<Session> = Column::new(
        Field::text("title", "Title."),
        ("Title", Kind::Wrap, 48.0),
        |s, _| (&s.title).into(),
    );
    pub(crate) const HEADING: Column<Session> = Column::new(
        Field::text("heading", "Section heading as printed."),
        ("Heading", Kind::Wrap, 48.0),
        |s, _| (&s.heading).into(),
    );
    pub(crate) const CO_ORGANIZERS: Column<Session> = Column::new(
        joined_field!("co_organizers", "organization", "session_co_organizers"),
        ("Co-organizers", Kind::Wrap, 40.0),
        |s, _| Value::Refs(Target::Organization, &s.co_organizers),
    );
    pub(crate) const CONTRIBUTORS: Column<Session> = Column::new(
        joined_field!("contributors", "organization", "session_contributors"),
        ("Contributors", Kind::Wrap, 40.0),
        |s, _| Value::Refs(Target::Organization, &s.contributors),
    );
    pub(crate) const INSTRUMENTS: Column<Session> = Column::new(
        joined_field!("instruments", "instrument", "session_instruments"),
        ("Instruments", Kind::Wrap, 28.0),
        |s, _| Value::Refs(Target::Instrument, &s.instruments),
    );
}

/// The columns of a person's part in a session.
pub(crate) mod participant {
    use super::*;

    /// Its columns, in the CSV table's order.
    pub(crate) const ALL: [Column<Participation, Session>; 4] = [SESSION, PERSON, ROLE, NOTE];
    pub(crate) const SESSION: Column<Participation, Session> = Column::new(
        Field::id("session", "Session id."),
        ("Session ID", Kind::Id, 18.0),
        |_, s| (&s.id).into(),
    );
    pub(crate) const PERSON: Column<Participation, Session> = Column::new(
        Field::id("person", "Person id."),
        ("Person ID", Kind::Id, 24.0),
        |p, _| (&p.person).into(),
    );
    pub(crate) const ROLE: Column<Participation, Session> = Column::new(
        Field::id("role", "Role id."),
        ("Role", Kind::Text, 18.0),
        |p, _| Value::Ref(Target::Term(Vocabulary::Role), Some(&p.role)),
    );
    pub(crate) const NOTE: Column<Participation, Session> = Column::new(
        Field::text(
            "note",
            "How the report establishes the role, where it is indirect.",
        ),
        ("Note", Kind::Wrap, 48.0),
        |p, _| p.note.as_ref().into(),
    );
}

/// The columns of a person.
pub(crate) mod person {
    use super::*;

    /// Its columns, in the CSV table's order.
    pub(crate) const ALL: [Column<Person>; 4] = [ID, NAME, HONORIFIC, AFFILIATIONS];
    pub(crate) const ID: Column<Person> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 24.0),
        |p, _| (&p.id).into(),
    );
    pub(crate) const NAME: Column<Person> = Column::new(
        Field::text("name", "Full name."),
        ("Name", Kind::Text, 28.0),
        |p, _| (&p.name).into(),
    );
    pub(crate) const HONORIFIC: Column<Person> = Column::new(
        Field::text("honorific", "Honorific as printed."),
        ("Honorific", Kind::Text, 12.0),
        |p, _| p.honorific.as_ref().into(),
    );
    pub(crate) const AFFILIATIONS: Column<Person> = Column::new(
        Field::text(
            "affiliations",
            "Convenience: the person's affiliations as printed, joined with \"; \" \
             (authoritative: affiliations).",
        ),
        ("Affiliations", Kind::Wrap, 60.0),
        |p, _| {
            let printed: Vec<&str> = p
                .affiliations
                .iter()
                .map(|a| a.as_printed.as_str())
                .collect();
            Value::Owned(printed.join("; "))
        },
    );
}

/// The columns of an organization.
pub(crate) mod organization {
    use super::*;

    /// Its columns, in the CSV table's order.
    pub(crate) const ALL: [Column<Organization>; 7] = [
        ID,
        NAME,
        ABBREVIATION,
        ALSO_PRINTED_AS,
        KIND,
        COUNTRY,
        PARENT,
    ];
    pub(crate) const ID: Column<Organization> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 30.0),
        |o, _| (&o.id).into(),
    );
    pub(crate) const NAME: Column<Organization> = Column::new(
        Field::text("name", "Name as printed."),
        ("Name", Kind::Wrap, 50.0),
        |o, _| (&o.name).into(),
    );
    pub(crate) const ABBREVIATION: Column<Organization> = Column::new(
        Field::text("abbreviation", "Abbreviation."),
        ("Abbreviation", Kind::Text, 15.0),
        |o, _| o.abbreviation.as_ref().into(),
    );
    pub(crate) const ALSO_PRINTED_AS: Column<Organization> = Column::new(
        Field::text(
            "also_printed_as",
            "Convenience: other printed forms of the name, joined with \"; \" \
             (authoritative: organization_names).",
        ),
        ("Also printed as", Kind::Wrap, 50.0),
        |o, _| Value::Owned(o.also_printed_as.join("; ")),
    );
    pub(crate) const KIND: Column<Organization> = Column::new(
        Field::optional_id("kind", "Organization kind id."),
        ("Kind", Kind::Wrap, 30.0),
        |o, _| {
            let kind = o.kind.as_deref();
            Value::Ref(Target::Term(Vocabulary::OrganizationKind), kind)
        },
    );
    pub(crate) const COUNTRY: Column<Organization> = Column::new(
        Field::text("country", "Country."),
        ("Country", Kind::Text, 20.0),
        |o, _| o.country.as_ref().into(),
    );
    pub(crate) const PARENT: Column<Organization> = Column::new(
        Field::optional_id("parent", "Parent organization id."),
        ("Parent", Kind::Wrap, 40.0),
        |o, _| Value::Ref(Target::Organization, o.parent.as_deref()),
    );
}

/// The columns of an instrument.
pub(crate) mod instrument {
    use super::*;

    /// Its columns, in the CSV table's order and the sheet's.
    pub(crate) const ALL: [Column<Instrument>; 7] =
        [ID, NAME, SHORT_NAME, KIND, REFERENCE, YEAR, ISSUER];
    pub(crate) const ID: Column<Instrument> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 26.0),
        |i, _| (&i.id).into(),
    );
    pub(crate) const NAME: Column<Instrument> = Column::new(
        Field::text("name", "Name as printed."),
        ("Name", Kind::Wrap, 60.0),
        |i, _| (&i.name).into(),
    );
    pub(crate) const SHORT_NAME: Column<Instrument> = Column::new(
        Field::text("short_name", "Short name."),
        ("Short name", Kind::Text, 22.0),
        |i, _| i.short_name.as_ref().into(),
    );
    pub(crate) const KIND: Column<Instrument> = Column::new(
        Field::optional_id("kind", "Instrument kind id."),
        ("Kind", Kind::Wrap, 30.0),
        |i, _| {
            let kind = i.kind.as_deref();
            Value::Ref(Target::Term(Vocabulary::InstrumentKind), kind)
        },
    );
    pub(crate) const REFERENCE: Column<Instrument> = Column::new(
        Field::text("reference", "Document symbol."),
        ("Reference", Kind::Text, 20.0),
        |i, _| i.reference.as_ref().into(),
    );
    pub(crate) const YEAR: Column<Instrument> = Column::new(
        Field::new("year", FieldType::Integer, "Year."),
        ("Year", Kind::Number, 8.0),
        |i, _| i.year.into(),
    );
    pub(crate) const ISSUER: Column<Instrument> = Column::new(
        Field::optional_id("issuer", "Issuing organization id."),
        ("Issuer", Kind::Wrap, 36.0),
        |i, _| Value::Ref(Target::Organization, i.issuer.as_deref()),
    );
}

/// The columns of a term of a controlled vocabulary (the Themes sheet shows the themes').
pub(crate) mod term {
    use super::*;

    /// Its columns, in the CSV table's order and the sheet's.
    pub(crate) const ALL: [Column<Term>; 3] = [ID, NAME, DESCRIPTION];
    pub(crate) const ID: Column<Term> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 30.0),
        |t, _| (&t.id).into(),
    );
    pub(crate) const NAME: Column<Term> = Column::new(
        Field::text("name", "Name shown to people."),
        ("Name", Kind::Text, 36.0),
        |t, _| (&t.name).into(),
    );
    pub(crate) const DESCRIPTION: Column<Term> = Column::new(
        Field::text("description", "What the term covers."),
        ("Description", Kind::Wrap, 80.0),
        |t, _| t.description.as_ref().into(),
    );
}

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
