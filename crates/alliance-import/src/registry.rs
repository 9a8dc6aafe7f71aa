//! The people and organizations a draft names: those the registry already has, matched by
//! name, and the new ones, with ids that are free.

use std::collections::{BTreeMap, HashMap, HashSet};

use alliance_core::Dataset;
use alliance_draft::{AffiliationDraft, OrganizationDraft, PersonDraft, slug};

/// Country codes that are printed like an organization's abbreviation but are not one.
const COUNTRY_CODES: &[&str] = &["UK", "US", "USA", "UAE", "EU"];

/// Words that make a part of an affiliation an organization's name.
const ORGANIZATION_WORDS: &[&str] = &[
    "Office",
    "Commission",
    "Committee",
    "Ministry",
    "Agency",
    "University",
    "Court",
    "Mission",
    "Council",
    "Foundation",
    "Centre",
    "Center",
    "Unit",
    "Academy",
    "Organization",
    "Organisation",
    "Department",
    "Institute",
    "Association",
    "Network",
    "Secretariat",
    "Directorate",
    "Delegation",
    "Representation",
];

/// A person of the draft.
#[derive(Debug, Clone)]
pub(crate) struct DraftPerson {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) honorific: Option<String>,
    /// The registry has them already.
    pub(crate) reused: bool,
    /// Their affiliation at this conference, when the report prints one and the registry does
    /// not have one for it yet.
    pub(crate) affiliation: Option<AffiliationDraft>,
    /// The registry has an affiliation for this conference already.
    pub(crate) affiliated: bool,
    /// The line they are first named on.
    pub(crate) line: usize,
}

/// The people and organizations of a draft.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Every id the registry or the draft uses, people and organizations apart.
    person_ids: HashSet<String>,
    organization_ids: HashSet<String>,
    /// The registry's people, by the slug of their name (with and without honorific).
    known_people: HashMap<String, (String, bool)>,
    /// The registry's organizations, by the slug of every name they are printed under.
    known_organizations: HashMap<String, String>,
    /// The new organizations, by the slug of their name and abbreviation.
    new_organizations: HashMap<String, String>,
    /// The draft's people, in the order they are first named.
    pub(crate) people: Vec<DraftPerson>,
    by_key: HashMap<String, usize>,
    /// The draft's people, by id.
    by_id: HashMap<String, usize>,
    /// New organizations, in the order they are first named.
    pub(crate) organizations: Vec<OrganizationDraft>,
    /// Organizations of the registry the draft refers to.
    pub(crate) reused_organizations: BTreeMap<String, ()>,
}

impl Registry {
    /// The registry of a dataset; `conference` is the conference being drafted.
    pub(crate) fn new(ds: &Dataset, conference: &str) -> Registry {
        let mut r = Registry::default();
        for p in &ds.people {
            r.person_ids.insert(p.id.clone());
            let has = p.affiliations.iter().any(|a| a.conference == conference);
            r.known_people
                .insert(match_key(&p.name), (p.id.clone(), has));
            if let Some(h) = &p.honorific {
                r.known_people
                    .insert(match_key(&format!("{h} {}", p.name)), (p.id.clone(), has));
            }
        }
        for o in &ds.organizations {
            r.organization_ids.insert(o.id.clone());
            let names = std::iter::once(&o.name)
                .chain(&o.also_printed_as)
                .chain(&o.abbreviation);
            for name in names {
                r.known_organizations.insert(match_key(name), o.id.clone());
            }
        }
        r
    }

    /// The id of the person named `name` (with `honorific`), first named on `line`: the
    /// registry's when it has them, else a new one.
    pub(crate) fn person(&mut self, name: &str, honorific: Option<&str>, line: usize) -> String {
        let printed = match honorific {
            Some(h) if !name.contains(' ') => format!("{h} {name}"),
            _ => name.to_owned(),
        };
        let key = match_key(&printed);
        if let Some(&i) = self.by_key.get(&key) {
            let p = &mut self.people[i];
            if p.honorific.is_none() && !p.reused {
                p.honorific = honorific.map(str::to_owned);
            }
            return p.id.clone();
        }
        let known = self
            .known_people
            .get(&key)
            .or_else(|| self.known_people.get(&match_key(name)))
            .cloned();
        let (id, reused, has_affiliation) = match known {
            Some((id, has)) => (id, true, has),
            None => (free_id(&slug(&printed), &mut self.person_ids), false, false),
        };
        self.by_key.insert(key, self.people.len());
        self.by_id.entry(id.clone()).or_insert(self.people.len());
        self.people.push(DraftPerson {
            id: id.clone(),
            name: name.to_owned(),
            honorific: honorific.map(str::to_owned),
            reused,
            affiliation: None,
            affiliated: has_affiliation,
            line,
        });
        id
    }

    /// Gives the person `id` the affiliation printed for them, unless they have one.
    pub(crate) fn affiliate(&mut self, id: &str, affiliation: AffiliationDraft) {
        if let Some(p) = self.by_id.get(id).map(|&i| &mut self.people[i])
            && p.affiliation.is_none()
            && !p.affiliated
        {
            p.affiliation = Some(affiliation);
        }
    }

