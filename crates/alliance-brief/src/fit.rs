//! Will a brief fit one A4 page? The layouts a brief can take, and an estimate from text sizes
//! of how much of the page each needs. The estimate is what chooses the layout, what refuses a
//! theme that cannot fit, and what the lint rule for oversize themes calls.

use std::fmt::Write as _;

use alliance_core::Dataset;
use alliance_core::model::{
    Conference, Instrument, Recommendation, Release, Session, Source, Term,
};

use crate::metrics::{self, Font, Lines, Measure, Piece, text_lines};
use crate::parallel;
use crate::view::{self, ConferenceHead, Indexed, InstrumentLine, Lookup, Scan, ThemeBrief};

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
///
/// What many briefs share is measured once ([`Shared`]): each recommendation's item, each
/// session's heading and people, each conference's masthead block and footer paragraph, each
/// instrument; a theme then sums its blocks' measurements in the order [`Estimate::of`] sums
/// them, so the fills are the same to the bit, without building its [`ThemeBrief`].
pub fn estimate_fills(dataset: &Dataset) -> Vec<(String, f64)> {
    let lookup = Indexed::new(dataset);
    let shared = Shared::new(&lookup, Layout::DENSEST);
    parallel::map_chunks(&dataset.themes, parallel::CHUNK, |themes| {
        let mut scratch = Scratch::default();
        themes
            .iter()
            .map(|t| (t.id.clone(), shared.estimate(t, &mut scratch).fill()))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// Measurements of one layout that many briefs share, taken once per dataset, by position in
/// the dataset's lists.
struct Shared<'l, 'a> {
    lookup: &'l Indexed<'a>,
    spec: Spec,
    geometry: Geometry,
    /// The body font, for measuring items.
    body: Measure,
    /// Lines of each recommendation's item.
    items: Vec<usize>,
    /// Each session's heading lines and people pieces.
    sessions: Vec<SessionMeasure>,
    /// Each conference's masthead block and footer paragraph.
    conferences: Vec<ConferenceMeasure>,
    /// Each instrument's pieces in the list of instruments.
    instruments: Vec<Vec<Piece>>,
    /// The pieces of the kicker of the list of instruments.
    instruments_kicker: Vec<Piece>,
    /// The pieces of the separator between instruments.
    instruments_separator: Vec<Piece>,
    /// Lines of the footer paragraph of the dataset release.
    release_lines: usize,
}

struct SessionMeasure {
    heading_lines: usize,
    people: Vec<Piece>,
}

struct ConferenceMeasure {
    masthead_mm: f64,
    source_lines: Option<usize>,
}

/// What one theme's estimate reuses from the last, so that a theme allocates little.
#[derive(Default)]
struct Scratch<'a> {
    items: Vec<Entry<'a>>,
    pieces: Vec<Piece>,
    ids: Vec<&'a str>,
    labels: Vec<(&'a str, usize)>,
    references: String,
}

/// An item of a brief, as [`ThemeBrief::build`] groups it.
struct Entry<'a> {
    session: &'a Session,
    label: &'a str,
    rec: &'a Recommendation,
}

/// The position of `item` in `items`, when it is one of them.
fn position<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).checked_sub(items.as_ptr() as usize)?;
    let i = offset / size;
    items.get(i).filter(|x| std::ptr::eq(*x, item)).map(|_| i)
}

