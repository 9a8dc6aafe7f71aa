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
//! A name is read past the characters nobody sees that `pdftotext` leaves in words (the soft
//! hyphen and the zero-width characters, [`crate::text::is_invisible`]; a soft hyphen before
//! a space joins the halves of a word) and is recorded without them; the report's text, which
//! the verbatim comparison reads, keeps them. A name with a character that stands for a lost
//! one (U+FFFD, a private-use glyph) or a bidirectional control in it is kept as printed,
//! without a role, so that it is checked rather than lost.
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

use std::collections::{HashMap, HashSet};

mod names;

use super::{Paragraph, Section};
use crate::text::{find_word, positions, rfind_word};
use names::{BEFORE_NAME, Part, Word, is_honorific, part_of_name, words};

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
    /// The name as printed, without honorific and without the characters nobody sees
    /// ([`crate::text::is_invisible`]: "Jo\u{ad}hansson" is "Johansson").
    pub name: String,
    /// The honorific printed before the name ("Ambassador", "Fr.", "Mr."), the first seen.
    pub honorific: Option<String>,
    /// The role the text gives; `None` when it gives none this reading recognizes, and for
    /// a name that cannot be read whole (a character in it that stands for a lost one, such
    /// as U+FFFD, or a bidirectional control): such a name is kept as printed, for a person
    /// to check, never dropped.
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
        section.people = each_once(people, &surnames);
    }
}

/// The people of a section, each once per role: a second mention by surname alone is
/// nobody new, a mention without a role adds nothing to one with, a role found later is
/// given to an earlier mention without one, and every mention gets the honorific and the
/// affiliation printed at any mention of the name. Linear: the mentions of a name are found
/// by the name.
fn each_once(people: Vec<Person>, surnames: &HashSet<String>) -> Vec<Person> {
    let mut kept: Vec<Person> = Vec::new();
    // for each name, where its people are in `kept`, in order
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for person in people {
        if !person.name.contains(' ') && surnames.contains(&person.name) {
            continue;
        }
        let same = by_name.entry(person.name.clone()).or_default();
        if same.iter().any(|&k| kept[k].role == person.role)
            || (person.role.is_none() && !same.is_empty())
        {
            continue;
        }
        // a role found later replaces a mention without one
        if let Some(&k) = same.iter().find(|&&k| kept[k].role.is_none()) {
            kept[k].role = person.role;
            continue;
        }
        same.push(kept.len());
        kept.push(person);
    }
    // the honorific and affiliation printed at any mention: the first printed
    for same in by_name.values() {
        let honorific = same.iter().find_map(|&k| kept[k].honorific.clone());
        let affiliation = same.iter().find_map(|&k| kept[k].affiliation.clone());
        for &k in same {
            let k = &mut kept[k];
            k.honorific = k.honorific.take().or_else(|| honorific.clone());
            k.affiliation = k.affiliation.take().or_else(|| affiliation.clone());
        }
    }
    kept
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
    /// Whether every word of the name could be read ([`Part::Unreadable`]).
    readable: bool,
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
    give_roles(text, start, end, &mut mentions);
    mentions
        .into_iter()
        .map(|m| Person {
            line: p.line_at(m.start),
            name: m.name,
            honorific: m.honorific,
            // a name not read whole is not given a role: someone checks it
            role: m.role.filter(|_| m.readable),
            affiliation: m.affiliation,
        })
        .collect()
}

/// The roles of a sentence's people: the words before each name, else after its
/// affiliation; a role for the group before its cue ("..., featured as panel speakers") to
/// those without one; and the previous person's to those still without one.
fn give_roles(text: &str, start: usize, end: usize, mentions: &mut [Mention]) {
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
    // everyone before a group's cue has a role once it is given: the next cue gives its
    // role to those after it
    let mut given = 0;
    for i in 0..mentions.len() {
        if let Some(role) = mentions[i].group_cue {
            for m in mentions[given..=i].iter_mut().filter(|m| m.role.is_none()) {
                m.role = Some(role);
            }
            given = i + 1;
        }
    }
    for i in 1..mentions.len() {
        if mentions[i].role.is_none() {
            mentions[i].role = mentions[i - 1].role;
        }
    }
}

/// The name starting at word `k`, and the word after it.
fn name_at(ws: &[Word<'_>], k: usize) -> Option<(Mention, usize)> {
    let prev = k.checked_sub(1).map(|j| &ws[j]);
    let honorific = prev.filter(|w| is_honorific(&w.bare));
    let trigger = |w: &Word<'_>| {
        let bare = w.bare.trim_end_matches(',');
        w.bare.ends_with([',', ':', ';'])
            || is_honorific(&w.bare)
            || BEFORE_NAME.iter().any(|b| b.eq_ignore_ascii_case(bare))
    };
    if part_of_name(&ws[k]) == Part::None || !prev.is_none_or(trigger) {
        return None;
    }
    let mut end = k;
    let mut readable = true;
    while end < ws.len() && end - k < 5 {
        match part_of_name(&ws[end]) {
            Part::None => break,
            Part::Unreadable => readable = false,
            Part::Name => {}
        }
        let stop = ws[end].bare.ends_with([',', '.', ';', ':', ')']);
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
    let last = &ws[end - 1];
    let open_end = !last.bare.ends_with([',', '.', ';', ':', ')']);
    let follower = ws.get(end).filter(|_| open_end).map(|w| &*w.bare);
    let organization_follows =
        follower.is_some_and(|f| matches!(f, "of" | "for" | "on" | "at" | "against"));
    let capital_follows = follower.is_some_and(|f| f.starts_with(char::is_uppercase));
    if !ok_len || organization_follows || capital_follows {
        return None;
    }
    let name: Vec<&str> = ws[k..end].iter().map(|w| &*w.name).collect();
    let name_end = last.core_end;
    Some((
        Mention {
            start: honorific.map_or(ws[k].start, |h| h.start),
            name_end,
            name: name.join(" "),
            honorific: honorific.map(|h| h.bare.clone().into_owned()),
            affiliation: None,
            aff_end: name_end,
            role: None,
            group_cue: None,
            readable,
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
