//! The journal of a commit, and the completion of one a killed run left.
//!
//! The journal is written to `.alliance-commit` in the output folder before the first file of
//! a commit is moved into place:
//!
//! ```text
//! alliance staged commit v3
//! .alliance-staging-Ab12Cd
//! folder 2049 1234567
//! + alliance-17/criminal-justice.html
//! - alliance-17/sessions/09-old.toml
//! ```
//!
//! the staging folder's name, its device and inode (`folder - -` where the platform has none),
//! then a line per file: `+ PATH` moved from the staging folder into place, `- PATH` removed.
//! A journal is acted on only when it names a staging folder that is a real folder inside the
//! output folder (never a link), the very one its run created (device and inode), and when
//! every path it lists stays inside the output folder without passing a link. Anything else
//! is refused and left as it is. Journals of earlier versions (`v1`: a path a line, every one
//! moved; `v2`: `+`/`-` lines without the folder line) are completed on the same conditions,
//! but for the identity they do not record.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::beneath::{Entry, Folder, Identity};
use super::{INSIDE_PREFIX, JOURNAL};

/// The first line of a journal.
pub(super) const HEADER: &str = "alliance staged commit v3";
/// The first line of a journal of the second version (no folder identity).
pub(super) const HEADER_V2: &str = "alliance staged commit v2";
/// The first line of a journal of the first version: a file's path alone on each line, every
/// file moved into place.
pub(super) const HEADER_V1: &str = "alliance staged commit v1";

/// A commit: the staging folder and the files it moves and removes, relative to the output
/// folder.
#[derive(Debug, Default)]
pub(super) struct Journal {
    /// The staging folder's name, in the output folder.
    pub(super) staged: String,
    /// The staging folder's device and inode, when recorded.
    pub(super) identity: Identity,
    /// Files moved from the staging folder into place.
    pub(super) files: Vec<PathBuf>,
    /// Files removed after the moves.
    pub(super) removals: Vec<PathBuf>,
}

impl Journal {
    /// The journal's text.
    pub(super) fn render(&self) -> String {
        let identity = match self.identity {
            Some((dev, ino)) => format!("{dev} {ino}"),
            None => "- -".to_owned(),
        };
        let mut text = format!("{HEADER}\n{}\nfolder {identity}\n", self.staged);
        for (sign, paths) in [("+", &self.files), ("-", &self.removals)] {
            for path in paths {
                text.push_str(&format!("{sign} {}\n", path.to_string_lossy()));
            }
        }
        text
    }

    /// Reads a journal's text; `Err` says why it is not one.
    pub(super) fn parse(text: &str) -> Result<Journal, String> {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("");
        if ![HEADER, HEADER_V2, HEADER_V1].contains(&header) {
            return Err("its first line is not that of a journal".to_owned());
        }
        let staged = lines.next().unwrap_or("");
        if !staged.starts_with(INSIDE_PREFIX) || staged.contains(['/', '\\']) {
            return Err(format!(
                "it names `{staged}`, which is not the name of a staging folder"
            ));
        }
        let mut journal = Journal {
            staged: staged.to_owned(),
            ..Journal::default()
        };
        if header == HEADER {
            let line = lines.next().unwrap_or("");
            let parts: Vec<&str> = line.split(' ').collect();
            journal.identity = match parts.as_slice() {
                ["folder", "-", "-"] => None,
                ["folder", dev, ino] => match (dev.parse(), ino.parse()) {
                    (Ok(dev), Ok(ino)) => Some((dev, ino)),
                    _ => return Err(format!("its folder line `{line}` is not readable")),
                },
                _ => return Err(format!("its third line `{line}` is not a folder line")),
            };
        }
        for line in lines {
            let (list, path) = match line.split_at_checked(2) {
                _ if header == HEADER_V1 => (&mut journal.files, line),
                Some(("+ ", path)) => (&mut journal.files, path),
                Some(("- ", path)) => (&mut journal.removals, path),
                _ => {
                    return Err(format!(
                        "its line `{line}` is neither `+ PATH` nor `- PATH`"
                    ));
                }
            };
            let path = PathBuf::from(path);
            if !super::is_plain(&path) {
                return Err(format!(
                    "it lists `{}`, which is not a plain path inside the folder",
                    path.display()
                ));
            }
            list.push(path);
        }
        Ok(journal)
    }
}

