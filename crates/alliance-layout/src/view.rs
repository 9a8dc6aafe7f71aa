//! What a brief shows, as the templates print it: plain structs built from a theme's
//! [`Outline`] and the dataset. Nothing here formats HTML; every string is data (escaped by the
//! templates) or built from data.
//!
//! Records are looked up through [`alliance_core::Index`], built once per dataset, so that each
//! of many briefs costs only its own items. The estimate measures the same strings: a
//! conference's [`ConferenceHead`], an instrument's [`InstrumentLine`] and a session's people
//! ([`people_in_role`]) are made by the functions here, for the page and the estimate alike.

use alliance_core::model::{Conference, Figure, Instrument, Recommendation, Session, Source, Term};
use alliance_core::{Index, Vocabulary, dates};

use crate::outline::{self, Entry, Outline};

/// One theme's brief, before layout.
#[derive(Debug)]
pub struct ThemeBrief<'a> {
    /// The theme.
    pub theme: &'a Term,
    /// Whether the brief is across conferences: each conference's items under a heading of
    /// their own, no conference panel in the masthead.
    pub across: bool,
    /// Where its words come from and who made it: the eyebrow's line naming the report, and
    /// the colophon's paragraph about the brief.
    pub provenance: Provenance,
    /// Each conference's part: one for a conference's brief.
    pub parts: Vec<ConferencePart<'a>>,
    /// How many recommendations, findings and conclusions, in all parts.
    pub item_count: usize,
    /// "8 recommendations, 2 findings", in all parts.
    pub label_summary: String,
    /// How many items fall under each pillar, in all parts, in the pillars' order; pillars
    /// with none left out.
    pub pillar_counts: Vec<PillarCount<'a>>,
    /// How many sessions the items come from, in all parts.
    pub session_count: usize,
    /// The instruments the recommendations cite, in registry order.
    pub instruments: Vec<InstrumentLine<'a>>,
}

/// One conference's part of a brief: its head, what its summary line says, its items and the
/// sections of its report they come from. Nothing in a part counts another conference's items.
#[derive(Debug)]
pub struct ConferencePart<'a> {
    /// The conference.
    pub head: ConferenceHead<'a>,
    /// Its heading in a brief across conferences: "17th Alliance against Trafficking in Persons
    /// conference: Title · 3–4 April 2017" ([`part_heading`]).
    pub heading: String,
    /// "17th conference", before its references in a brief across conferences ([`part_name`]).
    pub name: String,
    /// How many of its items.
    pub item_count: usize,
    /// "8 recommendations, 2 findings".
    pub label_summary: String,
    /// How many of its items fall under each pillar.
    pub pillar_counts: Vec<PillarCount<'a>>,
    /// Its items, grouped by session in the data's order.
    pub groups: Vec<SessionGroup<'a>>,
    /// Where each group comes from in its report.
    pub references: Vec<SectionRef<'a>>,
}

impl ConferencePart<'_> {
    /// How many sessions its items come from.
    pub fn session_count(&self) -> usize {
        self.groups.len()
    }
}

/// The heading of a conference's part in a brief across conferences: its edition, series,
/// title and dates.
pub fn part_heading(conference: &Conference) -> String {
    format!(
        "{} {} conference: {} · {}",
        dates::ordinal(conference.edition),
        conference.series,
        conference.title,
        dates::date_range(&conference.start_date, &conference.end_date)
    )
}

/// "17th conference", which names a conference's paragraph of references in a brief across
/// conferences.
pub fn part_name(conference: &Conference) -> String {
    format!("{} conference", dates::ordinal(conference.edition))
}

/// A conference as the header and the key figures show it.
#[derive(Debug)]
pub struct ConferenceHead<'a> {
    /// The conference.
    pub conference: &'a Conference,
    /// "17th".
    pub ordinal: String,
    /// "3–4 April 2017".
    pub dates: String,
    /// The conference as a page's provenance names it.
    pub origin: Origin,
    /// The conference's own figures (not those of a session).
    pub figures: Vec<FigureView>,
    /// The report.
    pub source: Option<&'a Source>,
}

/// A conference as a page's [`Provenance`] names it: who published its report, and the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The organization its organizer belongs to (the last of the organizer's parents), short:
    /// "OSCE".
    pub organization: Option<String>,
    /// Its report's title.
    pub report: Option<String>,
}

