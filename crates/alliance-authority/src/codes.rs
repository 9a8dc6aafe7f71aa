//! The codes of the checks against the report: the table of every code is
//! `alliance_core::codes`, the one place codes are written; these are the ones this crate's
//! checks report. alliance-lint reports them under the same codes and documents them;
//! alliance-export and alliance-brief refuse a dataset with those of
//! [`BLOCKING_CHECKS`](crate::BLOCKING_CHECKS).

use alliance_core::Code;
pub use alliance_core::codes::{
    BULLET_HELD_TWICE, MISMATCHED_FIGURE_VALUE, MISMATCHED_LABEL, MISMATCHED_ROLE,
    MISMATCHED_TITLE_PAGE, MISORDERED_RECOMMENDATION, MISPLACED_QUOTATION, MISSING_SESSION,
    MISSPELLED_NAME, NOT_VERBATIM, PARTIAL_QUOTATION, UNHELD_BULLET, UNNAMED_PARTICIPANT,
    UNRECORDED_PERSON,
};

/// Every code of the checks against the report, in code order.
pub const ALL: &[Code] = &[
    NOT_VERBATIM,
    UNHELD_BULLET,
    BULLET_HELD_TWICE,
    MISSING_SESSION,
    PARTIAL_QUOTATION,
    MISPLACED_QUOTATION,
    MISORDERED_RECOMMENDATION,
    MISMATCHED_LABEL,
    UNRECORDED_PERSON,
    UNNAMED_PARTICIPANT,
    MISSPELLED_NAME,
    MISMATCHED_ROLE,
    MISMATCHED_FIGURE_VALUE,
    MISMATCHED_TITLE_PAGE,
];

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_in_order_and_blocking_checks_are_among_them() {
        let mut previous = "";
        for code in super::ALL {
            assert!(code.code > previous, "{} in order", code.code);
            previous = code.code;
        }
        assert!(
            crate::BLOCKING_CHECKS
                .iter()
                .all(|(c, _)| super::ALL.contains(c))
        );
    }
}
