//! `alliance.xlsx`: the analysts' workbook.
//!
//! Sheets, in order: Recommendations (one row per recommendation, the first sheet), Summary
//! (recommendations by theme × pillar and by session, and a bar chart per theme), Sessions,
//! Participants, People, Organizations, Themes, Instruments, and About (what the workbook is,
//! its source, release, tool, row counts and how to cite it).
//!
//! Every data sheet is one Excel table with header filters, a frozen header row, wrapped long
//! text, fixed widths and ids stored as text; each recommendation's session id links to the
//! session's row. No cell is a formula: every value is written as a string or a number, and
//! text a spreadsheet would re-read as a formula when edited carries Excel's quote prefix.
//! The document's timestamp is the dataset's release date, so the same data gives the same
//! bytes.
//!
//! # Large datasets
//!
//! A workbook whose largest sheet has more than [`CONSTANT_MEMORY_ROWS`] rows (10,000; the
//! real dataset has 59 recommendations) is written in rust_xlsxwriter's constant-memory mode:
//! each sheet's rows are made one at a time and written in order to a scratch file next to the
//! output, so the workbook needs a few tens of megabytes whatever its size, where a workbook
//! held in memory needs about 13 kilobytes a recommendation (150 MB at the threshold). It
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
//! map of every cell a table covers, which for a million recommendations would take 550 MB.
//! Above [`MAX_SHEET_LINKS`] recommendations there are no session links (Excel's limit). The
//! file is compressed faster, at zip level [`FAST_COMPRESSION_LEVEL`]: deflate is most of the
//! time a big workbook takes, and level 3 takes half the time of level 6 for about a quarter
//! more bytes.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor, Read, Seek, Write};
use std::path::Path;

use alliance_core::dates;
use alliance_core::model::{Dataset, Organization, Person, Recommendation, Session, Term};
use anyhow::{Context, bail};
use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, Table,
    TableColumn, TableStyle, Url, Workbook, Worksheet,
};

use crate::filter::{Phrasing, Selection};
use crate::safe::is_formula_like;
use crate::tables::distinct;

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
/// How many reports "How to cite" names when naming them all would not fit one cell.
const CITED_REPORTS: usize = 10;

/// How a column's cells look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An id: stored as text, with the text number format so that it stays text when edited.
    Id = 0,
    /// Short text, on one line.
    Text = 1,
    /// Long text, wrapped.
    Wrap = 2,
    /// A number.
    Number = 3,
}

#[derive(Debug, Clone, Copy)]
struct Column {
    header: &'static str,
    kind: Kind,
    /// The widest the column gets, in characters; narrower when its values are.
    max_width: f64,
}

const fn col(header: &'static str, kind: Kind, max_width: f64) -> Column {
    Column {
        header,
        kind,
        max_width,
    }
}

#[derive(Debug, Clone)]
enum XCell<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    /// Text that links to a place in the workbook (`internal:...`).
    Link(Cow<'a, str>, String),
    Empty,
}

impl<'a> From<&'a str> for XCell<'a> {
    fn from(text: &'a str) -> Self {
        XCell::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for XCell<'a> {
    fn from(text: &'a String) -> Self {
        XCell::Text(Cow::Borrowed(text))
    }
}

impl From<String> for XCell<'_> {
    fn from(text: String) -> Self {
        XCell::Text(Cow::Owned(text))
    }
}

impl<'a> From<Option<&'a String>> for XCell<'a> {
    fn from(text: Option<&'a String>) -> Self {
        text.map_or(XCell::Empty, |t| XCell::Text(Cow::Borrowed(t)))
    }
}

impl From<u32> for XCell<'_> {
    fn from(n: u32) -> Self {
        XCell::Number(n.into())
    }
}

impl From<usize> for XCell<'_> {
    fn from(n: usize) -> Self {
        // exact up to 2^53, far beyond any sheet
        XCell::Number(n as f64)
    }
}

impl XCell<'_> {
    fn text(&self) -> Option<&str> {
        match self {
            XCell::Text(t) | XCell::Link(t, _) => Some(t),
            XCell::Number(_) | XCell::Empty => None,
        }
    }

    /// Characters the cell shows, for column widths.
    fn width(&self) -> usize {
        match self {
            XCell::Text(t) | XCell::Link(t, _) => t.chars().count(),
            XCell::Number(n) => n.to_string().len(),
            XCell::Empty => 0,
        }
    }
}

/// A row: one cell per column.
type XRow<'a> = Vec<XCell<'a>>;

/// A sheet holding one Excel table, with its rows made on demand.
struct Sheet<'a> {
    name: &'static str,
    table: &'static str,
    columns: Vec<Column>,
    /// How many rows `rows` makes.
    len: usize,
    rows: Box<dyn Iterator<Item = XRow<'a>> + 'a>,
}

/// A sheet with its rows made.
struct Made<'a> {
    name: &'static str,
    table: &'static str,
    columns: Vec<Column>,
    rows: Vec<XRow<'a>>,
}

impl<'a> Sheet<'a> {
    fn new(
        name: &'static str,
        columns: Vec<Column>,
        len: usize,
        rows: impl Iterator<Item = XRow<'a>> + 'a,
    ) -> Self {
        Sheet {
            name,
            table: name,
            columns,
            len,
            rows: Box::new(rows),
        }
    }

    fn make(self) -> Made<'a> {
        Made {
            name: self.name,
            table: self.table,
            columns: self.columns,
            rows: self.rows.collect(),
        }
    }
}

