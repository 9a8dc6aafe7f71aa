//! What the tests of alliance-lint share: running it, and the file most of them mutate.

use std::path::Path;
use std::process::Output;

use alliance_tests::bin;

/// Panel 1 of the 17th conference.
pub(crate) const PANEL_1: &str = "conferences/alliance-17/sessions/02-panel-1.toml";

/// `alliance-lint ROOT ARGS...`, run to its end.
pub(crate) fn lint(root: &Path, args: &[&str]) -> Output {
    bin("alliance-lint")
        .arg(root)
        .args(args)
        .output()
        .expect("runs")
}
