//! alliance-import end to end: the 17th report drafted into an empty dataset against the
//! curated `data/` (an agreement table), the same report printed to PDF and read back, two
//! fictional reports (the second in pdftotext's layout, with a returning person), and the
//! draft's lint and export. Its refusals and error paths are tested in `import_cli.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use alliance_core::Dataset;
use alliance_tests::{assert_code, bin, data_dir, empty_dataset, scrub, text};

mod common {
    pub(crate) mod import;
}
use common::import::{available, fixture, import, load, real_report};

/// One row of an agreement table: what is compared, how many agree, out of how many, and
/// the least share that passes.
struct Row {
    what: String,
    agree: usize,
    total: usize,
    least: f64,
}

impl Row {
    fn share(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.agree as f64 / self.total as f64
        }
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = format!("{:<80} {:>9} {:>6} {:>6}\n", "", "agree", "share", "least");
    for r in rows {
        let _ = writeln!(
            out,
            "{:<80} {:>4}/{:<4} {:>6.3} {:>6.2}{}",
            r.what,
            r.agree,
            r.total,
            r.share(),
            r.least,
            if r.share() < r.least { "  FAIL" } else { "" }
        );
    }
    out
}

fn row(what: impl Into<String>, agree: usize, total: usize, least: f64) -> Row {
    Row {
        what: what.into(),
        agree,
        total,
        least,
    }
}

/// Both sets' sizes and what they share.
fn overlap<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> (usize, usize, usize) {
    (a.intersection(b).count(), a.len(), b.len())
}

/// Every (session heading, person's name, role) of the roles compared.
fn roles(ds: &Dataset, role: &str) -> BTreeSet<(String, String)> {
    let names: BTreeMap<&str, &str> = ds
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    ds.sessions
        .iter()
        .flat_map(|s| {
            s.participants
                .iter()
                .filter(|p| p.role == role)
                .map(|p| (s.heading.clone(), names[p.person.as_str()].to_owned()))
        })
        .collect()
}

fn session_heading<'d>(ds: &'d Dataset, id: &str) -> &'d str {
    ds.session(id).map_or("", |s| s.heading.as_str())
}

/// The agreement of a draft with the curated dataset.
fn agreement(draft: &Dataset, curated: &Dataset) -> Vec<Row> {
    let mut rows = Vec::new();
    let (d, c) = (&draft.conferences[0], &curated.conferences[0]);
    let same = |a: bool| usize::from(a);
    rows.push(row(
        "conference dates",
        same(d.start_date == c.start_date) + same(d.end_date == c.end_date),
        2,
        1.0,
    ));
    rows.push(row(
        "conference city and venue",
        same(d.city == c.city) + same(d.venue == c.venue),
        2,
        1.0,
    ));
    rows.push(row(
        "conference edition, series and title",
        same(d.edition == c.edition) + same(d.series == c.series) + same(d.title == c.title),
        3,
        1.0,
    ));
    let figures = |ds: &Dataset, conference_wide: bool| -> BTreeSet<(String, u64, String)> {
        ds.conferences[0]
            .figures
            .iter()
            .filter(|f| f.session.is_none() == conference_wide)
            .map(|f| (f.kind.clone(), f.value, f.as_printed.clone()))
            .collect()
    };
    let (both, _, total) = overlap(&figures(draft, true), &figures(curated, true));
    rows.push(row(
        "headline figures (kind, value, as printed)",
        both,
        total,
        1.0,
    ));
    let (both, _, total) = overlap(&figures(draft, false), &figures(curated, false));
    rows.push(row(
        "session figures (kind, value, as printed)",
        both,
        total,
        0.0,
    ));
    let sessions = |ds: &Dataset| -> Vec<(u32, String, String)> {
        ds.sessions
            .iter()
            .map(|s| (s.order, s.heading.clone(), s.kind.clone()))
            .collect()
    };
    let (ds, cs) = (sessions(draft), sessions(curated));
    let agree = cs.iter().zip(&ds).filter(|(a, b)| a == b).count();
    rows.push(row(
        format!("sessions in order, heading and kind ({} drafted)", ds.len()),
        agree,
        cs.len().max(ds.len()),
        1.0,
    ));
    let recs = |ds: &Dataset| -> BTreeSet<(String, u32, String, String, u32, u32)> {
        ds.recommendations
            .iter()
            .map(|r| {
                (
                    session_heading(ds, &r.session).to_owned(),
                    r.order,
                    r.label.clone(),
                    r.text.clone(),
                    r.source.line,
                    r.source.bullet,
                )
            })
            .collect()
    };
    let (both, drafted, total) = overlap(&recs(draft), &recs(curated));
    rows.push(row(
        format!(
            "recommendations verbatim, session, label, order, line, bullet ({drafted} drafted)"
        ),
        both,
        total.max(drafted),
        1.0,
    ));
    let people =
        |ds: &Dataset| -> BTreeSet<String> { ds.people.iter().map(|p| p.name.clone()).collect() };
    let (both, drafted, total) = overlap(&people(draft), &people(curated));
    rows.push(row(
        format!("people, by name ({drafted} drafted)"),
        both,
        total.max(drafted),
        1.0,
    ));
    for role in ["moderator", "rapporteur", "speaker", "keynote"] {
        let (both, drafted, total) = overlap(&roles(draft, role), &roles(curated, role));
        rows.push(row(format!("{role}: precision"), both, drafted, 0.9));
        rows.push(row(format!("{role}: recall"), both, total, 0.9));
    }
    rows
}

