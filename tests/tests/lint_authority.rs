//! alliance-lint against the dataset's report, the authority: the mistakes a maintainer makes
//! that only the report can settle, each caught (the snapshots are the full output), and what
//! `--fix` takes from the report: sources moved after lines inserted in it, a deleted
//! recommendation restored in its words, a file's byte-order mark and line endings kept, and a
//! moved bullet of an unlabelled list located without a promise of a fix.

use std::path::Path;

use alliance_tests::{copy_of_data, mutate};

mod common {
    pub(crate) mod lint;
}
use common::lint::{PANEL_1, lint};

const SESSIONS: &str = "conferences/alliance-17/sessions";
const PANEL_2: &str = "conferences/alliance-17/sessions/03-panel-2.toml";
const CONFERENCE: &str = "conferences/alliance-17/conference.toml";

/// Deletes the `[[...]]` table that starts with `start` in a file of a dataset copy, up to
/// the next table.
fn drop_table(root: &Path, file: &str, start: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    let at = text
        .find(start)
        .unwrap_or_else(|| panic!("{file} no longer contains {start:?}"));
    let end = text[at + start.len()..]
        .find("\n[[")
        .map_or(text.len(), |e| at + start.len() + e + 1);
    std::fs::write(&path, format!("{}{}", &text[..at], &text[end..])).expect("write");
}

/// A mutation of a dataset copy.
type Mutation = fn(&Path);

/// The mistakes a maintainer makes that only the report can settle, the dropped ones and the
/// mistyped ones: each makes `alliance-lint` exit 1 with findings located in the report or in
/// the file to fix (the snapshots are the full output, for the record).
#[test]
fn the_report_is_the_authority() {
    for (name, mutation) in DROPPED.iter().chain(MISTYPED) {
        assert_only_the_report_settles(name, *mutation);
    }
}

/// What a maintainer drops: a recommendation, a finding and a session (the ones after them
/// renumbered), a speaker the report names in bold.
const DROPPED: &[(&str, Mutation)] = &[
    ("dropped_recommendation", |d| {
        drop_table(d, PANEL_1, "[[recommendation]]\nid = \"a17-panel-1-r12\"");
    }),
    ("dropped_finding_renumbered", |d| {
        drop_table(d, PANEL_2, "[[recommendation]]\nid = \"a17-panel-2-r04\"");
        for n in 5..=8 {
            let id = format!("id = \"a17-panel-2-r0{n}\"\norder = {n}");
            let to = format!("id = \"a17-panel-2-r0{n}\"\norder = {}", n - 1);
            mutate(d, PANEL_2, &id, &to);
        }
    }),
    ("deleted_session_renumbered", |d| {
        let dir = d.join(SESSIONS);
        std::fs::remove_file(dir.join("06-thematic-3.toml")).expect("delete");
        for (from, to, order) in [
            ("07-thematic-4.toml", "06-thematic-4.toml", 7),
            ("08-panel-3.toml", "07-panel-3.toml", 8),
        ] {
            std::fs::rename(dir.join(from), dir.join(to)).expect("rename");
            let file = format!("{SESSIONS}/{to}");
            let renumbered = format!("order = {}", order - 1);
            mutate(d, &file, &format!("order = {order}"), &renumbered);
        }
    }),
    ("removed_bold_speaker", |d| {
        drop_table(d, PANEL_1, "[[participant]]\nperson = \"federica-toscano\"");
    }),
];

