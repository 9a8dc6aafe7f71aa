//! The data sheets: Recommendations, Sessions, Participants, People, Organizations, Themes
//! and Instruments, each a [`Sheet`] whose rows are made on demand.
//!
//! Their columns are the CSV tables' ([`crate::columns`]), shown as analysts read them
//! ([`cell`]: a reference is the name of the record it refers to), with the workbook's own
//! columns beside them ([`own`]).

use std::borrow::Cow;
use std::collections::HashMap;

use alliance_core::model::{
    Instrument, Organization, Participation, Person, Recommendation, Session, Term,
};
use alliance_core::{Index, Vocabulary};

use super::cell::{Kind, Look, XCell, XRow};
use crate::columns::{
    self, Column, Target, Value, alone, instrument, organization, participant, person,
    recommendation, session,
};
use crate::tables::distinct;

/// A sheet holding one Excel table (of the sheet's name), with its rows made on demand.
pub(super) struct Sheet<'a> {
    /// The sheet's name.
    pub(super) name: &'static str,
    /// Its columns.
    pub(super) columns: Vec<Look>,
    /// How many rows `rows` makes.
    pub(super) len: usize,
    /// Its rows, made one at a time.
    pub(super) rows: Box<dyn Iterator<Item = XRow<'a>> + 'a>,
}

/// A sheet with its rows made.
pub(super) struct Made<'a> {
    /// The sheet's name.
    pub(super) name: &'static str,
    /// Its columns.
    pub(super) columns: Vec<Look>,
    /// Its rows.
    pub(super) rows: Vec<XRow<'a>>,
}

impl<'a> Sheet<'a> {
    /// A sheet of `len` rows.
    pub(super) fn new(
        name: &'static str,
        columns: Vec<Look>,
        len: usize,
        rows: impl Iterator<Item = XRow<'a>> + 'a,
    ) -> Self {
        Sheet {
            name,
            columns,
            len,
            rows: Box::new(rows),
        }
    }

    /// A sheet of `len` rows with these columns, one row per record `records` makes (each with
    /// what it is listed in).
    fn of<R, In>(
        name: &'static str,
        ix: &'a Index<'a>,
        columns: Vec<Shown<'a, R, In>>,
        len: usize,
        records: impl Iterator<Item = (&'a R, &'a In)> + 'a,
    ) -> Self {
        let looks = columns.iter().map(Shown::look).collect();
        let rows = records.map(move |(record, within)| {
            columns
                .iter()
                .map(|column| match column {
                    Shown::Shared(c) => cell(ix, (c.value)(record, within)),
                    Shown::Own(_, value) => value(record, within),
                })
                .collect()
        });
        Sheet::new(name, looks, len, rows)
    }

    /// Makes every row.
    pub(super) fn make(self) -> Made<'a> {
        Made {
            name: self.name,
            columns: self.columns,
            rows: self.rows.collect(),
        }
    }
}

/// A column of a sheet.
enum Shown<'a, R, In = ()> {
    /// A column of the CSV table too.
    Shared(Column<R, In>),
    /// A column of the workbook's own, and how its cell is made.
    Own(Look, OwnCell<'a, R, In>),
}

/// How the cell of a workbook's own column is made.
type OwnCell<'a, R, In> = Box<dyn Fn(&'a R, &'a In) -> XCell<'a> + 'a>;

impl<R, In> Shown<'_, R, In> {
    fn look(&self) -> Look {
        match self {
            Shown::Shared(c) => c.look,
            Shown::Own(look, _) => *look,
        }
    }
}

/// The workbook's own column with this header, kind and width.
fn own<'a, R, In>(
    (header, kind, max_width): (&'static str, Kind, f64),
    cell: impl Fn(&'a R, &'a In) -> XCell<'a> + 'a,
) -> Shown<'a, R, In> {
    Shown::Own(Look::new(header, kind, max_width), Box::new(cell))
}

