//! For a terminal: a heading per entity, a line per record, an indented line per field, a
//! closing count and the version check; coloured only with `Color::Always`.

use std::fmt::Write as _;

use alliance_core::render::{Color, escape_controls, plural};
use anstyle::{AnsiColor, Style};

use super::{by_entity, counts, release, sum};
use crate::about::About;
use crate::check::VersionCheck;
use crate::compare::{Diff, FieldChange, FieldDiff, Kind, Op, Scalar};

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

/// For a terminal: a heading per entity, a line per record (an added or removed one with what
/// it is), an indented line per field (a quotation with what its change is), and a closing
/// summary; coloured only with `Color::Always`.
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
                        if let Some(note) = f.note() {
                            let color = match f.verbatim {
                                Some(true) => AnsiColor::Green,
                                Some(false) => AnsiColor::Red,
                                None => AnsiColor::Yellow,
                            };
                            let _ =
                                writeln!(out, "        {}", p.paint(color, &format!("({note})")));
                        }
                    }
                    Ok(())
                }
            };
            for line in c.about.as_ref().map(human_about).unwrap_or_default() {
                let _ = writeln!(out, "      {line}");
            }
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

/// What an added or removed record is, a line each: a recommendation's session, source
/// (`report:line`) and words, another record's name or title.
fn human_about(about: &About) -> Vec<String> {
    let quoted =
        |value: &str| escape_controls(&Scalar::Text(value.to_owned()).to_string()).into_owned();
    match about {
        About::Quotation {
            session,
            source,
            text,
        } => vec![
            format!("session: {}", escape_controls(session)),
            format!(
                "source: {}:{} (bullet {})",
                escape_controls(&source.report),
                source.line,
                source.bullet
            ),
            format!("text: {}", escape_controls(text)),
        ],
        About::Named { name } => vec![format!("name: {}", quoted(name))],
        About::Titled { title } => vec![format!("title: {}", quoted(title))],
        About::Printed { as_printed } => vec![format!("as_printed: {}", quoted(as_printed))],
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
        let _ = writeln!(out, "  - {}", escape_controls(&problem.to_string()));
    }
    out
}

/// The failed check's problems, one line each, for stderr.
pub fn check_problems(check: &VersionCheck) -> String {
    let mut out = String::from("version check failed:\n");
    for problem in &check.problems {
        let _ = writeln!(out, "  - {}", escape_controls(&problem.to_string()));
    }
    out
}
