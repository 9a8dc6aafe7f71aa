//! CSV: one UTF-8 file per table (RFC 4180: comma-separated, `"`-quoted where needed, CRLF
//! line ends, a header row, no byte order mark). Missing values are empty cells.
//!
//! Text cells a spreadsheet would run as a formula are prefixed with `'` unless the export is
//! asked for raw text ([`crate::safe`]); numbers are never changed.

use std::fmt::Write as _;
use std::io;

use crate::safe::neutralize;
use crate::tables::{Cell, Table};

/// Whether text cells are written as they are, or neutralized against formula injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCells {
    /// Prefix formula-like text with `'` (the default).
    Neutralized,
    /// Write text exactly as in the data.
    Raw,
}

/// The bytes of a table's CSV file.
pub fn to_csv(table: &Table<'_>, text: TextCells) -> anyhow::Result<Vec<u8>> {
    write_csv(table, text, Vec::new())
}

/// Writes a table's CSV file to `out`, one row at a time; returns `out`, flushed.
pub fn write_csv<W: io::Write>(table: &Table<'_>, text: TextCells, out: W) -> anyhow::Result<W> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .buffer_capacity(1 << 16)
        .from_writer(out);
    writer.write_record(table.fields.iter().map(|f| f.name))?;
    let mut number = String::new();
    for row in table.rows() {
        for cell in &row {
            match cell {
                Cell::Text(t) => write_text(&mut writer, t, text)?,
                Cell::Owned(t) => write_text(&mut writer, t, text)?,
                Cell::Int(n) => {
                    number.clear();
                    write!(number, "{n}")?;
                    writer.write_field(&number)?;
                }
                Cell::Null => writer.write_field("")?,
            }
        }
        // an empty record ends the one whose fields were written
        writer.write_record(None::<&[u8]>)?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write CSV `{}`: {}", table.name, e.error()))
}

fn write_text<W: io::Write>(
    writer: &mut ::csv::Writer<W>,
    t: &str,
    text: TextCells,
) -> ::csv::Result<()> {
    match text {
        TextCells::Neutralized => writer.write_field(neutralize(t).as_bytes()),
        TextCells::Raw => writer.write_field(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::tables;
    use alliance_core::model::Dataset;

    #[test]
    fn formula_like_text_is_prefixed_and_numbers_are_not() {
        let mut dataset = Dataset::default();
        let term: alliance_core::model::Term = serde_json::from_value(serde_json::json!({
            "id": "t",
            "name": "=1+2",
            "description": "-1, \"quoted\"\nsecond line",
        }))
        .expect("a term");
        dataset.themes.push(term);
        let all = tables(&dataset);
        let themes = all.iter().find(|t| t.name == "themes").expect("themes");
        let csv = to_csv(themes, TextCells::Neutralized).expect("csv");
        assert_eq!(
            String::from_utf8(csv).expect("utf-8"),
            "id,name,description\r\nt,'=1+2,\"'-1, \"\"quoted\"\"\nsecond line\"\r\n"
        );
        let raw = to_csv(themes, TextCells::Raw).expect("csv");
        assert_eq!(
            String::from_utf8(raw).expect("utf-8"),
            "id,name,description\r\nt,=1+2,\"-1, \"\"quoted\"\"\nsecond line\"\r\n"
        );
        let numbers = tables(&dataset)
            .into_iter()
            .find(|t| t.name == "themes")
            .expect("themes")
            .with_rows(|| std::iter::once(vec![Cell::Int(-5), Cell::Null, Cell::Text("-5")]));
        let csv = to_csv(&numbers, TextCells::Neutralized).expect("csv");
        assert!(
            String::from_utf8(csv)
                .expect("utf-8")
                .ends_with("\r\n-5,,'-5\r\n")
        );
    }
}
