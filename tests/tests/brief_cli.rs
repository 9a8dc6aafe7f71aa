//! `alliance-brief` end to end: what it writes, byte-identical runs, a new or empty output
//! folder, a run over an earlier one, `--theme`, unknown themes, markup in the data, a theme
//! too long for one page, and an unwritable output folder. With two conferences (the
//! fictional fixture `tests/fixtures/two-conferences`): the briefs of each, a brief across
//! them, the indexes, `--conference`, the summary line, the warnings for what a selection
//! holds that no brief shows, and `--help`'s exit codes. `--pdf` is tested in `brief_pdf.rs`.

use std::path::{Path, PathBuf};

use alliance_tests::{assert_code, copy_of_data, data_dir, mutate, text, workspace_root};

mod common {
    pub(crate) mod brief;
}
use common::brief::{brief, files, read, tree};

/// The fictional dataset of two conferences: the real 17th and a made-up 98th.
fn two_conferences() -> PathBuf {
    workspace_root().join("tests/fixtures/two-conferences")
}

/// The briefs and indexes the real data gets: a brief per theme of its one conference.
fn real_tree() -> Vec<String> {
    let mut expected: Vec<String> = theme_ids()
        .iter()
        .map(|t| format!("alliance-17/{t}.html"))
        .collect();
    expected.push("alliance-17/index.html".to_owned());
    expected.push("index.html".to_owned());
    expected.sort();
    expected
}

fn theme_ids() -> Vec<String> {
    let loaded = alliance_core::load(&data_dir()).expect("dataset");
    loaded.dataset.themes.iter().map(|t| t.id.clone()).collect()
}

#[test]
fn writes_an_index_and_a_brief_per_theme_byte_identically() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b/nested"));
    assert_code(&brief(&data_dir(), &a, &[]), 0);
    assert_code(&brief(&data_dir(), &b, &[]), 0);

    assert_eq!(tree(&a), real_tree(), "and no temporary file is left");
    for name in tree(&a) {
        let first = std::fs::read(a.join(&name)).expect("read");
        assert_eq!(first, std::fs::read(b.join(&name)).expect("read"), "{name}");
    }
    let index = std::fs::read_to_string(a.join("alliance-17/index.html")).expect("index");
    for id in theme_ids() {
        assert!(index.contains(&format!("href=\"{id}.html\"")), "{id}");
    }
    let conferences = std::fs::read_to_string(a.join("index.html")).expect("index");
    assert!(
        conferences.contains("href=\"alliance-17/index.html\""),
        "{conferences}"
    );
}

#[test]
fn into_a_new_or_empty_folder_the_pages_appear_with_nothing_left_beside_them() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let reference = tmp.path().join("reference");
    assert_code(&brief(&data_dir(), &reference, &[]), 0);
    // a folder whose parent does not exist yet, and an empty folder
    let (nested, empty) = (tmp.path().join("new/nested"), tmp.path().join("empty"));
    std::fs::create_dir(&empty).expect("mkdir");
    for out in [&nested, &empty] {
        assert_code(&brief(&data_dir(), out, &[]), 0);
        assert_eq!(tree(out), tree(&reference));
        for name in tree(&reference) {
            assert_eq!(
                std::fs::read(out.join(&name)).expect("read"),
                std::fs::read(reference.join(&name)).expect("read"),
                "{name}"
            );
        }
    }
    // no staging folder is left beside them
    assert_eq!(files(&tmp.path().join("new")), ["nested"]);
    assert_eq!(files(tmp.path()), ["empty", "new", "reference"]);
}

#[test]
fn a_run_over_an_earlier_one_replaces_its_pages_and_leaves_other_files() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (fresh, out) = (tmp.path().join("fresh"), tmp.path().join("out"));
    assert_code(&brief(&data_dir(), &fresh, &[]), 0);
    // an earlier run of one theme, a page since changed by hand, and a file of someone else's
    let ids = theme_ids();
    assert_code(&brief(&data_dir(), &out, &["--theme", &ids[0]]), 0);
    std::fs::write(out.join(format!("alliance-17/{}.html", ids[0])), "stale").expect("write");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    assert_code(&brief(&data_dir(), &out, &[]), 0);
    let mut expected = tree(&fresh);
    expected.push("notes.txt".to_owned());
    expected.sort();
    assert_eq!(tree(&out), expected, "and no temporary file is left");
    for name in tree(&fresh) {
        assert_eq!(
            std::fs::read(out.join(&name)).expect("read"),
            std::fs::read(fresh.join(&name)).expect("read"),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).expect("read"),
        "mine"
    );
}

