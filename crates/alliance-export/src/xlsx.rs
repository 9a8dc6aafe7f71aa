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

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use alliance_core::model::{Dataset, Organization, Recommendation, Session, Term};
use anyhow::{Context, bail};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, Table,
    TableColumn, TableStyle, Url, Workbook, Worksheet,
};

use crate::filter::Selection;
use crate::safe::is_formula_like;

/// Rows an Excel sheet holds, the header row included.
pub const MAX_SHEET_ROWS: usize = 1_048_576;
/// Hyperlinks an Excel sheet holds.
pub const MAX_SHEET_LINKS: usize = 65_530;
/// Above this many recommendations the workbook is compressed faster (zip level 3, not 6).
pub const FAST_COMPRESSION_ROWS: usize = 100_000;
/// Characters an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

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

/// A sheet holding one Excel table.
struct Sheet<'a> {
    name: &'static str,
    table: &'static str,
    columns: Vec<Column>,
    rows: Vec<Vec<XCell<'a>>>,
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
    people: HashMap<&'a str, &'a str>,
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
            people: ds
                .people
                .iter()
                .map(|p| (p.id.as_str(), p.name.as_str()))
                .collect(),
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
    let participants: usize = ds.sessions.iter().map(|s| s.participants.len()).sum();
    for (sheet, rows) in [
        ("Recommendations", ds.recommendations.len()),
        ("Sessions", ds.sessions.len()),
        ("Participants", participants),
        ("People", ds.people.len()),
        ("Organizations", ds.organizations.len()),
        ("Themes", ds.themes.len()),
        ("Instruments", ds.instruments.len()),
        // two tables with headings, notes and totals
        ("Summary", ds.themes.len() + ds.sessions.len() + 12),
    ] {
        check_rows(sheet, rows)?;
    }
    let names = Names::new(ds);
    let links = ds.recommendations.len() <= MAX_SHEET_LINKS;
    let sheets = [
        recommendations_sheet(ds, &names, links),
        sessions_sheet(ds, &names),
        participants_sheet(ds, &names),
        people_sheet(ds, &names),
        organizations_sheet(ds, &names),
        themes_sheet(ds),
        instruments_sheet(ds, &names),
    ];
    for sheet in &sheets {
        check_cells(sheet)?;
    }
    let about = about_sheet(ds, selection, &sheets, links);

    let formats = Formats::new();
    let mut wb = Workbook::new();
    if ds.recommendations.len() > FAST_COMPRESSION_ROWS {
        // deflate dominates the time of a big workbook; level 3 halves it for a quarter more
        // bytes (the level follows the data, so the bytes stay reproducible)
        wb.set_zip_compression_level(3);
    }
    wb.set_properties(&properties(ds)?);
    let [recommendations, rest @ ..] = &sheets;
    write_sheet(wb.add_worksheet(), recommendations, &formats)?;
    write_summary(wb.add_worksheet(), ds, &names, &formats)?;
    for sheet in rest {
        write_sheet(wb.add_worksheet(), sheet, &formats)?;
    }
    write_sheet(wb.add_worksheet(), &about, &formats)?;
    wb.save_to_buffer().context("cannot build the workbook")
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
fn check_cells(sheet: &Sheet<'_>) -> anyhow::Result<()> {
    for row in &sheet.rows {
        for (cell, column) in row.iter().zip(&sheet.columns) {
            if cell
                .text()
                .is_some_and(|t| t.chars().count() > MAX_CELL_CHARS)
            {
                let record = row.first().and_then(XCell::text).unwrap_or_default();
                bail!(
                    "the workbook cannot hold the `{}` of `{record}` on its `{}` sheet: an Excel cell holds at most {MAX_CELL_CHARS} characters; write CSV or JSON instead (--format csv,json)",
                    column.header,
                    sheet.name
                );
            }
        }
    }
    Ok(())
}

fn recommendations_sheet<'a>(ds: &'a Dataset, names: &Names<'a>, links: bool) -> Sheet<'a> {
    let row = |r: &'a Recommendation| -> Vec<XCell<'a>> {
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
        rows: ds.recommendations.iter().map(row).collect(),
    }
}

fn sessions_sheet<'a>(ds: &'a Dataset, names: &Names<'a>) -> Sheet<'a> {
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
        rows: ds
            .sessions
            .iter()
            .map(|s| {
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
            })
            .collect(),
    }
}

fn participants_sheet<'a>(ds: &'a Dataset, names: &Names<'a>) -> Sheet<'a> {
    let affiliations: HashMap<(&str, &str), String> = ds
        .people
        .iter()
        .flat_map(|p| {
            let mut by_conference: Vec<(&str, Vec<&str>)> = Vec::new();
            for a in &p.affiliations {
                match by_conference.iter_mut().find(|(c, _)| *c == a.conference) {
                    Some((_, list)) => list.push(&a.as_printed),
                    None => by_conference.push((&a.conference, vec![&a.as_printed])),
                }
            }
            by_conference
                .into_iter()
                .map(move |(c, list)| ((p.id.as_str(), c), list.join("; ")))
        })
        .collect();
    let affiliations = &affiliations;
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
        rows: ds
            .sessions
            .iter()
            .flat_map(|s| {
                s.participants.iter().map(move |p| {
                    let affiliation = affiliations
                        .get(&(p.person.as_str(), s.conference.as_str()))
                        .cloned()
                        .unwrap_or_default();
                    vec![
                        (&s.id).into(),
                        (&s.title).into(),
                        (&p.person).into(),
                        names
                            .people
                            .get(p.person.as_str())
                            .copied()
                            .unwrap_or_default()
                            .into(),
                        names.term("role", &p.role).into(),
                        affiliation.into(),
                        p.note.as_ref().into(),
                    ]
                })
            })
            .collect(),
    }
}

