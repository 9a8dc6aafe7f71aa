//! The `alliance-brief` binary: parses arguments and hands over to the library.

use std::process::ExitCode;

use alliance_core::output::exit;
use clap::Parser;

/// mimalloc: loading a large dataset allocates and frees millions of small strings, where
/// the system allocator spends a quarter of the time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = alliance_brief::Args::parse();
    match alliance_brief::run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("alliance-brief: error: {err:#}");
            exit::code(exit::FAILURE)
        }
    }
}
