//! Where the formats write their files: [`Files`].
//!
//! [`Staging`] (the toolkit's one staged writer, [`alliance_cli::staged`]) streams each file
//! to the staging folder, synced, and puts the whole set in place only when all are written:
//! what `alliance-export` does, so that no output is ever held in memory whole and a failure
//! or a kill never leaves a mixed or half-written set. [`Memory`] keeps the bytes (what
//! [`crate::render`] returns).

use std::collections::HashMap;
use std::io::{BufWriter, Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use alliance_cli::Staging;

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

impl Files for Staging {
    type File = BufWriter<std::fs::File>;

    fn create(&self, path: &Path) -> anyhow::Result<Self::File> {
        Staging::create(self, path)
    }

    fn close(&self, path: &Path, file: Self::File) -> anyhow::Result<()> {
        Staging::close(self, path, file)
    }

    fn scratch_dir(&self) -> Option<&Path> {
        Some(Staging::scratch_dir(self))
    }
}
