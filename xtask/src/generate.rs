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
    let mut generator = Generator::new(ds, args);
    let out = Out::create(&args.out)?;
    out.write_fixed_files(root)?;
    out.write("registry/instruments.toml", &generator.instruments(ds))?;
    let mut c = 0;
    while generator.written < generator.n {
        generator.conference(&out, c)?;
        c += 1;
    }
    out.write(
        "vocabularies/themes.toml",
        &themes_vocabulary(generator.theme_count),
    )?;
    out.write("registry/people.toml", &generator.people)?;
    out.write("registry/organizations.toml", &generator.orgs)?;
    Ok(generator.written)
}

/// The folder the dataset is written into.
struct Out<'a>(&'a Path);

impl<'a> Out<'a> {
    /// Clears `dir` and creates the dataset's folders in it.
    fn create(dir: &'a Path) -> anyhow::Result<Out<'a>> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot clear `{}`", dir.display()))?;
        }
        for sub in ["vocabularies", "registry", "conferences"] {
            std::fs::create_dir_all(dir.join(sub))?;
        }
        Ok(Out(dir))
    }

    /// Writes `text` to the file `rel` of the dataset, creating its folder.
    fn write(&self, rel: &str, text: &str) -> anyhow::Result<()> {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// `dataset.toml`, and the real vocabularies but themes (written once the recommendations
    /// are).
    fn write_fixed_files(&self, root: &Path) -> anyhow::Result<()> {
        self.write(
            "dataset.toml",
            "title = \"Synthetic Alliance conferences\"\nversion = \"0.0.1\"\ndate = \"2026-01-01\"\n",
        )?;
        for (_, name) in alliance_core::load::VOCABULARIES {
            if *name != "themes.toml" {
                std::fs::copy(
                    root.join("data/vocabularies").join(name),
                    self.0.join("vocabularies").join(name),
                )?;
            }
        }
        Ok(())
    }
}

/// How many instruments the registry has.
const INSTRUMENTS: usize = 200;

/// The generator's state: what it draws from, the registries it fills, and how far it got.
struct Generator<'d> {
    shapes: Shapes,
    rng: Rng,
    org_kinds: Vec<&'d str>,
    /// The recommendations to write.
    n: usize,
    /// The recommendations written so far.
    written: usize,
    /// Texts of the recommendations written so far: each is new.
    seen_texts: HashSet<String>,
    /// Theme slots handed out so far: about 8 consecutive recommendations share a theme (so
    /// that each draws on one or two sessions and its brief fits a page).
    next_theme: usize,
    /// The themes those slots fall in: `theme-0` up to this.
    theme_count: usize,
    /// `registry/people.toml` so far.
    people: String,
    /// `registry/organizations.toml` so far.
    orgs: String,
}

/// A conference being written: its id, number, first organization and report so far.
struct Conference {
    id: String,
    c: usize,
    org_base: usize,
    report: String,
    /// The people named so far.
    person_no: usize,
    /// Session titles drawn so far: a report names each session once.
    titles: HashSet<String>,
}

