//! What the toolkit's binaries share, so that each `main.rs` is one line and the data-model
//! crate knows nothing about terminals, processes or output folders:
//!
//! - [`main!`] and [`run_main`]: the allocator, argument parsing, the error message and the
//!   exit status of every binary;
//! - [`output`]: exit codes, colour, the loader's diagnostics on stderr, the progress bar, and
//!   printing that survives a closed pipe;
//! - [`staged`]: the one way a tool writes files, all or nothing, with unpredictable temporary
//!   names, and repairing what a killed run left;
//! - [`ids`]: ids given on the command line that name nothing (a "did you mean" and the known
//!   ones);
//! - [`allocator`]: mimalloc, keeping the memory it frees.
//!
//! The contracts the binaries keep (synopsis, exit codes, output files) are written down in
//! `docs/contracts.md`.

#![deny(missing_docs)]

pub mod allocator;
pub mod ids;
pub mod output;
pub mod staged;

use std::io::Write as _;
use std::process::ExitCode;

pub use output::{Status, check_before_publishing, exit, report_load_diagnostics};
pub use staged::Staging;

/// The `main` of a binary: mimalloc as its allocator, then [`run_main`] with its `Args` and
/// `run`. The whole of a `main.rs`:
///
/// ```ignore
/// alliance_cli::main!(alliance_lint::Args, alliance_lint::run);
/// ```
#[macro_export]
macro_rules! main {
    ($args:ty, $run:path) => {
        /// mimalloc, keeping the memory it frees (see `alliance_cli::allocator`).
        #[global_allocator]
        static GLOBAL: $crate::allocator::MiMalloc = $crate::allocator::MiMalloc;

        fn main() -> ::std::process::ExitCode {
            $crate::run_main::<$args>(env!("CARGO_BIN_NAME"), $run)
        }
    };
}

/// Prints a line on stdout; a closed pipe is not an error ([`output::stdout_line`]).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::stdout_line(format_args!($($arg)*)) };
}

/// Prints a line on stderr; a closed pipe is not an error ([`output::stderr_line`]).
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::stderr_line(format_args!($($arg)*)) };
}

/// Runs a binary: keeps freed memory ([`allocator::keep_freed_memory`]), parses `A` from the
/// command line (clap prints usage errors and exits 2), and calls `run`. An `Err` is printed
/// as `NAME: error: ...` with its causes and exits 2 ([`exit::FAILURE`]); a message that
/// cannot be printed (stderr closed or full) does not change that.
pub fn run_main<A: clap::Parser>(
    name: &str,
    run: impl FnOnce(&A) -> anyhow::Result<ExitCode>,
) -> ExitCode {
    allocator::keep_freed_memory();
    let args = A::parse();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            let _ = writeln!(std::io::stderr().lock(), "{name}: error: {err:#}");
            exit::code(exit::FAILURE)
        }
    }
}