impl<'l, 'a> Shared<'l, 'a> {
    fn new(lookup: &'l Indexed<'a>, layout: Layout) -> Self {
        let dataset = lookup.dataset();
        let spec = layout.spec();
        let geometry = Geometry::of(&spec);
        let body = Measure::new(Font::regular(spec.body_pt));
        let items = parallel::map_chunks(&dataset.recommendations, 1024, |recs| {
            recs.iter()
                .map(|r| item_measure(dataset, r, &spec, &geometry, &body))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        let sessions = parallel::map_chunks(&dataset.sessions, 256, |sessions| {
            sessions
                .iter()
                .map(|s| session_measure(lookup, s, &spec, &geometry))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        let conferences = dataset
            .conferences
            .iter()
            .map(|c| conference_measure(lookup, c))
            .collect();
        let instruments = dataset
            .instruments
            .iter()
            .map(|i| instrument_measure(lookup, i))
            .collect();
        Shared {
            lookup,
            spec,
            geometry,
            body,
            items,
            sessions,
            conferences,
            instruments,
            instruments_kicker: metrics::pieces(INSTRUMENTS_KICKER, KICKER_FONT),
            instruments_separator: metrics::pieces(
                INSTRUMENTS_SEPARATOR,
                Font::bold(INSTRUMENTS_PT),
            ),
            release_lines: release_lines(&dataset.release),
        }
    }

    /// The estimate of a theme's brief: [`Estimate::of`] its [`ThemeBrief`], to the bit.
    fn estimate(&self, theme: &'a Term, scratch: &mut Scratch<'a>) -> Estimate {
        let lookup = self.lookup;
        let dataset = lookup.dataset();
        let spec = &self.spec;
        let recs = lookup.recommendations_in(&theme.id);

        // the conferences, as `ThemeBrief::build` finds them
        scratch.ids.clear();
        for r in recs.iter() {
            if !scratch.ids.contains(&r.conference.as_str()) {
                scratch.ids.push(&r.conference);
            }
        }
        let conferences: Vec<&'a Conference> = if scratch.ids.is_empty() {
            dataset.conferences.iter().collect()
        } else {
            lookup.conferences(&scratch.ids)
        };
        let mut masthead = masthead_top_mm(theme, spec);
        for &c in &conferences {
            masthead += self.conference(c, |m| m.masthead_mm);
        }
        // the space above the recommendations
        let masthead_mm = masthead + 4.0;

        // the items, grouped as `ThemeBrief::build` groups them
        let items = &mut scratch.items;
        items.clear();
        let mut current: Option<&'a Session> = None;
        for &r in recs.iter() {
            let session = match current {
                Some(s) if s.id == r.session => s,
                _ => {
                    let Some(s) = lookup.session(&r.session) else {
                        continue;
                    };
                    current = Some(s);
                    s
                }
            };
            items.push(Entry {
                session,
                label: view::term_name_ref(&dataset.vocabularies.labels, &r.label),
                rec: r,
            });
        }

        let body_mm = if items.is_empty() {
            empty_body_mm(spec)
        } else {
            self.body_mm(items, &mut scratch.labels)
        };

        // the instruments, in registry order
        scratch.ids.clear();
        for e in items.iter() {
            for id in &e.rec.instruments {
                if !scratch.ids.contains(&id.as_str()) {
                    scratch.ids.push(id);
                }
            }
        }
        let instruments = lookup.instruments(&scratch.ids);
        let instruments_mm = if instruments.is_empty() {
            0.0
        } else {
            let pieces = &mut scratch.pieces;
            pieces.clear();
            pieces.extend_from_slice(&self.instruments_kicker);
            for (i, &instrument) in instruments.iter().enumerate() {
                if i > 0 {
                    pieces.extend_from_slice(&self.instruments_separator);
                }
                match position(&dataset.instruments, instrument) {
                    Some(at) => pieces.extend_from_slice(&self.instruments[at]),
                    None => pieces.extend(instrument_measure(lookup, instrument)),
                }
            }
            instruments_list_mm(metrics::line_count(pieces.iter(), INSTRUMENTS_WIDTH_MM))
        };

        // the footer: sections quoted, as `ThemeBrief::build` folds them, then the reports
        let refs = &mut scratch.references;
        refs.clear();
        let mut last: Option<(&str, &str)> = None;
        for e in items.iter() {
            let s = &e.rec.source;
            // writing to a `String` cannot fail
            if last == Some((s.section.as_str(), s.report.as_str())) {
                let _ = write!(refs, ", {}", s.bullet);
            } else {
                if last.is_some() {
                    refs.push_str("; ");
                }
                let _ = write!(refs, "“{}”, bullets {}", s.section, s.bullet);
                last = Some((&s.section, &s.report));
            }
        }
        let mut lines = 0;
        let mut paragraphs = 0;
        if last.is_some() {
            lines += references_lines(refs);
            paragraphs += 1;
        }
        for &c in &conferences {
            if let Some(source) = self.conference(c, |m| m.source_lines) {
                lines += source;
                paragraphs += 1;
            }
        }
        let footer_mm = footer_of(lines + self.release_lines, paragraphs + 1);

        Estimate {
            masthead_mm,
            body_mm,
            instruments_mm,
            footer_mm,
        }
    }

    /// The recommendations block of at least one item.
    fn body_mm(&self, items: &[Entry<'a>], labels: &mut Vec<(&'a str, usize)>) -> f64 {
        let dataset = self.lookup.dataset();
        let spec = &self.spec;
        let geometry = &self.geometry;
        labels.clear();
        for e in items {
            match labels.iter_mut().find(|(n, _)| *n == e.label) {
                Some((_, count)) => *count += 1,
                None => labels.push((e.label, 1)),
            }
        }
        let sessions = 1 + items
            .windows(2)
            .filter(|w| !std::ptr::eq(w[0].session, w[1].session))
            .count();
        let summary = summary_lines(
            &view::label_summary(labels.iter().copied()),
            sessions,
            dataset.pillars.iter().filter_map(|p| {
                let count = items
                    .iter()
                    .filter(|e| e.rec.pillars.contains(&p.id))
                    .count();
                (count > 0).then_some((p.name.as_str(), count))
            }),
            spec,
        );

        let label = label_font(spec);
        let mut groups = Groups::new(spec);
        for group in items.chunk_by(|a, b| std::ptr::eq(a.session, b.session)) {
            let runs = 1 + group
                .windows(2)
                .filter(|w| w[0].label != w[1].label)
                .count();
            let measure;
            let session = match position(&dataset.sessions, group[0].session) {
                Some(at) => &self.sessions[at],
                None => {
                    measure = session_measure(self.lookup, group[0].session, spec, geometry);
                    &measure
                }
            };
            let mut line = Para::new(geometry.col_w);
            if runs == 1 {
                line = line.text(group[0].label, label);
            }
            let line = line.pieces(&session.people).lines();
            groups.session(session.heading_lines, line);
            for run in group.chunk_by(|a, b| a.label == b.label) {
                groups.run((runs > 1).then(|| text_lines(run[0].label, label, geometry.col_w)));
                for e in run {
                    groups.item(match position(&dataset.recommendations, e.rec) {
                        Some(at) => self.items[at],
                        None => item_measure(dataset, e.rec, spec, geometry, &self.body),
                    });
                }
            }
        }
        groups.finish(body_top_mm(summary, spec), geometry)
    }

    /// A conference's measure, taken again for a conference that is not the dataset's.
    fn conference<T>(&self, c: &'a Conference, part: impl Fn(&ConferenceMeasure) -> T) -> T {
        match position(&self.lookup.dataset().conferences, c) {
            Some(at) => part(&self.conferences[at]),
            None => part(&conference_measure(self.lookup, c)),
        }
    }
}

fn item_measure(
    dataset: &Dataset,
    r: &Recommendation,
    spec: &Spec,
    geometry: &Geometry,
    body: &Measure,
) -> usize {
    // the pillars as `view::pillar_tags` orders them
    let pillars = dataset
        .pillars
        .iter()
        .filter(|p| r.pillars.contains(&p.id))
        .map(|p| p.name.as_str());
    item_lines(&r.text, pillars, spec, geometry, Some(body))
}

fn session_measure<'a>(
    lookup: &dyn Lookup<'a>,
    s: &'a Session,
    spec: &Spec,
    geometry: &Geometry,
) -> SessionMeasure {
    let people = people_text(
        &view::people_in_role(lookup, s, "moderator"),
        &view::people_in_role(lookup, s, "rapporteur"),
    );
    SessionMeasure {
        heading_lines: heading_lines(s, spec, geometry),
        people: metrics::pieces(&people, meta_font(spec)),
    }
}

fn conference_measure<'a>(lookup: &dyn Lookup<'a>, c: &'a Conference) -> ConferenceMeasure {
    let head = ConferenceHead::build(lookup, c);
    ConferenceMeasure {
        masthead_mm: conference_mm(&head),
        source_lines: head.source.map(source_lines),
    }
}

fn instrument_measure<'a>(lookup: &dyn Lookup<'a>, i: &'a Instrument) -> Vec<Piece> {
    let mut pieces = Vec::new();
    instrument_pieces(&InstrumentLine::build(lookup, i), &mut pieces);
    pieces
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

/// A paragraph of runs in different fonts and unbreakable boxes, separated by spaces, set
/// in a box of a given width as it is written: nothing is gathered.
struct Para {
    lines: Lines,
}

impl Para {
    /// An empty paragraph in a box `width_mm` wide.
    fn new(width_mm: f64) -> Self {
        Para {
            lines: Lines::new(width_mm),
        }
    }

