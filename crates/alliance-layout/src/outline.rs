//! A theme's records as its brief sets them: the conferences of the masthead, the items grouped
//! by session and by label, the instruments cited, and the counts and references the page
//! prints about them. Nothing here formats text for the page beyond the summary's counts and
//! the references' bullet numbers; [`crate::view::ThemeBrief`] adds the rest, and the estimate
//! ([`crate::fit::Estimate::of`]) reads an outline directly.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use alliance_core::model::{Conference, Instrument, Recommendation, Session, Term};
use alliance_core::{Index, Vocabulary};

use crate::view::{PillarCount, PillarTag, SectionRef};

/// A theme's records, grouped as its brief sets them.
#[derive(Debug)]
pub struct Outline<'a> {
    /// The theme.
    pub theme: &'a Term,
    /// The conferences the brief shows, in the dataset's order: the one conference of a
    /// conference's brief ([`Outline::in_conference`]); those of the items of a brief across
    /// conferences ([`Outline::across`]); those the theme's items come from, or every
    /// conference when it has none ([`Outline::build`]).
    pub conferences: Vec<&'a Conference>,
    /// The items, in the dataset's order (by conference, in the order of `conferences`, for a
    /// brief across conferences); a recommendation whose session is not in the dataset is left
    /// out.
    pub entries: Vec<Entry<'a>>,
    /// The instruments the items cite, in the registry's order, each once.
    pub instruments: Vec<&'a Instrument>,
    /// Whether the items are grouped by conference before session, each conference with its
    /// own heading, summary and references (a brief across conferences).
    pub across: bool,
}

/// One item of a brief: a recommendation, finding or conclusion, with its session and the name
/// of its label.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The session it comes from.
    pub session: &'a Session,
    /// Its label's name ("Recommendations"), or the label's id when the vocabulary lacks it.
    pub label: &'a str,
    /// The record.
    pub rec: &'a Recommendation,
}

impl<'a> Outline<'a> {
    /// A theme's outline over the whole dataset, its conferences in the masthead and the items
    /// not grouped by conference: what the estimate was calibrated on. Costs the theme's own
    /// items, plus one pass over the conferences for a theme without any.
    pub fn build(index: &Index<'a>, theme: &'a Term) -> Self {
        let recs = index.recommendations_in(&theme.id);
        let mut conference_ids: Vec<&str> = Vec::new();
        for r in recs {
            if !conference_ids.contains(&r.conference.as_str()) {
                conference_ids.push(&r.conference);
            }
        }
        let conferences = if conference_ids.is_empty() {
            index.dataset().conferences.iter().collect()
        } else {
            index.conferences(&conference_ids)
        };
        Self::gather(index, theme, conferences, recs.iter().copied(), false)
    }

    /// A theme's outline in one conference: the brief `DIR/<conference-id>/<theme-id>.html`.
    /// Costs the theme's own items.
    pub fn in_conference(index: &Index<'a>, theme: &'a Term, conference: &'a Conference) -> Self {
        // the dataset keeps recommendations by conference (then session and order), so a
        // conference's are one run of the theme's: found by halving, not by a scan
        let all = index.recommendations_in(&theme.id);
        let start = all.partition_point(|r| r.conference.as_str() < conference.id.as_str());
        let run = &all[start..];
        let run = &run[..run.partition_point(|r| r.conference == conference.id)];
        Self::gather(index, theme, vec![conference], run.iter().copied(), false)
    }

