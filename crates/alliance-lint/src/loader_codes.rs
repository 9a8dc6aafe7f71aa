//! The codes the loader reports (`AL001`–`AL013`), documented. The checks live in
//! `alliance-core`'s loader, so that every tool refuses broken data the same way; alliance-lint
//! reports them under the same codes (`alliance_core::codes`, assigned in `codes.rs`) and
//! documents them here. They cannot be turned off.

use crate::rule::{Check, Context, Finding, declare_rule};

/// Declares loader checks: each is documented and named as `alliance_core::codes` names it, and
/// checks nothing itself (its findings come from the loader).
macro_rules! loader_checks {
    ($($(#[doc = $doc:literal])* $rule:ident;)*) => {$(
        declare_rule! {
            $(#[doc = $doc])*
            pub(crate) struct $rule;
            severity = Error,
        }

        impl Check for $rule {
            fn check(&self, _: &Context<'_>, _: &mut Vec<Finding>) {}
        }
    )*};
}

loader_checks! {
    /// ## What it does
    /// Reports a data file that is not valid TOML: an unclosed string or bracket, a key without a value, a duplicate key.
    ///
    /// ## Why it matters
    /// Nothing in the file can be read; every tool refuses the dataset.
    ///
    /// ## Example
    /// ```toml
    /// name = "Kevin Hyland
    /// ```
    ///
    /// ## How to fix
    /// Fix the syntax at the caret; an editor with TOML support shows the same place.
    SyntaxError;

    /// ## What it does
    /// Reports a value of the wrong type (a string where a number belongs), out of range (a negative order), or not a release version in `dataset.toml`.
    ///
    /// ## Why it matters
    /// The value cannot mean what the format says; the record is dropped.
    ///
    /// ## Example
    /// ```toml
    /// edition = "17"
    /// ```
    ///
    /// ## How to fix
    /// Write the value as the format wants it (the JSON Schema named on the file's first line says which).
    WrongType;

    /// ## What it does
    /// Reports a table without a key the format requires.
    ///
    /// ## Why it matters
    /// Required keys are what every tool relies on (a recommendation's `text`, `label`, `source`).
    ///
    /// ## Example
    /// A `[[recommendation]]` without `label`.
    ///
    /// ## How to fix
    /// Add the key; the message names it.
    MissingKey;

    /// ## What it does
    /// Reports a key the format does not have; usually a typo.
    ///
    /// ## Why it matters
    /// A mistyped key would otherwise be ignored silently, and its value lost.
    ///
    /// ## Example
    /// ```toml
    /// honourific = "Fr."
    /// ```
    ///
    /// ## How to fix
    /// Use the key the message suggests, or remove it.
    UnknownKey;

    /// ## What it does
    /// Reports two records of one kind with the same id.
    ///
    /// ## Why it matters
    /// References would be ambiguous; exports would hold two rows with one key.
    ///
    /// ## Example
    /// Two `[[person]]` with `id = "kevin-hyland"`.
    ///
    /// ## How to fix
    /// Remove the copy or give it its own id.
    DuplicateId;

    /// ## What it does
    /// Reports a reference (person, organization, theme, pillar, role, session, instrument, ...) to an id that does not exist.
    /// Also a conference whose `id` differs from its folder's name: the folder's name is how
    /// the conference is found, so the id must be it (references to the folder's name are then
    /// not reported again).
    ///
    /// ## Why it matters
    /// The record would point at nothing in every output.
    ///
    /// ## Example
    /// ```toml
    /// person = "sarah-eliott"
    /// ```
    ///
    /// ## How to fix
    /// Fix the id (the message suggests the closest one) or define the record. For a
    /// conference, write its folder's name as its `id`, or rename the folder.
    DanglingReference;

    /// ## What it does
    /// Reports a date that is not a real calendar date in `YYYY-MM-DD` form.
    ///
    /// ## Why it matters
    /// Dates sort and filter the data; `2017-04-31` does not exist.
    ///
    /// ## Example
    /// ```toml
    /// start_date = "2017-04-31"
    /// ```
    ///
    /// ## How to fix
    /// Write the date from the report as `YYYY-MM-DD`.
    InvalidDate;

    /// ## What it does
    /// Reports an end date before its start date.
    ///
    /// ## Why it matters
    /// A conference cannot end before it starts; one of the two is a typo.
    ///
    /// ## Example
    /// ```toml
    /// start_date = "2017-04-03"
    /// end_date = "2017-04-02"
    /// ```
    ///
    /// ## How to fix
    /// Correct the dates from the report.
    InvertedDates;

    /// ## What it does
    /// Reports a file or folder of the dataset that is missing or cannot be read (a folder where a file belongs, no permission).
    ///
    /// ## Why it matters
    /// Everything it holds is missing from the dataset.
    ///
    /// ## Example
    /// `vocabularies/figure-kinds.toml` deleted.
    ///
    /// ## How to fix
    /// Restore the file; the layout is in data/README.md.
    UnreadableFile;

    /// ## What it does
    /// Reports a data file that is not UTF-8.
    ///
    /// ## Why it matters
    /// Names such as Guðbrandsson would be garbled in every output.
    ///
    /// ## Example
    /// A file saved as Latin-1.
    ///
    /// ## How to fix
    /// Save the file as UTF-8.
    InvalidUtf8;

    /// ## What it does
    /// Reports a data file that holds nothing.
    ///
    /// ## Why it matters
    /// An emptied file is usually an accident (a failed save, a bad merge).
    ///
    /// ## Example
    /// A session file of zero bytes.
    ///
    /// ## How to fix
    /// Restore its content, or delete the file if it is not needed.
    EmptyFile;

    /// ## What it does
    /// Reports an id that is not lowercase kebab-case (`a17-panel-1`).
    ///
    /// ## Why it matters
    /// Ids are keys in CSV, JSON and URLs of briefs; one form keeps them safe everywhere.
    ///
    /// ## Example
    /// ```toml
    /// id = "Panel_1"
    /// ```
    ///
    /// ## How to fix
    /// Use lowercase ASCII letters and digits joined by single hyphens.
    MalformedId;

    /// ## What it does
    /// Checks each recommendation's `source` against the report: `line` must be the line on which its bullet starts, under its session's heading, with `bullet` its number in the list; and each session's `heading` must be a heading of the report.
    ///
    /// ## Why it matters
    /// The source location is how a reader finds the recommendation in the report; a wrong one sends them elsewhere.
    ///
    /// ## Example
    /// ```toml
    /// source = { bullet = 1, line = 54 }
    /// ```
    ///
    /// ## How to fix
    /// Look up the bullet in the report text and copy its line and number.
    MisplacedSource;
}