    fn text(mut self, text: &str, font: Font) -> Self {
        metrics::for_each_piece(text, font, |p| self.lines.push(p));
        self
    }

    /// Pieces measured before.
    fn pieces(mut self, pieces: &[Piece]) -> Self {
        for p in pieces {
            self.lines.push(*p);
        }
        self
    }

    /// An unbreakable box (a pillar label) after a space of `font`.
    fn boxed(mut self, width_mm: f64, font: Font) -> Self {
        self.lines.push(Piece {
            glue_mm: font.width_mm(" "),
            width_mm,
        });
        self
    }

    fn lines(&self) -> usize {
        self.lines.count()
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
    let mut h = masthead_top_mm(brief.theme, spec);
    for head in &brief.conferences {
        h += conference_mm(head);
    }
    // the space above the recommendations
    h + 4.0
}

/// The masthead down to the conferences: rule, padding, eyebrow, title and description.
fn masthead_top_mm(theme: &Term, spec: &Spec) -> f64 {
    let w = TEXT_WIDTH_MM;
    // rule, padding, eyebrow
    let mut h = 1.6 + 2.4 + lines_mm(1, 7.0, 1.3);
    let title = Font {
        tracking_em: -0.01,
        ..Font::bold(spec.title_pt)
    };
    h += 1.6 + lines_mm(text_lines(&theme.name, title, w), spec.title_pt, 1.12);
    if let Some(d) = &theme.description {
        let lines = text_lines(d, Font::regular(spec.lead_pt), w);
        h += 1.4 + lines_mm(lines, spec.lead_pt, 1.36);
    }
    h
}

/// A conference's part of the masthead (title, details, key figures), the same in every
/// layout and every brief.
fn conference_mm(head: &ConferenceHead<'_>) -> f64 {
    let w = TEXT_WIDTH_MM;
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
    2.6 + 3.6 + what.max(figures)
}

fn body_mm(brief: &ThemeBrief<'_>, spec: &Spec) -> f64 {
    if brief.item_count == 0 {
        return empty_body_mm(spec);
    }
    let summary = summary_lines(
        &brief.label_summary,
        brief.session_count(),
        brief.pillar_counts.iter().map(|c| (c.tag.name, c.count)),
        spec,
    );
    let geometry = Geometry::of(spec);
    let label = label_font(spec);
    let mut groups = Groups::new(spec);
    for g in &brief.groups {
        let heading = heading_lines(g.session, spec, &geometry);
        let people = metrics::pieces(&people_text(&g.moderators, &g.rapporteurs), meta_font(spec));
        let mut line = Para::new(geometry.col_w);
        if let [run] = g.runs.as_slice() {
            line = line.text(&run.label, label);
        }
        let line = line.pieces(&people).lines();
        groups.session(heading, line);
        for run in &g.runs {
            groups.run((g.runs.len() > 1).then(|| text_lines(&run.label, label, geometry.col_w)));
            for item in &run.items {
                let pillars = item.pillars.iter().map(|p| p.name);
                groups.item(item_lines(&item.rec.text, pillars, spec, &geometry, None));
            }
        }
    }
    groups.finish(body_top_mm(summary, spec), &geometry)
}

/// The recommendations block of a brief without items: the kicker and a line saying so.
fn empty_body_mm(spec: &Spec) -> f64 {
    // kicker, its padding and rule
    let h = lines_mm(1, 7.5, 1.3) + 1.2 + 0.3;
    h + 3.0 + lines_mm(1, spec.body_pt, spec.leading)
}

/// The recommendations block above the sessions: the kicker, and the summary of `summary`
/// lines.
fn body_top_mm(summary: usize, spec: &Spec) -> f64 {
    // kicker, its padding and rule
    let mut h = lines_mm(1, 7.5, 1.3) + 1.2 + 0.3;
    h += 1.6 + lines_mm(summary, spec.meta_pt, 1.35);
    h
}

/// Lines of the summary above the sessions: what the items are, and each pillar's count.
fn summary_lines<'n>(
    label_summary: &str,
    sessions: usize,
    pillar_counts: impl IntoIterator<Item = (&'n str, usize)>,
    spec: &Spec,
) -> usize {
    let meta = meta_font(spec);
    let mut summary = Para::new(TEXT_WIDTH_MM).text(
        &format!(
            "{label_summary} from {sessions} sessions, quoted verbatim and numbered as in the report. Pillars:"
        ),
        meta,
    );
    for (name, count) in pillar_counts {
        summary = summary.boxed(tag_mm(&format!("{name} {count}")), meta);
    }
    summary.lines()
}

fn meta_font(spec: &Spec) -> Font {
    Font::regular(spec.meta_pt)
}

fn label_font(spec: &Spec) -> Font {
    Font::label(spec.meta_pt * 0.92, 0.05)
}

/// The widths the sessions are set in.
struct Geometry {
    cols: f64,
    col_w: f64,
    item_w: f64,
}

impl Geometry {
    fn of(spec: &Spec) -> Self {
        let cols = f64::from(spec.columns.max(1));
        let col_w = (TEXT_WIDTH_MM - COLUMN_GAP_MM * (cols - 1.0)) / cols;
        Geometry {
            cols,
            col_w,
            item_w: col_w - LIST_INDENT_MM,
        }
    }
}

/// Lines of a session's heading.
fn heading_lines(session: &Session, spec: &Spec, geometry: &Geometry) -> usize {
    text_lines(&session.heading, Font::bold(spec.head_pt), geometry.col_w)
}

/// The people line of a session, after its label: " · Moderator: ... · Rapporteur: ...".
fn people_text(moderators: &[String], rapporteurs: &[String]) -> String {
    let mut people = String::new();
    if !moderators.is_empty() {
        people.push_str(&format!(" · Moderator: {}", moderators.join(", ")));
    }
    if !rapporteurs.is_empty() {
        people.push_str(&format!(" · Rapporteur: {}", rapporteurs.join(", ")));
    }
    people
}

/// Lines of one item: its text, then the labels of its pillars (named in order) kept together
/// after a space. Nothing is allocated.
fn item_lines<'p>(
    text: &str,
    pillars: impl Iterator<Item = &'p str>,
    spec: &Spec,
    geometry: &Geometry,
    measure: Option<&Measure>,
) -> usize {
    let body = Font::regular(spec.body_pt);
    // the labels keep together, after a space (the first without its margin)
    let mut n = 0_usize;
    let tags: f64 = pillars.inspect(|_| n += 1).map(tag_mm).sum::<f64>() - 1.0
        + body.width_mm(" ") * n.saturating_sub(1) as f64;
    let mut lines = Lines::new(geometry.item_w);
    match measure {
        Some(m) => m.for_each_piece(text, |p| lines.push(p)),
        None => metrics::for_each_piece(text, body, |p| lines.push(p)),
    }
    // as `Para::boxed` sets it
    lines.push(Piece {
        glue_mm: body.width_mm(" "),
        width_mm: tags,
    });
    lines.count()
}

/// The height of the sessions, summed block by block in the order the page sets them.
struct Groups<'s> {
    spec: &'s Spec,
    mm: f64,
}

