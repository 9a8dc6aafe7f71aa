//! The `alliance-brief` binary: parses arguments and hands over to the library.

use std::process::ExitCode;

use alliance_core::output::exit;
use clap::Parser;

/// mimalloc, keeping the memory it frees (see `alliance_core::allocator`).
#[global_allocator]
static GLOBAL: alliance_core::allocator::MiMalloc = alliance_core::allocator::MiMalloc;

fn main() -> ExitCode {
    alliance_core::allocator::keep_freed_memory();
    let args = alliance_brief::Args::parse();
    match alliance_brief::run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("alliance-brief: error: {err:#}");
            exit::code(exit::FAILURE)
        }
    }
}
