//! The real dataset against its report: it loads clean, holds every bullet of the report
//! verbatim under the right session and nothing else, and every quoted value is in the report.

use std::collections::{BTreeMap, BTreeSet};

use alliance_core::report::Outline;
use alliance_core::text::{is_verbatim, normalize};
use alliance_tests::data_dir;

fn loaded() -> alliance_core::Loaded {
    alliance_core::load(&data_dir()).expect("the dataset folder exists")
}

#[test]
fn loads_with_zero_diagnostics() {
    let loaded = loaded();
    let rendered = alliance_core::render::render_all(
        &loaded.diagnostics,
        &loaded.sources,
        alliance_core::render::Color::Never,
    );
    assert!(loaded.diagnostics.is_empty(), "{rendered}");
}

/// Parses the report's headings and bullets independently of the dataset and checks that the
/// dataset's recommendations are exactly those bullets, in order, under the matching session.
#[test]
fn every_bullet_of_the_report_and_nothing_else() {
    let loaded = loaded();
    let ds = &loaded.dataset;
    let report = loaded.report_text("alliance-17").expect("report text");
    let outline = Outline::parse(report);

    // the bullets of the lists the report labels recommendations, findings or conclusions
    // (the introduction's numbered list of thematic sessions is not one)
    fn labelled(s: &alliance_core::report::Section) -> Vec<&alliance_core::report::Bullet> {
        s.bullets
            .iter()
            .filter(|b| s.lists[b.list].label.is_some())
            .collect()
    }
    let with_bullets: Vec<_> = outline
        .sections
        .iter()
        .filter(|s| !labelled(s).is_empty())
        .collect();
    assert_eq!(
        with_bullets.len(),
        6,
        "two panels and four thematic sessions list bullets"
    );
    let mut seen = BTreeSet::new();
    for section in with_bullets {
        let session = ds
            .sessions
            .iter()
            .find(|s| normalize(&s.heading) == section.heading)
            .unwrap_or_else(|| panic!("no session for report section {:?}", section.heading));
        let recs: Vec<_> = ds.recommendations_of(&session.id).collect();
        let texts: Vec<&str> = recs.iter().map(|r| r.text.as_str()).collect();
        let bullets: Vec<&str> = labelled(section).iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, bullets, "session {}", session.id);
        for (i, (rec, bullet)) in recs.iter().zip(labelled(section)).enumerate() {
            assert_eq!(rec.order as usize, i + 1, "{}", rec.id);
            assert_eq!(rec.source.bullet as usize, i + 1, "{}", rec.id);
            assert_eq!(rec.source.line as usize, bullet.line, "{}", rec.id);
            assert_eq!(rec.source.section, session.heading, "{}", rec.id);
            seen.insert(rec.id.as_str());
        }
    }
    // the bullet whose emphasis closes at the foot of a page, mid-sentence
    let last = ds
        .recommendations_of("a17-thematic-4")
        .last()
        .expect("a bullet");
    assert!(last.text.ends_with("collaborative expert platforms such as the Alliance Against Trafficking in Persons, ICAT, Alliance 8.7, Global Alliance for Children, and other."), "{}", last.text);
    let all: BTreeSet<_> = ds.recommendations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        seen, all,
        "recommendations that are not bullets of the report"
    );

    // Every session's heading is a heading of the report, and every report section from the
    // opening session on is a session (but the "Thematic sessions" group heading).
    let headings: Vec<&str> = outline
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    let first = headings
        .iter()
        .position(|h| *h == "Opening session")
        .expect("opening session");
    let sessions: Vec<String> = ds.sessions.iter().map(|s| normalize(&s.heading)).collect();
    let sections: Vec<String> = headings[first..]
        .iter()
        .filter(|h| **h != "Thematic sessions")
        .map(|h| h.to_string())
        .collect();
    assert_eq!(sessions, sections, "sessions in report order");
}