impl Origin {
    /// A conference's origin.
    pub fn of(index: &Index<'_>, conference: &Conference) -> Self {
        Origin {
            organization: conference
                .organizer
                .as_deref()
                .map(|id| organization_root(index, id)),
            report: conference.source.as_ref().map(|s| s.title.clone()),
        }
    }
}

/// What a page says of where its words come from and who made it. The brief is not the
/// publisher's: the masthead names the report as the publisher's, and the colophon says the
/// page was made with the toolkit, and that its themes and pillars are the dataset's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The eyebrow's line: "From the OSCE report: Highlights of the 17th Alliance against
    /// Trafficking in Persons Conference" for one report, "From the OSCE reports of 2
    /// conferences" for several; `None` when no conference has a report.
    pub from: Option<String>,
    /// The colophon's paragraph: "Made with the Alliance toolkit from the published report. Its
    /// themes and pillars are this dataset's classification, not the OSCE's."
    pub about: String,
}

impl Provenance {
    /// The provenance of a page that quotes these conferences (each once).
    pub fn of<'o>(origins: impl IntoIterator<Item = &'o Origin>) -> Self {
        let origins: Vec<&Origin> = origins.into_iter().collect();
        let reports: Vec<&Origin> = origins
            .iter()
            .copied()
            .filter(|o| o.report.is_some())
            .collect();
        let publishers = distinct(reports.iter().copied());
        let publishers = if publishers.is_empty() {
            String::new()
        } else {
            format!("{} ", and_list(&publishers, "", " and "))
        };
        let from = match reports.as_slice() {
            [] => None,
            [one] => Some(format!(
                "From the {publishers}report: {}",
                one.report.as_deref().unwrap_or_default()
            )),
            many => Some(format!(
                "From the {publishers}reports of {} conferences",
                many.len()
            )),
        };
        let several = reports.len() > 1;
        let organizations = distinct(origins.iter().copied());
        let whose = match (organizations.is_empty(), several) {
            (true, false) => "the report’s".to_owned(),
            (true, true) => "the reports’".to_owned(),
            (false, _) => and_list(&organizations, "the ", "’s or ") + "’s",
        };
        let about = format!(
            "Made with the Alliance toolkit from the published {}. Its themes and pillars are \
             this dataset’s classification, not {whose}.",
            if several { "reports" } else { "report" }
        );
        Provenance { from, about }
    }
}

/// The organizations of `origins`, each once, in order.
fn distinct<'o>(origins: impl Iterator<Item = &'o Origin>) -> Vec<&'o str> {
    let mut out: Vec<&str> = Vec::new();
    for o in origins.filter_map(|o| o.organization.as_deref()) {
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

/// `names`, each after `before`, joined by `sep`: "the OSCE or the UNODC".
fn and_list(names: &[&str], before: &str, sep: &str) -> String {
    names
        .iter()
        .map(|n| format!("{before}{n}"))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A key figure in the report's words, split around its number: "a record number of" 381
/// "participants".
#[derive(Debug)]
pub struct FigureView {
    /// Words before the number.
    pub before: String,
    /// The number.
    pub value: u64,
    /// Words after the number.
    pub after: String,
}

impl FigureView {
    fn build(index: &Index<'_>, figure: &Figure) -> Self {
        let number = figure.value.to_string();
        let (before, after) = match figure.as_printed.split_once(&number) {
            Some((b, a)) => (b.trim().to_owned(), a.trim().to_owned()),
            None => (
                figure.qualifier.clone().unwrap_or_default(),
                index
                    .term(Vocabulary::FigureKind, &figure.kind)
                    .map_or(figure.kind.as_str(), |t| t.name.as_str())
                    .to_owned(),
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
pub struct SessionGroup<'a> {
    /// The session.
    pub session: &'a Session,
    /// "Susanne Riegler (ORF)".
    pub moderators: Vec<String>,
    /// The rapporteurs, printed like the moderators.
    pub rapporteurs: Vec<String>,
    /// Consecutive items with the same label.
    pub runs: Vec<LabelRun<'a>>,
}

/// Consecutive items of a session that the report introduces with the same label.
#[derive(Debug)]
pub struct LabelRun<'a> {
    /// The label's name ("Recommendations").
    pub label: &'a str,
    /// The items.
    pub items: Vec<Item<'a>>,
}

/// One recommendation, finding or conclusion.
#[derive(Debug)]
pub struct Item<'a> {
    /// The record.
    pub rec: &'a Recommendation,
    /// Its pillars, in the pillars' order.
    pub pillars: Vec<PillarTag<'a>>,
}

/// A pillar as a small label.
#[derive(Debug)]
pub struct PillarTag<'a> {
    /// Name shown.
    pub name: &'a str,
    /// Colour tone, 1 to 4, from the pillar's position.
    pub tone: usize,
}

impl<'a> PillarTag<'a> {
    /// The label of the pillar at `position` in the dataset's pillars.
    pub fn new(position: usize, pillar: &'a Term) -> Self {
        PillarTag {
            name: &pillar.name,
            tone: position % 4 + 1,
        }
    }
}

/// How many of a theme's items fall under a pillar.
#[derive(Debug)]
pub struct PillarCount<'a> {
    /// The pillar.
    pub tag: PillarTag<'a>,
    /// How many items.
    pub count: usize,
}

/// An instrument as the brief lists it.
#[derive(Debug)]
pub struct InstrumentLine<'a> {
    /// The instrument.
    pub instrument: &'a Instrument,
    /// Short form shown first ("PC.DEC/685", "SDG 16"), when it differs from the name.
    pub short: Option<&'a str>,
    /// Year and issuer, when known: "2005, OSCE".
    pub detail: Option<String>,
}

