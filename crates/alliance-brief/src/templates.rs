//! The Askama templates (in `templates/`): a brief per theme and the index page. Every value
//! printed is escaped as HTML; no template marks data as safe.

use alliance_core::model::{Release, Source};
use askama::Template;

use alliance_layout::view::{ConferenceHead, ThemeBrief};
use alliance_layout::{Layout, Spec};

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

/// A row of the index.
pub(crate) struct IndexRow<'a> {
    pub(crate) brief: &'a ThemeBrief<'a>,
}

/// The index of the briefs.
#[derive(Template)]
#[template(path = "index.html")]
pub(crate) struct IndexPage<'a> {
    pub(crate) conferences: &'a [ConferenceHead<'a>],
    pub(crate) rows: Vec<IndexRow<'a>>,
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
