//! alliance-diff: what changed between two versions of an Alliance dataset, record by record
//! (added, removed, renamed, changed and in which fields, a quotation word by word), for a
//! reviewer's terminal, a pull request or a machine, and whether `dataset.toml`'s version was
//! bumped as semantic versioning asks (`--check-version`).
//!
//! Both versions are loaded by the core loader; the old one may come from git history
//! (`--git REV`). The comparison ([`diff`]) matches records by id in hash maps and compares the
//! fields of only the records that differ, so it is linear in the datasets' size.

#![deny(missing_docs)]

pub mod about;
pub mod check;
pub mod compare;
pub mod format;
mod git;
pub mod message;
pub mod records;
pub mod verbatim;
pub mod what;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_cli::output::{Status, color_for, exit, report_load_diagnostics, write_or_closed};
use alliance_core::Loaded;
use anyhow::{Context as _, bail};
use clap::{Parser, ValueEnum};

pub use check::{Bump, VersionCheck, check};
pub use compare::{Diff, diff};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-diff",
    version,
    about = "Show what changed between two versions of an Alliance dataset, record by record",
    override_usage = "alliance-diff OLD NEW [OPTIONS]\n       alliance-diff --git REV [PATH] [OPTIONS]",
    after_help = "Exit codes: 0 compared (and, with --check-version, the version and date satisfy the changes), 1 --check-version not satisfied, 2 could not run (bad arguments, a dataset that does not load, a bad revision).\nWith --check-version: a removed or renamed record needs a major bump, an added record (or vocabulary term) a minor one, any other change a patch one; any change needs a later release date."
)]
pub struct Args {
    /// The old dataset folder; with --git, the dataset folder in the work tree (default `data`).
    #[arg(value_name = "OLD")]
    pub old: Option<PathBuf>,
    /// The new dataset folder.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Compare the dataset folder as of this git revision (the old version) with the work
    /// tree's (the new one); the work tree is not touched.
    #[arg(long, value_name = "REV")]
    pub git: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) unless the new version and release date were bumped as much as the
    /// changes need.
    #[arg(long)]
    pub check_version: bool,
    /// No progress bar (there is none anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a terminal: a line per record and per field (colour only on a terminal).
    Human,
    /// For a pull request or a job summary: a table of counts, then the details folded.
    Markdown,
    /// One JSON object (see `docs/contracts.md`).
    Json,
}

/// Runs the tool; the returned code follows the contract (0 compared, 1 the version check
/// failed).
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let status = Status::new(args.quiet);
    let (old, new) = match (&args.git, &args.old, &args.new) {
        (Some(rev), path, None) => {
            let path = path.clone().unwrap_or_else(|| PathBuf::from("data"));
            // a folder that is no dataset is refused as every tool refuses it, before git
            alliance_core::load::check_dataset_folder(&path)?;
            status.phase("reading the old dataset from git");
            let unpacked = git::unpack(rev, &path)?;
            let old = Old {
                path: unpacked.path(),
                what: format!("`{}` at `{rev}`", path.display()),
                unpacked: Some(&unpacked),
            };
            load_both(&status, &old, &path)?
        }
        (Some(_), _, Some(_)) => {
            bail!("with --git, give one dataset folder (the work tree's), not two")
        }
        (None, Some(old), Some(new)) => {
            let old = Old {
                path: old,
                what: format!("`{}`", old.display()),
                unpacked: None,
            };
            load_both(&status, &old, new)?
        }
        (None, _, _) => bail!("give two dataset folders, OLD and NEW, or --git REV [PATH]"),
    };
    status.phase("comparing");
    let diff = compare::diff(&old.dataset, &new.dataset, &verbatim::Reports::of(&new));
    let check = args.check_version.then(|| check::check(&diff));
    status.finish();
    let text = match args.format {
        Format::Human => format::human(&diff, check.as_ref(), color_for(&io::stdout())),
        Format::Markdown => format::markdown(&diff, check.as_ref()),
        Format::Json => format::json(&diff, check.as_ref())?,
    };
    write_or_closed(&mut io::stdout().lock(), text.as_bytes())
        .context("cannot write to standard output")?;
    match check {
        Some(check) if !check.satisfied => {
            if args.format != Format::Human {
                write_or_closed(
                    &mut io::stderr().lock(),
                    format!("alliance-diff: {}", format::check_problems(&check)).as_bytes(),
                )
                .context("cannot write to standard error")?;
            }
            Ok(exit::code(exit::FINDINGS))
        }
        _ => Ok(exit::code(exit::SUCCESS)),
    }
}

/// The old dataset: its folder, how messages name it, and, with `--git`, the revision it was
/// unpacked from.
struct Old<'a> {
    path: &'a Path,
    what: String,
    unpacked: Option<&'a git::Unpacked>,
}

/// Loads both datasets at once, on rayon's pool: a load inside the pool runs queued jobs
/// while it waits for its own conferences, so two loads never leave each other without a
/// thread. Their diagnostics go to stderr as every tool shows them, the old one's first (its
/// files named `REV:PATH/...` when it comes from git), and one with errors cannot be compared
/// (exit 2).
fn load_both(status: &Status, old: &Old<'_>, new: &Path) -> anyhow::Result<(Loaded, Loaded)> {
    let (loaded_old, loaded_new) =
        rayon::join(|| alliance_core::load(old.path), || status.load(new));
    // the old folder may be a temporary one (`--git`): say which dataset it is, and name its
    // files as git does
    let loaded_old = match (loaded_old, old.unpacked) {
        (Ok(loaded), Some(unpacked)) => unpacked.relocate(loaded),
        (Ok(loaded), None) => loaded,
        (Err(err), unpacked) => {
            let err = match unpacked {
                Some(u) => u.shown_text(&err.to_string()),
                None => err.to_string(),
            };
            bail!("cannot load {}: {err}", old.what)
        }
    };
    let loaded_new = loaded_new?;
    for (loaded, what) in [
        (&loaded_old, old.what.clone()),
        (&loaded_new, format!("`{}`", new.display())),
    ] {
        let failed = status
            .suspend(|| report_load_diagnostics(loaded))
            .context("cannot write to standard error")?;
        if failed.is_some() {
            bail!("the dataset {what} does not load (see the errors above); fix it, then compare");
        }
    }
    Ok((loaded_old, loaded_new))
}
