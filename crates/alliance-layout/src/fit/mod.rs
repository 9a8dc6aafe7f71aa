//! Will a brief fit one A4 page? The layouts a brief can take ([`layout`]), and an estimate
//! from text sizes of how much of the page each needs ([`Estimate`]). The estimate is what
//! chooses the layout, what refuses a theme that cannot fit, and what the lint rule for
//! oversize themes calls.
//!
//! There is one estimator: [`Estimate::of`] adds up the measurements ([`Measures`]) of the
//! records a brief's [`Outline`] shows. [`estimate_fills`] measures every record of the
//! dataset once, since many briefs share them; a single brief ([`estimate_fill`],
//! [`choose_layout`], the renderer) has its records measured as it asks for them.

mod estimate;
pub mod layout;
mod measures;
pub mod spec;

use alliance_core::model::Term;
use alliance_core::{Dataset, Index};
use rayon::prelude::*;

pub use estimate::Estimate;
pub use layout::Layout;
pub use measures::Measures;
pub use spec::Spec;

use crate::outline::Outline;

/// The share of one A4 page that a theme's briefs need at the densest readable layout
/// ([`Layout::Dense`]: two columns of 8.5 pt text): the largest of its briefs, one per
/// conference it has items in (what `alliance-brief` writes by default); above `1.0` one of
/// them cannot fit on one page whatever the layout, and `alliance-brief` refuses the theme. An
/// unknown theme, or one without items, needs nothing (`0.0`). Pure: it reads only the
/// dataset, never a font file or a browser.
///
/// # How it measures
///
/// Every block of the brief is set as the stylesheet sets it (the sizes come from the same
/// [`Spec`]): the text of each recommendation, heading, session line, instrument list and
/// footer paragraph is broken into lines greedily, word by word, with the advance widths of
/// Liberation Sans (metric-compatible with Arial, which the stylesheet asks for first), breaking
/// at spaces and after hyphens; pillar labels are unbreakable boxes. A word wider than its
/// line (a long URL) is broken between characters, as the stylesheet's `overflow-wrap:
/// anywhere` has Chromium break it: it begins a line and fills as many as it needs. The eyebrow
/// is one line unless the line naming the report ([`view::Provenance`](crate::view::Provenance))
/// overflows it, when it wraps beside the link in the width the row leaves it. Lines times line
/// height plus the stylesheet's fixed spacing gives each block's height. Two columns are
/// balanced as Chromium balances them with every item kept in one column (`break-inside:
/// avoid`): the blocks a column may not break inside (an item; a session's heading and line, or
/// a run's label, with its first item) fill the columns one after the other, and the columns
/// are the least height that holds them all, the margin at the head of the second dropped,
/// plus an item's gap (Chromium's balance was found that much over the least). The sum plus a
/// 3 mm safety margin, divided by the 271 mm the page leaves for content, is the fill.
///
/// # Calibration
///
/// Measured with `cargo run -p alliance-brief --example calibrate -- data OUT --grow 12,...,17`
/// against Chromium 156 (headless, `--print-to-pdf`, Debian 12, Liberation Sans 2.1): the 13
/// real themes and six made-up themes of 12 to 17 recommendations spread over the sessions,
/// each in all four layouts (84 briefs). For each, the height the content really takes was
/// measured in Chromium and the brief printed to PDF and its pages counted.
///
/// - The estimate never fell below the measurement: it was 0.011 to 0.039 of a page above it
///   (3 to 11 mm). One-column layouts agree to 0.2 mm per block, or are one line over where
///   kerning lets Chromium fit a line the estimate wraps; balanced columns agree to 0.2 to
///   0.9 mm, or are a line over likewise (4.8 mm).
/// - Chromium printed one page up to a measured 0.999 (270.7 mm) and two from 1.021 (276.7 mm).
///   No brief with an estimate at or under 1.0 printed on two pages.
/// - Where it breaks, in the densest layout: 13 made-up recommendations (2,157 characters)
///   estimate 0.997 and print on one page; 14 (2,310 characters, 6 sessions) estimate 1.007
///   and are refused, though they measure 0.993 (the price of the margin); 15 (2,407
///   characters) measure 1.026 and print on two pages. Roughly: about 13 recommendations of
///   average length.
/// - The real data: 9 themes take the normal layout, 3 the compact one, and
///   `legal-and-policy-frameworks` (12 items, 2,384 characters, 5 sessions, 5 instruments) the
///   dense one, at 0.955 (measured 0.943); every one prints on exactly one page.
///
/// Over-long words, the same way (52 briefs): a copy of the data with a 274-character URL in
/// an item, an organization's name under a moderator, the organizer's abbreviation in the
/// eyebrow, a theme's name and another's description, a conference's title, a key figure, an
/// instrument's name and a report's title. The estimate never fell below the measurement; in
/// one column every block but one agreed to 0.1 mm (a description a line over, as above). No
/// brief with an estimate at or under 1.0 printed on two pages. (Measured again for the
/// eyebrow's line naming the report, which now holds the organizer's abbreviation: its
/// masthead within 0.1 mm, its colophon too.)
///
/// With another font than Arial or Liberation Sans (say DejaVu Sans, about 10% wider) the
/// estimate is optimistic; CI prints every brief and counts its pages to catch that.
///
/// # Cost
///
/// One theme: the dataset is indexed ([`Index`]), then the theme's own records measured. For
/// every theme use [`estimate_fills`], which indexes and measures the dataset once.
pub fn estimate_fill(dataset: &Dataset, theme_id: &str) -> f64 {
    let index = Index::new(dataset);
    let Some(theme) = index.theme(theme_id) else {
        return 0.0;
    };
    theme_fill(&index, theme, &Measures::new(&index, Layout::DENSEST))
}

