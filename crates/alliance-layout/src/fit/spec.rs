//! The sizes of a brief ([`Spec`]): the one place they are written. The estimate measures
//! with them and the stylesheet of alliance-brief prints each of them from here (one template
//! value per size), so the page and its estimate cannot disagree.
//!
//! Sizes that change with the layout are the fields of [`Spec`] itself (see
//! [`Layout::spec`](super::Layout::spec)); those that every layout shares are grouped by the
//! block of the page they belong to ([`Page`], [`Masthead`], [`Panel`], [`Body`], [`Tag`],
//! [`Instruments`], [`Colophon`]). What the estimate does not measure (colours, the screen's
//! presentation, the indexes' tables, inline boxes that never make a line taller) is written in
//! the stylesheet alone.

/// The sizes of a layout that the stylesheet prints and the estimate measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spec {
    /// Theme title size, points.
    pub title_pt: f64,
    /// Theme description size, points; also the heading of a conference's part in a brief
    /// across conferences.
    pub lead_pt: f64,
    /// Body text size, points.
    pub body_pt: f64,
    /// Body line height, as a multiple of the size.
    pub leading: f64,
    /// Session heading size, points.
    pub head_pt: f64,
    /// Session details (moderator, rapporteur) and summary size, points.
    pub meta_pt: f64,
    /// Space above each item, millimetres.
    pub item_gap_mm: f64,
    /// Space above each session, millimetres.
    pub group_gap_mm: f64,
    /// Columns of recommendations.
    pub columns: u32,
    /// The page and its margins.
    pub page: Page,
    /// The masthead: rule, eyebrow, title and description.
    pub masthead: Masthead,
    /// The conference's panel in the masthead, with its key figures.
    pub panel: Panel,
    /// The recommendations: kicker, summary, sessions and items.
    pub body: Body,
    /// A pillar label.
    pub tag: Tag,
    /// The instruments cited.
    pub instruments: Instruments,
    /// The colophon: the references, sources and dataset at the foot of the page.
    pub colophon: Colophon,
}

/// The page and its margins, the same in every layout.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// The page size's name in CSS (`@page { size: ... }`); [`width_mm`](Self::width_mm) and
    /// [`height_mm`](Self::height_mm) are its dimensions.
    pub size: &'static str,
    /// Page width, millimetres.
    pub width_mm: f64,
    /// Page height, millimetres.
    pub height_mm: f64,
    /// Page margin at the top, millimetres.
    pub margin_top_mm: f64,
    /// Page margin left and right, millimetres.
    pub margin_side_mm: f64,
    /// Page margin at the bottom, millimetres.
    pub margin_bottom_mm: f64,
    /// Height the sheet stretches to so that the colophon sits at the foot of the page, a
    /// little under the printable height so that rounding never makes a second page; the
    /// height the estimate fills.
    pub sheet_min_height_mm: f64,
}

impl Page {
    /// Width of the text block, millimetres.
    pub const fn text_width_mm(&self) -> f64 {
        self.width_mm - 2.0 * self.margin_side_mm
    }
}

/// The masthead down to the conference's panel.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Masthead {
    /// The rule above it, millimetres.
    pub rule_mm: f64,
    /// The space under the rule, millimetres.
    pub padding_mm: f64,
    /// Eyebrow (the link to the index and the line naming the report) size, points.
    pub eyebrow_pt: f64,
    /// Eyebrow line height.
    pub eyebrow_leading: f64,
    /// Eyebrow letter spacing, ems.
    pub eyebrow_tracking_em: f64,
    /// Space between the eyebrow's link and the line naming the report, millimetres.
    pub eyebrow_gap_mm: f64,
    /// Space above the title, millimetres.
    pub title_gap_mm: f64,
    /// Title line height.
    pub title_leading: f64,
    /// Title letter spacing, ems.
    pub title_tracking_em: f64,
    /// Space above the description, millimetres.
    pub description_gap_mm: f64,
    /// Description line height.
    pub description_leading: f64,
    /// Space under the masthead, above the recommendations, millimetres.
    pub gap_under_mm: f64,
}

