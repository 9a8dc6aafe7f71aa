//! The briefs' promises, checked on what `alliance-brief` wrote: every recommendation of the
//! dataset is in at least one brief, and every brief prints on exactly one A4 page in headless
//! Chromium (pages counted with `pdfinfo`). Under `CI=true` a missing Chromium or `pdfinfo` is
//! a failure; locally the print check is skipped with a warning.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

/// Checks the briefs in `{out}/briefs` against the dataset in `data/`.
pub(crate) fn check(sh: &Shell, out: &str) -> anyhow::Result<()> {
    let dir = sh.current_dir().join(out).join("briefs");
    let briefs = briefs_in(&dir)?;
    if briefs.is_empty() {
        bail!("no brief in `{}`", dir.display());
    }
    check_coverage(sh, &briefs)?;

    let Some((chromium, pdfinfo)) = tools()? else {
        return Ok(());
    };
    let tmp = sh.create_temp_dir()?;
    let mut wrong = Vec::new();
    for (i, html) in briefs.iter().enumerate() {
        let name = file_name(html);
        let profile = tmp.path().join(format!("profile-{i}"));
        let pdf = tmp.path().join(format!("{i}.pdf"));
        let pages = print_pages(sh, &chromium, &pdfinfo, html, &profile, &pdf)
            .with_context(|| format!("cannot print `{name}`"))?;
        println!("{name}: {pages} page{}", if pages == 1 { "" } else { "s" });
        if pages != 1 {
            wrong.push(format!("{name} ({pages} pages)"));
        }
    }
    if !wrong.is_empty() {
        bail!(
            "{} brief(s) do not print on exactly one A4 page: {}",
            wrong.len(),
            wrong.join(", ")
        );
    }
    println!(
        "all {} briefs print on exactly one A4 page (Chromium, pdfinfo)",
        briefs.len()
    );
    Ok(())
}

/// The briefs (every `*.html` but `index.html`), sorted.
fn briefs_in(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))?;
    let mut briefs = Vec::new();
    for entry in entries {
        let path = entry?.path();
        let is_html = path.extension().is_some_and(|e| e == "html");
        if is_html && path.file_name().is_some_and(|n| n != "index.html") {
            briefs.push(path);
        }
    }
    briefs.sort();
    Ok(briefs)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Every recommendation of `data/` is an item (`<li id="...">`) of at least one brief.
fn check_coverage(sh: &Shell, briefs: &[PathBuf]) -> anyhow::Result<()> {
    let data = sh.current_dir().join("data");
    let loaded = alliance_core::load(&data)?;
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
            "{} recommendation(s) are in no brief: {}",
            missing.len(),
            missing.join(", ")
        );
    }
    println!(
        "all {} recommendations appear in at least one of {} briefs",
        loaded.dataset.recommendations.len(),
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