/// The cell formats: one per kind of column, each also with the quote prefix and as a link.
struct Formats {
    plain: [Format; 4],
    quoted: [Format; 4],
    link: [Format; 4],
    link_quoted: [Format; 4],
    heading: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = |kind: Kind| {
            let f = Format::new().set_align(FormatAlign::Top);
            match kind {
                Kind::Id => f.set_num_format("@"),
                Kind::Text | Kind::Number => f,
                Kind::Wrap => f.set_text_wrap(),
            }
        };
        let kinds = [Kind::Id, Kind::Text, Kind::Wrap, Kind::Number];
        Formats {
            plain: kinds.map(base),
            quoted: kinds.map(|k| base(k).set_quote_prefix()),
            link: kinds.map(|k| base(k).set_hyperlink()),
            link_quoted: kinds.map(|k| base(k).set_hyperlink().set_quote_prefix()),
            heading: Format::new().set_bold().set_font_size(13),
            bold: Format::new().set_bold(),
        }
    }

    fn cell(&self, kind: Kind, text: Option<&str>) -> &Format {
        let i = kind as usize;
        if text.is_some_and(is_formula_like) {
            &self.quoted[i]
        } else {
            &self.plain[i]
        }
    }
}

/// Look-ups from ids to the names analysts read.
struct Names<'a> {
    terms: HashMap<(&'static str, &'a str), &'a str>,
    organizations: HashMap<&'a str, &'a Organization>,
    people: HashMap<&'a str, &'a Person>,
    instruments: HashMap<&'a str, &'a str>,
    /// Session id to its row on the Sessions sheet (0-based, header excluded) and the session.
    sessions: HashMap<&'a str, (usize, &'a Session)>,
}

