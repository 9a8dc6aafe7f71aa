//! The dataset as flat tables: one per entity, one per controlled vocabulary and one per
//! many-to-many relation, each with its Table Schema (field types, constraints, primary and
//! foreign keys). The CSV files and `datapackage.json` are both written from these
//! definitions, so the two cannot disagree.
//!
//! The main tables also carry convenience columns (the ids of a many-to-many relation joined
//! with `"; "`) for spreadsheet users; the link tables are authoritative.
//!
//! The tables of the entities the workbook shows too (conferences among them) take their
//! columns from the definitions they share with its sheets (`columns.rs`). Every optional
//! field says what an empty cell means ([`Blank`]); a conference's figures, a list, are a table
//! of their own (`figures`, keyed on the conference and the figure's id).
//!
//! A table's rows are made on demand, one at a time ([`Table::rows`]), never held all at once:
//! a table of a million rows costs the memory of one row.

mod schema;

use alliance_core::Vocabulary;
use alliance_core::model::{Dataset, Recommendation, Session};

pub use self::schema::{Blank, Cell, Field, FieldType, ForeignKey, ID_PATTERN, Row, Table};
pub(crate) use self::schema::{distinct, joined, joined_field};
use crate::columns::{self, alone};

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

/// Every table of the dataset, in a stable order: the main entities, the link tables, then
/// the controlled vocabularies.
pub fn tables(ds: &Dataset) -> Vec<Table<'_>> {
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
    tables.extend(link_tables(ds));
    tables.extend(Vocabulary::ALL.map(|v| vocabulary(ds, v)));
    tables
}

/// The link tables of the many-to-many relations.
fn link_tables(ds: &Dataset) -> [Table<'_>; 8] {
    let of_recommendations = |table, right, list: fn(&Recommendation) -> &[String]| {
        let left = ("recommendation", "recommendations", "Recommendation id.");
        link(table, left, right, move || {
            ds.recommendations.iter().map(move |r| (&r.id, list(r)))
        })
    };
    let of_sessions = |table, right, list: fn(&Session) -> &[String]| {
        let left = ("session", "sessions", "Session id.");
        link(table, left, right, move || {
            ds.sessions.iter().map(move |s| (&s.id, list(s)))
        })
    };
    let organization = ("organization", "organizations", "Organization id.");
    let instrument = ("instrument", "instruments", "Instrument id.");
    [
        of_recommendations(
            (
                "recommendation_themes",
                "Themes of recommendations",
                "One row per theme of a recommendation.",
            ),
            ("theme", "themes", "Theme id."),
            |r| &r.themes,
        ),
        of_recommendations(
            (
                "recommendation_pillars",
                "Pillars of recommendations",
                "One row per pillar of a recommendation.",
            ),
            ("pillar", "pillars", "Pillar id."),
            |r| &r.pillars,
        ),
        of_recommendations(
            (
                "recommendation_addressees",
                "Addressees of recommendations",
                "One row per actor a recommendation addresses.",
            ),
            ("addressee", "addressees", "Addressee id."),
            |r| &r.addressees,
        ),
        of_recommendations(
            (
                "recommendation_instruments",
                "Instruments of recommendations",
                "One row per instrument a recommendation cites.",
            ),
            instrument,
            |r| &r.instruments,
        ),
        of_sessions(
            (
                "session_co_organizers",
                "Co-organizers of sessions",
                "One row per organization that co-organized a session.",
            ),
            organization,
            |s| &s.co_organizers,
        ),
        of_sessions(
            (
                "session_contributors",
                "Contributors to sessions",
                "One row per organization that contributed to a session.",
            ),
            organization,
            |s| &s.contributors,
        ),
        of_sessions(
            (
                "session_instruments",
                "Instruments of sessions",
                "One row per instrument a session's text cites.",
            ),
            instrument,
            |s| &s.instruments,
        ),
        link(
            (
                "conference_instruments",
                "Instruments conferences were held in line with",
                "One row per instrument a conference was held in line with.",
            ),
            ("conference", "conferences", "Conference id."),
            instrument,
            move || {
                ds.conferences
                    .iter()
                    .map(|c| (&c.id, c.in_line_with.as_slice()))
            },
        ),
    ]
}

/// The table of a controlled vocabulary.
fn vocabulary(ds: &Dataset, vocabulary: Vocabulary) -> Table<'_> {
    let (name, title, description) = match vocabulary {
        Vocabulary::Theme => (
            "themes",
            "Themes",
            "The cross-cutting themes recommendations are classified by.",
        ),
        Vocabulary::Pillar => (
            "pillars",
            "Pillars",
            "The four pillars: prevention, protection, prosecution, partnership.",
        ),
        Vocabulary::Addressee => (
            "addressees",
            "Addressees",
            "Actors a recommendation can address.",
        ),
        Vocabulary::Label => ("labels", "Labels", "What a report calls a list of bullets."),
        Vocabulary::Role => ("roles", "Roles", "Roles a person can hold in a session."),
        Vocabulary::SessionKind => ("session_kinds", "Session kinds", "Kinds of session."),
        Vocabulary::OrganizationKind => (
            "organization_kinds",
            "Organization kinds",
            "Kinds of organization.",
        ),
        Vocabulary::InstrumentKind => (
            "instrument_kinds",
            "Instrument kinds",
            "Kinds of instrument.",
        ),
        Vocabulary::FigureKind => ("figure_kinds", "Figure kinds", "Kinds of figure."),
    };
    let terms = vocabulary.terms(ds);
    Table::new(name, title, description)
        .primary_key(&["id"])
        .columns(columns::term::ALL, || terms.iter().map(alone))
}

