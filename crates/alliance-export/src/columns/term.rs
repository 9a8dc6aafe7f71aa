//! The columns of a term of a controlled vocabulary (the Themes sheet shows the themes').

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