impl<'a> Names<'a> {
    fn new(ds: &'a Dataset) -> Names<'a> {
        let v = &ds.vocabularies;
        let mut terms = HashMap::new();
        for (vocabulary, list) in [
            ("theme", &ds.themes),
            ("pillar", &ds.pillars),
            ("addressee", &v.addressees),
            ("label", &v.labels),
            ("role", &v.roles),
            ("session-kind", &v.session_kinds),
            ("organization-kind", &v.organization_kinds),
            ("instrument-kind", &v.instrument_kinds),
        ] {
            for Term { id, name, .. } in list {
                terms.insert((vocabulary, id.as_str()), name.as_str());
            }
        }
        Names {
            terms,
            organizations: ds
                .organizations
                .iter()
                .map(|o| (o.id.as_str(), o))
                .collect(),
            people: ds.people.iter().map(|p| (p.id.as_str(), p)).collect(),
            instruments: ds
                .instruments
                .iter()
                .map(|i| {
                    let label = i
                        .short_name
                        .as_deref()
                        .or(i.reference.as_deref())
                        .unwrap_or(&i.name);
                    (i.id.as_str(), label)
                })
                .collect(),
            sessions: ds
                .sessions
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), (i, s)))
                .collect(),
        }
    }

    /// The name of a term (its id when the vocabulary lacks it).
    fn term(&self, vocabulary: &'static str, id: &'a str) -> &'a str {
        self.terms.get(&(vocabulary, id)).copied().unwrap_or(id)
    }

    fn terms(&self, vocabulary: &'static str, ids: &'a [String]) -> String {
        join(ids.iter().map(|id| self.term(vocabulary, id)))
    }

    fn organization(&self, id: &'a str) -> &'a str {
        self.organizations.get(id).map_or(id, |o| o.name.as_str())
    }

    fn organizations(&self, ids: &'a [String]) -> String {
        join(ids.iter().map(|id| self.organization(id)))
    }

    fn instruments(&self, ids: &'a [String]) -> String {
        join(
            ids.iter()
                .map(|id| self.instruments.get(id.as_str()).copied().unwrap_or(id)),
        )
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

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
    let names = Names::new(ds);
    let links = ds.recommendations.len() <= MAX_SHEET_LINKS;
    let about = about_sheet(
        ds,
        selection,
        &sizes[..DATA_SHEETS],
        links,
        large.then_some(threshold),
    );
    check_rows(about.name, about.len)?;

    let formats = Formats::new();
    let mut wb = Workbook::new();
    // deflate dominates the time of a big workbook; level 3 halves it for a quarter more bytes
    // (the level follows the data, so the bytes stay reproducible)
    let level = large.then_some(FAST_COMPRESSION_LEVEL);
    if let Some(level) = level {
        wb.set_zip_compression_level(level);
    }
    wb.set_properties(&properties(ds)?);
    // Recommendations first, then Summary, the other sheets, and About
    if !large {
        // every row is made and checked before anything is written, and each column is as
        // wide as its widest value
        let made: Vec<Made<'_>> = (0..DATA_SHEETS)
            .filter_map(|i| data_sheet(i, ds, &names, links))
            .map(Sheet::make)
            .collect();
        let about = about.make();
        for sheet in made.iter().chain([&about]) {
            check_cells(sheet)?;
        }
        let mut made = made.iter();
        if let Some(first) = made.next() {
            write_sheet(wb.add_worksheet(), first, &formats)?;
        }
        write_summary(
            wb.add_worksheet(),
            ds,
            &names,
            &formats,
            false,
            &mut Tables::Full,
        )?;
        for sheet in made {
            write_sheet(wb.add_worksheet(), sheet, &formats)?;
        }
        write_sheet(wb.add_worksheet(), &about, &formats)?;
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
    // each sheet is made when it is written, so that its look-ups are freed before the next
    let mut sheets = (0..DATA_SHEETS).filter_map(|i| data_sheet(i, ds, &names, links));
    if let Some(first) = sheets.next() {
        stream_sheet(
            constant_memory_sheet(&mut wb)?,
            first,
            &formats,
            &mut tables,
        )?;
    }
    write_summary(
        constant_memory_sheet(&mut wb)?,
        ds,
        &names,
        &formats,
        true,
        &mut tables,
    )?;
    for sheet in sheets {
        stream_sheet(
            constant_memory_sheet(&mut wb)?,
            sheet,
            &formats,
            &mut tables,
        )?;
    }
    stream_sheet(
        constant_memory_sheet(&mut wb)?,
        about,
        &formats,
        &mut tables,
    )?;
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

/// How many sheets hold data tables (all but Summary and About), first in [`write_workbook`]'s
/// list of sizes.
const DATA_SHEETS: usize = 7;

/// The `i`th data sheet, with its rows to be made; `None` past the last.
fn data_sheet<'a>(
    i: usize,
    ds: &'a Dataset,
    names: &'a Names<'a>,
    links: bool,
) -> Option<Sheet<'a>> {
    Some(match i {
        0 => recommendations_sheet(ds, names, links),
        1 => sessions_sheet(ds, names),
        2 => participants_sheet(ds, names),
        3 => people_sheet(ds, names),
        4 => organizations_sheet(ds, names),
        5 => themes_sheet(ds),
        6 => instruments_sheet(ds, names),
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
fn check_row(sheet: &str, columns: &[Column], row: &[XCell<'_>]) -> anyhow::Result<()> {
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

fn recommendations_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>, links: bool) -> Sheet<'a> {
    let row = move |r: &'a Recommendation| -> Vec<XCell<'a>> {
        let session = names.sessions.get(r.session.as_str());
        let title = session.map_or("", |(_, s)| s.title.as_str());
        let session_id = Cow::Borrowed(r.session.as_str());
        let session_cell = match session {
            Some((i, _)) if links => {
                XCell::Link(session_id, format!("internal:'Sessions'!A{}", i + 2))
            }
            _ => XCell::Text(session_id),
        };
        let kind = session.map_or("", |(_, s)| names.term("session-kind", &s.kind));
        vec![
            (&r.id).into(),
            (&r.conference).into(),
            session_cell,
            title.into(),
            kind.into(),
            r.order.into(),
            names.term("label", &r.label).into(),
            (&r.text).into(),
            names.terms("theme", &r.themes).into(),
            names.terms("pillar", &r.pillars).into(),
            names.terms("addressee", &r.addressees).into(),
            names.instruments(&r.instruments).into(),
            (&r.source.report).into(),
            (&r.source.section).into(),
            r.source.bullet.into(),
            r.source.line.into(),
        ]
    };
    Sheet {
        name: "Recommendations",
        table: "Recommendations",
        columns: vec![
            col("ID", Kind::Id, 20.0),
            col("Conference", Kind::Id, 16.0),
            col("Session ID", Kind::Id, 18.0),
            col("Session", Kind::Wrap, 36.0),
            col("Session kind", Kind::Text, 18.0),
            col("Order", Kind::Number, 9.0),
            col("Label", Kind::Text, 17.0),
            col("Text", Kind::Wrap, 80.0),
            col("Themes", Kind::Wrap, 36.0),
            col("Pillars", Kind::Wrap, 24.0),
            col("Addressees", Kind::Wrap, 32.0),
            col("Instruments", Kind::Wrap, 28.0),
            col("Source report", Kind::Text, 36.0),
            col("Source section", Kind::Wrap, 40.0),
            col("Source bullet", Kind::Number, 15.0),
            col("Source line", Kind::Number, 13.0),
        ],
        len: ds.recommendations.len(),
        rows: Box::new(ds.recommendations.iter().map(row)),
    }
}

fn sessions_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    let mut recommendations: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        *recommendations.entry(r.session.as_str()).or_default() += 1;
    }
    Sheet {
        name: "Sessions",
        table: "Sessions",
        columns: vec![
            col("ID", Kind::Id, 20.0),
            col("Conference", Kind::Id, 16.0),
            col("Order", Kind::Number, 9.0),
            col("Kind", Kind::Text, 18.0),
            col("Title", Kind::Wrap, 48.0),
            col("Heading", Kind::Wrap, 48.0),
            col("Co-organizers", Kind::Wrap, 40.0),
            col("Contributors", Kind::Wrap, 40.0),
            col("Instruments", Kind::Wrap, 28.0),
            col("Participants", Kind::Number, 14.0),
            col("Recommendations", Kind::Number, 19.0),
        ],
        len: ds.sessions.len(),
        rows: Box::new(ds.sessions.iter().map(move |s| {
            vec![
                (&s.id).into(),
                (&s.conference).into(),
                s.order.into(),
                names.term("session-kind", &s.kind).into(),
                (&s.title).into(),
                (&s.heading).into(),
                names.organizations(&s.co_organizers).into(),
                names.organizations(&s.contributors).into(),
                names.instruments(&s.instruments).into(),
                s.participants.len().into(),
                recommendations
                    .get(s.id.as_str())
                    .copied()
                    .unwrap_or(0)
                    .into(),
            ]
        })),
    }
}

fn participants_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    Sheet {
        name: "Participants",
        table: "Participants",
        columns: vec![
            col("Session ID", Kind::Id, 18.0),
            col("Session", Kind::Wrap, 40.0),
            col("Person ID", Kind::Id, 24.0),
            col("Person", Kind::Text, 28.0),
            col("Role", Kind::Text, 18.0),
            col("Affiliation", Kind::Wrap, 56.0),
            col("Note", Kind::Wrap, 48.0),
        ],
        len: ds.sessions.iter().map(|s| s.participants.len()).sum(),
        rows: Box::new(ds.sessions.iter().flat_map(move |s| {
            s.participants.iter().map(move |p| {
                let person = names.people.get(p.person.as_str()).copied();
                // the person's positions at the session's conference, as printed
                let affiliation = person.map_or_else(String::new, |person| {
                    join(
                        person
                            .affiliations
                            .iter()
                            .filter(|a| a.conference == s.conference)
                            .map(|a| a.as_printed.as_str()),
                    )
                });
                vec![
                    (&s.id).into(),
                    (&s.title).into(),
                    (&p.person).into(),
                    person.map_or("", |person| person.name.as_str()).into(),
                    names.term("role", &p.role).into(),
                    affiliation.into(),
                    p.note.as_ref().into(),
                ]
            })
        })),
    }
}

fn people_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    // how many sessions each person took part in (a person may hold several roles in one)
    let mut sessions: HashMap<&str, usize> = HashMap::new();
    for s in &ds.sessions {
        for person in distinct(&s.participants.iter().map(|p| &p.person).collect::<Vec<_>>()) {
            *sessions.entry(person.as_str()).or_default() += 1;
        }
    }
    Sheet {
        name: "People",
        table: "People",
        columns: vec![
            col("ID", Kind::Id, 24.0),
            col("Name", Kind::Text, 28.0),
            col("Honorific", Kind::Text, 12.0),
            col("Affiliations", Kind::Wrap, 60.0),
            col("Organizations", Kind::Wrap, 44.0),
            col("Sessions", Kind::Number, 11.0),
        ],
        len: ds.people.len(),
        rows: Box::new(ds.people.iter().map(move |p| {
            let mut organizations: Vec<&str> = Vec::new();
            for id in p
                .affiliations
                .iter()
                .filter_map(|a| a.organization.as_deref())
            {
                let name = names.organization(id);
                if !organizations.contains(&name) {
                    organizations.push(name);
                }
            }
            vec![
                (&p.id).into(),
                (&p.name).into(),
                p.honorific.as_ref().into(),
                join(p.affiliations.iter().map(|a| a.as_printed.as_str())).into(),
                organizations.join("; ").into(),
                sessions.get(p.id.as_str()).copied().unwrap_or(0).into(),
            ]
        })),
    }
}

