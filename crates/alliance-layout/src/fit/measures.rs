//! What the estimate adds up: each record a brief shows, measured in one layout. A
//! recommendation's item, a session's heading and people, a conference's masthead block and
//! footer paragraph, an instrument's entry in the list: each is the same in every brief that
//! shows it, so [`Measures::of_dataset`] measures every record once for many briefs, and
//! [`Measures::new`] measures each when a brief asks for it. Either way a record is measured
//! by the same function, so a brief's estimate does not depend on which was used.

use alliance_core::Index;
use alliance_core::model::{Conference, Instrument, Recommendation, Release, Session, Source};
use rayon::prelude::*;

use super::estimate::{
    Para, colophon_font, colophon_key_font, instruments_width_mm, lines_mm, meta_font, tag_mm,
};
use super::layout::{Geometry, Layout};
use super::spec::Spec;
use crate::metrics::{self, Font, Lines, Measure, Piece, text_lines};
use crate::view::{self, ConferenceHead, InstrumentLine, Origin};

/// The measurements of a dataset's records in one layout (see the module's documentation).
pub struct Measures<'i, 'a> {
    index: &'i Index<'a>,
    layout: Layout,
    spec: Spec,
    geometry: Geometry,
    /// The body font, for measuring items.
    body: Measure,
    /// Lines of each recommendation's item, by position in the dataset; empty when measured
    /// as asked.
    items: Vec<usize>,
    /// Each session's measure, likewise.
    sessions: Vec<SessionMeasure>,
    /// Each conference's measure, likewise.
    conferences: Vec<ConferenceMeasure>,
    /// Each instrument's pieces in the list of instruments, likewise.
    instruments: Vec<Vec<Piece>>,
    /// Lines of the footer paragraph of the dataset release.
    release_lines: usize,
}

/// A session's heading and the people line under it.
pub(crate) struct SessionMeasure {
    /// Lines of the heading.
    pub(crate) heading_lines: usize,
    /// The pieces of " · Moderator: ... · Rapporteur: ...".
    pub(crate) people: Vec<Piece>,
}

/// A conference's part of a brief.
pub(crate) struct ConferenceMeasure {
    /// What a page's provenance names of it (the eyebrow's line, the colophon's paragraph).
    pub(crate) origin: Origin,
    /// Its block of the masthead, millimetres.
    pub(crate) masthead_mm: f64,
    /// Lines of the footer paragraph of its report, when it has one.
    pub(crate) source_lines: Option<usize>,
}

impl<'i, 'a> Measures<'i, 'a> {
    /// Measures of `layout` taken as briefs ask for them: nothing is measured ahead. For one
    /// brief, or for a layout that few briefs are measured in (the renderer tries a denser
    /// layout only for a brief that does not fit the one before).
    pub fn new(index: &'i Index<'a>, layout: Layout) -> Self {
        let spec = layout.spec();
        Measures {
            index,
            layout,
            spec,
            geometry: Geometry::of(&spec),
            body: Measure::new(Font::regular(spec.body_pt)),
            items: Vec::new(),
            sessions: Vec::new(),
            conferences: Vec::new(),
            instruments: Vec::new(),
            release_lines: release_lines(&index.dataset().release, &spec),
        }
    }

    /// Measures of `layout` with every record of the dataset measured once, on every core: for
    /// estimating every theme, where a record is shown in several briefs.
    pub fn of_dataset(index: &'i Index<'a>, layout: Layout) -> Self {
        let dataset = index.dataset();
        let mut m = Measures::new(index, layout);
        m.items = dataset
            .recommendations
            .par_iter()
            .with_min_len(1024)
            .map(|r| m.measure_item(r))
            .collect();
        m.sessions = dataset
            .sessions
            .par_iter()
            .with_min_len(256)
            .map(|s| m.measure_session(s))
            .collect();
        m.conferences = dataset
            .conferences
            .iter()
            .map(|c| conference_measure(index, &m.spec, c))
            .collect();
        m.instruments = dataset
            .instruments
            .iter()
            .map(|i| instrument_measure(index, &m.spec, i))
            .collect();
        m
    }

