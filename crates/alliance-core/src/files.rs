//! The source format: what each TOML file under `data/` holds. These types are the single
//! definition of the format; the loader deserializes them and the JSON Schemas in
//! `data/schemas/` are generated from them, so editors and the loader cannot disagree.
//!
//! Every table rejects unknown keys. References to other records are ids (lowercase
//! kebab-case) and carry their byte span so the loader can point at a dangling one.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use toml::Spanned;

/// Schema of an id or a reference to one: lowercase ASCII words joined by hyphens.
pub(crate) struct IdSchema;

/// The pattern every id matches.
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

impl JsonSchema for IdSchema {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "An id: lowercase ASCII letters and digits in words joined by hyphens."
        })
    }
}

/// Schema of a calendar date.
pub(crate) struct DateSchema;

impl JsonSchema for DateSchema {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// The dataset as a whole (`data/dataset.toml`): what it is and which release this is.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetFile {
    /// Title of the dataset.
    pub title: String,
    /// Release version (semantic versioning), bumped when the data changes.
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    /// Date of the release; outputs print this date, never the clock's.
    #[schemars(with = "DateSchema")]
    pub date: Spanned<String>,
}

/// A controlled vocabulary (`data/vocabularies/*.toml`): themes, pillars, roles, session
/// kinds, labels, addressees, organization, instrument and figure kinds.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabularyFile {
    /// The terms, in the order they are presented.
    #[serde(default)]
    #[schemars(with = "Vec<TermEntry>")]
    pub term: Vec<Spanned<TermEntry>>,
}

/// One term of a vocabulary.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermEntry {
    /// Stable id, used by references from other files.
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Name shown to people.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// What the term covers (one paragraph for themes).
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    /// Roles only: roles of this vocabulary that one person cannot also hold in the same
    /// session.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub incompatible_with: Vec<Spanned<String>>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// The people registry (`data/registry/people.toml`). People recur across conferences.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeopleFile {
    /// Every person named by a conference report.
    #[serde(default)]
    #[schemars(with = "Vec<PersonEntry>")]
    pub person: Vec<Spanned<PersonEntry>>,
}

/// A person named in a report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// Stable id, usually the name in kebab-case.
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Full name as printed, without honorific.
    pub name: String,
    /// Honorific as printed ("Ambassador", "Fr.", "Dr.", "Mr.").
    pub honorific: Option<String>,
    /// Positions the person held, per conference, as the report gives them.
    #[serde(default)]
    pub affiliation: Vec<AffiliationEntry>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// A position a person held at a conference, as the report prints it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AffiliationEntry {
    /// The conference whose report gives this affiliation.
    #[schemars(with = "IdSchema")]
    pub conference: Spanned<String>,
    /// The organization, when the report names one.
    #[schemars(with = "Option<IdSchema>")]
    pub organization: Option<Spanned<String>>,
    /// The position ("Head of Migrant Assistance Division").
    pub title: Option<String>,
    /// A unit within the organization ("Geneva Liaison Office").
    pub unit: Option<String>,
    /// A country the report gives with the position, when no organization carries it.
    pub country: Option<String>,
    /// The whole affiliation exactly as printed in the report, for verbatim checks.
    #[schemars(with = "String")]
    pub as_printed: Spanned<String>,
}

/// The organizations registry (`data/registry/organizations.toml`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationsFile {
    /// Every organization, co-organizer, contributing agency and platform a report names.
    #[serde(default)]
    #[schemars(with = "Vec<OrganizationEntry>")]
    pub organization: Vec<Spanned<OrganizationEntry>>,
}

/// An organization.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationEntry {
    /// Stable id.
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Name as the report prints it.
    pub name: String,
    /// Abbreviation, when the report gives one.
    pub abbreviation: Option<String>,
    /// Other forms of the name found in reports.
    #[serde(default)]
    pub also_printed_as: Vec<String>,
    /// Kind, from `vocabularies/organization-kinds.toml`.
    #[schemars(with = "Option<IdSchema>")]
    pub kind: Option<Spanned<String>>,
    /// Country, when the report gives one.
    pub country: Option<String>,
    /// The organization this one is part of.
    #[schemars(with = "Option<IdSchema>")]
    pub parent: Option<Spanned<String>>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// The instruments registry (`data/registry/instruments.toml`): decisions, resolutions,
