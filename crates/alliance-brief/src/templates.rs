//! The Askama templates (in `templates/`): a brief per theme, the index of a conference's
//! briefs and the index of the output folder. Every value
//! printed is escaped as HTML; no template marks data as safe.

use alliance_core::Index;
use alliance_core::model::{Release, Source, Term};
use askama::Template;

use alliance_layout::view::{ConferenceHead, PillarCount, Provenance, ThemeBrief};
use alliance_layout::{Layout, Outline, Spec};

/// What every page prints in its head and footer.
#[derive(Debug)]
pub(crate) struct PageInfo<'a> {
    /// The dataset release (title, version, date).
    pub(crate) release: &'a Release,
    /// "alliance-brief 0.1".
    pub(crate) generator: String,
    /// The reports the page quotes.
    pub(crate) sources: Vec<&'a Source>,
    /// Where its words come from and who made it: the eyebrow's line naming the report, the
    /// colophon's paragraph about the page.
    pub(crate) provenance: Provenance,
}

/// One theme's brief.
#[derive(Template)]
#[template(path = "brief.html")]
pub(crate) struct BriefPage<'a> {
    pub(crate) brief: &'a ThemeBrief<'a>,
    pub(crate) layout: Layout,
    pub(crate) spec: Spec,
    pub(crate) page: &'a PageInfo<'a>,
}

/// A row of an index: a brief and what it quotes.
pub(crate) struct IndexRow<'a> {
    pub(crate) theme: &'a Term,
    pub(crate) label_summary: String,
    pub(crate) item_count: usize,
    pub(crate) session_count: usize,
    pub(crate) conference_count: usize,
    pub(crate) pillar_counts: Vec<PillarCount<'a>>,
}

impl<'a> IndexRow<'a> {
    /// The row of a brief with this outline.
    pub(crate) fn of(index: &Index<'a>, outline: &Outline<'a>) -> Self {
        IndexRow {
            theme: outline.theme,
            label_summary: outline.label_summary(),
            item_count: outline.entries.len(),
            session_count: outline.session_count(),
            conference_count: outline.conferences.len(),
            pillar_counts: outline.pillar_counts(index),
        }
    }
}

/// The index of a conference's briefs, `DIR/<conference-id>/index.html`.
#[derive(Template)]
#[template(path = "index.html")]
pub(crate) struct IndexPage<'a> {
    pub(crate) head: &'a ConferenceHead<'a>,
    pub(crate) rows: &'a [IndexRow<'a>],
    /// Whether the rows are briefs across conferences (never, here).
    pub(crate) across: bool,
    /// Whether the rows are set compact, one line each where they fit.
    pub(crate) compact: bool,
    pub(crate) spec: Spec,
    pub(crate) page: &'a PageInfo<'a>,
}

/// A conference in the index of conferences.
pub(crate) struct ConferenceRow<'a> {
    pub(crate) head: ConferenceHead<'a>,
    /// How many briefs its folder holds.
    pub(crate) briefs: usize,
    /// How many items they quote, each once.
    pub(crate) items: usize,
}

/// The index of the output folder, `DIR/index.html`: the conferences whose briefs the folder
/// holds, and the briefs across conferences it holds.
#[derive(Template)]
#[template(path = "conferences.html")]
pub(crate) struct ConferencesPage<'a> {
    pub(crate) conferences: &'a [ConferenceRow<'a>],
    pub(crate) rows: &'a [IndexRow<'a>],
    /// Whether the rows are briefs across conferences (always, here).
    pub(crate) across: bool,
    /// Whether the rows are set compact, one line each where they fit.
    pub(crate) compact: bool,
    pub(crate) spec: Spec,
    pub(crate) page: &'a PageInfo<'a>,
}

// `#[askama::filter_fn]` generates `pub` methods on a private struct.
#[allow(unreachable_pub)]
mod filters {
    //! Custom filters of the templates.

    /// An ISO 8601 date as people write it: "28 November 2026".
    #[askama::filter_fn]
    pub(super) fn long_date(date: &str, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(alliance_core::dates::long_date(date))
    }

    /// A size of the stylesheet as a stylesheet writes it by hand: without the zero before
    /// the point of a number under 1 (`.3`, `-.01`), otherwise as Rust writes it (`1.6`, `4`).
    #[askama::filter_fn]
    pub(super) fn css(value: &f64, _: &dyn askama::Values) -> askama::Result<String> {
        Ok(super::css_number(*value))
    }
}

/// `value` as the `css` filter prints it.
fn css_number(value: f64) -> String {
    let text = value.to_string();
    match text.strip_prefix("-0.") {
        Some(rest) => format!("-.{rest}"),
        None => match text.strip_prefix("0.") {
            Some(rest) => format!(".{rest}"),
            None => text,
        },
    }
}

#[cfg(test)]
mod tests {
    use alliance_layout::Layout;
    use alliance_layout::fit::spec::{
        Body, Colophon, Instruments, Masthead, Page, Panel, Spec, Tag,
    };
    use askama::Template;

