//! Reading a dataset's files: a [`Reader`] reads files into a source map of its own, turning
//! every problem into a diagnostic, so that conference folders can be read on any thread and
//! merged in folder order. [`read_singles`] reads the files outside `conferences/`,
//! [`read_conference`] one conference folder.

use std::fs::Metadata;
use std::io::{self, Read};
use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::parse::parse_toml;
use super::sources::check_sources;
use super::{Kind, LoadError, VOCABULARIES};
use crate::diagnostic::{Diagnostic, Location, codes};
use crate::files::{
    ConferenceFile, DatasetFile, InstrumentsFile, OrganizationsFile, PeopleFile, SessionFile,
    VocabularyFile,
};
use crate::report::Outline;
use crate::source_map::{FileId, SourceMap};

pub(super) struct ConferenceFiles {
    pub(super) dir: String,
    pub(super) file: FileId,
    pub(super) conference: ConferenceFile,
    pub(super) sessions: Vec<(FileId, SessionFile)>,
    /// The report named by `[source]`, when it could be read.
    pub(super) report: Option<FileId>,
}

/// The files outside `conferences/`.
pub(super) struct Singles {
    pub(super) release: Option<(FileId, DatasetFile)>,
    pub(super) vocabularies: Vec<(Kind, FileId, VocabularyFile)>,
    pub(super) people: Option<(FileId, PeopleFile)>,
    pub(super) organizations: Option<(FileId, OrganizationsFile)>,
    pub(super) instruments: Option<(FileId, InstrumentsFile)>,
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Why a file of the dataset could not be read.
enum Unreadable {
    /// Opening or reading it failed.
    Io(io::Error),
    /// It is a folder.
    Folder,
    /// It is neither a file nor a folder: "a FIFO", "a socket", "a device", "a special file".
    Special(&'static str),
}

/// Reads a regular file (or a symbolic link to one) whole. Anything else is refused before it
/// is opened: opening a FIFO waits for a writer, and reading a device may never end. On unix
/// the open itself does not wait (`O_NONBLOCK`, which a regular file ignores), and the file is
/// checked again once open, so a path replaced by a FIFO in between cannot block the load.
fn read_regular(path: &Path) -> Result<Vec<u8>, Unreadable> {
    if let Ok(metadata) = std::fs::metadata(path) {
        check_type(&metadata)?;
    }
    // any error is the open's or the read's, as when `std::fs::read` reads the file
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let mut file = options.open(path).map_err(Unreadable::Io)?;
    let metadata = file.metadata().map_err(Unreadable::Io)?;
    check_type(&metadata)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(Unreadable::Io)?;
    Ok(bytes)
}

/// Whether a path's metadata is a regular file's; if not, what it is.
fn check_type(metadata: &Metadata) -> Result<(), Unreadable> {
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(());
    }
    if file_type.is_dir() {
        return Err(Unreadable::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Err(Unreadable::Special("a FIFO"));
        }
        if file_type.is_socket() {
            return Err(Unreadable::Special("a socket"));
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Err(Unreadable::Special("a device"));
        }
    }
    Err(Unreadable::Special("a special file"))
}

/// Reads files of a dataset into a source map of its own, turning every problem into a
/// diagnostic. Each parallel job of the loader has one; [`Loader::absorb`] merges them.
pub(super) struct Reader<'r> {
    pub(super) root: &'r Path,
    pub(super) sources: SourceMap,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Kinds whose defining file could not be read.
    pub(super) unreadable: Vec<Kind>,
}

impl<'r> Reader<'r> {
    pub(super) fn new(root: &'r Path) -> Self {
        Reader {
            root,
            sources: SourceMap::default(),
            diagnostics: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    pub(super) fn read_registry<T: DeserializeOwned>(
        &mut self,
        rel: &str,
        kind: Kind,
    ) -> Option<(FileId, T)> {
        let file = self.read_toml(rel);
        if file.is_none() {
            self.unreadable.push(kind);
        }
        file
    }

    /// Sorted names of the entries of a folder of the dataset (folders only when `dirs`,
    /// files otherwise; hidden folders never). A missing folder is a diagnostic.
    pub(super) fn list_dir(&mut self, rel: &str, dirs: bool) -> Result<Vec<String>, LoadError> {
        let path = self.root.join(rel);
        let entries = match std::fs::read_dir(&path) {
            Ok(entries) => entries,
            Err(e) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::UNREADABLE_FILE,
                        format!("cannot read folder `{}`: {}", path.display(), io_reason(&e)),
                    )
                    .with_path(&path),
                );
                return Ok(Vec::new());
            }
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| LoadError::Io(path.clone(), e))?;
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && entry.file_name().to_string_lossy().starts_with('.') {
                // a hidden folder is no record's: a staging folder that a killed
                // `alliance-lint --fix` left, which its next run removes, or a tool's own
                continue;
            }
            if is_dir == dirs {
                names.push(entry.file_name().to_string_lossy().into_owned());
            } else if !dirs && is_dir {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::UNREADABLE_FILE,
                        format!(
                            "`{}` is a folder, expected a session file",
                            entry.path().display()
                        ),
                    )
                    .with_path(entry.path()),
                );
            }
        }
        names.sort();
        Ok(names)
    }

    /// Reads a text file of the dataset into the source map; problems become diagnostics.
    /// `expected` says what the file should be ("a TOML file"), for a path that is not a
    /// regular file.
    pub(super) fn read_text(&mut self, rel: &str, expected: &str) -> Option<FileId> {
        let path = self.root.join(rel);
        let bytes = match read_regular(&path) {
            Ok(bytes) => bytes,
            Err(unreadable) => {
                let message = match unreadable {
                    Unreadable::Io(e) => {
                        format!("cannot read `{}`: {}", path.display(), io_reason(&e))
                    }
                    Unreadable::Folder => format!(
                        "cannot read `{}`: it is a folder, expected a file",
                        path.display()
                    ),
                    Unreadable::Special(what) => format!(
                        "`{}` is not a regular file ({what}); expected {expected}",
                        path.display()
                    ),
                };
                self.diagnostics
                    .push(Diagnostic::error(codes::UNREADABLE_FILE, message).with_path(&path));
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => Some(self.sources.add(path, text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let file = self.sources.add(path.clone(), lossy);
                let (line, column) = self.sources.get(file).line_col(at);
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::INVALID_UTF8,
                        format!("`{}` is not valid UTF-8", path.display()),
                    )
                    .at(file, at..at + char::REPLACEMENT_CHARACTER.len_utf8())
                    .label("this byte is not UTF-8")
                    .note(format!(
                        "the first invalid byte is at line {line}, column {column}"
                    ))
                    .help("save the file as UTF-8"),
                );
                None
            }
        }
    }

    pub(super) fn read_toml<T: DeserializeOwned>(&mut self, rel: &str) -> Option<(FileId, T)> {
        let file = self.read_text(rel, "a TOML file")?;
        match parse_toml(&self.sources, file) {
            Ok(value) => Some((file, value)),
            Err(diagnostics) => {
                self.diagnostics.extend(diagnostics);
                None
            }
        }
    }

    /// Reads a file named by a value in another file; a missing one is reported at that value.
    pub(super) fn read_text_at(
        &mut self,
        rel: &str,
        from: FileId,
        span: Range<usize>,
    ) -> Option<FileId> {
        let before = self.diagnostics.len();
        let file = self.read_text(rel, "a text file");
        if file.is_none() {
            for d in &mut self.diagnostics[before..] {
                if d.location.is_none() {
                    d.location = Some(Location {
                        file: from,
                        span: span.clone(),
                    });
                }
            }
        }
        file
    }
}

