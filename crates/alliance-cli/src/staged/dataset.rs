//! Commits that a killed run left part-way inside a dataset folder.
//!
//! Two tools write into a dataset: `alliance-import` stages a conference and its registry
//! entries in the dataset folder itself (its journal is `DIR/.alliance-commit`), and
//! `alliance-lint --fix` stages each sessions folder it changes (its journal is
//! `DIR/conferences/ID/sessions/.alliance-commit`). Until such a journal is completed the
//! dataset holds a mix of old and new files, so no tool reads it: the writers complete every
//! journal first ([`complete_interrupted`]), the readers refuse with the command that does
//! ([`refuse_interrupted`]).

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::JOURNAL;

/// The folders of a dataset that hold the journal of an interrupted commit, with the tool
/// that writes there: the dataset folder (`alliance-import`), then sessions folders in the
/// order of their conference folders (`alliance-lint --fix`). A link at a journal's name
/// counts: it is refused when completed.
fn interrupted(dataset: &Path) -> Vec<(PathBuf, &'static str)> {
    let has_journal = |folder: &Path| std::fs::symlink_metadata(folder.join(JOURNAL)).is_ok();
    let mut found = Vec::new();
    if has_journal(dataset) {
        found.push((dataset.to_path_buf(), "alliance-import"));
    }
    let Ok(entries) = std::fs::read_dir(dataset.join("conferences")) else {
        return found;
    };
    let mut sessions: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path().join("sessions"))
        .filter(|folder| has_journal(folder))
        .collect();
    sessions.sort();
    found.extend(sessions.into_iter().map(|f| (f, "alliance-lint --fix")));
    found
}

/// A commit completed by [`complete_interrupted`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// The folder it wrote into.
    pub folder: PathBuf,
    /// The tool that was writing (`alliance-import`, `alliance-lint --fix`).
    pub tool: &'static str,
    /// The files it put in place, relative to `folder`.
    pub files: Vec<PathBuf>,
}

impl std::fmt::Display for Completed {
    /// `completed the write TOOL was doing in `FOLDER` when it was killed (N files)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "completed the write {} was doing in `{}` when it was killed ({})",
            self.tool,
            self.folder.display(),
            alliance_core::render::plural(self.files.len(), "file")
        )
    }
}

/// Completes every commit that a killed `alliance-import` or `alliance-lint --fix` left in
/// the dataset (each folder locked meanwhile, as a run into it would), before a tool that
/// writes the dataset reads it. A journal that cannot be completed safely is an error, and is
/// left alone (see `staged::journal`).
pub fn complete_interrupted(dataset: &Path) -> anyhow::Result<Vec<Completed>> {
    let mut completed = Vec::new();
    for (folder, tool) in interrupted(dataset) {
        let parent = folder.parent().map(Path::to_path_buf).unwrap_or_default();
        let _locks = [super::lock(&parent), super::lock(&folder)];
        if let Some(files) = super::recover(&folder)? {
            completed.push(Completed {
                folder,
                tool,
                files,
            });
        }
    }
    Ok(completed)
}

/// Refuses a dataset that holds an interrupted commit, naming it and the command that
/// completes it; for the tools that read a dataset (`alliance-lint`, `alliance-export`,
/// `alliance-brief`).
pub fn refuse_interrupted(dataset: &Path) -> anyhow::Result<()> {
    let found = interrupted(dataset);
    let Some((folder, tool)) = found.first() else {
        return Ok(());
    };
    let more = match found.len() {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let again = match *tool {
        "alliance-import" => ", as does running the same alliance-import again",
        _ => "",
    };
    bail!(
        "the dataset `{}` holds a write that was interrupted: `{}`{more}, left by {tool} when \
         it was killed, so its files are a mix of old and new; nothing was read. `alliance-lint \
         {} --fix` completes it{again}",
        dataset.display(),
        folder.join(JOURNAL).display(),
        dataset.display(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interrupted_commits_are_found_refused_and_completed() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let data = tmp.path();
        let sessions = data.join("conferences/forum-1/sessions");
        std::fs::create_dir_all(&sessions).expect("mkdir");
        std::fs::write(sessions.join("01.toml"), "old").expect("write");
        refuse_interrupted(data).expect("nothing interrupted");
        assert_eq!(complete_interrupted(data).expect("nothing"), []);
        // what a killed --fix leaves: its journal and staging folder, no file moved yet
        let staging = crate::Staging::new(&sessions, false).expect("staging");
        staging.write(Path::new("01.toml"), b"new").expect("write");
        // the run dies: its staging folder stays, its locks go
        let crate::Staging { root, _locks, .. } = staging;
        drop(_locks);
        let root = root.keep();
        let name = root
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let journal = super::super::Journal {
            staged: name,
            identity: super::super::Folder::open(&root)
                .and_then(|f| f.identity())
                .expect("identity"),
            files: vec![PathBuf::from("01.toml")],
            removals: Vec::new(),
        };
        std::fs::write(sessions.join(JOURNAL), journal.render()).expect("journal");
        let err = format!("{:#}", refuse_interrupted(data).expect_err("refused"));
        assert!(
            err.contains("forum-1/sessions/.alliance-commit")
                && err.contains("left by alliance-lint --fix")
                && err.contains("--fix` completes it"),
            "{err}"
        );
        assert_eq!(
            complete_interrupted(data).expect("completes"),
            [Completed {
                folder: sessions.clone(),
                tool: "alliance-lint --fix",
                files: vec![PathBuf::from("01.toml")],
            }]
        );
        assert_eq!(
            std::fs::read(sessions.join("01.toml")).expect("read"),
            b"new"
        );
        refuse_interrupted(data).expect("completed");
        assert_eq!(
            std::fs::read_dir(&sessions).expect("read").count(),
            1,
            "no journal or staging folder is left"
        );
    }
}
