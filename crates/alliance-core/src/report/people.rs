//! The people a section's paragraphs name, with the role the text gives each and the
//! affiliation printed after the name.
//!
//! A name is two to four capitalized words (one after an honorific: "Pope Francis") that are
//! not words of positions, organizations or places ("Head", "Office", "Europe"), standing at
//! the start of a sentence, after a comma, after "by", "with", "and", "included", "saw", "to",
//! "from", "Rapporteur" or an honorific. The same reading serves Markdown, where names are
//! `**bold**`, and plain text, where they are not (and where the seed does not embolden every
//! name either). A one-word name that is the surname of a person named in full is a second
//! mention ("Ambassador Jarbussynova"), not a person.
//!
//! The role comes from the words before the name, back to the previous person ("moderated by",
//! "Rapporteur", "keynote address by", "a message from", "opened by", "speakers included", "the
//! Panel included"), else from the words after the affiliation ("acting as rapporteur", "to
//! deliver her closing remarks"); "..., featured as panel speakers" and "..., welcomed the
//! participants" give their role to every person of the sentence before them that has none; a
//! person listed after another without a role of their own shares the previous one's.
//!
//! The affiliation is what follows the name after a comma, up to the next person or the end
//! of the clause ("who", "this", "featured", "acting as", "and included", ...). When a person
//! is printed after their position ("..., and the OSCE Special Representative ..., Madina
//! Jarbussynova, welcomed"), that position is theirs.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Paragraph, Section};
use crate::text::{find_word, positions, rfind_word};

/// A role a report gives a person in a session: the ids of `data/vocabularies/roles.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Moderated or chaired the session.
    Moderator,
    /// Reported the session's outcome.
    Rapporteur,
    /// Spoke as a panellist or session speaker.
    Speaker,
    /// Delivered a keynote address.
    Keynote,
    /// Welcomed the participants.
    WelcomeRemarks,
    /// Opened the session.
    OpeningRemarks,
    /// Sent a message delivered by someone else.
    Message,
    /// Delivered the closing remarks.
    ClosingRemarks,
}

impl Role {
    /// The vocabulary id.
    pub fn id(self) -> &'static str {
        match self {
            Role::Moderator => "moderator",
            Role::Rapporteur => "rapporteur",
            Role::Speaker => "speaker",
            Role::Keynote => "keynote",
            Role::WelcomeRemarks => "welcome-remarks",
            Role::OpeningRemarks => "opening-remarks",
            Role::Message => "message",
            Role::ClosingRemarks => "closing-remarks",
        }
    }
}

/// A person a section names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The name as printed, without honorific.
    pub name: String,
    /// The honorific printed before the name ("Ambassador", "Fr.", "Mr."), the first seen.
    pub honorific: Option<String>,
    /// The role the text gives; `None` when it gives none this reading recognizes.
    pub role: Option<Role>,
    /// The affiliation as printed ("Head of Migrant Assistance Division, IOM").
    pub affiliation: Option<String>,
    /// The line the name is on.
    pub line: usize,
}

/// Sessions a section refers to as a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// "the preceding panels": the sessions before this one whose heading starts "Panel".
    PrecedingPanels,
    /// "the thematic sessions".
    ThematicSessions,
}

/// "The Rapporteurs of the preceding panels ... featured as speakers": everyone who held
/// `holders` in the sessions of `of` holds `role` in this one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRole {
    /// The role they hold here.
    pub role: Role,
    /// The role they held there.
    pub holders: Role,
    /// Which sessions.
    pub of: Group,
    /// The line of the sentence.
    pub line: usize,
    /// The sentence, normalized.
    pub text: String,
}