/// The largest fill of a theme's briefs, one per conference it has items in (what
/// alliance-brief writes by default); `0.0` for a theme without items.
fn theme_fill<'a>(index: &Index<'a>, theme: &'a Term, measures: &Measures<'_, 'a>) -> f64 {
    fullest(index, theme, measures).fill
}

/// A theme's fullest brief among those of each conference it has items in.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFill {
    /// The theme's id.
    pub theme: String,
    /// The conference whose brief it is; `None` for a theme without items.
    pub conference: Option<String>,
    /// The share of one A4 page that brief needs ([`estimate_fill`]).
    pub fill: f64,
}

fn fullest<'a>(index: &Index<'a>, theme: &'a Term, measures: &Measures<'_, 'a>) -> ThemeFill {
    let mut out = ThemeFill {
        theme: theme.id.clone(),
        conference: None,
        fill: 0.0,
    };
    for c in Outline::conferences_of(index, &theme.id) {
        let fill = Estimate::of(&Outline::in_conference(index, theme, c), measures).fill();
        if out.conference.is_none() || fill > out.fill {
            out.conference = Some(c.id.clone());
            out.fill = fill;
        }
    }
    out
}

/// [`estimate_fill`] of every theme, in the dataset's order: `(theme id, fill)`. The dataset is
/// indexed once, so each theme costs only its own recommendations, and the themes are measured
/// on every core (rayon's, so that it may be called from a parallel iterator); the result is
/// the same as calling [`estimate_fill`] on each.
///
/// What many briefs share is measured once ([`Measures::of_dataset`]): each recommendation's
/// item, each session's heading and people, each conference's masthead block and footer
/// paragraph, each instrument; each theme's [`Estimate::of`] then adds up its records'
/// measurements.
pub fn estimate_fills(dataset: &Dataset) -> Vec<(String, f64)> {
    estimate_fills_indexed(&Index::new(dataset))
        .into_iter()
        .map(|f| (f.theme, f.fill))
        .collect()
}

