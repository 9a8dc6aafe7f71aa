//! alliance-brief: one-page printable briefs per theme. Today it loads and checks the dataset
//! and writes nothing; the briefs build on this entry point.

#![deny(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;

use alliance_core::output::{exit, report_load_diagnostics};
use clap::Parser;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-brief",
    version,
    about = "Render one-page briefs per theme of an Alliance dataset"
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Render only this theme (repeatable).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Also print each brief to PDF with Chromium.
    #[arg(long)]
    pub pdf: bool,
}

/// Runs the brief renderer.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let loaded = alliance_core::load(&args.path)?;
    if let Some(code) = report_load_diagnostics(&loaded)? {
        return Ok(code);
    }
    Ok(exit::code(exit::SUCCESS))
}
