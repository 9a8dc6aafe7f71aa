//! The binaries end to end: the contract's exit codes, help and version, output formats, lint
//! writing to a reader that went away or to a full stream, and what export writes.

use alliance_tests::{assert_code, bin, closed_pipe, copy_of_data, data_dir, mutate, text};

const PANEL_1: &str = "conferences/alliance-17/sessions/02-panel-1.toml";

#[test]
fn lint_is_clean_on_the_real_dataset() {
    let out = bin("alliance-lint")
        .arg(data_dir())
        .arg("--deny-warnings")
        .output()
        .expect("runs");
    assert_code(&out, 0);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("0 errors, 0 warnings (23 files, "),
        "{stdout}"
    );
}

#[test]
fn lint_reports_findings_with_exit_1_in_every_format() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        PANEL_1,
        "person = \"sarah-elliott\"",
        "person = \"sarah-eliott\"",
    );

    let human = bin("alliance-lint").arg(tmp.path()).output().expect("runs");
    assert_code(&human, 1);
    let stdout = text(&human.stdout);
    assert!(
        stdout.starts_with("error[AL006]: unknown person `sarah-eliott`"),
        "{stdout}"
    );
    assert!(stdout.contains("02-panel-1.toml:26:10"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "no colour when piped");

    let json = bin("alliance-lint")
        .arg(tmp.path())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_code(&json, 1);
    let findings: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON array");
    let finding = &findings.as_array().expect("array")[0];
    assert_eq!(finding["code"], "AL006");
    assert_eq!(finding["name"], "dangling-reference");
    assert_eq!(finding["severity"], "error");
    assert!(
        finding["file"]
            .as_str()
            .expect("file")
            .ends_with("02-panel-1.toml")
    );
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(26), Some(10))
    );
    assert_eq!(
        (finding["end_line"].as_u64(), finding["end_column"].as_u64()),
        (Some(26), Some(24))
    );

    let github = bin("alliance-lint")
        .arg(tmp.path())
        .args(["--format", "github"])
        .output()
        .expect("runs");
    assert_code(&github, 1);
    let line = text(&github.stdout);
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains(",line=26,endLine=26,col=10,endColumn=24,title=AL006 dangling-reference::unknown person `sarah-eliott`"), "{line}");
}

#[test]
fn every_binary_exits_2_when_it_cannot_run() {
    for name in ["alliance-lint", "alliance-export", "alliance-brief"] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut cmd = bin(name);
        cmd.arg(tmp.path().join("missing"));
        if name != "alliance-lint" {
            cmd.arg("--out").arg(tmp.path().join("out"));
        }
        let out = cmd.output().expect("runs");
        assert_code(&out, 2);
        assert!(
            text(&out.stderr).contains("does not exist"),
            "{name}: {}",
            text(&out.stderr)
        );

        let out = bin(name).arg("--no-such-flag").output().expect("runs");
        assert_code(&out, 2);
    }
}

#[test]
fn every_binary_has_help_and_version() {
    for name in ["alliance-lint", "alliance-export", "alliance-brief"] {
        let help = bin(name).arg("--help").output().expect("runs");
        assert_code(&help, 0);
        assert!(text(&help.stdout).contains("Usage:"), "{name}");
        let version = bin(name).arg("--version").output().expect("runs");
        assert_code(&version, 0);
        assert_eq!(
            text(&version.stdout),
            format!("{name} {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn bad_data_stops_export_and_brief_with_exit_1_and_writes_nothing() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        PANEL_1,
        "role = \"moderator\"",
        "role = \"chair\"",
    );
    for name in ["alliance-export", "alliance-brief"] {
        let out_dir = tmp.path().join(format!("out-{name}"));
        let out = bin(name)
            .arg(tmp.path())
            .arg("--out")
            .arg(&out_dir)
            .output()
            .expect("runs");
        assert_code(&out, 1);
        assert!(
            text(&out.stderr).contains("error[AL006]: unknown role `chair`"),
            "{}",
            text(&out.stderr)
        );
        assert!(!out_dir.exists(), "{name} wrote {}", out_dir.display());
    }
}

#[test]
fn export_json_round_trips_and_is_reproducible() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for dir in [&a, &b] {
        let out = bin("alliance-export")
            .arg(data_dir())
            .arg("--out")
            .arg(dir)
            .output()
            .expect("runs");
        assert_code(&out, 0);
    }
    for name in ["alliance.json", "alliance.schema.json"] {
        let (x, y) = (
            std::fs::read(a.join(name)).expect("read"),
            std::fs::read(b.join(name)).expect("read"),
        );
        assert_eq!(x, y, "{name} differs between runs");
    }
    let json = std::fs::read_to_string(a.join("alliance.json")).expect("read");
    let back: alliance_core::Dataset = serde_json::from_str(&json).expect("the JSON reads back");
    let loaded = alliance_core::load(&data_dir()).expect("loads");
    assert_eq!(back, loaded.dataset);
    // the contract's top-level keys
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    for key in [
        "format_version",
        "conferences",
        "sessions",
        "people",
        "organizations",
        "themes",
        "pillars",
        "instruments",
        "recommendations",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["recommendations"].as_array().map(Vec::len), Some(59));
}

#[test]
fn export_to_an_unwritable_folder_exits_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "").expect("write");
    let out = bin("alliance-export")
        .arg(data_dir())
        .arg("--out")
        .arg(&file)
        .output()
        .expect("runs");
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("cannot create the output folder"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_tool_takes_quiet_and_writes_the_same() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for (tool, out) in [("alliance-export", "export"), ("alliance-brief", "briefs")] {
        for quiet in [false, true] {
            let dir = tmp.path().join(format!("{out}-{quiet}"));
            let mut cmd = bin(tool);
            cmd.arg(data_dir()).arg("--out").arg(&dir);
            if quiet {
                cmd.arg("--quiet");
            }
            let run = cmd.output().expect("runs");
            assert_code(&run, 0);
            let stderr = text(&run.stderr);
            if tool == "alliance-export" && !quiet {
                // the one-line summary, and nothing else (no progress bar when piped)
                assert_eq!(stderr.lines().count(), 1, "{stderr}");
                assert!(
                    stderr.starts_with("alliance-export: wrote 3 formats (")
                        && stderr.ends_with(" — 59 recommendations from 1 conference\n"),
                    "{stderr}"
                );
            } else if tool == "alliance-brief" && !quiet {
                assert!(
                    stderr.starts_with("alliance-brief: wrote 13 briefs and 2 index pages to ")
                        && stderr.ends_with(" — 13 themes of 1 conference\n"),
                    "{stderr}"
                );
            } else {
                assert_eq!(stderr, "", "{tool}: nothing on stderr when piped");
            }
        }
        let a = tmp.path().join(format!("{out}-false"));
        let b = tmp.path().join(format!("{out}-true"));
        let names = |d: &std::path::Path| {
            let mut n: Vec<_> = std::fs::read_dir(d)
                .expect("dir")
                .map(|e| e.expect("entry").file_name())
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(&a), names(&b), "{tool}");
    }
    let lint = bin("alliance-lint")
        .arg(data_dir())
        .arg("-q")
        .output()
        .expect("runs");
    assert_code(&lint, 0);
}

