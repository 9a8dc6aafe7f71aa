//! What a brief shows, gathered from the dataset: plain structs that the templates print and
//! that the fit estimate measures. Nothing here formats HTML; every string is data (escaped by
//! the templates) or built from data.
//!
//! A brief looks its records up through a [`Lookup`]: [`Indexed`] builds
//! [`alliance_core::Index`] and the registries' positions once, so that each of many briefs
//! costs only its own items (the renderer and [`crate::estimate_fills`]); [`Scan`] builds
//! nothing and scans the dataset, which is cheaper for a single theme
//! ([`crate::estimate_fill`]). Both give the same brief.

use std::borrow::Cow;
use std::collections::HashMap;

use alliance_core::model::{
    Conference, Figure, Instrument, Organization, Person, Recommendation, Release, Session, Source,
    Term,
};
use alliance_core::{Dataset, Index, dates};

/// How a brief finds the records it shows.
pub(crate) trait Lookup<'a>: Sync {
    /// The dataset.
    fn dataset(&self) -> &'a Dataset;
    /// The theme with this id.
    fn theme(&self, id: &str) -> Option<&'a Term>;
    /// A theme's recommendations, in the dataset's order, each once.
    fn recommendations_in(&self, theme: &str) -> Cow<'_, [&'a Recommendation]>;
    /// The session with this id.
    fn session(&self, id: &str) -> Option<&'a Session>;
    /// The person with this id.
    fn person(&self, id: &str) -> Option<&'a Person>;
    /// The organization with this id.
    fn organization(&self, id: &str) -> Option<&'a Organization>;
    /// The conferences with these ids, in the dataset's order.
    fn conferences(&self, ids: &[&str]) -> Vec<&'a Conference>;
    /// The instruments with these ids, in registry order.
    fn instruments(&self, ids: &[&str]) -> Vec<&'a Instrument>;
}

/// Look-ups that scan the dataset: nothing to build, linear per look-up. For one brief.
pub(crate) struct Scan<'a>(pub(crate) &'a Dataset);

impl<'a> Lookup<'a> for Scan<'a> {
    fn dataset(&self) -> &'a Dataset {
        self.0
    }

    fn theme(&self, id: &str) -> Option<&'a Term> {
        self.0.themes.iter().find(|t| t.id == id)
    }

    fn recommendations_in(&self, theme: &str) -> Cow<'_, [&'a Recommendation]> {
        Cow::Owned(
            self.0
                .recommendations
                .iter()
                .filter(|r| r.themes.iter().any(|t| t == theme))
                .collect(),
        )
    }

    fn session(&self, id: &str) -> Option<&'a Session> {
        self.0.session(id)
    }

    fn person(&self, id: &str) -> Option<&'a Person> {
        self.0.person(id)
    }

    fn organization(&self, id: &str) -> Option<&'a Organization> {
        self.0.organization(id)
    }

    fn conferences(&self, ids: &[&str]) -> Vec<&'a Conference> {
        self.0
            .conferences
            .iter()
            .filter(|c| ids.contains(&c.id.as_str()))
            .collect()
    }

    fn instruments(&self, ids: &[&str]) -> Vec<&'a Instrument> {
        self.0
            .instruments
            .iter()
            .filter(|i| ids.contains(&i.id.as_str()))
            .collect()
    }
}

/// Look-ups built once, linear in the dataset's size; then each is a hash look-up. For many
/// briefs.
pub(crate) struct Indexed<'a> {
    dataset: &'a Dataset,
    index: Index<'a>,
    /// Each conference id's position in the dataset (the first, were an id repeated).
    conference_positions: HashMap<&'a str, usize>,
    /// Each instrument id's position in the registry (the first, were an id repeated).
    instrument_positions: HashMap<&'a str, usize>,
}

impl<'a> Indexed<'a> {
    /// Indexes a dataset.
    pub(crate) fn new(dataset: &'a Dataset) -> Self {
        fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<&str, usize> {
            let mut map = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                map.entry(id(item)).or_insert(i);
            }
            map
        }
        Indexed {
            dataset,
            index: Index::new(dataset),
            conference_positions: positions(&dataset.conferences, |c| &c.id),
            instrument_positions: positions(&dataset.instruments, |i| &i.id),
        }
    }
}

/// The records at the positions of these ids, in the positions' order, each once.
fn in_order<'a, T>(items: &'a [T], positions: &HashMap<&str, usize>, ids: &[&str]) -> Vec<&'a T> {
    let mut found: Vec<usize> = ids
        .iter()
        .filter_map(|id| positions.get(id).copied())
        .collect();
    found.sort_unstable();
    found.dedup();
    found.into_iter().filter_map(|i| items.get(i)).collect()
}

