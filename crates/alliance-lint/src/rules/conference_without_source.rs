//! `conference-without-source`: a conference that does not say where its data comes from.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds conferences without a `[source]` table naming their report.
    ///
    /// ## Why it matters
    /// Without its report nothing of the conference can be checked verbatim, and outputs cannot cite
    /// their source.
    ///
    /// ## Example
    /// A `conference.toml` without `[source]`.
    ///
    /// ## How to fix
    /// Add `[source]` with `report` (the report's text file in the conference folder), `title`,
    /// `publisher` and `attribution`.
    pub(crate) struct ConferenceWithoutSource;
    severity = Error,
}

impl Check for ConferenceWithoutSource {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for c in &cx.ds.conferences {
            if c.source.is_none() {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!("conference `{}` has no source report", c.id),
                        Kind::Conference,
                        &c.id,
                        "id",
                    )
                    .help("add a [source] table naming the report's text file"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn source_removed() {
        let file = "conferences/alliance-17/conference.toml";
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../data")
                .join(file),
        )
        .expect("read");
        let start = text.find("[source]").expect("source");
        let end = text.find("[[figure]]").expect("figure");
        snapshot_fixture!(
            super::ConferenceWithoutSource,
            &[(file, &text[start..end], "")]
        );
    }
}
