//! The columns of a recommendation.

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
