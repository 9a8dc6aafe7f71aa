//! Calibrates the fit estimate against real Chromium. For every theme of a dataset (and, with
//! `--grow N,M,...`, for made-up themes of N, M, ... recommendations spread over the
//! sessions) and every layout, it renders the brief, measures the height each block really
//! takes (Chromium running a measuring script on a copy of the page), prints the brief to PDF
//! and counts its pages, and prints one line per brief and layout:
//!
//! ```text
//! theme  layout  items  chars  estimate  measured  pages  masthead  body  instruments  footer
//! ```
//!
//! `estimate` and `measured` are shares of the page's text height (`1.0` is full); the blocks
//! are `estimated/measured` millimetres.
//!
//! Usage: `cargo run -p alliance-brief --example calibrate -- DATA OUT [--grow N,M] [--no-print]`

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use alliance_brief::{Layout, fit, pdf};

const MEASURE: &str = r#"<script>
addEventListener('load', () => {
  const style = document.createElement('style');
  style.textContent = '.sheet{min-height:0!important}.colophon{margin-top:0!important}';
  document.head.appendChild(style);
  const sheet = document.querySelector('.sheet');
  const cs = getComputedStyle(sheet);
  const top = sheet.getBoundingClientRect().top + parseFloat(cs.paddingTop);
  const r = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
  const main = r('main.body'), ins = r('.instruments'), col = r('.colophon');
  const mm = px => (px * 25.4 / 96).toFixed(2);
  const insTop = ins ? ins.top - parseFloat(getComputedStyle(document.querySelector('.instruments')).marginTop) : main.bottom;
  const parts = [main.top - top, insTop - main.top, main.bottom - insTop, col.bottom - main.bottom, col.bottom - top];
  document.body.setAttribute('data-measured-mm', parts.map(mm).join(' '));
});
</script></body>"#;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(data), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: calibrate DATA OUT [--grow N,M] [--no-print]");
    };
    let print = !args.iter().any(|a| a == "--no-print");
    let grow: Vec<usize> = args
        .iter()
        .position(|a| a == "--grow")
        .and_then(|i| args.get(i + 1))
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let mut dataset = alliance_core::load(Path::new(data))?.dataset;
    let description = dataset
        .themes
        .iter()
        .filter_map(|t| t.description.clone())
        .max_by_key(|d| d.len());
    let total = dataset.recommendations.len();
    let mut themes: Vec<String> = dataset.themes.iter().map(|t| t.id.clone()).collect();
    for n in grow {
        let id = format!("oversized-{n}");
        let Some(mut term) = dataset.themes.first().cloned() else {
            anyhow::bail!("the dataset has no theme to copy");
        };
        term.id.clone_from(&id);
        term.name = format!("Oversized theme of {n} items");
        term.description.clone_from(&description);
        dataset.themes.push(term);
        // every 7th recommendation, wrapping around: spread over the sessions
        for k in 0..n.min(total) {
            let rec = &mut dataset.recommendations[(k * 7) % total];
            rec.themes.push(id.clone());
        }
        themes.push(id);
    }
    let chromium = pdf::find_chromium()?;
    let height = fit::text_height_mm();
    println!(
        "theme\tlayout\titems\tchars\testimate\tmeasured\tpages\tmasthead\tbody\tinstruments\tfooter"
    );
    for theme in &themes {
        let recs: Vec<_> = dataset
            .recommendations
            .iter()
            .filter(|r| r.themes.contains(theme))
            .collect();
        let chars: usize = recs.iter().map(|r| r.text.chars().count()).sum();
        for layout in Layout::ALL {
            let (Some(html), Some(est)) = (
                alliance_brief::render_brief(&dataset, theme, layout),
                fit::estimate_parts(&dataset, theme, layout),
            ) else {
                continue;
            };
            let html = html?;
            let stem = format!("{theme}--{}", layout.class());
            let page = out.join(format!("{stem}.html"));
            std::fs::write(&page, &html)?;
            let probe = out.join(format!("{stem}.measure.html"));
            std::fs::write(&probe, html.replace("</body>", MEASURE))?;
            let m = measure(&chromium, &probe)?;
            let pages = if print {
                // `pdf::print` refuses a file already there: an earlier run's PDF goes first
                let pdf_path = page.with_extension("pdf");
                remove_if_there(&pdf_path)?;
                match pdf::print(&chromium, &page, &pdf_path) {
                    Ok(n) => n.to_string(),
                    Err(pdf::PrintError::TooManyPages { pages, .. }) => pages.to_string(),
                    Err(e) => return Err(e.into()),
                }
            } else {
                "-".to_owned()
            };
            println!(
                "{theme}\t{}\t{}\t{chars}\t{:.3}\t{:.3}\t{pages}\t{:.1}/{:.1}\t{:.1}/{:.1}\t{:.1}/{:.1}\t{:.1}/{:.1}",
                layout.class(),
                recs.len(),
                est.fill(),
                m[4] / height,
                est.masthead_mm,
                m[0],
                est.body_mm,
                m[1],
                est.instruments_mm,
                m[2],
                est.footer_mm,
                m[3],
            );
        }
    }
    Ok(())
}

/// Removes the file at `path`, if there is one.
fn remove_if_there(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The blocks' heights in millimetres (masthead, body, instruments, footer, total), from
/// Chromium's DOM after the measuring script ran.
fn measure(chromium: &pdf::Chromium, html: &Path) -> anyhow::Result<Vec<f64>> {
    let profile = tempfile::tempdir()?;
    let output = Command::new(&chromium.path)
        .args(pdf::HEADLESS_FLAGS)
        .args(["--window-size=1400,2000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(pdf::file_url(&std::fs::canonicalize(html)?))
        .stderr(Stdio::null())
        .output()?;
    let dom = String::from_utf8_lossy(&output.stdout);
    let values: Vec<f64> = dom
        .split("data-measured-mm=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|v| v.split(' ').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_default();
    if values.len() != 5 {
        anyhow::bail!("no measurement in the DOM of {}", html.display());
    }
    Ok(values)
}
