//! alliance-diff end to end, on mutated copies of the real dataset: each kind of change in the
//! three formats (golden snapshots), a dataset against itself (empty), the diff of B and A as
//! the inverse of the diff of A and B, `--check-version`'s semantic-versioning verdicts,
//! `--git REV` in a temporary clone of this repository, and every way it cannot run.
//!
//! The mutations below change temporary copies only; their texts are fictional test edits.
//! What a reviewer needs of the output (issue #27) is tested in `diff/review.rs`.

#[path = "diff/review.rs"]
mod review;

use std::path::Path;
use std::process::{Command, Output};

use alliance_tests::{assert_code, bin, copy_of_data, mutate, scrub, text, workspace_root};
use serde_json::Value;

const PANEL_1: &str = "conferences/alliance-17/sessions/02-panel-1.toml";
const OPENING: &str = "conferences/alliance-17/sessions/01-opening-session.toml";

/// One kind of change, made on a copy of the dataset.
type Mutation = (&'static str, fn(&Path));

/// Each kind of change the issue names, one a mutation.
const MUTATIONS: &[Mutation] = &[
    ("quotation", |d| {
        mutate(
            d,
            PANEL_1,
            "text = \"Child protection systems must be strengthened",
            "text = \"Child protection systems should be strengthened",
        )
    }),
    ("themes", |d| {
        mutate(
            d,
            PANEL_1,
            "themes = [\"child-protection-systems\", \"children-on-the-move\"]",
            "themes = [\"child-protection-systems\", \"trust-and-rapport\"]",
        )
    }),
    ("pillars", |d| {
        mutate(
            d,
            PANEL_1,
            "pillars = [\"prevention\", \"prosecution\"]\nsource = { bullet = 11",
            "pillars = [\"prevention\"]\nsource = { bullet = 11",
        )
    }),
    ("addressees", |d| {
        mutate(
            d,
            PANEL_1,
            "addressees = [\"referral-mechanisms\"]",
            "addressees = [\"authorities\"]",
        )
    }),
    ("removed recommendation", |d| {
        let path = d.join(PANEL_1);
        let text = std::fs::read_to_string(&path).expect("read");
        let at = text
            .find("[[recommendation]]\nid = \"a17-panel-1-r12\"")
            .expect("r12 is there");
        std::fs::write(&path, &text[..at]).expect("write");
    }),
    ("renamed recommendation", |d| {
        mutate(
            d,
            PANEL_1,
            "id = \"a17-panel-1-r10\"",
            "id = \"a17-panel-1-tenth\"",
        )
    }),
    ("added theme", |d| {
        append(
            d,
            "vocabularies/themes.toml",
            "\n[[term]]\nid = \"fictional-test-theme\"\nname = \"Fictional test theme\"\n",
        )
    }),
    ("added person", |d| {
        append(
            d,
            "registry/people.toml",
            "\n[[person]]\nid = \"fictional-test-person\"\nname = \"Fictional Test Person\"\n",
        )
    }),
    ("person", |d| {
        mutate(
            d,
            "registry/people.toml",
            "name = \"Michael Linhart\"",
            "name = \"Michael J. Linhart\"",
        )
    }),
    ("participant role", |d| {
        mutate(
            d,
            OPENING,
            "person = \"michael-czerny\"\nrole = \"keynote\"",
            "person = \"michael-czerny\"\nrole = \"message\"",
        )
    }),
    ("figure", |d| {
        mutate(
            d,
            "conferences/alliance-17/conference.toml",
            "value = 381",
            "value = 380",
        )
    }),
    ("conference", |d| {
        mutate(
            d,
            "conferences/alliance-17/conference.toml",
            "venue = \"Hofburg\"",
            "venue = \"Hofburg Palace\"",
        )
    }),
    ("instrument", |d| {
        mutate(d, "registry/instruments.toml", "year = 2005", "year = 2006")
    }),
    ("session", |d| {
        mutate(
            d,
            PANEL_1,
            "title = \"Human Trafficking Threats for Children in Crisis\"",
            "title = \"Trafficking Threats for Children in Crisis\"",
        )
    }),
];

fn append(root: &Path, file: &str, more: &str) {
    let path = root.join(file);
    let mut text = std::fs::read_to_string(&path).expect("read");
    text.push_str(more);
    std::fs::write(&path, text).expect("write");
}

/// Sets `dataset.toml`'s version and date, whatever they were.
fn set_release(root: &Path, version: &str, date: &str) {
    let path = root.join("dataset.toml");
    let text = std::fs::read_to_string(&path).expect("read dataset.toml");
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("version =") {
                format!("version = \"{version}\"")
            } else if l.starts_with("date =") {
                format!("date = \"{date}\"")
            } else {
                l.to_owned()
            }
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("write dataset.toml");
}

/// A copy of the real data released as 1.0.0 on 2026-01-01 (so that snapshots do not move
/// with the real release).
fn base() -> tempfile::TempDir {
    let dir = copy_of_data();
    set_release(dir.path(), "1.0.0", "2026-01-01");
    dir
}

/// [`base`] with mutations applied.
fn mutated(mutations: &[Mutation]) -> tempfile::TempDir {
    let dir = base();
    for (_, m) in mutations {
        m(dir.path());
    }
    dir
}

fn diff(old: &Path, new: &Path, args: &[&str]) -> Output {
    bin("alliance-diff")
        .arg(old)
        .arg(new)
        .args(args)
        .output()
        .expect("runs")
}

fn json(old: &Path, new: &Path) -> Value {
    let out = diff(old, new, &["--format", "json"]);
    assert_code(&out, 0);
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn a_dataset_against_itself_has_no_changes() {
    let a = base();
    let out = diff(a.path(), a.path(), &["--check-version"]);
    assert_code(&out, 0);
    insta::assert_snapshot!(text(&out.stdout), @r"
    1.0.0 (2026-01-01) → 1.0.0 (2026-01-01)

    no changes
    version check: passed (no bump needed)
    ");
    let doc = json(a.path(), a.path());
    assert_eq!(doc["changes"], Value::Array(vec![]));
    assert_eq!(doc["release"], Value::Array(vec![]));
    let out = diff(a.path(), a.path(), &["--format", "markdown"]);
    assert!(text(&out.stdout).contains("No changes."));
}

#[test]
fn every_kind_of_change_in_every_format() {
    let a = base();
    let b = mutated(MUTATIONS);
    set_release(b.path(), "2.0.0", "2026-02-01");
    mutate(
        b.path(),
        "dataset.toml",
        "title = \"",
        "title = \"Fictional test title: ",
    );
    for (format, name) in [
        ("human", "diff_human"),
        ("markdown", "diff_markdown"),
        ("json", "diff_json"),
    ] {
        let out = diff(a.path(), b.path(), &["--format", format, "--check-version"]);
        assert_code(&out, 0);
        assert!(!out.stdout.contains(&0x1b), "no colour when not a terminal");
        insta::assert_snapshot!(name, text(&out.stdout));
        let again = diff(a.path(), b.path(), &["--format", format, "--check-version"]);
        assert_eq!(out.stdout, again.stdout, "the same bytes on every run");
    }
}

#[test]
fn each_mutation_is_reported_as_its_kind() {
    let a = base();
    let expect: &[(&str, &str, &str, &str)] = &[
        ("quotation", "recommendations", "a17-panel-1-r01", "changed"),
        ("themes", "recommendations", "a17-panel-1-r01", "changed"),
        ("pillars", "recommendations", "a17-panel-1-r11", "changed"),
        (
            "addressees",
            "recommendations",
            "a17-panel-1-r04",
            "changed",
        ),
        (
            "removed recommendation",
            "recommendations",
            "a17-panel-1-r12",
            "removed",
        ),
        (
            "renamed recommendation",
            "recommendations",
            "a17-panel-1-tenth",
            "renamed",
        ),
        (
            "added theme",
            "vocabularies",
            "themes/fictional-test-theme",
            "added",
        ),
        ("added person", "people", "fictional-test-person", "added"),
        ("person", "people", "michael-linhart", "changed"),
        (
            "participant role",
            "participants",
            "a17-opening/michael-czerny",
            "changed",
        ),
        ("figure", "figures", "alliance-17/participants", "changed"),
        ("conference", "conferences", "alliance-17", "changed"),
        ("instrument", "instruments", "osce-pc-dec-685", "changed"),
        ("session", "sessions", "a17-panel-1", "changed"),
    ];
    assert_eq!(expect.len(), MUTATIONS.len());
    for (mutation, (name, entity, id, change)) in MUTATIONS.iter().zip(expect) {
        assert_eq!(mutation.0, *name);
        let b = mutated(&[*mutation]);
        let doc = json(a.path(), b.path());
        let changes = doc["changes"].as_array().expect("changes");
        assert_eq!(changes.len(), 1, "{name}: {changes:#?}");
        let c = &changes[0];
        assert_eq!(
            (&c["entity"], &c["id"], &c["change"]),
            (
                &Value::from(*entity),
                &Value::from(*id),
                &Value::from(*change)
            ),
            "{name}: {c:#}"
        );
    }
}

/// A diff's changes as the diff the other way round would report them, without the word runs
/// (a word diff may align differently backwards; both texts are compared instead) and what a
/// change is (a quotation reworded one way is corrected the other way).
fn inverted(doc: &Value) -> Vec<String> {
    let mut out: Vec<String> = doc["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let kind = c["change"].as_str().expect("change").to_owned();
            match kind.as_str() {
                "added" => c["change"] = "removed".into(),
                "removed" => c["change"] = "added".into(),
                "renamed" => {
                    let (id, old) = (c["id"].clone(), c["old_id"].clone());
                    c["id"] = old;
                    c["old_id"] = id;
                }
                _ => {
                    for f in c["fields"].as_array_mut().expect("fields") {
                        let f = f.as_object_mut().expect("field");
                        for key in ["words", "what", "verbatim"] {
                            f.remove(key);
                        }
                        let (old, new) = (f.remove("old"), f.remove("new"));
                        f.insert("old".into(), new.unwrap_or(Value::Null));
                        f.insert("new".into(), old.unwrap_or(Value::Null));
                        if let (Some(added), Some(removed)) =
                            (f.remove("added"), f.remove("removed"))
                        {
                            f.insert("added".into(), removed);
                            f.insert("removed".into(), added);
                        }
                    }
                }
            }
            c.to_string()
        })
        .collect();
    out.sort();
    out
}

fn without_words(doc: &Value) -> Vec<String> {
    let mut doc = doc.clone();
    for c in doc["changes"].as_array_mut().expect("changes") {
        if let Some(fields) = c.get_mut("fields").and_then(Value::as_array_mut) {
            for f in fields {
                let f = f.as_object_mut().expect("field");
                for key in ["words", "what", "verbatim"] {
                    f.remove(key);
                }
            }
        }
    }
    let mut out: Vec<String> = doc["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            // the same keys in the same order as `inverted` writes them
            let mut c = c.clone();
            if let Some(fields) = c.get_mut("fields").and_then(Value::as_array_mut) {
                for f in fields {
                    let f = f.as_object_mut().expect("field");
                    for key in ["old", "new", "added", "removed"] {
                        if let Some(v) = f.remove(key) {
                            f.insert(key.into(), v);
                        }
                    }
                }
            }
            c.to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_diff_backwards_is_the_inverse() {
    let a = base();
    let mut cases: Vec<Vec<Mutation>> = MUTATIONS.iter().map(|m| vec![*m]).collect();
    cases.push(MUTATIONS.to_vec());
    for case in cases {
        let b = mutated(&case);
        let forward = json(a.path(), b.path());
        let backward = json(b.path(), a.path());
        assert_eq!(
            inverted(&forward),
            without_words(&backward),
            "{:?}",
            case.iter().map(|m| m.0).collect::<Vec<_>>()
        );
        let counts = |doc: &Value, key: &str| -> Vec<Value> {
            doc["summary"]
                .as_array()
                .expect("summary")
                .iter()
                .map(|c| c[key].clone())
                .collect()
        };
        assert_eq!(counts(&forward, "added"), counts(&backward, "removed"));
        assert_eq!(counts(&forward, "changed"), counts(&backward, "changed"));
        assert_eq!(forward["old"], backward["new"]);
    }
}

#[test]
fn check_version_asks_for_the_bump_each_change_needs() {
    let a = base();
    let cases: &[(&str, &str, &str, i32)] = &[
        // (mutation, new version, new date, exit code)
        ("quotation", "1.0.0", "2026-01-01", 1),
        ("quotation", "1.0.0", "2026-01-02", 1),
        ("quotation", "1.0.1", "2026-01-01", 1),
        ("quotation", "1.0.1", "2026-01-02", 0),
        ("themes", "1.0.1", "2026-01-02", 0),
        ("added theme", "1.0.1", "2026-01-02", 1),
        ("added theme", "1.1.0", "2026-01-02", 0),
        ("removed recommendation", "1.1.0", "2026-01-02", 1),
        ("removed recommendation", "2.0.0", "2026-01-02", 0),
        ("renamed recommendation", "1.9.9", "2026-01-02", 1),
        ("renamed recommendation", "2.0.0", "2026-01-02", 0),
    ];
    for (name, version, date, code) in cases {
        let mutation = MUTATIONS.iter().find(|m| m.0 == *name).expect("mutation");
        let b = mutated(&[*mutation]);
        set_release(b.path(), version, date);
        let out = diff(a.path(), b.path(), &["--check-version", "--format", "json"]);
        assert_code(&out, *code);
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(
            doc["version_check"]["satisfied"],
            Value::from(*code == 0),
            "{name} {version} {date}"
        );
        if *code == 1 {
            assert!(
                text(&out.stderr).contains("version check failed"),
                "{}",
                text(&out.stderr)
            );
        }
    }
    // the message says which change forces which bump
    let b = mutated(&[MUTATIONS[0], MUTATIONS[4]]);
    set_release(b.path(), "1.0.1", "2026-01-02");
    let out = diff(a.path(), b.path(), &["--check-version"]);
    assert_code(&out, 1);
    insta::assert_snapshot!(text(&out.stdout).lines().skip_while(|l| !l.starts_with("version check")).collect::<Vec<_>>().join("\n"), @"
    version check: failed
      - a major bump is needed (2.0.0), the version got a patch bump (1.0.0 → 1.0.1): removed recommendation `a17-panel-1-r12`; besides, 1 change needs a patch bump
    ");
    let out = diff(
        a.path(),
        a.path(),
        &["--check-version", "--format", "markdown"],
    );
    assert_code(&out, 0);
}

#[test]
fn a_version_that_goes_back_fails_the_check() {
    let a = base();
    let b = mutated(&[MUTATIONS[0]]);
    set_release(b.path(), "0.9.0", "2026-01-02");
    let out = diff(a.path(), b.path(), &["--check-version"]);
    assert_code(&out, 1);
    assert!(text(&out.stdout).contains("the version went back from 1.0.0 to 0.9.0"));
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "alliance tests")
        .env("GIT_AUTHOR_EMAIL", "tests@example.invalid")
        .env("GIT_COMMITTER_NAME", "alliance tests")
        .env("GIT_COMMITTER_EMAIL", "tests@example.invalid")
        .output()
        .expect("git runs");
    assert_code(&out, 0);
}

#[test]
fn git_history_in_a_clone_of_this_repository() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let clone = tmp.path().join("clone");
    let source = format!("file://{}", workspace_root().display());
    git(
        tmp.path(),
        &["clone", "--quiet", "--depth", "1", &source, "clone"],
    );
    // a quotation fix, committed without a new version
    MUTATIONS[0].1(&clone.join("data"));
    git(&clone, &["commit", "--quiet", "-am", "fix a quotation"]);
    let run = |args: &[&str]| {
        bin("alliance-diff")
            .current_dir(&clone)
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["--git", "HEAD~1", "data", "--check-version"]);
    assert_code(&out, 1);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("changed a17-panel-1-r01"), "{stdout}");
    assert!(stdout.contains("{-must-}{+should+}"), "{stdout}");
    assert!(stdout.contains("a patch bump is needed"), "{stdout}");
    // PATH defaults to `data`
    assert_eq!(
        run(&["--git", "HEAD~1", "--check-version"]).stdout,
        out.stdout
    );
    // with a patch bump and a new date, committed on top
    let ds = alliance_core::load(&clone.join("data"))
        .expect("loads")
        .dataset;
    let next = patch_bump(&ds.release.version);
    set_release(&clone.join("data"), &next, "2099-01-01");
    git(&clone, &["commit", "--quiet", "-am", "release"]);
    let out = run(&["--git", "HEAD~2", "data", "--check-version"]);
    assert_code(&out, 0);
    assert!(text(&out.stdout).contains("version check: passed (a patch bump needed)"));
    // the work tree, the index and HEAD are untouched
    let status = Command::new("git")
        .current_dir(&clone)
        .args(["status", "--porcelain"])
        .output()
        .expect("git status");
    assert_eq!(text(&status.stdout), "", "the work tree is clean");
    // a work tree edit is the new side
    MUTATIONS[7].1(&clone.join("data"));
    let out = run(&["--git", "HEAD", "data", "--format", "json"]);
    assert_code(&out, 0);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["changes"][0]["id"], "fictional-test-person");
    // errors: a bad revision, a folder that is not there at the revision
    let out = run(&["--git", "no-such-revision", "data"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("`no-such-revision` is not a revision of the repository"),
        "{}",
        text(&out.stderr)
    );
    // a dataset of the work tree that the revision does not have
    alliance_tests::copy_dir(&clone.join("data"), &clone.join("new-data"));
    let out = run(&["--git", "HEAD", "new-data"]);
    assert_code(&out, 2);
    assert!(text(&out.stderr).contains("there is no folder `new-data` at `HEAD`"));
    // a folder that the revision has, but not as a dataset
    std::fs::create_dir(clone.join("old-data")).expect("mkdir");
    std::fs::write(clone.join("old-data/README"), "not yet a dataset\n").expect("write");
    git(&clone, &["add", "old-data/README"]);
    git(&clone, &["commit", "--quiet", "-m", "a folder"]);
    alliance_tests::copy_dir(&clone.join("data"), &clone.join("old-data"));
    let out = run(&["--git", "HEAD", "old-data"]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("cannot load `old-data` at `HEAD`: `HEAD:old-data` is not"),
        "{}",
        text(&out.stderr)
    );
    // a folder of the work tree that is no dataset, or inside one: refused as every tool
    // refuses it, before git is asked
    for (folder, says) in [
        ("xtask", "`xtask` is not a dataset folder"),
        (
            "data/conferences",
            "`data/conferences` is inside the dataset `data`; pass `data`",
        ),
    ] {
        let out = run(&["--git", "HEAD", folder]);
        assert_code(&out, 2);
        assert!(text(&out.stderr).contains(says), "{}", text(&out.stderr));
    }
    let out = run(&["--git", "--upload-pack=x", "data"]);
    assert_code(&out, 2);
}

fn patch_bump(version: &str) -> String {
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse().expect("a number"))
        .collect();
    format!("{}.{}.{}", parts[0], parts[1], parts[2] + 1)
}

#[test]
fn outside_a_git_repository() {
    let a = copy_of_data();
    let out = bin("alliance-diff")
        .current_dir(a.path())
        .env(
            "GIT_CEILING_DIRECTORIES",
            a.path().parent().expect("parent"),
        )
        .args(["--git", "HEAD", "."])
        .output()
        .expect("runs");
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("is not in a git repository"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn errors_exit_2() {
    let a = base();
    let missing = a.path().join("missing");
    let out = diff(a.path(), &missing, &[]);
    assert_code(&out, 2);
    assert!(text(&out.stderr).contains("does not exist"));

    let broken = base();
    mutate(broken.path(), PANEL_1, "order = 2", "order = 2\norder = 3");
    let out = diff(a.path(), broken.path(), &[]);
    assert_code(&out, 2);
    let stderr = scrub(&text(&out.stderr), broken.path());
    assert!(stderr.contains("error[AL001]"), "{stderr}");
    assert!(stderr.contains("does not load"), "{stderr}");
    assert!(out.stdout.is_empty());

    for args in [
        vec![a.path().to_str().expect("utf-8")],
        vec!["--git", "HEAD", "data", "data"],
        vec![],
    ] {
        let out = bin("alliance-diff").args(&args).output().expect("runs");
        assert_code(&out, 2);
    }
    let out = diff(a.path(), a.path(), &["--format", "yaml"]);
    assert_code(&out, 2);
}

#[test]
fn help_version_a_closed_pipe_and_a_folder_inside_the_dataset() {
    let help = bin("alliance-diff").arg("--help").output().expect("runs");
    assert_code(&help, 0);
    let help = text(&help.stdout);
    assert!(help.contains("alliance-diff --git REV [PATH]") && help.contains("--check-version"));
    let version = bin("alliance-diff")
        .arg("--version")
        .output()
        .expect("runs");
    assert_eq!(
        text(&version.stdout),
        format!("alliance-diff {}\n", env!("CARGO_PKG_VERSION"))
    );
    // a reader that went away is not an error: the exit code is the check's
    let a = base();
    let b = mutated(&[MUTATIONS[0]]);
    for (args, code) in [(vec!["--quiet"], 0), (vec!["--check-version"], 1)] {
        let out = bin("alliance-diff")
            .arg(a.path())
            .arg(b.path())
            .args(args)
            .stdout(alliance_tests::closed_pipe())
            .output()
            .expect("runs");
        assert_code(&out, code);
        assert!(!text(&out.stderr).contains("panicked"));
    }
    let inside = a.path().join("conferences/alliance-17");
    let out = diff(&inside, b.path(), &[]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("is inside the dataset"),
        "{}",
        text(&out.stderr)
    );
}
