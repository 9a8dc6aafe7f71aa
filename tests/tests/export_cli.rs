//! alliance-export end to end: what it writes for each `--format`, byte-identical output
//! across runs, atomic writes (a failed run leaves the previous outputs), every filter
//! (a consistent subset with no dangling keys), unknown filter ids, and formula
//! neutralization in the CSV files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Output;

use alliance_core::Dataset;
use alliance_tests::{assert_code, bin, copy_of_data, data_dir, mutate, text};

fn export(data: &Path, out: &Path, args: &[&str]) -> Output {
    bin("alliance-export")
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("runs")
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path: PathBuf = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(name, std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn read_dataset_of(data: &Path) -> Dataset {
    alliance_core::load(data).expect("loads").dataset
}

fn read_dataset(out: &Path) -> Dataset {
    let json = std::fs::read_to_string(out.join("alliance.json")).expect("alliance.json");
    serde_json::from_str(&json).expect("alliance.json reads back")
}

/// Every reference of the subset resolves within it.
fn assert_no_dangling_keys(ds: &Dataset) {
    let ids = |v: Vec<&String>| -> HashSet<String> { v.into_iter().cloned().collect() };
    let conferences = ids(ds.conferences.iter().map(|c| &c.id).collect());
    let sessions = ids(ds.sessions.iter().map(|s| &s.id).collect());
    let people = ids(ds.people.iter().map(|p| &p.id).collect());
    let organizations = ids(ds.organizations.iter().map(|o| &o.id).collect());
    let instruments = ids(ds.instruments.iter().map(|i| &i.id).collect());
    let check = |set: &HashSet<String>, id: &String, what: &str| {
        assert!(set.contains(id), "dangling {what} `{id}`");
    };
    for r in &ds.recommendations {
        check(&conferences, &r.conference, "conference");
        check(&sessions, &r.session, "session");
        for i in &r.instruments {
            check(&instruments, i, "instrument");
        }
    }
    for s in &ds.sessions {
        check(&conferences, &s.conference, "conference");
        for o in s.co_organizers.iter().chain(&s.contributors) {
            check(&organizations, o, "organization");
        }
        for i in &s.instruments {
            check(&instruments, i, "instrument");
        }
        for p in &s.participants {
            check(&people, &p.person, "person");
        }
    }
    for c in &ds.conferences {
        if let Some(o) = &c.organizer {
            check(&organizations, o, "organization");
        }
        for i in &c.in_line_with {
            check(&instruments, i, "instrument");
        }
        for f in &c.figures {
            if let Some(s) = &f.session {
                check(&sessions, s, "session");
            }
        }
    }
    for p in &ds.people {
        for a in &p.affiliations {
            check(&conferences, &a.conference, "conference");
            if let Some(o) = &a.organization {
                check(&organizations, o, "organization");
            }
        }
    }
    for o in &ds.organizations {
        if let Some(parent) = &o.parent {
            check(&organizations, parent, "organization");
        }
    }
    for i in &ds.instruments {
        if let Some(o) = &i.issuer {
            check(&organizations, o, "organization");
        }
    }
}

#[test]
fn writes_every_format_by_default_and_only_the_formats_asked_for() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let all = tmp.path().join("all");
    assert_code(&export(&data_dir(), &all, &[]), 0);
    let names: Vec<String> = files(&all).into_keys().collect();
    for name in [
        "alliance.json",
        "alliance.schema.json",
        "alliance.xlsx",
        "csv/datapackage.json",
        "csv/recommendations.csv",
        "csv/sessions.csv",
        "csv/conferences.csv",
        "csv/figures.csv",
        "csv/people.csv",
        "csv/organizations.csv",
        "csv/recommendation_themes.csv",
        "csv/recommendation_pillars.csv",
        "csv/recommendation_addressees.csv",
        "csv/recommendation_instruments.csv",
        "csv/session_co_organizers.csv",
        "csv/participation.csv",
        "csv/affiliations.csv",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} missing: {names:?}");
    }
    assert!(
        names.iter().all(|n| !n.contains(".tmp")),
        "a temporary file is left: {names:?}"
    );
    assert!(
        files(&all)["alliance.xlsx"].starts_with(b"PK\x03\x04"),
        "the workbook is a zip file"
    );

    let json_only = tmp.path().join("json");
    assert_code(&export(&data_dir(), &json_only, &["--format", "json"]), 0);
    let names: Vec<String> = files(&json_only).into_keys().collect();
    assert_eq!(names, ["alliance.json", "alliance.schema.json"]);

    let two = tmp.path().join("two");
    assert_code(&export(&data_dir(), &two, &["--format", "xlsx,csv"]), 0);
    let names: Vec<String> = files(&two).into_keys().collect();
    assert!(names.contains(&"alliance.xlsx".to_owned()));
    assert!(names.contains(&"csv/datapackage.json".to_owned()));
    assert!(!names.contains(&"alliance.json".to_owned()));

    let out = export(&data_dir(), &tmp.path().join("bad"), &["--format", "pdf"]);
    assert_code(&out, 2);
}

