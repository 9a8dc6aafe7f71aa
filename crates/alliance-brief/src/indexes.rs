//! The index pages: `<conference-id>/index.html`, a conference's briefs, and `index.html`, the
//! conferences and the briefs across conferences. An index lists what its folder holds once
//! the run is over: the briefs this run writes and those an earlier run left there that the
//! dataset still has (`held`), so that a run of one theme keeps the others listed. The counts
//! of a brief left by an earlier run are those of the dataset now.

use std::collections::{HashMap, HashSet};

use alliance_core::Index;
use alliance_core::model::{Conference, Term};
use alliance_layout::view::{ConferenceHead, Origin, Provenance};
use alliance_layout::{Layout, Outline, generator};
use askama::Template;
use rayon::prelude::*;

use crate::plan::{Plan, brief_path};
use crate::templates::{ConferenceRow, ConferencesPage, IndexPage, IndexRow, PageInfo};
use crate::{Error, Page, finish};

/// Whether the output folder holds a file at this path (`/`-separated, relative to it).
pub(crate) type Held<'h> = dyn Fn(&str) -> bool + Sync + 'h;

/// How many rows an index sets in full (name, then summary and pillars on a line of their
/// own) before it sets them compact, one line each (summary after the name, no pillars).
/// Measured in Chromium with the real themes and extra ones: a conference's index holds 14 full
/// rows and 35 compact ones; the index of conferences 15 and 35. Past those an index takes a
/// second page.
const CONFERENCE_ROWS: usize = 13;
/// The same for the index of conferences.
const ROWS: usize = 14;

/// The themes with items in each conference, by conference id.
type Themes<'a> = HashMap<&'a str, Vec<&'a Term>>;

/// The index pages of a run: each selected conference's (when the run writes briefs per
/// conference and the conference has any), then `index.html`.
pub(crate) fn pages(
    index: &Index<'_>,
    plan: &Plan<'_>,
    held: &Held<'_>,
) -> Result<Vec<Page>, Error> {
    let dataset = index.dataset();
    let written: HashSet<&str> = plan.briefs.iter().map(|b| b.path.as_str()).collect();
    let has = |path: &str| written.contains(path) || held(path);
    let themes = themes_by_conference(index);
    let mut pages: Vec<Page> = if plan.across {
        Vec::new()
    } else {
        let made: Vec<Result<Option<Page>, Error>> = plan
            .conferences
            .par_iter()
            .map(|&c| conference_page(index, &themes, c, &has))
            .collect();
        made.into_iter()
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?
    };

    // the conferences whose index the folder holds, with their briefs
    let written_indexes: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let conferences: Vec<ConferenceRow<'_>> = dataset
        .conferences
        .par_iter()
        .filter(|c| {
            let path = format!("{}/index.html", c.id);
            written_indexes.contains(path.as_str()) || held(&path)
        })
        .map(|c| {
            let outlines = held_briefs(index, &themes, c, &has);
            let mut items: HashSet<&str> = HashSet::new();
            for o in &outlines {
                items.extend(o.entries.iter().map(|e| e.rec.id.as_str()));
            }
            ConferenceRow {
                head: ConferenceHead::build(index, c),
                briefs: outlines.len(),
                items: items.len(),
            }
        })
        .collect();
    // the briefs across conferences the folder holds: over the conferences of this run when
    // it writes them, over every conference otherwise
    let across_conferences: Vec<&Conference> = if plan.across {
        plan.conferences.clone()
    } else {
        dataset.conferences.iter().collect()
    };
    let rows: Vec<IndexRow<'_>> = dataset
        .themes
        .iter()
        .filter(|t| has(&brief_path(None, &t.id)))
        .map(|t| Outline::across(index, t, &across_conferences))
        .filter(|o| !o.entries.is_empty())
        .map(|o| IndexRow::of(index, &o))
        .collect();
    // the conferences the page lists, and those the briefs across conferences it lists quote
    let mut listed: Vec<&Conference> = conferences.iter().map(|r| r.head.conference).collect();
    if !rows.is_empty() {
        for &c in &across_conferences {
            if !listed.iter().any(|l| l.id == c.id) {
                listed.push(c);
            }
        }
    }
    let origins: Vec<Origin> = listed.iter().map(|c| Origin::of(index, c)).collect();
    let page = PageInfo {
        release: &dataset.release,
        generator: generator(),
        sources: Vec::new(),
        provenance: Provenance::of(&origins),
    };
    let html = ConferencesPage {
        conferences: &conferences,
        rows: &rows,
        across: true,
        compact: conferences.len() + rows.len() > ROWS,
        spec: Layout::Normal.spec(),
        page: &page,
    }
    .render()
    .map_err(Error::Template)?;
    pages.push(Page {
        path: "index.html".to_owned(),
        theme: None,
        conference: None,
        layout: None,
        html: finish(&html),
    });
    Ok(pages)
}

/// The outlines of a conference's briefs that the folder holds, in the themes' order.
fn held_briefs<'a>(
    index: &Index<'a>,
    themes: &Themes<'a>,
    conference: &'a Conference,
    has: &(dyn Fn(&str) -> bool + Sync),
) -> Vec<Outline<'a>> {
    themes
        .get(conference.id.as_str())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .copied()
        .filter(|t| has(&brief_path(Some(conference), &t.id)))
        .map(|t| Outline::in_conference(index, t, conference))
        .collect()
}

/// The themes with items in each conference, in the dataset's order. Costs the dataset's
/// recommendations once.
fn themes_by_conference<'a>(index: &Index<'a>) -> HashMap<&'a str, Vec<&'a Term>> {
    let dataset = index.dataset();
    let position: HashMap<&str, usize> = dataset
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut found: HashMap<&'a str, Vec<usize>> = HashMap::new();
    for r in &dataset.recommendations {
        let themes = found.entry(r.conference.as_str()).or_default();
        themes.extend(r.themes.iter().filter_map(|t| position.get(t.as_str())));
    }
    found
        .into_iter()
        .map(|(c, mut themes)| {
            themes.sort_unstable();
            themes.dedup();
            (c, themes.into_iter().map(|i| &dataset.themes[i]).collect())
        })
        .collect()
}

/// A conference's index, when the folder holds any of its briefs.
fn conference_page<'a>(
    index: &Index<'a>,
    themes: &Themes<'a>,
    conference: &'a Conference,
    has: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Option<Page>, Error> {
    let outlines = held_briefs(index, themes, conference, has);
    if outlines.is_empty() {
        return Ok(None);
    }
    let rows: Vec<IndexRow<'_>> = outlines.iter().map(|o| IndexRow::of(index, o)).collect();
    let head = ConferenceHead::build(index, conference);
    let page = PageInfo {
        release: &index.dataset().release,
        generator: generator(),
        sources: head.source.into_iter().collect(),
        provenance: Provenance::of([&head.origin]),
    };
    let html = IndexPage {
        head: &head,
        rows: &rows,
        across: false,
        compact: rows.len() > CONFERENCE_ROWS,
        spec: Layout::Normal.spec(),
        page: &page,
    }
    .render()
    .map_err(Error::Template)?;
    Ok(Some(Page {
        path: format!("{}/index.html", conference.id),
        theme: None,
        conference: Some(conference.id.clone()),
        layout: None,
        html: finish(&html),
    }))
}
