//! The loader: reads a dataset folder, checks it, and returns the resolved [`Dataset`] with
//! every diagnostic found. It never panics and never stops at the first problem: a bad file
//! is a finding, and the rest of the dataset is still read.
//!
//! Layout of a dataset folder:
//!
//! ```text
//! dataset.toml                          (title, release version and date)
//! vocabularies/{themes,pillars,roles,session-kinds,labels,addressees,
//!               organization-kinds,instrument-kinds,figure-kinds}.toml
//! registry/{people,organizations,instruments}.toml
//! conferences/<id>/conference.toml
//! conferences/<id>/sessions/*.toml      (one file per session)
//! conferences/<id>/<report>             (named by conference.toml's [source] report)
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Location, Severity, codes};
use crate::files::{
    ConferenceFile, DatasetFile, InstrumentsFile, OrganizationsFile, PeopleFile, SessionFile,
    SuppressionEntry, VocabularyFile,
};
use crate::model::{self, Dataset, FORMAT_VERSION};
use crate::report::Outline;
use crate::source_map::{FileId, SourceMap};
use crate::text::{closest, normalize};

/// The kinds of record a dataset holds; ids are unique within a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A conference.
    Conference,
    /// A session.
    Session,
    /// A person.
    Person,
    /// An organization.
    Organization,
    /// An instrument.
    Instrument,
    /// A recommendation.
    Recommendation,
    /// A figure (ids are unique within a conference).
    Figure,
    /// A theme.
    Theme,
    /// A pillar.
    Pillar,
    /// A role.
    Role,
    /// A session kind.
    SessionKind,
    /// A label.
    Label,
    /// An addressee.
    Addressee,
    /// An organization kind.
    OrganizationKind,
    /// An instrument kind.
    InstrumentKind,
    /// A figure kind.
    FigureKind,
}

/// The vocabularies and the file each is read from, under `vocabularies/`.
pub const VOCABULARIES: &[(Kind, &str)] = &[
    (Kind::Theme, "themes.toml"),
    (Kind::Pillar, "pillars.toml"),
    (Kind::Role, "roles.toml"),
    (Kind::SessionKind, "session-kinds.toml"),
    (Kind::Label, "labels.toml"),
    (Kind::Addressee, "addressees.toml"),
    (Kind::OrganizationKind, "organization-kinds.toml"),
    (Kind::InstrumentKind, "instrument-kinds.toml"),
    (Kind::FigureKind, "figure-kinds.toml"),
];

impl Kind {
    /// The noun for messages ("session kind").
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Conference => "conference",
            Kind::Session => "session",
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Instrument => "instrument",
            Kind::Recommendation => "recommendation",
            Kind::Figure => "figure",
            Kind::Theme => "theme",
            Kind::Pillar => "pillar",
            Kind::Role => "role",
            Kind::SessionKind => "session kind",
            Kind::Label => "label",
            Kind::Addressee => "addressee",
            Kind::OrganizationKind => "organization kind",
            Kind::InstrumentKind => "instrument kind",
            Kind::FigureKind => "figure kind",
        }
    }

    /// Where records of this kind are defined, relative to the dataset folder.
    pub fn defined_in(self) -> String {
        match self {
            Kind::Conference => "conferences/<id>/conference.toml".into(),
            Kind::Session | Kind::Recommendation => "conferences/<id>/sessions/".into(),
            Kind::Figure => "the conference's conference.toml".into(),
            Kind::Person => "registry/people.toml".into(),
            Kind::Organization => "registry/organizations.toml".into(),
            Kind::Instrument => "registry/instruments.toml".into(),
            vocabulary => VOCABULARIES
                .iter()
                .find(|(k, _)| *k == vocabulary)
                .map(|(_, f)| format!("vocabularies/{f}"))
                .unwrap_or_default(),
        }
    }
}

/// Where a record is defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// The record's table.
    pub span: Range<usize>,
    /// The record's `id` value.
    pub id_span: Range<usize>,
    /// Where some of its values are (see [`Origins::field`]).
    fields: Vec<(Field, Range<usize>)>,
}

/// A value of a record, named without allocating: `text`, `participant.2`,
/// `affiliation.0.as_printed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Key(&'static str),
    Item(&'static str, usize),
    ItemKey(&'static str, usize, &'static str),
}

impl Field {
    /// Whether this is the field named `name` in the dotted form of [`Origins::field`].
    fn is(&self, name: &str) -> bool {
        let mut parts = name.split('.');
        let (a, b, c) = (parts.next(), parts.next(), parts.next());
        let index = |b: Option<&str>| b.and_then(|b| b.parse::<usize>().ok());
        match *self {
            Field::Key(k) => a == Some(k) && b.is_none(),
            Field::Item(k, i) => a == Some(k) && index(b) == Some(i) && c.is_none(),
            Field::ItemKey(k, i, sub) => a == Some(k) && index(b) == Some(i) && c == Some(sub),
        }
    }
}