    /// A theme's outline across `conferences` (in the dataset's order): its items grouped by
    /// conference, then session; the conferences without an item left out. Costs the theme's
    /// own items.
    pub fn across(index: &Index<'a>, theme: &'a Term, conferences: &[&'a Conference]) -> Self {
        let recs = index.recommendations_in(&theme.id);
        let place: HashMap<&str, usize> = conferences
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut by_conference: Vec<Vec<&'a Recommendation>> = vec![Vec::new(); conferences.len()];
        for &r in recs {
            if let Some(&i) = place.get(r.conference.as_str()) {
                by_conference[i].push(r);
            }
        }
        let kept = conferences
            .iter()
            .zip(&by_conference)
            .filter(|(_, recs)| !recs.is_empty())
            .map(|(c, _)| *c)
            .collect();
        Self::gather(
            index,
            theme,
            kept,
            by_conference.into_iter().flatten(),
            true,
        )
    }

    fn gather(
        index: &Index<'a>,
        theme: &'a Term,
        conferences: Vec<&'a Conference>,
        recs: impl Iterator<Item = &'a Recommendation>,
        across: bool,
    ) -> Self {
        let mut entries: Vec<Entry<'a>> = Vec::with_capacity(recs.size_hint().0);
        let mut current: Option<&'a Session> = None;
        for rec in recs {
            let session = match current {
                Some(s) if s.id == rec.session => s,
                _ => {
                    let Some(s) = index.session(&rec.session) else {
                        continue;
                    };
                    current = Some(s);
                    s
                }
            };
            let label = index
                .term(Vocabulary::Label, &rec.label)
                .map_or(rec.label.as_str(), |t| t.name.as_str());
            entries.push(Entry {
                session,
                label,
                rec,
            });
        }

        let mut instrument_ids: Vec<&str> = Vec::new();
        for e in &entries {
            for id in &e.rec.instruments {
                if !instrument_ids.contains(&id.as_str()) {
                    instrument_ids.push(id);
                }
            }
        }
        Outline {
            theme,
            conferences,
            instruments: index.instruments(&instrument_ids),
            entries,
            across,
        }
    }

    /// The conferences a theme has items in, in the dataset's order.
    pub fn conferences_of(index: &Index<'a>, theme: &str) -> Vec<&'a Conference> {
        let mut ids: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for r in index.recommendations_in(theme) {
            if ids.last() != Some(&r.conference.as_str()) && seen.insert(&r.conference) {
                ids.push(&r.conference);
            }
        }
        index.conferences(&ids)
    }

    /// The items of each conference in turn, with the conference: one part for a brief that is
    /// not across conferences (its items, with its first conference).
    pub fn parts(&self) -> Vec<(&'a Conference, &[Entry<'a>])> {
        if !self.across {
            return self
                .conferences
                .first()
                .map(|c| (*c, self.entries.as_slice()))
                .into_iter()
                .collect();
        }
        self.entries
            .chunk_by(|a, b| a.rec.conference == b.rec.conference)
            .filter_map(|entries| {
                let c = self
                    .conferences
                    .iter()
                    .find(|c| c.id == entries[0].rec.conference)?;
                Some((*c, entries))
            })
            .collect()
    }

    /// The items of each session in turn: consecutive items of one session.
    pub fn sessions(&self) -> impl Iterator<Item = &[Entry<'a>]> {
        sessions(&self.entries)
    }

    /// How many sessions the items come from.
    pub fn session_count(&self) -> usize {
        self.sessions().count()
    }

    /// "8 recommendations, 2 findings": each label's count, in order of first appearance.
    pub fn label_summary(&self) -> String {
        label_summary_of(&self.entries)
    }

    /// How many items fall under each pillar, in the pillars' order; pillars with none left
    /// out.
    pub fn pillar_counts(&self, index: &Index<'a>) -> Vec<PillarCount<'a>> {
        pillar_counts_of(index, &self.entries)
    }

    /// Where the items come from in their reports: consecutive items of one report section
    /// make one reference, with their bullet numbers ("1, 3, 5").
    pub fn references(&self) -> Vec<SectionRef<'a>> {
        references_of(&self.entries)
    }
}

/// The items of each session in turn: consecutive items of one session.
pub fn sessions<'e, 'a>(entries: &'e [Entry<'a>]) -> impl Iterator<Item = &'e [Entry<'a>]> {
    entries.chunk_by(|a, b| std::ptr::eq(a.session, b.session))
}

/// "8 recommendations, 2 findings": each label's count among `entries`, in order of first
/// appearance.
pub fn label_summary_of(entries: &[Entry<'_>]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for e in entries {
        match counts.iter_mut().find(|(name, _)| *name == e.label) {
            Some((_, count)) => *count += 1,
            None => counts.push((e.label, 1)),
        }
    }
    label_summary(counts)
}

/// How many of `entries` fall under each pillar, in the pillars' order; pillars with none left
/// out.
pub fn pillar_counts_of<'a>(index: &Index<'a>, entries: &[Entry<'a>]) -> Vec<PillarCount<'a>> {
    index
        .dataset()
        .pillars
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let count = entries
                .iter()
                .filter(|e| e.rec.pillars.contains(&p.id))
                .count();
            (count > 0).then(|| PillarCount {
                tag: PillarTag::new(i, p),
                count,
            })
        })
        .collect()
}

/// Where `entries` come from in their reports: consecutive items of one report section make
/// one reference, with their bullet numbers ("1, 3, 5").
pub fn references_of<'a>(entries: &[Entry<'a>]) -> Vec<SectionRef<'a>> {
    let mut refs: Vec<SectionRef<'a>> = Vec::new();
    for e in entries {
        let s = &e.rec.source;
        match refs.last_mut() {
            Some(last) if last.section == s.section && last.report == s.report => {
                // writing to a `String` cannot fail
                let _ = write!(last.bullets, ", {}", s.bullet);
            }
            _ => refs.push(SectionRef {
                section: &s.section,
                report: &s.report,
                bullets: s.bullet.to_string(),
            }),
        }
    }
    refs
}

