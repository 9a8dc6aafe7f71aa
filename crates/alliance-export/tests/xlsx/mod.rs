//! What the tests of the workbook share: the workbook of a dataset, read back by calamine and
//! through its XML parts.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use alliance_core::model::Dataset;
use alliance_export::csv_files::TextCells;
use alliance_export::filter::Selection;
use alliance_export::{Format, Options, render};
use calamine::{Data, Reader, Xlsx};

/// The real dataset's folder.
pub(crate) fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The real dataset, which loads without errors.
pub(crate) fn dataset() -> Dataset {
    let loaded = alliance_core::load(&data_dir()).expect("the dataset loads");
    assert!(!loaded.has_errors());
    loaded.dataset
}

/// The options of a workbook of `selection`, its text cells neutralized.
pub(crate) fn options(selection: Selection) -> Options {
    Options {
        formats: vec![Format::Xlsx],
        selection,
        text: TextCells::Neutralized,
    }
}

/// The bytes of the workbook of `selection` of `dataset`, the one file rendered.
pub(crate) fn workbook_bytes(dataset: &Dataset, selection: Selection) -> Vec<u8> {
    let files = render(dataset, &options(selection)).expect("renders");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, std::path::Path::new("alliance.xlsx"));
    files[0].bytes.clone()
}

/// The workbook `bytes`, opened by calamine.
pub(crate) fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

/// The rows of a sheet below its header, as text (numbers as integers).
pub(crate) fn rows(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: &str,
) -> (Vec<String>, Vec<Vec<String>>) {
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

/// The cell of `row` in the column `name` of `header`.
pub(crate) fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

/// A zip part of the workbook as text.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
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
pub(crate) fn elements<'a>(xml: &'a str, open: &str, close: &str) -> Vec<(&'a str, &'a str)> {
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
