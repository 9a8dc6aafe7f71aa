//! Tests of the loader as a whole: results that do not depend on scheduling, and files that
//! are not regular files.

use std::path::{Path, PathBuf};

use super::{Loaded, load};

/// The real dataset in the repository.
fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// Copies a folder recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A copy of the real dataset in a temporary folder.
fn dataset_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&data(), dir.path());
    dir
}

/// What a load gives, in a form to compare: the dataset, the diagnostics and every file's path
/// by file id.
fn outcome(loaded: &Loaded) -> impl PartialEq + std::fmt::Debug {
    let paths: Vec<PathBuf> = loaded.sources.iter().map(|(_, f)| f.path.clone()).collect();
    (
        loaded.dataset.clone(),
        loaded.diagnostics.clone(),
        paths,
        loaded.reports.clone(),
    )
}

fn load_on_threads(root: &Path, threads: usize) -> Loaded {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(|| load(root))
        .expect("the dataset folder exists")
}

/// Several conference folders, all copies of one, so that every id of a conference is defined
/// again in each later folder: which definition is first, and so every duplicate-id note,
/// depends on resolving the folders in order. One copy has a broken session.
#[test]
fn results_do_not_depend_on_threads() {
    let dir = dataset_copy();
    let conferences = dir.path().join("conferences");
    for copy in [
        "alliance-17-b",
        "alliance-17-c",
        "alliance-17-d",
        "alliance-17-e",
    ] {
        copy_dir(&conferences.join("alliance-17"), &conferences.join(copy));
    }
    std::fs::write(
        conferences.join("alliance-17-c/sessions/02-panel-1.toml"),
        "id = \"a17-panel-1\"\nkind = [",
    )
    .expect("write session");

    // from outside any pool, as the binaries load
    let reference = load(dir.path()).expect("the dataset folder exists");
    assert!(reference.has_errors());
    assert!(
        reference.diagnostics.len() > 100,
        "{}",
        reference.diagnostics.len()
    );
    // from inside a pool: one thread runs the jobs it queued itself while it waits
    for threads in [1, 2, 5] {
        let loaded = load_on_threads(dir.path(), threads);
        assert_eq!(outcome(&loaded), outcome(&reference), "{threads} threads");
    }
}

/// Loads on another thread, failing the test if the load has not returned within 30 seconds
/// (the thread is left blocked then).
#[cfg(unix)]
fn load_promptly(root: &Path) -> Loaded {
    let (sender, received) = std::sync::mpsc::channel();
    let root = root.to_owned();
    std::thread::spawn(move || {
        let _ = sender.send(load(&root));
    });
    received
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the load returns instead of blocking")
        .expect("the dataset folder exists")
}

/// The diagnostics about one path, as `code: message`.
fn about(loaded: &Loaded, path: &Path) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.file_path(&loaded.sources) == Some(path) || d.path.as_deref() == Some(path))
        .map(|d| format!("{}: {}", d.code.code, d.message))
        .collect()
}

/// A FIFO, a socket, a device or a symbolic link to a FIFO where a data file or a report should be is
/// reported (AL009) without being opened, rather than blocking the load for ever; a symbolic
/// link to a regular file is read as before.
#[cfg(unix)]
#[test]
fn special_files_are_reported_not_opened() {
    let dir = dataset_copy();
    let root = dir.path();
    let mkfifo = |path: &Path| {
        std::fs::remove_file(path).expect("remove file");
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .expect("run mkfifo");
        assert!(status.success(), "mkfifo {}", path.display());
    };
    let sessions = root.join("conferences/alliance-17/sessions");
    let fifo = sessions.join("03-panel-2.toml");
    mkfifo(&fifo);
    let socket = root.join("registry/instruments.toml");
    std::fs::remove_file(&socket).expect("remove file");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind socket");
    let device = root.join("registry/organizations.toml");
    std::fs::remove_file(&device).expect("remove file");
    std::os::unix::fs::symlink("/dev/null", &device).expect("link to a device");
    // the report, a link to a FIFO
    let report = root.join("conferences/alliance-17/report.md");
    let report_fifo = root.join("report-fifo");
    std::fs::rename(&report, root.join("report-saved.md")).expect("move report");
    std::process::Command::new("mkfifo")
        .arg(&report_fifo)
        .status()
        .expect("run mkfifo");
    std::os::unix::fs::symlink(&report_fifo, &report).expect("link report");
    // a session, a link to a regular file
    let linked = sessions.join("04-thematic-1.toml");
    std::fs::rename(&linked, root.join("thematic-1.toml")).expect("move session");
    std::os::unix::fs::symlink(root.join("thematic-1.toml"), &linked).expect("link session");

    let loaded = load_promptly(root);
    assert_eq!(
        about(&loaded, &fifo),
        [format!(
            "AL009: `{}` is not a regular file (a FIFO); expected a TOML file",
            fifo.display()
        )]
    );
    assert_eq!(
        about(&loaded, &socket),
        [format!(
            "AL009: `{}` is not a regular file (a socket); expected a TOML file",
            socket.display()
        )]
    );
    assert_eq!(
        about(&loaded, &device),
        [format!(
            "AL009: `{}` is not a regular file (a device); expected a TOML file",
            device.display()
        )]
    );
    // reported where conference.toml names it
    let conference = root.join("conferences/alliance-17/conference.toml");
    assert_eq!(
        about(&loaded, &conference),
        [format!(
            "AL009: `{}` is not a regular file (a FIFO); expected a text file",
            report.display()
        )]
    );
    assert!(about(&loaded, &linked).is_empty());
    assert!(
        loaded
            .dataset
            .sessions
            .iter()
            .any(|s| s.id == "a17-thematic-1")
    );
    // nothing else: references to instruments and organizations are not checked, and the
    // sessions are not checked against a report that could not be read
    assert_eq!(loaded.diagnostics.len(), 4, "{:#?}", loaded.diagnostics);
}
