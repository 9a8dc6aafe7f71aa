//! [`Authority`]: a loaded dataset with each conference's report read once, what every check
//! against the report sees; and [`Finding`], what a check reports.

use std::sync::OnceLock;

use alliance_core::diagnostic::{Code, Diagnostic, Location, Severity};
use alliance_core::load::{Kind, Loaded};
use alliance_core::model::Recommendation;
use alliance_core::report::{Clean, Outline};
use alliance_core::text::normalize;
use alliance_core::{Dataset, FileId, Index, SourceMap};
use rayon::iter::{IntoParallelIterator, ParallelIterator};
use rustc_hash::FxHashMap;

use crate::fidelity::{Quotations, ReportIndex};
use crate::reading::Reading;

/// One finding and the record it is about (for `[[allow]]` suppressions).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The diagnostic as it will be printed.
    pub diagnostic: Diagnostic,
    /// The record the finding is about, when there is one.
    pub subject: Option<(Kind, String)>,
}

impl Finding {
    /// Sets the label under the carets.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.diagnostic.label = Some(label.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.diagnostic.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.diagnostic.help = Some(help.into());
        self
    }
}

/// A conference's report: its file, its text indexed for verbatim comparison, and what it
/// states ([`Reading`]).
#[derive(Debug)]
pub struct Report {
    /// The report's file.
    pub file: FileId,
    /// The text, indexed for quotations.
    pub index: ReportIndex,
    /// Sections, bullets, names and the title page.
    pub reading: Reading,
}

/// What the checks against the report see: the loaded dataset, its [`Index`], each
/// conference's [`Report`] read once, and every quotation compared with its report once.
pub struct Authority<'a> {
    /// The loaded dataset with sources and origins.
    pub loaded: &'a Loaded,
    /// Shorthand for `loaded.dataset`.
    pub ds: &'a Dataset,
    /// Lookups by id and groupings, built once.
    pub index: Index<'a>,
    reports: FxHashMap<&'a str, Report>,
    quotations: OnceLock<Quotations>,
    holders: OnceLock<FxHashMap<&'a str, FxHashMap<u32, Vec<usize>>>>,
    by_heading: OnceLock<FxHashMap<&'a str, FxHashMap<String, usize>>>,
    matchings: OnceLock<Vec<crate::people::Matching<'a>>>,
    misfits: OnceLock<Vec<(&'a Recommendation, crate::quotes::Misfit)>>,
}

