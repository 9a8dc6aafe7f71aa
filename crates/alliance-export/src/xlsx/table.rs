//! Excel tables: adding one over its range, or over its first row and resizing it in the
//! written file ([`Tables::Shrunk`]), and headers made unique.

use std::collections::HashSet;
use std::io::{Read, Seek, Write};

use anyhow::bail;
use rust_xlsxwriter::utility::cell_range;
use rust_xlsxwriter::{Table, TableStyle, Worksheet};

use super::cell::{Formats, table_column};

/// How tables are added to their sheets.
pub(super) enum Tables {
    /// Over their full range.
    Full,
    /// Over their header row and first row only, and given their full range when the file is
    /// written ([`resize_tables`]): rust_xlsxwriter checks that tables do not overlap with a
    /// map of every cell a table covers, kept to the end (for the Recommendations table of a
    /// large dataset, far more than the rows themselves).
    Shrunk(Vec<Shrunk>),
}

/// A table added over less than its range.
#[derive(Debug)]
pub(super) struct Shrunk {
    /// The table's name.
    pub(super) name: String,
    /// The range it was added over (`A1:P2`).
    pub(super) added: String,
    /// Its range (`A1:P1000001`).
    pub(super) full: String,
}

/// Adds the Excel table `name` with these headers (made unique, as Excel requires) over a
/// header row at `row` (from column A) and `rows` data rows (at least one, empty, since an
/// Excel table cannot be empty).
pub(super) fn add_table<S: AsRef<str>>(
    ws: &mut Worksheet,
    tables: &mut Tables,
    (row, name): (u32, &str),
    headers: &[S],
    rows: usize,
    formats: &Formats,
) -> anyhow::Result<()> {
    let last_row = row + u32::try_from(rows.max(1))?;
    let last_col = u16::try_from(headers.len().saturating_sub(1))?;
    let headers = unique_headers(headers.iter().map(|h| h.as_ref().to_owned()).collect());
    let table = Table::new()
        .set_name(name)
        .set_style(TableStyle::Medium2)
        .set_columns(
            &headers
                .iter()
                .map(|h| table_column(h, formats))
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
pub(super) fn resize_tables<R: Read + Seek, W: Write + Seek>(
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
pub(super) fn unique_headers(headers: Vec<String>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
