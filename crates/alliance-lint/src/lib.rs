//! alliance-lint: checks an Alliance dataset for completeness and fidelity to its source
//! report, and points at the exact place of every problem, for people (rustc-style) and for CI
//! (JSON, GitHub annotations, SARIF, a Markdown job summary).
//!
//! The loader's findings (syntax, types, keys, ids, references, dates, source locations) come
//! first; the rules of [`codes::RULES`] run on a dataset that loaded without errors. Findings can be
//! configured (`alliance-lint.toml`, `--allow/--warn/--deny`) and suppressed one by one on their
//! record with a reason (`[[allow]]`).

#![deny(missing_docs)]

mod characters;
pub mod codes;
mod config;
pub mod docs;
pub mod fix;
pub mod format;
mod loader_codes;
mod moved;
mod rule;
mod rules;
pub mod stats;
mod suppress;
#[cfg(test)]
mod testing;
mod text_fields;
mod worklist;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use alliance_cli::output::{color_for, exit, write_or_closed};
use alliance_core::Loaded;
use alliance_core::diagnostic::sort_for_output;
use alliance_core::diagnostic::{Diagnostic, Severity};
use anyhow::{Context as _, bail};
use clap::{Parser, ValueEnum};
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

pub use config::{CONFIG_FILE, Config, Level};
pub use format::Checked;
pub use rule::{Finding, Rule, RuleInfo};

use crate::rule::Context;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-lint",
    version,
    about = "Check an Alliance dataset for completeness and fidelity to its report",
    after_help = "Exit codes: 0 no error-level finding (and no warning with --deny-warnings), 1 findings, 2 the linter could not run.\nRule levels can also be set in <PATH>/alliance-lint.toml:\n  [rules]\n  missing-rapporteur = \"allow\""
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
    /// Print a rule's documentation (by code or name) and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,
    /// List every rule, one a line in code order: code, name, default level, whether the
    /// loader checks it (such a rule cannot be turned off), and summary; with --format json,
    /// an array of {"code", "name", "severity", "summary"}. Then exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Drop a rule's findings (code or name; repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Report a rule's findings as warnings (repeatable).
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Report a rule's findings as errors (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Print the share of records holding each optional field instead of findings (a table,
    /// or JSON with --format json).
    #[arg(long)]
    pub stats: bool,
    /// Apply the safe fixes in place (moved source lines and bullet numbers, orders, a
    /// quotation that differs only in whitespace or emphasis, a report bullet no
    /// recommendation holds added unclassified), say what changed on stderr, then lint the
    /// result. Fixes that would change a quotation's words are never made.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the fixes as a unified diff on stdout and write nothing (exit 1 when
    /// there is something to fix).
    #[arg(long, requires = "fix")]
    pub diff: bool,
    /// No progress bar (there is none anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print every finding one by one: without it, more than ten recommendations without a
    /// theme or pillar (a fresh draft's) are gathered into one worklist (human format only).
    #[arg(long, short)]
    pub verbose: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style, with the source line and carets, and a closing summary.
    Human,
    /// One JSON array of findings (see `docs/contracts.md`).
    Json,
    /// GitHub Actions workflow commands, shown as annotations on a pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// A Markdown summary, for a CI job summary page.
    Markdown,
}

/// Every finding for a loaded dataset with `config` applied, in file order.
pub fn lint(loaded: &Loaded, config: &Config) -> Vec<Diagnostic> {
    let cx = Context::new(loaded);
    let mut findings: Vec<Finding> = loaded
        .diagnostics
        .iter()
        .map(|d| Finding {
            diagnostic: characters::name_unwanted(d.clone()),
            subject: None,
        })
        .collect();
    moved::annotate(&cx, &mut findings);
    // Rules see a consistent dataset; broken files and references are fixed first, as a
    // compiler stops after parse errors, so that one typo does not cascade.
    let rules_run = !loaded.has_errors();
    if rules_run {
        // the verbatim comparisons two rules share, on every core before the rules start, so
        // that neither rule computes them alone while the other waits
        cx.quotations();
        // rules are independent: run them on every core, and keep the registry's order
        let found: Vec<Vec<Finding>> = codes::RULES
            .par_iter()
            .map(|rule| {
                let mut out = Vec::new();
                rule.check(&cx, &mut out);
                out
            })
            .collect();
        findings.extend(found.into_iter().flatten());
    }
    let findings = suppress::apply(&cx, findings, rules_run);
    let mut out: Vec<Diagnostic> = findings
        .into_iter()
        .filter_map(|f| {
            let mut d = f.diagnostic;
            match config.level(d.code.code) {
                Some(Level::Allow) => return None,
                Some(Level::Warn) => d.severity = Severity::Warning,
                Some(Level::Deny) => d.severity = Severity::Error,
                None => {}
            }
            Some(d)
        })
        .collect();
    sort_for_output(&mut out, &loaded.sources);
    out
}