fn organizations_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    Sheet {
        name: "Organizations",
        table: "Organizations",
        columns: vec![
            col("ID", Kind::Id, 30.0),
            col("Name", Kind::Wrap, 50.0),
            col("Abbreviation", Kind::Text, 15.0),
            col("Kind", Kind::Wrap, 30.0),
            col("Country", Kind::Text, 20.0),
            col("Parent", Kind::Wrap, 40.0),
            col("Also printed as", Kind::Wrap, 50.0),
        ],
        len: ds.organizations.len(),
        rows: Box::new(ds.organizations.iter().map(move |o| {
            vec![
                (&o.id).into(),
                (&o.name).into(),
                o.abbreviation.as_ref().into(),
                o.kind
                    .as_deref()
                    .map_or("", |k| names.term("organization-kind", k))
                    .into(),
                o.country.as_ref().into(),
                o.parent
                    .as_deref()
                    .map_or("", |p| names.organization(p))
                    .into(),
                o.also_printed_as.join("; ").into(),
            ]
        })),
    }
}

fn themes_sheet(ds: &Dataset) -> Sheet<'_> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        for theme in distinct(&r.themes) {
            *count.entry(theme.as_str()).or_default() += 1;
        }
    }
    Sheet {
        name: "Themes",
        table: "Themes",
        columns: vec![
            col("ID", Kind::Id, 30.0),
            col("Name", Kind::Text, 36.0),
            col("Description", Kind::Wrap, 80.0),
            col("Recommendations", Kind::Number, 19.0),
        ],
        len: ds.themes.len(),
        rows: Box::new(ds.themes.iter().map(move |t| {
            vec![
                (&t.id).into(),
                (&t.name).into(),
                t.description.as_ref().into(),
                count.get(t.id.as_str()).copied().unwrap_or(0).into(),
            ]
        })),
    }
}

fn instruments_sheet<'a>(ds: &'a Dataset, names: &'a Names<'a>) -> Sheet<'a> {
    Sheet {
        name: "Instruments",
        table: "Instruments",
        columns: vec![
            col("ID", Kind::Id, 26.0),
            col("Name", Kind::Wrap, 60.0),
            col("Short name", Kind::Text, 22.0),
            col("Kind", Kind::Wrap, 30.0),
            col("Reference", Kind::Text, 20.0),
            col("Year", Kind::Number, 8.0),
            col("Issuer", Kind::Wrap, 36.0),
        ],
        len: ds.instruments.len(),
        rows: Box::new(ds.instruments.iter().map(move |i| {
            vec![
                (&i.id).into(),
                (&i.name).into(),
                i.short_name.as_ref().into(),
                i.kind
                    .as_deref()
                    .map_or("", |k| names.term("instrument-kind", k))
                    .into(),
                i.reference.as_ref().into(),
                i.year.map_or(XCell::Empty, |y| XCell::Number(y.into())),
                i.issuer
                    .as_deref()
                    .map_or("", |o| names.organization(o))
                    .into(),
            ]
        })),
    }
}

