use super::journal::{HEADER_V1, HEADER_V2};
use super::*;

fn listing(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    walk(dir, dir, &mut names);
    names.sort();
    names
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        let rel = path.strip_prefix(root).expect("inside");
        out.push(rel.to_string_lossy().replace('\\', "/"));
        if path.is_dir() && !path.is_symlink() {
            walk(root, &path, out);
        }
    }
}

fn stage(out: &Path, files: &[(&str, &str)]) -> anyhow::Result<()> {
    let staging = Staging::new(out, false)?;
    for (path, text) in files {
        staging.write(Path::new(path), text.as_bytes())?;
    }
    staging.commit()
}

#[test]
fn a_new_folder_appears_whole_and_nothing_is_left_beside_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "a"), ("csv/b.csv", "b")]).expect("writes");
    assert_eq!(
        listing(tmp.path()),
        ["out", "out/a.json", "out/csv", "out/csv/b.csv"]
    );
    assert_eq!(std::fs::read(out.join("csv/b.csv")).expect("read"), b"b");
}

#[test]
fn a_folder_with_files_is_updated_and_its_other_files_kept() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "old"), ("csv/b.csv", "old")]).expect("writes");
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    stage(&out, &[("a.json", "new"), ("csv/b.csv", "new")]).expect("writes");
    assert_eq!(
        listing(&out),
        ["a.json", "csv", "csv/b.csv", "notes.txt"],
        "no staging folder or journal is left"
    );
    assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"new");
    assert_eq!(std::fs::read(out.join("notes.txt")).expect("read"), b"mine");
}

#[test]
fn a_failure_part_way_leaves_the_previous_files_and_no_temporary_file() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "old a"), ("csv/b.csv", "old b")]).expect("writes");
    // the third file cannot be written: a folder is in its way
    std::fs::create_dir(out.join("csv/c.csv")).expect("mkdir");
    let err = stage(
        &out,
        &[
            ("a.json", "new a"),
            ("csv/b.csv", "new b"),
            ("csv/c.csv", "c"),
        ],
    )
    .expect_err("fails");
    assert!(format!("{err:#}").contains("c.csv"), "{err:#}");
    assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"old a");
    assert_eq!(listing(&out), ["a.json", "csv", "csv/b.csv", "csv/c.csv"]);
}

#[test]
fn a_path_outside_the_output_folder_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let staging = Staging::new(&tmp.path().join("out"), false).expect("staging");
    for bad in ["../escape.txt", "/etc/passwd", ""] {
        let err = staging.create(Path::new(bad)).expect_err(bad);
        assert!(format!("{err:#}").contains("not a plain path"), "{err:#}");
    }
}

#[cfg(unix)]
#[test]
fn a_link_at_the_old_predictable_temporary_name_is_not_followed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("alliance.json", "old")]).expect("writes");
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "precious").expect("write");
    // the name every earlier version wrote its temporary file under
    let planted = out.join(format!(".alliance.json.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
    stage(&out, &[("alliance.json", "new")]).expect("writes");
    assert_eq!(std::fs::read(&victim).expect("read"), b"precious");
    let meta = std::fs::symlink_metadata(out.join("alliance.json")).expect("meta");
    assert!(meta.is_file(), "the output is a file, not a link");
    assert_eq!(
        std::fs::read(out.join("alliance.json")).expect("read"),
        b"new"
    );
}

#[test]
fn a_file_another_program_writes_is_committed_with_the_set() {
    let tmp = tempfile::tempdir().expect("temp dir");
    for existing in [false, true] {
        let out = tmp.path().join(format!("out-{existing}"));
        if existing {
            stage(&out, &[("old.txt", "old")]).expect("writes");
        }
        let staging = Staging::new(&out, false).expect("staging");
        staging
            .write(Path::new("a/page.html"), b"page")
            .expect("writes");
        let html = staging
            .staged_path(Path::new("a/page.html"))
            .expect("staged");
        assert_eq!(std::fs::read(&html).expect("read"), b"page");
        assert_eq!(staging.staged_path(Path::new("a/other.html")), None);
        let pdf = staging.external(Path::new("a/page.pdf")).expect("path");
        assert!(
            !out.join("a").exists(),
            "nothing is in place before the commit"
        );
        assert!(staging.external(Path::new("a/page.pdf")).is_err(), "twice");
        assert!(staging.external(Path::new("../escape.pdf")).is_err());
        // the other program writes it
        std::fs::write(&pdf, "pdf").expect("write");
        staging.commit().expect("commits");
        assert_eq!(std::fs::read(out.join("a/page.pdf")).expect("read"), b"pdf");
        assert_eq!(
            std::fs::read(out.join("a/page.html")).expect("read"),
            b"page"
        );
    }
    assert_eq!(
        listing(&tmp.path().join("out-true")),
        ["a", "a/page.html", "a/page.pdf", "old.txt"]
    );
}

#[test]
fn a_file_another_program_did_not_write_fails_the_commit_and_nothing_is_put_in_place() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("page.html", "old")]).expect("writes");
    let staging = Staging::new(&out, false).expect("staging");
    staging
        .write(Path::new("page.html"), b"new")
        .expect("writes");
    staging.external(Path::new("page.pdf")).expect("path");
    let err = staging.commit().expect_err("no PDF");
    assert!(format!("{err:#}").contains("was not made"), "{err:#}");
    assert_eq!(listing(&out), ["page.html"]);
    assert_eq!(std::fs::read(out.join("page.html")).expect("read"), b"old");
}