fn recommendations(ds: &Dataset) -> Table<'_> {
    use columns::recommendation::{CONFERENCE, DETAILS, ID, SESSION};
    Table::new(
        "recommendations",
        "Recommendations",
        "One row per recommendation, finding or conclusion, in the report's words.",
    )
    .primary_key(&["id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["session"], "sessions", &["id"])
    .foreign_key(&["label"], "labels", &["id"])
    .columns([ID, CONFERENCE, SESSION].into_iter().chain(DETAILS), || {
        ds.recommendations.iter().map(alone)
    })
}

fn sessions(ds: &Dataset) -> Table<'_> {
    Table::new(
        "sessions",
        "Sessions",
        "One row per session of a conference, by conference then order.",
    )
    .primary_key(&["id"])
    .foreign_key(&["conference"], "conferences", &["id"])
    .foreign_key(&["kind"], "session_kinds", &["id"])
    .columns(columns::session::ALL, || ds.sessions.iter().map(alone))
}

fn conferences(ds: &Dataset) -> Table<'_> {
    Table::new(
        "conferences",
        "Conferences",
        "One row per conference, with its source report; its figures are in figures.",
    )
    .primary_key(&["id"])
    .foreign_key(&["organizer"], "organizations", &["id"])
    .columns(columns::conference::ALL, || {
        ds.conferences.iter().map(alone)
    })
}

fn figures(ds: &Dataset) -> Table<'_> {
    Table::new(
        "figures",
        "Figures",
        "One row per figure a report gives (participants, participating States, ...), of a conference as a whole or of one of its sessions.",
    )
    .fields([
        Field::id("conference", "Conference id."),
        Field::id("id", "Id, unique within the conference."),
        Field::id("kind", "Figure kind id."),
        Field::count("value", "The number."),
        Field::text(
            "qualifier",
            "Qualifier as printed (\"more than\").",
            Blank::When("the report gives the number without a qualifier"),
        ),
        Field::text("as_printed", "The words as printed.", Blank::EmptyText),
        Field::optional_id(
            "session",
            "Session id, when the figure is a session's.",
            "the figure is the conference's as a whole",
        ),
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
        .primary_key(&["id"])
        .columns(columns::person::ALL, || ds.people.iter().map(alone))
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
            "the report names no organization for the position",
        ),
        Field::text(
            "title",
            "Position.",
            Blank::When("the report gives no position"),
        ),
        Field::text(
            "unit",
            "Unit within the organization.",
            Blank::When("the report names no unit"),
        ),
        Field::text(
            "country",
            "Country given with the position.",
            Blank::When("the report gives no country with the position"),
        ),
        Field::text(
            "as_printed",
            "The affiliation exactly as printed.",
            Blank::EmptyText,
        ),
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
    .primary_key(&["id"])
    .foreign_key(&["kind"], "organization_kinds", &["id"])
    .foreign_key(&["parent"], "organizations", &["id"])
    .columns(columns::organization::ALL, || {
        ds.organizations.iter().map(alone)
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
        Field::text("name", "The name as printed.", Blank::Never),
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
    .primary_key(&["id"])
    .foreign_key(&["kind"], "instrument_kinds", &["id"])
    .foreign_key(&["issuer"], "organizations", &["id"])
    .columns(columns::instrument::ALL, || {
        ds.instruments.iter().map(alone)
    })
}

fn participation(ds: &Dataset) -> Table<'_> {
    Table::new(
        "participation",
        "Participation",
        "One row per part a person had in a session, with the role, in the report's order.",
    )
    .primary_key(&["session", "person", "role"])
    .foreign_key(&["session"], "sessions", &["id"])
    .foreign_key(&["person"], "people", &["id"])
    .foreign_key(&["role"], "roles", &["id"])
    .columns(columns::participant::ALL, || {
        ds.sessions.iter().flat_map(|s| {
            let all = &s.participants;
            // each (person, role) once in a session
            let repeated = |i: usize| {
                let p = &all[i];
                all[..i]
                    .iter()
                    .any(|q| q.person == p.person && q.role == p.role)
            };
            all.iter()
                .enumerate()
                .filter(move |(i, _)| !repeated(*i))
                .map(move |(_, p)| (p, s))
        })
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_row_fits_its_schema_and_every_key_resolves() {
        let dataset = crate::real_dataset();
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
    fn every_optional_field_says_what_an_empty_cell_means() {
        let dataset = crate::real_dataset();
        for table in tables(&dataset) {
            for field in &table.fields {
                let at = format!("{}.{}", table.name, field.name);
                assert_eq!(field.required, field.blank == Blank::Never, "{at}");
                let description = field.full_description();
                assert_eq!(
                    description.contains(" Empty "),
                    !field.required,
                    "{at}: {description}"
                );
            }
        }
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
