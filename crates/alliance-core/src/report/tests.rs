//! The outline of small reports and of the real 17th report, in both formats.

use std::fmt::Write;

use super::*;

fn real_report() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/conferences/alliance-17/report.md"
    );
    std::fs::read_to_string(path).expect("the 17th report")
}

const FIGURE_KINDS: [(&str, &str); 4] = [
    ("participants", "Participants"),
    (
        "participating-states",
        "OSCE participating States represented",
    ),
    (
        "partners-for-co-operation",
        "Partners for Co-operation represented",
    ),
    ("interviews-and-focus-groups", "Interviews and focus groups"),
];

/// Everything the outline reads, one line per fact.
fn render(outline: &Outline) -> String {
    let mut out = String::new();
    let page = outline.title_page();
    let fact = |name: &str, f: Option<(String, usize)>| match f {
        Some((v, line)) => format!("{name}: {v} (line {line})\n"),
        None => format!("{name}: -\n"),
    };
    out += &fact("report title", page.report_title.map(|f| (f.value, f.line)));
    out += &fact(
        "edition",
        page.edition.map(|f| (f.value.to_string(), f.line)),
    );
    out += &fact("series", page.series.map(|f| (f.value, f.line)));
    out += &fact("title", page.title.map(|f| (f.value, f.line)));
    out += &fact("publisher", page.publisher.map(|f| (f.value, f.line)));
    out += &fact(
        "dates",
        page.dates
            .map(|f| (format!("{} to {}", f.value.0, f.value.1), f.line)),
    );
    out += &fact("city", page.city.map(|f| (f.value, f.line)));
    out += &fact("venue", page.venue.map(|f| (f.value, f.line)));
    for f in outline.figures(&FIGURE_KINDS) {
        let _ = writeln!(
            out,
            "figure {} = {} ({:?}) {:?} line {} section {:?}",
            f.kind, f.value, f.qualifier, f.as_printed, f.line, f.section
        );
    }
    for s in &outline.sections {
        let _ = writeln!(out, "\n## {} (line {})", s.heading, s.line);
        for p in &s.people {
            let role = p.role.map_or("?", Role::id);
            let honorific = p.honorific.as_deref().unwrap_or("");
            let aff = p.affiliation.as_deref().unwrap_or("-");
            let _ = writeln!(
                out,
                "  {role}: {honorific} {} (line {}) | {aff}",
                p.name, p.line
            );
        }
        for g in &s.groups {
            let _ = writeln!(
                out,
                "  group: {} = {} of {:?} (line {})",
                g.role.id(),
                g.holders.id(),
                g.of,
                g.line
            );
        }
        for list in &s.lists {
            let label = list.label.map_or("unlabelled", Label::id);
            let _ = writeln!(out, "  list ({label}, numbered: {})", list.numbered);
            for b in &s.bullets[list.bullets.clone()] {
                let _ = writeln!(out, "    {}. line {}: {}", b.number, b.line, b.text);
            }
        }
    }
    out
}

#[test]
fn the_17th_report() {
    let outline = Outline::parse(&real_report());
    insta::assert_snapshot!(render(&outline));
    let labelled: Vec<_> = outline.labelled_bullets().collect();
    assert_eq!(labelled.len(), 59);
    let (section, number, bullet) = outline.bullet_at(107).expect("a bullet on line 107");
    assert_eq!(
        (section.heading.as_str(), number),
        ("Trafficked for terrorism – children and youth in peril", 5)
    );
    assert!(
        bullet
            .text
            .starts_with("Youth policies have to be revisited")
    );
}

/// The seed's opening and first panel, and the same as `pdftotext -layout` prints it from a
/// PDF: a header and page number on every page, hard-wrapped lines, `•` bullets with a hanging
/// indent, a bullet and a word split across a page break.
const MARKDOWN: &str = "\
Panel 1: Threats to Children

This panel was moderated by **Ann Example**, Director, Example Office, who worked together with Rapporteur **Bo Sample**, Head of Unit, IOM. **Cy Model**, Project Officer, Missing Children Europe, and **Di Case**, Judge, Example Court, featured as panel speakers.

