//! The three ways to print a diff: `human` for a terminal, `markdown` for a pull request or a
//! job summary, `json` for machines (its shape is in `docs/contracts.md`). Everything taken
//! from the data is shown with its control characters escaped.

use std::fmt::Write as _;

use alliance_core::render::{Color, escape_controls, plural};
use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::check::VersionCheck;
use crate::compare::{Change, Diff, FieldChange, FieldDiff, Kind, Op, Release, Words};
use crate::records::Entity;

/// How many records of each entity were added, removed, renamed and changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Which records.
    pub entity: Entity,
    /// Only in the new dataset.
    pub added: usize,
    /// Only in the old dataset.
    pub removed: usize,
    /// Same content, other id.
    pub renamed: usize,
    /// Same id, other values.
    pub changed: usize,
}

impl Count {
    fn total(&self) -> usize {
        self.added + self.removed + self.renamed + self.changed
    }
}

/// The counts of every entity, in the diff's order (entities without changes included).
pub fn counts(diff: &Diff) -> Vec<Count> {
    let mut out: Vec<Count> = Entity::ALL
        .iter()
        .map(|&entity| Count {
            entity,
            added: 0,
            removed: 0,
            renamed: 0,
            changed: 0,
        })
        .collect();
    for c in &diff.changes {
        if let Some(count) = out.iter_mut().find(|n| n.entity == c.entity) {
            match c.kind {
                Kind::Added => count.added += 1,
                Kind::Removed => count.removed += 1,
                Kind::Renamed { .. } => count.renamed += 1,
                Kind::Changed { .. } => count.changed += 1,
            }
        }
    }
    out
}

fn sum(counts: &[Count]) -> Count {
    counts.iter().fold(
        Count {
            entity: Entity::Conferences,
            added: 0,
            removed: 0,
            renamed: 0,
            changed: 0,
        },
        |a, c| Count {
            entity: a.entity,
            added: a.added + c.added,
            removed: a.removed + c.removed,
            renamed: a.renamed + c.renamed,
            changed: a.changed + c.changed,
        },
    )
}

fn release(r: &Release) -> String {
    format!(
        "{} ({})",
        escape_controls(&r.version),
        escape_controls(&r.date)
    )
}

/// The changes grouped by entity, in order.
fn by_entity(diff: &Diff) -> impl Iterator<Item = (Entity, &[Change])> {
    let changes = diff.changes.as_slice();
    let mut start = 0;
    std::iter::from_fn(move || {
        let first = changes.get(start)?;
        let len = changes[start..]
            .iter()
            .take_while(|c| c.entity == first.entity)
            .count();
        let group = &changes[start..start + len];
        start += len;
        Some((first.entity, group))
    })
}

// ---------------------------------------------------------------------------------------------
// human

struct Paint(Color);

impl Paint {
    fn paint(&self, color: AnsiColor, text: &str) -> String {
        match self.0 {
            Color::Never => text.to_owned(),
            Color::Always => {
                let style = Style::new().fg_color(Some(color.into()));
                format!("{style}{text}{style:#}")
            }
        }
    }
    fn bold(&self, text: &str) -> String {
        match self.0 {
            Color::Never => text.to_owned(),
            Color::Always => {
                let style = Style::new().bold();
                format!("{style}{text}{style:#}")
            }
        }
    }
}

/// For a terminal: a heading per entity, a line per record, an indented line per field, and a
/// closing summary; coloured only with `Color::Always`.
pub fn human(diff: &Diff, check: Option<&VersionCheck>, color: Color) -> String {
    let p = Paint(color);
    let mut out = format!("{} → {}\n", release(&diff.old), release(&diff.new));
    for f in &diff.release {
        let _ = writeln!(out, "\n{}\n  {}", p.bold("dataset"), human_field(f, &p));
    }
    for (entity, changes) in by_entity(diff) {
        let _ = writeln!(out, "\n{}", p.bold(entity.name()));
        for c in changes {
            let id = escape_controls(&c.id);
            let _ = match &c.kind {
                Kind::Added => writeln!(out, "  {} {id}", p.paint(AnsiColor::Green, "added")),
                Kind::Removed => writeln!(out, "  {} {id}", p.paint(AnsiColor::Red, "removed")),
                Kind::Renamed { old_id } => writeln!(
                    out,
                    "  {} {} → {id}",
                    p.paint(AnsiColor::Cyan, "renamed"),
                    escape_controls(old_id)
                ),
                Kind::Changed { fields } => {
                    let _ = writeln!(out, "  {} {id}", p.paint(AnsiColor::Yellow, "changed"));
                    for f in fields {
                        let _ = writeln!(out, "      {}", human_field(f, &p));
                    }
                    Ok(())
                }
            };
        }
    }
    let total = sum(&counts(diff));
    if diff.is_empty() {
        out.push_str("\nno changes\n");
    } else {
        let _ = writeln!(
            out,
            "\n{} changed, {} added, {} removed, {} renamed",
            plural(total.changed + diff.release.len(), "record"),
            total.added,
            total.removed,
            total.renamed
        );
    }
    if let Some(check) = check {
        out.push_str(&human_check(check, &p));
    }
    out
}

