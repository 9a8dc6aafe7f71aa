//! Cells: how a column looks ([`Kind`], [`Look`]), what a cell holds ([`XCell`]), and
//! the cell formats ([`Formats`]), each also with Excel's quote prefix for formula-like text.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, FormatAlign};

use crate::safe::is_formula_like;

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

/// How a column looks on a sheet: its header, the kind of its cells, and its widest width.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    /// The header.
    pub(crate) header: &'static str,
    /// How its cells look.
    pub(crate) kind: Kind,
    /// The widest the column gets, in characters; narrower when its values are.
    pub(crate) max_width: f64,
}

impl Look {
    /// A column with this header, kind and maximum width.
    pub(crate) const fn new(header: &'static str, kind: Kind, max_width: f64) -> Look {
        Look {
            header,
            kind,
            max_width,
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

/// The cell formats: one per kind of column, each also with the quote prefix and as a link.
pub(super) struct Formats {
    /// By kind.
    pub(super) plain: [Format; 4],
    /// By kind, with the quote prefix.
    pub(super) quoted: [Format; 4],
    /// By kind, as a link.
    pub(super) link: [Format; 4],
    /// By kind, as a link with the quote prefix.
    pub(super) link_quoted: [Format; 4],
    /// A heading on the Summary sheet.
    pub(super) heading: Format,
    /// Bold text.
    pub(super) bold: Format,
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
        Formats {
            plain: kinds.map(base),
            quoted: kinds.map(|k| base(k).set_quote_prefix()),
            link: kinds.map(|k| base(k).set_hyperlink()),
            link_quoted: kinds.map(|k| base(k).set_hyperlink().set_quote_prefix()),
            heading: Format::new().set_bold().set_font_size(13),
            bold: Format::new().set_bold(),
        }
    }

    /// The format of a cell of this kind holding `text` (the quote prefix when it is formula-like).
    pub(super) fn cell(&self, kind: Kind, text: Option<&str>) -> &Format {
        let i = kind as usize;
        if text.is_some_and(is_formula_like) {
            &self.quoted[i]
        } else {
            &self.plain[i]
        }
    }
}
