//! Lookups over a [`Dataset`] built once, so that work per record stays constant however large
//! the dataset: records by id, and recommendations grouped by session and by theme.
//!
//! The `Dataset` helpers (`Dataset::session`, `Dataset::recommendations_of`) scan; use an
//! `Index` wherever they would be called once per record.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    Conference, Dataset, Instrument, Organization, Person, Recommendation, Session, Term,
};

/// Records by id and recommendations by session and by theme, borrowed from a dataset: the
/// one lookup of the toolkit (lint, export and brief all use it).
#[derive(Debug)]
pub struct Index<'a> {
    dataset: &'a Dataset,
    conferences: HashMap<&'a str, usize>,
    sessions: HashMap<&'a str, usize>,
    people: HashMap<&'a str, usize>,
    organizations: HashMap<&'a str, usize>,
    instruments: HashMap<&'a str, usize>,
    terms: HashMap<(Vocabulary, &'a str), &'a Term>,
    by_session: HashMap<&'a str, Vec<&'a Recommendation>>,
    by_theme: HashMap<&'a str, Vec<&'a Recommendation>>,
}

/// The controlled vocabularies a [`Term`] can be looked up in ([`Index::term`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vocabulary {
    /// `themes`.
    Theme,
    /// `pillars`.
    Pillar,
    /// Actors a recommendation can address.
    Addressee,
    /// What a report calls a list of bullets.
    Label,
    /// Roles in a session.
    Role,
    /// Kinds of session.
    SessionKind,
    /// Kinds of organization.
    OrganizationKind,
    /// Kinds of instrument.
    InstrumentKind,
    /// Kinds of figure.
    FigureKind,
}

impl Vocabulary {
    /// The terms of this vocabulary in `ds`, in their order.
    pub fn terms(self, ds: &Dataset) -> &[Term] {
        let v = &ds.vocabularies;
        match self {
            Vocabulary::Theme => &ds.themes,
            Vocabulary::Pillar => &ds.pillars,
            Vocabulary::Addressee => &v.addressees,
            Vocabulary::Label => &v.labels,
            Vocabulary::Role => &v.roles,
            Vocabulary::SessionKind => &v.session_kinds,
            Vocabulary::OrganizationKind => &v.organization_kinds,
            Vocabulary::InstrumentKind => &v.instrument_kinds,
            Vocabulary::FigureKind => &v.figure_kinds,
        }
    }

    /// Every vocabulary.
    pub const ALL: [Vocabulary; 9] = [
        Vocabulary::Theme,
        Vocabulary::Pillar,
        Vocabulary::Addressee,
        Vocabulary::Label,
        Vocabulary::Role,
        Vocabulary::SessionKind,
        Vocabulary::OrganizationKind,
        Vocabulary::InstrumentKind,
        Vocabulary::FigureKind,
    ];
}

/// Each id's position in `items`; the first, were an id repeated.
fn positions<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::default();
    map.reserve(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(i);
    }
    map
}

/// The records of `items` at the positions of `ids`, in the records' order, each once.
fn in_order<'a, T>(items: &'a [T], positions: &HashMap<&str, usize>, ids: &[&str]) -> Vec<&'a T> {
    let mut found: Vec<usize> = ids
        .iter()
        .filter_map(|id| positions.get(id).copied())
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().filter_map(|i| items.get(i)).collect()
}

impl<'a> Index<'a> {
    /// Indexes a dataset; linear in its size.
    pub fn new(ds: &'a Dataset) -> Self {
        let mut by_session: HashMap<&str, Vec<&Recommendation>> = HashMap::default();
        let mut by_theme: HashMap<&str, Vec<&Recommendation>> = HashMap::default();
        by_session.reserve(ds.sessions.len());
        by_theme.reserve(ds.themes.len());
        for r in &ds.recommendations {
            by_session.entry(&r.session).or_default().push(r);
            for t in &r.themes {
                let list = by_theme.entry(t).or_default();
                // a theme listed twice on one recommendation counts once
                if list.last().is_none_or(|last| last.id != r.id) {
                    list.push(r);
                }
            }
        }
        let mut terms = HashMap::default();
        for vocabulary in Vocabulary::ALL {
            for term in vocabulary.terms(ds) {
                terms.entry((vocabulary, term.id.as_str())).or_insert(term);
            }
        }
        Index {
            dataset: ds,
            conferences: positions(&ds.conferences, |c| &c.id),
            sessions: positions(&ds.sessions, |s| &s.id),
            people: positions(&ds.people, |p| &p.id),
            organizations: positions(&ds.organizations, |o| &o.id),
            instruments: positions(&ds.instruments, |i| &i.id),
            terms,
            by_session,
            by_theme,
        }
    }

