//! `--stats`: how complete the optional fields are, per kind of record.

use alliance_core::Dataset;
use serde_json::{Value, json};

/// Coverage of one optional field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// Kind of record ("recommendations").
    pub records: &'static str,
    /// Field name.
    pub field: &'static str,
    /// Records holding the field.
    pub holding: usize,
    /// Records of the kind.
    pub total: usize,
}

/// Coverage of every optional field, in a stable order.
pub fn coverage(ds: &Dataset) -> Vec<Coverage> {
    let mut out = Vec::new();
    let mut add = |records, field, holding: usize, total: usize| {
        out.push(Coverage {
            records,
            field,
            holding,
            total,
        });
    };
    macro_rules! count {
        ($records:literal, $list:expr, [$($field:literal => $test:expr),* $(,)?]) => {{
            let list = &$list;
            $(add($records, $field, list.iter().filter($test).count(), list.len());)*
        }};
    }
    count!("conferences", ds.conferences, [
        "organizer" => |c| c.organizer.is_some(),
        "in_line_with" => |c| !c.in_line_with.is_empty(),
        "figures" => |c| !c.figures.is_empty(),
        "source" => |c| c.source.is_some(),
    ]);
    count!("sessions", ds.sessions, [
        "date" => |s| s.date.is_some(),
        "co_organizers" => |s| !s.co_organizers.is_empty(),
        "contributors" => |s| !s.contributors.is_empty(),
        "instruments" => |s| !s.instruments.is_empty(),
        "participants" => |s| !s.participants.is_empty(),
    ]);
    count!("recommendations", ds.recommendations, [
        "themes" => |r| !r.themes.is_empty(),
        "pillars" => |r| !r.pillars.is_empty(),
        "addressees" => |r| !r.addressees.is_empty(),
        "instruments" => |r| !r.instruments.is_empty(),
    ]);
    count!("people", ds.people, [
        "honorific" => |p| p.honorific.is_some(),
        "affiliations" => |p| !p.affiliations.is_empty(),
    ]);
    let affiliations: Vec<_> = ds.people.iter().flat_map(|p| &p.affiliations).collect();
    count!("affiliations", affiliations, [
        "organization" => |a| a.organization.is_some(),
        "title" => |a| a.title.is_some(),
        "unit" => |a| a.unit.is_some(),
        "country" => |a| a.country.is_some(),
    ]);
    count!("organizations", ds.organizations, [
        "abbreviation" => |o| o.abbreviation.is_some(),
        "kind" => |o| o.kind.is_some(),
        "country" => |o| o.country.is_some(),
        "parent" => |o| o.parent.is_some(),
    ]);
    count!("instruments", ds.instruments, [
        "short_name" => |i| i.short_name.is_some(),
        "kind" => |i| i.kind.is_some(),
        "reference" => |i| i.reference.is_some(),
        "year" => |i| i.year.is_some(),
        "issuer" => |i| i.issuer.is_some(),
    ]);
    count!("themes", ds.themes, ["description" => |t| t.description.is_some()]);
    out
}

fn share(c: &Coverage) -> f64 {
    if c.total == 0 {
        0.0
    } else {
        c.holding as f64 / c.total as f64
    }
}

/// A table for people.
pub fn table(rows: &[Coverage]) -> String {
    let mut out = format!(
        "{:<16} {:<14} {:>9} {:>6}\n",
        "records", "field", "holding", "share"
    );
    for c in rows {
        out.push_str(&format!(
            "{:<16} {:<14} {:>9} {:>5.0}%\n",
            c.records,
            c.field,
            format!("{}/{}", c.holding, c.total),
            share(c) * 100.0
        ));
    }
    out
}

/// `{"recommendations": {"records": 59, "fields": {"addressees": {"holding": 10, "share": 0.17}}}}`
pub fn json(rows: &[Coverage]) -> Value {
    let mut out = serde_json::Map::new();
    for c in rows {
        let entry = out
            .entry(c.records)
            .or_insert_with(|| json!({ "records": c.total, "fields": {} }));
        entry["fields"][c.field] =
            json!({ "holding": c.holding, "share": (share(c) * 1000.0).round() / 1000.0 });
    }
    Value::Object(out)
}
