//! The columns of a person's part in a session.

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