/// A report section a brief quotes from.
#[derive(Debug)]
pub struct SectionRef<'a> {
    /// The section heading as printed.
    pub section: &'a str,
    /// The report file, relative to the dataset folder.
    pub report: &'a str,
    /// "1, 3, 5".
    pub bullets: String,
}

impl<'a> ThemeBrief<'a> {
    /// A theme's brief, from its outline ([`Outline::in_conference`], [`Outline::across`]).
    pub fn build(index: &Index<'a>, outline: Outline<'a>) -> Self {
        let parts: Vec<ConferencePart<'a>> = outline
            .parts()
            .into_iter()
            .map(|(conference, entries)| ConferencePart {
                head: ConferenceHead::build(index, conference),
                heading: part_heading(conference),
                name: part_name(conference),
                item_count: entries.len(),
                label_summary: outline::label_summary_of(entries),
                pillar_counts: outline::pillar_counts_of(index, entries),
                groups: session_groups(index, entries),
                references: outline::references_of(entries),
            })
            .collect();
        let origins: Vec<Origin> = outline
            .conferences
            .iter()
            .map(|c| Origin::of(index, c))
            .collect();
        ThemeBrief {
            theme: outline.theme,
            across: outline.across,
            provenance: Provenance::of(&origins),
            parts,
            item_count: outline.entries.len(),
            label_summary: outline.label_summary(),
            pillar_counts: outline.pillar_counts(index),
            session_count: outline.session_count(),
            instruments: outline
                .instruments
                .iter()
                .map(|i| InstrumentLine::build(index, i))
                .collect(),
        }
    }

    /// How many sessions the items come from.
    pub fn session_count(&self) -> usize {
        self.session_count
    }

    /// The conference panels of the masthead: the conference of a conference's brief; none
    /// across conferences, where each part has a heading instead.
    pub fn panels(&self) -> Vec<&ConferenceHead<'a>> {
        if self.across {
            return Vec::new();
        }
        self.parts.iter().map(|p| &p.head).collect()
    }

    /// The reports the brief quotes, a conference's once.
    pub fn sources(&self) -> Vec<&'a Source> {
        self.parts.iter().filter_map(|p| p.head.source).collect()
    }
}

