//! The drafted records and their TOML.

use alliance_core::report::{Bullet, Label, Section};

use crate::write::{key_list, key_num, key_opt, key_str};

/// A recommendation, finding or conclusion drafted from a report bullet: its words, label,
/// order and place in the report. Themes, pillars and addressees are left for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationDraft {
    /// Its id ("a17-panel-1-r01").
    pub id: String,
    /// Its position among the session's recommendations, from 1.
    pub order: u32,
    /// The label id ("recommendations", "findings", "conclusions").
    pub label: String,
    /// The bullet's words, normalized (breaks joined, emphasis dropped).
    pub text: String,
    /// The bullet's number in its list, from 1.
    pub bullet: u32,
    /// The report line the bullet starts on.
    pub line: u32,
}

impl RecommendationDraft {
    /// The draft of one bullet.
    pub fn from_bullet(id: String, order: u32, label: Label, bullet: &Bullet) -> Self {
        RecommendationDraft {
            id,
            order,
            label: label.id().to_owned(),
            text: bullet.text.clone(),
            bullet: u32::try_from(bullet.number).unwrap_or(u32::MAX),
            line: u32::try_from(bullet.line).unwrap_or(u32::MAX),
        }
    }

    /// The id of a session's recommendation: `<session>-rNN`.
    pub fn id_in(session: &str, order: u32) -> String {
        format!("{session}-r{order:02}")
    }

    /// [`Self::id_in`], with `-new` added until `taken` says it is free (a bullet restored
    /// beside recommendations that keep their ids).
    pub fn free_id_in(session: &str, order: u32, taken: impl Fn(&str) -> bool) -> String {
        let mut id = Self::id_in(session, order);
        while taken(&id) {
            id.push_str("-new");
        }
        id
    }

    /// Every bullet of the section's labelled lists, in order, numbered from 1 across them.
    pub fn of_section(session: &str, section: &Section) -> Vec<Self> {
        let labelled = section
            .bullets
            .iter()
            .filter_map(|b| Some((section.lists.get(b.list)?.label?, b)));
        labelled
            .zip(1u32..)
            .map(|((label, b), order)| {
                RecommendationDraft::from_bullet(Self::id_in(session, order), order, label, b)
            })
            .collect()
    }

    /// The `[[recommendation]]` table.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[[recommendation]]\n");
        key_str(&mut out, "id", &self.id);
        key_num(&mut out, "order", self.order);
        key_str(&mut out, "label", &self.label);
        key_str(&mut out, "text", &self.text);
        out.push_str(&format!(
            "source = {{ bullet = {}, line = {} }}\n",
            self.bullet, self.line
        ));
        out
    }
}

/// A person's part in a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantDraft {
    /// The person's id.
    pub person: String,
    /// The role id.
    pub role: String,
    /// How the report establishes the role, where it does not state it directly.
    pub note: Option<String>,
}

/// A session file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDraft {
    /// Its id ("a17-panel-1").
    pub id: String,
    /// The session kind id, when the report makes it plain.
    pub kind: Option<String>,
    /// Its position in the report, from 1.
    pub order: u32,
    /// The title, without a "Panel N:" prefix.
    pub title: String,
    /// The heading as printed.
    pub heading: String,
    /// Co-organizing organization ids.
    pub co_organizers: Vec<String>,
    /// Who took part, in the report's order.
    pub participants: Vec<ParticipantDraft>,
    /// Its recommendations, in order.
    pub recommendations: Vec<RecommendationDraft>,
}

impl SessionDraft {
    /// The whole file, `#:schema` line first.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("#:schema ../../../schemas/session.schema.json\n\n");
        key_str(&mut out, "id", &self.id);
        match &self.kind {
            Some(kind) => key_str(&mut out, "kind", kind),
            None => {
                out.push_str("# kind: the report does not make it plain; see session-kinds.toml\n")
            }
        }
        key_num(&mut out, "order", self.order);
        key_str(&mut out, "title", &self.title);
        key_str(&mut out, "heading", &self.heading);
        key_list(&mut out, "co_organizers", &self.co_organizers);
        for p in &self.participants {
            out.push_str("\n[[participant]]\n");
            key_str(&mut out, "person", &p.person);
            key_str(&mut out, "role", &p.role);
            key_opt(&mut out, "note", p.note.as_deref());
        }
        for r in &self.recommendations {
            out.push('\n');
            out.push_str(&r.to_toml());
        }
        out
    }
}

