//! Drafts read back: the real dataset with every recommendation taken out of its session
//! files and put back from the report's bullets loads with no diagnostic and holds the same
//! recommendations (words, label, order, place in the report), but for the classification a
//! person adds.

use std::fs;
use std::path::Path;

use alliance_core::report::Outline;
use alliance_draft::{RecommendationDraft, insert_recommendation};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The session file without its `[[recommendation]]` tables.
fn without_recommendations(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') {
            skipping = line.trim() == "[[recommendation]]";
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

#[test]
fn recommendations_drafted_from_the_report_load_back() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let original = alliance_core::load(&data).expect("the dataset");
    let tmp = tempfile::tempdir().expect("temporary folder");
    copy_dir(&data, tmp.path());
    let report = original.report_text("alliance-17").expect("report");
    let outline = Outline::parse(report);
    let sessions = tmp.path().join("conferences/alliance-17/sessions");
    let mut drafted = 0;
    for session in &original.dataset.sessions {
        let section = outline.section(&session.heading).expect("a section");
        let name = fs::read_dir(&sessions)
            .expect("sessions")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| {
                fs::read_to_string(p)
                    .is_ok_and(|t| t.contains(&format!("id = \"{}\"\n", session.id)))
            })
            .expect("the session's file");
        let mut text = without_recommendations(&fs::read_to_string(&name).expect("read"));
        // in reverse, so that each goes before the one after it
        for draft in RecommendationDraft::of_section(&session.id, section)
            .iter()
            .rev()
        {
            text = insert_recommendation(&text, draft);
            drafted += 1;
        }
        fs::write(&name, text).expect("write");
    }
    assert_eq!(drafted, 59);
    let loaded = alliance_core::load(tmp.path()).expect("the drafted dataset");
    let rendered = alliance_core::render::render_all(
        &loaded.diagnostics,
        &loaded.sources,
        alliance_core::render::Color::Never,
    );
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
    let key = |ds: &alliance_core::Dataset| -> Vec<String> {
        ds.recommendations
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {} {}:{} {}",
                    r.id, r.session, r.order, r.label, r.source.line, r.source.bullet, r.text
                )
            })
            .collect()
    };
    assert_eq!(key(&loaded.dataset), key(&original.dataset));
    assert!(
        loaded
            .dataset
            .recommendations
            .iter()
            .all(|r| r.themes.is_empty())
    );
}
