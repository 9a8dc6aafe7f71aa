//! The architecture's rules as a test, in the spirit of rust-analyzer's `xtask/src/tidy.rs`:
//! each invariant of ARCHITECTURE.md that a file can break is checked here, on the repository
//! and (so that the check itself is known to work) on a small synthetic tree with each kind
//! of drift planted in it.
//!
//! - no Rust file over 700 lines and no function over 120, but those listed with their reason
//!   under "Exceptions";
//! - no thread spawned outside rayon, but where "Exceptions" says why;
//! - no file renamed into place, and no temporary name made up, outside the staging module
//!   (`alliance-cli/src/staged/`);
//! - no dependency between the workspace's crates that "Allowed dependencies" does not list;
//! - no diagnostic code (`"AL001"`) written outside its one table, `alliance_core::codes`;
//! - no link in a Markdown file that points outside the repository or to nothing, and no
//!   relative path in any file that climbs out of it (a clone has nothing beside it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use alliance_tests::workspace_root;

const MAX_FILE_LINES: usize = 700;
const MAX_FN_LINES: usize = 120;
/// Where files are staged, renamed into place and given temporary names.
const STAGING: &str = "crates/alliance-cli/src/staged/";
/// The one table of codes.
const CODES_TABLE: &str = "crates/alliance-core/src/diagnostic.rs";

/// What ARCHITECTURE.md allows: its "Exceptions" and "Allowed dependencies" tables.
#[derive(Debug, Default)]
struct Allowed {
    /// Paths of files allowed over the line limit.
    long_files: BTreeSet<String>,
    /// `path::function` allowed over the line limit.
    long_functions: BTreeSet<String>,
    /// Paths of files that may start a thread.
    threads: BTreeSet<String>,
    /// Each crate and the workspace crates it may depend on.
    edges: BTreeMap<String, BTreeSet<String>>,
}

/// The rows of the Markdown table under the heading `heading` (cells trimmed).
fn table_rows(text: &str, heading: &str) -> Vec<Vec<String>> {
    let Some(start) = text.lines().position(|l| l.trim() == heading) else {
        return Vec::new();
    };
    text.lines()
        .skip(start + 1)
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // the header and its rule
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

/// The text between backticks in a cell (`crates/x.rs`), or the cell.
fn ticked(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = cell.split('`').collect();
    if parts.len() < 3 {
        return vec![cell.to_owned()];
    }
    parts
        .iter()
        .skip(1)
        .step_by(2)
        .map(|s| (*s).to_owned())
        .collect()
}

fn allowed(root: &Path) -> Allowed {
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
    let mut allowed = Allowed::default();
    for row in table_rows(&text, "## Exceptions") {
        let [what, wheres, why] = row.as_slice() else {
            continue;
        };
        if why.is_empty() {
            continue; // an exception without its reason is none
        }
        let set = match what.as_str() {
            "long file" => &mut allowed.long_files,
            "long function" => &mut allowed.long_functions,
            "thread" => &mut allowed.threads,
            _ => continue,
        };
        set.extend(ticked(wheres));
    }
    for row in table_rows(&text, "## Allowed dependencies") {
        if let [krate, on, ..] = row.as_slice() {
            let on = ticked(on)
                .into_iter()
                .filter(|c| c.starts_with("alliance-"));
            allowed.edges.insert(ticked(krate).concat(), on.collect());
        }
    }
    allowed
}

/// Every file below `root` with one of `extensions`, as a path relative to `root` with `/`,
/// build output and hidden folders aside.
fn files(root: &Path, extensions: &[&str]) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, extensions: &[&str], out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !(name.starts_with('.')
                    || ["target", "out", "node_modules"].contains(&name.as_str()))
                {
                    walk(root, &path, extensions, out);
                }
            } else if extensions.iter().any(|e| name.ends_with(e)) {
                let rel = path.strip_prefix(root).expect("inside");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, extensions, &mut out);
    out.sort();
    out
}

/// Whether `path` holds tests only (a test file, or a crate's `tests/`).
fn is_test_file(path: &str) -> bool {
    path.starts_with("tests/")
        || path.contains("/tests/")
        || path.ends_with("/tests.rs")
        || path.contains("/benches/")
        || path.contains("/examples/")
}

/// The library code of a Rust file: what comes before its first `#[cfg(test)]` at the left
/// margin (the project keeps test modules last).
fn library_code(text: &str) -> &str {
    match text.find("\n#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The functions of a rustfmt-formatted file: name, first line (1-based) and length in lines
/// from the `fn` line to its closing brace.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let Some(at) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..at];
        let prefix_ok = before.split_whitespace().all(|w| {
            ["pub", "const", "async", "unsafe", "extern"].contains(&w) || w.starts_with("pub(")
        });
        if !prefix_ok || trimmed.starts_with("//") {
            continue;
        }
        let name: String = trimmed[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        // the body opens on the signature's last line; a `;` first is a declaration
        let Some(open) = lines[i..]
            .iter()
            .position(|l| l.trim_end().ends_with('{') || l.trim_end().ends_with(';'))
        else {
            continue;
        };
        if lines[i + open].trim_end().ends_with(';') {
            continue;
        }
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i + open..].iter().position(|l| l.trim_end() == close) {
            out.push((name, i + 1, open + end + 1));
        }
    }
    out
}

