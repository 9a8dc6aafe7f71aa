//! `not-verbatim`: a quotation is not the report's words.

use alliance_core::load::Kind;

use crate::fidelity::Match;
use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that every quoted value is, word for word, in its conference's report text: each
    /// recommendation's `text`, each affiliation's `as_printed`, each figure's `as_printed`. Only what
    /// is not content is normalized: whitespace, line and page breaks, emphasis markers (`*`, `_`) and
    /// Markdown links. The message shows the closest passage of the report and marks the words that
    /// differ, `{-report-}{+dataset+}`.
    ///
    /// ## Why it matters
    /// Analysts paste these texts into memos as the conference's own words. A mistyped word changes
    /// what the OSCE is quoted as saying, and nobody re-reads the report to catch it.
    ///
    /// ## Example
    /// ```toml
    /// text = "Youth policies must be revisited, revised and redesigned to meet contemporary challenges;"
    /// ```
    /// The report says "have to be revisited".
    ///
    /// ## How to fix
    /// Copy the words from the report again. If the report itself has a typo, keep it: the dataset
    /// quotes, it does not edit.
    pub(crate) struct NotVerbatim;
    name = "not-verbatim",
    summary = "a quoted text is not verbatim in its conference's report",
    severity = Error,
}

impl Check for NotVerbatim {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // compared once for this rule and mismatched-punctuation; only what is not exact is kept
        let quotations = cx.quotations();
        for (i, m) in &quotations.recommendations {
            let r = &cx.ds.recommendations[*i];
            if let Some(f) = compare(
                cx,
                m,
                Kind::Recommendation,
                &r.id,
                "text",
                "recommendation text",
            ) {
                out.push(f);
            }
        }
        for ((p, a), m) in &quotations.affiliations {
            let person = &cx.ds.people[*p];
            let field = format!("affiliation.{a}.as_printed");
            if let Some(f) = compare(
                cx,
                m,
                Kind::Person,
                &person.id,
                &field,
                "printed affiliation",
            ) {
                out.push(f);
            }
        }
        for ((c, f), m) in &quotations.figures {
            let conference = &cx.ds.conferences[*c];
            let key = format!("{}/{}", conference.id, conference.figures[*f].id);
            if let Some(f) = compare(cx, m, Kind::Figure, &key, "as_printed", "figure") {
                out.push(f);
            }
        }
    }
}

/// A finding for a quotation that is not exact; punctuation-only differences are left to
/// `mismatched-punctuation`.
fn compare(
    cx: &Context<'_>,
    m: &Match,
    kind: Kind,
    id: &str,
    field: &str,
    what: &str,
) -> Option<Finding> {
    let Match::Missing(closest) = m else {
        return None;
    };
    let mut location = cx.loaded.origins.locate(kind, id, field);
    // point at the first wrong word inside the value when it can be found there
    if let (Some(loc), Some(word)) = (location.as_mut(), &closest.first_wrong_word) {
        let text = &cx.sources().get(loc.file).text;
        if let Some(at) = text
            .get(loc.span.clone())
            .and_then(|slice| find_word(slice, word))
        {
            loc.span = loc.span.start + at..loc.span.start + at + word.len();
        }
    }
    let finding = cx
        .finding_at(
            &NotVerbatim::INFO,
            format!("{what} is not verbatim in the report"),
            kind,
            id,
            location,
        )
        .label("not the report's words");
    let finding = if closest.passage.is_empty() {
        finding.note("nothing close was found in the report")
    } else {
        finding
            .note(format!(
                "closest passage, report line {}: {}",
                closest.line, closest.passage
            ))
            .note(format!("differences: {}", closest.diff))
    };
    Some(finding.help("copy the words from the report; normalize only breaks and emphasis"))
}

fn find_word(haystack: &str, word: &str) -> Option<usize> {
    haystack.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn one_word_altered() {
        snapshot_fixture!(
            super::NotVerbatim,
            &[(
                "conferences/alliance-17/sessions/04-thematic-1.toml",
                "Youth policies have to be",
                "Youth policies must be"
            )]
        );
    }

    #[test]
    fn figure_with_nothing_close() {
        snapshot_fixture!(
            super::NotVerbatim,
            &[(
                "conferences/alliance-17/conference.toml",
                "as_printed = \"a record number of 381 participants\"",
                "as_printed = \"zzz qqq 9999\""
            )],
            "nothing_close"
        );
    }
}
