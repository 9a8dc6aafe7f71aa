//! The `alliance-import` binary: everything is in the library.

alliance_cli::main!(alliance_import::Args, alliance_import::run);