/// goals, conventions, plans and declarations that reports cite.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentsFile {
    /// Every instrument cited.
    #[serde(default)]
    #[schemars(with = "Vec<InstrumentEntry>")]
    pub instrument: Vec<Spanned<InstrumentEntry>>,
}

/// An instrument.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentEntry {
    /// Stable id.
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Name as the report prints it.
    pub name: String,
    /// Short name or abbreviation the report uses ("GPoA").
    pub short_name: Option<String>,
    /// Kind, from `vocabularies/instrument-kinds.toml`.
    #[schemars(with = "Option<IdSchema>")]
    pub kind: Option<Spanned<String>>,
    /// Document symbol, when the report gives one ("PC.DEC/685").
    pub reference: Option<String>,
    /// Year, when the report gives one.
    pub year: Option<i32>,
    /// Issuing organization, when the report names it.
    #[schemars(with = "Option<IdSchema>")]
    pub issuer: Option<Spanned<String>>,
}

/// A conference (`data/conferences/<id>/conference.toml`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferenceFile {
    /// Stable id ("alliance-17").
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Conference series ("Alliance against Trafficking in Persons").
    pub series: String,
    /// Edition number in the series.
    pub edition: u32,
    /// Title as printed, without quotation marks.
    pub title: String,
    /// First day.
    #[schemars(with = "DateSchema")]
    pub start_date: Spanned<String>,
    /// Last day.
    #[schemars(with = "DateSchema")]
    pub end_date: Spanned<String>,
    /// City.
    pub city: String,
    /// Venue.
    pub venue: String,
    /// Organizing organization.
    #[schemars(with = "Option<IdSchema>")]
    pub organizer: Option<Spanned<String>>,
    /// Instruments and commitments the conference was held in line with.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub in_line_with: Vec<Spanned<String>>,
    /// The report the data is taken from.
    #[schemars(with = "Option<SourceEntry>")]
    pub source: Option<Spanned<SourceEntry>>,
    /// Figures the report gives.
    #[serde(default)]
    #[schemars(with = "Vec<FigureEntry>")]
    pub figure: Vec<Spanned<FigureEntry>>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// The report a conference's data is taken from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Path of the report text, relative to the conference folder.
    #[schemars(with = "String")]
    pub report: Spanned<String>,
    /// Title of the report.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// How to attribute its text and quotations.
    pub attribution: String,
}

/// A figure the report gives ("381 participants").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureEntry {
    /// Stable id, unique within the conference.
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Kind, from `vocabularies/figure-kinds.toml`.
    #[schemars(with = "IdSchema")]
    pub kind: Spanned<String>,
    /// The number.
    pub value: u64,
    /// A qualifier the report puts on the number ("more than", "some").
    pub qualifier: Option<String>,
    /// The words as printed, for verbatim checks.
    #[schemars(with = "String")]
    pub as_printed: Spanned<String>,
    /// The session the figure belongs to, when it is not the whole conference's.
    #[schemars(with = "Option<IdSchema>")]
    pub session: Option<Spanned<String>>,
}