fn check_sizes(root: &Path, allowed: &Allowed, problems: &mut Vec<String>) {
    for path in files(root, &[".rs"]) {
        let text = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES && !allowed.long_files.contains(&path) {
            problems.push(format!(
                "{path}: {lines} lines, over {MAX_FILE_LINES}: split it, or list it under Exceptions with the reason"
            ));
        }
        for (name, line, length) in functions(&text) {
            let key = format!("{path}::{name}");
            if length > MAX_FN_LINES && !allowed.long_functions.contains(&key) {
                problems.push(format!(
                    "{path}:{line}: fn {name} is {length} lines, over {MAX_FN_LINES}: split it, or list `{key}` under Exceptions with the reason"
                ));
            }
        }
    }
}

/// Threads, renames and temporary names in the library code of the crates.
fn check_library_code(root: &Path, allowed: &Allowed, problems: &mut Vec<String>) {
    for path in files(&root.join("crates"), &[".rs"]) {
        let path = format!("crates/{path}");
        if is_test_file(&path) {
            continue;
        }
        let text = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        let code = library_code(&text);
        let has = |needle: &str| {
            code.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim_start().starts_with("//"))
                .find(|(_, l)| l.contains(needle))
                .map(|(i, _)| i + 1)
        };
        for spawn in ["thread::spawn", "thread::scope", "thread::Builder"] {
            if let Some(line) = has(spawn)
                && !allowed.threads.contains(&path)
            {
                problems.push(format!(
                    "{path}:{line}: `{spawn}`: the one parallel mechanism is rayon (or list the file under Exceptions with the reason)"
                ));
            }
        }
        if !path.starts_with(STAGING) {
            for needle in ["fs::rename", ".tmp\"", "process::id()"] {
                if let Some(line) = has(needle) {
                    problems.push(format!(
                        "{path}:{line}: `{needle}`: files are put in place, and temporary names made, only by the staging module ({STAGING})"
                    ));
                }
            }
        }
        if path != CODES_TABLE
            && let Some(line) = code
                .lines()
                .position(|l| has_code_literal(l) && !l.trim_start().starts_with("//"))
        {
            problems.push(format!(
                "{path}:{}: a diagnostic code is written here; codes are written only in {CODES_TABLE}",
                line + 1
            ));
        }
    }
}

/// Whether a line holds a string literal that is a code: `"AL` and three digits and `"`.
fn has_code_literal(line: &str) -> bool {
    line.match_indices("\"AL").any(|(at, _)| {
        let rest = &line.as_bytes()[at + 3..];
        rest.len() >= 4 && rest[..3].iter().all(u8::is_ascii_digit) && rest[3] == b'"'
    })
}

/// The workspace crates each crate depends on (normal dependencies, not dev- or build-).
fn check_edges(root: &Path, allowed: &Allowed, problems: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(root.join("crates")) else {
        return;
    };
    let mut crates: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    crates.sort();
    for dir in crates {
        let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
            continue;
        };
        let Ok(manifest) = manifest.parse::<toml::Table>() else {
            problems.push(format!("{}: not TOML", dir.display()));
            continue;
        };
        let name = manifest
            .get("package")
            .and_then(|p| p.get("name"))
            .and_then(|n| n.as_str())
            .unwrap_or_default()
            .to_owned();
        let may = allowed.edges.get(&name);
        let mut deps: Vec<&String> = Vec::new();
        if let Some(table) = manifest.get("dependencies").and_then(|d| d.as_table()) {
            deps.extend(table.keys());
        }
        for dep in deps.into_iter().filter(|d| d.starts_with("alliance-")) {
            if !may.is_some_and(|m| m.contains(dep)) {
                problems.push(format!(
                    "crates/{}/Cargo.toml: `{name}` depends on `{dep}`, which Allowed dependencies does not list (binaries → libraries → core; the plumbing knows no domain)",
                    dir.file_name().unwrap_or_default().to_string_lossy()
                ));
            }
        }
    }
}

/// `path` with `.` and `..` taken away, lexically; `None` when it climbs above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            Component::Normal(p) => out.push(p),
            _ => return None,
        }
    }
    Some(out)
}

/// The relative paths written in a line (`../x/y`, in quotes, backticks or after a space;
/// Markdown links are [`check_links`]'s): each as it is written.
fn relative_paths(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices("../").filter_map(move |(at, _)| {
        let before = line[..at].chars().next_back();
        let starts = before.is_none_or(|c| c.is_whitespace() || "\"'`=".contains(c));
        let path = line[at..]
            .split(|c: char| c.is_whitespace() || "\"'`),;".contains(c))
            .next()?;
        starts.then_some(path)
    })
}

