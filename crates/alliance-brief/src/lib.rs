//! alliance-brief: one printable A4 page per theme of each conference of an Alliance dataset,
//! or per theme across conferences, and the indexes of them.
//!
//! `alliance-brief [PATH] --out DIR [--conference ID]... [--theme ID]... [--across-conferences]
//! [--pdf]` loads and checks the dataset, measures every brief, and only when every one fits
//! renders and writes them (Askama templates in `templates/`):
//!
//! - by default, `DIR/<conference-id>/<theme-id>.html` for each theme with items in each
//!   conference, `DIR/<conference-id>/index.html` listing a conference's briefs, and
//!   `DIR/index.html` listing the conferences;
//! - with `--across-conferences`, `DIR/<theme-id>.html`, one brief per theme over the selected
//!   conferences, its items grouped by conference and then session, and `DIR/index.html`.
//!
//! What the selection holds that no brief shows (a conference with no recommendation under a
//! selected theme, a theme given with `--theme` that has none in a conference, recommendations
//! under no theme) is a warning ([`Skipped`]); a selection that matches no recommendation is
//! refused ([`Error::Empty`], exit 1) and nothing is written.
//!
//! An index lists what the folder holds once the run is over: the pages written, and those an
//! earlier run left that the dataset still has (a run with `--theme` keeps the others listed).
//! Everything is staged and put in place at once ([`alliance_cli::staged`]), the PDFs of
//! `--pdf` too: Chromium ([`pdf`]) prints each staged page into the staging folder.
//!
//! What a brief shows, its layouts and the one-page estimate live in [`alliance_layout`], which
//! alliance-lint uses too; this crate has the templates (`templates/`), rendering, writing and
//! printing. One page is a guarantee: [`fit::estimate`] measures each brief from its text
//! sizes, the renderer takes the most generous [`Layout`] that fits, and a brief that fits none
//! is refused with its theme, its conferences and how much it is over. [`estimate_fills`]
//! (every theme) and [`estimate_fill`] (one) are the same measure for the lint rule that warns
//! about oversize themes; they and [`fit`] are re-exported from [`alliance_layout`].
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
//! let pages = alliance_brief::render(&dataset, &Default::default()).expect("every theme fits");
//! assert_eq!(pages[0].path, "alliance-17/child-protection-systems.html");
//! assert_eq!(pages.last().map(|p| p.path.as_str()), Some("index.html"));
//! ```

#![deny(missing_docs)]

mod indexes;
pub mod pdf;
mod plan;
mod templates;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_cli::ids::UnknownIds;
use alliance_cli::output::{check_before_publishing, exit};
use alliance_core::render::plural;
use alliance_core::{Dataset, Index};
use alliance_layout::{Outline, ThemeBrief};
use askama::Template;
use clap::Parser;
use rayon::prelude::*;

pub use alliance_layout::{Layout, estimate_fill, estimate_fills, fit, generator};

use plan::{Plan, Planned};
use templates::{BriefPage, PageInfo};

/// Briefs per unit of work on a core: small enough to balance the cores, large enough that
/// taking the next unit costs nothing.
const CHUNK: usize = 64;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "alliance-brief",
    version,
    about = "Render one-page briefs per theme of each conference of an Alliance dataset",
    long_about = "Render one-page briefs per theme of each conference of an Alliance dataset: \
DIR/<conference-id>/<theme-id>.html, an index of each conference's briefs \
(DIR/<conference-id>/index.html) and an index of the conferences (DIR/index.html). With \
--across-conferences, one brief per theme over the selected conferences instead \
(DIR/<theme-id>.html). Every page prints on one A4 page; a brief that cannot is refused \
(exit 1). The contracts are in docs/contracts.md.",
    after_help = "What the selection holds that no brief shows (a conference with no recommendation \
under a selected theme, a theme given with --theme that has none in a conference, recommendations \
under no theme) is a warning on stderr.\n\n\
Exit codes: 0 written; 1 nothing is written: the dataset has errors or a quotation the report \
does not hold, a brief does not fit one page (or, with --pdf, prints on more), an id cannot name \
a file, or the selection matches no recommendation; 2 bad arguments, an unknown id, --pdf \
without Chromium, or an output that cannot be written (previous outputs are left intact)."
)]
pub struct Args {
    /// The dataset folder.
    #[arg(default_value = "data")]
    pub path: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Only these conferences (ids; repeat or separate with commas).
    #[arg(long = "conference", value_name = "ID", value_delimiter = ',')]
    pub conferences: Vec<String>,
    /// Only these themes (ids; repeat or separate with commas).
    #[arg(long = "theme", value_name = "ID", value_delimiter = ',')]
    pub themes: Vec<String>,
    /// One brief per theme over the selected conferences (`DIR/<theme-id>.html`), its items
    /// grouped by conference, instead of one per theme of each conference.
    #[arg(long)]
    pub across_conferences: bool,
    /// Also print each brief to PDF with Chromium.
    #[arg(long)]
    pub pdf: bool,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What to render. Empty lists select everything of their kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Conference ids.
    pub conferences: Vec<String>,
    /// Theme ids.
    pub themes: Vec<String>,
    /// One brief per theme across the selected conferences, instead of one per theme of each.
    pub across: bool,
}

