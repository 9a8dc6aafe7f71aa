//! What a reviewer of a data pull request needs from alliance-diff (issue #27): what an added
//! or removed record was, labels that say what changed and whether a quotation is still the
//! report's words, one bump asked for, code spans that render in a job summary, and the old
//! revision's errors pointing at `REV:PATH`.

use std::path::Path;

use alliance_tests::{assert_code, bin, copy_dir, mutate, text, workspace_root};
use serde_json::Value;

use super::{MUTATIONS, PANEL_1, base, diff, git, mutated, set_release};

/// The mutations of `super::MUTATIONS` named `names`.
fn named(names: &[&str]) -> Vec<super::Mutation> {
    names
        .iter()
        .map(|n| *MUTATIONS.iter().find(|m| m.0 == *n).expect("a mutation"))
        .collect()
}

#[test]
fn an_added_or_removed_record_shows_what_it_was() {
    let a = base();
    let b = mutated(&named(&[
        "removed recommendation",
        "added person",
        "added theme",
    ]));
    let out = diff(a.path(), b.path(), &[]);
    assert_code(&out, 0);
    insta::assert_snapshot!(text(&out.stdout), @r#"
    1.0.0 (2026-01-01) → 1.0.0 (2026-01-01)

    people
      added fictional-test-person
          name: "Fictional Test Person"

    recommendations
      removed a17-panel-1-r12
          session: a17-panel-1
          source: conferences/alliance-17/report.md:66 (bullet 12)
          text: A child, present or missing, is a child – every case deserves attention and should be addressed individually, with children consulted in decisions taken.

    vocabularies
      added themes/fictional-test-theme
          name: "Fictional test theme"

    0 records changed, 2 added, 1 removed, 0 renamed
    "#);
    let out = diff(a.path(), b.path(), &["--format", "markdown"]);
    assert_code(&out, 0);
    let md = text(&out.stdout);
    let removed: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.contains("a17-panel-1-r12"))
        .take(4)
        .collect();
    insta::assert_snapshot!(removed.join("\n"), @"
    - **removed** `a17-panel-1-r12`
      - session: `a17-panel-1`
      - source: `conferences/alliance-17/report.md` line 66 (bullet 12)
      - text: A child, present or missing, is a child – every case deserves attention and should be addressed individually, with children consulted in decisions taken.
    ");
    let out = diff(a.path(), b.path(), &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let change = |id: &str| -> Value {
        doc["changes"]
            .as_array()
            .expect("changes")
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .expect("the change")
    };
    let r12 = change("a17-panel-1-r12");
    assert_eq!(
        r12["change"], "removed",
        "the existing fields stay: {r12:#}"
    );
    assert_eq!(r12["session"], "a17-panel-1");
    assert_eq!(r12["source"]["report"], "conferences/alliance-17/report.md");
    assert_eq!(r12["source"]["line"], 66);
    assert_eq!(r12["source"]["bullet"], 12);
    assert!(
        r12["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("A child, present or missing")),
        "{r12:#}"
    );
    assert_eq!(
        change("fictional-test-person")["name"],
        "Fictional Test Person"
    );
}

#[test]
fn a_label_says_what_changed_and_whether_it_is_still_the_reports_words() {
    // the old dataset misquotes r02; the new one quotes it right and rewords r01
    let a = base();
    mutate(
        a.path(),
        PANEL_1,
        "will be crucial in building",
        "would be crucial in building",
    );
    let b = mutated(&named(&["quotation"]));
    set_release(b.path(), "1.0.0", "2026-01-02");
    let out = diff(a.path(), b.path(), &["--check-version"]);
    assert_code(&out, 1);
    insta::assert_snapshot!(text(&out.stdout), @r"
    1.0.0 (2026-01-01) → 1.0.0 (2026-01-02)

    recommendations
      changed a17-panel-1-r01
          text: Child protection systems {-must-}{+should+} be strengthened and adjusted to large influxes or crisis contexts in the OSCE region and must be harmonized and streamlined;
            (quotation reworded, no longer the report's words)
      changed a17-panel-1-r02
          text: A more efficient process, with regular provision of information, {-would-}{+will+} be crucial in building children's confidence in the system. This entails: proactive non-discriminatory identification, regular training for frontline responders and the need for effective debriefing and information sharing;
            (corrected quotation)

    2 records changed, 0 added, 0 removed, 0 renamed
    version check: failed
      - a patch bump is needed (1.0.1), the version got no bump (1.0.0 → 1.0.0): changed recommendation `a17-panel-1-r01`: text (quotation reworded, no longer the report's words); changed recommendation `a17-panel-1-r02`: text (corrected quotation)
    ");
    let out = diff(a.path(), b.path(), &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let text_field = |i: usize| doc["changes"][i]["fields"][0].clone();
    assert_eq!(text_field(0)["what"], "reworded-quotation");
    assert_eq!(text_field(0)["verbatim"], false);
    assert_eq!(text_field(1)["what"], "corrected-quotation");
    assert_eq!(text_field(1)["verbatim"], true);
}

#[test]
fn a_returning_persons_new_affiliation_is_an_affiliation_added() {
    let fixture = workspace_root().join("tests/fixtures/two-conferences");
    let (a, b) = (
        tempfile::tempdir().expect("dir"),
        tempfile::tempdir().expect("dir"),
    );
    copy_dir(&fixture, a.path());
    copy_dir(&fixture, b.path());
    let people = "registry/people.toml";
    // the old dataset has no alliance-98 affiliation for Susanne Riegler, and a shorter title
    mutate(
        a.path(),
        people,
        "[[person.affiliation]]\nconference = \"alliance-98\"\norganization = \"orf\"\n\
         title = \"journalist\"\nas_printed = \"ORF journalist\"\n\n",
        "",
    );
    mutate(
        a.path(),
        people,
        "title = \"Deputy Minister for Europe, Integration and Foreign Affairs\"",
        "title = \"Deputy Minister\"",
    );
    // the new one rewords her alliance-17 affiliation as printed
    mutate(
        b.path(),
        people,
        "as_printed = \"ORF journalist and film-maker\"",
        "as_printed = \"ORF journalist and filmmaker\"",
    );
    set_release(a.path(), "1.0.0", "2026-01-01");
    set_release(b.path(), "1.0.0", "2026-01-02");
    let out = diff(a.path(), b.path(), &["--check-version"]);
    assert_code(&out, 1);
    let stdout = text(&out.stdout);
    let check: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("version check"))
        .collect();
    insta::assert_snapshot!(check.join("\n"), @"
    version check: failed
      - a patch bump is needed (1.0.1), the version got no bump (1.0.0 → 1.0.0): changed person `michael-linhart`: affiliations[alliance-17].title (affiliation changed); changed person `susanne-riegler`: affiliations[alliance-17].as_printed (quotation reworded, no longer the report's words), affiliations[alliance-98] (affiliation added)
    ");
}

#[test]
fn the_version_check_asks_for_the_one_bump_needed() {
    let a = base();
    let b = mutated(&named(&[
        "quotation",
        "themes",
        "removed recommendation",
        "added theme",
    ]));
    set_release(b.path(), "1.0.0", "2026-01-02");
    let out = diff(a.path(), b.path(), &["--check-version"]);
    assert_code(&out, 1);
    let stdout = text(&out.stdout);
    let check = stdout
        .lines()
        .skip_while(|l| !l.starts_with("version check"))
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(check, @"
    version check: failed
      - a major bump is needed (2.0.0), the version got no bump (1.0.0 → 1.0.0): removed recommendation `a17-panel-1-r12`; besides, 1 change needs a minor bump and 1 a patch bump
    ");
    // Markdown: the ids are code spans, not escaped backticks
    let out = diff(
        a.path(),
        b.path(),
        &["--check-version", "--format", "markdown"],
    );
    assert_code(&out, 1);
    let md = text(&out.stdout);
    assert!(!md.contains("\\`"), "{md}");
    let problems: Vec<&str> = md
        .lines()
        .filter(|l| l.contains("bump is needed"))
        .collect();
    insta::assert_snapshot!(problems.join("\n"), @"- a major bump is needed (2.0.0), the version got no bump (1.0.0 → 1.0.0): removed recommendation `a17-panel-1-r12`; besides, 1 change needs a minor bump and 1 a patch bump");
    // the same on stderr, for a job's log
    assert!(
        text(&out.stderr).contains("removed recommendation `a17-panel-1-r12`; besides"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_old_revisions_errors_point_into_the_revision() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let clone = tmp.path().join("clone");
    let source = format!("file://{}", workspace_root().display());
    git(
        tmp.path(),
        &["clone", "--quiet", "--depth", "1", &source, "clone"],
    );
    let file = Path::new("data").join(PANEL_1);
    let good = std::fs::read_to_string(clone.join(&file)).expect("read");
    mutate(
        &clone.join("data"),
        PANEL_1,
        "order = 2",
        "order = 2\norder = 3",
    );
    git(
        &clone,
        &["commit", "--quiet", "-am", "a broken session file"],
    );
    std::fs::write(clone.join(&file), good).expect("write");
    let out = bin("alliance-diff")
        .current_dir(&clone)
        .args(["--git", "HEAD", "data"])
        .output()
        .expect("runs");
    assert_code(&out, 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("--> HEAD:data/{PANEL_1}:6:1")),
        "{stderr}"
    );
    assert!(!stderr.contains("alliance-diff-"), "{stderr}");
    assert!(
        stderr.contains("the dataset `data` at `HEAD` does not load"),
        "{stderr}"
    );
}

#[test]
fn both_datasets_load_at_once_on_any_number_of_threads() {
    // two loads on rayon's pool at once, each waiting for its own conferences: with one or two
    // threads neither may leave the other without one
    let fixture = workspace_root().join("tests/fixtures/two-conferences");
    for threads in ["1", "2"] {
        let out = bin("alliance-diff")
            .arg(&fixture)
            .arg(&fixture)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("runs");
        assert_code(&out, 0);
        assert!(
            text(&out.stdout).contains("no changes"),
            "{}",
            text(&out.stdout)
        );
    }
}
