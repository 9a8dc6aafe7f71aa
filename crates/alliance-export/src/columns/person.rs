//! The columns of a person.

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
