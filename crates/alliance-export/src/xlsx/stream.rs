//! Writing a sheet: in memory with every row made first ([`write_sheet`]: columns as wide as
//! their widest value, rows as high as their wrapped text), or row by row as the rows are made
//! in a constant-memory sheet ([`stream_sheet`]: fixed widths, no row heights).

use anyhow::{Context, bail};
use rust_xlsxwriter::Worksheet;

use super::cell::{Formats, Kind, Look, Style, XCell, XRow, write_link, write_text};
use super::check_row;
use super::sheets::{Made, Sheet};
use super::table::{Tables, add_table};

/// Writes a cell in its column's format.
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
        XCell::Text(text) => write_text(ws, row, col, text, Style::Column(kind), formats)?,
        XCell::Number(n) => {
            ws.write_number(row, col, *n)?;
        }
        XCell::Link(text, target) => write_link(ws, row, col, (text, target), kind, formats)?,
        XCell::Empty => {}
    }
    Ok(())
}

/// Lines a wrapped text takes in a column `width` characters wide (an estimate: Calibri 11's
/// average character is a little narrower than the `0` that Excel measures widths in).
pub(super) fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = ((width - 1.0) * 1.1).max(1.0);
    text.split('\n')
        .map(|line| {
            let chars = line.chars().count() as f64;
            (chars / per_line).ceil().max(1.0) as usize
        })
        .sum()
}

/// The height of a row of wrapped text, in points (Excel's limit is 409).
pub(super) fn row_height(lines: usize) -> f64 {
    (lines as f64 * 15.0).min(409.0)
}

/// Column widths in characters: wide enough for the header (and its filter button) and the
/// widest value, up to the column's maximum.
fn widths(columns: &[Look], rows: &[XRow<'_>]) -> Vec<f64> {
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
fn fixed_widths(columns: &[Look]) -> Vec<f64> {
    columns.iter().map(|c| c.max_width.max(8.0)).collect()
}

/// Names the sheet and sets its columns' widths and formats.
fn set_columns(
    ws: &mut Worksheet,
    name: &str,
    columns: &[Look],
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
    columns: &[Look],
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
pub(super) fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Made<'_>,
    formats: &Formats,
) -> anyhow::Result<()> {
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
        (0, sheet.name),
        &headers,
        sheet.rows.len(),
        formats,
    )
    .with_context(context)?;
    finish_sheet(ws).with_context(context)
}

/// Writes a sheet row by row as its rows are made, in a constant-memory sheet: the table (and
/// its header row) first, then each row in order, each checked first. Rows get no height of
/// their own: rust_xlsxwriter keeps every row's options in memory to the end, about a
/// kilobyte a row, and Excel and LibreOffice fit a row to its wrapped text when they open a
/// file in which it has none.
pub(super) fn stream_sheet(
    ws: &mut Worksheet,
    sheet: Sheet<'_>,
    formats: &Formats,
    tables: &mut Tables,
) -> anyhow::Result<()> {
    let context = || format!("cannot write the workbook's `{}` sheet", sheet.name);
    let widths = fixed_widths(&sheet.columns);
    set_columns(ws, sheet.name, &sheet.columns, &widths, formats).with_context(context)?;
    let headers: Vec<&str> = sheet.columns.iter().map(|c| c.header).collect();
    add_table(ws, tables, (0, sheet.name), &headers, sheet.len, formats).with_context(context)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::cell::Look;

    #[test]
    fn widths_fit_headers_and_values_within_bounds() {
        let columns = [
            Look::new("ID", Kind::Id, 20.0),
            Look::new("Text", Kind::Wrap, 80.0),
            Look::new("N", Kind::Number, 9.0),
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
