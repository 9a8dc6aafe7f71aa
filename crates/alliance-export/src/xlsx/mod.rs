//! `alliance.xlsx`: the analysts' workbook.
//!
//! Sheets, in order: Recommendations (one row per recommendation, the first sheet, with its
//! conference's edition and year), Summary (recommendations by theme × pillar and by session,
//! and a bar chart per theme), Conferences (one row per conference: dates, place, organizer,
//! a column per kind of figure, the figures as printed, counts and the source report),
//! Sessions, Participants, People, Organizations, Themes, Instruments, and About (what the
//! workbook is, its source, release, tool, row counts, how to cite it, and what each data
//! sheet's columns hold and what a blank cell in each means).
//!
//! Every data sheet is one Excel table with header filters, a frozen header row, wrapped long
//! text, fixed widths and ids stored as text; each recommendation's session id links to the
//! session's row. No cell is a formula: every value is written as a string or a number, and
//! text a spreadsheet would re-read as a formula when edited carries Excel's quote prefix,
//! whatever the cell: a value, a header named after a vocabulary term (the Summary's pillars
//! and labels), a heading or an About value. Every string, link and table header is written
//! through `cell.rs` ([`crate::safe`]), which decides the prefix in one place.
//! The document's timestamp is the dataset's release date, so the same data gives the same
//! bytes.
//!
//! The data sheets' columns are the CSV tables' (one definition of each, in `columns.rs`),
//! with ids looked up in [`alliance_core::Index`] so that a reference shows the name of what
//! it refers to, and the workbook's own columns beside them (`sheets.rs`). The Summary is in
//! `summary.rs`, the About sheet in `about.rs`; `stream.rs` writes a sheet (in memory or row
//! by row), `table.rs` adds its Excel table, and `cell.rs` has the cells and their formats.
//!
//! # Large datasets
//!
//! A workbook whose largest sheet has more than [`CONSTANT_MEMORY_ROWS`] rows (10,000; the
//! real dataset has 59 recommendations) is written in rust_xlsxwriter's constant-memory mode:
//! each sheet's rows are made one at a time and written in order to a scratch file next to the
//! output, so the workbook's memory does not grow with its size, where a workbook held in
//! memory grows with every recommendation (`benches/RESULTS.md` has the numbers). It
//! keeps everything above (tables with filters, frozen headers, wrapped
//! text, ids as text, session links up to Excel's limit, quote prefixes, the Summary and its
//! chart, the About sheet, the same bytes for the same data, the row-limit error), with three
//! differences that its About sheet states:
//!
//! - every column has the fixed width it has at most (a smaller workbook narrows a column to
//!   its widest value: that needs every row before the first is written);
//! - rows have no set height: rust_xlsxwriter keeps a row's options in memory until the end
//!   (about a kilobyte a row), and Excel and LibreOffice fit a row to its wrapped text when
//!   they open a file in which the row has none;
//! - text is stored in each cell rather than in a table of shared strings (a larger file).
//!
//! Its tables are added over their header and first row and given their full range as the
//! file is written (`Tables::Shrunk`): rust_xlsxwriter checks for overlapping tables with a
//! map of every cell a table covers, which grows with every row of a large sheet.
//! Above [`MAX_SHEET_LINKS`] recommendations there are no session links (Excel's limit). The
//! file is compressed faster, at zip level [`FAST_COMPRESSION_LEVEL`]: deflate is most of the
//! time a big workbook takes, and level 3 takes half the time of level 6 for about a quarter
//! more bytes.

mod about;
mod cell;
mod sheets;
mod stream;
mod summary;
mod table;

pub(crate) use self::cell::{Kind, Look};

use std::io::{BufReader, Cursor, Seek, Write};
use std::path::Path;

use alliance_core::Index;
use alliance_core::model::Dataset;
use anyhow::{Context, bail};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

use self::about::about_sheet;
use self::cell::{Formats, XCell};
use self::sheets::{
    Made, Sheet, conferences_sheet, instruments_sheet, organizations_sheet, participants_sheet,
    people_sheet, recommendations_sheet, sessions_sheet, themes_sheet,
};
use self::stream::{stream_sheet, write_sheet};
use self::summary::write_summary;
use self::table::{Tables, resize_tables};
use crate::filter::Selection;