    /// The layout measured.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The index the records are looked up in.
    pub(crate) fn index(&self) -> &'i Index<'a> {
        self.index
    }

    /// The layout's sizes.
    pub(crate) fn spec(&self) -> &Spec {
        &self.spec
    }

    /// The widths the sessions are set in.
    pub(crate) fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// Lines of the footer paragraph of the dataset release.
    pub(crate) fn release_lines(&self) -> usize {
        self.release_lines
    }

    /// Lines of a recommendation's item.
    pub(crate) fn item(&self, r: &'a Recommendation) -> usize {
        match self.taken(&self.index.dataset().recommendations, &self.items, r) {
            Some(lines) => *lines,
            None => self.measure_item(r),
        }
    }

    /// `f` of a session's measure.
    pub(crate) fn session<T>(&self, s: &'a Session, f: impl FnOnce(&SessionMeasure) -> T) -> T {
        match self.taken(&self.index.dataset().sessions, &self.sessions, s) {
            Some(m) => f(m),
            None => f(&self.measure_session(s)),
        }
    }

    /// `f` of a conference's measure.
    pub(crate) fn conference<T>(
        &self,
        c: &'a Conference,
        f: impl FnOnce(&ConferenceMeasure) -> T,
    ) -> T {
        match self.taken(&self.index.dataset().conferences, &self.conferences, c) {
            Some(m) => f(m),
            None => f(&conference_measure(self.index, &self.spec, c)),
        }
    }

    /// Appends an instrument's pieces in the list of instruments to `out`.
    pub(crate) fn instrument(&self, i: &'a Instrument, out: &mut Vec<Piece>) {
        match self.taken(&self.index.dataset().instruments, &self.instruments, i) {
            Some(pieces) => out.extend_from_slice(pieces),
            None => instrument_pieces(&InstrumentLine::build(self.index, i), &self.spec, out),
        }
    }

    /// The measure of `record` taken ahead, when it was: `record` is one of `records` and
    /// `taken` holds a measure for each of them.
    fn taken<'t, T, M>(&self, records: &[T], taken: &'t [M], record: &T) -> Option<&'t M> {
        taken.get(position(records, record)?)
    }

    fn measure_item(&self, r: &Recommendation) -> usize {
        // the pillars as the brief shows them
        let pillars = view::pillars_of(self.index, &r.pillars).map(|(_, p)| p.name.as_str());
        item_lines(&r.text, pillars, &self.spec, &self.geometry, &self.body)
    }

    fn measure_session(&self, s: &Session) -> SessionMeasure {
        let people = people_text(
            &view::people_in_role(self.index, s, "moderator"),
            &view::people_in_role(self.index, s, "rapporteur"),
        );
        SessionMeasure {
            heading_lines: text_lines(
                &s.heading,
                Font::bold(self.spec.head_pt),
                self.geometry.col_w,
            ),
            people: metrics::pieces(&people, meta_font(&self.spec), self.geometry.col_w),
        }
    }
}

/// The position of `item` in `items`, when it is one of them.
fn position<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).checked_sub(items.as_ptr() as usize)?;
    let i = offset / size;
    items.get(i).filter(|x| std::ptr::eq(*x, item)).map(|_| i)
}