/// Where every record and some of its values are defined, so later checks can point at them,
/// and the lint suppressions recorded on them.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    /// One map per kind, indexed by `Kind as usize`.
    records: Vec<FxHashMap<String, Origin>>,
    suppressions: Vec<Suppression>,
}

/// A lint finding suppressed on a record (`[[allow]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Kind of the record it is on.
    pub kind: Kind,
    /// Id of the record it is on.
    pub id: String,
    /// The rule's code or name, as written.
    pub rule: String,
    /// Why the finding does not apply.
    pub reason: String,
    /// Where the `rule` value is.
    pub location: Location,
}

impl Origins {
    /// Where the record of `kind` with `id` is defined (figures: `"<conference>/<id>"`).
    pub fn get(&self, kind: Kind, id: &str) -> Option<&Origin> {
        self.records.get(kind as usize)?.get(id)
    }

    /// Where one value of a record is. Field names are the TOML keys; values inside arrays of
    /// tables are `"<key>.<index>"` (`"participant.2"`) and `"<key>.<index>.<subkey>"`
    /// (`"affiliation.0.as_printed"`).
    pub fn field(&self, kind: Kind, id: &str, field: &str) -> Option<Location> {
        let origin = self.get(kind, id)?;
        origin
            .fields
            .iter()
            .find(|(f, _)| f.is(field))
            .map(|(_, span)| Location {
                file: origin.file,
                span: span.clone(),
            })
    }

    /// Where a value is, falling back to the record's id, then to nothing.
    pub fn locate(&self, kind: Kind, id: &str, field: &str) -> Option<Location> {
        self.field(kind, id, field).or_else(|| {
            self.get(kind, id).map(|o| Location {
                file: o.file,
                span: o.id_span.clone(),
            })
        })
    }

    /// Every suppression, in file order.
    pub fn suppressions(&self) -> &[Suppression] {
        &self.suppressions
    }

    /// Records where a value of a defined record is (ignored for an undefined one).
    fn set(&mut self, kind: Kind, id: &str, field: Field, span: Range<usize>) {
        if let Some(origin) = self
            .records
            .get_mut(kind as usize)
            .and_then(|m| m.get_mut(id))
        {
            origin.fields.push((field, span));
        }
    }

    /// Makes room for `additional` records of `kind`.
    fn reserve(&mut self, kind: Kind, additional: usize) {
        self.map_mut(kind).reserve(additional);
    }

    /// The records of `kind`, created when it has none yet.
    fn map_mut(&mut self, kind: Kind) -> &mut FxHashMap<String, Origin> {
        if self.records.len() <= kind as usize {
            self.records
                .resize_with(kind as usize + 1, FxHashMap::default);
        }
        &mut self.records[kind as usize]
    }

    fn contains(&self, kind: Kind, id: &str) -> bool {
        self.get(kind, id).is_some()
    }

    fn ids(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.records
            .get(kind as usize)
            .into_iter()
            .flat_map(|m| m.keys().map(String::as_str))
    }
}

/// A loaded dataset: the data, what was found wrong with it, and the files it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resolved dataset (as complete as the files allowed).
    pub dataset: Dataset,
    /// Everything found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read.
    pub sources: SourceMap,
    /// Where each record is defined.
    pub origins: Origins,
    /// The report text of each conference, by conference id.
    pub reports: BTreeMap<String, FileId>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The report text of a conference.
    pub fn report_text(&self, conference: &str) -> Option<&str> {
        self.reports
            .get(conference)
            .map(|&f| self.sources.get(f).text.as_str())
    }
}

