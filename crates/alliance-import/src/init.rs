//! `alliance-import --init DIR`: an empty dataset to import a first conference into.
//!
//! It holds what a dataset needs before its first conference: `dataset.toml` (version
//! `0.1.0`, dated today, or by `SOURCE_DATE_EPOCH` when that is set, for reproducible
//! builds), the toolkit's vocabularies and the JSON Schemas of the files, empty registries
//! (`people`, `organizations`, `instruments`) and an empty `conferences/`. The vocabularies
//! are those of the dataset this toolkit is built with (`data/vocabularies/`): the terms the
//! briefs and exports are organized around, which a new dataset then adapts.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use alliance_cli::Staging;
use anyhow::{Context, bail};

/// A file of the new dataset: its path and its text.
type File = (&'static str, &'static str);

macro_rules! from_data {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../data/", $path)))),*]
    };
}

/// The vocabularies and schemas, as the toolkit's dataset has them.
const COPIED: &[File] = from_data![
    "vocabularies/addressees.toml",
    "vocabularies/figure-kinds.toml",
    "vocabularies/instrument-kinds.toml",
    "vocabularies/labels.toml",
    "vocabularies/organization-kinds.toml",
    "vocabularies/pillars.toml",
    "vocabularies/roles.toml",
    "vocabularies/session-kinds.toml",
    "vocabularies/themes.toml",
    "schemas/conference.schema.json",
    "schemas/dataset.schema.json",
    "schemas/instruments.schema.json",
    "schemas/organizations.schema.json",
    "schemas/people.schema.json",
    "schemas/session.schema.json",
    "schemas/vocabulary.schema.json",
];

/// The registries, empty but for the line that names their schema.
const REGISTRIES: &[File] = &[
    (
        "registry/people.toml",
        "#:schema ../schemas/people.schema.json\n",
    ),
    (
        "registry/organizations.toml",
        "#:schema ../schemas/organizations.schema.json\n",
    ),
    (
        "registry/instruments.toml",
        "#:schema ../schemas/instruments.schema.json\n",
    ),
];

/// Makes `dir` (missing or empty) an empty dataset, all at once (one staging); says so on
/// stderr unless `quiet`.
pub(crate) fn run(dir: &Path, quiet: bool) -> anyhow::Result<()> {
    let empty = match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => true,
        Err(err) => return Err(err).with_context(|| format!("cannot read `{}`", dir.display())),
    };
    if !empty {
        bail!(
            "`{}` is not empty: --init makes a new dataset in a missing or empty folder",
            dir.display()
        );
    }
    let staging = Staging::new(dir, true)?;
    staging.write(Path::new("dataset.toml"), dataset_toml(today()?).as_bytes())?;
    for (path, text) in COPIED.iter().chain(REGISTRIES) {
        staging.write(Path::new(path), text.as_bytes())?;
    }
    // conferences/ exists in a dataset even when it holds none
    staging.write(Path::new("conferences/.gitkeep"), b"")?;
    staging.commit()?;
    if !quiet {
        alliance_cli::errln!(
            "alliance-import: made an empty dataset in `{}` (the toolkit's vocabularies, empty registries); next: alliance-import REPORT --conference ID --data {}",
            dir.display(),
            dir.display()
        )?;
    }
    Ok(())
}

/// The new dataset's `dataset.toml`, dated `date` (`YYYY-MM-DD`).
fn dataset_toml(date: String) -> String {
    format!(
        "#:schema schemas/dataset.schema.json\n\
         # The dataset as a whole. Bump `version` and `date` with every change to the data:\n\
         # exports and briefs print them, so a reader can tell which release they hold.\n\n\
         title = \"Alliance against Trafficking in Persons conferences\"\n\
         version = \"0.1.0\"\n\
         date = \"{date}\"\n"
    )
}

/// Today's date in UTC, or `SOURCE_DATE_EPOCH`'s when set.
fn today() -> anyhow::Result<String> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value
            .trim()
            .parse::<u64>()
            .with_context(|| format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds"))?,
        Err(_) => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("the clock is before 1970")?
            .as_secs(),
    };
    let (y, m, d) = civil_from_days(seconds / 86_400);
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_are_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_795), (2026, 12, 8));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
