//! The loader: reads a dataset folder, checks it, and returns the resolved [`Dataset`] with
//! every diagnostic found. It never panics and never stops at the first problem: a bad file
//! is a finding, and the rest of the dataset is still read.
//!
//! Layout of a dataset folder:
//!
//! ```text
//! dataset.toml                          (title, release version and date)
//! vocabularies/{themes,pillars,roles,session-kinds,labels,addressees,
//!               organization-kinds,instrument-kinds,figure-kinds}.toml
//! registry/{people,organizations,instruments}.toml
//! conferences/<id>/conference.toml
//! conferences/<id>/sessions/*.toml      (one file per session)
//! conferences/<id>/<report>             (named by conference.toml's [source] report)
//! ```
//!
//! Two passes: first every file is read and every id is *defined* (`define.rs`: malformed and
//! duplicate ids are found here), then references are resolved into the model (`resolve.rs`:
//! dangling references are found here, with a "did you mean" from edit distance). Reading
//! (`reader.rs`) turns each file's problems into diagnostics, parses it (`parse.rs`) and checks
//! each session's source locations against its report's outline (`sources.rs`); `origins.rs`
//! keeps where every record is defined, `kind.rs` the kinds of record.

mod define;
mod kind;
mod origins;
mod parse;
mod reader;
mod resolve;
mod sources;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

pub use crate::id::is_well_formed_id;
pub use kind::{Kind, VOCABULARIES};
pub use origins::{Origin, Origins, Suppression, SuppressionFilter};
pub use parse::{check_date, parse_date};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{self, Dataset, FORMAT_VERSION};
use crate::source_map::{FileId, SourceMap};
use reader::{ConferenceFiles, Reader, read_conference, read_singles};

/// A loaded dataset: the data, what was found wrong with it, and the files it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resolved dataset (as complete as the files allowed).
    pub dataset: Dataset,
    /// Everything found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read.
    pub sources: SourceMap,
    /// Where each record is defined.
    pub origins: Origins,
    /// The report text of each conference, by conference id.
    pub reports: BTreeMap<String, FileId>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The report text of a conference.
    pub fn report_text(&self, conference: &str) -> Option<&str> {
        self.reports
            .get(conference)
            .map(|&f| self.sources.get(f).text.as_str())
    }
}

/// Why a dataset could not be loaded at all (each file's problems are diagnostics instead).
#[derive(Debug)]
pub enum LoadError {
    /// The dataset folder does not exist.
    NotFound(PathBuf),
    /// The dataset path is not a folder (and no folder above it holds a dataset).
    NotADirectory(PathBuf),
    /// The folder is not a dataset: it holds neither `dataset.toml` nor `registry/` (and no
    /// folder above it holds a dataset).
    NotADataset(PathBuf),
    /// The path (a file or a folder) is inside a dataset: the dataset's folder is the one to
    /// pass.
    InsideDataset {
        /// The path given.
        path: PathBuf,
        /// The nearest folder above it that holds `dataset.toml`.
        dataset: PathBuf,
    },
    /// The dataset folder could not be read.
    Io(PathBuf, io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const PASS: &str = "pass the dataset folder, the one that holds `dataset.toml`";
        match self {
            LoadError::NotFound(p) => write!(f, "dataset folder `{}` does not exist", p.display()),
            LoadError::NotADirectory(p) => {
                write!(f, "dataset path `{}` is not a folder; {PASS}", p.display())
            }
            LoadError::NotADataset(p) => write!(
                f,
                "`{}` is not a dataset folder (it has no `dataset.toml` and no `registry/`); {PASS}",
                p.display()
            ),
            LoadError::InsideDataset { path, dataset } => write!(
                f,
                "`{}` is inside the dataset `{}`; pass `{}`",
                path.display(),
                dataset.display(),
                dataset.display()
            ),
            LoadError::Io(p, e) => write!(f, "cannot read dataset folder `{}`: {e}", p.display()),
        }
    }
}

/// The nearest folder above `path` that holds `dataset.toml`: first among the path's own
/// ancestors as written (so that the message names it as the user would), then among those of
/// its absolute form.
fn enclosing_dataset(path: &Path) -> Option<PathBuf> {
    let holds = |dir: &Path| dir.join("dataset.toml").is_file();
    let written = path.ancestors().skip(1).find_map(|dir| {
        if dir.as_os_str().is_empty() {
            holds(Path::new(".")).then(|| PathBuf::from("."))
        } else {
            holds(dir).then(|| dir.to_owned())
        }
    });
    written.or_else(|| {
        let absolute = std::fs::canonicalize(path).ok()?;
        absolute
            .ancestors()
            .skip(1)
            .find(|dir| holds(dir))
            .map(Path::to_owned)
    })
}

