//! What every binary does with a loaded dataset's diagnostics, and how outputs are written:
//! colour choice, the exit status, and atomic file writes.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::load::Loaded;
use crate::render::{Color, render_all};

/// Colour for a stream: only on a terminal, and never when `NO_COLOR` is set and non-empty.
pub fn color_for(stream: &impl IsTerminal) -> Color {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && stream.is_terminal() {
        Color::Always
    } else {
        Color::Never
    }
}

/// A progress bar on stderr for long runs: drawn only when stderr is a terminal and `quiet` is
/// off; hidden (and free) otherwise. Use [`Status::load`] to load a dataset with it.
pub struct Status {
    bar: indicatif::ProgressBar,
}

impl Status {
    /// A status line for a run of `tool`.
    pub fn new(quiet: bool) -> Self {
        let bar = if quiet || !io::stderr().is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} {wide_bar} {pos}/{len}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        };
        Status { bar }
    }

    /// Loads a dataset, showing conferences parsed of how many.
    pub fn load(&self, root: &Path) -> Result<crate::Loaded, crate::LoadError> {
        self.bar.set_message("loading conferences");
        let loaded = crate::load_with_progress(root, &|p| {
            self.bar.set_length(p.total as u64);
            self.bar.set_position(p.done as u64);
        });
        self.bar.set_length(0);
        self.bar.set_position(0);
        loaded
    }

    /// Shows what the tool is doing now.
    pub fn phase(&self, message: &'static str) {
        self.bar.set_message(message);
        self.bar.tick();
    }

    /// Runs `f` (which prints) with the bar hidden, then shows it again.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar before the tool prints its results.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Status {
    /// A tool that returns early (an error) leaves no bar behind.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// The exit codes of every binary (`shared/PRODUCT.md`).
pub mod exit {
    use std::process::ExitCode;
    /// Success.
    pub const SUCCESS: u8 = 0;
    /// The dataset has error-level findings.
    pub const FINDINGS: u8 = 1;
    /// The tool could not run.
    pub const FAILURE: u8 = 2;

    /// `ExitCode` from one of the codes above.
    pub fn code(code: u8) -> ExitCode {
        ExitCode::from(code)
    }
}

/// Prints a loaded dataset's diagnostics (if any) to stderr the way every binary does, and
/// returns `Some(exit code 1)` when the dataset has errors and the tool must stop.
pub fn report_load_diagnostics(loaded: &Loaded) -> io::Result<Option<ExitCode>> {
    if loaded.diagnostics.is_empty() {
        return Ok(None);
    }
    let stderr = io::stderr();
    let text = render_all(&loaded.diagnostics, &loaded.sources, color_for(&stderr));
    stderr.lock().write_all(text.as_bytes())?;
    Ok(loaded.has_errors().then(|| exit::code(exit::FINDINGS)))
}

/// Writes `contents` to `path` atomically: to a temporary file in the same folder, synced,
/// then renamed over `path`. A failure leaves any previous file at `path` untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_cleans_up() {
        let dir = std::env::temp_dir().join(format!("alliance-core-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("out.json");
        write_atomic(&path, b"one").expect("first write");
        write_atomic(&path, b"two").expect("second write");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["out.json"], "no temporary file is left behind");
        // writing into a folder that does not exist fails and creates nothing
        assert!(write_atomic(&dir.join("missing/out.json"), b"x").is_err());
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