/// Why a dataset could not be loaded at all (each file's problems are diagnostics instead).
#[derive(Debug)]
pub enum LoadError {
    /// The dataset folder does not exist.
    NotFound(PathBuf),
    /// The dataset path is not a folder.
    NotADirectory(PathBuf),
    /// The dataset folder could not be read.
    Io(PathBuf, io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(f, "dataset folder `{}` does not exist", p.display()),
            LoadError::NotADirectory(p) => {
                write!(f, "dataset path `{}` is not a folder", p.display())
            }
            LoadError::Io(p, e) => write!(f, "cannot read dataset folder `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// How far loading has come: conferences read and parsed, of how many. Reported from any
/// thread; for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Conferences parsed so far.
    pub done: usize,
    /// Conferences in the dataset.
    pub total: usize,
}

/// Loads the dataset in the folder `root`.
///
/// Returns `Err` only when `root` itself is missing, not a folder, or unreadable; every other
/// problem is a [`Diagnostic`] in the result.
pub fn load(root: &Path) -> Result<Loaded, LoadError> {
    load_with_progress(root, &|_| {})
}

/// [`load`], calling `progress` as conferences are parsed (from any thread).
pub fn load_with_progress(
    root: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Loaded, LoadError> {
    match std::fs::metadata(root) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(LoadError::NotADirectory(root.to_owned())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(LoadError::NotFound(root.to_owned()));
        }
        Err(e) => return Err(LoadError::Io(root.to_owned(), e)),
    }
    let loader = Loader {
        sources: SourceMap::default(),
        diagnostics: Vec::new(),
        origins: Origins::default(),
        unreadable: HashSet::new(),
    };
    loader.load(root, progress)
}

struct Loader {
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
    origins: Origins,
    /// Kinds whose defining file could not be read: references to them are not checked, so
    /// that one broken file gives one diagnostic rather than one per reference.
    unreadable: HashSet<Kind>,
}

struct ConferenceFiles {
    dir: String,
    file: FileId,
    conference: ConferenceFile,
    sessions: Vec<(FileId, SessionFile)>,
    /// The report named by `[source]`, when it could be read.
    report: Option<FileId>,
}

/// The files outside `conferences/`.
struct Singles {
    release: Option<(FileId, DatasetFile)>,
    vocabularies: Vec<(Kind, FileId, VocabularyFile)>,
    people: Option<(FileId, PeopleFile)>,
    organizations: Option<(FileId, OrganizationsFile)>,
    instruments: Option<(FileId, InstrumentsFile)>,
}

impl Loader {
    /// Reads, parses and resolves every file. Worker threads, one per core, take conference
    /// folders in order and read each whole (its files, its report, the sessions checked
    /// against the report's outline) into a [`Reader`] of its own; meanwhile this thread reads
    /// the vocabularies and registries, and then resolves the conferences in folder order as
    /// they arrive, merging each reader. File ids, records and diagnostics therefore do not
    /// depend on which core read what, and a conference's parsed files are dropped once it is
    /// resolved rather than all held until the end.
    fn load(
        mut self,
        root: &Path,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Loaded, LoadError> {
        let mut listing = Reader::new(root);
        let dirs = listing.list_dir("conferences", true)?;
        self.absorb(listing);
        let total = dirs.len();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        type Read<'r> = Result<(Reader<'r>, Option<ConferenceFiles>), LoadError>;
        let (sender, received) = std::sync::mpsc::channel::<(usize, Read<'_>)>();
        std::thread::scope(|scope| {
            for _ in 0..workers.min(total) {
                let sender = sender.clone();
                let (dirs, next, done) = (&dirs, &next, &done);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(dir) = dirs.get(i) else {
                            break;
                        };
                        let read = read_conference(root, dir.clone());
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        progress(Progress { done: n, total });
                        // the receiver is gone only when loading failed
                        if sender.send((i, read)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(sender);

            let mut dataset = Dataset {
                format_version: FORMAT_VERSION.to_owned(),
                ..Dataset::default()
            };
            let (reader, mut singles) = read_singles(root);
            let base = self.absorb(reader);
            singles.shift(base);
            self.define_singles(&singles);

            // conferences in folder order; workers take folders in order, so few wait here
            let mut reports = BTreeMap::new();
            let mut waiting = BTreeMap::new();
            let mut wanted = 0;
            for (i, read) in received {
                waiting.insert(i, read);
                while let Some(read) = waiting.remove(&wanted) {
                    wanted += 1;
                    let (reader, conference) = read?;
                    let base = self.absorb(reader);
                    if let Some(mut c) = conference {
                        c.shift(base);
                        self.define_conference(&c);
                        self.conference(c, &mut dataset, &mut reports);
                    }
                }
            }
            self.resolve_singles(singles, &mut dataset);
            Ok(self.finish(dataset, reports))
        })
    }

    /// Moves a reader's files, diagnostics and unreadable kinds into the loader; returns the
    /// offset to add to the reader's file ids.
    fn absorb(&mut self, reader: Reader<'_>) -> u32 {
        let base = self.sources.append(reader.sources);
        self.diagnostics
            .extend(reader.diagnostics.into_iter().map(|mut d| {
                if let Some(loc) = &mut d.location {
                    loc.file = loc.file.shifted(base);
                }
                d
            }));
        self.unreadable.extend(reader.unreadable);
        base
    }

    fn define(
        &mut self,
        kind: Kind,
        key: &str,
        id: &Spanned<String>,
        file: FileId,
        span: Range<usize>,
    ) {
        if !is_well_formed_id(id.get_ref()) {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::MALFORMED_ID,
                    format!("{} id `{}` is not lowercase kebab-case", kind.noun(), id.get_ref()),
                )
                .at(file, id.span())
                .help("use lowercase ASCII letters and digits in words joined by single hyphens, e.g. `panel-1`"),
            );
        }
        let origin = Origin {
            file,
            span,
            id_span: id.span(),
            fields: Vec::new(),
        };
        if let Some(first) = self.origins.get(kind, key) {
            let first_path = self.sources.get(first.file).path.display().to_string();
            let (line, col) = self.sources.get(first.file).line_col(first.id_span.start);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    format!("duplicate {} id `{}`", kind.noun(), id.get_ref()),
                )
                .at(file, id.span())
                .label("defined again here")
                .note(format!("first defined at {first_path}:{line}:{col}")),
            );
        } else {
            self.origins.map_mut(kind).insert(key.to_owned(), origin);
        }
    }

    /// Checks a reference; returns its value either way (moved, not copied).
    fn reference(&mut self, kind: Kind, r: Spanned<String>, file: FileId) -> String {
        self.check_reference(kind, &r, file);
        r.into_inner()
    }

    fn check_reference(&mut self, kind: Kind, r: &Spanned<String>, file: FileId) {
        let id = r.get_ref();
        if !self.unreadable.contains(&kind) && !self.origins.contains(kind, id) {
            let help = match closest(id, self.origins.ids(kind)) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("define it in {} or fix the id", kind.defined_in()),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    codes::DANGLING_REFERENCE,
                    format!("unknown {} `{id}`", kind.noun()),
                )
                .at(file, r.span())
                .label(format!("no {} has this id", kind.noun()))
                .help(help),
            );
        }
    }

    fn references(&mut self, kind: Kind, refs: Vec<Spanned<String>>, file: FileId) -> Vec<String> {
        refs.into_iter()
            .map(|r| self.reference(kind, r, file))
            .collect()
    }

    fn optional_reference(
        &mut self,
        kind: Kind,
        r: Option<Spanned<String>>,
        file: FileId,
    ) -> Option<String> {
        r.map(|r| self.reference(kind, r, file))
    }

    /// Defines the records of the vocabularies and registries (before any reference to them is
    /// checked).
    fn define_singles(&mut self, singles: &Singles) {
        // people are the largest registry: room for all up front, not grown by doubling
        let people = singles.people.as_ref().map_or(0, |(_, p)| p.person.len());
        self.origins.reserve(Kind::Person, people);
        for (kind, file, vocabulary) in &singles.vocabularies {
            for term in &vocabulary.term {
                self.define(
                    *kind,
                    term.get_ref().id.get_ref(),
                    &term.get_ref().id,
                    *file,
                    term.span(),
                );
                self.suppressions(
                    *kind,
                    term.get_ref().id.get_ref(),
                    &term.get_ref().allow,
                    *file,
                );
            }
        }
        if let Some((file, people)) = &singles.people {
            for p in &people.person {
                self.define(
                    Kind::Person,
                    p.get_ref().id.get_ref(),
                    &p.get_ref().id,
                    *file,
                    p.span(),
                );
                let id = p.get_ref().id.get_ref();
                for (i, a) in p.get_ref().affiliation.iter().enumerate() {
                    self.origins.set(
                        Kind::Person,
                        id,
                        Field::ItemKey("affiliation", i, "as_printed"),
                        a.as_printed.span(),
                    );
                }
                self.suppressions(Kind::Person, id, &p.get_ref().allow, *file);
            }
        }
        if let Some((file, orgs)) = &singles.organizations {
            for o in &orgs.organization {
                self.define(
                    Kind::Organization,
                    o.get_ref().id.get_ref(),
                    &o.get_ref().id,
                    *file,
                    o.span(),
                );
                self.suppressions(
                    Kind::Organization,
                    o.get_ref().id.get_ref(),
                    &o.get_ref().allow,
                    *file,
                );
            }
        }
        if let Some((file, instruments)) = &singles.instruments {
            for i in &instruments.instrument {
                self.define(
                    Kind::Instrument,
                    i.get_ref().id.get_ref(),
                    &i.get_ref().id,
                    *file,
                    i.span(),
                );
            }
        }
    }

    /// Defines the records of one conference folder: the conference, its sessions, their
    /// recommendations and its figures.
    fn define_conference(&mut self, c: &ConferenceFiles) {
        let conf = &c.conference;
        let full = 0..self.sources.get(c.file).text.len();
        self.define(Kind::Conference, conf.id.get_ref(), &conf.id, c.file, full);
        self.suppressions(Kind::Conference, conf.id.get_ref(), &conf.allow, c.file);
        for (file, s) in &c.sessions {
            let full = 0..self.sources.get(*file).text.len();
            let id = s.id.get_ref();
            self.define(Kind::Session, id, &s.id, *file, full);
            self.origins
                .set(Kind::Session, id, Field::Key("order"), s.order.span());
            self.origins
                .set(Kind::Session, id, Field::Key("heading"), s.heading.span());
            if let Some(date) = &s.date {
                self.origins
                    .set(Kind::Session, id, Field::Key("date"), date.span());
            }
            for (i, p) in s.participant.iter().enumerate() {
                self.origins
                    .set(Kind::Session, id, Field::Item("participant", i), p.span());
            }
            self.suppressions(Kind::Session, id, &s.allow, *file);
            for r in &s.recommendation {
                let rec = r.get_ref();
                self.define(
                    Kind::Recommendation,
                    rec.id.get_ref(),
                    &rec.id,
                    *file,
                    r.span(),
                );
                let id = rec.id.get_ref();
                for (field, span) in [
                    ("text", rec.text.span()),
                    ("order", rec.order.span()),
                    ("source", r.get_ref().source.span()),
                ] {
                    self.origins
                        .set(Kind::Recommendation, id, Field::Key(field), span);
                }
                self.suppressions(Kind::Recommendation, id, &rec.allow, *file);
            }
        }
        for f in &conf.figure {
            let key = format!("{}/{}", conf.id.get_ref(), f.get_ref().id.get_ref());
            self.define(Kind::Figure, &key, &f.get_ref().id, c.file, f.span());
            self.origins.set(
                Kind::Figure,
                &key,
                Field::Key("as_printed"),
                f.get_ref().as_printed.span(),
            );
        }
    }

    /// Resolves the release, the vocabularies and the registries, once every record that can
    /// be referred to is defined.
    fn resolve_singles(&mut self, singles: Singles, dataset: &mut Dataset) {
        if let Some((file, release)) = singles.release {
            let valid = self.version(&release.version, file);
            self.date(&release.date, file);
            dataset.release = model::Release {
                title: release.title,
                version: if valid {
                    release.version.into_inner()
                } else {
                    String::new()
                },
                date: release.date.into_inner(),
            };
        }

        // Vocabularies.
        for (kind, file, vocabulary) in singles.vocabularies {
            let mut terms = Vec::new();
            for t in vocabulary.term {
                let t = t.into_inner();
                terms.push(model::Term {
                    incompatible_with: self.references(kind, t.incompatible_with, file),
                    id: t.id.into_inner(),
                    name: t.name,
                    description: t.description,
                });
            }
            let v = &mut dataset.vocabularies;
            match kind {
                Kind::Theme => dataset.themes = terms,
                Kind::Pillar => dataset.pillars = terms,
                Kind::Role => v.roles = terms,
                Kind::SessionKind => v.session_kinds = terms,
                Kind::Label => v.labels = terms,
                Kind::Addressee => v.addressees = terms,
                Kind::OrganizationKind => v.organization_kinds = terms,
                Kind::InstrumentKind => v.instrument_kinds = terms,
                Kind::FigureKind => v.figure_kinds = terms,
                _ => {}
            }
        }

        // Registries.
        if let Some((file, orgs)) = singles.organizations {
            for o in orgs.organization {
                let o = o.into_inner();
                let kind = self.optional_reference(Kind::OrganizationKind, o.kind, file);
                let parent = self.optional_reference(Kind::Organization, o.parent, file);
                dataset.organizations.push(model::Organization {
                    id: o.id.into_inner(),
                    name: o.name,
                    abbreviation: o.abbreviation,
                    also_printed_as: o.also_printed_as,
                    kind,
                    country: o.country,
                    parent,
                });
            }
        }
        if let Some((file, instruments)) = singles.instruments {
            for i in instruments.instrument {
                let i = i.into_inner();
                let kind = self.optional_reference(Kind::InstrumentKind, i.kind, file);
                let issuer = self.optional_reference(Kind::Organization, i.issuer, file);
                dataset.instruments.push(model::Instrument {
                    id: i.id.into_inner(),
                    name: i.name,
                    short_name: i.short_name,
                    kind,
                    reference: i.reference,
                    year: i.year,
                    issuer,
                });
            }
        }
        if let Some((file, people)) = singles.people {
            for p in people.person {
                let p = p.into_inner();
                let mut affiliations = Vec::new();
                for a in p.affiliation {
                    affiliations.push(model::Affiliation {
                        conference: self.reference(Kind::Conference, a.conference, file),
                        organization: self.optional_reference(
                            Kind::Organization,
                            a.organization,
                            file,
                        ),
                        title: a.title,
                        unit: a.unit,
                        country: a.country,
                        as_printed: a.as_printed.into_inner(),
                    });
                }
                dataset.people.push(model::Person {
                    id: p.id.into_inner(),
                    name: p.name,
                    honorific: p.honorific,
                    affiliations,
                });
            }
        }
    }

    /// Puts records in the dataset's order and diagnostics in file order.
    fn finish(mut self, mut dataset: Dataset, reports: BTreeMap<String, FileId>) -> Loaded {
        dataset.conferences.sort_by(|a, b| a.id.cmp(&b.id));
        let session_order: HashMap<&str, (&str, u32)> = dataset
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), (s.conference.as_str(), s.order)))
            .collect();
        let mut recommendations = std::mem::take(&mut dataset.recommendations);
        recommendations.sort_by(|a, b| {
            let key = |r: &model::Recommendation| {
                (
                    session_order
                        .get(r.session.as_str())
                        .copied()
                        .unwrap_or(("", 0)),
                    r.order,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
        });
        dataset.recommendations = recommendations;
        dataset.sessions.sort_by(|a, b| {
            (a.conference.as_str(), a.order, a.id.as_str()).cmp(&(
                b.conference.as_str(),
                b.order,
                b.id.as_str(),
            ))
        });

        // in file order: by path, then position; the order found for the rest
        let sources = &self.sources;
        self.diagnostics.sort_by_cached_key(|d| {
            let path = d
                .location
                .as_ref()
                .map(|l| sources.get(l.file).path.clone())
                .or_else(|| d.path.clone());
            let start = d.location.as_ref().map_or(0, |l| l.span.start);
            (path, start)
        });
        Loaded {
            dataset,
            diagnostics: self.diagnostics,
            sources: self.sources,
            origins: self.origins,
            reports,
        }
    }

    fn conference(
        &mut self,
        c: ConferenceFiles,
        dataset: &mut Dataset,
        reports: &mut BTreeMap<String, FileId>,
    ) {
        let ConferenceFiles {
            dir,
            file,
            conference: conf,
            sessions,
            report,
        } = c;
        let conf_id = conf.id.get_ref().clone();
        let start = self.date(&conf.start_date, file);
        let end = self.date(&conf.end_date, file);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INVERTED_DATES,
                    format!(
                        "end date {} is before start date {}",
                        conf.end_date.get_ref(),
                        conf.start_date.get_ref()
                    ),
                )
                .at(file, conf.end_date.span())
                .label("ends before it starts"),
            );
        }
        let organizer = self.optional_reference(Kind::Organization, conf.organizer, file);
        let in_line_with = self.references(Kind::Instrument, conf.in_line_with, file);

        // The report was read, and the sessions checked against its outline, with the
        // conference's files.
        if let Some(report_file) = report {
            reports.insert(conf_id.clone(), report_file);
        }
        let source = conf.source.map(|s| {
            let s = s.into_inner();
            let rel = format!("conferences/{dir}/{}", s.report.get_ref());
            model::Source {
                report: rel,
                title: s.title,
                publisher: s.publisher,
                attribution: s.attribution,
            }
        });
        let report_path = source
            .as_ref()
            .map(|s| s.report.clone())
            .unwrap_or_default();

        let session_ids: Vec<&str> = sessions
            .iter()
            .map(|(_, s)| s.id.get_ref().as_str())
            .collect();
        let mut figures = Vec::new();
        for f in conf.figure {
            let f = f.into_inner();
            let kind = self.reference(Kind::FigureKind, f.kind, file);
            let session = f.session.as_ref().map(|s| {
                if !self.unreadable.contains(&Kind::Session)
                    && !session_ids.contains(&s.get_ref().as_str())
                {
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::DANGLING_REFERENCE,
                            format!(
                                "unknown session `{}` in conference `{conf_id}`",
                                s.get_ref()
                            ),
                        )
                        .at(file, s.span())
                        .label("no session of this conference has this id")
                        .help(
                            match closest(s.get_ref(), session_ids.iter().copied()) {
                                Some(c) => format!("did you mean `{c}`?"),
                                None => {
                                    format!("sessions are defined in conferences/{dir}/sessions/")
                                }
                            },
                        ),
                    );
                }
                s.get_ref().clone()
            });
            figures.push(model::Figure {
                id: f.id.into_inner(),
                kind,
                value: f.value,
                qualifier: f.qualifier,
                as_printed: f.as_printed.into_inner(),
                session,
            });
        }

        for (sfile, s) in sessions {
            self.session(sfile, s, &conf_id, &report_path, dataset);
        }

        dataset.conferences.push(model::Conference {
            id: conf_id,
            series: conf.series,
            edition: conf.edition,
            title: conf.title,
            start_date: conf.start_date.into_inner(),
            end_date: conf.end_date.into_inner(),
            city: conf.city,
            venue: conf.venue,
            organizer,
            in_line_with,
            figures,
            source,
        });
    }

    fn session(
        &mut self,
        file: FileId,
        s: SessionFile,
        conf_id: &str,
        report_path: &str,
        dataset: &mut Dataset,
    ) {
        let session_id = s.id.get_ref().clone();
        let kind = self.reference(Kind::SessionKind, s.kind, file);
        if let Some(date) = &s.date {
            self.date(date, file);
        }
        let co_organizers = self.references(Kind::Organization, s.co_organizers, file);
        let contributors = self.references(Kind::Organization, s.contributors, file);
        let instruments = self.references(Kind::Instrument, s.instruments, file);
        let mut participants = Vec::new();
        for p in s.participant {
            let p = p.into_inner();
            participants.push(model::Participation {
                person: self.reference(Kind::Person, p.person, file),
                role: self.reference(Kind::Role, p.role, file),
                note: p.note,
            });
        }
        let heading = s.heading.into_inner();
        for r in s.recommendation {
            let r = r.into_inner();
            let loc = r.source.into_inner();
            let line = *loc.line.get_ref();
            dataset.recommendations.push(model::Recommendation {
                id: r.id.into_inner(),
                conference: conf_id.to_owned(),
                session: session_id.clone(),
                order: *r.order.get_ref(),
                label: self.reference(Kind::Label, r.label, file),
                themes: self.references(Kind::Theme, r.themes, file),
                pillars: self.references(Kind::Pillar, r.pillars, file),
                addressees: self.references(Kind::Addressee, r.addressees, file),
                instruments: self.references(Kind::Instrument, r.instruments, file),
                text: r.text.into_inner(),
                source: model::SourceLocation {
                    report: report_path.to_owned(),
                    section: heading.clone(),
                    bullet: loc.bullet,
                    line,
                },
            });
        }
        dataset.sessions.push(model::Session {
            id: session_id,
            conference: conf_id.to_owned(),
            kind,
            order: *s.order.get_ref(),
            title: s.title,
            heading,
            date: s.date.map(Spanned::into_inner),
            co_organizers,
            contributors,
            instruments,
            participants,
        });
    }

    fn suppressions(&mut self, kind: Kind, id: &str, allow: &[SuppressionEntry], file: FileId) {
        for a in allow {
            self.origins.suppressions.push(Suppression {
                kind,
                id: id.to_owned(),
                rule: a.rule.get_ref().clone(),
                reason: a.reason.get_ref().clone(),
                location: Location {
                    file,
                    span: a.rule.span(),
                },
            });
        }
    }

    /// Checks a `MAJOR.MINOR.PATCH` version.
    fn version(&mut self, version: &Spanned<String>, file: FileId) -> bool {
        let parts: Vec<&str> = version.get_ref().split('.').collect();
        let valid = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        if !valid {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::WRONG_TYPE,
                    format!("`{}` is not a release version", version.get_ref()),
                )
                .at(file, version.span())
                .label("expected MAJOR.MINOR.PATCH, e.g. \"1.0.0\""),
            );
        }
        valid
    }

    fn date(&mut self, date: &Spanned<String>, file: FileId) -> Option<(i32, u32, u32)> {
        let parsed = parse_date(date.get_ref());
        if parsed.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INVALID_DATE,
                    format!("`{}` is not a calendar date", date.get_ref()),
                )
                .at(file, date.span())
                .label("expected YYYY-MM-DD")
                .help("write dates as a quoted ISO 8601 date, e.g. \"2017-04-03\""),
            );
        }
        parsed
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Parses a file of the source map as `T`; problems are diagnostics located in the file.
/// Reads files of a dataset into a source map of its own, turning every problem into a
/// diagnostic. Each parallel job of the loader has one; [`Loader::absorb`] merges them.
struct Reader<'r> {
    root: &'r Path,
    sources: SourceMap,
    diagnostics: Vec<Diagnostic>,
    /// Kinds whose defining file could not be read.
    unreadable: Vec<Kind>,
}