impl Singles {
    /// Turns file ids of the reader into the loader's ([`FileId::shifted`]).
    pub(super) fn shift(&mut self, base: u32) {
        let files = [
            self.release.as_mut().map(|(f, _)| f),
            self.people.as_mut().map(|(f, _)| f),
            self.organizations.as_mut().map(|(f, _)| f),
            self.instruments.as_mut().map(|(f, _)| f),
        ];
        let vocabularies = self.vocabularies.iter_mut().map(|(_, f, _)| f);
        for f in files.into_iter().flatten().chain(vocabularies) {
            *f = f.shifted(base);
        }
    }
}

impl ConferenceFiles {
    /// Turns file ids of the reader into the loader's ([`FileId::shifted`]).
    pub(super) fn shift(&mut self, base: u32) {
        self.file = self.file.shifted(base);
        for (f, _) in &mut self.sessions {
            *f = f.shifted(base);
        }
        if let Some(f) = &mut self.report {
            *f = f.shifted(base);
        }
    }
}

/// Reads and parses `dataset.toml`, the vocabularies and the registries.
pub(super) fn read_singles(root: &Path) -> (Reader<'_>, Singles) {
    let mut r = Reader::new(root);
    let release = r.read_toml("dataset.toml");
    let mut vocabularies = Vec::new();
    for &(kind, name) in VOCABULARIES {
        match r.read_toml::<VocabularyFile>(&format!("vocabularies/{name}")) {
            Some((file, v)) => vocabularies.push((kind, file, v)),
            None => r.unreadable.push(kind),
        }
    }
    let people = r.read_registry("registry/people.toml", Kind::Person);
    let organizations = r.read_registry("registry/organizations.toml", Kind::Organization);
    let instruments = r.read_registry("registry/instruments.toml", Kind::Instrument);
    let singles = Singles {
        release,
        vocabularies,
        people,
        organizations,
        instruments,
    };
    (r, singles)
}

/// Reads and parses one conference folder: `conference.toml`, its sessions, and the report
/// named by its `[source]` with the report's outline. `None` when `conference.toml` could not
/// be read or parsed (its diagnostics are in the reader).
pub(super) fn read_conference(
    root: &Path,
    dir: String,
) -> Result<(Reader<'_>, Option<ConferenceFiles>), LoadError> {
    let mut r = Reader::new(root);
    let conference = r.read_toml::<ConferenceFile>(&format!("conferences/{dir}/conference.toml"));
    let mut sessions = Vec::new();
    for name in r.list_dir(&format!("conferences/{dir}/sessions"), false)? {
        if name.ends_with(".toml") {
            match r.read_toml::<SessionFile>(&format!("conferences/{dir}/sessions/{name}")) {
                Some(session) => sessions.push(session),
                None => r.unreadable.push(Kind::Session),
            }
        }
    }
    let Some((file, conference)) = conference else {
        r.unreadable.push(Kind::Conference);
        return Ok((r, None));
    };
    let report = conference.source.as_ref().and_then(|s| {
        let report = &s.get_ref().report;
        let rel = format!("conferences/{dir}/{}", report.get_ref());
        r.read_text_at(&rel, file, report.span())
    });
    // the outline is only needed here: it is dropped with the job
    if let Some(report) = report {
        let text = &r.sources.get(report).text;
        let outline = Outline::structure(&crate::report::Clean::new(text));
        for (session_file, session) in &sessions {
            check_sources(&mut r.diagnostics, *session_file, session, &outline);
        }
    }
    Ok((
        r,
        Some(ConferenceFiles {
            dir,
            file,
            conference,
            sessions,
            report,
        }),
    ))
}