/// A conference's panel in the masthead: its title and details, and its key figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    /// Space above it, millimetres.
    pub gap_mm: f64,
    /// Its padding at the top and at the bottom, millimetres.
    pub padding_mm: f64,
    /// Its padding left and right, millimetres.
    pub padding_side_mm: f64,
    /// The rule on its left, millimetres.
    pub rule_mm: f64,
    /// Space between the details and the figures, millimetres.
    pub figures_gap_mm: f64,
    /// The conference's title size, points.
    pub title_pt: f64,
    /// Its line height.
    pub title_leading: f64,
    /// The line of details (edition, place, dates) size, points.
    pub details_pt: f64,
    /// Its line height.
    pub details_leading: f64,
    /// Width of a key figure, millimetres.
    pub figure_mm: f64,
    /// Space between key figures, millimetres.
    pub figure_gap_mm: f64,
    /// A figure's words size, points.
    pub figure_pt: f64,
    /// Their line height; what a figure's question takes at least is one such line.
    pub figure_leading: f64,
    /// A figure's number size, points.
    pub number_pt: f64,
    /// Its line height.
    pub number_leading: f64,
}

/// The recommendations, and what the page sets around them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Body {
    /// A kicker's size (the heading of the recommendations, and of the instruments), points.
    pub kicker_pt: f64,
    /// Its line height.
    pub kicker_leading: f64,
    /// Its letter spacing, ems.
    pub kicker_tracking_em: f64,
    /// The space between the kicker and its rule, millimetres.
    pub kicker_padding_mm: f64,
    /// The thin rule under the kicker and above a part across conferences, millimetres.
    pub rule_mm: f64,
    /// Space above the summary, millimetres.
    pub summary_gap_mm: f64,
    /// The summary's line height.
    pub summary_leading: f64,
    /// Space above the sessions, millimetres.
    pub groups_gap_mm: f64,
    /// Space between two columns, millimetres.
    pub column_gap_mm: f64,
    /// A session heading's line height.
    pub head_leading: f64,
    /// Space above a session's line of details, millimetres.
    pub meta_gap_mm: f64,
    /// Its line height.
    pub meta_leading: f64,
    /// A label's size (findings, conclusions) in a session's line, ems of that line.
    pub label_em: f64,
    /// Its letter spacing, ems.
    pub label_tracking_em: f64,
    /// Space above a list of items, millimetres.
    pub list_gap_mm: f64,
    /// A list's indent, where its numbers are, millimetres.
    pub list_indent_mm: f64,
    /// Space above the line saying a brief has no items, millimetres.
    pub empty_gap_mm: f64,
    /// Space above a conference's part in a brief across conferences, millimetres.
    pub part_gap_mm: f64,
    /// Space between a part's rule and its heading, millimetres.
    pub part_padding_mm: f64,
    /// A part heading's line height.
    pub part_leading: f64,
}

/// A pillar label: an unbreakable box of small capitals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tag {
    /// Size, points.
    pub size_pt: f64,
    /// Letter spacing, ems.
    pub tracking_em: f64,
    /// Space before it, millimetres.
    pub margin_mm: f64,
    /// Its padding left and right, millimetres.
    pub padding_side_mm: f64,
    /// Its border, millimetres.
    pub border_mm: f64,
}

/// The list of instruments cited.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Instruments {
    /// Space above it, millimetres.
    pub gap_mm: f64,
    /// Its padding at the top and at the bottom, millimetres.
    pub padding_mm: f64,
    /// Its padding left and right, millimetres.
    pub padding_side_mm: f64,
    /// Size, points.
    pub size_pt: f64,
    /// Line height.
    pub leading: f64,
}

/// The colophon at the foot of the page: a paragraph of references, each conference's source,
/// the dataset, and who made the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Colophon {
    /// Space above it at least, millimetres.
    pub padding_mm: f64,
    /// The thin rule above its first paragraph, millimetres.
    pub rule_mm: f64,
    /// Space between the rule above the first paragraph and the paragraph, millimetres.
    pub rule_padding_mm: f64,
    /// Space above the rule, millimetres.
    pub rule_gap_mm: f64,
    /// Space between paragraphs, millimetres.
    pub paragraph_gap_mm: f64,
    /// Size, points: at least [`COLOPHON_MIN_PT`].
    pub size_pt: f64,
    /// Line height.
    pub leading: f64,
    /// Letter spacing of a paragraph's key (Source, Dataset, About), ems.
    pub key_tracking_em: f64,
}

const MARGIN_TOP_MM: f64 = 13.0;
const MARGIN_BOTTOM_MM: f64 = 11.0;
const PAGE_HEIGHT_MM: f64 = 297.0;