    use super::{css_number, filters};

    /// The stylesheet alone, as every page includes it.
    #[derive(Template)]
    #[template(path = "_style.html")]
    struct Stylesheet {
        spec: Spec,
    }

    fn stylesheet(spec: Spec) -> String {
        Stylesheet { spec }
            .render()
            .expect("the stylesheet renders")
    }

    /// Pushes `(name, size)` for each field of a struct of sizes onto `$out`, destructuring
    /// it without `..`: a size added to [`Spec`] does not compile until it is listed here.
    macro_rules! sizes_of {
        ($out:ident, $group:literal, $place:expr, $ty:ident { $($field:ident),* $(,)? }
         $(, not $($skip:ident),*)?) => {
            let $ty { $(ref mut $field,)* $($($skip: _,)*)? } = $place;
            $($out.push((concat!($group, stringify!($field)), $field));)*
        };
    }

    /// Every number of `spec` that is a size (all but the columns and the page's name).
    fn sizes(spec: &mut Spec) -> Vec<(&'static str, &mut f64)> {
        let mut out = Vec::new();
        sizes_of! { out, "", *spec, Spec {
            title_pt, lead_pt, body_pt, leading, head_pt, meta_pt, item_gap_mm, group_gap_mm,
        }, not columns, page, masthead, panel, body, tag, instruments, colophon }
        sizes_of! { out, "page.", spec.page, Page {
            width_mm, height_mm, margin_top_mm, margin_side_mm, margin_bottom_mm,
            sheet_min_height_mm,
        }, not size }
        sizes_of! { out, "masthead.", spec.masthead, Masthead {
            rule_mm, padding_mm, eyebrow_pt, eyebrow_leading, eyebrow_tracking_em,
            eyebrow_gap_mm, title_gap_mm, title_leading, title_tracking_em, description_gap_mm,
            description_leading, gap_under_mm,
        } }
        sizes_of! { out, "panel.", spec.panel, Panel {
            gap_mm, padding_mm, padding_side_mm, rule_mm, figures_gap_mm, title_pt,
            title_leading, details_pt, details_leading, figure_mm, figure_gap_mm, figure_pt,
            figure_leading, number_pt, number_leading,
        } }
        sizes_of! { out, "body.", spec.body, Body {
            kicker_pt, kicker_leading, kicker_tracking_em, kicker_padding_mm, rule_mm,
            summary_gap_mm, summary_leading, groups_gap_mm, column_gap_mm, head_leading,
            meta_gap_mm, meta_leading, label_em, label_tracking_em, list_gap_mm,
            list_indent_mm, empty_gap_mm, part_gap_mm, part_padding_mm, part_leading,
        } }
        sizes_of! { out, "tag.", spec.tag, Tag {
            size_pt, tracking_em, margin_mm, padding_side_mm, border_mm,
        } }
        sizes_of! { out, "instruments.", spec.instruments, Instruments {
            gap_mm, padding_mm, padding_side_mm, size_pt, leading,
        } }
        sizes_of! { out, "colophon.", spec.colophon, Colophon {
            padding_mm, rule_mm, rule_padding_mm, rule_gap_mm, paragraph_gap_mm, size_pt,
            leading, key_tracking_em,
        } }
        out
    }

    /// A size no stylesheet has.
    const PROBE: f64 = 97.125;

    #[test]
    fn every_size_of_the_spec_is_printed_from_it_and_only_there() {
        for layout in Layout::ALL {
            let spec = layout.spec();
            let css = stylesheet(spec);
            assert!(!css.contains(&PROBE.to_string()));
            let count = sizes(&mut { spec }).len();
            for i in 0..count {
                let mut changed = spec;
                let (name, size) = sizes(&mut changed).swap_remove(i);
                let was = *size;
                *size = PROBE;
                let printed = stylesheet(changed);
                // the size is printed, at each place where the stylesheet had it
                assert_ne!(
                    printed, css,
                    "{layout:?}: `{name}` is not in the stylesheet"
                );
                let restored = [was.to_string(), css_number(was)]
                    .map(|text| printed.replace(&PROBE.to_string(), &text));
                assert!(
                    restored.contains(&css),
                    "{layout:?}: `{name}` ({was}) is printed as another number"
                );
            }
            let columns = stylesheet(Spec { columns: 9, ..spec });
            assert_eq!(
                columns.replace("--columns: 9;", &format!("--columns: {};", spec.columns)),
                css
            );
            let page = Page {
                size: "A5",
                ..spec.page
            };
            let named = stylesheet(Spec { page, ..spec });
            let size = format!("size: {};", spec.page.size);
            assert_eq!(named.replace("size: A5;", &size), css);
        }
    }

    #[test]
    fn sizes_under_one_print_without_their_zero() {
        assert_eq!(css_number(0.3), ".3");
        assert_eq!(css_number(-0.01), "-.01");
        assert_eq!(css_number(1.6), "1.6");
        assert_eq!(css_number(4.0), "4");
        assert_eq!(css_number(0.0), "0");
    }
}
