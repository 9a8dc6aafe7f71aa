//! The data sheets: Recommendations, Sessions, Participants, People, Organizations, Themes
//! and Instruments, each a [`Sheet`] whose rows are made on demand.

use std::borrow::Cow;
use std::collections::HashMap;

use alliance_core::model::Recommendation;
use alliance_core::{Index, Vocabulary};

use super::cell::{Column, Kind, XCell, XRow, col};
use crate::tables::distinct;

/// A sheet holding one Excel table, with its rows made on demand.
pub(super) struct Sheet<'a> {
    /// The sheet's name.
    pub(super) name: &'static str,
    /// The name of its table.
    pub(super) table: &'static str,
    /// Its columns.
    pub(super) columns: Vec<Column>,
    /// How many rows `rows` makes.
    pub(super) len: usize,
    /// Its rows, made one at a time.
    pub(super) rows: Box<dyn Iterator<Item = XRow<'a>> + 'a>,
}

/// A sheet with its rows made.
pub(super) struct Made<'a> {
    /// The sheet's name.
    pub(super) name: &'static str,
    /// The name of its table.
    pub(super) table: &'static str,
    /// Its columns.
    pub(super) columns: Vec<Column>,
    /// Its rows.
    pub(super) rows: Vec<XRow<'a>>,
}

impl<'a> Sheet<'a> {
    /// A sheet of `len` rows whose table has the sheet's name.
    pub(super) fn new(
        name: &'static str,
        columns: Vec<Column>,
        len: usize,
        rows: impl Iterator<Item = XRow<'a>> + 'a,
    ) -> Self {
        Sheet {
            name,
            table: name,
            columns,
            len,
            rows: Box::new(rows),
        }
    }

    /// Makes every row.
    pub(super) fn make(self) -> Made<'a> {
        Made {
            name: self.name,
            table: self.table,
            columns: self.columns,
            rows: self.rows.collect(),
        }
    }
}

/// The name analysts read for a term: its name (its id when the vocabulary lacks it).
pub(super) fn term_name<'a>(ix: &Index<'a>, vocabulary: Vocabulary, id: &'a str) -> &'a str {
    ix.term(vocabulary, id).map_or(id, |t| t.name.as_str())
}

/// The name analysts read for an organization (its id when there is none).
fn organization_name<'a>(ix: &Index<'a>, id: &'a str) -> &'a str {
    ix.organization(id).map_or(id, |o| o.name.as_str())
}

/// The name analysts read for an instrument: its short name, else its reference, else its
/// name (its id when there is none).
fn instrument_name<'a>(ix: &Index<'a>, id: &'a str) -> &'a str {
    ix.instrument(id).map_or(id, |i| {
        i.short_name
            .as_deref()
            .or(i.reference.as_deref())
            .unwrap_or(&i.name)
    })
}

