//! The dataset as flat tables: one per entity, one per controlled vocabulary and one per
//! many-to-many relation, each with its Table Schema (field types, constraints, primary and
//! foreign keys). The CSV files and `datapackage.json` are both written from these
//! definitions, so the two cannot disagree.
//!
//! The main tables also carry convenience columns (the ids of a many-to-many relation joined
//! with `"; "`) for spreadsheet users; the link tables are authoritative.
//!
//! A table's rows are made on demand, one at a time ([`Table::rows`]), never held all at once:
//! a table of a million rows costs the memory of one row.

use std::borrow::Cow;
use std::fmt;

use alliance_core::model::{Dataset, Term};

/// A Table Schema field type (only those the export uses; never `list`, which the published
/// Data Package v2 schema lacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// An ISO 8601 calendar date.
    Date,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Column name.
    pub name: &'static str,
    /// Type.
    pub ty: FieldType,
    /// What the column holds.
    pub description: Cow<'static, str>,
    /// Whether every row has a value.
    pub required: bool,
    /// Whether the values are ids (lowercase kebab-case).
    pub id: bool,
    /// Smallest value, for integers.
    pub minimum: Option<i64>,
}

/// The pattern every id matches (Table Schema patterns are implicitly anchored).
pub const ID_PATTERN: &str = "[a-z0-9]+(-[a-z0-9]+)*";

impl Field {
    fn new(name: &'static str, ty: FieldType, description: &'static str) -> Field {
        Field {
            name,
            ty,
            description: Cow::Borrowed(description),
            required: false,
            id: false,
            minimum: None,
        }
    }

    /// A required id or reference to an id.
    fn id(name: &'static str, description: &'static str) -> Field {
        Field {
            required: true,
            id: true,
            ..Field::new(name, FieldType::String, description)
        }
    }

    /// An optional reference to an id.
    fn optional_id(name: &'static str, description: &'static str) -> Field {
        Field {
            id: true,
            ..Field::new(name, FieldType::String, description)
        }
    }

    /// Text (empty cells are missing values).
    fn text(name: &'static str, description: &'static str) -> Field {
        Field::new(name, FieldType::String, description)
    }

    /// A convenience column: the ids of a many-to-many relation joined with `"; "`.
    fn joined(name: &'static str, noun: &str, link_table: &str) -> Field {
        Field {
            description: format!(
                "Convenience: the {noun} ids joined with \"; \" (authoritative: {link_table})."
            )
            .into(),
            ..Field::text(name, "")
        }
    }

    /// A required whole number, at least 0.
    fn count(name: &'static str, description: &'static str) -> Field {
        Field {
            required: true,
            minimum: Some(0),
            ..Field::new(name, FieldType::Integer, description)
        }
    }

    /// A required date.
    fn date(name: &'static str, description: &'static str) -> Field {
        Field {
            required: true,
            ..Field::new(name, FieldType::Date, description)
        }
    }
}

/// A foreign key: `fields` of this table refer to `reference` of `resource` (`None`: this
/// table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// Columns of this table.
    pub fields: Vec<&'static str>,
    /// The table referred to; `None` for this table.
    pub resource: Option<&'static str>,
    /// Columns of the table referred to.
    pub reference: Vec<&'static str>,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Text (also dates, which are ISO 8601 text).
    Text(&'a str),
    /// Text made for the export (joined ids).
    Owned(String),
    /// A whole number.
    Int(i128),
    /// No value.
    Null,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<Option<&'a String>> for Cell<'a> {
    fn from(text: Option<&'a String>) -> Cell<'a> {
        text.map_or(Cell::Null, |t| Cell::Text(t))
    }
}

impl From<u32> for Cell<'_> {
    fn from(n: u32) -> Self {
        Cell::Int(n.into())
    }
}

impl From<u64> for Cell<'_> {
    fn from(n: u64) -> Self {
        Cell::Int(n.into())
    }
}