    /// The id of the organization printed as `name` ("the Executive Committee of the CIS"): the
    /// registry's when one is printed so, else a new one.
    pub(crate) fn organization(&mut self, name: &str) -> String {
        let (name, abbreviation) = split_abbreviation(name);
        let keys: Vec<String> = std::iter::once(name)
            .chain(abbreviation)
            .map(match_key)
            .collect();
        for key in &keys {
            if let Some(id) = self.new_organizations.get(key) {
                return id.clone();
            }
            if let Some(id) = self.known_organizations.get(key) {
                self.reused_organizations.insert(id.clone(), ());
                return id.clone();
            }
        }
        let id = free_id(
            &slug(abbreviation.unwrap_or(name)),
            &mut self.organization_ids,
        );
        for key in keys {
            self.new_organizations.insert(key, id.clone());
        }
        self.organizations.push(OrganizationDraft {
            id: id.clone(),
            name: name.to_owned(),
            abbreviation: abbreviation.map(str::to_owned),
        });
        id
    }

    /// The organization an affiliation as printed ends with, when its last part is the
    /// registry's or plainly an organization (an abbreviation, or a name with "Office",
    /// "Commission", ...).
    pub(crate) fn organization_of(&mut self, affiliation: &str) -> Option<String> {
        // one part is a position ("Director of the Office of ..."), not an organization
        let (_, last) = affiliation.rsplit_once(", ")?;
        let last = last.trim();
        let last = strip_the(last);
        let (name, abbreviation) = split_abbreviation(last);
        let known = std::iter::once(name).chain(abbreviation).any(|k| {
            let k = match_key(k);
            self.known_organizations.contains_key(&k) || self.new_organizations.contains_key(&k)
        });
        let acronym = name.len() >= 2
            && name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '/' || c == '-')
            && !COUNTRY_CODES.contains(&name);
        let named = name.starts_with(char::is_uppercase)
            && name
                .split(' ')
                .any(|w| ORGANIZATION_WORDS.contains(&w.trim_end_matches(['.', ','])));
        (known || acronym || named).then(|| self.organization(last))
    }

    /// The new people, as registry records.
    pub(crate) fn new_people(&self) -> Vec<PersonDraft> {
        self.people
            .iter()
            .filter(|p| !p.reused)
            .map(|p| PersonDraft {
                id: p.id.clone(),
                name: p.name.clone(),
                honorific: p.honorific.clone(),
                affiliations: p.affiliation.iter().cloned().collect(),
            })
            .collect()
    }
}

/// "the Executive Committee of the CIS" is "Executive Committee of the CIS".
pub(crate) fn strip_the(name: &str) -> &str {
    name.strip_prefix("the ").unwrap_or(name)
}

/// "Transnational Threats Department (TNTD)" is the name and "TNTD".
fn split_abbreviation(name: &str) -> (&str, Option<&str>) {
    if let Some(open) = name.rfind(" (")
        && let Some(inner) = name[open + 2..].strip_suffix(')')
        && !inner.is_empty()
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '/' || c == '-')
    {
        return (&name[..open], Some(inner));
    }
    (name, None)
}

/// What a name is matched by: its slug, or for a name of which a slug keeps no letter
/// ("Иван Петров", "王伟") the name itself, its spaces collapsed, so that two such names are
/// never taken for one.
fn match_key(name: &str) -> String {
    let slug = slug(name);
    if slug.is_empty() {
        format!("={}", name.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3`, ... : the first that `taken` does not hold (then taken).
pub(crate) fn free_id(base: &str, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() { "unnamed" } else { base };
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_without_latin_letters_are_told_apart() {
        let ds = Dataset::default();
        let mut r = Registry::new(&ds, "fictional-1");
        let a = r.person("Иван Петров", None, 1);
        let b = r.person("Пётр Иванов", None, 2);
        let c = r.person("王伟", None, 3);
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_eq!(r.person("Иван  Петров", None, 4), a, "the same name again");
        assert_eq!(r.people.len(), 3);
        assert_ne!(r.organization("Министерство"), r.organization("Комиссия"));
    }

    #[test]
    fn abbreviations_and_ids() {
        assert_eq!(
            split_abbreviation("Strategic Police Matters Unit (SPMU)"),
            ("Strategic Police Matters Unit", Some("SPMU"))
        );
        assert_eq!(split_abbreviation("A (b)"), ("A (b)", None));
        let mut taken: HashSet<String> = ["ann".to_owned(), "ann-2".to_owned()].into();
        assert_eq!(free_id("ann", &mut taken), "ann-3");
        assert_eq!(free_id("", &mut taken), "unnamed");
    }

    #[test]
    fn organizations_of_affiliations() {
        let mut r = Registry::default();
        assert_eq!(
            r.organization_of("Head of Migrant Assistance Division, IOM")
                .as_deref(),
            Some("iom")
        );
        assert_eq!(
            r.organization_of("Independent Researcher, Tajikistan"),
            None
        );
        assert_eq!(r.organization_of("Commissioner, UK"), None);
        assert_eq!(
            r.organization_of("Senior Adviser, Office of the Example Representative")
                .as_deref(),
            Some("office-of-the-example-representative")
        );
        assert_eq!(r.organization("IOM"), "iom");
        assert_eq!(r.organizations.len(), 2);
    }
}
