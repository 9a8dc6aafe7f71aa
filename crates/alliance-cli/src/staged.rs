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
//!   inside those renames leaves the journal, and the next run into that folder (export or
//!   brief) finishes the renames before it does anything else, so the set is never left mixed
//!   after a run has completed. Other files in the folder are left alone, except those a run
//!   asks to remove ([`Staging::remove`]): they are listed in the journal too and removed
//!   after the renames, so a replaced set never keeps a file of the old one.
//! - **No leftovers.** A failed run removes its staging folder; one that was killed leaves it,
//!   and the next run into the same folder removes it.
//! - **One run at a time.** The output folder and its parent are locked (advisory `flock`)
//!   while a run stages and commits, so a second run waits instead of mixing its files in or
//!   taking the first run's staging folder for a leftover.
//!
//! For tests, `ALLIANCE_TEST_ABORT` makes a run die (`abort`, as a kill would) at a chosen
//! moment: `staged` after every file is staged and before the commit, `rename:N` after the
//! first N renames of a commit.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, bail};

/// The journal of a commit in progress, in the output folder.
pub const JOURNAL: &str = ".alliance-commit";
/// The first line of a journal: then the staging folder's name, then a line per file, its
/// path after `+ ` (moved into place) or `- ` (removed).
const JOURNAL_HEADER: &str = "alliance staged commit v2";
/// The first line of a journal of earlier versions: a file's path alone on each line, every
/// file moved into place.
const JOURNAL_HEADER_V1: &str = "alliance staged commit v1";
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
        Ok(Staging {
            out: out.to_path_buf(),
            root,
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
        if path.as_os_str().is_empty()
            || !path.components().all(|c| matches!(c, Component::Normal(_)))
        {
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
        if !path.components().all(|c| matches!(c, Component::Normal(_))) {
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
        let staged_name = self
            .root
            .path()
            .file_name()
            .context("a staging folder has a name")?
            .to_string_lossy()
            .into_owned();
        let mut journal = format!("{JOURNAL_HEADER}\n{staged_name}\n");
        for (sign, paths) in [("+", &files), ("-", &removals)] {
            for path in paths {
                journal.push_str(&format!("{sign} {}\n", path.to_string_lossy()));
            }
        }
        write_journal(&self.out, journal.as_bytes(), self.sync)?;
        // from here on the journal completes the set if this run dies; the staging folder
        // must outlive a failure for that
        let root = self.root.keep();
        move_into_place(&root, &self.out, files.iter())?;
        remove_in_place(&self.out, removals.iter())?;
        finish_commit(&root, &self.out)
    }
}

/// Renames each of `files` from `root` into `out` where it is still in `root`.
fn move_into_place<'a>(
    root: &Path,
    out: &Path,
    files: impl Iterator<Item = &'a PathBuf>,
) -> anyhow::Result<()> {
    for (done, path) in files.enumerate() {
        abort_if_asked("rename", done);
        let from = root.join(path);
        if std::fs::symlink_metadata(&from).is_err() {
            continue; // moved by an earlier attempt
        }
        let to = out.join(path);
        if let Some(folder) = to.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create `{}`", folder.display()))?;
        }
        std::fs::rename(&from, &to).with_context(|| {
            format!(
                "cannot write `{}`; the next run into `{}` completes the set",
                to.display(),
                out.display()
            )
        })?;
    }
    Ok(())
}

/// Removes each of `files` from `out` where it still is (links removed, never followed).
fn remove_in_place<'a>(out: &Path, files: impl Iterator<Item = &'a PathBuf>) -> anyhow::Result<()> {
    for path in files {
        let path = out.join(path);
        match std::fs::remove_file(&path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                return Err(err).with_context(|| {
                    format!(
                        "cannot remove `{}`; the next run into `{}` completes the set",
                        path.display(),
                        out.display()
                    )
                });
            }
            _ => {}
        }
    }
    Ok(())
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

