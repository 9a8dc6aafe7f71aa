//! The columns of a session.

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