/// A copy of the real dataset with one dangling reference: lint exits 1 on it.
fn data_with_an_error() -> tempfile::TempDir {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        PANEL_1,
        "person = \"sarah-elliott\"",
        "person = \"sarah-eliott\"",
    );
    tmp
}

#[test]
fn lint_whose_reader_went_away_still_exits_with_the_findings_code() {
    use std::process::Stdio;
    let tmp = data_with_an_error();

    // `alliance-lint data | head -0`: stdout is closed before lint writes its findings
    let out = bin("alliance-lint")
        .arg(tmp.path())
        .stdout(closed_pipe())
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_code(&out, 1);
    assert_eq!(text(&out.stderr), "", "a closed stdout is not an error");

    // stderr closed: lint prints everything on stdout and exits 1
    let out = bin("alliance-lint")
        .arg(tmp.path())
        .stderr(closed_pipe())
        .output()
        .expect("runs");
    assert_code(&out, 1);
    assert!(
        text(&out.stdout).starts_with("error[AL006]: unknown person `sarah-eliott`"),
        "{}",
        text(&out.stdout)
    );

    // an error message for a closed stderr: still exit 2, no panic (which would be 101)
    let out = bin("alliance-lint")
        .arg(tmp.path().join("missing"))
        .stderr(closed_pipe())
        .output()
        .expect("runs");
    assert_code(&out, 2);
}

#[cfg(unix)]
#[test]
fn lint_into_a_full_stream_exits_2() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full")
    };
    let tmp = data_with_an_error();
    for format in ["human", "json", "sarif"] {
        let out = bin("alliance-lint")
            .arg(tmp.path())
            .args(["--format", format])
            .stdout(full())
            .output()
            .expect("runs");
        assert_code(&out, 2);
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("alliance-lint: error: cannot write to standard output"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let out = bin("alliance-lint")
        .args(["--explain", "AL016"])
        .stdout(full())
        .output()
        .expect("runs");
    assert_code(&out, 2);

    // lint writes nothing on stderr but its error: findings keep exit 1, an error exit 2
    let out = bin("alliance-lint")
        .arg(tmp.path())
        .stderr(full())
        .output()
        .expect("runs");
    assert_code(&out, 1);
    let out = bin("alliance-lint")
        .arg(tmp.path().join("missing"))
        .stderr(full())
        .output()
        .expect("runs");
    assert_code(&out, 2);
}

/// A path inside the dataset, a file, or a folder that is no dataset: every tool says which
/// folder to pass, with exit 2, before loading anything.
#[test]
fn every_tool_names_the_dataset_folder_to_pass() {
    let root = data_dir();
    let workspace = root.parent().expect("data has a parent");
    let outside = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "data/conferences/alliance-17",
            "`data/conferences/alliance-17` is inside the dataset `data`; pass `data`",
        ),
        (
            "data/registry/people.toml",
            "`data/registry/people.toml` is inside the dataset `data`; pass `data`",
        ),
    ];
    for name in ["alliance-lint", "alliance-export", "alliance-brief"] {
        for (arg, message) in cases {
            let mut command = bin(name);
            command.current_dir(workspace).arg(arg);
            if name != "alliance-lint" {
                command.arg("--out").arg(outside.path().join("out"));
            }
            let out = command.output().expect("runs");
            assert_code(&out, 2);
            let stderr = text(&out.stderr);
            assert!(stderr.contains(message), "{name} {arg}: {stderr}");
            assert!(!stderr.contains("AL009"), "{name} {arg}: {stderr}");
        }
    }
    let out = bin("alliance-lint")
        .arg(outside.path())
        .output()
        .expect("runs");
    assert_code(&out, 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("is not a dataset folder (it has no `dataset.toml` and no `registry/`); pass the dataset folder, the one that holds `dataset.toml`"),
        "{stderr}"
    );
}
