//! Calibrates the fit estimate against real Chromium: renders every theme of a dataset in
//! every layout, measures the height its content really takes (Chromium with a measuring
//! script), prints it to PDF and counts the pages, and prints one line per brief and layout:
//!
//! ```text
//! theme  layout  items  chars  estimate  measured  pages
//! ```
//!
//! `estimate` and `measured` are shares of the page's text height (`1.0` is full).
//! Usage: `cargo run -p alliance-brief --example calibrate -- DATA OUT [--no-print]`.
//! To find where a layout breaks, run it on a copy of the data with an oversized theme.

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
  const px = sheet.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
  document.body.setAttribute('data-measured-mm', (px * 25.4 / 96).toFixed(2));
});
</script></body>"#;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(data), Some(out)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: calibrate DATA OUT [--no-print]");
    };
    let print = !args.iter().any(|a| a == "--no-print");
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out)?;
    let dataset = alliance_core::load(Path::new(data))?.dataset;
    let chromium = pdf::find_chromium()?;
    let height = fit::text_height_mm();
    println!("theme\tlayout\titems\tchars\testimate\tmeasured\tpages");
    for theme in &dataset.themes {
        let recs: Vec<_> = dataset
            .recommendations
            .iter()
            .filter(|r| r.themes.contains(&theme.id))
            .collect();
        let chars: usize = recs.iter().map(|r| r.text.chars().count()).sum();
        for layout in Layout::ALL {
            let Some(html) = alliance_brief::render_brief(&dataset, &theme.id, layout) else {
                continue;
            };
            let html = html?;
            let stem = format!("{}--{}", theme.id, layout.class());
            let page = out.join(format!("{stem}.html"));
            std::fs::write(&page, &html)?;
            let probe = out.join(format!("{stem}.measure.html"));
            std::fs::write(&probe, html.replace("</body>", MEASURE))?;
            let measured = measure(&chromium, &probe)? / height;
            let pages = if print {
                match pdf::print(&chromium, &page, &page.with_extension("pdf")) {
                    Ok(n) => n.to_string(),
                    Err(pdf::PrintError::TooManyPages { pages, .. }) => pages.to_string(),
                    Err(e) => return Err(e.into()),
                }
            } else {
                "-".to_owned()
            };
            println!(
                "{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{}",
                theme.id,
                layout.class(),
                recs.len(),
                chars,
                fit::estimate(&dataset, &theme.id, layout),
                measured,
                pages
            );
        }
    }
    Ok(())
}

/// The content height in millimetres, from Chromium's DOM after the measuring script ran.
fn measure(chromium: &pdf::Chromium, html: &Path) -> anyhow::Result<f64> {
    let profile = tempfile::tempdir()?;
    let output = Command::new(&chromium.path)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,2000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(pdf::file_url(&std::fs::canonicalize(html)?))
        .stderr(Stdio::null())
        .output()?;
    let dom = String::from_utf8_lossy(&output.stdout);
    let value = dom
        .split("data-measured-mm=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok());
    value.ok_or_else(|| anyhow::anyhow!("no measurement in the DOM of {}", html.display()))
}