fn about_sheet<'a>(
    ds: &'a Dataset,
    selection: &Selection,
    sheets: &[(&str, usize)],
    links: bool,
    row_by_row_above: Option<usize>,
) -> Sheet<'a> {
    let version = env!("CARGO_PKG_VERSION");
    let mut rows: Vec<Vec<XCell<'a>>> = Vec::new();
    let mut item = |item: &'static str, value: XCell<'a>| rows.push(vec![item.into(), value]);
    item(
        "This workbook",
        "The recommendations, findings and conclusions of OSCE Alliance against Trafficking in Persons conferences, each in its report's own words and with where it comes from, one row each on the Recommendations sheet; with a Summary, and the sessions, participants, people, organizations, themes and instruments they refer to. Every sheet is an Excel table: use the header filters to select rows.".into(),
    );
    for c in &ds.conferences {
        item(
            "Conference",
            format!(
                "{}, {} conference: {} ({}, {}, {})",
                c.series,
                dates::ordinal(c.edition),
                c.title,
                c.venue,
                c.city,
                dates::date_range(&c.start_date, &c.end_date)
            )
            .into(),
        );
        if let Some(source) = &c.source {
            item(
                "Source report",
                format!("{}, {}", source.title, source.publisher).into(),
            );
            item("Attribution", (&source.attribution).into());
        }
    }
    item("Dataset", (&ds.release.title).into());
    item("Dataset version", (&ds.release.version).into());
    item("Release date", (&ds.release.date).into());
    item("Written by", format!("alliance-export {version}").into());
    let selected = selection.describe(Phrasing::Words).map_or_else(
        || "The whole dataset.".to_owned(),
        |filters| format!("The recommendations of {filters}, and the records they need."),
    );
    item("Selection", selected.into());
    for &(sheet, rows) in sheets {
        let label = match sheet {
            "Recommendations" => "Rows: Recommendations",
            "Sessions" => "Rows: Sessions",
            "Participants" => "Rows: Participants",
            "People" => "Rows: People",
            "Organizations" => "Rows: Organizations",
            "Themes" => "Rows: Themes",
            "Instruments" => "Rows: Instruments",
            _ => "Rows",
        };
        item(label, rows.into());
    }
    let citations: Vec<String> = ds
        .conferences
        .iter()
        .filter_map(|c| {
            c.source.as_ref().map(|s| {
                format!(
                    "{}, {} ({}, {})",
                    s.publisher,
                    s.title,
                    c.city,
                    dates::date_range(&c.start_date, &c.end_date)
                )
            })
        })
        .collect();
    let cite = |citation: &str| {
        format!(
            "{}{}{}, version {} ({}), exported with alliance-export {version}.",
            citation,
            if citation.is_empty() { "" } else { ". Data: " },
            ds.release.title,
            ds.release.version,
            ds.release.date
        )
    };
    let mut how_to_cite = cite(&citations.join("; "));
    if how_to_cite.encode_utf16().count() > MAX_CELL_CHARS && citations.len() > CITED_REPORTS {
        // too many reports to name in one cell: the first, and how many more
        how_to_cite = cite(&format!(
            "{}; and {} more reports (see the Source report rows above)",
            citations[..CITED_REPORTS].join("; "),
            citations.len() - CITED_REPORTS
        ));
    }
    item("How to cite", how_to_cite.into());
    item(
        "Formulas",
        "No cell of this workbook is a formula. Text that begins with =, +, -, @, a tab or a carriage return is stored as text with Excel's quote prefix, so it stays text when edited.".into(),
    );
    item(
        "Links",
        if links {
            "The Session ID column of the Recommendations sheet links to the session's row on the Sessions sheet."
        } else {
            "The Session ID column of the Recommendations sheet has no links: an Excel sheet holds at most 65,530 of them."
        }
        .into(),
    );
    if let Some(threshold) = row_by_row_above {
        item(
            "Size",
            format!(
                "A sheet of this workbook has more than {} rows, so it was written row by row to keep the memory it needs small: every column has a fixed width (a smaller workbook narrows each column to its widest value), rows have no set height (Excel and LibreOffice fit each row to its wrapped text when they open the file), and text is stored in each cell rather than in a shared table of strings.",
                thousands(threshold)
            )
            .into(),
        );
    }
    Sheet::new(
        "About",
        vec![
            col("Item", Kind::Text, 24.0),
            col("Value", Kind::Wrap, 100.0),
        ],
        rows.len(),
        rows.into_iter(),
    )
}

/// `10,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &XCell<'_>,
    kind: Kind,
    formats: &Formats,
) -> anyhow::Result<()> {
    // cells take their column's format (set once per column, which is much faster than a
    // format per cell); only formula-like text needs its own, with the quote prefix
    match cell {
        XCell::Text(text) if is_formula_like(text) => {
            ws.write_string_with_format(row, col, text.as_ref(), &formats.quoted[kind as usize])?;
        }
        XCell::Text(text) => {
            ws.write_string(row, col, text.as_ref())?;
        }
        XCell::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
        XCell::Link(text, target) => {
            let format = if is_formula_like(text) {
                &formats.link_quoted[kind as usize]
            } else {
                &formats.link[kind as usize]
            };
            ws.write_url_with_options(
                row,
                col,
                Url::new(target.as_str()),
                text.as_ref(),
                "",
                Some(format),
            )?;
        }
        XCell::Empty => {}
    }
    Ok(())
}

/// Lines a wrapped text takes in a column `width` characters wide (an estimate: Calibri 11's
/// average character is a little narrower than the `0` that Excel measures widths in).
fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = ((width - 1.0) * 1.1).max(1.0);
    text.split('\n')
        .map(|line| {
            let chars = line.chars().count() as f64;
            (chars / per_line).ceil().max(1.0) as usize
        })
        .sum()
}

/// The height of a row of wrapped text, in points (Excel's limit is 409).
fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0).min(409.0)
}

/// Column widths in characters: wide enough for the header (and its filter button) and the
/// widest value, up to the column's maximum.
fn widths(columns: &[Column], rows: &[XRow<'_>]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let widest = rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(XCell::width)
                .max()
                .unwrap_or(0);
            let header = column.header.chars().count() + 4;
            (header.max(widest + 2) as f64).clamp(8.0, column.max_width.max(8.0))
        })
        .collect()
}

/// The widths [`widths`] gives columns whose values are as wide as they may be: what a sheet
/// written row by row uses, before it has seen its rows.
fn fixed_widths(columns: &[Column]) -> Vec<f64> {
    columns.iter().map(|c| c.max_width.max(8.0)).collect()
}

/// Names the sheet and sets its columns' widths and formats.
fn set_columns(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Column],
    widths: &[f64],
    formats: &Formats,
) -> anyhow::Result<()> {
    ws.set_name(name)?;
    for (c, (column, width)) in columns.iter().zip(widths).enumerate() {
        let c = u16::try_from(c)?;
        ws.set_column_width(c, *width)?;
        ws.set_column_format(c, &formats.plain[column.kind as usize])?;
    }
    Ok(())
}

