//! Helpers for the end-to-end tests: where the workspace and its binaries are, copies of the
//! real dataset to mutate, and path scrubbing for snapshots.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}

/// The real dataset folder.
pub fn data_dir() -> PathBuf {
    workspace_root().join("data")
}

/// A command for one of the workspace's binaries, built on first use with the same cargo and
/// profile as the tests.
pub fn bin(name: &str) -> Command {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .current_dir(workspace_root())
            .args([
                "build",
                "--quiet",
                "-p",
                "alliance-lint",
                "-p",
                "alliance-export",
                "-p",
                "alliance-brief",
                "-p",
                "alliance-diff",
                "-p",
                "alliance-import",
                "--bins",
            ])
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the binaries failed");
    });
    // target/<profile>/deps/<test binary> -> target/<profile>/<name>
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let mut cmd = Command::new(dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX)));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A fresh copy of the real dataset in a temporary folder, to mutate.
pub fn copy_of_data() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&data_dir(), tmp.path());
    tmp
}

/// A dataset with the real vocabularies and schemas, empty registries and no conference.
pub fn empty_dataset() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path();
    for dir in ["vocabularies", "schemas"] {
        std::fs::create_dir_all(root.join(dir)).expect("folder");
        for entry in std::fs::read_dir(data_dir().join(dir)).expect("read") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).expect("copy");
        }
    }
    std::fs::copy(data_dir().join("dataset.toml"), root.join("dataset.toml")).expect("copy");
    std::fs::create_dir_all(root.join("registry")).expect("registry");
    std::fs::create_dir_all(root.join("conferences")).expect("conferences");
    for (file, schema) in [
        ("people", "people"),
        ("organizations", "organizations"),
        ("instruments", "instruments"),
    ] {
        std::fs::write(
            root.join(format!("registry/{file}.toml")),
            format!("#:schema ../schemas/{schema}.schema.json\n"),
        )
        .expect("registry file");
    }
    tmp
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Replaces the first occurrence of `from` in a file of a dataset copy; panics when absent,
/// so a mutation that no longer applies fails loudly instead of testing nothing.
pub fn mutate(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).expect("read file to mutate");
    assert!(text.contains(from), "{file} no longer contains {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write mutated file");
}

/// Replaces a temporary folder's path with `data` so snapshots do not depend on it.
pub fn scrub(text: &str, root: &Path) -> String {
    text.replace(&root.display().to_string(), "data")
}

/// Output bytes as text, invalid UTF-8 replaced.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts a process's exit code, showing its stdout and stderr when it differs.
#[track_caller]
pub fn assert_code(out: &std::process::Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// The write end of a pipe whose reader is already gone (`... | true`): every write the child
/// makes fails with a broken pipe, whenever it makes it.
pub fn closed_pipe() -> std::process::Stdio {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    writer.into()
}

/// Copies of the real dataset that export and brief must refuse, each with the line their
/// stderr must hold: a paraphrased quotation (AL014), and the last bullet of Panel 1 held by
/// no recommendation (AL045).
fn unfaithful_copies() -> Vec<(tempfile::TempDir, &'static str)> {
    let paraphrase = copy_of_data();
    mutate(
        paraphrase.path(),
        "conferences/alliance-17/sessions/04-thematic-1.toml",
        "Youth policies have to be",
        "Youth policies must be",
    );
    let dropped = copy_of_data();
    let path = dropped
        .path()
        .join("conferences/alliance-17/sessions/02-panel-1.toml");
    let text = std::fs::read_to_string(&path).expect("read");
    let at = text
        .find("[[recommendation]]\nid = \"a17-panel-1-r12\"")
        .expect("r12");
    std::fs::write(&path, &text[..at]).expect("write");
    vec![
        (
            paraphrase,
            "error[AL014]: recommendation text is not verbatim in the report",
        ),
        (
            dropped,
            "error[AL045]: bullet 12 of `Panel 1: Human Trafficking Threats for Children in Crisis` is held by no recommendation",
        ),
    ]
}

/// `tool DATA --out OUT` on each of the unfaithful copies (`unfaithful_copies`) into a folder holding a file of the
/// user's: exit 1, lint's finding on stderr, and nothing written.
pub fn assert_refuses_unfaithful_data(tool: &str) {
    for (data, expected) in unfaithful_copies() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        std::fs::create_dir(&out).expect("mkdir");
        std::fs::write(out.join("keep.txt"), "a file of the user's").expect("write");
        let run = bin(tool)
            .arg(data.path())
            .arg("--out")
            .arg(&out)
            .output()
            .expect("runs");
        assert_code(&run, 1);
        let stderr = text(&run.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(stderr.contains("1 error, 0 warnings"), "{stderr}");
        let left: Vec<String> = std::fs::read_dir(&out)
            .expect("output folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["keep.txt"], "nothing written");
    }
}
