//! The free-text values of a dataset, for the hygiene rules: [`text_fields`], what people read
//! (names, titles, headings, quotations, descriptions), and [`every_text_field`], every text
//! value of every record (abbreviations, notes, venues, vocabulary terms, ... as well).

use std::borrow::Cow;
use std::fmt;

use alliance_core::Dataset;
use alliance_core::load::Kind;
use alliance_core::model::Term;

/// A text value: the record it belongs to, the field's name (as in `Origins::field`) and the
/// text. The id and the field's name are only spelt out for a finding, so that looking at every
/// text allocates nothing.
pub(crate) struct TextField<'a> {
    pub(crate) kind: Kind,
    pub(crate) id: Id<'a>,
    pub(crate) field: Field,
    pub(crate) text: &'a str,
    /// Which quotation of a report the text is, when it is one.
    pub(crate) quotation: Option<Quotation>,
}

/// A text that quotes a report, as [`Quotations`](alliance_authority::fidelity::Quotations) keys it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Quotation {
    /// A recommendation's text, by its position in `Dataset::recommendations`.
    Recommendation(usize),
    /// A printed affiliation: the person's position and the affiliation's.
    Affiliation(usize, usize),
    /// A printed figure: the conference's position and the figure's.
    Figure(usize, usize),
}

impl Quotation {
    /// The conference whose report is quoted.
    pub(crate) fn conference(self, ds: &Dataset) -> &str {
        match self {
            Quotation::Recommendation(r) => &ds.recommendations[r].conference,
            Quotation::Affiliation(p, a) => &ds.people[p].affiliations[a].conference,
            Quotation::Figure(c, _) => &ds.conferences[c].id,
        }
    }
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
    /// An item of a list (`also_printed_as.<n>`).
    Item(&'static str, usize),
    /// A field of an item of a list of tables (`affiliation.<n>.<name>`).
    ItemKey(&'static str, usize, &'static str),
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
            Field::Item(..) | Field::ItemKey(..) => Cow::Owned(self.to_string()),
        }
    }

    /// The name of the field (the last part of a dotted name).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Field::Named(name) | Field::Item(name, _) | Field::ItemKey(_, _, name) => name,
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Named(name) => f.write_str(name),
            Field::Item(list, i) => write!(f, "{list}.{i}"),
            Field::ItemKey(list, i, name) => write!(f, "{list}.{i}.{name}"),
        }
    }
}

/// Calls `visit` with every free-text value people read (names, titles, headings, quotations,
/// descriptions), in the dataset's order.
pub(crate) fn text_fields<'a>(ds: &'a Dataset, mut visit: impl FnMut(TextField<'a>)) {
    let mut quoted = |kind, id, field, text: &'a str, quotation| {
        visit(TextField {
            kind,
            id,
            field,
            text,
            quotation,
        });
    };
    for (ci, c) in ds.conferences.iter().enumerate() {
        quoted(
            Kind::Conference,
            Id::Record(&c.id),
            Field::Named("title"),
            &c.title,
            None,
        );
        for (fi, f) in c.figures.iter().enumerate() {
            quoted(
                Kind::Figure,
                Id::Figure(&c.id, &f.id),
                Field::Named("as_printed"),
                &f.as_printed,
                Some(Quotation::Figure(ci, fi)),
            );
        }
    }
    let mut add = |kind, id, field, text: &'a str| quoted(kind, id, field, text, None);
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
    for (ri, r) in ds.recommendations.iter().enumerate() {
        quoted(
            Kind::Recommendation,
            Id::Record(&r.id),
            Field::Named("text"),
            &r.text,
            Some(Quotation::Recommendation(ri)),
        );
    }
    for (pi, p) in ds.people.iter().enumerate() {
        let id = Id::Record(&p.id);
        quoted(Kind::Person, id, Field::Named("name"), &p.name, None);
        for (i, a) in p.affiliations.iter().enumerate() {
            quoted(
                Kind::Person,
                id,
                Field::ItemKey("affiliation", i, "as_printed"),
                &a.as_printed,
                Some(Quotation::Affiliation(pi, i)),
            );
            for (name, value) in [
                ("title", &a.title),
                ("unit", &a.unit),
                ("country", &a.country),
            ] {
                if let Some(v) = value {
                    quoted(
                        Kind::Person,
                        id,
                        Field::ItemKey("affiliation", i, name),
                        v,
                        None,
                    );
                }
            }
        }
    }
    let mut add = |kind, id, field, text: &'a str| quoted(kind, id, field, text, None);
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

