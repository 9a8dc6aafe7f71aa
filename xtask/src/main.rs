//! `cargo xtask`: the project's automation, in Rust so that it runs wherever cargo does.
//!
//! - `cargo xtask all`: lint the dataset, export it and render the briefs into `out/`.
//! - `cargo xtask ci`: everything CI checks (formatting, clippy, tests, the output checks).
//! - `cargo xtask bench`: time each tool on the real dataset; writes `benches/RESULTS.md`.
//! - `cargo xtask codegen`: regenerate the JSON Schemas of the source files and the rule docs.
//! - `cargo xtask assets [--out DIR]`: shell completions and man pages of the binaries.

mod assets;
mod bench;
mod check_briefs;
mod check_export;
mod check_lint;
mod codegen;
mod generate;
mod pipeline;

use std::path::{Path, PathBuf};

use anyhow::bail;
use xshell::Shell;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  all       lint data/, export it and render the briefs into out/
  ci        everything CI checks: fmt, clippy, docs, tests, lint, exports and their validators
  gen --recommendations N --out DIR [--seed S]
            write a synthetic dataset in the real format (never committed)
  bench [--quick | --real]
            time each tool on the real dataset and on 1k..1M synthetic recommendations,
            beside pandas, frictionless and Python's json; writes benches/RESULTS.md
            (--quick: up to 100k; --real: the real dataset only, printed, nothing written)
  codegen   regenerate data/schemas/ and docs/rules.md
  assets [--out DIR]
            shell completions (bash, zsh, fish, elvish, PowerShell) and man pages of the
            binaries, from their command-line definitions, into target/assets/";

fn main() -> anyhow::Result<()> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["all"] => pipeline::all(&sh),
        ["ci"] => pipeline::ci(&sh),
        ["bench", rest @ ..] => bench::run(&sh, &project_root(), rest),
        ["gen", rest @ ..] => {
            let args = generate::GenArgs::parse(rest)?;
            let n = generate::run(&project_root(), &args)?;
            println!("wrote {n} recommendations to {}", args.out.display());
            Ok(())
        }
        ["codegen"] => codegen::run(&project_root()),
        ["assets", rest @ ..] => {
            let out = assets::out_dir(&project_root(), rest)?;
            let written = assets::write(&out)?;
            println!("wrote {} files to {}", written.len(), out.display());
            Ok(())
        }
        ["help" | "--help" | "-h"] | [] => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{}`\n\n{USAGE}", other.join(" ")),
    }
}

/// The workspace root, from this crate's manifest folder (never the current directory).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}