The panellists agreed upon the following recommendations:

- *Child protection systems must be strengthened and co-ordinated;*
- *A more efficient process will be crucial. This entails: non-discriminatory identification;*
- *A child is a child – every case deserves attention and should be addressed individually, with children consulted.*
";

const PLAIN: &str = "                    Fictional Highlights

Panel 1: Threats to Children

This panel was moderated by Ann Example, Director, Example Office, who worked
together with Rapporteur Bo Sample, Head of Unit, IOM. Cy Model, Project Officer,
Missing Children Europe, and Di Case, Judge, Example Court, featured as panel
speakers.

The panellists agreed upon the following recommendations:

•   Child protection systems must be strengthened and co-
    ordinated;
•   A more efficient process will be crucial. This entails: non-


                                   1
\u{c}                    Fictional Highlights

    discriminatory identification;
•   A child is a child – every case deserves attention and should be addressed
    individually, with children consulted.

                                   2
";

#[test]
fn plain_text_reads_as_the_markdown_does() {
    let markdown = Outline::parse(MARKDOWN);
    let plain = Outline::parse(PLAIN);
    let clean = Clean::new(PLAIN);
    assert_eq!(clean.format, Format::Plain);
    assert_eq!(clean.furniture, [1, 17, 18, 24]);
    let texts = |o: &Outline| -> Vec<String> {
        o.labelled_bullets()
            .map(|(s, l, b)| format!("{} | {} | {} | {}", s.heading, l.id(), b.number, b.text))
            .collect()
    };
    assert_eq!(texts(&plain), texts(&markdown));
    let lines: Vec<usize> = plain.sections[0].bullets.iter().map(|b| b.line).collect();
    assert_eq!(lines, [12, 14, 21]);
    let people = |o: &Outline| -> Vec<(String, Option<Role>, Option<String>)> {
        o.sections[0]
            .people
            .iter()
            .map(|p| (p.name.clone(), p.role, p.affiliation.clone()))
            .collect()
    };
    assert_eq!(people(&plain), people(&markdown));
    assert_eq!(people(&plain).len(), 4);
    assert_eq!(
        plain.sections[0]
            .people
            .iter()
            .map(|p| p.line)
            .collect::<Vec<_>>(),
        [5, 6, 6, 7]
    );
    // the verbatim comparison's text: no furniture, the split word joined
    let (text, _) = clean.normalized();
    assert!(text.contains("crucial. This entails: non-discriminatory identification;"));
    assert!(!text.contains("Fictional Highlights"));
}

#[test]
fn small_markdown() {
    let report = "\
Title

Introduction

Some prose ends here.

A paragraph cut by a page break. It holds sentences and stops mid-way in the

Panel 1: Threats

The panellists agreed:

- *First bullet;*
- *Second bullet runs on across a

page break.*

Panel 2: Next

1. **A numbered item**, not a heading.

- plain bullet
- *Emphasis closed at the foot of a page, mid-way through a*

sentence that ends here.

Not a continuation.
";
    let outline = Outline::parse(report);
    let headings: Vec<_> = outline
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.line))
        .collect();
    assert_eq!(
        headings,
        [
            ("Title", 1),
            ("Introduction", 3),
            ("Panel 1: Threats", 9),
            ("Panel 2: Next", 18)
        ]
    );
    let panel1 = &outline.sections[2];
    assert_eq!(panel1.bullets.len(), 2);
    assert_eq!(
        panel1.bullets[1].text,
        "Second bullet runs on across a page break."
    );
    assert_eq!(panel1.bullets[1].line, 14);
    assert_eq!(panel1.lists[0].label, None);
    let panel2 = &outline.sections[3];
    assert_eq!(panel2.lists.len(), 2);
    assert!(panel2.lists[0].numbered);
    assert_eq!(panel2.bullets[0].text, "A numbered item, not a heading.");
    assert_eq!(panel2.bullets[1].text, "plain bullet");
    assert_eq!((panel2.bullets[1].number, panel2.bullets[1].list), (1, 1));
    assert_eq!(
        panel2.bullets[2].text,
        "Emphasis closed at the foot of a page, mid-way through a sentence that ends here."
    );
    assert_eq!(panel2.bullets.len(), 3);
    assert_eq!(panel2.paragraphs[0].text, "Not a continuation.");
    let (section, n, _) = outline.bullet_at(14).expect("bullet on line 14");
    assert_eq!((section.heading.as_str(), n), ("Panel 1: Threats", 2));
}

