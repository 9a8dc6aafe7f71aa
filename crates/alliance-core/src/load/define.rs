//! The first pass: defining every record's id (malformed and duplicate ids are found here)
//! and recording where it and some of its values are.

use std::ops::Range;

use toml::Spanned;

use super::origins::Field;
use super::reader::{ConferenceFiles, Singles};
use super::{Kind, Loader, Origin, Suppression};
use crate::diagnostic::{Diagnostic, Location, codes};
use crate::files::SuppressionEntry;
use crate::id::is_well_formed_id;
use crate::source_map::FileId;

impl Loader {
    pub(super) fn define(
        &mut self,
        kind: Kind,
        key: &str,
        id: &Spanned<String>,
        file: FileId,
        span: Range<usize>,
    ) {
        if !is_well_formed_id(id.get_ref()) {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::MALFORMED_ID,
                    format!("{} id `{}` is not lowercase kebab-case", kind.noun(), id.get_ref()),
                )
                .at(file, id.span())
                .help("use lowercase ASCII letters and digits in words joined by single hyphens, e.g. `panel-1`"),
            );
        }
        let origin = Origin {
            file,
            span,
            id_span: id.span(),
            fields: Vec::new(),
        };
        if let Some(first) = self.origins.get(kind, key) {
            let first_path = self.sources.get(first.file).path.display().to_string();
            let (line, col) = self.sources.get(first.file).line_col(first.id_span.start);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::DUPLICATE_ID,
                    format!("duplicate {} id `{}`", kind.noun(), id.get_ref()),
                )
                .at(file, id.span())
                .label("defined again here")
                .note(format!("first defined at {first_path}:{line}:{col}")),
            );
        } else {
            self.origins.map_mut(kind).insert(key.to_owned(), origin);
        }
    }

    /// Defines the records of the vocabularies and registries (before any reference to them is
    /// checked).
    pub(super) fn define_singles(&mut self, singles: &Singles) {
        // people are the largest registry: room for all up front, not grown by doubling
        let people = singles.people.as_ref().map_or(0, |(_, p)| p.person.len());
        self.origins.reserve(Kind::Person, people);
        for (kind, file, vocabulary) in &singles.vocabularies {
            for term in &vocabulary.term {
                self.define(
                    *kind,
                    term.get_ref().id.get_ref(),
                    &term.get_ref().id,
                    *file,
                    term.span(),
                );
                let (id, t) = (term.get_ref().id.get_ref(), term.get_ref());
                // a finding in a term's free text points at the text, not at the id
                self.origins
                    .set(*kind, id, Field::Key("name"), t.name.span());
                if let Some(d) = &t.description {
                    self.origins
                        .set(*kind, id, Field::Key("description"), d.span());
                }
                self.suppressions(*kind, id, &t.allow, *file);
            }
        }
        if let Some((file, people)) = &singles.people {
            for p in &people.person {
                self.define(
                    Kind::Person,
                    p.get_ref().id.get_ref(),
                    &p.get_ref().id,
                    *file,
                    p.span(),
                );
                let id = p.get_ref().id.get_ref();
                for (i, a) in p.get_ref().affiliation.iter().enumerate() {
                    self.origins.set(
                        Kind::Person,
                        id,
                        Field::ItemKey("affiliation", i, "as_printed"),
                        a.as_printed.span(),
                    );
                }
                self.suppressions(Kind::Person, id, &p.get_ref().allow, *file);
            }
        }
        if let Some((file, orgs)) = &singles.organizations {
            for o in &orgs.organization {
                self.define(
                    Kind::Organization,
                    o.get_ref().id.get_ref(),
                    &o.get_ref().id,
                    *file,
                    o.span(),
                );
                self.suppressions(
                    Kind::Organization,
                    o.get_ref().id.get_ref(),
                    &o.get_ref().allow,
                    *file,
                );
            }
        }
        if let Some((file, instruments)) = &singles.instruments {
            for i in &instruments.instrument {
                self.define(
                    Kind::Instrument,
                    i.get_ref().id.get_ref(),
                    &i.get_ref().id,
                    *file,
                    i.span(),
                );
            }
        }
    }

    /// Defines the records of one conference folder: the conference, its sessions, their
    /// recommendations and its figures.
    pub(super) fn define_conference(&mut self, c: &ConferenceFiles) {
        let conf = &c.conference;
        let full = 0..self.sources.get(c.file).text.len();
        self.define(Kind::Conference, conf.id.get_ref(), &conf.id, c.file, full);
        if conf.id.get_ref() != &c.dir {
            let (id, dir) = (conf.id.get_ref(), &c.dir);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::DANGLING_REFERENCE,
                    format!("conference id `{id}` differs from its folder `conferences/{dir}`"),
                )
                .at(c.file, conf.id.span())
                .label(format!("the folder is `{dir}`"))
                .help(format!(
                    "a conference's id is its folder's name: write `id = \"{dir}\"`, \
                     or rename the folder to `{id}`"
                )),
            );
            self.misnamed.insert(c.dir.clone());
        }
        self.suppressions(Kind::Conference, conf.id.get_ref(), &conf.allow, c.file);
        for (file, s) in &c.sessions {
            let full = 0..self.sources.get(*file).text.len();
            let id = s.id.get_ref();
            self.define(Kind::Session, id, &s.id, *file, full);
            // values in the order fields sort, so that each is appended
            if let Some(date) = &s.date {
                self.origins
                    .set(Kind::Session, id, Field::Key("date"), date.span());
            }
            self.origins
                .set(Kind::Session, id, Field::Key("heading"), s.heading.span());
            self.origins
                .set(Kind::Session, id, Field::Key("order"), s.order.span());
            for (i, p) in s.participant.iter().enumerate() {
                self.origins
                    .set(Kind::Session, id, Field::Item("participant", i), p.span());
            }
            self.suppressions(Kind::Session, id, &s.allow, *file);
            for r in &s.recommendation {
                let rec = r.get_ref();
                self.define(
                    Kind::Recommendation,
                    rec.id.get_ref(),
                    &rec.id,
                    *file,
                    r.span(),
                );
                let id = rec.id.get_ref();
                for (field, span) in [
                    ("order", rec.order.span()),
                    ("source", r.get_ref().source.span()),
                    ("text", rec.text.span()),
                ] {
                    self.origins
                        .set(Kind::Recommendation, id, Field::Key(field), span);
                }
                self.suppressions(Kind::Recommendation, id, &rec.allow, *file);
            }
        }
        for f in &conf.figure {
            let key = format!("{}/{}", conf.id.get_ref(), f.get_ref().id.get_ref());
            self.define(Kind::Figure, &key, &f.get_ref().id, c.file, f.span());
            self.origins.set(
                Kind::Figure,
                &key,
                Field::Key("as_printed"),
                f.get_ref().as_printed.span(),
            );
        }
    }

    pub(super) fn suppressions(
        &mut self,
        kind: Kind,
        id: &str,
        allow: &[SuppressionEntry],
        file: FileId,
    ) {
        for a in allow {
            self.origins.suppressions.push(Suppression {
                kind,
                id: id.to_owned(),
                rule: a.rule.get_ref().clone(),
                reason: a.reason.get_ref().clone(),
                location: Location {
                    file,
                    span: a.rule.span(),
                },
            });
        }
    }
}