#[test]
fn texts_are_clean_and_verbatim() {
    let loaded = loaded();
    let ds = &loaded.dataset;
    let report = normalize(loaded.report_text("alliance-17").expect("report text"));
    for r in &ds.recommendations {
        assert!(is_verbatim(&r.text, &report), "{} is not verbatim", r.id);
        assert_eq!(
            r.text,
            normalize(&r.text),
            "{} keeps breaks or emphasis",
            r.id
        );
        assert!(!r.text.contains('*'), "{}", r.id);
    }
    for p in &ds.people {
        let name = normalize(&p.name);
        assert!(
            p.id == "pope-francis" || report.contains(&name),
            "{} not in the report",
            p.name
        );
        for a in &p.affiliations {
            assert!(
                is_verbatim(&a.as_printed, &report),
                "{}: {:?}",
                p.id,
                a.as_printed
            );
            for part in [&a.title, &a.unit, &a.country].into_iter().flatten() {
                assert!(
                    report.contains(part.as_str()),
                    "{}: {part:?} is not in the report",
                    p.id
                );
            }
        }
    }
    for c in &ds.conferences {
        for f in &c.figures {
            assert!(is_verbatim(&f.as_printed, &report), "figure {}", f.id);
            assert!(
                f.as_printed.contains(&f.value.to_string()),
                "figure {}",
                f.id
            );
        }
    }
    for o in &ds.organizations {
        for name in std::iter::once(&o.name).chain(&o.also_printed_as) {
            assert!(
                report.contains(name.as_str()),
                "organization {}: {name:?}",
                o.id
            );
        }
    }
}

#[test]
fn shape_of_the_17th_conference() {
    let ds = loaded().dataset;
    assert_eq!(ds.release.version, "1.0.0");
    let c = ds.conference("alliance-17").expect("conference");
    assert_eq!(
        (c.edition, c.city.as_str(), c.venue.as_str()),
        (17, "Vienna", "Hofburg")
    );
    assert_eq!(
        (c.start_date.as_str(), c.end_date.as_str()),
        ("2017-04-03", "2017-04-04")
    );
    let figure = |id: &str| c.figures.iter().find(|f| f.id == id).map(|f| f.value);
    assert_eq!(figure("participants"), Some(381));
    assert_eq!(figure("participating-states"), Some(57));
    assert_eq!(figure("partners-for-co-operation"), Some(11));

    let per_session: BTreeMap<&str, usize> = ds
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), ds.recommendations_of(&s.id).count()))
        .collect();
    let expect: BTreeMap<&str, usize> = [
        ("a17-opening", 0),
        ("a17-panel-1", 12),
        ("a17-panel-2", 8),
        ("a17-thematic-1", 10),
        ("a17-thematic-2", 9),
        ("a17-thematic-3", 12),
        ("a17-thematic-4", 8),
        ("a17-panel-3", 0),
    ]
    .into();
    assert_eq!(per_session, expect);

    // labels as the report introduces each list
    let label = |s: &str| {
        ds.recommendations_of(s)
            .map(|r| r.label.clone())
            .collect::<BTreeSet<String>>()
    };
    assert_eq!(label("a17-panel-2"), ["findings".to_owned()].into());
    assert_eq!(label("a17-thematic-2"), ["conclusions".to_owned()].into());

    // the concluding panel's speakers are the earlier panels' rapporteurs and the thematic
    // sessions' moderators
    let role_holders = |session: &str, role: &str| -> BTreeSet<String> {
        ds.session(session)
            .expect("session")
            .participants
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.person.clone())
            .collect()
    };
    let mut expected = role_holders("a17-panel-1", "rapporteur");
    expected.extend(role_holders("a17-panel-2", "rapporteur"));
    for t in [
        "a17-thematic-1",
        "a17-thematic-2",
        "a17-thematic-3",
        "a17-thematic-4",
    ] {
        expected.extend(role_holders(t, "moderator"));
    }
    assert_eq!(role_holders("a17-panel-3", "speaker"), expected);
    assert_eq!(
        role_holders("a17-panel-3", "closing-remarks"),
        ["madina-jarbussynova".to_owned()].into()
    );
}

#[test]
fn themes_fit_their_briefs() {
    let ds = loaded().dataset;
    assert!((8..=14).contains(&ds.themes.len()));
    for t in &ds.themes {
        let recs: Vec<_> = ds
            .recommendations
            .iter()
            .filter(|r| r.themes.contains(&t.id))
            .collect();
        let sessions: BTreeSet<_> = recs.iter().map(|r| r.session.as_str()).collect();
        assert!(
            (1..=15).contains(&recs.len()),
            "theme {} has {} recommendations",
            t.id,
            recs.len()
        );
        assert!(
            sessions.len() >= 2,
            "theme {} draws on one session only",
            t.id
        );
        assert!(
            t.description.as_deref().is_some_and(|d| d.len() > 80),
            "theme {} needs a description",
            t.id
        );
    }
    for r in &ds.recommendations {
        assert!((1..=3).contains(&r.themes.len()), "{}", r.id);
        assert!(!r.pillars.is_empty(), "{}", r.id);
    }
    let pillars: Vec<_> = ds.pillars.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        pillars,
        ["prevention", "protection", "prosecution", "partnership"]
    );
}
