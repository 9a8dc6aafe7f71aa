//! The people of a session against the session's part of the report: each person it names is
//! a participant ([`unrecorded_person`]), each participant is named there
//! ([`unnamed_participant`]), with the name as printed ([`misspelled_name`]) and the role the
//! report states ([`mismatched_role`]).
//!
//! A participant the part does not name is accepted when the part gives the role to a group
//! the person belongs to: the concluding panel's speakers, whom the report describes by their
//! earlier roles ("the Rapporteurs of the preceding panels and the moderators of the thematic
//! sessions featured as speakers"); or when the participation's `note` says how the report
//! establishes the role and the person took part in an earlier session of the conference.

use alliance_core::load::Kind;
use alliance_core::model::{Participation, Person, Session};
use alliance_core::report::Group;
use alliance_core::text::edit_distance;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::codes;
use crate::context::{Authority, Finding, Report};
use crate::reading::{Named, Part};

/// How many unmatched names and participants of one session are compared for a misspelling
/// (each with each): beyond that, none are.
const MAX_COMPARED: usize = 64;

/// One session's participants matched with the names its part of the report prints.
pub(crate) struct Matching<'a> {
    session: &'a Session,
    /// The session's part of its report: an index into [`crate::reading::Reading::parts`].
    part: usize,
    /// For each participant, its person and what it was matched with.
    participants: Vec<(usize, &'a Participation, &'a Person, Matched)>,
    /// For each name, the person it names (an id), if it is a participant's.
    names: Vec<Option<&'a str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matched {
    /// Named (the name's position).
    Named(usize),
    /// Printed in the section's paragraphs, but not read as a person's name there.
    Prose,
    /// Named, but misspelled (the name's position).
    Misspelled(usize),
    /// Not named, but the section gives the role to a group the person belongs to ("the
    /// Rapporteurs of the preceding panels"), or a note says how the report establishes the
    /// role and the person took part in an earlier session.
    Grouped,
    /// Not named.
    Unnamed,
}

/// Each person's participations in a conference: the session (a position in
/// `Dataset::sessions`) and the role.
type Participations<'a> = FxHashMap<(&'a str, &'a str), Vec<(usize, &'a str)>>;

/// Every session with a part in its report, matched, in dataset order.
pub(crate) fn matchings<'a>(cx: &Authority<'a>) -> Vec<Matching<'a>> {
    let mut held: Participations<'a> = FxHashMap::default();
    for (i, s) in cx.ds.sessions.iter().enumerate() {
        for p in &s.participants {
            held.entry((s.conference.as_str(), p.person.as_str()))
                .or_default()
                .push((i, p.role.as_str()));
        }
    }
    let mut out = Vec::new();
    for session in &cx.ds.sessions {
        let part = cx.report(&session.conference).and_then(|report| {
            let heading = alliance_core::text::normalize(&session.heading);
            let p = report
                .reading
                .parts
                .iter()
                .position(|p| p.heading == heading)?;
            Some((report, p))
        });
        if let Some((report, p)) = part {
            out.push(Matching::new(cx, session, report, p, &held));
        }
    }
    out
}

/// Whether `other` is one of the sessions a group names, seen from `this`.
fn in_group(group: Group, this: &Session, other: &Session) -> bool {
    match group {
        Group::PrecedingPanels => other.order < this.order && other.heading.starts_with("Panel"),
        Group::ThematicSessions => other.kind == "thematic",
    }
}