/// Rows an Excel sheet holds, the header row included.
pub const MAX_SHEET_ROWS: usize = 1_048_576;
/// Hyperlinks an Excel sheet holds.
pub const MAX_SHEET_LINKS: usize = 65_530;
/// The zip level of a workbook written in constant-memory mode (rust_xlsxwriter's default
/// is 6).
pub const FAST_COMPRESSION_LEVEL: u8 = 3;
/// Characters (UTF-16 units) an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;
/// Above this many rows on its largest sheet, the workbook is written in constant memory
/// (see the module docs).
pub const CONSTANT_MEMORY_ROWS: usize = 10_000;

/// The bytes of the workbook.
pub fn workbook(ds: &Dataset, selection: &Selection) -> anyhow::Result<Vec<u8>> {
    Ok(write_workbook(ds, selection, Cursor::new(Vec::new()), None)?.into_inner())
}

/// Writes the workbook to `out` and returns it. A large workbook (see the module docs) keeps
/// its rows in scratch files in `scratch` (the system's temporary folder when `None`) until
/// it is written.
pub fn write_workbook<W: Write + Seek + Send>(
    ds: &Dataset,
    selection: &Selection,
    out: W,
    scratch: Option<&Path>,
) -> anyhow::Result<W> {
    write_workbook_with(ds, selection, out, scratch, CONSTANT_MEMORY_ROWS, true)
}

/// [`write_workbook`], written row by row above `threshold` rows on a sheet; with `shrink`,
/// such a workbook's tables are added over their first row and resized in the file
/// ([`Tables::Shrunk`]).
fn write_workbook_with<W: Write + Seek + Send>(
    ds: &Dataset,
    selection: &Selection,
    mut out: W,
    scratch: Option<&Path>,
    threshold: usize,
    shrink: bool,
) -> anyhow::Result<W> {
    let participants: usize = ds.sessions.iter().map(|s| s.participants.len()).sum();
    let summary_rows = ds.themes.len() + ds.sessions.len() + 12;
    let sizes = [
        ("Recommendations", ds.recommendations.len()),
        ("Conferences", ds.conferences.len()),
        ("Sessions", ds.sessions.len()),
        ("Participants", participants),
        ("People", ds.people.len()),
        ("Organizations", ds.organizations.len()),
        ("Themes", ds.themes.len()),
        ("Instruments", ds.instruments.len()),
        // two tables with headings, notes and totals
        ("Summary", summary_rows),
    ];
    for (sheet, rows) in sizes {
        check_rows(sheet, rows)?;
    }
    let large = sizes.iter().any(|(_, rows)| *rows > threshold);
    let ix = Index::new(ds);
    let links = ds.recommendations.len() <= MAX_SHEET_LINKS;
    let formats = Formats::new();
    let sheets = Sheets {
        ix: &ix,
        links,
        formats: &formats,
    };
    // the data sheets' columns, which the About sheet describes (their rows are not made)
    let columns: Vec<(&str, Vec<Look<'_>>)> =
        sheets.data_sheets().map(|s| (s.name, s.columns)).collect();
    let about = about_sheet(
        ds,
        selection,
        &sizes[..DATA_SHEETS],
        &columns,
        links,
        large.then_some(threshold),
    );
    check_rows(about.name, about.len)?;

    let mut wb = Workbook::new();
    // deflate dominates the time of a big workbook; level 3 halves it for a quarter more bytes
    // (the level follows the data, so the bytes stay reproducible)
    let level = large.then_some(FAST_COMPRESSION_LEVEL);
    if let Some(level) = level {
        wb.set_zip_compression_level(level);
    }
    wb.set_properties(&properties(ds)?);
    if !large {
        sheets.write_in_memory(&mut wb, about)?;
        wb.save_to_writer(&mut out)
            .context("cannot build the workbook")?;
        return Ok(out);
    }

    if let Some(dir) = scratch {
        wb.set_tempdir(dir)
            .context("cannot make the workbook's scratch files")?;
    }
    let mut tables = if shrink {
        Tables::Shrunk(Vec::new())
    } else {
        Tables::Full
    };
    sheets.write_row_by_row(&mut wb, about, &mut tables)?;
    match tables {
        Tables::Full => {
            wb.save_to_writer(&mut out)
                .context("cannot build the workbook")?;
            Ok(out)
        }
        Tables::Shrunk(shrunk) => {
            // the workbook goes to a scratch file first, then is copied with its tables resized
            let scratch_dir = scratch.map_or_else(std::env::temp_dir, Path::to_path_buf);
            let mut file = tempfile::tempfile_in(&scratch_dir)
                .context("cannot make the workbook's scratch files")?;
            wb.save_to_writer(std::io::BufWriter::new(&mut file))
                .context("cannot build the workbook")?;
            drop(wb);
            file.rewind()?;
            resize_tables(BufReader::new(file), out, &shrunk, level.map(i64::from))
                .context("cannot build the workbook")
        }
    }
}

/// What the sheets of a workbook are made from.
struct Sheets<'a> {
    ix: &'a Index<'a>,
    /// Whether each recommendation's session id links to the session's row.
    links: bool,
    formats: &'a Formats,
}