#[test]
fn the_17th_report_reproduces_the_curated_conference() {
    let tmp = empty_dataset();
    let out = import(&real_report(), "alliance-17", tmp.path(), &[]);
    assert_code(&out, 0);
    insta::assert_snapshot!("summary_17th", text(&out.stderr));
    let draft = load(tmp.path());
    let curated = load(&data_dir());
    let rows = agreement(&draft.dataset, &curated.dataset);
    let table = table(&rows);
    println!("alliance-import of the 17th report against data/:\n{table}");
    assert!(rows.iter().all(|r| r.share() >= r.least), "{table}");
    // the report is written as given
    let written =
        std::fs::read(tmp.path().join("conferences/alliance-17/report.md")).expect("the report");
    assert_eq!(written, std::fs::read(real_report()).expect("report"));
}

/// Lints a drafted dataset and checks that it finds only what a person must still decide
/// (themes, pillars, organization kinds) and what the report itself leaves out (Panel 3 names
/// no rapporteur and lists nothing of its own; the report gives Pope Francis no position),
/// which a person confirms with an `[[allow]]`; the findings counted by severity and name.
fn classification_findings_only(dataset: &Path) -> BTreeMap<(String, String), usize> {
    let out = bin("alliance-lint")
        .arg(dataset)
        .args(["--format", "json"])
        .output()
        .expect("alliance-lint runs");
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("lint's JSON");
    let mut codes: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in &findings {
        let key = (f["severity"].to_string(), f["name"].to_string());
        *codes.entry(key).or_default() += 1;
    }
    let allowed = [
        "recommendation-without-theme",
        "recommendation-without-pillar",
        "organization-without-kind",
        "unused-theme",
        "missing-rapporteur",
        "session-without-recommendations",
        "person-without-affiliation",
    ];
    let unexpected: Vec<_> = codes
        .keys()
        .filter(|(_, name)| !allowed.contains(&name.trim_matches('"')))
        .collect();
    assert!(unexpected.is_empty(), "{codes:#?}");
    codes
}

#[test]
fn the_draft_lints_with_classification_findings_only_and_exports() {
    let tmp = empty_dataset();
    assert_code(&import(&real_report(), "alliance-17", tmp.path(), &[]), 0);
    let codes = classification_findings_only(tmp.path());
    let errors: Vec<_> = codes
        .iter()
        .filter(|((severity, _), _)| severity == "\"error\"")
        .collect();
    assert_eq!(
        errors,
        [
            (
                &(
                    "\"error\"".into(),
                    "\"recommendation-without-pillar\"".into()
                ),
                &59
            ),
            (
                &(
                    "\"error\"".into(),
                    "\"recommendation-without-theme\"".into()
                ),
                &59
            ),
        ],
        "{codes:#?}"
    );
    let out_dir = tempfile::tempdir().expect("output folder");
    let out = bin("alliance-export")
        .arg(tmp.path())
        .arg("--out")
        .arg(out_dir.path().join("out"))
        .output()
        .expect("alliance-export runs");
    assert_code(&out, 0);
    assert!(out_dir.path().join("out/alliance.xlsx").is_file());
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let (a, b) = (empty_dataset(), empty_dataset());
    assert_code(&import(&real_report(), "alliance-17", a.path(), &[]), 0);
    assert_code(&import(&real_report(), "alliance-17", b.path(), &[]), 0);
    for file in [
        "conferences/alliance-17/conference.toml",
        "conferences/alliance-17/sessions/08-panel-3.toml",
        "registry/people.toml",
        "registry/organizations.toml",
    ] {
        let read = |root: &Path| std::fs::read(root.join(file)).expect("file");
        assert_eq!(read(a.path()), read(b.path()), "{file}");
    }
}

