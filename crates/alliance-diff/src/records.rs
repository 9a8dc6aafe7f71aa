//! The records a diff compares, entity by entity, and their fields in the model's order.
//!
//! Most records are the model's own (conferences, sessions, people, ...). Three are made up for
//! the comparison: a conference's figure (`<conference>/<figure>`), a person's part in a
//! session (`<session>/<person>`, with the roles they held) and a vocabulary term
//! (`<vocabulary>/<term>`). A conference's fields leave out its figures and a session's its
//! participants, which are compared as records of their own.

use std::borrow::Cow;

use alliance_core::model::{
    Conference, Figure, Instrument, Organization, Participation, Person, Recommendation, Session,
    Term,
};
use alliance_core::{Dataset, Vocabulary};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The kinds of record, in the order a diff lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entity {
    /// Conferences.
    Conferences,
    /// Figures of a conference (`<conference>/<figure>`).
    Figures,
    /// Sessions.
    Sessions,
    /// A person's part in a session (`<session>/<person>`).
    Participants,
    /// People.
    People,
    /// Organizations.
    Organizations,
    /// Instruments.
    Instruments,
    /// Recommendations, findings and conclusions.
    Recommendations,
    /// Terms of the controlled vocabularies (`<vocabulary>/<term>`).
    Vocabularies,
}

impl Entity {
    /// Every entity, in the order a diff lists them.
    pub const ALL: [Entity; 9] = [
        Entity::Conferences,
        Entity::Figures,
        Entity::Sessions,
        Entity::Participants,
        Entity::People,
        Entity::Organizations,
        Entity::Instruments,
        Entity::Recommendations,
        Entity::Vocabularies,
    ];

    /// The plural, as in JSON (`recommendations`).
    pub fn name(self) -> &'static str {
        match self {
            Entity::Conferences => "conferences",
            Entity::Figures => "figures",
            Entity::Sessions => "sessions",
            Entity::Participants => "participants",
            Entity::People => "people",
            Entity::Organizations => "organizations",
            Entity::Instruments => "instruments",
            Entity::Recommendations => "recommendations",
            Entity::Vocabularies => "vocabularies",
        }
    }

    /// One record of it, for messages (`recommendation`).
    pub fn singular(self) -> &'static str {
        match self {
            Entity::Conferences => "conference",
            Entity::Figures => "figure",
            Entity::Sessions => "session",
            Entity::Participants => "participant",
            Entity::People => "person",
            Entity::Organizations => "organization",
            Entity::Instruments => "instrument",
            Entity::Recommendations => "recommendation",
            Entity::Vocabularies => "vocabulary term",
        }
    }
}

/// The value of one field, borrowed from the dataset.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// A text.
    Text(&'a str),
    /// A text in the report's words, and the conference whose report has it: compared word
    /// by word, and checked against that report.
    Quote(&'a str, &'a str),
    /// A number.
    Num(i64),
    /// An optional value that is not there.
    Absent,
    /// A list (of ids, or of printed names).
    List(Vec<&'a str>),
}

fn text(v: &str) -> Value<'_> {
    Value::Text(v)
}

fn opt(v: &Option<String>) -> Value<'_> {
    v.as_deref().map_or(Value::Absent, Value::Text)
}

fn list(v: &[String]) -> Value<'_> {
    Value::List(v.iter().map(String::as_str).collect())
}

/// A field's name and value.
pub(crate) type Field<'a> = (Cow<'static, str>, Value<'a>);

fn f<'a>(name: &'static str, value: Value<'a>) -> Field<'a> {
    (Cow::Borrowed(name), value)
}