impl<'a> Matching<'a> {
    fn new(
        cx: &Authority<'a>,
        session: &'a Session,
        report: &Report,
        index: usize,
        held: &Participations<'_>,
    ) -> Self {
        let part = &report.reading.parts[index];
        let ends = word_ends(&part.prose);
        let mut by_name: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, n) in part.named.iter().enumerate() {
            by_name.entry(n.name.as_str()).or_default().push(i);
        }
        let mut names: Vec<Option<&str>> = vec![None; part.named.len()];
        let mut participants = Vec::with_capacity(session.participants.len());
        for (i, p) in session.participants.iter().enumerate() {
            let Some(person) = cx.index.person(&p.person) else {
                continue;
            };
            let matched = match by_name.get(person.name.as_str()) {
                Some(found) => {
                    for &n in found {
                        names[n] = Some(&person.id);
                    }
                    Matched::Named(found[0])
                }
                None if in_prose(&part.prose, &ends, &person.name) => Matched::Prose,
                None => Matched::Unnamed,
            };
            participants.push((i, p, person, matched));
        }
        // an unnamed participant and a name that is no participant's, printed alike: a
        // misspelling (one finding, not two)
        let spare: Vec<usize> = (0..names.len()).filter(|&n| names[n].is_none()).collect();
        let unnamed = participants
            .iter()
            .filter(|p| p.3 == Matched::Unnamed)
            .count();
        if !spare.is_empty() && spare.len() <= MAX_COMPARED && unnamed <= MAX_COMPARED {
            for (_, _, person, matched) in participants.iter_mut() {
                if *matched != Matched::Unnamed {
                    continue;
                }
                let close = spare
                    .iter()
                    .copied()
                    .filter(|&n| names[n].is_none())
                    .map(|n| (edit_distance(&part.named[n].name, &person.name), n))
                    .filter(|&(d, _)| d <= (person.name.chars().count() / 4).max(2))
                    .min();
                if let Some((_, n)) = close {
                    names[n] = Some(&person.id);
                    *matched = Matched::Misspelled(n);
                }
            }
        }
        for (_, p, _, matched) in participants.iter_mut() {
            if *matched != Matched::Unnamed {
                continue;
            }
            let theirs = held
                .get(&(session.conference.as_str(), p.person.as_str()))
                .map_or(&[][..], Vec::as_slice);
            let earlier = |&&(s, _): &&(usize, &str)| cx.ds.sessions[s].order < session.order;
            let grouped = part.groups.iter().any(|g| {
                g.role.id() == p.role
                    && theirs.iter().any(|&(s, role)| {
                        role == g.holders.id() && in_group(g.of, session, &cx.ds.sessions[s])
                    })
            });
            if grouped || (p.note.is_some() && theirs.iter().any(|h| earlier(&h))) {
                *matched = Matched::Grouped;
            }
        }
        Matching {
            session,
            part: index,
            participants,
            names,
        }
    }

    /// The session's report and its part of it.
    fn part<'c>(&self, cx: &'c Authority<'_>) -> Option<(&'c Report, &'c Part)> {
        let report = cx.report(&self.session.conference)?;
        Some((report, report.reading.parts.get(self.part)?))
    }
}

/// Where each word (a run of letters and digits) of `text` ends, by word.
fn word_ends(text: &str) -> FxHashMap<&str, Vec<usize>> {
    let mut ends: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut start = None;
    let end = std::iter::once((text.len(), ' '));
    for (at, c) in text.char_indices().chain(end) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                ends.entry(&text[from..at]).or_default().push(at);
                start = None;
            }
            _ => {}
        }
    }
    ends
}