/// "8 recommendations, 2 findings", from each label's name and count in order of appearance.
fn label_summary<'n>(counts: impl IntoIterator<Item = (&'n str, usize)>) -> String {
    counts
        .into_iter()
        .map(|(name, count)| {
            let name = name.to_lowercase();
            if count == 1 {
                format!("1 {}", singular(&name))
            } else {
                format!("{count} {name}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "recommendations" -> "recommendation".
fn singular(plural: &str) -> &str {
    plural.strip_suffix('s').unwrap_or(plural)
}

#[cfg(test)]
mod tests {
    use alliance_core::{Dataset, Index};

    use super::*;
    use crate::fit::{Estimate, Layout, Measures};
    use crate::view::ThemeBrief;

    /// The fictional fixture: the real 17th conference and a made-up 98th.
    fn two_conferences() -> Dataset {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/two-conferences");
        let loaded = alliance_core::load(&root).expect("the fixture exists");
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.dataset
    }

    fn ids<'a>(outline: &Outline<'a>) -> Vec<&'a str> {
        outline.entries.iter().map(|e| e.rec.id.as_str()).collect()
    }

    #[test]
    fn a_conference_s_outline_holds_its_items_only_and_across_groups_them_by_conference() {
        let ds = two_conferences();
        let index = Index::new(&ds);
        let theme = index.theme("criminal-justice").expect("theme");
        let (a17, a98) = (&ds.conferences[0], &ds.conferences[1]);
        assert_eq!(
            (a17.id.as_str(), a98.id.as_str()),
            ("alliance-17", "alliance-98")
        );
        assert_eq!(Outline::conferences_of(&index, &theme.id).len(), 2);

        let only98 = Outline::in_conference(&index, theme, a98);
        assert_eq!(
            ids(&only98),
            ["a98-panel-1-r03", "a98-panel-2-r01", "a98-panel-2-r02"]
        );
        assert_eq!(only98.conferences.len(), 1);
        assert!(!only98.across);
        assert_eq!(only98.label_summary(), "1 recommendation, 2 findings");

        let both = Outline::across(&index, theme, &[a17, a98]);
        assert!(both.across);
        let parts = both.parts();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0.id, "alliance-17");
        assert_eq!(parts[1].0.id, "alliance-98");
        assert_eq!(parts[0].1.len() + parts[1].1.len(), both.entries.len());
        assert!(parts[0].1.iter().all(|e| e.rec.conference == "alliance-17"));
        assert_eq!(references_of(parts[1].1).len(), 2);

        // a conference without an item of the theme is left out
        let trust = index.theme("trust-and-rapport").expect("theme");
        let across = Outline::across(&index, trust, &[a17, a98]);
        assert_eq!(across.conferences.len(), 1);
        assert!(
            Outline::in_conference(&index, trust, a98)
                .entries
                .is_empty()
        );
    }

    #[test]
    fn across_conferences_each_part_has_a_heading_and_the_masthead_no_panel() {
        let ds = two_conferences();
        let index = Index::new(&ds);
        let theme = index.theme("criminal-justice").expect("theme");
        let a17 = &ds.conferences[0];
        let measures = Measures::new(&index, Layout::Normal);
        let alone = Estimate::of(&Outline::in_conference(&index, theme, a17), &measures);
        let across = Estimate::of(&Outline::across(&index, theme, &[a17]), &measures);
        // the conference's panel leaves the masthead for a heading in the body
        assert!(across.masthead_mm < alone.masthead_mm);
        assert!(across.body_mm > alone.body_mm);
        // both conferences need more than either
        let both = Estimate::of(
            &Outline::across(&index, theme, &[a17, &ds.conferences[1]]),
            &measures,
        );
        assert!(both.body_mm > across.body_mm);
        assert!(both.footer_mm > across.footer_mm);

        // the organization both conferences share is named once, as the publisher of their
        // reports, not of the brief
        let brief = ThemeBrief::build(
            &index,
            Outline::across(&index, theme, &[a17, &ds.conferences[1]]),
        );
        assert_eq!(
            brief.provenance.from.as_deref(),
            Some("From the OSCE reports of 2 conferences")
        );
        assert_eq!(
            brief.provenance.about,
            "Made with the Alliance toolkit from the published reports. Its themes and pillars \
             are this dataset’s classification, not the OSCE’s."
        );
        assert!(brief.panels().is_empty());
        assert_eq!(brief.parts.len(), 2);
        assert_eq!(brief.parts[1].name, "98th conference");
        assert_eq!(
            brief.item_count,
            brief.parts[0].item_count + brief.parts[1].item_count
        );
    }

    #[test]
    fn every_theme_s_fill_is_that_of_its_fullest_conference() {
        let ds = two_conferences();
        let index = Index::new(&ds);
        let measures = Measures::new(&index, Layout::DENSEST);
        for (id, fill) in crate::estimate_fills(&ds) {
            let theme = index.theme(&id).expect("theme");
            let fullest = Outline::conferences_of(&index, &id)
                .into_iter()
                .map(|c| Estimate::of(&Outline::in_conference(&index, theme, c), &measures).fill())
                .fold(0.0, f64::max);
            assert_eq!(fill.to_bits(), fullest.to_bits(), "{id}");
            assert_eq!(
                fill.to_bits(),
                crate::estimate_fill(&ds, &id).to_bits(),
                "{id}"
            );
        }
    }
}
