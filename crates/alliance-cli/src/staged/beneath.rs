//! File operations below a folder that never follow a link.
//!
//! A commit, and the recovery of an interrupted one, moves and removes files at paths a
//! journal gives. Each path is walked from a folder opened once ([`Folder`]), one component at
//! a time, and a component that is a link (or not a folder) stops the walk with an error: a
//! link planted inside an output folder (`out/link -> ../outside`) can never make a run write,
//! move or delete anything outside it. On Unix every step is relative to an open folder
//! (`openat` with `O_NOFOLLOW`, `renameat`, `unlinkat`), so a link swapped in while a run walks
//! is refused too; elsewhere each component is checked with `symlink_metadata` before use.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::OsStr;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

/// What a path below a folder is, without following a link at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    /// Nothing is there (or a folder on the way is missing).
    Missing,
    /// A regular file.
    File,
    /// A folder.
    Folder,
    /// A link (never followed) or a special file.
    Other,
}

/// Who a folder is: its device and inode, where the platform tells them.
pub(super) type Identity = Option<(u64, u64)>;

/// A folder, opened once; the paths below it are walked without following links.
#[derive(Debug)]
pub(super) struct Folder {
    /// The folder's path, for messages (and, outside Unix, for the operations).
    path: PathBuf,
    /// The folders below it opened so far, by their path relative to it.
    below: RefCell<HashMap<PathBuf, Rc<Folder>>>,
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
}

/// The components of `rel`, each a plain name, or an error naming the path.
fn names(rel: &Path) -> io::Result<Vec<&OsStr>> {
    let mut out = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(name) => out.push(name),
            _ => {
                return Err(io::Error::other(format!(
                    "`{}` is not a plain path",
                    rel.display()
                )));
            }
        }
    }
    if out.is_empty() {
        return Err(io::Error::other("an empty path"));
    }
    Ok(out)
}

/// The error for a folder on a path that is a link or no folder.
fn blocked(path: &Path, what: Entry) -> io::Error {
    let is = match what {
        Entry::File => "a file, not a folder",
        _ => "a link or a special file",
    };
    io::Error::other(format!(
        "`{}` is {is}: the toolkit follows no link inside a folder it writes",
        path.display()
    ))
}

impl Folder {
    #[cfg(unix)]
    fn new(path: PathBuf, fd: std::os::fd::OwnedFd) -> Folder {
        Folder {
            path,
            below: RefCell::default(),
            fd,
        }
    }

    #[cfg(not(unix))]
    fn new(path: PathBuf) -> Folder {
        Folder {
            path,
            below: RefCell::default(),
        }
    }

    /// The folder at `path` (a link at `path` itself is followed: it is the folder the user
    /// named).
    pub(super) fn open(path: &Path) -> io::Result<Folder> {
        #[cfg(unix)]
        {
            use rustix::fs::{CWD, Mode, OFlags, openat};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = openat(CWD, path, flags, Mode::empty())?;
            Ok(Folder::new(path.to_path_buf(), fd))
        }
        #[cfg(not(unix))]
        {
            if !std::fs::metadata(path)?.is_dir() {
                return Err(io::Error::other(format!(
                    "`{}` is not a folder",
                    path.display()
                )));
            }
            Ok(Folder::new(path.to_path_buf()))
        }
    }

    /// The folder's path.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Its device and inode (`None` outside Unix).
    pub(super) fn identity(&self) -> io::Result<Identity> {
        #[cfg(unix)]
        {
            let stat = rustix::fs::fstat(&self.fd)?;
            #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
            Ok(Some((stat.st_dev as u64, stat.st_ino as u64)))
        }
        #[cfg(not(unix))]
        {
            Ok(None)
        }
    }