/// Lines of one item: its text, then the labels of its pillars (named in order) kept together
/// after a space. Nothing is allocated.
fn item_lines<'p>(
    text: &str,
    pillars: impl Iterator<Item = &'p str>,
    spec: &Spec,
    geometry: &Geometry,
    body: &Measure,
) -> usize {
    let font = Font::regular(spec.body_pt);
    // the labels keep together, after a space (the first without its margin)
    let mut n = 0_usize;
    let tags: f64 = pillars
        .inspect(|_| n += 1)
        .map(|p| tag_mm(p, spec))
        .sum::<f64>()
        - spec.tag.margin_mm
        + font.width_mm(" ") * n.saturating_sub(1) as f64;
    let mut lines = Lines::new(geometry.item_w);
    lines.measured_text(text, body);
    // as `Para::boxed` sets it
    lines.push(Piece::new(font.width_mm(" "), tags));
    lines.count()
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

fn conference_measure<'a>(index: &Index<'a>, spec: &Spec, c: &'a Conference) -> ConferenceMeasure {
    let head = ConferenceHead::build(index, c);
    ConferenceMeasure {
        masthead_mm: conference_mm(&head, spec),
        source_lines: head.source.map(|s| source_lines(s, spec)),
        origin: head.origin,
    }
}

/// A conference's part of the masthead (title, details, key figures), the same in every
/// layout and every brief.
fn conference_mm(head: &ConferenceHead<'_>, spec: &Spec) -> f64 {
    let p = &spec.panel;
    let w = spec.page.text_width_mm();
    let c = head.conference;
    let n = head.figures.len() as f64;
    let figures_w = if n > 0.0 {
        n * p.figure_mm + (n - 1.0) * p.figure_gap_mm + p.figures_gap_mm
    } else {
        0.0
    };
    let what_w = w - p.rule_mm - 2.0 * p.padding_side_mm - figures_w;
    let line = format!(
        "{} {} conference · {}, {} · {}",
        head.ordinal, c.series, c.city, c.venue, head.dates
    );
    let title_lines = text_lines(&c.title, Font::bold(p.title_pt), what_w);
    let line_lines = text_lines(&line, Font::regular(p.details_pt), what_w);
    let what = lines_mm(title_lines, p.title_pt, p.title_leading)
        + lines_mm(line_lines, p.details_pt, p.details_leading);
    let small = Font::regular(p.figure_pt);
    let figures = head
        .figures
        .iter()
        .map(|f| {
            let q = text_lines(&f.before, small, p.figure_mm).max(1);
            let a = text_lines(&f.after, small, p.figure_mm);
            lines_mm(q + a, p.figure_pt, p.figure_leading)
                + lines_mm(1, p.number_pt, p.number_leading)
        })
        .fold(0.0, f64::max);
    p.gap_mm + 2.0 * p.padding_mm + what.max(figures)
}

/// Lines of the footer paragraph of a conference's report.
fn source_lines(s: &Source, spec: &Spec) -> usize {
    Para::new(spec.page.text_width_mm())
        .text("Source", colophon_key_font(spec))
        .text(
            &format!("{}. {}", s.title, s.attribution),
            colophon_font(spec),
        )
        .lines()
}

/// Lines of the footer paragraph of the dataset release.
fn release_lines(r: &Release, spec: &Spec) -> usize {
    Para::new(spec.page.text_width_mm())
        .text("Dataset", colophon_key_font(spec))
        .text(
            &format!(
                "{}, version {} of {}. Generated by {}.",
                r.title,
                r.version,
                alliance_core::dates::long_date(&r.date),
                crate::generator()
            ),
            colophon_font(spec),
        )
        .lines()
}

fn instrument_measure<'a>(index: &Index<'a>, spec: &Spec, i: &'a Instrument) -> Vec<Piece> {
    let mut pieces = Vec::new();
    instrument_pieces(&InstrumentLine::build(index, i), spec, &mut pieces);
    pieces
}

/// The pieces of one instrument in the list: short form, name, details.
fn instrument_pieces(line: &InstrumentLine<'_>, spec: &Spec, out: &mut Vec<Piece>) {
    let w = instruments_width_mm(spec);
    let size = spec.instruments.size_pt;
    if let Some(short) = line.short {
        metrics::push_pieces(short, Font::bold(size), w, out);
    }
    metrics::push_pieces(&line.instrument.name, Font::regular(size), w, out);
    if let Some(detail) = &line.detail {
        metrics::push_pieces(&format!("({detail})"), Font::regular(size), w, out);
    }
}
