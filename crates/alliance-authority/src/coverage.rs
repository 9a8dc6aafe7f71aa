//! What the report holds, the dataset must hold: every bullet of a list of recommendations,
//! findings or conclusions is a recommendation of the session it stands under
//! ([`unheld_bullet`]), and every section of the report that is a session has its session
//! file ([`missing_session`]).

use alliance_core::load::Kind;
use alliance_core::model::Session;

use crate::codes;
use crate::context::{Authority, Finding, Report};
use crate::reading::Part;
use alliance_draft::RecommendationDraft;

/// Whether a part of the report is a session's: it lists labelled bullets or names people.
pub fn is_session_part(part: &Part) -> bool {
    !part.named.is_empty() || part.bullets.iter().any(|b| b.label.is_some())
}

/// A bullet no recommendation holds, with the session it belongs to and its draft.
#[derive(Debug)]
pub struct Unheld<'a> {
    /// The conference.
    pub conference: &'a str,
    /// The session whose heading it stands under.
    pub session: &'a Session,
    /// The recommendation to add.
    pub draft: RecommendationDraft,
    /// Where the report is.
    pub report: &'a Report,
}

/// Every labelled bullet no recommendation holds, under a heading that has its session file,
/// in report order.
pub fn unheld<'a>(cx: &'a Authority<'_>) -> Vec<Unheld<'a>> {
    let mut out = Vec::new();
    for conference in &cx.ds.conferences {
        let Some(report) = cx.report(&conference.id) else {
            continue;
        };
        for part in &report.reading.parts {
            let Some(s) = cx.session_headed(&conference.id, &part.heading) else {
                continue;
            };
            let session = &cx.ds.sessions[s];
            let mut rank = 0;
            for bullet in &part.bullets {
                let Some(label) = bullet.label else {
                    continue;
                };
                rank += 1;
                let line = bullet.line as u32;
                if !cx.holders(&conference.id, line).is_empty() {
                    continue;
                }
                let id = RecommendationDraft::free_id_in(&session.id, rank, |id| {
                    cx.loaded.origins.get(Kind::Recommendation, id).is_some()
                });
                out.push(Unheld {
                    conference: &conference.id,
                    session,
                    report,
                    draft: RecommendationDraft {
                        id,
                        order: rank,
                        label: label.to_owned(),
                        text: bullet.text.clone(),
                        bullet: bullet.number as u32,
                        line,
                    },
                });
            }
        }
    }
    out
}

/// `unheld-bullet`: a bullet of a list of recommendations, findings or conclusions that no
/// recommendation holds, located in the report, with the block to paste.
pub fn unheld_bullet(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for u in unheld(cx) {
        let first_words: Vec<&str> = u.draft.text.split(' ').take(8).collect();
        let more = if u.draft.text.split(' ').count() > 8 {
            " …"
        } else {
            ""
        };
        let file = cx
            .file_of(Kind::Session, &u.session.id)
            .unwrap_or_else(|| format!("the file of session `{}`", u.session.id));
        out.push(
            cx.error(
                codes::UNHELD_BULLET,
                format!(
                    "bullet {} of `{}` is held by no recommendation: \"{}{more}\"",
                    u.draft.bullet,
                    u.session.heading,
                    first_words.join(" ")
                ),
                Some((Kind::Session, &u.session.id)),
                cx.report_line(u.report, u.draft.line as usize),
            )
            .label(format!("a {} the dataset lost", singular(&u.draft.label)))
            .note(format!("it belongs in {file}"))
            .help(format!(
                "add it (`alliance-lint --fix` does, unclassified):\n{}",
                u.draft.to_toml()
            )),
        );
    }
}

fn singular(label: &str) -> &str {
    label.strip_suffix('s').unwrap_or(label)
}

/// `missing-session`: a section of the report that lists labelled bullets or names people,
/// with no session whose heading it is.
pub fn missing_session(cx: &Authority<'_>, out: &mut Vec<Finding>) {
    for conference in &cx.ds.conferences {
        let Some(report) = cx.report(&conference.id) else {
            continue;
        };
        let mut order = 0;
        for part in &report.reading.parts {
            if !is_session_part(part) {
                continue;
            }
            order += 1;
            if cx.session_headed(&conference.id, &part.heading).is_some() {
                continue;
            }
            let bullets = part.bullets.iter().filter(|b| b.label.is_some()).count();
            let names: Vec<&str> = part.named.iter().map(|n| n.name.as_str()).collect();
            let mut finding = cx
                .error(
                    codes::MISSING_SESSION,
                    format!(
                        "the report's section `{}` has no session file",
                        part.heading
                    ),
                    Some((Kind::Conference, &conference.id)),
                    cx.report_line(report, part.line),
                )
                .label("a session the dataset lost");
            if bullets > 0 {
                finding = finding.note(format!(
                    "its {bullets} bullet{} {} held by no recommendation",
                    if bullets == 1 { "" } else { "s" },
                    if bullets == 1 { "is" } else { "are" }
                ));
            }
            if !names.is_empty() {
                finding = finding.note(format!("it names {}", names.join(", ")));
            }
            out.push(finding.help(format!(
                "add conferences/{}/sessions/{order:02}-<name>.toml with heading = \"{}\" (and renumber the sessions after it)",
                conference.id, part.heading
            )));
        }
    }
}