impl<'s> Groups<'s> {
    fn new(spec: &'s Spec) -> Self {
        Groups { spec, mm: 0.0 }
    }

    /// A session's heading and its line of label and people.
    fn session(&mut self, heading_lines: usize, line_lines: usize) {
        let spec = self.spec;
        self.mm += spec.group_gap_mm;
        self.mm += lines_mm(heading_lines, spec.head_pt, 1.25);
        self.mm += 0.6 + lines_mm(line_lines, spec.meta_pt, 1.3);
    }

    /// A run of items, with the lines of its own label when the session has several runs.
    fn run(&mut self, label_lines: Option<usize>) {
        let spec = self.spec;
        if let Some(lines) = label_lines {
            self.mm += 0.6 + lines_mm(lines, spec.meta_pt, 1.3);
        }
        // the list's margin, into which the first item's collapses
        self.mm += 1.2 - spec.item_gap_mm.min(1.2);
    }

    /// An item of `lines` lines.
    fn item(&mut self, lines: usize) {
        let spec = self.spec;
        self.mm += spec.item_gap_mm + lines_mm(lines, spec.body_pt, spec.leading);
    }

    /// The whole block, from the height `top` above the sessions.
    fn finish(self, top: f64, geometry: &Geometry) -> f64 {
        let spec = self.spec;
        let mut groups = self.mm;
        if spec.columns > 1 {
            groups = groups / geometry.cols
                + COLUMN_SLACK_LINES * lines_mm(1, spec.body_pt, spec.leading);
        }
        // the space above the first session
        top + 1.0 + groups
    }
}

