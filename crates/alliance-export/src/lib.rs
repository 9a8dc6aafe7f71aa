//! alliance-export: writes a dataset as the files analysts and developers use. Today: the JSON
//! document and its JSON Schema; the workbook and the CSV package build on the same entry point.
//!
//! Bad data (any error-level diagnostic) writes nothing. Every file is written atomically.

#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_core::Dataset;
use alliance_core::output::{exit, report_load_diagnostics, write_atomic};
use anyhow::Context;
use clap::{Parser, ValueEnum};

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-export",
    version,
    about = "Export an Alliance dataset as JSON (CSV and XLSX to come)"
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "json")]
    pub format: Vec<Format>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `alliance.json` and `alliance.schema.json`.
    Json,
}

/// Runs the export.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let loaded = alliance_core::load(&args.path)?;
    if let Some(code) = report_load_diagnostics(&loaded)? {
        return Ok(code);
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create output folder `{}`", args.out.display()))?;
    for format in &args.format {
        match format {
            Format::Json => write_json(&loaded.dataset, &args.out)?,
        }
    }
    Ok(exit::code(exit::SUCCESS))
}

/// Pretty JSON with a trailing newline.
fn to_json(value: &impl serde::Serialize) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes `alliance.json` and `alliance.schema.json` into `dir`.
pub fn write_json(dataset: &Dataset, dir: &Path) -> anyhow::Result<()> {
    for (name, bytes) in [
        ("alliance.json", to_json(dataset)?),
        (
            "alliance.schema.json",
            to_json(&alliance_core::model::json_schema())?,
        ),
    ] {
        let path = dir.join(name);
        write_atomic(&path, &bytes)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
}
