//! Whether a quotation is its conference's report's words, compared as the toolkit compares
//! them: the report's content as the outline reads it ([`Clean`]: page furniture of a
//! plain-text report left out, words split at a line's end joined), both texts normalized
//! ([`alliance_core::text::normalized`]: emphasis, links and breaks are not content), and the
//! quotation found as whole words ([`alliance_core::text::find_word`]). The report is the new
//! dataset's, as loaded; each is normalized the first time a quotation of its conference is
//! asked about, so a diff without a changed quotation reads no report.

use std::cell::OnceCell;

use alliance_core::Loaded;
use alliance_core::report::Clean;
use alliance_core::text::{find_word, normalized};
use rustc_hash::FxHashMap;

/// The reports of a dataset, by conference id, to check quotations against.
#[derive(Debug, Default)]
pub struct Reports<'a> {
    reports: FxHashMap<&'a str, Report<'a>>,
}

#[derive(Debug)]
struct Report<'a> {
    text: &'a str,
    /// The report's content normalized, built when first needed.
    normalized: OnceCell<String>,
}

impl<'a> Reports<'a> {
    /// The reports `loaded` read (a conference whose report is missing has none).
    pub fn of(loaded: &'a Loaded) -> Reports<'a> {
        let reports = loaded
            .reports
            .keys()
            .filter_map(|conference| {
                let text = loaded.report_text(conference)?;
                Some((
                    conference.as_str(),
                    Report {
                        text,
                        normalized: OnceCell::new(),
                    },
                ))
            })
            .collect();
        Reports { reports }
    }

    /// No report: no quotation is checked.
    pub fn none() -> Reports<'static> {
        Reports::default()
    }

    /// Whether `quote` is in the report of `conference` (`None` when there is no such report);
    /// an empty quotation is no one's words.
    pub fn verbatim(&self, conference: &str, quote: &str) -> Option<bool> {
        let report = self.reports.get(conference)?;
        let text = report
            .normalized
            .get_or_init(|| Clean::new(report.text).normalized().0);
        let quote = normalized(quote);
        Some(!quote.is_empty() && find_word(text, &quote).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_compared_as_the_toolkit_compares_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let Ok(loaded) = alliance_core::load(&root) else {
            panic!("the real data loads");
        };
        let reports = Reports::of(&loaded);
        let quote = "Child protection systems must be strengthened";
        assert_eq!(reports.verbatim("alliance-17", quote), Some(true));
        // line breaks and emphasis are not content
        assert_eq!(
            reports.verbatim("alliance-17", "Child  protection\nsystems *must* be"),
            Some(true)
        );
        assert_eq!(
            reports.verbatim("alliance-17", "Child protection systems should be"),
            Some(false)
        );
        // whole words only, and never an empty quotation
        assert_eq!(
            reports.verbatim("alliance-17", "hild protection"),
            Some(false)
        );
        assert_eq!(reports.verbatim("alliance-17", " "), Some(false));
        assert_eq!(reports.verbatim("no-such-conference", quote), None);
        assert_eq!(Reports::none().verbatim("alliance-17", quote), None);
    }
}