/// Finds the people and group roles of every section.
pub(super) fn find(sections: &mut [Section]) {
    let mut all: Vec<Vec<Person>> = Vec::with_capacity(sections.len());
    for section in sections.iter_mut() {
        let mut people = Vec::new();
        for p in &section.paragraphs {
            for (start, end) in sentences(&p.text) {
                people.extend(in_sentence(p, start, end));
                section.groups.extend(group_roles(p, start, end));
            }
        }
        all.push(people);
    }
    let surnames: HashSet<String> = all
        .iter()
        .flatten()
        .filter(|p| p.name.contains(' '))
        .filter_map(|p| p.name.rsplit(' ').next().map(str::to_owned))
        .collect();
    for (section, people) in sections.iter_mut().zip(all) {
        let mut kept: Vec<Person> = Vec::new();
        for person in people {
            if !person.name.contains(' ') && surnames.contains(&person.name) {
                continue;
            }
            let same = |k: &Person| k.name == person.name;
            if kept.iter().any(|k| same(k) && k.role == person.role)
                || (person.role.is_none() && kept.iter().any(same))
            {
                continue;
            }
            // a role found later replaces a mention without one
            if let Some(k) = kept.iter_mut().find(|k| same(k) && k.role.is_none()) {
                k.role = person.role;
                continue;
            }
            kept.push(person);
        }
        // the honorific and affiliation printed at any mention
        for i in 0..kept.len() {
            let (name, honorific, affiliation) = {
                let k = &kept[i];
                (k.name.clone(), k.honorific.clone(), k.affiliation.clone())
            };
            for k in kept.iter_mut().filter(|k| k.name == name) {
                k.honorific = k.honorific.take().or_else(|| honorific.clone());
                k.affiliation = k.affiliation.take().or_else(|| affiliation.clone());
            }
        }
        section.people = kept;
    }
}

/// The byte ranges of a paragraph's sentences: each ends at `. `, `? ` or `! ` before an
/// uppercase letter, but not after an honorific or a single letter.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(' ') {
        if i == 0 || !matches!(bytes[i - 1], b'.' | b'?' | b'!') {
            continue;
        }
        let next_upper = text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '“' || c == '"');
        let word = text[start..i].rsplit(' ').next().unwrap_or("");
        let abbreviation = is_honorific(word)
            || word.trim_end_matches('.').chars().count() <= 1
            || matches!(word, "e.g." | "i.e." | "No." | "St." | "vs.");
        if next_upper && !abbreviation {
            out.push((start, i));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// A word of a sentence: its bytes in the paragraph and the word without punctuation around.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    start: usize,
    raw: &'t str,
    core: &'t str,
}

fn words(text: &str, start: usize, end: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = start;
    for raw in text[start..end].split(' ') {
        let core = raw
            .trim_matches(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .trim_end_matches('\'');
        out.push(Word {
            start: at,
            raw,
            core,
        });
        at += raw.len() + 1;
    }
    out
}

const HONORIFICS: &[&str] = &[
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Fr.",
    "Prof.",
    "Ambassador",
    "Pope",
    "Sir",
    "Dame",
    "H.E.",
    "Rev.",
    "Sr.",
];

fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word)
}

