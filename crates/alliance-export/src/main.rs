//! The `alliance-export` binary: everything is in the library.

alliance_cli::main!(alliance_export::Args, alliance_export::run);