#[test]
fn a_subset_of_themes_renders_only_those() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = brief(
        &data_dir(),
        tmp.path(),
        &["--theme", "data-and-evidence,children-on-the-move"],
    );
    assert_code(&out, 0);
    assert_eq!(
        tree(tmp.path()),
        [
            "alliance-17/children-on-the-move.html",
            "alliance-17/data-and-evidence.html",
            "alliance-17/index.html",
            "index.html"
        ]
    );
    let index = std::fs::read_to_string(tmp.path().join("alliance-17/index.html")).expect("index");
    assert!(!index.contains("criminal-justice.html"));
}

#[test]
fn one_theme_into_a_folder_of_all_keeps_every_brief_in_the_indexes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (all, out) = (tmp.path().join("all"), tmp.path().join("out"));
    assert_code(&brief(&data_dir(), &all, &[]), 0);
    assert_code(&brief(&data_dir(), &out, &[]), 0);
    assert_code(
        &brief(&data_dir(), &out, &["--theme", "criminal-justice"]),
        0,
    );
    assert_eq!(tree(&out), real_tree());
    // the indexes still list every brief the folder holds: the same bytes as after a full run
    for index in ["alliance-17/index.html", "index.html"] {
        assert_eq!(
            std::fs::read_to_string(out.join(index)).expect("index"),
            std::fs::read_to_string(all.join(index)).expect("index"),
            "{index}"
        );
    }
    // and a brief that a run of another conference left is listed too
    let fixture = tmp.path().join("fixture");
    assert_code(&brief(&two_conferences(), &fixture, &[]), 0);
    assert_code(
        &brief(
            &two_conferences(),
            &fixture,
            &["--conference", "alliance-98"],
        ),
        0,
    );
    let index = std::fs::read_to_string(fixture.join("index.html")).expect("index");
    assert!(index.contains("href=\"alliance-17/index.html\""), "{index}");
    assert!(index.contains("href=\"alliance-98/index.html\""), "{index}");
}

#[test]
fn an_unknown_theme_exits_2_lists_the_known_ones_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out_dir = tmp.path().join("out");
    let out = brief(
        &data_dir(),
        &out_dir,
        &["--theme", "criminal-justice", "--theme", "criminal-justise"],
    );
    assert_code(&out, 2);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "alliance-brief: error: --theme: unknown theme `criminal-justise` (did you mean \
             `criminal-justice`?); known themes: "
        ),
        "{stderr}"
    );
    for id in theme_ids() {
        assert!(stderr.contains(&id), "{id} in {stderr}");
    }
    assert!(!out_dir.exists());
}

#[test]
fn markup_in_the_data_never_becomes_markup_in_a_brief() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        "registry/people.toml",
        "name = \"Susanne Riegler\"",
        "name = \"<script>alert('name')</script> Riegler\"",
    );
    mutate(
        tmp.path(),
        "registry/organizations.toml",
        "name = \"ORF\"",
        "name = \"<script>alert('org')</script><b onclick=\\\"x()\\\">ORF</b>\"",
    );
    mutate(
        tmp.path(),
        "vocabularies/themes.toml",
        "name = \"Children on the move\"",
        "name = \"Children <img src=x onerror=alert(1)> on the move & more\"",
    );
    // the output goes outside the dataset (a folder inside it is refused)
    let outs = tempfile::tempdir().expect("temp dir");
    let out_dir = outs.path().join("out");
    assert_code(&brief(tmp.path(), &out_dir, &[]), 0);

    let brief = std::fs::read_to_string(out_dir.join("alliance-17/children-on-the-move.html"))
        .expect("brief");
    // the moderator of Panel 1 and her organization, escaped
    assert!(
        brief.contains(
            "Moderator: &#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62; Riegler \
             (&#60;script&#62;alert(&#39;org&#39;)&#60;/script&#62;&#60;b onclick=&#34;x()&#34;&#62;ORF&#60;/b&#62;)"
        ),
        "{brief}"
    );
    assert!(
        brief.contains(
            "<h1>Children &#60;img src=x onerror=alert(1)&#62; on the move &#38; more</h1>"
        )
    );
    for name in tree(&out_dir) {
        let html = std::fs::read_to_string(out_dir.join(&name)).expect("read");
        for markup in ["<script", "<b ", "<img", "onclick=\"", "& more"] {
            assert!(!html.contains(markup), "{name} contains {markup}");
        }
    }
}

