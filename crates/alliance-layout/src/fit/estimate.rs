//! The estimate of one brief: its blocks' heights, top to bottom, added up from the
//! measurements of the records its [`Outline`] shows ([`Measures`]) and of what the brief
//! itself prints (theme title and description, summary, labels, references).

use std::fmt::Write as _;

use alliance_core::model::Term;

use super::layout::TEXT_HEIGHT_MM;
use super::measures::Measures;
use super::spec::Spec;
use crate::metrics::{self, Font, Lines, Piece, text_lines};
use crate::outline::{self, Entry, Outline};
use crate::view::{self, Provenance};

/// Added to every estimate, so that an estimate at or under `1.0` is a page that Chromium
/// prints on one page (calibrated: the estimate's worst error was 2 mm short).
const SAFETY_MM: f64 = 3.0;
const PT_MM: f64 = 25.4 / 72.0;

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
    /// The estimate of a brief in the layout of `measures`, from the measurements of the
    /// records it shows.
    pub fn of<'a>(outline: &Outline<'a>, measures: &Measures<'_, 'a>) -> Self {
        let provenance = provenance(outline, measures);
        Estimate {
            masthead_mm: masthead_mm(outline, measures, &provenance),
            body_mm: body_mm(outline, measures),
            instruments_mm: instruments_mm(outline, measures),
            footer_mm: footer_mm(outline, measures, &provenance),
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

/// Height of `lines` lines of `size_pt` type at `leading`, mm.
pub(super) fn lines_mm(lines: usize, size_pt: f64, leading: f64) -> f64 {
    lines as f64 * size_pt * leading * PT_MM
}

/// A paragraph of runs in different fonts and unbreakable boxes, separated by spaces, set
/// in a box of a given width as it is written: nothing is gathered.
pub(super) struct Para {
    lines: Lines,
}

impl Para {
    /// An empty paragraph in a box `width_mm` wide.
    pub(super) fn new(width_mm: f64) -> Self {
        Para {
            lines: Lines::new(width_mm),
        }
    }

    pub(super) fn text(mut self, text: &str, font: Font) -> Self {
        self.lines.text(text, font);
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
        self.lines.push(Piece::new(font.width_mm(" "), width_mm));
        self
    }

    pub(super) fn lines(&self) -> usize {
        self.lines.count()
    }
}

/// Width of a pillar label: bold capitals, padding, border and margin.
pub(super) fn tag_mm(text: &str, spec: &Spec) -> f64 {
    let tag = &spec.tag;
    Font::label(tag.size_pt, tag.tracking_em).width_mm(text)
        + 2.0 * tag.padding_side_mm
        + 2.0 * tag.border_mm
        + tag.margin_mm
}

/// The font of the kickers, over the recommendations and the instruments.
fn kicker_font(spec: &Spec) -> Font {
    Font::label(spec.body.kicker_pt, spec.body.kicker_tracking_em)
}

/// The font of the colophon's text.
pub(super) fn colophon_font(spec: &Spec) -> Font {
    Font::regular(spec.colophon.size_pt)
}

/// The font of a colophon paragraph's key (Source, Dataset).
pub(super) fn colophon_key_font(spec: &Spec) -> Font {
    Font::label(spec.colophon.size_pt, spec.colophon.key_tracking_em)
}

pub(super) fn meta_font(spec: &Spec) -> Font {
    Font::regular(spec.meta_pt)
}

fn label_font(spec: &Spec) -> Font {
    Font::label(
        spec.meta_pt * spec.body.label_em,
        spec.body.label_tracking_em,
    )
}

fn masthead_mm<'a>(outline: &Outline<'a>, m: &Measures<'_, 'a>, provenance: &Provenance) -> f64 {
    let eyebrow = eyebrow_lines(provenance, m.spec());
    let mut h = masthead_top_mm(outline.theme, eyebrow, m.spec());
    // a brief across conferences has no conference panel: each part has its heading
    if !outline.across {
        for &c in &outline.conferences {
            h += m.conference(c, |c| c.masthead_mm);
        }
    }
    // the space above the recommendations
    h + m.spec().masthead.gap_under_mm
}

/// The text of the eyebrow's link, as `brief.html` prints it.
const EYEBROW_LINK: &str = "Thematic brief";

/// The font of the eyebrow's link: bold capitals, letter-spaced.
fn eyebrow_link_font(spec: &Spec) -> Font {
    Font::label(spec.masthead.eyebrow_pt, spec.masthead.eyebrow_tracking_em)
}

/// The font of the eyebrow's line naming the report: not in capitals, not letter-spaced.
pub(super) fn eyebrow_from_font(spec: &Spec) -> Font {
    Font::regular(spec.masthead.eyebrow_pt)
}

/// The provenance of a brief: that of its conferences ([`Provenance::of`]).
fn provenance<'a>(outline: &Outline<'a>, m: &Measures<'_, 'a>) -> Provenance {
    let origins: Vec<_> = outline
        .conferences
        .iter()
        .map(|&c| m.conference(c, |c| c.origin.clone()))
        .collect();
    Provenance::of(&origins)
}