    /// What `name`, directly in this folder, is (a link is [`Entry::Other`], not followed).
    fn entry_here(&self, name: &OsStr) -> io::Result<Entry> {
        #[cfg(unix)]
        let kind = {
            use rustix::fs::{AtFlags, FileType, statat};
            match statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW) {
                Ok(stat) => Some(FileType::from_raw_mode(stat.st_mode)),
                Err(rustix::io::Errno::NOENT) => None,
                Err(err) => return Err(err.into()),
            }
            .map(|kind| match kind {
                FileType::RegularFile => Entry::File,
                FileType::Directory => Entry::Folder,
                _ => Entry::Other,
            })
        };
        #[cfg(not(unix))]
        let kind = match std::fs::symlink_metadata(self.path.join(name)) {
            Ok(meta) if meta.file_type().is_symlink() => Some(Entry::Other),
            Ok(meta) if meta.is_file() => Some(Entry::File),
            Ok(meta) if meta.is_dir() => Some(Entry::Folder),
            Ok(_) => Some(Entry::Other),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(err),
        };
        Ok(kind.unwrap_or(Entry::Missing))
    }

    /// The folder `name` in this one, never through a link; `None` when it is missing (and
    /// not to be created).
    pub(super) fn child(&self, name: &OsStr, create: bool) -> io::Result<Option<Folder>> {
        let path = self.path.join(name);
        match self.entry_here(name)? {
            Entry::Folder => {}
            Entry::Missing if create => {
                #[cfg(unix)]
                match rustix::fs::mkdirat(&self.fd, name, rustix::fs::Mode::from(0o777)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => {}
                    Err(err) => return Err(err.into()),
                }
                #[cfg(not(unix))]
                match std::fs::create_dir(&path) {
                    Err(err) if err.kind() != io::ErrorKind::AlreadyExists => return Err(err),
                    _ => {}
                }
            }
            Entry::Missing => return Ok(None),
            other => return Err(blocked(&path, other)),
        }
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
            match openat(&self.fd, name, flags, Mode::empty()) {
                Ok(fd) => Ok(Some(Folder::new(path, fd))),
                // swapped for a link or a file since it was looked at
                Err(rustix::io::Errno::LOOP | rustix::io::Errno::NOTDIR) => {
                    Err(blocked(&path, Entry::Other))
                }
                Err(err) => Err(err.into()),
            }
        }
        #[cfg(not(unix))]
        {
            match self.entry_here(name)? {
                Entry::Folder => Ok(Some(Folder::new(path))),
                other => Err(blocked(&path, other)),
            }
        }
    }

    /// The folder that holds `rel` (its folders created when `create`), and `rel`'s last
    /// name; `None` when a folder on the way is missing.
    fn parent_of<'p>(
        &self,
        rel: &'p Path,
        create: bool,
    ) -> io::Result<Option<(Rc<Folder>, &'p OsStr)>> {
        let names = names(rel)?;
        let (last, _) = names
            .split_last()
            .ok_or_else(|| io::Error::other("an empty path"))?;
        let folder = self.folder_at(rel.parent().unwrap_or(Path::new("")), create)?;
        Ok(folder.map(|f| (f, *last)))
    }

    /// The folder at `dir` below this one (`""`: this one), walked without following a link
    /// and kept open, so that a commit of many files opens each folder once; `None` when a
    /// folder on the way is missing (and not to be created). A folder once opened stays the
    /// one used, whatever is put at its name meanwhile.
    fn folder_at(&self, dir: &Path, create: bool) -> io::Result<Option<Rc<Folder>>> {
        if let Some(folder) = self.below.borrow().get(dir) {
            return Ok(Some(Rc::clone(folder)));
        }
        let folder = match (dir.parent(), dir.file_name()) {
            (Some(up), Some(name)) => {
                let Some(up) = self.folder_at(up, create)? else {
                    return Ok(None);
                };
                match up.child(name, create)? {
                    Some(folder) => Rc::new(folder),
                    None => return Ok(None),
                }
            }
            _ => Rc::new(self.reopen()?),
        };
        self.below
            .borrow_mut()
            .insert(dir.to_path_buf(), Rc::clone(&folder));
        Ok(Some(folder))
    }

    /// This folder opened again (a second handle on the same folder).
    fn reopen(&self) -> io::Result<Folder> {
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags, openat};
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            let fd = openat(&self.fd, ".", flags, Mode::empty())?;
            Ok(Folder::new(self.path.clone(), fd))
        }
        #[cfg(not(unix))]
        {
            Ok(Folder::new(self.path.clone()))
        }
    }

    /// What is at `rel` below this folder. A folder on the way that is a link or a file is an
    /// error; a missing one makes the entry [`Entry::Missing`].
    pub(super) fn entry(&self, rel: &Path) -> io::Result<Entry> {
        match self.parent_of(rel, false)? {
            Some((folder, name)) => folder.entry_here(name),
            None => Ok(Entry::Missing),
        }
    }

    /// Moves the file at `rel` below this folder to the same path below `to`, its folders
    /// created there, replacing what is there (a link is replaced, not followed). A file it
    /// replaces gives it its permissions, and its owner where the process may. `false` when
    /// there is nothing at `rel` (moved by an earlier attempt).
    pub(super) fn move_to(&self, rel: &Path, to: &Folder) -> io::Result<bool> {
        let Some((from, name)) = self.parent_of(rel, false)? else {
            return Ok(false);
        };
        match from.entry_here(name)? {
            Entry::Missing => return Ok(false),
            Entry::File => {}
            other => return Err(blocked(&from.path.join(name), other)),
        }
        let Some((into, _)) = to.parent_of(rel, true)? else {
            return Err(io::Error::other(format!(
                "cannot create the folders of `{}`",
                rel.display()
            )));
        };
        match into.entry_here(name)? {
            Entry::Folder => {
                return Err(io::Error::other(format!(
                    "`{}` is a folder",
                    into.path.join(name).display()
                )));
            }
            Entry::File => keep_mode(&from, &into, name)?,
            Entry::Missing | Entry::Other => {}
        }
        #[cfg(unix)]
        rustix::fs::renameat(&from.fd, name, &into.fd, name)?;
        #[cfg(not(unix))]
        std::fs::rename(from.path.join(name), into.path.join(name))?;
        Ok(true)
    }

    /// Removes the file (or link, never followed) at `rel` below this folder; nothing to
    /// remove is no error.
    pub(super) fn remove(&self, rel: &Path) -> io::Result<()> {
        let Some((folder, name)) = self.parent_of(rel, false)? else {
            return Ok(());
        };
        #[cfg(unix)]
        match rustix::fs::unlinkat(&folder.fd, name, rustix::fs::AtFlags::empty()) {
            Ok(()) | Err(rustix::io::Errno::NOENT) => Ok(()),
            Err(err) => Err(err.into()),
        }
        #[cfg(not(unix))]
        match std::fs::remove_file(folder.path.join(name)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// Gives the file `name` in `from` the permissions (and, where the process may, the owner
/// and group) of the file `name` in `into`, which it is about to replace.
fn keep_mode(from: &Folder, into: &Folder, name: &OsStr) -> io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::fs::{AtFlags, Gid, Mode, Uid, chmodat, chownat, statat};
        let old = statat(&into.fd, name, AtFlags::SYMLINK_NOFOLLOW)?;
        let new = statat(&from.fd, name, AtFlags::SYMLINK_NOFOLLOW)?;
        if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid) {
            // only root may give a file away; a group the user is in is allowed to others
            let _ = chownat(
                &from.fd,
                name,
                Some(Uid::from_raw(old.st_uid)),
                Some(Gid::from_raw(old.st_gid)),
                AtFlags::SYMLINK_NOFOLLOW,
            );
        }
        if old.st_mode & 0o7777 != new.st_mode & 0o7777 {
            #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
            let mode = Mode::from_raw_mode((old.st_mode & 0o7777) as rustix::fs::RawMode);
            chmodat(&from.fd, name, mode, AtFlags::empty())?;
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        let old = std::fs::metadata(into.path.join(name))?;
        std::fs::set_permissions(from.path.join(name), old.permissions())
    }
}