impl Selection {
    /// The selection the arguments describe.
    pub fn from_args(args: &Args) -> Self {
        Selection {
            conferences: args.conferences.clone(),
            themes: args.themes.clone(),
            across: args.across_conferences,
        }
    }
}

/// A rendered page, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path in the output folder, with `/`: `<conference-id>/<theme-id>.html`,
    /// `<conference-id>/index.html`, `<theme-id>.html` (across conferences) or `index.html`.
    pub path: String,
    /// The theme, for a brief.
    pub theme: Option<String>,
    /// The conference, for a conference's brief or index.
    pub conference: Option<String>,
    /// The layout chosen, for a brief.
    pub layout: Option<Layout>,
    /// The HTML.
    pub html: String,
}

/// A brief that cannot fit one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Oversize {
    /// Theme id.
    pub theme: String,
    /// Theme name.
    pub name: String,
    /// The conferences it shows: one, or those across which it was asked for.
    pub conferences: Vec<String>,
    /// Whether it is a brief across conferences.
    pub across: bool,
    /// How many recommendations, findings and conclusions it has.
    pub items: usize,
    /// The page share it needs at the densest layout.
    pub fill: f64,
}

/// Why the briefs could not be rendered.
#[derive(Debug)]
pub enum Error {
    /// `--conference` or `--theme` named ids the dataset does not have.
    UnknownIds(UnknownIds),
    /// Briefs that cannot fit one A4 page even in the densest layout.
    Oversize(Vec<Oversize>),
    /// The selection matches no recommendation: no brief to write. What it holds that no brief
    /// shows is listed ([`Error::warnings`]).
    Empty(Vec<Skipped>),
    /// A theme or conference id that cannot name a file or folder of the output (`index`, or
    /// not kebab-case).
    BadId(String),
    /// A template failed to render.
    Template(askama::Error),
}

impl Error {
    /// The exit code this error calls for: 2 for bad arguments or a failure of the tool, 1 for
    /// a dataset that cannot be briefed.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::UnknownIds(_) | Error::Template(_) => exit::FAILURE,
            Error::Oversize(_) | Error::BadId(_) | Error::Empty(_) => exit::FINDINGS,
        }
    }

    /// What the selection holds that no brief shows, for a selection that matches nothing;
    /// nothing for other errors.
    pub fn warnings(&self) -> &[Skipped] {
        match self {
            Error::Empty(skipped) => skipped,
            _ => &[],
        }
    }
}

/// Something a run's selection holds that no brief shows: `alliance-brief` warns about each
/// on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A selected conference with no recommendation under a selected theme.
    Conference {
        /// Its id.
        conference: String,
        /// The themes given with `--theme`; empty when every theme is selected (the
        /// conference then has no recommendation classified under any).
        themes: Vec<String>,
        /// Whether the briefs are across conferences.
        across: bool,
    },
    /// A theme given with `--theme` that has no recommendation in these selected conferences
    /// (those that have briefs; across conferences, every selected one).
    Theme {
        /// Its id.
        theme: String,
        /// The conferences.
        conferences: Vec<String>,
        /// Whether the briefs are across conferences.
        across: bool,
    },
    /// Recommendations under no theme, of a conference that has briefs (when every theme is
    /// selected).
    Unclassified {
        /// The conference.
        conference: String,
        /// How many.
        count: usize,
        /// The first few ids.
        first: Vec<String>,
    },
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skipped::Conference {
                conference,
                themes,
                across,
            } => {
                let under = if themes.is_empty() {
                    "classified under a theme".to_owned()
                } else {
                    format!("under {}", named("theme", themes))
                };
                let so = if *across {
                    "it is in no brief"
                } else {
                    "it has no brief"
                };
                write!(
                    f,
                    "conference `{conference}` has no recommendation {under}: {so}"
                )
            }
            Skipped::Theme {
                theme,
                conferences,
                across,
            } => {
                let so = if *across {
                    "it has no brief"
                } else {
                    "it has no brief there"
                };
                write!(
                    f,
                    "theme `{theme}` has no recommendation in {}: {so}",
                    named("conference", conferences)
                )
            }
            Skipped::Unclassified {
                conference,
                count,
                first,
            } => {
                write!(
                    f,
                    "conference `{conference}` has {} under no theme, in no brief: {}",
                    plural(*count, "recommendation"),
                    quoted(first)
                )?;
                if *count > first.len() {
                    write!(f, " and {} more", count - first.len())?;
                }
                Ok(())
            }
        }
    }
}

