//! `text-too-long-for-workbook`: a text longer than an Excel cell holds.

use alliance_core::dates::thousands;
use alliance_core::diagnostic::Location;
use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, RuleInfo, declare_rule};
use crate::text_fields::every_text_field;

/// Characters (UTF-16 code units, as Excel counts them) an Excel cell holds.
const MAX_CELL_CHARS: usize = 32_767;

declare_rule! {
    /// ## What it does
    /// Finds texts that alliance-export's workbook writes (titles, headings, recommendation texts,
    /// names, abbreviations, printed affiliations, notes, theme descriptions, ...) that are longer
    /// than an Excel cell holds: 32,767 characters, counted as Excel counts them (UTF-16 code
    /// units). Also a person's printed affiliations and an organization's other printed names,
    /// which the workbook joins into one cell each (with `; `).
    ///
    /// ## Why it matters
    /// Excel cannot hold the text, so `alliance-export` refuses to write the workbook (exit code
    /// 2), after the dataset passed lint. Texts that long are almost always a paste gone wrong: a
    /// whole report pasted into a field, or a closing quote missing in a multi-line string.
    ///
    /// ## Example
    /// ```toml
    /// description = """Building, funding ... (40,000 characters)"""
    /// ```
    ///
    /// ## How to fix
    /// Shorten the text to what belongs in the field. If it really is that long, export CSV and
    /// JSON only (`alliance-export --format csv,json`).
    pub(crate) struct TextTooLongForWorkbook;
    severity = Warning,
}

impl Check for TextTooLongForWorkbook {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        every_text_field(cx.ds, |f| {
            if !f.in_workbook() {
                return;
            }
            if let Some(length) = too_long(std::iter::once(f.text), 0) {
                let field = f.field.as_str();
                let id = f.id.as_str();
                let location = start_of(cx, f.kind, &id, &field);
                out.push(finding(
                    cx,
                    &Self::INFO,
                    format!(
                        "`{field}` of `{id}` is {} characters long",
                        thousands(length)
                    ),
                    f.kind,
                    &id,
                    location,
                ));
            }
        });
        // cells that join several texts of one record
        for p in &cx.ds.people {
            let printed = p.affiliations.iter().map(|a| a.as_printed.as_str());
            if p.affiliations.len() > 1
                && let Some(length) = too_long(printed, 2)
            {
                let location = start_of(cx, Kind::Person, &p.id, "affiliation.0.as_printed");
                out.push(finding(
                    cx,
                    &Self::INFO,
                    format!(
                        "the printed affiliations of `{}`, joined in one cell, are {} characters long",
                        p.id,
                        thousands(length)
                    ),
                    Kind::Person,
                    &p.id,
                    location,
                ));
            }
        }
        for o in &cx.ds.organizations {
            let printed = o.also_printed_as.iter().map(String::as_str);
            if o.also_printed_as.len() > 1
                && let Some(length) = too_long(printed, 2)
            {
                let location = start_of(cx, Kind::Organization, &o.id, "also_printed_as");
                out.push(finding(
                    cx,
                    &Self::INFO,
                    format!(
                        "the other printed names of `{}`, joined in one cell, are {} characters long",
                        o.id,
                        thousands(length)
                    ),
                    Kind::Organization,
                    &o.id,
                    location,
                ));
            }
        }
    }
}

/// The length of `texts` joined with a separator of `separator` characters, in UTF-16 code
/// units, when it is more than a cell holds.
fn too_long<'a>(texts: impl Iterator<Item = &'a str> + Clone, separator: usize) -> Option<usize> {
    // UTF-8 never takes fewer bytes than UTF-16 units: most texts need no counting
    let count = texts.clone().count();
    let joins = separator * count.saturating_sub(1);
    let bytes: usize = texts.clone().map(str::len).sum::<usize>() + joins;
    if bytes <= MAX_CELL_CHARS {
        return None;
    }
    let units = texts.map(|t| t.encode_utf16().count()).sum::<usize>() + joins;
    (units > MAX_CELL_CHARS).then_some(units)
}

/// The start of a value: its first character when the loader recorded where the value is,
/// else its key (`description`), else the record's id.
fn start_of(cx: &Context<'_>, kind: Kind, id: &str, field: &str) -> Option<Location> {
    if let Some(mut loc) = cx.loaded.origins.field(kind, id, field) {
        let text = &cx.sources().get(loc.file).text;
        let first = text
            .get(loc.span.clone())
            .and_then(|v| v.chars().next())
            .map_or(0, char::len_utf8);
        loc.span = loc.span.start..loc.span.start + first;
        return Some(loc);
    }
    let key = field.rsplit('.').next().unwrap_or(field);
    let key = if key.bytes().all(|b| b.is_ascii_digit()) {
        field.split('.').next().unwrap_or(field)
    } else {
        key
    };
    cx.locate_key(kind, id, key, None)
        .map(|mut loc| {
            loc.span = loc.span.start..loc.span.start + key.len();
            loc
        })
        .or_else(|| cx.loaded.origins.locate(kind, id, field))
}

fn finding(
    cx: &Context<'_>,
    rule: &RuleInfo,
    message: String,
    kind: Kind,
    id: &str,
    location: Option<Location>,
) -> Finding {
    cx.finding_at(
        rule,
        format!(
            "{message}, more than the {} an Excel cell holds",
            thousands(MAX_CELL_CHARS)
        ),
        kind,
        id,
        location,
    )
    .note("alliance-export cannot write the workbook with it, and stops (exit code 2)")
    .help(
        "shorten the text; if it really is that long, export CSV and JSON only (--format csv,json)",
    )
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn a_description_and_printed_names() {
        let long = "x".repeat(super::MAX_CELL_CHARS + 1);
        let half = "y".repeat(super::MAX_CELL_CHARS / 2);
        // astral characters count twice, as Excel counts them
        let astral = "\u{1d11e}".repeat(super::MAX_CELL_CHARS / 2 + 1);
        let description = format!("description = \"{long}\"");
        let also = format!("also_printed_as = [\"{half}\", \"{half}\"]\nkind = \"media\"");
        let title = format!("title = \"Opening {astral}\"");
        // one unit short of the limit: not reported
        let fits = format!("name = \"{}\"", "z".repeat(super::MAX_CELL_CHARS));
        snapshot_fixture!(
            super::TextTooLongForWorkbook,
            &[
                (
                    "vocabularies/themes.toml",
                    "description = \"Building, funding and joining up the national systems that protect children, so that anti-trafficking work is part of child protection rather than a separate track, and so that those systems hold up in crises and large influxes.\"",
                    &description
                ),
                ("registry/organizations.toml", "kind = \"media\"", &also),
                (
                    "conferences/alliance-17/sessions/01-opening-session.toml",
                    "title = \"Opening session\"",
                    &title
                ),
                ("registry/organizations.toml", "name = \"Holy See\"", &fits),
            ]
        );
    }
}
