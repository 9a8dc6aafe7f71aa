//! Whatever a file holds, the loader returns (with diagnostics) and never panics: empty,
//! truncated at many points, binary, and deeply nested files, in every file of the dataset.
//! When the file is broken, an error points at that file, and its rendering names it.

use std::path::{Path, PathBuf};

use alliance_core::render::{Color, render_all};
use alliance_core::{Loaded, Severity};
use alliance_tests::copy_of_data;

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// What a broken file must give.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    /// An error located in the file (or naming it, when it has no text to point at).
    ErrorInFile,
    /// Nothing more than not panicking (the bytes may still be a valid file).
    NoPanic,
}

/// Loads the dataset with `bytes` in place of `file`, renders every diagnostic (which must not
/// panic, whatever the spans), and when `expect` says so checks that an error points at that
/// file and that the rendered text names it.
fn load_with(root: &Path, file: &Path, bytes: &[u8], original: &[u8], expect: Expect) {
    std::fs::write(file, bytes).expect("write");
    let loaded = alliance_core::load(root).expect("loads");
    let plain = render_all(&loaded.diagnostics, &loaded.sources, Color::Never);
    let _ = render_all(&loaded.diagnostics, &loaded.sources, Color::Always);
    if expect == Expect::ErrorInFile {
        let relative = file.strip_prefix(root).expect("inside the dataset");
        assert!(
            error_in(&loaded, file),
            "no error points at {} after writing {} bytes into it:\n{plain}",
            relative.display(),
            bytes.len()
        );
        let shown = relative.to_string_lossy().replace('\\', "/");
        assert!(
            plain.contains(&shown),
            "the rendering does not name {shown}:\n{plain}"
        );
    }
    std::fs::write(file, original).expect("restore");
}

/// Whether an error-level diagnostic is located in `file` (or names it).
fn error_in(loaded: &Loaded, file: &Path) -> bool {
    loaded.diagnostics.iter().any(|d| {
        d.severity == Severity::Error
            && (d
                .location
                .as_ref()
                .is_some_and(|l| loaded.sources.get(l.file).path == file)
                || d.path.as_deref() == Some(file))
    })
}

/// Whether `bytes` is still a valid TOML document (a cut at a line end can be).
fn is_valid_toml(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| text.parse::<toml::Table>().is_ok())
}

#[test]
fn truncated_empty_and_binary_files() {
    let tmp = copy_of_data();
    let mut files = Vec::new();
    toml_files(tmp.path(), &mut files);
    files.sort();
    assert!(files.len() > 15);
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for file in &files {
        let original = std::fs::read(file).expect("read");
        load_with(tmp.path(), file, b"", &original, Expect::ErrorInFile);
        for cut in (1..original.len()).step_by((original.len() / 12).max(1)) {
            let truncated = &original[..cut];
            let expect = if is_valid_toml(truncated) {
                Expect::NoPanic
            } else {
                Expect::ErrorInFile
            };
            load_with(tmp.path(), file, truncated, &original, expect);
        }
        let garbage: Vec<u8> = (0..512).map(|_| random() as u8).collect();
        load_with(tmp.path(), file, &garbage, &original, Expect::ErrorInFile);
        // flip bytes inside the text
        let mut flipped = original.clone();
        for _ in 0..8 {
            let i = (random() as usize) % flipped.len();
            flipped[i] = random() as u8;
        }
        let expect = if is_valid_toml(&flipped) {
            Expect::NoPanic
        } else {
            Expect::ErrorInFile
        };
        load_with(tmp.path(), file, &flipped, &original, expect);
    }
}

#[test]
fn deeply_nested_values() {
    let tmp = copy_of_data();
    let file = tmp.path().join("registry/instruments.toml");
    let original = std::fs::read(&file).expect("read");
    let depth = 100_000;
    let arrays = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let tables = format!("x = {}{}\n", "{ a = ".repeat(depth), "}".repeat(depth));
    let dotted = format!("{} = 1\n", vec!["a"; depth].join("."));
    let headers = format!("[{}]\n", vec!["a"; depth].join("."));
    for text in [arrays, tables, dotted, headers] {
        load_with(
            tmp.path(),
            &file,
            text.as_bytes(),
            &original,
            Expect::ErrorInFile,
        );
    }
}
