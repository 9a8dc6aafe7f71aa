//! A conference drafted from its report's outline: what the report states, and a list of what
//! the draft could not tell.

use std::collections::HashSet;

use alliance_core::Dataset;
use alliance_core::report::{Group, Outline, Section};
use alliance_draft::{
    AffiliationDraft, ConferenceDraft, FigureDraft, ParticipantDraft, RecommendationDraft,
    SessionDraft, conference_prefix,
};

use crate::registry::{Registry, free_id, strip_the};

/// Something the draft could not tell, or chose on the report's indirect word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsure {
    /// The report line it is about, when there is one.
    pub line: Option<usize>,
    /// What a person should check.
    pub message: String,
}

/// A session file of the draft.
#[derive(Debug, Clone)]
pub struct DraftedSession {
    /// Its file name under `sessions/` (`02-panel-1.toml`).
    pub file: String,
    /// Its records.
    pub session: SessionDraft,
}

/// A whole conference drafted from a report.
#[derive(Debug)]
pub struct Draft {
    /// `conference.toml`.
    pub conference: ConferenceDraft,
    /// The session files, in report order.
    pub sessions: Vec<DraftedSession>,
    pub(crate) registry: Registry,
    /// What the draft could not tell, in report order (lines first).
    pub unsure: Vec<Unsure>,
}

/// A thematic session as the introduction lists it.
struct Listed {
    title: String,
    co_organizer: Option<String>,
}

/// Drafts the conference `id` from a report's outline, into `ds`'s registry and vocabularies.
/// `report` is the report's file name in the conference folder.
pub fn draft(id: &str, report: &str, outline: &Outline, ds: &Dataset) -> Draft {
    let mut unsure = Vec::new();
    let mut registry = Registry::new(ds, id);
    let conference = conference(id, report, outline, &mut unsure);
    let listed = listed_thematic_sessions(outline);
    let prefix = conference_prefix(id);
    // session ids are new in the dataset (another conference's prefix may be the same:
    // `anti-17` and `alliance-17` both give `a17`) and among the drafted ones (two
    // "Opening ..." headings); a conference replaced with --force gives its ids back
    let mut taken: HashSet<String> = ds
        .sessions
        .iter()
        .filter(|s| s.conference != id)
        .map(|s| s.id.clone())
        .collect();
    let mut sessions: Vec<DraftedSession> = Vec::new();
    let mut section_session: Vec<Option<usize>> = vec![None; outline.sections.len()];
    let mut thematic = 0;
    for (i, section) in outline.sections.iter().enumerate() {
        let kind = kind_of(section, &listed);
        if !is_session(section, kind.is_some()) {
            for list in section.lists.iter().filter(|l| l.label.is_some()) {
                let line = section.bullets.get(list.bullets.start).map(|b| b.line);
                unsure.push(Unsure {
                    line,
                    message: format!(
                        "a list of {} under `{}`, which is not a session: not drafted",
                        list.label.map_or("items", |l| l.id()),
                        section.heading
                    ),
                });
            }
            continue;
        }
        let order = sessions.len() as u32 + 1;
        let (slug, file_slug) = match kind {
            Some("opening") => ("opening".to_owned(), "opening-session".to_owned()),
            Some("panel") => {
                let n = panel_number(&section.heading)
                    .map_or_else(|| format!("session-{order}"), |n| format!("panel-{n}"));
                (n.clone(), n)
            }
            Some("thematic") => {
                thematic += 1;
                let n = format!("thematic-{thematic}");
                (n.clone(), n)
            }
            _ => {
                let n = format!("session-{order}");
                (n.clone(), n)
            }
        };
        let session_id = free_id(&format!("{prefix}-{slug}"), &mut taken);
        let kind = kind.filter(|k| ds.vocabularies.session_kinds.iter().any(|t| t.id == *k));
        if kind.is_none() {
            unsure.push(Unsure {
                line: Some(section.line),
                message: format!(
                    "the kind of session `{}` (opening, panel, thematic, ...) is not plain from the report",
                    section.heading
                ),
            });
        }
        let co_organizers = listed
            .iter()
            .filter(|l| same_title(&l.title, &section.heading))
            .filter_map(|l| l.co_organizer.as_deref())
            .flat_map(|names| names.split(" / "))
            .map(|name| registry.organization(strip_the(name.trim())))
            .collect();
        let recommendations = recommendations(&session_id, section, ds, &mut unsure);
        section_session[i] = Some(sessions.len());
        sessions.push(DraftedSession {
            file: format!("{order:02}-{file_slug}.toml"),
            session: SessionDraft {
                id: session_id,
                kind: kind.map(str::to_owned),
                order,
                title: title_of(&section.heading),
                heading: section.heading.clone(),
                co_organizers,
                participants: Vec::new(),
                recommendations,
            },
        });
    }
    for (i, section) in outline.sections.iter().enumerate() {
        if let Some(s) = section_session[i] {
            let participants = participants(id, section, ds, &mut registry, &mut unsure);
            sessions[s].session.participants = participants;
        }
    }
    for (i, section) in outline.sections.iter().enumerate() {
        if let Some(s) = section_session[i] {
            group_participants(section, s, &mut sessions, &mut unsure);
        }
    }
    let mut conference = conference;
    conference.figures = figures(outline, ds, &section_session, &sessions);
    unsure.sort_by_key(|u| (u.line.is_none(), u.line));
    Draft {
        conference,
        sessions,
        registry,
        unsure,
    }
}

