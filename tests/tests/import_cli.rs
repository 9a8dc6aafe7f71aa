//! alliance-import's command line end to end: an existing conference refused unless forced,
//! every error path, a PDF it cannot read, `--help` and `--version`, a registry with errors,
//! a dry run into a closed pipe, and session ids that never clash.

use std::path::Path;

use alliance_tests::{assert_code, bin, data_dir, empty_dataset, scrub, text};

mod common {
    pub(crate) mod import;
}
use common::import::{available, fixture, import, load, real_report};

#[test]
fn an_existing_conference_is_refused_unless_forced() {
    let tmp = empty_dataset();
    assert_code(
        &import(&fixture("forum-1.md"), "fictional-1", tmp.path(), &[]),
        0,
    );
    let again = import(&fixture("forum-1.md"), "fictional-1", tmp.path(), &[]);
    assert_code(&again, 2);
    insta::assert_snapshot!(scrub(&text(&again.stderr), tmp.path()), @"alliance-import: error: the conference `fictional-1` exists already (`data/conferences/fictional-1`): pass --force to replace it");
    let stale = tmp
        .path()
        .join("conferences/fictional-1/sessions/09-stale.toml");
    std::fs::write(&stale, "id = \"stale\"\n").expect("write");
    let people = std::fs::read(tmp.path().join("registry/people.toml")).expect("people");
    let forced = import(
        &fixture("forum-1.md"),
        "fictional-1",
        tmp.path(),
        &["--force"],
    );
    assert_code(&forced, 0);
    assert!(
        !stale.exists(),
        "the replaced conference's stale session is removed"
    );
    // the people the first run added are reused, not added twice
    let after = std::fs::read(tmp.path().join("registry/people.toml")).expect("people");
    assert_eq!(text(&after), text(&people));
    load(tmp.path());
    assert!(
        text(&forced.stderr).contains("people: 0 new, 9 reused"),
        "{}",
        text(&forced.stderr)
    );
}

#[test]
fn error_paths() {
    let tmp = empty_dataset();
    let missing = import(Path::new("no/such/report.md"), "x-1", tmp.path(), &[]);
    assert_code(&missing, 2);
    assert!(
        text(&missing.stderr)
            .starts_with("alliance-import: error: cannot read the report `no/such/report.md`"),
        "{}",
        text(&missing.stderr)
    );
    let bad_id = import(&real_report(), "Alliance_17", tmp.path(), &[]);
    assert_code(&bad_id, 2);
    insta::assert_snapshot!(text(&bad_id.stderr), @"alliance-import: error: `Alliance_17` is not a conference id: use lowercase letters and digits in words joined by hyphens, e.g. alliance-18");
    let binary = tmp.path().join("binary.md");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).expect("write");
    let not_text = import(&binary, "x-1", tmp.path(), &[]);
    assert_code(&not_text, 2);
    assert!(text(&not_text.stderr).contains("is neither UTF-8 text nor a PDF"));
    let no_dataset = import(&real_report(), "x-1", &tmp.path().join("nowhere"), &[]);
    assert_code(&no_dataset, 2);
    // nothing was written by any of them
    let conferences = std::fs::read_dir(tmp.path().join("conferences")).expect("read");
    assert_eq!(conferences.count(), 0);
}

#[test]
fn a_pdf_without_pdftotext_names_the_package() {
    let tmp = empty_dataset();
    let pdf = tmp.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%not really a PDF\n").expect("write");
    let out = bin("alliance-import")
        .arg(&pdf)
        .args(["--conference", "x-1", "--data"])
        .arg(tmp.path())
        .env("PATH", tmp.path().join("empty-path"))
        .output()
        .expect("alliance-import runs");
    assert_code(&out, 2);
    let stderr = scrub(&text(&out.stderr), tmp.path());
    insta::assert_snapshot!(stderr, @"alliance-import: error: cannot read the PDF `data/report.pdf`: pdftotext is not installed (install poppler-utils, e.g. `apt-get install poppler-utils`), or pass the report's text");
}

#[test]
fn an_unreadable_pdf_is_refused() {
    if !available("pdftotext", "-v") {
        return;
    }
    let tmp = empty_dataset();
    let pdf = tmp.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%not really a PDF\n").expect("write");
    let out = import(&pdf, "x-1", tmp.path(), &[]);
    assert_code(&out, 2);
    let stderr = scrub(&text(&out.stderr), tmp.path());
    assert!(
        stderr.starts_with(
            "alliance-import: error: cannot read the PDF `data/report.pdf`: pdftotext failed"
        ),
        "{stderr}"
    );
}

