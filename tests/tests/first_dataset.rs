//! README's way to a first dataset, end to end: `alliance-import --init new-data`, then the
//! import of a report into it, then lint and export of the draft.

use std::path::Path;
use std::process::{Command, Output};

use alliance_tests::{assert_code, bin, data_dir, text};

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("runs")
}

fn init(dir: &Path) -> Output {
    run(bin("alliance-import")
        .arg("--init")
        .arg(dir)
        .env("SOURCE_DATE_EPOCH", "1796688000"))
}

#[test]
fn a_first_dataset_from_an_empty_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("new-data");
    let made = init(&data);
    assert_code(&made, 0);
    assert!(
        text(&made.stderr).contains("made an empty dataset"),
        "{}",
        text(&made.stderr)
    );
    let dataset = std::fs::read_to_string(data.join("dataset.toml")).expect("dataset.toml");
    assert!(
        dataset.contains("version = \"0.1.0\"\ndate = \"2026-12-08\"\n"),
        "{dataset}"
    );
    // the empty dataset loads without an error (its themes are unused: warnings)
    let linted = run(bin("alliance-lint").arg(&data));
    assert_code(&linted, 0);
    assert!(
        text(&linted.stdout).contains("\n0 errors, 13 warnings"),
        "{}",
        text(&linted.stdout)
    );
    // README's import, of the 17th report
    let report = data_dir().join("conferences/alliance-17/report.md");
    let imported = run(bin("alliance-import")
        .arg(&report)
        .args(["--conference", "alliance-17", "--data"])
        .arg(&data));
    assert_code(&imported, 0);
    assert!(
        text(&imported.stderr)
            .contains("drafted alliance-17 from report.md: 8 sessions, 59 recommendations"),
        "{}",
        text(&imported.stderr)
    );
    // what lint asks for is what a person decides (themes, pillars, organization kinds) and
    // what the report leaves out (a rapporteur, a position), as `import.rs` checks in detail
    let linted = run(bin("alliance-lint").arg(&data).args(["--format", "json"]));
    assert_code(&linted, 1);
    let findings: serde_json::Value = serde_json::from_slice(&linted.stdout).expect("JSON");
    let codes: std::collections::BTreeSet<&str> = findings
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(
        codes.iter().all(|c| [
            "AL017", "AL019", "AL020", "AL021", "AL022", "AL023", "AL026"
        ]
        .contains(c)),
        "{codes:?}"
    );
    // as a person reads it: one worklist for the 59 recommendations, every finding with
    // --verbose
    let human = run(bin("alliance-lint").arg(&data));
    assert_code(&human, 1);
    let stdout = text(&human.stdout);
    assert!(
        stdout.starts_with("error[AL020/AL021]: 59 recommendations still need their classification: 59 without a theme, 59 without a pillar\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("error[AL020]"), "{stdout}");
    assert!(
        stdout.contains("\n118 errors, "),
        "the counts keep every finding: {stdout}"
    );
    let verbose = run(bin("alliance-lint").arg(&data).arg("--verbose"));
    assert_eq!(text(&verbose.stdout).matches("error[AL020]").count(), 59);
    let out = tmp.path().join("out");
    let exported = run(bin("alliance-export").arg(&data).arg("--out").arg(&out));
    assert_code(&exported, 0);
    assert!(out.join("alliance.json").is_file());
}

#[test]
fn init_is_reproducible_and_refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    assert_code(&init(&one), 0);
    assert_code(&init(&two), 0);
    for name in [
        "dataset.toml",
        "vocabularies/themes.toml",
        "registry/people.toml",
    ] {
        assert_eq!(
            std::fs::read(one.join(name)).expect("one"),
            std::fs::read(two.join(name)).expect("two"),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read(one.join("vocabularies/themes.toml")).expect("themes"),
        std::fs::read(data_dir().join("vocabularies/themes.toml")).expect("the toolkit's")
    );
    let again = init(&one);
    assert_code(&again, 2);
    assert!(
        text(&again.stderr).contains("is not empty"),
        "{}",
        text(&again.stderr)
    );
    let both = run(bin("alliance-import")
        .args(["--init", "x", "--conference", "y"])
        .current_dir(tmp.path()));
    assert_code(&both, 2);
    assert!(!tmp.path().join("x").exists());
}
