//! The shape of a name: the words of a sentence, the words that are never names (positions,
//! organizations, places), the honorifics and the words a name follows.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::{is_invisible, visible};

/// A word of a sentence: where it is in the paragraph, and what a name is read from.
#[derive(Debug, Clone)]
pub(super) struct Word<'t> {
    pub(super) start: usize,
    /// The word as printed (a word split by a soft hyphen before a space is both halves)
    /// without invisible characters: what punctuation and cue words are read from.
    pub(super) bare: Cow<'t, str>,
    /// Where the word without the punctuation around it ends in the paragraph, with the
    /// invisible characters right after it.
    pub(super) core_end: usize,
    /// The word without the punctuation around it and without invisible characters, its
    /// halves joined: the word of a name.
    pub(super) name: Cow<'t, str>,
}

impl<'t> Word<'t> {
    fn new(text: &'t str, start: usize, len: usize) -> Word<'t> {
        let raw = &text[start..start + len];
        let edge = |c: char| !(c.is_alphanumeric() || c == '-' || c == '\'');
        let trimmed = raw.trim_start_matches(edge);
        let core = trimmed.trim_end_matches(edge).trim_end_matches('\'');
        let core_at = start + raw.len() - trimmed.len();
        let after = &text[core_at + core.len()..start + len];
        let name = if core.contains(is_invisible) {
            Cow::Owned(visible(&core.replace("\u{ad} ", "")).into_owned())
        } else {
            Cow::Borrowed(core)
        };
        Word {
            start,
            bare: visible(raw),
            core_end: start + len - after.trim_start_matches(is_invisible).len(),
            name,
        }
    }
}

/// The words of `text[start..end]`, split at spaces; a word whose halves a soft hyphen and a
/// space part ("Jo\u{ad} hansson", a line's end in the source) is one.
pub(super) fn words(text: &str, start: usize, end: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut at = start;
    let mut pieces = text[start..end].split(' ').peekable();
    while let Some(piece) = pieces.next() {
        let mut len = piece.len();
        while text[at..at + len].ends_with('\u{ad}')
            && let Some(next) = pieces.next_if(|p| p.starts_with(char::is_lowercase))
        {
            len += 1 + next.len();
        }
        out.push(Word::new(text, at, len));
        at += len + 1;
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

pub(super) fn is_honorific(word: &str) -> bool {
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
pub(super) const BEFORE_NAME: &[&str] = &[
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

/// What a word can be of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// A word of a name.
    Name,
    /// A word of a name but for characters that stand for lost ones or change how the text
    /// shows ([`is_unreadable`]): the name cannot be read as printed.
    Unreadable,
    /// No word of a name.
    None,
}

/// Whether a word is one of a name: capitalized, of letters (and `-`, `'`, `’`), and not an
/// honorific nor one of [`NOT_NAMES`].
pub(super) fn part_of_name(w: &Word<'_>) -> Part {
    if is_honorific(&w.bare) {
        return Part::None;
    }
    let word = &*w.name;
    let letters = |c: char| c.is_alphabetic() || is_combining(c) || matches!(c, '-' | '\'' | '’');
    let capitalized = |mut chars: std::str::Chars<'_>| {
        chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
    };
    if word.chars().all(letters) {
        return if capitalized(word.chars()) && !is_not_name(word) {
            Part::Name
        } else {
            Part::None
        };
    }
    if !word.contains(is_unreadable) {
        return Part::None;
    }
    let read: String = word.chars().filter(|&c| !is_unreadable(c)).collect();
    let damaged = read.len() < word.len() && read.chars().all(letters);
    if damaged && capitalized(read.chars()) && !is_not_name(&read) {
        Part::Unreadable
    } else {
        Part::None
    }
}

/// A combining mark of the blocks a Latin, Greek or Cyrillic name's accents are in (a name
/// printed decomposed: "e" and U+0301).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}')
}

/// A character that stands for a lost one (U+FFFD, a private-use glyph of a font without a
/// mapping) or a control of the text's direction or form that no name is written with.
fn is_unreadable(c: char) -> bool {
    matches!(
        c,
        '\u{fffd}'
            | '\u{e000}'..='\u{f8ff}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2061}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
    )
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