#[test]
fn fictional_reports_one_after_the_other_with_a_returning_person() {
    let tmp = empty_dataset();
    let first = import(&fixture("forum-1.md"), "fictional-1", tmp.path(), &[]);
    assert_code(&first, 0);
    let dry = import(
        &fixture("forum-2.txt"),
        "fictional-2",
        tmp.path(),
        &["--dry-run"],
    );
    assert_code(&dry, 0);
    assert!(!tmp.path().join("conferences/fictional-2").exists());
    insta::assert_snapshot!("fictional_draft", scrub(&text(&dry.stdout), tmp.path()));
    insta::assert_snapshot!("fictional_summary", text(&dry.stderr));
    let second = import(
        &fixture("forum-2.txt"),
        "fictional-2",
        tmp.path(),
        &["--quiet"],
    );
    assert_code(&second, 0);
    assert!(second.stderr.is_empty(), "{}", text(&second.stderr));
    let loaded = load(tmp.path());
    let ds = &loaded.dataset;
    let cy = ds
        .people
        .iter()
        .find(|p| p.name == "Cy Mock")
        .expect("Cy Mock");
    let conferences: Vec<&str> = cy
        .affiliations
        .iter()
        .map(|a| a.conference.as_str())
        .collect();
    assert_eq!(conferences, ["fictional-1", "fictional-2"]);
    assert_eq!(ds.people.iter().filter(|p| p.name == "Cy Mock").count(), 1);
    // the bullet that runs across a page break, and the word split at a line's end
    let texts: Vec<&str> = ds
        .recommendations
        .iter()
        .filter(|r| r.conference == "fictional-2")
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(texts.len(), 5);
    assert!(texts.contains(&"Every recommendation should keep the report's own words, including its co-operation and punctuation;"));
    assert!(texts.contains(&"Page headers, footers and page numbers should not break a quotation that runs across a page break, as this one does when it continues on the next page."));
}