/// Words that are not parts of a person's name: positions, organizations, places, the
/// report's own vocabulary.
const NOT_NAMES: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "a",
    "an",
    "in",
    "on",
    "of",
    "for",
    "and",
    "to",
    "panel",
    "panels",
    "session",
    "sessions",
    "thematic",
    "conference",
    "office",
    "unit",
    "section",
    "department",
    "ministry",
    "directorate",
    "europe",
    "european",
    "children",
    "children's",
    "child",
    "villages",
    "international",
    "commission",
    "committee",
    "council",
    "court",
    "agency",
    "division",
    "academy",
    "university",
    "mission",
    "group",
    "government",
    "foundation",
    "centre",
    "center",
    "programme",
    "program",
    "liaison",
    "chairmanship",
    "republic",
    "federation",
    "kingdom",
    "states",
    "nations",
    "union",
    "head",
    "director",
    "deputy",
    "chair",
    "adviser",
    "advisor",
    "officer",
    "member",
    "secretary",
    "general",
    "co-ordinator",
    "coordinator",
    "manager",
    "lecturer",
    "senior",
    "journalist",
    "representative",
    "commissioner",
    "specialist",
    "independent",
    "project",
    "associate",
    "legal",
    "police",
    "affairs",
    "holy",
    "see",
    "science",
    "sciences",
    "slavery",
    "studies",
    "threats",
    "special",
    "permanent",
    "minister",
    "president",
    "vice-president",
    "under-secretary",
    "researcher",
    "rapporteur",
    "rapporteurs",
    "moderator",
    "moderators",
    "speaker",
    "speakers",
    "keynote",
    "opening",
    "closing",
    "introduction",
    "highlights",
    "alliance",
    "school",
    "law",
    "psychology",
    "forensic",
    "crime",
    "organized",
    "regional",
    "national",
    "global",
    "action",
    "plan",
    "review",
    "trafficking",
    "human",
    "beings",
    "persons",
    "rights",
    "protection",
    "participants",
    "partners",
    "co-operation",
    "cooperation",
    "state",
    "delegation",
    "representation",
    "anti-trafficking",
    "anti-slavery",
    "governments",
    "following",
    "based",
    "given",
    "featuring",
    "having",
    "since",
    "against",
    "pertinent",
    "representing",
    "within",
    "throughout",
    "indeed",
    "however",
    "youth",
    "social",
    "moderated",
    "challenges",
    "issues",
    "security",
    "new",
    "addressing",
    "one",
    "decade",
    "partnership",
    "institute",
    "association",
    "network",
    "service",
    "services",
    "police",
    "embassy",
    "ombudsman",
    "prosecutor",
    "judge",
    "professor",
    "chief",
    "executive",
    "assistant",
    "adviser",
    "counsellor",
    "expert",
    "experts",
    "officials",
    "united",
    "resolution",
    "assembly",
    "convention",
    "protocol",
    "declaration",
    "goal",
    "goals",
    "sustainable",
    "development",
    "coordination",
    "co-ordination",
    "combat",
    "combating",
    "efforts",
    "strengthening",
    "in-charge",
];

fn not_names() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect())
}

/// Words before a name that introduce it.
const BEFORE_NAME: &[&str] = &[
    "by",
    "with",
    "and",
    "included",
    "including",
    "saw",
    "to",
    "from",
    "featuring",
    "rapporteur",
    "moderator",
];

fn is_name_word(w: &Word<'_>) -> bool {
    let core = w.core;
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_uppercase)
        && core.chars().any(char::is_lowercase)
        && core
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        && !is_honorific(w.raw)
        && !is_not_name(core)
}

/// Whether a word, in any case, is one of [`NOT_NAMES`]; without allocating for the short
/// ASCII words most are.
fn is_not_name(word: &str) -> bool {
    let mut buf = [0u8; 24];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            // ASCII lowercased is still UTF-8
            std::str::from_utf8(lower).is_ok_and(|w| not_names().contains(w))
        }
        _ => not_names().contains(word.to_lowercase().as_str()),
    }
}

/// A name found in a sentence.
#[derive(Debug)]
struct Mention {
    /// The first byte of the honorific or name.
    start: usize,
    name_end: usize,
    name: String,
    honorific: Option<String>,
    affiliation: Option<String>,
    /// Where the affiliation (or the name, without one) ends.
    aff_end: usize,
    role: Option<Role>,
    group_cue: Option<Role>,
}

