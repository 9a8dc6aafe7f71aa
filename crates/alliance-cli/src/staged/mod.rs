//! The one way the toolkit writes files: staged, then put in place all at once.
//!
//! A run creates a [`Staging`] for its output folder, writes every file through it, and calls
//! [`Staging::commit`] only when all are written. What readers of the folder can rely on:
//!
//! - **Nothing half-written under a real name.** Files are written inside a staging folder
//!   with an unpredictable name (`tempfile`), created with `O_EXCL`: a symlink planted where a
//!   temporary file will be cannot redirect a write, and names cannot be guessed in advance.
//! - **A new or empty output folder appears whole.** The files are staged in a folder beside
//!   it (`.NAME.alliance-staging-XXXXXX`), which is renamed to the output folder: one rename
//!   for the whole set.
//! - **A folder that has files is switched by a journal.** The files are staged inside it
//!   (`.alliance-staging-XXXXXX/`); when all are written, the list of them is written to
//!   `.alliance-commit` and only then is each renamed over its old version. A run killed
//!   inside those renames leaves the folder holding a mix of old and new files, marked by the
//!   journal, and the next run into that folder finishes the renames before it does anything
//!   else; so the set is never left mixed once a later run has started. Other files in the
//!   folder are left alone, except those a run asks to remove ([`Staging::remove`]): they are
//!   listed in the journal too and removed after the renames, so a replaced set never keeps a
//!   file of the old one. A rewritten file keeps its permissions (and owner, where the
//!   process may).
//! - **No link is followed inside the folder.** Every file is moved and removed by walking
//!   its path from the opened output folder without following links (`staged::beneath`); a link
//!   on the way is refused before anything moves. A journal is completed only when it names
//!   the staging folder its own run created (recorded by device and inode) and lists only
//!   paths inside the folder (`staged::journal`); any other is refused and left alone.
//! - **No leftovers.** A failed run removes its staging folder; one that was killed leaves it,
//!   and the next run into the same folder removes it.
//! - **One run at a time.** The output folder and its parent are locked (advisory `flock`)
//!   while a run stages and commits, so a second run waits instead of mixing its files in or
//!   taking the first run's staging folder for a leftover.
//!
//! For tests, `ALLIANCE_TEST_ABORT` makes a run die (`abort`, as a kill would) at a chosen
//! moment: `staged` after every file is staged and before the commit, `rename:N` after the
//! first N renames of a commit.

mod beneath;
mod dataset;
mod journal;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, bail};

use beneath::Folder;
pub use dataset::{Completed, complete_interrupted, refuse_interrupted};
use journal::Journal;

/// The journal of a commit in progress, in the output folder.
pub const JOURNAL: &str = ".alliance-commit";
/// How a staging folder inside the output folder begins.
const INSIDE_PREFIX: &str = ".alliance-staging-";
/// How a staging folder beside a new output folder ends, after `.NAME`.
const BESIDE_SUFFIX: &str = ".alliance-staging-";

/// Files staged for one output folder; see the module docs.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    /// Where files are staged: a folder beside `out` (renamed to `out` on commit), or inside.
    root: tempfile::TempDir,
    /// The staging folder's device and inode, recorded in the journal (inside only).
    identity: beneath::Identity,
    beside: bool,
    sync: bool,
    /// Relative paths of the files created, in order.
    files: Mutex<Vec<PathBuf>>,
    /// Those of them that another program writes ([`Staging::external`]).
    external: Mutex<Vec<PathBuf>>,
    /// Relative paths of files to remove with the commit ([`Staging::remove`]).
    removals: Mutex<Vec<PathBuf>>,
    /// Locks held until the run is over: the parent's, and the output folder's.
    _locks: Vec<File>,
}

