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

impl Code {
    /// Whether `rule`, as a person writes it in an `[[allow]]` or on the command line, names
    /// this code: its code in any case (`AL045`, `al045`) or its name (`unheld-bullet`).
    pub fn is_named_by(&self, rule: &str) -> bool {
        rule.eq_ignore_ascii_case(self.code) || rule == self.name
    }
}

macro_rules! codes {
    ($($ident:ident = $code:literal, $name:literal, $summary:literal;)*) => {
        $(
            #[doc = $summary]
            pub const $ident: Code = Code { code: $code, name: $name, summary: $summary };
        )*
        /// Every code, in code order.
        pub const ALL: &[Code] = &[$($ident),*];
    };
}

/// Every code of the toolkit, in one table: the only place a code, its name and its summary
/// are written. The loader reports [`codes::LOADER`], alliance-authority's checks against the
/// report theirs (`alliance_authority::codes::ALL`), and alliance-lint assigns each of its
/// rules one of these (`alliance-lint/src/codes.rs` maps them to rules by name, never by a
/// code written again). A code is never reused: a rule that is removed leaves its code
/// unassigned.
pub mod codes {
    use super::Code;

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
        NOT_VERBATIM = "AL014", "not-verbatim", "a quoted text is not verbatim in its conference's report";
        MISMATCHED_PUNCTUATION = "AL015", "mismatched-punctuation", "a quotation's quotation marks or dashes differ from the report's";
        MISSING_MODERATOR = "AL016", "missing-moderator", "a panel or thematic session has no moderator";
        MISSING_RAPPORTEUR = "AL017", "missing-rapporteur", "a panel has no rapporteur";
        SESSION_WITHOUT_PARTICIPANTS = "AL018", "session-without-participants", "a session has no participants";
        SESSION_WITHOUT_RECOMMENDATIONS = "AL019", "session-without-recommendations", "a panel or thematic session has no recommendations";
        RECOMMENDATION_WITHOUT_THEME = "AL020", "recommendation-without-theme", "a recommendation has no theme";
        RECOMMENDATION_WITHOUT_PILLAR = "AL021", "recommendation-without-pillar", "a recommendation has no pillar";
        PERSON_WITHOUT_AFFILIATION = "AL022", "person-without-affiliation", "a person has no affiliation";
        ORGANIZATION_WITHOUT_KIND = "AL023", "organization-without-kind", "an organization has no kind";
        CONFERENCE_WITHOUT_FIGURES = "AL024", "conference-without-figures", "a conference has no figures";
        CONFERENCE_WITHOUT_SOURCE = "AL025", "conference-without-source", "a conference has no source report";
        UNUSED_THEME = "AL026", "unused-theme", "a theme no recommendation uses";
        OVERSIZED_THEME = "AL027", "oversized-theme", "a theme's brief cannot fit one printed page";
        BROKEN_ORDER = "AL028", "broken-order", "order numbers have gaps or repeats";
        DATE_OUTSIDE_CONFERENCE = "AL029", "date-outside-conference", "a session's date is outside its conference's dates";
        DUPLICATE_TEXT = "AL030", "duplicate-text", "two recommendations have the same text";
        CONFLICTING_ROLES = "AL031", "conflicting-roles", "a person holds two roles in one session that cannot both hold";
        IRREGULAR_WHITESPACE = "AL032", "irregular-whitespace", "a text has leading, trailing or doubled spaces, a line break or a non-breaking space";
        LEFTOVER_MARKDOWN = "AL033", "leftover-markdown", "a text holds Markdown emphasis markers";
        BROKEN_HYPHENATION = "AL034", "broken-hyphenation", "a hyphen is left from a line break";
        UNUSED_SUPPRESSION = "AL035", "unused-suppression", "a suppression matches no finding";
        INVALID_SUPPRESSION = "AL036", "invalid-suppression", "a suppression names no known rule or gives no reason";
        INVISIBLE_CHARACTER = "AL037", "invisible-character", "a text holds a control, bidirectional or zero-width character";
        TOO_MANY_THEMES = "AL038", "too-many-themes", "a recommendation has more than three themes";
        REPEATED_TERM = "AL039", "repeated-term", "a theme, pillar or addressee is listed twice on one recommendation";
        UNREFERENCED_REGISTRY_ENTRY = "AL040", "unreferenced-registry-entry", "a person or organization in the registry that nothing refers to and no report names";
        EMPTY_ORGANIZATION_NAME = "AL041", "empty-organization-name", "an organization's name is empty or only whitespace";
        ORGANIZATION_PARENT_CYCLE = "AL042", "organization-parent-cycle", "organizations are their own parent, directly or through others";
        INSTRUMENT_AFTER_CONFERENCE = "AL043", "instrument-after-conference", "an instrument is dated after the conference that cites it";
        TEXT_TOO_LONG_FOR_WORKBOOK = "AL044", "text-too-long-for-workbook", "a text is longer than an Excel cell holds";
        UNHELD_BULLET = "AL045", "unheld-bullet", "a bullet of a list of recommendations, findings or conclusions is held by no recommendation";
        BULLET_HELD_TWICE = "AL046", "bullet-held-twice", "two recommendations hold the same bullet of the report";
        MISSING_SESSION = "AL047", "missing-session", "a session heading of the report has no session file";
        PARTIAL_QUOTATION = "AL048", "partial-quotation", "a recommendation's text is only part of the bullet at its source";
        MISPLACED_QUOTATION = "AL049", "misplaced-quotation", "a recommendation's text is in the report, but not the bullet at its source";
        MISORDERED_RECOMMENDATION = "AL050", "misordered-recommendation", "a recommendation's order is not its bullet's place among the session's bullets";
        MISMATCHED_LABEL = "AL051", "mismatched-label", "a recommendation's label is not what the lead-in of its list says";
        UNRECORDED_PERSON = "AL052", "unrecorded-person", "a person the report names in a session's part is not a participant of the session";
        UNNAMED_PARTICIPANT = "AL053", "unnamed-participant", "a participant is not named in the session's part of the report";
        MISSPELLED_NAME = "AL054", "misspelled-name", "a person's name is not printed so in the report";
        MISMATCHED_ROLE = "AL055", "mismatched-role", "a role the report states for a person is not the participant's role";
        MISMATCHED_FIGURE_VALUE = "AL056", "mismatched-figure-value", "a figure's value is not the number printed in its as_printed";
        MISMATCHED_TITLE_PAGE = "AL057", "mismatched-title-page", "a conference's edition, dates or city disagree with the report's title page";
        MISSING_CONFERENCE_AFFILIATION = "AL058", "missing-conference-affiliation", "a returning person has no affiliation for a conference they took part in";
    }

    /// The codes the loader reports, in code order (alliance-lint reports them under the same
    /// codes; they cannot be turned off).
    pub const LOADER: &[Code] = &[
        SYNTAX_ERROR,
        WRONG_TYPE,
        MISSING_KEY,
        UNKNOWN_KEY,
        DUPLICATE_ID,
        DANGLING_REFERENCE,
        INVALID_DATE,
        INVERTED_DATES,
        UNREADABLE_FILE,
        INVALID_UTF8,
        EMPTY_FILE,
        MALFORMED_ID,
        MISPLACED_SOURCE,
    ];
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
