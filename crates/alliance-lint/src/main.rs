//! The `alliance-lint` binary: everything is in the library.

alliance_cli::main!(alliance_lint::Args, alliance_lint::run);