#[test]
fn two_runs_write_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_code(&export(&data_dir(), &a, &[]), 0);
    assert_code(&export(&data_dir(), &b, &[]), 0);
    let (a, b) = (files(&a), files(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between runs");
    }
}

#[test]
fn a_failed_run_leaves_the_previous_outputs_intact() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    // a first run: a subset
    assert_code(
        &export(&data_dir(), &out, &["--theme", "trust-and-rapport"]),
        0,
    );
    let before = files(&out);
    // the second run cannot write its workbook: a folder is in the way
    std::fs::remove_file(out.join("alliance.xlsx")).expect("remove");
    std::fs::create_dir(out.join("alliance.xlsx")).expect("mkdir");
    let failed = export(&data_dir(), &out, &[]);
    assert_code(&failed, 2);
    assert!(
        text(&failed.stderr).contains("alliance.xlsx"),
        "{}",
        text(&failed.stderr)
    );
    let after = files(&out);
    let mut expected = before;
    expected.remove("alliance.xlsx");
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "no file is added, and no temporary file is left"
    );
    for (name, bytes) in &expected {
        assert!(
            bytes == &after[name],
            "{name} was changed by the failed run"
        );
    }
    let expected = read_dataset_of(&data_dir())
        .recommendations
        .iter()
        .filter(|r| r.themes.iter().any(|t| t == "trust-and-rapport"))
        .count();
    assert_eq!(read_dataset(&out).recommendations.len(), expected);
}

/// A paraphrased quotation and a report bullet no recommendation holds: export refuses with
/// lint's diagnostics (exit 1) and writes nothing, not even into an existing output folder.
#[test]
fn refuses_a_paraphrase_and_a_dropped_bullet_writing_nothing() {
    alliance_tests::assert_refuses_unfaithful_data("alliance-export");
}

/// Whether a filter selects a recommendation.
type Selected = dyn Fn(&alliance_core::model::Recommendation) -> bool;

#[test]
fn each_filter_exports_a_consistent_subset() {
    let full = alliance_core::load(&data_dir()).expect("loads").dataset;
    let tmp = tempfile::tempdir().expect("temp dir");
    let cases: [(&[&str], &Selected); 5] = [
        (&["--conference", "alliance-17"], &|_| true),
        (&["--session", "a17-thematic-2"], &|r| {
            r.session == "a17-thematic-2"
        }),
        (&["--theme", "trust-and-rapport,data-and-evidence"], &|r| {
            r.themes
                .iter()
                .any(|t| t == "trust-and-rapport" || t == "data-and-evidence")
        }),
        (&["--pillar", "prosecution"], &|r| {
            r.pillars.iter().any(|p| p == "prosecution")
        }),
        (
            &["--pillar", "prevention", "--theme", "emerging-trends"],
            &|r| {
                r.pillars.iter().any(|p| p == "prevention")
                    && r.themes.iter().any(|t| t == "emerging-trends")
            },
        ),
    ];
    for (i, (args, selected)) in cases.iter().enumerate() {
        let out = tmp.path().join(format!("case-{i}"));
        assert_code(&export(&data_dir(), &out, args), 0);
        let subset = read_dataset(&out);
        let want: Vec<&str> = full
            .recommendations
            .iter()
            .filter(|r| selected(r))
            .map(|r| r.id.as_str())
            .collect();
        let got: Vec<&str> = subset
            .recommendations
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(got, want, "{args:?}");
        assert!(!got.is_empty(), "{args:?} selects something");
        assert_no_dangling_keys(&subset);
        // every session of a selected recommendation is there, and (filtering by
        // recommendation) no other
        let sessions: HashSet<&str> = subset.sessions.iter().map(|s| s.id.as_str()).collect();
        let needed: HashSet<&str> = subset
            .recommendations
            .iter()
            .map(|r| r.session.as_str())
            .collect();
        assert!(needed.is_subset(&sessions), "{args:?}");
        if args.contains(&"--theme") || args.contains(&"--pillar") {
            assert_eq!(needed, sessions, "{args:?}");
        }
        // the CSV package holds the same subset
        let csv = std::fs::read_to_string(out.join("csv/recommendations.csv")).expect("csv");
        for id in &want {
            assert!(csv.contains(&format!("\n{id},")), "{args:?}: {id}");
        }
        assert!(out.join("alliance.xlsx").is_file());
    }
    // a conference filter alone keeps every session, even one without recommendations
    let out = tmp.path().join("case-0");
    assert_eq!(read_dataset(&out).sessions.len(), full.sessions.len());
}

