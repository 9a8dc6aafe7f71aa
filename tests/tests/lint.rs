//! alliance-lint end to end on mutated copies of the real dataset: each fault is caught with
//! the right code and location, in every output format, and nothing panics. What only the
//! report settles, and `--fix`, are tested in `lint_authority.rs`.

use std::path::Path;

use alliance_tests::{bin, copy_of_data, data_dir, mutate};
use serde_json::Value;

mod common {
    pub(crate) mod lint;
}
use common::lint::{PANEL_1, lint};

/// The JSON findings of a mutated copy: `(code, file name, line, column)` of each.
fn findings(mutation: impl FnOnce(&Path)) -> Vec<(String, String, u64, u64)> {
    let tmp = copy_of_data();
    mutation(tmp.path());
    let out = lint(tmp.path(), &["--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON array");
    json.as_array()
        .expect("array")
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap_or("");
            (
                f["code"].as_str().unwrap_or("").to_owned(),
                Path::new(file)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn one(code: &str, file: &str, line: u64, column: u64) -> Vec<(String, String, u64, u64)> {
    vec![(code.to_owned(), file.to_owned(), line, column)]
}

#[test]
fn moderator_removed() {
    let got = findings(|d| mutate(d, PANEL_1, "role = \"moderator\"", "role = \"speaker\""));
    // no moderator, and the report's "moderated by **Susanne Riegler**" contradicted
    let mut expected = one("AL016", "02-panel-1.toml", 7, 11);
    expected.extend(one("AL055", "02-panel-1.toml", 11, 1));
    assert_eq!(got, expected);
}

#[test]
fn one_word_of_a_quote_altered() {
    let got = findings(|d| {
        mutate(
            d,
            PANEL_1,
            "Provision of suitable child-friendly areas",
            "Provision of adequate child-friendly areas",
        )
    });
    assert_eq!(got, one("AL014", "02-panel-1.toml", 107, 22));
}

#[test]
fn dangling_person_reference() {
    let got = findings(|d| {
        mutate(
            d,
            PANEL_1,
            "person = \"sarah-elliott\"",
            "person = \"sarah-eliott\"",
        )
    });
    assert_eq!(got, one("AL006", "02-panel-1.toml", 26, 10));
}

#[test]
fn duplicated_id() {
    let got = findings(|d| {
        mutate(
            d,
            PANEL_1,
            "id = \"a17-panel-1-r02\"",
            "id = \"a17-panel-1-r01\"",
        )
    });
    assert_eq!(got, one("AL005", "02-panel-1.toml", 39, 6));
}

#[test]
fn unknown_key() {
    let got = findings(|d| {
        mutate(
            d,
            "registry/people.toml",
            "honorific = \"Fr.\"",
            "honourific = \"Fr.\"",
        )
    });
    assert_eq!(got, one("AL004", "people.toml", 27, 1));
}

#[test]
fn emptied_file() {
    let got = findings(|d| std::fs::write(d.join(PANEL_1), "").expect("write"));
    assert_eq!(got, one("AL011", "02-panel-1.toml", 1, 1));
}

#[test]
fn invalid_utf8() {
    let got = findings(|d| {
        let path = d.join("registry/people.toml");
        let text = std::fs::read_to_string(&path).expect("read");
        let mut bytes = text.into_bytes();
        // "Guðbrandsson" saved as Latin-1
        let at = bytes
            .windows(4)
            .position(|w| w == "Guð".as_bytes())
            .expect("the name");
        bytes.splice(at + 2..at + 4, [0xf0]);
        std::fs::write(&path, bytes).expect("write");
    });
    assert_eq!(got, one("AL010", "people.toml", 139, 17));
}

#[test]
fn crlf_everywhere_is_clean() {
    let tmp = copy_of_data();
    let mut stack = vec![tmp.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml" || e == "md") {
                let text = std::fs::read_to_string(&path).expect("read");
                std::fs::write(&path, text.replace('\n', "\r\n")).expect("write");
            }
        }
    }
    let out = lint(tmp.path(), &["--deny-warnings"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_format_on_a_finding() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        PANEL_1,
        "role = \"rapporteur\"",
        "role = \"speaker\"",
    );
    // the report says "Rapporteur **Anh Nguyen**": that error excluded, to leave a warning
    mutate(
        tmp.path(),
        PANEL_1,
        "source = { bullet = 12, line = 66 }\n",
        "source = { bullet = 12, line = 66 }\n\n[[allow]]\nrule = \"mismatched-role\"\nreason = \"a test of the warning that is left\"\n",
    );
    // a warning: exit 0, or 1 with --deny-warnings
    assert_eq!(lint(tmp.path(), &[]).status.code(), Some(0));
    assert_eq!(
        lint(tmp.path(), &["--deny-warnings"]).status.code(),
        Some(1)
    );

    let human = String::from_utf8(lint(tmp.path(), &[]).stdout).expect("utf-8");
    assert!(
        human.starts_with("warning[AL017]: panel `a17-panel-1` has no rapporteur\n"),
        "{human}"
    );
    assert!(human.contains("0 errors, 1 warning (23 files, "), "{human}");

    let github =
        String::from_utf8(lint(tmp.path(), &["--format", "github"]).stdout).expect("utf-8");
    assert!(github.starts_with("::warning file="), "{github}");
    assert!(github.contains(",line=7,endLine=7,col=11,endColumn=70,title=AL017 missing-rapporteur::panel `a17-panel-1` has no rapporteur"), "{github}");

    let markdown =
        String::from_utf8(lint(tmp.path(), &["--format", "markdown"]).stdout).expect("utf-8");
    assert!(
        markdown.starts_with("### alliance-lint: 0 errors, 1 warning"),
        "{markdown}"
    );
    assert!(
        markdown.contains("| warning | `AL017` missing-rapporteur |"),
        "{markdown}"
    );

    let sarif: Value = serde_json::from_slice(&lint(tmp.path(), &["--format", "sarif"]).stdout)
        .expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "AL017");
    assert_eq!(result["level"], "warning");
    let rule = &sarif["runs"][0]["tool"]["driver"]["rules"]
        [result["ruleIndex"].as_u64().expect("index") as usize];
    assert_eq!(rule["name"], "missing-rapporteur");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );

    // levels from the command line and from the dataset's config file
    assert_eq!(
        lint(tmp.path(), &["--deny", "missing-rapporteur"])
            .status
            .code(),
        Some(1)
    );
    let allowed = lint(tmp.path(), &["--allow", "AL017", "--deny-warnings"]);
    assert_eq!(allowed.status.code(), Some(0));
    std::fs::write(
        tmp.path().join("alliance-lint.toml"),
        "[rules]\nmissing-rapporteur = \"deny\"\n",
    )
    .expect("write");
    assert_eq!(lint(tmp.path(), &[]).status.code(), Some(1));
    assert_eq!(
        lint(tmp.path(), &["--warn", "AL017"]).status.code(),
        Some(0),
        "flags win over the file"
    );
}

