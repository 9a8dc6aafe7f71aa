//! The kinds of record a dataset holds, and the vocabulary files that define some of them.

/// The kinds of record a dataset holds; ids are unique within a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A conference.
    Conference,
    /// A session.
    Session,
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// An instrument.
    Instrument,
    /// A recommendation.
    Recommendation,
    /// A figure (ids are unique within a conference).
    Figure,
    /// A theme.
    Theme,
    /// A pillar.
    Pillar,
    /// A role.
    Role,
    /// A session kind.
    SessionKind,
    /// A label.
    Label,
    /// An addressee.
    Addressee,
    /// An organization kind.
    OrganizationKind,
    /// An instrument kind.
    InstrumentKind,
    /// A figure kind.
    FigureKind,
}

/// The vocabularies and the file each is read from, under `vocabularies/`.
pub const VOCABULARIES: &[(Kind, &str)] = &[
    (Kind::Theme, "themes.toml"),
    (Kind::Pillar, "pillars.toml"),
    (Kind::Role, "roles.toml"),
    (Kind::SessionKind, "session-kinds.toml"),
    (Kind::Label, "labels.toml"),
    (Kind::Addressee, "addressees.toml"),
    (Kind::OrganizationKind, "organization-kinds.toml"),
    (Kind::InstrumentKind, "instrument-kinds.toml"),
    (Kind::FigureKind, "figure-kinds.toml"),
];

impl Kind {
    /// The noun for messages ("session kind").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Conference => "conference",
            Kind::Session => "session",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Instrument => "instrument",
            Kind::Recommendation => "recommendation",
            Kind::Figure => "figure",
            Kind::Theme => "theme",
            Kind::Pillar => "pillar",
            Kind::Role => "role",
            Kind::SessionKind => "session kind",
            Kind::Label => "label",
            Kind::Addressee => "addressee",
            Kind::OrganizationKind => "organization kind",
            Kind::InstrumentKind => "instrument kind",
            Kind::FigureKind => "figure kind",
        }
    }

    /// Where records of this kind are defined, relative to the dataset folder.
    pub fn defined_in(self) -> String {
        match self {
            Kind::Conference => "conferences/<id>/conference.toml".into(),
            Kind::Session | Kind::Recommendation => "conferences/<id>/sessions/".into(),
            Kind::Figure => "the conference's conference.toml".into(),
            Kind::Person => "registry/people.toml".into(),
            Kind::Organization => "registry/organizations.toml".into(),
            Kind::Instrument => "registry/instruments.toml".into(),
            vocabulary => VOCABULARIES
                .iter()
                .find(|(k, _)| *k == vocabulary)
                .map(|(_, f)| format!("vocabularies/{f}"))
                .unwrap_or_default(),
        }
    }
}
