//! The workbook read back by an independent reader (calamine) and through its XML parts:
//! the recommendation rows equal the dataset's (with their conference's edition and year),
//! every sheet is a table with the dataset's rows, the Conferences sheet has a row per
//! conference (with a fictional second one) and a column per kind of figure, the About sheet
//! says what every column holds and what a blank means, no cell is a formula, and the bytes
//! depend only on the data. The quote prefix of formula-like text is tested in
//! `workbook_formulas.rs`.

use std::collections::HashMap;

use alliance_export::filter::Selection;
use alliance_export::render;
use calamine::Reader;

mod common;
use common::{FICTIONAL, add_fictional_conference};
mod xlsx;
use xlsx::{column, dataset, elements, open, options, part, rows, workbook_bytes};

#[test]
fn recommendation_rows_equal_the_datasets() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    assert_eq!(
        book.sheet_names(),
        [
            "Recommendations",
            "Summary",
            "Conferences",
            "Sessions",
            "Participants",
            "People",
            "Organizations",
            "Themes",
            "Instruments",
            "About"
        ]
    );
    let (header, rows) = rows(&mut book, "Recommendations");
    assert_eq!(rows.len(), dataset.recommendations.len());
    let name = |terms: &[alliance_core::model::Term], ids: &[String]| {
        ids.iter()
            .map(|id| {
                terms
                    .iter()
                    .find(|t| &t.id == id)
                    .map(|t| t.name.clone())
                    .expect("a term")
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (row, r) in rows.iter().zip(&dataset.recommendations) {
        let session = dataset.session(&r.session).expect("session");
        let conference = dataset.conference(&r.conference).expect("conference");
        assert_eq!(column(&header, row, "ID"), r.id);
        assert_eq!(column(&header, row, "Conference"), r.conference);
        assert_eq!(
            column(&header, row, "Edition"),
            conference.edition.to_string()
        );
        assert_eq!(
            column(&header, row, "Year"),
            conference.start_date[..4].to_string()
        );
        assert_eq!(column(&header, row, "Session ID"), r.session);
        assert_eq!(column(&header, row, "Session"), session.title);
        assert_eq!(column(&header, row, "Order"), r.order.to_string());
        assert_eq!(
            column(&header, row, "Label"),
            name(&dataset.vocabularies.labels, std::slice::from_ref(&r.label))
        );
        assert_eq!(column(&header, row, "Text"), r.text, "{}", r.id);
        assert_eq!(
            column(&header, row, "Themes"),
            name(&dataset.themes, &r.themes)
        );
        assert_eq!(
            column(&header, row, "Pillars"),
            name(&dataset.pillars, &r.pillars)
        );
        assert_eq!(
            column(&header, row, "Addressees"),
            name(&dataset.vocabularies.addressees, &r.addressees)
        );
        assert_eq!(column(&header, row, "Source report"), r.source.report);
        assert_eq!(column(&header, row, "Source section"), r.source.section);
        assert_eq!(
            column(&header, row, "Source bullet"),
            r.source.bullet.to_string()
        );
        assert_eq!(
            column(&header, row, "Source line"),
            r.source.line.to_string()
        );
    }
}

#[test]
fn every_sheet_is_a_table_with_the_datasets_rows_and_no_formula() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let participants: usize = dataset.sessions.iter().map(|s| s.participants.len()).sum();
    for (sheet, count) in [
        ("Recommendations", dataset.recommendations.len()),
        ("Conferences", dataset.conferences.len()),
        ("Sessions", dataset.sessions.len()),
        ("Participants", participants),
        ("People", dataset.people.len()),
        ("Organizations", dataset.organizations.len()),
        ("Themes", dataset.themes.len()),
        ("Instruments", dataset.instruments.len()),
    ] {
        assert_eq!(rows(&mut book, sheet).1.len(), count, "{sheet}");
    }
    book.load_tables().expect("tables");
    let names: Vec<String> = book.table_names().into_iter().cloned().collect();
    let mut tables: Vec<(String, String)> = names
        .into_iter()
        .map(|t| {
            let sheet = book
                .sheet_names()
                .into_iter()
                .find(|s| book.table_names_in_sheet(s).contains(&&t))
                .expect("a sheet");
            (sheet, t)
        })
        .collect();
    tables.sort();
    assert_eq!(
        tables,
        [
            ("About", "About"),
            ("Conferences", "Conferences"),
            ("Instruments", "Instruments"),
            ("Organizations", "Organizations"),
            ("Participants", "Participants"),
            ("People", "People"),
            ("Recommendations", "Recommendations"),
            ("Sessions", "Sessions"),
            ("Summary", "RecommendationsBySession"),
            ("Summary", "ThemesByPillar"),
            ("Themes", "Themes"),
        ]
        .map(|(s, t)| (s.to_owned(), t.to_owned()))
    );
    let recommendations = book.table_by_name("Recommendations").expect("table");
    assert_eq!(
        recommendations.data().height(),
        dataset.recommendations.len()
    );
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
    // the summary counts each recommendation once per theme
    let (_, summary) = rows(&mut book, "Summary");
    let all_themes = summary
        .iter()
        .find(|row| row[0] == "All themes")
        .expect("a total row");
    assert_eq!(
        all_themes.last().map(String::as_str),
        Some(dataset.recommendations.len().to_string().as_str())
    );
}

#[test]
fn the_same_data_gives_the_same_bytes_dated_by_the_release() {
    let dataset = dataset();
    let a = workbook_bytes(&dataset, Selection::default());
    let b = workbook_bytes(&dataset, Selection::default());
    assert!(a == b, "two renders differ");
    let core = part(&a, "docProps/core.xml");
    assert!(
        core.contains(&format!(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:created>",
            dataset.release.date
        )),
        "{core}"
    );
}

#[test]
fn a_cell_too_long_for_excel_is_a_clear_error() {
    let mut dataset = dataset();
    dataset.recommendations[0].text = "x".repeat(32_768);
    let err = render(&dataset, &options(Selection::default())).expect_err("too long");
    let message = format!("{err:#}");
    assert!(
        message.contains("cannot hold the `Text` of `a17-panel-1-r01`")
            && message.contains("at most 32767 characters"),
        "{message}"
    );
}

#[test]
fn a_filtered_workbook_holds_the_subset_and_its_links_point_at_its_sessions() {
    let dataset = dataset();
    let selection = Selection {
        themes: vec!["trust-and-rapport".into()],
        ..Selection::default()
    };
    let subset = selection.apply(&dataset);
    let bytes = workbook_bytes(&dataset, selection);
    let mut book = open(&bytes);
    let (header, rows) = rows(&mut book, "Recommendations");
    let ids: Vec<&str> = rows.iter().map(|r| column(&header, r, "ID")).collect();
    let want: Vec<&str> = subset
        .recommendations
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, want);
    assert!(!ids.is_empty());
    let (session_header, sessions) = self::rows(&mut book, "Sessions");
    assert_eq!(sessions.len(), subset.sessions.len());
    // each recommendation's session link targets the row of its session
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    let links = elements(&sheet, "<hyperlink ", "</hyperlink>");
    assert_eq!(links.len(), rows.len());
    for ((tag, _), row) in links.iter().zip(&rows) {
        let location = tag
            .split("location=\"")
            .nth(1)
            .and_then(|l| l.split('"').next())
            .expect("an internal link");
        let target: usize = location
            .trim_start_matches("'Sessions'!A")
            .parse()
            .expect("a row number");
        assert_eq!(
            column(&session_header, &sessions[target - 2], "ID"),
            column(&header, row, "Session ID")
        );
    }
}

