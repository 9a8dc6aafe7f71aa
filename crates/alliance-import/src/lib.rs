//! alliance-import: drafts a whole conference from its report.
//!
//! `alliance-import --init DIR` makes an empty dataset to import into;
//! `alliance-import REPORT --conference ID [--data DIR] [--dry-run] [--force]` reads the
//! report (the seed's Markdown, text from a PDF's text layer, or a PDF, read with
//! `pdftotext -layout`), reads it with the core's one report reader
//! ([`alliance_core::report`]), and writes `DIR/conferences/ID/` (the report as given,
//! `conference.toml`, `sessions/NN-*.toml` in report order) and the new people and
//! organizations into `DIR/registry/`, all through one [`alliance_cli::Staging`]: staged,
//! then put in place together. The records are [`alliance_draft`]'s, so `alliance-lint --fix`
//! drafts a lost recommendation the same way.
//!
//! Nothing is invented: what the report does not state is left out, and the summary lists it
//! with its report line ([`draft::Unsure`]). Themes, pillars and addressees are a person's
//! to decide; `alliance-lint` lists them.

#![deny(missing_docs)]

pub mod draft;
mod files;
mod init;
mod registry;
mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_cli::output::exit;
use anyhow::{Context, bail};
use clap::Parser;

pub use draft::{Draft, Unsure, draft};
pub use files::{Output, OutputFile, Report, read_report, render};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-import",
    version,
    override_usage = "alliance-import [OPTIONS] --conference <ID> <REPORT>\n       alliance-import --init <DIR>",
    about = "Draft a conference of an Alliance dataset from its report (Markdown, pdftotext text or PDF)",
    after_help = "Writes DIR/conferences/ID/ (the report as given, conference.toml, \
sessions/NN-*.toml) and adds the new people and organizations to DIR/registry/; people and \
organizations the registry has are reused by name, and a returning person gets an \
affiliation for this conference. Everything is staged and put in place together. Themes, \
pillars and addressees are left for a person: run alliance-lint on the dataset next.\n\n\
A PDF is read with pdftotext (poppler-utils).\n\n\
Exit codes: 0 drafted (or, with --dry-run, shown; with --init, made); 1 the dataset's registry or vocabularies \
have errors (nothing is written); 2 bad arguments, an unreadable report, a conference that \
exists (without --force), or an output that cannot be written."
)]
pub struct Args {
    /// The report: a Markdown file, a text file from pdftotext, or a PDF.
    #[arg(value_name = "REPORT", required_unless_present = "init")]
    pub report: Option<PathBuf>,
    /// The new conference's id (lowercase kebab-case, e.g. alliance-18).
    #[arg(long, value_name = "ID", required_unless_present = "init")]
    pub conference: Option<String>,
    /// Make DIR an empty dataset to import into: dataset.toml, the toolkit's vocabularies and
    /// schemas, empty registries and no conference (DIR must be missing or empty).
    #[arg(
        long,
        value_name = "DIR",
        conflicts_with_all = ["report", "conference", "dry_run", "force"]
    )]
    pub init: Option<PathBuf>,
    /// The dataset folder.
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// Write nothing; print the files the import would write.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace the conference's folder when it exists.
    #[arg(long)]
    pub force: bool,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Runs the import (or, with `--init`, makes an empty dataset).
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.init {
        init::run(dir, args.quiet)?;
        return Ok(exit::code(exit::SUCCESS));
    }
    let (Some(report), Some(conference)) = (&args.report, &args.conference) else {
        bail!("a REPORT and --conference ID are needed (or --init DIR)");
    };
    import(args, report, conference)
}

