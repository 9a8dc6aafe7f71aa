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
    pub(crate) const LABEL: Column<Recommendation> = Column::<Recommendation>::new(
        Field::id("label", "Label id: what the report calls the list."),
        ("Label", Kind::Text, 17.0),
        |r, _| Value::Ref(Target::Term(Vocabulary::Label), Some(&r.label)),
    )
    .on_sheet(
        "What the report calls the list the bullet is in (recommendations, findings, conclusions).",
    );
    pub(crate) const TEXT: Column<Recommendation> = Column::new(
        Field::text("text", "The report's exact words.", Blank::EmptyText),
        ("Text", Kind::Wrap, 80.0),
        |r, _| (&r.text).into(),
    );
    pub(crate) const THEMES: Column<Recommendation> = Column::<Recommendation>::new(
        joined_field!(
            "themes",
            "theme",
            "recommendation_themes",
            "the recommendation has no theme, which alliance-lint reports as an error (AL020)"
        ),
        ("Themes", Kind::Wrap, 36.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Theme), &r.themes),
    )
    .on_sheet("The recommendation's themes by name, joined with \"; \": the dataset's classification, not the report's words.");
    pub(crate) const PILLARS: Column<Recommendation> = Column::<Recommendation>::new(
        joined_field!(
            "pillars",
            "pillar",
            "recommendation_pillars",
            "the recommendation has no pillar, which alliance-lint reports as an error (AL021)"
        ),
        ("Pillars", Kind::Wrap, 24.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Pillar), &r.pillars),
    )
    .on_sheet("The recommendation's pillars (prevention, protection, prosecution, partnership) by name, joined with \"; \": the dataset's classification.");
    pub(crate) const ADDRESSEES: Column<Recommendation> = Column::<Recommendation>::new(
        joined_field!(
            "addressees",
            "addressee",
            "recommendation_addressees",
            "the recommendation's text names no actor who should act: an addressee is recorded only where the text names one, so most recommendations have none"
        ),
        ("Addressees", Kind::Wrap, 32.0),
        |r, _| Value::Refs(Target::Term(Vocabulary::Addressee), &r.addressees),
    )
    .on_sheet("The actors the recommendation's text names as the ones to act, by name, joined with \"; \".");
    pub(crate) const INSTRUMENTS: Column<Recommendation> = Column::<Recommendation>::new(
        joined_field!(
            "instruments",
            "instrument",
            "recommendation_instruments",
            "the recommendation cites no instrument"
        ),
        ("Instruments", Kind::Wrap, 28.0),
        |r, _| Value::Refs(Target::Instrument, &r.instruments),
    )
    .on_sheet(INSTRUMENTS_ON_SHEET);
    pub(crate) const SOURCE_REPORT: Column<Recommendation> = Column::new(
        Field::text(
            "source_report",
            "Report path relative to the dataset folder.",
            Blank::EmptyText,
        ),
        ("Source report", Kind::Text, 36.0),
        |r, _| (&r.source.report).into(),
    );
    pub(crate) const SOURCE_SECTION: Column<Recommendation> = Column::new(
        Field::text(
            "source_section",
            "The report's section heading as printed.",
            Blank::EmptyText,
        ),
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

/// How the workbook describes a column of instruments, which it shows by name.
const INSTRUMENTS_ON_SHEET: &str = "The instruments cited, each by its short name (else its document symbol, else its name), joined with \"; \".";

/// When a conference's source columns are empty.
const NO_SOURCE: &str =
    "the conference records no source report, which alliance-lint reports as an error (AL025)";

/// The columns of a conference.
pub(crate) mod conference {
    use super::*;

    /// Its columns, in the CSV table's order.
    pub(crate) const ALL: [Column<Conference>; 14] = [
        ID,
        SERIES,
        EDITION,
        TITLE,
        START_DATE,
        END_DATE,
        CITY,
        VENUE,
        ORGANIZER,
        IN_LINE_WITH,
        SOURCE_REPORT,
        SOURCE_TITLE,
        SOURCE_PUBLISHER,
        SOURCE_ATTRIBUTION,
    ];
    pub(crate) const ID: Column<Conference> = Column::new(
        Field::id("id", "Stable id."),
        ("ID", Kind::Id, 16.0),
        |c, _| (&c.id).into(),
    );
    pub(crate) const SERIES: Column<Conference> = Column::new(
        Field::text("series", "Series.", Blank::EmptyText),
        ("Series", Kind::Wrap, 28.0),
        |c, _| (&c.series).into(),
    );
    pub(crate) const EDITION: Column<Conference> = Column::new(
        Field::count("edition", "Edition number."),
        ("Edition", Kind::Number, 10.0),
        |c, _| c.edition.into(),
    );
    pub(crate) const TITLE: Column<Conference> = Column::new(
        Field::text("title", "Title.", Blank::EmptyText),
        ("Title", Kind::Wrap, 48.0),
        |c, _| (&c.title).into(),
    );
    pub(crate) const START_DATE: Column<Conference> = Column::new(
        Field::date("start_date", "First day (ISO 8601: YYYY-MM-DD)."),
        ("Start date", Kind::Id, 13.0),
        |c, _| (&c.start_date).into(),
    );
    pub(crate) const END_DATE: Column<Conference> = Column::new(
        Field::date("end_date", "Last day (ISO 8601: YYYY-MM-DD)."),
        ("End date", Kind::Id, 13.0),
        |c, _| (&c.end_date).into(),
    );
    pub(crate) const CITY: Column<Conference> = Column::new(
        Field::text("city", "City.", Blank::EmptyText),
        ("City", Kind::Text, 16.0),
        |c, _| (&c.city).into(),
    );
    pub(crate) const VENUE: Column<Conference> = Column::new(
        Field::text("venue", "Venue.", Blank::EmptyText),
        ("Venue", Kind::Text, 20.0),
        |c, _| (&c.venue).into(),
    );
    pub(crate) const ORGANIZER: Column<Conference> = Column::<Conference>::new(
        Field::optional_id(
            "organizer",
            "Organizing organization id.",
            "the data records no organizer",
        ),
        ("Organizer", Kind::Wrap, 40.0),
        |c, _| Value::Ref(Target::Organization, c.organizer.as_deref()),
    )
    .on_sheet("The organizing organization, by name.");
    pub(crate) const IN_LINE_WITH: Column<Conference> = Column::<Conference>::new(
        joined_field!(
            "in_line_with",
            "instrument",
            "conference_instruments",
            "the report names no instrument the conference was held in line with"
        ),
        ("In line with", Kind::Wrap, 28.0),
        |c, _| Value::Refs(Target::Instrument, &c.in_line_with),
    )
    .on_sheet("The instruments the conference was held in line with, each by its short name (else its document symbol, else its name), joined with \"; \".");
    pub(crate) const SOURCE_REPORT: Column<Conference> = Column::new(
        Field::text(
            "source_report",
            "Path of the report's text relative to the dataset folder (where the dataset keeps the report; it records no web address).",
            Blank::When(NO_SOURCE),
        ),
        ("Source report", Kind::Text, 36.0),
        |c, _| c.source.as_ref().map(|s| &s.report).into(),
    );
    pub(crate) const SOURCE_TITLE: Column<Conference> = Column::new(
        Field::text(
            "source_title",
            "Title of the report.",
            Blank::When(NO_SOURCE),
        ),
        ("Source title", Kind::Wrap, 48.0),
        |c, _| c.source.as_ref().map(|s| &s.title).into(),
    );
    pub(crate) const SOURCE_PUBLISHER: Column<Conference> = Column::new(
        Field::text(
            "source_publisher",
            "Publisher of the report.",
            Blank::When(NO_SOURCE),
        ),
        ("Source publisher", Kind::Wrap, 40.0),
        |c, _| c.source.as_ref().map(|s| &s.publisher).into(),
    );
    pub(crate) const SOURCE_ATTRIBUTION: Column<Conference> = Column::new(
        Field::text(
            "source_attribution",
            "How to attribute the report's text.",
            Blank::When(NO_SOURCE),
        ),
        ("Attribution", Kind::Wrap, 60.0),
        |c, _| c.source.as_ref().map(|s| &s.attribution).into(),
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
    pub(crate) const KIND: Column<Session> = Column::<Session>::new(
        Field::id("kind", "Session kind id."),
        ("Kind", Kind::Text, 18.0),
        |s, _| Value::Ref(Target::Term(Vocabulary::SessionKind), Some(&s.kind)),
    )
    .on_sheet("The session's kind, by name.");
    pub(crate) const ORDER: Column<Session> = Column::new(
        Field::count("order", "Position in the report, from 1."),
        ("Order", Kind::Number, 9.0),
        |s, _| s.order.into(),
    );
    pub(crate) const TITLE: Column<Session> = Column::new(
        Field::text("title", "Title.", Blank::EmptyText),
        ("Title", Kind::Wrap, 48.0),
        |s, _| (&s.title).into(),
    );
    pub(crate) const HEADING: Column<Session> = Column::new(
        Field::text("heading", "Section heading as printed.", Blank::EmptyText),
        ("Heading", Kind::Wrap, 48.0),
        |s, _| (&s.heading).into(),
    );
    pub(crate) const CO_ORGANIZERS: Column<Session> = Column::<Session>::new(
        joined_field!(
            "co_organizers",
            "organization",
            "session_co_organizers",
            "the report names no co-organizer of the session"
        ),
        ("Co-organizers", Kind::Wrap, 40.0),
        |s, _| Value::Refs(Target::Organization, &s.co_organizers),
    )
    .on_sheet("The organizations that co-organized the session, by name, joined with \"; \".");
    pub(crate) const CONTRIBUTORS: Column<Session> = Column::<Session>::new(
        joined_field!(
            "contributors",
            "organization",
            "session_contributors",
            "the report names no organization that contributed to the session"
        ),
        ("Contributors", Kind::Wrap, 40.0),
        |s, _| Value::Refs(Target::Organization, &s.contributors),
    )
    .on_sheet("The organizations that contributed to the session, by name, joined with \"; \".");
    pub(crate) const INSTRUMENTS: Column<Session> = Column::<Session>::new(
        joined_field!(
            "instruments",
            "instrument",
            "session_instruments",
            "the session's text cites no instrument"
        ),
        ("Instruments", Kind::Wrap, 28.0),
        |s, _| Value::Refs(Target::Instrument, &s.instruments),
    )
    .on_sheet(INSTRUMENTS_ON_SHEET);
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
    pub(crate) const ROLE: Column<Participation, Session> = Column::<Participation, Session>::new(
        Field::id("role", "Role id."),
        ("Role", Kind::Text, 18.0),
        |p, _| Value::Ref(Target::Term(Vocabulary::Role), Some(&p.role)),
    )
    .on_sheet("The person's role in the session, by name.");
    pub(crate) const NOTE: Column<Participation, Session> = Column::new(
        Field::text(
            "note",
            "How the report establishes the role, where it is indirect.",
            Blank::When("the report states the role directly"),
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
        Field::text("name", "Full name.", Blank::EmptyText),
        ("Name", Kind::Text, 28.0),
        |p, _| (&p.name).into(),
    );
    pub(crate) const HONORIFIC: Column<Person> = Column::new(
        Field::text(
            "honorific",
            "Honorific as printed.",
            Blank::When("the report prints no honorific with the name"),
        ),
        ("Honorific", Kind::Text, 12.0),
        |p, _| p.honorific.as_ref().into(),
    );
    pub(crate) const AFFILIATIONS: Column<Person> = Column::<Person>::new(
        Field::text(
            "affiliations",
            "Convenience: the person's affiliations as printed, joined with \"; \" \
             (authoritative: affiliations).",
            Blank::When(
                "the data records no affiliation for the person, which alliance-lint warns about (AL022)",
            ),
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
    )
    .on_sheet("The person's affiliations as printed, at every conference, joined with \"; \".");
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
        Field::text("name", "Name as printed.", Blank::EmptyText),
        ("Name", Kind::Wrap, 50.0),
        |o, _| (&o.name).into(),
    );
    pub(crate) const ABBREVIATION: Column<Organization> = Column::new(
        Field::text(
            "abbreviation",
            "Abbreviation.",
            Blank::When("the report gives no abbreviation"),
        ),
        ("Abbreviation", Kind::Text, 15.0),
        |o, _| o.abbreviation.as_ref().into(),
    );
    pub(crate) const ALSO_PRINTED_AS: Column<Organization> = Column::<Organization>::new(
        Field::text(
            "also_printed_as",
            "Convenience: other printed forms of the name, joined with \"; \" \
             (authoritative: organization_names).",
            Blank::When("the report prints the name in one form only"),
        ),
        ("Also printed as", Kind::Wrap, 50.0),
        |o, _| Value::Owned(o.also_printed_as.join("; ")),
    )
    .on_sheet("Other printed forms of the name, joined with \"; \".");
    pub(crate) const KIND: Column<Organization> = Column::<Organization>::new(
        Field::optional_id(
            "kind",
            "Organization kind id.",
            "the organization's kind is not recorded, which alliance-lint warns about (AL023)",
        ),
        ("Kind", Kind::Wrap, 30.0),
        |o, _| {
            let kind = o.kind.as_deref();
            Value::Ref(Target::Term(Vocabulary::OrganizationKind), kind)
        },
    )
    .on_sheet("The organization's kind, by name.");
    pub(crate) const COUNTRY: Column<Organization> = Column::new(
        Field::text(
            "country",
            "Country.",
            Blank::When(
                "the data records no country: one is recorded only where the report gives it",
            ),
        ),
        ("Country", Kind::Text, 20.0),
        |o, _| o.country.as_ref().into(),
    );
    pub(crate) const PARENT: Column<Organization> = Column::<Organization>::new(
        Field::optional_id(
            "parent",
            "Parent organization id.",
            "the organization is not recorded as part of another",
        ),
        ("Parent", Kind::Wrap, 40.0),
        |o, _| Value::Ref(Target::Organization, o.parent.as_deref()),
    )
    .on_sheet("The organization it is part of, by name.");
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
        Field::text("name", "Name as printed.", Blank::EmptyText),
        ("Name", Kind::Wrap, 60.0),
        |i, _| (&i.name).into(),
    );
    pub(crate) const SHORT_NAME: Column<Instrument> = Column::new(
        Field::text(
            "short_name",
            "Short name.",
            Blank::When("the instrument has no short name"),
        ),
        ("Short name", Kind::Text, 22.0),
        |i, _| i.short_name.as_ref().into(),
    );
    pub(crate) const KIND: Column<Instrument> = Column::<Instrument>::new(
        Field::optional_id(
            "kind",
            "Instrument kind id.",
            "the instrument's kind is not recorded",
        ),
        ("Kind", Kind::Wrap, 30.0),
        |i, _| {
            let kind = i.kind.as_deref();
            Value::Ref(Target::Term(Vocabulary::InstrumentKind), kind)
        },
    )
    .on_sheet("The instrument's kind, by name.");
    pub(crate) const REFERENCE: Column<Instrument> = Column::new(
        Field::text(
            "reference",
            "Document symbol.",
            Blank::When("the report gives no document symbol"),
        ),
        ("Reference", Kind::Text, 20.0),
        |i, _| i.reference.as_ref().into(),
    );
    pub(crate) const YEAR: Column<Instrument> = Column::new(
        Field::optional(
            "year",
            FieldType::Integer,
            "Year.",
            "the report gives no year",
        ),
        ("Year", Kind::Number, 8.0),
        |i, _| i.year.into(),
    );
    pub(crate) const ISSUER: Column<Instrument> = Column::<Instrument>::new(
        Field::optional_id(
            "issuer",
            "Issuing organization id.",
            "the data records no issuing organization",
        ),
        ("Issuer", Kind::Wrap, 36.0),
        |i, _| Value::Ref(Target::Organization, i.issuer.as_deref()),
    )
    .on_sheet("The issuing organization, by name.");
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
        Field::text("name", "Name shown to people.", Blank::EmptyText),
        ("Name", Kind::Text, 36.0),
        |t, _| (&t.name).into(),
    );
    pub(crate) const DESCRIPTION: Column<Term> = Column::new(
        Field::text(
            "description",
            "What the term covers.",
            Blank::When("the term has no description beyond its name"),
        ),
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
