//! alliance-diff of two synthetic datasets against one lint of one of them.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

use alliance_core::dates::thousands;

use super::copy_dir;
use super::measure::{bin_path, mb, measure, ms};
use super::results::{Verdict, WHY_DIFF};
use super::synthetic::{Row, at};

/// The size at which alliance-diff is measured against one lint.
pub(super) const DIFF_AT: usize = 100_000;

/// alliance-diff of the [`DIFF_AT`] synthetic dataset against a copy of it with 1 % of its
/// recommendations changed (every 100th quotation reworded), against one lint of it: at most
/// 2.5 times as long.
pub(super) fn diff_target(
    root: &Path,
    scratch: &Path,
    rows: &[Row],
    report: &mut String,
    verdicts: &mut Vec<Verdict>,
) -> anyhow::Result<()> {
    let data = scratch.join(format!("data-{DIFF_AT}"));
    let changed = scratch.join(format!("data-{DIFF_AT}-changed"));
    let _ = std::fs::remove_dir_all(&changed);
    copy_dir(&data, &changed)?;
    let reworded = reword_every(&changed.join("conferences"), 100, &mut 0)?;
    eprintln!("bench: alliance-diff at {DIFF_AT} ({reworded} recommendations changed)");
    let args = vec![
        data.display().to_string(),
        changed.display().to_string(),
        "--format".into(),
        "json".into(),
    ];
    let m = measure(root, &bin_path(root, "alliance-diff"), &args, 3)?;
    let lint = at(rows, DIFF_AT, "alliance-lint")
        .context("alliance-lint was measured at the same size")?;
    let ratio = m.wall.as_secs_f64() / lint.wall.as_secs_f64();
    writeln!(
        report,
        "\n## alliance-diff\n\nTwo datasets of {} recommendations, {} of them with a reworded quotation (1 %), against one lint of one of them.\n\n| command | median | peak RSS | alliance-lint | ratio | target |\n|---|---:|---:|---:|---:|---|\n| `alliance-diff OLD NEW --format json` | {} | {} | {} | {ratio:.2}x | ≤ 2.5x: {} |",
        thousands(DIFF_AT),
        thousands(reworded),
        ms(m.wall),
        mb(m.rss_kb),
        ms(lint.wall),
        if ratio <= 2.5 { "met" } else { "**not met**" }
    )?;
    verdicts.push(Verdict {
        target: format!(
            "alliance-diff of two {}-recommendation datasets ≤ 2.5x one lint",
            thousands(DIFF_AT)
        ),
        measured: format!("{ratio:.2}x"),
        met: ratio <= 2.5,
        why: WHY_DIFF,
    });
    Ok(())
}

/// Rewords the quotation of every `every`-th recommendation in the session files under `dir`
/// (in file order); returns how many. The dataset still loads: the loader does not compare
/// quotations with the report (alliance-lint does).
fn reword_every(dir: &Path, every: usize, seen: &mut usize) -> anyhow::Result<usize> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    let mut changed = 0;
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            changed += reword_every(&path, every, seen)?;
        } else if path.extension().is_some_and(|e| e == "toml")
            && path.parent().is_some_and(|p| p.ends_with("sessions"))
        {
            let text = std::fs::read_to_string(&path)?;
            let mut out = String::with_capacity(text.len() + 64);
            for line in text.split_inclusive('\n') {
                match line.strip_prefix("text = \"") {
                    Some(rest) => {
                        *seen += 1;
                        if (*seen).is_multiple_of(every) {
                            out.push_str("text = \"Reworded: ");
                            out.push_str(rest);
                            changed += 1;
                        } else {
                            out.push_str(line);
                        }
                    }
                    None => out.push_str(line),
                }
            }
            std::fs::write(&path, out)?;
        }
    }
    Ok(changed)
}
