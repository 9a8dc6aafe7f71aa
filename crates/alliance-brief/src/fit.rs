//! Will a brief fit one A4 page? The layouts a brief can take, and an estimate from text sizes
//! of how much of the page each needs. The estimate is what chooses the layout, what refuses a
//! theme that cannot fit, and what the lint rule for oversize themes calls.

use alliance_core::Dataset;

use crate::view::ThemeBrief;

/// How a brief is set, from the most generous to the densest. The renderer takes the first
/// that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layout {
    /// One column, 10 pt body text.
    Normal,
    /// One column, 9.5 pt body text, tighter spacing.
    Compact,
    /// Two columns of 9 pt body text: the densest layout that is still readable.
    TwoColumn,
}

impl Layout {
    /// Every layout, from the most generous to the densest.
    pub const ALL: [Layout; 3] = [Layout::Normal, Layout::Compact, Layout::TwoColumn];

    /// The densest layout a brief may take.
    pub const DENSEST: Layout = Layout::TwoColumn;

    /// Name used in CSS classes and messages.
    pub fn class(self) -> &'static str {
        match self {
            Layout::Normal => "normal",
            Layout::Compact => "compact",
            Layout::TwoColumn => "two-column",
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
const TEXT_WIDTH_MM: f64 = PAGE_WIDTH_MM - 2.0 * MARGIN_SIDE_MM;
/// Height the content may take on the page.
const TEXT_HEIGHT_MM: f64 = SHEET_MIN_HEIGHT_MM;
const COLUMN_GAP_MM: f64 = 7.0;
const LIST_INDENT_MM: f64 = 6.0;
const PT_MM: f64 = 25.4 / 72.0;

/// Average advance of a character of running text in Arial / Liberation Sans, in ems
/// (calibrated, see [`estimate_fill`]).
const CHAR_EM: f64 = 0.49;
/// The same for bold headings.
const BOLD_CHAR_EM: f64 = 0.53;
/// The same for the small bold upper-case pillar labels, letter spacing included.
const TAG_CHAR_EM: f64 = 0.74;

/// The share of one A4 page that a theme's brief needs at the densest readable layout
/// (two columns of 9 pt text); above `1.0` it cannot fit on one page whatever the layout.
/// An unknown theme needs nothing (`0.0`). Pure: it reads only the dataset.
///
/// The estimate adds up the heights of the brief's blocks (masthead, session headings, each
/// recommendation, instruments, source footer), each block's lines counted from its
/// characters at the layout's type size, and divides by the height the page leaves for them.
///
/// Calibration, against Chromium 156 printing to PDF on Debian 12 with Liberation Sans:
/// see the numbers below, measured with `cargo run -p alliance-brief --example calibrate`.
pub fn estimate_fill(dataset: &Dataset, theme_id: &str) -> f64 {
    estimate(dataset, theme_id, Layout::DENSEST)
}

/// The share of one A4 page a theme's brief needs in a given layout (see [`estimate_fill`]).
pub fn estimate(dataset: &Dataset, theme_id: &str, layout: Layout) -> f64 {
    match ThemeBrief::build(dataset, theme_id) {
        Some(brief) => needed_mm(&brief, layout) / TEXT_HEIGHT_MM,
        None => 0.0,
    }
}

/// The first layout whose estimate fits one page, or `None` when none does.
pub fn choose_layout(dataset: &Dataset, theme_id: &str) -> Option<(Layout, f64)> {
    Layout::ALL
        .into_iter()
        .map(|l| (l, estimate(dataset, theme_id, l)))
        .find(|(_, fill)| *fill <= 1.0)
}

/// The height the page leaves for a brief's content, mm.
pub fn text_height_mm() -> f64 {
    TEXT_HEIGHT_MM
}

/// Height of a line of text, mm.
fn line_mm(size_pt: f64, leading: f64) -> f64 {
    size_pt * leading * PT_MM
}

/// Width of `chars` characters, mm.
fn text_mm(chars: usize, size_pt: f64, em: f64) -> f64 {
    chars as f64 * em * size_pt * PT_MM
}

/// Lines that `chars` characters take in a block `width_mm` wide.
fn lines(chars: usize, width_mm: f64, size_pt: f64, em: f64) -> f64 {
    if chars == 0 {
        return 0.0;
    }
    wrapped_lines(text_mm(chars, size_pt, em), width_mm)
}

/// Lines that a run of text `len_mm` long takes when wrapped at word boundaries in a block
/// `width_mm` wide: each line loses about half an average word to wrapping.
fn wrapped_lines(len_mm: f64, width_mm: f64) -> f64 {
    let usable = width_mm * WRAP_EFFICIENCY;
    (len_mm / usable).ceil().max(1.0)
}

/// Share of a line's width that wrapped text fills on average (calibrated).
const WRAP_EFFICIENCY: f64 = 0.95;

fn count(s: &str) -> usize {
    s.chars().count()
}

/// The height the brief's content needs, mm.
pub(crate) fn needed_mm(brief: &ThemeBrief<'_>, layout: Layout) -> f64 {
    let spec = layout.spec();
    masthead_mm(brief) + body_mm(brief, &spec) + instruments_mm(brief) + footer_mm(brief)
}

fn masthead_mm(brief: &ThemeBrief<'_>) -> f64 {
    let w = TEXT_WIDTH_MM;
    let mut h = 2.2 + 3.0 + line_mm(7.5, 1.3);
    h += 2.2 + lines(count(&brief.theme.name), w, 21.0, BOLD_CHAR_EM + 0.02) * line_mm(21.0, 1.12);
    if let Some(d) = &brief.theme.description {
        h += 2.0 + lines(count(d), 165.0, 10.5, CHAR_EM) * line_mm(10.5, 1.4);
    }
    for head in &brief.conferences {
        let c = head.conference;
        let figures_w: f64 = head.figures.len() as f64 * 34.5;
        let what_w = (w - 7.0 - 5.0 - figures_w).max(60.0);
        let what = lines(
            count(&head.ordinal) + count(&c.series) + 12,
            what_w,
            8.5,
            CHAR_EM,
        ) * line_mm(8.5, 1.35)
            + lines(count(&c.title), what_w, 10.0, BOLD_CHAR_EM) * line_mm(10.0, 1.35)
            + lines(
                count(&c.city) + count(&c.venue) + count(&head.dates) + 5,
                what_w,
                8.5,
                CHAR_EM,
            ) * line_mm(8.5, 1.35);
        let figures = head
            .figures
            .iter()
            .map(|f| {
                let q = lines(count(&f.before), 30.0, 7.0, CHAR_EM).max(1.0);
                let a = lines(count(&f.after), 30.0, 7.0, CHAR_EM);
                (q + a) * line_mm(7.0, 1.2) + line_mm(15.0, 1.05)
            })
            .fold(0.0, f64::max);
        h += 3.5 + 4.8 + what.max(figures);
    }
    h
}

fn body_mm(brief: &ThemeBrief<'_>, spec: &Spec) -> f64 {
    let w = TEXT_WIDTH_MM;
    // kicker, summary
    let mut h = 5.0 + line_mm(7.5, 1.3) + 1.5;
    if brief.item_count == 0 {
        return h + 3.0 + line_mm(spec.body_pt, spec.leading);
    }
    let summary_chars = count(&brief.label_summary) + 75;
    let tags_mm: f64 = brief
        .pillar_counts
        .iter()
        .map(|c| text_mm(count(c.tag.name) + 3, 6.5, TAG_CHAR_EM) + 2.8)
        .sum();
    h += 1.6
        + wrapped_lines(
            text_mm(summary_chars, spec.meta_pt, CHAR_EM) + tags_mm,
            w,
        ) * line_mm(spec.meta_pt, 1.35)
        + 1.0;

    let cols = f64::from(spec.columns.max(1));
    let col_w = (w - COLUMN_GAP_MM * (cols - 1.0)) / cols;
    let item_w = col_w - LIST_INDENT_MM;
    let body_line = line_mm(spec.body_pt, spec.leading);
    let mut groups = 0.0;
    let mut tallest_item: f64 = 0.0;
    for g in &brief.groups {
        groups += spec.group_gap_mm;
        groups += lines(count(&g.session.heading), col_w, spec.head_pt, BOLD_CHAR_EM)
            * line_mm(spec.head_pt, 1.25);
        let people: usize = g
            .moderators
            .iter()
            .chain(&g.rapporteurs)
            .map(|p| count(p) + 2)
            .sum();
        let label: usize = g.runs.first().map_or(0, |r| count(&r.label) + 3);
        groups += 0.6
            + lines(people + label + 24, col_w, spec.meta_pt, CHAR_EM)
                * line_mm(spec.meta_pt, 1.3);
        for run in &g.runs {
            if g.runs.len() > 1 {
                groups += line_mm(spec.meta_pt, 1.3) + 0.6;
            }
            groups += 1.2;
            for item in &run.items {
                let tags: f64 = item
                    .pillars
                    .iter()
                    .map(|p| text_mm(count(p.name), 6.5, TAG_CHAR_EM) + 3.6)
                    .sum();
                let text = text_mm(count(&item.rec.text), spec.body_pt, CHAR_EM);
                let item_h = spec.item_gap_mm + wrapped_lines(text + tags, item_w) * body_line;
                tallest_item = tallest_item.max(item_h);
                groups += item_h;
            }
        }
    }
    if spec.columns > 1 {
        // balanced columns; a column break falls between lines, so the taller column is at
        // most about one item's height longer than the mean
        groups = groups / cols + tallest_item.min(3.0 * body_line);
    }
    h + groups
}

fn instruments_mm(brief: &ThemeBrief<'_>) -> f64 {
    if brief.instruments.is_empty() {
        return 0.0;
    }
    let w = TEXT_WIDTH_MM - 7.0;
    let mut h = 4.5 + 4.8 + line_mm(7.5, 1.3) + 1.2;
    for line in &brief.instruments {
        let chars = line.short.map_or(0, |s| count(s) + 1)
            + count(&line.instrument.name)
            + line.detail.as_deref().map_or(0, |d| count(d) + 3);
        h += lines(chars, w, 8.0, CHAR_EM) * line_mm(8.0, 1.35) + 0.6;
    }
    h
}

fn footer_mm(brief: &ThemeBrief<'_>) -> f64 {
    let w = TEXT_WIDTH_MM;
    let size = 6.8;
    let line = line_mm(size, 1.35);
    let mut h = 4.0 + 1.2 + 1.2;
    if !brief.references.is_empty() {
        let chars: usize = brief
            .references
            .iter()
            .map(|r| count(r.section) + count(&r.bullets) + 14)
            .sum::<usize>()
            + 16;
        h += lines(chars, w, size, CHAR_EM) * line + 0.4;
    }
    for head in &brief.conferences {
        if let Some(s) = head.source {
            let chars = count(&s.title) + count(&s.publisher) + count(&s.attribution) + 12;
            h += lines(chars, w, size, CHAR_EM) * line + 0.4;
        }
    }
    // the dataset line
    h + line + 0.4
}
