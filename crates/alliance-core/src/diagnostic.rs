//! Diagnostics: what the loader (and later the linter) finds, with a stable code, a severity,
//! a message and where it is.

use std::ops::Range;

use crate::source_map::{FileId, SourceMap};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The dataset must not be used until this is fixed.
    Error,
    /// Worth fixing; does not stop the tools.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A stable diagnostic code and the kebab-case name of the fault it reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    /// `AL` followed by three digits; never reused for another fault.
    pub code: &'static str,
    /// What is wrong, in kebab-case (`missing-key`, not `require-key`).
    pub name: &'static str,
    /// One line on what the code means.
    pub summary: &'static str,
}

macro_rules! codes {
    ($($ident:ident = $code:literal, $name:literal, $summary:literal;)*) => {
        /// The codes the loader reports. alliance-lint reports them under the same codes.
        pub mod codes {
            use super::Code;
            $(
                #[doc = $summary]
                pub const $ident: Code = Code { code: $code, name: $name, summary: $summary };
            )*
            /// Every loader code, in code order.
            pub const ALL: &[Code] = &[$($ident),*];
        }
    };
}

codes! {
    SYNTAX_ERROR = "AL001", "syntax-error", "a data file is not valid TOML";
    WRONG_TYPE = "AL002", "wrong-type", "a value has the wrong type or is out of range";
    MISSING_KEY = "AL003", "missing-key", "a required key is missing";
    UNKNOWN_KEY = "AL004", "unknown-key", "a key is not part of the format (often a typo)";
    DUPLICATE_ID = "AL005", "duplicate-id", "two records of one kind share an id";
    DANGLING_REFERENCE = "AL006", "dangling-reference", "a reference names an id that does not exist";
    INVALID_DATE = "AL007", "invalid-date", "a date is not a real calendar date in YYYY-MM-DD form";
    INVERTED_DATES = "AL008", "inverted-dates", "an end date comes before its start date";
    UNREADABLE_FILE = "AL009", "unreadable-file", "a file or folder of the dataset is missing or cannot be read";
    INVALID_UTF8 = "AL010", "invalid-utf8", "a data file is not valid UTF-8";
    EMPTY_FILE = "AL011", "empty-file", "a data file holds nothing";
    MALFORMED_ID = "AL012", "malformed-id", "an id is not lowercase kebab-case";
    MISPLACED_SOURCE = "AL013", "misplaced-source", "a source location does not point into the report";
}

/// Where a finding is: a file and a byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text; empty for a point.
    pub span: Range<usize>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code and name.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where; `None` only when there is no text to point at.
    pub location: Option<Location>,
    /// The file or folder concerned, for findings without a location (a missing file).
    pub path: Option<std::path::PathBuf>,
    /// The label under the carets.
    pub label: Option<String>,
    /// Extra notes (`= note: ...`).
    pub notes: Vec<String>,
    /// A hint on how to fix it (`= help: ...`).
    pub help: Option<String>,
}

/// Sorts findings as the tools print them: those without a place first, then by file and
/// position, then by code (lint's findings, and the refusals of export and brief).
pub fn sort_for_output(diagnostics: &mut [Diagnostic], sources: &SourceMap) {
    diagnostics.sort_by_cached_key(|d| {
        let place = d
            .location
            .as_ref()
            .map(|l| (sources.get(l.file).path.clone(), l.span.start));
        (place.is_some(), place, d.code.code)
    });
}

impl Diagnostic {
    /// An error-level finding.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            path: None,
            label: None,
            notes: Vec::new(),
            help: None,
        }
    }

    /// A warning-level finding.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Points the finding at a span of a file.
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.location = Some(Location { file, span });
        self
    }

    /// Names the file or folder concerned when there is no text to point at.
    pub fn with_path(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The path of the file concerned: the located file's, or the one named by [`Self::with_path`].
    pub fn file_path<'a>(&'a self, sources: &'a SourceMap) -> Option<&'a std::path::Path> {
        match &self.location {
            Some(loc) => Some(&sources.get(loc.file).path),
            None => self.path.as_deref(),
        }
    }

    /// Sets the label under the carets.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based start and end line and column, when the finding has a location.
    pub fn line_col(&self, sources: &SourceMap) -> Option<LineCol> {
        let loc = self.location.as_ref()?;
        let file = sources.get(loc.file);
        let (line, column) = file.line_col(loc.span.start);
        let (end_line, end_column) = file.line_col(loc.span.end);
        Some(LineCol {
            line,
            column,
            end_line,
            end_column,
        })
    }
}

/// A resolved location: 1-based lines and columns (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    /// Line of the first character.
    pub line: usize,
    /// Column of the first character.
    pub column: usize,
    /// Line just past the last character.
    pub end_line: usize,
    /// Column just past the last character.
    pub end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::codes;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for (i, code) in codes::ALL.iter().enumerate() {
            assert_eq!(
                code.code,
                format!("AL{:03}", i + 1),
                "codes are dense and in order"
            );
            assert!(seen.insert(code.name), "duplicate name {}", code.name);
            assert!(
                crate::id::is_well_formed_id(code.name),
                "{} is not kebab-case",
                code.name
            );
            assert!(!code.summary.ends_with('.'));
        }
    }
}
