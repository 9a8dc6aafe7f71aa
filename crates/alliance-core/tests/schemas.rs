//! The JSON Schemas in `data/schemas/` are generated from the source-file types; this test
//! fails when a checked-in copy is stale (run `cargo xtask codegen`), and checks that every
//! data file points its editor at the right schema.

use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

#[test]
fn schemas_are_fresh() {
    let mut stale = Vec::new();
    for (name, text) in alliance_core::files::schemas() {
        let path = data().join("schemas").join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run `cargo xtask codegen`"
    );
}

#[test]
fn data_files_name_their_schema() {
    let expect = |rel: &str| -> &'static str {
        match rel {
            "dataset.toml" => "dataset.schema.json",
            r if r.starts_with("vocabularies/") => "vocabulary.schema.json",
            "registry/people.toml" => "people.schema.json",
            "registry/organizations.toml" => "organizations.schema.json",
            "registry/instruments.toml" => "instruments.schema.json",
            r if r.ends_with("/conference.toml") => "conference.schema.json",
            r if r.contains("/sessions/") => "session.schema.json",
            other => panic!("no schema known for {other}"),
        }
    };
    let mut checked = 0;
    let mut stack = vec![data()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let rel = path
                .strip_prefix(data())
                .expect("below data")
                .to_string_lossy()
                .replace('\\', "/");
            let first = std::fs::read_to_string(&path)
                .expect("read")
                .lines()
                .next()
                .unwrap_or("")
                .to_owned();
            let depth = rel.matches('/').count();
            let want = format!("#:schema {}schemas/{}", "../".repeat(depth), expect(&rel));
            assert_eq!(first, want, "{rel}");
            assert!(
                path.parent()
                    .expect("parent")
                    .join(want.trim_start_matches("#:schema "))
                    .exists(),
                "{rel}"
            );
            checked += 1;
        }
    }
    assert!(checked > 15);
}
