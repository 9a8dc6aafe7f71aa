//! Checking each session's source locations against its report's outline.

use crate::diagnostic::{Diagnostic, codes};
use crate::files::SessionFile;
use crate::report::Outline;
use crate::source_map::FileId;
use crate::text::normalize;

/// Checks a session against its report's outline: its heading is a heading of the report, and
/// each recommendation's source line starts a bullet under it, with the bullet number it gives.
/// Bullets are checked only when the heading is found, so that a mistyped heading is one
/// finding, not one per bullet. (Whether the text is the bullet's words is alliance-lint's
/// `not-verbatim`, which shows the differences.)
pub(super) fn check_sources(
    diagnostics: &mut Vec<Diagnostic>,
    file: FileId,
    session: &SessionFile,
    outline: &Outline,
) {
    let heading = session.heading.get_ref();
    if outline.section(heading).is_none() {
        diagnostics.push(
            Diagnostic::error(
                codes::MISPLACED_SOURCE,
                format!("the report has no section headed `{heading}`"),
            )
            .at(file, session.heading.span())
            .label("not a heading of the report")
            .help("copy the heading exactly as it stands on its own line in the report"),
        );
        return;
    }
    let heading = normalize(heading);
    for r in &session.recommendation {
        let source = r.get_ref().source.get_ref();
        let (line, bullet) = (&source.line, source.bullet);
        let n = *line.get_ref() as usize;
        let Some((section, number, _)) = outline.bullet_at(n) else {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!("line {n} of the report does not start a bullet"),
                )
                .at(file, line.span())
                .label("expected the line on which this recommendation's bullet starts"),
            );
            continue;
        };
        if section.heading != heading {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!(
                        "the bullet on line {n} is under `{}`, not under this session's heading",
                        section.heading
                    ),
                )
                .at(file, line.span()),
            );
        } else if number != bullet as usize {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!("the bullet on line {n} is bullet {number} of its list, not {bullet}"),
                )
                .at(file, r.get_ref().source.span()),
            );
        }
    }
}