/// "theme `a`", "themes `a`, `b`".
fn named(kind: &str, ids: &[String]) -> String {
    let s = if ids.len() == 1 { "" } else { "s" };
    format!("{kind}{s} {}", quoted(ids))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownIds(unknown) => unknown.fmt(f),
            Error::Oversize(briefs) => {
                for (i, o) in briefs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    let (of, fix) = if o.across {
                        (
                            format!("across conferences {}", quoted(&o.conferences)),
                            "select fewer conferences with --conference, or split the theme",
                        )
                    } else {
                        (
                            format!("of conference {}", quoted(&o.conferences)),
                            "move some to another theme or split the theme",
                        )
                    };
                    write!(
                        f,
                        "theme `{}` ({}) {of} does not fit one A4 page: its {} items need about \
                         {:.0}% of a page even in the densest layout ({:.0}% over); {fix}",
                        o.theme,
                        o.name,
                        o.items,
                        o.fill * 100.0,
                        (o.fill - 1.0) * 100.0
                    )?;
                }
                Ok(())
            }
            Error::Empty(_) => write!(
                f,
                "the selection matches no recommendation: no brief to write, nothing written"
            ),
            Error::BadId(id) => write!(
                f,
                "id `{id}` cannot name a brief's file or folder (it must be kebab-case and not \
                 `index`)"
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

/// Renders the briefs `selection` asks for and the indexes, in memory: the briefs in order
/// (by conference, then theme), then each conference's index, then `index.html`. Nothing is
/// written; the indexes list the briefs rendered here.
///
/// The dataset is indexed once, so each brief costs only its own items; briefs are measured
/// and rendered on every core, and the pages come out in the same order, with the same bytes,
/// as on one.
pub fn render(dataset: &Dataset, selection: &Selection) -> Result<Vec<Page>, Error> {
    let index = Index::new(dataset);
    let plan = plan::plan(&index, selection)?;
    let chunks: Vec<Result<Vec<Page>, Error>> = plan
        .briefs
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut scratch = String::new();
            chunk
                .iter()
                .map(|planned| brief_page(dataset, planned, &mut scratch))
                .collect()
        })
        .collect();
    let mut pages = Vec::with_capacity(plan.briefs.len() + 1);
    for chunk in chunks {
        pages.extend(chunk?);
    }
    pages.extend(indexes::pages(&index, &plan, &|_| false)?);
    Ok(pages)
}

