//! `conference-without-figures`: a conference with no figures.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds conferences without any `[[figure]]` (participants, participating States, ...).
    ///
    /// ## Why it matters
    /// Briefs print the conference's key figures, and analysts compare them across years.
    ///
    /// ## Example
    /// A `conference.toml` without `[[figure]]` tables.
    ///
    /// ## How to fix
    /// Add the figures the report gives, each with `as_printed` in the report's words.
    pub(crate) struct ConferenceWithoutFigures;
    severity = Warning,
}

impl Check for ConferenceWithoutFigures {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for c in &cx.ds.conferences {
            if c.figures.is_empty() {
                out.push(cx.finding(
                    &Self::INFO,
                    format!("conference `{}` has no figures", c.id),
                    Kind::Conference,
                    &c.id,
                    "id",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn figures_removed() {
        let file = "conferences/alliance-17/conference.toml";
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../data")
                .join(file),
        )
        .expect("read");
        let figures = &text[text.find("[[figure]]").expect("figures")..];
        snapshot_fixture!(super::ConferenceWithoutFigures, &[(file, figures, "")]);
    }
}
