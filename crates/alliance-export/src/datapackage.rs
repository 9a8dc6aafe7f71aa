//! `datapackage.json`: the Frictionless Data Package (v2) descriptor of the CSV files, built
//! from the same table definitions as the files ([`crate::tables`]): every field's type and
//! constraints, every primary key and every foreign key, and every optional field's
//! description says what an empty cell means ([`crate::tables::Blank`]).

use serde::Serialize;

use alliance_core::model::Dataset;

use crate::csv_files::TextCells;
use crate::filter::{Phrasing, Selection};
use crate::tables::{FieldType, ID_PATTERN, Table};

/// The Data Package v2 profile the descriptor follows.
pub const PROFILE: &str = "https://datapackage.org/profiles/2.0/datapackage.json";

#[derive(Serialize)]
struct Package<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    name: String,
    title: &'a str,
    description: String,
    version: &'a str,
    created: String,
    keywords: [&'static str; 4],
    sources: Vec<PackageSource<'a>>,
    resources: Vec<Resource<'a>>,
}

#[derive(Serialize)]
struct PackageSource<'a> {
    title: &'a str,
}

#[derive(Serialize)]
struct Resource<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: &'static str,
    path: String,
    title: &'a str,
    description: &'a str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    schema: Schema<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema<'a> {
    fields: Vec<Field<'a>>,
    missing_values: [&'static str; 1],
    primary_key: &'a [&'static str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey<'a>>,
}

#[derive(Serialize)]
struct Field<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    constraints: Constraints,
}

#[derive(Serialize, Default)]
struct Constraints {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    required: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<i64>,
}

impl Constraints {
    fn is_empty(&self) -> bool {
        !self.required && self.pattern.is_none() && self.minimum.is_none()
    }
}

#[derive(Serialize)]
struct ForeignKey<'a> {
    fields: &'a [&'static str],
    reference: Reference<'a>,
}

#[derive(Serialize)]
struct Reference<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    fields: &'a [&'static str],
}

/// A Data Package name from a title: lowercase letters, digits and `-`.
fn package_name(title: &str) -> String {
    let mut name = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "alliance-dataset".to_owned()
    } else {
        name.to_owned()
    }
}

/// The bytes of `datapackage.json` for these tables.
pub fn descriptor(
    dataset: &Dataset,
    tables: &[Table<'_>],
    selection: &Selection,
    text: TextCells,
) -> anyhow::Result<Vec<u8>> {
    let release = &dataset.release;
    let mut description = String::from(
        "Recommendations, findings and conclusions of OSCE Alliance against Trafficking in Persons conferences, in the reports' own words, with their sessions, people, organizations, themes, pillars and instruments. One CSV file per entity and per controlled vocabulary, and one link table per many-to-many relation; the \"; \"-joined columns of the main tables are conveniences, the link tables are authoritative. An empty cell is a missing value; each optional field's description says when its cells are empty.",
    );
    description.push_str(match text {
        TextCells::Neutralized => {
            " Text cells that begin with =, +, -, @, a tab or a carriage return are prefixed with an apostrophe (') so that spreadsheets do not run them as formulas; `alliance-export --raw-csv` writes them unchanged."
        }
        TextCells::Raw => {
            " Text cells are exactly as in the data (exported with --raw-csv): a spreadsheet may read text that begins with =, +, -, @, a tab or a carriage return as a formula."
        }
    });
    if let Some(filters) = selection.describe(Phrasing::Options) {
        description.push_str(&format!(
            " A subset: the recommendations selected by {filters} and the records they need."
        ));
    }
    for source in dataset.conferences.iter().filter_map(|c| c.source.as_ref()) {
        description.push(' ');
        description.push_str(&source.attribution);
    }
    let mut sources: Vec<PackageSource<'_>> = Vec::new();
    for source in dataset.conferences.iter().filter_map(|c| c.source.as_ref()) {
        if !sources.iter().any(|s| s.title == source.title) {
            sources.push(PackageSource {
                title: &source.title,
            });
        }
    }
    let package = Package {
        schema: PROFILE,
        name: package_name(&release.title),
        title: &release.title,
        description,
        version: &release.version,
        created: format!("{}T00:00:00Z", release.date),
        keywords: [
            "human trafficking",
            "OSCE",
            "Alliance against Trafficking in Persons",
            "recommendations",
        ],
        sources,
        resources: tables.iter().map(resource).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&package)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn resource<'a>(table: &'a Table<'_>) -> Resource<'a> {
    Resource {
        name: table.name,
        ty: "table",
        path: table.file_name(),
        title: table.title,
        description: table.description,
        format: "csv",
        mediatype: "text/csv",
        encoding: "utf-8",
        schema: Schema {
            fields: table
                .fields
                .iter()
                .map(|f| Field {
                    name: f.name,
                    ty: match f.ty {
                        FieldType::String => "string",
                        FieldType::Integer => "integer",
                        FieldType::Date => "date",
                    },
                    description: f.full_description(),
                    constraints: Constraints {
                        required: f.required,
                        pattern: f.id.then_some(ID_PATTERN),
                        minimum: f.minimum,
                    },
                })
                .collect(),
            missing_values: [""],
            primary_key: &table.primary_key,
            foreign_keys: table
                .foreign_keys
                .iter()
                .map(|k| ForeignKey {
                    fields: &k.fields,
                    reference: Reference {
                        resource: k.resource,
                        fields: &k.reference,
                    },
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_lowercase_kebab_case() {
        assert_eq!(
            package_name("Alliance against Trafficking in Persons conferences"),
            "alliance-against-trafficking-in-persons-conferences"
        );
        assert_eq!(package_name("  Ünïcode & co. 2017!"), "n-code-co-2017");
        assert_eq!(package_name("--"), "alliance-dataset");
    }
}