impl<'r> Reader<'r> {
    fn new(root: &'r Path) -> Self {
        Reader {
            root,
            sources: SourceMap::default(),
            diagnostics: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    fn read_registry<T: DeserializeOwned>(&mut self, rel: &str, kind: Kind) -> Option<(FileId, T)> {
        let file = self.read_toml(rel);
        if file.is_none() {
            self.unreadable.push(kind);
        }
        file
    }

    /// Sorted names of the entries of a folder of the dataset (folders only when `dirs`,
    /// files otherwise). A missing folder is a diagnostic.
    fn list_dir(&mut self, rel: &str, dirs: bool) -> Result<Vec<String>, LoadError> {
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
    fn read_text(&mut self, rel: &str) -> Option<FileId> {
        let path = self.root.join(rel);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) => {
                let reason = if path.is_dir() {
                    "it is a folder, expected a file".to_owned()
                } else {
                    io_reason(&e)
                };
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::UNREADABLE_FILE,
                        format!("cannot read `{}`: {reason}", path.display()),
                    )
                    .with_path(&path),
                );
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

    fn read_toml<T: DeserializeOwned>(&mut self, rel: &str) -> Option<(FileId, T)> {
        let file = self.read_text(rel)?;
        match parse_toml(&self.sources, file) {
            Ok(value) => Some((file, value)),
            Err(diagnostics) => {
                self.diagnostics.extend(diagnostics);
                None
            }
        }
    }

    /// Reads a file named by a value in another file; a missing one is reported at that value.
    fn read_text_at(&mut self, rel: &str, from: FileId, span: Range<usize>) -> Option<FileId> {
        let before = self.diagnostics.len();
        let file = self.read_text(rel);
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
    fn shift(&mut self, base: u32) {
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
    fn shift(&mut self, base: u32) {
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
fn read_singles(root: &Path) -> (Reader<'_>, Singles) {
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
fn read_conference(
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
        let outline = Outline::parse(&r.sources.get(report).text);
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

/// Checks a session against its report's outline: its heading is a heading of the report, and
/// each recommendation's source line starts a bullet under it, with the bullet number it gives.
/// Bullets are checked only when the heading is found, so that a mistyped heading is one
/// finding, not one per bullet. (Whether the text is the bullet's words is alliance-lint's
/// `not-verbatim`, which shows the differences.)
fn check_sources(
    diagnostics: &mut Vec<Diagnostic>,
    file: FileId,
    session: &SessionFile,
    outline: &Outline,
) {
    let heading = session.heading.get_ref();
    if outline.section(heading).is_none() {
        diagnostics.push(
            Diagnostic::error(
                codes::MISPLACED_SOURCE,
                format!("the report has no section headed `{heading}`"),
            )
            .at(file, session.heading.span())
            .label("not a heading of the report")
            .help("copy the heading exactly as it stands on its own line in the report"),
        );
        return;
    }
    let heading = normalize(heading);
    for r in &session.recommendation {
        let source = r.get_ref().source.get_ref();
        let (line, bullet) = (&source.line, source.bullet);
        let n = *line.get_ref() as usize;
        let Some((section, number, _)) = outline.bullet_at(n) else {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!("line {n} of the report does not start a bullet"),
                )
                .at(file, line.span())
                .label("expected the line on which this recommendation's bullet starts"),
            );
            continue;
        };
        if section.heading != heading {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!(
                        "the bullet on line {n} is under `{}`, not under this session's heading",
                        section.heading
                    ),
                )
                .at(file, line.span()),
            );
        } else if number != bullet as usize {
            diagnostics.push(
                Diagnostic::error(
                    codes::MISPLACED_SOURCE,
                    format!("the bullet on line {n} is bullet {number} of its list, not {bullet}"),
                )
                .at(file, r.get_ref().source.span()),
            );
        }
    }
}

fn parse_toml<T: DeserializeOwned>(
    sources: &SourceMap,
    file: FileId,
) -> Result<T, Vec<Diagnostic>> {
    let source = sources.get(file);
    let text = source.text.as_str();
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error(codes::EMPTY_FILE, format!("`{}` is empty", source.path.display()))
                .at(file, 0..0)
                .help("a data file holds at least the keys its format requires; delete the file if it is not needed"),
        ]);
    }
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                Diagnostic::error(
                    codes::SYNTAX_ERROR,
                    format!("invalid TOML: {}", e.message().trim_end()),
                )
                .at(file, span)
            })
            .collect());
    }
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let top_level = span.is_empty() && span.start == 0;
        vec![classify_data_error(e.message(), top_level).at(file, span)]
    })
}

