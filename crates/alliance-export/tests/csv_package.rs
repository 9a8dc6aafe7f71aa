//! The CSV files checked against their `datapackage.json` the way a Table Schema validator
//! does (headers, types, required values, id patterns, primary keys, foreign keys), for the
//! whole dataset, for every filter and with a fictional second conference; the conferences and
//! figures tables' fields and keys; every optional field saying what an empty cell means; and
//! formula neutralization of text cells. (CI also runs `frictionless validate` on the exported
//! real dataset.)

use std::collections::{HashMap, HashSet};

use alliance_core::model::Dataset;
use alliance_export::csv_files::TextCells;
use alliance_export::filter::Selection;
use alliance_export::{Format, Options, render};
use serde_json::Value;

mod common;
use common::{FICTIONAL, add_fictional_conference};

fn dataset() -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let loaded = alliance_core::load(&root).expect("the dataset loads");
    assert!(!loaded.has_errors());
    loaded.dataset
}

/// The CSV package: file name to bytes.
fn package(dataset: &Dataset, selection: Selection, text: TextCells) -> HashMap<String, Vec<u8>> {
    let options = Options {
        formats: vec![Format::Csv],
        selection,
        text,
    };
    render(dataset, &options)
        .expect("renders")
        .into_iter()
        .map(|f| {
            let path = f.path.to_string_lossy().replace('\\', "/");
            let name = path.strip_prefix("csv/").expect("under csv/").to_owned();
            (name, f.bytes)
        })
        .collect()
}

/// A table's rows as maps from column to value (`None` for an empty cell).
type Rows = Vec<HashMap<String, Option<String>>>;

fn read_csv(bytes: &[u8]) -> (Vec<String>, Rows) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            assert_eq!(r.len(), header.len());
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.clone(), (!v.is_empty()).then(|| v.to_owned())))
                .collect()
        })
        .collect();
    (header, rows)
}