fn in_sentence(p: &Paragraph, start: usize, end: usize) -> Vec<Person> {
    let text = &p.text;
    let ws = words(text, start, end);
    let mut mentions: Vec<Mention> = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        let Some((mention, next)) = name_at(&ws, k) else {
            k += 1;
            continue;
        };
        mentions.push(mention);
        k = next;
    }
    // affiliations: up to the next person or the end of the clause
    for i in 0..mentions.len() {
        let limit = mentions.get(i + 1).map_or(end, |m| m.start);
        let m = &mut mentions[i];
        if text[m.name_end..].starts_with(", ") && m.name_end + 2 <= limit {
            let until = clause_end(&text[m.name_end..limit]).map_or(limit, |e| m.name_end + e);
            let from = (m.name_end + 2).min(until);
            m.affiliation =
                Some(trim_affiliation(&text[from..until]).to_owned()).filter(|a| !a.is_empty());
            m.aff_end = until;
        }
    }
    // a position printed before its holder: "..., and the OSCE Special Representative ...,
    // Madina Jarbussynova, welcomed"
    for i in 1..mentions.len() {
        let between = &text[mentions[i - 1].aff_end..mentions[i].start];
        if mentions[i].affiliation.is_some() || !matches!(between.trim(), "" | ",") {
            continue;
        }
        let Some(aff) = mentions[i - 1].affiliation.clone() else {
            continue;
        };
        if let Some((mine, theirs)) = aff.rsplit_once(", and ") {
            mentions[i - 1].affiliation = Some(mine.to_owned());
            mentions[i].affiliation = Some(theirs.to_owned());
        }
    }
    // roles: the words before the name, else after the affiliation
    for i in 0..mentions.len() {
        let from = if i == 0 {
            start
        } else {
            mentions[i - 1].aff_end
        };
        let before = &text[from.min(mentions[i].start)..mentions[i].start];
        let after_end = mentions.get(i + 1).map_or(end, |m| m.start);
        let after = &text[mentions[i].aff_end.min(after_end)..after_end];
        let (after_role, group) = after_cue(after);
        let m = &mut mentions[i];
        m.role = before_cue(before).or(after_role);
        m.group_cue = group;
    }
    for i in 0..mentions.len() {
        if let Some(role) = mentions[i].group_cue {
            for m in mentions[..=i].iter_mut().filter(|m| m.role.is_none()) {
                m.role = Some(role);
            }
        }
    }
    for i in 1..mentions.len() {
        if mentions[i].role.is_none() {
            mentions[i].role = mentions[i - 1].role;
        }
    }
    mentions
        .into_iter()
        .map(|m| Person {
            line: p.line_at(m.start),
            name: m.name,
            honorific: m.honorific,
            role: m.role,
            affiliation: m.affiliation,
        })
        .collect()
}

/// The name starting at word `k`, and the word after it.
fn name_at(ws: &[Word<'_>], k: usize) -> Option<(Mention, usize)> {
    let prev = k.checked_sub(1).map(|j| ws[j]);
    let honorific = prev.filter(|w| is_honorific(w.raw));
    let trigger = |w: Word<'_>| {
        let bare = w.raw.trim_end_matches(',');
        w.raw.ends_with([',', ':', ';'])
            || is_honorific(w.raw)
            || BEFORE_NAME.iter().any(|b| b.eq_ignore_ascii_case(bare))
    };
    if !is_name_word(&ws[k]) || !prev.is_none_or(trigger) {
        return None;
    }
    let mut end = k;
    while end < ws.len() && is_name_word(&ws[end]) && end - k < 5 {
        let stop = ws[end].raw.ends_with([',', '.', ';', ':', ')']);
        end += 1;
        if stop {
            break;
        }
    }
    let len = end - k;
    let ok_len = if honorific.is_some() {
        (1..=4).contains(&len)
    } else {
        (2..=4).contains(&len)
    };
    let last = ws[end - 1];
    let open_end = !last.raw.ends_with([',', '.', ';', ':', ')']);
    let follower = ws.get(end).filter(|_| open_end).map(|w| w.raw);
    let organization_follows =
        follower.is_some_and(|f| matches!(f, "of" | "for" | "on" | "at" | "against"));
    let capital_follows = follower.is_some_and(|f| f.starts_with(char::is_uppercase));
    if !ok_len || organization_follows || capital_follows {
        return None;
    }
    let name: Vec<&str> = ws[k..end].iter().map(|w| w.core).collect();
    let name_end = last.start + last.raw.find(last.core).unwrap_or(0) + last.core.len();
    Some((
        Mention {
            start: honorific.map_or(ws[k].start, |h| h.start),
            name_end,
            name: name.join(" "),
            honorific: honorific.map(|h| h.raw.to_owned()),
            affiliation: None,
            aff_end: name_end,
            role: None,
            group_cue: None,
        },
        end,
    ))
}

/// Where an affiliation's clause ends in `text`, if before its end.
fn clause_end(text: &str) -> Option<usize> {
    const ENDS: &[&str] = &[
        ", who ",
        " who ",
        ", which ",
        ", this ",
        ", featured ",
        " featured ",
        ", acting as ",
        " acting as ",
        " acted as ",
        " and saw ",
        " and included",
        " and addressed ",
        ", welcomed ",
        " welcomed ",
        " to deliver ",
        " and began ",
        ", and began ",
        " called ",
    ];
    ENDS.iter().filter_map(|e| positions(text, e).next()).min()
}

