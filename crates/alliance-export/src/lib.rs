//! alliance-export: writes a dataset as the files analysts and developers use.
//!
//! - `alliance.xlsx`: the analysts' workbook ([`xlsx`]).
//! - `csv/*.csv` and `csv/datapackage.json`: one CSV file per table and a Frictionless Data
//!   Package descriptor ([`tables`], [`csv_files`], [`datapackage`]).
//! - `alliance.json` and `alliance.schema.json`: the dataset document and its JSON Schema.
//!
//! Filters ([`filter`]) export a consistent subset. Bad data (any error-level diagnostic)
//! writes nothing. Every file's bytes are made in memory first ([`render`]), then all are
//! written at once ([`write::write_all`]): a failure leaves the previous outputs intact. The
//! same data gives byte-identical files.

#![deny(missing_docs)]

pub mod csv_files;
pub mod datapackage;
pub mod filter;
pub mod safe;
pub mod tables;
pub mod write;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_core::Dataset;
use alliance_core::output::{exit, report_load_diagnostics};
use anyhow::Context;
use clap::{Parser, ValueEnum};

use crate::csv_files::TextCells;
use crate::filter::Selection;
use crate::write::{OutputFile, write_all};

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
    let loaded = alliance_core::load(&args.path)?;
    if let Some(code) = report_load_diagnostics(&loaded)? {
        return Ok(code);
    }
    let options = Options::from_args(args);
    let files = render(&loaded.dataset, &options)?;
    let selection = &options.selection;
    if !selection.is_empty()
        && !loaded
            .dataset
            .recommendations
            .iter()
            .any(|r| selection.selects(r))
    {
        eprintln!("alliance-export: warning: the filters select no recommendation");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create output folder `{}`", args.out.display()))?;
    write_all(&args.out, &files)?;
    Ok(exit::code(exit::SUCCESS))
}

/// Every output file's bytes, in memory: the selected subset of `dataset` in each format.
/// Fails on unknown filter ids and on data a format cannot hold (a workbook sheet past Excel's
/// row limit).
pub fn render(dataset: &Dataset, options: &Options) -> anyhow::Result<Vec<OutputFile>> {
    options.selection.check(dataset)?;
    let subset;
    let dataset = if options.selection.is_empty() {
        dataset
    } else {
        subset = options.selection.apply(dataset);
        &subset
    };
    // the formats are independent: each is made on its own thread (the workbook of a big
    // dataset takes longest), and the files are collected in the formats' order
    let results: Vec<anyhow::Result<Vec<OutputFile>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = options
            .formats
            .iter()
            .map(|&format| scope.spawn(move || render_format(dataset, format, options)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("an export thread panicked")))
            })
            .collect()
    });
    let mut files = Vec::new();
    for result in results {
        files.extend(result?);
    }
    Ok(files)
}

/// The files of one format.
fn render_format(
    dataset: &Dataset,
    format: Format,
    options: &Options,
) -> anyhow::Result<Vec<OutputFile>> {
    Ok(match format {
        Format::Json => json_files(dataset)?.into(),
        Format::Csv => {
            let tables = tables::tables(dataset);
            let mut files = Vec::with_capacity(tables.len() + 1);
            for table in &tables {
                files.push(OutputFile::new(
                    Path::new("csv").join(table.file_name()),
                    csv_files::to_csv(table, options.text)?,
                ));
            }
            files.push(OutputFile::new(
                "csv/datapackage.json",
                datapackage::descriptor(dataset, &tables, &options.selection, options.text)?,
            ));
            files
        }
        Format::Xlsx => vec![OutputFile::new(
            "alliance.xlsx",
            xlsx::workbook(dataset, &options.selection)?,
        )],
    })
}

/// Pretty JSON with a trailing newline.
fn to_json(value: &impl serde::Serialize) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// `alliance.json` and `alliance.schema.json`.
fn json_files(dataset: &Dataset) -> anyhow::Result<[OutputFile; 2]> {
    Ok([
        OutputFile::new("alliance.json", to_json(dataset)?),
        OutputFile::new(
            "alliance.schema.json",
            to_json(&alliance_core::model::json_schema())?,
        ),
    ])
}

/// Writes `alliance.json` and `alliance.schema.json` into `dir`.
pub fn write_json(dataset: &Dataset, dir: &Path) -> anyhow::Result<()> {
    write_all(dir, &json_files(dataset)?)
}
