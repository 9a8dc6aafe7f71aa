//! The report is the authority: the checks of an Alliance dataset against its conferences'
//! report texts, in one place below the tools, so that alliance-lint reports them and
//! alliance-export and alliance-brief refuse what they find with the same diagnostics.
//!
//! Both directions are checked. What the dataset holds is the report's: every quotation is
//! verbatim ([`quotes::not_verbatim`]), a recommendation is the whole bullet at its source,
//! once, in the bullets' order and with its list's label; a person's name, a stated role, a
//! figure's value and the title page's facts agree with the report. What the report holds
//! the dataset holds: every bullet of a list of recommendations, findings or conclusions
//! ([`coverage::unheld_bullet`]), every session ([`coverage::missing_session`]) and every
//! person a session's part names ([`people::unrecorded_person`]).
//!
//! Each check is a function `(&Authority, &mut Vec<Finding>)` with a stable code
//! ([`codes`]); a finding names the record it is about, so that an `[[allow]]` with a reason
//! on that record can exclude it.
//!
//! ```
//! let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
//! let loaded = alliance_core::load(&root).expect("the dataset folder exists");
//! assert!(alliance_authority::refusals(&loaded).is_empty());
//! ```
//!
//! **Architecture Invariant:** this crate depends on alliance-core and alliance-draft (the
//! block `unheld-bullet` offers to paste is the one import drafts); the tools depend on it,
//! never it on them.

#![deny(missing_docs)]

pub mod codes;
mod context;
pub mod coverage;
pub mod facts;
pub mod fidelity;
pub mod people;
pub mod quotes;
pub mod reading;

use alliance_core::Diagnostic;
use alliance_core::diagnostic::sort_for_output;
use alliance_core::load::Loaded;

pub use context::{Authority, Finding, Report};

/// A check: pushes a finding for every fault it finds.
pub type Check = fn(&Authority<'_>, &mut Vec<Finding>);

/// The checks whose findings make a tool that publishes quotations refuse the dataset, each
/// with its code: the quotations are the report's words and every bullet is held.
pub const BLOCKING_CHECKS: &[(alliance_core::Code, Check)] = &[
    (codes::NOT_VERBATIM, quotes::not_verbatim),
    (codes::UNHELD_BULLET, coverage::unheld_bullet),
    (codes::BULLET_HELD_TWICE, quotes::bullet_held_twice),
    (codes::MISSING_SESSION, coverage::missing_session),
    (codes::PARTIAL_QUOTATION, quotes::partial_quotation),
    (codes::MISPLACED_QUOTATION, quotes::misplaced_quotation),
];

/// What makes alliance-export and alliance-brief refuse a dataset that loaded without
/// errors: the findings of [`BLOCKING_CHECKS`] that no `[[allow]]` on their record
/// suppresses, in the order lint prints them (by file and position). Empty on a dataset with
/// loader errors (those are reported first, and stop the tools).
pub fn refusals(loaded: &Loaded) -> Vec<Diagnostic> {
    if loaded.has_errors() {
        return Vec::new();
    }
    let cx = Authority::new(loaded);
    let mut findings = Vec::new();
    for (_, check) in BLOCKING_CHECKS {
        check(&cx, &mut findings);
    }
    let suppressions = loaded.origins.suppression_filter();
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .filter(|f| {
            !f.subject
                .as_ref()
                .is_some_and(|(kind, id)| suppressions.suppresses(*kind, id, f.diagnostic.code))
        })
        .map(|f| f.diagnostic)
        .collect();
    sort_for_output(&mut out, &loaded.sources);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The last recommendation of Panel 1 dropped from a copy of the real dataset, with
    /// `extra` appended to the session file.
    fn dropped(extra: &str) -> Vec<Diagnostic> {
        let tmp = alliance_tests::copy_of_data();
        let path = tmp
            .path()
            .join("conferences/alliance-17/sessions/02-panel-1.toml");
        let text = std::fs::read_to_string(&path).expect("read");
        let at = text
            .find("[[recommendation]]\nid = \"a17-panel-1-r12\"")
            .expect("r12");
        std::fs::write(&path, format!("{}{extra}", &text[..at])).expect("write");
        refusals(&alliance_core::load(tmp.path()).expect("loads"))
    }

    #[test]
    fn a_dropped_bullet_is_refused_unless_excluded_with_a_reason() {
        let found = dropped("");
        let codes: Vec<_> = found.iter().map(|d| d.code.code).collect();
        assert_eq!(codes, ["AL045"]);
        for rule in ["unheld-bullet", "AL045", "al045"] {
            let allow = format!("[[allow]]\nrule = \"{rule}\"\nreason = \"a test\"\n");
            assert!(dropped(&allow).is_empty(), "{rule}");
        }
        // another rule's exclusion does not hide it
        let other = "[[allow]]\nrule = \"not-verbatim\"\nreason = \"a test\"\n";
        assert_eq!(dropped(other).len(), 1);
    }
}
