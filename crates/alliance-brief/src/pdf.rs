//! Printing a brief to PDF with headless Chromium, as `--pdf` does and CI does to prove that
//! every brief takes exactly one A4 page.
//!
//! Each print gets a fresh, empty Chromium profile (a `tempfile` folder, deleted afterwards)
//! and is killed if it takes longer than [`TIMEOUT`]. Chromium writes the PDF itself, at the
//! path it is given: under `--pdf` the one [`alliance_cli::Staging::external`] gives, inside
//! the staging folder, so that no name is made up here and nothing is put in place here. The
//! PDF is checked where it was written, and removed again when Chromium failed or it has more
//! than one page: a staging whose external file was not made cannot commit.

use std::ffi::OsStr;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Longest a single print may take before Chromium is killed.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The executables tried, in order, on `PATH`.
pub const CANDIDATES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The flags of every headless Chromium run of the workspace (printing here, measuring in
/// `examples/calibrate.rs`, the one-page check of `cargo xtask ci`): no sandbox (CI runs as
/// root), no GPU, and nothing that reaches the network or shows a first-run page.
pub const HEADLESS_FLAGS: [&str; 9] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
];

/// A Chromium executable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chromium {
    /// Its path.
    pub path: PathBuf,
}

/// Why a brief could not be printed.
#[derive(Debug)]
pub enum PrintError {
    /// No Chromium on `PATH`.
    NotFound,
    /// Chromium could not be started, or a file could not be read or written.
    Io {
        /// What was being done.
        doing: String,
        /// The error.
        source: io::Error,
    },
    /// Chromium exited with an error.
    Failed {
        /// Its exit status.
        status: ExitStatus,
        /// The end of what it printed on stderr.
        stderr: String,
    },
    /// Chromium took longer than [`TIMEOUT`] and was killed.
    Timeout,
    /// Chromium exited successfully but wrote no PDF.
    NoOutput,
    /// The PDF has more than one page (it was not kept).
    TooManyPages {
        /// The HTML printed.
        html: PathBuf,
        /// Its pages.
        pages: usize,
    },
}

impl fmt::Display for PrintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrintError::NotFound => write!(
                f,
                "--pdf needs Chromium, which was not found on PATH (looked for {}); install it \
                 with `apt-get install chromium`",
                CANDIDATES.join(", ")
            ),
            PrintError::Io { doing, source } => write!(f, "{doing}: {source}"),
            PrintError::Failed { status, stderr } => {
                write!(f, "chromium failed ({status})")?;
                if !stderr.is_empty() {
                    write!(f, ": {stderr}")?;
                }
                Ok(())
            }
            PrintError::Timeout => write!(
                f,
                "chromium did not finish printing within {} seconds and was stopped",
                TIMEOUT.as_secs()
            ),
            PrintError::NoOutput => write!(f, "chromium exited without writing the PDF"),
            PrintError::TooManyPages { html, pages } => write!(
                f,
                "`{}` printed on {pages} pages instead of one; no PDF written",
                html.display()
            ),
        }
    }
}

impl std::error::Error for PrintError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PrintError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn io_err(doing: impl Into<String>) -> impl FnOnce(io::Error) -> PrintError {
    let doing = doing.into();
    move |source| PrintError::Io { doing, source }
}

/// The first of [`CANDIDATES`] found on `PATH`.
pub fn find_chromium() -> Result<Chromium, PrintError> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    find_in(&path).ok_or(PrintError::NotFound)
}

fn find_in(path: &OsStr) -> Option<Chromium> {
    CANDIDATES.iter().find_map(|name| {
        std::env::split_paths(path)
            .map(|dir| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)))
            .find(|p| is_executable(p))
            .map(|path| Chromium { path })
    })
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// Prints `html` to `pdf` and returns its page count, which is always 1.
///
/// `pdf` is where the PDF is to be, and where nothing is yet: the path
/// [`Staging::external`](alliance_cli::Staging::external) gives for it (a file already there
/// is an error, and is left alone). Chromium writes the PDF there itself, and it is checked
/// there; on any error after Chromium started (it failed, timed out, wrote no PDF, or one of
/// more than one page) whatever it wrote at `pdf` is removed, so nothing is left there.
pub fn print(chromium: &Chromium, html: &Path, pdf: &Path) -> Result<usize, PrintError> {
    let html =
        std::fs::canonicalize(html).map_err(io_err(format!("cannot find `{}`", html.display())))?;
    if std::fs::symlink_metadata(pdf).is_ok() {
        return Err(PrintError::Io {
            doing: format!("cannot print to `{}`", pdf.display()),
            source: io::Error::new(io::ErrorKind::AlreadyExists, "a file is already there"),
        });
    }
    let result = print_to(chromium, &html, pdf).and_then(|bytes| match count_pages(&bytes) {
        1 => Ok(1),
        pages => Err(PrintError::TooManyPages { html, pages }),
    });
    if result.is_err() {
        // what Chromium left, if anything: the path was free before it started
        let _ = std::fs::remove_file(pdf);
    }
    result
}