#[test]
fn bad_configuration_exits_2() {
    let out = lint(&data_dir(), &["--allow", "missing-raporteur"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `missing-rapporteur`?"));
    let out = lint(&data_dir(), &["--allow", "AL006"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_and_stats() {
    let out = bin("alliance-lint")
        .args(["--explain", "AL016"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("AL016 missing-moderator (error by default)\n\n## What it does"),
        "{text}"
    );
    for (asked, suggested) in [
        ("AL999", "did you mean `AL009` (unreadable-file)?"),
        ("al0016", "did you mean `AL016` (missing-moderator)?"),
        ("AL16", "did you mean `AL016` (missing-moderator)?"),
        (
            "missing-moderatr",
            "did you mean `AL016` (missing-moderator)?",
        ),
    ] {
        let out = bin("alliance-lint")
            .args(["--explain", asked])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).expect("utf-8");
        assert!(
            stderr.contains(&format!("unknown rule `{asked}`; {suggested}")),
            "{stderr}"
        );
    }

    let out = lint(&data_dir(), &["--stats", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stats: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(stats["recommendations"]["records"], 59);
    assert_eq!(stats["recommendations"]["fields"]["themes"]["share"], 1.0);
    let table = String::from_utf8(lint(&data_dir(), &["--stats"]).stdout).expect("utf-8");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("recommendations  addressees") && l.ends_with('%')),
        "{table}"
    );
}

/// A dataset cannot write terminal escape sequences or bidirectional controls to a
/// maintainer's terminal or a CI log: every human format shows them escaped.
#[test]
fn control_characters_are_escaped_in_every_human_format() {
    let tmp = copy_of_data();
    // an OSC 8 hyperlink, a clear-screen and a right-to-left override in a quotation (which
    // is then not verbatim, so the report's words are quoted back in a note)
    mutate(
        tmp.path(),
        PANEL_1,
        "Provision of suitable child-friendly",
        "Provision of \\u001b]8;;http://x\\u0007suitable\\u001b]8;;\\u0007 \\u001b[2J child\u{202e}friendly",
    );
    // and in a name, where the finding quotes the text
    mutate(
        tmp.path(),
        "registry/people.toml",
        "name = \"Kevin Hyland\"",
        "name = \"Kevin\\e[2J \u{202e}Hyland\"",
    );
    // a reference, which the message quotes in every format
    let dangling = copy_of_data();
    mutate(
        dangling.path(),
        PANEL_1,
        "person = \"sarah-elliott\"",
        "person = \"sarah-\\u001b[2J\u{202e}elliott\"",
    );
    for (root, formats) in [
        (&tmp, &["human", "github"][..]),
        (&dangling, &["human", "github", "markdown"][..]),
    ] {
        for format in ["human", "github", "markdown"] {
            let out = bin("alliance-lint")
                .arg(root.path())
                .args(["--format", format])
                .env("NO_COLOR", "1")
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(1), "{format}");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
                assert!(!text.contains(c), "{format} prints {c:?} raw:\n{text}");
            }
            if formats.contains(&format) {
                assert!(text.contains("\\u{1b}[2J"), "{format}:\n{text}");
                assert!(text.contains("\\u{202e}"), "{format}:\n{text}");
            }
        }
    }
    let human = String::from_utf8(lint(tmp.path(), &[]).stdout).expect("utf-8");
    assert!(
        human.contains(
            "warning[AL037]: `name` of `kevin-hyland` holds U+001B ESCAPE at character 6\n"
        ),
        "{human}"
    );
    assert!(
        human.contains("note: it also holds U+202E RIGHT-TO-LEFT OVERRIDE\n"),
        "{human}"
    );
}

/// An id with a bidirectional control is malformed, and the finding names the character.
#[test]
fn an_invisible_character_in_an_id_is_named() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        "registry/people.toml",
        "id = \"kevin-hyland\"",
        "id = \"kevin\u{202e}-hyland\"",
    );
    let out = lint(tmp.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        human.contains(
            "error[AL012]: person id `kevin\\u{202e}-hyland` is not lowercase kebab-case\n"
        ),
        "{human}"
    );
    assert!(
        human.contains("= note: `kevin\\u{202e}-hyland` holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control, which reorders the text shown around it\n"),
        "{human}"
    );
    assert!(!human.contains('\u{202e}'), "{human}");
}

#[test]
fn list_rules_in_text_and_json() {
    let out = bin("alliance-lint")
        .arg("--list-rules")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let first = text.lines().next().expect("a line");
    assert!(first.starts_with("AL001  syntax-error "), "{first}");
    assert!(
        first.ends_with("error    loader  a data file is not valid TOML"),
        "{first}"
    );
    let out = bin("alliance-lint")
        .args(["--list-rules", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let rules: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = rules.as_array().expect("array");
    assert_eq!(rules.len(), text.lines().count());
    let keys: Vec<&String> = rules[0].as_object().expect("object").keys().collect();
    assert_eq!(keys, ["code", "name", "severity", "summary"]);
    let help = bin("alliance-lint").arg("--help").output().expect("runs");
    assert!(
        String::from_utf8(help.stdout)
            .expect("utf-8")
            .contains("--list-rules")
    );
}

#[test]
fn json_and_markdown_keep_the_help() {
    let tmp = copy_of_data();
    mutate(
        tmp.path(),
        "conferences/alliance-17/sessions/02-panel-1.toml",
        "person = \"sarah-elliott\"",
        "person = \"sarah-eliott\"",
    );
    let json = lint(tmp.path(), &["--format", "json"]);
    let text = String::from_utf8(json.stdout).expect("utf-8");
    let (end, help) = (
        text.find("\"end_column\"").expect("end_column"),
        text.find("\"help\": \"did you mean `sarah-elliott`?\"")
            .expect("help"),
    );
    assert!(end < help, "help comes after the contract's fields: {text}");
    let md = lint(tmp.path(), &["--format", "markdown"]);
    let md = String::from_utf8(md.stdout).expect("utf-8");
    assert!(
        md.contains("<br>help: did you mean `sarah-elliott`?"),
        "{md}"
    );
}