/// One record of any entity, borrowed from a dataset.
#[derive(Debug, Clone)]
pub(crate) enum Record<'a> {
    Conference(&'a Conference),
    Figure(&'a Conference, &'a Figure),
    Session(&'a Session),
    Participant(&'a Session, Vec<&'a Participation>),
    Person(&'a Person),
    Organization(&'a Organization),
    Instrument(&'a Instrument),
    Recommendation(&'a Recommendation),
    Term(&'static str, &'a Term),
}

impl<'a> Record<'a> {
    /// The record's id (made up for figures, participants and terms: see the module docs).
    pub(crate) fn id(&self) -> Cow<'a, str> {
        match self {
            Record::Conference(c) => Cow::Borrowed(&c.id),
            Record::Figure(c, fig) => Cow::Owned(format!("{}/{}", c.id, fig.id)),
            Record::Session(s) => Cow::Borrowed(&s.id),
            Record::Participant(s, parts) => Cow::Owned(format!(
                "{}/{}",
                s.id,
                parts.first().map_or("", |p| p.person.as_str())
            )),
            Record::Person(p) => Cow::Borrowed(&p.id),
            Record::Organization(o) => Cow::Borrowed(&o.id),
            Record::Instrument(i) => Cow::Borrowed(&i.id),
            Record::Recommendation(r) => Cow::Borrowed(&r.id),
            Record::Term(vocabulary, t) => Cow::Owned(format!("{vocabulary}/{}", t.id)),
        }
    }

    /// Whether two records of one entity hold the same values (the id included): the model's
    /// equality where a record is a whole model type, the fields' otherwise.
    pub(crate) fn same(&self, other: &Record<'_>) -> bool {
        match (self, other) {
            (Record::Recommendation(a), Record::Recommendation(b)) => a == b,
            (Record::Person(a), Record::Person(b)) => a == b,
            (Record::Organization(a), Record::Organization(b)) => a == b,
            (Record::Instrument(a), Record::Instrument(b)) => a == b,
            (a, b) => a.id() == b.id() && a.fields() == b.fields(),
        }
    }

    /// Every field but the id, in the model's order; nested values are named by a path
    /// (`source.line`, `affiliations[alliance-17].title`).
    pub(crate) fn fields(&self) -> Vec<Field<'a>> {
        match self {
            Record::Conference(c) => conference(c),
            Record::Figure(c, fig) => figure(c, fig),
            Record::Session(s) => session(s),
            Record::Participant(_, parts) => participant(parts),
            Record::Person(p) => person(p),
            Record::Organization(o) => organization(o),
            Record::Instrument(i) => instrument(i),
            Record::Recommendation(r) => recommendation(r),
            Record::Term(_, t) => term(t),
        }
    }
}

// Each function below destructures its type without `..`, so that a field added to the model
// fails to compile here until the diff compares it.

fn conference(c: &Conference) -> Vec<Field<'_>> {
    let Conference {
        id: _,
        series,
        edition,
        title,
        start_date,
        end_date,
        city,
        venue,
        organizer,
        in_line_with,
        figures: _, // records of their own
        source,
    } = c;
    let mut out = vec![
        f("series", text(series)),
        f("edition", Value::Num(i64::from(*edition))),
        f("title", text(title)),
        f("start_date", text(start_date)),
        f("end_date", text(end_date)),
        f("city", text(city)),
        f("venue", text(venue)),
        f("organizer", opt(organizer)),
        f("in_line_with", list(in_line_with)),
    ];
    match source {
        Some(alliance_core::model::Source {
            report,
            title,
            publisher,
            attribution,
        }) => out.extend([
            f("source.report", text(report)),
            f("source.title", text(title)),
            f("source.publisher", text(publisher)),
            f("source.attribution", text(attribution)),
        ]),
        None => out.push(f("source", Value::Absent)),
    }
    out
}

fn figure<'a>(c: &'a Conference, fig: &'a Figure) -> Vec<Field<'a>> {
    let Figure {
        id: _,
        kind,
        value,
        qualifier,
        as_printed,
        session,
    } = fig;
    vec![
        f("kind", text(kind)),
        f(
            "value",
            Value::Num(i64::try_from(*value).unwrap_or(i64::MAX)),
        ),
        f("qualifier", opt(qualifier)),
        f("as_printed", Value::Quote(as_printed, &c.id)),
        f("session", opt(session)),
    ]
}

fn session(s: &Session) -> Vec<Field<'_>> {
    let Session {
        id: _,
        conference,
        kind,
        order,
        title,
        heading,
        date,
        co_organizers,
        contributors,
        instruments,
        participants: _, // records of their own
    } = s;
    vec![
        f("conference", text(conference)),
        f("kind", text(kind)),
        f("order", Value::Num(i64::from(*order))),
        f("title", text(title)),
        f("heading", text(heading)),
        f("date", opt(date)),
        f("co_organizers", list(co_organizers)),
        f("contributors", list(contributors)),
        f("instruments", list(instruments)),
    ]
}

/// A person's participations in one session: the roles they held, and a note per role.
fn participant<'a>(parts: &[&'a Participation]) -> Vec<Field<'a>> {
    let mut out = vec![f(
        "roles",
        Value::List(parts.iter().map(|p| p.role.as_str()).collect()),
    )];
    for Participation {
        person: _,
        role,
        note,
    } in parts.iter().copied()
    {
        if let Some(note) = note {
            out.push((Cow::Owned(format!("note[{role}]")), text(note)));
        }
    }
    out
}

fn person(p: &Person) -> Vec<Field<'_>> {
    let Person {
        id: _,
        name,
        honorific,
        affiliations,
    } = p;
    let mut out = vec![f("name", text(name)), f("honorific", opt(honorific))];
    let mut seen: Vec<&str> = Vec::new();
    for a in affiliations {
        let alliance_core::model::Affiliation {
            conference,
            organization,
            title,
            unit,
            country,
            as_printed,
        } = a;
        // a second affiliation at one conference is `[alliance-17#2]`
        let n = seen.iter().filter(|c| **c == conference.as_str()).count() + 1;
        seen.push(conference);
        let key = if n == 1 {
            conference.clone()
        } else {
            format!("{conference}#{n}")
        };
        for (name, value) in [
            ("organization", opt(organization)),
            ("title", opt(title)),
            ("unit", opt(unit)),
            ("country", opt(country)),
            ("as_printed", Value::Quote(as_printed, conference)),
        ] {
            out.push((Cow::Owned(format!("affiliations[{key}].{name}")), value));
        }
    }
    out
}

