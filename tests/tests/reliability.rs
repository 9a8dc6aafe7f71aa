//! What the writing tools promise under hostile conditions (see `docs/contracts.md`, "Writing
//! outputs"): a run killed mid-write or inside its final renames leaves neither leftovers nor a
//! mixed set once the next run is over; an output folder that overlaps the dataset is refused;
//! a closed or full stderr never makes a tool panic.
//!
//! The moment of death is chosen with `ALLIANCE_TEST_ABORT` (`staged`: every file written, none
//! in place; `rename:N`: after N renames), where the tool aborts as a kill would.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use alliance_tests::{assert_code, bin, closed_pipe, copy_of_data, data_dir, text};

fn export(out: &Path, args: &[&str]) -> Command {
    let mut cmd = bin("alliance-export");
    cmd.arg(data_dir()).arg("--out").arg(out).args(args);
    cmd
}

fn brief(out: &Path) -> Command {
    let mut cmd = bin("alliance-brief");
    cmd.arg(data_dir()).arg("--out").arg(out);
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("runs")
}

/// Files with their bytes, by relative path.
type Files = BTreeMap<String, Vec<u8>>;

/// Every file below `dir` (hidden ones too) with its bytes, by relative path.
fn files(dir: &Path) -> Files {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside").to_string_lossy();
                out.insert(rel.replace('\\', "/"), std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The names in `dir` that start with a dot (staging folders, journals, temporary files).
fn hidden(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Whether the process died of a signal (the abort) rather than exiting.
fn was_killed(out: &Output) -> bool {
    out.status.code().is_none()
}

/// The files one export run writes into a new folder: the reference for a selection.
fn reference(tmp: &Path, name: &str, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let dir = tmp.join(name);
    assert_code(&run(&mut export(&dir, args)), 0);
    files(&dir)
}

/// The files of a subset export and of a whole one (each into a new folder), and `out/`
/// holding the subset, over which a whole export was then killed at `moment`.
fn killed_over_a_subset(moment: &str) -> (tempfile::TempDir, Files, Files) {
    let subset = ["--theme", "trust-and-rapport"];
    let tmp = tempfile::tempdir().expect("temp dir");
    let old = reference(tmp.path(), "old", &subset);
    let new = reference(tmp.path(), "new", &[]);
    let out = tmp.path().join("out");
    assert_code(&run(&mut export(&out, &subset)), 0);
    let killed = run(export(&out, &[]).env("ALLIANCE_TEST_ABORT", moment));
    assert!(was_killed(&killed), "{}", text(&killed.stderr));
    (tmp, old, new)
}

#[test]
fn an_export_killed_before_its_commit_leaves_the_previous_set_and_no_leftover_after_the_next_run() {
    let (tmp, old, new) = killed_over_a_subset("staged");
    let out = tmp.path().join("out");
    assert_eq!(
        files_without_hidden(&out),
        old,
        "the previous set is intact"
    );
    let left = hidden(&out);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].starts_with(".alliance-staging-"), "{left:?}");

    assert_code(&run(&mut export(&out, &[])), 0);
    assert_eq!(
        hidden(&out),
        Vec::<String>::new(),
        "the next run removes the leftover"
    );
    assert_eq!(files(&out), new);
}

#[test]
fn an_export_killed_inside_its_renames_is_completed_by_the_next_run() {
    let (tmp, old, new) = killed_over_a_subset("rename:2");
    let out = tmp.path().join("out");
    let mixed = files_without_hidden(&out);
    // among the files the two selections write differently, at most two are the new run's
    // (two renames, some of them may have been of files both write alike); the rest are old
    let differing: Vec<&String> = new.keys().filter(|p| old.get(*p) != new.get(*p)).collect();
    let renamed = differing
        .iter()
        .filter(|p| mixed.get(**p) == new.get(**p))
        .count();
    let still_old = differing
        .iter()
        .filter(|p| mixed.get(**p) == old.get(**p))
        .count();
    assert!(renamed <= 2, "{renamed} files were renamed before the kill");
    assert!(
        still_old > 0,
        "the set is mixed: some files are still the old run's"
    );
    assert!(hidden(&out).contains(&".alliance-commit".to_owned()));

    // the next run writes only the JSON, yet every file of the killed run is in place after it
    assert_code(&run(&mut export(&out, &["--format", "json"])), 0);
    assert_eq!(files(&out), new, "the interrupted set was completed");
}

#[test]
fn briefs_killed_before_their_commit_into_a_new_folder_leave_nothing_after_the_next_run() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("briefs");
    let killed = run(brief(&out).env("ALLIANCE_TEST_ABORT", "staged"));
    assert!(was_killed(&killed), "{}", text(&killed.stderr));
    assert!(!out.exists(), "nothing appears under the real name");
    let left = hidden(tmp.path());
    assert!(
        left.len() == 1 && left[0].starts_with(".briefs.alliance-staging-"),
        "{left:?}"
    );

    assert_code(&run(&mut brief(&out)), 0);
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
    assert!(out.join("index.html").is_file());
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[test]
fn an_output_folder_inside_the_dataset_is_refused_and_the_dataset_still_loads() {
    let data = copy_of_data();
    let inside = data.path().join("conferences/alliance-17/sessions");
    for (tool, mut cmd) in [
        ("alliance-export", bin("alliance-export")),
        ("alliance-brief", bin("alliance-brief")),
    ] {
        let out = run(cmd.arg(data.path()).arg("--out").arg(&inside));
        assert_code(&out, 2);
        assert!(
            text(&out.stderr).contains("is inside the dataset"),
            "{tool}: {}",
            text(&out.stderr)
        );
        // and the other way round: the dataset inside the output folder
        let out = run(bin(tool).arg(data.path()).arg("--out").arg(data.path()));
        assert_code(&out, 2);
    }
    let lint = run(bin("alliance-lint").arg(data.path()).arg("--deny-warnings"));
    assert_code(&lint, 0);
}

#[test]
fn a_closed_stderr_never_makes_export_or_brief_panic() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let missing = tmp.path().join("missing");
    for tool in ["alliance-export", "alliance-brief"] {
        // an error message (a missing dataset), then a warning-only run
        let out = bin(tool)
            .arg(&missing)
            .arg("--out")
            .arg(tmp.path().join("out"))
            .stderr(closed_pipe())
            .output()
            .expect("runs");
        assert_code(&out, 2);
    }
    // a run whose only output is a warning on stderr exits 0 when nobody reads it
    let out = export(
        &tmp.path().join("x"),
        &[
            "--theme",
            "child-protection-systems",
            "--pillar",
            "prosecution",
        ],
    )
    .stderr(closed_pipe())
    .output()
    .expect("runs");
    assert_code(&out, 0);
}

#[cfg(unix)]
#[test]
fn a_full_stderr_is_exit_2_not_a_panic() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    for tool in ["alliance-export", "alliance-brief"] {
        let out = bin(tool)
            .arg(tmp.path().join("missing"))
            .arg("--out")
            .arg(tmp.path().join("out"))
            .stderr(full())
            .output()
            .expect("runs");
        assert_code(&out, 2);
    }
}

/// `files(dir)` without the hidden staging folder and journal.
fn files_without_hidden(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .filter(|(path, _)| {
            !PathBuf::from(path)
                .iter()
                .any(|c| c.to_string_lossy().starts_with('.'))
        })
        .collect()
}