/// Whether `root`, a folder, is a dataset folder: it holds `dataset.toml` or `registry/` (a
/// dataset with one of them missing is loaded, and the missing part is a diagnostic).
fn looks_like_a_dataset(root: &Path) -> bool {
    root.join("dataset.toml").exists() || root.join("registry").exists()
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// How far loading has come: conferences read and parsed, of how many. Reported from any
/// thread; for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Conferences parsed so far.
    pub done: usize,
    /// Conferences in the dataset.
    pub total: usize,
}

/// Loads the dataset in the folder `root`.
///
/// Returns `Err` only when `root` itself is missing, not a folder, unreadable, or not a
/// dataset folder (neither `dataset.toml` nor `registry/` in it; the error names the dataset
/// folder above it, if any); every other problem is a [`Diagnostic`] in the result.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_with_progress(root, &|_| {})
}

/// [`load`], calling `progress` as conferences are parsed (from any thread).
pub fn load_with_progress(
    root: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Loaded, LoadError> {
    check_dataset_folder(root)?;
    let loader = Loader {
        sources: SourceMap::default(),
        diagnostics: Vec::new(),
        origins: Origins::default(),
        unreadable: HashSet::new(),
        misnamed: HashSet::new(),
    };
    loader.load(root, progress)
}

/// What [`load`] checks before it reads anything: `root` is a dataset folder. The error says
/// why not, naming the dataset folder above it, if any.
pub fn check_dataset_folder(root: &Path) -> Result<(), LoadError> {
    let inside = |or: LoadError| match enclosing_dataset(root) {
        Some(dataset) => LoadError::InsideDataset {
            path: root.to_owned(),
            dataset,
        },
        None => or,
    };
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {
            if !looks_like_a_dataset(root) {
                return Err(inside(LoadError::NotADataset(root.to_owned())));
            }
        }
        Ok(_) => return Err(inside(LoadError::NotADirectory(root.to_owned()))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound(root.to_owned()));
        }
        Err(e) => return Err(LoadError::Io(root.to_owned(), e)),
    }
    Ok(())
}

struct Loader {
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
    origins: Origins,
    /// Kinds whose defining file could not be read: references to them are not checked, so
    /// that one broken file gives one diagnostic rather than one per reference.
    unreadable: HashSet<Kind>,
    /// Conference folders whose `conference.toml` gives another id: references to the folder's
    /// name are not reported again (the one error is at the id).
    misnamed: HashSet<String>,
}

/// What a conference's job sends: its reader and its parsed files (`None` when
/// `conference.toml` could not be read), or why its folder could not be listed.
type Read<'r> = Result<(Reader<'r>, Option<ConferenceFiles>), LoadError>;