impl<'a> Authority<'a> {
    /// Reads every report of the dataset (on every core) and indexes the dataset.
    pub fn new(loaded: &'a Loaded) -> Self {
        let (reports, index) = rayon::join(
            || {
                loaded
                    .reports
                    .iter()
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .map(|(conference, &file)| {
                        let text = &loaded.sources.get(file).text;
                        // cleaned once for the outline and the verbatim comparison
                        let clean = Clean::new(text);
                        let outline = Outline::of(&clean);
                        let report = Report {
                            file,
                            index: ReportIndex::from_outline(&clean, &outline),
                            reading: Reading::new(text, &outline),
                        };
                        (conference.as_str(), report)
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
                    .collect()
            },
            || Index::new(&loaded.dataset),
        );
        Authority {
            loaded,
            ds: &loaded.dataset,
            index,
            reports,
            quotations: OnceLock::new(),
            holders: OnceLock::new(),
            by_heading: OnceLock::new(),
            matchings: OnceLock::new(),
            misfits: OnceLock::new(),
        }
    }

    /// Every session with a part in its report, its participants matched with the people the
    /// part names; made once, for the four checks that read it.
    /// The recommendations verbatim in their report but not the whole bullet at their source,
    /// found once for the two checks that report them.
    pub(crate) fn misfits(&self) -> &[(&'a Recommendation, crate::quotes::Misfit)] {
        self.misfits.get_or_init(|| crate::quotes::misfits(self))
    }

    pub(crate) fn matchings(&self) -> &[crate::people::Matching<'a>] {
        self.matchings
            .get_or_init(|| crate::people::matchings(self))
    }

    /// The recommendations (positions in `Dataset::recommendations`, in order) that hold the
    /// bullet starting on `line` of a conference's report.
    pub fn holders(&self, conference: &str, line: u32) -> &[usize] {
        let map = self.holders.get_or_init(|| {
            let mut map: FxHashMap<&str, FxHashMap<u32, Vec<usize>>> = FxHashMap::default();
            for (i, r) in self.ds.recommendations.iter().enumerate() {
                map.entry(r.conference.as_str())
                    .or_default()
                    .entry(r.source.line)
                    .or_default()
                    .push(i);
            }
            map
        });
        map.get(conference)
            .and_then(|m| m.get(&line))
            .map_or(&[], Vec::as_slice)
    }

    /// The (first) session of a conference whose heading is `heading` (normalized), as a
    /// position in `Dataset::sessions`.
    pub fn session_headed(&self, conference: &str, heading: &str) -> Option<usize> {
        let map = self.by_heading.get_or_init(|| {
            let mut map: FxHashMap<&str, FxHashMap<String, usize>> = FxHashMap::default();
            for (i, s) in self.ds.sessions.iter().enumerate() {
                // the first session with a heading, as `Outline::section` takes the first
                // section with it
                map.entry(s.conference.as_str())
                    .or_default()
                    .entry(normalize(&s.heading))
                    .or_insert(i);
            }
            map
        });
        map.get(conference)?.get(heading).copied()
    }

    /// The report of a conference, read.
    pub fn report(&self, conference: &str) -> Option<&Report> {
        self.reports.get(conference)
    }

    /// Every quotation compared with its report, computed on every core the first time.
    pub fn quotations(&self) -> &Quotations {
        self.quotations.get_or_init(|| Quotations::new(self))
    }

    /// The files read.
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }

    /// A finding with `code`, about a record, pointing at `location`.
    pub fn found(
        &self,
        code: Code,
        severity: Severity,
        message: impl Into<String>,
        subject: Option<(Kind, &str)>,
        location: Option<Location>,
    ) -> Finding {
        let mut diagnostic = Diagnostic::error(code, message);
        diagnostic.severity = severity;
        diagnostic.location = location;
        Finding {
            diagnostic,
            subject: subject.map(|(kind, id)| (kind, id.to_owned())),
        }
    }

    /// An error with `code` about a record, pointing at `location`.
    pub fn error(
        &self,
        code: Code,
        message: impl Into<String>,
        subject: Option<(Kind, &str)>,
        location: Option<Location>,
    ) -> Finding {
        self.found(code, Severity::Error, message, subject, location)
    }

    /// Where line `line` of a report is (its text, without the line ending).
    pub fn report_line(&self, report: &Report, line: usize) -> Option<Location> {
        let span = self.sources().get(report.file).line_span(line)?;
        Some(Location {
            file: report.file,
            span,
        })
    }

    /// The path of the file a record is defined in, as it is shown.
    pub fn file_of(&self, kind: Kind, id: &str) -> Option<String> {
        let origin = self.loaded.origins.get(kind, id)?;
        Some(self.sources().get(origin.file).path.display().to_string())
    }

    /// Where the first of `needles` is in the value `field` of a record when the loader
    /// recorded where that value is, else in the record's table (from its `[[header]]` to the
    /// next record's, or its whole file); `None` when it is not there.
    pub fn locate_in_record(
        &self,
        kind: Kind,
        id: &str,
        field: &str,
        needles: &[&str],
    ) -> Option<Location> {
        let origins = &self.loaded.origins;
        let within = origins.field(kind, id, field).or_else(|| {
            let origin = origins.get(kind, id)?;
            let text = &self.sources().get(origin.file).text;
            let mut span = origin.span.clone();
            // an array-of-tables record's span is its header: the table runs to the next one
            if let Some(header) = text
                .get(span.clone())
                .filter(|h| h.starts_with("[[") && h.ends_with("]]"))
            {
                let next = text[span.end..]
                    .find(&format!("\n{header}"))
                    .map_or(text.len(), |at| span.end + at);
                span = span.start..next;
            }
            Some(Location {
                file: origin.file,
                span,
            })
        })?;
        let value = self
            .sources()
            .get(within.file)
            .text
            .get(within.span.clone())?;
        let (at, len) = needles
            .iter()
            .filter(|n| !n.is_empty())
            .filter_map(|n| value.find(n).map(|at| (at, n.len())))
            .min()?;
        Some(Location {
            file: within.file,
            span: within.span.start + at..within.span.start + at + len,
        })
    }

    /// Where the line `key = ...` of a record is (its first line, for a value that runs over
    /// several), or, with `item`, the `nth` (from 0) `"item"` on that line.
    pub fn locate_key(
        &self,
        kind: Kind,
        id: &str,
        key: &str,
        item: Option<(&str, usize)>,
    ) -> Option<Location> {
        let line = self.locate_in_record(
            kind,
            id,
            key,
            &[&format!("\n{key} ="), &format!("\n{key}=")],
        )?;
        let text = &self.sources().get(line.file).text;
        let start = line.span.start + 1;
        let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
        let span = match item {
            None => start..end,
            Some((item, nth)) => {
                let quoted = format!("\"{item}\"");
                let at = text[start..end].match_indices(&quoted).nth(nth)?.0;
                start + at..start + at + quoted.len()
            }
        };
        Some(Location {
            file: line.file,
            span,
        })
    }

    /// Where a record's line `key = ...` is ([`Self::locate_key`]), else its value as the
    /// loader recorded it, else its id.
    pub fn locate_field(&self, kind: Kind, id: &str, key: &str) -> Option<Location> {
        self.locate_key(kind, id, key, None)
            .or_else(|| self.loaded.origins.locate(kind, id, key))
    }

    /// Where the `n`th (from 0) `[[participant]]` of a session is: its line `key = ...` when
    /// it has one, else its header.
    pub fn locate_participant(&self, session: &str, n: usize, key: &str) -> Option<Location> {
        let origins = &self.loaded.origins;
        let Some(header) = origins.field(Kind::Session, session, &format!("participant.{n}"))
        else {
            return origins.locate(Kind::Session, session, "id");
        };
        let text = &self.sources().get(header.file).text;
        let table_end = text[header.span.end..]
            .find("\n[")
            .map_or(text.len(), |at| header.span.end + at);
        let table = &text[header.span.end..table_end];
        let line = [format!("\n{key} ="), format!("\n{key}=")]
            .iter()
            .find_map(|k| table.find(k.as_str()))
            .map(|at| {
                let start = header.span.end + at + 1;
                let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                start..end
            });
        Some(Location {
            file: header.file,
            span: line.unwrap_or(header.span),
        })
    }
}