/// What a maintainer mistypes: a quotation, the order or place of recommendations, a label, a
/// name, a role, a person, a figure, the year and the edition.
const MISTYPED: &[(&str, Mutation)] = &[
    ("quotation_cut_short", |d| {
        mutate(
            d,
            PANEL_1,
            " in the OSCE region and must be harmonized and streamlined;\"",
            " in the OSCE region\"",
        );
    }),
    ("quotation_from_a_narrative_paragraph", |d| {
        mutate(
            d,
            PANEL_1,
            "text = \"Provision of suitable child-friendly areas at reception points should be ensured;\"",
            "text = \"An alarming number simply go missing.\"",
        );
    }),
    ("recommendations_swapped_in_order", |d| {
        mutate(d, PANEL_1, "order = 1\n", "order = 2\n");
        mutate(
            d,
            PANEL_1,
            "id = \"a17-panel-1-r02\"\norder = 2",
            "id = \"a17-panel-1-r02\"\norder = 1",
        );
    }),
    ("recommendations_swapped_in_text", |d| {
        let first =
            "Provision of suitable child-friendly areas at reception points should be ensured;";
        let second = "Adequate deployments of cultural mediators play a vital role in building trusting relationships, thus their presence during key stages of interaction with children should be facilitated;";
        mutate(d, PANEL_1, first, "@@FIRST@@");
        mutate(d, PANEL_1, second, first);
        mutate(d, PANEL_1, "@@FIRST@@", second);
    }),
    ("two_recommendations_on_one_bullet", |d| {
        mutate(
            d,
            PANEL_1,
            "source = { bullet = 12, line = 66 }",
            "source = { bullet = 11, line = 65 }",
        );
    }),
    ("wrong_label", |d| {
        mutate(
            d,
            PANEL_2,
            "order = 3\nlabel = \"findings\"",
            "order = 3\nlabel = \"recommendations\"",
        );
    }),
    ("misspelled_name", |d| {
        mutate(
            d,
            "registry/people.toml",
            "name = \"Thomas Wissing\"",
            "name = \"Thomas Wising\"",
        );
    }),
    ("moderator_and_rapporteur_swapped", |d| {
        mutate(
            d,
            PANEL_2,
            "person = \"thomas-wissing\"\nrole = \"moderator\"",
            "person = \"thomas-wissing\"\nrole = \"rapporteur\"",
        );
        mutate(
            d,
            PANEL_2,
            "person = \"ina-verzivolli\"\nrole = \"rapporteur\"",
            "person = \"ina-verzivolli\"\nrole = \"moderator\"",
        );
    }),
    ("wrong_person_added", |d| {
        mutate(
            d,
            PANEL_2,
            "[[participant]]\nperson = \"helmut-sax\"",
            "[[participant]]\nperson = \"guy-vinet\"\nrole = \"speaker\"\n\n[[participant]]\nperson = \"helmut-sax\"",
        );
    }),
    ("figure_value_against_as_printed", |d| {
        mutate(d, CONFERENCE, "value = 57", "value = 75");
    }),
    ("year_and_edition_mistyped", |d| {
        mutate(d, CONFERENCE, "edition = 17", "edition = 18");
        mutate(
            d,
            CONFERENCE,
            "start_date = \"2017-04-03\"\nend_date = \"2017-04-04\"",
            "start_date = \"2016-04-03\"\nend_date = \"2016-04-04\"",
        );
    }),
];

/// `alliance-lint` on a copy of the real dataset with `mutation` made exits 1 with every
/// finding located in a file of the dataset; its output is the snapshot `authority_{name}`.
fn assert_only_the_report_settles(name: &str, mutation: Mutation) {
    let tmp = copy_of_data();
    mutation(tmp.path());
    let out = lint(tmp.path(), &[]);
    let stdout = alliance_tests::scrub(&alliance_tests::text(&out.stdout), tmp.path());
    assert_eq!(out.status.code(), Some(1), "{name}:\n{stdout}");
    // every finding is located in a file of the dataset
    assert!(
        stdout.contains("\n  --> data/")
            || stdout.contains("\n   --> data/")
            || stdout.contains("\n --> data/"),
        "{name}:\n{stdout}"
    );
    insta::assert_snapshot!(format!("authority_{name}"), stdout);
}

