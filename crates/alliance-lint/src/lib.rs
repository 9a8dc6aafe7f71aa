//! alliance-lint: checks an Alliance dataset and reports every finding with its exact place,
//! for people (rustc-style) and for CI (JSON, GitHub annotations).
//!
//! The findings today are the loader's (syntax, types, keys, ids, references, dates, source
//! locations); completeness and fidelity rules build on [`lint`].

#![deny(missing_docs)]

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_core::diagnostic::{Diagnostic, Severity};
use alliance_core::output::{color_for, exit};
use alliance_core::render::render_all;
use alliance_core::{Loaded, SourceMap};
use anyhow::Context;
use clap::{Parser, ValueEnum};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-lint",
    version,
    about = "Check an Alliance dataset for completeness and fidelity"
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line and carets.
    Human,
    /// One JSON array of findings (see `shared/PRODUCT.md`).
    Json,
    /// GitHub Actions workflow commands, shown as annotations on a pull request.
    Github,
}

/// Every finding for a loaded dataset, in file order.
pub fn lint(loaded: &Loaded) -> Vec<Diagnostic> {
    loaded.diagnostics.clone()
}

/// Runs the linter; the returned code follows the contract (0 clean, 1 findings).
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let loaded = alliance_core::load(&args.path)?;
    let findings = lint(&loaded);
    let stdout = io::stdout();
    let text = match args.format {
        Format::Human => {
            if findings.is_empty() {
                String::new()
            } else {
                render_all(&findings, &loaded.sources, color_for(&stdout))
            }
        }
        Format::Json => json(&findings, &loaded.sources)?,
        Format::Github => github(&findings, &loaded.sources),
    };
    stdout
        .lock()
        .write_all(text.as_bytes())
        .context("cannot write to standard output")?;
    let failing = findings
        .iter()
        .any(|d| d.severity == Severity::Error || args.deny_warnings);
    Ok(exit::code(if failing {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    }))
}

/// A path as the contract wants it: relative to the working directory when it lies below it.
fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    relative.display().to_string()
}

/// The JSON array of `shared/PRODUCT.md`, one object per finding, ending with a newline.
pub fn json(findings: &[Diagnostic], sources: &SourceMap) -> anyhow::Result<String> {
    let items: Vec<serde_json::Value> = findings
        .iter()
        .map(|d| {
            let lc = d.line_col(sources);
            serde_json::json!({
                "code": d.code.code,
                "name": d.code.name,
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": d.file_path(sources).map(display_path),
                "line": lc.map_or(1, |l| l.line),
                "column": lc.map_or(1, |l| l.column),
                "end_line": lc.map_or(1, |l| l.end_line),
                "end_column": lc.map_or(1, |l| l.end_column),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items)?;
    text.push('\n');
    Ok(text)
}

/// GitHub workflow commands (`::error file=...::message`), one line per finding.
pub fn github(findings: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in findings {
        let mut props = Vec::new();
        if let Some(path) = d.file_path(sources) {
            props.push(format!("file={}", escape_property(&display_path(path))));
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
        out.push_str(&format!(
            "::{} {}::{}\n",
            d.severity.as_str(),
            props.join(","),
            escape_data(&d.message)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