/// The report as a printed page: the outline's title page, headings, paragraphs and lists
/// (bullets and numbers as text, with a hanging indent), a running header and a page number
/// at the foot of every page.
fn html(report: &str) -> String {
    use alliance_core::report::Outline;
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let outline = Outline::parse(report);
    let mut blocks: Vec<(usize, String)> = outline
        .front
        .iter()
        .map(|p| {
            (
                p.line,
                format!("<p class=\"title\">{}</p>", escape(&p.text)),
            )
        })
        .collect();
    let front_lines: BTreeSet<usize> = blocks.iter().map(|(l, _)| *l).collect();
    for s in &outline.sections {
        if !front_lines.contains(&s.line) {
            blocks.push((s.line, format!("<h2>{}</h2>", escape(&s.heading))));
        }
        for p in &s.paragraphs {
            blocks.push((p.line, format!("<p>{}</p>", escape(&p.text))));
        }
        for b in &s.bullets {
            let marker = if s.lists[b.list].numbered {
                format!("{}.", b.number)
            } else {
                "•".to_owned()
            };
            blocks.push((
                b.line,
                format!(
                    "<p class=\"item\">{marker}&#160;&#160;{}</p>",
                    escape(&b.text)
                ),
            ));
        }
    }
    blocks.sort_by_key(|(line, _)| *line);
    let body: Vec<String> = blocks.into_iter().map(|(_, b)| b).collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><style>\
@page {{ size: A4; margin: 22mm 20mm; \
@top-center {{ content: \"Highlights of the 17th Alliance against Trafficking in Persons Conference\"; font-size: 9pt }} \
@bottom-center {{ content: \"Page \" counter(page) \" of \" counter(pages); font-size: 9pt }} }} \
body {{ font: 11pt/1.35 serif; }} h2 {{ font-size: 12pt; margin: 1.5em 0 1em }} \
p {{ margin: 0 0 1em; text-align: justify }} p.title {{ text-align: center }} \
p.item {{ margin: 0 0 0.2em; padding-left: 1.6em; text-indent: -1.6em }} \
p.item + p:not(.item) {{ margin-top: 1em }}\
</style></head><body>\n{}\n</body></html>\n",
        body.join("\n")
    )
}

/// Prints `html` to `pdf` with headless Chromium, as the briefs are printed.
fn print_pdf(html: &Path, pdf: &Path) {
    use alliance_brief::pdf::{HEADLESS_FLAGS, file_url, find_chromium};
    let chromium = find_chromium().expect("chromium");
    let profile = tempfile::tempdir().expect("profile");
    let mut print = std::ffi::OsString::from("--print-to-pdf=");
    print.push(pdf);
    let mut user = std::ffi::OsString::from("--user-data-dir=");
    user.push(profile.path());
    let mut child = Command::new(&chromium.path)
        .args(HEADLESS_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(user)
        .arg(print)
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took longer than two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(pdf.is_file(), "chromium wrote no PDF");
}

/// Words of `a` that are also in `b`, as a share of `a`'s.
fn words_in_common(a: &str, b: &str) -> f64 {
    let b: BTreeSet<&str> = b.split(' ').collect();
    let words: Vec<&str> = a.split(' ').collect();
    words.iter().filter(|w| b.contains(*w)).count() as f64 / words.len().max(1) as f64
}

#[test]
fn the_17th_report_printed_to_pdf_reads_back() {
    if alliance_brief::pdf::find_chromium().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "chromium is needed for this test under CI=true"
        );
        eprintln!("skipped: chromium is not installed");
        return;
    }
    if !available("pdftotext", "-v") {
        return;
    }
    let tmp = empty_dataset();
    let report = std::fs::read_to_string(real_report()).expect("report");
    let page = tmp.path().join("report.html");
    std::fs::write(&page, html(&report)).expect("write");
    let pdf = tmp.path().join("report.pdf");
    print_pdf(&page, &pdf);
    let out = import(&pdf, "alliance-17", tmp.path(), &[]);
    assert_code(&out, 0);
    let folder = tmp.path().join("conferences/alliance-17");
    assert!(folder.join("report.pdf").is_file() && folder.join("report.txt").is_file());
    let draft = load(tmp.path());
    let curated = load(&data_dir());
    let (d, c) = (&draft.dataset, &curated.dataset);
    let by_session = |ds: &Dataset| -> BTreeSet<(String, String)> {
        ds.recommendations
            .iter()
            .map(|r| (session_heading(ds, &r.session).to_owned(), r.text.clone()))
            .collect()
    };
    let (drafted, curated_recs) = (by_session(d), by_session(c));
    let verbatim = drafted.intersection(&curated_recs).count();
    // invented: a drafted recommendation that is no curated one of its session, not even
    // nearly (a word or two read differently)
    let invented: Vec<_> = drafted
        .iter()
        .filter(|(session, text)| {
            !curated_recs
                .iter()
                .any(|(s, t)| s == session && words_in_common(text, t) >= 0.8)
        })
        .collect();
    let names =
        |ds: &Dataset| -> BTreeSet<String> { ds.people.iter().map(|p| p.name.clone()).collect() };
    let (people, _, total_people) = overlap(&names(d), &names(c));
    let rows = vec![
        row(
            format!(
                "recommendations verbatim under the right session ({} drafted)",
                drafted.len()
            ),
            verbatim,
            curated_recs.len(),
            0.95,
        ),
        row(
            "recommendations not invented",
            drafted.len() - invented.len(),
            drafted.len(),
            1.0,
        ),
        row(
            format!("people, by name ({} drafted)", d.people.len()),
            people,
            total_people.max(d.people.len()),
            1.0,
        ),
    ];
    let mut rows = rows;
    for role in ["moderator", "rapporteur", "speaker", "keynote"] {
        let (both, drafted, total) = overlap(&roles(d, role), &roles(c, role));
        rows.push(row(format!("{role}: precision"), both, drafted, 0.9));
        rows.push(row(format!("{role}: recall"), both, total, 0.9));
    }
    let table = table(&rows);
    println!("alliance-import of the 17th report printed to PDF, against data/:\n{table}");
    assert!(
        rows.iter().all(|r| r.share() >= r.least),
        "{table}\ninvented: {invented:#?}"
    );
    // the drafted quotations point into the text the loader reads: lines of report.txt
    let outline_text = std::fs::read_to_string(folder.join("report.txt")).expect("text");
    let outline = alliance_core::report::Outline::parse(&outline_text);
    for r in &d.recommendations {
        let (section, number, bullet) = outline
            .bullet_at(r.source.line as usize)
            .unwrap_or_else(|| panic!("{} line {}", r.id, r.source.line));
        assert_eq!(
            (section.heading.as_str(), number, bullet.text.as_str()),
            (
                session_heading(d, &r.session),
                r.source.bullet as usize,
                r.text.as_str()
            )
        );
    }
    // the verbatim rule reads the PDF's text as the outline does: page furniture and words
    // split at a line end do not make a quotation or printed affiliation differ
    classification_findings_only(tmp.path());
}