const INSTRUMENTS_PT: f64 = 7.8;
const INSTRUMENTS_KICKER: &str = "Instruments cited";
const INSTRUMENTS_SEPARATOR: &str = "·";

fn instruments_mm(brief: &ThemeBrief<'_>) -> f64 {
    if brief.instruments.is_empty() {
        return 0.0;
    }
    let mut pieces = metrics::pieces(INSTRUMENTS_KICKER, KICKER_FONT);
    for (i, line) in brief.instruments.iter().enumerate() {
        if i > 0 {
            metrics::push_pieces(
                INSTRUMENTS_SEPARATOR,
                Font::bold(INSTRUMENTS_PT),
                &mut pieces,
            );
        }
        instrument_pieces(line, &mut pieces);
    }
    instruments_list_mm(metrics::line_count(&pieces, INSTRUMENTS_WIDTH_MM))
}

const INSTRUMENTS_WIDTH_MM: f64 = TEXT_WIDTH_MM - 6.0;

/// The pieces of one instrument in the list: short form, name, details.
fn instrument_pieces(line: &InstrumentLine<'_>, out: &mut Vec<Piece>) {
    if let Some(short) = line.short {
        metrics::push_pieces(short, Font::bold(INSTRUMENTS_PT), out);
    }
    metrics::push_pieces(&line.instrument.name, Font::regular(INSTRUMENTS_PT), out);
    if let Some(detail) = &line.detail {
        metrics::push_pieces(&format!("({detail})"), Font::regular(INSTRUMENTS_PT), out);
    }
}