impl<'a> Sheets<'a> {
    /// The data sheets in order, each with its rows to be made when it is read.
    fn data_sheets(&self) -> impl Iterator<Item = Sheet<'a>> {
        (0..DATA_SHEETS).filter_map(|i| data_sheet(i, self.ix, self.links))
    }

    /// Writes every sheet in a workbook held in memory: Recommendations first, then Summary,
    /// the other data sheets, and About. Every row is made and checked before anything is
    /// written, and each column is as wide as its widest value.
    fn write_in_memory(&self, wb: &mut Workbook, about: Sheet<'_>) -> anyhow::Result<()> {
        let made: Vec<Made<'_>> = self.data_sheets().map(Sheet::make).collect();
        let about = about.make();
        for sheet in made.iter().chain([&about]) {
            check_cells(sheet)?;
        }
        let mut made = made.iter();
        if let Some(first) = made.next() {
            write_sheet(wb.add_worksheet(), first, self.formats)?;
        }
        write_summary(
            wb.add_worksheet(),
            self.ix,
            self.formats,
            false,
            &mut Tables::Full,
        )?;
        for sheet in made {
            write_sheet(wb.add_worksheet(), sheet, self.formats)?;
        }
        write_sheet(wb.add_worksheet(), &about, self.formats)
    }

    /// Writes every sheet, in the same order, row by row in constant-memory sheets. Each sheet
    /// is made when it is written, so that its look-ups are freed before the next.
    fn write_row_by_row(
        &self,
        wb: &mut Workbook,
        about: Sheet<'_>,
        tables: &mut Tables,
    ) -> anyhow::Result<()> {
        let mut sheets = self.data_sheets();
        if let Some(first) = sheets.next() {
            stream_sheet(constant_memory_sheet(wb)?, first, self.formats, tables)?;
        }
        write_summary(
            constant_memory_sheet(wb)?,
            self.ix,
            self.formats,
            true,
            tables,
        )?;
        for sheet in sheets {
            stream_sheet(constant_memory_sheet(wb)?, sheet, self.formats, tables)?;
        }
        stream_sheet(constant_memory_sheet(wb)?, about, self.formats, tables)
    }
}

/// How many sheets hold data tables (all but Summary and About), first in [`write_workbook`]'s
/// list of sizes.
const DATA_SHEETS: usize = 8;

/// The `i`th data sheet, with its rows to be made; `None` past the last.
fn data_sheet<'a>(i: usize, ix: &'a Index<'a>, links: bool) -> Option<Sheet<'a>> {
    Some(match i {
        0 => recommendations_sheet(ix, links),
        1 => conferences_sheet(ix),
        2 => sessions_sheet(ix),
        3 => participants_sheet(ix),
        4 => people_sheet(ix),
        5 => organizations_sheet(ix),
        6 => themes_sheet(ix),
        7 => instruments_sheet(ix),
        _ => return None,
    })
}

/// A new sheet in constant-memory mode.
fn constant_memory_sheet(wb: &mut Workbook) -> anyhow::Result<&mut Worksheet> {
    wb.add_worksheet_with_constant_memory()
        .context("cannot make the workbook's scratch files")
}