impl<'a> Lookup<'a> for Indexed<'a> {
    fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    fn theme(&self, id: &str) -> Option<&'a Term> {
        self.index.theme(id)
    }

    fn recommendations_in(&self, theme: &str) -> Cow<'_, [&'a Recommendation]> {
        Cow::Borrowed(self.index.recommendations_in(theme))
    }

    fn session(&self, id: &str) -> Option<&'a Session> {
        self.index.session(id)
    }

    fn person(&self, id: &str) -> Option<&'a Person> {
        self.index.person(id)
    }

    fn organization(&self, id: &str) -> Option<&'a Organization> {
        self.index.organization(id)
    }

    fn conferences(&self, ids: &[&str]) -> Vec<&'a Conference> {
        in_order(&self.dataset.conferences, &self.conference_positions, ids)
    }

    fn instruments(&self, ids: &[&str]) -> Vec<&'a Instrument> {
        in_order(&self.dataset.instruments, &self.instrument_positions, ids)
    }
}

/// One theme's brief, before layout.
#[derive(Debug)]
pub(crate) struct ThemeBrief<'a> {
    /// The theme.
    pub(crate) theme: &'a Term,
    /// The conferences the theme's recommendations come from (every conference when it has none).
    pub(crate) conferences: Vec<ConferenceHead<'a>>,
    /// The recommendations, grouped by session in the data's order.
    pub(crate) groups: Vec<SessionGroup<'a>>,
    /// How many recommendations, findings and conclusions.
    pub(crate) item_count: usize,
    /// "8 recommendations, 2 findings".
    pub(crate) label_summary: String,
    /// How many items fall under each pillar, in the pillars' order; pillars with none left out.
    pub(crate) pillar_counts: Vec<PillarCount<'a>>,
    /// The instruments the recommendations cite, in registry order.
    pub(crate) instruments: Vec<InstrumentLine<'a>>,
    /// Where each group comes from in its report.
    pub(crate) references: Vec<SectionRef<'a>>,
    /// The dataset release the brief is made from.
    pub(crate) release: &'a Release,
}

/// A conference as the header and the key figures show it.
#[derive(Debug)]
pub(crate) struct ConferenceHead<'a> {
    /// The conference.
    pub(crate) conference: &'a Conference,
    /// "17th".
    pub(crate) ordinal: String,
    /// "3–4 April 2017".
    pub(crate) dates: String,
    /// The organizer, short: "OSCE · OSR/CTHB".
    pub(crate) organizer: Option<String>,
    /// The conference's own figures (not those of a session).
    pub(crate) figures: Vec<FigureView>,
    /// The report.
    pub(crate) source: Option<&'a Source>,
}

/// A key figure in the report's words, split around its number: "a record number of" 381
/// "participants".
#[derive(Debug)]
pub(crate) struct FigureView {
    /// Words before the number.
    pub(crate) before: String,
    /// The number.
    pub(crate) value: u64,
    /// Words after the number.
    pub(crate) after: String,
}

impl FigureView {
    fn build(dataset: &Dataset, figure: &Figure) -> Self {
        let number = figure.value.to_string();
        let (before, after) = match figure.as_printed.split_once(&number) {
            Some((b, a)) => (b.trim().to_owned(), a.trim().to_owned()),
            None => (
                figure.qualifier.clone().unwrap_or_default(),
                term_name(&dataset.vocabularies.figure_kinds, &figure.kind),
            ),
        };
        FigureView {
            before,
            value: figure.value,
            after,
        }
    }
}

/// The recommendations of one session.
#[derive(Debug)]
pub(crate) struct SessionGroup<'a> {
    /// The session.
    pub(crate) session: &'a Session,
    /// "Susanne Riegler (ORF)".
    pub(crate) moderators: Vec<String>,
    /// The rapporteurs, printed like the moderators.
    pub(crate) rapporteurs: Vec<String>,
    /// Consecutive items with the same label.
    pub(crate) runs: Vec<LabelRun<'a>>,
}

/// Consecutive items of a session that the report introduces with the same label.
#[derive(Debug)]
pub(crate) struct LabelRun<'a> {
    /// The label's name ("Recommendations").
    pub(crate) label: String,
    /// The items.
    pub(crate) items: Vec<Item<'a>>,
}

/// One recommendation, finding or conclusion.
#[derive(Debug)]
pub(crate) struct Item<'a> {
    /// The record.
    pub(crate) rec: &'a Recommendation,
    /// Its pillars, in the pillars' order.
    pub(crate) pillars: Vec<PillarTag<'a>>,
}

/// A pillar as a small label.
#[derive(Debug)]
pub(crate) struct PillarTag<'a> {
    /// Name shown.
    pub(crate) name: &'a str,
    /// Colour tone, 1 to 4, from the pillar's position.
    pub(crate) tone: usize,
}

