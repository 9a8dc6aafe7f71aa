//! The real dataset against the millisecond targets, and the real dataset with one crowded
//! session.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, bail};

use alliance_core::dates::thousands;

use super::copy_dir;
use super::measure::{bin_path, mb, measure, measure_any_exit, ms};
use super::results::{Verdict, WHY_REAL};

/// Unmeasured runs before a command on the real dataset is measured.
const WARM_UP: usize = 3;

/// The real dataset against the millisecond targets: the median of 31 runs, after
/// [`WARM_UP`] unmeasured ones.
pub(super) fn real_dataset(
    root: &Path,
    out: &mut String,
    verdicts: &mut Vec<Verdict>,
) -> anyhow::Result<()> {
    let cases: &[(&str, &str, &[&str], u64)] = &[
        (
            "alliance-lint data --deny-warnings",
            "alliance-lint",
            &["data", "--deny-warnings"],
            10,
        ),
        (
            "alliance-export data (csv, xlsx, json)",
            "alliance-export",
            &["data", "--out", "target/bench/real-export"],
            50,
        ),
        (
            "alliance-brief data (HTML)",
            "alliance-brief",
            &["data", "--out", "target/bench/real-briefs"],
            20,
        ),
        (
            "alliance-import of the 17th report (into empty registries)",
            "alliance-import",
            &[
                "data/conferences/alliance-17/report.md",
                "--conference",
                "alliance-17",
                "--data",
                "target/bench/import-data",
                "--force",
            ],
            50,
        ),
    ];
    import_dataset(root, &root.join("target/bench/import-data"))?;
    out.push_str("## The real dataset\n\n| command | median | peak RSS | target | met |\n|---|---:|---:|---:|---|\n");
    for (name, bin, args, target_ms) in cases {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        // runs of milliseconds: three unmeasured runs first, so that the binary just built
        // and the files it reads are in memory, as on any run but the first after a build
        measure(root, &bin_path(root, bin), &args, WARM_UP)?;
        let m = measure(root, &bin_path(root, bin), &args, 31)?;
        let target = Duration::from_millis(*target_ms);
        writeln!(
            out,
            "| `{name}` | {} | {} | {} | {} |",
            ms(m.wall),
            mb(m.rss_kb),
            ms(target),
            if m.wall <= target { "yes" } else { "**no**" }
        )?;
        verdicts.push(Verdict {
            target: format!("`{name}` in {}", ms(target)),
            measured: ms(m.wall),
            met: m.wall <= target,
            why: WHY_REAL,
        });
    }
    Ok(())
}

/// A dataset with the real vocabularies and empty registries for the import bench, as
/// `alliance-import --init` makes it (every run replaces the conference the first one
/// drafted, with `--force`).
fn import_dataset(root: &Path, dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("cannot remove `{}`", dir.display()))?;
    }
    let status = std::process::Command::new(bin_path(root, "alliance-import"))
        .arg("--init")
        .arg(dir)
        .arg("--quiet")
        .status()
        .context("cannot run alliance-import --init")?;
    if !status.success() {
        bail!("alliance-import --init {} failed ({status})", dir.display());
    }
    Ok(())
}

/// How many participants the crowded session has.
const CROWD: usize = 100_000;

/// Lint of the real dataset with one session of [`CROWD`] participants (new people, all
/// speakers of Panel 1): work per participant must be constant (it was quadratic once).
pub(super) fn crowded_session(
    root: &Path,
    out: &mut String,
    verdicts: &mut Vec<Verdict>,
) -> anyhow::Result<()> {
    let dir = root.join("target/bench/crowded-session");
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root.join("data"), &dir)?;
    let mut people = std::fs::read_to_string(dir.join("registry/people.toml"))?;
    let session = dir.join("conferences/alliance-17/sessions/02-panel-1.toml");
    let text = std::fs::read_to_string(&session)?;
    let first = text
        .find("[[recommendation]]")
        .context("Panel 1 has recommendations")?;
    let mut crowded = text[..first].to_owned();
    for i in 0..CROWD {
        writeln!(
            people,
            "\n[[person]]\nid = \"bench-person-{i:06}\"\nname = \"Bench Person {i}\""
        )?;
        writeln!(
            crowded,
            "[[participant]]\nperson = \"bench-person-{i:06}\"\nrole = \"speaker\"\n"
        )?;
    }
    crowded.push_str(&text[first..]);
    std::fs::write(dir.join("registry/people.toml"), people)?;
    std::fs::write(&session, crowded)?;
    let target = Duration::from_secs(5);
    // findings (people without affiliations, participants the report does not name: two per
    // participant) make lint exit 1: measured all the same, rendering included
    let m = measure_any_exit(
        root,
        &bin_path(root, "alliance-lint"),
        &[dir.display().to_string()],
        3,
    )?;
    writeln!(
        out,
        "\n## One session with {} participants\n\nThe real dataset with {} new people, all speakers of Panel 1.\n\n| command | median | peak RSS | target | met |\n|---|---:|---:|---:|---|\n| `alliance-lint` | {} | {} | {} | {} |\n",
        thousands(CROWD),
        thousands(CROWD),
        ms(m.wall),
        mb(m.rss_kb),
        ms(target),
        if m.wall <= target { "yes" } else { "**no**" }
    )?;
    verdicts.push(Verdict {
        target: format!(
            "lint of a session with {} participants in {}",
            thousands(CROWD),
            ms(target)
        ),
        measured: ms(m.wall),
        met: m.wall <= target,
        why: WHY_REAL,
    });
    Ok(())
}
