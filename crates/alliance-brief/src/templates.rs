//! The Askama templates (in `templates/`): a brief per theme, the index of a conference's
//! briefs and the index of the output folder. Every value
//! printed is escaped as HTML; no template marks data as safe.

use alliance_core::Index;
use alliance_core::model::{Release, Source, Term};
use askama::Template;

use alliance_layout::view::{ConferenceHead, PillarCount, ThemeBrief};
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
    pub(crate) organizers: &'a [String],
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
}
