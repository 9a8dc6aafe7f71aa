//! Integrity of the paths that write (see `docs/contracts.md`, "Writing outputs"): a link
//! planted in an output folder, a journal or a dataset never lets a run write, move or delete
//! outside the folder it owns; an interrupted `alliance-import` or `alliance-lint --fix` is
//! completed by the next run, and the tools that only read refuse the half-switched dataset
//! naming the command that completes it; `--fix` keeps a file's mode, changes all its folders
//! or none, and renumbers nothing that depends on a file it could not read.
//!
//! The moment of death is chosen with `ALLIANCE_TEST_ABORT` (`rename:N`: after N renames of
//! the commit), where the tool aborts as a kill would.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use alliance_tests::{
    assert_code, bin, copy_of_data, data_dir, empty_dataset, mutate, text, workspace_root,
};

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("runs")
}

fn export(data: &Path, out: &Path) -> Command {
    let mut cmd = bin("alliance-export");
    cmd.arg(data).arg("--out").arg(out);
    cmd
}

fn brief(data: &Path, out: &Path) -> Command {
    let mut cmd = bin("alliance-brief");
    cmd.arg(data).arg("--out").arg(out);
    cmd
}

fn lint(data: &Path, args: &[&str]) -> Command {
    let mut cmd = bin("alliance-lint");
    cmd.arg(data).args(args);
    cmd
}

fn import(data: &Path, extra: &[&str]) -> Command {
    let mut cmd = bin("alliance-import");
    cmd.arg(workspace_root().join("tests/fixtures/import/forum-1.md"))
        .args(["--conference", "forum-1", "--data"])
        .arg(data)
        .args(extra);
    cmd
}