/// One theme's brief over the whole dataset in a given layout, whether or not it fits (the
/// outline the estimate was calibrated on, [`Outline::build`]); `None` for an unknown theme.
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
    planned: &Planned<'_>,
    scratch: &mut String,
) -> Result<Page, Error> {
    Ok(Page {
        path: planned.path.clone(),
        theme: Some(planned.brief.theme.id.clone()),
        conference: planned.conference.map(|c| c.id.clone()),
        layout: Some(planned.layout),
        html: render_brief_page(dataset, &planned.brief, planned.layout, scratch)?,
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
        sources: brief.sources(),
        provenance: brief.provenance.clone(),
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

/// Runs the brief renderer: load, check, measure every brief, and when all fit, render and
/// write each page (briefs on every core, then the indexes), staged and put in place at once
/// ([`alliance_cli::staged`]): into a new or empty output folder the whole set appears with one
/// rename; into one with files, the pages replace their old versions and other files are left
/// alone. With `--pdf`, Chromium prints each staged brief into the staging folder before the
/// commit. On success one line on stderr says what was written (none with `--quiet`). What the
/// selection holds that no brief shows ([`Skipped`]) is a warning on stderr, with `--quiet` too;
/// a selection that matches no recommendation writes nothing and exits 1.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    alliance_cli::staged::refuse_interrupted(&args.path)?;
    let status = alliance_cli::output::Status::new(args.quiet);
    let loaded = status.load(&args.path)?;
    if let Some(code) =
        status.suspend(|| check_before_publishing(&loaded, alliance_authority::refusals))?
    {
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
    let plan = match plan::plan(&index, &Selection::from_args(args)) {
        Ok(plan) => plan,
        Err(err) => {
            status.finish();
            warn(err.warnings())?;
            for line in err.to_string().lines() {
                alliance_cli::errln!("alliance-brief: error: {line}")?;
            }
            return Ok(exit::code(err.exit_code()));
        }
    };

    status.suspend(|| warn(&plan.skipped))?;

    // every brief fits: each is rendered and written at once, on every core, so that no page
    // waits in memory; the indexes go last
    status.phase("rendering briefs");
    alliance_cli::staged::refuse_overlap(&args.path, &args.out)?;
    // pages are not synced one by one: a run writes a page per theme, and syncing each costs
    // the disk's time per page (a crash of the machine right after a run may leave pages
    // empty; run again)
    let target = alliance_cli::Staging::new(&args.out, false)?;
    let write = |page: &Page| target.write(Path::new(&page.path), page.html.as_bytes());
    // the folder as the staging found it (an interrupted commit completed): what the indexes
    // list besides the pages of this run
    let held = |path: &str| args.out.join(path).is_file();
    let (index_pages, written) = rayon::join(
        // the indexes are made meanwhile
        || indexes::pages(&index, &plan, &held),
        || {
            // the first failure in the briefs' order: every chunk before it has been written
            plan.briefs
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut scratch = String::new();
                    for planned in chunk {
                        write(&brief_page(dataset, planned, &mut scratch)?)?;
                    }
                    anyhow::Ok(())
                })
                .find_first(Result::is_err)
                .unwrap_or(Ok(()))
        },
    );
    written?;
    let index_pages = index_pages?;
    for page in &index_pages {
        write(page)?;
    }
    let pdfs = match &chromium {
        Some(chromium) => {
            status.phase("printing briefs");
            match print_staged(&target, chromium, &plan) {
                Ok(n) => n,
                Err(err @ pdf::PrintError::TooManyPages { .. }) => {
                    status.finish();
                    alliance_cli::errln!("alliance-brief: error: {err}")?;
                    return Ok(exit::code(exit::FINDINGS));
                }
                Err(err) => return Err(anyhow::Error::new(err)),
            }
        }
        None => 0,
    };
    target.commit()?;
    status.finish();
    if !args.quiet {
        summary(args, &plan, index_pages.len(), pdfs)?;
    }
    Ok(exit::code(exit::SUCCESS))
}

/// A warning on stderr for each thing the selection holds that no brief shows.
fn warn(skipped: &[Skipped]) -> std::io::Result<()> {
    for s in skipped {
        alliance_cli::errln!("alliance-brief: warning: {s}")?;
    }
    Ok(())
}

/// Prints each staged brief to a PDF beside it in the staging folder, committed with the set:
/// Chromium writes it at the path [`Staging::external`](alliance_cli::Staging::external) gives,
/// and a PDF that fails its check is not left there, so the set cannot commit without it.
/// Returns how many.
fn print_staged(
    target: &alliance_cli::Staging,
    chromium: &pdf::Chromium,
    plan: &Plan<'_>,
) -> Result<usize, pdf::PrintError> {
    for planned in &plan.briefs {
        let html_path = Path::new(&planned.path);
        let staged = target
            .staged_path(html_path)
            .ok_or_else(|| pdf::PrintError::Io {
                doing: format!("cannot find the staged `{}`", planned.path),
                source: std::io::ErrorKind::NotFound.into(),
            })?;
        let pdf_path = html_path.with_extension("pdf");
        let out = target
            .external(&pdf_path)
            .map_err(|e| pdf::PrintError::Io {
                doing: format!("{e:#}"),
                source: std::io::ErrorKind::Other.into(),
            })?;
        pdf::print(chromium, &staged, &out).map_err(|err| match err {
            pdf::PrintError::TooManyPages { pages, .. } => pdf::PrintError::TooManyPages {
                html: target.out().join(html_path),
                pages,
            },
            other => other,
        })?;
    }
    Ok(plan.briefs.len())
}

/// The one line on stderr that says what a run wrote.
fn summary(args: &Args, plan: &Plan<'_>, indexes: usize, pdfs: usize) -> std::io::Result<()> {
    let briefs = plan.briefs.len();
    let mut what = vec![plural(briefs, "brief"), plural(indexes, "index page")];
    if pdfs > 0 {
        what.push(plural(pdfs, "PDF"));
    }
    let last = what.pop().unwrap_or_default();
    let what = if what.is_empty() {
        last
    } else {
        format!("{} and {last}", what.join(", "))
    };
    let across = if plan.across { " across" } else { " of" };
    alliance_cli::errln!(
        "alliance-brief: wrote {what} to {} — {}{across} {}",
        args.out.display(),
        plural(plan.theme_count(), "theme"),
        plural(plan.conference_count(), "conference")
    )
}
