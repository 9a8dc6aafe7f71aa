//! `alliance-brief --pdf` end to end: without Chromium, each brief printed on one page, a word
//! too wide for a line wrapped within the margins, a PDF on two pages leaving nothing written,
//! an index of many briefs set compact on one page, every item of a brief in two columns kept
//! in one of them, and the report, who made the brief and the footer's size as printed.

use std::path::{Path, PathBuf};

use alliance_tests::{assert_code, bin, copy_of_data, data_dir, mutate, text, workspace_root};

mod common {
    pub(crate) mod brief;
}
use common::brief::{brief, files, read, tree};

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
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
        tree(tmp.path()),
        [
            "alliance-17/identification-and-referral.html",
            "alliance-17/identification-and-referral.pdf",
            "alliance-17/index.html",
            "index.html"
        ]
    );
    let pdf = std::fs::read(
        tmp.path()
            .join("alliance-17/identification-and-referral.pdf"),
    )
    .expect("pdf");
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
    let html =
        std::fs::read_to_string(out_dir.join(format!("alliance-17/{theme}.html"))).expect("brief");
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
    let pdf = pdf_dir.join(format!("alliance-17/{theme}.pdf"));
    assert_eq!(pdfinfo_pages(&pdf), 1);
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

/// A folder holding a fake `chromium` that prints every page on two pages, and the folder.
fn two_page_chromium() -> tempfile::TempDir {
    let bin = tempfile::tempdir().expect("temp dir");
    let script = bin.path().join("chromium");
    std::fs::write(
        &script,
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) \
         printf '%%PDF-1.4\\n<</Type /Page>>\\n<</Type /Page>>\\n' > \"${a#--print-to-pdf=}\";; \
         esac; done\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    bin
}

#[cfg(unix)]
#[test]
fn a_pdf_on_two_pages_leaves_nothing_written_the_pdfs_are_staged_with_the_pages() {
    let chromium = two_page_chromium();
    let tmp = tempfile::tempdir().expect("temp dir");
    let (new, old) = (tmp.path().join("new"), tmp.path().join("old"));
    assert_code(&brief(&data_dir(), &old, &[]), 0);
    let before = tree(&old);
    std::fs::write(old.join("alliance-17/criminal-justice.html"), "earlier").expect("write");
    for out in [&new, &old] {
        let run = bin("alliance-brief")
            .arg(data_dir())
            .arg("--out")
            .arg(out)
            .args(["--pdf", "--theme", "criminal-justice"])
            .env("PATH", chromium.path())
            .output()
            .expect("runs");
        assert_code(&run, 1);
        let stderr = text(&run.stderr);
        assert!(
            stderr.contains("alliance-17/criminal-justice.html` printed on 2 pages instead of one"),
            "{stderr}"
        );
    }
    // nothing of the run is in place: no new folder, the earlier pages untouched
    assert!(!new.exists());
    assert_eq!(files(tmp.path()), ["old"]);
    assert_eq!(tree(&old), before);
    assert_eq!(read(&old, "alliance-17/criminal-justice.html"), "earlier");
}

