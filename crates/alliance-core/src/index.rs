//! Lookups over a [`Dataset`] built once, so that work per record stays constant however large
//! the dataset: records by id, and recommendations grouped by session and by theme.
//!
//! The `Dataset` helpers (`Dataset::session`, `Dataset::recommendations_of`) scan; use an
//! `Index` wherever they would be called once per record.

use rustc_hash::FxHashMap as HashMap;

use crate::model::{
    Conference, Dataset, Instrument, Organization, Person, Recommendation, Session, Term,
};

/// Records by id and recommendations by session and by theme, borrowed from a dataset.
#[derive(Debug)]
pub struct Index<'a> {
    conferences: HashMap<&'a str, &'a Conference>,
    sessions: HashMap<&'a str, &'a Session>,
    people: HashMap<&'a str, &'a Person>,
    organizations: HashMap<&'a str, &'a Organization>,
    instruments: HashMap<&'a str, &'a Instrument>,
    themes: HashMap<&'a str, &'a Term>,
    by_session: HashMap<&'a str, Vec<&'a Recommendation>>,
    by_theme: HashMap<&'a str, Vec<&'a Recommendation>>,
}

fn by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, &'a T> {
    items.iter().map(|item| (id(item), item)).collect()
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
        Index {
            conferences: by_id(&ds.conferences, |c| &c.id),
            sessions: by_id(&ds.sessions, |s| &s.id),
            people: by_id(&ds.people, |p| &p.id),
            organizations: by_id(&ds.organizations, |o| &o.id),
            instruments: by_id(&ds.instruments, |i| &i.id),
            themes: by_id(&ds.themes, |t| &t.id),
            by_session,
            by_theme,
        }
    }

    /// The conference with this id.
    pub fn conference(&self, id: &str) -> Option<&'a Conference> {
        self.conferences.get(id).copied()
    }

    /// The session with this id.
    pub fn session(&self, id: &str) -> Option<&'a Session> {
        self.sessions.get(id).copied()
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&'a Person> {
        self.people.get(id).copied()
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<&'a Organization> {
        self.organizations.get(id).copied()
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &str) -> Option<&'a Instrument> {
        self.instruments.get(id).copied()
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&'a Term> {
        self.themes.get(id).copied()
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
    }
}
