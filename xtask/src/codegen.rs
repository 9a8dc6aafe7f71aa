//! Generated files: the JSON Schemas of the TOML source files, in `data/schemas/`, and the
//! rule reference `docs/rules.md`. Tests fail when the checked-in copies are stale.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Writes every generated file whose text changed; prints what it wrote.
pub(crate) fn run(root: &Path) -> anyhow::Result<()> {
    let mut files: Vec<(PathBuf, String)> = alliance_core::files::schemas()
        .into_iter()
        .map(|(name, text)| (root.join("data/schemas").join(name), text))
        .collect();
    files.push((
        root.join("docs/rules.md"),
        alliance_lint::docs::rules_markdown(),
    ));
    for (path, text) in files {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create `{}`", dir.display()))?;
            }
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