/// [`estimate_fills`] over an [`Index`] the caller has already built (lint has one), with the
/// conference of each theme's fullest brief.
pub fn estimate_fills_indexed(index: &Index<'_>) -> Vec<ThemeFill> {
    let dataset = index.dataset();
    let measures = Measures::of_dataset(index, Layout::DENSEST);
    dataset
        .themes
        .par_iter()
        .with_min_len(64)
        .map(|theme| fullest(index, theme, &measures))
        .collect()
}

/// The share of one A4 page a theme's brief over the whole dataset ([`Outline::build`], as
/// calibrated) needs in a given layout (see [`estimate_fill`]); `0.0` for an unknown theme.
pub fn estimate(dataset: &Dataset, theme_id: &str, layout: Layout) -> f64 {
    estimate_parts(dataset, theme_id, layout).map_or(0.0, |e| e.fill())
}

/// The estimate block by block, for calibration; `None` for an unknown theme.
pub fn estimate_parts(dataset: &Dataset, theme_id: &str, layout: Layout) -> Option<Estimate> {
    let index = Index::new(dataset);
    let outline = Outline::build(&index, index.theme(theme_id)?);
    Some(Estimate::of(&outline, &Measures::new(&index, layout)))
}

/// The first layout whose estimate fits one page, with its estimate; `None` when none does
/// (or the theme is unknown).
pub fn choose_layout(dataset: &Dataset, theme_id: &str) -> Option<(Layout, f64)> {
    let index = Index::new(dataset);
    let outline = Outline::build(&index, index.theme(theme_id)?);
    choose(&outline, &Layout::ALL.map(|l| Measures::new(&index, l))).ok()
}

/// The first of `measures`' layouts whose estimate of the brief fits one page, with its fill;
/// when none does, the fill in the last of them (the densest, given [`Layout::ALL`]).
pub fn choose<'a>(
    outline: &Outline<'a>,
    measures: &[Measures<'_, 'a>],
) -> Result<(Layout, f64), f64> {
    let mut fill = 0.0;
    for m in measures {
        fill = Estimate::of(outline, m).fill();
        if fill <= 1.0 {
            return Ok((m.layout(), fill));
        }
    }
    Err(fill)
}