#[test]
fn a_theme_too_long_for_one_page_exits_1_names_it_and_writes_nothing() {
    let tmp = copy_of_data();
    let themes = tmp.path().join("vocabularies/themes.toml");
    let mut vocabulary = std::fs::read_to_string(&themes).expect("themes");
    vocabulary.push_str(
        "\n[[term]]\nid = \"everything\"\nname = \"Everything\"\ndescription = \"Every \
         recommendation of the dataset: far more than one page can hold, even in two columns \
         of small type.\"\n",
    );
    std::fs::write(&themes, vocabulary).expect("write themes");
    let sessions = tmp.path().join("conferences/alliance-17/sessions");
    for entry in std::fs::read_dir(&sessions).expect("sessions") {
        let path = entry.expect("entry").path();
        let toml = std::fs::read_to_string(&path).expect("session");
        let toml = toml.replace("\nthemes = [\"", "\nthemes = [\"everything\", \"");
        std::fs::write(&path, toml).expect("write session");
    }
    // the output goes outside the dataset (a folder inside it is refused)
    let outs = tempfile::tempdir().expect("temp dir");
    let out_dir = outs.path().join("out");
    let out = brief(tmp.path(), &out_dir, &[]);
    assert_code(&out, 1);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "alliance-brief: error: theme `everything` (Everything) of conference \
             `alliance-17` does not fit one A4 page: its 59 items need about "
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("% of a page even in the densest layout ("),
        "{stderr}"
    );
    assert!(stderr.contains("% over)"), "{stderr}");
    assert!(!out_dir.exists());

    // the other themes still render on their own
    assert_code(
        &brief(tmp.path(), &out_dir, &["--theme", "trust-and-rapport"]),
        0,
    );
}

#[test]
fn an_unwritable_output_folder_exits_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("write");
    let out = brief(&data_dir(), &file, &[]);
    assert_code(&out, 2);
    assert!(
        text(&out.stderr).contains("cannot create the output folder"),
        "{}",
        text(&out.stderr)
    );
}

/// A page without its stylesheet (the same in every page), for snapshots.
fn without_style(html: &str) -> String {
    match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}<style>…</style>{}", &html[..a], &html[b + 8..]),
        _ => html.to_owned(),
    }
}

/// A page without its layout's name, in the body's class.
fn without_layout(html: &str) -> String {
    let Some(at) = html.find("<body class=\"brief layout-") else {
        return html.to_owned();
    };
    let end = at + html[at..].find("\">").expect("the class ends");
    format!("{}<body class=\"brief\">{}", &html[..at], &html[end + 2..])
}