impl<'d> Generator<'d> {
    fn new(ds: &'d Dataset, args: &GenArgs) -> Generator<'d> {
        Generator {
            shapes: Shapes::from(ds),
            rng: Rng(args.seed),
            org_kinds: ds
                .vocabularies
                .organization_kinds
                .iter()
                .map(|k| k.id.as_str())
                .collect(),
            n: args.recommendations,
            written: 0,
            seen_texts: HashSet::new(),
            next_theme: 0,
            theme_count: 0,
            people: String::new(),
            orgs: String::new(),
        }
    }

    /// `registry/instruments.toml`: [`INSTRUMENTS`] instruments of the real kinds.
    fn instruments(&mut self, ds: &Dataset) -> String {
        let kinds: Vec<&str> = ds
            .vocabularies
            .instrument_kinds
            .iter()
            .map(|k| k.id.as_str())
            .collect();
        let mut text = String::new();
        for i in 0..INSTRUMENTS {
            let _ = write!(
                text,
                "[[instrument]]\nid = \"instrument-{i}\"\nname = \"Instrument {i}\"\nkind = {}\n\n",
                q(self.rng.pick::<&str>(&kinds))
            );
        }
        text
    }

    /// Writes conference number `c`: its four organizations, its sessions, its
    /// `conference.toml` and its report.
    fn conference(&mut self, out: &Out<'_>, c: usize) -> anyhow::Result<()> {
        let org_base = c * 4;
        for o in 0..4 {
            let _ = write!(
                self.orgs,
                "[[organization]]\nid = \"org-{}\"\nname = \"Organization {}\"\nkind = {}\n\n",
                org_base + o,
                org_base + o,
                q(self.rng.pick::<&str>(&self.org_kinds))
            );
        }
        let report = format!(
            "Highlights of the synthetic conference {c}\n\nIntroduction\n\nThis conference brought together a record number of {} participants from {} participating States.\n",
            100 + self.rng.below(400),
            10 + self.rng.below(47)
        );
        let figure_participants = participants_figure(&report);
        let mut conference = Conference {
            id: format!("c{c}"),
            c,
            org_base,
            report,
            person_no: 0,
            titles: HashSet::new(),
        };
        for (order, session) in SESSIONS.iter().enumerate() {
            self.session(out, &mut conference, order, session)?;
        }
        let conf = &conference.id;
        out.write(
            &format!("conferences/{conf}/conference.toml"),
            &conference_toml(conf, c, org_base, &figure_participants),
        )?;
        out.write(&format!("conferences/{conf}/report.md"), &conference.report)
    }

    /// Writes the session file of one of [`SESSIONS`], and its part of the report: heading,
    /// people and, but for the opening and the concluding panel, recommendations.
    fn session(
        &mut self,
        out: &Out<'_>,
        conference: &mut Conference,
        order: usize,
        &(slug, kind, prefix): &(&str, &str, &str),
    ) -> anyhow::Result<()> {
        let (conf, c) = (&conference.id, conference.c);
        let session_id = format!("{conf}-{slug}");
        // a report names each session once: titles drawn again until new in the conference
        let title = draw_new(&mut conference.titles, || {
            format!(
                "{} {} of conference {c}",
                title_case(self.rng.pick::<String>(&self.shapes.words)),
                self.rng.pick::<String>(&self.shapes.words)
            )
        });
        let heading = if kind == "opening" {
            prefix.to_owned()
        } else if prefix.is_empty() {
            title.clone()
        } else {
            format!("{prefix}: {title}")
        };
        let _ = write!(conference.report, "\n{heading}\n\n");
        let mut file = format!(
            "id = {}\nkind = {}\norder = {}\ntitle = {}\nheading = {}\n",
            q(&session_id),
            q(kind),
            order + 1,
            q(if kind == "opening" {
                "Opening session"
            } else {
                &title
            }),
            q(&heading)
        );
        self.participants(conference, kind, &mut file);
        let path = format!(
            "conferences/{}/sessions/{:02}-{slug}.toml",
            conference.id,
            order + 1
        );
        let remaining = self.n - self.written;
        if kind == "opening" || (kind == "panel" && prefix == "Panel 3") || remaining == 0 {
            if kind != "opening" {
                file.push_str("\n[[allow]]\nrule = \"session-without-recommendations\"\nreason = \"the concluding panel, or the last session after the generator reached N, lists none\"\n");
            }
            return out.write(&path, &file);
        }
        let _ = write!(
            conference.report,
            "\nThe session agreed upon the following recommendations:\n\n"
        );
        let count = (8 + self.rng.below(5)).min(remaining);
        // report lines so far, to give each bullet its line
        let first_line = conference.report.lines().count() + 1;
        for (line, b) in (first_line..).zip(1..=count) {
            self.recommendation(&mut conference.report, &mut file, &session_id, (b, line));
        }
        out.write(&path, &file)
    }

    /// The people of a session of `kind`, each in the registry, named in the report with
    /// their role, and a participant of the session's `file`.
    fn participants(&mut self, conference: &mut Conference, kind: &str, file: &mut String) {
        let (conf, org_base) = (&conference.id, conference.org_base);
        let roles: &[&str] = match kind {
            "opening" => &["welcome-remarks", "keynote"],
            "panel" => &["moderator", "rapporteur", "speaker", "speaker"],
            _ => &["moderator", "speaker", "speaker"],
        };
        for role in roles {
            let person_no = conference.person_no;
            let pid = format!("{conf}-p{person_no}");
            // the conference's first four people work for its four organizations in
            // turn, so that none is left that nothing refers to (the draw is kept, so the
            // rest of the data stays as it was)
            let drawn = self.rng.below(4);
            let org = org_base + if person_no < 4 { person_no } else { drawn };
            let printed = format!("Officer {person_no}, Organization {org}");
            let _ = write!(
                self.people,
                "[[person]]\nid = \"{pid}\"\nname = \"Person {conf} {person_no}\"\n\n[[person.affiliation]]\nconference = \"{conf}\"\norganization = \"org-{org}\"\ntitle = \"Officer {person_no}\"\nas_printed = \"{printed}\"\n\n"
            );
            let _ = writeln!(
                conference.report,
                "**Person {conf} {person_no}**, {printed}, took part as {role}."
            );
            let _ = write!(
                file,
                "\n[[participant]]\nperson = \"{pid}\"\nrole = \"{role}\"\n"
            );
            conference.person_no += 1;
        }
    }

    /// One recommendation: bullet `b` on report line `line`, in the report and in the
    /// session's `file`, classified with shapes drawn from the real data.
    fn recommendation(
        &mut self,
        report: &mut String,
        file: &mut String,
        session_id: &str,
        (b, line): (usize, usize),
    ) {
        let text = self.new_text();
        let _ = writeln!(report, "- *{text}*");
        let themes = self.themes();
        let pillars = self.rng.pick(&self.shapes.pillar_sets).clone();
        let addressees = self.rng.pick(&self.shapes.addressee_sets).clone();
        let instruments: Vec<String> = (0..*self.rng.pick(&self.shapes.instrument_counts))
            .map(|_| format!("instrument-{}", self.rng.below(INSTRUMENTS)))
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
        self.written += 1;
    }

    /// A recommendation text of real words and a real length, drawn until no earlier one
    /// has it.
    fn new_text(&mut self) -> String {
        loop {
            let len = (*self.rng.pick(&self.shapes.lengths)).max(4);
            let mut words: Vec<&str> = (0..len)
                .map(|_| self.rng.pick::<String>(&self.shapes.words).as_str())
                .collect();
            let first = title_case(words[0]);
            words[0] = &first;
            let text = format!("{};", words.join(" "));
            if self.seen_texts.insert(text.clone()) {
                return text;
            }
        }
    }

    /// The themes of the next recommendation, sorted: as many as a real one has, from the
    /// next theme slots.
    fn themes(&mut self) -> Vec<String> {
        let mut themes: Vec<String> = (0..*self.rng.pick(&self.shapes.theme_counts))
            .map(|_| {
                self.next_theme += 1;
                let t = (self.next_theme - 1) / 8;
                self.theme_count = self.theme_count.max(t + 1);
                format!("theme-{t}")
            })
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        themes.sort();
        themes
    }
}

/// The number of participants the introduction of a conference's `report` gives.
fn participants_figure(report: &str) -> String {
    let participants_line = report.lines().nth(4).unwrap_or_default().to_owned();
    participants_line
        .split("a record number of ")
        .nth(1)
        .and_then(|s| s.split(" participants").next())
        .unwrap_or("0")
        .to_owned()
}

/// The `conference.toml` of conference number `c`, with its participants figure.
fn conference_toml(conf: &str, c: usize, org_base: usize, figure_participants: &str) -> String {
    format!(
        "id = \"{conf}\"\nseries = \"Synthetic Alliance\"\nedition = {}\ntitle = \"Synthetic conference {c}\"\nstart_date = \"2017-04-03\"\nend_date = \"2017-04-04\"\ncity = \"Vienna\"\nvenue = \"Hofburg\"\norganizer = \"org-{org_base}\"\n\n[source]\nreport = \"report.md\"\ntitle = \"Highlights of the synthetic conference {c}\"\npublisher = \"Synthetic\"\nattribution = \"Generated by cargo xtask gen\"\n\n[[figure]]\nid = \"participants\"\nkind = \"participants\"\nvalue = {figure_participants}\nas_printed = \"a record number of {figure_participants} participants\"\n",
        c + 1
    )
}

/// `vocabularies/themes.toml` with `count` themes.
fn themes_vocabulary(count: usize) -> String {
    let mut themes = String::new();
    for t in 0..count {
        let _ = write!(
            themes,
            "[[term]]\nid = \"theme-{t}\"\nname = \"Theme {t}\"\ndescription = \"Synthetic theme {t}: about eight consecutive recommendations generated for scale tests, so that its brief fits one page.\"\n\n"
        );
    }
    themes
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
