//! Where a person stopped before: a GitHub annotation whose pasteable snippet keeps its
//! lines, and a caret line that keeps within the terminal for a long bullet. (A "did you
//! mean" for an id begun but not finished is `export_cli.rs`'s and `brief_cli.rs`'s.)

use alliance_tests::{assert_code, bin, copy_of_data, text};

/// A copy of the real data without the last recommendation of Panel 1: its bullet is held by
/// none (AL045), whose help ends with the table to paste.
fn a_bullet_lost() -> tempfile::TempDir {
    let data = copy_of_data();
    let path = data
        .path()
        .join("conferences/alliance-17/sessions/02-panel-1.toml");
    let session = std::fs::read_to_string(&path).expect("read");
    let at = session
        .find("[[recommendation]]\nid = \"a17-panel-1-r12\"")
        .expect("r12");
    std::fs::write(&path, &session[..at]).expect("write");
    data
}

fn lint(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    bin("alliance-lint")
        .arg(data)
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn a_github_annotation_keeps_the_snippet_to_paste_in_lines() {
    let data = a_bullet_lost();
    let out = lint(data.path(), &["--format", "github"]);
    assert_code(&out, 1);
    let stdout = text(&out.stdout);
    let annotation = stdout
        .lines()
        .find(|l| l.contains("title=AL045"))
        .expect("the AL045 annotation");
    assert!(
        annotation.contains("%0A[[recommendation]]%0Aid = \"a17-panel-1-r12\"%0A"),
        "{annotation}"
    );
    assert!(!annotation.contains("\\n"), "{annotation}");
}

#[test]
fn a_long_bullet_is_underlined_within_the_terminal() {
    let data = a_bullet_lost();
    let out = lint(data.path(), &[]);
    let stdout = text(&out.stdout);
    let carets = stdout
        .lines()
        .find(|l| l.contains("^ a recommendation the dataset lost"))
        .expect("the caret line");
    assert!(carets.chars().count() < 100, "{carets}");
    assert!(stdout.contains("report.md:66:1"), "{stdout}");
}