/// An affiliation without the list punctuation around it.
fn trim_affiliation(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t;
        for suffix in [",", ".", " and", ";"] {
            t = t.strip_suffix(suffix).unwrap_or(t).trim_end();
        }
        if t == before {
            return t;
        }
    }
}

/// The role the words before a name give it: the cue closest to the name.
fn before_cue(text: &str) -> Option<Role> {
    const CUES: &[(&str, Role)] = &[
        ("moderated by", Role::Moderator),
        ("chaired by", Role::Moderator),
        ("moderator", Role::Moderator),
        ("rapporteur", Role::Rapporteur),
        ("keynote", Role::Keynote),
        ("message from", Role::Message),
        ("message of", Role::Message),
        ("message by", Role::Message),
        ("opened by", Role::OpeningRemarks),
        ("welcomed by", Role::WelcomeRemarks),
        ("welcome remarks", Role::WelcomeRemarks),
        ("welcoming remarks", Role::WelcomeRemarks),
        ("closing remarks", Role::ClosingRemarks),
        ("closed by", Role::ClosingRemarks),
        ("included", Role::Speaker),
        ("including", Role::Speaker),
        ("speakers", Role::Speaker),
        ("featuring", Role::Speaker),
        ("panellists", Role::Speaker),
        ("panelists", Role::Speaker),
    ];
    let lower = text.to_lowercase();
    CUES.iter()
        .filter_map(|&(cue, role)| rfind_word(&lower, cue).map(|at| (at, role)))
        .max_by_key(|&(at, _)| at)
        .map(|(_, role)| role)
}

/// The role the words after a person's affiliation give: their own, or (`group`) one for
/// everyone before them in the sentence.
fn after_cue(text: &str) -> (Option<Role>, Option<Role>) {
    const OWN: &[(&str, Role)] = &[
        ("as rapporteur", Role::Rapporteur),
        ("as moderator", Role::Moderator),
        ("closing remarks", Role::ClosingRemarks),
        ("keynote", Role::Keynote),
        ("as a speaker", Role::Speaker),
    ];
    const GROUP: &[(&str, Role)] = &[
        ("as panel speakers", Role::Speaker),
        ("as speakers", Role::Speaker),
        ("as panellists", Role::Speaker),
        ("as panelists", Role::Speaker),
        ("welcomed", Role::WelcomeRemarks),
    ];
    let lower = text.to_lowercase();
    let first = |cues: &[(&str, Role)]| {
        cues.iter()
            .filter_map(|&(cue, role)| find_word(&lower, cue).map(|at| (at, role)))
            .min_by_key(|&(at, _)| at)
    };
    match (first(OWN), first(GROUP)) {
        (Some((a, own)), Some((b, _))) if a < b => (Some(own), None),
        (_, Some((_, group))) => (None, Some(group)),
        (Some((_, own)), None) => (Some(own), None),
        (None, None) => (None, None),
    }
}

/// "The Rapporteurs of the preceding panels and the moderators of the thematic sessions
/// featured as speakers".
fn group_roles(p: &Paragraph, start: usize, end: usize) -> Vec<GroupRole> {
    let sentence = &p.text[start..end];
    let lower = sentence.to_lowercase();
    let Some(role) = [
        ("as speakers", Role::Speaker),
        ("as panellists", Role::Speaker),
    ]
    .iter()
    .find(|(cue, _)| positions(&lower, cue).next().is_some())
    .map(|&(_, r)| r) else {
        return Vec::new();
    };
    let holders = [
        ("rapporteurs", Role::Rapporteur),
        ("moderators", Role::Moderator),
        ("speakers", Role::Speaker),
    ];
    let groups = [
        ("of the preceding panels", Group::PrecedingPanels),
        ("of the previous panels", Group::PrecedingPanels),
        ("of the thematic sessions", Group::ThematicSessions),
    ];
    let mut out = Vec::new();
    for (word, holder) in holders {
        for (phrase, group) in groups {
            if lower.contains(&format!("{word} {phrase}")) {
                out.push(GroupRole {
                    role,
                    holders: holder,
                    of: group,
                    line: p.line_at(start),
                    text: sentence.to_owned(),
                });
            }
        }
    }
    out
}
