//! The free-text values of a dataset, for the hygiene rules.

use std::borrow::Cow;
use std::fmt;

use alliance_core::Dataset;
use alliance_core::load::Kind;

/// A text value: the record it belongs to, the field's name (as in `Origins::field`) and the
/// text. The id and the field's name are only spelt out for a finding, so that looking at every
/// text allocates nothing.
pub(crate) struct TextField<'a> {
    pub(crate) kind: Kind,
    pub(crate) id: Id<'a>,
    pub(crate) field: Field,
    pub(crate) text: &'a str,
}

/// The id of the record a text belongs to.
#[derive(Clone, Copy)]
pub(crate) enum Id<'a> {
    /// A record's own id.
    Record(&'a str),
    /// A figure: its conference's id and its own (`conference/figure`).
    Figure(&'a str, &'a str),
}

/// The name of a text's field.
#[derive(Clone, Copy)]
pub(crate) enum Field {
    /// A field of the record itself.
    Named(&'static str),
    /// A field of a person's affiliation (`affiliation.<n>.<name>`).
    Affiliation(usize, &'static str),
}

impl<'a> Id<'a> {
    /// The id as `Origins` knows it.
    pub(crate) fn as_str(self) -> Cow<'a, str> {
        match self {
            Id::Record(id) => Cow::Borrowed(id),
            Id::Figure(..) => Cow::Owned(self.to_string()),
        }
    }
}

impl fmt::Display for Id<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Id::Record(id) => f.write_str(id),
            Id::Figure(conference, figure) => write!(f, "{conference}/{figure}"),
        }
    }
}

impl Field {
    /// The field's name as `Origins` knows it.
    pub(crate) fn as_str(self) -> Cow<'static, str> {
        match self {
            Field::Named(name) => Cow::Borrowed(name),
            Field::Affiliation(..) => Cow::Owned(self.to_string()),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Named(name) => f.write_str(name),
            Field::Affiliation(i, name) => write!(f, "affiliation.{i}.{name}"),
        }
    }
}

/// Calls `visit` with every free-text value people read (names, titles, headings, quotations,
/// descriptions), in the dataset's order.
pub(crate) fn text_fields<'a>(ds: &'a Dataset, mut visit: impl FnMut(TextField<'a>)) {
    let mut add = |kind, id, field, text: &'a str| {
        visit(TextField {
            kind,
            id,
            field,
            text,
        });
    };
    for c in &ds.conferences {
        add(
            Kind::Conference,
            Id::Record(&c.id),
            Field::Named("title"),
            &c.title,
        );
        for f in &c.figures {
            add(
                Kind::Figure,
                Id::Figure(&c.id, &f.id),
                Field::Named("as_printed"),
                &f.as_printed,
            );
        }
    }
    for s in &ds.sessions {
        add(
            Kind::Session,
            Id::Record(&s.id),
            Field::Named("title"),
            &s.title,
        );
        add(
            Kind::Session,
            Id::Record(&s.id),
            Field::Named("heading"),
            &s.heading,
        );
    }
    for r in &ds.recommendations {
        add(
            Kind::Recommendation,
            Id::Record(&r.id),
            Field::Named("text"),
            &r.text,
        );
    }
    for p in &ds.people {
        let id = Id::Record(&p.id);
        add(Kind::Person, id, Field::Named("name"), &p.name);
        for (i, a) in p.affiliations.iter().enumerate() {
            add(
                Kind::Person,
                id,
                Field::Affiliation(i, "as_printed"),
                &a.as_printed,
            );
            for (name, value) in [
                ("title", &a.title),
                ("unit", &a.unit),
                ("country", &a.country),
            ] {
                if let Some(v) = value {
                    add(Kind::Person, id, Field::Affiliation(i, name), v);
                }
            }
        }
    }
    for o in &ds.organizations {
        add(
            Kind::Organization,
            Id::Record(&o.id),
            Field::Named("name"),
            &o.name,
        );
    }
    for i in &ds.instruments {
        add(
            Kind::Instrument,
            Id::Record(&i.id),
            Field::Named("name"),
            &i.name,
        );
    }
    for t in &ds.themes {
        add(
            Kind::Theme,
            Id::Record(&t.id),
            Field::Named("name"),
            &t.name,
        );
        if let Some(d) = &t.description {
            add(
                Kind::Theme,
                Id::Record(&t.id),
                Field::Named("description"),
                d,
            );
        }
    }
}

impl TextField<'_> {
    /// A finding of `rule` about this text, pointing at the first `needle` in it (see
    /// [`Context::finding_in`](crate::rule::Context::finding_in)).
    pub(crate) fn finding_in(
        &self,
        cx: &crate::rule::Context<'_>,
        rule: &crate::rule::RuleInfo,
        message: impl Into<String>,
        needle: &str,
    ) -> crate::rule::Finding {
        cx.finding_in(
            rule,
            message,
            self.kind,
            &self.id.as_str(),
            &self.field.as_str(),
            needle,
        )
    }
}