/// Lines of the eyebrow: the link, then the line naming the report, in a row (the eyebrow's gap
/// apart). One while they fit the line. When they do not (a long title), the link keeps its
/// width and the line wraps in the rest of the row, as the row (a flexbox) shrinks it: the
/// eyebrow is as tall as it.
fn eyebrow_lines(provenance: &Provenance, spec: &Spec) -> usize {
    let Some(from) = &provenance.from else {
        return 1;
    };
    let font = eyebrow_from_font(spec);
    let room = spec.page.text_width_mm()
        - eyebrow_link_font(spec).width_mm(EYEBROW_LINK)
        - spec.masthead.eyebrow_gap_mm;
    if font.width_mm(from) <= room {
        return 1;
    }
    text_lines(from, font, room.max(0.0)).max(1)
}

/// The masthead down to the conferences: rule, padding, eyebrow, title and description.
fn masthead_top_mm(theme: &Term, eyebrow_lines: usize, spec: &Spec) -> f64 {
    let w = spec.page.text_width_mm();
    let top = &spec.masthead;
    // rule, padding, eyebrow
    let mut h =
        top.rule_mm + top.padding_mm + lines_mm(eyebrow_lines, top.eyebrow_pt, top.eyebrow_leading);
    let title = Font {
        tracking_em: top.title_tracking_em,
        ..Font::bold(spec.title_pt)
    };
    let title_lines = text_lines(&theme.name, title, w);
    h += top.title_gap_mm + lines_mm(title_lines, spec.title_pt, top.title_leading);
    if let Some(d) = &theme.description {
        let lines = text_lines(d, Font::regular(spec.lead_pt), w);
        h += top.description_gap_mm + lines_mm(lines, spec.lead_pt, top.description_leading);
    }
    h
}

fn body_mm<'a>(outline: &Outline<'a>, m: &Measures<'_, 'a>) -> f64 {
    let spec = m.spec();
    let body = &spec.body;
    // the kicker, its padding and rule
    let kicker =
        lines_mm(1, body.kicker_pt, body.kicker_leading) + body.kicker_padding_mm + body.rule_mm;
    if outline.entries.is_empty() {
        // and a line saying there is nothing
        return kicker + body.empty_gap_mm + lines_mm(1, spec.body_pt, spec.leading);
    }
    let summary_mm = |entries: &[Entry<'a>]| {
        let lines = summary_lines(entries, m);
        body.summary_gap_mm + lines_mm(lines, spec.meta_pt, body.summary_leading)
    };
    if !outline.across {
        // the summary
        let top = kicker + summary_mm(&outline.entries);
        return sessions_mm(&outline.entries, m).finish(top);
    }
    let heading = Font::bold(spec.lead_pt);
    let mut h = kicker;
    for (conference, entries) in outline.parts() {
        // the part's heading, with its space, rule and padding, then its summary
        let text = view::part_heading(conference);
        let lines = text_lines(&text, heading, spec.page.text_width_mm());
        h += body.part_gap_mm
            + body.rule_mm
            + body.part_padding_mm
            + lines_mm(lines, spec.lead_pt, body.part_leading);
        let top = summary_mm(entries);
        h += sessions_mm(entries, m).finish(top);
    }
    h
}

