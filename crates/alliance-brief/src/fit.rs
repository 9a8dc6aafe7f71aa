//! Will a brief fit one A4 page? The layouts a brief can take, and an estimate from text sizes
//! of how much of the page each needs. The estimate is what chooses the layout, what refuses a
//! theme that cannot fit, and what the lint rule for oversize themes calls.

use alliance_core::Dataset;

use crate::metrics::{self, Font, Piece, text_lines};
use crate::parallel;
use crate::view::{Indexed, Lookup, Scan, ThemeBrief};

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
const TEXT_WIDTH_MM: f64 = PAGE_WIDTH_MM - 2.0 * MARGIN_SIDE_MM;
/// Height the content may take on the page.
const TEXT_HEIGHT_MM: f64 = SHEET_MIN_HEIGHT_MM;
const COLUMN_GAP_MM: f64 = 7.0;
const LIST_INDENT_MM: f64 = 6.0;
const PT_MM: f64 = 25.4 / 72.0;

/// How many body lines longer than the mean the taller of two balanced columns is
/// (calibrated: headings are kept with what follows and items keep two lines together).
const COLUMN_SLACK_LINES: f64 = 1.5;
/// Added to every estimate, so that an estimate at or under `1.0` is a page that Chromium
/// prints on one page (calibrated: the estimate's worst error was 2 mm short).
const SAFETY_MM: f64 = 3.0;

/// The share of one A4 page that a theme's brief needs at the densest readable layout
/// ([`Layout::Dense`]: two columns of 8.5 pt text); above `1.0` it cannot fit on one page
/// whatever the layout, and `alliance-brief` refuses the theme. An unknown theme needs nothing
/// (`0.0`). Pure: it reads only the dataset, never a font file or a browser.
///
/// # How it measures
///
/// Every block of the brief is set as the stylesheet sets it (the sizes come from the same
/// [`Spec`]): the text of each recommendation, heading, session line, instrument list and
/// footer paragraph is broken into lines greedily, word by word, with the advance widths of
/// Liberation Sans (metric-compatible with Arial, which the stylesheet asks for first), breaking
/// at spaces and after hyphens; pillar labels are unbreakable boxes. Lines times line height
/// plus the stylesheet's fixed spacing gives each block's height; two columns are taken as half
/// the single-column height plus 1.5 lines for balancing. The sum plus a 3 mm safety margin,
/// divided by the 271 mm the page leaves for content, is the fill.
///
/// # Calibration
///
/// Measured with `cargo run -p alliance-brief --example calibrate -- data OUT --grow 12,...,17`
/// against Chromium 156 (headless, `--print-to-pdf`, Debian 12, Liberation Sans 2.1): the 13
/// real themes and six made-up themes of 12 to 17 recommendations spread over the sessions,
/// each in all four layouts (84 briefs). For each, the height the content really takes was
/// measured in Chromium and the brief printed to PDF and its pages counted.
///
/// - The estimate never fell below the measurement: it was 0.011 to 0.041 of a page above it
///   (3 to 11 mm). One-column layouts agree to 0.2 mm per block, or are one line over where
///   kerning lets Chromium fit a line the estimate wraps; two columns are up to 8 mm over.
/// - Chromium printed one page up to a measured 1.005 (272.4 mm) and two from 1.013 (274.5 mm).
///   No brief with an estimate at or under 1.0 printed on two pages.
/// - Where it breaks, in the densest layout: 14 made-up recommendations (2,310 characters, 6
///   sessions) estimate 0.994 and print on one page; 15 (2,407 characters) estimate 1.016 and
///   are refused, though they measure 0.985 (the price of the margin); 16 (2,572 characters)
///   measure 1.022 and print on two pages. Roughly: about 14 recommendations of average length.
/// - The real data: 9 themes take the normal layout, 3 the compact one, and
///   `legal-and-policy-frameworks` (12 items, 2,384 characters, 5 sessions, 5 instruments) the
///   dense one, at 0.948 (measured 0.915); every one prints on exactly one page.
///
/// With another font than Arial or Liberation Sans (say DejaVu Sans, about 10% wider) the
/// estimate is optimistic; CI prints every brief and counts its pages to catch that.
///
/// # Cost
///
/// One theme: one pass over the dataset's recommendations, with nothing built. For every
/// theme use [`estimate_fills`], which indexes the dataset once.
pub fn estimate_fill(dataset: &Dataset, theme_id: &str) -> f64 {
    estimate(dataset, theme_id, Layout::DENSEST)
}

