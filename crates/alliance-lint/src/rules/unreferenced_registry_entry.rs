//! `unreferenced-registry-entry`: a person or an organization nothing refers to.

use alliance_core::load::Kind;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds people in `registry/people.toml` that no session lists as a participant, and
    /// organizations in `registry/organizations.toml` that nothing refers to: no conference as
    /// its organizer, no session as a co-organizer or contributor, no person's affiliation, no
    /// other organization as its parent, no instrument as its issuer. An entry that a report
    /// names (a person's name; an organization's name, abbreviation or other printed form, word
    /// for word, punctuation aside) belongs in the registry all the same, and is not reported.
    ///
    /// ## Why it matters
    /// The registries hold who and what the conferences' reports name. An entry that nothing
    /// refers to and no report names is usually left over from a renamed or merged record, or
    /// a participation that was never entered; it still shows up in every export (the People
    /// and Organizations sheets, the CSV tables) as if it took part.
    ///
    /// ## Example
    /// ```toml
    /// [[organization]]
    /// id = "unicef-innocenti"   # every affiliation says "unicef"
    /// name = "UNICEF Office of Research - Innocenti"
    /// ```
    ///
    /// ## How to fix
    /// Add the participation or reference the report gives, point the references at this entry
    /// instead of a duplicate, or remove it.
    pub(crate) struct UnreferencedRegistryEntry;
    severity = Warning,
}

impl Check for UnreferencedRegistryEntry {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ds = cx.ds;
        let mut people: FxHashSet<&str> = FxHashSet::default();
        let mut organizations: FxHashSet<&str> = FxHashSet::default();
        for c in &ds.conferences {
            organizations.extend(c.organizer.as_deref());
        }
        for s in &ds.sessions {
            people.extend(s.participants.iter().map(|p| p.person.as_str()));
            organizations.extend(s.co_organizers.iter().map(String::as_str));
            organizations.extend(s.contributors.iter().map(String::as_str));
        }
        for p in &ds.people {
            organizations.extend(
                p.affiliations
                    .iter()
                    .filter_map(|a| a.organization.as_deref()),
            );
        }
        for o in &ds.organizations {
            // being one's own parent is no reference (and `organization-parent-cycle`'s)
            organizations.extend(o.parent.as_deref().filter(|p| *p != o.id));
        }
        for i in &ds.instruments {
            organizations.extend(i.issuer.as_deref());
        }
        // the entries nothing refers to, with the names a report may print them under
        let mut candidates: Vec<(Kind, &str, Vec<&str>)> = Vec::new();
        for p in &ds.people {
            if !people.contains(p.id.as_str()) {
                candidates.push((Kind::Person, &p.id, vec![p.name.as_str()]));
            }
        }
        for o in &ds.organizations {
            if !organizations.contains(o.id.as_str()) {
                let mut names = vec![o.name.as_str()];
                names.extend(o.abbreviation.as_deref());
                names.extend(o.also_printed_as.iter().map(String::as_str));
                candidates.push((Kind::Organization, &o.id, names));
            }
        }
        if candidates.is_empty() {
            return;
        }
        let named = named_in_reports(cx, &candidates);
        for ((kind, id, _), named) in candidates.iter().zip(named) {
            if named {
                continue;
            }
            let finding = match kind {
                Kind::Person => cx
                    .finding(
                        &Self::INFO,
                        format!("person `{id}` takes part in no session, and no report names them"),
                        Kind::Person,
                        id,
                        "id",
                    )
                    .label("no session lists this person")
                    .help("add the participation the report gives, or remove the person"),
                _ => cx
                    .finding(
                        &Self::INFO,
                        format!("nothing refers to organization `{id}`, and no report names it"),
                        Kind::Organization,
                        id,
                        "id",
                    )
                    .label("no organizer, co-organizer, contributor, affiliation, parent or issuer names this id")
                    .help("add the reference the report gives, or remove the organization"),
            };
            out.push(finding);
        }
    }
}

