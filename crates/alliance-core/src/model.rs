//! The resolved dataset: every record with its references checked, in a stable order. This is
//! what the tools work on and what `alliance.json` holds (see `docs/contracts.md`).
//!
//! **Architecture Invariant:** these types know nothing of TOML, spans, CSV, XLSX or HTML.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version of the dataset document shape; bumped on any incompatible change.
pub const FORMAT_VERSION: &str = "1";

/// A whole dataset: conferences, their sessions and recommendations, the registries and the
/// controlled vocabularies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Version of this document shape.
    pub format_version: String,
    /// Which release of the data this is.
    pub release: Release,
    /// Conferences, by id.
    pub conferences: Vec<Conference>,
    /// Sessions, by conference then order.
    pub sessions: Vec<Session>,
    /// People, in registry order.
    pub people: Vec<Person>,
    /// Organizations, in registry order.
    pub organizations: Vec<Organization>,
    /// Cross-cutting themes.
    pub themes: Vec<Term>,
    /// The four pillars: prevention, protection, prosecution, partnership.
    pub pillars: Vec<Term>,
    /// Instruments, in registry order.
    pub instruments: Vec<Instrument>,
    /// Recommendations, findings and conclusions, by conference, session order, then order.
    pub recommendations: Vec<Recommendation>,
    /// The other controlled vocabularies.
    pub vocabularies: Vocabularies,
}

/// A release of the dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Title of the dataset.
    pub title: String,
    /// Release version.
    pub version: String,
    /// Release date (ISO 8601); outputs print this date, never the clock's.
    pub date: String,
}

/// Controlled vocabularies other than themes and pillars.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    /// Roles a person can hold in a session.
    pub roles: Vec<Term>,
    /// Kinds of session.
    pub session_kinds: Vec<Term>,
    /// What a report calls a list of bullets.
    pub labels: Vec<Term>,
    /// Actors a recommendation can address.
    pub addressees: Vec<Term>,
    /// Kinds of organization.
    pub organization_kinds: Vec<Term>,
    /// Kinds of instrument.
    pub instrument_kinds: Vec<Term>,
    /// Kinds of figure.
    pub figure_kinds: Vec<Term>,
}

/// A term of a controlled vocabulary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// What the term covers.
    pub description: Option<String>,
    /// Roles only: roles one person cannot also hold in the same session.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incompatible_with: Vec<String>,
}

/// A conference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conference {
    /// Stable id.
    pub id: String,
    /// Series.
    pub series: String,
    /// Edition number.
    pub edition: u32,
    /// Title.
    pub title: String,
    /// First day (ISO 8601).
    pub start_date: String,
    /// Last day (ISO 8601).
    pub end_date: String,
    /// City.
    pub city: String,
    /// Venue.
    pub venue: String,
    /// Organizing organization id.
    pub organizer: Option<String>,
    /// Ids of the instruments the conference was held in line with.
    pub in_line_with: Vec<String>,
    /// Figures the report gives.
    pub figures: Vec<Figure>,
    /// The report the data comes from.
    pub source: Option<Source>,
}

/// A conference report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Path of the report text relative to the dataset folder, with `/` separators.
    pub report: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// How to attribute its text.
    pub attribution: String,
}

/// A figure the report gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Id, unique within the conference.
    pub id: String,
    /// Kind id.
    pub kind: String,
    /// The number.
    pub value: u64,
    /// Qualifier as printed ("more than").
    pub qualifier: Option<String>,
    /// The words as printed.
    pub as_printed: String,
    /// Session id, when the figure is a session's.
    pub session: Option<String>,
}

/// A session of a conference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable id.
    pub id: String,
    /// Conference id.
    pub conference: String,
    /// Kind id.
    pub kind: String,
    /// Position in the report, from 1.
    pub order: u32,
    /// Title.
    pub title: String,
    /// Section heading as printed.
    pub heading: String,
    /// Day held (ISO 8601), when the report gives it.
    pub date: Option<String>,
    /// Co-organizer organization ids.
    pub co_organizers: Vec<String>,
    /// Contributing organization ids.
    pub contributors: Vec<String>,
    /// Instrument ids cited by the session's text.
    pub instruments: Vec<String>,
    /// Participants with their roles.
    pub participants: Vec<Participation>,
}

/// A person's part in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participation {
    /// Person id.
    pub person: String,
    /// Role id.
    pub role: String,
    /// How the report establishes the role, where it is indirect.
    pub note: Option<String>,
}

/// A person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Honorific as printed.
    pub honorific: Option<String>,
    /// Positions held, per conference.
    pub affiliations: Vec<Affiliation>,
}

/// A position a person held at a conference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// Conference id.
    pub conference: String,
    /// Organization id, when the report names one.
    pub organization: Option<String>,
    /// Position.
    pub title: Option<String>,
    /// Unit within the organization.
    pub unit: Option<String>,
    /// Country given with the position.
    pub country: Option<String>,
    /// The affiliation exactly as printed.
    pub as_printed: String,
}

/// An organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Stable id.
    pub id: String,
    /// Name as printed.
    pub name: String,
    /// Abbreviation.
    pub abbreviation: Option<String>,
    /// Other printed forms of the name.
    pub also_printed_as: Vec<String>,
    /// Kind id.
    pub kind: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Parent organization id.
    pub parent: Option<String>,
}

/// An instrument a report cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable id.
    pub id: String,
    /// Name as printed.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Kind id.
    pub kind: Option<String>,
    /// Document symbol.
    pub reference: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Issuing organization id.
    pub issuer: Option<String>,
}

/// A recommendation, finding or conclusion, in the report's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// Stable id.
    pub id: String,
    /// Conference id.
    pub conference: String,
    /// Session id.
    pub session: String,
    /// Position in the session's list, from 1.
    pub order: u32,
    /// Label id ("recommendations", "findings", "conclusions").
    pub label: String,
    /// The report's exact words.
    pub text: String,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Pillar ids.
    pub pillars: Vec<String>,
    /// Addressee ids.
    pub addressees: Vec<String>,
    /// Instrument ids.
    pub instruments: Vec<String>,
    /// Where it is in the report.
    pub source: SourceLocation,
}

/// Where a bullet is in its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceLocation {
    /// Report path relative to the dataset folder.
    pub report: String,
    /// The section heading as printed.
    pub section: String,
    /// Position of the bullet in its list, from 1.
    pub bullet: u32,
    /// Line of the report text on which the bullet starts, from 1.
    pub line: u32,
}

impl Dataset {
    /// The conference with this id.
    pub fn conference(&self, id: &str) -> Option<&Conference> {
        self.conferences.iter().find(|c| c.id == id)
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }

    /// The recommendations of a session, in order.
    pub fn recommendations_of<'a>(
        &'a self,
        session: &'a str,
    ) -> impl Iterator<Item = &'a Recommendation> + 'a {
        self.recommendations
            .iter()
            .filter(move |r| r.session == session)
    }
}

/// The JSON Schema (draft 2020-12) of the dataset document, generated from these types.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<Dataset>();
    schema.insert(
        "$comment".into(),
        "generated from alliance-core's model; do not edit".into(),
    );
    schema.to_value()
}
