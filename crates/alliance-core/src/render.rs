//! Renders diagnostics the way a compiler does: `error[AL006]: ...`, `--> file:line:col`, the
//! source line and carets. One renderer for every binary.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source_map::SourceMap;

/// Whether to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// Plain text (pipes, files, `NO_COLOR`).
    Never,
    /// ANSI colours (a terminal).
    Always,
}

/// Renders one diagnostic, ending with a newline.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, color: Color) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.code);
    let mut group = Group::with_title(title);
    if let Some(loc) = &diagnostic.location {
        let file = sources.get(loc.file);
        let path = file.path.display().to_string();
        // Only the lines the span covers go to the renderer, so that rendering costs the
        // size of the finding, not of the file (a registry can be megabytes).
        let span = char_span(&file.text, &loc.span);
        let (first_line, _) = file.line_col(span.start);
        let (last_line, _) = file.line_col(span.end);
        let start = file.line_span(first_line).map_or(0, |r| r.start);
        let end = file
            .line_span(last_line)
            .map_or(file.text.len(), |r| r.end)
            .max(span.end);
        let mut annotation = AnnotationKind::Primary.span(span.start - start..span.end - start);
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(&file.text[start..end])
                .line_start(first_line)
                .path(path)
                .fold(true)
                .annotation(annotation),
        );
    } else if let Some(path) = &diagnostic.path {
        group = group.element(
            Snippet::<annotate_snippets::Annotation<'_>>::source("")
                .path(path.display().to_string()),
        );
    }
    for note in &diagnostic.notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = match color {
        Color::Never => Renderer::plain(),
        Color::Always => Renderer::styled(),
    };
    let mut out = renderer.render(&[group]);
    out.push('\n');
    out
}

/// Renders every diagnostic followed by a one-line summary ([`counts`]), as the binaries print
/// them.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap, color: Color) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render(d, sources, color));
        out.push('\n');
    }
    out.push_str(&counts(diagnostics));
    out.push('\n');
    out
}

/// `2 errors, 1 warning`: how every tool sums up its diagnostics (alliance-lint adds what it
/// checked), without a newline.
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// `1 file`, `2 files`: a count and an English noun that takes an `s`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A span clamped to the text and widened to character boundaries, so that a span from any
/// source can be rendered.
fn char_span(text: &str, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_plurals() {
        let error = Diagnostic::error(crate::codes::SYNTAX_ERROR, "x");
        let warning = Diagnostic::warning(crate::codes::SYNTAX_ERROR, "x");
        assert_eq!(counts(&[]), "0 errors, 0 warnings");
        assert_eq!(counts(&[error.clone(), warning]), "1 error, 1 warning");
        assert_eq!(counts(&[error.clone(), error]), "2 errors, 0 warnings");
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(23, "file"), "23 files");
    }

    #[test]
    fn spans_are_made_renderable() {
        let text = "a = \"\u{fffd}\"";
        assert_eq!(char_span(text, &(5..6)), 5..8);
        assert_eq!(char_span(text, &(6..99)), 5..text.len());
        let reversed = std::ops::Range { start: 9, end: 2 };
        assert_eq!(char_span(text, &reversed), 9..9);
    }
}