/// Drafts the conference `conference` from the report at `report_path`.
fn import(args: &Args, report_path: &Path, conference: &str) -> anyhow::Result<ExitCode> {
    if !alliance_core::id::is_well_formed_id(conference) {
        bail!(
            "`{}` is not a conference id: use lowercase letters and digits in words joined by hyphens, e.g. alliance-18",
            conference
        );
    }
    let report = read_report(report_path)?;
    let folder = args.data.join("conferences").join(conference);
    if args.dry_run {
        alliance_cli::staged::refuse_interrupted(&args.data)?;
    } else if let Some(code) = complete_interrupted(args, conference, &report)? {
        return Ok(code);
    }
    if std::fs::symlink_metadata(&folder).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "`{}` is a link: alliance-import writes only into the dataset's own folders; nothing was written",
            folder.display()
        );
    }
    if folder.exists() && !args.force {
        bail!(
            "the conference `{}` exists already (`{}`): pass --force to replace it",
            conference,
            folder.display()
        );
    }
    let loaded = alliance_core::load(&args.data)?;
    if let Some(code) = blocking_errors(&args.data, &loaded)? {
        return Ok(code);
    }
    let outline = alliance_core::report::Outline::parse(&report.text);
    let drafted = draft(conference, &report.name, &outline, &loaded.dataset);
    if drafted.sessions.is_empty() {
        bail!(
            "no session found in `{}`: a session is a heading on a line of its own (with blank lines around it) under which the report names people or lists recommendations; nothing was written",
            report_path.display()
        );
    }
    let output = render(&args.data, conference, &report, &drafted)?;
    let forced = files::forced(&args.data, &folder, &output)?;
    if args.dry_run {
        files::print(&args.data, &output)?;
    } else {
        files::write(&args.data, &output, &forced)?;
    }
    if !args.quiet {
        let mut text = summary::summary(conference, &report.name, &drafted, args.dry_run);
        text.push_str(&summary::forced(&args.data, &forced, args.dry_run));
        alliance_cli::errln!("{}", text.trim_end())?;
    }
    Ok(exit::code(exit::SUCCESS))
}

/// Completes the commits that killed runs left in the dataset (`alliance_cli::staged`),
/// before anything reads it. When the one completed was this very import (the conference's
/// report, as given, among the files it put in place), the import is done: says so and gives
/// exit code 0. Otherwise says what was completed, and the import goes on.
fn complete_interrupted(
    args: &Args,
    conference: &str,
    report: &files::Report,
) -> anyhow::Result<Option<ExitCode>> {
    let report_path = Path::new("conferences")
        .join(conference)
        .join(&report.given_name);
    for done in alliance_cli::staged::complete_interrupted(&args.data)? {
        let this_import = done.folder == args.data
            && done.files.contains(&report_path)
            && std::fs::read(args.data.join(&report_path)).is_ok_and(|b| b == report.given);
        if this_import {
            if !args.quiet {
                alliance_cli::errln!(
                    "alliance-import: completed the import of {} into `{}` that was killed part-way ({} put in place); nothing else to do",
                    conference,
                    args.data.display(),
                    alliance_core::render::plural(done.files.len(), "file")
                )?;
            }
            return Ok(Some(exit::code(exit::SUCCESS)));
        }
        alliance_cli::errln!("alliance-import: {done}")?;
    }
    Ok(None)
}

/// Prints the dataset's diagnostics when it has errors outside its conference folders (in the
/// registry or the vocabularies, which a draft relies on), and gives exit code 1 then.
fn blocking_errors(
    data: &Path,
    loaded: &alliance_core::Loaded,
) -> anyhow::Result<Option<ExitCode>> {
    let blocking = loaded.diagnostics.iter().any(|d| {
        let path: Option<&Path> = d
            .location
            .as_ref()
            .map(|l| loaded.sources.get(l.file).path.as_path())
            .or(d.path.as_deref());
        d.severity == alliance_core::Severity::Error
            && !path.is_some_and(|p| {
                // the dataset's own `conferences/` folder, not one its path passes through
                p.strip_prefix(data).is_ok_and(|rel| {
                    rel.components()
                        .next()
                        .is_some_and(|c| c.as_os_str() == "conferences")
                })
            })
    });
    if !blocking {
        return Ok(None);
    }
    alliance_cli::output::report_load_diagnostics(loaded)
        .context("cannot print the dataset's diagnostics")?;
    alliance_cli::errln!(
        "alliance-import: error: the dataset's registry or vocabularies have errors; fix them first (nothing was written)"
    )?;
    Ok(Some(exit::code(exit::FINDINGS)))
}