/// A figure the report prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureDraft {
    /// Its id, unique in the conference.
    pub id: String,
    /// The figure kind id.
    pub kind: String,
    /// The number.
    pub value: u64,
    /// The qualifier printed before it.
    pub qualifier: Option<String>,
    /// The words as printed.
    pub as_printed: String,
    /// The session it belongs to, when not the whole conference's.
    pub session: Option<String>,
}

/// A conference file. What the report does not state stays `None`, and the file says so in a
/// comment where the key would be.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConferenceDraft {
    /// Its id.
    pub id: String,
    /// The series.
    pub series: Option<String>,
    /// The edition.
    pub edition: Option<u32>,
    /// The title.
    pub title: Option<String>,
    /// First day, ISO 8601.
    pub start_date: Option<String>,
    /// Last day, ISO 8601.
    pub end_date: Option<String>,
    /// The city.
    pub city: Option<String>,
    /// The venue.
    pub venue: Option<String>,
    /// The report file, relative to the conference folder.
    pub report: String,
    /// The report's title.
    pub report_title: Option<String>,
    /// The report's publisher.
    pub publisher: Option<String>,
    /// How to attribute the report's text.
    pub attribution: Option<String>,
    /// The figures, in report order.
    pub figures: Vec<FigureDraft>,
}

impl ConferenceDraft {
    /// The whole file, `#:schema` line first.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("#:schema ../../schemas/conference.schema.json\n");
        out.push_str(
            "# Drafted by alliance-import from the report; every value is the report's.\n\n",
        );
        let missing = |out: &mut String, key: &str| {
            out.push_str(&format!("# {key}: not found in the report\n"));
        };
        key_str(&mut out, "id", &self.id);
        let text = |out: &mut String, key: &str, value: &Option<String>| match value {
            Some(v) => key_str(out, key, v),
            None => missing(out, key),
        };
        text(&mut out, "series", &self.series);
        match self.edition {
            Some(e) => key_num(&mut out, "edition", e),
            None => missing(&mut out, "edition"),
        }
        text(&mut out, "title", &self.title);
        text(&mut out, "start_date", &self.start_date);
        text(&mut out, "end_date", &self.end_date);
        text(&mut out, "city", &self.city);
        text(&mut out, "venue", &self.venue);
        out.push_str("\n[source]\n");
        key_str(&mut out, "report", &self.report);
        text(&mut out, "title", &self.report_title);
        text(&mut out, "publisher", &self.publisher);
        text(&mut out, "attribution", &self.attribution);
        for f in &self.figures {
            out.push_str("\n[[figure]]\n");
            key_str(&mut out, "id", &f.id);
            key_str(&mut out, "kind", &f.kind);
            key_num(&mut out, "value", f.value);
            key_opt(&mut out, "qualifier", f.qualifier.as_deref());
            key_str(&mut out, "as_printed", &f.as_printed);
            key_opt(&mut out, "session", f.session.as_deref());
        }
        out
    }
}

/// A position a person held at a conference, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffiliationDraft {
    /// The conference id.
    pub conference: String,
    /// The organization id, when the affiliation names one the draft knows.
    pub organization: Option<String>,
    /// The whole affiliation as printed.
    pub as_printed: String,
}

impl AffiliationDraft {
    /// The `[[person.affiliation]]` table.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[[person.affiliation]]\n");
        key_str(&mut out, "conference", &self.conference);
        key_opt(&mut out, "organization", self.organization.as_deref());
        key_str(&mut out, "as_printed", &self.as_printed);
        out
    }
}

/// A person of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    /// Their id.
    pub id: String,
    /// The name as printed, without honorific.
    pub name: String,
    /// The honorific as printed.
    pub honorific: Option<String>,
    /// Their affiliations.
    pub affiliations: Vec<AffiliationDraft>,
}

impl PersonDraft {
    /// The `[[person]]` table and its affiliations.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[[person]]\n");
        key_str(&mut out, "id", &self.id);
        key_str(&mut out, "name", &self.name);
        key_opt(&mut out, "honorific", self.honorific.as_deref());
        for a in &self.affiliations {
            out.push('\n');
            out.push_str(&a.to_toml());
        }
        out
    }
}

/// An organization of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationDraft {
    /// Its id.
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// The abbreviation the report gives.
    pub abbreviation: Option<String>,
}

impl OrganizationDraft {
    /// The `[[organization]]` table.
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[[organization]]\n");
        key_str(&mut out, "id", &self.id);
        key_str(&mut out, "name", &self.name);
        key_opt(&mut out, "abbreviation", self.abbreviation.as_deref());
        out
    }
}
