//! Rule levels: the `[rules]` table of `alliance-lint.toml` in the dataset folder, then the
//! `--allow`, `--warn` and `--deny` flags, which win.

use std::collections::BTreeMap;
use std::path::Path;

use alliance_core::render::escape_controls;
use anyhow::{Context as _, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::codes::{RULES, find_rule, is_loader_check};

/// The name of the configuration file in a dataset folder.
pub const CONFIG_FILE: &str = "alliance-lint.toml";

/// What to do with a rule's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Drop them.
    Allow,
    /// Report them as warnings.
    Warn,
    /// Report them as errors.
    Deny,
}

/// Rule levels, by code.
#[derive(Debug, Clone, Default)]
pub struct Config {
    levels: BTreeMap<&'static str, Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
}

impl Config {
    /// Reads `alliance-lint.toml` in the dataset folder, if there is one.
    pub fn from_dataset(root: &Path) -> anyhow::Result<Config> {
        let path = root.join(CONFIG_FILE);
        let mut config = Config::default();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            // no file, or a root that is not a folder (the loader then says what to pass)
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(config);
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        };
        let file: ConfigFile = toml::from_str(&text).map_err(|e| {
            let at = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
            anyhow::anyhow!(
                "{}:{}:{}: {}",
                path.display(),
                at.0,
                at.1,
                escape_controls(e.message())
            )
        })?;
        for (rule, level) in file.rules {
            let parsed = match level.get_ref().as_str() {
                "allow" => Level::Allow,
                "warn" => Level::Warn,
                "deny" => Level::Deny,
                other => {
                    let (l, c) = line_col(&text, level.span().start);
                    bail!(
                        "{}:{l}:{c}: `{}` is not a level; use \"allow\", \"warn\" or \"deny\"",
                        path.display(),
                        escape_controls(other)
                    );
                }
            };
            config
                .set(&rule, parsed)
                .with_context(|| format!("in `{}`", path.display()))?;
        }
        Ok(config)
    }

    /// Sets a rule's level; the rule is named by code or name.
    pub fn set(&mut self, rule: &str, level: Level) -> anyhow::Result<()> {
        let Some(found) = find_rule(rule) else {
            // the name may come from a dataset's file: shown escaped, like every finding
            let rule = escape_controls(rule);
            let names = RULES.iter().map(|r| r.info().code.name);
            match alliance_core::text::closest(&rule, names) {
                Some(name) => bail!("unknown rule `{rule}`; did you mean `{name}`?"),
                None => bail!(
                    "unknown rule `{rule}`; `alliance-lint --explain CODE` documents the rules"
                ),
            }
        };
        if is_loader_check(found) {
            bail!(
                "{} ({}) is checked by the loader for every tool and cannot be configured",
                found.info().code.code,
                found.info().code.name
            );
        }
        self.levels.insert(found.info().code.code, level);
        Ok(())
    }

    /// The configured level of a code, if any.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.levels.get(code).copied()
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_by_code_or_name() {
        let mut config = Config::default();
        config
            .set("missing-rapporteur", Level::Allow)
            .expect("by name");
        config.set("al024", Level::Deny).expect("by code");
        assert_eq!(config.level("AL017"), Some(Level::Allow));
        assert_eq!(config.level("AL024"), Some(Level::Deny));
        let err = config
            .set("missing-raporteur", Level::Warn)
            .expect_err("typo");
        assert_eq!(
            err.to_string(),
            "unknown rule `missing-raporteur`; did you mean `missing-rapporteur`?"
        );
        let err = config.set("AL006", Level::Allow).expect_err("loader");
        assert!(err.to_string().contains("checked by the loader"), "{err}");
    }

    #[test]
    fn config_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[rules]\nunused-theme = \"allow\"\n",
        )
        .expect("write");
        let config = Config::from_dataset(dir.path()).expect("reads");
        assert_eq!(config.level("AL026"), Some(Level::Allow));
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "[rules]\nunused-theme = \"off\"\n",
        )
        .expect("write");
        let err = Config::from_dataset(dir.path())
            .expect_err("bad level")
            .to_string();
        assert!(
            err.ends_with(
                "alliance-lint.toml:2:16: `off` is not a level; use \"allow\", \"warn\" or \"deny\""
            ),
            "{err}"
        );
    }
}
