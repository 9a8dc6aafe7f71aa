//! What every binary shows on its terminal: colour choice, the exit status, the loader's
//! diagnostics, the progress bar, and lines on stdout and stderr that survive a closed pipe.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use alliance_core::render::{Color, render_all};
use alliance_core::{Diagnostic, Loaded};

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
    pub fn load(&self, root: &Path) -> Result<Loaded, alliance_core::LoadError> {
        self.bar.set_message("loading conferences");
        let loaded = alliance_core::load_with_progress(root, &|p| {
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

/// The exit codes of every binary (`docs/contracts.md`).
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
    let text = render_all(
        &loaded.diagnostics,
        &loaded.sources,
        color_for(&io::stderr()),
    );
    write_or_closed(&mut io::stderr().lock(), text.as_bytes())?;
    Ok(loaded.has_errors().then(|| exit::code(exit::FINDINGS)))
}

/// What a tool that publishes quotations (export, brief) runs before it writes anything: the
/// loader's diagnostics as [`report_load_diagnostics`] prints them, then, on a dataset that
/// loaded without errors, the findings of `refusals` (the tool passes
/// `alliance_authority::refusals`: a quotation that is not the report's words, a bullet of the
/// report that no recommendation holds), printed on stderr as alliance-lint prints them. This
/// crate only prints: what refuses a dataset is the domain's. `Some(exit code 1)` when the
/// tool must stop; other warnings do not stop it.
pub fn check_before_publishing(
    loaded: &Loaded,
    refusals: impl FnOnce(&Loaded) -> Vec<Diagnostic>,
) -> io::Result<Option<ExitCode>> {
    if let Some(code) = report_load_diagnostics(loaded)? {
        return Ok(Some(code));
    }
    let refusals = refusals(loaded);
    if refusals.is_empty() {
        return Ok(None);
    }
    let text = render_all(&refusals, &loaded.sources, color_for(&io::stderr()));
    write_or_closed(&mut io::stderr().lock(), text.as_bytes())?;
    Ok(Some(exit::code(exit::FINDINGS)))
}

/// Writes `bytes` to `stream` and flushes it. A reader that went away (a closed pipe, as in
/// `alliance-lint data | head`) is not an error: the tool goes on and exits with the code its
/// work calls for. Any other failure (a full disk behind `2>/dev/full`) is.
pub fn write_or_closed(stream: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    match stream.write_all(bytes).and_then(|()| stream.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints a line on stdout ([`write_or_closed`]); use it (or [`outln!`](crate::outln))
/// instead of `println!`, which panics when stdout is closed.
pub fn stdout_line(line: std::fmt::Arguments<'_>) -> io::Result<()> {
    write_or_closed(&mut io::stdout().lock(), format!("{line}\n").as_bytes())
}

/// Prints a line on stderr ([`write_or_closed`]); use it (or [`errln!`](crate::errln))
/// instead of `eprintln!`, which panics when stderr is closed.
pub fn stderr_line(line: std::fmt::Arguments<'_>) -> io::Result<()> {
    write_or_closed(&mut io::stderr().lock(), format!("{line}\n").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream whose reader went away, or that is full.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(self.0.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_is_not_an_error_but_a_full_stream_is() {
        assert!(write_or_closed(&mut Failing(io::ErrorKind::BrokenPipe), b"x").is_ok());
        let err = write_or_closed(&mut Failing(io::ErrorKind::StorageFull), b"x")
            .expect_err("a full stream fails");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        let mut ok = Vec::new();
        write_or_closed(&mut ok, b"line").expect("writes");
        assert_eq!(ok, b"line");
    }
}