fn human_field(f: &FieldChange, p: &Paint) -> String {
    let name = escape_controls(&f.field);
    match &f.diff {
        FieldDiff::Text { words, .. } => {
            let mut text = String::new();
            for w in words {
                let t = escape_controls(&w.text);
                match w.op {
                    Op::Equal => text.push_str(&t),
                    Op::Delete => text.push_str(&p.paint(AnsiColor::Red, &format!("{{-{t}-}}"))),
                    Op::Insert => text.push_str(&p.paint(AnsiColor::Green, &format!("{{+{t}+}}"))),
                }
            }
            format!("{name}: {text}")
        }
        FieldDiff::List {
            added,
            removed,
            old,
            new,
        } => {
            let mut parts: Vec<String> = Vec::new();
            parts.extend(
                added
                    .iter()
                    .map(|a| p.paint(AnsiColor::Green, &format!("+{}", escape_controls(a)))),
            );
            parts.extend(
                removed
                    .iter()
                    .map(|r| p.paint(AnsiColor::Red, &format!("-{}", escape_controls(r)))),
            );
            if parts.is_empty() {
                parts.push(format!(
                    "reordered: {} → {}",
                    escape_controls(&old.join(", ")),
                    escape_controls(&new.join(", "))
                ));
            }
            format!("{name}: {}", parts.join(" "))
        }
        FieldDiff::Value { old, new } => format!(
            "{name}: {} → {}",
            p.paint(AnsiColor::Red, &escape_controls(&old.to_string())),
            p.paint(AnsiColor::Green, &escape_controls(&new.to_string()))
        ),
    }
}

fn human_check(check: &VersionCheck, p: &Paint) -> String {
    if check.satisfied {
        return format!(
            "version check: {} ({} bump needed)\n",
            p.paint(AnsiColor::Green, "passed"),
            check.required.name()
        );
    }
    let mut out = format!("version check: {}\n", p.paint(AnsiColor::Red, "failed"));
    for problem in &check.problems {
        let _ = writeln!(out, "  - {}", escape_controls(problem));
    }
    out
}

/// The failed check's problems, one line each, for stderr.
pub fn check_problems(check: &VersionCheck) -> String {
    let mut out = String::from("version check failed:\n");
    for problem in &check.problems {
        let _ = writeln!(out, "  - {}", escape_controls(problem));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// markdown

/// Text for Markdown: controls escaped, HTML's and Markdown's special characters neutralized.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// An id or a field name as code, safe whatever it holds.
fn code(text: &str) -> String {
    let mut out = String::from("<code>");
    for c in escape_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            c => out.push(c),
        }
    }
    out.push_str("</code>");
    out
}

