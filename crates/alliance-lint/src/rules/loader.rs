//! Documentation of the codes the loader reports (`AL001`–`AL013`). The checks live in
//! `alliance-core`'s loader, so that every tool refuses broken data the same way; alliance-lint
//! reports them under the same codes and documents them here.

use alliance_core::Severity;
use alliance_core::codes;

use crate::rule::{Context, Finding, Rule, RuleInfo};

/// A loader check, documented: its findings come from the loader, not from [`Rule::check`].
pub(crate) struct LoaderCheck(pub(crate) &'static RuleInfo);

impl Rule for LoaderCheck {
    fn info(&self) -> &'static RuleInfo {
        self.0
    }

    fn check(&self, _: &Context<'_>, _: &mut Vec<Finding>) {}
}

macro_rules! loader_docs {
    ($($ident:ident => $code:ident, $doc:literal;)*) => {
        $(pub(crate) static $ident: RuleInfo = RuleInfo { code: codes::$code, severity: Severity::Error, doc: $doc };)*
    };
}

loader_docs! {
    SYNTAX_ERROR => SYNTAX_ERROR, "## What it does\nReports a data file that is not valid TOML: an unclosed string or bracket, a key without a value, a duplicate key.\n\n## Why it matters\nNothing in the file can be read; every tool refuses the dataset.\n\n## Example\n```toml\nname = \"Kevin Hyland\n```\n\n## How to fix\nFix the syntax at the caret; an editor with TOML support shows the same place.\n";
    WRONG_TYPE => WRONG_TYPE, "## What it does\nReports a value of the wrong type (a string where a number belongs), out of range (a negative order), or not a release version in `dataset.toml`.\n\n## Why it matters\nThe value cannot mean what the format says; the record is dropped.\n\n## Example\n```toml\nedition = \"17\"\n```\n\n## How to fix\nWrite the value as the format wants it (the JSON Schema named on the file's first line says which).\n";
    MISSING_KEY => MISSING_KEY, "## What it does\nReports a table without a key the format requires.\n\n## Why it matters\nRequired keys are what every tool relies on (a recommendation's `text`, `label`, `source`).\n\n## Example\nA `[[recommendation]]` without `label`.\n\n## How to fix\nAdd the key; the message names it.\n";
    UNKNOWN_KEY => UNKNOWN_KEY, "## What it does\nReports a key the format does not have; usually a typo.\n\n## Why it matters\nA mistyped key would otherwise be ignored silently, and its value lost.\n\n## Example\n```toml\nhonourific = \"Fr.\"\n```\n\n## How to fix\nUse the key the message suggests, or remove it.\n";
    DUPLICATE_ID => DUPLICATE_ID, "## What it does\nReports two records of one kind with the same id.\n\n## Why it matters\nReferences would be ambiguous; exports would hold two rows with one key.\n\n## Example\nTwo `[[person]]` with `id = \"kevin-hyland\"`.\n\n## How to fix\nRemove the copy or give it its own id.\n";
    DANGLING_REFERENCE => DANGLING_REFERENCE, "## What it does\nReports a reference (person, organization, theme, pillar, role, session, instrument, ...) to an id that does not exist.\n\n## Why it matters\nThe record would point at nothing in every output.\n\n## Example\n```toml\nperson = \"sarah-eliott\"\n```\n\n## How to fix\nFix the id (the message suggests the closest one) or define the record.\n";
    INVALID_DATE => INVALID_DATE, "## What it does\nReports a date that is not a real calendar date in `YYYY-MM-DD` form.\n\n## Why it matters\nDates sort and filter the data; `2017-04-31` does not exist.\n\n## Example\n```toml\nstart_date = \"2017-04-31\"\n```\n\n## How to fix\nWrite the date from the report as `YYYY-MM-DD`.\n";
    INVERTED_DATES => INVERTED_DATES, "## What it does\nReports an end date before its start date.\n\n## Why it matters\nA conference cannot end before it starts; one of the two is a typo.\n\n## Example\n```toml\nstart_date = \"2017-04-03\"\nend_date = \"2017-04-02\"\n```\n\n## How to fix\nCorrect the dates from the report.\n";
    UNREADABLE_FILE => UNREADABLE_FILE, "## What it does\nReports a file or folder of the dataset that is missing or cannot be read (a folder where a file belongs, no permission).\n\n## Why it matters\nEverything it holds is missing from the dataset.\n\n## Example\n`vocabularies/figure-kinds.toml` deleted.\n\n## How to fix\nRestore the file; the layout is in data/README.md.\n";
    INVALID_UTF8 => INVALID_UTF8, "## What it does\nReports a data file that is not UTF-8.\n\n## Why it matters\nNames such as Guðbrandsson would be garbled in every output.\n\n## Example\nA file saved as Latin-1.\n\n## How to fix\nSave the file as UTF-8.\n";
    EMPTY_FILE => EMPTY_FILE, "## What it does\nReports a data file that holds nothing.\n\n## Why it matters\nAn emptied file is usually an accident (a failed save, a bad merge).\n\n## Example\nA session file of zero bytes.\n\n## How to fix\nRestore its content, or delete the file if it is not needed.\n";
    MALFORMED_ID => MALFORMED_ID, "## What it does\nReports an id that is not lowercase kebab-case (`a17-panel-1`).\n\n## Why it matters\nIds are keys in CSV, JSON and URLs of briefs; one form keeps them safe everywhere.\n\n## Example\n```toml\nid = \"Panel_1\"\n```\n\n## How to fix\nUse lowercase ASCII letters and digits joined by single hyphens.\n";
    MISPLACED_SOURCE => MISPLACED_SOURCE, "## What it does\nChecks each recommendation's `source` against the report: `line` must be the line on which its bullet starts, under its session's heading, with `bullet` its number in the list; and each session's `heading` must be a heading of the report.\n\n## Why it matters\nThe source location is how a reader finds the recommendation in the report; a wrong one sends them elsewhere.\n\n## Example\n```toml\nsource = { bullet = 1, line = 54 }\n```\n\n## How to fix\nLook up the bullet in the report text and copy its line and number.\n";
}