fn properties(ds: &Dataset) -> anyhow::Result<DocProperties> {
    let (y, m, d) = alliance_core::load::parse_date(&ds.release.date).unwrap_or((2000, 1, 1));
    let created = match (u16::try_from(y), u8::try_from(m), u8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => ExcelDateTime::from_ymd(y, m, d),
        _ => ExcelDateTime::from_ymd(2000, 1, 1),
    }
    .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
    .context("cannot set the workbook's date")?;
    Ok(DocProperties::new()
        .set_title(&ds.release.title)
        .set_subject("Recommendations, findings and conclusions of OSCE Alliance against Trafficking in Persons conferences")
        .set_author("Alliance toolkit (alliance-export)")
        .set_keywords("human trafficking, OSCE, Alliance against Trafficking in Persons, recommendations")
        .set_comment(format!(
            "Dataset version {} ({}); written by alliance-export {}",
            ds.release.version,
            ds.release.date,
            env!("CARGO_PKG_VERSION")
        ))
        .set_creation_datetime(&created))
}

/// Fails with a clear message when a sheet needs more rows than Excel allows (one header row
/// and `rows` below it).
pub fn check_rows(sheet: &str, rows: usize) -> anyhow::Result<()> {
    if rows >= MAX_SHEET_ROWS {
        bail!(
            "the workbook cannot hold the {rows} rows of its `{sheet}` sheet: an Excel sheet holds at most {} rows below its header; write CSV or JSON instead (--format csv,json), or export a subset with --conference, --session, --theme or --pillar",
            MAX_SHEET_ROWS - 1
        );
    }
    Ok(())
}

/// Fails with a clear message when a cell holds more text than Excel allows.
fn check_cells(sheet: &Made<'_>) -> anyhow::Result<()> {
    for row in &sheet.rows {
        check_row(sheet.name, &sheet.columns, row)?;
    }
    Ok(())
}

