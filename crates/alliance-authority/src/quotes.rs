//! A recommendation against the bullet its source points at: its words are the report's
//! ([`not_verbatim`]), the whole bullet ([`partial_quotation`]) and that bullet, not another
//! passage ([`misplaced_quotation`]); one recommendation per bullet ([`bullet_held_twice`]),
//! in the bullets' order ([`misordered_recommendation`]) and with the label the list's
//! lead-in gives ([`mismatched_label`]).

use alliance_core::load::Kind;
use alliance_core::model::Recommendation;
use alliance_core::text::{find_word, normalized};

use crate::codes;
use crate::context::{Authority, Finding};
use crate::fidelity::{Match, contains_words};

/// `not-verbatim`: every quotation (recommendation text, printed affiliation, printed figure)
/// that is not in its report, with the closest passage and the words that differ.
pub fn not_verbatim(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    let quotations = cx.quotations();
    for (i, m) in &quotations.recommendations {
        let r = &cx.ds.recommendations[*i];
        out.extend(compare(
            cx,
            m,
            Kind::Recommendation,
            &r.id,
            "text",
            "recommendation text",
        ));
    }
    for ((p, a), m) in &quotations.affiliations {
        let person = &cx.ds.people[*p];
        let field = format!("affiliation.{a}.as_printed");
        out.extend(compare(
            cx,
            m,
            Kind::Person,
            &person.id,
            &field,
            "printed affiliation",
        ));
    }
    for ((c, f), m) in &quotations.figures {
        let conference = &cx.ds.conferences[*c];
        let key = format!("{}/{}", conference.id, conference.figures[*f].id);
        out.extend(compare(cx, m, Kind::Figure, &key, "as_printed", "figure"));
    }
}

/// A finding for a quotation that is not in the report; punctuation-only differences are
/// `mismatched-punctuation`'s.
fn compare(
    cx: &Authority<'_>,
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
        .error(
            codes::NOT_VERBATIM,
            format!("{what} is not verbatim in the report"),
            Some((kind, id)),
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

/// What a recommendation's text is, compared with the bullet at its source, when it is word
/// for word in the report but not that whole bullet.
pub(crate) enum Misfit {
    /// A part of the bullet at its source, which is given.
    Part(String),
    /// Elsewhere in the report: the line, and the bullet's line when a bullet holds it.
    Elsewhere(usize, Option<(usize, bool)>),
}

/// Each recommendation whose text is verbatim in its report but not the whole bullet at its
/// source (those not verbatim are `not-verbatim`'s), in dataset order; see
/// [`Authority::misfits`].
pub(crate) fn misfits<'a>(cx: &Authority<'a>) -> Vec<(&'a Recommendation, Misfit)> {
    let quotations = &cx.quotations().recommendations;
    cx.ds
        .recommendations
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            if quotations.binary_search_by_key(&i, |(q, _)| *q).is_ok() {
                return None;
            }
            let report = cx.report(&r.conference)?;
            let bullet = report.index.bullet(r.source.line as usize)?;
            let text = normalized(&r.text);
            if *bullet == *text {
                return None;
            }
            if contains_words(bullet, &text) {
                return Some((r, Misfit::Part(bullet.to_owned())));
            }
            let place = report.index.place(&text)?;
            Some((
                r,
                Misfit::Elsewhere(place.line, place.bullet.map(|b| (b.line, b.whole))),
            ))
        })
        .collect()
}

/// `partial-quotation`: a text that is only a part of the bullet at its source.
pub fn partial_quotation(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for (r, misfit) in cx.misfits() {
        let Misfit::Part(bullet) = misfit else {
            continue;
        };
        let location = cx
            .loaded
            .origins
            .locate(Kind::Recommendation, &r.id, "text");
        out.push(
            cx.error(
                codes::PARTIAL_QUOTATION,
                format!(
                    "recommendation text is only part of the bullet on report line {}",
                    r.source.line
                ),
                Some((Kind::Recommendation, &r.id)),
                location,
            )
            .label("a part of the bullet")
            .note(format!("the whole bullet: {bullet}"))
            .help("quote the whole bullet; a recommendation is one bullet of the report"),
        );
    }
}

