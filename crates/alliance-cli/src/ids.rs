//! Ids given on the command line that name nothing in the dataset: `--conference`, `--theme`
//! and the other filters of export and brief are checked the same way and refused with one
//! message, each unknown id with a "did you mean" and the known ids listed.

use std::collections::HashSet;
use std::fmt;

/// Ids given that name nothing in the dataset, with the ids that would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownIds {
    /// One entry per kind with unknown ids: the option, the unknown ids, the known ids.
    pub kinds: Vec<UnknownKind>,
}

/// Unknown ids of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind {
    /// The option that named them (`--theme`).
    pub option: &'static str,
    /// The noun (`theme`).
    pub noun: &'static str,
    /// The ids that name nothing.
    pub unknown: Vec<String>,
    /// Every id of this kind, in the dataset's order.
    pub known: Vec<String>,
}

/// How many known ids an error message lists before it says how many more there are.
const KNOWN_LISTED: usize = 40;

impl UnknownKind {
    /// The ids of `given` (in order, each once) that are not in `known`, or `None` when every
    /// one is known.
    pub fn check(
        option: &'static str,
        noun: &'static str,
        given: &[String],
        known: Vec<String>,
    ) -> Option<UnknownKind> {
        if given.is_empty() {
            return None;
        }
        let set: HashSet<&str> = known.iter().map(String::as_str).collect();
        let mut unknown: Vec<String> = Vec::new();
        for id in given {
            if !set.contains(id.as_str()) && !unknown.contains(id) {
                unknown.push(id.clone());
            }
        }
        (!unknown.is_empty()).then_some(UnknownKind {
            option,
            noun,
            unknown,
            known,
        })
    }
}

impl UnknownIds {
    /// `Err` with the kinds that have unknown ids, `Ok` when there is none.
    pub fn from_kinds(kinds: impl IntoIterator<Item = Option<UnknownKind>>) -> Result<(), Self> {
        let kinds: Vec<UnknownKind> = kinds.into_iter().flatten().collect();
        if kinds.is_empty() {
            Ok(())
        } else {
            Err(UnknownIds { kinds })
        }
    }
}

impl fmt::Display for UnknownIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, kind) in self.kinds.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let unknown: Vec<String> = kind
                .unknown
                .iter()
                .map(|id| {
                    match alliance_core::text::closest(id, kind.known.iter().map(String::as_str)) {
                        Some(c) => format!("`{id}` (did you mean `{c}`?)"),
                        None => format!("`{id}`"),
                    }
                })
                .collect();
            let plural = if unknown.len() == 1 { "" } else { "s" };
            write!(
                f,
                "{}: unknown {}{plural} {}; ",
                kind.option,
                kind.noun,
                unknown.join(", ")
            )?;
            if kind.known.is_empty() {
                write!(f, "the dataset has no {}s", kind.noun)?;
            } else {
                let listed = kind.known.len().min(KNOWN_LISTED);
                write!(
                    f,
                    "known {}s: {}",
                    kind.noun,
                    kind.known[..listed].join(", ")
                )?;
                if kind.known.len() > listed {
                    write!(f, ", and {} more", kind.known.len() - listed)?;
                }
            }
        }
        Ok(())
    }
}

impl std::error::Error for UnknownIds {}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn unknown_ids_are_listed_once_with_a_suggestion_and_the_known_ones() {
        let known = ids(&["alliance-17", "alliance-98"]);
        assert_eq!(
            UnknownKind::check("--conference", "conference", &[], known.clone()),
            None
        );
        assert_eq!(
            UnknownKind::check(
                "--conference",
                "conference",
                &ids(&["alliance-17"]),
                known.clone()
            ),
            None
        );
        let given = ids(&["alliance-71", "nothing-like-it", "alliance-71"]);
        let err = UnknownIds::from_kinds([UnknownKind::check(
            "--conference",
            "conference",
            &given,
            known,
        )])
        .expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "--conference: unknown conferences `alliance-71` (did you mean `alliance-17`?), \
             `nothing-like-it`; known conferences: alliance-17, alliance-98"
        );
    }

    #[test]
    fn a_long_list_of_known_ids_is_cut_short() {
        let known: Vec<String> = (0..45).map(|i| format!("theme-{i}")).collect();
        let err =
            UnknownIds::from_kinds([UnknownKind::check("--theme", "theme", &ids(&["x"]), known)])
                .expect_err("unknown");
        assert!(err.to_string().ends_with("theme-39, and 5 more"), "{err}");
        let none =
            UnknownIds::from_kinds([UnknownKind::check("--theme", "theme", &ids(&["x"]), vec![])]);
        assert_eq!(
            none.expect_err("unknown").to_string(),
            "--theme: unknown theme `x`; the dataset has no themes"
        );
    }
}