#[test]
fn staging_names_cannot_be_predicted() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join("keep"), "x").expect("write");
    let one = Staging::new(&out, false).expect("staging");
    let first = one.scratch_dir().to_path_buf();
    drop(one);
    let two = Staging::new(&out, false).expect("staging");
    assert_ne!(first, two.scratch_dir());
    assert!(!first.exists(), "a dropped staging removes its folder");
}

#[test]
fn an_interrupted_commit_is_completed_by_the_next_run() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "old"), ("csv/b.csv", "old")]).expect("writes");
    // what a run killed after its first rename leaves: the journal, one file moved
    let staged = out.join(".alliance-staging-killed");
    std::fs::create_dir_all(staged.join("csv")).expect("mkdir");
    std::fs::write(staged.join("csv/b.csv"), "new").expect("write");
    std::fs::write(out.join("a.json"), "new").expect("write");
    std::fs::write(
        out.join(JOURNAL),
        format!("{HEADER_V2}\n.alliance-staging-killed\n+ a.json\n+ csv/b.csv\n"),
    )
    .expect("journal");
    // and a staging folder of a run killed before it committed
    std::fs::create_dir(out.join(".alliance-staging-older")).expect("mkdir");
    drop(Staging::new(&out, false).expect("staging"));
    assert_eq!(std::fs::read(out.join("csv/b.csv")).expect("read"), b"new");
    assert_eq!(listing(&out), ["a.json", "csv", "csv/b.csv"]);
}

#[test]
fn a_journal_of_the_first_version_is_completed_too() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "old")]).expect("writes");
    let staged = out.join(".alliance-staging-killed");
    std::fs::create_dir_all(&staged).expect("mkdir");
    std::fs::write(staged.join("a.json"), "new").expect("write");
    std::fs::write(
        out.join(JOURNAL),
        format!("{HEADER_V1}\n.alliance-staging-killed\na.json\n"),
    )
    .expect("journal");
    drop(Staging::new(&out, false).expect("staging"));
    assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"new");
    assert_eq!(listing(&out), ["a.json"]);
}

#[test]
fn removals_happen_with_the_commit_and_after_an_interrupted_one() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(
        &out,
        &[
            ("keep.txt", "old"),
            ("s/01.toml", "old"),
            ("s/02.toml", "old"),
        ],
    )
    .expect("writes");
    let staging = Staging::new(&out, false).expect("staging");
    staging
        .write(Path::new("s/01.toml"), b"new")
        .expect("write");
    staging.remove(Path::new("s/02.toml")).expect("remove");
    staging
        .remove(Path::new("s/gone.toml"))
        .expect("a missing file is no error");
    assert!(staging.remove(Path::new("../outside")).is_err());
    assert!(
        out.join("s/02.toml").exists(),
        "nothing removed before the commit"
    );
    staging.commit().expect("commit");
    assert_eq!(listing(&out), ["keep.txt", "s", "s/01.toml"]);
    // a run killed after its renames, before its removals
    let staged = out.join(".alliance-staging-killed");
    std::fs::create_dir_all(&staged).expect("mkdir");
    std::fs::write(out.join("s/03.toml"), "old").expect("write");
    std::fs::write(
        out.join(JOURNAL),
        format!("{HEADER_V2}\n.alliance-staging-killed\n+ s/01.toml\n- s/03.toml\n"),
    )
    .expect("journal");
    drop(Staging::new(&out, false).expect("staging"));
    assert_eq!(listing(&out), ["keep.txt", "s", "s/01.toml"]);
}