#[test]
fn labels_of_lead_ins() {
    let check = |text: &str, label: Option<Label>| assert_eq!(Label::of_lead_in(text), label);
    check(
        "Concrete findings of the panel include:",
        Some(Label::Findings),
    );
    check(
        "The main conclusions of this thematic session include:",
        Some(Label::Conclusions),
    );
    check(
        "Pertinent to the recommendations of the session, the conclusions include:",
        Some(Label::Conclusions),
    );
    check(
        "The following recommendation was made:",
        Some(Label::Recommendations),
    );
    check("Four thematic sessions were held:", None);
}

#[test]
fn dates_as_printed() {
    let check = |text: &str, expect: Option<(&str, &str)>| {
        let got = facts::date_range(text);
        let got = got.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        assert_eq!(got, expect, "{text}");
    };
    check("3-4 April 2017", Some(("2017-04-03", "2017-04-04")));
    check("3–4 April 2017", Some(("2017-04-03", "2017-04-04")));
    check("3 April 2017", Some(("2017-04-03", "2017-04-03")));
    check(
        "30 March – 2 April 2017",
        Some(("2017-03-30", "2017-04-02")),
    );
    check(
        "30 December 2017 – 2 January 2018",
        Some(("2017-12-30", "2018-01-02")),
    );
    check("31 June 2017", None);
    check("Vienna, Hofburg", None);
    check("2017", None);
}

#[test]
fn a_paragraph_cut_by_a_page_break_after_and_goes_on() {
    let plain = "Header\n\nPanel 1: Threats\n\nSession speakers included Ann Example, Director, Example Office, and\n\n\
                 1\n\u{c}Header\n\nBo Sample, Adviser, Example Agency.\n\n2\n";
    let outline = Outline::parse(plain);
    let people: Vec<(&str, Option<Role>, Option<&str>)> = outline.sections[0]
        .people
        .iter()
        .map(|p| (p.name.as_str(), p.role, p.affiliation.as_deref()))
        .collect();
    assert_eq!(
        people,
        [
            (
                "Ann Example",
                Some(Role::Speaker),
                Some("Director, Example Office")
            ),
            (
                "Bo Sample",
                Some(Role::Speaker),
                Some("Adviser, Example Agency")
            ),
        ]
    );
    assert_eq!(outline.sections[0].people[1].line, 10);
}

