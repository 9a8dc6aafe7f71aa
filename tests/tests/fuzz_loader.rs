//! A fuzz target for the loader and the renderer: every run mutates the files of a copy of the
//! real dataset (TOML and report) with structure-aware edits (TOML tokens, dates, ids, Unicode
//! controls, huge numbers, deletions, duplications, repetitions) and loads it. The loader must
//! return, and rendering its diagnostics must not panic, whatever the bytes.
//!
//! In `cargo test` it runs for a few seconds; `ARBTEST_BUDGET_MS=600000 cargo test --release
//! -p alliance-tests --test fuzz_loader` runs it for ten minutes. A failure prints the seed to
//! replay it (`arbtest`).

use std::path::{Path, PathBuf};

use alliance_core::render::{Color, render_all};
use alliance_tests::copy_of_data;
use arbtest::arbitrary::{Result, Unstructured};

/// Tokens that make TOML and the report interesting to a parser.
const TOKENS: &[&str] = &[
    "[[",
    "]]",
    "[",
    "]",
    "{",
    "}",
    "=",
    "\"",
    "'''",
    "\"\"\"",
    "\\",
    "\\u0000",
    "\\uD800",
    ",",
    ".",
    "#",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{202e}",
    "\u{200b}",
    "\u{00ad}",
    "\u{a0}",
    "\u{1b}[2J",
    "\0",
    "1979-05-27",
    "2017-02-30",
    "2099-06-31T25:61:61Z",
    "99999999999999999999999999",
    "-0",
    "nan",
    "inf",
    "true",
    "id = \"x\"",
    "id = \"alliance-17\"",
    "person = \"nobody\"",
    "role = \"moderator\"",
    "session = \"a17-panel-1\"",
    "line = 0",
    "line = 18446744073709551615",
    "bullet = -1",
    "order = 0",
    "[[recommendation]]\n",
    "[[participant]]\n",
    "[[allow]]\n",
    "themes = []",
    "- *",
    "**",
    "## ",
    "- ",
];

fn toml_and_reports(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            toml_and_reports(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml" || e == "md") {
            out.push(path);
        }
    }
}

/// One structure-aware edit of `bytes`.
fn mutate(u: &mut Unstructured<'_>, bytes: &mut Vec<u8>) -> Result<()> {
    let at = |u: &mut Unstructured<'_>, len: usize| u.int_in_range(0..=len);
    match u.int_in_range(0..=6)? {
        0 => {
            let token = u.choose(TOKENS)?;
            let i = at(u, bytes.len())?;
            bytes.splice(i..i, token.bytes());
        }
        1 => {
            let i = at(u, bytes.len())?;
            let j = (i + u.int_in_range(0..=200)?).min(bytes.len());
            bytes.drain(i..j);
        }
        2 => {
            let i = at(u, bytes.len())?;
            let j = (i + u.int_in_range(0..=400)?).min(bytes.len());
            let copy = bytes[i..j].to_vec();
            let k = at(u, bytes.len())?;
            bytes.splice(k..k, copy);
        }
        3 => {
            if !bytes.is_empty() {
                let i = u.choose_index(bytes.len())?;
                bytes[i] = u.arbitrary()?;
            }
        }
        4 => {
            let i = at(u, bytes.len())?;
            bytes.truncate(i);
        }
        5 => {
            let token = u.choose(TOKENS)?;
            let times = u.int_in_range(1..=1_000)?;
            let i = at(u, bytes.len())?;
            bytes.splice(i..i, token.repeat(times).into_bytes());
        }
        _ => {
            let len = u.int_in_range(0..=64)?;
            let random: Vec<u8> = (0..len).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            let i = at(u, bytes.len())?;
            bytes.splice(i..i, random);
        }
    }
    Ok(())
}

/// How long to fuzz: `ARBTEST_BUDGET_MS`, or five seconds.
fn budget_ms() -> u64 {
    std::env::var("ARBTEST_BUDGET_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .unwrap_or(5_000)
}

#[test]
fn the_loader_returns_and_renders_whatever_the_files_hold() {
    let tmp = copy_of_data();
    let mut files = Vec::new();
    toml_and_reports(tmp.path(), &mut files);
    files.sort();
    assert!(files.len() > 15, "{} files", files.len());
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    arbtest::arbtest(|u| {
        // one to three files of the dataset, each edited a few times
        let mut touched = Vec::new();
        for _ in 0..u.int_in_range(1..=3)? {
            let i = u.choose_index(files.len())?;
            let mut bytes = originals[i].clone();
            for _ in 0..u.int_in_range(1..=8)? {
                mutate(u, &mut bytes)?;
            }
            std::fs::write(&files[i], &bytes).expect("write");
            touched.push(i);
        }
        let loaded = alliance_core::load(tmp.path()).expect("the dataset folder exists");
        let _ = render_all(&loaded.diagnostics, &loaded.sources, Color::Never);
        let _ = render_all(&loaded.diagnostics, &loaded.sources, Color::Always);
        for i in touched {
            std::fs::write(&files[i], &originals[i]).expect("restore");
        }
        Ok(())
    })
    .budget_ms(budget_ms())
    .run();
}
