//! alliance-brief: one printable A4 page per theme of an Alliance dataset, and an index of them.
//!
//! `alliance-brief [PATH] --out DIR [--theme ID]... [--pdf]` loads and checks the dataset,
//! measures every brief, and only when every one fits renders and writes `DIR/<theme-id>.html`
//! and then `DIR/index.html` (Askama templates in `templates/`), all staged and put in place
//! at once ([`alliance_cli::staged`]): into a new or empty `DIR` with one rename of a folder
//! beside it; into a `DIR` that has files, page by page under a journal that the next run
//! completes if this one is killed, other files left alone. With `--pdf` each brief is also
//! printed to `DIR/<theme-id>.pdf` with headless Chromium ([`pdf`]).
//!
//! What a brief shows, its layouts and the one-page estimate live in [`alliance_layout`], which
//! alliance-lint uses too; this crate has the templates (`templates/`), rendering, writing and
//! printing. One page is a guarantee: [`fit::estimate`] measures each brief from its text
//! sizes, the renderer takes the most generous [`Layout`] that fits, and a theme that fits none
//! is refused with its name and how much it is over. [`estimate_fills`] (every theme) and
//! [`estimate_fill`] (one) are the same measure for the lint rule that warns about oversize
//! themes; they and [`fit`] are re-exported from [`alliance_layout`].
//!
//! # Scale
//!
//! The dataset is indexed once ([`alliance_core::Index`]), so a brief costs only its own items
//! whatever the size of the dataset; briefs are measured, rendered and written on every core
//! (rayon), each page as soon as it is rendered (none waits in memory), and the pages are the
//! same bytes in the same order as on one core. A million recommendations make about 240,000
//! briefs: writing that many files is most of the time a run takes, and pages are therefore not
//! synced one by one ([`run`]).
//!
//! ```
//! use std::path::Path;
//!
//! let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
//! let dataset = alliance_core::load(&root).expect("the dataset folder exists").dataset;
//! let fill = alliance_brief::estimate_fill(&dataset, "criminal-justice");
//! assert!(fill > 0.3 && fill < 1.0);
//! let pages = alliance_brief::render(&dataset, &[]).expect("every theme fits");
//! assert_eq!(pages.last().map(|p| p.file_name.as_str()), Some("index.html"));
//! ```

#![deny(missing_docs)]

pub mod pdf;
mod templates;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_cli::output::{exit, report_load_diagnostics};
use alliance_core::model::Term;
use alliance_core::{Dataset, Index};
use alliance_layout::view::ConferenceHead;
use alliance_layout::{Measures, Outline, ThemeBrief};
use askama::Template;
use clap::Parser;
use rayon::prelude::*;

pub use alliance_layout::{Layout, estimate_fill, estimate_fills, fit, generator};

use templates::{BriefPage, IndexPage, IndexRow, PageInfo};

/// Themes per unit of work on a core: small enough to balance the cores, large enough that
/// taking the next unit costs nothing.
const CHUNK: usize = 64;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-brief",
    version,
    about = "Render one-page briefs per theme of an Alliance dataset"
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Render only this theme (repeatable).
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Also print each brief to PDF with Chromium.
    #[arg(long)]
    pub pdf: bool,
    /// No progress bar (there is none anyway when stderr is not a terminal).
    #[arg(long, short)]
    pub quiet: bool,
}

/// A rendered page, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// File name in the output folder: `<theme-id>.html` or `index.html`.
    pub file_name: String,
    /// The theme, for a brief; `None` for the index.
    pub theme: Option<String>,
    /// The layout chosen, for a brief.
    pub layout: Option<Layout>,
    /// The HTML.
    pub html: String,
}

/// A theme whose brief cannot fit one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Oversize {
    /// Theme id.
    pub theme: String,
    /// Theme name.
    pub name: String,
    /// How many recommendations, findings and conclusions it has.
    pub items: usize,
    /// The page share it needs at the densest layout ([`estimate_fill`]).
    pub fill: f64,
}

/// Why the briefs could not be rendered.
#[derive(Debug)]
pub enum Error {
    /// `--theme` named themes the dataset does not have.
    UnknownThemes {
        /// The unknown ids.
        unknown: Vec<String>,
        /// Every theme id of the dataset.
        known: Vec<String>,
    },
    /// Themes whose briefs cannot fit one A4 page even in the densest layout.
    Oversize(Vec<Oversize>),
    /// A theme id that cannot be a file name next to the index (`index`, or not kebab-case).
    BadThemeId(String),
    /// A template failed to render.
    Template(askama::Error),
}

