//! `alliance-lint --fix`: the safe, mechanical fixes, made in the session files with
//! `toml_edit` so that everything else in them (comments, layout, key order) stays as it is.
//!
//! What is fixed, from the report (the authority) alone:
//!
//! - a recommendation's `source.line` and `source.bullet`, when its text is a bullet of its
//!   session's section that now starts on another line (lines inserted above it);
//! - a recommendation's `text`, when it differs from its bullet only in what the verbatim
//!   comparison normalizes (whitespace, line breaks, emphasis markers);
//! - a bullet of a labelled list that no recommendation holds: added to its session as an
//!   unclassified recommendation (`alliance_draft`), so that the rules then ask for its themes
//!   and pillars;
//! - the `order` of a session's recommendations (their bullets' order) and of a conference's
//!   sessions (their headings' order).
//!
//! A quotation with a changed word is never touched: that changes meaning. Applying the fixes
//! again changes nothing. [`Plan`] is what would change; [`Plan::diff`] shows it, and
//! [`Plan::write`] writes it through `alliance_cli::Staging`, each folder's files all at once.

mod session;

use std::path::{Path, PathBuf};

use alliance_core::load::{Kind, Loaded};
use alliance_core::report::Outline;
use anyhow::{Context as _, bail};
use rustc_hash::FxHashMap;

/// The changes to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The file, as the loader read it.
    pub path: PathBuf,
    /// Its text now.
    pub before: String,
    /// Its text fixed.
    pub after: String,
    /// What changed, one line each, for a person.
    pub changes: Vec<String>,
}

/// Every fix for a dataset, by file in the order the loader read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The files that change.
    pub files: Vec<FileFix>,
}

impl Plan {
    /// The fixes for a loaded dataset (one with loader errors too: moved source lines are
    /// such errors).
    pub fn new(loaded: &Loaded) -> Plan {
        let mut outlines: FxHashMap<&str, Outline> = FxHashMap::default();
        for (conference, &file) in &loaded.reports {
            outlines.insert(
                conference.as_str(),
                Outline::parse(&loaded.sources.get(file).text),
            );
        }
        // each conference's sessions, ordered by their headings in the report
        let mut session_orders: FxHashMap<&str, u32> = FxHashMap::default();
        let mut by_conference: FxHashMap<&str, Vec<_>> = FxHashMap::default();
        for s in &loaded.dataset.sessions {
            by_conference
                .entry(s.conference.as_str())
                .or_default()
                .push(s);
        }
        for c in &loaded.dataset.conferences {
            let Some(outline) = outlines.get(c.id.as_str()) else {
                continue;
            };
            let sessions = by_conference.remove(c.id.as_str()).unwrap_or_default();
            if !all_sessions_read(loaded, &c.id, sessions.len()) {
                // the orders of the others depend on the session that could not be read
                continue;
            }
            let mut placed: Vec<(usize, &str)> = Vec::new();
            for s in &sessions {
                if let Some(section) = outline.section(&s.heading) {
                    placed.push((section.line, &s.id));
                }
            }
            if placed.len() == sessions.len() {
                placed.sort_unstable();
                for ((_, id), order) in placed.into_iter().zip(1..) {
                    session_orders.insert(id, order);
                }
            }
        }
        let mut files = Vec::new();
        let suppressions = loaded.origins.suppression_filter();
        for s in &loaded.dataset.sessions {
            let Some(origin) = loaded.origins.get(Kind::Session, &s.id) else {
                continue;
            };
            let Some(outline) = outlines.get(s.conference.as_str()) else {
                continue;
            };
            let Some(section) = outline.section(&s.heading) else {
                continue;
            };
            let file = loaded.sources.get(origin.file);
            let excluded = suppressions.suppresses(
                Kind::Session,
                &s.id,
                alliance_authority::codes::UNHELD_BULLET,
            );
            let context = session::Context {
                session: &s.id,
                section,
                order: session_orders.get(s.id.as_str()).copied(),
                add_unheld: !excluded,
                taken: &|id| loaded.origins.get(Kind::Recommendation, id).is_some(),
            };
            if let Some((after, changes)) = session::fix(&file.text, &context) {
                files.push(FileFix {
                    path: file.path.clone(),
                    before: file.text.clone(),
                    after,
                    changes,
                });
            }
        }
        Plan { files }
    }

