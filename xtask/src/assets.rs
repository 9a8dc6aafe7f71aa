//! `cargo xtask assets [--out DIR]`: shell completions (bash, zsh, fish, elvish, PowerShell)
//! and man pages of the binaries, generated from their clap definitions, so that they
//! never disagree with `--help`. Written to `target/assets/` by default:
//!
//! ```text
//! target/assets/man/alliance-lint.1 ...
//! target/assets/completions/bash/alliance-lint ...
//! target/assets/completions/zsh/_alliance-lint ...
//! target/assets/completions/fish/alliance-lint.fish ...
//! ```
//!
//! README's "Install" section says where to copy them.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::CommandFactory;
use clap_complete::Shell;

/// The binaries and their command-line definitions.
fn commands() -> [clap::Command; 5] {
    [
        alliance_lint::Args::command(),
        alliance_export::Args::command(),
        alliance_brief::Args::command(),
        alliance_diff::Args::command(),
        alliance_import::Args::command(),
    ]
}

/// Where to write, from `--out DIR` (default `target/assets`).
pub(crate) fn out_dir(root: &Path, args: &[&str]) -> anyhow::Result<PathBuf> {
    match args {
        [] => Ok(root.join("target/assets")),
        ["--out", dir] => Ok(PathBuf::from(dir)),
        other => bail!(
            "usage: cargo xtask assets [--out DIR], not `{}`",
            other.join(" ")
        ),
    }
}

/// Writes every man page and completion script under `out`; the files written.
pub(crate) fn write(out: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for mut command in commands() {
        let name = command.get_name().to_owned();
        command = command.bin_name(&name);
        let man = out.join("man").join(format!("{name}.1"));
        let mut page = Vec::new();
        clap_mangen::Man::new(command.clone())
            .render(&mut page)
            .with_context(|| format!("cannot render the man page of {name}"))?;
        write_file(&man, &page)?;
        written.push(man);
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let folder = out.join("completions").join(shell.to_string());
            std::fs::create_dir_all(&folder)
                .with_context(|| format!("cannot create `{}`", folder.display()))?;
            let path = clap_complete::generate_to(shell, &mut command, &name, &folder)
                .with_context(|| format!("cannot write the {shell} completions of {name}"))?;
            written.push(path);
        }
    }
    Ok(written)
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binary_gets_a_man_page_and_completions_with_its_options() {
        let tmp = std::env::temp_dir().join(format!("xtask-assets-{}", std::process::id()));
        let written = write(&tmp).expect("writes");
        assert_eq!(written.len(), 5 * 6, "{written:?}");
        let man = std::fs::read_to_string(tmp.join("man/alliance-export.1")).expect("man page");
        assert!(man.starts_with(".ie \\n(.g .ds Aq"), "roff: {}", &man[..40]);
        for option in [
            "\\-\\-out",
            "\\-\\-format",
            "\\-\\-theme",
            "\\-\\-raw\\-csv",
        ] {
            assert!(man.contains(option), "the man page lists {option}");
        }
        let bash = std::fs::read_to_string(tmp.join("completions/bash/alliance-lint.bash"))
            .expect("bash completions");
        for option in ["--format", "--deny-warnings", "--explain", "sarif"] {
            assert!(bash.contains(option), "bash completes {option}");
        }
        let zsh = std::fs::read_to_string(tmp.join("completions/zsh/_alliance-brief"))
            .expect("zsh completions");
        assert!(zsh.contains("--theme") && zsh.contains("--pdf"));
        let diff = std::fs::read_to_string(tmp.join("man/alliance-diff.1")).expect("man page");
        assert!(diff.contains("\\-\\-check\\-version") && diff.contains("\\-\\-git"));
        let import = std::fs::read_to_string(tmp.join("man/alliance-import.1")).expect("man page");
        assert!(import.contains("\\-\\-dry\\-run") && import.contains("\\-\\-force"));
        std::fs::remove_dir_all(&tmp).expect("cleanup");
    }
}
