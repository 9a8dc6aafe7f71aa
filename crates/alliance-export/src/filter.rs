//! Filters: a consistent subset of a dataset, selected by conference, session, theme and pillar.
//!
//! A recommendation is selected when it matches every kind of filter given (any of the ids
//! given for that kind). The subset then holds what the selection needs and nothing that would
//! dangle: the selected recommendations, their sessions (and, when only conferences or sessions
//! are selected, every session that matches even without recommendations), the conferences of
//! those sessions with the figures that belong to them, the people who took part in them with
//! their affiliations at those conferences, and the organizations and instruments that any of
//! these records refer to (with every parent organization). The controlled vocabularies are
//! kept whole. Without filters the subset is the whole dataset.

use std::collections::HashSet;

use alliance_core::model::{Dataset, Instrument, Organization, Person, Recommendation, Term};

/// What to export. An empty list selects everything of its kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Conference ids.
    pub conferences: Vec<String>,
    /// Session ids.
    pub sessions: Vec<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// Pillar ids.
    pub pillars: Vec<String>,
}

/// How [`Selection::describe`] names the filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrasing {
    /// As the command-line options that select them (the CSV package's descriptor).
    Options,
    /// In words (the workbook's About sheet).
    Words,
}

pub use alliance_cli::ids::{UnknownIds, UnknownKind};

impl Selection {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.conferences.is_empty()
            && self.sessions.is_empty()
            && self.themes.is_empty()
            && self.pillars.is_empty()
    }

    /// Whether a recommendation matches every kind of filter given.
    pub fn selects(&self, r: &Recommendation) -> bool {
        let matches = |filter: &[String], id: &String| filter.is_empty() || filter.contains(id);
        let matches_any = |filter: &[String], ids: &[String]| {
            filter.is_empty() || ids.iter().any(|id| filter.contains(id))
        };
        matches(&self.conferences, &r.conference)
            && matches(&self.sessions, &r.session)
            && matches_any(&self.themes, &r.themes)
            && matches_any(&self.pillars, &r.pillars)
    }

    /// Each kind of filter, in the options' order: its option, its noun, and the ids given.
    fn filters(&self) -> [(&'static str, &'static str, &[String]); 4] {
        [
            ("--conference", "conference", &self.conferences),
            ("--session", "session", &self.sessions),
            ("--theme", "theme", &self.themes),
            ("--pillar", "pillar", &self.pillars),
        ]
    }

    /// The filters given, or `None` when nothing is filtered: as the options that select them
    /// (`--conference alliance-17 --theme a,b`) or in words (`conference alliance-17, and of
    /// theme a or b`). What the CSV package and the workbook say they hold.
    pub fn describe(&self, phrasing: Phrasing) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let given = self
            .filters()
            .into_iter()
            .filter(|(_, _, ids)| !ids.is_empty());
        let (parts, separator): (Vec<String>, _) = match phrasing {
            Phrasing::Options => (
                given
                    .map(|(option, _, ids)| format!("{option} {}", ids.join(",")))
                    .collect(),
                " ",
            ),
            Phrasing::Words => (
                given
                    .map(|(_, noun, ids)| format!("{noun} {}", ids.join(" or ")))
                    .collect(),
                ", and of ",
            ),
        };
        Some(parts.join(separator))
    }

    /// Checks that every id names a record of its kind.
    pub fn check(&self, dataset: &Dataset) -> Result<(), UnknownIds> {
        let terms = |terms: &[Term]| terms.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        let known: [Vec<String>; 4] = [
            dataset.conferences.iter().map(|c| c.id.clone()).collect(),
            dataset.sessions.iter().map(|s| s.id.clone()).collect(),
            terms(&dataset.themes),
            terms(&dataset.pillars),
        ];
        UnknownIds::from_kinds(
            self.filters()
                .into_iter()
                .zip(known)
                .map(|((option, noun, given), known)| {
                    UnknownKind::check(option, noun, given, known)
                }),
        )
    }

    /// The consistent subset this selection describes (see the module documentation).
    pub fn apply(&self, dataset: &Dataset) -> Dataset {
        if self.is_empty() {
            return dataset.clone();
        }
        let set = |ids: &[String]| -> Option<HashSet<String>> {
            (!ids.is_empty()).then(|| ids.iter().cloned().collect())
        };
        let (conferences, sessions) = (set(&self.conferences), set(&self.sessions));
        let matches = |filter: &Option<HashSet<String>>, id: &str| {
            filter.as_ref().is_none_or(|f| f.contains(id))
        };
        let by_recommendation = !self.themes.is_empty() || !self.pillars.is_empty();
        let by_session = sessions.is_some() || by_recommendation;

        let mut recommendations: Vec<Recommendation> = dataset
            .recommendations
            .iter()
            .filter(|r| self.selects(r))
            .cloned()
            .collect();
        let sessions_of_recommendations: HashSet<&str> =
            recommendations.iter().map(|r| r.session.as_str()).collect();

        let mut out = Dataset {
            format_version: dataset.format_version.clone(),
            release: dataset.release.clone(),
            themes: dataset.themes.clone(),
            pillars: dataset.pillars.clone(),
            vocabularies: dataset.vocabularies.clone(),
            ..Dataset::default()
        };
        out.sessions = dataset
            .sessions
            .iter()
            .filter(|s| {
                matches(&conferences, &s.conference)
                    && matches(&sessions, &s.id)
                    && (!by_recommendation || sessions_of_recommendations.contains(s.id.as_str()))
            })
            .cloned()
            .collect();
        let kept_sessions: HashSet<&str> = out.sessions.iter().map(|s| s.id.as_str()).collect();
        let conferences_of_sessions: HashSet<&str> =
            out.sessions.iter().map(|s| s.conference.as_str()).collect();
        out.conferences = dataset
            .conferences
            .iter()
            .filter(|c| {
                matches(&conferences, &c.id)
                    && (!by_session || conferences_of_sessions.contains(c.id.as_str()))
            })
            .cloned()
            .collect();
        let kept_conferences: HashSet<String> =
            out.conferences.iter().map(|c| c.id.clone()).collect();
        for conference in &mut out.conferences {
            conference.figures.retain(|f| {
                f.session
                    .as_deref()
                    .is_none_or(|s| kept_sessions.contains(s))
            });
        }
        recommendations.retain(|r| {
            kept_sessions.contains(r.session.as_str()) && kept_conferences.contains(&r.conference)
        });

        out.recommendations = recommendations;
        out.people = people(dataset, &out, &kept_conferences);
        out.instruments = instruments(dataset, &out);
        out.organizations = organizations(dataset, &out);
        out
    }
}

