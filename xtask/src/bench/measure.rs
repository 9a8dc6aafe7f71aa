//! Running a command under GNU time, and how a measure is printed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// One measured command: median wall time and the largest peak RSS of its runs.
#[derive(Clone, Copy)]
pub(super) struct Measure {
    pub(super) wall: Duration,
    pub(super) rss_kb: u64,
}

/// Runs `program args` `runs` times under GNU time (`/usr/bin/time`, Debian package `time`),
/// which reports the child's peak RSS; output goes to /dev/null; fails when the program fails.
pub(super) fn measure(
    dir: &Path,
    program: &str,
    args: &[String],
    runs: usize,
) -> anyhow::Result<Measure> {
    measure_with(dir, program, args, runs, true)
}

/// [`measure`] of a program whose exit code does not matter (a lint with findings).
pub(super) fn measure_any_exit(
    dir: &Path,
    program: &str,
    args: &[String],
    runs: usize,
) -> anyhow::Result<Measure> {
    measure_with(dir, program, args, runs, false)
}

fn measure_with(
    dir: &Path,
    program: &str,
    args: &[String],
    runs: usize,
    must_succeed: bool,
) -> anyhow::Result<Measure> {
    let report = std::env::temp_dir().join(format!("alliance-bench-{}.time", std::process::id()));
    let mut walls = Vec::with_capacity(runs);
    let mut rss = 0;
    for run in 0..runs {
        // `{run}` in an argument is the run's number, for a new output folder per run
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{run}", &run.to_string()))
            .collect();
        let start = Instant::now();
        let status = Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(program)
            .args(&args)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .context("cannot run /usr/bin/time (apt-get install time)")?;
        let wall = start.elapsed();
        if must_succeed && !status.success() || status.code().is_none_or(|c| c > 1) {
            bail!("`{program} {}` failed ({status})", args.join(" "));
        }
        let text = std::fs::read_to_string(&report).context("GNU time wrote no report")?;
        let kb: u64 = text
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .context("cannot read the peak RSS GNU time reported")?;
        walls.push(wall);
        rss = rss.max(kb);
    }
    let _ = std::fs::remove_file(&report);
    walls.sort();
    Ok(Measure {
        wall: walls[walls.len() / 2],
        rss_kb: rss,
    })
}

pub(super) fn ms(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.1} ms", d.as_secs_f64() * 1000.0)
    }
}

pub(super) fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

/// The path of the release build of the binary `name`.
pub(super) fn bin_path(root: &Path, name: &str) -> String {
    root.join(crate::pipeline::target_dir())
        .join("release")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
        .display()
        .to_string()
}