/// Every data file of a dataset copy, by path relative to it.
fn data_files(root: &Path) -> std::collections::BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).expect("inside");
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.insert(name.display().to_string(), text);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Lines inserted at the top of the report: `--fix --diff` shows the moves and writes
/// nothing; `--fix` makes them, changing only the `line` values, leaves the dataset clean,
/// and a second run changes nothing.
#[test]
fn fix_moves_sources_after_lines_inserted_in_the_report() {
    let tmp = copy_of_data();
    let report = "conferences/alliance-17/report.md";
    mutate(tmp.path(), report, "\n", "\nA line inserted.\n\nAnother.\n");
    let before = data_files(tmp.path());

    let diff = lint(tmp.path(), &["--fix", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "something to fix");
    let shown = alliance_tests::scrub(&alliance_tests::text(&diff.stdout), tmp.path());
    assert!(
        shown
            .contains("-source = { bullet = 1, line = 55 }\n+source = { bullet = 1, line = 58 }\n"),
        "{shown}"
    );
    assert_eq!(data_files(tmp.path()), before, "--diff writes nothing");

    let fixed = lint(tmp.path(), &["--fix", "--deny-warnings"]);
    let stderr = alliance_tests::text(&fixed.stderr);
    assert_eq!(fixed.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("59 fixes in 6 files"), "{stderr}");
    let after = data_files(tmp.path());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let mut changed = 0;
    for (name, old) in &before {
        let new = &after[name];
        assert_eq!(old.lines().count(), new.lines().count(), "{name}");
        for (a, b) in old.lines().zip(new.lines()) {
            if a != b {
                changed += 1;
                let value = |l: &str| l.split("line = ").next().map(str::to_owned);
                assert_eq!(value(a), value(b), "only the line value changes: {a} → {b}");
            }
        }
    }
    assert_eq!(changed, 59);
    assert_eq!(
        lint(tmp.path(), &["--deny-warnings"]).status.code(),
        Some(0)
    );
    let again = lint(tmp.path(), &["--fix"]);
    assert!(alliance_tests::text(&again.stderr).starts_with("nothing to fix\n"));
    assert_eq!(
        data_files(tmp.path()),
        after,
        "a second run changes nothing"
    );
}

/// A recommendation's block deleted: `--fix` puts it back where it was, in the report's
/// words, without the classification a person gave it (the rules then ask for it).
#[test]
fn fix_restores_a_deleted_recommendation_unclassified() {
    let tmp = copy_of_data();
    let original = data_files(tmp.path());
    drop_table(
        tmp.path(),
        "conferences/alliance-17/sessions/03-panel-2.toml",
        "[[recommendation]]\nid = \"a17-panel-2-r04\"",
    );
    let fixed = lint(tmp.path(), &["--fix"]);
    let stderr = alliance_tests::text(&fixed.stderr);
    assert!(
        stderr.contains("`a17-panel-2-r04`: added from the bullet on report line 83, unclassified"),
        "{stderr}"
    );
    let stdout = alliance_tests::text(&fixed.stdout);
    assert!(stdout.contains("error[AL020]: recommendation `a17-panel-2-r04` has no theme"));
    let file = "conferences/alliance-17/sessions/03-panel-2.toml";
    let classified = "themes = [\"child-protection-systems\", \"children-on-the-move\"]\npillars = [\"protection\"]\nsource = { bullet = 4, line = 83 }";
    assert_eq!(
        data_files(tmp.path())[file],
        original[file].replacen(classified, "source = { bullet = 4, line = 83 }", 1)
    );
}

/// A session file saved with a byte-order mark and CRLF line endings (a Windows checkout):
/// `--fix` keeps both, and changes only the lines it fixes.
#[test]
fn fix_keeps_a_files_byte_order_mark_and_line_endings() {
    let tmp = copy_of_data();
    let session = tmp
        .path()
        .join("conferences/alliance-17/sessions/02-panel-1.toml");
    let lf = std::fs::read_to_string(&session).expect("read");
    std::fs::write(&session, format!("\u{feff}{}", lf.replace('\n', "\r\n"))).expect("write");
    mutate(
        tmp.path(),
        "conferences/alliance-17/report.md",
        "\n",
        "\nA line inserted.\n",
    );
    let fixed = lint(tmp.path(), &["--fix"]);
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        alliance_tests::text(&fixed.stderr)
    );
    let after = std::fs::read_to_string(&session).expect("read");
    assert!(after.starts_with('\u{feff}'), "the byte-order mark is kept");
    let body = &after['\u{feff}'.len_utf8()..];
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "every line still ends with CRLF"
    );
    let old_lines: Vec<&str> = lf.lines().collect();
    let new_lines: Vec<&str> = body.lines().collect();
    assert_eq!(old_lines.len(), new_lines.len());
    let changed = old_lines
        .iter()
        .zip(&new_lines)
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(
        changed, 12,
        "the twelve source lines of Panel 1, nothing else"
    );
}

/// A recommendation quoting a bullet of a list that is not of recommendations, findings or
/// conclusions, whose source moved: the note says where the bullet is, but promises no
/// `--fix`, which moves only the sources of labelled bullets (and leaves this one).
#[test]
fn a_moved_bullet_of_an_unlabelled_list_is_located_without_promising_a_fix() {
    let tmp = copy_of_data();
    let report = tmp.path().join("conferences/alliance-17/report.md");
    let text = std::fs::read_to_string(&report).expect("read");
    let mut lines: Vec<&str> = text.split('\n').collect();
    // after Panel 1's first paragraph (line 47): a list with a lead-in that labels nothing
    lines.splice(
        47..47,
        [
            "",
            "The speakers also listed:",
            "",
            "- *a fictional item of an unlabelled list.*",
        ],
    );
    std::fs::write(
        &report,
        format!("An inserted line.\n\n{}", lines.join("\n")),
    )
    .expect("write");
    let session = tmp
        .path()
        .join("conferences/alliance-17/sessions/02-panel-1.toml");
    let mut toml = std::fs::read_to_string(&session).expect("read");
    toml.push_str("\n[[recommendation]]\nid = \"a17-panel-1-r99\"\norder = 13\nlabel = \"recommendations\"\ntext = \"a fictional item of an unlabelled list.\"\nthemes = [\"criminal-justice\"]\npillars = [\"protection\"]\nsource = { bullet = 1, line = 51 }\n");
    std::fs::write(&session, toml).expect("write");
    let out = alliance_tests::text(&lint(tmp.path(), &[]).stdout);
    let finding = out
        .split("\n\n")
        .find(|f| f.contains("line 51 of the report does not start a bullet"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        finding.contains("note: its bullet now starts on line 53 (bullet 1 of its list)\n")
            || finding.ends_with("(bullet 1 of its list)"),
        "{finding}"
    );
    assert!(!finding.contains("--fix"), "{finding}");
    // labelled bullets still get the promise, and --fix keeps it for them only
    assert!(out.contains("`alliance-lint --fix` moves the source there"));
    let fixed = lint(tmp.path(), &["--fix"]);
    let rest = alliance_tests::text(&fixed.stdout);
    assert!(
        rest.contains("line 51 of the report does not start a bullet") && rest.contains("1 error"),
        "{rest}{}",
        alliance_tests::text(&fixed.stderr)
    );
}