/// How many files and records a loaded dataset has, for the summary line.
pub fn checked(loaded: &Loaded) -> Checked {
    let ds = &loaded.dataset;
    let v = &ds.vocabularies;
    let records = ds.conferences.len()
        + ds.conferences
            .iter()
            .map(|c| c.figures.len())
            .sum::<usize>()
        + ds.sessions.len()
        + ds.people.len()
        + ds.organizations.len()
        + ds.instruments.len()
        + ds.recommendations.len()
        + ds.themes.len()
        + ds.pillars.len()
        + [
            &v.roles,
            &v.session_kinds,
            &v.labels,
            &v.addressees,
            &v.organization_kinds,
            &v.instrument_kinds,
            &v.figure_kinds,
        ]
        .iter()
        .map(|t| t.len())
        .sum::<usize>();
    Checked {
        files: loaded.sources.len(),
        records,
    }
}

/// Runs the linter; the returned code follows the contract (0 clean, 1 findings).
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if let Some(code) = &args.explain {
        let Some(text) = docs::explain(code) else {
            let code = alliance_core::render::escape_controls(code);
            let list = "`alliance-lint --list-rules` lists the rules";
            match codes::closest_rule(&code) {
                Some(r) => bail!(
                    "unknown rule `{code}`; did you mean `{}` ({})? {list}",
                    r.info().code.code,
                    r.info().code.name
                ),
                None => bail!("unknown rule `{code}`; {list}"),
            }
        };
        write_stdout(&text)?;
        return Ok(exit::code(exit::SUCCESS));
    }
    if args.list_rules {
        let text = match args.format {
            Format::Json => format!("{}\n", serde_json::to_string_pretty(&docs::rules_json())?),
            _ => docs::rules_list(),
        };
        write_stdout(&text)?;
        return Ok(exit::code(exit::SUCCESS));
    }
    let mut config = Config::from_dataset(&args.path)?;
    for (rules, level) in [
        (&args.allow, Level::Allow),
        (&args.warn, Level::Warn),
        (&args.deny, Level::Deny),
    ] {
        for rule in rules {
            config.set(rule, level)?;
        }
    }
    if args.fix && !args.diff {
        // a killed import or --fix left files half-switched: complete that first, so the
        // fixes are made on whole files (and are not taken for someone else's edit)
        for done in alliance_cli::staged::complete_interrupted(&args.path)? {
            alliance_cli::errln!("{done}")?;
        }
    } else {
        alliance_cli::staged::refuse_interrupted(&args.path)?;
    }
    let status = alliance_cli::output::Status::new(args.quiet);
    let mut loaded = status.load(&args.path)?;
    if args.fix {
        status.phase("fixing");
        let plan = fix::Plan::new(&loaded);
        if args.diff {
            status.finish();
            write_stdout(&plan.diff())?;
            return Ok(exit::code(if plan.is_empty() {
                exit::SUCCESS
            } else {
                exit::FINDINGS
            }));
        }
        let (written, result) = plan.write();
        // after a failure, the files already fixed (if any) are named before the error
        if result.is_ok() || !written.is_empty() {
            status.suspend(|| report_fixes(&written, plan.is_empty()))?;
        }
        result?;
        if !plan.is_empty() {
            loaded = status.load(&args.path)?;
        }
    }
    if args.stats {
        status.finish();
        let rows = stats::coverage(&loaded.dataset);
        let text = match args.format {
            Format::Json => format!("{}\n", serde_json::to_string_pretty(&stats::json(&rows))?),
            _ => stats::table(&rows),
        };
        write_stdout(&text)?;
        return Ok(exit::code(exit::SUCCESS));
    }
    status.phase("checking");
    let findings = lint(&loaded, &config);
    status.finish();
    let checked = checked(&loaded);
    let text = match args.format {
        Format::Human => format::human(
            &findings,
            &loaded.sources,
            color_for(&io::stdout()),
            checked,
            args.verbose,
        ),
        Format::Json => format::json(&findings, &loaded.sources)?,
        Format::Github => format::github(&findings, &loaded.sources),
        Format::Sarif => format::sarif(&findings, &loaded.sources)?,
        Format::Markdown => format::markdown(&findings, &loaded.sources, checked),
    };
    write_stdout(&text)?;
    let failing = findings
        .iter()
        .any(|d| d.severity == Severity::Error || args.deny_warnings);
    Ok(exit::code(if failing {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    }))
}

/// Says on stderr what `--fix` changed, file by file, and how many fixes it made.
fn report_fixes(written: &[&fix::FileFix], nothing: bool) -> anyhow::Result<()> {
    let mut text = String::new();
    let mut count = 0;
    for f in written {
        for change in &f.changes {
            text.push_str(&format!("fixed {}: {change}\n", f.path.display()));
            count += 1;
        }
    }
    let files = written.len();
    let fixes = if count == 1 { "fix" } else { "fixes" };
    text.push_str(&if nothing {
        "nothing to fix\n".to_owned()
    } else {
        format!(
            "{count} {fixes} in {}\n",
            alliance_core::render::plural(files, "file")
        )
    });
    write_or_closed(&mut io::stderr().lock(), text.as_bytes())
        .context("cannot write to standard error")
}

/// Prints the tool's output on stdout. A reader that went away (`alliance-lint data | head`)
/// does not change the exit code the findings call for; a stream that cannot be written (a full
/// disk) is an error, exit code 2.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    write_or_closed(&mut io::stdout().lock(), text.as_bytes())
        .context("cannot write to standard output")
}
