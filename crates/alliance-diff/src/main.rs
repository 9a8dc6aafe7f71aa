//! The `alliance-diff` binary: everything is in the library.

alliance_cli::main!(alliance_diff::Args, alliance_diff::run);