/// Runs Chromium once and returns the PDF it wrote to `out`.
fn print_to(chromium: &Chromium, html: &Path, out: &Path) -> Result<Vec<u8>, PrintError> {
    let profile = tempfile::Builder::new()
        .prefix("alliance-brief-chromium-")
        .tempdir()
        .map_err(io_err("cannot create a temporary Chromium profile"))?;
    let log_path = profile.path().join("stderr.log");
    let log = std::fs::File::create(&log_path)
        .map_err(io_err("cannot create a temporary Chromium log"))?;
    let mut print_arg = std::ffi::OsString::from("--print-to-pdf=");
    print_arg.push(out);
    let mut profile_arg = std::ffi::OsString::from("--user-data-dir=");
    profile_arg.push(profile.path().join("profile"));
    let mut child = Command::new(&chromium.path)
        .args(HEADLESS_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(profile_arg)
        .arg(print_arg)
        .arg(file_url(html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(io_err(format!(
            "cannot start `{}`",
            chromium.path.display()
        )))?;

    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PrintError::Timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(io_err("cannot wait for chromium")(e));
            }
        }
    };
    if !status.success() {
        let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let stderr = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
        return Err(PrintError::Failed { status, stderr });
    }
    match std::fs::read(out) {
        Ok(bytes) if bytes.starts_with(b"%PDF") => Ok(bytes),
        Ok(_) => Err(PrintError::NoOutput),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(PrintError::NoOutput),
        Err(e) => Err(io_err("cannot read the PDF chromium wrote")(e)),
    }
}