impl Error {
    /// The exit code this error calls for: 2 for bad arguments or a failure of the tool, 1 for
    /// a dataset that cannot be briefed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::UnknownThemes { .. } | Error::Template(_) => exit::FAILURE,
            Error::Oversize(_) | Error::BadThemeId(_) => exit::FINDINGS,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownThemes { unknown, known } => {
                let s = if unknown.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "unknown theme{s} {}; the known themes are: {}",
                    quoted(unknown),
                    known.join(", ")
                )
            }
            Error::Oversize(themes) => {
                for (i, o) in themes.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "theme `{}` ({}) does not fit one A4 page: its {} items need about {:.0}% \
                         of a page even in the densest layout ({:.0}% over); move some to \
                         another theme or split the theme",
                        o.theme,
                        o.name,
                        o.items,
                        o.fill * 100.0,
                        (o.fill - 1.0) * 100.0
                    )?;
                }
                Ok(())
            }
            Error::BadThemeId(id) => write!(
                f,
                "theme id `{id}` cannot name a brief file (it must be kebab-case and not `index`)"
            ),
            Error::Template(e) => write!(f, "cannot render a brief: {e}"),
        }
    }
}

impl std::error::Error for Error {}

fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Renders the briefs of `themes` (every theme when empty, in the dataset's order) and the
/// index, in memory: briefs first, `index.html` last. Nothing is written.
///
/// The dataset is indexed once, so each brief costs only its own items; briefs are measured
/// and rendered on every core, and the pages come out in the same order, with the same bytes,
/// as on one.
pub fn render(dataset: &Dataset, themes: &[String]) -> Result<Vec<Page>, Error> {
    let index = Index::new(dataset);
    let briefs = plan(&index, themes)?;
    let chunks: Vec<Result<Vec<Page>, Error>> = briefs
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut scratch = String::new();
            chunk
                .iter()
                .map(|(brief, layout)| brief_page(dataset, brief, *layout, &mut scratch))
                .collect()
        })
        .collect();
    let mut pages = Vec::with_capacity(briefs.len() + 1);
    for chunk in chunks {
        pages.extend(chunk?);
    }
    pages.push(index_page(&index, &briefs)?);
    Ok(pages)
}

/// The briefs of the selected themes with the layout each takes, checked: every theme id can
/// name a file and every brief fits one page. Measured on every core.
fn plan<'a>(
    index: &Index<'a>,
    requested: &[String],
) -> Result<Vec<(ThemeBrief<'a>, Layout)>, Error> {
    let selected = select(index.dataset(), requested)?;
    // each brief measures its own records in each layout it tries (most fit the first), not
    // every record of the dataset in every layout
    let measures = Layout::ALL.map(|layout| Measures::new(index, layout));
    let measured: Vec<_> = selected
        .par_iter()
        .with_min_len(CHUNK)
        .map(|&theme| {
            let outline = Outline::build(index, theme);
            let layout = fit::choose(&outline, &measures);
            (ThemeBrief::build(index, outline), layout)
        })
        .collect();

    let mut oversize = Vec::new();
    let mut briefs = Vec::with_capacity(selected.len());
    for (brief, layout) in measured {
        let id = &brief.theme.id;
        if id == "index" || !alliance_core::load::is_well_formed_id(id) {
            return Err(Error::BadThemeId(id.clone()));
        }
        match layout {
            Ok((layout, _)) => briefs.push((brief, layout)),
            Err(fill) => oversize.push(Oversize {
                theme: id.clone(),
                name: brief.theme.name.clone(),
                items: brief.item_count,
                fill,
            }),
        }
    }
    if !oversize.is_empty() {
        return Err(Error::Oversize(oversize));
    }
    Ok(briefs)
}

/// One theme's brief in a given layout, whether or not it fits; `None` for an unknown theme.
/// For calibrating the estimate against real prints.
pub fn render_brief(
    dataset: &Dataset,
    theme_id: &str,
    layout: Layout,
) -> Option<Result<String, Error>> {
    let index = Index::new(dataset);
    let outline = Outline::build(&index, index.theme(theme_id)?);
    let brief = ThemeBrief::build(&index, outline);
    Some(render_brief_page(
        dataset,
        &brief,
        layout,
        &mut String::new(),
    ))
}

/// A brief's page; `scratch` is reused between pages, so that a page costs one allocation.
fn brief_page(
    dataset: &Dataset,
    brief: &ThemeBrief<'_>,
    layout: Layout,
    scratch: &mut String,
) -> Result<Page, Error> {
    Ok(Page {
        file_name: format!("{}.html", brief.theme.id),
        theme: Some(brief.theme.id.clone()),
        layout: Some(layout),
        html: render_brief_page(dataset, brief, layout, scratch)?,
    })
}

fn render_brief_page(
    dataset: &Dataset,
    brief: &ThemeBrief<'_>,
    layout: Layout,
    scratch: &mut String,
) -> Result<String, Error> {
    let page = PageInfo {
        release: &dataset.release,
        generator: generator(),
        sources: brief.conferences.iter().filter_map(|c| c.source).collect(),
    };
    scratch.clear();
    BriefPage {
        brief,
        layout,
        spec: layout.spec(),
        page: &page,
    }
    .render_into(scratch)
    .map_err(Error::Template)?;
    Ok(finish(scratch))
}