impl From<Option<i32>> for Cell<'_> {
    fn from(n: Option<i32>) -> Self {
        n.map_or(Cell::Null, |n| Cell::Int(n.into()))
    }
}

/// Ids joined with `"; "`, for a convenience column.
fn joined<'a>(ids: impl IntoIterator<Item = &'a String>) -> Cell<'a> {
    let ids: Vec<&str> = ids.into_iter().map(String::as_str).collect();
    Cell::Owned(ids.join("; "))
}

/// A row: one cell per field.
pub type Row<'a> = Vec<Cell<'a>>;

/// Makes a table's rows; each call starts again from the first row.
type RowSource<'a> = Box<dyn Fn() -> Box<dyn Iterator<Item = Row<'a>> + 'a> + Send + Sync + 'a>;

/// A table: its schema and (on demand) its rows.
pub struct Table<'a> {
    /// Name (also the CSV file's stem and the Data Package resource name).
    pub name: &'static str,
    /// Title.
    pub title: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// Columns.
    pub fields: Vec<Field>,
    /// Primary key columns.
    pub primary_key: Vec<&'static str>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// Makes the rows.
    rows: RowSource<'a>,
}

impl fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("name", &self.name)
            .field("fields", &self.fields)
            .field("primary_key", &self.primary_key)
            .field("foreign_keys", &self.foreign_keys)
            .finish_non_exhaustive()
    }
}