#[test]
fn the_conferences_sheet_has_a_row_per_conference_and_a_column_per_kind_of_figure() {
    let mut dataset = dataset();
    let moved = add_fictional_conference(&mut dataset);
    assert!(moved > 0);
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let (header, conferences) = rows(&mut book, "Conferences");
    assert_eq!(
        header,
        [
            "ID",
            "Series",
            "Edition",
            "Title",
            "Start date",
            "End date",
            "City",
            "Venue",
            "Organizer",
            "Participants",
            "OSCE participating States represented",
            "Partners for Co-operation represented",
            "Delegations",
            "Figures",
            "In line with",
            "Sessions",
            "Recommendations",
            "Source title",
            "Source report",
            "Source publisher",
        ]
    );
    assert_eq!(conferences.len(), 2);
    let (real, fictional) = (&conferences[0], &conferences[1]);
    let real_conference = &dataset.conferences[0];
    let source = real_conference.source.as_ref().expect("a source");
    for (name, want) in [
        ("ID", real_conference.id.as_str()),
        ("Edition", "17"),
        ("Title", real_conference.title.as_str()),
        ("Start date", "2017-04-03"),
        ("End date", "2017-04-04"),
        ("City", "Vienna"),
        ("Venue", "Hofburg"),
        // the conference-wide figure, not the session's 150 participants
        ("Participants", "381"),
        ("OSCE participating States represented", "57"),
        ("Delegations", ""),
        ("Source title", source.title.as_str()),
        ("Source report", source.report.as_str()),
    ] {
        assert_eq!(column(&header, real, name), want, "{name}");
    }
    assert!(
        column(&header, real, "Figures").ends_with("; some 150 participants [a17-thematic-2]"),
        "{real:?}"
    );
    assert_eq!(
        column(&header, real, "Organizer"),
        "Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings"
    );
    for (name, want) in [
        ("ID", FICTIONAL),
        ("Edition", "99"),
        ("Start date", "2031-05-06"),
        ("Organizer", ""),
        ("Participants", ""),
        ("Delegations", "12"),
        ("Figures", "12 delegations"),
        ("In line with", ""),
        ("Sessions", "1"),
        ("Recommendations", &moved.to_string()),
        ("Source title", ""),
        ("Source report", ""),
    ] {
        assert_eq!(column(&header, fictional, name), want, "{name}");
    }

    // each recommendation gives its own conference's edition and year
    let (header, recommendations) = rows(&mut book, "Recommendations");
    for (row, r) in recommendations.iter().zip(&dataset.recommendations) {
        let (edition, year) = if r.conference == FICTIONAL {
            ("99", "2031")
        } else {
            ("17", "2017")
        };
        assert_eq!(column(&header, row, "Conference"), r.conference);
        assert_eq!(column(&header, row, "Edition"), edition, "{}", r.id);
        assert_eq!(column(&header, row, "Year"), year, "{}", r.id);
    }
    let (_, about) = rows(&mut book, "About");
    let about: HashMap<&str, &str> = about
        .iter()
        .map(|row| (row[0].as_str(), row[1].as_str()))
        .collect();
    assert_eq!(about["Rows: Conferences"], "2");
    assert!(
        about["Conferences: Delegations"].ends_with(
            "Blank when the report gives no figure of this kind for the conference as a whole."
        ),
        "{about:?}"
    );
}

