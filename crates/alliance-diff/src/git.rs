//! `--git REV [PATH]`: the dataset folder as of a git revision, read from the repository's
//! objects (`git archive REV:PATH`, unpacked into a temporary folder), so that the work tree,
//! the index and `HEAD` are never touched.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};

/// A dataset folder unpacked from git history; removed when dropped.
pub(crate) struct Unpacked {
    dir: tempfile::TempDir,
}

impl Unpacked {
    /// The dataset folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Runs git in `dir`; its stdout, or its stderr's first line as the error.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Result<String, String>> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run `git` (is it installed and on PATH?)")?;
    if out.status.success() {
        Ok(Ok(String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .to_owned()))
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Ok(Err(err.lines().next().unwrap_or("").trim().to_owned()))
    }
}

/// The folder `path` (in the work tree) as of revision `rev`, unpacked into a temporary folder.
pub(crate) fn unpack(rev: &str, path: &Path) -> anyhow::Result<Unpacked> {
    if !path.is_dir() {
        bail!(
            "dataset folder `{}` does not exist in the work tree",
            path.display()
        );
    }
    let top = match git(path, &["rev-parse", "--show-toplevel"])? {
        Ok(top) => PathBuf::from(top),
        Err(err) => bail!(
            "`{}` is not in a git repository (git: {err})",
            path.display()
        ),
    };
    let prefix = relative(path, &top)?;
    if rev.starts_with('-') {
        bail!("`{rev}` is not a revision");
    }
    let commit = match git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )? {
        Ok(commit) => commit,
        Err(_) => bail!(
            "`{rev}` is not a revision of the repository `{}` (a shallow clone may lack it: \
             fetch it, or clone with the history)",
            top.display()
        ),
    };
    let tree = format!("{commit}:{prefix}");
    match git(&top, &["cat-file", "-t", &tree])? {
        Ok(kind) if kind == "tree" => {}
        _ => bail!(
            "there is no folder `{}` at `{rev}`",
            if prefix.is_empty() { "." } else { &prefix }
        ),
    }
    let dir = tempfile::Builder::new()
        .prefix("alliance-diff-")
        .tempdir()
        .context("cannot create a temporary folder")?;
    let mut child = Command::new("git")
        .current_dir(&top)
        .args(["archive", "--format=tar", &tree])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run `git archive`")?;
    let stdout = child.stdout.take().context("git archive has no output")?;
    let unpacked = tar::Archive::new(stdout).unpack(dir.path());
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    let status = child.wait().context("cannot wait for `git archive`")?;
    if !status.success() {
        bail!(
            "`git archive {tree}` failed: {}",
            stderr.lines().next().unwrap_or("").trim()
        );
    }
    unpacked.with_context(|| format!("cannot unpack `{tree}` from git"))?;
    Ok(Unpacked { dir })
}

/// `path` relative to the repository's top folder, with `/` separators (empty for the top).
fn relative(path: &Path, top: &Path) -> anyhow::Result<String> {
    let canonical = |p: &Path| {
        std::fs::canonicalize(p).with_context(|| format!("cannot resolve `{}`", p.display()))
    };
    let (path, top) = (canonical(path)?, canonical(top)?);
    let rel = path.strip_prefix(&top).with_context(|| {
        format!(
            "`{}` is outside the repository `{}`",
            path.display(),
            top.display()
        )
    })?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Ok(parts.join("/"))
}
