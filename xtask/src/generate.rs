//! `cargo xtask gen --recommendations N --out DIR [--seed S]`: a deterministic synthetic
//! dataset in the real format, for benchmarks and scale tests. Generated data is never
//! committed.
//!
//! Shapes are drawn from the real dataset in `data/`: the words of recommendations and their
//! lengths, how many themes, pillars, addressees and instruments a recommendation has, the
//! controlled vocabularies. Each conference looks like the 17th: an opening session, three
//! panels and four thematic sessions with 8 to 12 bullets each, a moderator for every
//! discussion, a rapporteur for every panel, and a report text in which every recommendation,
//! affiliation and figure appears verbatim, so the generated dataset lints clean.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use alliance_core::Dataset;
use anyhow::{Context, bail};

/// Parsed `gen` arguments.
pub(crate) struct GenArgs {
    pub(crate) recommendations: usize,
    pub(crate) out: PathBuf,
    pub(crate) seed: u64,
}

impl GenArgs {
    pub(crate) fn parse(args: &[&str]) -> anyhow::Result<GenArgs> {
        let (mut n, mut out, mut seed) = (None, None, 17);
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().with_context(|| format!("{flag} needs a value"))?;
            match *flag {
                "--recommendations" => {
                    n = Some(value.parse().context("--recommendations takes a number")?)
                }
                "--out" => out = Some(PathBuf::from(value)),
                "--seed" => seed = value.parse().context("--seed takes a number")?,
                other => bail!("unknown flag `{other}`"),
            }
        }
        Ok(GenArgs {
            recommendations: n.context("--recommendations N is required")?,
            out: out.context("--out DIR is required")?,
            seed,
        })
    }
}

/// SplitMix64: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the generator samples from, taken from the real dataset.
struct Shapes {
    words: Vec<String>,
    lengths: Vec<usize>,
    theme_counts: Vec<usize>,
    pillar_sets: Vec<Vec<String>>,
    addressee_sets: Vec<Vec<String>>,
    instrument_counts: Vec<usize>,
}

