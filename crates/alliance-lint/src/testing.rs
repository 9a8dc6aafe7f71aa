//! Fixtures for rule tests: a copy of the real dataset with edits, linted, and the findings of
//! one rule rendered as people and machines see them.

use alliance_core::render::{Color, render_all};

use crate::{Config, format, lint};

/// Applies `edits` (file, text to replace, replacement) to a copy of the real dataset, lints
/// it, and returns the findings of rule `code` rendered as human text and as JSON. An empty
/// text to replace appends (to a new file, creates it); both empty deletes the file; a text
/// to replace that starts a table (`[[`) with an empty replacement deletes the table up to
/// the next one. Panics when the rule finds nothing, so a fixture cannot pass by testing
/// nothing.
pub(crate) fn fixture(code: &str, edits: &[(&str, &str, &str)]) -> (String, String) {
    let tmp = alliance_tests::copy_of_data();
    for (file, from, to) in edits {
        let path = tmp.path().join(file);
        if from.is_empty() && to.is_empty() {
            std::fs::remove_file(&path).expect("delete");
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let text = if from.is_empty() {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("mkdir");
            }
            format!("{text}{to}")
        } else {
            let at = text
                .find(from)
                .unwrap_or_else(|| panic!("{file} does not contain {from:?}"));
            if from.starts_with("[[") && to.is_empty() {
                let end = text[at + from.len()..]
                    .find("\n[[")
                    .map_or(text.len(), |e| at + from.len() + e + 1);
                format!("{}{}", &text[..at], &text[end..])
            } else {
                text.replacen(from, to, 1)
            }
        };
        std::fs::write(&path, text).expect("write");
    }
    let loaded = alliance_core::load(tmp.path()).expect("loads");
    let findings: Vec<_> = lint(&loaded, &Config::default())
        .into_iter()
        .filter(|d| d.code.code == code)
        .collect();
    assert!(!findings.is_empty(), "{code} found nothing");
    let root = tmp.path().display().to_string();
    let human = render_all(&findings, &loaded.sources, Color::Never).replace(&root, "data");
    let json = format::json(&findings, &loaded.sources)
        .expect("json")
        .replace(&root, "data");
    (human, json)
}

/// Lints the real dataset and returns the findings of rule `code`: used to check that a rule
/// is quiet on good data.
pub(crate) fn real(code: &str) -> Vec<alliance_core::Diagnostic> {
    let loaded = alliance_core::load(&alliance_tests::data_dir()).expect("loads");
    lint(&loaded, &Config::default())
        .into_iter()
        .filter(|d| d.code.code == code)
        .collect()
}

/// Snapshots the human and JSON output of a fixture of `$rule` (a rule's type); a rule's second
/// and later fixtures name their snapshots (`$name`, giving `<name>_human` and `<name>_json`).
macro_rules! snapshot_fixture {
    ($rule:path, $edits:expr) => {{
        let code = <$rule as crate::rule::Check>::INFO.code.code;
        let (human, json) = crate::testing::fixture(code, $edits);
        insta::assert_snapshot!("human", human);
        insta::assert_snapshot!("json", json);
        assert!(
            crate::testing::real(code).is_empty(),
            "{code} fires on the real dataset"
        );
    }};
    ($rule:path, $edits:expr, $name:literal) => {{
        let code = <$rule as crate::rule::Check>::INFO.code.code;
        let (human, json) = crate::testing::fixture(code, $edits);
        insta::assert_snapshot!(concat!($name, "_human"), human);
        insta::assert_snapshot!(concat!($name, "_json"), json);
        assert!(
            crate::testing::real(code).is_empty(),
            "{code} fires on the real dataset"
        );
    }};
}
pub(crate) use snapshot_fixture;
