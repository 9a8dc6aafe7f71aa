//! Writing the outputs all or nothing.
//!
//! Each file is written to a temporary name in its own folder (`.alliance.json.<pid>.tmp`) and
//! synced; only when all of them are written are they renamed into place, one `rename` each.
//! A failure while writing (a full disk, an unwritable file, a kill) leaves every previous
//! output as it was and removes the temporary files; nothing is ever half-written under its
//! real name.
//!
//! The formats write their files through [`Files`]: [`Staging`] streams each file straight to
//! its temporary name (what `alliance-export` does, so that no output is ever held in memory
//! whole), [`Memory`] keeps the bytes (what [`crate::render`] returns). [`write_all`] stages
//! files already in memory.

use std::collections::HashMap;
use std::io::{self, BufWriter, Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, bail};

/// One output file: its path relative to the output folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `csv/sessions.csv`.
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file at `path` (relative to the output folder).
    pub fn new(path: impl Into<PathBuf>, bytes: Vec<u8>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes,
        }
    }
}

/// The temporary name `path` is written under before it is renamed into place.
fn temporary(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Where a format writes its files: paths are relative to the output folder.
pub trait Files: Sync {
    /// A file being written.
    type File: Write + Seek + Send;
    /// Starts the file at `path`.
    fn create(&self, path: &Path) -> anyhow::Result<Self::File>;
    /// Ends the file at `path`, all of it written.
    fn close(&self, path: &Path, file: Self::File) -> anyhow::Result<()>;
    /// A folder for scratch files that the output may take a while to make (the workbook's
    /// rows), on the same disk as the output; `None` for the system's.
    fn scratch_dir(&self) -> Option<&Path>;
}

/// Files kept in memory.
#[derive(Debug, Default)]
pub struct Memory {
    files: Mutex<HashMap<PathBuf, Vec<u8>>>,
}

impl Memory {
    /// The file at `path`, if one was written there.
    pub fn take(&self, path: &Path) -> Option<OutputFile> {
        let bytes = self
            .files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(path)?;
        Some(OutputFile::new(path, bytes))
    }
}

impl Files for Memory {
    type File = Cursor<Vec<u8>>;

    fn create(&self, _: &Path) -> anyhow::Result<Self::File> {
        Ok(Cursor::new(Vec::new()))
    }

    fn close(&self, path: &Path, file: Self::File) -> anyhow::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path.to_path_buf(), file.into_inner());
        Ok(())
    }

    fn scratch_dir(&self) -> Option<&Path> {
        None
    }
}

/// Files streamed to temporary names in the output folder, renamed into place by
/// [`Staging::commit`] once all are written; dropped without a commit, it removes them.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    /// Temporary name and final name of every file started, in order.
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staging {
    /// Stages files under `dir`, which exists.
    pub fn new(dir: &Path) -> Staging {
        Staging {
            dir: dir.to_path_buf(),
            staged: Mutex::new(Vec::new()),
        }
    }

    fn staged(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        self.staged.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Renames every staged file into place. Call it only when every file has been closed.
    pub fn commit(self) -> anyhow::Result<()> {
        let staged = std::mem::take(&mut *self.staged());
        for (i, (tmp, path)) in staged.iter().enumerate() {
            if let Err(err) = std::fs::rename(tmp, path) {
                for (tmp, _) in &staged[i..] {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(err).with_context(|| format!("cannot write `{}`", path.display()));
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        for (tmp, _) in self.staged().iter() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Files for Staging {
    type File = BufWriter<std::fs::File>;

    fn create(&self, path: &Path) -> anyhow::Result<Self::File> {
        let path = self.dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create output folder `{}`", parent.display()))?;
        }
        if path.is_dir() {
            bail!("cannot write `{}`: it is a folder", path.display());
        }
        let tmp = temporary(&path);
        // registered before it is created, so that a failure part-way removes it too
        self.staged().push((tmp.clone(), path.clone()));
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        Ok(BufWriter::with_capacity(1 << 16, file))
    }

    fn close(&self, path: &Path, file: Self::File) -> anyhow::Result<()> {
        (|| -> io::Result<()> {
            let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.sync_all()
        })()
        .with_context(|| format!("cannot write `{}`", self.dir.join(path).display()))
    }

    fn scratch_dir(&self) -> Option<&Path> {
        Some(&self.dir)
    }
}

/// Writes every file under `dir` (which exists), all or nothing (see the module docs).
/// Sub-folders are created as needed.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let staging = Staging::new(dir);
    for file in files {
        let mut out = staging.create(&file.path)?;
        out.write_all(&file.bytes)
            .with_context(|| format!("cannot write `{}`", dir.join(&file.path).display()))?;
        staging.close(&file.path, out)?;
    }
    staging.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names = Vec::new();
        for entry in walk(dir) {
            names.push(
                entry
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
        names.sort();
        names
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn writes_every_file_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let files = [
            OutputFile::new("a.json", b"a".to_vec()),
            OutputFile::new("csv/b.csv", b"b".to_vec()),
        ];
        write_all(tmp.path(), &files).expect("writes");
        assert_eq!(listing(tmp.path()), ["a.json", "csv/b.csv"]);
        assert_eq!(
            std::fs::read(tmp.path().join("csv/b.csv")).expect("read"),
            b"b"
        );
    }

    #[test]
    fn a_failure_part_way_leaves_the_previous_files_and_no_temporary_file() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let old = [
            OutputFile::new("a.json", b"old a".to_vec()),
            OutputFile::new("csv/b.csv", b"old b".to_vec()),
        ];
        write_all(tmp.path(), &old).expect("writes");
        // the third file cannot be written: a folder is in its way
        std::fs::create_dir(tmp.path().join("csv/c.csv")).expect("mkdir");
        let new = [
            OutputFile::new("a.json", b"new a".to_vec()),
            OutputFile::new("csv/b.csv", b"new b".to_vec()),
            OutputFile::new("csv/c.csv", b"new c".to_vec()),
        ];
        let err = write_all(tmp.path(), &new).expect_err("fails");
        assert!(format!("{err:#}").contains("c.csv"), "{err:#}");
        assert_eq!(
            std::fs::read(tmp.path().join("a.json")).expect("read"),
            b"old a"
        );
        assert_eq!(
            std::fs::read(tmp.path().join("csv/b.csv")).expect("read"),
            b"old b"
        );
        assert_eq!(listing(tmp.path()), ["a.json", "csv/b.csv"]);
    }
}