/// A session (`data/conferences/<id>/sessions/NN-<name>.toml`) with its participants and the
/// recommendations, findings or conclusions it lists.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    /// Stable id, unique across conferences ("a17-panel-1").
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Kind, from `vocabularies/session-kinds.toml`.
    #[schemars(with = "IdSchema")]
    pub kind: Spanned<String>,
    /// Position in the report, from 1.
    #[schemars(with = "u32")]
    pub order: Spanned<u32>,
    /// Title, without a "Panel N:" prefix.
    pub title: String,
    /// The section heading exactly as printed in the report.
    #[schemars(with = "String")]
    pub heading: Spanned<String>,
    /// The day the session was held, when the report gives it.
    #[schemars(with = "Option<DateSchema>")]
    pub date: Option<Spanned<String>>,
    /// Co-organizing organizations.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub co_organizers: Vec<Spanned<String>>,
    /// Organizations the report says contributed.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub contributors: Vec<Spanned<String>>,
    /// Instruments the session's text cites outside its recommendations.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub instruments: Vec<Spanned<String>>,
    /// Who took part, and in what role; one entry per person and role.
    #[serde(default)]
    #[schemars(with = "Vec<ParticipantEntry>")]
    pub participant: Vec<Spanned<ParticipantEntry>>,
    /// The bullets the session lists, in the report's order.
    #[serde(default)]
    #[schemars(with = "Vec<RecommendationEntry>")]
    pub recommendation: Vec<Spanned<RecommendationEntry>>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// A person's part in a session.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipantEntry {
    /// The person.
    #[schemars(with = "IdSchema")]
    pub person: Spanned<String>,
    /// The role, from `vocabularies/roles.toml`.
    #[schemars(with = "IdSchema")]
    pub role: Spanned<String>,
    /// How the report establishes the role, where it is not stated directly.
    pub note: Option<String>,
}

/// One recommendation, finding or conclusion bullet.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationEntry {
    /// Stable id, unique across conferences ("a17-panel-1-r01").
    #[schemars(with = "IdSchema")]
    pub id: Spanned<String>,
    /// Position in the session's list, from 1.
    #[schemars(with = "u32")]
    pub order: Spanned<u32>,
    /// What the report calls the list, from `vocabularies/labels.toml`.
    #[schemars(with = "IdSchema")]
    pub label: Spanned<String>,
    /// The report's exact words: line and page breaks joined, emphasis markers dropped.
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    /// One to three themes, from `vocabularies/themes.toml`.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub themes: Vec<Spanned<String>>,
    /// One or more of the four pillars, from `vocabularies/pillars.toml`.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub pillars: Vec<Spanned<String>>,
    /// Actors the text names as the ones to act, from `vocabularies/addressees.toml`.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub addressees: Vec<Spanned<String>>,
    /// Instruments the text cites.
    #[serde(default)]
    #[schemars(with = "Vec<IdSchema>")]
    pub instruments: Vec<Spanned<String>>,
    /// Where the bullet is in the report.
    #[schemars(with = "SourceLocationEntry")]
    pub source: Spanned<SourceLocationEntry>,
    /// Lint findings suppressed on this record, each with its reason.
    #[serde(default)]
    pub allow: Vec<SuppressionEntry>,
}

/// A lint finding suppressed on one record: `[[allow]]` (or `[[person.allow]]`, ...) with the
/// rule's code or name and why the finding does not apply.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuppressionEntry {
    /// The rule, by code (`AL016`) or name (`missing-rapporteur`).
    #[schemars(with = "String")]
    pub rule: Spanned<String>,
    /// Why the finding does not apply to this record, e.g. "the report names no rapporteur for
    /// this session".
    #[schemars(with = "String")]
    pub reason: Spanned<String>,
}

/// Where a bullet is in its conference's report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceLocationEntry {
    /// Position of the bullet in its list, from 1.
    pub bullet: u32,
    /// Line of the report text on which the bullet starts, from 1.
    #[schemars(with = "u32")]
    pub line: Spanned<u32>,
}

/// The JSON Schema of every source file kind: `(file name, schema text)`, for
/// `data/schemas/`.
pub fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: JsonSchema>(name: &'static str) -> (&'static str, String) {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let mut schema = generator.into_root_schema_for::<T>();
        schema.insert(
            "$comment".into(),
            "generated by `cargo xtask codegen` from crates/alliance-core/src/files.rs; do not edit".into(),
        );
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        (name, text)
    }
    vec![
        one::<ConferenceFile>("conference.schema.json"),
        one::<DatasetFile>("dataset.schema.json"),
        one::<InstrumentsFile>("instruments.schema.json"),
        one::<OrganizationsFile>("organizations.schema.json"),
        one::<PeopleFile>("people.schema.json"),
        one::<SessionFile>("session.schema.json"),
        one::<VocabularyFile>("vocabulary.schema.json"),
    ]
}