/// The multiplier of the rolling hash of word sequences.
const BASE: u64 = 0x0000_0100_0000_01b3;

/// The words of a text: its runs of letters and digits (so punctuation, emphasis markers and
/// line breaks do not matter), as byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII without decoding: a report is mostly ASCII
        let (in_word, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
        };
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn word_hash(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

/// The hash of a sequence of words, as [`named_in_reports`] rolls it over a report.
fn sequence_hash<'w>(words: impl Iterator<Item = &'w str>) -> u64 {
    words.fold(0u64, |h, w| h.wrapping_mul(BASE).wrapping_add(word_hash(w)))
}

/// For each candidate, whether a report names it under one of its names, word for word. One
/// pass over every report's words per distinct number of words in a name (a rolling hash of
/// word sequences), so the cost is linear in the reports, however many candidates there are.
fn named_in_reports(cx: &Context<'_>, candidates: &[(Kind, &str, Vec<&str>)]) -> Vec<bool> {
    let mut found = vec![false; candidates.len()];
    // every name as its words, by the hash of its words
    let mut names: FxHashMap<u64, Vec<(usize, Vec<&str>)>> = FxHashMap::default();
    let mut lengths: Vec<usize> = Vec::new();
    for (i, (_, _, printed)) in candidates.iter().enumerate() {
        for name in printed {
            let name_words: Vec<&str> = words(name).into_iter().map(|(s, e)| &name[s..e]).collect();
            if name_words.is_empty() {
                continue;
            }
            lengths.push(name_words.len());
            let hash = sequence_hash(name_words.iter().copied());
            names.entry(hash).or_default().push((i, name_words));
        }
    }
    lengths.sort_unstable();
    lengths.dedup();
    let mut left = candidates.len();
    for &file in cx.loaded.reports.values() {
        if left == 0 {
            break;
        }
        let text = &cx.sources().get(file).text;
        let spans = words(text);
        let mut prefix = Vec::with_capacity(spans.len() + 1);
        prefix.push(0u64);
        for &(s, e) in &spans {
            let last = *prefix.last().unwrap_or(&0);
            prefix.push(last.wrapping_mul(BASE).wrapping_add(word_hash(&text[s..e])));
        }
        for &k in &lengths {
            let power = (0..k).fold(1u64, |p, _| p.wrapping_mul(BASE));
            for i in 0..spans.len().saturating_sub(k - 1) {
                let hash = prefix[i + k].wrapping_sub(prefix[i].wrapping_mul(power));
                let Some(list) = names.get(&hash) else {
                    continue;
                };
                for (candidate, name_words) in list {
                    if found[*candidate] || name_words.len() != k {
                        continue;
                    }
                    let same = spans[i..i + k]
                        .iter()
                        .zip(name_words)
                        .all(|(&(s, e), w)| &text[s..e] == *w);
                    if same {
                        found[*candidate] = true;
                        left -= 1;
                    }
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn words_are_runs_of_letters_and_digits_in_any_script() {
        let text = "**L’Ordre** des Médecins—Київ, 2017!";
        let words: Vec<&str> = super::words(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["L", "Ordre", "des", "Médecins", "Київ", "2017"]);
    }

    #[test]
    fn added_and_orphaned_entries() {
        snapshot_fixture!(
            super::UnreferencedRegistryEntry,
            &[
                (
                    "registry/people.toml",
                    "",
                    "\n[[person]]\nid = \"nobody\"\nname = \"No Body\"\n\n[[person.affiliation]]\nconference = \"alliance-17\"\norganization = \"iom\"\nas_printed = \"Orphaned\"\n"
                ),
                (
                    "registry/organizations.toml",
                    "",
                    "\n[[organization]]\nid = \"orphan\"\nname = \"Orphan\"\n\n[[organization]]\nid = \"self-parent\"\nname = \"Self Parent\"\nparent = \"self-parent\"\n\n[[organization]]\nid = \"named-in-the-report\"\nname = \"Global Action Plan\"\n"
                ),
            ]
        );
    }
}
