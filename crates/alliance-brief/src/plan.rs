//! Which briefs a run writes, each with the layout it takes: the selection checked against the
//! dataset, every brief measured (on every core), and a brief that cannot fit one page refused.

use std::collections::{HashMap, HashSet};

use alliance_cli::ids::{UnknownIds, UnknownKind};
use alliance_core::Index;
use alliance_core::model::{Conference, Term};
use alliance_layout::{Layout, Measures, Outline, ThemeBrief, fit};
use rayon::prelude::*;

use crate::{CHUNK, Error, Oversize, Selection, Skipped};

/// The briefs of a run, checked: every one fits a page.
pub(crate) struct Plan<'a> {
    /// The briefs, in the order they are written: by conference, then theme (or by theme,
    /// across conferences).
    pub(crate) briefs: Vec<Planned<'a>>,
    /// The conferences selected, in the dataset's order.
    pub(crate) conferences: Vec<&'a Conference>,
    /// Whether the briefs are across conferences.
    pub(crate) across: bool,
    /// What the selection holds that no brief shows, which the run warns about.
    pub(crate) skipped: Vec<Skipped>,
}

/// One brief to write.
pub(crate) struct Planned<'a> {
    /// What it shows.
    pub(crate) brief: ThemeBrief<'a>,
    /// The layout it takes.
    pub(crate) layout: Layout,
    /// Its path in the output folder.
    pub(crate) path: String,
    /// Its conference; `None` across conferences.
    pub(crate) conference: Option<&'a Conference>,
}

impl Plan<'_> {
    /// How many themes the briefs are of.
    pub(crate) fn theme_count(&self) -> usize {
        let mut themes: Vec<&str> = self
            .briefs
            .iter()
            .map(|b| b.brief.theme.id.as_str())
            .collect();
        themes.sort_unstable();
        themes.dedup();
        themes.len()
    }

    /// How many conferences the briefs quote.
    pub(crate) fn conference_count(&self) -> usize {
        let mut conferences: Vec<&str> = self
            .briefs
            .iter()
            .flat_map(|b| b.brief.parts.iter().map(|p| p.head.conference.id.as_str()))
            .collect();
        conferences.sort_unstable();
        conferences.dedup();
        conferences.len()
    }
}

/// The briefs `selection` asks for, measured and checked, with what the selection holds that
/// no brief shows; a selection that matches no recommendation is [`Error::Empty`].
pub(crate) fn plan<'a>(index: &Index<'a>, selection: &Selection) -> Result<Plan<'a>, Error> {
    let (conferences, themes) = select(index, selection)?;
    let pairs = pairs(index, &conferences, &themes);
    let skipped = skipped(index, selection, &conferences, &themes, &pairs);
    let jobs: Vec<(Option<&'a Conference>, &'a Term)> = if selection.across {
        let mut with_items = vec![false; themes.len()];
        for &(_, t) in &pairs {
            with_items[t] = true;
        }
        themes
            .iter()
            .zip(with_items)
            .filter(|(_, has)| *has)
            .map(|(&t, _)| (None, t))
            .collect()
    } else {
        pairs
            .iter()
            .map(|&(c, t)| (Some(conferences[c]), themes[t]))
            .collect()
    };
    // each brief measures its own records in each layout it tries (most fit the first), not
    // every record of the dataset in every layout
    let measures = Layout::ALL.map(|layout| Measures::new(index, layout));
    let measured: Vec<_> = jobs
        .par_iter()
        .with_min_len(CHUNK)
        .filter_map(|&(conference, theme)| {
            let outline = match conference {
                Some(c) => Outline::in_conference(index, theme, c),
                None => Outline::across(index, theme, &conferences),
            };
            if outline.entries.is_empty() {
                return None;
            }
            let layout = fit::choose(&outline, &measures);
            Some((conference, ThemeBrief::build(index, outline), layout))
        })
        .collect();

    let mut oversize = Vec::new();
    let mut briefs = Vec::with_capacity(measured.len());
    for (conference, brief, layout) in measured {
        match layout {
            Ok((layout, _)) => briefs.push(Planned {
                path: brief_path(conference, &brief.theme.id),
                brief,
                layout,
                conference,
            }),
            Err(fill) => oversize.push(Oversize {
                theme: brief.theme.id.clone(),
                name: brief.theme.name.clone(),
                conferences: match conference {
                    Some(c) => vec![c.id.clone()],
                    None => conferences.iter().map(|c| c.id.clone()).collect(),
                },
                across: conference.is_none(),
                items: brief.item_count,
                fill,
            }),
        }
    }
    if !oversize.is_empty() {
        return Err(Error::Oversize(oversize));
    }
    if briefs.is_empty() {
        return Err(Error::Empty(skipped));
    }
    Ok(Plan {
        briefs,
        conferences,
        across: selection.across,
        skipped,
    })
}

/// How many recommendations under no theme a warning names by id.
const UNCLASSIFIED_NAMED: usize = 3;

