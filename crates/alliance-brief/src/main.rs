//! The `alliance-brief` binary: everything is in the library.

alliance_cli::main!(alliance_brief::Args, alliance_brief::run);