/// How many of a theme's items fall under a pillar.
#[derive(Debug)]
pub(crate) struct PillarCount<'a> {
    /// The pillar.
    pub(crate) tag: PillarTag<'a>,
    /// How many items.
    pub(crate) count: usize,
}

/// An instrument as the brief lists it.
#[derive(Debug)]
pub(crate) struct InstrumentLine<'a> {
    /// The instrument.
    pub(crate) instrument: &'a Instrument,
    /// Short form shown first ("PC.DEC/685", "SDG 16"), when it differs from the name.
    pub(crate) short: Option<&'a str>,
    /// Year and issuer, when known: "2005, OSCE".
    pub(crate) detail: Option<String>,
}

/// A report section a brief quotes from.
#[derive(Debug)]
pub(crate) struct SectionRef<'a> {
    /// The section heading as printed.
    pub(crate) section: &'a str,
    /// The report file, relative to the dataset folder.
    pub(crate) report: &'a str,
    /// "1, 3, 5".
    pub(crate) bullets: String,
}

impl<'a> ThemeBrief<'a> {
    /// Gathers a theme's brief. Costs the theme's own items, plus one pass over the
    /// conferences for a theme without any.
    pub(crate) fn build(lookup: &dyn Lookup<'a>, theme: &'a Term) -> Self {
        let dataset = lookup.dataset();
        let recs = lookup.recommendations_in(&theme.id);

        let mut conference_ids: Vec<&str> = Vec::new();
        for r in recs.iter() {
            if !conference_ids.contains(&r.conference.as_str()) {
                conference_ids.push(&r.conference);
            }
        }
        let conferences = if conference_ids.is_empty() {
            dataset.conferences.iter().collect()
        } else {
            lookup.conferences(&conference_ids)
        };
        let conferences = conferences
            .into_iter()
            .map(|c| ConferenceHead::build(lookup, c))
            .collect();

        let mut groups: Vec<SessionGroup<'a>> = Vec::new();
        for &r in recs.iter() {
            let item = Item {
                rec: r,
                pillars: pillar_tags(dataset, &r.pillars),
            };
            let label = term_name(&dataset.vocabularies.labels, &r.label);
            match groups.last_mut() {
                Some(g) if g.session.id == r.session => match g.runs.last_mut() {
                    Some(run) if run.label == label => run.items.push(item),
                    _ => g.runs.push(LabelRun {
                        label,
                        items: vec![item],
                    }),
                },
                _ => {
                    let Some(session) = lookup.session(&r.session) else {
                        continue;
                    };
                    groups.push(SessionGroup {
                        session,
                        moderators: people_in_role(lookup, session, "moderator"),
                        rapporteurs: people_in_role(lookup, session, "rapporteur"),
                        runs: vec![LabelRun {
                            label,
                            items: vec![item],
                        }],
                    });
                }
            }
        }
        let items = || {
            groups
                .iter()
                .flat_map(|g| g.runs.iter())
                .flat_map(|r| &r.items)
        };
        let item_count = items().count();

        let mut label_counts: Vec<(String, usize)> = Vec::new();
        for item in items() {
            let name = term_name(&dataset.vocabularies.labels, &item.rec.label);
            match label_counts.iter_mut().find(|(n, _)| *n == name) {
                Some((_, count)) => *count += 1,
                None => label_counts.push((name, 1)),
            }
        }
        let label_summary = label_summary(label_counts.iter().map(|(n, c)| (n.as_str(), *c)));

        let pillar_counts = dataset
            .pillars
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let count = items().filter(|it| it.rec.pillars.contains(&p.id)).count();
                (count > 0).then(|| PillarCount {
                    tag: PillarTag {
                        name: &p.name,
                        tone: i % 4 + 1,
                    },
                    count,
                })
            })
            .collect();

        let mut instrument_ids: Vec<&str> = Vec::new();
        for item in items() {
            for id in &item.rec.instruments {
                if !instrument_ids.contains(&id.as_str()) {
                    instrument_ids.push(id);
                }
            }
        }
        let instruments = lookup
            .instruments(&instrument_ids)
            .into_iter()
            .map(|i| InstrumentLine::build(lookup, i))
            .collect();

        let references = groups
            .iter()
            .flat_map(|g| g.runs.iter().flat_map(|r| &r.items))
            .fold(Vec::<SectionRef<'a>>::new(), |mut refs, item| {
                let s = &item.rec.source;
                match refs.last_mut() {
                    Some(last) if last.section == s.section && last.report == s.report => {
                        last.bullets.push_str(&format!(", {}", s.bullet));
                    }
                    _ => refs.push(SectionRef {
                        section: &s.section,
                        report: &s.report,
                        bullets: s.bullet.to_string(),
                    }),
                }
                refs
            });

        ThemeBrief {
            theme,
            conferences,
            groups,
            item_count,
            label_summary,
            pillar_counts,
            instruments,
            references,
            release: &dataset.release,
        }
    }

    /// How many sessions the items come from.
    pub(crate) fn session_count(&self) -> usize {
        self.groups.len()
    }
}