#[test]
fn a_foreign_journal_is_not_acted_on() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    std::fs::write(out.join(JOURNAL), "something else\n../../etc\npasswd\n").expect("write");
    let err = Staging::new(&out, false).expect_err("refused");
    assert!(format!("{err:#}").contains("not a journal"), "{err:#}");
}

#[test]
fn an_output_folder_inside_the_dataset_or_around_it_is_refused() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(data.join("conferences")).expect("mkdir");
    let inside = refuse_overlap(&data, &data.join("conferences/new/out")).expect_err("inside");
    assert!(
        format!("{inside:#}").contains("inside the dataset"),
        "{inside:#}"
    );
    let around = refuse_overlap(&data, tmp.path()).expect_err("around");
    assert!(
        format!("{around:#}").contains("inside the output folder"),
        "{around:#}"
    );
    refuse_overlap(&data, &tmp.path().join("out")).expect("beside is fine");
}

/// What a run killed inside its commit leaves in `out`: its staging folder `name` holding
/// `staged` files, and a journal (of the current version, with the folder's real identity)
/// listing `lines` after its header.
fn killed_commit(out: &Path, name: &str, staged: &[(&str, &str)], lines: &str) {
    let root = out.join(name);
    std::fs::create_dir_all(&root).expect("mkdir");
    for (path, text) in staged {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let identity = Folder::open(&root)
        .and_then(|f| f.identity())
        .expect("identity");
    let mut journal = Journal {
        staged: name.to_owned(),
        identity,
        ..Journal::default()
    }
    .render();
    journal.push_str(lines);
    std::fs::write(out.join(JOURNAL), journal).expect("journal");
}

#[test]
fn a_journal_of_this_version_is_completed_with_its_removals() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("out");
    stage(&out, &[("a.json", "old"), ("s/gone.toml", "old")]).expect("writes");
    killed_commit(
        &out,
        ".alliance-staging-killed",
        &[("s/new.toml", "new")],
        "+ a.json\n+ s/new.toml\n- s/gone.toml\n",
    );
    std::fs::write(out.join("a.json"), "new").expect("moved before the kill");
    assert_eq!(
        recover(&out).expect("completes"),
        Some(vec![PathBuf::from("a.json"), PathBuf::from("s/new.toml")])
    );
    assert_eq!(listing(&out), ["a.json", "s", "s/new.toml"]);
    assert_eq!(recover(&out).expect("nothing left"), None);
}

#[cfg(unix)]
mod links {
    //! Journals and folders with links planted in them: nothing outside the output folder is
    //! ever written, moved or removed, and a journal that would is refused and left alone.

    use std::os::unix::fs::symlink;

    use super::*;

