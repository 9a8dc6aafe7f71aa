//! The data sheets: Recommendations, Conferences, Sessions, Participants, People,
//! Organizations, Themes and Instruments, each a [`Sheet`] whose rows are made on demand.
//!
//! Their columns are the CSV tables' ([`crate::columns`]), shown as analysts read them
//! ([`cell`]: a reference is the name of the record it refers to), with the workbook's own
//! columns beside them ([`own`]), each described (what it holds and what a blank cell means)
//! for the About sheet.

use std::borrow::Cow;
use std::collections::HashMap;

use alliance_core::model::{
    Conference, Instrument, Organization, Participation, Person, Recommendation, Session, Term,
};
use alliance_core::{Index, Vocabulary};

use super::cell::{Kind, Look, XCell, XRow};
use crate::columns::{
    self, Column, Target, Value, alone, conference, instrument, organization, participant, person,
    recommendation, session,
};
use crate::tables::{Blank, distinct};

/// A sheet holding one Excel table (of the sheet's name), with its rows made on demand.
pub(super) struct Sheet<'a> {
    /// The sheet's name.
    pub(super) name: &'static str,
    /// Its columns.
    pub(super) columns: Vec<Look<'a>>,
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
    pub(super) columns: Vec<Look<'a>>,
    /// Its rows.
    pub(super) rows: Vec<XRow<'a>>,
}

impl<'a> Sheet<'a> {
    /// A sheet of `len` rows.
    pub(super) fn new(
        name: &'static str,
        columns: Vec<Look<'a>>,
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
    Own(Look<'a>, OwnCell<'a, R, In>),
}

/// How the cell of a workbook's own column is made.
type OwnCell<'a, R, In> = Box<dyn Fn(&'a R, &'a In) -> XCell<'a> + 'a>;

impl<'a, R, In> Shown<'a, R, In> {
    fn look(&self) -> Look<'a> {
        match self {
            Shown::Shared(c) => c.look,
            Shown::Own(look, _) => *look,
        }
    }
}

/// The workbook's own column with this header, kind and width, holding what `description`
/// says (blank as `blank` says).
fn own<'a, R, In>(
    (header, kind, max_width): (&'a str, Kind, f64),
    (description, blank): (&'static str, Blank),
    cell: impl Fn(&'a R, &'a In) -> XCell<'a> + 'a,
) -> Shown<'a, R, In> {
    let look = Look::new(header, kind, max_width).described(description, blank);
    Shown::Own(look, Box::new(cell))
}