/// The height the page leaves for a brief's content, mm.
pub fn text_height_mm() -> f64 {
    layout::TEXT_HEIGHT_MM
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Font;

    fn real_data() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        alliance_core::load(&root).expect("loads").dataset
    }

    /// The records measured once for every theme are found again by each theme: the fills
    /// are those of each theme measured alone.
    fn check(dataset: &Dataset) {
        let fills = estimate_fills(dataset);
        let ids: Vec<&str> = fills.iter().map(|(id, _)| id.as_str()).collect();
        let themes: Vec<&str> = dataset.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, themes);
        for (id, fill) in &fills {
            assert_eq!(fill.to_bits(), estimate_fill(dataset, id).to_bits(), "{id}");
        }
    }

    #[test]
    fn every_theme_at_once_or_one_by_one() {
        check(&real_data());
        assert!(estimate_fills(&Dataset::default()).is_empty());
    }

    #[test]
    fn every_theme_at_once_or_one_by_one_in_odd_data() {
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
        // words wider than any line, in an item, in the organizations people are with and in
        // the organizers of conferences
        ds.recommendations[3]
            .text
            .push_str(&format!(" See {}.", long_url()));
        for (i, o) in ds.organizations.iter_mut().enumerate() {
            let long = format!("{}-{}", o.id, long_url());
            if i % 2 == 0 {
                o.abbreviation = None;
                o.name = long;
            } else {
                o.abbreviation = Some(long);
            }
        }
        check(&ds);
    }

    /// A 274-character URL: `https://example.org/` and 254 letters.
    fn long_url() -> String {
        let letters: String = (0..254)
            .map(|i| char::from(b'a' + (i * 11 % 26) as u8))
            .collect();
        format!("https://example.org/{letters}")
    }

    /// Asserts that `grown` millimetres are a whole number of lines of `font` at `leading`, as
    /// many as `text` is wide over `line_mm`, give or take one (the line it begins after, the
    /// line it ends on).
    fn grew_by_the_lines_of(grown: f64, text: &str, font: Font, line_mm: f64, leading: f64) {
        let lines = grown / estimate::lines_mm(1, font.size_pt, leading);
        let wide = font.width_mm(text) / line_mm;
        assert!((lines - lines.round()).abs() < 1e-9, "{lines} lines");
        assert!(
            lines.round() >= wide.floor() - 1.0 && lines.round() <= wide.ceil() + 1.0,
            "{lines} more lines for a URL {wide} lines wide"
        );
        assert!(lines.round() >= 1.0);
    }

    #[test]
    fn a_long_url_in_printed_text_takes_the_lines_it_breaks_into() {
        let ds = real_data();
        let theme = "children-on-the-move";
        let before = estimate_parts(&ds, theme, Layout::Normal).expect("theme");
        let url = long_url();
        let spec = Layout::Normal.spec();

        // the organization of Panel 1's moderator: the line under the heading was one line, and
        // takes the URL's lines, less the part of the first it leaves, more or less one
        let mut long = real_data();
        let orf = long.organizations.iter_mut().find(|o| o.id == "orf");
        orf.expect("ORF").name.clone_from(&url);
        let after = estimate_parts(&long, theme, Layout::Normal).expect("theme");
        grew_by_the_lines_of(
            after.body_mm - before.body_mm,
            &url,
            Font::regular(spec.meta_pt),
            spec.page.text_width_mm(),
            spec.body.meta_leading,
        );
        assert_eq!(after.masthead_mm, before.masthead_mm);
        assert_eq!(after.footer_mm, before.footer_mm);
        check(&long);

        // the organizer of the conference, in the eyebrow's line naming the report ("From the
        // ... report: ..."): one line, it takes the lines of that line beside the link
        let mut long = real_data();
        let mut organizer = long.organizations[0].clone();
        organizer.id = "long".to_owned();
        organizer.abbreviation = Some(url.clone());
        organizer.parent = None;
        long.organizations.push(organizer);
        for c in &mut long.conferences {
            c.organizer = Some("long".to_owned());
        }
        let after = estimate_parts(&long, theme, Layout::Normal).expect("theme");
        let top = &spec.masthead;
        let link = Font::label(top.eyebrow_pt, top.eyebrow_tracking_em);
        let beside =
            spec.page.text_width_mm() - link.width_mm("Thematic brief") - top.eyebrow_gap_mm;
        let index = Index::new(&long);
        let from =
            crate::view::Provenance::of([&crate::view::Origin::of(&index, &long.conferences[0])])
                .from
                .expect("the conference has a report");
        assert!(
            from.starts_with(&format!("From the {url} report: ")),
            "{from}"
        );
        grew_by_the_lines_of(
            after.masthead_mm - before.masthead_mm,
            &from,
            Font::regular(top.eyebrow_pt),
            beside,
            top.eyebrow_leading,
        );
        assert_eq!(after.body_mm, before.body_mm);
        // and at once as one by one
        check(&long);
    }

    #[test]
    fn the_first_layout_that_fits_or_the_densest_fill() {
        let ds = real_data();
        let index = Index::new(&ds);
        let measures = Layout::ALL.map(|l| Measures::new(&index, l));
        for theme in &ds.themes {
            let outline = Outline::build(&index, theme);
            let fills = measures
                .each_ref()
                .map(|m| Estimate::of(&outline, m).fill());
            let first = Layout::ALL.into_iter().zip(fills).find(|(_, f)| *f <= 1.0);
            assert_eq!(choose(&outline, &measures).ok(), first, "{}", theme.id);
            assert_eq!(choose(&outline, &measures[3..]).is_ok(), fills[3] <= 1.0);
        }
        let outline = Outline::build(&index, &ds.themes[0]);
        assert_eq!(choose(&outline, &[]), Err(0.0));
    }
}
