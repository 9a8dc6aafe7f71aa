//! Cells: how a column looks ([`Kind`], [`Look`]), what a cell holds ([`XCell`]), and
//! the cell formats ([`Formats`]), each also with Excel's quote prefix for formula-like text.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign, TableColumn, Url, Worksheet};

use crate::safe::is_formula_like;
use crate::tables::Blank;

/// How a column's cells look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An id: stored as text, with the text number format so that it stays text when edited.
    Id = 0,
    /// Short text, on one line.
    Text = 1,
    /// Long text, wrapped.
    Wrap = 2,
    /// A number.
    Number = 3,
}

/// How a column looks on a sheet: its header (`'h`: a header named after a vocabulary term
/// borrows its name), the kind of its cells, and its widest width; and what it holds and what
/// a blank cell means, which the About sheet says.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look<'h> {
    /// The header.
    pub(crate) header: &'h str,
    /// How its cells look.
    pub(crate) kind: Kind,
    /// The widest the column gets, in characters; narrower when its values are.
    pub(crate) max_width: f64,
    /// What its cells hold.
    pub(crate) description: &'static str,
    /// What a blank cell means.
    pub(crate) blank: Blank,
}

impl<'h> Look<'h> {
    /// A column with this header, kind and maximum width, not described.
    pub(crate) const fn new(header: &'h str, kind: Kind, max_width: f64) -> Look<'h> {
        Look {
            header,
            kind,
            max_width,
            description: "",
            blank: Blank::Never,
        }
    }

    /// The column described: what its cells hold, and what a blank one means.
    pub(crate) const fn described(mut self, description: &'static str, blank: Blank) -> Self {
        self.description = description;
        self.blank = blank;
        self
    }

    /// What its cells hold and what a blank one means, as the About sheet says it.
    pub(crate) fn about(&self) -> String {
        match self.blank.sentence("Blank") {
            Some(blank) => format!("{} {blank}", self.description),
            None => self.description.to_owned(),
        }
    }
}

/// What a cell holds.
#[derive(Debug, Clone)]
pub(crate) enum XCell<'a> {
    /// Text.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// Text that links to a place in the workbook (`internal:...`).
    Link(Cow<'a, str>, String),
    /// Nothing.
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
    /// Its text, if any.
    pub(super) fn text(&self) -> Option<&str> {
        match self {
            XCell::Text(t) | XCell::Link(t, _) => Some(t),
            XCell::Number(_) | XCell::Empty => None,
        }
    }

    /// Characters the cell shows, for column widths.
    pub(super) fn width(&self) -> usize {
        match self {
            XCell::Text(t) | XCell::Link(t, _) => t.chars().count(),
            XCell::Number(n) => n.to_string().len(),
            XCell::Empty => 0,
        }
    }
}

/// A row: one cell per column.
pub(super) type XRow<'a> = Vec<XCell<'a>>;

/// How a text cell is formatted (see [`Formats::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    /// With its column's format, set once for the column (a data sheet's cells).
    Column(Kind),
    /// With the format of this kind of its own (the Summary's cells: its columns have none).
    Cell(Kind),
    /// With no format: a table's header (the table's style shows it) or a note.
    Plain,
    /// A heading on the Summary sheet.
    Heading,
    /// Bold text.
    Bold,
}

/// The cell formats: one per kind of column, each also with the quote prefix and as a link,
/// and those of the Summary's headings and bold labels, also with the quote prefix.
pub(super) struct Formats {
    /// By kind.
    pub(super) plain: [Format; 4],
    /// By kind, with the quote prefix.
    quoted: [Format; 4],
    /// By kind, as a link.
    link: [Format; 4],
    /// By kind, as a link with the quote prefix.
    link_quoted: [Format; 4],
    /// No format but the quote prefix.
    plain_quoted: Format,
    /// A heading on the Summary sheet, and with the quote prefix.
    heading: [Format; 2],
    /// Bold text, and with the quote prefix.
    bold: [Format; 2],
}

impl Formats {
    pub(super) fn new() -> Formats {
        let base = |kind: Kind| {
            let f = Format::new().set_align(FormatAlign::Top);
            match kind {
                Kind::Id => f.set_num_format("@"),
                Kind::Text | Kind::Number => f,
                Kind::Wrap => f.set_text_wrap(),
            }
        };
        let kinds = [Kind::Id, Kind::Text, Kind::Wrap, Kind::Number];
        let heading = Format::new().set_bold().set_font_size(13);
        let bold = Format::new().set_bold();
        Formats {
            plain: kinds.map(base),
            quoted: kinds.map(|k| base(k).set_quote_prefix()),
            link: kinds.map(|k| base(k).set_hyperlink()),
            link_quoted: kinds.map(|k| base(k).set_hyperlink().set_quote_prefix()),
            plain_quoted: Format::new().set_quote_prefix(),
            heading: [heading.clone(), heading.set_quote_prefix()],
            bold: [bold.clone(), bold.set_quote_prefix()],
        }
    }

