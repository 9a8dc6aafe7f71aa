//! The About sheet: what the workbook is, its source, release, tool, selection, row counts,
//! how to cite it, how it was written, and what each data sheet's columns hold and what a
//! blank cell in each means.

use alliance_core::dates;
use alliance_core::model::Dataset;

use super::MAX_CELL_CHARS;
use super::cell::{Kind, Look, XCell};
use super::sheets::Sheet;
use crate::filter::{Phrasing, Selection};

/// How many reports "How to cite" names when naming them all would not fit one cell.
const CITED_REPORTS: usize = 10;
/// The version of alliance-export.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The About sheet of a workbook with these data sheets, their row counts and their columns;
/// with `row_by_row_above`, the workbook is written row by row above that many rows.
pub(super) fn about_sheet<'a>(
    ds: &'a Dataset,
    selection: &Selection,
    sheets: &[(&str, usize)],
    columns: &[(&str, Vec<Look<'_>>)],
    links: bool,
    row_by_row_above: Option<usize>,
) -> Sheet<'a> {
    let mut rows: Vec<Vec<XCell<'a>>> = Vec::new();
    let mut item = |item: &str, value: XCell<'a>| rows.push(vec![item.to_owned().into(), value]);
    item(
        "This workbook",
        "The recommendations, findings and conclusions of OSCE Alliance against Trafficking in Persons conferences, each in its report's own words and with where it comes from, one row each on the Recommendations sheet; with a Summary, and the conferences, sessions, participants, people, organizations, themes and instruments they refer to. Every sheet is an Excel table: use the header filters to select rows. The rows at the end of this sheet say what each column holds and what a blank cell in it means.".into(),
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
    item("Written by", format!("alliance-export {VERSION}").into());
    let selected = selection.describe(Phrasing::Words).map_or_else(
        || "The whole dataset.".to_owned(),
        |filters| format!("The recommendations of {filters}, and the records they need."),
    );
    item("Selection", selected.into());
    for &(sheet, n) in sheets {
        item(&format!("Rows: {sheet}"), n.into());
    }
    item("How to cite", how_to_cite(ds).into());
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
                dates::thousands(threshold)
            )
            .into(),
        );
    }
    item(
        "Columns",
        "What each data sheet's columns hold, and what a blank cell in each means, one row per column below (\"Sheet: Column\"). A column whose row says nothing of blanks is never blank.".into(),
    );
    for (sheet, looks) in columns {
        for look in looks {
            item(&format!("{sheet}: {}", look.header), look.about().into());
        }
    }
    Sheet::new(
        "About",
        vec![
            Look::new("Item", Kind::Text, 24.0),
            Look::new("Value", Kind::Wrap, 100.0),
        ],
        rows.len(),
        rows.into_iter(),
    )
}

/// How to cite the workbook: the reports, then the dataset. When naming every report would not
/// fit one cell, the first [`CITED_REPORTS`] and how many more.
fn how_to_cite(ds: &Dataset) -> String {
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
            "{}{}{}, version {} ({}), exported with alliance-export {VERSION}.",
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
    how_to_cite
}
