//! Renders diagnostics the way a compiler does: `error[AL006]: ...`, `--> file:line:col`, the
//! source line and carets. One renderer for every binary.
//!
//! Everything a diagnostic shows may come from a dataset (a quoted value, a file's name, the
//! source line), and a dataset may hold terminal escape sequences or bidirectional controls.
//! Every such character is shown escaped and visible ([`escape_controls`]): a dataset cannot
//! rewrite a terminal or a CI log, nor reorder what a reader sees.

use std::borrow::Cow;
use std::ops::Range;

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

/// Renders one diagnostic, ending with a newline. Control and bidirectional characters in its
/// texts, its path and its source lines are shown escaped ([`escape_controls`]), the carets
/// under the escapes.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, color: Color) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(escape_controls(&diagnostic.message))
        .id(diagnostic.code.code);
    let mut group = Group::with_title(title);
    // the `-->` line's column as the renderer counts it in escaped source lines, and as the
    // file has it, when escaping moved it
    let mut moved_column = None;
    if let Some(loc) = &diagnostic.location {
        let file = sources.get(loc.file);
        let path = escape_path(&file.path.display().to_string());
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
        let lines = &file.text[start..end];
        let (source, escaped) = escape_source(lines, span.start - start..span.end - start);
        if escaped.start != span.start - start {
            let line_start = |text: &str, at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
            let column = |text: &str, at: usize| text[line_start(text, at)..at].chars().count() + 1;
            moved_column = Some((
                format!("{path}:{first_line}:{}", column(&source, escaped.start)),
                format!("{path}:{first_line}:{}", column(lines, span.start - start)),
            ));
        }
        let span = capped(&source, escaped);
        let mut annotation = AnnotationKind::Primary.span(span);
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(escape_controls(label));
        }
        group = group.element(
            Snippet::source(source)
                .line_start(first_line)
                .path(path)
                .fold(true)
                .annotation(annotation),
        );
    } else if let Some(path) = &diagnostic.path {
        group = group.element(
            Snippet::<annotate_snippets::Annotation<'_>>::source("")
                .path(escape_path(&path.display().to_string())),
        );
    }
    for note in &diagnostic.notes {
        group = group.element(Level::NOTE.message(escape_controls(note)));
    }
    if let Some(help) = &diagnostic.help {
        // a help may end with a block to paste (a TOML table), one line of it a line
        let help = escape_controls_in_lines(help.trim_end());
        group = group.element(Level::HELP.message(help));
    }
    let renderer = match color {
        Color::Never => Renderer::plain(),
        Color::Always => Renderer::styled(),
    };
    let mut out = renderer.render(&[group]);
    if let Some((shown, real)) = moved_column {
        // the column a reader's editor goes to is the file's, not the escaped line's
        let title_end = out.find('\n').unwrap_or(out.len());
        if let Some(at) = out[title_end..].find(&shown) {
            let at = title_end + at;
            out.replace_range(at..at + shown.len(), &real);
        }
    }
    out.push('\n');
    out
}

/// Whether a character is shown escaped: the C0 and C1 control characters and DEL (terminal
/// escape sequences start with them), the bidirectional controls (they reorder what a reader
/// sees, as in CVE-2021-42574), the zero-width characters and the soft hyphen (invisible), and
/// the line and paragraph separators.
pub fn is_escaped(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{ad}'
            | '\u{61c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// The most characters a caret line underlines: a longer span on one line (a whole bullet of
/// a report) is underlined from its start for this many, as rustc keeps a long line's
/// underline within the terminal; the `-->` line still gives where it starts.
const MAX_UNDERLINE: usize = 60;

/// `span` of `source`, cut to [`MAX_UNDERLINE`] characters when it lies on one line and is
/// longer.
fn capped(source: &str, span: Range<usize>) -> Range<usize> {
    let Some(text) = source.get(span.clone()) else {
        return span;
    };
    if text.contains('\n') {
        return span;
    }
    match text.char_indices().nth(MAX_UNDERLINE) {
        Some((at, _)) => span.start..span.start + at,
        None => span,
    }
}

/// `text` with every character of [`is_escaped`] written as Rust writes it in a string:
/// `\t`, `\n`, `\r`, else `\u{1b}`; borrowed when there is none (as in almost every text).
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_where(text, is_escaped)
}

/// `text` escaped as [`escape_controls`] escapes it, but for its line breaks: a text of
/// several lines (a help ending with a table to paste) stays lines.
pub fn escape_controls_in_lines(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c != '\n' && is_escaped(c))
}

