//! alliance-export: writes a dataset as the files analysts and developers use.
//!
//! - `alliance.xlsx`: the analysts' workbook ([`xlsx`]).
//! - `csv/*.csv` and `csv/datapackage.json`: one CSV file per table and a Frictionless Data
//!   Package descriptor ([`tables`], [`csv_files`], [`datapackage`]).
//! - `alliance.json` and `alliance.schema.json`: the dataset document and its JSON Schema.
//!
//! Filters ([`filter`]) export a consistent subset. Bad data (any error-level diagnostic of
//! the loader, a quotation that is not the report's words, a report bullet no recommendation
//! holds: `alliance_cli::check_before_publishing`) writes nothing. The formats are made at
//! the same time on every core with rayon, and so are
//! the CSV tables, each format and each table a job of its own. Each file is streamed into a
//! staging folder and only when all are written are they put in place at once
//! ([`alliance_cli::staged`]): a failure leaves the previous outputs intact, and no output is
//! ever held in memory whole, so an export needs little memory beyond the dataset's.
//! [`render`] makes the same bytes in memory. The same data gives byte-identical files.

#![deny(missing_docs)]

mod columns;
pub mod csv_files;
pub mod datapackage;
pub mod filter;
pub mod safe;
pub mod tables;
pub mod write;
pub mod xlsx;

use alliance_core::render::plural;
use std::io::Write as _;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_cli::output::{check_before_publishing, exit};
use alliance_core::Dataset;
use clap::{Parser, ValueEnum};
use rayon::prelude::*;

use crate::csv_files::TextCells;
use crate::filter::Selection;
use crate::write::{Files, Memory, OutputFile};
use alliance_cli::Staging;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-export",
    version,
    about = "Export an Alliance dataset as a workbook, CSV files with a Frictionless Data Package, and JSON",
    after_help = "Writes DIR/alliance.xlsx, DIR/csv/*.csv with DIR/csv/datapackage.json, and \
DIR/alliance.json with DIR/alliance.schema.json.\n\n\
Filters select recommendations (a recommendation is kept when it matches every kind of filter \
given, and any of the ids given for a kind); the export then holds their sessions, \
conferences, people, organizations and instruments, and nothing that would dangle.\n\n\
Exit codes: 0 written; 1 the dataset has errors (nothing is written); 2 bad arguments, an \
unknown filter id, or an output that cannot be written (previous outputs are left intact)."
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_value = "csv,xlsx,json"
    )]
    pub format: Vec<Format>,
    /// Only these conferences (ids; repeat or separate with commas).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub conference: Vec<String>,
    /// Only these sessions (ids; repeat or separate with commas).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub session: Vec<String>,
    /// Only recommendations with one of these themes (ids; repeat or separate with commas).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub theme: Vec<String>,
    /// Only recommendations with one of these pillars (ids; repeat or separate with commas).
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub pillar: Vec<String>,
    /// Write CSV text cells exactly as in the data. By default a text cell that begins with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a
    /// spreadsheet opening the file does not run it as a formula. (The workbook never needs
    /// this: its cells are never formulas.)
    #[arg(long)]
    pub raw_csv: bool,
    /// No progress bar (there is none anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum Format {
    /// `csv/*.csv` and `csv/datapackage.json`.
    Csv,
    /// `alliance.xlsx`.
    Xlsx,
    /// `alliance.json` and `alliance.schema.json`.
    Json,
}

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Formats, each once.
    pub formats: Vec<Format>,
    /// The subset to export.
    pub selection: Selection,
    /// Whether CSV text cells are neutralized against formula injection.
    pub text: TextCells,
}

impl Options {
    /// The options the arguments describe.
    pub fn from_args(args: &Args) -> Options {
        let mut formats = args.format.clone();
        formats.sort();
        formats.dedup();
        Options {
            formats,
            selection: Selection {
                conferences: args.conference.clone(),
                sessions: args.session.clone(),
                themes: args.theme.clone(),
                pillars: args.pillar.clone(),
            },
            text: if args.raw_csv {
                TextCells::Raw
            } else {
                TextCells::Neutralized
            },
        }
    }
}

/// Runs the export.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    alliance_cli::staged::refuse_interrupted(&args.path)?;
    let status = alliance_cli::output::Status::new(args.quiet);
    let loaded = status.load(&args.path)?;
    if let Some(code) =
        status.suspend(|| check_before_publishing(&loaded, alliance_authority::refusals))?
    {
        return Ok(code);
    }
    let options = Options::from_args(args);
    options.selection.check(&loaded.dataset)?;
    alliance_cli::staged::refuse_overlap(&args.path, &args.out)?;
    let staging = Staging::new(&args.out, true)?;
    status.phase("writing");
    let written = each_format(&loaded.dataset, &options, |dataset, format| {
        write_format(dataset, format, &options, &staging)
    })?;
    staging.commit()?;
    status.finish();
    let selection = &options.selection;
    let ds = &loaded.dataset;
    let selected: Vec<&alliance_core::model::Recommendation> = ds
        .recommendations
        .iter()
        .filter(|r| selection.is_empty() || selection.selects(r))
        .collect();
    if !selection.is_empty() && selected.is_empty() {
        alliance_cli::errln!("alliance-export: warning: the filters select no recommendation")?;
    }
    if !args.quiet {
        let conferences = if selection.is_empty() {
            ds.conferences.len()
        } else {
            let ids: std::collections::BTreeSet<&str> =
                selected.iter().map(|r| r.conference.as_str()).collect();
            ids.len()
        };
        let files: usize = written.iter().map(Vec::len).sum();
        alliance_cli::errln!(
            "alliance-export: wrote {} ({}) to {} — {} from {}",
            plural(written.len(), "format"),
            plural(files, "file"),
            args.out.display(),
            plural(selected.len(), "recommendation"),
            plural(conferences, "conference")
        )?;
    }
    Ok(exit::code(exit::SUCCESS))
}