/// The instruments block of `lines` lines.
fn instruments_list_mm(lines: usize) -> f64 {
    // the space above, padding, lines
    4.0 + 3.2 + lines_mm(lines, INSTRUMENTS_PT, 1.35)
}

fn footer_mm(brief: &ThemeBrief<'_>) -> f64 {
    let mut lines = 0;
    let mut paragraphs = 0;
    if !brief.references.is_empty() {
        let refs: Vec<String> = brief
            .references
            .iter()
            .map(|r| format!("“{}”, bullets {}", r.section, r.bullets))
            .collect();
        lines += references_lines(&refs.join("; "));
        paragraphs += 1;
    }
    for head in &brief.conferences {
        if let Some(s) = head.source {
            lines += source_lines(s);
            paragraphs += 1;
        }
    }
    footer_of(lines + release_lines(brief.release), paragraphs + 1)
}

/// The footer of `paragraphs` paragraphs of `lines` lines in all.
fn footer_of(lines: usize, paragraphs: usize) -> f64 {
    // padding, the rule above the first paragraph and the space between paragraphs
    4.0 + 0.3
        + 1.2
        + 1.2
        + 0.4 * paragraphs.saturating_sub(1) as f64
        + lines_mm(lines, FOOTER_PT, 1.35)
}

/// Lines of the footer paragraph of sections quoted.
fn references_lines(refs: &str) -> usize {
    Para::new(TEXT_WIDTH_MM)
        .text("Sections quoted", FOOTER_KEY)
        .text(refs, Font::regular(FOOTER_PT))
        .lines()
}