/// The sessions of `entries`, block by block.
fn sessions_mm<'s, 'a>(entries: &[Entry<'a>], m: &'s Measures<'_, 'a>) -> Groups<'s> {
    let geometry = m.geometry();
    let label = label_font(m.spec());
    let mut groups = Groups::new(m.spec());
    for entries in outline::sessions(entries) {
        // one run of a single label, named in the session's line; or a label over each run
        let single = entries.windows(2).all(|w| w[0].label == w[1].label);
        let mut line = Para::new(geometry.col_w);
        if single {
            line = line.text(entries[0].label, label);
        }
        let (heading_lines, line) = m.session(entries[0].session, |s| {
            (s.heading_lines, line.pieces(&s.people).lines())
        });
        groups.session(heading_lines, line);
        for run in entries.chunk_by(|a, b| a.label == b.label) {
            groups.run((!single).then(|| text_lines(run[0].label, label, geometry.col_w)));
            for e in run {
                groups.item(m.item(e.rec));
            }
        }
    }
    groups
}

/// Lines of the summary above the sessions: what the items are, and each pillar's count.
fn summary_lines<'a>(entries: &[Entry<'a>], m: &Measures<'_, 'a>) -> usize {
    let meta = meta_font(m.spec());
    let mut summary = Para::new(m.spec().page.text_width_mm()).text(
        &format!(
            "{} from {} sessions, quoted verbatim and numbered as in the report. Pillars:",
            outline::label_summary_of(entries),
            outline::sessions(entries).count()
        ),
        meta,
    );
    for c in outline::pillar_counts_of(m.index(), entries) {
        let width = tag_mm(&format!("{} {}", c.tag.name, c.count), m.spec());
        summary = summary.boxed(width, meta);
    }
    summary.lines()
}

/// The height of the sessions, summed block by block in the order the page sets them, and the
/// blocks a column may not break inside ([`Block`]): an item, and a session's heading and line
/// (or a run's label) with the first item after them.
struct Groups<'s> {
    spec: &'s Spec,
    mm: f64,
    /// The unbreakable blocks, top to bottom.
    blocks: Vec<Block>,
    /// What is set before the next item and goes to a column with it (a heading, a label), and
    /// the margin it begins with.
    open: Block,
}

/// A block a column may not break inside.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Block {
    /// Its height, with the margin above it, millimetres.
    mm: f64,
    /// The margin above it, millimetres, which a column it begins drops.
    margin_mm: f64,
}

impl<'s> Groups<'s> {
    fn new(spec: &'s Spec) -> Self {
        Groups {
            spec,
            mm: 0.0,
            blocks: Vec::new(),
            open: Block::default(),
        }
    }

    /// Adds `mm` that goes with the next item, beginning with a margin of `margin_mm` when
    /// nothing is open.
    fn before_item(&mut self, margin_mm: f64, mm: f64) {
        if self.open.mm == 0.0 {
            self.open.margin_mm = margin_mm;
        }
        self.mm += mm;
        self.open.mm += mm;
    }

    /// A session's heading and its line of label and people.
    fn session(&mut self, heading_lines: usize, line_lines: usize) {
        let spec = self.spec;
        self.before_item(
            spec.group_gap_mm,
            spec.group_gap_mm
                + lines_mm(heading_lines, spec.head_pt, spec.body.head_leading)
                + spec.body.meta_gap_mm
                + lines_mm(line_lines, spec.meta_pt, spec.body.meta_leading),
        );
    }

    /// A run of items, with the lines of its own label when the session has several runs.
    fn run(&mut self, label_lines: Option<usize>) {
        let spec = self.spec;
        if let Some(lines) = label_lines {
            let gap = spec.body.meta_gap_mm;
            self.before_item(
                gap,
                gap + lines_mm(lines, spec.meta_pt, spec.body.meta_leading),
            );
        }
        // the list's margin, into which the first item's collapses
        let list_gap = spec.body.list_gap_mm;
        let margin = list_gap - spec.item_gap_mm.min(list_gap);
        self.before_item(margin, margin);
    }

    /// An item of `lines` lines: a block of its own, with what goes with it.
    fn item(&mut self, lines: usize) {
        let spec = self.spec;
        let item = spec.item_gap_mm + lines_mm(lines, spec.body_pt, spec.leading);
        self.mm += item;
        let block = if self.open.mm == 0.0 {
            Block {
                mm: item,
                margin_mm: spec.item_gap_mm,
            }
        } else {
            Block {
                mm: self.open.mm + item,
                ..self.open
            }
        };
        self.blocks.push(block);
        self.open = Block::default();
    }

