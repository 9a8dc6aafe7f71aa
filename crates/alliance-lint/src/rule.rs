//! What a rule is, what it sees, and what it reports.

use alliance_core::diagnostic::{Code, Diagnostic, Location, Severity};
use alliance_core::load::{Kind, Loaded};
use alliance_core::{Dataset, Index, SourceMap};

use std::sync::OnceLock;

use rayon::iter::{IntoParallelIterator, ParallelIterator};
use rustc_hash::FxHashMap;

use crate::fidelity::{Quotations, ReportIndex};

/// A lint rule: a stable code and name, a default severity, its documentation, and the check.
pub trait Rule: Sync {
    /// Code, name, severity and documentation.
    fn info(&self) -> &'static RuleInfo;
    /// Pushes a finding for every fault in the dataset.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Everything about a rule but its check.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code and kebab-case name of the fault.
    pub code: Code,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Markdown: `## What it does`, `## Why it matters`, `## Example`, `## How to fix`.
    pub doc: &'static str,
}

/// One finding of a rule, with the record it is about (for suppressions).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The diagnostic as it will be printed.
    pub diagnostic: Diagnostic,
    /// The record the finding is about, when there is one.
    pub subject: Option<(Kind, String)>,
}

/// What rules see: the loaded dataset, each conference's report indexed once, and every
/// quotation compared with its report once.
pub struct Context<'a> {
    /// The loaded dataset with sources and origins.
    pub loaded: &'a Loaded,
    /// Shorthand for `loaded.dataset`.
    pub ds: &'a Dataset,
    /// Lookups by id and groupings, built once.
    pub index: Index<'a>,
    reports: FxHashMap<&'a str, ReportIndex>,
    quotations: OnceLock<Quotations>,
}

impl<'a> Context<'a> {
    /// Indexes every report of the dataset (and, at the same time, the dataset).
    pub fn new(loaded: &'a Loaded) -> Self {
        let (reports, index) = rayon::join(
            || {
                loaded
                    .reports
                    .iter()
                    .collect::<Vec<_>>()
                    .into_par_iter()
                    .map(|(conference, &file)| {
                        (
                            conference.as_str(),
                            ReportIndex::new(&loaded.sources.get(file).text),
                        )
                    })
                    .collect::<Vec<_>>()
                    .into_iter()
                    .collect()
            },
            || Index::new(&loaded.dataset),
        );
        Context {
            loaded,
            ds: &loaded.dataset,
            index,
            reports,
            quotations: OnceLock::new(),
        }
    }

    /// The indexed report of a conference.
    pub fn report(&self, conference: &str) -> Option<&ReportIndex> {
        self.reports.get(conference)
    }

    /// Every quotation compared with its report, computed on every core the first time.
    pub(crate) fn quotations(&self) -> &Quotations {
        self.quotations.get_or_init(|| Quotations::new(self))
    }

    /// The files read.
    pub fn sources(&self) -> &SourceMap {
        &self.loaded.sources
    }

    /// A finding of `rule` about a record, pointing at one of its values (or its id).
    pub fn finding(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        field: &str,
    ) -> Finding {
        let location = self.loaded.origins.locate(kind, id, field);
        self.finding_at(rule, message, kind, id, location)
    }

    /// A finding of `rule` about a value of a record, pointing at the first occurrence of
    /// `needle` inside the value when it can be found there, else at the value or the record.
    pub fn finding_in(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        field: &str,
        needle: &str,
    ) -> Finding {
        let mut location = self.loaded.origins.locate(kind, id, field);
        if let Some(loc) = location
            .as_mut()
            .filter(|_| self.loaded.origins.field(kind, id, field).is_some())
        {
            let text = &self.sources().get(loc.file).text;
            if let Some(at) = text
                .get(loc.span.clone())
                .and_then(|value| value.find(needle))
            {
                loc.span = loc.span.start + at..loc.span.start + at + needle.len();
            }
        }
        self.finding_at(rule, message, kind, id, location)
    }

    /// A finding of `rule` about a record, pointing at `location`.
    pub fn finding_at(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        location: Option<Location>,
    ) -> Finding {
        let mut diagnostic = Diagnostic::error(rule.code, message);
        diagnostic.severity = rule.severity;
        diagnostic.location = location;
        Finding {
            diagnostic,
            subject: Some((kind, id.to_owned())),
        }
    }
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

/// Session kinds that hold a discussion: panels and thematic sessions (not the opening).
pub(crate) fn is_discussion(kind: &str) -> bool {
    kind == "panel" || kind == "thematic"
}
