//! The columns of an organization.

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
        Blank::When("the data records no country: one is recorded only where the report gives it"),
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