/// Checks, before anything moves, that every file of `journal` can go into place and every
/// removal stays inside `out`: no folder on the way is a link or a file, in the staging folder
/// or in `out`, nothing staged is a link, and no file is to replace a folder.
pub(super) fn check(root: &Folder, out: &Folder, journal: &Journal) -> anyhow::Result<()> {
    for path in &journal.files {
        let staged = root
            .entry(path)
            .with_context(|| format!("cannot move `{}` into place", path.display()))?;
        if !matches!(staged, Entry::File | Entry::Missing) {
            bail!(
                "the staged `{}` is not a file",
                root.path().join(path).display()
            );
        }
        let target = out
            .entry(path)
            .with_context(|| format!("cannot write `{}`", out.path().join(path).display()))?;
        if target == Entry::Folder {
            bail!(
                "cannot write `{}`: it is a folder",
                out.path().join(path).display()
            );
        }
    }
    for path in &journal.removals {
        out.entry(path)
            .with_context(|| format!("cannot remove `{}`", out.path().join(path).display()))?;
    }
    Ok(())
}

/// Moves the journal's files into place and removes its removals (the journal checked).
pub(super) fn apply(root: &Folder, out: &Folder, journal: &Journal) -> anyhow::Result<()> {
    let completes = || {
        format!(
            "the next run into `{}` completes the set",
            out.path().display()
        )
    };
    for (done, path) in journal.files.iter().enumerate() {
        super::abort_if_asked("rename", done);
        root.move_to(path, out).with_context(|| {
            format!(
                "cannot write `{}`; {}",
                out.path().join(path).display(),
                completes()
            )
        })?;
    }
    for path in &journal.removals {
        out.remove(path).with_context(|| {
            format!(
                "cannot remove `{}`; {}",
                out.path().join(path).display(),
                completes()
            )
        })?;
    }
    Ok(())
}

/// Completes a commit that an earlier run into `out` left part-way (its journal), if any;
/// the journal completed. A journal that is not one of this toolkit's, or that would act on
/// anything but the staging folder its run created and files inside `out`, is refused with an
/// error and left alone. Call it with `out` locked.
pub(super) fn complete(out: &Path) -> anyhow::Result<Option<Journal>> {
    let journal_path = out.join(JOURNAL);
    let refuse = |why: String| {
        anyhow::anyhow!(
            "`{}` is not a journal this toolkit can complete: {why}; nothing was changed. If no \
             run of an alliance tool was killed while writing into `{}`, remove the journal and \
             run again",
            journal_path.display(),
            out.display()
        )
    };
    let folder = Folder::open(out).with_context(|| format!("cannot read `{}`", out.display()))?;
    match folder.entry(Path::new(JOURNAL)) {
        Ok(Entry::Missing) => return Ok(None),
        Ok(Entry::File) => {}
        Ok(_) => return Err(refuse("it is a link or not a file".to_owned())),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read `{}`", journal_path.display()));
        }
    }
    let text = match std::fs::read_to_string(&journal_path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read `{}`", journal_path.display()));
        }
    };
    let journal = Journal::parse(&text).map_err(refuse)?;
    let root = match folder.child(journal.staged.as_ref(), false) {
        Ok(Some(root)) => root,
        Ok(None) => {
            return Err(refuse(format!(
                "its staging folder `{}` is not there",
                journal.staged
            )));
        }
        Err(err) => return Err(refuse(format!("{err}"))),
    };
    let identity = root
        .identity()
        .with_context(|| format!("cannot read `{}`", root.path().display()))?;
    if journal.identity.is_some() && journal.identity != identity {
        return Err(refuse(format!(
            "`{}` is not the staging folder its run created",
            journal.staged
        )));
    }
    check(&root, &folder, &journal).map_err(|err| refuse(format!("{err:#}")))?;
    apply(&root, &folder, &journal)?;
    super::finish_commit(root.path(), out)?;
    Ok(Some(journal))
}
