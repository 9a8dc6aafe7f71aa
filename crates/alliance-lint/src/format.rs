//! Output formats: human (rustc-style), JSON (the contract in `docs/contracts.md`), GitHub
//! workflow commands, SARIF 2.1.0 for code scanning, and Markdown for a CI job summary.

use std::path::Path;

use alliance_core::SourceMap;
use alliance_core::diagnostic::{Diagnostic, Severity};
use alliance_core::render::{self, Color, escape_controls, escape_controls_in_lines, render};
use serde_json::{Value, json};

use crate::codes::RULES;

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// Files read.
    pub files: usize,
    /// Records checked.
    pub records: usize,
}

/// rustc-style findings and a closing summary line.
pub fn human(
    findings: &[Diagnostic],
    sources: &SourceMap,
    color: Color,
    checked: Checked,
    verbose: bool,
) -> String {
    let mut out = String::new();
    let (shown, worklist) = if verbose {
        (findings.iter().collect(), None)
    } else {
        crate::worklist::split(findings, sources)
    };
    if let Some(worklist) = worklist {
        out.push_str(&worklist);
        out.push('\n');
    }
    for d in shown {
        out.push_str(&render(d, sources, color));
        out.push('\n');
    }
    out.push_str(&summary(findings, checked));
    out.push('\n');
    out
}

/// `2 errors, 1 warning (21 files, 190 records checked)`: every tool's counts
/// ([`render::counts`]) and what was checked.
pub fn summary(findings: &[Diagnostic], checked: Checked) -> String {
    format!(
        "{} ({}, {} checked)",
        render::counts(findings),
        render::plural(checked.files, "file"),
        render::plural(checked.records, "record")
    )
}

/// A path as the contract wants it: relative to the working directory when it lies below it,
/// with `/` separators.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    relative.display().to_string().replace('\\', "/")
}

/// One finding as `docs/contracts.md` lays it out (field order included).
#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<String>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// How to fix it, when the finding says; after the contract's fields, and left out when
    /// there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

