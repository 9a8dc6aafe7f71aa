//! Where a bullet went: a loader finding that a recommendation's source line no longer starts
//! its bullet (`misplaced-source`, after lines were inserted in the report or removed from it)
//! gets a note saying where the bullet with the recommendation's words now is, and, for a
//! bullet of a list of recommendations, findings or conclusions, that `alliance-lint --fix`
//! moves the source there.

use alliance_core::FileId;
use alliance_core::codes::MISPLACED_SOURCE;
use alliance_core::load::Kind;
use alliance_core::text::normalized;
use rustc_hash::FxHashMap;

use crate::rule::{Context, Finding};

/// Adds the note to each `misplaced-source` finding about a recommendation whose words are a
/// bullet of its session's section on another line. Costs nothing when there is none.
pub(crate) fn annotate(cx: &Context<'_>, findings: &mut [Finding]) {
    let misplaced =
        |f: &Finding| f.diagnostic.code == MISPLACED_SOURCE && f.diagnostic.location.is_some();
    if !findings.iter().any(misplaced) {
        return;
    }
    // each file's recommendations by where their `source` is
    let mut sources: FxHashMap<FileId, Vec<(usize, usize, usize)>> = FxHashMap::default();
    for (i, r) in cx.ds.recommendations.iter().enumerate() {
        if let Some(loc) = cx
            .loaded
            .origins
            .field(Kind::Recommendation, &r.id, "source")
        {
            sources
                .entry(loc.file)
                .or_default()
                .push((loc.span.start, loc.span.end, i));
        }
    }
    for list in sources.values_mut() {
        list.sort_unstable();
    }
    for f in findings.iter_mut().filter(|f| misplaced(f)) {
        let Some(loc) = &f.diagnostic.location else {
            continue;
        };
        let Some(list) = sources.get(&loc.file) else {
            continue;
        };
        let at = list.partition_point(|&(start, _, _)| start <= loc.span.start);
        let Some(&(_, end, i)) = at.checked_sub(1).map(|a| &list[a]) else {
            continue;
        };
        if loc.span.start >= end {
            continue;
        }
        let r = &cx.ds.recommendations[i];
        let Some(report) = cx.report(&r.conference) else {
            continue;
        };
        let heading = cx
            .index
            .session(&r.session)
            .map(|s| alliance_core::text::normalize(&s.heading));
        let words = normalized(&r.text);
        let found = report
            .reading
            .parts
            .iter()
            .filter(|p| heading.as_deref().is_none_or(|h| p.heading == h))
            .flat_map(|p| &p.bullets)
            .filter(|b| b.text == *words)
            .min_by_key(|b| b.line.abs_diff(r.source.line as usize));
        if let Some(b) = found
            && (b.line, b.number) != (r.source.line as usize, r.source.bullet as usize)
        {
            // --fix moves the sources of recommendations, findings and conclusions only
            let fix = if b.label.is_some() {
                "; `alliance-lint --fix` moves the source there"
            } else {
                ""
            };
            f.diagnostic.notes.push(format!(
                "its bullet now starts on line {} (bullet {} of its list){fix}",
                b.line, b.number
            ));
        }
    }
}
