//! The columns of a conference.

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