#[test]
fn help_version_and_usage_errors() {
    let help = bin("alliance-import").arg("--help").output().expect("runs");
    assert_code(&help, 0);
    let usage = text(&help.stdout);
    assert!(
        usage.contains(
            "Usage: alliance-import [OPTIONS] --conference <ID> <REPORT>\n       alliance-import --init <DIR>\n"
        ),
        "{usage}"
    );
    let version = bin("alliance-import")
        .arg("--version")
        .output()
        .expect("runs");
    assert_code(&version, 0);
    assert_eq!(
        text(&version.stdout),
        format!("alliance-import {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_code(
        &bin("alliance-import")
            .arg("--no-such-flag")
            .output()
            .expect("runs"),
        2,
    );
    let no_id = bin("alliance-import")
        .arg(real_report())
        .output()
        .expect("runs");
    assert_code(&no_id, 2);
    // a folder inside a dataset is refused, naming the dataset to pass
    let inside = import(&real_report(), "x-1", &data_dir().join("registry"), &[]);
    assert_code(&inside, 2);
    assert!(
        text(&inside.stderr).contains("is inside the dataset"),
        "{}",
        text(&inside.stderr)
    );
}

#[test]
fn a_registry_with_errors_stops_the_import_with_exit_1() {
    let tmp = empty_dataset();
    std::fs::write(
        tmp.path().join("registry/people.toml"),
        "#:schema ../schemas/people.schema.json\n\n[[person]]\nid = 3\n",
    )
    .expect("write");
    let out = import(&fixture("forum-1.md"), "fictional-1", tmp.path(), &[]);
    assert_code(&out, 1);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[AL002]"), "{stderr}");
    assert!(
        stderr.contains("fix them first (nothing was written)"),
        "{stderr}"
    );
    assert!(!tmp.path().join("conferences/fictional-1").exists());
}

#[test]
fn a_dry_run_into_a_closed_pipe_is_not_an_error() {
    let tmp = empty_dataset();
    let out = bin("alliance-import")
        .arg(fixture("forum-1.md"))
        .args([
            "--conference",
            "fictional-1",
            "--dry-run",
            "--quiet",
            "--data",
        ])
        .arg(tmp.path())
        .stdout(alliance_tests::closed_pipe())
        .output()
        .expect("runs");
    assert_code(&out, 0);
    assert!(!tmp.path().join("conferences/fictional-1").exists());
}

#[test]
fn session_ids_never_clash_with_another_conference_or_each_other() {
    // `anti-17` gives the prefix `a17`, as `alliance-17` does; the draft's sessions must not
    // take the 17th's ids (the loader would refuse duplicates), and two "Opening ..." or
    // "Panel 1" headings of one report must not share one
    let data = alliance_tests::copy_of_data();
    let out = import(&real_report(), "anti-17", data.path(), &[]);
    assert_code(&out, 0);
    let loaded = load(data.path());
    let ids: Vec<&str> = loaded
        .dataset
        .sessions
        .iter()
        .filter(|s| s.conference == "anti-17")
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids.len(), 8);
    assert!(ids.iter().all(|id| id.starts_with("a17-")), "{ids:?}");
    assert!(
        ids.iter().all(|id| id.ends_with("-2")),
        "every id of the 17th is taken: {ids:?}"
    );
    // the fictional forum's report with a second "Panel 1" heading
    let report = tempfile::tempdir().expect("temp dir");
    let twice = report.path().join("twice.md");
    let mut text = std::fs::read_to_string(fixture("forum-1.md")).expect("fixture");
    text.push_str(
        "\nPanel 1: Fixtures and their uses, again\n\nThis panel was moderated by **Jo Extra**, Head of Unit, Example Office.\n\nThe panellists agreed upon the following recommendations:\n\n- *Fixtures should be repeated only on purpose.*\n",
    );
    std::fs::write(&twice, text).expect("write");
    let tmp = empty_dataset();
    let out = import(&twice, "fictional-3", tmp.path(), &[]);
    assert_code(&out, 0);
    let loaded = load(tmp.path());
    let panels: Vec<&str> = loaded
        .dataset
        .sessions
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| id.contains("panel-1"))
        .collect();
    assert_eq!(panels, ["f3-panel-1", "f3-panel-1-2"]);
}