/// The page of every layout: A4, and its margins.
pub(crate) const PAGE: Page = Page {
    size: "A4",
    width_mm: 210.0,
    height_mm: PAGE_HEIGHT_MM,
    margin_top_mm: MARGIN_TOP_MM,
    margin_side_mm: 16.0,
    margin_bottom_mm: MARGIN_BOTTOM_MM,
    sheet_min_height_mm: PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM - 2.0,
};

/// The masthead of every layout.
pub(crate) const MASTHEAD: Masthead = Masthead {
    rule_mm: 1.6,
    padding_mm: 2.4,
    eyebrow_pt: 7.0,
    eyebrow_leading: 1.3,
    eyebrow_tracking_em: 0.08,
    eyebrow_gap_mm: 4.0,
    title_gap_mm: 1.6,
    title_leading: 1.12,
    title_tracking_em: -0.01,
    description_gap_mm: 1.4,
    description_leading: 1.36,
    gap_under_mm: 4.0,
};

/// The conference's panel of every layout.
pub(crate) const PANEL: Panel = Panel {
    gap_mm: 2.6,
    padding_mm: 1.8,
    padding_side_mm: 3.0,
    rule_mm: 1.2,
    figures_gap_mm: 5.0,
    title_pt: 9.5,
    title_leading: 1.3,
    details_pt: 8.0,
    details_leading: 1.35,
    figure_mm: 28.0,
    figure_gap_mm: 3.5,
    figure_pt: 6.8,
    figure_leading: 1.2,
    number_pt: 13.0,
    number_leading: 1.05,
};

/// What every layout sets around the recommendations.
pub(crate) const BODY: Body = Body {
    kicker_pt: 7.5,
    kicker_leading: 1.3,
    kicker_tracking_em: 0.08,
    kicker_padding_mm: 1.2,
    rule_mm: 0.3,
    summary_gap_mm: 1.6,
    summary_leading: 1.35,
    groups_gap_mm: 1.0,
    column_gap_mm: 7.0,
    head_leading: 1.25,
    meta_gap_mm: 0.6,
    meta_leading: 1.3,
    label_em: 0.92,
    label_tracking_em: 0.05,
    list_gap_mm: 1.2,
    list_indent_mm: 6.0,
    empty_gap_mm: 3.0,
    part_gap_mm: 3.2,
    part_padding_mm: 1.0,
    part_leading: 1.25,
};

/// The pillar label of every layout.
pub(crate) const TAG: Tag = Tag {
    size_pt: 6.5,
    tracking_em: 0.05,
    margin_mm: 1.0,
    padding_side_mm: 1.1,
    border_mm: 0.2,
};

/// The list of instruments of every layout.
pub(crate) const INSTRUMENTS: Instruments = Instruments {
    gap_mm: 4.0,
    padding_mm: 1.6,
    padding_side_mm: 3.0,
    size_pt: 7.8,
    leading: 1.35,
};

/// The least size of the colophon's text, points: what it says of the page's provenance (the
/// report, the dataset, who made the page) is read as well as the rest.
pub const COLOPHON_MIN_PT: f64 = 7.5;

/// The colophon of every layout.
pub(crate) const COLOPHON: Colophon = Colophon {
    padding_mm: 4.0,
    rule_mm: 0.3,
    rule_padding_mm: 1.2,
    rule_gap_mm: 1.2,
    paragraph_gap_mm: 0.4,
    size_pt: 7.5,
    leading: 1.25,
    key_tracking_em: 0.06,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_the_size_it_names() {
        // the stylesheet asks for the page by name; the estimate measures its dimensions
        assert_eq!(PAGE.size, "A4");
        assert_eq!((PAGE.width_mm, PAGE.height_mm), (210.0, 297.0));
        assert_eq!(PAGE.text_width_mm(), 178.0);
        // a little under the printable height, so that rounding never makes a second page
        const {
            assert!(
                PAGE.sheet_min_height_mm
                    < PAGE.height_mm - PAGE.margin_top_mm - PAGE.margin_bottom_mm
            );
        }
    }

    #[test]
    fn the_colophon_is_set_large_enough_to_read() {
        // every layout shares the colophon; its provenance is at least 7.5 pt
        assert_eq!(COLOPHON_MIN_PT, 7.5);
        for layout in super::super::Layout::ALL {
            assert!(
                layout.spec().colophon.size_pt >= COLOPHON_MIN_PT,
                "{layout:?}"
            );
        }
    }
}