/// The conference as the title page states it.
fn conference(
    id: &str,
    report: &str,
    outline: &Outline,
    unsure: &mut Vec<Unsure>,
) -> ConferenceDraft {
    let page = outline.title_page();
    let mut missing = |what: &str| {
        unsure.push(Unsure {
            line: None,
            message: format!("the report's title page gives no {what}: fill it in"),
        });
    };
    let value = |f: Option<alliance_core::report::Fact<String>>,
                 what: &str,
                 missing: &mut dyn FnMut(&str)| {
        if f.is_none() {
            missing(what);
        }
        f.map(|f| f.value)
    };
    let series = value(page.series, "series", &mut missing);
    let title = value(page.title, "title (in quotation marks)", &mut missing);
    let city = value(page.city, "city", &mut missing);
    let venue = value(page.venue, "venue", &mut missing);
    let report_title = value(page.report_title, "report title", &mut missing);
    let publisher = value(page.publisher, "publisher", &mut missing);
    if page.edition.is_none() {
        missing("edition");
    }
    if page.dates.is_none() {
        missing("dates");
    }
    let (start_date, end_date) = page
        .dates
        .map(|d| (Some(d.value.0), Some(d.value.1)))
        .unwrap_or_default();
    let attribution = publisher.as_ref().map(|p| {
        format!(
            "Report text and quotations © {p}; reproduced for reference, with the source cited."
        )
    });
    if attribution.is_some() {
        unsure.push(Unsure {
            line: None,
            message: "the attribution is written from the publisher: check it against the report's copyright notice".to_owned(),
        });
    }
    ConferenceDraft {
        id: id.to_owned(),
        series,
        edition: page.edition.map(|e| e.value),
        title,
        start_date,
        end_date,
        city,
        venue,
        report: report.to_owned(),
        report_title,
        publisher,
        attribution,
        figures: Vec::new(),
    }
}

/// The introduction's list of thematic sessions: a list whose items say "co-organized with",
/// or whose lead-in speaks of thematic sessions.
fn listed_thematic_sessions(outline: &Outline) -> Vec<Listed> {
    let mut out = Vec::new();
    for section in &outline.sections {
        for list in &section.lists {
            let lead = list
                .lead_in
                .and_then(|i| section.paragraphs.get(i))
                .is_some_and(|p| p.text.to_lowercase().contains("thematic session"));
            let items = &section.bullets[list.bullets.clone()];
            let co = items.iter().any(|b| co_organized(&b.text).is_some());
            if list.label.is_some() || !(lead || co) {
                continue;
            }
            for b in items {
                let (title, co_organizer) = match co_organized(&b.text) {
                    Some((title, with)) => (title, Some(with)),
                    None => (b.text.trim_end_matches('.'), None),
                };
                out.push(Listed {
                    title: title.to_owned(),
                    co_organizer: co_organizer.map(str::to_owned),
                });
            }
        }
    }
    out
}

/// "Title, co-organized with X." is the title and X.
fn co_organized(item: &str) -> Option<(&str, &str)> {
    [
        "co-organized with ",
        "co-organised with ",
        "organized with ",
        "organised with ",
    ]
    .iter()
    .find_map(|cue| {
        let at = item.find(cue)?;
        let title = item[..at].trim_end().trim_end_matches(',');
        let with = item[at + cue.len()..].trim().trim_end_matches('.');
        (!title.is_empty() && !with.is_empty()).then_some((title, with))
    })
}

fn same_title(listed: &str, heading: &str) -> bool {
    let fold = |s: &str| alliance_draft::slug(s);
    fold(listed) == fold(heading)
}