/// Each of `columns`, shared with the CSV table.
fn shared<'a, R: 'a, In: 'a>(
    columns: impl IntoIterator<Item = Column<R, In>>,
) -> impl Iterator<Item = Shown<'a, R, In>> {
    columns.into_iter().map(Shown::Shared)
}

/// The cell of a value: a reference shows the name of the record it refers to (see
/// [`crate::columns`]).
fn cell<'a>(ix: &Index<'a>, value: Value<'a>) -> XCell<'a> {
    match value {
        Value::Text(text) => text.map_or(XCell::Empty, |t| XCell::Text(Cow::Borrowed(t))),
        Value::Owned(text) => XCell::Text(Cow::Owned(text)),
        // exact up to 2^53, far beyond any value
        Value::Int(n) => n.map_or(XCell::Empty, |n| XCell::Number(n as f64)),
        Value::Ref(target, id) => id.map_or("", |id| name(ix, target, id)).into(),
        Value::Refs(target, ids) => join(ids.iter().map(|id| name(ix, target, id))).into(),
    }
}

/// The name analysts read for the record `id` refers to (its id when there is none): a term's
/// name, an organization's name, an instrument's short name, else its reference, else its
/// name.
fn name<'a>(ix: &Index<'a>, target: Target, id: &'a str) -> &'a str {
    match target {
        Target::Term(vocabulary) => term_name(ix, vocabulary, id),
        Target::Organization => ix.organization(id).map_or(id, |o| o.name.as_str()),
        Target::Instrument => ix.instrument(id).map_or(id, |i| {
            i.short_name
                .as_deref()
                .or(i.reference.as_deref())
                .unwrap_or(&i.name)
        }),
    }
}

/// The name of a term (its id when the vocabulary lacks it).
pub(super) fn term_name<'a>(ix: &Index<'a>, vocabulary: Vocabulary, id: &'a str) -> &'a str {
    ix.term(vocabulary, id).map_or(id, |t| t.name.as_str())
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

/// The Recommendations sheet: each session id (up to Excel's limit of links, `links`) links to
/// its session's row, and is followed by the session's title and kind.
pub(super) fn recommendations_sheet<'a>(ix: &'a Index<'a>, links: bool) -> Sheet<'a> {
    let ds = ix.dataset();
    let session = |r: &Recommendation| {
        let i = ix.session_position(&r.session)?;
        Some((i, ix.dataset().sessions.get(i)?))
    };
    use recommendation::*;
    let linked: OwnCell<'a, Recommendation, ()> = Box::new(move |r, _| {
        let id = Cow::Borrowed(r.session.as_str());
        match session(r) {
            Some((i, _)) if links => XCell::Link(id, format!("internal:'Sessions'!A{}", i + 2)),
            _ => XCell::Text(id),
        }
    });
    let columns = shared([ID, CONFERENCE])
        .chain([
            Shown::Own(SESSION.look, linked),
            own(
                ("Session", Kind::Wrap, 36.0),
                move |r: &Recommendation, _| {
                    session(r).map_or("", |(_, s)| s.title.as_str()).into()
                },
            ),
            own(
                ("Session kind", Kind::Text, 18.0),
                move |r: &Recommendation, _| {
                    session(r)
                        .map_or("", |(_, s)| term_name(ix, Vocabulary::SessionKind, &s.kind))
                        .into()
                },
            ),
        ])
        .chain(shared(DETAILS));
    let records = ds.recommendations.iter().map(alone);
    let len = ds.recommendations.len();
    Sheet::of("Recommendations", ix, columns.collect(), len, records)
}

/// The Sessions sheet, with each session's number of participants and recommendations.
pub(super) fn sessions_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    use session::*;
    let columns = shared([
        ID,
        CONFERENCE,
        ORDER,
        KIND,
        TITLE,
        HEADING,
        CO_ORGANIZERS,
        CONTRIBUTORS,
        INSTRUMENTS,
    ])
    .chain([
        own(("Participants", Kind::Number, 14.0), |s: &Session, _| {
            s.participants.len().into()
        }),
        own(
            ("Recommendations", Kind::Number, 19.0),
            move |s: &Session, _| ix.recommendations_of(&s.id).len().into(),
        ),
    ]);
    let records = ds.sessions.iter().map(alone);
    Sheet::of(
        "Sessions",
        ix,
        columns.collect(),
        ds.sessions.len(),
        records,
    )
}