fn people_sheet<'a>(ds: &'a Dataset, names: &Names<'a>) -> Sheet<'a> {
    let mut sessions: HashMap<&str, HashSet<&str>> = HashMap::new();
    for s in &ds.sessions {
        for p in &s.participants {
            sessions
                .entry(p.person.as_str())
                .or_default()
                .insert(s.id.as_str());
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
        rows: ds
            .people
            .iter()
            .map(|p| {
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
                    sessions.get(p.id.as_str()).map_or(0, HashSet::len).into(),
                ]
            })
            .collect(),
    }
}

fn organizations_sheet<'a>(ds: &'a Dataset, names: &Names<'a>) -> Sheet<'a> {
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
        rows: ds
            .organizations
            .iter()
            .map(|o| {
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
            })
            .collect(),
    }
}

fn themes_sheet(ds: &Dataset) -> Sheet<'_> {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for r in &ds.recommendations {
        for theme in r.themes.iter().collect::<HashSet<_>>() {
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
        rows: ds
            .themes
            .iter()
            .map(|t| {
                vec![
                    (&t.id).into(),
                    (&t.name).into(),
                    t.description.as_ref().into(),
                    count.get(t.id.as_str()).copied().unwrap_or(0).into(),
                ]
            })
            .collect(),
    }
}

fn instruments_sheet<'a>(ds: &'a Dataset, names: &Names<'a>) -> Sheet<'a> {
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
        rows: ds
            .instruments
            .iter()
            .map(|i| {
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
            })
            .collect(),
    }
}

fn about_sheet<'a>(
    ds: &'a Dataset,
    selection: &Selection,
    sheets: &[Sheet<'_>],
    links: bool,
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
                ordinal(c.edition),
                c.title,
                c.venue,
                c.city,
                date_range(&c.start_date, &c.end_date)
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
    item("Selection", selection_text(selection).into());
    for sheet in sheets {
        let label = match sheet.name {
            "Recommendations" => "Rows: Recommendations",
            "Sessions" => "Rows: Sessions",
            "Participants" => "Rows: Participants",
            "People" => "Rows: People",
            "Organizations" => "Rows: Organizations",
            "Themes" => "Rows: Themes",
            "Instruments" => "Rows: Instruments",
            _ => "Rows",
        };
        item(label, sheet.rows.len().into());
    }
    let citation = ds
        .conferences
        .iter()
        .filter_map(|c| {
            c.source.as_ref().map(|s| {
                format!(
                    "{}, {} ({}, {})",
                    s.publisher,
                    s.title,
                    c.city,
                    date_range(&c.start_date, &c.end_date)
                )
            })
        })
        .collect::<Vec<_>>()
        .join("; ");
    item(
        "How to cite",
        format!(
            "{}{}{}, version {} ({}), exported with alliance-export {version}.",
            citation,
            if citation.is_empty() { "" } else { ". Data: " },
            ds.release.title,
            ds.release.version,
            ds.release.date
        )
        .into(),
    );
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
    Sheet {
        name: "About",
        table: "About",
        columns: vec![
            col("Item", Kind::Text, 24.0),
            col("Value", Kind::Wrap, 100.0),
        ],
        rows,
    }
}

/// `17th`, `21st`, `112th`.
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `3–4 April 2017`, `30 March – 2 April 2017`, `30 December 2017 – 2 January 2018`; the ISO
/// dates as they are when they do not parse.
fn date_range(start: &str, end: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parse = |date: &str| {
        let (y, m, d) = alliance_core::load::parse_date(date)?;
        Some((y, MONTHS.get(usize::try_from(m).ok()?.checked_sub(1)?)?, d))
    };
    match (parse(start), parse(end)) {
        (Some((y1, m1, d1)), Some((y2, m2, d2))) => {
            if (y1, m1, d1) == (y2, m2, d2) {
                format!("{d1} {m1} {y1}")
            } else if (y1, m1) == (y2, m2) {
                format!("{d1}\u{2013}{d2} {m1} {y1}")
            } else if y1 == y2 {
                format!("{d1} {m1} \u{2013} {d2} {m2} {y1}")
            } else {
                format!("{d1} {m1} {y1} \u{2013} {d2} {m2} {y2}")
            }
        }
        _ if start == end => start.to_owned(),
        _ => format!("{start} to {end}"),
    }
}