/// A path for the `-->` line: escaped like any text ([`escape_controls`]).
fn escape_path(path: &str) -> String {
    escape_controls(path).into_owned()
}

/// Lines of a source file for the renderer, escaped like [`escape_controls`] but for the line
/// breaks between them and tabs (which the renderer lays out itself), and the span of the
/// annotation moved with the text, so the carets stay under the characters they point at.
fn escape_source(text: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let escaped = |c: char| c != '\n' && c != '\t' && is_escaped(c);
    if !text.chars().any(escaped) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if i == span.start {
            start = Some(out.len());
        }
        if i == span.end {
            end = Some(out.len());
        }
        if escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
}

fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => out.extend(c.escape_unicode()),
    }
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
    fn control_and_bidi_characters_are_shown_escaped() {
        assert_eq!(escape_controls("plain text"), Cow::Borrowed("plain text"));
        assert_eq!(
            escape_controls("a\u{1b}[2J\tb\nc\u{202e}d\u{9b}\u{200b}\u{0}"),
            "a\\u{1b}[2J\\tb\\nc\\u{202e}d\\u{9b}\\u{200b}\\u{0}"
        );
        // non-breaking spaces and ordinary non-ASCII text stay as they are
        assert_eq!(
            escape_controls("10\u{a0}000 Guðbrandsson"),
            "10\u{a0}000 Guðbrandsson"
        );

        let mut sources = SourceMap::default();
        let text = "name = \"x\u{1b}]8;;http://x\u{7}y\u{202e}z\"\n";
        let file = sources.add("data/\u{1b}[2J.toml".into(), text.to_owned());
        let at = text.find('z').expect("z");
        let diagnostic = Diagnostic::warning(crate::codes::SYNTAX_ERROR, "bad `\u{1b}[2J`")
            .at(file, at..at + 1)
            .label("here \u{202e}")
            .note("quoted: \u{1b}]8;;http://x\u{7}")
            // a help's line breaks are kept (it may end with a block to paste), the rest escaped
            .help("x\ny\u{1b}");
        let out = render(&diagnostic, &sources, Color::Never);
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(c), "{c:?} in {out}");
        }
        assert_eq!(
            out,
            "warning[AL001]: bad `\\u{1b}[2J`\n \
             --> data/\\u{1b}[2J.toml:1:26\n  \
             |\n\
             1 | name = \"x\\u{1b}]8;;http://x\\u{7}y\\u{202e}z\"\n  \
             |                                          ^ here \\u{202e}\n  \
             |\n  \
             = note: quoted: \\u{1b}]8;;http://x\\u{7}\n  \
             = help: x\n          y\\u{1b}\n"
        );
        // in colour, the only escape sequences are the renderer's own
        let styled = render(&diagnostic, &sources, Color::Always);
        assert!(styled.contains("[2J.toml:1:26"), "{styled}");
        assert!(!styled.contains('\u{7}') && !styled.contains('\u{202e}'));
        assert!(!styled.contains("\u{1b}[2J") && !styled.contains("\u{1b}]"));
    }

    #[test]
    fn spans_are_made_renderable() {
        let text = "a = \"\u{fffd}\"";
        assert_eq!(char_span(text, &(5..6)), 5..8);
        assert_eq!(char_span(text, &(6..99)), 5..text.len());
        let reversed = std::ops::Range { start: 9, end: 2 };
        assert_eq!(char_span(text, &reversed), 9..9);
    }

    #[test]
    fn a_long_span_on_one_line_is_underlined_for_a_bounded_width() {
        let mut sources = SourceMap::default();
        let bullet = format!("- *{}.*", "word ".repeat(40).trim_end());
        let file = sources.add("report.md".into(), format!("intro\n{bullet}\nnext\n"));
        let d = Diagnostic::error(crate::codes::MISPLACED_SOURCE, "lost")
            .at(file, 6..6 + bullet.len())
            .label("a bullet");
        let out = render(&d, &sources, Color::Never);
        let carets = out.lines().find(|l| l.contains('^')).expect("a caret line");
        assert_eq!(carets.matches('^').count(), MAX_UNDERLINE, "{out}");
        assert!(out.contains("report.md:2:1"), "{out}");
        // a short span keeps its width, a span over two lines is left to the renderer
        assert_eq!(capped("abc", 0..3), 0..3);
        assert_eq!(capped("a\nbc", 0..4), 0..4);
    }
}