/// Calls `visit` with every text value of the dataset: those of [`text_fields`], then the
/// others (conferences' series, venue, city and source; figures' qualifiers; honorifics;
/// participations' notes; organizations' abbreviations, countries and other printed names;
/// instruments' short names and references; the names and descriptions of every other
/// vocabulary's terms). Ids, references, dates and the release are not visited.
pub(crate) fn every_text_field<'a>(ds: &'a Dataset, mut visit: impl FnMut(TextField<'a>)) {
    text_fields(ds, &mut visit);
    let mut add = |kind, id, field, text: &'a str| {
        visit(TextField {
            kind,
            id,
            field,
            text,
            quotation: None,
        });
    };
    for c in &ds.conferences {
        let id = Id::Record(&c.id);
        for (name, value) in [
            ("series", &c.series),
            ("venue", &c.venue),
            ("city", &c.city),
        ] {
            add(Kind::Conference, id, Field::Named(name), value);
        }
        if let Some(s) = &c.source {
            for (name, value) in [
                ("source.title", &s.title),
                ("source.publisher", &s.publisher),
                ("source.attribution", &s.attribution),
            ] {
                add(Kind::Conference, id, Field::Named(name), value);
            }
        }
        for f in &c.figures {
            if let Some(q) = &f.qualifier {
                add(
                    Kind::Figure,
                    Id::Figure(&c.id, &f.id),
                    Field::Named("qualifier"),
                    q,
                );
            }
        }
    }
    for s in &ds.sessions {
        for (i, p) in s.participants.iter().enumerate() {
            if let Some(note) = &p.note {
                add(
                    Kind::Session,
                    Id::Record(&s.id),
                    Field::ItemKey("participant", i, "note"),
                    note,
                );
            }
        }
    }
    for p in &ds.people {
        if let Some(h) = &p.honorific {
            add(
                Kind::Person,
                Id::Record(&p.id),
                Field::Named("honorific"),
                h,
            );
        }
    }
    for o in &ds.organizations {
        let id = Id::Record(&o.id);
        for (name, value) in [("abbreviation", &o.abbreviation), ("country", &o.country)] {
            if let Some(v) = value {
                add(Kind::Organization, id, Field::Named(name), v);
            }
        }
        for (i, printed) in o.also_printed_as.iter().enumerate() {
            add(
                Kind::Organization,
                id,
                Field::Item("also_printed_as", i),
                printed,
            );
        }
    }
    for i in &ds.instruments {
        let id = Id::Record(&i.id);
        for (name, value) in [("short_name", &i.short_name), ("reference", &i.reference)] {
            if let Some(v) = value {
                add(Kind::Instrument, id, Field::Named(name), v);
            }
        }
    }
    let v = &ds.vocabularies;
    let vocabularies: [(Kind, &'a [Term]); 8] = [
        (Kind::Pillar, &ds.pillars),
        (Kind::Role, &v.roles),
        (Kind::SessionKind, &v.session_kinds),
        (Kind::Label, &v.labels),
        (Kind::Addressee, &v.addressees),
        (Kind::OrganizationKind, &v.organization_kinds),
        (Kind::InstrumentKind, &v.instrument_kinds),
        (Kind::FigureKind, &v.figure_kinds),
    ];
    for (kind, terms) in vocabularies {
        for t in terms {
            add(kind, Id::Record(&t.id), Field::Named("name"), &t.name);
            if let Some(d) = &t.description {
                add(kind, Id::Record(&t.id), Field::Named("description"), d);
            }
        }
    }
}

impl TextField<'_> {
    /// Whether alliance-export's workbook writes this text in a cell of its own or within
    /// one (figures, the parts of an affiliation and the descriptions of terms other than
    /// themes are not in the workbook).
    pub(crate) fn in_workbook(&self) -> bool {
        match (self.kind, self.field) {
            (Kind::Figure, _) => false,
            (Kind::Person, Field::ItemKey("affiliation", _, key)) => key == "as_printed",
            (Kind::FigureKind, _) => false,
            (
                Kind::Pillar
                | Kind::Role
                | Kind::SessionKind
                | Kind::Label
                | Kind::Addressee
                | Kind::OrganizationKind
                | Kind::InstrumentKind,
                field,
            ) => field.key() == "name",
            _ => true,
        }
    }

    /// A finding of `rule` about this text, pointing at the first place where the file spells
    /// `c`: the character itself or a TOML escape of it (`\u202E`, `\e`), looked for in the
    /// value when the loader recorded where it is, else in the record's table (else the
    /// finding points at the value or the record).
    pub(crate) fn finding_at_char(
        &self,
        cx: &crate::rule::Context<'_>,
        rule: &crate::rule::RuleInfo,
        message: impl Into<String>,
        c: char,
    ) -> crate::rule::Finding {
        let id = self.id.as_str();
        let field = self.field.as_str();
        let recorded = cx.loaded.origins.field(self.kind, &id, &field).is_some();
        // a field of an item that is not recorded is looked for in the item
        let within = match self.field {
            Field::ItemKey(list, i, _) if !recorded => Cow::Owned(format!("{list}.{i}")),
            _ => field.clone(),
        };
        let spellings = spellings(c);
        let spellings: Vec<&str> = spellings.iter().map(String::as_str).collect();
        let location = cx
            .locate_in_record(self.kind, &id, &within, &spellings)
            .or_else(|| cx.loaded.origins.locate(self.kind, &id, &field));
        cx.finding_at(rule, message, self.kind, &id, location)
    }

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

/// How a TOML file may write `c` in a string: itself, or escaped.
fn spellings(c: char) -> Vec<String> {
    let code = u32::from(c);
    let mut out = vec![
        c.to_string(),
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08X}"),
        format!("\\U{code:08x}"),
    ];
    if code < 0x100 {
        out.push(format!("\\x{code:02X}"));
        out.push(format!("\\x{code:02x}"));
    }
    let named = match c {
        '\u{8}' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\u{c}' => "\\f",
        '\r' => "\\r",
        '\u{1b}' => "\\e",
        _ => "",
    };
    if !named.is_empty() {
        out.push(named.to_owned());
    }
    out
}
