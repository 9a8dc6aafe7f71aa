//! The layouts a brief can take ([`Layout`]) and their sizes ([`Spec`]), which the stylesheet
//! prints and the estimate measures; the page's fixed dimensions.

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

    /// Sizes of this layout; the stylesheet prints them, so the page and the estimate agree.
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
            margin_top_mm: MARGIN_TOP_MM,
            margin_side_mm: MARGIN_SIDE_MM,
            margin_bottom_mm: MARGIN_BOTTOM_MM,
            sheet_min_height_mm: SHEET_MIN_HEIGHT_MM,
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

/// The sizes of a layout that the stylesheet uses and the estimate measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// Theme title size, points.
    pub title_pt: f64,
    /// Theme description size, points.
    pub lead_pt: f64,
    /// Body text size, points.
    pub body_pt: f64,
    /// Body line height, as a multiple of the size.
    pub leading: f64,
    /// Session heading size, points.
    pub head_pt: f64,
    /// Session details (moderator, rapporteur) size, points.
    pub meta_pt: f64,
    /// Space above each item, millimetres.
    pub item_gap_mm: f64,
    /// Space above each session, millimetres.
    pub group_gap_mm: f64,
    /// Columns of recommendations.
    pub columns: u32,
    /// Page margin at the top, millimetres.
    pub margin_top_mm: f64,
    /// Page margin left and right, millimetres.
    pub margin_side_mm: f64,
    /// Page margin at the bottom, millimetres.
    pub margin_bottom_mm: f64,
    /// Height the sheet stretches to so that the source footer sits at the foot of the page,
    /// a little under the printable height so that rounding never makes a second page.
    pub sheet_min_height_mm: f64,
}

const MARGIN_TOP_MM: f64 = 13.0;
const MARGIN_SIDE_MM: f64 = 16.0;
const MARGIN_BOTTOM_MM: f64 = 11.0;
const PAGE_WIDTH_MM: f64 = 210.0;
const PAGE_HEIGHT_MM: f64 = 297.0;
const SHEET_MIN_HEIGHT_MM: f64 = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM - 2.0;
/// Width of the text block.
pub(crate) const TEXT_WIDTH_MM: f64 = PAGE_WIDTH_MM - 2.0 * MARGIN_SIDE_MM;
/// Height the content may take on the page.
pub(crate) const TEXT_HEIGHT_MM: f64 = SHEET_MIN_HEIGHT_MM;
const COLUMN_GAP_MM: f64 = 7.0;
const LIST_INDENT_MM: f64 = 6.0;

/// The widths the sessions are set in.
pub(crate) struct Geometry {
    /// Width of a column.
    pub(crate) col_w: f64,
    /// Width of an item's text, inside the list's indent.
    pub(crate) item_w: f64,
}

impl Geometry {
    pub(crate) fn of(spec: &Spec) -> Self {
        let cols = f64::from(spec.columns.max(1));
        let col_w = (TEXT_WIDTH_MM - COLUMN_GAP_MM * (cols - 1.0)) / cols;
        Geometry {
            col_w,
            item_w: col_w - LIST_INDENT_MM,
        }
    }
}