/// The names of records, joined with `"; "`.
fn names<'a>(ids: &'a [String], name: impl Fn(&'a str) -> &'a str) -> String {
    join(ids.iter().map(|id| name(id)))
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

pub(super) fn recommendations_sheet<'a>(ix: &'a Index<'a>, links: bool) -> Sheet<'a> {
    let ds = ix.dataset();
    let row = move |r: &'a Recommendation| -> Vec<XCell<'a>> {
        let session = ix
            .session_position(&r.session)
            .and_then(|i| Some((i, ix.dataset().sessions.get(i)?)));
        let title = session.map_or("", |(_, s)| s.title.as_str());
        let session_id = Cow::Borrowed(r.session.as_str());
        let session_cell = match session {
            Some((i, _)) if links => {
                XCell::Link(session_id, format!("internal:'Sessions'!A{}", i + 2))
            }
            _ => XCell::Text(session_id),
        };
        let kind = session.map_or("", |(_, s)| term_name(ix, Vocabulary::SessionKind, &s.kind));
        vec![
            (&r.id).into(),
            (&r.conference).into(),
            session_cell,
            title.into(),
            kind.into(),
            r.order.into(),
            term_name(ix, Vocabulary::Label, &r.label).into(),
            (&r.text).into(),
            names(&r.themes, |id| term_name(ix, Vocabulary::Theme, id)).into(),
            names(&r.pillars, |id| term_name(ix, Vocabulary::Pillar, id)).into(),
            names(&r.addressees, |id| term_name(ix, Vocabulary::Addressee, id)).into(),
            names(&r.instruments, |id| instrument_name(ix, id)).into(),
            (&r.source.report).into(),
            (&r.source.section).into(),
            r.source.bullet.into(),
            r.source.line.into(),
        ]
    };
    Sheet {
        name: "Recommendations",
        table: "Recommendations",
        columns: vec![
            col("ID", Kind::Id, 20.0),
            col("Conference", Kind::Id, 16.0),
            col("Session ID", Kind::Id, 18.0),
            col("Session", Kind::Wrap, 36.0),
            col("Session kind", Kind::Text, 18.0),
            col("Order", Kind::Number, 9.0),
            col("Label", Kind::Text, 17.0),
            col("Text", Kind::Wrap, 80.0),
            col("Themes", Kind::Wrap, 36.0),
            col("Pillars", Kind::Wrap, 24.0),
            col("Addressees", Kind::Wrap, 32.0),
            col("Instruments", Kind::Wrap, 28.0),
            col("Source report", Kind::Text, 36.0),
            col("Source section", Kind::Wrap, 40.0),
            col("Source bullet", Kind::Number, 15.0),
            col("Source line", Kind::Number, 13.0),
        ],
        len: ds.recommendations.len(),
        rows: Box::new(ds.recommendations.iter().map(row)),
    }
}

pub(super) fn sessions_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    Sheet {
        name: "Sessions",
        table: "Sessions",
        columns: vec![
            col("ID", Kind::Id, 20.0),
            col("Conference", Kind::Id, 16.0),
            col("Order", Kind::Number, 9.0),
            col("Kind", Kind::Text, 18.0),
            col("Title", Kind::Wrap, 48.0),
            col("Heading", Kind::Wrap, 48.0),
            col("Co-organizers", Kind::Wrap, 40.0),
            col("Contributors", Kind::Wrap, 40.0),
            col("Instruments", Kind::Wrap, 28.0),
            col("Participants", Kind::Number, 14.0),
            col("Recommendations", Kind::Number, 19.0),
        ],
        len: ds.sessions.len(),
        rows: Box::new(ds.sessions.iter().map(move |s| {
            vec![
                (&s.id).into(),
                (&s.conference).into(),
                s.order.into(),
                term_name(ix, Vocabulary::SessionKind, &s.kind).into(),
                (&s.title).into(),
                (&s.heading).into(),
                names(&s.co_organizers, |id| organization_name(ix, id)).into(),
                names(&s.contributors, |id| organization_name(ix, id)).into(),
                names(&s.instruments, |id| instrument_name(ix, id)).into(),
                s.participants.len().into(),
                ix.recommendations_of(&s.id).len().into(),
            ]
        })),
    }
}

pub(super) fn participants_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    Sheet {
        name: "Participants",
        table: "Participants",
        columns: vec![
            col("Session ID", Kind::Id, 18.0),
            col("Session", Kind::Wrap, 40.0),
            col("Person ID", Kind::Id, 24.0),
            col("Person", Kind::Text, 28.0),
            col("Role", Kind::Text, 18.0),
            col("Affiliation", Kind::Wrap, 56.0),
            col("Note", Kind::Wrap, 48.0),
        ],
        len: ds.sessions.iter().map(|s| s.participants.len()).sum(),
        rows: Box::new(ds.sessions.iter().flat_map(move |s| {
            s.participants.iter().map(move |p| {
                let person = ix.person(&p.person);
                // the person's positions at the session's conference, as printed
                let affiliation = person.map_or_else(String::new, |person| {
                    join(
                        person
                            .affiliations
                            .iter()
                            .filter(|a| a.conference == s.conference)
                            .map(|a| a.as_printed.as_str()),
                    )
                });
                vec![
                    (&s.id).into(),
                    (&s.title).into(),
                    (&p.person).into(),
                    person.map_or("", |person| person.name.as_str()).into(),
                    term_name(ix, Vocabulary::Role, &p.role).into(),
                    affiliation.into(),
                    p.note.as_ref().into(),
                ]
            })
        })),
    }
}

