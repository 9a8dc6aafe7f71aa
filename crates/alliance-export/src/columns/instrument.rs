//! The columns of an instrument.

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