/// The next conference read, or `None` once every job has sent its own. When this thread is one
/// of a rayon pool's (a load started inside a parallel job), it runs queued jobs while it
/// waits, so that the jobs it queued are never stuck behind it.
fn next_read<T>(received: &Receiver<T>) -> Option<T> {
    loop {
        match received.try_recv() {
            Ok(read) => return Some(read),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        if rayon::yield_now() != Some(rayon::Yield::Executed) {
            // nothing left to run here: the jobs still to send are running elsewhere
            return received.recv().ok();
        }
    }
}

impl Loader {
    /// Reads, parses and resolves every file. Each conference folder is a job on rayon's pool,
    /// queued in folder order (first in, first out), that reads the folder whole (its files,
    /// its report, the sessions checked against the report's outline) into a [`Reader`] of its
    /// own and sends it here; meanwhile this thread reads the vocabularies and registries, and
    /// then resolves the conferences in folder order as they arrive
    /// ([`Self::resolve_in_order`]). File ids, records and diagnostics therefore do not depend
    /// on which thread read what, and a conference's parsed files are dropped once it is
    /// resolved rather than all held until the end.
    fn load(
        mut self,
        root: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Loaded, LoadError> {
        let mut listing = Reader::new(root);
        let dirs = listing.list_dir("conferences", true)?;
        self.absorb(listing);
        let total = dirs.len();
        let done = AtomicUsize::new(0);
        // set when loading has failed: the jobs not yet started then have nothing to do
        let failed = AtomicBool::new(false);
        let (sender, received) = mpsc::channel::<(usize, Read<'_>)>();
        let resolved = rayon::in_place_scope_fifo(|scope| {
            for (i, dir) in dirs.iter().enumerate() {
                let sender = sender.clone();
                let (done, failed) = (&done, &failed);
                scope.spawn_fifo(move |_| {
                    if failed.load(Ordering::Relaxed) {
                        return;
                    }
                    let read = read_conference(root, dir.clone());
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(Progress { done: n, total });
                    // the receiver is gone only when loading failed
                    let _ = sender.send((i, read));
                });
            }
            drop(sender);
            let resolved = self.resolve_in_order(root, &received);
            if resolved.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            resolved
        });
        let (dataset, reports) = resolved?;
        Ok(self.finish(dataset, reports))
    }

    /// Reads the vocabularies and registries and defines their records, then resolves the
    /// conferences in folder order as their jobs send them (jobs start in folder order, so few
    /// wait here), and last the vocabularies and registries themselves.
    fn resolve_in_order(
        &mut self,
        root: &Path,
        received: &Receiver<(usize, Read<'_>)>,
    ) -> Result<(Dataset, BTreeMap<String, FileId>), LoadError> {
        let mut dataset = Dataset {
            format_version: FORMAT_VERSION.to_owned(),
            ..Dataset::default()
        };
        let (reader, mut singles) = read_singles(root);
        let base = self.absorb(reader);
        singles.shift(base);
        self.define_singles(&singles);

        let mut reports = BTreeMap::new();
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        while let Some((i, read)) = next_read(received) {
            waiting.insert(i, read);
            while let Some(read) = waiting.remove(&wanted) {
                wanted += 1;
                let (reader, conference) = read?;
                let base = self.absorb(reader);
                if let Some(mut c) = conference {
                    c.shift(base);
                    self.define_conference(&c);
                    self.conference(c, &mut dataset, &mut reports);
                }
            }
        }
        self.resolve_singles(singles, &mut dataset);
        Ok((dataset, reports))
    }

    /// Moves a reader's files, diagnostics and unreadable kinds into the loader; returns the
    /// offset to add to the reader's file ids.
    fn absorb(&mut self, reader: Reader<'_>) -> u32 {
        let base = self.sources.append(reader.sources);
        self.diagnostics
            .extend(reader.diagnostics.into_iter().map(|mut d| {
                if let Some(loc) = &mut d.location {
                    loc.file = loc.file.shifted(base);
                }
                d
            }));
        self.unreadable.extend(reader.unreadable);
        base
    }

    /// Puts records in the dataset's order and diagnostics in file order.
    fn finish(mut self, mut dataset: Dataset, reports: BTreeMap<String, FileId>) -> Loaded {
        dataset.conferences.sort_by(|a, b| a.id.cmp(&b.id));
        let session_order: HashMap<&str, (&str, u32)> = dataset
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), (s.conference.as_str(), s.order)))
            .collect();
        let mut recommendations = std::mem::take(&mut dataset.recommendations);
        recommendations.sort_by(|a, b| {
            let key = |r: &model::Recommendation| {
                (
                    session_order
                        .get(r.session.as_str())
                        .copied()
                        .unwrap_or(("", 0)),
                    r.order,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        dataset.recommendations = recommendations;
        dataset.sessions.sort_by(|a, b| {
            (a.conference.as_str(), a.order, a.id.as_str()).cmp(&(
                b.conference.as_str(),
                b.order,
                b.id.as_str(),
            ))
        });

        // in file order: by path, then position; the order found for the rest
        let sources = &self.sources;
        self.diagnostics.sort_by_cached_key(|d| {
            let path = d
                .location
                .as_ref()
                .map(|l| sources.get(l.file).path.clone())
                .or_else(|| d.path.clone());
            let start = d.location.as_ref().map_or(0, |l| l.span.start);
            (path, start)
        });
        Loaded {
            dataset,
            diagnostics: self.diagnostics,
            sources: self.sources,
            origins: self.origins,
            reports,
        }
    }
}

#[cfg(test)]
mod tests;