impl Staging {
    /// Stages files for the output folder `out`, created if missing. First repairs what an
    /// earlier run into `out` left (a journal is completed; staging folders are removed).
    /// With `sync`, every file is synced to the disk when closed.
    pub fn new(out: &Path, sync: bool) -> anyhow::Result<Staging> {
        let context = || format!("cannot create the output folder `{}`", out.display());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = out
            .file_name()
            .with_context(|| format!("`{}` cannot be an output folder", out.display()))?
            .to_string_lossy()
            .into_owned();
        std::fs::create_dir_all(&parent).with_context(context)?;
        let mut locks = Vec::new();
        locks.extend(lock(&parent));
        let beside_prefix = format!(".{name}{BESIDE_SUFFIX}");
        remove_leftovers(&parent, &beside_prefix)?;

        if is_new_or_empty(out)? {
            let staged = new_folder_beside(&parent, &beside_prefix);
            // a folder whose parent cannot be written to is written into instead
            if let Ok(root) = staged {
                return Ok(Staging {
                    out: out.to_path_buf(),
                    root,
                    identity: None,
                    beside: true,
                    sync,
                    files: Mutex::default(),
                    external: Mutex::default(),
                    removals: Mutex::default(),
                    _locks: locks,
                });
            }
        }
        std::fs::create_dir_all(out).with_context(context)?;
        locks.extend(lock(out));
        recover(out)?;
        let root = tempfile::Builder::new()
            .prefix(INSIDE_PREFIX)
            .tempdir_in(out)
            .with_context(|| format!("cannot write into `{}`", out.display()))?;
        let identity = Folder::open(root.path())
            .and_then(|f| f.identity())
            .with_context(|| format!("cannot write into `{}`", out.display()))?;
        Ok(Staging {
            out: out.to_path_buf(),
            root,
            identity,
            beside: false,
            sync,
            files: Mutex::default(),
            external: Mutex::default(),
            removals: Mutex::default(),
            _locks: locks,
        })
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// A folder for scratch files that an output takes a while to make (the workbook's rows),
    /// on the same disk as the output and removed with the staging.
    pub fn scratch_dir(&self) -> &Path {
        self.root.path()
    }

    /// Starts the file at `path`, relative to the output folder (`csv/people.csv`); its
    /// folders are created as needed.
    pub fn create(&self, path: &Path) -> anyhow::Result<BufWriter<File>> {
        let staged = self.reserve(path)?;
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&staged)
            .with_context(|| format!("cannot write `{}`", self.out.join(path).display()))?;
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.to_path_buf());
        Ok(BufWriter::with_capacity(1 << 16, file))
    }

    /// Where another program is to write the file at `path`, relative to the output folder
    /// (`alliance-17/criminal-justice.pdf`, printed by Chromium): a path inside the staging
    /// folder, its folders created, that is committed with the set. The program must have
    /// written it when [`commit`](Self::commit) is called, or the commit fails and nothing is
    /// put in place.
    pub fn external(&self, path: &Path) -> anyhow::Result<PathBuf> {
        let staged = self.reserve(path)?;
        if std::fs::symlink_metadata(&staged).is_ok() {
            bail!(
                "cannot write `{}` twice in one run",
                self.out.join(path).display()
            );
        }
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        if files.iter().any(|f| f == path) {
            bail!(
                "cannot write `{}` twice in one run",
                self.out.join(path).display()
            );
        }
        files.push(path.to_path_buf());
        self.external
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.to_path_buf());
        Ok(staged)
    }

    /// Where the file at `path` (relative to the output folder) is staged, once it has been
    /// written in this run: for another program to read it before the commit (Chromium
    /// printing a staged page). `None` for a path not written in this run.
    pub fn staged_path(&self, path: &Path) -> Option<PathBuf> {
        let files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files
            .iter()
            .any(|f| f == path)
            .then(|| self.root.path().join(path))
    }

    /// Checks that `path` is a plain path inside the output folder where no folder is, and
    /// creates the folders of its staged copy; returns where it is staged.
    fn reserve(&self, path: &Path) -> anyhow::Result<PathBuf> {
        let cannot = || format!("cannot write `{}`", self.out.join(path).display());
        if !is_plain(path) {
            bail!(
                "cannot write `{}`: not a plain path inside the output folder",
                path.display()
            );
        }
        if self.out.join(path).is_dir() {
            bail!(
                "cannot write `{}`: it is a folder",
                self.out.join(path).display()
            );
        }
        let staged = self.root.path().join(path);
        if let Some(folder) = staged.parent() {
            std::fs::create_dir_all(folder).with_context(cannot)?;
        }
        Ok(staged)
    }

    /// Ends the file at `path`, all of it written.
    pub fn close(&self, path: &Path, file: BufWriter<File>) -> anyhow::Result<()> {
        (|| -> io::Result<()> {
            let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            if self.sync {
                file.sync_all()?;
            }
            Ok(())
        })()
        .with_context(|| format!("cannot write `{}`", self.out.join(path).display()))
    }

    /// Writes the whole file at `path` ([`create`](Self::create), then
    /// [`close`](Self::close)).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        let mut file = self.create(path)?;
        file.write_all(bytes)
            .with_context(|| format!("cannot write `{}`", self.out.join(path).display()))?;
        self.close(path, file)
    }

    /// Removes the file at `path`, relative to the output folder, with the commit: after every
    /// staged file is in place, and listed in the journal, so a run killed part-way leaves it
    /// removed by the next one (a replaced set's files that the new set does not have). A
    /// file that is missing by then is no error.
    pub fn remove(&self, path: &Path) -> anyhow::Result<()> {
        if !is_plain(path) {
            bail!(
                "cannot remove `{}`: not a path inside the output folder",
                path.display()
            );
        }
        self.removals
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.to_path_buf());
        Ok(())
    }

    /// Puts every staged file in place (see the module docs). Call it only when every file
    /// has been closed.
    pub fn commit(self) -> anyhow::Result<()> {
        for path in self
            .external
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            match std::fs::symlink_metadata(self.root.path().join(path)) {
                Ok(meta) if meta.is_file() => {}
                _ => bail!(
                    "cannot write `{}`: it was not made; nothing was written",
                    self.out.join(path).display()
                ),
            }
        }
        abort_if_asked("staged", 0);
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(PoisonError::into_inner));
        let removals =
            std::mem::take(&mut *self.removals.lock().unwrap_or_else(PoisonError::into_inner));
        if self.beside {
            // replaces the output folder when it is empty; fails if something filled it
            std::fs::rename(self.root.path(), &self.out).with_context(|| {
                format!("cannot move the staged files to `{}`", self.out.display())
            })?;
            // the staging folder is the output folder now: nothing to remove
            let _ = self.root.keep();
            return Ok(());
        }
        let journal = Journal {
            staged: self
                .root
                .path()
                .file_name()
                .context("a staging folder has a name")?
                .to_string_lossy()
                .into_owned(),
            identity: self.identity,
            files,
            removals,
        };
        let out = Folder::open(&self.out)
            .with_context(|| format!("cannot write into `{}`", self.out.display()))?;
        let root = Folder::open(self.root.path())
            .with_context(|| format!("cannot read `{}`", self.root.path().display()))?;
        journal::check(&root, &out, &journal)
            .map_err(|err| anyhow::anyhow!("{err:#}; nothing was written"))?;
        write_journal(&self.out, journal.render().as_bytes(), self.sync)?;
        // from here on the journal completes the set if this run dies; the staging folder
        // must outlive a failure for that
        let root_path = self.root.keep();
        journal::apply(&root, &out, &journal)?;
        finish_commit(&root_path, &self.out)
    }
}