/// What a selection exported, in words.
fn selection_text(selection: &Selection) -> String {
    if selection.is_empty() {
        return "The whole dataset.".to_owned();
    }
    let mut parts = Vec::new();
    for (what, ids) in [
        ("conference", &selection.conferences),
        ("session", &selection.sessions),
        ("theme", &selection.themes),
        ("pillar", &selection.pillars),
    ] {
        if !ids.is_empty() {
            parts.push(format!("{what} {}", ids.join(" or ")));
        }
    }
    format!(
        "The recommendations of {}, and the records they need.",
        parts.join(", and of ")
    )
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
fn widths(columns: &[Column], rows: &[Vec<XCell<'_>>]) -> Vec<f64> {
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

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet<'_>, formats: &Formats) -> anyhow::Result<()> {
    let context = || format!("cannot write the workbook's `{}` sheet", sheet.name);
    ws.set_name(sheet.name).with_context(context)?;
    let widths = widths(&sheet.columns, &sheet.rows);
    for (c, (column, width)) in sheet.columns.iter().zip(&widths).enumerate() {
        let c = u16::try_from(c).with_context(context)?;
        ws.set_column_width(c, *width).with_context(context)?;
        ws.set_column_format(c, &formats.plain[column.kind as usize])
            .with_context(context)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).with_context(context)?;
        let mut lines = 1;
        for (c, (cell, column)) in row.iter().zip(&sheet.columns).enumerate() {
            if column.kind == Kind::Wrap
                && let (Some(text), Some(&width)) = (cell.text(), widths.get(c))
            {
                lines = lines.max(wrapped_lines(text, width));
            }
            let c = u16::try_from(c).with_context(context)?;
            write_cell(ws, r, c, cell, column.kind, formats).with_context(context)?;
        }
        if lines > 1 {
            ws.set_row_height(r, row_height(lines))
                .with_context(context)?;
        }
    }
    let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
    add_table(ws, 0, sheet.table, &headers, sheet.rows.len()).with_context(context)?;
    ws.set_freeze_panes(1, 0).with_context(context)?;
    ws.set_landscape();
    ws.set_repeat_rows(0, 0).with_context(context)?;
    Ok(())
}

/// Adds an Excel table with these headers over a header row at `row` (from column A) and
/// `rows` data rows (at least one, empty, since an Excel table cannot be empty).
fn add_table<S: AsRef<str>>(
    ws: &mut Worksheet,
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
    ws.add_table(row, 0, last_row, last_col, &table)?;
    Ok(())
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
fn write_summary(
    ws: &mut Worksheet,
    ds: &Dataset,
    names: &Names<'_>,
    formats: &Formats,
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
    for r in &ds.recommendations {
        let themes: HashSet<usize> = r
            .themes
            .iter()
            .filter_map(|t| theme_index.get(t.as_str()).copied())
            .collect();
        let pillars: HashSet<usize> = r
            .pillars
            .iter()
            .filter_map(|p| pillar_index.get(p.as_str()).copied())
            .collect();
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
        if lines > 1 {
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
    for (t, theme) in ds.themes.iter().enumerate() {
        let row = header_row + 1 + u32::try_from(t)?;
        write_text(ws, row, 0, &theme.name, Kind::Wrap)?;
        fit_first(ws, row, &theme.name)?;
        for (p, count) in by_theme[t].iter().enumerate() {
            number(ws, row, u16::try_from(p + 1)?, *count)?;
        }
        number(ws, row, u16::try_from(n_pillars + 1)?, theme_totals[t])?;
    }
    add_table(ws, header_row, "ThemesByPillar", &headers, n_themes)?;
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
    add_table(
        ws,
        header_row,
        "RecommendationsBySession",
        &headers,
        ds.sessions.len(),
    )?;
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
    fn dates_and_ordinals_read_as_people_write_them() {
        assert_eq!(
            date_range("2017-04-03", "2017-04-04"),
            "3\u{2013}4 April 2017"
        );
        assert_eq!(date_range("2017-04-03", "2017-04-03"), "3 April 2017");
        assert_eq!(
            date_range("2017-03-30", "2017-04-02"),
            "30 March \u{2013} 2 April 2017"
        );
        assert_eq!(
            date_range("2017-12-30", "2018-01-02"),
            "30 December 2017 \u{2013} 2 January 2018"
        );
        assert_eq!(date_range("soon", "later"), "soon to later");
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 17, 21, 22, 111, 112]
            .map(ordinal)
            .into();
        assert_eq!(
            ordinals,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "17th", "21st", "22nd",
                "111th", "112th"
            ]
        );
    }

    #[test]
    fn a_sheet_past_excels_row_limit_is_a_clear_error() {
        assert!(check_rows("Recommendations", MAX_SHEET_ROWS - 1).is_ok());
        let err = check_rows("Recommendations", MAX_SHEET_ROWS).expect_err("too many rows");
        assert_eq!(
            err.to_string(),
            "the workbook cannot hold the 1048576 rows of its `Recommendations` sheet: an Excel sheet holds at most 1048575 rows below its header; write CSV or JSON instead (--format csv,json), or export a subset with --conference, --session, --theme or --pillar"
        );
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