impl<'a> Table<'a> {
    fn new(name: &'static str, title: &'static str, description: &'static str) -> Table<'a> {
        Table {
            name,
            title,
            description,
            fields: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: Box::new(|| Box::new(std::iter::empty())),
        }
    }

    /// The rows, in order, each with one cell per field, made one at a time.
    pub fn rows(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        (self.rows)()
    }

    fn fields(mut self, fields: impl IntoIterator<Item = Field>) -> Self {
        self.fields = fields.into_iter().collect();
        self
    }

    fn primary_key(mut self, fields: &[&'static str]) -> Self {
        self.primary_key = fields.to_vec();
        self
    }

    fn foreign_key(
        mut self,
        fields: &[&'static str],
        resource: &'static str,
        reference: &[&'static str],
    ) -> Self {
        self.foreign_keys.push(ForeignKey {
            fields: fields.to_vec(),
            resource: (resource != self.name).then_some(resource),
            reference: reference.to_vec(),
        });
        self
    }

    /// The table with rows made by `make` (called once each time the rows are read).
    pub(crate) fn with_rows<I>(mut self, make: impl Fn() -> I + Send + Sync + 'a) -> Self
    where
        I: Iterator<Item = Row<'a>> + 'a,
    {
        self.rows = Box::new(move || Box::new(make()));
        self
    }

    /// The file name of its CSV.
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }
}

/// The items of a list without repeats, in order (lists are short: a quadratic scan beats
/// hashing).
pub(crate) fn distinct<T: PartialEq>(items: &[T]) -> impl Iterator<Item = &T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, item)| !items[..*i].contains(item))
        .map(|(_, item)| item)
}

/// A link table between `left` and `right`: one row per distinct pair, in the data's order.
/// `groups` gives each left id (unique) with its list of right ids.
fn link<'a, I>(
    (name, title, description): (&'static str, &'static str, &'static str),
    left: (&'static str, &'static str, &'static str),
    right: (&'static str, &'static str, &'static str),
    groups: impl Fn() -> I + Send + Sync + 'a,
) -> Table<'a>
where
    I: Iterator<Item = (&'a String, &'a [String])> + 'a,
{
    let (left_field, left_table, left_description) = left;
    let (right_field, right_table, right_description) = right;
    Table::new(name, title, description)
        .fields([
            Field::id(left_field, left_description),
            Field::id(right_field, right_description),
        ])
        .primary_key(&[left_field, right_field])
        .foreign_key(&[left_field], left_table, &["id"])
        .foreign_key(&[right_field], right_table, &["id"])
        .with_rows(move || {
            groups().flat_map(|(l, rights)| distinct(rights).map(move |r| vec![l.into(), r.into()]))
        })
}

fn vocabulary<'a>(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    terms: &'a [Term],
) -> Table<'a> {
    Table::new(name, title, description)
        .fields([
            Field::id("id", "Stable id."),
            Field::text("name", "Name shown to people."),
            Field::text("description", "What the term covers."),
        ])
        .primary_key(&["id"])
        .with_rows(|| {
            terms.iter().map(|t| {
                vec![
                    (&t.id).into(),
                    (&t.name).into(),
                    t.description.as_ref().into(),
                ]
            })
        })
}

/// Every table of the dataset, in a stable order: the main entities, the link tables, then
/// the controlled vocabularies.
pub fn tables(ds: &Dataset) -> Vec<Table<'_>> {
    let v = &ds.vocabularies;
    let mut tables = vec![
        recommendations(ds),
        sessions(ds),
        conferences(ds),
        figures(ds),
        people(ds),
        affiliations(ds),
        organizations(ds),
        organization_names(ds),
        instruments(ds),
        participation(ds),
    ];
    let recommendation = ("recommendation", "recommendations", "Recommendation id.");
    let session = ("session", "sessions", "Session id.");
    tables.extend([
        link(
            (
                "recommendation_themes",
                "Themes of recommendations",
                "One row per theme of a recommendation.",
            ),
            recommendation,
            ("theme", "themes", "Theme id."),
            move || {
                ds.recommendations
                    .iter()
                    .map(|r| (&r.id, r.themes.as_slice()))
            },
        ),
        link(
            (
                "recommendation_pillars",
                "Pillars of recommendations",
                "One row per pillar of a recommendation.",
            ),
            recommendation,
            ("pillar", "pillars", "Pillar id."),
            move || {
                ds.recommendations
                    .iter()
                    .map(|r| (&r.id, r.pillars.as_slice()))
            },
        ),
        link(
            (
                "recommendation_addressees",
                "Addressees of recommendations",
                "One row per actor a recommendation addresses.",
            ),
            recommendation,
            ("addressee", "addressees", "Addressee id."),
            move || {
                ds.recommendations
                    .iter()
                    .map(|r| (&r.id, r.addressees.as_slice()))
            },
        ),
        link(
            (
                "recommendation_instruments",
                "Instruments of recommendations",
                "One row per instrument a recommendation cites.",
            ),
            recommendation,
            ("instrument", "instruments", "Instrument id."),
            move || {
                ds.recommendations
                    .iter()
                    .map(|r| (&r.id, r.instruments.as_slice()))
            },
        ),
        link(
            (
                "session_co_organizers",
                "Co-organizers of sessions",
                "One row per organization that co-organized a session.",
            ),
            session,
            ("organization", "organizations", "Organization id."),
            move || {
                ds.sessions
                    .iter()
                    .map(|s| (&s.id, s.co_organizers.as_slice()))
            },
        ),
        link(
            (
                "session_contributors",
                "Contributors to sessions",
                "One row per organization that contributed to a session.",
            ),
            session,
            ("organization", "organizations", "Organization id."),
            move || {
                ds.sessions
                    .iter()
                    .map(|s| (&s.id, s.contributors.as_slice()))
            },
        ),
        link(
            (
                "session_instruments",
                "Instruments of sessions",
                "One row per instrument a session's text cites.",
            ),
            session,
            ("instrument", "instruments", "Instrument id."),
            move || {
                ds.sessions
                    .iter()
                    .map(|s| (&s.id, s.instruments.as_slice()))
            },
        ),
        link(
            (
                "conference_instruments",
                "Instruments conferences were held in line with",
                "One row per instrument a conference was held in line with.",
            ),
            ("conference", "conferences", "Conference id."),
            ("instrument", "instruments", "Instrument id."),
            move || {
                ds.conferences
                    .iter()
                    .map(|c| (&c.id, c.in_line_with.as_slice()))
            },
        ),
        vocabulary(
            "themes",
            "Themes",
            "The cross-cutting themes recommendations are classified by.",
            &ds.themes,
        ),
        vocabulary(
            "pillars",
            "Pillars",
            "The four pillars: prevention, protection, prosecution, partnership.",
            &ds.pillars,
        ),
        vocabulary(
            "addressees",
            "Addressees",
            "Actors a recommendation can address.",
            &v.addressees,
        ),
        vocabulary(
            "labels",
            "Labels",
            "What a report calls a list of bullets.",
            &v.labels,
        ),
        vocabulary(
            "roles",
            "Roles",
            "Roles a person can hold in a session.",
            &v.roles,
        ),
        vocabulary(
            "session_kinds",
            "Session kinds",
            "Kinds of session.",
            &v.session_kinds,
        ),
        vocabulary(
            "organization_kinds",
            "Organization kinds",
            "Kinds of organization.",
            &v.organization_kinds,
        ),
        vocabulary(
            "instrument_kinds",
            "Instrument kinds",
            "Kinds of instrument.",
            &v.instrument_kinds,
        ),
        vocabulary(
            "figure_kinds",
            "Figure kinds",
            "Kinds of figure.",
            &v.figure_kinds,
        ),
    ]);
    tables
}