/// Whether `path` is a plain relative path (names only, no `..`, root or prefix) that a
/// journal line can hold: valid UTF-8 without control characters.
fn is_plain(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path.components().all(|c| matches!(c, Component::Normal(_)))
        && path
            .to_str()
            .is_some_and(|p| !p.chars().any(char::is_control))
}

/// Removes the journal, then the emptied staging folder.
fn finish_commit(root: &Path, out: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(out.join(JOURNAL)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => {
            return Err(err).with_context(|| format!("cannot remove `{JOURNAL}`"));
        }
        _ => {}
    }
    let _ = std::fs::remove_dir_all(root);
    Ok(())
}

/// Writes the journal atomically (a temporary file of its own, renamed over any old one: a
/// symlink at its name is replaced, not followed).
fn write_journal(out: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<()> {
    let cannot = || format!("cannot write `{}`", out.join(JOURNAL).display());
    let mut file = tempfile::Builder::new()
        .prefix(INSIDE_PREFIX)
        .tempfile_in(out)
        .with_context(cannot)?;
    file.write_all(bytes).with_context(cannot)?;
    if sync {
        file.as_file().sync_all().with_context(cannot)?;
    }
    file.persist(out.join(JOURNAL)).with_context(cannot)?;
    Ok(())
}

/// Completes a commit that an earlier run left part-way (its journal, see `staged::journal`), then
/// removes staging folders that killed runs left in `out`; the files the completed commit put
/// in place, if there was one.
/// Call it with `out` locked. A journal that is not this toolkit's, or would act outside
/// `out` or on another folder than its run's staging folder, is an error, and nothing is
/// changed.
pub fn recover(out: &Path) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let completed = journal::complete(out)?;
    remove_leftovers(out, INSIDE_PREFIX)?;
    Ok(completed.map(|j| j.files))
}