/// The session kind a heading shows ("Opening session", "Panel 2: ...", a title the
/// introduction lists as a thematic session).
fn kind_of(section: &Section, listed: &[Listed]) -> Option<&'static str> {
    let lower = section.heading.to_lowercase();
    if lower.starts_with("opening") {
        Some("opening")
    } else if panel_number(&section.heading).is_some() {
        Some("panel")
    } else if listed
        .iter()
        .any(|l| same_title(&l.title, &section.heading))
    {
        Some("thematic")
    } else {
        None
    }
}

/// Whether a section is a session: it has a kind, or names people, or lists labelled bullets.
fn is_session(section: &Section, has_kind: bool) -> bool {
    let heading = section.heading.to_lowercase();
    if heading == "introduction" {
        return false;
    }
    has_kind
        || !section.people.is_empty()
        || !section.groups.is_empty()
        || section.lists.iter().any(|l| l.label.is_some())
}

/// "Panel 2: ..." is 2.
fn panel_number(heading: &str) -> Option<u32> {
    let rest = heading.strip_prefix("Panel ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A session's title: its heading without a "Panel N:" prefix.
fn title_of(heading: &str) -> String {
    match (panel_number(heading), heading.split_once(": ")) {
        (Some(_), Some((_, title))) => title.to_owned(),
        _ => heading.to_owned(),
    }
}

fn recommendations(
    session: &str,
    section: &Section,
    ds: &Dataset,
    unsure: &mut Vec<Unsure>,
) -> Vec<RecommendationDraft> {
    for list in section.lists.iter().filter(|l| l.label.is_none()) {
        let line = section.bullets.get(list.bullets.start).map(|b| b.line);
        unsure.push(Unsure {
            line,
            message: format!(
                "a list under `{}` whose lead-in calls it neither recommendations, findings nor conclusions: not drafted",
                section.heading
            ),
        });
    }
    let drafts = RecommendationDraft::of_section(session, section);
    for d in &drafts {
        if !ds.vocabularies.labels.iter().any(|t| t.id == d.label) {
            unsure.push(Unsure {
                line: Some(d.line as usize),
                message: format!("the label `{}` is not in labels.toml", d.label),
            });
        }
    }
    drafts
}

fn participants(
    conference: &str,
    section: &Section,
    ds: &Dataset,
    registry: &mut Registry,
    unsure: &mut Vec<Unsure>,
) -> Vec<ParticipantDraft> {
    let mut out: Vec<ParticipantDraft> = Vec::new();
    let mut seen: HashSet<(String, &'static str)> = HashSet::new();
    for p in &section.people {
        let id = registry.person(&p.name, p.honorific.as_deref(), p.line);
        if let Some(printed) = &p.affiliation {
            let organization = registry.organization_of(printed);
            registry.affiliate(
                &id,
                AffiliationDraft {
                    conference: conference.to_owned(),
                    organization,
                    as_printed: printed.clone(),
                },
            );
        }
        let Some(role) = p.role else {
            unsure.push(Unsure {
                line: Some(p.line),
                message: format!(
                    "{} is named in `{}` without a role the report states: not a participant",
                    p.name, section.heading
                ),
            });
            continue;
        };
        if !ds.vocabularies.roles.iter().any(|t| t.id == role.id()) {
            unsure.push(Unsure {
                line: Some(p.line),
                message: format!(
                    "the role `{}` of {} is not in roles.toml",
                    role.id(),
                    p.name
                ),
            });
            continue;
        }
        if seen.insert((id.clone(), role.id())) {
            out.push(ParticipantDraft {
                person: id,
                role: role.id().to_owned(),
                note: None,
            });
        }
    }
    out
}

/// Roles a section gives to the role holders of other sessions ("the Rapporteurs of the
/// preceding panels ... featured as speakers"), each with a note saying so.
fn group_participants(
    section: &Section,
    at: usize,
    sessions: &mut [DraftedSession],
    unsure: &mut Vec<Unsure>,
) {
    for g in &section.groups {
        let of: Vec<usize> = (0..sessions.len())
            .filter(|&s| {
                let kind = sessions[s].session.kind.as_deref();
                match g.of {
                    Group::PrecedingPanels => s < at && kind == Some("panel"),
                    Group::ThematicSessions => kind == Some("thematic"),
                }
            })
            .collect();
        let group = match g.of {
            Group::PrecedingPanels => "preceding panels",
            Group::ThematicSessions => "thematic sessions",
        };
        let mut added = 0;
        for s in of {
            let holders: Vec<String> = sessions[s]
                .session
                .participants
                .iter()
                .filter(|p| p.role == g.holders.id() && p.note.is_none())
                .map(|p| p.person.clone())
                .collect();
            let heading = sessions[s].session.heading.clone();
            for person in holders {
                let here = &mut sessions[at].session.participants;
                if here
                    .iter()
                    .any(|p| p.person == person && p.role == g.role.id())
                {
                    continue;
                }
                let holder = capitalized(g.holders.id());
                here.push(ParticipantDraft {
                    person,
                    role: g.role.id().to_owned(),
                    note: Some(format!(
                        "{holder} of `{heading}`; the report says the {}s of the {group} took part as {}s.",
                        g.holders.id(),
                        g.role.id()
                    )),
                });
                added += 1;
            }
        }
        unsure.push(Unsure {
            line: Some(g.line),
            message: format!(
                "{added} {}s of `{}` taken from the {}s of the {group}, as the report says: check the notes",
                g.role.id(),
                section.heading,
                g.holders.id()
            ),
        });
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The figures of the kinds the vocabulary names; those in a session's section are its.
fn figures(
    outline: &Outline,
    ds: &Dataset,
    section_session: &[Option<usize>],
    sessions: &[DraftedSession],
) -> Vec<FigureDraft> {
    let kinds: Vec<(&str, &str)> = ds
        .vocabularies
        .figure_kinds
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let mut out: Vec<FigureDraft> = Vec::new();
    for f in outline.figures(&kinds) {
        let session = f
            .section
            .and_then(|i| section_session.get(i).copied().flatten())
            .map(|s| sessions[s].session.id.clone());
        let base = match &session {
            Some(s) => format!("{s}-{}", f.kind),
            None => f.kind.clone(),
        };
        let mut id = base.clone();
        let mut n = 2;
        while out.iter().any(|o| o.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        out.push(FigureDraft {
            id,
            kind: f.kind,
            value: f.value,
            qualifier: f.qualifier,
            as_printed: f.as_printed,
            session,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_kinds_of_headings() {
        assert_eq!(panel_number("Panel 12: Looking forward"), Some(12));
        assert_eq!(panel_number("Panels of experts"), None);
        assert_eq!(
            title_of("Panel 3: Looking forward: guidelines"),
            "Looking forward: guidelines"
        );
        assert_eq!(title_of("Opening session"), "Opening session");
        assert_eq!(
            co_organized(
                "Trafficked for terrorism, co-organized with the CIS Executive Committee."
            ),
            Some(("Trafficked for terrorism", "the CIS Executive Committee"))
        );
        assert_eq!(co_organized("A session held with partners."), None);
        assert!(same_title("The review – of plans", "The review – of Plans"));
    }

    #[test]
    fn the_17th_report_in_process() {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let loaded = alliance_core::load(&data).expect("the dataset");
        let report = loaded.report_text("alliance-17").expect("report");
        let outline = Outline::parse(report);
        // into the real registry: every person and organization it names is there already
        let draft = draft("alliance-17", "report.md", &outline, &loaded.dataset);
        let kinds: Vec<(&str, Option<&str>, usize)> = draft
            .sessions
            .iter()
            .map(|s| {
                (
                    s.session.id.as_str(),
                    s.session.kind.as_deref(),
                    s.session.recommendations.len(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("a17-opening", Some("opening"), 0),
                ("a17-panel-1", Some("panel"), 12),
                ("a17-panel-2", Some("panel"), 8),
                ("a17-thematic-1", Some("thematic"), 10),
                ("a17-thematic-2", Some("thematic"), 9),
                ("a17-thematic-3", Some("thematic"), 12),
                ("a17-thematic-4", Some("thematic"), 8),
                ("a17-panel-3", Some("panel"), 0),
            ]
        );
        assert!(
            draft
                .registry
                .people
                .iter()
                .all(|p| p.reused && p.affiliation.is_none())
        );
        assert_eq!(draft.registry.people.len(), 34);
        // the registry's ids, so the participants are the curated ones
        for (s, curated) in draft.sessions.iter().zip(&loaded.dataset.sessions) {
            let drafted: std::collections::BTreeSet<(&str, &str)> = s
                .session
                .participants
                .iter()
                .map(|p| (p.person.as_str(), p.role.as_str()))
                .collect();
            let expected: std::collections::BTreeSet<(&str, &str)> = curated
                .participants
                .iter()
                .map(|p| (p.person.as_str(), p.role.as_str()))
                .collect();
            assert_eq!(drafted, expected, "{}", curated.id);
        }
    }
}