/// A count, never blank.
fn count(description: &'static str) -> (&'static str, Blank) {
    (description, Blank::Never)
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

/// The Recommendations sheet: each recommendation's conference with its edition and year, and
/// its session id (up to Excel's limit of links, `links`, a link to its session's row) with the
/// session's title and kind.
pub(super) fn recommendations_sheet<'a>(ix: &'a Index<'a>, links: bool) -> Sheet<'a> {
    let ds = ix.dataset();
    let session = |r: &Recommendation| {
        let i = ix.session_position(&r.session)?;
        Some((i, ix.dataset().sessions.get(i)?))
    };
    let conference = |r: &Recommendation| ix.conference(&r.conference);
    use recommendation::*;
    let linked: OwnCell<'a, Recommendation, ()> = Box::new(move |r, _| {
        let id = Cow::Borrowed(r.session.as_str());
        match session(r) {
            Some((i, _)) if links => XCell::Link(id, format!("internal:'Sessions'!A{}", i + 2)),
            _ => XCell::Text(id),
        }
    });
    let session_id = SESSION.look.described(
        if links {
            "Session id; links to the session's row on the Sessions sheet."
        } else {
            "Session id."
        },
        Blank::Never,
    );
    let columns = shared([ID, CONFERENCE])
        .chain([
            own(
                ("Edition", Kind::Number, 10.0),
                count("The conference's edition number."),
                move |r: &Recommendation, _| {
                    conference(r).map_or(XCell::Empty, |c| c.edition.into())
                },
            ),
            own(
                ("Year", Kind::Number, 8.0),
                count("The year the conference began."),
                move |r: &Recommendation, _| {
                    conference(r)
                        .and_then(|c| year(&c.start_date))
                        .map_or(XCell::Empty, XCell::Number)
                },
            ),
            Shown::Own(session_id, linked),
            own(
                ("Session", Kind::Wrap, 36.0),
                ("The session's title.", Blank::EmptyText),
                move |r: &Recommendation, _| {
                    session(r).map_or("", |(_, s)| s.title.as_str()).into()
                },
            ),
            own(
                ("Session kind", Kind::Text, 18.0),
                ("The session's kind, by name.", Blank::Never),
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

/// The year of an ISO 8601 date.
fn year(date: &str) -> Option<f64> {
    alliance_core::load::parse_date(date).map(|(y, _, _)| f64::from(y))
}

/// The Conferences sheet: one row per conference, with one column per kind of figure the
/// reports give for a conference as a whole (its number), all its figures as printed, its
/// numbers of sessions and recommendations, and its source report.
pub(super) fn conferences_sheet<'a>(ix: &'a Index<'a>) -> Sheet<'a> {
    let ds = ix.dataset();
    use conference::*;
    // each conference's sessions and recommendations, counted once
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    for s in &ds.sessions {
        *sessions.entry(s.conference.as_str()).or_default() += 1;
    }
    let mut recommendations: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        *recommendations.entry(r.conference.as_str()).or_default() += 1;
    }
    // the kinds of figure some conference gives for itself as a whole, in the vocabulary's
    // order (then any kind the vocabulary lacks, in the data's order)
    let whole = |c: &'a Conference| c.figures.iter().filter(|f| f.session.is_none());
    let mut kinds: Vec<&'a str> = Vec::new();
    for f in ds.conferences.iter().flat_map(whole) {
        if !kinds.contains(&f.kind.as_str()) {
            kinds.push(&f.kind);
        }
    }
    let order = |kind: &str| {
        ds.vocabularies
            .figure_kinds
            .iter()
            .position(|t| t.id == kind)
            .unwrap_or(usize::MAX)
    };
    kinds.sort_by_key(|k| order(k));
    let figures = kinds.into_iter().map(move |kind| {
        own(
            (term_name(ix, Vocabulary::FigureKind, kind), Kind::Number, 16.0),
            (
                "A figure the report gives for the conference as a whole, of the kind the header names: its number, without its qualifier (the Figures column has the words as printed). Where the report gives several of a kind, the first.",
                Blank::When("the report gives no figure of this kind for the conference as a whole"),
            ),
            move |c: &Conference, _| {
                whole(c)
                    .find(|f| f.kind == kind)
                    .map_or(XCell::Empty, |f| XCell::Number(f.value as f64))
            },
        )
    });
    let columns = shared([
        ID,
        SERIES,
        EDITION,
        TITLE,
        START_DATE,
        END_DATE,
        CITY,
        VENUE,
        ORGANIZER,
    ])
    .chain(figures)
    .chain([
        own(
            ("Figures", Kind::Wrap, 48.0),
            (
                "Every figure the report gives, as printed, joined with \"; \"; a session's figure is followed by the session's id in brackets.",
                Blank::When("the report gives no figures, which alliance-lint warns about (AL024)"),
            ),
            |c: &Conference, _| {
                join_owned(c.figures.iter().map(|f| match &f.session {
                    Some(session) => format!("{} [{session}]", f.as_printed),
                    None => f.as_printed.clone(),
                }))
                .into()
            },
        ),
    ])
    .chain(shared([IN_LINE_WITH]))
    .chain([
        own(
            ("Sessions", Kind::Number, 11.0),
            count("The conference's number of sessions."),
            move |c: &Conference, _| sessions.get(c.id.as_str()).copied().unwrap_or(0).into(),
        ),
        own(
            ("Recommendations", Kind::Number, 19.0),
            count("The conference's number of recommendations, findings and conclusions."),
            move |c: &Conference, _| {
                recommendations
                    .get(c.id.as_str())
                    .copied()
                    .unwrap_or(0)
                    .into()
            },
        ),
    ])
    .chain(shared([SOURCE_TITLE, SOURCE_REPORT, SOURCE_PUBLISHER]));
    let records = ds.conferences.iter().map(alone);
    Sheet::of(
        "Conferences",
        ix,
        columns.collect(),
        ds.conferences.len(),
        records,
    )
}

/// Texts joined with `"; "`.
fn join_owned(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join("; ")
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
        own(
            ("Participants", Kind::Number, 14.0),
            count("The number of participants the session lists (a person with two roles counts twice)."),
            |s: &Session, _| s.participants.len().into(),
        ),
        own(
            ("Recommendations", Kind::Number, 19.0),
            count("The session's number of recommendations, findings and conclusions."),
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
        own(
            ("Session", Kind::Wrap, 40.0),
            ("The session's title.", Blank::EmptyText),
            |_, s: &Session| (&s.title).into(),
        ),
        Shown::Shared(PERSON),
        own(
            ("Person", Kind::Text, 28.0),
            ("The person's full name.", Blank::EmptyText),
            move |p: &Participation, _| {
                ix.person(&p.person)
                    .map_or("", |person| person.name.as_str())
                    .into()
            },
        ),
        Shown::Shared(ROLE),
        own(
            ("Affiliation", Kind::Wrap, 56.0),
            (
                "The person's affiliations at the session's conference, as printed, joined with \"; \".",
                Blank::When("the data records no affiliation for the person at that conference"),
            ),
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
        own(
            ("Organizations", Kind::Wrap, 44.0),
            (
                "The organizations of the person's affiliations, by name, each once, joined with \"; \".",
                Blank::When("none of the person's affiliations names an organization"),
            ),
            move |p: &Person, _| {
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
        },
        ),
        own(
            ("Sessions", Kind::Number, 11.0),
            count("The number of sessions the person took part in."),
            move |p: &Person, _| sessions.get(p.id.as_str()).copied().unwrap_or(0).into(),
        ),
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
        count("The number of recommendations, findings and conclusions with the theme."),
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
