//! What the tests of alliance-import share: running it, its reports, loading what it drafted,
//! and whether a program it needs is installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use alliance_tests::{bin, data_dir, workspace_root};

/// `alliance-import REPORT --conference ID --data DATA EXTRA...`, run to its end.
pub(crate) fn import(report: &Path, conference: &str, data: &Path, extra: &[&str]) -> Output {
    bin("alliance-import")
        .arg(report)
        .args(["--conference", conference, "--data"])
        .arg(data)
        .args(extra)
        .output()
        .expect("alliance-import runs")
}

/// The report of the real 17th conference.
pub(crate) fn real_report() -> PathBuf {
    data_dir().join("conferences/alliance-17/report.md")
}

/// A fictional report of `tests/fixtures/import`.
pub(crate) fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/import").join(name)
}

/// The dataset in `root`, which must load without errors.
pub(crate) fn load(root: &Path) -> alliance_core::Loaded {
    let loaded = alliance_core::load(root).expect("the dataset folder");
    let rendered = alliance_core::render::render_all(
        &loaded.diagnostics,
        &loaded.sources,
        alliance_core::render::Color::Never,
    );
    assert!(!loaded.has_errors(), "{rendered}");
    loaded
}

/// Whether a program runs; under `CI=true` a missing one fails the test, otherwise the test
/// is skipped with a message.
pub(crate) fn available(program: &str, arg: &str) -> bool {
    let runs = Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !runs {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is needed for this test under CI=true"
        );
        eprintln!("skipped: {program} is not installed");
    }
    runs
}