#[test]
fn two_conferences_get_a_folder_of_briefs_each_and_an_index_of_both() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let run = brief(&two_conferences(), &out, &[]);
    assert_code(&run, 0);
    insta::assert_snapshot!("two_conferences_files", tree(&out).join("\n"));
    insta::assert_snapshot!(
        "two_conferences_index",
        without_style(&read(&out, "index.html"))
    );
    insta::assert_snapshot!(
        "two_conferences_alliance_98_index",
        without_style(&read(&out, "alliance-98/index.html"))
    );
    // a theme both conferences have: a brief in each folder, each of its own conference only
    let a98 = read(&out, "alliance-98/criminal-justice.html");
    insta::assert_snapshot!(
        "two_conferences_alliance_98_criminal_justice",
        without_style(&a98)
    );
    let a17 = read(&out, "alliance-17/criminal-justice.html");
    assert!(
        !a17.contains("a98-") && !a17.contains("98th Alliance"),
        "{a17}"
    );
    assert!(!a98.contains("a17-") && !a98.contains("17th"), "{a98}");
    // the 17th conference's briefs are those of the real data alone
    let real = tmp.path().join("real");
    assert_code(&brief(&data_dir(), &real, &[]), 0);
    for t in theme_ids() {
        let path = format!("alliance-17/{t}.html");
        let (ours, theirs) = (read(&out, &path), read(&real, &path));
        // but for the dataset's title in the footer, which takes a second line there, so that
        // a brief may take a denser layout (its sizes, in the stylesheet and the body's class)
        let title = "Alliance against Trafficking in Persons conferences";
        let fixture = format!("{title}, with a fictional 98th (test fixture)");
        let ours = without_layout(&without_style(&ours.replace(&fixture, title)));
        assert_eq!(ours, without_layout(&without_style(&theirs)), "{path}");
    }
    // a theme with no item in the 98th has no brief there
    assert!(!out.join("alliance-98/trust-and-rapport.html").exists());
    assert_eq!(
        text(&run.stderr),
        format!(
            "alliance-brief: wrote 18 briefs and 3 index pages to {} — 13 themes of 2 conferences\n",
            out.display()
        )
    );
}

#[test]
fn across_conferences_one_brief_per_theme_groups_its_items_by_conference() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let run = brief(
        &two_conferences(),
        &out,
        &[
            "--across-conferences",
            "--theme",
            "criminal-justice,identification-and-referral",
        ],
    );
    assert_code(&run, 0);
    assert_eq!(
        tree(&out),
        [
            "criminal-justice.html",
            "identification-and-referral.html",
            "index.html"
        ]
    );
    let html = read(&out, "criminal-justice.html");
    insta::assert_snapshot!("across_criminal_justice", without_style(&html));
    // each conference under its heading, in the dataset's order, with its own summary and
    // references; the publisher of their reports is named once
    let a17 = html
        .find("<h3 class=\"part-head\">17th")
        .expect("the 17th's heading");
    let a98 = html
        .find("<h3 class=\"part-head\">98th")
        .expect("the 98th's heading");
    assert!(a17 < a98);
    assert_eq!(html.matches("<p class=\"summary\">").count(), 2);
    assert_eq!(
        html.matches("<span class=\"k\">Sections quoted</span>")
            .count(),
        2
    );
    assert_eq!(
        html.matches("<span class=\"from\">From the OSCE reports of 2 conferences</span>")
            .count(),
        1
    );
    assert_eq!(
        html.matches("class=\"conference\"").count(),
        0,
        "no figures box of one"
    );
    insta::assert_snapshot!("across_index", without_style(&read(&out, "index.html")));
    assert_eq!(
        text(&run.stderr),
        format!(
            "alliance-brief: wrote 2 briefs and 1 index page to {} — 2 themes across 2 conferences\n",
            out.display()
        )
    );
}

#[test]
fn across_conferences_a_brief_too_long_is_refused_with_how_much_it_is_over() {
    // every recommendation of both conferences in one theme
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    copy_tree(&two_conferences(), &data);
    for conference in ["alliance-17", "alliance-98"] {
        let sessions = data.join(format!("conferences/{conference}/sessions"));
        for entry in std::fs::read_dir(&sessions).expect("sessions") {
            let path = entry.expect("entry").path();
            let toml = std::fs::read_to_string(&path).expect("session");
            let toml = toml.replace("\nthemes = [\"", "\nthemes = [\"trust-and-rapport\", \"");
            std::fs::write(&path, toml).expect("write session");
        }
    }
    let out_dir = tmp.path().join("out");
    let out = brief(
        &data,
        &out_dir,
        &["--across-conferences", "--theme", "trust-and-rapport"],
    );
    assert_code(&out, 1);
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(
            "alliance-brief: error: theme `trust-and-rapport` (Trust and rapport) across \
             conferences `alliance-17`, `alliance-98` does not fit one A4 page: its 64 items \
             need about "
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("% over); select fewer conferences with --conference"),
        "{stderr}"
    );
    assert!(!out_dir.exists());
}

