//! alliance-layout: what a one-page theme brief shows, the layouts it can take, and the
//! estimate of how much of an A4 page it fills.
//!
//! alliance-brief renders the briefs from this content model and takes the first layout whose
//! estimate fits; alliance-lint's `oversized-theme` rule warns about a theme that fits none,
//! with the same estimate ([`estimate_fills`]). Neither of them depends on the other: both
//! depend on this crate, which depends only on alliance-core.
//!
//! - [`outline`]: a theme's records, grouped as the page sets them ([`Outline`]). Cheap to
//!   build (no text is formatted), it is what the estimate reads.
//! - [`view`]: the brief as the templates print it ([`ThemeBrief`]), built from an outline.
//! - [`fit`]: the layouts ([`Layout`]), their sizes ([`Spec`], the one place they are written:
//!   the estimate measures with them and alliance-brief's stylesheet prints them) and the
//!   estimate ([`Estimate`]), which adds up measurements of the records a brief shows
//!   ([`Measures`]).
//! - `metrics` (private): text widths with the font's advance widths and greedy line breaking.
//!
//! Records are looked up through [`alliance_core::Index`], built once per dataset, so that a
//! brief costs only its own items however large the dataset.
//!
//! ```
//! use std::path::Path;
//!
//! let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
//! let dataset = alliance_core::load(&root).expect("the dataset folder exists").dataset;
//! let fill = alliance_layout::estimate_fill(&dataset, "criminal-justice");
//! assert!(fill > 0.3 && fill < 1.0);
//! let fills = alliance_layout::estimate_fills(&dataset);
//! assert_eq!(fills.len(), dataset.themes.len());
//! ```

#![deny(missing_docs)]

pub mod fit;
mod metrics;
pub mod outline;
pub mod view;

pub use fit::{
    Estimate, Layout, Measures, Spec, ThemeFill, estimate_fill, estimate_fills,
    estimate_fills_indexed,
};
pub use outline::Outline;
pub use view::ThemeBrief;

/// "alliance-brief 0.1": the generator named in every page's footer, which the estimate
/// measures too. Both crates take the workspace's version, so this is alliance-brief's.
pub fn generator() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let major_minor: Vec<&str> = version.split('.').take(2).collect();
    format!("alliance-brief {}", major_minor.join("."))
}