/// Every output file's bytes, in memory: the selected subset of `dataset` in each format, in
/// the formats' order. Fails on unknown filter ids and on data a format cannot hold (a
/// workbook sheet past Excel's row limit).
pub fn render(dataset: &Dataset, options: &Options) -> anyhow::Result<Vec<OutputFile>> {
    options.selection.check(dataset)?;
    let files = each_format(dataset, options, |dataset, format| {
        let memory = Memory::default();
        let paths = write_format(dataset, format, options, &memory)?;
        Ok(paths
            .iter()
            .filter_map(|path| memory.take(path))
            .collect::<Vec<_>>())
    })?;
    Ok(files.into_iter().flatten().collect())
}

/// `f` of the selected subset of `dataset` and each format, on every core (the workbook of a
/// big dataset takes longest), in the formats' order. A panic in `f` is an error.
fn each_format<R: Send>(
    dataset: &Dataset,
    options: &Options,
    f: impl Fn(&Dataset, Format) -> anyhow::Result<R> + Sync,
) -> anyhow::Result<Vec<R>> {
    let subset;
    let dataset = if options.selection.is_empty() {
        dataset
    } else {
        subset = options.selection.apply(dataset);
        &subset
    };
    let results: Vec<anyhow::Result<R>> = options
        .formats
        .par_iter()
        // each format a job of its own
        .with_max_len(1)
        .map(|&format| {
            std::panic::catch_unwind(AssertUnwindSafe(|| f(dataset, format)))
                .unwrap_or_else(|_| Err(anyhow::anyhow!("an export thread panicked")))
        })
        .collect();
    results.into_iter().collect()
}

/// Writes the files of one format through `files`; their paths, in order.
fn write_format<F: Files>(
    dataset: &Dataset,
    format: Format,
    options: &Options,
    files: &F,
) -> anyhow::Result<Vec<PathBuf>> {
    Ok(match format {
        Format::Json => {
            let document = PathBuf::from("alliance.json");
            let schema = PathBuf::from("alliance.schema.json");
            write_file(files, &document, |out| write_json_to(out, dataset))?;
            write_file(files, &schema, |out| {
                write_json_to(out, &alliance_core::model::json_schema())
            })?;
            vec![document, schema]
        }
        Format::Csv => {
            let tables = tables::tables(dataset);
            let paths: Vec<PathBuf> = tables
                .iter()
                .map(|t| Path::new("csv").join(t.file_name()))
                .collect();
            // every table is a file of its own: they are written on every core, each a job of
            // its own (the first is the longest); the first failure in the tables' order wins
            let written: Vec<anyhow::Result<()>> = tables
                .par_iter()
                .zip(&paths)
                .with_max_len(1)
                .map(|(table, path)| {
                    write_file(files, path, |out| {
                        csv_files::write_csv(table, options.text, out).map(drop)
                    })
                })
                .collect();
            written.into_iter().collect::<anyhow::Result<()>>()?;
            let package = PathBuf::from("csv/datapackage.json");
            write_file(files, &package, |out| {
                let bytes =
                    datapackage::descriptor(dataset, &tables, &options.selection, options.text)?;
                Ok(out.write_all(&bytes)?)
            })?;
            paths.into_iter().chain([package]).collect()
        }
        Format::Xlsx => {
            let path = PathBuf::from("alliance.xlsx");
            let out = files.create(&path)?;
            let out = xlsx::write_workbook(dataset, &options.selection, out, files.scratch_dir())?;
            files.close(&path, out)?;
            vec![path]
        }
    })
}

/// Creates the file at `path`, has `write` write it, and closes it.
fn write_file<F: Files>(
    files: &F,
    path: &Path,
    write: impl FnOnce(&mut F::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut out = files.create(path)?;
    write(&mut out)?;
    files.close(path, out)
}

/// The real dataset in `data/`, for tests.
#[cfg(test)]
fn real_dataset() -> Dataset {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    alliance_core::load(&root)
        .expect("the dataset loads")
        .dataset
}

/// Pretty JSON with a trailing newline.
fn write_json_to(
    out: &mut impl std::io::Write,
    value: &impl serde::Serialize,
) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}
