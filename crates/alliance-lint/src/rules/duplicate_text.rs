//! `duplicate-text`: the same recommendation recorded twice.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, Hash, Hasher};

use alliance_core::load::Kind;
use alliance_core::text::normalized;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds recommendations whose text (normalized for whitespace) is the same as an earlier one's.
    ///
    /// ## Why it matters
    /// A bullet entered twice is counted twice in every cross-tab and printed twice in a brief.
    ///
    /// ## Example
    /// Two `[[recommendation]]` tables with the same `text` after a copy and paste.
    ///
    /// ## How to fix
    /// Remove the copy; if the report really repeats a bullet in two sessions, suppress the finding on
    /// the second with the reason.
    pub(crate) struct DuplicateText;
    severity = Error,
}

impl Check for DuplicateText {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // normalizing and hashing the texts is most of the work: on every core; most texts
        // are already normalized, and the keys borrow them
        let keys: Vec<Key<'_>> = cx
            .ds
            .recommendations
            .par_iter()
            .map(|r| Key::new(normalized(&r.text)))
            .collect();
        let mut seen = FxHashMap::default();
        seen.reserve(keys.len());
        for (r, key) in cx.ds.recommendations.iter().zip(keys) {
            match seen.entry(key) {
                Entry::Occupied(first) => out.push(
                    cx.finding(
                        &Self::INFO,
                        format!(
                            "recommendation `{}` repeats the text of `{}`",
                            r.id,
                            first.get()
                        ),
                        Kind::Recommendation,
                        &r.id,
                        "text",
                    )
                    .label("same text as an earlier recommendation"),
                ),
                Entry::Vacant(entry) => {
                    entry.insert(&r.id);
                }
            }
        }
    }
}

/// A normalized text with its hash, computed once, so that the map only hashes a number.
#[derive(PartialEq, Eq)]
struct Key<'a> {
    hash: u64,
    text: Cow<'a, str>,
}

impl<'a> Key<'a> {
    fn new(text: Cow<'a, str>) -> Self {
        Key {
            hash: FxBuildHasher.hash_one(&text),
            text,
        }
    }
}

impl Hash for Key<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn copied_recommendation() {
        snapshot_fixture!(
            super::DuplicateText,
            &[(
                "conferences/alliance-17/sessions/03-panel-2.toml",
                "",
                "\n[[recommendation]]\nid = \"a17-panel-2-r09\"\norder = 9\nlabel = \"findings\"\ntext = \"Prevention efforts should focus on addressing the factors that increase children's vulnerability through family strengthening and sustainable youth programmes.\"\nthemes = [\"prevention-and-awareness\"]\npillars = [\"prevention\"]\nsource = { bullet = 8, line = 88 }\n"
            )]
        );
    }
}
