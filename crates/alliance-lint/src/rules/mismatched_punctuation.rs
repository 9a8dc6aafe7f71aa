//! `mismatched-punctuation`: a quotation's quotation marks or dashes differ from the report's.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};
use alliance_authority::fidelity::Match;

declare_rule! {
    /// ## What it does
    /// Finds recommendation texts that are the report's words except for quotation marks or dashes:
    /// a straight `"` where the report has `“`, a hyphen `-` where it has an en dash `–`.
    ///
    /// ## Why it matters
    /// Editors and keyboards replace typographic characters silently. The words are right, but a search
    /// for the exact phrase in the report fails, and briefs print a different character than the
    /// source.
    ///
    /// ## Example
    /// ```toml
    /// text = "A child, present or missing, is a child - every case deserves attention ..."
    /// ```
    /// The report has an en dash: "is a child – every case".
    ///
    /// ## How to fix
    /// Copy the character from the report (the message names it).
    pub(crate) struct MismatchedPunctuation;
    severity = Warning,
}

impl Check for MismatchedPunctuation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (i, m) in &cx.quotations().recommendations {
            if let &Match::Punctuation { at, quote, report } = m {
                let r = &cx.ds.recommendations[*i];
                let location = cx
                    .loaded
                    .origins
                    .field(Kind::Recommendation, &r.id, "text")
                    .map(|mut loc| {
                        // the value is the text between quotes; point at the character when
                        // the source holds it there (no escape before it)
                        let source = &cx.sources().get(loc.file).text;
                        if let Some((byte, _)) = r.text.char_indices().nth(at) {
                            let start = loc.span.start + 1 + byte;
                            if source
                                .get(start..)
                                .is_some_and(|rest| rest.starts_with(quote))
                            {
                                loc.span = start..start + quote.len_utf8();
                            }
                        }
                        loc
                    });
                out.push(
                    cx.finding_at(
                        &Self::INFO,
                        format!(
                            "`{quote}` where the report has `{report}` (U+{:04X})",
                            report as u32
                        ),
                        Kind::Recommendation,
                        &r.id,
                        location,
                    )
                    .label(format!("the report has `{report}` here"))
                    .note(format!("at character {} of the text", at + 1))
                    .help(format!("replace `{quote}` with `{report}`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn hyphen_for_en_dash() {
        snapshot_fixture!(
            super::MismatchedPunctuation,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "is a child – every case",
                "is a child - every case"
            )]
        );
    }
}
