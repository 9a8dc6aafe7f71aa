//! The data sheets: Recommendations, Sessions, Participants, People, Organizations, Themes
//! and Instruments, each a [`Sheet`] whose rows are made on demand.

use std::borrow::Cow;
use std::collections::HashMap;

use alliance_core::model::{Dataset, Organization, Person, Recommendation, Session, Term};

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

/// Look-ups from ids to the names analysts read.
pub(super) struct Names<'a> {
    terms: HashMap<(&'static str, &'a str), &'a str>,
    organizations: HashMap<&'a str, &'a Organization>,
    people: HashMap<&'a str, &'a Person>,
    instruments: HashMap<&'a str, &'a str>,
    /// Session id to its row on the Sessions sheet (0-based, header excluded) and the session.
    sessions: HashMap<&'a str, (usize, &'a Session)>,
}

impl<'a> Names<'a> {
    pub(super) fn new(ds: &'a Dataset) -> Names<'a> {
        let v = &ds.vocabularies;
        let mut terms = HashMap::new();
        for (vocabulary, list) in [
            ("theme", &ds.themes),
            ("pillar", &ds.pillars),
            ("addressee", &v.addressees),
            ("label", &v.labels),
            ("role", &v.roles),
            ("session-kind", &v.session_kinds),
            ("organization-kind", &v.organization_kinds),
            ("instrument-kind", &v.instrument_kinds),
        ] {
            for Term { id, name, .. } in list {
                terms.insert((vocabulary, id.as_str()), name.as_str());
            }
        }
        Names {
            terms,
            organizations: ds
                .organizations
                .iter()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            people: ds.people.iter().map(|p| (p.id.as_str(), p)).collect(),
            instruments: ds
                .instruments
                .iter()
                .map(|i| {
                    let label = i
                        .short_name
                        .as_deref()
                        .or(i.reference.as_deref())
                        .unwrap_or(&i.name);
                    (i.id.as_str(), label)
                })
                .collect(),
            sessions: ds
                .sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), (i, s)))
                .collect(),
        }
    }

    /// The name of a term (its id when the vocabulary lacks it).
    pub(super) fn term(&self, vocabulary: &'static str, id: &'a str) -> &'a str {
        self.terms.get(&(vocabulary, id)).copied().unwrap_or(id)
    }

    fn terms(&self, vocabulary: &'static str, ids: &'a [String]) -> String {
        join(ids.iter().map(|id| self.term(vocabulary, id)))
    }

    fn organization(&self, id: &'a str) -> &'a str {
        self.organizations.get(id).map_or(id, |o| o.name.as_str())
    }

    fn organizations(&self, ids: &'a [String]) -> String {
        join(ids.iter().map(|id| self.organization(id)))
    }

    fn instruments(&self, ids: &'a [String]) -> String {
        join(
            ids.iter()
                .map(|id| self.instruments.get(id.as_str()).copied().unwrap_or(id)),
        )
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

pub(super) fn recommendations_sheet<'a>(
    ds: &'a Dataset,
    names: &'a Names<'a>,
    links: bool,
) -> Sheet<'a> {
    let row = move |r: &'a Recommendation| -> Vec<XCell<'a>> {
        let session = names.sessions.get(r.session.as_str());
        let title = session.map_or("", |(_, s)| s.title.as_str());
        let session_id = Cow::Borrowed(r.session.as_str());
        let session_cell = match session {
            Some((i, _)) if links => {
                XCell::Link(session_id, format!("internal:'Sessions'!A{}", i + 2))
            }
            _ => XCell::Text(session_id),
        };
        let kind = session.map_or("", |(_, s)| names.term("session-kind", &s.kind));
        vec![
            (&r.id).into(),
            (&r.conference).into(),
            session_cell,
            title.into(),
            kind.into(),
            r.order.into(),
            names.term("label", &r.label).into(),
            (&r.text).into(),
            names.terms("theme", &r.themes).into(),
            names.terms("pillar", &r.pillars).into(),
            names.terms("addressee", &r.addressees).into(),
            names.instruments(&r.instruments).into(),
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

pub(super) fn sessions_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    let mut recommendations: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        *recommendations.entry(r.session.as_str()).or_default() += 1;
    }
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
                names.term("session-kind", &s.kind).into(),
                (&s.title).into(),
                (&s.heading).into(),
                names.organizations(&s.co_organizers).into(),
                names.organizations(&s.contributors).into(),
                names.instruments(&s.instruments).into(),
                s.participants.len().into(),
                recommendations
                    .get(s.id.as_str())
                    .copied()
                    .unwrap_or(0)
                    .into(),
            ]
        })),
    }
}

pub(super) fn participants_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
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
                let person = names.people.get(p.person.as_str()).copied();
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
                    names.term("role", &p.role).into(),
                    affiliation.into(),
                    p.note.as_ref().into(),
                ]
            })
        })),
    }
}

pub(super) fn people_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
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
                let name = names.organization(id);
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

pub(super) fn organizations_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
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
                    .map_or("", |k| names.term("organization-kind", k))
                    .into(),
                o.country.as_ref().into(),
                o.parent
                    .as_deref()
                    .map_or("", |p| names.organization(p))
                    .into(),
                o.also_printed_as.join("; ").into(),
            ]
        })),
    }
}

pub(super) fn themes_sheet(ds: &Dataset) -> Sheet<'_> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        for theme in distinct(&r.themes) {
            *count.entry(theme.as_str()).or_default() += 1;
        }
    }
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
                count.get(t.id.as_str()).copied().unwrap_or(0).into(),
            ]
        })),
    }
}

pub(super) fn instruments_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
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
                    .map_or("", |k| names.term("instrument-kind", k))
                    .into(),
                i.reference.as_ref().into(),
                i.year.map_or(XCell::Empty, |y| XCell::Number(y.into())),
                i.issuer
                    .as_deref()
                    .map_or("", |o| names.organization(o))
                    .into(),
            ]
        })),
    }
}
