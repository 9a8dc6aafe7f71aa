//! For machines: one JSON object (its shape is in `docs/contracts.md`).

use serde::Serialize;

use super::{Count, counts};
use crate::check::VersionCheck;
use crate::compare::{Change, Diff, FieldChange, Release};

/// The JSON document (`docs/contracts.md`).
#[derive(Serialize)]
struct Json<'a> {
    old: &'a Release,
    new: &'a Release,
    summary: Vec<Count>,
    release: &'a [FieldChange],
    changes: &'a [Change],
    #[serde(skip_serializing_if = "Option::is_none")]
    version_check: Option<&'a VersionCheck>,
}

/// For machines: one JSON object, pretty-printed, with a final newline.
pub fn json(diff: &Diff, check: Option<&VersionCheck>) -> serde_json::Result<String> {
    let doc = Json {
        old: &diff.old,
        new: &diff.new,
        summary: counts(diff),
        release: &diff.release,
        changes: &diff.changes,
        version_check: check,
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}