fn copy_tree(from: &Path, to: &Path) {
    for path in tree(from) {
        let target = to.join(&path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from.join(&path), target).expect("copy");
    }
}

#[test]
fn conference_selects_one_and_an_unknown_one_is_listed_with_a_suggestion() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    assert_code(
        &brief(&two_conferences(), &out, &["--conference", "alliance-98"]),
        0,
    );
    assert_eq!(
        tree(&out),
        [
            "alliance-98/capacity-building-and-training.html",
            "alliance-98/child-protection-systems.html",
            "alliance-98/criminal-justice.html",
            "alliance-98/data-and-evidence.html",
            "alliance-98/identification-and-referral.html",
            "alliance-98/index.html",
            "index.html"
        ]
    );
    let index = read(&out, "index.html");
    assert!(index.contains("href=\"alliance-98/index.html\""), "{index}");
    assert!(!index.contains("alliance-17"), "{index}");

    let missing = tmp.path().join("missing");
    let run = brief(
        &two_conferences(),
        &missing,
        &[
            "--conference",
            "alliance-98,alliance-71",
            "--theme",
            "trust",
        ],
    );
    assert_code(&run, 2);
    assert_eq!(
        text(&run.stderr),
        "alliance-brief: error: --conference: unknown conference `alliance-71` (did you mean \
         `alliance-17`?); known conferences: alliance-17, alliance-98\n\
         alliance-brief: error: --theme: unknown theme `trust` (did you mean \
         `trust-and-rapport`?); known themes: \
         child-protection-systems, children-on-the-move, best-interests-and-participation, \
         identification-and-referral, trust-and-rapport, criminal-justice, \
         legal-and-policy-frameworks, multi-agency-co-ordination, international-co-operation, \
         data-and-evidence, prevention-and-awareness, emerging-trends, \
         capacity-building-and-training\n"
    );
    assert!(!missing.exists());
}

#[test]
fn a_selection_that_matches_nothing_exits_1_names_what_it_skipped_and_writes_nothing() {
    // the 98th has no recommendation on trust and rapport
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    let selection = [
        "--conference",
        "alliance-98",
        "--theme",
        "trust-and-rapport",
    ];
    let run = brief(&two_conferences(), &out, &selection);
    assert_code(&run, 1);
    insta::assert_snapshot!("nothing_matches", text(&run.stderr));
    assert!(!out.exists());
    // nor across conferences, nor with --quiet: the warning and the error are no summary
    let across = [&selection[..], &["--across-conferences", "--quiet"]].concat();
    let run = brief(&two_conferences(), &out, &across);
    assert_code(&run, 1);
    insta::assert_snapshot!("nothing_matches_across", text(&run.stderr));
    assert!(!out.exists());

    // a theme given that one of the conferences lacks: the other's brief is written, and the
    // one not written is named
    let run = brief(
        &two_conferences(),
        &out,
        &["--theme", "trust-and-rapport,criminal-justice"],
    );
    assert_code(&run, 0);
    assert_eq!(
        text(&run.stderr),
        format!(
            "alliance-brief: warning: theme `trust-and-rapport` has no recommendation in \
             conference `alliance-98`: it has no brief there\n\
             alliance-brief: wrote 3 briefs and 3 index pages to {} — 2 themes of 2 \
             conferences\n",
            out.display()
        )
    );
    assert!(out.join("alliance-17/trust-and-rapport.html").exists());
    assert!(!out.join("alliance-98/trust-and-rapport.html").exists());
}

/// A copy of the two conferences in which no recommendation of the 98th is under a theme (it
/// has no `themes`), and one of the 17th is under none either.
fn the_98th_unclassified() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_tree(&two_conferences(), tmp.path());
    let sessions = tmp.path().join("conferences/alliance-98/sessions");
    for entry in std::fs::read_dir(&sessions).expect("sessions") {
        let path = entry.expect("entry").path();
        let toml = std::fs::read_to_string(&path).expect("session");
        let unclassified: Vec<&str> = toml
            .lines()
            .filter(|l| !l.starts_with("themes = ["))
            .collect();
        std::fs::write(&path, unclassified.join("\n") + "\n").expect("write session");
    }
    mutate(
        tmp.path(),
        "conferences/alliance-17/sessions/02-panel-1.toml",
        "\nthemes = [\"child-protection-systems\", \"children-on-the-move\"]",
        "\nthemes = []",
    );
    tmp
}