/// Writes a row's cells (row `r`, from 1 below the header); with `widths`, also sets the row's
/// height for its wrapped text.
fn write_row(
    ws: &mut Worksheet,
    r: usize,
    row: &[XCell<'_>],
    columns: &[Column],
    widths: Option<&[f64]>,
    formats: &Formats,
) -> anyhow::Result<()> {
    let r = u32::try_from(r)?;
    let mut lines = 1;
    for (c, (cell, column)) in row.iter().zip(columns).enumerate() {
        if column.kind == Kind::Wrap
            && let (Some(text), Some(&width)) = (cell.text(), widths.and_then(|w| w.get(c)))
        {
            lines = lines.max(wrapped_lines(text, width));
        }
        let c = u16::try_from(c)?;
        write_cell(ws, r, c, cell, column.kind, formats)?;
    }
    if lines > 1 {
        ws.set_row_height(r, row_height(lines))?;
    }
    Ok(())
}

/// The header row frozen, and printed landscape with the header on every page.
fn finish_sheet(ws: &mut Worksheet) -> anyhow::Result<()> {
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// Writes a sheet whose rows are all made, in a sheet held in memory.
fn write_sheet(ws: &mut Worksheet, sheet: &Made<'_>, formats: &Formats) -> anyhow::Result<()> {
    let context = || format!("cannot write the workbook's `{}` sheet", sheet.name);
    let widths = widths(&sheet.columns, &sheet.rows);
    set_columns(ws, sheet.name, &sheet.columns, &widths, formats).with_context(context)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        write_row(ws, r + 1, row, &sheet.columns, Some(&widths), formats).with_context(context)?;
    }
    let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
    add_table(
        ws,
        &mut Tables::Full,
        0,
        sheet.table,
        &headers,
        sheet.rows.len(),
    )
    .with_context(context)?;
    finish_sheet(ws).with_context(context)
}

/// Writes a sheet row by row as its rows are made, in a constant-memory sheet: the table (and
/// its header row) first, then each row in order, each checked first. Rows get no height of
/// their own: rust_xlsxwriter keeps every row's options in memory to the end, about a
/// kilobyte a row, and Excel and LibreOffice fit a row to its wrapped text when they open a
/// file in which it has none.
fn stream_sheet(
    ws: &mut Worksheet,
    sheet: Sheet<'_>,
    formats: &Formats,
    tables: &mut Tables,
) -> anyhow::Result<()> {
    let context = || format!("cannot write the workbook's `{}` sheet", sheet.name);
    let widths = fixed_widths(&sheet.columns);
    set_columns(ws, sheet.name, &sheet.columns, &widths, formats).with_context(context)?;
    let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
    add_table(ws, tables, 0, sheet.table, &headers, sheet.len).with_context(context)?;
    let mut written = 0;
    for row in sheet.rows {
        check_row(sheet.name, &sheet.columns, &row)?;
        written += 1;
        write_row(ws, written, &row, &sheet.columns, None, formats).with_context(context)?;
    }
    if written != sheet.len {
        bail!(
            "cannot write the workbook's `{}` sheet: {written} rows were made for {}",
            sheet.name,
            sheet.len
        );
    }
    finish_sheet(ws).with_context(context)
}

/// How tables are added to their sheets.
enum Tables {
    /// Over their full range.
    Full,
    /// Over their header row and first row only, and given their full range when the file is
    /// written ([`resize_tables`]): rust_xlsxwriter checks that tables do not overlap with a
    /// map of every cell a table covers, 16 bytes a cell kept to the end (the Recommendations
    /// table of a million recommendations would take 550 MB).
    Shrunk(Vec<Shrunk>),
}

/// A table added over less than its range.
#[derive(Debug)]
struct Shrunk {
    name: String,
    /// The range it was added over (`A1:P2`).
    added: String,
    /// Its range (`A1:P1000001`).
    full: String,
}

/// Adds an Excel table with these headers over a header row at `row` (from column A) and
/// `rows` data rows (at least one, empty, since an Excel table cannot be empty).
fn add_table<S: AsRef<str>>(
    ws: &mut Worksheet,
    tables: &mut Tables,
    row: u32,
    name: &str,
    headers: &[S],
    rows: usize,
) -> anyhow::Result<()> {
    let last_row = row + u32::try_from(rows.max(1))?;
    let last_col = u16::try_from(headers.len().saturating_sub(1))?;
    let table = Table::new()
        .set_name(name)
        .set_style(TableStyle::Medium2)
        .set_columns(
            &headers
                .iter()
                .map(|h| TableColumn::new().set_header(h.as_ref()))
                .collect::<Vec<_>>(),
        );
    match tables {
        Tables::Full => {
            ws.add_table(row, 0, last_row, last_col, &table)?;
        }
        Tables::Shrunk(shrunk) => {
            ws.add_table(row, 0, row + 1, last_col, &table)?;
            shrunk.push(Shrunk {
                name: name.to_owned(),
                added: cell_range(row, 0, row + 1, last_col),
                full: cell_range(row, 0, last_row, last_col),
            });
        }
    }
    Ok(())
}

/// Copies the workbook `from` to `to`, giving each shrunk table its full range: the `ref` of
/// the table and of its filter in the table's part. Every other part is copied as it is
/// (still compressed), and the new parts are compressed as rust_xlsxwriter compresses them,
/// so the result is the workbook rust_xlsxwriter would have written with the tables added over
/// their full range.
fn resize_tables<R: Read + Seek, W: Write + Seek>(
    from: R,
    to: W,
    shrunk: &[Shrunk],
    level: Option<i64>,
) -> anyhow::Result<W> {
    let mut archive = zip::ZipArchive::new(from)?;
    let mut out = zip::ZipWriter::new(to);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(level)
        .unix_permissions(0o600)
        .last_modified_time(zip::DateTime::default());
    let mut resized = 0;
    for i in 0..archive.len() {
        let name = archive.by_index_raw(i)?.name()?.into_owned();
        if !(name.starts_with("xl/tables/") && name.ends_with(".xml")) {
            out.raw_copy_file(archive.by_index_raw(i)?)?;
            continue;
        }
        let mut xml = String::new();
        archive.by_index(i)?.read_to_string(&mut xml)?;
        if let Some(table) = shrunk
            .iter()
            .find(|t| xml.contains(&format!(" name=\"{}\" ", t.name)))
        {
            xml = xml.replace(
                &format!(" ref=\"{}\"", table.added),
                &format!(" ref=\"{}\"", table.full),
            );
            resized += 1;
        }
        out.start_file(name, options)?;
        out.write_all(xml.as_bytes())?;
    }
    if resized != shrunk.len() {
        bail!(
            "cannot write the workbook: {resized} of its {} tables were found",
            shrunk.len()
        );
    }
    Ok(out.finish()?)
}

/// Header names made unique (Excel tables require it) by appending a number.
fn unique_headers(headers: Vec<String>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    headers
        .into_iter()
        .map(|h| {
            let mut name = if h.trim().is_empty() {
                "Column".to_owned()
            } else {
                h
            };
            let base = name.clone();
            let mut n = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{base} {n}");
                n += 1;
            }
            name
        })
        .collect()
}

