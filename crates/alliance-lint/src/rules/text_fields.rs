//! The free-text values of a dataset, for the hygiene rules.

use alliance_core::Dataset;
use alliance_core::load::Kind;

/// A text value: the record it belongs to, the field's name (as in `Origins::field`) and the
/// text.
pub(crate) struct TextField<'a> {
    pub(crate) kind: Kind,
    pub(crate) id: String,
    pub(crate) field: String,
    pub(crate) text: &'a str,
}

/// Every free-text value people read: names, titles, headings, quotations, descriptions.
pub(crate) fn text_fields(ds: &Dataset) -> Vec<TextField<'_>> {
    let mut out = Vec::new();
    for c in &ds.conferences {
        add(&mut out, Kind::Conference, &c.id, "title", &c.title);
        for f in &c.figures {
            add(
                &mut out,
                Kind::Figure,
                &format!("{}/{}", c.id, f.id),
                "as_printed",
                &f.as_printed,
            );
        }
    }
    for s in &ds.sessions {
        add(&mut out, Kind::Session, &s.id, "title", &s.title);
        add(&mut out, Kind::Session, &s.id, "heading", &s.heading);
    }
    for r in &ds.recommendations {
        add(&mut out, Kind::Recommendation, &r.id, "text", &r.text);
    }
    for p in &ds.people {
        add(&mut out, Kind::Person, &p.id, "name", &p.name);
        for (i, a) in p.affiliations.iter().enumerate() {
            add(
                &mut out,
                Kind::Person,
                &p.id,
                &format!("affiliation.{i}.as_printed"),
                &a.as_printed,
            );
            for (name, value) in [
                ("title", &a.title),
                ("unit", &a.unit),
                ("country", &a.country),
            ] {
                if let Some(v) = value {
                    add(
                        &mut out,
                        Kind::Person,
                        &p.id,
                        &format!("affiliation.{i}.{name}"),
                        v,
                    );
                }
            }
        }
    }
    for o in &ds.organizations {
        add(&mut out, Kind::Organization, &o.id, "name", &o.name);
    }
    for i in &ds.instruments {
        add(&mut out, Kind::Instrument, &i.id, "name", &i.name);
    }
    for t in &ds.themes {
        add(&mut out, Kind::Theme, &t.id, "name", &t.name);
        if let Some(d) = &t.description {
            add(&mut out, Kind::Theme, &t.id, "description", d);
        }
    }
    out
}

fn add<'a>(out: &mut Vec<TextField<'a>>, kind: Kind, id: &str, field: &str, text: &'a str) {
    out.push(TextField {
        kind,
        id: id.to_owned(),
        field: field.to_owned(),
        text,
    });
}