impl Shapes {
    fn from(ds: &Dataset) -> Shapes {
        let mut words: Vec<String> = ds
            .recommendations
            .iter()
            .flat_map(|r| r.text.split(' '))
            .map(|w| w.trim_end_matches([';', '.']).to_owned())
            .filter(|w| {
                !w.is_empty() && !w.contains(['*', '_', '"', '“', '”']) && !w.ends_with('-')
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        words.sort();
        let recs = &ds.recommendations;
        Shapes {
            words,
            lengths: recs.iter().map(|r| r.text.split(' ').count()).collect(),
            theme_counts: recs.iter().map(|r| r.themes.len()).collect(),
            pillar_sets: recs.iter().map(|r| r.pillars.clone()).collect(),
            addressee_sets: recs.iter().map(|r| r.addressees.clone()).collect(),
            instrument_counts: recs.iter().map(|r| r.instruments.len()).collect(),
        }
    }
}

const SESSIONS: &[(&str, &str, &str)] = &[
    ("opening", "opening", "Opening session"),
    ("panel-1", "panel", "Panel 1"),
    ("panel-2", "panel", "Panel 2"),
    ("thematic-1", "thematic", ""),
    ("thematic-2", "thematic", ""),
    ("thematic-3", "thematic", ""),
    ("thematic-4", "thematic", ""),
    ("panel-3", "panel", "Panel 3"),
];

fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

/// Draws until `draw` gives a text not in `used` (and adds it): two sessions of one
/// conference never share a heading (at 1M recommendations two once did).
fn draw_new(used: &mut HashSet<String>, mut draw: impl FnMut() -> String) -> String {
    loop {
        let text = draw();
        if used.insert(text.clone()) {
            return text;
        }
    }
}

fn title_case(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Writes the dataset; returns the number of recommendations written.
pub(crate) fn run(root: &Path, args: &GenArgs) -> anyhow::Result<usize> {
    let real = alliance_core::load(&root.join("data"))?;
    if real.has_errors() {
        bail!("the real dataset has errors; lint it first");
    }
    let ds = &real.dataset;
    let shapes = Shapes::from(ds);
    let mut rng = Rng(args.seed);
    let out = &args.out;
    if out.exists() {
        std::fs::remove_dir_all(out)
            .with_context(|| format!("cannot clear `{}`", out.display()))?;
    }
    for dir in ["vocabularies", "registry", "conferences"] {
        std::fs::create_dir_all(out.join(dir))?;
    }
    let write = |rel: &str, text: &str| -> anyhow::Result<()> {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))
    };

    write(
        "dataset.toml",
        "title = \"Synthetic Alliance conferences\"\nversion = \"0.0.1\"\ndate = \"2026-01-01\"\n",
    )?;
    for (_, name) in alliance_core::load::VOCABULARIES {
        if *name != "themes.toml" {
            std::fs::copy(
                root.join("data/vocabularies").join(name),
                out.join("vocabularies").join(name),
            )?;
        }
    }

    // Themes: about 8 consecutive recommendations each (so each draws on one or two sessions
    // and its brief fits a page); written once the recommendations are.
    let n = args.recommendations;
    let mut theme_count = 0;

    let org_kinds: Vec<&str> = ds
        .vocabularies
        .organization_kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    let instrument_kinds: Vec<&str> = ds
        .vocabularies
        .instrument_kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    let instruments = 200;
    let mut text = String::new();
    for i in 0..instruments {
        let _ = write!(
            text,
            "[[instrument]]\nid = \"instrument-{i}\"\nname = \"Instrument {i}\"\nkind = {}\n\n",
            q(rng.pick::<&str>(&instrument_kinds))
        );
    }
    write("registry/instruments.toml", &text)?;

    let per_session = |rng: &mut Rng| 8 + rng.below(5);
    let mut people = String::new();
    let mut orgs = String::new();
    let mut seen_texts: HashSet<String> = HashSet::new();
    let (mut written, mut next_theme, mut c) = (0usize, 0usize, 0usize);
    while written < n {
        let conf = format!("c{c}");
        let org_base = c * 4;
        for o in 0..4 {
            let _ = write!(
                orgs,
                "[[organization]]\nid = \"org-{}\"\nname = \"Organization {}\"\nkind = {}\n\n",
                org_base + o,
                org_base + o,
                q(rng.pick::<&str>(&org_kinds))
            );
        }
        let mut report = format!(
            "Highlights of the synthetic conference {c}\n\nIntroduction\n\nThis conference brought together a record number of {} participants from {} participating States.\n",
            100 + rng.below(400),
            10 + rng.below(47)
        );
        let participants_line = report.lines().nth(4).unwrap_or_default().to_owned();
        let figure_participants = participants_line
            .split("a record number of ")
            .nth(1)
            .and_then(|s| s.split(" participants").next())
            .unwrap_or("0")
            .to_owned();
        let mut person_no = 0;
        // a report names each session once: titles drawn again until new in the conference
        let mut titles = HashSet::new();
        for (order, (slug, kind, prefix)) in SESSIONS.iter().enumerate() {
            let session_id = format!("{conf}-{slug}");
            let title = draw_new(&mut titles, || {
                format!(
                    "{} {} of conference {c}",
                    title_case(rng.pick::<String>(&shapes.words)),
                    rng.pick::<String>(&shapes.words)
                )
            });
            let heading = if kind == &"opening" {
                (*prefix).to_owned()
            } else if prefix.is_empty() {
                title.clone()
            } else {
                format!("{prefix}: {title}")
            };
            let _ = write!(report, "\n{heading}\n\n");
            let mut file = format!(
                "id = {}\nkind = {}\norder = {}\ntitle = {}\nheading = {}\n",
                q(&session_id),
                q(kind),
                order + 1,
                q(if kind == &"opening" {
                    "Opening session"
                } else {
                    &title
                }),
                q(&heading)
            );
            let roles: &[&str] = match *kind {
                "opening" => &["welcome-remarks", "keynote"],
                "panel" => &["moderator", "rapporteur", "speaker", "speaker"],
                _ => &["moderator", "speaker", "speaker"],
            };
            for role in roles {
                let pid = format!("{conf}-p{person_no}");
                // the conference's first four people work for its four organizations in
                // turn, so that none is left that nothing refers to (the draw is kept, so the
                // rest of the data stays as it was)
                let drawn = rng.below(4);
                let org = org_base + if person_no < 4 { person_no } else { drawn };
                let printed = format!("Officer {person_no}, Organization {org}");
                let _ = write!(
                    people,
                    "[[person]]\nid = \"{pid}\"\nname = \"Person {conf} {person_no}\"\n\n[[person.affiliation]]\nconference = \"{conf}\"\norganization = \"org-{org}\"\ntitle = \"Officer {person_no}\"\nas_printed = \"{printed}\"\n\n"
                );
                let _ = writeln!(
                    report,
                    "**Person {conf} {person_no}**, {printed}, took part as {role}."
                );
                let _ = write!(
                    file,
                    "\n[[participant]]\nperson = \"{pid}\"\nrole = \"{role}\"\n"
                );
                person_no += 1;
            }
            let remaining = n - written;
            if *kind == "opening" || (*kind == "panel" && prefix == &"Panel 3") || remaining == 0 {
                if *kind != "opening" {
                    file.push_str("\n[[allow]]\nrule = \"session-without-recommendations\"\nreason = \"the concluding panel, or the last session after the generator reached N, lists none\"\n");
                }
                write(
                    &format!("conferences/{conf}/sessions/{:02}-{slug}.toml", order + 1),
                    &file,
                )?;
                continue;
            }
            let _ = write!(
                report,
                "\nThe session agreed upon the following recommendations:\n\n"
            );
            let count = per_session(&mut rng).min(remaining);
            // report lines so far, to give each bullet its line
            let first_line = report.lines().count() + 1;
            for (line, b) in (first_line..).zip(1..=count) {
                let text = loop {
                    let len = (*rng.pick(&shapes.lengths)).max(4);
                    let mut words: Vec<&str> = (0..len)
                        .map(|_| rng.pick::<String>(&shapes.words).as_str())
                        .collect();
                    let first = title_case(words[0]);
                    words[0] = &first;
                    let text = format!("{};", words.join(" "));
                    if seen_texts.insert(text.clone()) {
                        break text;
                    }
                };
                let _ = writeln!(report, "- *{text}*");
                let themes: Vec<String> = (0..*rng.pick(&shapes.theme_counts))
                    .map(|_| {
                        next_theme += 1;
                        let t = (next_theme - 1) / 8;
                        theme_count = theme_count.max(t + 1);
                        format!("theme-{t}")
                    })
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect();
                let mut themes = themes;
                themes.sort();
                let pillars = rng.pick(&shapes.pillar_sets).clone();
                let addressees = rng.pick(&shapes.addressee_sets).clone();
                let instruments: Vec<String> = (0..*rng.pick(&shapes.instrument_counts))
                    .map(|_| format!("instrument-{}", rng.below(instruments)))
                    .collect::<HashSet<_>>()
                    .into_iter()
                    .collect();
                let _ = write!(
                    file,
                    "\n[[recommendation]]\nid = \"{session_id}-r{b:02}\"\norder = {b}\nlabel = \"recommendations\"\ntext = {}\nthemes = {}\npillars = {}\n",
                    q(&text),
                    list(&themes),
                    list(&pillars)
                );
                if !addressees.is_empty() {
                    let _ = writeln!(file, "addressees = {}", list(&addressees));
                }
                if !instruments.is_empty() {
                    let mut instruments = instruments;
                    instruments.sort();
                    let _ = writeln!(file, "instruments = {}", list(&instruments));
                }
                let _ = writeln!(file, "source = {{ bullet = {b}, line = {line} }}");
                written += 1;
            }
            write(
                &format!("conferences/{conf}/sessions/{:02}-{slug}.toml", order + 1),
                &file,
            )?;
        }
        let conference = format!(
            "id = \"{conf}\"\nseries = \"Synthetic Alliance\"\nedition = {}\ntitle = \"Synthetic conference {c}\"\nstart_date = \"2017-04-03\"\nend_date = \"2017-04-04\"\ncity = \"Vienna\"\nvenue = \"Hofburg\"\norganizer = \"org-{org_base}\"\n\n[source]\nreport = \"report.md\"\ntitle = \"Highlights of the synthetic conference {c}\"\npublisher = \"Synthetic\"\nattribution = \"Generated by cargo xtask gen\"\n\n[[figure]]\nid = \"participants\"\nkind = \"participants\"\nvalue = {figure_participants}\nas_printed = \"a record number of {figure_participants} participants\"\n",
            c + 1
        );
        write(&format!("conferences/{conf}/conference.toml"), &conference)?;
        write(&format!("conferences/{conf}/report.md"), &report)?;
        c += 1;
    }
    let mut themes = String::new();
    for t in 0..theme_count {
        let _ = write!(
            themes,
            "[[term]]\nid = \"theme-{t}\"\nname = \"Theme {t}\"\ndescription = \"Synthetic theme {t}: about eight consecutive recommendations generated for scale tests, so that its brief fits one page.\"\n\n"
        );
    }
    write("vocabularies/themes.toml", &themes)?;
    write("registry/people.toml", &people)?;
    write("registry/organizations.toml", &orgs)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn a_drawn_title_is_new_in_its_conference() {
        let mut used = HashSet::new();
        let mut draws = ["Panel", "Panel", "Panel", "Other"].into_iter();
        let mut next = || draws.next().expect("a draw").to_owned();
        assert_eq!(draw_new(&mut used, &mut next), "Panel");
        assert_eq!(draw_new(&mut used, &mut next), "Other");
    }

    #[test]
    fn generated_data_lints_clean_and_is_deterministic() {
        let tmp = std::env::temp_dir().join(format!("alliance-gen-test-{}", std::process::id()));
        let (a, b) = (tmp.join("a"), tmp.join("b"));
        for out in [&a, &b] {
            let args = GenArgs {
                recommendations: 1000,
                out: out.clone(),
                seed: 3,
            };
            assert_eq!(run(&root(), &args).expect("generates"), 1000);
        }
        let loaded = alliance_core::load(&a).expect("loads");
        assert_eq!(loaded.dataset.recommendations.len(), 1000);
        let findings = alliance_lint::lint(&loaded, &alliance_lint::Config::default());
        let rendered = alliance_core::render::render_all(
            &findings,
            &loaded.sources,
            alliance_core::render::Color::Never,
        );
        assert!(findings.is_empty(), "{rendered}");
        for file in [
            "registry/people.toml",
            "vocabularies/themes.toml",
            "conferences/c3/sessions/02-panel-1.toml",
            "conferences/c3/report.md",
        ] {
            let (x, y) = (
                std::fs::read(a.join(file)).expect("read"),
                std::fs::read(b.join(file)).expect("read"),
            );
            assert!(x == y, "{file} differs between two runs with one seed");
        }
        std::fs::remove_dir_all(&tmp).expect("cleanup");
    }
}
