//! `--git REV [PATH]`: the dataset folder as of a git revision, read from the repository's
//! objects (`git ls-tree` and `git cat-file --batch` of `REV:PATH`, written into a temporary
//! folder), so that the work tree, the index and `HEAD` are never touched, and the files are
//! what the commit holds: no `.gitattributes` filter or `export-ignore` applies, as with
//! `git archive`. What the loader says of those files names them as git does, `REV:PATH/...`
//! ([`Unpacked::relocate`]), not by the temporary folder, which is gone when the user looks.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use alliance_core::Loaded;
use alliance_core::source_map::SourceMap;
use anyhow::{Context as _, bail};

/// A dataset folder unpacked from git history; removed when dropped.
pub(crate) struct Unpacked {
    dir: tempfile::TempDir,
    /// The folder as git names it: `REV:PATH` (`PATH` from the repository's top), `REV:` for
    /// the top itself.
    name: String,
}

impl Unpacked {
    /// The dataset folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `path` as git names it (`HEAD~1:data/dataset.toml`) when it is in the unpacked folder;
    /// any other path as it is.
    fn shown(&self, path: &Path) -> PathBuf {
        let Ok(rel) = path.strip_prefix(self.path()) else {
            return path.to_path_buf();
        };
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match (self.name.ends_with(':'), rel.is_empty()) {
            (_, true) => PathBuf::from(&self.name),
            (true, false) => PathBuf::from(format!("{}{}", self.name, rel.join("/"))),
            (false, false) => PathBuf::from(format!("{}/{}", self.name, rel.join("/"))),
        }
    }

    /// `text` with the unpacked folder's path, wherever it is named, written as git names it.
    pub(crate) fn shown_text(&self, text: &str) -> String {
        let dir = self.path().display().to_string();
        let top = if self.name.ends_with(':') {
            self.name.clone()
        } else {
            format!("{}/", self.name)
        };
        text.replace(&format!("{dir}{}", std::path::MAIN_SEPARATOR), &top)
            .replace(&dir, &self.name)
    }

    /// The old dataset's diagnostics pointing into the revision: every file named as git names
    /// it (`REV:PATH/...`), in the diagnostics' locations and in their words alike, so that
    /// the user can find it (`git show REV:PATH/...`).
    pub(crate) fn relocate(&self, mut loaded: Loaded) -> Loaded {
        if loaded.diagnostics.is_empty() {
            return loaded; // nothing is shown: the paths need not change
        }
        let mut sources = SourceMap::default();
        for (_, file) in loaded.sources.iter() {
            // the same files in the same order: every `FileId` still names its file
            sources.add(self.shown(&file.path), file.text.clone());
        }
        loaded.sources = sources;
        for d in &mut loaded.diagnostics {
            d.path = d.path.as_deref().map(|p| self.shown(p));
            d.message = self.shown_text(&d.message);
            d.label = d.label.as_deref().map(|l| self.shown_text(l));
            d.help = d.help.as_deref().map(|h| self.shown_text(h));
            for note in &mut d.notes {
                *note = self.shown_text(note);
            }
        }
        loaded
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
    let blobs = match git(&top, &["ls-tree", "-r", "-z", &tree])? {
        Ok(listing) => files_of(&listing),
        Err(err) => bail!("`git ls-tree {tree}` failed: {err}"),
    };
    write_blobs(&top, &blobs, dir.path())
        .with_context(|| format!("cannot read `{tree}` from git"))?;
    let name = if prefix.is_empty() {
        format!("{rev}:")
    } else {
        format!("{rev}:{prefix}")
    };
    Ok(Unpacked { dir, name })
}

/// The regular files of a `git ls-tree -r -z` listing: (object id, path). Links and
/// submodules are left out, as the loader reads regular files only.
fn files_of(listing: &str) -> Vec<(String, PathBuf)> {
    listing
        .split('\0')
        .filter_map(|entry| {
            let (meta, path) = entry.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (mode, kind, oid) = (meta.next()?, meta.next()?, meta.next()?);
            let path = PathBuf::from(path);
            let inside = path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            (kind == "blob" && mode.starts_with("100") && inside).then(|| (oid.to_owned(), path))
        })
        .collect()
}

/// Writes each blob's content, as git stores it (no attributes, filters or `export-ignore`
/// applied, unlike `git archive`), to its path under `dir`, through one `git cat-file
/// --batch`.
fn write_blobs(top: &Path, blobs: &[(String, PathBuf)], dir: &Path) -> anyhow::Result<()> {
    let mut child = Command::new("git")
        .current_dir(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run `git cat-file`")?;
    let mut stdin = child.stdin.take().context("git cat-file has no input")?;
    let ids: String = blobs.iter().map(|(oid, _)| format!("{oid}\n")).collect();
    // written from another thread: git answers while it reads, and a full pipe each way
    // would otherwise wait forever
    let feeder = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().context("git cat-file has no output")?);
    for (oid, path) in blobs {
        let mut header = String::new();
        out.read_line(&mut header)?;
        let size: usize = match header.trim_end().split(' ').collect::<Vec<_>>()[..] {
            [got, "blob", size] if got == oid => size.parse()?,
            _ => bail!(
                "unexpected answer from git cat-file for `{}`: {header:?}",
                path.display()
            ),
        };
        let mut content = vec![0; size];
        out.read_exact(&mut content)?;
        let mut newline = [0u8; 1];
        out.read_exact(&mut newline)?;
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, content)?;
    }
    feeder
        .join()
        .map_err(|_| anyhow::anyhow!("writing to git cat-file failed"))??;
    let status = child.wait().context("cannot wait for `git cat-file`")?;
    if !status.success() {
        bail!("git cat-file failed ({status})");
    }
    Ok(())
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