/// Everyone who took part in a session of `out`, with their affiliations at its conferences
/// (`conferences`).
fn people(dataset: &Dataset, out: &Dataset, conferences: &HashSet<String>) -> Vec<Person> {
    let participants: HashSet<&str> = out
        .sessions
        .iter()
        .flat_map(|s| s.participants.iter().map(|p| p.person.as_str()))
        .collect();
    let mut people: Vec<Person> = dataset
        .people
        .iter()
        .filter(|p| participants.contains(p.id.as_str()))
        .cloned()
        .collect();
    for person in &mut people {
        person
            .affiliations
            .retain(|a| conferences.contains(&a.conference));
    }
    people
}

/// The instruments a recommendation, session or conference of `out` cites.
fn instruments(dataset: &Dataset, out: &Dataset) -> Vec<Instrument> {
    let mut instruments: HashSet<&str> = HashSet::new();
    instruments.extend(
        out.recommendations
            .iter()
            .flat_map(|r| r.instruments.iter().map(String::as_str)),
    );
    instruments.extend(
        out.sessions
            .iter()
            .flat_map(|s| s.instruments.iter().map(String::as_str)),
    );
    instruments.extend(
        out.conferences
            .iter()
            .flat_map(|c| c.in_line_with.iter().map(String::as_str)),
    );
    dataset
        .instruments
        .iter()
        .filter(|i| instruments.contains(i.id.as_str()))
        .cloned()
        .collect()
}

/// The organizations any record of `out` refers to, with their parents.
fn organizations(dataset: &Dataset, out: &Dataset) -> Vec<Organization> {
    let mut organizations: HashSet<&str> = HashSet::new();
    organizations.extend(out.sessions.iter().flat_map(|s| {
        s.co_organizers
            .iter()
            .chain(&s.contributors)
            .map(String::as_str)
    }));
    organizations.extend(
        out.conferences
            .iter()
            .filter_map(|c| c.organizer.as_deref()),
    );
    organizations.extend(out.people.iter().flat_map(|p| {
        p.affiliations
            .iter()
            .filter_map(|a| a.organization.as_deref())
    }));
    organizations.extend(out.instruments.iter().filter_map(|i| i.issuer.as_deref()));
    let parents: std::collections::HashMap<&str, &str> = dataset
        .organizations
        .iter()
        .filter_map(|o| Some((o.id.as_str(), o.parent.as_deref()?)))
        .collect();
    let mut queue: Vec<&str> = organizations.iter().copied().collect();
    while let Some(id) = queue.pop() {
        if let Some(parent) = parents.get(id)
            && organizations.insert(parent)
        {
            queue.push(parent);
        }
    }
    dataset
        .organizations
        .iter()
        .filter(|o| organizations.contains(o.id.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_filter_is_the_whole_dataset() {
        let dataset = crate::real_dataset();
        assert_eq!(Selection::default().apply(&dataset), dataset);
    }

    #[test]
    fn a_selection_is_described_as_options_and_in_words() {
        assert_eq!(Selection::default().describe(Phrasing::Options), None);
        assert_eq!(Selection::default().describe(Phrasing::Words), None);
        let selection = Selection {
            conferences: vec!["alliance-17".into()],
            themes: vec!["a".into(), "b".into()],
            ..Selection::default()
        };
        assert_eq!(
            selection.describe(Phrasing::Options).as_deref(),
            Some("--conference alliance-17 --theme a,b")
        );
        assert_eq!(
            selection.describe(Phrasing::Words).as_deref(),
            Some("conference alliance-17, and of theme a or b")
        );
    }

    #[test]
    fn unknown_ids_are_listed_with_the_known_ones() {
        let dataset = crate::real_dataset();
        let selection = Selection {
            themes: vec!["no-such-theme".into(), "no-such-theme".into()],
            pillars: vec!["protection".into(), "pr0tection".into()],
            ..Selection::default()
        };
        let err = selection.check(&dataset).expect_err("unknown ids");
        assert_eq!(err.kinds.len(), 2);
        assert_eq!(err.kinds[0].unknown, ["no-such-theme"]);
        assert_eq!(err.kinds[1].unknown, ["pr0tection"]);
        let message = err.to_string();
        assert!(
            message.starts_with("--theme: unknown theme `no-such-theme`; known themes: "),
            "{message}"
        );
        assert!(
            message.ends_with(
                "\n--pillar: unknown pillar `pr0tection` (did you mean `protection`?); known pillars: prevention, protection, prosecution, partnership"
            ),
            "{message}"
        );
    }
}
