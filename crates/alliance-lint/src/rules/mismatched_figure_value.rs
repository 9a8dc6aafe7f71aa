//! `mismatched-figure-value`: a figure's value is not the number it prints (the check is
//! `alliance_authority::facts::mismatched_figure_value`).

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a figure's `value` is the number printed in its `as_printed` (a text that prints
    /// no number, or several, is not checked). `as_printed` itself is checked against the report by
    /// `not-verbatim`.
    ///
    /// ## Why it matters
    /// The workbook's Conferences sheet and the briefs print `value`; a typo there contradicts the
    /// words the dataset quotes beside it.
    ///
    /// ## Example
    /// ```toml
    /// value = 318
    /// as_printed = "a record number of 381 participants"
    /// ```
    ///
    /// ## How to fix
    /// Set `value` to the printed number.
    pub(crate) struct MismatchedFigureValue;
    severity = Error,
}

impl Check for MismatchedFigureValue {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        alliance_authority::facts::mismatched_figure_value(cx, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn digits_swapped() {
        snapshot_fixture!(
            super::MismatchedFigureValue,
            &[(
                "conferences/alliance-17/conference.toml",
                "value = 381",
                "value = 318"
            )]
        );
    }
}