/// The Participants sheet: every participant of every session, with the session's title, the
/// person's name, and the person's positions at the session's conference as printed.
pub(super) fn participants_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    use participant::*;
    let columns = vec![
        Shown::Shared(SESSION),
        own(("Session", Kind::Wrap, 40.0), |_, s: &Session| {
            (&s.title).into()
        }),
        Shown::Shared(PERSON),
        own(("Person", Kind::Text, 28.0), move |p: &Participation, _| {
            ix.person(&p.person)
                .map_or("", |person| person.name.as_str())
                .into()
        }),
        Shown::Shared(ROLE),
        own(
            ("Affiliation", Kind::Wrap, 56.0),
            move |p: &Participation, s: &Session| {
                ix.person(&p.person)
                    .map_or_else(String::new, |person| {
                        join(
                            person
                                .affiliations
                                .iter()
                                .filter(|a| a.conference == s.conference)
                                .map(|a| a.as_printed.as_str()),
                        )
                    })
                    .into()
            },
        ),
        Shown::Shared(NOTE),
    ];
    let records = ds
        .sessions
        .iter()
        .flat_map(|s| s.participants.iter().map(move |p| (p, s)));
    let len = ds.sessions.iter().map(|s| s.participants.len()).sum();
    Sheet::of("Participants", ix, columns, len, records)
}

/// The People sheet, with the names of the organizations of each person's positions and the
/// number of sessions each took part in.
pub(super) fn people_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    // how many sessions each person took part in (a person may hold several roles in one)
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    for s in &ds.sessions {
        for person in distinct(&s.participants.iter().map(|p| &p.person).collect::<Vec<_>>()) {
            *sessions.entry(person.as_str()).or_default() += 1;
        }
    }
    let columns = shared(person::ALL).chain([
        own(("Organizations", Kind::Wrap, 44.0), move |p: &Person, _| {
            let mut organizations: Vec<&str> = Vec::new();
            for id in p
                .affiliations
                .iter()
                .filter_map(|a| a.organization.as_deref())
            {
                let name = name(ix, Target::Organization, id);
                if !organizations.contains(&name) {
                    organizations.push(name);
                }
            }
            organizations.join("; ").into()
        }),
        own(("Sessions", Kind::Number, 11.0), move |p: &Person, _| {
            sessions.get(p.id.as_str()).copied().unwrap_or(0).into()
        }),
    ]);
    let records = ds.people.iter().map(alone);
    Sheet::of("People", ix, columns.collect(), ds.people.len(), records)
}

/// The Organizations sheet.
pub(super) fn organizations_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    use organization::*;
    let columns: Vec<Shown<'a, Organization>> = shared([
        ID,
        NAME,
        ABBREVIATION,
        KIND,
        COUNTRY,
        PARENT,
        ALSO_PRINTED_AS,
    ])
    .collect();
    let records = ds.organizations.iter().map(alone);
    Sheet::of(
        "Organizations",
        ix,
        columns,
        ds.organizations.len(),
        records,
    )
}

/// The Themes sheet, with each theme's number of recommendations.
pub(super) fn themes_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    let columns = shared(columns::term::ALL).chain([own(
        ("Recommendations", Kind::Number, 19.0),
        move |t: &Term, _| ix.recommendations_in(&t.id).len().into(),
    )]);
    let records = ds.themes.iter().map(alone);
    Sheet::of("Themes", ix, columns.collect(), ds.themes.len(), records)
}

/// The Instruments sheet.
pub(super) fn instruments_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    let columns: Vec<Shown<'a, Instrument>> = shared(instrument::ALL).collect();
    let records = ds.instruments.iter().map(alone);
    Sheet::of("Instruments", ix, columns, ds.instruments.len(), records)
}
