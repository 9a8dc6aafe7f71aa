//! Generated files: the JSON Schemas of the TOML source files, in `data/schemas/`.
//! `alliance-core`'s tests fail when the checked-in copies are stale.

use std::path::Path;

use anyhow::Context;

/// Writes every schema whose text changed; prints what it wrote.
pub(crate) fn run(root: &Path) -> anyhow::Result<()> {
    let dir = root.join("data/schemas");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    for (name, text) in alliance_core::files::schemas() {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
