//! The layouts a brief can take ([`Layout`]) and their sizes ([`Spec`], written in
//! [`spec`](super::spec)), which the stylesheet prints and the estimate measures.

use super::spec::{BODY, COLOPHON, INSTRUMENTS, MASTHEAD, PAGE, PANEL, Spec, TAG};

/// How a brief is set, from the most generous to the densest. The renderer takes the first
/// that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// One column, 10 pt body text.
    Normal,
    /// One column, 9.5 pt body text, tighter spacing.
    Compact,
    /// Two columns of 9 pt body text.
    TwoColumn,
    /// Two columns of 8.5 pt body text, tighter spacing: the densest layout that is still
    /// readable.
    Dense,
}

impl Layout {
    /// Every layout, from the most generous to the densest.
    pub const ALL: [Layout; 4] = [
        Layout::Normal,
        Layout::Compact,
        Layout::TwoColumn,
        Layout::Dense,
    ];

    /// The densest layout a brief may take.
    pub const DENSEST: Layout = Layout::Dense;

    /// Name used in CSS classes and messages.
    pub fn class(self) -> &'static str {
        match self {
            Layout::Normal => "normal",
            Layout::Compact => "compact",
            Layout::TwoColumn => "two-column",
            Layout::Dense => "dense",
        }
    }

    /// Sizes of this layout: its own, and those every layout shares. The stylesheet prints
    /// them and the estimate measures with them, so the page and the estimate agree.
    pub fn spec(self) -> Spec {
        let base = Spec {
            title_pt: 19.0,
            lead_pt: 10.0,
            body_pt: 10.0,
            leading: 1.36,
            head_pt: 10.5,
            meta_pt: 8.0,
            item_gap_mm: 1.2,
            group_gap_mm: 3.6,
            columns: 1,
            page: PAGE,
            masthead: MASTHEAD,
            panel: PANEL,
            body: BODY,
            tag: TAG,
            instruments: INSTRUMENTS,
            colophon: COLOPHON,
        };
        match self {
            Layout::Normal => base,
            Layout::Compact => Spec {
                title_pt: 18.0,
                lead_pt: 9.5,
                body_pt: 9.5,
                leading: 1.3,
                head_pt: 9.5,
                meta_pt: 7.5,
                item_gap_mm: 0.9,
                group_gap_mm: 2.8,
                ..base
            },
            Layout::TwoColumn => Spec {
                title_pt: 17.0,
                lead_pt: 9.0,
                body_pt: 9.0,
                leading: 1.26,
                head_pt: 9.0,
                meta_pt: 7.3,
                item_gap_mm: 0.7,
                group_gap_mm: 2.4,
                columns: 2,
                ..base
            },
            Layout::Dense => Spec {
                title_pt: 16.0,
                lead_pt: 8.5,
                body_pt: 8.5,
                leading: 1.25,
                head_pt: 8.5,
                meta_pt: 7.0,
                item_gap_mm: 0.5,
                group_gap_mm: 2.0,
                columns: 2,
                ..base
            },
        }
    }
}

/// Height the content may take on the page, millimetres: the sheet's least height.
pub(crate) const TEXT_HEIGHT_MM: f64 = PAGE.sheet_min_height_mm;

/// The widths the sessions are set in.
pub(crate) struct Geometry {
    /// Width of a column.
    pub(crate) col_w: f64,
    /// Width of an item's text, inside the list's indent.
    pub(crate) item_w: f64,
}

impl Geometry {
    /// The widths of a layout.
    pub(crate) fn of(spec: &Spec) -> Self {
        let cols = f64::from(spec.columns.max(1));
        let col_w = (spec.page.text_width_mm() - spec.body.column_gap_mm * (cols - 1.0)) / cols;
        Geometry {
            col_w,
            item_w: col_w - spec.body.list_indent_mm,
        }
    }
}