/// [`check_cells`] for one row.
fn check_row(sheet: &str, columns: &[Look<'_>], row: &[XCell<'_>]) -> anyhow::Result<()> {
    for (cell, column) in row.iter().zip(columns) {
        if cell
            .text()
            // Excel counts UTF-16 units, never more than UTF-8 bytes
            .is_some_and(|t| t.len() > MAX_CELL_CHARS && t.encode_utf16().count() > MAX_CELL_CHARS)
        {
            let record = row.first().and_then(XCell::text).unwrap_or_default();
            bail!(
                "the workbook cannot hold the `{}` of `{record}` on its `{sheet}` sheet: an Excel cell holds at most {MAX_CELL_CHARS} characters; write CSV or JSON instead (--format csv,json)",
                column.header,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::xlsx::table::Shrunk;

    #[test]
    fn a_sheet_past_excels_row_limit_is_a_clear_error() {
        assert!(check_rows("Recommendations", MAX_SHEET_ROWS - 1).is_ok());
        let err = check_rows("Recommendations", MAX_SHEET_ROWS).expect_err("too many rows");
        assert_eq!(
            err.to_string(),
            "the workbook cannot hold the 1048576 rows of its `Recommendations` sheet: an Excel sheet holds at most 1048575 rows below its header; write CSV or JSON instead (--format csv,json), or export a subset with --conference, --session, --theme or --pillar"
        );
    }

    /// Every part of a workbook, decompressed, by name.
    fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip file");
        let mut parts: Vec<(String, Vec<u8>)> = (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).expect("a part");
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).expect("readable");
                (file.name().expect("a name").into_owned(), bytes)
            })
            .collect();
        parts.sort();
        parts
    }

    fn text(parts: &[(String, Vec<u8>)], name: &str) -> String {
        let (_, bytes) = parts.iter().find(|(n, _)| n == name).expect(name);
        String::from_utf8(bytes.clone()).expect("utf-8")
    }

    #[test]
    fn a_large_workbook_is_written_row_by_row_with_its_tables_at_full_size() {
        let ds = crate::real_dataset();
        let write = |threshold, shrink| {
            write_workbook_with(
                &ds,
                &Selection::default(),
                Cursor::new(Vec::new()),
                None,
                threshold,
                shrink,
            )
            .expect("writes")
            .into_inner()
        };
        // every sheet counts as large: the real data written row by row
        let shrunk = write(0, true);
        let full = write(0, false);
        assert_eq!(shrunk, write(0, true), "reproducible");
        // resizing the tables in the file gives what adding them at full size gives
        let (shrunk, full) = (parts(&shrunk), parts(&full));
        assert_eq!(
            shrunk.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            full.iter().map(|(n, _)| n).collect::<Vec<_>>()
        );
        for ((name, a), (_, b)) in shrunk.iter().zip(&full) {
            assert!(a == b, "{name} differs");
        }
        let table = text(&shrunk, "xl/tables/table1.xml");
        let last = ds.recommendations.len() + 1;
        assert!(
            table.contains(" name=\"Recommendations\" ")
                && table.contains(&format!(" ref=\"A1:R{last}\""))
                && table.contains(&format!("<autoFilter ref=\"A1:R{last}\"/>")),
            "{table}"
        );
        // row by row: text in the cells, no row heights, fixed widths; the About sheet says so
        let sheet = text(&shrunk, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("t=\"inlineStr\""));
        assert!(!sheet.contains("customHeight"));
        assert!(
            sheet.contains("<col min=\"10\" max=\"10\" width=\"80.7109375\""),
            "{sheet:.2000}"
        );
        assert!(!shrunk.iter().any(|(n, _)| n == "xl/sharedStrings.xml"));
        let about = text(&shrunk, "xl/worksheets/sheet10.xml");
        assert!(about.contains("more than 0 rows, so it was written row by row"));
        let small = parts(&write(CONSTANT_MEMORY_ROWS, true));
        assert!(!text(&small, "xl/worksheets/sheet10.xml").contains("written row by row"));
    }

    #[test]
    fn a_workbook_written_row_by_row_quote_prefixes_headers_from_the_data() {
        let mut ds = crate::real_dataset();
        ds.pillars[0].name = "=Prevention".to_owned();
        let bytes = write_workbook_with(
            &ds,
            &Selection::default(),
            Cursor::new(Vec::new()),
            None,
            0,
            true,
        )
        .expect("writes")
        .into_inner();
        let parts = parts(&bytes);
        let summary = text(&parts, "xl/worksheets/sheet2.xml");
        // the header cell of the first pillar, B4, with its style
        let cell = summary
            .split("<c r=\"B4\" ")
            .nth(1)
            .and_then(|c| c.split("</c>").next())
            .expect("a cell B4");
        assert!(cell.contains("<t>=Prevention</t>"), "{cell}");
        let style: usize = cell
            .split("s=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("a style");
        let styles = text(&parts, "xl/styles.xml");
        let xfs = styles.split("<cellXfs").nth(1).expect("cellXfs");
        let xf = xfs.split("<xf ").nth(style + 1).expect("the style");
        assert!(xf.contains("quotePrefix=\"1\""), "{xf}");
    }

    #[test]
    fn every_column_of_every_data_sheet_is_described() {
        let ds = crate::real_dataset();
        let ix = Index::new(&ds);
        let sheets: Vec<Sheet<'_>> = (0..).map_while(|i| data_sheet(i, &ix, true)).collect();
        assert_eq!(sheets.len(), DATA_SHEETS);
        for sheet in sheets {
            for look in &sheet.columns {
                assert!(
                    look.description.ends_with('.'),
                    "{}: {} is not described",
                    sheet.name,
                    look.header
                );
            }
        }
    }

    #[test]
    fn resizing_a_table_that_is_not_in_the_file_is_an_error() {
        let ds = crate::real_dataset();
        let bytes = workbook(&ds, &Selection::default()).expect("writes");
        let missing = [Shrunk {
            name: "Missing".into(),
            added: "A1:B2".into(),
            full: "A1:B9".into(),
        }];
        let err = resize_tables(Cursor::new(bytes), Cursor::new(Vec::new()), &missing, None)
            .expect_err("no such table");
        assert!(err.to_string().contains("0 of its 1 tables"), "{err}");
    }

    #[test]
    fn how_to_cite_names_the_first_reports_when_all_would_not_fit_one_cell() {
        let mut ds = crate::real_dataset();
        let first = ds.conferences[0].clone();
        for i in 0..2_000 {
            let mut c = first.clone();
            c.id = format!("copy-{i}");
            ds.conferences.push(c);
        }
        let bytes = workbook(&ds, &Selection::default()).expect("writes");
        let about = text(&parts(&bytes), "xl/sharedStrings.xml");
        let cite = about
            .split("<t>")
            .find(|t| t.contains("exported with alliance-export"))
            .expect("how to cite");
        assert!(
            cite.contains("; and 1991 more reports (see the Source report rows above). Data: "),
            "{cite:.300}"
        );
        assert!(cite.encode_utf16().count() <= MAX_CELL_CHARS);
    }
}