    /// The whole block, from the height `top` above the sessions.
    fn finish(self, top: f64) -> f64 {
        let spec = self.spec;
        let groups = if spec.columns > 1 {
            // Chromium's balancing may leave the columns an item's gap taller than the least
            // height that holds them (calibration: 0.49 mm, in the dense layout)
            balanced_mm(&self.blocks, spec.columns) + spec.item_gap_mm
        } else {
            self.mm
        };
        // the space above the first session
        top + spec.body.groups_gap_mm + groups
    }
}

/// How tall `columns` balanced columns of these unbreakable blocks are: the least height at
/// which, filled one after the other (as many blocks as fit in each), they hold every block,
/// a block that begins a column but the first without its margin. Chromium balances a
/// multi-column block so, each item kept in one column (`break-inside: avoid`) and the margin
/// at the head of a column after a break dropped. Found to a hundredth of a millimetre, never
/// under. Where the blocks do not share out evenly, it is well over half their height: the
/// price of keeping each item whole.
fn balanced_mm(blocks: &[Block], columns: u32) -> f64 {
    let holds = |height: f64| {
        let mut used = 1;
        let mut column = 0.0;
        for b in blocks {
            if column > 0.0 && column + b.mm > height {
                used += 1;
                column = b.mm - b.margin_mm;
            } else {
                column += b.mm;
            }
            if column > height || used > columns {
                return false;
            }
        }
        true
    };
    // one column holds every block
    let (mut low, mut high) = (0.0, blocks.iter().map(|b| b.mm).sum::<f64>());
    while high - low > 0.01 {
        let mid = (low + high) / 2.0;
        if holds(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    high
}

const INSTRUMENTS_KICKER: &str = "Instruments cited";
const INSTRUMENTS_SEPARATOR: &str = "·";

/// Width of the text of the list of instruments, inside its padding.
pub(super) fn instruments_width_mm(spec: &Spec) -> f64 {
    spec.page.text_width_mm() - 2.0 * spec.instruments.padding_side_mm
}

fn instruments_mm<'a>(outline: &Outline<'a>, m: &Measures<'_, 'a>) -> f64 {
    if outline.instruments.is_empty() {
        return 0.0;
    }
    let spec = m.spec();
    let list = &spec.instruments;
    let w = instruments_width_mm(spec);
    let mut pieces = metrics::pieces(INSTRUMENTS_KICKER, kicker_font(spec), w);
    for (i, &instrument) in outline.instruments.iter().enumerate() {
        if i > 0 {
            metrics::push_pieces(
                INSTRUMENTS_SEPARATOR,
                Font::bold(list.size_pt),
                w,
                &mut pieces,
            );
        }
        m.instrument(instrument, &mut pieces);
    }
    let lines = metrics::line_count(&pieces, w);
    // the space above, padding, lines
    list.gap_mm + 2.0 * list.padding_mm + lines_mm(lines, list.size_pt, list.leading)
}

/// The text of the key of the colophon's paragraph about the page, as `_base.html` prints it.
const ABOUT_KEY: &str = "About";

/// Lines of the colophon's paragraph about the page.
pub(super) fn about_lines(about: &str, spec: &Spec) -> usize {
    Para::new(spec.page.text_width_mm())
        .text(ABOUT_KEY, colophon_key_font(spec))
        .text(about, colophon_font(spec))
        .lines()
}

fn footer_mm<'a>(outline: &Outline<'a>, m: &Measures<'_, 'a>, provenance: &Provenance) -> f64 {
    let spec = m.spec();
    let mut lines = 0;
    let mut paragraphs = 0_usize;
    // a paragraph of references for the brief, or one for each conference's part
    let parts: Vec<(Option<String>, &[Entry<'a>])> = if outline.across {
        outline
            .parts()
            .into_iter()
            .map(|(c, entries)| (Some(view::part_name(c)), entries))
            .collect()
    } else {
        vec![(None, &outline.entries)]
    };
    for (name, entries) in parts {
        let references = outline::references_of(entries);
        if references.is_empty() {
            continue;
        }
        let mut refs = name.map(|n| format!("{n}: ")).unwrap_or_default();
        for (i, r) in references.iter().enumerate() {
            let sep = if i > 0 { "; " } else { "" };
            // writing to a `String` cannot fail
            let _ = write!(refs, "{sep}“{}”, bullets {}", r.section, r.bullets);
        }
        lines += Para::new(spec.page.text_width_mm())
            .text("Sections quoted", colophon_key_font(spec))
            .text(&refs, colophon_font(spec))
            .lines();
        paragraphs += 1;
    }
    for &c in &outline.conferences {
        if let Some(source) = m.conference(c, |c| c.source_lines) {
            lines += source;
            paragraphs += 1;
        }
    }
    // the dataset release
    lines += m.release_lines();
    paragraphs += 1;
    // who made the brief, and what its tags are
    lines += about_lines(&provenance.about, spec);
    paragraphs += 1;
    // padding, the rule above the first paragraph and the space between paragraphs
    let colophon = &spec.colophon;
    colophon.padding_mm
        + colophon.rule_mm
        + colophon.rule_padding_mm
        + colophon.rule_gap_mm
        + colophon.paragraph_gap_mm * paragraphs.saturating_sub(1) as f64
        + lines_mm(lines, colophon.size_pt, colophon.leading)
}

#[cfg(test)]
mod tests {
    use super::{Block, Groups, balanced_mm, lines_mm};
    use crate::fit::Layout;

    #[test]
    fn two_columns_of_whole_items_are_as_tall_as_the_items_they_hold() {
        // one session of three items of ten lines each, in two columns: a column holds two of
        // them whole (the heading goes with the first), not one and a half
        let spec = Layout::Dense.spec();
        let mut groups = Groups::new(&spec);
        groups.session(1, 1);
        groups.run(None);
        for _ in 0..3 {
            groups.item(10);
        }
        let item = spec.item_gap_mm + lines_mm(10, spec.body_pt, spec.leading);
        let two_items = 2.0 * item - spec.item_gap_mm;
        assert!(groups.finish(0.0) >= two_items, "{two_items}");
    }

    fn blocks(heights: &[(f64, f64)]) -> Vec<Block> {
        heights
            .iter()
            .map(|&(mm, margin_mm)| Block { mm, margin_mm })
            .collect()
    }

    /// Whether `columns` columns of `height` hold the blocks, each whole, filled in order.
    fn fits(blocks: &[Block], columns: u32, height: f64) -> bool {
        let mut used = 1;
        let mut column = 0.0;
        for b in blocks {
            if column > 0.0 && column + b.mm > height + 1e-9 {
                used += 1;
                column = b.mm - b.margin_mm;
            } else {
                column += b.mm;
            }
            if column > height + 1e-9 {
                return false;
            }
        }
        used <= columns
    }

    #[test]
    fn balanced_columns_keep_every_block_whole() {
        let close = |a: f64, b: f64| (a - b).abs() <= 0.01;
        // blocks that share out evenly: half
        assert!(close(balanced_mm(&blocks(&[(10.0, 0.0); 4]), 2), 20.0));
        // three equal blocks: two of them in a column, not one and a half
        assert!(close(balanced_mm(&blocks(&[(10.0, 0.0); 3]), 2), 20.0));
        // a block taller than the rest together: as tall as it
        assert!(close(
            balanced_mm(&blocks(&[(5.0, 0.0), (40.0, 0.0)]), 2),
            40.0
        ));
        // the second column drops the margin of the block it begins with
        assert!(close(
            balanced_mm(&blocks(&[(10.0, 2.0), (12.0, 2.0)]), 2),
            10.0
        ));
        // no block, no height; one column, every block
        assert_eq!(balanced_mm(&[], 2), 0.0);
        assert!(close(
            balanced_mm(&blocks(&[(3.0, 1.0), (4.0, 1.0)]), 1),
            7.0
        ));
        // and for odd blocks: the least height that holds them, to a hundredth
        let mut seed = 7_u64;
        for _ in 0..200 {
            let n = (seed % 12) as usize + 1;
            let heights: Vec<(f64, f64)> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (
                        ((seed >> 33) % 400) as f64 / 10.0 + 2.0,
                        0.5 + (seed % 2) as f64 * 1.5,
                    )
                })
                .collect();
            let b = blocks(&heights);
            let h = balanced_mm(&b, 2);
            assert!(fits(&b, 2, h), "{heights:?}: {h}");
            assert!(!fits(&b, 2, h - 0.011), "{heights:?}: {h} is not the least");
        }
    }
}
