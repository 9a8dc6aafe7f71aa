//! alliance-brief: one printable A4 page per theme of an Alliance dataset, and an index of them.
//!
//! `alliance-brief [PATH] --out DIR [--theme ID]... [--pdf]` loads and checks the dataset, renders
//! every brief in memory (Askama templates in `templates/`), and only then writes
//! `DIR/<theme-id>.html` and `DIR/index.html`, each atomically. With `--pdf` each brief is also
//! printed to `DIR/<theme-id>.pdf` with headless Chromium ([`pdf`]).
//!
//! One page is a guarantee: [`fit::estimate`] measures each brief from its text sizes, the
//! renderer takes the most generous [`Layout`] that fits, and a theme that fits none is refused
//! with its name and how much it is over. [`estimate_fill`] is the same measure for the lint
//! rule that warns about oversize themes.
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

pub mod fit;
mod metrics;
pub mod pdf;
mod templates;
mod view;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use alliance_core::Dataset;
use alliance_core::output::{exit, report_load_diagnostics, write_atomic};
use anyhow::Context;
use askama::Template;
use clap::Parser;

pub use fit::{Layout, estimate_fill};

use templates::{BriefPage, IndexPage, IndexRow, PageInfo};
use view::{ConferenceHead, ThemeBrief};

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

/// "alliance-brief 0.1": the generator named in every page's footer.
pub fn generator() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let major_minor: Vec<&str> = version.split('.').take(2).collect();
    format!("alliance-brief {}", major_minor.join("."))
}

/// Renders the briefs of `themes` (every theme when empty, in the dataset's order) and the
/// index, in memory: briefs first, `index.html` last. Nothing is written.
pub fn render(dataset: &Dataset, themes: &[String]) -> Result<Vec<Page>, Error> {
    let selected = select(dataset, themes)?;
    let briefs: Vec<ThemeBrief<'_>> = selected
        .iter()
        .filter_map(|id| ThemeBrief::build(dataset, id))
        .collect();

    let mut oversize = Vec::new();
    let mut layouts = Vec::new();
    for brief in &briefs {
        let id = &brief.theme.id;
        if id == "index" || !alliance_core::load::is_well_formed_id(id) {
            return Err(Error::BadThemeId(id.clone()));
        }
        match fit::choose(brief) {
            Some((layout, _)) => layouts.push(layout),
            None => oversize.push(Oversize {
                theme: id.clone(),
                name: brief.theme.name.clone(),
                items: brief.item_count,
                fill: fit::Estimate::of(brief, Layout::DENSEST).fill(),
            }),
        }
    }
    if !oversize.is_empty() {
        return Err(Error::Oversize(oversize));
    }

    let mut pages = Vec::with_capacity(briefs.len() + 1);
    for (brief, layout) in briefs.iter().zip(layouts) {
        pages.push(Page {
            file_name: format!("{}.html", brief.theme.id),
            theme: Some(brief.theme.id.clone()),
            layout: Some(layout),
            html: render_brief_page(dataset, brief, layout)?,
        });
    }
    pages.push(Page {
        file_name: "index.html".to_owned(),
        theme: None,
        layout: None,
        html: render_index(dataset, &briefs)?,
    });
    Ok(pages)
}

/// One theme's brief in a given layout, whether or not it fits; `None` for an unknown theme.
/// For calibrating the estimate against real prints.
pub fn render_brief(
    dataset: &Dataset,
    theme_id: &str,
    layout: Layout,
) -> Option<Result<String, Error>> {
    let brief = ThemeBrief::build(dataset, theme_id)?;
    Some(render_brief_page(dataset, &brief, layout))
}

fn render_brief_page(
    dataset: &Dataset,
    brief: &ThemeBrief<'_>,
    layout: Layout,
) -> Result<String, Error> {
    let page = PageInfo {
        release: &dataset.release,
        generator: generator(),
        sources: brief.conferences.iter().filter_map(|c| c.source).collect(),
    };
    BriefPage {
        brief,
        layout,
        spec: layout.spec(),
        page: &page,
    }
    .render()
    .map(finish)
    .map_err(Error::Template)
}

fn render_index(dataset: &Dataset, briefs: &[ThemeBrief<'_>]) -> Result<String, Error> {
    let conferences: Vec<ConferenceHead<'_>> = dataset
        .conferences
        .iter()
        .map(|c| ConferenceHead::build(dataset, c))
        .collect();
    let page = PageInfo {
        release: &dataset.release,
        generator: generator(),
        sources: conferences.iter().filter_map(|c| c.source).collect(),
    };
    IndexPage {
        conferences: &conferences,
        rows: briefs.iter().map(|brief| IndexRow { brief }).collect(),
        spec: Layout::Normal.spec(),
        page: &page,
    }
    .render()
    .map(finish)
    .map_err(Error::Template)
}

/// A final newline, and no trailing spaces, so pages diff cleanly.
fn finish(html: String) -> String {
    let mut out: String = html
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

/// The themes to render, in the dataset's order; every theme when `requested` is empty.
fn select(dataset: &Dataset, requested: &[String]) -> Result<Vec<String>, Error> {
    let known: Vec<String> = dataset.themes.iter().map(|t| t.id.clone()).collect();
    let mut unknown: Vec<String> = requested
        .iter()
        .filter(|id| !known.contains(id))
        .cloned()
        .collect();
    unknown.dedup();
    if !unknown.is_empty() {
        return Err(Error::UnknownThemes { unknown, known });
    }
    Ok(known
        .into_iter()
        .filter(|id| requested.is_empty() || requested.contains(id))
        .collect())
}

/// Runs the brief renderer: load, check, render everything in memory, then write.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let loaded = alliance_core::load(&args.path)?;
    if let Some(code) = report_load_diagnostics(&loaded)? {
        return Ok(code);
    }
    let chromium = if args.pdf {
        Some(pdf::find_chromium().map_err(anyhow::Error::new)?)
    } else {
        None
    };
    let pages = match render(&loaded.dataset, &args.themes) {
        Ok(pages) => pages,
        Err(err) => {
            for line in err.to_string().lines() {
                eprintln!("alliance-brief: error: {line}");
            }
            return Ok(exit::code(err.exit_code()));
        }
    };

    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the output folder `{}`", args.out.display()))?;
    for page in &pages {
        let path = args.out.join(&page.file_name);
        write_atomic(&path, page.html.as_bytes())
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }

    if let Some(chromium) = chromium {
        for page in pages.iter().filter(|p| p.theme.is_some()) {
            let html = args.out.join(&page.file_name);
            let pdf = html.with_extension("pdf");
            match pdf::print(&chromium, &html, &pdf) {
                Ok(_) => {}
                Err(err @ pdf::PrintError::TooManyPages { .. }) => {
                    eprintln!("alliance-brief: error: {err}");
                    return Ok(exit::code(exit::FINDINGS));
                }
                Err(err) => return Err(anyhow::Error::new(err)),
            }
        }
    }
    Ok(exit::code(exit::SUCCESS))
}
