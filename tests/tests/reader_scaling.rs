//! The report reader's work at scale, and names with invisible characters end to end.
//!
//! Speed targets belong in benchmarks, never in timed tests: each scaling test compares the
//! work of one run at 1x and at 10x input, as the CPU time it takes (the thread's, or the
//! child process's; wall time where Linux's `/proc` does not say), and fails when 10x input
//! takes more than [`LIMIT`] times as long. Linear work takes about 10x; the quadratic reader
//! of issue #21 took 60-100x at these sizes.
//!
//! The end-to-end test imports the fictional forum's report with a zero-width space in the
//! moderator's name and a soft hyphen in the rapporteur's, as `pdftotext` leaves them: the
//! draft holds all four participants of the panel, named as printed without the characters.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;
use std::time::Instant;

use alliance_core::report::{Clean, Outline};
use alliance_tests::{assert_code, bin, empty_dataset, text, workspace_root};

/// The most 10x input may cost, in times the cost of 1x.
const LIMIT: f64 = 30.0;

/// Tests that run binaries take turns: a child's CPU time is counted for the whole test
/// process, so two at once would count each other's.
static CHILDREN: Mutex<()> = Mutex::new(());

/// Nanoseconds of CPU time the calling thread has had, when Linux says.
fn thread_cpu() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Clock ticks of CPU time (user and system) of the children the process has waited for,
/// when Linux says.
fn children_cpu() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command's name in parentheses, from the third (the state)
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let field = |n: usize| fields.get(n - 3)?.parse::<u64>().ok();
    Some(field(16)? + field(17)?)
}

/// What one run of `work` costs, by `clock` (and by wall time, in nanoseconds, when `clock`
/// says nothing).
fn cost(clock: fn() -> Option<u64>, work: &mut dyn FnMut()) -> u64 {
    let (before, wall) = (clock(), Instant::now());
    work();
    match (before, clock()) {
        (Some(before), Some(after)) => after.saturating_sub(before).max(1),
        _ => wall.elapsed().as_nanos().max(1) as u64,
    }
}

/// Runs `work` at `small` and at ten times `small` and asserts that the larger costs less
/// than [`LIMIT`] times the smaller: the least of three runs of the smaller, and of up to
/// three of the larger (a run far over the limit is not repeated).
fn assert_linear(what: &str, clock: fn() -> Option<u64>, small: usize, work: &dyn Fn(usize)) {
    let large = small * 10;
    let small_cost = (0..3)
        .map(|_| cost(clock, &mut || work(small)))
        .min()
        .unwrap_or(1);
    let mut large_cost = u64::MAX;
    for _ in 0..3 {
        large_cost = large_cost.min(cost(clock, &mut || work(large)));
        let ratio = large_cost as f64 / small_cost as f64;
        if ratio <= LIMIT || ratio > 2.0 * LIMIT {
            break;
        }
    }
    let ratio = large_cost as f64 / small_cost as f64;
    println!("{what}: {small} -> {small_cost}, {large} -> {large_cost}: x{ratio:.1}");
    assert!(
        ratio <= LIMIT,
        "{what}: {large} cost {ratio:.1} times what {small} cost ({large_cost} against {small_cost}); linear work costs about 10 times"
    );
}

/// Four lowercase letters for `i`, a different four for each `i` below 26^4.
fn letters(i: usize) -> String {
    (0..4)
        .scan(i, |rest, _| {
            let c = char::from(b'a' + (*rest % 26) as u8);
            *rest /= 26;
            Some(c)
        })
        .collect()
}

