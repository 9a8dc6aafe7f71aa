//! `alliance-brief` end to end: what it writes, byte-identical runs, a new or empty output
//! folder, a run over an earlier one, `--theme`, unknown themes, markup in the data, `--pdf`
//! with and without Chromium, a theme too long for one page, a word too wide for a line, and an
//! unwritable output folder.

use std::path::{Path, PathBuf};
use std::process::Output;

use alliance_tests::{assert_code, bin, copy_of_data, data_dir, mutate, text};

fn brief(data: &Path, out: &Path, extra: &[&str]) -> Output {
    bin("alliance-brief")
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("runs")
}

/// The file names in a folder, sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn theme_ids() -> Vec<String> {
    let loaded = alliance_core::load(&data_dir()).expect("dataset");
    loaded.dataset.themes.iter().map(|t| t.id.clone()).collect()
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

#[test]
fn writes_an_index_and_a_brief_per_theme_byte_identically() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b/nested"));
    assert_code(&brief(&data_dir(), &a, &[]), 0);
    assert_code(&brief(&data_dir(), &b, &[]), 0);

    let mut expected: Vec<String> = theme_ids().iter().map(|t| format!("{t}.html")).collect();
    expected.push("index.html".to_owned());
    expected.sort();
    assert_eq!(files(&a), expected, "and no temporary file is left");
    for name in &expected {
        let first = std::fs::read(a.join(name)).expect("read");
        assert_eq!(first, std::fs::read(b.join(name)).expect("read"), "{name}");
    }
    let index = std::fs::read_to_string(a.join("index.html")).expect("index");
    for id in theme_ids() {
        assert!(index.contains(&format!("href=\"{id}.html\"")), "{id}");
    }
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
        assert_eq!(files(out), files(&reference));
        for name in files(&reference) {
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
    std::fs::write(out.join(format!("{}.html", ids[0])), "stale").expect("write");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    assert_code(&brief(&data_dir(), &out, &[]), 0);
    let mut expected = files(&fresh);
    expected.push("notes.txt".to_owned());
    expected.sort();
    assert_eq!(files(&out), expected, "and no temporary file is left");
    for name in files(&fresh) {
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
        &[
            "--theme",
            "data-and-evidence",
            "--theme",
            "children-on-the-move",
        ],
    );
    assert_code(&out, 0);
    assert_eq!(
        files(tmp.path()),
        [
            "children-on-the-move.html",
            "data-and-evidence.html",
            "index.html"
        ]
    );
    let index = std::fs::read_to_string(tmp.path().join("index.html")).expect("index");
    assert!(!index.contains("criminal-justice.html"));
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
            "alliance-brief: error: unknown theme `criminal-justise`; the known themes are: "
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

    let brief = std::fs::read_to_string(out_dir.join("children-on-the-move.html")).expect("brief");
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
    for name in files(&out_dir) {
        let html = std::fs::read_to_string(out_dir.join(&name)).expect("read");
        for markup in ["<script", "<b ", "<img", "onclick=\"", "& more"] {
            assert!(!html.contains(markup), "{name} contains {markup}");
        }
    }
}

#[test]
fn pdf_without_chromium_exits_2_names_the_package_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let empty = tmp.path().join("empty-path");
    std::fs::create_dir(&empty).expect("dir");
    let out_dir = tmp.path().join("out");
    let out = bin("alliance-brief")
        .arg(data_dir())
        .arg("--out")
        .arg(&out_dir)
        .arg("--pdf")
        .env("PATH", &empty)
        .output()
        .expect("runs");
    assert_code(&out, 2);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--pdf needs Chromium"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(!out_dir.exists());
}

#[test]
fn pdf_prints_each_brief_on_one_page_when_chromium_is_installed() {
    if [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .all(|c| on_path(c).is_none())
    {
        eprintln!("skipped: no Chromium on PATH (`cargo xtask ci` checks the PDFs under CI)");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = brief(
        &data_dir(),
        tmp.path(),
        &["--pdf", "--theme", "identification-and-referral"],
    );
    assert_code(&out, 0);
    assert_eq!(
        files(tmp.path()),
        [
            "identification-and-referral.html",
            "identification-and-referral.pdf",
            "index.html"
        ]
    );
    let pdf = std::fs::read(tmp.path().join("identification-and-referral.pdf")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(alliance_brief_pages(&pdf), 1);
}

/// Whether Chromium, to print a brief, and poppler's `pdfinfo` and `pdftotext`, to read the
/// PDF back, are on PATH. Under CI (`CI=true`) they must be: a missing one fails the test
/// instead of skipping its printing.
fn can_print_and_read_pdfs() -> bool {
    let chromium = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .any(|c| on_path(c).is_some());
    let poppler = ["pdfinfo", "pdftotext"]
        .iter()
        .all(|p| on_path(p).is_some());
    if chromium && poppler {
        return true;
    }
    let missing = match (chromium, poppler) {
        (false, false) => "Chromium and poppler-utils (pdfinfo, pdftotext) are",
        (false, true) => "Chromium is",
        _ => "poppler-utils (pdfinfo, pdftotext) is",
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true, but {missing} not on PATH"
    );
    eprintln!("skipped printing: {missing} not on PATH");
    false
}

/// A 274-character URL: `https://example.org/` and 254 letters, with no place to break a line.
fn long_url() -> String {
    let letters: String = (0..254)
        .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
        .collect();
    format!("https://example.org/{letters}")
}

#[test]
fn a_word_wider_than_the_page_wraps_within_the_margins_and_the_brief_keeps_to_one_page() {
    let url = long_url();
    assert_eq!(url.chars().count(), 274);
    // the organization of Panel 1's moderator, printed under the session's heading
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        "registry/organizations.toml",
        "name = \"ORF\"",
        &format!("name = \"{url}\""),
    );
    // the output goes outside the dataset (a folder inside it is refused)
    let outs = tempfile::tempdir().expect("temp dir");
    let out_dir = outs.path().join("out");
    let theme = "children-on-the-move";
    assert_code(&brief(tmp.path(), &out_dir, &["--theme", theme]), 0);
    let html = std::fs::read_to_string(out_dir.join(format!("{theme}.html"))).expect("brief");
    assert!(
        html.contains(&format!("Moderator: Susanne Riegler ({url})")),
        "{html}"
    );
    // the stylesheet breaks a word wider than its line anywhere, in all of the brief's text
    assert!(
        html.contains("\n.brief { overflow-wrap: anywhere; }\n"),
        "{html}"
    );
    assert!(html.contains("<body class=\"brief layout-"), "{html}");

    if !can_print_and_read_pdfs() {
        return;
    }
    let pdf_dir = outs.path().join("pdf");
    assert_code(
        &brief(tmp.path(), &pdf_dir, &["--pdf", "--theme", theme]),
        0,
    );
    let pdf = pdf_dir.join(format!("{theme}.pdf"));
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    assert_code(&info, 0);
    let pages = text(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().to_owned()));
    assert_eq!(pages.as_deref(), Some("1"), "{}", text(&info.stdout));
    // nothing is cut off at the margin: the URL is on the page whole, over several lines
    let printed = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert_code(&printed, 0);
    let printed = text(&printed.stdout);
    let joined: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(joined.contains(&url), "{printed}");
    assert!(
        !printed.contains(&url),
        "the URL is printed on one line: {printed}"
    );
}

/// Page objects of a PDF (Chromium writes them uncompressed).
fn alliance_brief_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
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
            "alliance-brief: error: theme `everything` (Everything) does not fit one A4 page: \
             its 59 items need about "
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