/// The JSON array of `docs/contracts.md`, one object per finding, ending with a newline.
pub fn json(findings: &[Diagnostic], sources: &SourceMap) -> anyhow::Result<String> {
    let items: Vec<JsonFinding<'_>> = findings
        .iter()
        .map(|d| {
            let lc = d.line_col(sources);
            JsonFinding {
                code: d.code.code,
                name: d.code.name,
                severity: d.severity.as_str(),
                message: &d.message,
                file: d.file_path(sources).map(display_path),
                line: lc.map_or(1, |l| l.line),
                column: lc.map_or(1, |l| l.column),
                end_line: lc.map_or(1, |l| l.end_line),
                end_column: lc.map_or(1, |l| l.end_column),
                help: d.help.as_deref(),
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items)?;
    text.push('\n');
    Ok(text)
}

/// GitHub workflow commands (`::error file=...::message`), one line per finding. Control and
/// bidirectional characters from the data are shown escaped, as in the human output.
pub fn github(findings: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in findings {
        let mut props = Vec::new();
        if let Some(path) = d.file_path(sources) {
            props.push(format!(
                "file={}",
                escape_property(&escape_controls(&display_path(path)))
            ));
        }
        if let Some(lc) = d.line_col(sources) {
            props.push(format!("line={}", lc.line));
            props.push(format!("endLine={}", lc.end_line));
            if lc.line == lc.end_line {
                props.push(format!("col={}", lc.column));
                props.push(format!("endColumn={}", lc.end_column));
            }
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("{} {}", d.code.code, d.code.name))
        ));
        // line breaks stay line breaks (`%0A` below): a help's snippet is pasted as lines
        let mut message = escape_controls_in_lines(&d.message).into_owned();
        for note in &d.notes {
            message.push_str(&format!("\nnote: {}", escape_controls_in_lines(note)));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {}", escape_controls_in_lines(help)));
        }
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity.as_str(),
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A SARIF 2.1.0 log with every rule and every finding, as GitHub code scanning reads it.
pub fn sarif(findings: &[Diagnostic], sources: &SourceMap) -> anyhow::Result<String> {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let info = r.info();
            json!({
                "id": info.code.code,
                "name": info.code.name,
                "shortDescription": { "text": info.code.summary },
                "fullDescription": { "text": info.code.summary },
                "help": { "text": info.doc, "markdown": info.doc },
                "defaultConfiguration": { "level": level(info.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|d| {
            let index = RULES.iter().position(|r| r.info().code == d.code);
            let mut text = d.message.clone();
            for note in &d.notes {
                text.push_str(&format!("\nnote: {note}"));
            }
            if let Some(help) = &d.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let mut result = json!({
                "ruleId": d.code.code,
                "level": level(d.severity),
                "message": { "text": text },
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            if let Some(path) = d.file_path(sources) {
                let mut physical = json!({ "artifactLocation": { "uri": display_path(path) } });
                if let Some(lc) = d.line_col(sources) {
                    physical["region"] = json!({
                        "startLine": lc.line,
                        "startColumn": lc.column,
                        "endLine": lc.end_line,
                        "endColumn": lc.end_column.max(if lc.end_line == lc.line { lc.column } else { 1 }),
                    });
                }
                result["locations"] = json!([{ "physicalLocation": physical }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "alliance-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log)?;
    text.push('\n');
    Ok(text)
}

/// A Markdown summary for a CI job summary page (`$GITHUB_STEP_SUMMARY`). Control and
/// bidirectional characters from the data are shown escaped, as in the human output.
pub fn markdown(findings: &[Diagnostic], sources: &SourceMap, checked: Checked) -> String {
    let mut out = format!("### alliance-lint: {}\n\n", summary(findings, checked));
    if findings.is_empty() {
        out.push_str("No findings.\n");
        return out;
    }
    out.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    for d in findings {
        let path = |p| escape_controls(&display_path(p)).into_owned();
        let location = match (d.file_path(sources), d.line_col(sources)) {
            (Some(p), Some(lc)) => format!("`{}:{}:{}`", path(p), lc.line, lc.column),
            (Some(p), None) => format!("`{}`", path(p)),
            _ => String::new(),
        };
        let cell = |text: &str| escape_controls(text).replace('|', "\\|").replace('\n', " ");
        let message = match &d.help {
            // a help's lines (a block to paste) each a line of the cell
            Some(help) => format!(
                "{}<br>help: {}",
                cell(&d.message),
                help.trim_end()
                    .lines()
                    .map(cell)
                    .collect::<Vec<_>>()
                    .join("<br>")
            ),
            None => cell(&d.message),
        };
        out.push_str(&format!(
            "| {} | `{}` {} | {} | {} |\n",
            d.severity.as_str(),
            d.code.code,
            d.code.name,
            location,
            message
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        // a help's snippet keeps its lines, and a control inside a line is still escaped
        let d = Diagnostic::error(alliance_core::codes::UNHELD_BULLET, "lost")
            .help("add it:\n[[recommendation]]\nid = \"x\u{1b}\"");
        let annotation = github(std::slice::from_ref(&d), &SourceMap::default());
        assert!(
            annotation
                .ends_with("::lost%0Ahelp: add it:%0A[[recommendation]]%0Aid = \"x\\u{1b}\"\n"),
            "{annotation}"
        );
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn control_characters_from_the_data_are_escaped() {
        let mut sources = SourceMap::default();
        let file = sources.add(
            "data/\u{1b}[2J.toml".into(),
            "name = \"\u{1b}]8;;http://x\u{7}\"\n".to_owned(),
        );
        let d = Diagnostic::error(
            alliance_core::codes::SYNTAX_ERROR,
            "bad `\u{1b}[2J` \u{202e}|x",
        )
        .at(file, 8..21)
        .note("\u{1b}]8;;http://x\u{7}")
        .help("\u{9b}31m");
        let checked = Checked {
            files: 1,
            records: 1,
        };
        let outputs = [
            human(
                std::slice::from_ref(&d),
                &sources,
                Color::Never,
                checked,
                false,
            ),
            github(std::slice::from_ref(&d), &sources),
            markdown(std::slice::from_ref(&d), &sources, checked),
        ];
        for out in &outputs {
            for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
                assert!(!out.contains(c), "{c:?} in {out}");
            }
        }
        assert!(
            outputs[1].contains(
                "file=data/\\u{1b}[2J.toml,line=1,endLine=1,col=9,endColumn=22,title=AL001 syntax-error::bad `\\u{1b}[2J` \\u{202e}|x%0Anote: \\u{1b}]8;;http://x\\u{7}%0Ahelp: \\u{9b}31m"
            ),
            "{}",
            outputs[1]
        );
        assert!(
            outputs[2].contains(
                "| `data/\\u{1b}[2J.toml:1:9` | bad `\\u{1b}[2J` \\u{202e}\\|x<br>help: \\u{9b}31m |"
            ),
            "{}",
            outputs[2]
        );
    }
}