/// For a pull request or a job summary: a heading, a table of counts, the version check, then
/// the details of each entity folded (`<details>`).
pub fn markdown(diff: &Diff, check: Option<&VersionCheck>) -> String {
    let mut out = format!(
        "### Dataset changes: {} → {}\n\n",
        md(&release(&diff.old)),
        md(&release(&diff.new))
    );
    if diff.is_empty() {
        out.push_str("No changes.\n");
    } else {
        out.push_str(
            "| records | added | removed | renamed | changed |\n|---|---:|---:|---:|---:|\n",
        );
        let counts = counts(diff);
        if !diff.release.is_empty() {
            let _ = writeln!(out, "| dataset | 0 | 0 | 0 | {} |", diff.release.len());
        }
        for c in counts.iter().filter(|c| c.total() > 0) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                c.entity.name(),
                c.added,
                c.removed,
                c.renamed,
                c.changed
            );
        }
        let t = sum(&counts);
        let _ = writeln!(
            out,
            "| **total** | **{}** | **{}** | **{}** | **{}** |",
            t.added,
            t.removed,
            t.renamed,
            t.changed + diff.release.len()
        );
    }
    if let Some(check) = check {
        out.push('\n');
        if check.satisfied {
            let _ = writeln!(
                out,
                "**Version check: passed** ({} bump needed).",
                check.required.name()
            );
        } else {
            out.push_str("**Version check: failed.**\n\n");
            for problem in &check.problems {
                let _ = writeln!(out, "- {}", md(problem));
            }
        }
    }
    if !diff.release.is_empty() {
        out.push_str("\n<details>\n<summary>dataset</summary>\n\n");
        for f in &diff.release {
            let _ = writeln!(out, "- {}", md_field(f));
        }
        out.push_str("\n</details>\n");
    }
    for (entity, changes) in by_entity(diff) {
        let _ = write!(
            out,
            "\n<details>\n<summary>{}: {}</summary>\n\n",
            entity.name(),
            plural(changes.len(), "change")
        );
        for c in changes {
            let id = code(&c.id);
            let _ = match &c.kind {
                Kind::Added => writeln!(out, "- **added** {id}"),
                Kind::Removed => writeln!(out, "- **removed** {id}"),
                Kind::Renamed { old_id } => {
                    writeln!(out, "- **renamed** {} → {id}", code(old_id))
                }
                Kind::Changed { fields } => {
                    let _ = writeln!(out, "- **changed** {id}");
                    for f in fields {
                        let _ = writeln!(out, "  - {}", md_field(f));
                    }
                    Ok(())
                }
            };
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn md_field(f: &FieldChange) -> String {
    let name = code(&f.field);
    match &f.diff {
        FieldDiff::Text { words, .. } => format!("{name}: {}", md_words(words)),
        FieldDiff::List {
            added,
            removed,
            old,
            new,
        } => {
            let mut parts: Vec<String> = Vec::new();
            parts.extend(added.iter().map(|a| format!("+{}", code(a))));
            parts.extend(removed.iter().map(|r| format!("−{}", code(r))));
            if parts.is_empty() {
                parts.push(format!(
                    "reordered: {} → {}",
                    md(&old.join(", ")),
                    md(&new.join(", "))
                ));
            }
            format!("{name}: {}", parts.join(" "))
        }
        FieldDiff::Value { old, new } => format!(
            "{name}: {} → {}",
            md(&old.to_string()),
            md(&new.to_string())
        ),
    }
}

fn md_words(words: &[Words]) -> String {
    let mut out = String::new();
    for w in words {
        let t = md(&w.text);
        match w.op {
            Op::Equal => out.push_str(&t),
            Op::Delete => {
                let _ = write!(out, "<del>{t}</del>");
            }
            Op::Insert => {
                let _ = write!(out, "<ins>{t}</ins>");
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// json

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{Scalar, words};

    fn sample() -> Diff {
        let release = Release {
            version: "1.0.0".into(),
            date: "2026-01-01".into(),
        };
        Diff {
            old: release.clone(),
            new: release,
            release: Vec::new(),
            changes: vec![
                Change {
                    entity: Entity::Recommendations,
                    id: "r1".into(),
                    kind: Kind::Changed {
                        fields: vec![
                            FieldChange {
                                field: "text".into(),
                                diff: FieldDiff::Text {
                                    old: "must act".into(),
                                    new: "should act".into(),
                                    words: words("must act", "should act"),
                                },
                            },
                            FieldChange {
                                field: "label".into(),
                                diff: FieldDiff::Value {
                                    old: Scalar::Text("a|b <i>*x*</i>".into()),
                                    new: Scalar::Text("bell\u{7}\u{1b}[31m".into()),
                                },
                            },
                        ],
                    },
                },
                Change {
                    entity: Entity::People,
                    id: "p`1".into(),
                    kind: Kind::Added,
                },
            ],
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = human(&sample(), None, Color::Never);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.contains("text: {-must-}{+should+} act"), "{plain}");
        let styled = human(&sample(), None, Color::Always);
        assert!(styled.contains("\u{1b}["), "{styled}");
    }

    #[test]
    fn data_cannot_inject_escapes_or_markup() {
        let plain = human(&sample(), None, Color::Never);
        assert!(plain.contains(r"bell\u{7}\u{1b}[31m"), "{plain}");
        let md = markdown(&sample(), None);
        assert!(!md.contains('\u{1b}') && !md.contains("<i>"), "{md}");
        assert!(md.contains(r"a\|b &lt;i&gt;\*x\*&lt;/i&gt;"), "{md}");
        assert!(md.contains("<code>p`1</code>"), "{md}");
        assert!(md.contains("<del>must</del><ins>should</ins> act"), "{md}");
    }
}
