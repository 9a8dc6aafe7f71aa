//! What an analyst would use instead of our tools, on what alliance-export wrote: frictionless,
//! pandas with openpyxl and xlsxwriter, and Python's `json`.

use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use xshell::Shell;

use super::measure::measure;
use super::synthetic::Row;

/// Whether the peers' Python packages are installed.
pub(super) fn installed(sh: &Shell) -> anyhow::Result<bool> {
    Ok(crate::pipeline::python_has(sh, "pandas")?
        && crate::pipeline::python_has(sh, "xlsxwriter")?
        && crate::pipeline::python_has(sh, "openpyxl")?
        && crate::pipeline::python_has(sh, "frictionless")?)
}

/// Measures each peer at size `n` on the outputs in `out`, `runs` times (once at 1M), unless
/// its time extrapolated from the previous size (`previous`, updated) exceeds 3 minutes.
pub(super) fn measure_peers(
    root: &Path,
    n: usize,
    runs: usize,
    out: &Path,
    previous: &mut Vec<(String, Duration)>,
    rows: &mut Vec<Row>,
) -> anyhow::Result<()> {
    for (name, args) in commands(out) {
        let before = previous.iter().find(|(p, _)| p == name).map(|(_, d)| *d);
        if before.is_some_and(|d| d * 10 > Duration::from_secs(180)) {
            rows.push(Row {
                n,
                name: name.to_owned(),
                measure: None,
                note: "over 3 min (extrapolated), not run".into(),
            });
            continue;
        }
        eprintln!("bench: {name} at {n}");
        let peer_runs = if n >= 1_000_000 { 1 } else { runs };
        let m =
            measure(root, "python3", &args, peer_runs).with_context(|| format!("{name} at {n}"))?;
        previous.retain(|(p, _)| p != name);
        previous.push((name.to_owned(), m.wall));
        rows.push(Row::measured(n, name, m));
    }
    Ok(())
}

/// Each peer's name and `python3` arguments, on the outputs alliance-export wrote to `out`.
fn commands(out: &Path) -> Vec<(&'static str, Vec<String>)> {
    let csv = out
        .join("export/csv/recommendations.csv")
        .display()
        .to_string();
    let package = out
        .join("export/csv/datapackage.json")
        .display()
        .to_string();
    let json = out.join("export/alliance.json").display().to_string();
    let xlsx = out.join("peer.xlsx").display().to_string();
    vec![
        (
            "frictionless validate",
            vec![
                "-m".into(),
                "frictionless".into(),
                "validate".into(),
                "--type".into(),
                "package".into(),
                package,
            ],
        ),
        (
            "pandas read_csv + to_excel (openpyxl)",
            vec![
                "-c".into(),
                format!(
                    "import pandas as pd; pd.read_csv({csv:?}).to_excel({xlsx:?}, engine='openpyxl', index=False)"
                ),
            ],
        ),
        (
            "pandas read_csv + to_excel (xlsxwriter)",
            vec![
                "-c".into(),
                format!(
                    "import pandas as pd; pd.read_csv({csv:?}).to_excel({xlsx:?}, engine='xlsxwriter', index=False)"
                ),
            ],
        ),
        (
            "python json.load",
            vec![
                "-c".into(),
                format!("import json; json.load(open({json:?}))"),
            ],
        ),
    ]
}