#[test]
fn unknown_filter_ids_exit_2_listing_the_known_ones_and_write_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for (args, expected) in [
        (
            ["--theme", "trust-and-raport"],
            "--theme: unknown theme `trust-and-raport` (did you mean `trust-and-rapport`?); known themes: child-protection-systems, ",
        ),
        (
            ["--pillar", "protect"],
            "--pillar: unknown pillar `protect` (did you mean `protection`?); known pillars: prevention, protection, prosecution, partnership",
        ),
        (
            ["--session", "a17-panel-9"],
            "--session: unknown session `a17-panel-9` (did you mean `a17-panel-1`?); known sessions: a17-opening, a17-panel-1, ",
        ),
        (
            ["--conference", "alliance-18"],
            "--conference: unknown conference `alliance-18` (did you mean `alliance-17`?); known conferences: alliance-17",
        ),
    ] {
        let out_dir = tmp.path().join("out");
        let out = export(&data_dir(), &out_dir, &args);
        assert_code(&out, 2);
        let stderr = text(&out.stderr);
        assert!(
            stderr.starts_with("alliance-export: error: ") && stderr.contains(expected),
            "{stderr}"
        );
        assert!(!out_dir.exists(), "{args:?} wrote {}", out_dir.display());
    }
}

#[test]
fn formula_like_text_is_neutralized_in_csv_unless_raw() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        "vocabularies/themes.toml",
        "name = \"Child protection systems\"",
        "name = \"=HYPERLINK(\\\"http://example.invalid\\\",\\\"Child protection systems\\\")\"",
    );
    mutate(
        tmp.path(),
        "registry/organizations.toml",
        "abbreviation = \"OSCE\"",
        "abbreviation = \"@OSCE\"",
    );
    // the outputs go outside the dataset: alliance-export refuses a folder inside it
    let out = tempfile::tempdir().expect("temp dir");
    let safe = out.path().join("safe");
    assert_code(&export(tmp.path(), &safe, &["--format", "csv"]), 0);
    let themes = std::fs::read_to_string(safe.join("csv/themes.csv")).expect("themes.csv");
    assert!(
        themes.contains(
            "\r\nchild-protection-systems,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Child protection systems\"\")\","
        ),
        "{themes}"
    );
    let organizations =
        std::fs::read_to_string(safe.join("csv/organizations.csv")).expect("organizations.csv");
    assert!(
        organizations
            .contains("\r\nosce,Organization for Security and Co-operation in Europe,'@OSCE,"),
        "{organizations}"
    );
    // numbers are never prefixed
    let first = &read_dataset_of(tmp.path()).recommendations[0];
    let recommendations =
        std::fs::read_to_string(safe.join("csv/recommendations.csv")).expect("csv");
    assert!(
        recommendations.contains(&format!(
            ",{},{}\r\n",
            first.source.bullet, first.source.line
        )),
        "{recommendations}"
    );

    let raw = out.path().join("raw");
    assert_code(
        &export(tmp.path(), &raw, &["--format", "csv", "--raw-csv"]),
        0,
    );
    let themes = std::fs::read_to_string(raw.join("csv/themes.csv")).expect("themes.csv");
    assert!(
        themes.contains("\r\nchild-protection-systems,\"=HYPERLINK("),
        "{themes}"
    );
}

/// Whether `program` runs here; under `CI=true` it must (`.ci/run` installs it).
fn runs(program: &str, args: &[&str]) -> bool {
    let ok = std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var("CI").as_deref() != Ok("true"),
        "`{program}` is needed for this test under CI=true"
    );
    ok
}

#[test]
fn two_conferences_are_in_the_json_the_csv_package_and_the_workbook() {
    // the fictional fixture: the real 17th conference and a made-up 98th
    let fixture = alliance_tests::workspace_root().join("tests/fixtures/two-conferences");
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let run = export(&fixture, &out, &[]);
    assert_code(&run, 0);
    assert!(
        text(&run.stderr).ends_with(" — 64 recommendations from 2 conferences\n"),
        "{}",
        text(&run.stderr)
    );

    let ds = read_dataset(&out);
    let per_conference: Vec<String> = ds
        .conferences
        .iter()
        .map(|c| {
            let sessions = ds.sessions.iter().filter(|s| s.conference == c.id).count();
            let recs = ds
                .recommendations
                .iter()
                .filter(|r| r.conference == c.id)
                .count();
            format!(
                "{} {} ({}): {sessions} sessions, {recs} recommendations",
                c.id, c.title, c.start_date
            )
        })
        .collect();
    insta::assert_snapshot!("two_conferences_json", per_conference.join("\n"));
    assert_no_dangling_keys(&ds);

    let conferences = std::fs::read_to_string(out.join("csv/conferences.csv")).expect("csv");
    insta::assert_snapshot!("two_conferences_csv", conferences);
    if runs("frictionless", &["--version"]) {
        let validate = std::process::Command::new("frictionless")
            .args(["validate", "--type", "package"])
            .arg(out.join("csv/datapackage.json"))
            .output()
            .expect("frictionless runs");
        assert_code(&validate, 0);
    }

    let script = "import sys, openpyxl\n\
        wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n\
        for row in wb['Conferences'].iter_rows(values_only=True):\n    \
            print(' | '.join('' if v is None else str(v) for v in row))\n";
    if runs("python3", &["-c", "import openpyxl"]) {
        let read = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(out.join("alliance.xlsx"))
            .output()
            .expect("python3 runs");
        assert_code(&read, 0);
        insta::assert_snapshot!("two_conferences_workbook", text(&read.stdout));
    }
}
