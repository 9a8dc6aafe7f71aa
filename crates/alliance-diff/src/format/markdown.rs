//! For a pull request or a job summary: a heading, a table of counts, the version check, then
//! the details of each entity folded (`<details>`); every value from the data escaped.

use std::fmt::Write as _;

use alliance_core::render::{escape_controls, plural};

use super::{by_entity, counts, release, sum};
use crate::about::About;
use crate::check::VersionCheck;
use crate::compare::{Diff, FieldChange, FieldDiff, Kind, Op, Scalar, Words};
use crate::message::{Message, Part};

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

/// An id or a field name as a Markdown code span, shown as it is whatever it holds: nothing
/// is escaped in a code span, so it is fenced by one backtick more than the longest run of
/// backticks it holds, and padded with a space (which Markdown takes off) when it starts or
/// ends with a backtick, or with a space at both ends; controls escaped.
pub(super) fn code(text: &str) -> String {
    let text = escape_controls(text);
    if text.is_empty() {
        return "` `".to_owned();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty());
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A message of the version check: its words escaped, its ids as code spans.
fn md_message(message: &Message) -> String {
    message
        .parts()
        .iter()
        .map(|part| match part {
            Part::Text(t) => md(t),
            Part::Code(c) => code(c),
        })
        .collect()
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
                let _ = writeln!(out, "- {}", md_message(problem));
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
                        let _ = match f.note() {
                            Some(note) => writeln!(out, "  - {} (*{}*)", md_field(f), md(&note)),
                            None => writeln!(out, "  - {}", md_field(f)),
                        };
                    }
                    Ok(())
                }
            };
            for line in c.about.as_ref().map(md_about).unwrap_or_default() {
                let _ = writeln!(out, "  - {line}");
            }
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// What an added or removed record is, an item each: a recommendation's session, source and
/// words, another record's name or title.
fn md_about(about: &About) -> Vec<String> {
    let quoted = |value: &str| md(&Scalar::Text(value.to_owned()).to_string());
    match about {
        About::Quotation {
            session,
            source,
            text,
        } => vec![
            format!("session: {}", code(session)),
            format!(
                "source: {} line {} (bullet {})",
                code(&source.report),
                source.line,
                source.bullet
            ),
            format!("text: {}", md(text)),
        ],
        About::Named { name } => vec![format!("name: {}", quoted(name))],
        About::Titled { title } => vec![format!("title: {}", quoted(title))],
        About::Printed { as_printed } => vec![format!("as\\_printed: {}", quoted(as_printed))],
    }
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