/// Completes a commit that an earlier run left part-way (its journal), then removes staging
/// folders that killed runs left in `out`. Call it with `out` locked.
pub fn recover(out: &Path) -> anyhow::Result<()> {
    let journal_path = out.join(JOURNAL);
    match std::fs::read_to_string(&journal_path) {
        Ok(journal) => {
            let mut lines = journal.lines();
            let header = lines.next();
            let staged = lines.next().filter(|name| {
                name.starts_with(INSIDE_PREFIX) && !name.contains(['/', '\\']) && *name != ".."
            });
            let inside = |p: &PathBuf| p.components().all(|c| matches!(c, Component::Normal(_)));
            match (header, staged) {
                (Some(header @ (JOURNAL_HEADER | JOURNAL_HEADER_V1)), Some(staged)) => {
                    let root = out.join(staged);
                    let (mut files, mut removals) = (Vec::new(), Vec::new());
                    for line in lines {
                        let (list, path) = match line.split_at_checked(2) {
                            _ if header == JOURNAL_HEADER_V1 => (&mut files, line),
                            Some(("+ ", path)) => (&mut files, path),
                            Some(("- ", path)) => (&mut removals, path),
                            _ => continue,
                        };
                        list.push(PathBuf::from(path));
                    }
                    files.retain(inside);
                    removals.retain(inside);
                    move_into_place(&root, out, files.iter())?;
                    remove_in_place(out, removals.iter())?;
                    finish_commit(&root, out)?;
                }
                _ => bail!(
                    "`{}` is not a journal of alliance tools; remove it and run again",
                    journal_path.display()
                ),
            }
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read `{}`", journal_path.display()));
        }
    }
    remove_leftovers(out, INSIDE_PREFIX)
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
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        walk(dir, dir, &mut names);
        names.sort();
        names
    }

    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("inside");
            out.push(rel.to_string_lossy().replace('\\', "/"));
            if path.is_dir() && !path.is_symlink() {
                walk(root, &path, out);
            }
        }
    }

    fn stage(out: &Path, files: &[(&str, &str)]) -> anyhow::Result<()> {
        let staging = Staging::new(out, false)?;
        for (path, text) in files {
            staging.write(Path::new(path), text.as_bytes())?;
        }
        staging.commit()
    }

    #[test]
    fn a_new_folder_appears_whole_and_nothing_is_left_beside_it() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "a"), ("csv/b.csv", "b")]).expect("writes");
        assert_eq!(
            listing(tmp.path()),
            ["out", "out/a.json", "out/csv", "out/csv/b.csv"]
        );
        assert_eq!(std::fs::read(out.join("csv/b.csv")).expect("read"), b"b");
    }

    #[test]
    fn a_folder_with_files_is_updated_and_its_other_files_kept() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "old"), ("csv/b.csv", "old")]).expect("writes");
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        stage(&out, &[("a.json", "new"), ("csv/b.csv", "new")]).expect("writes");
        assert_eq!(
            listing(&out),
            ["a.json", "csv", "csv/b.csv", "notes.txt"],
            "no staging folder or journal is left"
        );
        assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"new");
        assert_eq!(std::fs::read(out.join("notes.txt")).expect("read"), b"mine");
    }

    #[test]
    fn a_failure_part_way_leaves_the_previous_files_and_no_temporary_file() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "old a"), ("csv/b.csv", "old b")]).expect("writes");
        // the third file cannot be written: a folder is in its way
        std::fs::create_dir(out.join("csv/c.csv")).expect("mkdir");
        let err = stage(
            &out,
            &[
                ("a.json", "new a"),
                ("csv/b.csv", "new b"),
                ("csv/c.csv", "c"),
            ],
        )
        .expect_err("fails");
        assert!(format!("{err:#}").contains("c.csv"), "{err:#}");
        assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"old a");
        assert_eq!(listing(&out), ["a.json", "csv", "csv/b.csv", "csv/c.csv"]);
    }

    #[test]
    fn a_path_outside_the_output_folder_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let staging = Staging::new(&tmp.path().join("out"), false).expect("staging");
        for bad in ["../escape.txt", "/etc/passwd", ""] {
            let err = staging.create(Path::new(bad)).expect_err(bad);
            assert!(format!("{err:#}").contains("not a plain path"), "{err:#}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_old_predictable_temporary_name_is_not_followed() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("alliance.json", "old")]).expect("writes");
        let victim = tmp.path().join("victim.txt");
        std::fs::write(&victim, "precious").expect("write");
        // the name every earlier version wrote its temporary file under
        let planted = out.join(format!(".alliance.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        stage(&out, &[("alliance.json", "new")]).expect("writes");
        assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
        let meta = std::fs::symlink_metadata(out.join("alliance.json")).expect("meta");
        assert!(meta.is_file(), "the output is a file, not a link");
        assert_eq!(
            std::fs::read(out.join("alliance.json")).expect("read"),
            b"new"
        );
    }

    #[test]
    fn a_file_another_program_writes_is_committed_with_the_set() {
        let tmp = tempfile::tempdir().expect("temp dir");
        for existing in [false, true] {
            let out = tmp.path().join(format!("out-{existing}"));
            if existing {
                stage(&out, &[("old.txt", "old")]).expect("writes");
            }
            let staging = Staging::new(&out, false).expect("staging");
            staging
                .write(Path::new("a/page.html"), b"page")
                .expect("writes");
            let html = staging
                .staged_path(Path::new("a/page.html"))
                .expect("staged");
            assert_eq!(std::fs::read(&html).expect("read"), b"page");
            assert_eq!(staging.staged_path(Path::new("a/other.html")), None);
            let pdf = staging.external(Path::new("a/page.pdf")).expect("path");
            assert!(
                !out.join("a").exists(),
                "nothing is in place before the commit"
            );
            assert!(staging.external(Path::new("a/page.pdf")).is_err(), "twice");
            assert!(staging.external(Path::new("../escape.pdf")).is_err());
            // the other program writes it
            std::fs::write(&pdf, "pdf").expect("write");
            staging.commit().expect("commits");
            assert_eq!(std::fs::read(out.join("a/page.pdf")).expect("read"), b"pdf");
            assert_eq!(
                std::fs::read(out.join("a/page.html")).expect("read"),
                b"page"
            );
        }
        assert_eq!(
            listing(&tmp.path().join("out-true")),
            ["a", "a/page.html", "a/page.pdf", "old.txt"]
        );
    }

    #[test]
    fn a_file_another_program_did_not_write_fails_the_commit_and_nothing_is_put_in_place() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("page.html", "old")]).expect("writes");
        let staging = Staging::new(&out, false).expect("staging");
        staging
            .write(Path::new("page.html"), b"new")
            .expect("writes");
        staging.external(Path::new("page.pdf")).expect("path");
        let err = staging.commit().expect_err("no PDF");
        assert!(format!("{err:#}").contains("was not made"), "{err:#}");
        assert_eq!(listing(&out), ["page.html"]);
        assert_eq!(std::fs::read(out.join("page.html")).expect("read"), b"old");
    }

    #[test]
    fn staging_names_cannot_be_predicted() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join("keep"), "x").expect("write");
        let one = Staging::new(&out, false).expect("staging");
        let first = one.scratch_dir().to_path_buf();
        drop(one);
        let two = Staging::new(&out, false).expect("staging");
        assert_ne!(first, two.scratch_dir());
        assert!(!first.exists(), "a dropped staging removes its folder");
    }

    #[test]
    fn an_interrupted_commit_is_completed_by_the_next_run() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "old"), ("csv/b.csv", "old")]).expect("writes");
        // what a run killed after its first rename leaves: the journal, one file moved
        let staged = out.join(".alliance-staging-killed");
        std::fs::create_dir_all(staged.join("csv")).expect("mkdir");
        std::fs::write(staged.join("csv/b.csv"), "new").expect("write");
        std::fs::write(out.join("a.json"), "new").expect("write");
        std::fs::write(
            out.join(JOURNAL),
            format!("{JOURNAL_HEADER}\n.alliance-staging-killed\n+ a.json\n+ csv/b.csv\n"),
        )
        .expect("journal");
        // and a staging folder of a run killed before it committed
        std::fs::create_dir(out.join(".alliance-staging-older")).expect("mkdir");
        drop(Staging::new(&out, false).expect("staging"));
        assert_eq!(std::fs::read(out.join("csv/b.csv")).expect("read"), b"new");
        assert_eq!(listing(&out), ["a.json", "csv", "csv/b.csv"]);
    }

    #[test]
    fn a_journal_of_the_first_version_is_completed_too() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "old")]).expect("writes");
        let staged = out.join(".alliance-staging-killed");
        std::fs::create_dir_all(&staged).expect("mkdir");
        std::fs::write(staged.join("a.json"), "new").expect("write");
        std::fs::write(
            out.join(JOURNAL),
            format!("{JOURNAL_HEADER_V1}\n.alliance-staging-killed\na.json\n"),
        )
        .expect("journal");
        drop(Staging::new(&out, false).expect("staging"));
        assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"new");
        assert_eq!(listing(&out), ["a.json"]);
    }

    #[test]
    fn removals_happen_with_the_commit_and_after_an_interrupted_one() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(
            &out,
            &[
                ("keep.txt", "old"),
                ("s/01.toml", "old"),
                ("s/02.toml", "old"),
            ],
        )
        .expect("writes");
        let staging = Staging::new(&out, false).expect("staging");
        staging
            .write(Path::new("s/01.toml"), b"new")
            .expect("write");
        staging.remove(Path::new("s/02.toml")).expect("remove");
        staging
            .remove(Path::new("s/gone.toml"))
            .expect("a missing file is no error");
        assert!(staging.remove(Path::new("../outside")).is_err());
        assert!(
            out.join("s/02.toml").exists(),
            "nothing removed before the commit"
        );
        staging.commit().expect("commit");
        assert_eq!(listing(&out), ["keep.txt", "s", "s/01.toml"]);
        // a run killed after its renames, before its removals
        let staged = out.join(".alliance-staging-killed");
        std::fs::create_dir_all(&staged).expect("mkdir");
        std::fs::write(out.join("s/03.toml"), "old").expect("write");
        std::fs::write(
            out.join(JOURNAL),
            format!("{JOURNAL_HEADER}\n.alliance-staging-killed\n+ s/01.toml\n- s/03.toml\n- ../keep.txt\n"),
        )
        .expect("journal");
        drop(Staging::new(&out, false).expect("staging"));
        assert_eq!(listing(&out), ["keep.txt", "s", "s/01.toml"]);
    }

    #[test]
    fn a_foreign_journal_is_not_acted_on() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join(JOURNAL), "something else\n../../etc\npasswd\n").expect("write");
        let err = Staging::new(&out, false).expect_err("refused");
        assert!(format!("{err:#}").contains("not a journal"), "{err:#}");
    }

    #[test]
    fn an_output_folder_inside_the_dataset_or_around_it_is_refused() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("conferences")).expect("mkdir");
        let inside = refuse_overlap(&data, &data.join("conferences/new/out")).expect_err("inside");
        assert!(
            format!("{inside:#}").contains("inside the dataset"),
            "{inside:#}"
        );
        let around = refuse_overlap(&data, tmp.path()).expect_err("around");
        assert!(
            format!("{around:#}").contains("inside the output folder"),
            "{around:#}"
        );
        refuse_overlap(&data, &tmp.path().join("out")).expect("beside is fine");
    }
}