/// Reports made of the pieces the reader looks at, shuffled: reading never panics, and every
/// line it gives points into the text.
#[test]
fn any_text_reads_without_panicking() {
    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        "\u{c}",
        " ",
        "   ",
        "- ",
        "- *",
        "*",
        "**",
        "• ",
        "– ",
        "1. ",
        "2) ",
        "Panel 1: Threats",
        "Opening session",
        "Introduction",
        "moderated by ",
        "Rapporteur ",
        "Ann Example",
        "Bo Sample",
        ", ",
        ", and ",
        "Dr. ",
        "Ambassador ",
        "Pope Francis",
        "Director, Example Office",
        "featured as panel speakers.",
        "welcomed the participants.",
        "The panellists agreed upon the following recommendations:",
        "findings",
        "co-",
        "ordinated",
        "strength-",
        "ened",
        "Anti-",
        "Slavery",
        "“Title”",
        "Vienna, Hofburg",
        "3-4 April 2017",
        "30 March – 2 April 2017",
        "17th",
        "all 57 OSCE participating States",
        "a record number of 381 participants",
        "é",
        "ð",
        "’",
        "(",
        ")",
        "[a](b)",
        "_x_",
        ".",
        ";",
        ":",
        "the Rapporteurs of the preceding panels featured as speakers",
        "1",
        "Page 2",
        "\u{a0}",
        "\u{2028}",
        "\t",
    ];
    let kinds = [("participants", "Participants")];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3_000 {
        let len = next() % 60;
        let text: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let lines = text.lines().count().max(1);
        let outline = Outline::parse(&text);
        let _ = outline.title_page();
        for f in outline.figures(&kinds) {
            assert!(f.line >= 1 && f.line <= lines, "{text:?}");
        }
        for s in &outline.sections {
            for b in &s.bullets {
                assert!(b.line >= 1 && b.line <= lines, "{text:?}");
            }
            for p in &s.people {
                assert!(p.line >= 1 && p.line <= lines, "{text:?}");
            }
        }
        let _ = Clean::with_format(&text, Format::Plain).normalized();
        let _ = Outline::of(&Clean::with_format(&text, Format::Markdown));
    }
}

/// Name, role and affiliation of every person of a section.
fn people_of(section: &Section) -> Vec<(String, Option<Role>, Option<String>)> {
    section
        .people
        .iter()
        .map(|p| (p.name.clone(), p.role, p.affiliation.clone()))
        .collect()
}

/// A zero-width character in a name, or a soft hyphen (as `pdftotext` leaves them), is no
/// part of it: the people are those of the same text without them, with their names clean.
#[test]
fn invisible_characters_in_names_are_read_past() {
    let expected = people_of(&Outline::parse(MARKDOWN).sections[0]);
    assert_eq!(expected.len(), 4);
    for (moderator, rapporteur) in [
        ("**Ann Ex\u{200b}ample**", "**Bo Sam\u{ad}ple**"),
        ("**Ann\u{200c} Example**", "**Bo Sample\u{200d}**"),
        ("**\u{feff}Ann Exam\u{2060}ple**", "**B\u{ad}o Sample**"),
    ] {
        let report = MARKDOWN
            .replace("**Ann Example**", moderator)
            .replace("**Bo Sample**", rapporteur);
        let outline = Outline::parse(&report);
        assert_eq!(
            people_of(&outline.sections[0]),
            expected,
            "{moderator} {rapporteur}"
        );
    }
    // in plain text, and a soft hyphen at a line's end: the halves are one word
    let plain = PLAIN
        .replace("Ann Example", "Ann Exam\u{200b}ple")
        .replace("Rapporteur Bo Sample", "Rapporteur Bo Sam\u{ad}\nple");
    let outline = Outline::parse(&plain);
    assert_eq!(people_of(&outline.sections[0]), expected);
    // the text keeps a soft hyphen inside a line (a quotation keeps the report's characters)
    // and joins a word split by one at a line's end, without it
    let (text, _) = Clean::new(&plain).normalized();
    assert!(text.contains("by Ann Exam\u{200b}ple, Director"), "{text}");
    assert!(text.contains("Rapporteur Bo Sample, Head"), "{text}");
}

/// A name the reader cannot read whole (a character in it that stands for a lost one) is
/// kept as printed, without a role, for a person to check: never dropped.
#[test]
fn a_name_with_an_unreadable_character_is_kept_without_a_role() {
    let report = MARKDOWN.replace("**Bo Sample**", "**Bo M\u{fffd}ller**");
    let outline = Outline::parse(&report);
    let people = people_of(&outline.sections[0]);
    assert_eq!(people.len(), 4, "{people:?}");
    assert_eq!(
        people[1],
        (
            "Bo M\u{fffd}ller".to_owned(),
            None,
            Some("Head of Unit, IOM".to_owned())
        )
    );
    // the people after it keep the roles the text gives them
    assert_eq!(people[2].1, Some(Role::Speaker));
    assert_eq!(people[3].1, Some(Role::Speaker));
}
