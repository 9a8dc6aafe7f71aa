//! One worklist for what a fresh draft lacks by design: an imported conference has every
//! recommendation without themes and pillars (a person's to decide), so plain lint would
//! print two findings of seven lines for each. Above [`GATHER_ABOVE`] such findings, the
//! human output gathers them into one entry: how many recommendations, how many per session
//! file and the first few of each; `--verbose` prints every finding. The counts of the
//! summary line, and every machine-readable format, keep each finding.

use std::fmt::Write as _;

use alliance_core::render::escape_controls;
use alliance_core::source_map::SourceMap;
use alliance_core::{Diagnostic, codes};

use crate::format::display_path;

/// The most classification findings printed one by one.
pub(crate) const GATHER_ABOVE: usize = 10;
/// How many recommendations of a session file the worklist names.
const FIRST: usize = 3;

/// Whether a finding is one the worklist gathers.
fn gathered(d: &Diagnostic) -> bool {
    [
        codes::RECOMMENDATION_WITHOUT_THEME,
        codes::RECOMMENDATION_WITHOUT_PILLAR,
    ]
    .contains(&d.code)
}

/// The id a finding of these rules names: "recommendation `ID` has no theme".
fn record_id(d: &Diagnostic) -> Option<&str> {
    d.message.split('`').nth(1)
}

/// The findings to print one by one, and the worklist that stands for the others (none when
/// there are few).
pub(crate) fn split<'d>(
    findings: &'d [Diagnostic],
    sources: &SourceMap,
) -> (Vec<&'d Diagnostic>, Option<String>) {
    let many = findings.iter().filter(|d| gathered(d)).count() > GATHER_ABOVE;
    if !many {
        return (findings.iter().collect(), None);
    }
    let (mut themes, mut pillars) = (0, 0);
    // per session file, in output order: its recommendations, each once
    let mut files: Vec<(String, Vec<&str>)> = Vec::new();
    for d in findings.iter().filter(|d| gathered(d)) {
        if d.code == codes::RECOMMENDATION_WITHOUT_THEME {
            themes += 1;
        } else {
            pillars += 1;
        }
        // a path or id of the data may hold a control character: shown, not obeyed
        let file = d.file_path(sources).map_or_else(
            || "(no file)".to_owned(),
            |p| escape_controls(&display_path(p)).into_owned(),
        );
        let at = match files.iter().position(|(f, _)| *f == file) {
            Some(at) => at,
            None => {
                files.push((file, Vec::new()));
                files.len() - 1
            }
        };
        if let Some(id) = record_id(d)
            && !files[at].1.contains(&id)
        {
            files[at].1.push(id);
        }
    }
    let total: usize = files.iter().map(|(_, ids)| ids.len()).sum();
    let mut text = format!(
        "error[{}/{}]: {} still need their classification: {} without a theme, {} without a pillar\n",
        codes::RECOMMENDATION_WITHOUT_THEME.code,
        codes::RECOMMENDATION_WITHOUT_PILLAR.code,
        alliance_core::render::plural(total, "recommendation"),
        themes,
        pillars
    );
    for (file, ids) in &files {
        let mut first = ids
            .iter()
            .take(FIRST)
            .map(|id| escape_controls(id))
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > FIRST {
            first.push_str(", …");
        }
        let _ = writeln!(text, "  --> {file}: {} ({first})", ids.len());
    }
    text.push_str(
        "   = help: give each its `themes` and `pillars` (terms of data/vocabularies/); `alliance-lint --verbose` prints every finding\n",
    );
    let shown = findings.iter().filter(|d| !gathered(d)).collect();
    (shown, Some(text))
}
