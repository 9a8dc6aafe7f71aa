//! Reading the report as a user has it, and the files a draft writes.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use alliance_cli::Staging;
use alliance_core::report::Format;
use alliance_draft::{AffiliationDraft, append_blocks, insert_affiliations};
use anyhow::{Context, bail};

use crate::draft::Draft;

/// A report as read.
#[derive(Debug, Clone)]
pub struct Report {
    /// Its file name in the conference folder: `report.md` or `report.txt` (for a PDF, its
    /// text layer's).
    pub name: String,
    /// Its text (a byte order mark and carriage returns removed, as the loader reads it).
    pub text: String,
    /// The file as given, and its name in the conference folder when that is not `name` (a
    /// PDF is kept beside its text as `report.pdf`).
    pub given: Vec<u8>,
    /// The name the file as given is kept under.
    pub given_name: String,
}

/// Reads the report at `path`: UTF-8 text (Markdown or pdftotext's), or a PDF, whose text
/// layer `pdftotext -layout` gives.
pub fn read_report(path: &Path) -> anyhow::Result<Report> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read the report `{}`", path.display()))?;
    if bytes.starts_with(b"%PDF-") {
        let text = pdf_text(path)?;
        return Ok(Report {
            name: "report.txt".to_owned(),
            text: clean(&text),
            given: bytes,
            given_name: "report.pdf".to_owned(),
        });
    }
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        bail!(
            "the report `{}` is neither UTF-8 text nor a PDF",
            path.display()
        );
    };
    let text = clean(&text);
    if text.trim().is_empty() {
        bail!("the report `{}` is empty", path.display());
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let name = match (extension, Format::detect(&text)) {
        ("md" | "markdown", _) | (_, Format::Markdown) => "report.md",
        _ => "report.txt",
    };
    Ok(Report {
        name: name.to_owned(),
        text,
        given: bytes,
        given_name: name.to_owned(),
    })
}

/// The text with a byte order mark and carriage returns removed.
fn clean(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// The text layer of a PDF, as `pdftotext -layout` prints it.
fn pdf_text(path: &Path) -> anyhow::Result<String> {
    // `./-x.pdf`, never `-x.pdf`, which pdftotext would take for an option
    let arg = if path.is_absolute() {
        path.to_path_buf()
    } else {
        Path::new(".").join(path)
    };
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(arg)
        .arg("-")
        .stdin(Stdio::null())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => bail!(
            "cannot read the PDF `{}`: pdftotext is not installed (install poppler-utils, e.g. `apt-get install poppler-utils`), or pass the report's text",
            path.display()
        ),
        Err(err) => {
            return Err(err)
                .with_context(|| format!("cannot run pdftotext on `{}`", path.display()));
        }
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        bail!(
            "cannot read the PDF `{}`: pdftotext failed ({}){}",
            path.display(),
            output.status,
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        );
    }
    let text = String::from_utf8(output.stdout)
        .with_context(|| format!("pdftotext gave no UTF-8 text for `{}`", path.display()))?;
    if text.replace('\u{c}', "").trim().is_empty() {
        bail!(
            "the PDF `{}` has no text layer (a scan?): pass the report's text instead",
            path.display()
        );
    }
    Ok(text)
}

/// One file of the output, relative to the dataset folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Its path, relative to the dataset folder.
    pub path: PathBuf,
    /// Its whole new content.
    pub bytes: Vec<u8>,
    /// What a dry run shows of it: the whole file, or what is added to a registry file.
    pub shown: String,
}

/// Every file an import writes, in order.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The files.
    pub files: Vec<OutputFile>,
}

/// The files of a draft: the conference's folder, then the registry files it changes.
pub fn render(
    data: &Path,
    conference: &str,
    report: &Report,
    draft: &Draft,
) -> anyhow::Result<Output> {
    let folder = PathBuf::from("conferences").join(conference);
    let mut files = Vec::new();
    let mut add = |path: PathBuf, bytes: Vec<u8>, shown: String| {
        files.push(OutputFile { path, bytes, shown });
    };
    add(
        folder.join(&report.given_name),
        report.given.clone(),
        format!("(the report as given, {} bytes)\n", report.given.len()),
    );
    if report.given_name != report.name {
        add(
            folder.join(&report.name),
            report.text.clone().into_bytes(),
            format!("(the report's text layer, {} bytes)\n", report.text.len()),
        );
    }
    let conference_toml = draft.conference.to_toml();
    add(
        folder.join("conference.toml"),
        conference_toml.clone().into_bytes(),
        conference_toml,
    );
    for s in &draft.sessions {
        let text = s.session.to_toml();
        add(
            folder.join("sessions").join(&s.file),
            text.clone().into_bytes(),
            text,
        );
    }
    let registry = &draft.registry;
    let people_path = PathBuf::from("registry/people.toml");
    let mut people = read_or(
        data,
        &people_path,
        "#:schema ../schemas/people.schema.json\n",
    )?;
    let mut shown = String::new();
    let affiliations: Vec<(&str, &AffiliationDraft)> = registry
        .people
        .iter()
        .filter(|p| p.reused)
        .filter_map(|p| Some((p.id.as_str(), p.affiliation.as_ref()?)))
        .collect();
    if !affiliations.is_empty() {
        people = insert_affiliations(&people, &affiliations).map_err(|id| {
            anyhow::anyhow!(
                "cannot find the person `{id}` in `{}`",
                data.join(&people_path).display()
            )
        })?;
    }
    for (id, aff) in &affiliations {
        shown.push_str(&format!(
            "# added to the person `{id}`:\n{}\n",
            aff.to_toml()
        ));
    }
    let blocks: Vec<String> = registry.new_people().iter().map(|p| p.to_toml()).collect();
    people = append_blocks(&people, blocks.iter().map(String::as_str));
    for block in &blocks {
        shown.push_str(block);
        shown.push('\n');
    }
    if !shown.is_empty() {
        add(people_path, people.into_bytes(), shown);
    }
    if !registry.organizations.is_empty() {
        let path = PathBuf::from("registry/organizations.toml");
        let mut text = read_or(
            data,
            &path,
            "#:schema ../schemas/organizations.schema.json\n",
        )?;
        let mut shown = String::new();
        let blocks: Vec<String> = registry.organizations.iter().map(|o| o.to_toml()).collect();
        text = append_blocks(&text, blocks.iter().map(String::as_str));
        for block in &blocks {
            shown.push_str(block);
            shown.push('\n');
        }
        add(path, text.into_bytes(), shown);
    }
    Ok(Output { files })
}