/// `misplaced-quotation`: a text that is in the report, but not the bullet at its source: a
/// sentence of a narrative paragraph, or another bullet.
pub fn misplaced_quotation(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for (r, misfit) in cx.misfits() {
        let Misfit::Elsewhere(line, bullet) = misfit else {
            continue;
        };
        let at = r.source.line;
        let (message, help) = match bullet {
            Some((b, true)) => (
                format!(
                    "recommendation text is the bullet on report line {b}, not the one on line {at} its source points at"
                ),
                format!("point `source` at line {b}, or quote the bullet on line {at}"),
            ),
            Some((b, false)) => (
                format!(
                    "recommendation text is part of the bullet on report line {b}, not the bullet on line {at} its source points at"
                ),
                format!("quote the whole bullet on line {at}"),
            ),
            None => (
                format!(
                    "recommendation text is from a narrative paragraph (report line {line}), not from the bullet on line {at}"
                ),
                format!(
                    "quote the bullet on line {at}; sentences outside the report's lists are not recommendations"
                ),
            ),
        };
        let location = cx
            .loaded
            .origins
            .locate(Kind::Recommendation, &r.id, "text");
        out.push(
            cx.error(
                codes::MISPLACED_QUOTATION,
                message,
                Some((Kind::Recommendation, &r.id)),
                location,
            )
            .label("not the bullet at its source")
            .help(help),
        );
    }
}

/// `bullet-held-twice`: a recommendation whose bullet an earlier one already holds.
pub fn bullet_held_twice(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for (i, r) in cx.ds.recommendations.iter().enumerate() {
        if cx.report(&r.conference).is_none() {
            continue;
        }
        let holders = cx.holders(&r.conference, r.source.line);
        let Some(&first) = holders.first().filter(|&&first| first != i) else {
            continue;
        };
        let location = cx
            .loaded
            .origins
            .locate(Kind::Recommendation, &r.id, "source");
        out.push(
            cx.error(
                codes::BULLET_HELD_TWICE,
                format!(
                    "the bullet on report line {} is already held by `{}`",
                    r.source.line, cx.ds.recommendations[first].id
                ),
                Some((Kind::Recommendation, &r.id)),
                location,
            )
            .label("a second recommendation for one bullet")
            .help("one recommendation per bullet: point this one at its own bullet, or delete it"),
        );
    }
}

/// `misordered-recommendation`: a recommendation whose `order` is not its bullet's place
/// among the bullets its session's recommendations hold (in report order).
pub fn misordered_recommendation(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for s in &cx.ds.sessions {
        if cx.report(&s.conference).is_none() {
            continue;
        }
        let mut held: Vec<&Recommendation> = cx.index.recommendations_of(&s.id).to_vec();
        held.sort_by_key(|r| r.source.line);
        if held
            .windows(2)
            .any(|w| w[0].source.line == w[1].source.line)
        {
            continue; // a bullet held twice: bullet-held-twice says so
        }
        for (rank, r) in (1..).zip(&held) {
            if r.order == rank {
                continue;
            }
            let location = cx.locate_field(Kind::Recommendation, &r.id, "order");
            out.push(
                cx.error(
                    codes::MISORDERED_RECOMMENDATION,
                    format!(
                        "recommendation is number {} of `{}`, but its bullet (report line {}) is number {rank} of the session's bullets",
                        r.order, s.id, r.source.line
                    ),
                    Some((Kind::Recommendation, &r.id)),
                    location,
                )
                .label(format!("expected order = {rank}"))
                .help("number a session's recommendations in the order of their bullets in the report (`alliance-lint --fix` does)"),
            );
        }
    }
}

/// `mismatched-label`: a label that is not the one the lead-in of the bullet's list names.
pub fn mismatched_label(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for r in &cx.ds.recommendations {
        let Some(report) = cx.report(&r.conference) else {
            continue;
        };
        let Some((_, _, bullet)) = report.reading.bullet_at(r.source.line as usize) else {
            continue;
        };
        let (Some(label), Some(lead_in)) = (&bullet.label, bullet.lead_in) else {
            continue;
        };
        if *label == r.label {
            continue;
        }
        let location = cx.locate_field(Kind::Recommendation, &r.id, "label");
        let sentence = cx
            .sources()
            .get(report.file)
            .text
            .lines()
            .nth(lead_in - 1)
            .unwrap_or_default()
            .trim();
        out.push(
            cx.error(
                codes::MISMATCHED_LABEL,
                format!(
                    "label is `{}`, but the report introduces this list as {label}",
                    r.label
                ),
                Some((Kind::Recommendation, &r.id)),
                location,
            )
            .label(format!("expected label = \"{label}\""))
            .note(format!("report line {lead_in}: {sentence}"))
            .help(format!("label = \"{label}\"")),
        );
    }
}
