//! Our tools on the synthetic datasets of each size (`cargo xtask gen`), and the peers beside
//! them.

use std::path::Path;

use anyhow::Context;

use super::measure::{Measure, bin_path, measure};
use super::peers;
use crate::generate::{self, GenArgs};

/// One row of the synthetic datasets' table: a command at a size, and its measure or a note
/// why it was not run.
pub(super) struct Row {
    /// The size, in recommendations.
    pub(super) n: usize,
    pub(super) name: String,
    pub(super) measure: Option<Measure>,
    pub(super) note: String,
}

impl Row {
    /// The row of a command that ran.
    pub(super) fn measured(n: usize, name: &str, measure: Measure) -> Row {
        Row {
            n,
            name: name.to_owned(),
            measure: Some(measure),
            note: String::new(),
        }
    }
}

/// The measure of the command `name` at size `n`, if it ran.
pub(super) fn at(rows: &[Row], n: usize, name: &str) -> Option<Measure> {
    rows.iter()
        .find(|r| r.n == n && r.name == name)
        .and_then(|r| r.measure)
}

/// What the synthetic datasets gave.
pub(super) struct Measured {
    /// Every command at every size, in the order they ran.
    pub(super) rows: Vec<Row>,
    /// Each size, with its dataset's total size in bytes and number of files.
    pub(super) datasets: Vec<(usize, (u64, usize))>,
}

/// Generates the dataset of each of `sizes` and measures our tools on it, and the peers on
/// what alliance-export wrote when `peers_ok` (they are installed).
pub(super) fn measure_sizes(
    root: &Path,
    scratch: &Path,
    sizes: &[usize],
    peers_ok: bool,
) -> anyhow::Result<Measured> {
    let mut measured = Measured {
        rows: Vec::new(),
        datasets: Vec::new(),
    };
    let mut previous = Vec::new();
    for &n in sizes {
        let data = scratch.join(format!("data-{n}"));
        let out = scratch.join(format!("out-{n}"));
        measured
            .datasets
            .push((n, generate_dataset(root, n, &data, &out)?));
        // three runs even at 1M: this machine's system time varies by seconds between runs
        let runs = match n {
            n if n >= 100_000 => 3,
            _ => 5,
        };
        for (name, program, args) in ours(root, &data, &out) {
            eprintln!("bench: {name} at {n}");
            let m =
                measure(root, &program, &args, runs).with_context(|| format!("{name} at {n}"))?;
            measured.rows.push(Row::measured(n, name, m));
        }
        if peers_ok {
            peers::measure_peers(root, n, runs, &out, &mut previous, &mut measured.rows)?;
        }
    }
    Ok(measured)
}

/// Generates `n` recommendations into `data`, after removing the outputs of an earlier
/// bench from `out`; returns the dataset's size and number of files.
fn generate_dataset(
    root: &Path,
    n: usize,
    data: &Path,
    out: &Path,
) -> anyhow::Result<(u64, usize)> {
    // outputs of an earlier bench go first: the briefs are measured into new folders
    if out.exists() {
        std::fs::remove_dir_all(out)
            .with_context(|| format!("cannot remove `{}`", out.display()))?;
    }
    eprintln!("bench: generating {n} recommendations");
    generate::run(
        root,
        &GenArgs {
            recommendations: n,
            out: data.to_path_buf(),
            seed: 17,
        },
    )?;
    dir_size(data)
}

/// Our commands on the dataset `data`, writing into `out`: (name, program, arguments).
fn ours(root: &Path, data: &Path, out: &Path) -> Vec<(&'static str, String, Vec<String>)> {
    let d = data.display().to_string();
    let o = |sub: &str| out.join(sub).display().to_string();
    let export = |format: &str| {
        vec![
            d.clone(),
            "--out".into(),
            o("export"),
            "--format".into(),
            format.into(),
        ]
    };
    vec![
        (
            "alliance-lint",
            bin_path(root, "alliance-lint"),
            vec![d.clone(), "--format".into(), "json".into()],
        ),
        (
            "alliance-export csv",
            bin_path(root, "alliance-export"),
            export("csv"),
        ),
        (
            "alliance-export json",
            bin_path(root, "alliance-export"),
            export("json"),
        ),
        (
            "alliance-export xlsx",
            bin_path(root, "alliance-export"),
            export("xlsx"),
        ),
        // into a new folder each run, then over the first run's pages
        (
            "alliance-brief",
            bin_path(root, "alliance-brief"),
            vec![d.clone(), "--out".into(), o("briefs-{run}")],
        ),
        (
            "alliance-brief (over an earlier run)",
            bin_path(root, "alliance-brief"),
            vec![d.clone(), "--out".into(), o("briefs-0")],
        ),
    ]
}

/// Total size and number of files under `dir`.
fn dir_size(dir: &Path) -> anyhow::Result<(u64, usize)> {
    let mut total = (0, 0);
    for entry in
        std::fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))?
    {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            let (bytes, files) = dir_size(&entry.path())?;
            total = (total.0 + bytes, total.1 + files);
        } else {
            total = (total.0 + meta.len(), total.1 + 1);
        }
    }
    Ok(total)
}