/// Turns a deserialization error of the `toml` crate into a diagnostic with the right code.
fn classify_data_error(message: &str, top_level: bool) -> Diagnostic {
    let message = message.trim_end();
    if let Some(rest) = message.strip_prefix("missing field ") {
        let d = Diagnostic::error(codes::MISSING_KEY, format!("missing key {rest}"));
        return if top_level {
            d.help(format!(
                "add {rest} to the top of this file, before any [table]"
            ))
        } else {
            d.label(format!("this table needs {rest}"))
        };
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut d = Diagnostic::error(codes::UNKNOWN_KEY, format!("unknown key {key}"))
            .label("not a key of this table");
        let bare = key.trim_matches('`');
        if let Some(c) = closest(bare, candidates.iter().copied()) {
            d = d.help(format!("did you mean `{c}`?"));
        }
        if !expected.is_empty() {
            d = d.note(format!("expected {expected}"));
        }
        return d;
    }
    let message = message
        .replace("invalid type: ", "wrong type: ")
        .replace("invalid value: ", "wrong value: ");
    Diagnostic::error(codes::WRONG_TYPE, message)
}

/// Whether an id is lowercase kebab-case (`^[a-z0-9]+(-[a-z0-9]+)*$`).
pub fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = i32::try_from(digits(0..4)?).ok()?;
    let month = digits(5..7)?;
    let day = digits(8..10)?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2017-04-03"), Some((2017, 4, 3)));
        assert_eq!(parse_date("2016-02-29"), Some((2016, 2, 29)));
        assert_eq!(parse_date("2017-02-29"), None);
        assert_eq!(parse_date("2017-04-31"), None);
        assert_eq!(parse_date("2017-13-01"), None);
        assert_eq!(parse_date("2017-4-3"), None);
        assert_eq!(parse_date("3 April 2017"), None);
        assert_eq!(parse_date("2017-04-+3"), None);
    }

    #[test]
    fn ids() {
        assert!(is_well_formed_id("a17-panel-1"));
        assert!(!is_well_formed_id("Panel-1"));
        assert!(!is_well_formed_id("panel--1"));
        assert!(!is_well_formed_id("-panel"));
        assert!(!is_well_formed_id(""));
        assert!(!is_well_formed_id("panel_1"));
    }
}