    /// The dataset indexed.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The conference with this id.
    pub fn conference(&self, id: &str) -> Option<&'a Conference> {
        self.conferences
            .get(id)
            .map(|&i| &self.dataset.conferences[i])
    }

    /// The conferences with these ids, in the dataset's order, each once.
    pub fn conferences(&self, ids: &[&str]) -> Vec<&'a Conference> {
        in_order(&self.dataset.conferences, &self.conferences, ids)
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&'a Session> {
        self.sessions.get(id).map(|&i| &self.dataset.sessions[i])
    }

    /// The position of the session with this id in the dataset's sessions.
    pub fn session_position(&self, id: &str) -> Option<usize> {
        self.sessions.get(id).copied()
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&'a Person> {
        self.people.get(id).map(|&i| &self.dataset.people[i])
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<&'a Organization> {
        self.organizations
            .get(id)
            .map(|&i| &self.dataset.organizations[i])
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &str) -> Option<&'a Instrument> {
        self.instruments
            .get(id)
            .map(|&i| &self.dataset.instruments[i])
    }

    /// The instruments with these ids, in the registry's order, each once.
    pub fn instruments(&self, ids: &[&str]) -> Vec<&'a Instrument> {
        in_order(&self.dataset.instruments, &self.instruments, ids)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&'a Term> {
        self.term(Vocabulary::Theme, id)
    }

    /// The term with this id in a vocabulary.
    pub fn term(&self, vocabulary: Vocabulary, id: &str) -> Option<&'a Term> {
        self.terms.get(&(vocabulary, id)).copied()
    }

    /// A session's recommendations, in order.
    pub fn recommendations_of(&self, session: &str) -> &[&'a Recommendation] {
        self.by_session.get(session).map_or(&[], Vec::as_slice)
    }

    /// A theme's recommendations, in the dataset's order.
    pub fn recommendations_in(&self, theme: &str) -> &[&'a Recommendation] {
        self.by_theme.get(theme).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_agree_with_the_dataset_helpers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let loaded = crate::load(&root).expect("loads");
        let ds = &loaded.dataset;
        let index = Index::new(ds);
        for s in &ds.sessions {
            let scanned: Vec<&str> = ds
                .recommendations_of(&s.id)
                .map(|r| r.id.as_str())
                .collect();
            let indexed: Vec<&str> = index
                .recommendations_of(&s.id)
                .iter()
                .map(|r| r.id.as_str())
                .collect();
            assert_eq!(scanned, indexed);
            assert_eq!(index.session(&s.id).map(|x| &x.id), Some(&s.id));
        }
        for t in &ds.themes {
            let scanned = ds
                .recommendations
                .iter()
                .filter(|r| r.themes.contains(&t.id))
                .count();
            assert_eq!(index.recommendations_in(&t.id).len(), scanned, "{}", t.id);
        }
        assert!(index.recommendations_in("no-such-theme").is_empty());
        for (i, c) in ds.conferences.iter().enumerate() {
            assert_eq!(
                index.conferences(&[c.id.as_str(), "nope", c.id.as_str()]),
                [c]
            );
            assert_eq!(index.conference(&c.id).map(|x| &x.id), Some(&c.id), "{i}");
        }
        let ids: Vec<&str> = ds.instruments.iter().rev().map(|i| i.id.as_str()).collect();
        let found: Vec<&str> = index
            .instruments(&ids)
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        let registry: Vec<&str> = ds.instruments.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(found, registry, "registry order, whatever the order asked");
        for vocabulary in Vocabulary::ALL {
            for term in vocabulary.terms(ds) {
                assert_eq!(index.term(vocabulary, &term.id), Some(term));
            }
        }
        assert_eq!(index.term(Vocabulary::Pillar, "criminal-justice"), None);
        let last = ds.sessions.len() - 1;
        assert_eq!(index.session_position(&ds.sessions[last].id), Some(last));
    }
}