    /// A temporary folder with `out/` (an earlier run's files in it) and `outside/` beside
    /// it, holding `precious.txt` and `victim.txt`.
    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("a.json", "old")]).expect("writes");
        let outside = tmp.path().join("outside");
        std::fs::create_dir(&outside).expect("mkdir");
        std::fs::write(outside.join("precious.txt"), "precious").expect("write");
        std::fs::write(outside.join("victim.txt"), "victim").expect("write");
        (tmp, out, outside)
    }

    fn outside_is_untouched(outside: &Path) {
        assert_eq!(listing(outside), ["precious.txt", "victim.txt"]);
        assert_eq!(
            std::fs::read(outside.join("victim.txt")).expect("read"),
            b"victim"
        );
    }

    fn refused(out: &Path) -> String {
        let journal = std::fs::read(out.join(JOURNAL)).expect("a journal");
        let err = Staging::new(out, false).expect_err("refused");
        assert_eq!(
            std::fs::read(out.join(JOURNAL)).expect("the journal is left alone"),
            journal
        );
        format!("{err:#}")
    }

    #[test]
    fn a_staging_folder_that_is_a_link_is_refused() {
        let (_tmp, out, outside) = setup();
        symlink("../outside", out.join(".alliance-staging-evil")).expect("symlink");
        std::fs::write(
            out.join(JOURNAL),
            format!("{HEADER_V2}\n.alliance-staging-evil\n+ precious.txt\n"),
        )
        .expect("journal");
        let err = refused(&out);
        assert!(
            err.contains("is not a journal this toolkit can complete"),
            "{err}"
        );
        assert!(err.contains("link"), "{err}");
        outside_is_untouched(&outside);
        assert!(!out.join("precious.txt").exists());
    }

    #[test]
    fn a_removal_through_a_link_is_refused() {
        let (_tmp, out, outside) = setup();
        symlink("../outside", out.join("link")).expect("symlink");
        killed_commit(&out, ".alliance-staging-x", &[], "- link/victim.txt\n");
        let err = refused(&out);
        assert!(err.contains("out/link` is a link"), "{err}");
        outside_is_untouched(&outside);
    }

    #[test]
    fn a_move_through_a_link_is_refused() {
        let (_tmp, out, outside) = setup();
        symlink("../outside", out.join("link")).expect("symlink");
        killed_commit(
            &out,
            ".alliance-staging-x",
            &[
                ("link/victim.txt", "overwritten"),
                ("link/planted.sh", "rm -rf"),
            ],
            "+ link/planted.sh\n+ link/victim.txt\n",
        );
        let err = refused(&out);
        assert!(err.contains("out/link` is a link"), "{err}");
        outside_is_untouched(&outside);
    }

    #[test]
    fn a_link_inside_the_staging_folder_is_refused() {
        let (_tmp, out, outside) = setup();
        killed_commit(&out, ".alliance-staging-x", &[], "+ sub/precious.txt\n");
        symlink("../../outside", out.join(".alliance-staging-x/sub")).expect("symlink");
        let err = refused(&out);
        assert!(err.contains("is a link"), "{err}");
        outside_is_untouched(&outside);
    }

    #[test]
    fn a_journal_naming_another_folder_than_its_runs_is_refused() {
        let (_tmp, out, outside) = setup();
        killed_commit(
            &out,
            ".alliance-staging-x",
            &[("b.json", "b")],
            "+ b.json\n",
        );
        // the folder is replaced by another of the same name (made while the first exists,
        // so that it cannot reuse its inode)
        std::fs::create_dir(out.join(".alliance-staging-y")).expect("mkdir");
        std::fs::write(out.join(".alliance-staging-y/b.json"), "planted").expect("write");
        std::fs::remove_dir_all(out.join(".alliance-staging-x")).expect("rm");
        std::fs::rename(
            out.join(".alliance-staging-y"),
            out.join(".alliance-staging-x"),
        )
        .expect("rename");
        let err = refused(&out);
        assert!(
            err.contains("not the staging folder its run created"),
            "{err}"
        );
        assert!(!out.join("b.json").exists());
        outside_is_untouched(&outside);
    }

    #[test]
    fn a_journal_that_is_a_link_is_refused() {
        let (_tmp, out, outside) = setup();
        std::fs::write(
            outside.join("journal"),
            format!("{HEADER_V2}\n.alliance-staging-x\n- a.json\n"),
        )
        .expect("write");
        symlink("../outside/journal", out.join(JOURNAL)).expect("symlink");
        let err = Staging::new(&out, false).expect_err("refused");
        assert!(format!("{err:#}").contains("link"), "{err:#}");
        assert!(out.join("a.json").exists());
    }

    #[test]
    fn a_commit_through_a_link_writes_nothing() {
        let (_tmp, out, outside) = setup();
        symlink("../outside", out.join("link")).expect("symlink");
        let staging = Staging::new(&out, false).expect("staging");
        staging.write(Path::new("a.json"), b"new").expect("write");
        staging
            .write(Path::new("link/victim.txt"), b"overwritten")
            .expect("staged");
        let err = staging.commit().expect_err("refused");
        let err = format!("{err:#}");
        assert!(
            err.contains("is a link") && err.contains("nothing was written"),
            "{err}"
        );
        assert_eq!(std::fs::read(out.join("a.json")).expect("read"), b"old");
        assert!(!out.join(JOURNAL).exists());
        outside_is_untouched(&outside);
    }

    #[test]
    fn a_rewritten_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("temp dir");
        let out = tmp.path().join("out");
        stage(&out, &[("private.toml", "old"), ("read-only.toml", "old")]).expect("writes");
        let mode = |name: &str| {
            std::fs::metadata(out.join(name))
                .expect("meta")
                .permissions()
                .mode()
                & 0o7777
        };
        for (name, m) in [("private.toml", 0o600), ("read-only.toml", 0o444)] {
            std::fs::set_permissions(out.join(name), std::fs::Permissions::from_mode(m))
                .expect("chmod");
        }
        stage(&out, &[("private.toml", "new"), ("read-only.toml", "new")]).expect("writes");
        assert_eq!(
            std::fs::read(out.join("read-only.toml")).expect("read"),
            b"new"
        );
        assert_eq!(mode("private.toml"), 0o600);
        assert_eq!(mode("read-only.toml"), 0o444);
    }

    /// Every file below `dir` with its bytes, links as their targets, not followed.
    fn snapshot(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for name in listing(dir) {
            let path = dir.join(&name);
            let meta = std::fs::symlink_metadata(&path).expect("meta");
            let what = if meta.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(&path).expect("link").display())
            } else if meta.is_file() {
                String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned()
            } else {
                "/".to_owned()
            };
            out.push((name, what));
        }
        out
    }

    #[test]
    fn no_journal_acts_outside_its_folder() {
        // random journals over a folder with links planted inside and beside it: whatever
        // recovery does, nothing outside the output folder changes
        arbtest::arbtest(|u| {
            let tmp = tempfile::tempdir().expect("temp dir");
            let out = tmp.path().join("out");
            let outside = tmp.path().join("outside");
            std::fs::create_dir_all(outside.join("deep")).expect("mkdir");
            for name in ["a", "b", "deep/a"] {
                std::fs::write(outside.join(name), format!("outside {name}")).expect("write");
            }
            std::fs::create_dir_all(out.join("sub")).expect("mkdir");
            std::fs::write(out.join("a"), "out a").expect("write");
            let names = ["a", "b", "sub", "link", "deep", ".alliance-staging-x"];
            let pick = |u: &mut arbtest::arbitrary::Unstructured<'_>| -> arbtest::arbitrary::Result<String> {
                let n = u.int_in_range(1..=3)?;
                let mut parts = Vec::new();
                for _ in 0..n {
                    parts.push(*u.choose(&names)?);
                }
                Ok(parts.join("/"))
            };
            let staged = if u.arbitrary()? {
                let root = out.join(".alliance-staging-x");
                std::fs::create_dir_all(root.join("sub")).expect("mkdir");
                std::fs::write(root.join("a"), "staged a").expect("write");
                Some(root)
            } else {
                None
            };
            // links: to the outside folder, to a file outside, to the folder itself
            for _ in 0..u.int_in_range(0..=4)? {
                let at = if u.arbitrary()? {
                    out.join(pick(u)?)
                } else {
                    out.join(".alliance-staging-x").join(pick(u)?)
                };
                let target = u.choose(&["../outside", "../../outside", "../outside/a", "/"])?;
                if let Some(parent) = at.parent()
                    && parent.is_dir()
                    && !parent.is_symlink()
                {
                    let _ = symlink(target, &at);
                }
            }
            let mut journal = String::new();
            match (u.int_in_range(0..=2)?, &staged) {
                (0, Some(root)) => {
                    let identity = Folder::open(root)
                        .and_then(|f| f.identity())
                        .expect("identity");
                    journal = Journal {
                        staged: ".alliance-staging-x".to_owned(),
                        identity,
                        ..Journal::default()
                    }
                    .render();
                }
                (1, _) => journal = format!("{HEADER_V2}\n.alliance-staging-x\n"),
                _ => journal.push_str("alliance staged commit v3\n.alliance-staging-x\nfolder 1 2\n"),
            }
            for _ in 0..u.int_in_range(0..=6)? {
                let sign = u.choose(&["+", "-"])?;
                journal.push_str(&format!("{sign} {}\n", pick(u)?));
            }
            std::fs::write(out.join(JOURNAL), &journal).expect("journal");
            let before = snapshot(&outside);
            let _ = Staging::new(&out, false);
            assert_eq!(snapshot(&outside), before, "journal:\n{journal}");
            Ok(())
        })
        .budget_ms(3_000);
    }
}