/// A `file://` URL for an absolute path, percent-encoding what a URL path cannot hold.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). Chromium writes them
/// uncompressed; `0` when none is found.
pub fn count_pages(pdf: &[u8]) -> usize {
    let mut pages = 0;
    let mut rest = pdf;
    while let Some(at) = find(rest, b"/Type") {
        rest = &rest[at + 5..];
        let value = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        let after = &rest[value..];
        if after.starts_with(b"/Page") && !after.get(5).is_some_and(|b| b.is_ascii_alphanumeric()) {
            pages += 1;
        }
    }
    pages
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/ü#1.html")),
            "file:///tmp/a%20b/%C3%BC%231.html"
        );
    }

    #[test]
    fn pages_are_counted_not_the_page_tree() {
        let pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page>>\n\
                    3 0 obj <</Type/Page /Parent 1 0 R>>\n4 0 obj <</Type /PageLabel>>";
        assert_eq!(count_pages(pdf), 2);
        assert_eq!(count_pages(b"not a pdf"), 0);
    }

    #[test]
    fn chromium_is_looked_up_on_the_path_only() {
        assert_eq!(find_in(OsStr::new("")), None);
        let empty = tempfile::tempdir().expect("temp dir");
        assert_eq!(find_in(empty.path().as_os_str()), None);
        let message = PrintError::NotFound.to_string();
        assert!(message.contains("apt-get install chromium"), "{message}");
    }

    /// What a fake Chromium does with the path of `--print-to-pdf`.
    #[cfg(unix)]
    enum Prints {
        /// Writes a PDF of this many pages there and exits 0.
        Pages(usize),
        /// Writes a page there, then exits 3.
        Fails,
        /// Writes nothing and exits 0.
        Nothing,
    }

    /// A fake `chromium` in `dir` that logs the path it is told to print to (`dir/printed-to`)
    /// and does what `prints` says.
    #[cfg(unix)]
    fn fake_chromium(dir: &Path, prints: Prints) -> Chromium {
        use std::os::unix::fs::PermissionsExt;
        let page = "<</Type /Page>>\n";
        let act = match prints {
            Prints::Pages(n) => format!("printf '%%PDF-1.4\\n{}' > \"$out\"", page.repeat(n)),
            Prints::Fails => format!("printf '%%PDF-1.4\\n{page}' > \"$out\"; exit 3"),
            Prints::Nothing => "true".to_owned(),
        };
        let log = dir.join("printed-to");
        let script = format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; \
             esac; done\nprintf '%s' \"$out\" > '{}'\n{act}\n",
            log.display()
        );
        let path = dir.join("chromium");
        std::fs::write(&path, script).expect("write the fake chromium");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Chromium { path }
    }

    /// The files below `dir`, relative, sorted.
    #[cfg(unix)]
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    todo.push(path);
                } else if let Ok(rel) = path.strip_prefix(dir) {
                    out.push(rel.display().to_string());
                }
            }
        }
        out.sort();
        out
    }

    /// A staging of `out` holding `a/brief.html`, with the staged page and the external path
    /// of `a/brief.pdf`.
    #[cfg(unix)]
    fn staged_brief(out: &Path) -> (alliance_cli::Staging, PathBuf, PathBuf) {
        let staging = alliance_cli::Staging::new(out, false).expect("staging");
        let html = Path::new("a/brief.html");
        staging.write(html, b"<p>brief</p>").expect("write");
        let staged = staging.staged_path(html).expect("staged");
        let pdf = staging
            .external(Path::new("a/brief.pdf"))
            .expect("external");
        (staging, staged, pdf)
    }

    #[cfg(unix)]
    #[test]
    fn chromium_prints_to_the_external_path_of_the_staging_and_no_other_name_is_made() {
        let bin = tempfile::tempdir().expect("temp dir");
        let chromium = fake_chromium(bin.path(), Prints::Pages(1));
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        let (staging, html, pdf) = staged_brief(&out);
        assert_eq!(print(&chromium, &html, &pdf).expect("printed"), 1);
        let told = std::fs::read_to_string(bin.path().join("printed-to")).expect("log");
        assert_eq!(Path::new(&told), pdf);
        // the staging folder holds the page and its PDF, nothing else
        assert_eq!(
            files(staging.scratch_dir()),
            ["a/brief.html", "a/brief.pdf"]
        );
        staging.commit().expect("commit");
        assert_eq!(files(&out), ["a/brief.html", "a/brief.pdf"]);
        assert_eq!(files(tmp.path()), ["out/a/brief.html", "out/a/brief.pdf"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_print_leaves_nothing_at_the_external_path_and_nothing_committed() {
        for prints in [Prints::Pages(2), Prints::Fails, Prints::Nothing] {
            let bin = tempfile::tempdir().expect("temp dir");
            let chromium = fake_chromium(bin.path(), prints);
            let tmp = tempfile::tempdir().expect("temp dir");
            let out = tmp.path().join("out");
            let (staging, html, pdf) = staged_brief(&out);
            let err = print(&chromium, &html, &pdf).expect_err("not printed");
            let message = err.to_string();
            match err {
                PrintError::TooManyPages { pages, .. } => {
                    assert_eq!(pages, 2);
                    assert!(
                        message.ends_with("printed on 2 pages instead of one; no PDF written"),
                        "{message}"
                    );
                }
                PrintError::Failed { .. } => assert!(message.starts_with("chromium failed")),
                PrintError::NoOutput => {
                    assert_eq!(message, "chromium exited without writing the PDF");
                }
                other => panic!("{other}"),
            }
            assert_eq!(files(staging.scratch_dir()), ["a/brief.html"], "{message}");
            let commit = staging.commit().expect_err("nothing to commit");
            assert!(
                format!("{commit:#}").ends_with("it was not made; nothing was written"),
                "{commit:#}"
            );
            assert!(!out.exists());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_file_already_at_the_path_is_refused_and_left_alone() {
        let bin = tempfile::tempdir().expect("temp dir");
        let chromium = fake_chromium(bin.path(), Prints::Pages(1));
        let html = bin.path().join("brief.html");
        std::fs::write(&html, "<p>brief</p>").expect("write");
        let pdf = bin.path().join("brief.pdf");
        std::fs::write(&pdf, "earlier").expect("write");
        let err = print(&chromium, &html, &pdf).expect_err("refused");
        assert_eq!(
            err.to_string(),
            format!(
                "cannot print to `{}`: a file is already there",
                pdf.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&pdf).expect("read"), "earlier");
        // Chromium was not started
        assert!(!bin.path().join("printed-to").exists());
    }
}