/// What the selection holds that no brief shows, in the conferences' order, then the themes':
/// each selected conference without a recommendation under a selected theme; when themes are
/// given, each of them that has no recommendation in a conference that has briefs (across
/// conferences: in any); when none is given, the recommendations under no theme of each
/// conference that has briefs. `pairs` are the selected conferences and themes with items,
/// as positions in `conferences` and `themes`. Costs the dataset's recommendations once when
/// no theme is given, nothing more otherwise.
fn skipped(
    index: &Index<'_>,
    selection: &Selection,
    conferences: &[&Conference],
    themes: &[&Term],
    pairs: &[(usize, usize)],
) -> Vec<Skipped> {
    let across = selection.across;
    let given = !selection.themes.is_empty();
    let mut with_items = vec![false; conferences.len()];
    let mut theme_has = vec![false; themes.len()];
    let held: HashSet<(usize, usize)> = pairs.iter().copied().collect();
    for &(c, t) in pairs {
        with_items[c] = true;
        theme_has[t] = true;
    }
    let mut unclassified: HashMap<&str, (usize, Vec<String>)> = HashMap::new();
    if !given {
        for r in &index.dataset().recommendations {
            if r.themes.is_empty() {
                let (count, first) = unclassified.entry(r.conference.as_str()).or_default();
                *count += 1;
                if first.len() < UNCLASSIFIED_NAMED {
                    first.push(r.id.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, c) in conferences.iter().enumerate() {
        if !with_items[i] {
            out.push(Skipped::Conference {
                conference: c.id.clone(),
                themes: if given {
                    themes.iter().map(|t| t.id.clone()).collect()
                } else {
                    Vec::new()
                },
                across,
            });
        } else if let Some((count, first)) = unclassified.remove(c.id.as_str()) {
            out.push(Skipped::Unclassified {
                conference: c.id.clone(),
                count,
                first,
            });
        }
    }
    if given && with_items.contains(&true) {
        for (t, theme) in themes.iter().enumerate() {
            let lacking: Vec<String> = conferences
                .iter()
                .enumerate()
                .filter(|&(c, _)| {
                    if across {
                        !theme_has[t]
                    } else {
                        with_items[c] && !held.contains(&(c, t))
                    }
                })
                .map(|(_, c)| c.id.clone())
                .collect();
            if !lacking.is_empty() {
                out.push(Skipped::Theme {
                    theme: theme.id.clone(),
                    conferences: lacking,
                    across,
                });
            }
        }
    }
    out
}

/// Where a brief is written: `<conference-id>/<theme-id>.html`, or `<theme-id>.html` across
/// conferences.
pub(crate) fn brief_path(conference: Option<&Conference>, theme: &str) -> String {
    match conference {
        Some(c) => format!("{}/{theme}.html", c.id),
        None => format!("{theme}.html"),
    }
}

/// The conferences and themes selected, in the dataset's order.
type Selected<'a> = (Vec<&'a Conference>, Vec<&'a Term>);

/// The conferences and themes selected, in the dataset's order (every one of a kind when none
/// is given), each checked to be known and to name a file or folder.
fn select<'a>(index: &Index<'a>, selection: &Selection) -> Result<Selected<'a>, Error> {
    let dataset = index.dataset();
    UnknownIds::from_kinds([
        UnknownKind::check(
            "--conference",
            "conference",
            &selection.conferences,
            dataset.conferences.iter().map(|c| c.id.clone()).collect(),
        ),
        UnknownKind::check(
            "--theme",
            "theme",
            &selection.themes,
            dataset.themes.iter().map(|t| t.id.clone()).collect(),
        ),
    ])
    .map_err(Error::UnknownIds)?;
    let picked = |given: &[String], id: &str| given.is_empty() || given.iter().any(|g| g == id);
    let conferences: Vec<&Conference> = dataset
        .conferences
        .iter()
        .filter(|c| picked(&selection.conferences, &c.id))
        .collect();
    let themes: Vec<&Term> = dataset
        .themes
        .iter()
        .filter(|t| picked(&selection.themes, &t.id))
        .collect();
    for id in conferences
        .iter()
        .map(|c| &c.id)
        .chain(themes.iter().map(|t| &t.id))
    {
        if id == "index" || !alliance_core::load::is_well_formed_id(id) {
            return Err(Error::BadId(id.clone()));
        }
    }
    Ok((conferences, themes))
}

/// Each selected theme with items in each selected conference, as positions in `conferences`
/// and `themes`: by conference, then theme, in the dataset's order. Costs the themes' items.
fn pairs(index: &Index<'_>, conferences: &[&Conference], themes: &[&Term]) -> Vec<(usize, usize)> {
    let position: HashMap<&str, usize> = conferences
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (t, theme) in themes.iter().enumerate() {
        for c in Outline::conferences_of(index, &theme.id) {
            if let Some(&at) = position.get(c.id.as_str()) {
                pairs.push((at, t));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}