fn recommendations(ds: &Dataset) -> Table<'_> {
    Table::new(
        "recommendations",
        "Recommendations",
        "One row per recommendation, finding or conclusion, in the report's words.",
    )
    .fields([
        Field::id("id", "Stable id."),
        Field::id("conference", "Conference id."),
        Field::id("session", "Session id."),
        Field::count("order", "Position in the session's list, from 1."),
        Field::id("label", "Label id: what the report calls the list."),
        Field::text("text", "The report's exact words."),
        Field::joined("themes", "theme", "recommendation_themes"),
        Field::joined("pillars", "pillar", "recommendation_pillars"),
        Field::joined("addressees", "addressee", "recommendation_addressees"),
        Field::joined("instruments", "instrument", "recommendation_instruments"),
        Field::text(
            "source_report",
            "Report path relative to the dataset folder.",
        ),
        Field::text("source_section", "The report's section heading as printed."),
        Field::count(
            "source_bullet",
            "Position of the bullet in its list, from 1.",
        ),
        Field::count(
            "source_line",
            "Line of the report on which the bullet starts.",
        ),
    ])
    .primary_key(&["id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["session"], "sessions", &["id"])
    .foreign_key(&["label"], "labels", &["id"])
    .with_rows(|| {
        ds.recommendations.iter().map(|r| {
            vec![
                (&r.id).into(),
                (&r.conference).into(),
                (&r.session).into(),
                r.order.into(),
                (&r.label).into(),
                (&r.text).into(),
                joined(&r.themes),
                joined(&r.pillars),
                joined(&r.addressees),
                joined(&r.instruments),
                (&r.source.report).into(),
                (&r.source.section).into(),
                r.source.bullet.into(),
                r.source.line.into(),
            ]
        })
    })
}

fn sessions(ds: &Dataset) -> Table<'_> {
    Table::new(
        "sessions",
        "Sessions",
        "One row per session of a conference, by conference then order.",
    )
    .fields([
        Field::id("id", "Stable id."),
        Field::id("conference", "Conference id."),
        Field::id("kind", "Session kind id."),
        Field::count("order", "Position in the report, from 1."),
        Field::text("title", "Title."),
        Field::text("heading", "Section heading as printed."),
        Field::joined("co_organizers", "organization", "session_co_organizers"),
        Field::joined("contributors", "organization", "session_contributors"),
        Field::joined("instruments", "instrument", "session_instruments"),
    ])
    .primary_key(&["id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["kind"], "session_kinds", &["id"])
    .with_rows(|| {
        ds.sessions.iter().map(|s| {
            vec![
                (&s.id).into(),
                (&s.conference).into(),
                (&s.kind).into(),
                s.order.into(),
                (&s.title).into(),
                (&s.heading).into(),
                joined(&s.co_organizers),
                joined(&s.contributors),
                joined(&s.instruments),
            ]
        })
    })
}

fn conferences(ds: &Dataset) -> Table<'_> {
    Table::new("conferences", "Conferences", "One row per conference.")
        .fields([
            Field::id("id", "Stable id."),
            Field::text("series", "Series."),
            Field::count("edition", "Edition number."),
            Field::text("title", "Title."),
            Field::date("start_date", "First day."),
            Field::date("end_date", "Last day."),
            Field::text("city", "City."),
            Field::text("venue", "Venue."),
            Field::optional_id("organizer", "Organizing organization id."),
            Field::joined("in_line_with", "instrument", "conference_instruments"),
            Field::text(
                "source_report",
                "Report path relative to the dataset folder.",
            ),
            Field::text("source_title", "Title of the report."),
            Field::text("source_publisher", "Publisher of the report."),
            Field::text("source_attribution", "How to attribute the report's text."),
        ])
        .primary_key(&["id"])
        .foreign_key(&["organizer"], "organizations", &["id"])
        .with_rows(|| {
            ds.conferences.iter().map(|c| {
                let source = c.source.as_ref();
                vec![
                    (&c.id).into(),
                    (&c.series).into(),
                    c.edition.into(),
                    (&c.title).into(),
                    (&c.start_date).into(),
                    (&c.end_date).into(),
                    (&c.city).into(),
                    (&c.venue).into(),
                    c.organizer.as_ref().into(),
                    joined(&c.in_line_with),
                    source.map(|s| &s.report).into(),
                    source.map(|s| &s.title).into(),
                    source.map(|s| &s.publisher).into(),
                    source.map(|s| &s.attribution).into(),
                ]
            })
        })
}

fn figures(ds: &Dataset) -> Table<'_> {
    Table::new(
        "figures",
        "Figures",
        "One row per figure a report gives (participants, participating States, ...).",
    )
    .fields([
        Field::id("conference", "Conference id."),
        Field::id("id", "Id, unique within the conference."),
        Field::id("kind", "Figure kind id."),
        Field::count("value", "The number."),
        Field::text("qualifier", "Qualifier as printed (\"more than\")."),
        Field::text("as_printed", "The words as printed."),
        Field::optional_id("session", "Session id, when the figure is a session's."),
    ])
    .primary_key(&["conference", "id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["kind"], "figure_kinds", &["id"])
    .foreign_key(&["session"], "sessions", &["id"])
    .with_rows(|| {
        ds.conferences.iter().flat_map(|c| {
            c.figures.iter().map(move |f| {
                vec![
                    (&c.id).into(),
                    (&f.id).into(),
                    (&f.kind).into(),
                    f.value.into(),
                    f.qualifier.as_ref().into(),
                    (&f.as_printed).into(),
                    f.session.as_ref().into(),
                ]
            })
        })
    })
}

fn people(ds: &Dataset) -> Table<'_> {
    Table::new("people", "People", "One row per person named in a report.")
        .fields([
            Field::id("id", "Stable id."),
            Field::text("name", "Full name."),
            Field::text("honorific", "Honorific as printed."),
            Field {
                description:
                    "Convenience: the person's affiliations as printed, joined with \"; \" \
                              (authoritative: affiliations)."
                        .into(),
                ..Field::text("affiliations", "")
            },
        ])
        .primary_key(&["id"])
        .with_rows(|| {
            ds.people.iter().map(|p| {
                let printed: Vec<&str> = p
                    .affiliations
                    .iter()
                    .map(|a| a.as_printed.as_str())
                    .collect();
                vec![
                    (&p.id).into(),
                    (&p.name).into(),
                    p.honorific.as_ref().into(),
                    Cell::Owned(printed.join("; ")),
                ]
            })
        })
}

fn affiliations(ds: &Dataset) -> Table<'_> {
    Table::new(
        "affiliations",
        "Affiliations",
        "One row per position a person held at a conference, in the data's order.",
    )
    .fields([
        Field::id("person", "Person id."),
        Field::count("position", "Position in the person's affiliations, from 1."),
        Field::id("conference", "Conference id."),
        Field::optional_id(
            "organization",
            "Organization id, when the report names one.",
        ),
        Field::text("title", "Position."),
        Field::text("unit", "Unit within the organization."),
        Field::text("country", "Country given with the position."),
        Field::text("as_printed", "The affiliation exactly as printed."),
    ])
    .primary_key(&["person", "position"])
    .foreign_key(&["person"], "people", &["id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["organization"], "organizations", &["id"])
    .with_rows(|| {
        ds.people.iter().flat_map(|p| {
            p.affiliations.iter().zip(1u32..).map(move |(a, position)| {
                vec![
                    (&p.id).into(),
                    position.into(),
                    (&a.conference).into(),
                    a.organization.as_ref().into(),
                    a.title.as_ref().into(),
                    a.unit.as_ref().into(),
                    a.country.as_ref().into(),
                    (&a.as_printed).into(),
                ]
            })
        })
    })
}

fn organizations(ds: &Dataset) -> Table<'_> {
    Table::new(
        "organizations",
        "Organizations",
        "One row per organization, in registry order.",
    )
    .fields([
        Field::id("id", "Stable id."),
        Field::text("name", "Name as printed."),
        Field::text("abbreviation", "Abbreviation."),
        Field {
            description: "Convenience: other printed forms of the name, joined with \"; \" \
                          (authoritative: organization_names)."
                .into(),
            ..Field::text("also_printed_as", "")
        },
        Field::optional_id("kind", "Organization kind id."),
        Field::text("country", "Country."),
        Field::optional_id("parent", "Parent organization id."),
    ])
    .primary_key(&["id"])
    .foreign_key(&["kind"], "organization_kinds", &["id"])
    .foreign_key(&["parent"], "organizations", &["id"])
    .with_rows(|| {
        ds.organizations.iter().map(|o| {
            vec![
                (&o.id).into(),
                (&o.name).into(),
                o.abbreviation.as_ref().into(),
                Cell::Owned(o.also_printed_as.join("; ")),
                o.kind.as_ref().into(),
                o.country.as_ref().into(),
                o.parent.as_ref().into(),
            ]
        })
    })
}

fn organization_names(ds: &Dataset) -> Table<'_> {
    Table::new(
        "organization_names",
        "Other names of organizations",
        "One row per other printed form of an organization's name.",
    )
    .fields([
        Field::id("organization", "Organization id."),
        Field {
            required: true,
            ..Field::text("name", "The name as printed.")
        },
    ])
    .primary_key(&["organization", "name"])
    .foreign_key(&["organization"], "organizations", &["id"])
    .with_rows(|| {
        ds.organizations.iter().flat_map(|o| {
            distinct(&o.also_printed_as)
                .filter(|n| !n.is_empty())
                .map(move |n| vec![(&o.id).into(), n.into()])
        })
    })
}

