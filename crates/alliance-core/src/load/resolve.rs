//! The second pass: turning parsed files into the model, checking every reference (with a
//! "did you mean" from edit distance), the dates and the release version.

use std::collections::BTreeMap;

use toml::Spanned;

use super::parse::check_date;
use super::reader::{ConferenceFiles, Singles};
use super::{Kind, Loader};
use crate::diagnostic::{Diagnostic, codes};
use crate::files::{FigureEntry, SessionFile};
use crate::model::{self, Dataset};
use crate::source_map::FileId;
use crate::text::closest;

impl Loader {
    /// Checks a reference; returns its value either way (moved, not copied).
    pub(super) fn reference(&mut self, kind: Kind, r: Spanned<String>, file: FileId) -> String {
        self.check_reference(kind, &r, file);
        r.into_inner()
    }

    pub(super) fn check_reference(&mut self, kind: Kind, r: &Spanned<String>, file: FileId) {
        let id = r.get_ref();
        let misnamed = kind == Kind::Conference && self.misnamed.contains(id);
        if !self.unreadable.contains(&kind) && !misnamed && !self.origins.contains(kind, id) {
            let help = match closest(id, self.origins.ids(kind)) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!("define it in {} or fix the id", kind.defined_in()),
            };
            self.diagnostics.push(
                Diagnostic::error(
                    codes::DANGLING_REFERENCE,
                    format!("unknown {} `{id}`", kind.noun()),
                )
                .at(file, r.span())
                .label(format!("no {} has this id", kind.noun()))
                .help(help),
            );
        }
    }

    pub(super) fn references(
        &mut self,
        kind: Kind,
        refs: Vec<Spanned<String>>,
        file: FileId,
    ) -> Vec<String> {
        refs.into_iter()
            .map(|r| self.reference(kind, r, file))
            .collect()
    }

    pub(super) fn optional_reference(
        &mut self,
        kind: Kind,
        r: Option<Spanned<String>>,
        file: FileId,
    ) -> Option<String> {
        r.map(|r| self.reference(kind, r, file))
    }

    /// Resolves the release, the vocabularies and the registries, once every record that can
    /// be referred to is defined.
    pub(super) fn resolve_singles(&mut self, mut singles: Singles, dataset: &mut Dataset) {
        if let Some((file, release)) = singles.release.take() {
            let valid = self.version(&release.version, file);
            self.date(&release.date, file);
            dataset.release = model::Release {
                title: release.title,
                version: if valid {
                    release.version.into_inner()
                } else {
                    String::new()
                },
                date: release.date.into_inner(),
            };
        }

        // Vocabularies.
        for (kind, file, vocabulary) in std::mem::take(&mut singles.vocabularies) {
            let mut terms = Vec::new();
            for t in vocabulary.term {
                let t = t.into_inner();
                terms.push(model::Term {
                    incompatible_with: self.references(kind, t.incompatible_with, file),
                    id: t.id.into_inner(),
                    name: t.name.into_inner(),
                    description: t.description.map(Spanned::into_inner),
                });
            }
            let v = &mut dataset.vocabularies;
            match kind {
                Kind::Theme => dataset.themes = terms,
                Kind::Pillar => dataset.pillars = terms,
                Kind::Role => v.roles = terms,
                Kind::SessionKind => v.session_kinds = terms,
                Kind::Label => v.labels = terms,
                Kind::Addressee => v.addressees = terms,
                Kind::OrganizationKind => v.organization_kinds = terms,
                Kind::InstrumentKind => v.instrument_kinds = terms,
                Kind::FigureKind => v.figure_kinds = terms,
                _ => {}
            }
        }
        self.resolve_registries(singles, dataset);
    }

    /// Resolves the registries: organizations, instruments, people.
    fn resolve_registries(&mut self, singles: Singles, dataset: &mut Dataset) {
        if let Some((file, orgs)) = singles.organizations {
            for o in orgs.organization {
                let o = o.into_inner();
                let kind = self.optional_reference(Kind::OrganizationKind, o.kind, file);
                let parent = self.optional_reference(Kind::Organization, o.parent, file);
                dataset.organizations.push(model::Organization {
                    id: o.id.into_inner(),
                    name: o.name,
                    abbreviation: o.abbreviation,
                    also_printed_as: o.also_printed_as,
                    kind,
                    country: o.country,
                    parent,
                });
            }
        }
        if let Some((file, instruments)) = singles.instruments {
            for i in instruments.instrument {
                let i = i.into_inner();
                let kind = self.optional_reference(Kind::InstrumentKind, i.kind, file);
                let issuer = self.optional_reference(Kind::Organization, i.issuer, file);
                dataset.instruments.push(model::Instrument {
                    id: i.id.into_inner(),
                    name: i.name,
                    short_name: i.short_name,
                    kind,
                    reference: i.reference,
                    year: i.year,
                    issuer,
                });
            }
        }
        if let Some((file, people)) = singles.people {
            for p in people.person {
                let p = p.into_inner();
                let mut affiliations = Vec::new();
                for a in p.affiliation {
                    affiliations.push(model::Affiliation {
                        conference: self.reference(Kind::Conference, a.conference, file),
                        organization: self.optional_reference(
                            Kind::Organization,
                            a.organization,
                            file,
                        ),
                        title: a.title,
                        unit: a.unit,
                        country: a.country,
                        as_printed: a.as_printed.into_inner(),
                    });
                }
                dataset.people.push(model::Person {
                    id: p.id.into_inner(),
                    name: p.name,
                    honorific: p.honorific,
                    affiliations,
                });
            }
        }
    }

    pub(super) fn conference(
        &mut self,
        c: ConferenceFiles,
        dataset: &mut Dataset,
        reports: &mut BTreeMap<String, FileId>,
    ) {
        let ConferenceFiles {
            dir,
            file,
            conference: conf,
            sessions,
            report,
        } = c;
        let conf_id = conf.id.get_ref().clone();
        let start = self.date(&conf.start_date, file);
        let end = self.date(&conf.end_date, file);
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INVERTED_DATES,
                    format!(
                        "end date {} is before start date {}",
                        conf.end_date.get_ref(),
                        conf.start_date.get_ref()
                    ),
                )
                .at(file, conf.end_date.span())
                .label("ends before it starts"),
            );
        }
        let organizer = self.optional_reference(Kind::Organization, conf.organizer, file);
        let in_line_with = self.references(Kind::Instrument, conf.in_line_with, file);

        // The report was read, and the sessions checked against its outline, with the
        // conference's files.
        if let Some(report_file) = report {
            reports.insert(conf_id.clone(), report_file);
        }
        let source = conf.source.map(|s| {
            let s = s.into_inner();
            let rel = format!("conferences/{dir}/{}", s.report.get_ref());
            model::Source {
                report: rel,
                title: s.title,
                publisher: s.publisher,
                attribution: s.attribution,
            }
        });
        let report_path = source
            .as_ref()
            .map(|s| s.report.clone())
            .unwrap_or_default();

        let session_ids: Vec<&str> = sessions
            .iter()
            .map(|(_, s)| s.id.get_ref().as_str())
            .collect();
        let figures = self.figures(conf.figure, &session_ids, &conf_id, &dir, file);

        for (sfile, s) in sessions {
            self.session(sfile, s, &conf_id, &report_path, dataset);
        }

        dataset.conferences.push(model::Conference {
            id: conf_id,
            series: conf.series,
            edition: conf.edition,
            title: conf.title,
            start_date: conf.start_date.into_inner(),
            end_date: conf.end_date.into_inner(),
            city: conf.city,
            venue: conf.venue,
            organizer,
            in_line_with,
            figures,
            source,
        });
    }

    /// Resolves a conference's figures; a figure's session must be one of `session_ids`, the
    /// conference's own.
    fn figures(
        &mut self,
        figures: Vec<Spanned<FigureEntry>>,
        session_ids: &[&str],
        conf_id: &str,
        dir: &str,
        file: FileId,
    ) -> Vec<model::Figure> {
        let mut resolved = Vec::new();
        for f in figures {
            let f = f.into_inner();
            let kind = self.reference(Kind::FigureKind, f.kind, file);
            let session = f.session.as_ref().map(|s| {
                if !self.unreadable.contains(&Kind::Session)
                    && !session_ids.contains(&s.get_ref().as_str())
                {
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::DANGLING_REFERENCE,
                            format!(
                                "unknown session `{}` in conference `{conf_id}`",
                                s.get_ref()
                            ),
                        )
                        .at(file, s.span())
                        .label("no session of this conference has this id")
                        .help(
                            match closest(s.get_ref(), session_ids.iter().copied()) {
                                Some(c) => format!("did you mean `{c}`?"),
                                None => {
                                    format!("sessions are defined in conferences/{dir}/sessions/")
                                }
                            },
                        ),
                    );
                }
                s.get_ref().clone()
            });
            resolved.push(model::Figure {
                id: f.id.into_inner(),
                kind,
                value: f.value,
                qualifier: f.qualifier,
                as_printed: f.as_printed.into_inner(),
                session,
            });
        }
        resolved
    }

    pub(super) fn session(
        &mut self,
        file: FileId,
        s: SessionFile,
        conf_id: &str,
        report_path: &str,
        dataset: &mut Dataset,
    ) {
        let session_id = s.id.get_ref().clone();
        let kind = self.reference(Kind::SessionKind, s.kind, file);
        if let Some(date) = &s.date {
            self.date(date, file);
        }
        let co_organizers = self.references(Kind::Organization, s.co_organizers, file);
        let contributors = self.references(Kind::Organization, s.contributors, file);
        let instruments = self.references(Kind::Instrument, s.instruments, file);
        let mut participants = Vec::new();
        for p in s.participant {
            let p = p.into_inner();
            participants.push(model::Participation {
                person: self.reference(Kind::Person, p.person, file),
                role: self.reference(Kind::Role, p.role, file),
                note: p.note,
            });
        }
        let heading = s.heading.into_inner();
        for r in s.recommendation {
            let r = r.into_inner();
            let loc = r.source.into_inner();
            let line = *loc.line.get_ref();
            dataset.recommendations.push(model::Recommendation {
                id: r.id.into_inner(),
                conference: conf_id.to_owned(),
                session: session_id.clone(),
                order: *r.order.get_ref(),
                label: self.reference(Kind::Label, r.label, file),
                themes: self.references(Kind::Theme, r.themes, file),
                pillars: self.references(Kind::Pillar, r.pillars, file),
                addressees: self.references(Kind::Addressee, r.addressees, file),
                instruments: self.references(Kind::Instrument, r.instruments, file),
                text: r.text.into_inner(),
                source: model::SourceLocation {
                    report: report_path.to_owned(),
                    section: heading.clone(),
                    bullet: loc.bullet,
                    line,
                },
            });
        }
        dataset.sessions.push(model::Session {
            id: session_id,
            conference: conf_id.to_owned(),
            kind,
            order: *s.order.get_ref(),
            title: s.title,
            heading,
            date: s.date.map(Spanned::into_inner),
            co_organizers,
            contributors,
            instruments,
            participants,
        });
    }

    /// Checks a semantic version (`MAJOR.MINOR.PATCH`, a `-pre` or `+build` suffix allowed).
    pub(super) fn version(&mut self, version: &Spanned<String>, file: FileId) -> bool {
        let valid = crate::version::release(version.get_ref()).is_some();
        if !valid {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::WRONG_TYPE,
                    format!("`{}` is not a release version", version.get_ref()),
                )
                .at(file, version.span())
                .label("expected MAJOR.MINOR.PATCH, e.g. \"1.0.0\" (or \"1.0.1-rc.1\")"),
            );
        }
        valid
    }

    pub(super) fn date(&mut self, date: &Spanned<String>, file: FileId) -> Option<(i32, u32, u32)> {
        let parsed = check_date(date.get_ref());
        if let Err(problem) = &parsed {
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INVALID_DATE,
                    format!("`{}` is not a calendar date", date.get_ref()),
                )
                .at(file, date.span())
                .label(problem.as_str())
                .help("write dates as a quoted ISO 8601 date, e.g. \"2017-04-03\""),
            );
        }
        parsed.ok()
    }
}
