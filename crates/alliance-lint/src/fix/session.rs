//! The fixes of one session file, against its section of the report.

use alliance_core::report::{Bullet, Section};
use alliance_core::text::normalize;
use alliance_draft::{RecommendationDraft, insert_recommendation};
use toml_edit::{DocumentMut, Item, Table, Value};

/// What the fixes of one session file need to know.
pub(super) struct Context<'a> {
    /// The session's id.
    pub(super) session: &'a str,
    /// Its section of the report.
    pub(super) section: &'a Section,
    /// Its place among the conference's sessions by heading, when every session's heading
    /// was found.
    pub(super) order: Option<u32>,
    /// Whether a bullet no recommendation holds is added (not when the session excludes
    /// `unheld-bullet`).
    pub(super) add_unheld: bool,
    /// Whether a recommendation id is taken anywhere in the dataset.
    pub(super) taken: &'a dyn Fn(&str) -> bool,
}

/// The file's text fixed and what changed, or `None` when nothing does (or the file is not
/// TOML the fixes can read).
pub(super) fn fix(text: &str, cx: &Context<'_>) -> Option<(String, Vec<String>)> {
    let mut doc: DocumentMut = text.parse().ok()?;
    let mut changes = Vec::new();
    let labelled: Vec<(&Bullet, &'static str)> = cx
        .section
        .bullets
        .iter()
        .filter_map(|b| Some((b, cx.section.lists.get(b.list)?.label?.id())))
        .collect();
    if let Some(order) = cx.order
        && let Some(slot) = doc.get_mut("order").and_then(Item::as_value_mut)
        && slot.as_integer() != Some(i64::from(order))
    {
        changes.push(format!(
            "session `{}`: order {} → {order}",
            cx.session,
            slot.as_integer().unwrap_or_default()
        ));
        set(slot, Value::from(i64::from(order)));
    }
    let original: Vec<(String, i64)> = recommendations(&mut doc)
        .map(|r| {
            (
                id_of(r),
                r.get("order")
                    .and_then(Item::as_integer)
                    .unwrap_or_default(),
            )
        })
        .collect();
    let mut held = Vec::new();
    for rec in recommendations(&mut doc) {
        let id = id_of(rec);
        let Some(quoted) = rec.get("text").and_then(Item::as_str).map(str::to_owned) else {
            continue;
        };
        let words = normalize(&quoted);
        let line = source_int(rec, "line");
        let candidates = labelled.iter().filter(|(b, _)| b.text == words);
        let Some((bullet, _)) = candidates.min_by_key(|(b, _)| b.line.abs_diff(line as usize))
        else {
            // words changed: not this fix's to touch, and its bullet stays held
            held.push(usize::try_from(line).unwrap_or_default());
            continue;
        };
        held.push(bullet.line);
        if quoted != words {
            changes.push(format!(
                "`{id}`: text normalized as the report's (whitespace, breaks, emphasis)"
            ));
            if let Some(slot) = rec.get_mut("text").and_then(Item::as_value_mut) {
                set(slot, Value::from(words.as_str()));
            }
        }
        for (key, now) in [("line", bullet.line), ("bullet", bullet.number)] {
            let was = source_int(rec, key);
            if was != now as i64 {
                changes.push(format!("`{id}`: source.{key} {was} → {now}"));
                set_source(rec, key, now as i64);
            }
        }
    }
    if cx.add_unheld && labelled.iter().any(|(b, _)| !held.contains(&b.line)) {
        // every labelled bullet will be held: each recommendation is numbered by its
        // bullet's place among them, and each draft goes in by that order
        let ranks: Vec<i64> = labelled.iter().map(|(b, _)| b.line as i64).collect();
        for rec in recommendations(&mut doc) {
            let line = source_int(rec, "line");
            if let (Ok(rank), Some(slot)) = (
                ranks.binary_search(&line),
                rec.get_mut("order").and_then(Item::as_value_mut),
            ) {
                set(slot, Value::from(rank as i64 + 1));
            }
        }
        let mut text = doc.to_string();
        for ((bullet, label), rank) in labelled.iter().zip(1u32..) {
            if held.contains(&bullet.line) {
                continue;
            }
            let id = RecommendationDraft::free_id_in(cx.session, rank, |id| {
                (cx.taken)(id) || text.contains(&format!("id = \"{id}\""))
            });
            let draft = RecommendationDraft {
                id: id.clone(),
                order: rank,
                label: (*label).to_owned(),
                text: bullet.text.clone(),
                bullet: u32::try_from(bullet.number).unwrap_or(u32::MAX),
                line: u32::try_from(bullet.line).unwrap_or(u32::MAX),
            };
            changes.push(format!(
                "`{id}`: added from the bullet on report line {}, unclassified",
                bullet.line
            ));
            text = insert_recommendation(&text, &draft);
        }
        doc = text.parse().ok()?;
    }
    renumber(&mut doc);
    for rec in recommendations(&mut doc) {
        let (id, now) = (id_of(rec), rec.get("order").and_then(Item::as_integer));
        let Some(now) = now else { continue };
        match original.iter().find(|(was_id, _)| *was_id == id) {
            Some((_, was)) if *was != now => changes.push(format!("`{id}`: order {was} → {now}")),
            _ => {}
        }
    }
    if changes.is_empty() {
        return None;
    }
    Some((doc.to_string(), changes))
}

/// The `[[recommendation]]` tables of a session file.
fn recommendations(doc: &mut DocumentMut) -> impl Iterator<Item = &mut Table> {
    doc.get_mut("recommendation")
        .and_then(Item::as_array_of_tables_mut)
        .into_iter()
        .flat_map(|a| a.iter_mut())
}

/// A recommendation's id, as written.
fn id_of(rec: &Table) -> String {
    rec.get("id")
        .and_then(Item::as_str)
        .unwrap_or("?")
        .to_owned()
}

/// Orders a session's recommendations as their bullets are ordered in the report (when no
/// two hold one bullet).
fn renumber(doc: &mut DocumentMut) {
    let mut lines: Vec<i64> = recommendations(doc)
        .map(|r| source_int(r, "line"))
        .collect();
    lines.sort_unstable();
    if lines.windows(2).any(|w| w[0] == w[1]) {
        return;
    }
    for rec in recommendations(doc) {
        let line = source_int(rec, "line");
        let rank = lines.partition_point(|&l| l < line) as i64 + 1;
        if let Some(slot) = rec.get_mut("order").and_then(Item::as_value_mut)
            && slot.as_integer() != Some(rank)
        {
            set(slot, Value::from(rank));
        }
    }
}

/// A number of a recommendation's `source` (0 when absent).
fn source_int(rec: &Table, key: &str) -> i64 {
    rec.get("source")
        .and_then(|s| s.get(key))
        .and_then(Item::as_integer)
        .unwrap_or_default()
}

/// Sets a number of a recommendation's `source`, an inline table or a table.
fn set_source(rec: &mut Table, key: &str, n: i64) {
    let Some(source) = rec.get_mut("source") else {
        return;
    };
    let slot = match source {
        Item::Value(Value::InlineTable(t)) => t.get_mut(key),
        Item::Table(t) => t.get_mut(key).and_then(Item::as_value_mut),
        _ => None,
    };
    if let Some(slot) = slot {
        set(slot, Value::from(n));
    }
}

/// Replaces a value, keeping the spaces and comments around it.
fn set(slot: &mut Value, new: Value) {
    let decor = slot.decor().clone();
    *slot = new;
    *slot.decor_mut() = decor;
}

#[cfg(test)]
mod tests {
    use alliance_core::report::Outline;

    use super::*;

    const REPORT: &str = "Intro\n\nSome text here.\n\nPanel 1\n\nThe panel made these recommendations:\n\n- *Act now;*\n- *Act  together.*\n";

    fn run(file: &str) -> Option<(String, Vec<String>)> {
        let outline = Outline::parse(REPORT);
        let section = outline.section("Panel 1").expect("section");
        fix(
            file,
            &Context {
                session: "s",
                section,
                order: Some(1),
                add_unheld: true,
                taken: &|_| false,
            },
        )
    }

    #[test]
    fn lines_moved_text_normalized_order_and_a_bullet_restored() {
        let file = "# a comment\nid = \"s\"\norder = 1 # first\n\n[[recommendation]]\nid = \"s-r02\"\norder = 1\nlabel = \"recommendations\"\ntext = \"*Act  together.*\"\nsource = { bullet = 2, line = 7 } # moved\n";
        let (fixed, changes) = run(file).expect("fixes");
        assert_eq!(
            fixed,
            "# a comment\nid = \"s\"\norder = 1 # first\n\n[[recommendation]]\nid = \"s-r01\"\norder = 1\nlabel = \"recommendations\"\ntext = \"Act now;\"\nsource = { bullet = 1, line = 9 }\n\n[[recommendation]]\nid = \"s-r02\"\norder = 2\nlabel = \"recommendations\"\ntext = \"Act together.\"\nsource = { bullet = 2, line = 10 } # moved\n"
        );
        assert_eq!(changes.len(), 4, "{changes:?}");
        // a second run changes nothing
        assert_eq!(run(&fixed), None);
    }

    #[test]
    fn a_changed_word_is_never_fixed() {
        let file = "id = \"s\"\norder = 1\n\n[[recommendation]]\nid = \"s-r01\"\norder = 1\nlabel = \"recommendations\"\ntext = \"Act later;\"\nsource = { bullet = 1, line = 9 }\n\n[[recommendation]]\nid = \"s-r02\"\norder = 2\nlabel = \"recommendations\"\ntext = \"Act together.\"\nsource = { bullet = 2, line = 10 }\n";
        // "Act now;" is held by a recommendation whose words changed: not restored, not fixed
        let fixed = run(file).map(|(f, _)| f);
        assert!(fixed.as_deref().is_none_or(|f| f.contains("Act later;")));
    }
}