fn instruments(ds: &Dataset) -> Table<'_> {
    Table::new(
        "instruments",
        "Instruments",
        "One row per instrument a report cites (decisions, resolutions, targets, ...).",
    )
    .fields([
        Field::id("id", "Stable id."),
        Field::text("name", "Name as printed."),
        Field::text("short_name", "Short name."),
        Field::optional_id("kind", "Instrument kind id."),
        Field::text("reference", "Document symbol."),
        Field::new("year", FieldType::Integer, "Year."),
        Field::optional_id("issuer", "Issuing organization id."),
    ])
    .primary_key(&["id"])
    .foreign_key(&["kind"], "instrument_kinds", &["id"])
    .foreign_key(&["issuer"], "organizations", &["id"])
    .with_rows(|| {
        ds.instruments.iter().map(|i| {
            vec![
                (&i.id).into(),
                (&i.name).into(),
                i.short_name.as_ref().into(),
                i.kind.as_ref().into(),
                i.reference.as_ref().into(),
                i.year.into(),
                i.issuer.as_ref().into(),
            ]
        })
    })
}

fn participation(ds: &Dataset) -> Table<'_> {
    Table::new(
        "participation",
        "Participation",
        "One row per part a person had in a session, with the role, in the report's order.",
    )
    .fields([
        Field::id("session", "Session id."),
        Field::id("person", "Person id."),
        Field::id("role", "Role id."),
        Field::text(
            "note",
            "How the report establishes the role, where it is indirect.",
        ),
    ])
    .primary_key(&["session", "person", "role"])
    .foreign_key(&["session"], "sessions", &["id"])
    .foreign_key(&["person"], "people", &["id"])
    .foreign_key(&["role"], "roles", &["id"])
    .with_rows(|| {
        ds.sessions.iter().flat_map(|s| {
            let all = &s.participants;
            let repeated = |i: usize| {
                let p = &all[i];
                all[..i]
                    .iter()
                    .any(|q| q.person == p.person && q.role == p.role)
            };
            all.iter()
                .enumerate()
                .filter(move |(i, _)| !repeated(*i))
                .map(move |(_, p)| {
                    vec![
                        (&s.id).into(),
                        (&p.person).into(),
                        (&p.role).into(),
                        p.note.as_ref().into(),
                    ]
                })
        })
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    fn dataset() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        alliance_core::load(&root)
            .expect("the dataset loads")
            .dataset
    }

    #[test]
    fn every_row_fits_its_schema_and_every_key_resolves() {
        let dataset = dataset();
        let tables = tables(&dataset);
        let names: HashSet<&str> = tables.iter().map(|t| t.name).collect();
        assert_eq!(names.len(), tables.len(), "table names are unique");
        for table in &tables {
            let columns: Vec<&str> = table.fields.iter().map(|f| f.name).collect();
            for row in table.rows() {
                assert_eq!(row.len(), columns.len(), "{}", table.name);
                for (field, cell) in table.fields.iter().zip(&row) {
                    match (field.ty, cell) {
                        (_, Cell::Null) => {
                            assert!(!field.required, "{}.{}", table.name, field.name)
                        }
                        (FieldType::Integer, Cell::Int(_)) => {}
                        (FieldType::String | FieldType::Date, Cell::Text(_) | Cell::Owned(_)) => {}
                        other => panic!("{}.{}: {other:?}", table.name, field.name),
                    }
                }
            }
            for key in table
                .primary_key
                .iter()
                .chain(table.foreign_keys.iter().flat_map(|k| &k.fields))
            {
                assert!(columns.contains(key), "{}: no column {key}", table.name);
            }
            for key in &table.foreign_keys {
                let target = key.resource.unwrap_or(table.name);
                assert!(names.contains(target), "{}: no table {target}", table.name);
            }
        }
        let count = |name: &str| {
            tables
                .iter()
                .find(|t| t.name == name)
                .map(|t| t.rows().count())
        };
        assert_eq!(count("recommendations"), Some(59));
        assert_eq!(count("sessions"), Some(8));
        assert_eq!(count("people"), Some(34));
        assert_eq!(count("organizations"), Some(35));
        let themes: usize = dataset.recommendations.iter().map(|r| r.themes.len()).sum();
        assert_eq!(count("recommendation_themes"), Some(themes));
    }

    #[test]
    fn link_tables_hold_each_pair_once() {
        let a = "a".to_owned();
        let rights = ["b".to_owned(), "a".to_owned(), "b".to_owned()];
        let table = link(
            ("t", "T", "d"),
            ("left", "lefts", "l"),
            ("right", "rights", "r"),
            || [(&a, rights.as_slice())].into_iter(),
        );
        assert_eq!(
            table.rows().collect::<Vec<_>>(),
            [
                vec![Cell::Text("a"), Cell::Text("b")],
                vec![Cell::Text("a"), Cell::Text("a")]
            ]
        );
    }
}