/// Prints `html` with Chromium (the flags of `--pdf`) and counts the PDF's pages with
/// `pdfinfo`.
fn printed_pages(html: &Path, pdf: &Path) -> usize {
    let chromium = alliance_brief::pdf::find_chromium().expect("chromium");
    let profile = tempfile::tempdir().expect("temp dir");
    let run = std::process::Command::new(&chromium.path)
        .args(alliance_brief::pdf::HEADLESS_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(alliance_brief::pdf::file_url(
            &std::fs::canonicalize(html).expect("html"),
        ))
        .output()
        .expect("chromium runs");
    assert_code(&run, 0);
    pdfinfo_pages(pdf)
}

#[test]
fn an_index_of_many_briefs_sets_them_compact_on_one_page() {
    // 20 more themes: 33 briefs in the conference
    let tmp = copy_of_data();
    let themes = tmp.path().join("vocabularies/themes.toml");
    let mut vocabulary = std::fs::read_to_string(&themes).expect("themes");
    for i in 1..=20 {
        vocabulary.push_str(&format!(
            "\n[[term]]\nid = \"extra-{i}\"\nname = \"Extra theme number {i}\"\n"
        ));
    }
    std::fs::write(&themes, vocabulary).expect("write themes");
    // all of them on the first recommendation of Panel 1
    let extra: String = (1..=20).map(|i| format!("\"extra-{i}\", ")).collect();
    mutate(
        tmp.path(),
        "conferences/alliance-17/sessions/02-panel-1.toml",
        "\nthemes = [\"",
        &format!("\nthemes = [{extra}\""),
    );
    let outs = tempfile::tempdir().expect("temp dir");
    let out = outs.path().join("out");
    assert_code(&brief(tmp.path(), &out, &[]), 0);
    let index = read(&out, "alliance-17/index.html");
    assert_eq!(index.matches("<tr>\n<td>").count(), 33);
    assert!(index.contains("<body class=\"index compact\">"), "{index}");
    // the real data's 13 are set in full
    let real = outs.path().join("real");
    assert_code(&brief(&data_dir(), &real, &[]), 0);
    assert!(read(&real, "alliance-17/index.html").contains("<body class=\"index\">"));
    if can_print_and_read_pdfs() {
        let pdf = outs.path().join("index.pdf");
        assert_eq!(printed_pages(&out.join("alliance-17/index.html"), &pdf), 1);
    }
}

/// The fictional dataset of two conferences: the real 17th and a made-up 98th.
fn two_conferences() -> PathBuf {
    workspace_root().join("tests/fixtures/two-conferences")
}

/// A word of a PDF as `pdftotext -raw -bbox` gives it: its text and its box, in points.
struct Word {
    text: String,
    x_min: f64,
    y_min: f64,
    y_max: f64,
}

/// The value of the attribute `name` in an element's text.
fn attribute(element: &str, name: &str) -> Option<f64> {
    let at = element.find(&format!(" {name}=\""))? + name.len() + 3;
    element[at..].split('"').next()?.parse().ok()
}

/// The width of a PDF's (first) page and its words in the order they were drawn (`-raw`: the
/// order of the page's text, not a reading order of pdftotext's own).
fn words(pdf: &Path) -> (f64, Vec<Word>) {
    let run = std::process::Command::new("pdftotext")
        .args(["-raw", "-bbox"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert_code(&run, 0);
    let out = text(&run.stdout);
    let width = out
        .lines()
        .find(|l| l.trim_start().starts_with("<page "))
        .and_then(|l| attribute(l, "width"))
        .expect("a page");
    let words = out
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("<word ")?;
            let (attributes, text) = rest.split_once('>')?;
            let text = text.strip_suffix("</word>")?;
            Some(Word {
                text: text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
                x_min: attribute(&format!(" {attributes}"), "xMin")?,
                y_min: attribute(&format!(" {attributes}"), "yMin")?,
                y_max: attribute(&format!(" {attributes}"), "yMax")?,
            })
        })
        .collect();
    (width, words)
}

/// The items of a printed brief in two columns (its `<li id="...">`, their words the
/// dataset's) that are not wholly in one half of the page, or not found on it: each with its
/// words in each half.
fn items_not_in_one_column(
    html: &str,
    dataset: &alliance_core::Dataset,
    pdf: &Path,
) -> Vec<String> {
    let (width, words) = words(pdf);
    // the words run together, and where each begins
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(words.len());
    for w in &words {
        starts.push(joined.len());
        joined.push_str(&w.text);
    }
    let mut wrong = Vec::new();
    let mut from = 0;
    for rest in html.split("<li id=\"").skip(1) {
        let id = rest.split('"').next().expect("an id");
        let rec = dataset
            .recommendations
            .iter()
            .find(|r| r.id == id)
            .expect("a recommendation of the dataset");
        let needle: String = rec.text.split_whitespace().collect();
        let Some(at) = joined[from..].find(&needle).map(|i| i + from) else {
            wrong.push(format!("{id}: not found on the page"));
            continue;
        };
        from = at + needle.len();
        let first = starts.partition_point(|&s| s <= at) - 1;
        let last = starts.partition_point(|&s| s < from) - 1;
        let (left, right): (Vec<&Word>, Vec<&Word>) = words[first..=last]
            .iter()
            .partition(|w| w.x_min < width / 2.0);
        if !left.is_empty() && !right.is_empty() {
            let line = |ws: &[&Word]| {
                ws.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            wrong.push(format!("{id}: “{}” | “{}”", line(&left), line(&right)));
        }
    }
    wrong
}

/// The PDFs under `dir`, each with its page, `/`-separated and sorted.
fn printed(dir: &Path) -> Vec<(String, PathBuf)> {
    tree(dir)
        .into_iter()
        .filter(|p| p.ends_with(".pdf"))
        .map(|p| (p.clone(), dir.join(&p)))
        .collect()
}

/// Pages of a PDF, by `pdfinfo`.
fn pdfinfo_pages(pdf: &Path) -> usize {
    let info = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs");
    assert_code(&info, 0);
    text(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count")
}

#[test]
fn across_conferences_every_item_is_printed_in_one_column_and_on_one_page() {
    if !can_print_and_read_pdfs() {
        return;
    }
    let outs = tempfile::tempdir().expect("temp dir");
    let mut columns = 0;
    for (name, data) in [("fixture", two_conferences()), ("data", data_dir())] {
        let out = outs.path().join(name);
        assert_code(&brief(&data, &out, &["--across-conferences", "--pdf"]), 0);
        let dataset = alliance_core::load(&data).expect("the dataset").dataset;
        let pdfs = printed(&out);
        assert_eq!(pdfs.len(), dataset.themes.len(), "{name}");
        for (path, pdf) in pdfs {
            assert_eq!(pdfinfo_pages(&pdf), 1, "{name}: {path}");
            let html = read(&out, &path.replace(".pdf", ".html"));
            // a brief in one column has lines across the page
            if !(html.contains("layout-two-column") || html.contains("layout-dense")) {
                continue;
            }
            columns += 1;
            let wrong = items_not_in_one_column(&html, &dataset, &pdf);
            assert!(wrong.is_empty(), "{name}: {path}: {}", wrong.join("\n"));
        }
    }
    // briefs in two columns were among them: the fixture's criminal justice, whose quotation
    // of "international support programmes" the columns once broke, and others
    assert!(columns >= 2, "{columns} briefs in two columns");
}

#[test]
fn a_brief_names_the_report_as_its_publishers_says_who_made_it_and_prints_its_footer_large() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let all = tmp.path().join("all");
    assert_code(&brief(&two_conferences(), &all, &[]), 0);
    let a98 = read(&all, "alliance-98/criminal-justice.html");
    // the masthead names the report as the OSCE's, not the brief
    assert!(
        a98.contains(
            "<p class=\"eyebrow\"><a href=\"index.html\" title=\"All thematic briefs\">Thematic \
             brief</a><span class=\"from\">From the OSCE report: Highlights of the 98th Alliance \
             against Trafficking in Persons Conference (fictional)</span></p>"
        ),
        "{a98}"
    );
    let about = "<p><span class=\"k\">About</span> Made with the Alliance toolkit from the \
                 published report. Its themes and pillars are this dataset’s classification, not \
                 the OSCE’s.</p>";
    assert!(a98.contains(about), "{a98}");
    // no page reads as the OSCE's own, every page says who made it
    for page in tree(&all) {
        let html = read(&all, &page);
        assert!(!html.contains("OSCE · OSR/CTHB"), "{page}");
        let made = "<span class=\"k\">About</span> Made with the Alliance toolkit from the \
                    published report";
        assert!(html.contains(made), "{page}");
    }
    let across = tmp.path().join("across");
    let run = brief(&two_conferences(), &across, &["--across-conferences"]);
    assert_code(&run, 0);
    let html = read(&across, "criminal-justice.html");
    let from = "<span class=\"from\">From the OSCE reports of 2 conferences</span>";
    assert!(html.contains(from), "{html}");
    let made = "Made with the Alliance toolkit from the published reports.";
    assert!(html.contains(made), "{html}");

    // and as printed
    if !can_print_and_read_pdfs() {
        return;
    }
    let out = tmp.path().join("out");
    assert_code(
        &brief(
            &two_conferences(),
            &out,
            &[
                "--pdf",
                "--conference",
                "alliance-98",
                "--theme",
                "criminal-justice",
            ],
        ),
        0,
    );
    let pdf = out.join("alliance-98/criminal-justice.pdf");
    assert_eq!(pdfinfo_pages(&pdf), 1);
    let layout = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert_code(&layout, 0);
    let printed = text(&layout.stdout);
    // the masthead: the report is the OSCE's, the brief is not presented as theirs
    let masthead = printed.lines().next().expect("a first line");
    assert!(masthead.starts_with("THEMATIC BRIEF"), "{masthead}");
    assert!(
        masthead.ends_with(
            "From the OSCE report: Highlights of the 98th Alliance against Trafficking in \
             Persons Conference (fictional)"
        ),
        "{masthead}"
    );
    assert!(!printed.contains("OSR/CTHB"), "{printed}");
    // the footer: who made it, and whose the tags are
    let flat = printed.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "ABOUT Made with the Alliance toolkit from the published report. Its themes and \
             pillars are this dataset’s classification, not the OSCE’s."
        ),
        "{printed}"
    );
    // set in 7.5 pt at least: a word's box is the font's ascent and descent, 1.117 of its size
    // in Liberation Sans and Arial (6.8 pt gave 7.6)
    let (_, words) = words(&pdf);
    for key in ["SOURCE", "DATASET", "ABOUT"] {
        let word = words.iter().find(|w| w.text == key).expect(key);
        let size = (word.y_max - word.y_min) / 1.117;
        assert!(size >= 7.45, "{key}: {size:.2} pt");
    }
}
