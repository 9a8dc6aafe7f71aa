//! The codes of the checks against the report. alliance-lint reports them under the same
//! codes and documents them (its `codes.rs` restates each, and a test holds the two equal);
//! alliance-export and alliance-brief refuse a dataset with the [`BLOCKING`] ones.

use alliance_core::Code;

macro_rules! codes {
    ($($ident:ident = $code:literal, $name:literal, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $ident: Code = Code { code: $code, name: $name, summary: $summary };
        )*
        /// Every code of the checks against the report, in code order.
        pub const ALL: &[Code] = &[$($ident),*];
    };
}

codes! {
    NOT_VERBATIM = "AL014", "not-verbatim", "a quoted text is not verbatim in its conference's report";
    UNHELD_BULLET = "AL045", "unheld-bullet", "a bullet of a list of recommendations, findings or conclusions is held by no recommendation";
    BULLET_HELD_TWICE = "AL046", "bullet-held-twice", "two recommendations hold the same bullet of the report";
    MISSING_SESSION = "AL047", "missing-session", "a session heading of the report has no session file";
    PARTIAL_QUOTATION = "AL048", "partial-quotation", "a recommendation's text is only part of the bullet at its source";
    MISPLACED_QUOTATION = "AL049", "misplaced-quotation", "a recommendation's text is in the report, but not the bullet at its source";
    MISORDERED_RECOMMENDATION = "AL050", "misordered-recommendation", "a recommendation's order is not its bullet's place among the session's bullets";
    MISMATCHED_LABEL = "AL051", "mismatched-label", "a recommendation's label is not what the lead-in of its list says";
    UNRECORDED_PERSON = "AL052", "unrecorded-person", "a person the report names in a session's part is not a participant of the session";
    UNNAMED_PARTICIPANT = "AL053", "unnamed-participant", "a participant is not named in the session's part of the report";
    MISSPELLED_NAME = "AL054", "misspelled-name", "a person's name is not printed so in the report";
    MISMATCHED_ROLE = "AL055", "mismatched-role", "a role the report states for a person is not the participant's role";
    MISMATCHED_FIGURE_VALUE = "AL056", "mismatched-figure-value", "a figure's value is not the number printed in its as_printed";
    MISMATCHED_TITLE_PAGE = "AL057", "mismatched-title-page", "a conference's edition, dates or city disagree with the report's title page";
}

/// The codes whose findings make alliance-export and alliance-brief refuse a dataset: its
/// quotations are not the report's words, or the report's bullets are not all held.
pub const BLOCKING: &[Code] = &[
    NOT_VERBATIM,
    UNHELD_BULLET,
    BULLET_HELD_TWICE,
    MISSING_SESSION,
    PARTIAL_QUOTATION,
    MISPLACED_QUOTATION,
];

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_unique_in_order_and_well_formed() {
        let mut previous = "";
        for code in super::ALL {
            assert!(code.code > previous, "{} in order", code.code);
            previous = code.code;
            assert!(alliance_core::id::is_well_formed_id(code.name));
            assert!(!code.summary.ends_with('.'));
        }
        assert!(super::BLOCKING.iter().all(|c| super::ALL.contains(c)));
    }
}