fn index_page<'a>(index: &Index<'a>, briefs: &[(ThemeBrief<'a>, Layout)]) -> Result<Page, Error> {
    let dataset = index.dataset();
    let conferences: Vec<ConferenceHead<'_>> = dataset
        .conferences
        .iter()
        .map(|c| ConferenceHead::build(index, c))
        .collect();
    let page = PageInfo {
        release: &dataset.release,
        generator: generator(),
        sources: conferences.iter().filter_map(|c| c.source).collect(),
    };
    let html = IndexPage {
        conferences: &conferences,
        rows: briefs.iter().map(|(brief, _)| IndexRow { brief }).collect(),
        spec: Layout::Normal.spec(),
        page: &page,
    }
    .render()
    .map(|html| finish(&html))
    .map_err(Error::Template)?;
    Ok(Page {
        file_name: "index.html".to_owned(),
        theme: None,
        layout: None,
        html,
    })
}

/// A final newline, and no trailing spaces, so pages diff cleanly.
fn finish(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 1);
    for line in html.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// The themes to render, in the dataset's order; every theme when `requested` is empty.
fn select<'a>(dataset: &'a Dataset, requested: &[String]) -> Result<Vec<&'a Term>, Error> {
    let mut unknown: Vec<String> = requested
        .iter()
        .filter(|id| !dataset.themes.iter().any(|t| t.id == **id))
        .cloned()
        .collect();
    unknown.dedup();
    if !unknown.is_empty() {
        let known = dataset.themes.iter().map(|t| t.id.clone()).collect();
        return Err(Error::UnknownThemes { unknown, known });
    }
    Ok(dataset
        .themes
        .iter()
        .filter(|t| requested.is_empty() || requested.contains(&t.id))
        .collect())
}

/// Runs the brief renderer: load, check, measure every brief, and when all fit, render and
/// write each page (briefs on every core, then the index), staged and put in place at once
/// ([`alliance_cli::staged`]): into a new or empty output folder the whole set appears with one
/// rename; into one with files, the pages replace their old versions and other files are left
/// alone.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let status = alliance_cli::output::Status::new(args.quiet);
    let loaded = status.load(&args.path)?;
    if let Some(code) = status.suspend(|| report_load_diagnostics(&loaded))? {
        return Ok(code);
    }
    let chromium = if args.pdf {
        Some(pdf::find_chromium().map_err(anyhow::Error::new)?)
    } else {
        None
    };
    let dataset = &loaded.dataset;
    status.phase("measuring briefs");
    let index = Index::new(dataset);
    let briefs = match plan(&index, &args.themes) {
        Ok(briefs) => briefs,
        Err(err) => {
            status.finish();
            for line in err.to_string().lines() {
                alliance_cli::errln!("alliance-brief: error: {line}")?;
            }
            return Ok(exit::code(err.exit_code()));
        }
    };

    // every brief fits: each is rendered and written at once, on every core, so that no page
    // waits in memory; the index goes last
    status.phase("rendering briefs");
    alliance_cli::staged::refuse_overlap(&args.path, &args.out)?;
    // pages are not synced one by one: a run writes a page per theme, and syncing each costs
    // the disk's time per page (a crash of the machine right after a run may leave pages
    // empty; run again)
    let target = alliance_cli::Staging::new(&args.out, false)?;
    let write = |page: &Page| target.write(Path::new(&page.file_name), page.html.as_bytes());
    let (index_html, written) = rayon::join(
        // the index, one long page, is made meanwhile
        || index_page(&index, &briefs),
        || {
            // the first failure in the briefs' order: every chunk before it has been written
            briefs
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut scratch = String::new();
                    for (brief, layout) in chunk {
                        write(&brief_page(dataset, brief, *layout, &mut scratch)?)?;
                    }
                    anyhow::Ok(())
                })
                .find_first(Result::is_err)
                .unwrap_or(Ok(()))
        },
    );
    written.and_then(|()| write(&index_html?))?;
    target.commit()?;
    status.finish();

    if let Some(chromium) = chromium {
        for (brief, _) in &briefs {
            let html = args.out.join(format!("{}.html", brief.theme.id));
            let pdf = html.with_extension("pdf");
            match pdf::print(&chromium, &html, &pdf) {
                Ok(_) => {}
                Err(err @ pdf::PrintError::TooManyPages { .. }) => {
                    alliance_cli::errln!("alliance-brief: error: {err}")?;
                    return Ok(exit::code(exit::FINDINGS));
                }
                Err(err) => return Err(anyhow::Error::new(err)),
            }
        }
    }
    Ok(exit::code(exit::SUCCESS))
}