impl<'a> ConferenceHead<'a> {
    pub(crate) fn build(lookup: &dyn Lookup<'a>, conference: &'a Conference) -> Self {
        let dataset = lookup.dataset();
        let figures = conference
            .figures
            .iter()
            .filter(|f| f.session.is_none())
            .map(|f| FigureView::build(dataset, f))
            .collect();
        ConferenceHead {
            conference,
            ordinal: dates::ordinal(conference.edition),
            dates: dates::date_range(&conference.start_date, &conference.end_date),
            organizer: conference
                .organizer
                .as_deref()
                .map(|id| organization_chain(lookup, id)),
            figures,
            source: conference.source.as_ref(),
        }
    }
}

impl<'a> InstrumentLine<'a> {
    pub(crate) fn build(lookup: &dyn Lookup<'a>, instrument: &'a Instrument) -> Self {
        let short = instrument
            .reference
            .as_deref()
            .or(instrument.short_name.as_deref())
            .filter(|s| *s != instrument.name && !instrument.name.contains(*s));
        let issuer = instrument
            .issuer
            .as_deref()
            .and_then(|id| lookup.organization(id))
            .map(|o| o.abbreviation.as_deref().unwrap_or(&o.name));
        let detail = match (instrument.year, issuer) {
            (Some(y), Some(i)) => Some(format!("{i}, {y}")),
            (Some(y), None) => Some(y.to_string()),
            (None, Some(i)) => Some(i.to_owned()),
            (None, None) => None,
        };
        InstrumentLine {
            instrument,
            short,
            detail,
        }
    }
}

fn pillar_tags<'a>(dataset: &'a Dataset, ids: &[String]) -> Vec<PillarTag<'a>> {
    dataset
        .pillars
        .iter()
        .enumerate()
        .filter(|(_, p)| ids.contains(&p.id))
        .map(|(i, p)| PillarTag {
            name: &p.name,
            tone: i % 4 + 1,
        })
        .collect()
}

/// A term's name, or its id when the vocabulary lacks it.
fn term_name(terms: &[Term], id: &str) -> String {
    term_name_ref(terms, id).to_owned()
}

/// [`term_name`], borrowed.
pub(crate) fn term_name_ref<'t>(terms: &'t [Term], id: &'t str) -> &'t str {
    terms
        .iter()
        .find(|t| t.id == id)
        .map_or(id, |t| t.name.as_str())
}

/// "8 recommendations, 2 findings", from each label's name and count in order of appearance.
pub(crate) fn label_summary<'n>(counts: impl IntoIterator<Item = (&'n str, usize)>) -> String {
    counts
        .into_iter()
        .map(|(name, count)| {
            let name = name.to_lowercase();
            if count == 1 {
                format!("1 {}", singular(&name))
            } else {
                format!("{count} {name}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "recommendations" -> "recommendation".
fn singular(plural: &str) -> &str {
    plural.strip_suffix('s').unwrap_or(plural)
}

/// The people holding `role` in a session: "Susanne Riegler (ORF)".
pub(crate) fn people_in_role<'a>(
    lookup: &dyn Lookup<'a>,
    session: &Session,
    role: &str,
) -> Vec<String> {
    session
        .participants
        .iter()
        .filter(|p| p.role == role)
        .filter_map(|p| lookup.person(&p.person))
        .map(|person| {
            let mut name = match &person.honorific {
                Some(h) => format!("{h} {}", person.name),
                None => person.name.clone(),
            };
            let affiliation = person
                .affiliations
                .iter()
                .find(|a| a.conference == session.conference);
            let org = affiliation
                .and_then(|a| a.organization.as_deref())
                .and_then(|id| lookup.organization(id))
                .map(|o| o.abbreviation.as_deref().unwrap_or(&o.name));
            let country = affiliation.and_then(|a| a.country.as_deref());
            if let Some(at) = org.or(country) {
                name.push_str(&format!(" ({at})"));
            }
            name
        })
        .collect()
}

/// An organization with its parents, short: "OSCE · OSR/CTHB".
fn organization_chain<'a>(lookup: &dyn Lookup<'a>, id: &str) -> String {
    let mut parts = Vec::new();
    let mut next = Some(id);
    while let Some(id) = next {
        let Some(org) = lookup.organization(id) else {
            break;
        };
        if parts.len() >= 4 {
            break; // a cycle in bad data must not loop
        }
        parts.push(org.abbreviation.clone().unwrap_or_else(|| org.name.clone()));
        next = org.parent.as_deref();
    }
    if parts.is_empty() {
        return id.to_owned();
    }
    parts.reverse();
    parts.join(" · ")
}