fn organization(o: &Organization) -> Vec<Field<'_>> {
    let Organization {
        id: _,
        name,
        abbreviation,
        also_printed_as,
        kind,
        country,
        parent,
    } = o;
    vec![
        f("name", text(name)),
        f("abbreviation", opt(abbreviation)),
        f("also_printed_as", list(also_printed_as)),
        f("kind", opt(kind)),
        f("country", opt(country)),
        f("parent", opt(parent)),
    ]
}

fn instrument(i: &Instrument) -> Vec<Field<'_>> {
    let Instrument {
        id: _,
        name,
        short_name,
        kind,
        reference,
        year,
        issuer,
    } = i;
    vec![
        f("name", text(name)),
        f("short_name", opt(short_name)),
        f("kind", opt(kind)),
        f("reference", opt(reference)),
        f(
            "year",
            year.map_or(Value::Absent, |y| Value::Num(i64::from(y))),
        ),
        f("issuer", opt(issuer)),
    ]
}

fn recommendation(r: &Recommendation) -> Vec<Field<'_>> {
    let Recommendation {
        id: _,
        conference,
        session,
        order,
        label,
        text: words,
        themes,
        pillars,
        addressees,
        instruments,
        source,
    } = r;
    let alliance_core::model::SourceLocation {
        report,
        section,
        bullet,
        line,
    } = source;
    vec![
        f("conference", text(conference)),
        f("session", text(session)),
        f("order", Value::Num(i64::from(*order))),
        f("label", text(label)),
        f("text", Value::Quote(words, conference)),
        f("themes", list(themes)),
        f("pillars", list(pillars)),
        f("addressees", list(addressees)),
        f("instruments", list(instruments)),
        f("source.report", text(report)),
        f("source.section", text(section)),
        f("source.bullet", Value::Num(i64::from(*bullet))),
        f("source.line", Value::Num(i64::from(*line))),
    ]
}

fn term(t: &Term) -> Vec<Field<'_>> {
    let Term {
        id: _,
        name,
        description,
        incompatible_with,
    } = t;
    vec![
        f("name", text(name)),
        f("description", opt(description)),
        f("incompatible_with", list(incompatible_with)),
    ]
}

/// The vocabulary's name in ids (`themes/...`), as its file is named.
fn vocabulary_name(v: Vocabulary) -> &'static str {
    match v {
        Vocabulary::Theme => "themes",
        Vocabulary::Pillar => "pillars",
        Vocabulary::Addressee => "addressees",
        Vocabulary::Label => "labels",
        Vocabulary::Role => "roles",
        Vocabulary::SessionKind => "session-kinds",
        Vocabulary::OrganizationKind => "organization-kinds",
        Vocabulary::InstrumentKind => "instrument-kinds",
        Vocabulary::FigureKind => "figure-kinds",
    }
}

/// The records of one entity in a dataset, in the dataset's order.
pub(crate) fn records(ds: &Dataset, entity: Entity) -> Vec<Record<'_>> {
    match entity {
        Entity::Conferences => ds.conferences.iter().map(Record::Conference).collect(),
        Entity::Figures => ds
            .conferences
            .iter()
            .flat_map(|c| c.figures.iter().map(move |fig| Record::Figure(c, fig)))
            .collect(),
        Entity::Sessions => ds.sessions.iter().map(Record::Session).collect(),
        Entity::Participants => ds.sessions.iter().flat_map(participants).collect(),
        Entity::People => ds.people.iter().map(Record::Person).collect(),
        Entity::Organizations => ds.organizations.iter().map(Record::Organization).collect(),
        Entity::Instruments => ds.instruments.iter().map(Record::Instrument).collect(),
        Entity::Recommendations => ds
            .recommendations
            .iter()
            .map(Record::Recommendation)
            .collect(),
        Entity::Vocabularies => Vocabulary::ALL
            .into_iter()
            .flat_map(|v| {
                let name = vocabulary_name(v);
                v.terms(ds).iter().map(move |t| Record::Term(name, t))
            })
            .collect(),
    }
}

/// A session's participants, one record per person with their participations (a person who
/// held several roles is listed once, where they first appear).
fn participants(s: &Session) -> Vec<Record<'_>> {
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    let mut groups: Vec<Vec<&Participation>> = Vec::new();
    for p in &s.participants {
        match at.get(p.person.as_str()) {
            Some(&i) => groups[i].push(p),
            None => {
                at.insert(&p.person, groups.len());
                groups.push(vec![p]);
            }
        }
    }
    groups
        .into_iter()
        .map(|parts| Record::Participant(s, parts))
        .collect()
}