/// Items grouped by session, with each session's moderators and rapporteurs.
fn session_groups<'a>(index: &Index<'a>, entries: &[Entry<'a>]) -> Vec<SessionGroup<'a>> {
    outline::sessions(entries)
        .map(|entries| {
            let session = entries[0].session;
            SessionGroup {
                session,
                moderators: people_in_role(index, session, "moderator"),
                rapporteurs: people_in_role(index, session, "rapporteur"),
                runs: entries
                    .chunk_by(|a, b| a.label == b.label)
                    .map(|run| LabelRun {
                        label: run[0].label,
                        items: run
                            .iter()
                            .map(|e| Item {
                                rec: e.rec,
                                pillars: pillar_tags(index, &e.rec.pillars),
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect()
}

impl<'a> ConferenceHead<'a> {
    /// A conference's head.
    pub fn build(index: &Index<'a>, conference: &'a Conference) -> Self {
        let figures = conference
            .figures
            .iter()
            .filter(|f| f.session.is_none())
            .map(|f| FigureView::build(index, f))
            .collect();
        ConferenceHead {
            conference,
            ordinal: dates::ordinal(conference.edition),
            dates: dates::date_range(&conference.start_date, &conference.end_date),
            origin: Origin::of(index, conference),
            figures,
            source: conference.source.as_ref(),
        }
    }
}

impl<'a> InstrumentLine<'a> {
    /// An instrument's line.
    pub fn build(index: &Index<'a>, instrument: &'a Instrument) -> Self {
        let short = instrument
            .reference
            .as_deref()
            .or(instrument.short_name.as_deref())
            .filter(|s| *s != instrument.name && !instrument.name.contains(*s));
        let issuer = instrument
            .issuer
            .as_deref()
            .and_then(|id| index.organization(id))
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

/// The labels of the pillars with these ids, in the pillars' order.
pub fn pillar_tags<'a>(index: &Index<'a>, ids: &[String]) -> Vec<PillarTag<'a>> {
    pillars_of(index, ids)
        .map(|(i, p)| PillarTag::new(i, p))
        .collect()
}

/// The pillars with these ids and their positions, in the pillars' order.
pub fn pillars_of<'a, 'i>(
    index: &Index<'a>,
    ids: &'i [String],
) -> impl Iterator<Item = (usize, &'a Term)> + use<'a, 'i> {
    index
        .dataset()
        .pillars
        .iter()
        .enumerate()
        .filter(move |(_, p)| ids.contains(&p.id))
}

/// The people holding `role` in a session: "Susanne Riegler (ORF)".
pub fn people_in_role(index: &Index<'_>, session: &Session, role: &str) -> Vec<String> {
    session
        .participants
        .iter()
        .filter(|p| p.role == role)
        .filter_map(|p| index.person(&p.person))
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
                .and_then(|id| index.organization(id))
                .map(|o| o.abbreviation.as_deref().unwrap_or(&o.name));
            let country = affiliation.and_then(|a| a.country.as_deref());
            if let Some(at) = org.or(country) {
                name.push_str(&format!(" ({at})"));
            }
            name
        })
        .collect()
}

/// The last of an organization's parents (itself when it has none), short: "OSCE".
fn organization_root(index: &Index<'_>, id: &str) -> String {
    let mut root = None;
    let mut next = Some(id);
    // a cycle in bad data must not loop
    for _ in 0..4 {
        let Some(org) = next.and_then(|id| index.organization(id)) else {
            break;
        };
        root = Some(org);
        next = org.parent.as_deref();
    }
    root.map_or_else(
        || id.to_owned(),
        |o| o.abbreviation.clone().unwrap_or_else(|| o.name.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::{Origin, Provenance};

    fn origin(organization: Option<&str>, report: Option<&str>) -> Origin {
        Origin {
            organization: organization.map(str::to_owned),
            report: report.map(str::to_owned),
        }
    }

    #[test]
    fn the_report_is_named_as_its_publishers_and_the_page_as_the_toolkits() {
        let one = Provenance::of([&origin(Some("OSCE"), Some("Highlights"))]);
        assert_eq!(
            one.from.as_deref(),
            Some("From the OSCE report: Highlights")
        );
        assert_eq!(
            one.about,
            "Made with the Alliance toolkit from the published report. Its themes and pillars \
             are this dataset’s classification, not the OSCE’s."
        );
        // several reports, one publisher named once; two publishers, both
        let a = origin(Some("OSCE"), Some("A"));
        let b = origin(Some("OSCE"), Some("B"));
        let c = origin(Some("UNODC"), Some("C"));
        let two = Provenance::of([&a, &b]);
        assert_eq!(
            two.from.as_deref(),
            Some("From the OSCE reports of 2 conferences")
        );
        assert!(two.about.contains("published reports."), "{}", two.about);
        let mixed = Provenance::of([&a, &c]);
        assert_eq!(
            mixed.from.as_deref(),
            Some("From the OSCE and UNODC reports of 2 conferences")
        );
        assert!(
            mixed.about.ends_with("not the OSCE’s or the UNODC’s."),
            "{}",
            mixed.about
        );
        // no organizer: the report alone; no report: nothing in the masthead
        let unknown = Provenance::of([&origin(None, Some("Highlights"))]);
        assert_eq!(unknown.from.as_deref(), Some("From the report: Highlights"));
        assert!(
            unknown.about.ends_with("not the report’s."),
            "{}",
            unknown.about
        );
        let none = Provenance::of([&origin(Some("OSCE"), None)]);
        assert_eq!(none.from, None);
        assert!(none.about.ends_with("not the OSCE’s."), "{}", none.about);
    }
}
