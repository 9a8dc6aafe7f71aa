//! The Summary sheet: recommendations by theme × pillar (with a bar chart per theme) and by
//! session and label.

use std::collections::HashMap;

use alliance_core::model::{Dataset, Term};
use alliance_core::{Index, Vocabulary};
use anyhow::Context;
use rust_xlsxwriter::{Chart, ChartAxisCrossing, ChartType, Worksheet};

use super::cell::{Formats, Kind, Style, write_text};
use super::sheets::term_name;
use super::stream::{row_height, wrapped_lines};
use super::table::{Tables, add_table, unique_headers};

/// The sheet's name.
const SHEET: &str = "Summary";

/// The Summary sheet: recommendations by theme × pillar (with a bar chart per theme) and by
/// session and label. Every count is a number written by the export, never a formula.
///
/// In a constant-memory sheet (`row_by_row`) every row is written in order: each table (and
/// its header row) is added before its rows rather than after them.
pub(super) fn write_summary(
    ws: &mut Worksheet,
    ix: &Index<'_>,
    formats: &Formats,
    row_by_row: bool,
    tables: &mut Tables,
) -> anyhow::Result<()> {
    ws.set_name(SHEET).with_context(context)?;
    let ds = ix.dataset();
    let counts = Counts::new(ds);
    let mut summary = Summary {
        ws,
        formats,
        tables,
        row_by_row,
        first_width: first_width(ds),
        widths: Vec::new(),
    };
    let total_row = summary.by_theme(ds, &counts)?;
    if !ds.themes.is_empty() {
        summary.chart(ds)?;
    }
    summary.by_session(ix, total_row + 3)?;
    summary.finish()
}

fn context() -> String {
    format!("cannot write the workbook's `{SHEET}` sheet")
}

/// The row of the theme × pillar table's header.
const THEME_HEADER_ROW: u32 = 3;

/// What the Summary counts by theme and pillar.
struct Counts {
    /// Recommendations by theme, then pillar (a recommendation counts once in each).
    by_theme: Vec<Vec<usize>>,
    /// Recommendations by theme.
    theme_totals: Vec<usize>,
    /// Recommendations by pillar.
    pillar_totals: Vec<usize>,
}

impl Counts {
    fn new(ds: &Dataset) -> Self {
        let (theme_index, pillar_index) = (positions(&ds.themes), positions(&ds.pillars));
        let (n_themes, n_pillars) = (ds.themes.len(), ds.pillars.len());
        let mut counts = Counts {
            by_theme: vec![vec![0usize; n_pillars]; n_themes],
            theme_totals: vec![0usize; n_themes],
            pillar_totals: vec![0usize; n_pillars],
        };
        let (mut themes, mut pillars) = (Vec::new(), Vec::new());
        for r in &ds.recommendations {
            // each theme and pillar once (the lists are short)
            themes.clear();
            themes.extend(
                r.themes
                    .iter()
                    .filter_map(|t| theme_index.get(t.as_str()).copied()),
            );
            themes.sort_unstable();
            themes.dedup();
            pillars.clear();
            pillars.extend(
                r.pillars
                    .iter()
                    .filter_map(|p| pillar_index.get(p.as_str()).copied()),
            );
            pillars.sort_unstable();
            pillars.dedup();
            for &t in &themes {
                counts.theme_totals[t] += 1;
                for &p in &pillars {
                    counts.by_theme[t][p] += 1;
                }
            }
            for &p in &pillars {
                counts.pillar_totals[p] += 1;
            }
        }
        counts
    }
}

/// Each term's position in its vocabulary, by id.
fn positions(terms: &[Term]) -> HashMap<&str, usize> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect()
}

/// The width of column A, which holds theme names and session titles, wrapped.
fn first_width(ds: &Dataset) -> f64 {
    ds.themes
        .iter()
        .map(|t| t.name.chars().count())
        .chain(ds.sessions.iter().map(|s| s.title.chars().count()))
        .chain([12])
        .max()
        .map_or(10.0, |chars| ((chars + 2) as f64).clamp(10.0, 50.0))
}

