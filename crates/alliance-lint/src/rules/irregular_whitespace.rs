//! `irregular-whitespace`: leading, trailing or doubled spaces in a text.

use memchr::{memchr3, memmem};

use crate::rule::{Check, Context, Finding, declare_rule};
use crate::text_fields::text_fields;

declare_rule! {
    /// ## What it does
    /// Finds names, titles, headings, quotations and descriptions that start or end with whitespace,
    /// hold two spaces in a row, or hold a tab or line break.
    ///
    /// ## Why it matters
    /// Invisible differences break exact matching: filters in a spreadsheet, joins in pandas, the
    /// verbatim check against the report. They come from copying out of PDFs.
    ///
    /// ## Example
    /// ```toml
    /// name = "Kevin  Hyland"
    /// ```
    ///
    /// ## How to fix
    /// Remove the extra whitespace; join line breaks with one space.
    pub(crate) struct IrregularWhitespace;
    name = "irregular-whitespace",
    summary = "a text has leading, trailing or doubled spaces, or a line break",
    severity = Warning,
}

impl Check for IrregularWhitespace {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        text_fields(cx.ds, |f| {
            let problem = if f.text.starts_with(char::is_whitespace) {
                Some((
                    "starts with whitespace",
                    f.text
                        .chars()
                        .take_while(|c| c.is_whitespace())
                        .collect::<String>(),
                ))
            } else if f.text.ends_with(char::is_whitespace) {
                Some(("ends with whitespace", String::new()))
            } else if memmem::find(f.text.as_bytes(), b"  ").is_some() {
                Some(("has two spaces in a row", "  ".to_owned()))
            } else if memchr3(b'\t', b'\n', b'\r', f.text.as_bytes()).is_some() {
                Some(("has a tab or line break", String::new()))
            } else {
                None
            };
            if let Some((what, needle)) = problem {
                out.push(
                    f.finding_in(
                        cx,
                        &Self::INFO,
                        format!("`{}` of `{}` {what}", f.field, f.id),
                        &needle,
                    )
                    .help("use single spaces between words and none at either end"),
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn doubled_and_trailing() {
        let file = "conferences/alliance-17/sessions/04-thematic-1.toml";
        snapshot_fixture!(
            super::IrregularWhitespace,
            &[
                (
                    file,
                    "Social partnerships, as well",
                    "Social partnerships,  as well"
                ),
                (
                    "registry/people.toml",
                    "name = \"Kevin Hyland\"",
                    "name = \"Kevin Hyland \""
                ),
            ]
        );
    }
}
