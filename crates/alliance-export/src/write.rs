//! Writing the outputs all or nothing.
//!
//! Every file's bytes are made in memory before anything touches the disk. Then each file is
//! written to a temporary name in its own folder (`.alliance.json.<pid>.tmp`) and synced; only
//! when all of them are written are they renamed into place, one `rename` each. A failure
//! while writing (a full disk, an unwritable file, a kill) leaves every previous output as it
//! was and removes the temporary files; nothing is ever half-written under its real name.

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Writes every file under `dir` (which exists), all or nothing (see the module docs).
/// Sub-folders are created as needed.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> anyhow::Result<()> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    let result = stage(dir, files, &mut staged);
    if let Err(err) = result {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
        return Err(err);
    }
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

fn stage(
    dir: &Path,
    files: &[OutputFile],
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> anyhow::Result<()> {
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create output folder `{}`", parent.display()))?;
        }
        if path.is_dir() {
            bail!("cannot write `{}`: it is a folder", path.display());
        }
        let tmp = temporary(&path);
        // registered before it is created, so that a failure part-way removes it too
        staged.push((tmp.clone(), path.clone()));
        (|| -> std::io::Result<()> {
            let mut out = std::fs::File::create(&tmp)?;
            out.write_all(&file.bytes)?;
            out.sync_all()
        })()
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    Ok(())
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