    /// The format of a text cell of this style holding `text`: the one place the workbook
    /// decides whether text gets Excel's quote prefix, which it does whenever a spreadsheet
    /// would read the text as a formula ([`is_formula_like`]). `None`: no format of the cell's
    /// own (it takes its column's).
    pub(super) fn text(&self, style: Style, text: &str) -> Option<&Format> {
        let quoted = is_formula_like(text);
        match style {
            Style::Column(kind) => quoted.then(|| &self.quoted[kind as usize]),
            Style::Cell(kind) if quoted => Some(&self.quoted[kind as usize]),
            Style::Cell(kind) => Some(&self.plain[kind as usize]),
            Style::Plain => quoted.then_some(&self.plain_quoted),
            Style::Heading => Some(&self.heading[usize::from(quoted)]),
            Style::Bold => Some(&self.bold[usize::from(quoted)]),
        }
    }

    /// The format of a number in a cell of this kind with a format of its own.
    pub(super) fn number(&self, kind: Kind) -> &Format {
        &self.plain[kind as usize]
    }
}

/// Writes text to a cell in its style, with the quote prefix when a spreadsheet would read it
/// as a formula. Every text cell of the workbook is written here, by [`write_link`] or as a
/// table's header ([`table_column`]), so none escapes that check.
pub(super) fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    style: Style,
    formats: &Formats,
) -> anyhow::Result<()> {
    match formats.text(style, text) {
        Some(format) => ws.write_string_with_format(row, col, text, format)?,
        None => ws.write_string(row, col, text)?,
    };
    Ok(())
}

/// Writes text that links to `target` (`internal:...`) to a cell of a column of this kind,
/// with the quote prefix as [`write_text`].
pub(super) fn write_link(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    (text, target): (&str, &str),
    kind: Kind,
    formats: &Formats,
) -> anyhow::Result<()> {
    let format = if formats.text(Style::Column(kind), text).is_some() {
        &formats.link_quoted[kind as usize]
    } else {
        &formats.link[kind as usize]
    };
    ws.write_url_with_options(row, col, Url::new(target), text, "", Some(format))?;
    Ok(())
}

/// A table's column with this header: the header cell is written by rust_xlsxwriter, with the
/// quote prefix as [`write_text`].
pub(super) fn table_column(header: &str, formats: &Formats) -> TableColumn {
    let column = TableColumn::new().set_header(header);
    match formats.text(Style::Plain, header) {
        Some(format) => column.set_header_format(format),
        None => column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_formula_like_text_gets_the_quote_prefix_in_every_style() {
        let formats = Formats::new();
        let styles = [
            Style::Column(Kind::Id),
            Style::Cell(Kind::Wrap),
            Style::Plain,
            Style::Heading,
            Style::Bold,
        ];
        for style in styles {
            let unquoted = match style {
                Style::Column(kind) | Style::Cell(kind) => formats.plain[kind as usize].clone(),
                Style::Plain => Format::new(),
                Style::Heading => formats.heading[0].clone(),
                Style::Bold => formats.bold[0].clone(),
            };
            for text in ["=1", "+Prevention", "-x", "@SUM(A1)", "\t=1", "\r=1"] {
                assert_eq!(
                    formats.text(style, text),
                    Some(&unquoted.clone().set_quote_prefix()),
                    "{style:?} {text:?}"
                );
            }
            assert_ne!(
                formats.text(style, "Prevention"),
                Some(&unquoted.set_quote_prefix()),
                "{style:?}"
            );
        }
        assert_eq!(formats.text(Style::Column(Kind::Text), "Prevention"), None);
        assert_eq!(formats.text(Style::Plain, "a = b"), None);
    }

    /// Text reaches a cell only through this module: the other modules of the workbook never
    /// write a string, a link or a table header themselves.
    #[test]
    fn no_other_module_writes_text_to_a_cell() {
        let others = [
            ("about.rs", include_str!("about.rs")),
            ("mod.rs", include_str!("mod.rs")),
            ("sheets.rs", include_str!("sheets.rs")),
            ("stream.rs", include_str!("stream.rs")),
            ("summary.rs", include_str!("summary.rs")),
            ("table.rs", include_str!("table.rs")),
        ];
        for (file, source) in others {
            for call in [
                ".write_string",
                ".write_url",
                ".write_rich_string",
                ".write(",
                ".write_with_format(",
                ".set_header(",
                "TableColumn::new(",
            ] {
                assert!(!source.contains(call), "{file} calls {call}");
            }
        }
    }
}