pub(super) fn people_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    // how many sessions each person took part in (a person may hold several roles in one)
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    for s in &ds.sessions {
        for person in distinct(&s.participants.iter().map(|p| &p.person).collect::<Vec<_>>()) {
            *sessions.entry(person.as_str()).or_default() += 1;
        }
    }
    Sheet {
        name: "People",
        table: "People",
        columns: vec![
            col("ID", Kind::Id, 24.0),
            col("Name", Kind::Text, 28.0),
            col("Honorific", Kind::Text, 12.0),
            col("Affiliations", Kind::Wrap, 60.0),
            col("Organizations", Kind::Wrap, 44.0),
            col("Sessions", Kind::Number, 11.0),
        ],
        len: ds.people.len(),
        rows: Box::new(ds.people.iter().map(move |p| {
            let mut organizations: Vec<&str> = Vec::new();
            for id in p
                .affiliations
                .iter()
                .filter_map(|a| a.organization.as_deref())
            {
                let name = organization_name(ix, id);
                if !organizations.contains(&name) {
                    organizations.push(name);
                }
            }
            vec![
                (&p.id).into(),
                (&p.name).into(),
                p.honorific.as_ref().into(),
                join(p.affiliations.iter().map(|a| a.as_printed.as_str())).into(),
                organizations.join("; ").into(),
                sessions.get(p.id.as_str()).copied().unwrap_or(0).into(),
            ]
        })),
    }
}

pub(super) fn organizations_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    Sheet {
        name: "Organizations",
        table: "Organizations",
        columns: vec![
            col("ID", Kind::Id, 30.0),
            col("Name", Kind::Wrap, 50.0),
            col("Abbreviation", Kind::Text, 15.0),
            col("Kind", Kind::Wrap, 30.0),
            col("Country", Kind::Text, 20.0),
            col("Parent", Kind::Wrap, 40.0),
            col("Also printed as", Kind::Wrap, 50.0),
        ],
        len: ds.organizations.len(),
        rows: Box::new(ds.organizations.iter().map(move |o| {
            vec![
                (&o.id).into(),
                (&o.name).into(),
                o.abbreviation.as_ref().into(),
                o.kind
                    .as_deref()
                    .map_or("", |k| term_name(ix, Vocabulary::OrganizationKind, k))
                    .into(),
                o.country.as_ref().into(),
                o.parent
                    .as_deref()
                    .map_or("", |p| organization_name(ix, p))
                    .into(),
                o.also_printed_as.join("; ").into(),
            ]
        })),
    }
}

pub(super) fn themes_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    Sheet {
        name: "Themes",
        table: "Themes",
        columns: vec![
            col("ID", Kind::Id, 30.0),
            col("Name", Kind::Text, 36.0),
            col("Description", Kind::Wrap, 80.0),
            col("Recommendations", Kind::Number, 19.0),
        ],
        len: ds.themes.len(),
        rows: Box::new(ds.themes.iter().map(move |t| {
            vec![
                (&t.id).into(),
                (&t.name).into(),
                t.description.as_ref().into(),
                ix.recommendations_in(&t.id).len().into(),
            ]
        })),
    }
}

pub(super) fn instruments_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    Sheet {
        name: "Instruments",
        table: "Instruments",
        columns: vec![
            col("ID", Kind::Id, 26.0),
            col("Name", Kind::Wrap, 60.0),
            col("Short name", Kind::Text, 22.0),
            col("Kind", Kind::Wrap, 30.0),
            col("Reference", Kind::Text, 20.0),
            col("Year", Kind::Number, 8.0),
            col("Issuer", Kind::Wrap, 36.0),
        ],
        len: ds.instruments.len(),
        rows: Box::new(ds.instruments.iter().map(move |i| {
            vec![
                (&i.id).into(),
                (&i.name).into(),
                i.short_name.as_ref().into(),
                i.kind
                    .as_deref()
                    .map_or("", |k| term_name(ix, Vocabulary::InstrumentKind, k))
                    .into(),
                i.reference.as_ref().into(),
                i.year.map_or(XCell::Empty, |y| XCell::Number(y.into())),
                i.issuer
                    .as_deref()
                    .map_or("", |o| organization_name(ix, o))
                    .into(),
            ]
        })),
    }
}