#[test]
fn the_about_sheet_says_what_every_column_holds_and_what_a_blank_means() {
    let dataset = dataset();
    let bytes = workbook_bytes(&dataset, Selection::default());
    let mut book = open(&bytes);
    let (_, about) = rows(&mut book, "About");
    let about: HashMap<&str, &str> = about
        .iter()
        .map(|row| (row[0].as_str(), row[1].as_str()))
        .collect();
    let mut described = 0;
    for sheet in book.sheet_names() {
        if ["Summary", "About"].contains(&sheet.as_str()) {
            continue;
        }
        let (header, _) = rows(&mut book, &sheet);
        for name in header {
            let item = format!("{sheet}: {name}");
            let text = about
                .get(item.as_str())
                .unwrap_or_else(|| panic!("no row {item}"));
            assert!(text.ends_with('.'), "{item}: {text}");
            described += 1;
        }
    }
    assert!(described > 60, "{described}");
    // an analyst filtering addressees learns why most are blank
    let addressees = about["Recommendations: Addressees"];
    assert!(
        addressees.contains(
            "Blank when the recommendation's text names no actor who should act: an addressee is recorded only where the text names one"
        ),
        "{addressees}"
    );
    let blank = dataset
        .recommendations
        .iter()
        .filter(|r| r.addressees.is_empty())
        .count();
    assert!(blank > dataset.recommendations.len() / 2);
    // a column that is never blank says nothing of blanks
    assert_eq!(about["Recommendations: ID"], "Stable id.");
    assert!(about["Organizations: Kind"].contains("Blank when"));
    assert!(
        about["Participants: Note"].ends_with("Blank when the report states the role directly.")
    );
}