    /// Whether there is nothing to fix.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A unified diff of every file that changes (`--- a/PATH`, `+++ b/PATH`).
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            let path = f.path.display().to_string();
            let diff = similar::TextDiff::from_lines(&f.before, &f.after);
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
        out
    }

    /// Writes every fixed file, all or none: the files of every folder are staged first
    /// (`alliance_cli::Staging`), and only when all are staged is each folder's set put in
    /// place, so a folder that cannot be written, or a file changed since it was read, leaves
    /// every file as it was. Returns the files written, with the error that stopped the run,
    /// if any: only a commit that fails part-way (a disk that fails between folders) leaves
    /// some folders fixed, and those are named.
    pub fn write(&self) -> (Vec<&FileFix>, anyhow::Result<()>) {
        let mut by_folder: Vec<(&Path, Vec<&FileFix>)> = Vec::new();
        for f in &self.files {
            let folder = f.path.parent().unwrap_or(Path::new("."));
            match by_folder.iter_mut().find(|(d, _)| *d == folder) {
                Some((_, files)) => files.push(f),
                None => by_folder.push((folder, vec![f])),
            }
        }
        let staged = by_folder
            .into_iter()
            .map(|(folder, files)| {
                let staging = alliance_cli::Staging::new(folder, true)?;
                for f in &files {
                    let name = f.path.file_name().map(Path::new).unwrap_or(&f.path);
                    staging.write(name, as_written(f)?.as_bytes())?;
                }
                Ok((staging, files))
            })
            .collect::<anyhow::Result<Vec<_>>>();
        let mut written = Vec::new();
        let staged = match staged {
            Ok(staged) => staged,
            Err(err) => return (written, Err(err)),
        };
        for (staging, files) in staged {
            if let Err(err) = staging.commit() {
                return (written, Err(err));
            }
            written.extend(files);
        }
        (written, Ok(()))
    }
}

/// Whether every session file of the conference `id` was read as a session (`loaded` holds
/// `count` of them): not so when one has a syntax error, for example, and then the sessions'
/// orders are not renumbered without it.
fn all_sessions_read(loaded: &Loaded, id: &str, count: usize) -> bool {
    let Some(origin) = loaded.origins.get(Kind::Conference, id) else {
        return false;
    };
    let file = &loaded.sources.get(origin.file).path;
    let Some(folder) = file.parent().map(|f| f.join("sessions")) else {
        return false;
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return false;
    };
    let files = entries
        .flatten()
        .filter(|e| {
            e.file_name().to_string_lossy().ends_with(".toml")
                && e.file_type().is_ok_and(|t| !t.is_dir())
        })
        .count();
    files == count
}

/// The fixed text of a file as it is written: with the byte-order mark and CRLF line endings
/// the file on disk has (the loader reads both away), so that nothing but the fixes changes.
/// A file that changed since it was read is refused, not overwritten.
fn as_written(f: &FileFix) -> anyhow::Result<String> {
    let raw = std::fs::read_to_string(&f.path)
        .with_context(|| format!("cannot read `{}` again", f.path.display()))?;
    let (bom, body) = match raw.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", raw.as_str()),
    };
    let crlf = body.contains("\r\n");
    if (if crlf {
        body.replace("\r\n", "\n")
    } else {
        body.to_owned()
    }) != f.before
    {
        bail!(
            "`{}` changed while alliance-lint read the dataset; nothing was fixed in it, run again",
            f.path.display()
        );
    }
    let after = if crlf {
        f.after.replace('\n', "\r\n")
    } else {
        f.after.clone()
    };
    Ok(format!("{bom}{after}"))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use super::Plan;

    /// Every session file of the dataset at `root`, with its text.
    fn sessions(root: &Path) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for conference in ["alliance-17", "alliance-98"] {
            let folder = root.join("conferences").join(conference).join("sessions");
            for entry in std::fs::read_dir(&folder).expect("read") {
                let path = entry.expect("entry").path();
                out.insert(
                    path.display().to_string(),
                    std::fs::read_to_string(&path).expect("read"),
                );
            }
        }
        out
    }

    #[test]
    fn a_folder_that_cannot_be_fixed_leaves_every_folder_as_it_was() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let fixture = alliance_tests::workspace_root().join("tests/fixtures/two-conferences");
        alliance_tests::copy_dir(&fixture, tmp.path());
        // lines inserted at the top of both reports: both conferences' sources move
        for conference in ["alliance-17", "alliance-98"] {
            let report = tmp
                .path()
                .join("conferences")
                .join(conference)
                .join("report.md");
            let text = std::fs::read_to_string(&report).expect("read");
            std::fs::write(&report, format!("\n\n\n{text}")).expect("write");
        }
        let loaded = alliance_core::load(tmp.path()).expect("loads");
        let plan = Plan::new(&loaded);
        let folders: BTreeSet<_> = plan.files.iter().filter_map(|f| f.path.parent()).collect();
        assert_eq!(folders.len(), 2, "both conferences have fixes");
        // a file of the second folder is edited after the plan was made: it is refused
        let last = &plan.files.last().expect("a fix").path;
        let edited = format!("{}# edited\n", std::fs::read_to_string(last).expect("read"));
        std::fs::write(last, edited).expect("write");
        let before = sessions(tmp.path());
        let (written, result) = plan.write();
        let err = format!("{:#}", result.expect_err("refused"));
        assert!(err.contains("changed while alliance-lint read"), "{err}");
        assert!(written.is_empty(), "nothing was written: {written:?}");
        assert_eq!(sessions(tmp.path()), before, "no folder was fixed");
        // without the edit, every folder is fixed
        let loaded = alliance_core::load(tmp.path()).expect("loads");
        let plan = Plan::new(&loaded);
        let (written, result) = plan.write();
        result.expect("writes");
        assert_eq!(written.len(), plan.files.len());
    }
}