/// Checks every resource against its schema; returns the row count of each.
fn validate(files: &HashMap<String, Vec<u8>>) -> HashMap<String, usize> {
    let descriptor: Value =
        serde_json::from_slice(&files["datapackage.json"]).expect("datapackage.json is JSON");
    assert_eq!(
        descriptor["$schema"],
        "https://datapackage.org/profiles/2.0/datapackage.json"
    );
    let resources = descriptor["resources"].as_array().expect("resources");
    assert_eq!(
        resources.len() + 1,
        files.len(),
        "one resource per CSV file"
    );
    let mut tables: HashMap<String, Rows> = HashMap::new();
    for resource in resources {
        let name = resource["name"].as_str().expect("name");
        let path = resource["path"].as_str().expect("path");
        assert_eq!(path, format!("{name}.csv"));
        let schema = &resource["schema"];
        let fields = schema["fields"].as_array().expect("fields");
        let (header, rows) = read_csv(&files[path]);
        let names: Vec<&str> = fields
            .iter()
            .map(|f| f["name"].as_str().expect("a field name"))
            .collect();
        assert_eq!(header, names, "{name}: header");
        for field in fields {
            let column = field["name"].as_str().expect("name");
            let ty = field["type"].as_str().expect("type");
            assert!(
                ["string", "integer", "date"].contains(&ty),
                "{name}.{column}: {ty}"
            );
            let constraints = &field["constraints"];
            for row in &rows {
                let Some(value) = &row[column] else {
                    assert!(
                        constraints["required"] != true,
                        "{name}.{column} is required"
                    );
                    continue;
                };
                match ty {
                    "integer" => {
                        let n: i64 = value.parse().unwrap_or_else(|_| {
                            panic!("{name}.{column}: {value:?} is not an integer")
                        });
                        if let Some(min) = constraints["minimum"].as_i64() {
                            assert!(n >= min, "{name}.{column}: {n}");
                        }
                    }
                    "date" => assert!(
                        alliance_core::load::parse_date(value).is_some(),
                        "{name}.{column}: {value:?}"
                    ),
                    _ => {}
                }
                if constraints["pattern"].is_string() {
                    assert!(
                        alliance_core::load::is_well_formed_id(value),
                        "{name}.{column}: {value:?} is not an id"
                    );
                }
            }
        }
        let key: Vec<&str> = schema["primaryKey"]
            .as_array()
            .expect("a primary key")
            .iter()
            .map(|k| k.as_str().expect("a column"))
            .collect();
        let mut seen = HashSet::new();
        for row in &rows {
            let values: Vec<&Option<String>> = key.iter().map(|k| &row[*k]).collect();
            assert!(values.iter().all(|v| v.is_some()), "{name}: null key");
            assert!(
                seen.insert(values.clone()),
                "{name}: duplicate key {values:?}"
            );
        }
        tables.insert(name.to_owned(), rows);
    }
    for resource in resources {
        let name = resource["name"].as_str().expect("name");
        let Some(keys) = resource["schema"]["foreignKeys"].as_array() else {
            continue;
        };
        for key in keys {
            let fields: Vec<&str> = key["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| f.as_str().expect("a column"))
                .collect();
            let target = key["reference"]["resource"].as_str().unwrap_or(name);
            let reference: Vec<&str> = key["reference"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| f.as_str().expect("a column"))
                .collect();
            let known: HashSet<Vec<&Option<String>>> = tables[target]
                .iter()
                .map(|row| reference.iter().map(|r| &row[*r]).collect())
                .collect();
            for row in &tables[name] {
                let values: Vec<&Option<String>> = fields.iter().map(|f| &row[*f]).collect();
                if values.iter().any(|v| v.is_none()) {
                    continue;
                }
                assert!(
                    known.contains(&values),
                    "{name}: {fields:?} = {values:?} not found in {target}"
                );
            }
        }
    }
    tables.into_iter().map(|(k, v)| (k, v.len())).collect()
}

#[test]
fn the_package_is_valid_and_complete() {
    let dataset = dataset();
    let counts = validate(&package(
        &dataset,
        Selection::default(),
        TextCells::Neutralized,
    ));
    assert_eq!(counts["recommendations"], dataset.recommendations.len());
    assert_eq!(counts["sessions"], dataset.sessions.len());
    assert_eq!(counts["people"], dataset.people.len());
    assert_eq!(counts["organizations"], dataset.organizations.len());
    assert_eq!(counts["instruments"], dataset.instruments.len());
    assert_eq!(counts["themes"], dataset.themes.len());
    let participants: usize = dataset.sessions.iter().map(|s| s.participants.len()).sum();
    assert_eq!(counts["participation"], participants);
    for link in [
        "recommendation_themes",
        "recommendation_pillars",
        "recommendation_addressees",
        "recommendation_instruments",
        "session_co_organizers",
        "participation",
        "affiliations",
    ] {
        assert!(counts.contains_key(link), "{link}");
    }
}

#[test]
fn every_filter_gives_a_valid_package_without_dangling_keys() {
    let dataset = dataset();
    let cases = [
        Selection {
            conferences: vec!["alliance-17".into()],
            ..Selection::default()
        },
        Selection {
            sessions: vec!["a17-thematic-2".into(), "a17-opening".into()],
            ..Selection::default()
        },
        Selection {
            themes: vec!["trust-and-rapport".into()],
            ..Selection::default()
        },
        Selection {
            pillars: vec!["prosecution".into()],
            ..Selection::default()
        },
        Selection {
            themes: vec!["emerging-trends".into()],
            pillars: vec!["prevention".into()],
            ..Selection::default()
        },
    ];
    for selection in cases {
        let subset = selection.apply(&dataset);
        let counts = validate(&package(
            &dataset,
            selection.clone(),
            TextCells::Neutralized,
        ));
        assert_eq!(
            counts["recommendations"],
            subset.recommendations.len(),
            "{selection:?}"
        );
        assert_eq!(counts["sessions"], subset.sessions.len(), "{selection:?}");
    }
}

#[test]
fn formula_like_text_is_prefixed_unless_raw_and_numbers_never_are() {
    let mut dataset = dataset();
    dataset.recommendations[0].text = "=HYPERLINK(\"http://example.invalid\")".to_owned();
    dataset.themes[0].name = "+1".to_owned();
    dataset.people[0].name = "@SUM(A1)".to_owned();
    dataset.organizations[0].name = "-1".to_owned();
    dataset.sessions[0].title = "\t=1".to_owned();
    dataset.instruments[0].name = "\r=1".to_owned();
    dataset.instruments[0].year = Some(-44);

    let cell = |files: &HashMap<String, Vec<u8>>, table: &str, column: &str| {
        let (_, rows) = read_csv(&files[&format!("{table}.csv")]);
        rows[0][column].clone().unwrap_or_default()
    };
    let safe = package(&dataset, Selection::default(), TextCells::Neutralized);
    assert_eq!(
        cell(&safe, "recommendations", "text"),
        "'=HYPERLINK(\"http://example.invalid\")"
    );
    assert_eq!(cell(&safe, "themes", "name"), "'+1");
    assert_eq!(cell(&safe, "people", "name"), "'@SUM(A1)");
    assert_eq!(cell(&safe, "organizations", "name"), "'-1");
    assert_eq!(cell(&safe, "sessions", "title"), "'\t=1");
    assert_eq!(cell(&safe, "instruments", "name"), "'\r=1");
    assert_eq!(
        cell(&safe, "instruments", "year"),
        "-44",
        "numbers stay numbers"
    );
    assert_eq!(
        cell(&safe, "recommendations", "id"),
        dataset.recommendations[0].id
    );
    let descriptor = String::from_utf8(safe["datapackage.json"].clone()).expect("utf-8");
    assert!(descriptor.contains("prefixed with an apostrophe"));

    let raw = package(&dataset, Selection::default(), TextCells::Raw);
    assert_eq!(
        cell(&raw, "recommendations", "text"),
        "=HYPERLINK(\"http://example.invalid\")"
    );
    assert_eq!(cell(&raw, "sessions", "title"), "\t=1");
    assert_eq!(cell(&raw, "instruments", "year"), "-44");
    let descriptor = String::from_utf8(raw["datapackage.json"].clone()).expect("utf-8");
    assert!(descriptor.contains("exactly as in the data"));
}

/// The descriptor's resource `name`.
fn resource<'a>(descriptor: &'a Value, name: &str) -> &'a Value {
    descriptor["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

#[test]
fn the_conferences_table_carries_each_conference_and_its_figures_a_table_of_their_own() {
    let mut dataset = dataset();
    add_fictional_conference(&mut dataset);
    let files = package(&dataset, Selection::default(), TextCells::Neutralized);
    let counts = validate(&files);
    assert_eq!(counts["conferences"], 2);
    let figures: usize = dataset.conferences.iter().map(|c| c.figures.len()).sum();
    assert_eq!(counts["figures"], figures);

    let descriptor: Value = serde_json::from_slice(&files["datapackage.json"]).expect("JSON");
    let conferences = resource(&descriptor, "conferences");
    let fields: Vec<(&str, &str)> = conferences["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| {
            (
                f["name"].as_str().expect("a name"),
                f["type"].as_str().expect("a type"),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("id", "string"),
            ("series", "string"),
            ("edition", "integer"),
            ("title", "string"),
            ("start_date", "date"),
            ("end_date", "date"),
            ("city", "string"),
            ("venue", "string"),
            ("organizer", "string"),
            ("in_line_with", "string"),
            ("source_report", "string"),
            ("source_title", "string"),
            ("source_publisher", "string"),
            ("source_attribution", "string"),
        ]
    );
    assert_eq!(
        conferences["schema"]["primaryKey"],
        serde_json::json!(["id"])
    );
    assert_eq!(
        conferences["schema"]["foreignKeys"],
        serde_json::json!([
            {"fields": ["organizer"], "reference": {"resource": "organizations", "fields": ["id"]}}
        ])
    );
    let figures = resource(&descriptor, "figures");
    assert_eq!(
        figures["schema"]["primaryKey"],
        serde_json::json!(["conference", "id"])
    );
    assert_eq!(
        figures["schema"]["foreignKeys"],
        serde_json::json!([
            {"fields": ["conference"], "reference": {"resource": "conferences", "fields": ["id"]}},
            {"fields": ["kind"], "reference": {"resource": "figure_kinds", "fields": ["id"]}},
            {"fields": ["session"], "reference": {"resource": "sessions", "fields": ["id"]}}
        ])
    );

    let (_, rows) = read_csv(&files["conferences.csv"]);
    let fictional = rows
        .iter()
        .find(|r| r["id"].as_deref() == Some(FICTIONAL))
        .expect("the fictional conference");
    for (column, want) in [
        ("edition", Some("99")),
        ("start_date", Some("2031-05-06")),
        ("end_date", Some("2031-05-07")),
        ("city", Some("Nowhere")),
        ("venue", Some("Test hall")),
        ("organizer", None),
        ("in_line_with", None),
        ("source_report", None),
        ("source_title", None),
    ] {
        assert_eq!(fictional[column].as_deref(), want, "{column}");
    }
    let real = &rows[0];
    let source = dataset.conferences[0].source.as_ref().expect("a source");
    assert_eq!(real["source_title"].as_deref(), Some(source.title.as_str()));
    assert_eq!(
        real["source_report"].as_deref(),
        Some(source.report.as_str())
    );
    let (_, figure_rows) = read_csv(&files["figures.csv"]);
    let delegations = figure_rows
        .iter()
        .find(|r| r["conference"].as_deref() == Some(FICTIONAL))
        .expect("its figure");
    assert_eq!(delegations["kind"].as_deref(), Some("delegations"));
    assert_eq!(delegations["value"].as_deref(), Some("12"));
    assert_eq!(delegations["session"], None);

    // the fictional conference alone is a valid package too
    let selection = Selection {
        conferences: vec![FICTIONAL.into()],
        ..Selection::default()
    };
    let counts = validate(&package(&dataset, selection, TextCells::Neutralized));
    assert_eq!(counts["conferences"], 1);
    assert_eq!(counts["figures"], 1);
}

#[test]
fn every_optional_field_says_what_an_empty_cell_means() {
    let dataset = dataset();
    let files = package(&dataset, Selection::default(), TextCells::Neutralized);
    let descriptor: Value = serde_json::from_slice(&files["datapackage.json"]).expect("JSON");
    for resource in descriptor["resources"].as_array().expect("resources") {
        for field in resource["schema"]["fields"].as_array().expect("fields") {
            let at = format!("{}.{}", resource["name"], field["name"]);
            let description = field["description"].as_str().expect("a description");
            let required = field["constraints"]["required"] == true;
            let says =
                description.contains(" Empty when ") || description.contains(" Empty only if ");
            assert_eq!(says, !required, "{at}: {description}");
        }
    }
    // an analyst filtering addressees learns why most cells are empty
    let addressees = resource(&descriptor, "recommendations")["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == "addressees")
        .expect("addressees")["description"]
        .as_str()
        .expect("a description")
        .to_owned();
    assert!(
        addressees.contains("Empty when the recommendation's text names no actor who should act"),
        "{addressees}"
    );
    let (_, rows) = read_csv(&files["recommendations.csv"]);
    let empty = rows.iter().filter(|r| r["addressees"].is_none()).count();
    assert!(empty > rows.len() / 2, "{empty} of {}", rows.len());
}