/// Lines of the footer paragraph of a conference's report.
fn source_lines(s: &Source) -> usize {
    Para::new(TEXT_WIDTH_MM)
        .text("Source", FOOTER_KEY)
        .text(
            &format!("{}. {}", s.title, s.attribution),
            Font::regular(FOOTER_PT),
        )
        .lines()
}

/// Lines of the footer paragraph of the dataset release.
fn release_lines(r: &Release) -> usize {
    Para::new(TEXT_WIDTH_MM)
        .text("Dataset", FOOTER_KEY)
        .text(
            &format!(
                "{}, version {} of {}. Generated by {}.",
                r.title,
                r.version,
                alliance_core::dates::long_date(&r.date),
                crate::generator()
            ),
            Font::regular(FOOTER_PT),
        )
        .lines()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every theme's fill from [`estimate_fills`] is, to the bit, that of its brief, block by
    /// block.
    fn check(dataset: &Dataset) {
        let fills = estimate_fills(dataset);
        assert_eq!(fills.len(), dataset.themes.len());
        let lookup = Indexed::new(dataset);
        let shared = Shared::new(&lookup, Layout::DENSEST);
        let mut scratch = Scratch::default();
        for ((id, fill), theme) in fills.iter().zip(&dataset.themes) {
            assert_eq!(*id, theme.id);
            let want = Estimate::of(&ThemeBrief::build(&lookup, theme), Layout::DENSEST);
            let got = shared.estimate(theme, &mut scratch);
            let bits = |e: &Estimate| {
                [e.masthead_mm, e.body_mm, e.instruments_mm, e.footer_mm].map(f64::to_bits)
            };
            assert_eq!(bits(&got), bits(&want), "{id}: {got:?} != {want:?}");
            assert_eq!(fill.to_bits(), want.fill().to_bits(), "{id}");
            assert_eq!(fill.to_bits(), estimate_fill(dataset, id).to_bits(), "{id}");
        }
    }

    fn real_data() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        alliance_core::load(&root).expect("loads").dataset
    }

    #[test]
    fn fills_match_each_brief_to_the_bit() {
        check(&real_data());
    }

    #[test]
    fn fills_match_each_brief_to_the_bit_in_odd_data() {
        let mut ds = real_data();
        let first = ds.themes[0].id.clone();
        let second = ds.themes[1].id.clone();
        // a theme with no recommendations shows every conference
        let mut empty = ds.themes[0].clone();
        empty.id = "nothing-here".to_owned();
        empty.description = None;
        ds.themes.push(empty);
        let n = ds.recommendations.len();
        let last_conference = ds.recommendations[n - 1].conference.clone();
        for (i, r) in ds.recommendations.iter_mut().enumerate() {
            match i % 7 {
                // themes that span conferences and sessions met again after another
                0 => r.themes.push(first.clone()),
                1 => r.themes.push(second.clone()),
                // several runs of labels in a session, and a label the vocabulary lacks
                2 => r.label = "findings".to_owned(),
                3 => r.label = "no-such-label".to_owned(),
                // a session that is not there, and instruments that are or are not
                4 => r.session = "no-such-session".to_owned(),
                5 => r.instruments.push("no-such-instrument".to_owned()),
                _ => r
                    .instruments
                    .extend(ds.instruments.iter().take(2).map(|x| x.id.clone())),
            }
        }
        // a conference without its report
        if let Some(c) = ds.conferences.iter_mut().find(|c| c.id == last_conference) {
            c.source = None;
        }
        check(&ds);
    }
}