/// The Summary sheet being written, with the widest text of each column so far.
struct Summary<'w> {
    ws: &'w mut Worksheet,
    formats: &'w Formats,
    tables: &'w mut Tables,
    row_by_row: bool,
    /// The width of column A.
    first_width: f64,
    /// The widest text of each column, in characters.
    widths: Vec<usize>,
}

impl Summary<'_> {
    fn track(&mut self, col: usize, chars: usize) {
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(chars);
    }

    fn text(&mut self, row: u32, col: u16, text: &str, style: Style) -> anyhow::Result<()> {
        write_text(self.ws, row, col, text, style, self.formats)
    }

    /// A first-column text (a theme's name or a session's title), its row as high as its
    /// wrapped lines (row by row, rows get no height of their own: see `stream_sheet`).
    fn first(&mut self, row: u32, text: &str) -> anyhow::Result<()> {
        self.text(row, 0, text, Style::Cell(Kind::Wrap))?;
        let lines = wrapped_lines(text, self.first_width);
        if lines > 1 && !self.row_by_row {
            self.ws.set_row_height(row, row_height(lines))?;
        }
        Ok(())
    }

    fn number(&mut self, row: u32, col: usize, n: usize) -> anyhow::Result<()> {
        let format = self.formats.number(Kind::Number);
        self.ws
            .write_number_with_format(row, u16::try_from(col)?, n as f64, format)?;
        Ok(())
    }

    fn heading(&mut self, row: u32, text: &str) -> anyhow::Result<()> {
        self.text(row, 0, text, Style::Heading)
    }

    /// A table over `rows` rows below a header row at `header_row`, its rows written by
    /// `write_row` (with the row's position and number); returns the number of the row below.
    fn table(
        &mut self,
        header_row: u32,
        name: &str,
        headers: Vec<String>,
        rows: usize,
        mut write_row: impl FnMut(&mut Self, usize, u32) -> anyhow::Result<()>,
    ) -> anyhow::Result<u32> {
        let headers = unique_headers(headers);
        for (i, h) in headers.iter().enumerate() {
            self.track(i, h.chars().count() + 4);
        }
        // row by row, a table goes in before its rows (it is resized as the file is written);
        // in memory, after them
        let table = |this: &mut Self| {
            add_table(
                this.ws,
                this.tables,
                (header_row, name),
                &headers,
                rows,
                this.formats,
            )
        };
        if self.row_by_row {
            table(self)?;
        }
        for i in 0..rows {
            write_row(self, i, header_row + 1 + u32::try_from(i)?)?;
        }
        if !self.row_by_row {
            table(self)?;
        }
        Ok(header_row + 1 + u32::try_from(rows.max(1))?)
    }

    /// A total row: its label, then the totals from column `first_col` on.
    fn totals(
        &mut self,
        row: u32,
        label: &str,
        first_col: usize,
        totals: impl IntoIterator<Item = usize>,
    ) -> anyhow::Result<()> {
        self.text(row, 0, label, Style::Bold)?;
        for (c, count) in totals.into_iter().enumerate() {
            self.number(row, first_col + c, count)?;
        }
        Ok(())
    }

    /// The theme × pillar table, with its heading and note; returns its total row.
    fn by_theme(&mut self, ds: &Dataset, counts: &Counts) -> anyhow::Result<u32> {
        self.heading(0, "Recommendations by theme and pillar")?;
        self.text(
            1,
            0,
            "A recommendation with several themes or pillars counts once in each; the totals count each recommendation once.",
            Style::Plain,
        )?;
        let mut headers = vec!["Theme".to_owned()];
        headers.extend(ds.pillars.iter().map(|p| p.name.clone()));
        headers.push("All pillars".to_owned());
        let n_pillars = ds.pillars.len();
        let total_row = self.table(
            THEME_HEADER_ROW,
            "ThemesByPillar",
            headers,
            ds.themes.len(),
            |summary, t, row| {
                summary.first(row, &ds.themes[t].name)?;
                for (p, count) in counts.by_theme[t].iter().enumerate() {
                    summary.number(row, p + 1, *count)?;
                }
                summary.number(row, n_pillars + 1, counts.theme_totals[t])
            },
        )?;
        let totals = counts.pillar_totals.iter().copied();
        self.totals(
            total_row,
            "All themes",
            1,
            totals.chain([ds.recommendations.len()]),
        )?;
        Ok(total_row)
    }

    /// The bar chart of recommendations per theme, beside the tables.
    fn chart(&mut self, ds: &Dataset) -> anyhow::Result<()> {
        let (n_themes, n_pillars) = (ds.themes.len(), ds.pillars.len());
        let first = THEME_HEADER_ROW + 1;
        let last = THEME_HEADER_ROW + u32::try_from(n_themes)?;
        let values_col = u16::try_from(n_pillars + 1)?;
        let mut chart = Chart::new(ChartType::Bar);
        chart.title().set_name("Recommendations per theme");
        chart.legend().set_hidden();
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.x_axis().set_name("Recommendations");
        chart
            .add_series()
            .set_name("Recommendations")
            .set_categories((SHEET, first, 0, last, 0))
            .set_values((SHEET, first, values_col, last, values_col));
        chart.set_width(640);
        chart.set_height(
            u32::try_from(n_themes)?
                .saturating_mul(26)
                .saturating_add(110)
                .max(300),
        );
        let chart_col = u16::try_from(n_pillars.max(ds.vocabularies.labels.len() + 1) + 3)?;
        self.ws
            .insert_chart(THEME_HEADER_ROW, chart_col, &chart)
            .with_context(context)?;
        Ok(())
    }

    /// The session × label table, with its heading at `heading_row`.
    fn by_session(&mut self, ix: &Index<'_>, heading_row: u32) -> anyhow::Result<()> {
        let ds = ix.dataset();
        self.heading(heading_row, "Recommendations by session")?;
        let mut headers = vec!["Session".to_owned(), "Kind".to_owned()];
        headers.extend(ds.vocabularies.labels.iter().map(|l| l.name.clone()));
        headers.push("Total".to_owned());
        let labels = positions(&ds.vocabularies.labels);
        let n_labels = ds.vocabularies.labels.len();
        let mut by_label = vec![0usize; n_labels];
        let mut label_totals = vec![0usize; n_labels];
        let total_row = self.table(
            heading_row + 2,
            "RecommendationsBySession",
            headers,
            ds.sessions.len(),
            |summary, s, row| {
                let session = &ds.sessions[s];
                let kind = term_name(ix, Vocabulary::SessionKind, &session.kind);
                summary.first(row, &session.title)?;
                summary.text(row, 1, kind, Style::Cell(Kind::Text))?;
                summary.track(1, kind.chars().count());
                let recommendations = ix.recommendations_of(&session.id);
                by_label.fill(0);
                for r in recommendations {
                    if let Some(&l) = labels.get(r.label.as_str()) {
                        by_label[l] += 1;
                        label_totals[l] += 1;
                    }
                }
                for (l, count) in by_label.iter().enumerate() {
                    summary.number(row, l + 2, *count)?;
                }
                summary.number(row, n_labels + 2, recommendations.len())
            },
        )?;
        let totals = label_totals.into_iter();
        self.totals(
            total_row,
            "All sessions",
            2,
            totals.chain([ds.recommendations.len()]),
        )
    }

    /// Sets the columns' widths and prints the sheet landscape.
    fn finish(self) -> anyhow::Result<()> {
        for (c, chars) in self.widths.iter().enumerate() {
            let width = if c == 0 {
                self.first_width
            } else {
                ((chars + 2) as f64).clamp(10.0, 24.0)
            };
            self.ws.set_column_width(u16::try_from(c)?, width)?;
        }
        self.ws.set_landscape();
        Ok(())
    }
}
