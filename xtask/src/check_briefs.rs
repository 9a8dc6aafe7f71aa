//! The briefs' promises, checked on what `alliance-brief` wrote: every recommendation of the
//! dataset is in at least one brief, and every page (every brief and every index) prints on
//! exactly one A4 page in headless Chromium (pages counted with `pdfinfo`). Checked on the real
//! data (`{out}/briefs`) and on the fictional two-conference fixture
//! (`tests/fixtures/two-conferences`), whose briefs this check renders itself, per conference
//! and across conferences. Under `CI=true` a missing Chromium or `pdfinfo` is a failure;
//! locally the print check is skipped with a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

/// The fictional dataset of two conferences.
const FIXTURE: &str = "tests/fixtures/two-conferences";

/// Checks the briefs in `{out}/briefs` against the dataset in `data/`, and the fixture's.
pub(crate) fn check(sh: &Shell, out: &str) -> anyhow::Result<()> {
    let brief = crate::pipeline::bin("alliance-brief");
    let fixture = format!("{out}/fixture-briefs");
    let across = format!("{out}/fixture-briefs-across");
    cmd!(sh, "{brief} {FIXTURE} --out {fixture} --quiet").run()?;
    cmd!(
        sh,
        "{brief} {FIXTURE} --out {across} --across-conferences --quiet"
    )
    .run()?;
    let root = sh.current_dir();
    let mut pages = Vec::new();
    for (dir, data) in [
        (format!("{out}/briefs"), Some("data")),
        (fixture, Some(FIXTURE)),
        (across, None),
    ] {
        let found = pages_in(&root.join(&dir))?;
        let briefs: Vec<PathBuf> = found
            .iter()
            .filter(|p| p.file_name().is_some_and(|n| n != "index.html"))
            .cloned()
            .collect();
        if briefs.is_empty() {
            bail!("no brief in `{dir}`");
        }
        if let Some(data) = data {
            check_coverage(&root.join(data), &briefs)?;
        }
        pages.extend(found);
    }

    let Some((chromium, pdfinfo)) = tools()? else {
        return Ok(());
    };
    let tmp = sh.create_temp_dir()?;
    let mut wrong = Vec::new();
    for (i, html) in pages.iter().enumerate() {
        let name = html
            .strip_prefix(&root)
            .unwrap_or(html)
            .display()
            .to_string();
        let profile = tmp.path().join(format!("profile-{i}"));
        let pdf = tmp.path().join(format!("{i}.pdf"));
        let count = print_pages(sh, &chromium, &pdfinfo, html, &profile, &pdf)
            .with_context(|| format!("cannot print `{name}`"))?;
        println!("{name}: {count} page{}", if count == 1 { "" } else { "s" });
        if count != 1 {
            wrong.push(format!("{name} ({count} pages)"));
        }
    }
    if !wrong.is_empty() {
        bail!(
            "{} page(s) do not print on exactly one A4 page: {}",
            wrong.len(),
            wrong.join(", ")
        );
    }
    println!(
        "all {} briefs and indexes print on exactly one A4 page (Chromium, pdfinfo)",
        pages.len()
    );
    Ok(())
}

/// Every `*.html` under `dir` (briefs and indexes), sorted.
fn pages_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut pages = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            pages.extend(pages_in(&path)?);
        } else if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    pages.sort();
    Ok(pages)
}

/// Every recommendation of the dataset in `data` is an item (`<li id="...">`) of at least one
/// brief.
fn check_coverage(data: &Path, briefs: &[PathBuf]) -> anyhow::Result<()> {
    let loaded = alliance_core::load(data)?;
    let mut seen = BTreeSet::new();
    for html in briefs {
        let text = std::fs::read_to_string(html)
            .with_context(|| format!("cannot read `{}`", html.display()))?;
        for rest in text.split("<li id=\"").skip(1) {
            if let Some((id, _)) = rest.split_once('"') {
                seen.insert(id.to_owned());
            }
        }
    }
    let missing: Vec<&str> = loaded
        .dataset
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !seen.contains(*id))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} recommendation(s) of `{}` are in no brief: {}",
            missing.len(),
            data.display(),
            missing.join(", ")
        );
    }
    println!(
        "all {} recommendations of `{}` appear in at least one of {} briefs",
        loaded.dataset.recommendations.len(),
        data.display(),
        briefs.len()
    );
    Ok(())
}

/// Chromium and `pdfinfo`, or `None` (with a warning) when one is missing outside CI.
fn tools() -> anyhow::Result<Option<(PathBuf, PathBuf)>> {
    let chromium = alliance_brief::pdf::find_chromium().ok().map(|c| c.path);
    let pdfinfo = on_path("pdfinfo");
    let missing: Vec<&str> = [
        chromium.is_none().then_some("chromium"),
        pdfinfo.is_none().then_some("pdfinfo (poppler-utils)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    match (chromium, pdfinfo) {
        (Some(c), Some(p)) => {
            if on_path("fc-list").is_some() && !has_arial_metrics() {
                eprintln!(
                    "warning: neither Arial nor Liberation Sans is installed; the briefs' fit is \
                     calibrated for their metrics (install fonts-liberation)"
                );
            }
            Ok(Some((c, p)))
        }
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => bail!(
            "{} missing: the one-page check of the briefs needs them \
             (apt-get install chromium poppler-utils fonts-liberation)",
            missing.join(" and ")
        ),
        _ => {
            eprintln!(
                "warning: skipping the one-page check of the briefs: {} missing \
                 (apt-get install chromium poppler-utils fonts-liberation)",
                missing.join(" and ")
            );
            Ok(None)
        }
    }
}

fn has_arial_metrics() -> bool {
    let Ok(sh) = Shell::new() else {
        return true;
    };
    cmd!(sh, "fc-list : family")
        .quiet()
        .ignore_stderr()
        .read()
        .map_or(true, |families| {
            families.lines().any(|f| {
                f.split(',')
                    .any(|name| matches!(name.trim(), "Arial" | "Liberation Sans"))
            })
        })
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)))
        .find(|p| p.is_file())
}

/// Prints `html` to `pdf` in a fresh profile and counts the PDF's pages.
fn print_pages(
    sh: &Shell,
    chromium: &Path,
    pdfinfo: &Path,
    html: &Path,
    profile: &Path,
    pdf: &Path,
) -> anyhow::Result<usize> {
    let url = alliance_brief::pdf::file_url(&std::fs::canonicalize(html)?);
    let profile_arg = format!("--user-data-dir={}", profile.display());
    let pdf_arg = format!("--print-to-pdf={}", pdf.display());
    let args: Vec<&str> = alliance_brief::pdf::HEADLESS_FLAGS
        .into_iter()
        .chain([
            profile_arg.as_str(),
            pdf_arg.as_str(),
            "--no-pdf-header-footer",
            &url,
        ])
        .collect();
    // `timeout` (coreutils) keeps a hung browser from hanging CI
    let print = if on_path("timeout").is_some() {
        cmd!(sh, "timeout 120 {chromium} {args...}")
    } else {
        cmd!(sh, "{chromium} {args...}")
    };
    print.quiet().ignore_stdout().ignore_stderr().run()?;
    let info = cmd!(sh, "{pdfinfo} {pdf}").quiet().read()?;
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .context("pdfinfo printed no page count")
}