#[test]
fn a_conference_with_no_recommendation_under_a_theme_is_named_not_left_out_silently() {
    let data = the_98th_unclassified();
    let outs = tempfile::tempdir().expect("temp dir");
    let out = outs.path().join("out");
    let run = brief(data.path(), &out, &[]);
    assert_code(&run, 0);
    let stderr = text(&run.stderr).replace(&out.display().to_string(), "OUT");
    insta::assert_snapshot!("unclassified", stderr);
    assert!(!out.join("alliance-98").exists());
    assert!(out.join("alliance-17/index.html").exists());
    // across conferences, the same; the 98th alone is nothing to write
    let across = outs.path().join("across");
    let run = brief(data.path(), &across, &["--across-conferences"]);
    assert_code(&run, 0);
    let stderr = text(&run.stderr);
    assert!(
        stderr.starts_with(
            "alliance-brief: warning: conference `alliance-17` has 1 recommendation under no \
             theme, in no brief: `a17-panel-1-r01`\n\
             alliance-brief: warning: conference `alliance-98` has no recommendation \
             classified under a theme: it is in no brief\n"
        ),
        "{stderr}"
    );
    let alone = outs.path().join("alone");
    let run = brief(data.path(), &alone, &["--conference", "alliance-98"]);
    assert_code(&run, 1);
    assert_eq!(
        text(&run.stderr),
        "alliance-brief: warning: conference `alliance-98` has no recommendation classified \
         under a theme: it has no brief\n\
         alliance-brief: error: the selection matches no recommendation: no brief to write, \
         nothing written\n"
    );
    assert!(!alone.exists());
}

#[test]
fn help_gives_the_exit_codes_of_the_contract() {
    let run = alliance_tests::bin("alliance-brief")
        .arg("--help")
        .output()
        .expect("runs");
    assert_code(&run, 0);
    let help = text(&run.stdout);
    let codes = &help[help.find("Exit codes:").expect("an exit-code section")..];
    insta::assert_snapshot!("help_exit_codes", codes);
    // each case the contract gives alliance-brief's exit 1
    let contracts =
        std::fs::read_to_string(workspace_root().join("docs/contracts.md")).expect("contracts");
    assert!(
        contracts.contains("a selection that matches no recommendation"),
        "docs/contracts.md names the new case"
    );
}

#[test]
fn quiet_prints_nothing_on_success() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = brief(&data_dir(), &tmp.path().join("out"), &["--quiet"]);
    assert_code(&run, 0);
    assert_eq!(text(&run.stderr), "");
    assert_eq!(text(&run.stdout), "");
}

#[test]
fn a_session_heading_and_its_people_keep_together_with_its_first_item() {
    // the dense two-column brief of the real data: every session's heading and the line of
    // its people are one block that a column may not break inside or after
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_code(&brief(&data_dir(), tmp.path(), &[]), 0);
    let html = read(tmp.path(), "alliance-17/legal-and-policy-frameworks.html");
    assert!(
        html.contains("<body class=\"brief layout-dense\">"),
        "{html}"
    );
    assert!(
        html.contains("\n.head { break-inside: avoid; break-after: avoid; }\n"),
        "{html}"
    );
    let groups = html.matches("<section class=\"group\">").count();
    assert!(groups > 1);
    assert_eq!(
        html.matches("<section class=\"group\">\n<div class=\"head\">\n<h3>")
            .count(),
        groups
    );
    for group in html.split("<section class=\"group\">").skip(1) {
        let head = &group[..group.find("</div>").expect("the head's end")];
        assert_eq!(head.matches("<p class=\"meta\">").count(), 1, "{group}");
        assert!(
            group[head.len()..].starts_with("</div>\n<ol class=\"items\">"),
            "{group}"
        );
    }
}

#[test]
fn refuses_a_paraphrase_and_a_dropped_bullet_writing_nothing() {
    alliance_tests::assert_refuses_unfaithful_data("alliance-brief");
}