/// Every file below `dir` but hidden ones (journals, staging folders), with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let entry = entry.expect("entry");
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type().expect("type");
            if kind.is_symlink() {
                continue;
            } else if kind.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("inside").to_string_lossy();
                out.insert(rel.into_owned(), std::fs::read(&path).expect("read"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A folder `outside/` beside the output folders, with `precious.txt` and `victim.txt`.
fn outside(tmp: &Path) -> PathBuf {
    let outside = tmp.join("outside");
    std::fs::create_dir(&outside).expect("mkdir");
    std::fs::write(outside.join("precious.txt"), "precious").expect("write");
    std::fs::write(outside.join("victim.txt"), "victim").expect("write");
    outside
}

#[track_caller]
fn assert_untouched(outside: &Path) {
    let names: Vec<String> = files(outside).into_keys().collect();
    assert_eq!(names, ["precious.txt", "victim.txt"], "outside/ changed");
    assert_eq!(
        std::fs::read(outside.join("victim.txt")).expect("read"),
        b"victim"
    );
}

/// Plants a journal of the second version in `folder`, naming the staging folder `staged`.
fn plant_journal(folder: &Path, staged: &str, lines: &str) {
    std::fs::write(
        folder.join(".alliance-commit"),
        format!("alliance staged commit v2\n{staged}\n{lines}"),
    )
    .expect("journal");
}

#[track_caller]
fn assert_refused(out: &Output) {
    assert_code(out, 2);
    assert!(
        text(&out.stderr).contains("is not a journal this toolkit can complete"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_planted_journal_never_acts_outside_the_output_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = outside(tmp.path());
    let out = tmp.path().join("out");
    assert_code(&run(&mut export(&data_dir(), &out)), 0);
    let before = files(&out);

    // a staging folder that is a link to the outside: export would move precious.txt in
    symlink("../outside", out.join(".alliance-staging-evil")).expect("symlink");
    plant_journal(&out, ".alliance-staging-evil", "+ precious.txt\n");
    assert_refused(&run(&mut export(&data_dir(), &out)));
    assert_untouched(&outside);
    std::fs::remove_file(out.join(".alliance-staging-evil")).expect("rm");

    // a removal through a link inside the output folder: export would delete victim.txt
    symlink("../outside", out.join("link")).expect("symlink");
    std::fs::create_dir(out.join(".alliance-staging-x")).expect("mkdir");
    plant_journal(&out, ".alliance-staging-x", "- link/victim.txt\n");
    assert_refused(&run(&mut export(&data_dir(), &out)));
    assert_untouched(&outside);

    // a move through the link: brief would write planted.sh and overwrite victim.txt
    std::fs::create_dir_all(out.join(".alliance-staging-x/link")).expect("mkdir");
    for name in ["planted.sh", "victim.txt"] {
        std::fs::write(out.join(".alliance-staging-x/link").join(name), "planted").expect("w");
    }
    plant_journal(
        &out,
        ".alliance-staging-x",
        "+ link/planted.sh\n+ link/victim.txt\n",
    );
    assert_refused(&run(&mut brief(&data_dir(), &out)));
    assert_untouched(&outside);
    assert_eq!(files(&out), before, "the refused journal is left alone");
    assert!(out.join(".alliance-commit").exists());
}

#[test]
fn a_link_inside_a_folder_a_run_writes_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = outside(tmp.path());
    // an output folder with a link where a conference's briefs go
    let out = tmp.path().join("out");
    assert_code(&run(&mut brief(&data_dir(), &out)), 0);
    let before = files(&out);
    std::fs::rename(out.join("alliance-17"), tmp.path().join("moved")).expect("mv");
    symlink("../outside", out.join("alliance-17")).expect("symlink");
    let refused = run(&mut brief(&data_dir(), &out));
    assert_code(&refused, 2);
    assert!(
        text(&refused.stderr).contains("is a link")
            && text(&refused.stderr).contains("nothing was written"),
        "{}",
        text(&refused.stderr)
    );
    assert_untouched(&outside);
    let others: BTreeMap<_, _> = before
        .into_iter()
        .filter(|(path, _)| !path.starts_with("alliance-17/"))
        .collect();
    assert_eq!(files(&out), others, "nothing else changed");
}

#[test]
fn import_force_refuses_a_link_inside_the_conference_folder() {
    let data = empty_dataset();
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = outside(tmp.path());
    assert_code(&run(&mut import(data.path(), &[])), 0);
    let sessions = data.path().join("conferences/forum-1/sessions");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::rename(&sessions, &elsewhere).expect("mv");
    symlink(&outside, &sessions).expect("symlink");
    let before = files(data.path());
    let forced = run(&mut import(data.path(), &["--force"]));
    assert_code(&forced, 2);
    assert!(
        text(&forced.stderr).contains("sessions` is a link"),
        "{}",
        text(&forced.stderr)
    );
    assert_untouched(&outside);
    assert!(
        std::fs::symlink_metadata(&sessions).is_ok_and(|m| m.file_type().is_symlink()),
        "the link is left as it was"
    );
    assert_eq!(files(data.path()), before);
}

#[test]
fn a_planted_journal_in_a_sessions_folder_is_refused_by_fix() {
    let data = copy_of_data();
    let tmp = tempfile::tempdir().expect("temp dir");
    let outside = outside(tmp.path());
    let sessions = data.path().join("conferences/alliance-17/sessions");
    symlink(&outside, sessions.join("link")).expect("symlink");
    std::fs::create_dir(sessions.join(".alliance-staging-x")).expect("mkdir");
    plant_journal(&sessions, ".alliance-staging-x", "- link/victim.txt\n");
    assert_refused(&run(&mut lint(data.path(), &["--fix"])));
    assert_untouched(&outside);
}

/// Inserts three lines at the top of the 17th report: every recommendation's source line
/// moves, so `--fix` rewrites every session file.
fn shift_the_report(data: &Path) {
    let report = data.join("conferences/alliance-17/report.md");
    let text = std::fs::read_to_string(&report).expect("read");
    std::fs::write(&report, format!("\n\n\n{text}")).expect("write");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o7777
}

#[test]
fn fix_keeps_each_files_mode() {
    let data = copy_of_data();
    shift_the_report(data.path());
    let sessions = data.path().join("conferences/alliance-17/sessions");
    let private = sessions.join("02-panel-1.toml");
    let read_only = sessions.join("03-panel-2.toml");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let fixed = run(&mut lint(data.path(), &["--fix"]));
    assert_code(&fixed, 0);
    assert!(
        text(&fixed.stderr).contains("fixed"),
        "{}",
        text(&fixed.stderr)
    );
    assert_eq!(mode(&private), 0o600);
    assert_eq!(mode(&read_only), 0o444);
    assert_eq!(mode(&sessions.join("04-thematic-1.toml")), 0o644);
}

#[test]
fn an_import_killed_in_its_commit_is_refused_by_readers_and_completed_by_the_same_command() {
    let reference = empty_dataset();
    assert_code(&run(&mut import(reference.path(), &[])), 0);
    let data = empty_dataset();
    let killed = run(import(data.path(), &[]).env("ALLIANCE_TEST_ABORT", "rename:2"));
    assert!(killed.status.code().is_none(), "killed: {killed:?}");
    assert!(data.path().join(".alliance-commit").exists());
    // the readers refuse, naming the journal and what completes it
    for mut reader in [
        lint(data.path(), &[]),
        export(data.path(), &data.path().join("../x")),
        brief(data.path(), &data.path().join("../y")),
        import(data.path(), &["--dry-run"]),
    ] {
        let refused = run(&mut reader);
        assert_code(&refused, 2);
        let stderr = text(&refused.stderr);
        assert!(
            stderr.contains("holds a write that was interrupted")
                && stderr.contains("left by alliance-import")
                && stderr.contains(
                    "--fix` completes it, as does running the same alliance-import again"
                ),
            "{stderr}"
        );
    }
    let again = run(&mut import(data.path(), &[]));
    assert_code(&again, 0);
    assert!(
        text(&again.stderr).contains("completed the import of forum-1"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(files(data.path()), files(reference.path()));
    assert_eq!(
        std::fs::read_dir(data.path())
            .expect("read")
            .filter(|e| e
                .as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.')))
            .count(),
        0,
        "no journal or staging folder is left"
    );
}

#[test]
fn a_fix_killed_in_its_commit_is_completed_by_the_next_fix() {
    let reference = copy_of_data();
    shift_the_report(reference.path());
    assert_code(&run(&mut lint(reference.path(), &["--fix"])), 0);
    let data = copy_of_data();
    shift_the_report(data.path());
    let killed = run(lint(data.path(), &["--fix"]).env("ALLIANCE_TEST_ABORT", "rename:3"));
    assert!(killed.status.code().is_none(), "killed: {killed:?}");
    let refused = run(&mut lint(data.path(), &[]));
    assert_code(&refused, 2);
    assert!(
        text(&refused.stderr).contains("left by alliance-lint --fix"),
        "{}",
        text(&refused.stderr)
    );
    let again = run(&mut lint(data.path(), &["--fix"]));
    assert_code(&again, 0);
    let stderr = text(&again.stderr);
    assert!(
        stderr.contains("completed the write alliance-lint --fix was doing")
            && !stderr.contains("changed while"),
        "{stderr}"
    );
    assert_eq!(files(data.path()), files(reference.path()));
    assert_code(&run(&mut lint(data.path(), &["--deny-warnings"])), 0);
}

#[test]
fn fix_renumbers_no_session_while_another_cannot_be_read() {
    let data = copy_of_data();
    let sessions = data.path().join("conferences/alliance-17/sessions");
    let broken = "conferences/alliance-17/sessions/03-panel-2.toml";
    mutate(data.path(), broken, "kind = \"panel\"", "kind = \"panel");
    let before = files(&sessions);
    let fixed = run(&mut lint(data.path(), &["--fix"]));
    assert_code(&fixed, 1);
    assert_eq!(files(&sessions), before, "{}", text(&fixed.stderr));
    // and two sessions with one order are named
    mutate(data.path(), broken, "kind = \"panel", "kind = \"panel\"");
    mutate(
        data.path(),
        "conferences/alliance-17/sessions/04-thematic-1.toml",
        "order = 4\n",
        "order = 3\n",
    );
    let linted = run(&mut lint(data.path(), &[]));
    assert_code(&linted, 1);
    assert!(
        text(&linted.stdout).contains("order 3 is used twice in conference `alliance-17`"),
        "{}",
        text(&linted.stdout)
    );
}

#[test]
fn two_runs_racing_into_one_new_folder_leave_one_runs_set() {
    let tmp = tempfile::tempdir().expect("temp dir");
    // a second dataset whose every brief differs from the real one's
    let renamed = tmp.path().join("renamed");
    alliance_tests::copy_dir(&data_dir(), &renamed);
    let themes = renamed.join("vocabularies/themes.toml");
    let text = std::fs::read_to_string(&themes).expect("read");
    std::fs::write(&themes, text.replace("\nname = \"", "\nname = \"Renamed: ")).expect("write");
    for (tool, make) in [
        ("brief", brief as fn(&Path, &Path) -> Command),
        ("export", export),
    ] {
        let references: Vec<_> = [data_dir(), renamed.clone()]
            .iter()
            .enumerate()
            .map(|(i, data)| {
                let out = tmp.path().join(format!("{tool}-reference-{i}"));
                assert_code(&run(&mut make(data, &out)), 0);
                files(&out)
            })
            .collect();
        assert_ne!(references[0], references[1]);
        for round in 0..4 {
            let out = tmp.path().join(format!("{tool}-race-{round}"));
            let quiet = |mut cmd: Command| {
                cmd.stdout(Stdio::null()).stderr(Stdio::null());
                cmd.spawn().expect("starts")
            };
            let mut first = quiet(make(&data_dir(), &out));
            let mut second = quiet(make(&renamed, &out));
            assert!(first.wait().expect("waits").success());
            assert!(second.wait().expect("waits").success());
            let got = files(&out);
            assert!(
                references.contains(&got),
                "{tool} round {round}: the folder mixes both runs' files"
            );
        }
    }
}

#[test]
fn a_version_with_a_pre_release_or_build_suffix_loads_and_is_compared() {
    for version in ["1.0.1-rc.1", "1.0.1+build.5"] {
        let data = copy_of_data();
        mutate(
            data.path(),
            "dataset.toml",
            "version = \"1.0.0\"",
            &format!("version = \"{version}\""),
        );
        mutate(
            data.path(),
            "dataset.toml",
            "date = \"2026-11-28\"",
            "date = \"2026-12-01\"",
        );
        assert_code(&run(&mut lint(data.path(), &["--deny-warnings"])), 0);
        let mut diff = bin("alliance-diff");
        diff.arg(data_dir()).arg(data.path()).arg("--check-version");
        let compared = run(&mut diff);
        assert_code(&compared, 0);
        assert!(
            text(&compared.stdout).contains(&format!("→ {version} (2026-12-01)")),
            "{}",
            text(&compared.stdout)
        );
    }
    // what SemVer does not allow is still refused
    let data = copy_of_data();
    mutate(
        data.path(),
        "dataset.toml",
        "version = \"1.0.0\"",
        "version = \"1.0.1-\"",
    );
    let refused = run(&mut lint(data.path(), &[]));
    assert_code(&refused, 1);
    assert!(text(&refused.stdout).contains("error[AL002]: `1.0.1-` is not a release version"));
}

#[test]
fn import_force_names_every_file_it_removes_or_replaces() {
    let data = empty_dataset();
    assert_code(&run(&mut import(data.path(), &[])), 0);
    let folder = data.path().join("conferences/forum-1");
    let sessions: Vec<PathBuf> = std::fs::read_dir(folder.join("sessions"))
        .expect("read")
        .map(|e| e.expect("entry").path())
        .collect();
    let edited = sessions.iter().max().expect("a session").clone();
    std::fs::write(folder.join("notes.md"), "my notes\n").expect("write");
    std::fs::write(folder.join("sessions/99-extra.toml"), "id = \"extra\"\n").expect("write");
    let text_before = std::fs::read_to_string(&edited).expect("read");
    std::fs::write(&edited, format!("{text_before}# themes set by hand\n")).expect("write");
    for dry_run in [true, false] {
        let args: &[&str] = if dry_run {
            &["--force", "--dry-run"]
        } else {
            &["--force"]
        };
        let forced = run(&mut import(data.path(), args));
        assert_code(&forced, 0);
        let stderr = alliance_tests::scrub(&text(&forced.stderr), data.path());
        let (removed, replaced) = if dry_run {
            ("would remove", "would replace")
        } else {
            ("removed", "replaced")
        };
        let name = edited.file_name().expect("name").to_string_lossy();
        for line in [
            format!("{removed} data/conferences/forum-1/notes.md (the draft has no such file)"),
            format!("{removed} data/conferences/forum-1/sessions/99-extra.toml"),
            format!("{replaced} data/conferences/forum-1/sessions/{name} (its content differs"),
        ] {
            assert!(stderr.contains(&line), "{line}\n{stderr}");
        }
        assert_eq!(stderr.matches(removed).count(), 2, "{stderr}");
        assert_eq!(stderr.matches(replaced).count(), 1, "{stderr}");
    }
    assert!(!folder.join("notes.md").exists());
}

#[test]
fn a_name_with_a_direction_control_is_shown_escaped_among_the_unsure() {
    let data = empty_dataset();
    let tmp = tempfile::tempdir().expect("temp dir");
    let report = tmp.path().join("forum-bidi.md");
    let text_of =
        std::fs::read_to_string(workspace_root().join("tests/fixtures/import/forum-1.md"))
            .expect("read");
    assert!(text_of.contains("**Cy Mock**"));
    std::fs::write(
        &report,
        text_of.replace("**Cy Mock**", "**Cy M\u{202e}ock**"),
    )
    .expect("write");
    let out = run(bin("alliance-import")
        .arg(&report)
        .args(["--conference", "forum-1", "--dry-run", "--data"])
        .arg(data.path()));
    assert_code(&out, 0);
    let stderr = text(&out.stderr);
    assert!(stderr.contains("Cy M\\u{202e}ock"), "{stderr}");
    assert!(!stderr.contains('\u{202e}'), "{stderr}");
}