fn check_links(root: &Path, problems: &mut Vec<String>) {
    for path in files(root, &[".md", ".rs", ".toml", ".yml", ".yaml", ".cff"]) {
        let text = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        let dir = Path::new(&path).parent().unwrap_or(Path::new(""));
        for (n, line) in text.lines().enumerate() {
            for written in relative_paths(line) {
                if normalize(&dir.join(written)).is_none() {
                    problems.push(format!(
                        "{path}:{}: `{written}` points outside the repository, which a clone does not have beside it",
                        n + 1
                    ));
                }
            }
        }
        if !path.ends_with(".md") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("](") {
                let target: String = line[at + 2..].chars().take_while(|c| *c != ')').collect();
                let target = target.split_whitespace().next().unwrap_or("");
                let target = target.split('#').next().unwrap_or("");
                if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let inside = normalize(&dir.join(target));
                let ok = inside.as_ref().is_some_and(|p| root.join(p).exists());
                if !ok {
                    problems.push(format!(
                        "{path}:{}: the link `{target}` points {}",
                        n + 1,
                        if inside.is_none() {
                            "outside the repository"
                        } else {
                            "to nothing"
                        }
                    ));
                }
            }
        }
    }
}

/// Every rule broken in the tree at `root`.
fn tidy(root: &Path) -> Vec<String> {
    let allowed = allowed(root);
    let mut problems = Vec::new();
    check_sizes(root, &allowed, &mut problems);
    check_library_code(root, &allowed, &mut problems);
    check_edges(root, &allowed, &mut problems);
    check_links(root, &mut problems);
    problems
}

#[test]
fn the_repository_is_tidy() {
    let problems = tidy(&workspace_root());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_tidy_test_finds_each_kind_of_drift() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    write(
        "ARCHITECTURE.md",
        "# A\n\n## Exceptions\n\n| what | where | why |\n|---|---|---|\n\
         | long file | `crates/a/src/listed.rs` | a reason |\n\
         | long file | `crates/a/src/unreasoned.rs` | |\n\
         | thread | `crates/a/src/git.rs` | a pipe each way |\n\n\
         ## Allowed dependencies\n\n| crate | depends on |\n|---|---|\n\
         | `alliance-a` | `alliance-core` |\n| `alliance-core` | |\n\n\
         [fine](crates/a/src/lib.rs) [outside](../elsewhere/x.md) [dangling](docs/none.md) \
         [web](https://example.org/x)\n",
    );
    let long = "// a line\n".repeat(MAX_FILE_LINES + 1);
    write("crates/a/src/listed.rs", &long);
    write("crates/a/src/unreasoned.rs", &long);
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    write(
        "crates/a/src/lib.rs",
        &format!(
            "pub fn short() {{\n}}\n\npub(crate) fn long(\n    a: u8,\n) -> u8 {{\n{body}    a\n}}\n\n\
             fn spawns() {{\n    std::thread::spawn(|| ());\n}}\n\
             fn renames() {{\n    let _ = std::fs::rename(\"a\", \"b\");\n}}\n\
             fn names() -> String {{\n    format!(\".x.{{}}.tmp\", std::process::id())\n}}\n\
             const CODE: &str = \"AL014\";\n// \"AL015\" in a comment is fine\n\
             #[cfg(test)]\nmod tests {{\n    const C: &str = \"AL016\";\n}}\n"
        ),
    );
    write(
        "crates/a/src/git.rs",
        "fn feed() {\n    std::thread::spawn(|| ());\n}\n",
    );
    write(
        "crates/a/Cargo.toml",
        "[package]\nname = \"alliance-a\"\n\n[dependencies]\nalliance-core = { path = \"../core\" }\nalliance-b = { path = \"../b\" }\n\n[dev-dependencies]\nalliance-c = { path = \"../c\" }\n",
    );
    write(
        "crates/core/Cargo.toml",
        "[package]\nname = \"alliance-core\"\n",
    );
    write(
        "docs/notes.md",
        "see `../../notes/PRODUCT.md` and crates/a/../../docs/notes.md\n",
    );

    let problems = tidy(root);
    let expect = [
        "crates/a/src/unreasoned.rs: 701 lines, over 700",
        "crates/a/src/lib.rs:4: fn long is 125 lines, over 120",
        "crates/a/src/lib.rs:131: `thread::spawn`",
        "crates/a/src/lib.rs:134: `fs::rename`",
        "crates/a/src/lib.rs:137: `.tmp\"`",
        "crates/a/src/lib.rs:137: `process::id()`",
        "crates/a/src/lib.rs:139: a diagnostic code is written here",
        "`alliance-a` depends on `alliance-b`",
        "ARCHITECTURE.md:18: the link `../elsewhere/x.md` points outside the repository",
        "ARCHITECTURE.md:18: the link `docs/none.md` points to nothing",
        "docs/notes.md:1: `../../notes/PRODUCT.md` points outside the repository",
    ];
    for e in expect {
        assert!(
            problems.iter().any(|p| p.starts_with(e) || p.contains(e)),
            "not found: {e}\nin:\n{}",
            problems.join("\n")
        );
    }
    assert_eq!(problems.len(), expect.len(), "\n{}", problems.join("\n"));
}