/// The text of `data/path`, or `empty` when there is no such file.
fn read_or(data: &Path, path: &Path, empty: &str) -> anyhow::Result<String> {
    match std::fs::read_to_string(data.join(path)) {
        Ok(text) => Ok(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(empty.to_owned()),
        Err(err) => {
            Err(err).with_context(|| format!("cannot read `{}`", data.join(path).display()))
        }
    }
}

/// Prints what a dry run would write, on stdout.
pub(crate) fn print(data: &Path, output: &Output) -> anyhow::Result<()> {
    let mut out = String::new();
    for f in &output.files {
        let verb = if data.join(&f.path).exists() {
            "changes"
        } else {
            "writes"
        };
        out.push_str(&format!(
            "==> {verb} {} <==\n{}\n",
            data.join(&f.path).display(),
            f.shown
        ));
    }
    let mut stdout = std::io::stdout().lock();
    alliance_cli::output::write_or_closed(&mut stdout, out.as_bytes())
        .context("cannot print the dry run")?;
    stdout.flush().ok();
    Ok(())
}

/// What a `--force` import does to the files of a conference's old folder beyond writing the
/// draft: the files it removes (the draft does not have them: a person's `notes.md`, a session
/// file added by hand) and those it replaces with other content (hand edits, such as themes
/// set in a session file, are lost), as paths relative to the dataset folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Forced {
    /// Files of the old folder that the draft does not write.
    pub(crate) removed: Vec<PathBuf>,
    /// Files of the old folder that the draft writes with other bytes.
    pub(crate) replaced: Vec<PathBuf>,
}

/// What writing `output` does to the conference folder `folder` (inside `data`) as it is.
pub(crate) fn forced(data: &Path, folder: &Path, output: &Output) -> anyhow::Result<Forced> {
    let mut forced = Forced::default();
    let written: HashSet<&Path> = output.files.iter().map(|f| f.path.as_path()).collect();
    for old in files_under(data, folder)? {
        if !written.contains(old.as_path()) {
            forced.removed.push(old);
        }
    }
    let inside = folder.strip_prefix(data).unwrap_or(folder);
    for f in output.files.iter().filter(|f| f.path.starts_with(inside)) {
        match std::fs::read(data.join(&f.path)) {
            Ok(bytes) if bytes != f.bytes => forced.replaced.push(f.path.clone()),
            _ => {}
        }
    }
    forced.removed.sort();
    Ok(forced)
}

/// Writes the files through one staging of the dataset folder and puts them in place
/// together; with `--force`, the files of the conference's old folder that the draft does not
/// write (`forced.removed`) are removed with the same commit (listed in its journal: a run
/// killed part-way never leaves the old conference's sessions beside the new one's). The files
/// are not synced to the disk one by one (as alliance-brief's pages are not): a killed run
/// leaves its journal, which the next alliance-import or `alliance-lint --fix` completes, and
/// the dataset is kept under version control.
pub(crate) fn write(data: &Path, output: &Output, forced: &Forced) -> anyhow::Result<()> {
    let staging = Staging::new(data, false)?;
    for f in &output.files {
        staging.write(&f.path, &f.bytes)?;
    }
    for stale in &forced.removed {
        staging.remove(stale)?;
    }
    staging.commit()
}

/// The files under `folder` (inside `data`), as paths relative to `data`; none when it is
/// missing. Links are listed as files, never followed.
fn files_under(data: &Path, folder: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(out);
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read `{}`", folder.display()))?;
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            out.extend(files_under(data, &path)?);
        } else if let Ok(relative) = path.strip_prefix(data) {
            out.push(relative.to_path_buf());
        }
    }
    Ok(out)
}