/// The `i`-th person of a long list: a name of two capitalized words, found by no other
/// `i`, and an affiliation as printed, each person's own.
fn person(i: usize) -> (String, String) {
    let capital = |w: String| {
        let mut chars = w.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    let name = format!("{} {}son", capital(letters(i)), capital(letters(i * 7 + 3)));
    let affiliation = format!("Officer for region {}, Example Office", letters(i * 11 + 5));
    (name, affiliation)
}

/// The paragraph of the fictional forum's thematic session that names its speakers.
const SPEAKERS: &str = "Session speakers included **Hal Double**, Analyst, Example Agency, and **Ida Token**, Officer, Example Office.";

/// "Session speakers included **A**, position, **B**, position, ..., **Hal Double**, Analyst,
/// Example Agency, and **Ida Token**, Officer, Example Office.": the fixture's paragraph with
/// `n` more speakers, on one line, as the Markdown reports print a paragraph.
fn speakers(n: usize) -> String {
    let mut out = String::from("Session speakers included ");
    for i in 0..n {
        let (name, affiliation) = person(i);
        out += &format!("**{name}**, {affiliation}, ");
    }
    out + SPEAKERS.trim_start_matches("Session speakers included ")
}

fn forum_report() -> String {
    let path = workspace_root().join("tests/fixtures/import/forum-1.md");
    std::fs::read_to_string(path).expect("the fictional forum's report")
}

/// The fictional forum's report with `n` speakers in its thematic session.
fn report_naming(n: usize) -> String {
    let report = forum_report();
    assert!(
        report.contains(SPEAKERS),
        "the fixture's speakers paragraph"
    );
    report.replace(SPEAKERS, &speakers(n))
}

#[test]
fn a_paragraph_naming_many_people_reads_in_linear_time() {
    let reports: Vec<(usize, String)> = [2_000, 20_000]
        .into_iter()
        .map(|n| (n, report_naming(n)))
        .collect();
    let read = |n: usize| {
        let report = &reports.iter().find(|(m, _)| *m == n).expect("report").1;
        let outline = Outline::parse(report);
        let session = outline
            .section("Imaginary data in practice")
            .expect("the thematic session");
        // the moderator and every speaker
        assert_eq!(session.people.len(), n + 3);
    };
    assert_linear("people read", thread_cpu, 2_000, &read);
}

#[test]
fn a_line_of_unclosed_links_reads_in_linear_time() {
    let reports: Vec<(usize, String)> = [6_000, 60_000]
        .into_iter()
        .map(|n| (n, format!("{}\n{}\n", forum_report(), "[x](".repeat(n))))
        .collect();
    let read = |n: usize| {
        let report = &reports.iter().find(|(m, _)| *m == n).expect("report").1;
        let line = "[x](".repeat(n);
        // nothing is a link: the text is as it is
        assert_eq!(alliance_core::text::normalize(&line), line);
        let clean = Clean::new(report);
        let (text, _) = clean.normalized();
        assert!(text.ends_with("[x]("));
        let outline = Outline::of(&clean);
        assert!(!outline.sections.is_empty());
    };
    assert_linear("links read", thread_cpu, 6_000, &read);
}

fn import(report: &Path, data: &Path) -> Output {
    bin("alliance-import")
        .arg(report)
        .args(["--conference", "fictional-1", "--data"])
        .arg(data)
        .arg("--quiet")
        .output()
        .expect("alliance-import runs")
}

fn append(path: &Path, more: &str) {
    let mut text = std::fs::read_to_string(path).expect("read");
    text.push_str(more);
    std::fs::write(path, text).expect("write");
}

/// The fictional forum imported, then `n` more speakers of its thematic session written into
/// the report, the registry and the session, as an import of such a report drafts them.
fn dataset_with_speakers(n: usize) -> tempfile::TempDir {
    let data = empty_dataset();
    let root = data.path();
    let report = workspace_root().join("tests/fixtures/import/forum-1.md");
    assert_code(&import(&report, root), 0);
    let conference = root.join("conferences/fictional-1");
    std::fs::write(conference.join("report.md"), report_naming(n)).expect("report");
    let mut people = String::new();
    let mut participants = String::new();
    for i in 0..n {
        let (name, affiliation) = person(i);
        let id = name.to_lowercase().replace(' ', "-");
        people += &format!(
            "\n[[person]]\nid = \"{id}\"\nname = \"{name}\"\n\n[[person.affiliation]]\nconference = \"fictional-1\"\norganization = \"example-office\"\nas_printed = \"{affiliation}\"\n"
        );
        participants += &format!("\n[[participant]]\nperson = \"{id}\"\nrole = \"speaker\"\n");
    }
    append(&root.join("registry/people.toml"), &people);
    let session = conference.join("sessions/03-thematic-1.toml");
    append(&session, &participants);
    data
}

#[test]
fn lint_of_a_draft_with_many_participants_is_linear() {
    let _turn = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let datasets: Vec<(usize, tempfile::TempDir)> = [2_000, 20_000]
        .into_iter()
        .map(|n| (n, dataset_with_speakers(n)))
        .collect();
    let lint = |n: usize, args: &[&str]| {
        let data = &datasets.iter().find(|(m, _)| *m == n).expect("dataset").1;
        let out = bin("alliance-lint")
            .arg(data.path())
            .args(args)
            .output()
            .expect("alliance-lint runs");
        let stdout = text(&out.stdout);
        // the speakers are recorded as the report names them
        for code in ["AL014", "AL052", "AL053", "AL054", "AL055"] {
            assert!(!stdout.contains(&format!("[{code}]")), "{code}: {stdout}");
        }
        assert!(out.status.code().is_some_and(|c| c <= 1), "{stdout}");
    };
    // built before anything is measured
    let _ = bin("alliance-lint");
    assert_linear("lint", children_cpu, 2_000, &|n| lint(n, &[]));
    assert_linear("lint --fix --diff", children_cpu, 2_000, &|n| {
        lint(n, &["--fix", "--diff"]);
    });
}

#[test]
fn names_with_invisible_characters_are_imported() {
    let _turn = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let report = forum_report()
        .replace("**Cy Mock**", "**Cy Mo\u{200b}ck**")
        .replace("**Di Fake**", "**Di Fa\u{ad}ke**");
    let folder = tempfile::tempdir().expect("temporary folder");
    let path = folder.path().join("forum-1.md");
    std::fs::write(&path, report).expect("report");
    let data = empty_dataset();
    let out = import(&path, data.path());
    assert_code(&out, 0);
    let loaded = alliance_core::load(data.path()).expect("the draft");
    assert!(!loaded.has_errors());
    let ds = &loaded.dataset;
    let panel = ds
        .sessions
        .iter()
        .find(|s| s.id == "f1-panel-1")
        .expect("the panel");
    let name = |id: &str| {
        ds.people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
    };
    let participants: Vec<(Option<&str>, &str)> = panel
        .participants
        .iter()
        .map(|p| (name(&p.person), p.role.as_str()))
        .collect();
    assert_eq!(
        participants,
        [
            (Some("Cy Mock"), "moderator"),
            (Some("Di Fake"), "rapporteur"),
            (Some("Ed Dummy"), "speaker"),
            (Some("Flo Sample"), "speaker"),
        ]
    );
    // lint reads the report as the import did: every participant named, every quotation
    // verbatim, no name holding an invisible character
    let lint = bin("alliance-lint")
        .arg(data.path())
        .output()
        .expect("alliance-lint runs");
    let stdout = text(&lint.stdout);
    for code in ["AL014", "AL037", "AL052", "AL053", "AL054", "AL055"] {
        assert!(!stdout.contains(&format!("[{code}]")), "{code}: {stdout}");
    }
}

#[test]
fn import_of_a_report_naming_many_people_is_linear() {
    let _turn = CHILDREN.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().expect("temp dir");
    let reports: Vec<(usize, PathBuf)> = [2_000, 20_000]
        .into_iter()
        .map(|n| {
            let path = tmp.path().join(format!("forum-{n}.md"));
            std::fs::write(&path, report_naming(n)).expect("write");
            (n, path)
        })
        .collect();
    let report_of = |n: usize| &reports.iter().find(|(m, _)| *m == n).expect("report").1;
    let import_new = |n: usize| {
        let data = empty_dataset();
        assert_code(&import(report_of(n), data.path()), 0);
        let people =
            std::fs::read_to_string(data.path().join("registry/people.toml")).expect("people");
        assert!(
            people.matches("[[person]]").count() > n,
            "every speaker is a person"
        );
    };
    // into registries that know every speaker: each is given an affiliation for the second
    // conference, in place in people.toml
    let known: Vec<(usize, tempfile::TempDir)> = [2_000, 20_000]
        .into_iter()
        .map(|n| {
            let data = empty_dataset();
            assert_code(&import(report_of(n), data.path()), 0);
            (n, data)
        })
        .collect();
    let import_again = |n: usize| {
        let data = &known.iter().find(|(m, _)| *m == n).expect("dataset").1;
        let out = bin("alliance-import")
            .arg(report_of(n))
            .args([
                "--conference",
                "fictional-2",
                "--dry-run",
                "--quiet",
                "--data",
            ])
            .arg(data.path())
            .output()
            .expect("alliance-import runs");
        assert_code(&out, 0);
        assert!(text(&out.stdout).matches("# added to the person").count() > n);
    };
    let _ = bin("alliance-import");
    assert_linear("import", children_cpu, 2_000, &import_new);
    assert_linear("import reusing people", children_cpu, 2_000, &import_again);
}
