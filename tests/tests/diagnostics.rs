//! One fixture per structural diagnostic of the loader: a copy of the real dataset with one
//! fault put in, and a snapshot of what the loader says, as the binaries render it.

use std::path::Path;

use alliance_core::render::{Color, render_all};
use alliance_tests::{copy_of_data, mutate, scrub};

/// Loads a mutated copy of the real data and returns the rendered diagnostics.
fn check(mutation: impl FnOnce(&Path)) -> String {
    let tmp = copy_of_data();
    mutation(tmp.path());
    let loaded = alliance_core::load(tmp.path()).expect("the dataset folder exists");
    assert!(loaded.has_errors(), "the mutation was not caught");
    scrub(
        &render_all(&loaded.diagnostics, &loaded.sources, Color::Never),
        tmp.path(),
    )
}

const PANEL_1: &str = "conferences/alliance-17/sessions/02-panel-1.toml";
const PANEL_2: &str = "conferences/alliance-17/sessions/03-panel-2.toml";
const CONFERENCE: &str = "conferences/alliance-17/conference.toml";
const PEOPLE: &str = "registry/people.toml";

#[test]
fn syntax_error() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PEOPLE,
        "name = \"Kevin Hyland\"",
        "name = \"Kevin Hyland"
    )));
}

#[test]
fn syntax_error_from_an_unescaped_quote() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "Child protection systems must be strengthened",
        "Child protection systems must be \"strengthened\""
    )));
}

#[test]
fn wrong_type() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "edition = 17",
        "edition = \"17\""
    )));
}

#[test]
fn missing_key_in_a_table() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "label = \"recommendations\"\n",
        ""
    )));
}

#[test]
fn missing_key_at_top_level() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "venue = \"Hofburg\"\n",
        ""
    )));
}

#[test]
fn unknown_key() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PEOPLE,
        "honorific = \"Fr.\"",
        "honourific = \"Fr.\""
    )));
}

#[test]
fn duplicate_id() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        "vocabularies/pillars.toml",
        "[[term]]\nid = \"partnership\"",
        "[[term]]\nid = \"prevention\"\nname = \"Prevention, again\"\n\n[[term]]\nid = \"partnership\""
    )));
}

#[test]
fn conference_id_differs_from_its_folder() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "id = \"alliance-17\"",
        "id = \"alliance-71\""
    )));
}

#[test]
fn dangling_person() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "person = \"sarah-elliott\"",
        "person = \"sarah-eliott\""
    )));
}

#[test]
fn dangling_organization() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PEOPLE,
        "organization = \"unhcr\"",
        "organization = \"unhrc\""
    )));
}

#[test]
fn dangling_theme() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_2,
        "themes = [\"child-protection-systems\"]",
        "themes = [\"child-protection-system\"]"
    )));
}

#[test]
fn dangling_pillar() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_2,
        "pillars = [\"prevention\"]",
        "pillars = [\"prevension\"]"
    )));
}

#[test]
fn dangling_role() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "role = \"moderator\"",
        "role = \"chair\""
    )));
}

#[test]
fn dangling_session() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "session = \"a17-thematic-2\"",
        "session = \"a17-thematic-5\""
    )));
}

#[test]
fn dangling_instrument() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "\"osce-pc-dec-685\"",
        "\"osce-pc-dec-686\""
    )));
}

#[test]
fn invalid_date() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "\"2017-04-03\"",
        "\"2017-04-31\""
    )));
}

#[test]
fn invalid_date_names_the_month_length() {
    let out = check(|d| mutate(d, CONFERENCE, "\"2017-04-04\"", "\"2099-06-31\""));
    assert!(out.contains("`2099-06-31` is not a calendar date"), "{out}");
    assert!(out.contains("June has 30 days"), "{out}");
    assert!(!out.contains("expected YYYY-MM-DD"), "{out}");
}