/// Removes the folders in `dir` whose names begin with `prefix` (staging folders of runs that
/// were killed), and temporary journals. Links are removed, never followed.
fn remove_leftovers(dir: &Path, prefix: &str) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_string_lossy().starts_with(prefix) {
            continue;
        }
        let path = entry.path();
        let removed = match entry.file_type() {
            Ok(kind) if kind.is_dir() => std::fs::remove_dir_all(&path),
            _ => std::fs::remove_file(&path),
        };
        removed.with_context(|| {
            format!("cannot remove `{}`, left by an earlier run", path.display())
        })?;
    }
    Ok(())
}

/// Whether `out` is missing or an empty folder (not a link to one).
fn is_new_or_empty(out: &Path) -> anyhow::Result<bool> {
    match std::fs::symlink_metadata(out) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(true),
        Ok(meta) if meta.is_dir() => Ok(std::fs::read_dir(out)
            .with_context(|| format!("cannot read `{}`", out.display()))?
            .next()
            .is_none()),
        Ok(meta) if !meta.file_type().is_symlink() => {
            bail!(
                "cannot create the output folder `{}`: a file is in its way",
                out.display()
            )
        }
        _ => Ok(false),
    }
}

/// An exclusive advisory lock on a folder, held while the file is open; waits for another
/// run. `None` where the file system cannot lock.
fn lock(dir: &Path) -> Option<File> {
    let file = File::open(dir).ok()?;
    file.lock().ok()?;
    Some(file)
}

/// A folder beside `parent`'s child that becomes the output folder on commit, so it is made
/// with the permissions `mkdir` gives a new folder (the process's umask applies), not the
/// owner-only ones of a temporary folder.
fn new_folder_beside(parent: &Path, prefix: &str) -> io::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(parent)
}

/// Dies here when `ALLIANCE_TEST_ABORT` names this moment: `staged`, or `rename:N` when
/// `done` (renames so far) is N.
fn abort_if_asked(moment: &str, done: usize) {
    let Some(asked) = std::env::var_os("ALLIANCE_TEST_ABORT") else {
        return;
    };
    let asked = asked.to_string_lossy();
    let hit = match asked.split_once(':') {
        Some((m, n)) => m == moment && n.parse() == Ok(done),
        None => asked == moment,
    };
    if hit {
        std::process::abort();
    }
}

/// Refuses an output folder inside the dataset folder (it would become part of the dataset)
/// and a dataset inside the output folder (a staged commit could replace it).
pub fn refuse_overlap(dataset: &Path, out: &Path) -> anyhow::Result<()> {
    let data = dataset
        .canonicalize()
        .with_context(|| format!("cannot read `{}`", dataset.display()))?;
    let target = resolve(out)?;
    if target.starts_with(&data) {
        bail!(
            "the output folder `{}` is inside the dataset `{}`; choose a folder outside it",
            out.display(),
            dataset.display()
        );
    }
    if data.starts_with(&target) {
        bail!(
            "the dataset `{}` is inside the output folder `{}`; choose a folder that does not hold it",
            dataset.display(),
            out.display()
        );
    }
    Ok(())
}

/// `path` made absolute with its links resolved, as far as it exists.
fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute = std::path::absolute(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut real = real;
            for part in rest.iter().rev() {
                real.push(part);
            }
            return Ok(real);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

#[cfg(test)]
mod tests;