/// Whether `name` stands in `prose` as whole words ([`alliance_core::text::find_word`]),
/// its last word (without the punctuation around it) one of the words of `prose`: looked for
/// only where those words end ([`word_ends`]), not through the whole of `prose` for every
/// participant.
fn in_prose(prose: &str, ends: &FxHashMap<&str, Vec<usize>>, name: &str) -> bool {
    let last = name
        .rsplit(' ')
        .next()
        .map_or("", |w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let (Some(found), Some(at)) = (ends.get(last), name.rfind(last)) else {
        return false;
    };
    // the bytes of the name after its last word's letters and digits ("Jr." has one)
    let tail = name.len() - at - last.len();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    found.iter().any(|&end| {
        let end = end + tail;
        end.checked_sub(name.len()).is_some_and(|start| {
            prose.get(start..end) == Some(name)
                && !word(prose[..start].chars().next_back())
                && !word(prose[end..].chars().next())
        })
    })
}

/// `unrecorded-person`: a name the session's part prints in bold that is no participant's.
pub fn unrecorded_person(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    let mut by_printed: FxHashMap<&str, &str> = FxHashMap::default();
    for person in &cx.ds.people {
        by_printed.entry(&person.name).or_insert(&person.id);
    }
    for m in cx.matchings() {
        let Some((report, part)) = m.part(cx) else {
            continue;
        };
        for (n, named) in part.named.iter().enumerate() {
            if m.names[n].is_some() {
                continue;
            }
            let role = named.role.unwrap_or("speaker");
            let help = match by_printed.get(named.name.as_str()) {
                Some(id) => format!(
                    "add the participant to the session:\n[[participant]]\nperson = \"{id}\"\nrole = \"{role}\""
                ),
                None => format!(
                    "add {} to registry/people.toml and as a [[participant]] of the session (role = \"{role}\")",
                    named.name
                ),
            };
            let file = cx.file_of(Kind::Session, &m.session.id).unwrap_or_default();
            out.push(
                cx.error(
                    codes::UNRECORDED_PERSON,
                    format!(
                        "{} is named under `{}` but is not a participant of `{}`",
                        named.name, m.session.heading, m.session.id
                    ),
                    Some((Kind::Session, &m.session.id)),
                    name_location(cx, report, named),
                )
                .label("a person the dataset lost")
                .note(format!("the session is {file}"))
                .help(help),
            );
        }
    }
}

fn name_location(
    _cx: &Authority<'_>,
    report: &Report,
    named: &Named,
) -> Option<alliance_core::diagnostic::Location> {
    Some(alliance_core::diagnostic::Location {
        file: report.file,
        span: named.span.clone(),
    })
}

/// `unnamed-participant`: a participant the session's part of the report does not name.
pub fn unnamed_participant(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for m in cx.matchings() {
        for (i, p, person, matched) in &m.participants {
            if *matched != Matched::Unnamed {
                continue;
            }
            let location = cx.locate_participant(&m.session.id, *i, "person");
            let mut finding = cx
                .error(
                    codes::UNNAMED_PARTICIPANT,
                    format!(
                        "`{}` ({}) is a participant of `{}`, but the report does not name them under `{}`",
                        p.person, person.name, m.session.id, m.session.heading
                    ),
                    Some((Kind::Session, &m.session.id)),
                    location,
                )
                .label("not named in this session's part of the report")
                .help("remove the participant; or, when the report gives the role by an earlier one (\"the Rapporteurs of the preceding panels\"), say so in the participation's `note`");
            let groups = m.part(cx).map_or(&[][..], |(_, part)| &part.groups[..]);
            let mut lines = Vec::new();
            for g in groups.iter().filter(|g| g.role.id() == p.role) {
                if lines.contains(&g.line) {
                    continue;
                }
                lines.push(g.line);
                finding = finding.note(format!(
                    "report line {}: \"{}\" (`{}` held none of those roles)",
                    g.line, g.text, p.person
                ));
            }
            if p.note.is_some() {
                finding = finding.note(
                    "a note is accepted for someone who took part in an earlier session of the conference; this person did not",
                );
            }
            out.push(finding);
        }
    }
}

/// `misspelled-name`: a participant whose name is printed otherwise in bold in the session's
/// part (one finding per person).
pub fn misspelled_name(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for m in cx.matchings() {
        let Some((_, part)) = m.part(cx) else {
            continue;
        };
        for (_, _, person, matched) in &m.participants {
            let Matched::Misspelled(n) = *matched else {
                continue;
            };
            if !seen.insert(&person.id) {
                continue;
            }
            let named = &part.named[n];
            let location = cx.locate_field(Kind::Person, &person.id, "name");
            out.push(
                cx.error(
                    codes::MISSPELLED_NAME,
                    format!(
                        "the report prints `{}`, not `{}` (report line {})",
                        named.name, person.name, named.line
                    ),
                    Some((Kind::Person, &person.id)),
                    location,
                )
                .label("not as the report prints it")
                .help(format!("name = \"{}\"", named.name)),
            );
        }
    }
}

/// Roles the report states in a way [`crate::reading`] reads.
const STATED: &[&str] = &["moderator", "rapporteur", "keynote", "welcome-remarks"];

/// `mismatched-role`: a role the report states for a participant that the participant does not
/// hold, or a moderator, rapporteur or keynote the dataset gives to someone else than the one
/// the report states.
pub fn mismatched_role(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for m in cx.matchings() {
        let Some((_, part)) = m.part(cx) else {
            continue;
        };
        stated_roles_not_held(cx, m, part, out);
    }
}

/// `mismatched-role`, for one session: the roles the report states for the people it names
/// that they do not hold, then the stated roles the dataset gives to someone else. Each
/// lookup is by person or by role, so a session of thousands costs no more per person.
fn stated_roles_not_held(
    cx: &Authority<'_>,
    m: &Matching<'_>,
    part: &Part,
    out: &mut Vec<Finding>,
) {
    let mut reported: FxHashSet<&str> = FxHashSet::default();
    let held: FxHashSet<(&str, &str)> = m
        .session
        .participants
        .iter()
        .map(|p| (p.person.as_str(), p.role.as_str()))
        .collect();
    // each person's first participation
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (k, q) in m.participants.iter().enumerate() {
        first.entry(q.1.person.as_str()).or_insert(k);
    }
    // what the report states, for each person it names
    for (n, named) in part.named.iter().enumerate() {
        let (Some(role), Some(person)) = (named.role, m.names[n]) else {
            continue;
        };
        if cx
            .index
            .term(alliance_core::Vocabulary::Role, role)
            .is_none()
            || held.contains(&(person, role))
            || !reported.insert(person)
        {
            continue;
        }
        let Some(&(i, p, _, _)) = first.get(person).map(|&k| &m.participants[k]) else {
            continue;
        };
        out.push(
            cx.error(
                codes::MISMATCHED_ROLE,
                format!(
                    "the report states {} as {role} of this session (report line {}); the dataset gives `{}` the role `{}`",
                    named.name, named.line, person, p.role
                ),
                Some((Kind::Session, &m.session.id)),
                cx.locate_participant(&m.session.id, i, "role"),
            )
            .label(format!("expected role = \"{role}\""))
            .help(format!("role = \"{role}\"")),
        );
    }
    // the names the report states each role for, in order, and whom they name
    let mut stating: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut named_as: FxHashSet<(&str, &str)> = FxHashSet::default();
    for (n, named) in part.named.iter().enumerate() {
        if let Some(role) = named.role {
            stating.entry(role).or_default().push(n);
            if let Some(person) = m.names[n] {
                named_as.insert((role, person));
            }
        }
    }
    // the roles the report states for someone, given to someone else
    for (i, p, person, _) in &m.participants {
        let role = p.role.as_str();
        if !STATED.contains(&role)
            || reported.contains(p.person.as_str())
            || named_as.contains(&(role, p.person.as_str()))
        {
            continue;
        }
        let other = stating.get(role).and_then(|names| {
            names
                .iter()
                .find(|&&n| m.names[n] != Some(&p.person))
                .map(|&n| &part.named[n])
        });
        let Some(other) = other else {
            continue;
        };
        reported.insert(&p.person);
        out.push(
            cx.error(
                codes::MISMATCHED_ROLE,
                format!(
                    "`{}` ({}) is {} of `{}` in the dataset, but the report states {} as {}",
                    p.person, person.name, p.role, m.session.id, other.name, p.role
                ),
                Some((Kind::Session, &m.session.id)),
                cx.locate_participant(&m.session.id, *i, "role"),
            )
            .label("not the role the report states")
            .note(format!("report line {}", other.line))
            .help("give each participant the role the report states"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alliance_core::text::find_word;

    #[test]
    fn names_in_prose_as_before() {
        let prose =
            "Ann Example, Jr. spoke; Bo Sample’s work, Cy Model-Case and xAnn Example. É Dé";
        let ends = word_ends(prose);
        for name in [
            "Ann Example",
            "Example",
            "Ann Example, Jr.",
            "Bo Sample",
            "Cy Model",
            "Cy Model-Case",
            "Model-Case",
            "Bo Sam",
            "Ann Exampl",
            "É Dé",
            "Dé",
            "",
            "Jr.",
        ] {
            // as the matching read it, through the whole prose for each name
            let words: FxHashSet<&str> = prose
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let last = name.rsplit(' ').next().unwrap_or("");
            let before = words.contains(last.trim_matches(|c: char| !c.is_alphanumeric()))
                && find_word(prose, name).is_some();
            assert_eq!(in_prose(prose, &ends, name), before, "{name:?}");
        }
    }
}