#[test]
fn invalid_date_in_february() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "\"2017-04-03\"",
        "\"2017-02-29\""
    )));
}

#[test]
fn inverted_dates() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        CONFERENCE,
        "\"2017-04-04\"",
        "\"2017-04-02\""
    )));
}

#[test]
fn missing_file() {
    insta::assert_snapshot!(check(|d| std::fs::remove_file(
        d.join("vocabularies/figure-kinds.toml")
    )
    .expect("remove")));
}

#[test]
fn folder_instead_of_a_file() {
    insta::assert_snapshot!(check(|d| {
        let path = d.join("vocabularies/figure-kinds.toml");
        std::fs::remove_file(&path).expect("remove");
        std::fs::create_dir(&path).expect("mkdir");
    }));
}

#[test]
fn invalid_utf8() {
    insta::assert_snapshot!(check(|d| {
        let path = d.join("vocabularies/figure-kinds.toml");
        let mut bytes = std::fs::read(&path).expect("read");
        let at = bytes
            .windows(12)
            .position(|w| w == b"Participants")
            .expect("a name");
        bytes[at + 4] = 0xff;
        std::fs::write(&path, bytes).expect("write");
    }));
}

#[test]
fn empty_file() {
    insta::assert_snapshot!(check(|d| std::fs::write(
        d.join("vocabularies/figure-kinds.toml"),
        "\n\n"
    )
    .expect("write")));
}

#[test]
fn malformed_id() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        "vocabularies/roles.toml",
        "id = \"message\"",
        "id = \"Message\""
    )));
}

#[test]
fn source_line_not_a_bullet() {
    insta::assert_snapshot!(check(|d| mutate(d, PANEL_1, "line = 55 }", "line = 54 }")));
}

#[test]
fn source_bullet_number_wrong() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "bullet = 2, line = 56",
        "bullet = 3, line = 56"
    )));
}

#[test]
fn session_heading_not_in_report() {
    insta::assert_snapshot!(check(|d| mutate(
        d,
        PANEL_1,
        "heading = \"Panel 1: Human",
        "heading = \"Panel One: Human"
    )));
}

#[test]
fn report_missing() {
    insta::assert_snapshot!(check(|d| std::fs::remove_file(
        d.join("conferences/alliance-17/report.md")
    )
    .expect("remove")));
}

#[test]
fn missing_dataset_folder_is_an_error_not_a_diagnostic() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let err = alliance_core::load(&tmp.path().join("nope")).expect_err("missing folder");
    assert_eq!(
        scrub(&err.to_string(), tmp.path()),
        "dataset folder `data/nope` does not exist"
    );
    let file = tmp.path().join("file");
    std::fs::write(&file, "").expect("write");
    let err = alliance_core::load(&file).expect_err("a file");
    assert_eq!(
        scrub(&err.to_string(), tmp.path()),
        "dataset path `data/file` is not a folder; pass the dataset folder, the one that holds `dataset.toml`"
    );
}

/// A UTF-8 byte-order mark and CRLF line endings in every file change nothing.
#[test]
fn bom_and_crlf_everywhere_are_clean() {
    let tmp = copy_of_data();
    let mut files = 0;
    visit(tmp.path(), &mut |path| {
        let text = std::fs::read_to_string(path).expect("read");
        std::fs::write(path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).expect("write");
        files += 1;
    });
    assert!(files > 15);
    let loaded = alliance_core::load(tmp.path()).expect("loads");
    let rendered = render_all(&loaded.diagnostics, &loaded.sources, Color::Never);
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    let clean = alliance_core::load(&alliance_tests::data_dir()).expect("loads");
    assert_eq!(loaded.dataset, clean.dataset);
}

fn visit(dir: &Path, f: &mut impl FnMut(&Path)) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            visit(&path, f);
        } else if path.extension().is_some_and(|e| e == "toml" || e == "md") {
            f(&path);
        }
    }
}