/// [`estimate_fill`] of every theme, in the dataset's order: `(theme id, fill)`. The dataset is
/// indexed once, so each theme costs only its own recommendations, and the themes are measured
/// on every core; the result is the same as calling [`estimate_fill`] on each.
pub fn estimate_fills(dataset: &Dataset) -> Vec<(String, f64)> {
    let lookup = Indexed::new(dataset);
    parallel::map_chunks(&dataset.themes, parallel::CHUNK, |themes| {
        themes
            .iter()
            .map(|t| {
                let brief = ThemeBrief::build(&lookup, t);
                (t.id.clone(), Estimate::of(&brief, Layout::DENSEST).fill())
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// The share of one A4 page a theme's brief needs in a given layout (see [`estimate_fill`]).
pub fn estimate(dataset: &Dataset, theme_id: &str, layout: Layout) -> f64 {
    estimate_parts(dataset, theme_id, layout).map_or(0.0, |e| e.fill())
}

/// The estimate block by block, for calibration; `None` for an unknown theme.
pub fn estimate_parts(dataset: &Dataset, theme_id: &str, layout: Layout) -> Option<Estimate> {
    one_brief(dataset, theme_id).map(|brief| Estimate::of(&brief, layout))
}

/// The first layout whose estimate fits one page, with its estimate; `None` when none does
/// (or the theme is unknown).
pub fn choose_layout(dataset: &Dataset, theme_id: &str) -> Option<(Layout, f64)> {
    choose(&one_brief(dataset, theme_id)?)
}

/// One theme's brief, gathered by scanning the dataset (nothing indexed); `None` for an
/// unknown theme.
pub(crate) fn one_brief<'a>(dataset: &'a Dataset, theme_id: &str) -> Option<ThemeBrief<'a>> {
    let lookup = Scan(dataset);
    let theme = lookup.theme(theme_id)?;
    Some(ThemeBrief::build(&lookup, theme))
}

pub(crate) fn choose(brief: &ThemeBrief<'_>) -> Option<(Layout, f64)> {
    Layout::ALL
        .into_iter()
        .map(|l| (l, Estimate::of(brief, l).fill()))
        .find(|(_, fill)| *fill <= 1.0)
}

/// The heights a brief's blocks need, millimetres, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The masthead (theme title and description, the conference and its key figures) and
    /// the space under it.
    pub masthead_mm: f64,
    /// The recommendations: heading, summary, sessions and items.
    pub body_mm: f64,
    /// The instruments cited, with the space above them; `0` when there are none.
    pub instruments_mm: f64,
    /// The source footer.
    pub footer_mm: f64,
}

impl Estimate {
    pub(crate) fn of(brief: &ThemeBrief<'_>, layout: Layout) -> Self {
        let spec = layout.spec();
        Estimate {
            masthead_mm: masthead_mm(brief, &spec),
            body_mm: body_mm(brief, &spec),
            instruments_mm: instruments_mm(brief),
            footer_mm: footer_mm(brief),
        }
    }

    /// Their sum, millimetres.
    pub fn total_mm(&self) -> f64 {
        self.masthead_mm + self.body_mm + self.instruments_mm + self.footer_mm
    }

    /// The share of the page they need, with the calibrated safety margin.
    pub fn fill(&self) -> f64 {
        (self.total_mm() + SAFETY_MM) / TEXT_HEIGHT_MM
    }
}

/// The height the page leaves for a brief's content, mm.
pub fn text_height_mm() -> f64 {
    TEXT_HEIGHT_MM
}

/// Height of `lines` lines of `size_pt` type at `leading`, mm.
fn lines_mm(lines: usize, size_pt: f64, leading: f64) -> f64 {
    lines as f64 * size_pt * leading * PT_MM
}

/// A paragraph of runs in different fonts and unbreakable boxes, separated by spaces.
#[derive(Default)]
struct Para {
    pieces: Vec<Piece>,
}

impl Para {
    fn text(mut self, text: &str, font: Font) -> Self {
        self.pieces.extend(metrics::pieces(text, font));
        self
    }

    /// An unbreakable box (a pillar label) after a space of `font`.
    fn boxed(mut self, width_mm: f64, font: Font) -> Self {
        self.pieces.push(Piece {
            glue_mm: font.width_mm(" "),
            width_mm,
        });
        self
    }

    fn lines(&self, width_mm: f64) -> usize {
        metrics::line_count(&self.pieces, width_mm)
    }
}

/// Width of a pillar label: bold capitals, padding, border and margin.
fn tag_mm(text: &str) -> f64 {
    TAG_FONT.width_mm(text) + 2.2 + 0.4 + 1.0
}

const TAG_FONT: Font = Font::label(6.5, 0.05);
/// Width of a key figure.
const FIGURE_MM: f64 = 28.0;
const KICKER_FONT: Font = Font::label(7.5, 0.08);
const FOOTER_PT: f64 = 6.8;
const FOOTER_KEY: Font = Font::label(FOOTER_PT, 0.06);

fn masthead_mm(brief: &ThemeBrief<'_>, spec: &Spec) -> f64 {
    let w = TEXT_WIDTH_MM;
    // rule, padding, eyebrow
    let mut h = 1.6 + 2.4 + lines_mm(1, 7.0, 1.3);
    let title = Font {
        tracking_em: -0.01,
        ..Font::bold(spec.title_pt)
    };
    h += 1.6 + lines_mm(text_lines(&brief.theme.name, title, w), spec.title_pt, 1.12);
    if let Some(d) = &brief.theme.description {
        let lines = text_lines(d, Font::regular(spec.lead_pt), w);
        h += 1.4 + lines_mm(lines, spec.lead_pt, 1.36);
    }
    for head in &brief.conferences {
        let c = head.conference;
        let n = head.figures.len() as f64;
        let figures_w = if n > 0.0 {
            n * FIGURE_MM + (n - 1.0) * 3.5 + 5.0
        } else {
            0.0
        };
        let what_w = w - 1.2 - 6.0 - figures_w;
        let line = format!(
            "{} {} conference · {}, {} · {}",
            head.ordinal, c.series, c.city, c.venue, head.dates
        );
        let what = lines_mm(text_lines(&c.title, Font::bold(9.5), what_w), 9.5, 1.3)
            + lines_mm(text_lines(&line, Font::regular(8.0), what_w), 8.0, 1.35);
        let small = Font::regular(6.8);
        let figures = head
            .figures
            .iter()
            .map(|f| {
                let q = text_lines(&f.before, small, FIGURE_MM).max(1);
                let a = text_lines(&f.after, small, FIGURE_MM);
                lines_mm(q + a, 6.8, 1.2) + lines_mm(1, 13.0, 1.05)
            })
            .fold(0.0, f64::max);
        h += 2.6 + 3.6 + what.max(figures);
    }
    // the space above the recommendations
    h + 4.0
}

fn body_mm(brief: &ThemeBrief<'_>, spec: &Spec) -> f64 {
    let w = TEXT_WIDTH_MM;
    // kicker, its padding and rule
    let mut h = lines_mm(1, 7.5, 1.3) + 1.2 + 0.3;
    if brief.item_count == 0 {
        return h + 3.0 + lines_mm(1, spec.body_pt, spec.leading);
    }
    let meta = Font::regular(spec.meta_pt);
    let sessions = brief.session_count();
    let mut summary = Para::default().text(
        &format!(
            "{} from {sessions} sessions, quoted verbatim and numbered as in the report. Pillars:",
            brief.label_summary
        ),
        meta,
    );
    for c in &brief.pillar_counts {
        summary = summary.boxed(tag_mm(&format!("{} {}", c.tag.name, c.count)), meta);
    }
    h += 1.6 + lines_mm(summary.lines(w), spec.meta_pt, 1.35);

    let cols = f64::from(spec.columns.max(1));
    let col_w = (w - COLUMN_GAP_MM * (cols - 1.0)) / cols;
    let item_w = col_w - LIST_INDENT_MM;
    let body = Font::regular(spec.body_pt);
    let label = Font::label(spec.meta_pt * 0.92, 0.05);
    let mut groups = 0.0;
    for g in &brief.groups {
        groups += spec.group_gap_mm;
        let heading = text_lines(&g.session.heading, Font::bold(spec.head_pt), col_w);
        groups += lines_mm(heading, spec.head_pt, 1.25);
        let mut people = String::new();
        if !g.moderators.is_empty() {
            people.push_str(&format!(" · Moderator: {}", g.moderators.join(", ")));
        }
        if !g.rapporteurs.is_empty() {
            people.push_str(&format!(" · Rapporteur: {}", g.rapporteurs.join(", ")));
        }
        let mut line = Para::default();
        if let [run] = g.runs.as_slice() {
            line = line.text(&run.label, label);
        }
        line = line.text(&people, meta);
        groups += 0.6 + lines_mm(line.lines(col_w), spec.meta_pt, 1.3);
        for run in &g.runs {
            if g.runs.len() > 1 {
                let lines = Para::default().text(&run.label, label).lines(col_w);
                groups += 0.6 + lines_mm(lines, spec.meta_pt, 1.3);
            }
            // the list's margin, into which the first item's collapses
            groups += 1.2 - spec.item_gap_mm.min(1.2);
            for item in &run.items {
                // the labels keep together, after a space
                // (the first without its margin)
                let tags: f64 = item.pillars.iter().map(|p| tag_mm(p.name)).sum::<f64>() - 1.0
                    + body.width_mm(" ") * item.pillars.len().saturating_sub(1) as f64;
                let para = Para::default().text(&item.rec.text, body).boxed(tags, body);
                groups +=
                    spec.item_gap_mm + lines_mm(para.lines(item_w), spec.body_pt, spec.leading);
            }
        }
    }
    if spec.columns > 1 {
        groups = groups / cols + COLUMN_SLACK_LINES * lines_mm(1, spec.body_pt, spec.leading);
    }
    // the space above the first session
    h + 1.0 + groups
}

fn instruments_mm(brief: &ThemeBrief<'_>) -> f64 {
    if brief.instruments.is_empty() {
        return 0.0;
    }
    let size = 7.8;
    let mut para = Para::default().text("Instruments cited", KICKER_FONT);
    for (i, line) in brief.instruments.iter().enumerate() {
        if i > 0 {
            para = para.text("·", Font::bold(size));
        }
        if let Some(short) = line.short {
            para = para.text(short, Font::bold(size));
        }
        para = para.text(&line.instrument.name, Font::regular(size));
        if let Some(detail) = &line.detail {
            para = para.text(&format!("({detail})"), Font::regular(size));
        }
    }
    // the space above, padding, lines
    4.0 + 3.2 + lines_mm(para.lines(TEXT_WIDTH_MM - 6.0), size, 1.35)
}

fn footer_mm(brief: &ThemeBrief<'_>) -> f64 {
    let w = TEXT_WIDTH_MM;
    let small = Font::regular(FOOTER_PT);
    let mut paragraphs: Vec<Para> = Vec::new();
    if !brief.references.is_empty() {
        let refs: Vec<String> = brief
            .references
            .iter()
            .map(|r| format!("“{}”, bullets {}", r.section, r.bullets))
            .collect();
        paragraphs.push(
            Para::default()
                .text("Sections quoted", FOOTER_KEY)
                .text(&refs.join("; "), small),
        );
    }
    for head in &brief.conferences {
        if let Some(s) = head.source {
            paragraphs.push(
                Para::default()
                    .text("Source", FOOTER_KEY)
                    .text(&format!("{}. {}", s.title, s.attribution), small),
            );
        }
    }
    let r = brief.release;
    paragraphs.push(Para::default().text("Dataset", FOOTER_KEY).text(
        &format!(
            "{}, version {} of {}. Generated by {}.",
            r.title,
            r.version,
            alliance_core::dates::long_date(&r.date),
            crate::generator()
        ),
        small,
    ));
    let lines: usize = paragraphs.iter().map(|p| p.lines(w)).sum();
    // padding, the rule above the first paragraph and the space between paragraphs
    4.0 + 0.3
        + 1.2
        + 1.2
        + 0.4 * paragraphs.len().saturating_sub(1) as f64
        + lines_mm(lines, FOOTER_PT, 1.35)
}