/// The Summary sheet: recommendations by theme × pillar (with a bar chart per theme) and by
/// session and label. Every count is a number written by the export, never a formula.
///
/// In a constant-memory sheet (`row_by_row`) every row is written in order: each table (and
/// its header row) is added before its rows rather than after them.
fn write_summary(
    ws: &mut Worksheet,
    ds: &Dataset,
    names: &Names<'_>,
    formats: &Formats,
    row_by_row: bool,
    tables: &mut Tables,
) -> anyhow::Result<()> {
    const SHEET: &str = "Summary";
    let context = || format!("cannot write the workbook's `{SHEET}` sheet");
    ws.set_name(SHEET).with_context(context)?;

    // counts
    let theme_index: HashMap<&str, usize> = ds
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let pillar_index: HashMap<&str, usize> = ds
        .pillars
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let label_index: HashMap<&str, usize> = ds
        .vocabularies
        .labels
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let (n_themes, n_pillars, n_labels) = (
        ds.themes.len(),
        ds.pillars.len(),
        ds.vocabularies.labels.len(),
    );
    let mut by_theme = vec![vec![0usize; n_pillars]; n_themes];
    let mut theme_totals = vec![0usize; n_themes];
    let mut pillar_totals = vec![0usize; n_pillars];
    let mut by_session: HashMap<&str, (Vec<usize>, usize)> = HashMap::new();
    let (mut themes, mut pillars) = (Vec::new(), Vec::new());
    for r in &ds.recommendations {
        // each theme and pillar once (the lists are short)
        themes.clear();
        themes.extend(
            r.themes
                .iter()
                .filter_map(|t| theme_index.get(t.as_str()).copied()),
        );
        themes.sort_unstable();
        themes.dedup();
        pillars.clear();
        pillars.extend(
            r.pillars
                .iter()
                .filter_map(|p| pillar_index.get(p.as_str()).copied()),
        );
        pillars.sort_unstable();
        pillars.dedup();
        for &t in &themes {
            theme_totals[t] += 1;
            for &p in &pillars {
                by_theme[t][p] += 1;
            }
        }
        for &p in &pillars {
            pillar_totals[p] += 1;
        }
        let entry = by_session
            .entry(r.session.as_str())
            .or_insert_with(|| (vec![0; n_labels], 0));
        if let Some(&l) = label_index.get(r.label.as_str()) {
            entry.0[l] += 1;
        }
        entry.1 += 1;
    }

    // column A holds theme names and session titles, wrapped
    let first_width = ds
        .themes
        .iter()
        .map(|t| t.name.chars().count())
        .chain(ds.sessions.iter().map(|s| s.title.chars().count()))
        .chain([12])
        .max()
        .map_or(10.0, |chars| ((chars + 2) as f64).clamp(10.0, 50.0));
    let fit_first = |ws: &mut Worksheet, row: u32, text: &str| -> anyhow::Result<()> {
        let lines = wrapped_lines(text, first_width);
        // row by row, rows get no height of their own (see `stream_sheet`)
        if lines > 1 && !row_by_row {
            ws.set_row_height(row, row_height(lines))?;
        }
        Ok(())
    };
    let mut widths: Vec<usize> = Vec::new();
    let mut track = |col: usize, chars: usize| {
        if widths.len() <= col {
            widths.resize(col + 1, 0);
        }
        widths[col] = widths[col].max(chars);
    };
    let write_text =
        |ws: &mut Worksheet, row: u32, col: u16, text: &str, kind: Kind| -> anyhow::Result<()> {
            ws.write_string_with_format(row, col, text, formats.cell(kind, Some(text)))?;
            Ok(())
        };
    let number = |ws: &mut Worksheet, row: u32, col: u16, n: usize| -> anyhow::Result<()> {
        ws.write_number_with_format(row, col, n as f64, formats.cell(Kind::Number, None))?;
        Ok(())
    };

    // theme × pillar
    ws.write_string_with_format(
        0,
        0,
        "Recommendations by theme and pillar",
        &formats.heading,
    )?;
    ws.write_string(
        1,
        0,
        "A recommendation with several themes or pillars counts once in each; the totals count each recommendation once.",
    )?;
    let header_row = 3u32;
    let mut headers = vec!["Theme".to_owned()];
    headers.extend(ds.pillars.iter().map(|p| p.name.clone()));
    headers.push("All pillars".to_owned());
    let headers = unique_headers(headers);
    for (i, h) in headers.iter().enumerate() {
        track(i, h.chars().count() + 4);
    }
    if row_by_row {
        add_table(ws, tables, header_row, "ThemesByPillar", &headers, n_themes)?;
    }
    for (t, theme) in ds.themes.iter().enumerate() {
        let row = header_row + 1 + u32::try_from(t)?;
        write_text(ws, row, 0, &theme.name, Kind::Wrap)?;
        fit_first(ws, row, &theme.name)?;
        for (p, count) in by_theme[t].iter().enumerate() {
            number(ws, row, u16::try_from(p + 1)?, *count)?;
        }
        number(ws, row, u16::try_from(n_pillars + 1)?, theme_totals[t])?;
    }
    if !row_by_row {
        add_table(ws, tables, header_row, "ThemesByPillar", &headers, n_themes)?;
    }
    let total_row = header_row + 1 + u32::try_from(n_themes.max(1))?;
    ws.write_string_with_format(total_row, 0, "All themes", &formats.bold)?;
    for (p, count) in pillar_totals.iter().enumerate() {
        number(ws, total_row, u16::try_from(p + 1)?, *count)?;
    }
    number(
        ws,
        total_row,
        u16::try_from(n_pillars + 1)?,
        ds.recommendations.len(),
    )?;

    if n_themes > 0 {
        let first = header_row + 1;
        let last = header_row + u32::try_from(n_themes)?;
        let values_col = u16::try_from(n_pillars + 1)?;
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name("Recommendations per theme");
        chart.legend().set_hidden();
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.x_axis().set_name("Recommendations");
        chart
            .add_series()
            .set_name("Recommendations")
            .set_categories((SHEET, first, 0, last, 0))
            .set_values((SHEET, first, values_col, last, values_col));
        chart.set_width(640);
        chart.set_height(
            u32::try_from(n_themes)?
                .saturating_mul(26)
                .saturating_add(110)
                .max(300),
        );
        let chart_col = u16::try_from(n_pillars.max(n_labels + 1) + 3)?;
        ws.insert_chart(header_row, chart_col, &chart)
            .with_context(context)?;
    }

    // by session
    let session_heading = total_row + 3;
    ws.write_string_with_format(
        session_heading,
        0,
        "Recommendations by session",
        &formats.heading,
    )?;
    let header_row = session_heading + 2;
    let mut headers = vec!["Session".to_owned(), "Kind".to_owned()];
    headers.extend(ds.vocabularies.labels.iter().map(|l| l.name.clone()));
    headers.push("Total".to_owned());
    let headers = unique_headers(headers);
    for (i, h) in headers.iter().enumerate() {
        track(i, h.chars().count() + 4);
    }
    if row_by_row {
        add_table(
            ws,
            tables,
            header_row,
            "RecommendationsBySession",
            &headers,
            ds.sessions.len(),
        )?;
    }
    let empty = (vec![0; n_labels], 0);
    for (s, session) in ds.sessions.iter().enumerate() {
        let row = header_row + 1 + u32::try_from(s)?;
        let kind = names.term("session-kind", &session.kind);
        write_text(ws, row, 0, &session.title, Kind::Wrap)?;
        write_text(ws, row, 1, kind, Kind::Text)?;
        fit_first(ws, row, &session.title)?;
        track(1, kind.chars().count());
        let (labels, total) = by_session.get(session.id.as_str()).unwrap_or(&empty);
        for (l, count) in labels.iter().enumerate() {
            number(ws, row, u16::try_from(l + 2)?, *count)?;
        }
        number(ws, row, u16::try_from(n_labels + 2)?, *total)?;
    }
    if !row_by_row {
        add_table(
            ws,
            tables,
            header_row,
            "RecommendationsBySession",
            &headers,
            ds.sessions.len(),
        )?;
    }
    let total_row = header_row + 1 + u32::try_from(ds.sessions.len().max(1))?;
    ws.write_string_with_format(total_row, 0, "All sessions", &formats.bold)?;
    let mut label_totals = vec![0usize; n_labels];
    for (labels, _) in by_session.values() {
        for (l, count) in labels.iter().enumerate() {
            label_totals[l] += count;
        }
    }
    for (l, count) in label_totals.iter().enumerate() {
        number(ws, total_row, u16::try_from(l + 2)?, *count)?;
    }
    number(
        ws,
        total_row,
        u16::try_from(n_labels + 2)?,
        ds.recommendations.len(),
    )?;

    for (c, chars) in widths.iter().enumerate() {
        let width = if c == 0 {
            first_width
        } else {
            ((chars + 2) as f64).clamp(10.0, 24.0)
        };
        ws.set_column_width(u16::try_from(c)?, width)?;
    }
    ws.set_landscape();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_past_excels_row_limit_is_a_clear_error() {
        assert!(check_rows("Recommendations", MAX_SHEET_ROWS - 1).is_ok());
        let err = check_rows("Recommendations", MAX_SHEET_ROWS).expect_err("too many rows");
        assert_eq!(
            err.to_string(),
            "the workbook cannot hold the 1048576 rows of its `Recommendations` sheet: an Excel sheet holds at most 1048575 rows below its header; write CSV or JSON instead (--format csv,json), or export a subset with --conference, --session, --theme or --pillar"
        );
    }

    fn real_dataset() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        alliance_core::load(&root).expect("loads").dataset
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
        let ds = real_dataset();
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
                && table.contains(&format!(" ref=\"A1:P{last}\""))
                && table.contains(&format!("<autoFilter ref=\"A1:P{last}\"/>")),
            "{table}"
        );
        // row by row: text in the cells, no row heights, fixed widths; the About sheet says so
        let sheet = text(&shrunk, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("t=\"inlineStr\""));
        assert!(!sheet.contains("customHeight"));
        assert!(
            sheet.contains("<col min=\"8\" max=\"8\" width=\"80.7109375\""),
            "{sheet:.2000}"
        );
        assert!(!shrunk.iter().any(|(n, _)| n == "xl/sharedStrings.xml"));
        let about = text(&shrunk, "xl/worksheets/sheet9.xml");
        assert!(about.contains("more than 0 rows, so it was written row by row"));
        let small = parts(&write(CONSTANT_MEMORY_ROWS, true));
        assert!(!text(&small, "xl/worksheets/sheet9.xml").contains("written row by row"));
    }

    #[test]
    fn resizing_a_table_that_is_not_in_the_file_is_an_error() {
        let ds = real_dataset();
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
        let mut ds = real_dataset();
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

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(1_048_575), "1,048,575");
    }

    #[test]
    fn headers_are_made_unique() {
        let headers = unique_headers(vec![
            "Session".into(),
            "Kind".into(),
            "session".into(),
            "".into(),
            "Kind".into(),
        ]);
        assert_eq!(
            headers,
            ["Session", "Kind", "session 2", "Column", "Kind 2"]
        );
    }

    #[test]
    fn widths_fit_headers_and_values_within_bounds() {
        let columns = [
            col("ID", Kind::Id, 20.0),
            col("Text", Kind::Wrap, 80.0),
            col("N", Kind::Number, 9.0),
        ];
        let long = "x".repeat(500);
        let rows = vec![vec![
            XCell::from("a17-panel-1-r01"),
            XCell::from(long),
            12u32.into(),
        ]];
        assert_eq!(widths(&columns, &rows), [17.0, 80.0, 8.0]);
    }
}
