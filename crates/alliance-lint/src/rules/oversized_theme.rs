//! `oversized-theme`: a theme whose brief cannot fit one printed page.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Estimates, from the length of its recommendations and the sessions they come from, how much of
    /// an A4 page the theme's brief for each conference needs at its densest readable layout (two
    /// columns, smallest type), and warns, naming the conference, when its fullest brief is more than
    /// one page. The estimate is alliance-brief's own, calibrated
    /// against briefs printed with Chromium.
    ///
    /// ## Why it matters
    /// A brief is one page, by promise: alliance-brief refuses a theme that cannot fit. This rule says
    /// so when the data changes, before anyone prints.
    ///
    /// ## Example
    /// A theme tagged on 25 long recommendations from six sessions.
    ///
    /// ## How to fix
    /// Split the theme into two narrower ones, or move recommendations whose main subject is another
    /// theme.
    pub(crate) struct OversizedTheme;
    severity = Warning,
}

impl Check for OversizedTheme {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // one pass over the dataset for every theme, not one per theme
        for fill in alliance_layout::estimate_fills_indexed(&cx.index) {
            if let Some(conference) = fill.conference.filter(|_| fill.fill > 1.0) {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!(
                            "the brief of theme `{}` for conference `{conference}` needs about {:.0}% of a page",
                            fill.theme,
                            fill.fill * 100.0
                        ),
                        Kind::Theme,
                        &fill.theme,
                        "id",
                    )
                    .help("split the theme, or move recommendations to other themes"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn every_recommendation_in_one_theme() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/conferences/alliance-17/sessions");
        let mut edits: Vec<(String, String, String)> = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("sessions") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let name = format!(
                "conferences/alliance-17/sessions/{}",
                path.file_name().expect("name").to_string_lossy()
            );
            for line in text.lines().filter(|l| l.starts_with("themes = [")) {
                edits.push((
                    name.clone(),
                    format!("{line}\n"),
                    "themes = [\"criminal-justice\"]\n".to_owned(),
                ));
            }
        }
        // each edit replaces the first line still unchanged
        let edits: Vec<(&str, &str, &str)> = edits
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        snapshot_fixture!(super::OversizedTheme, &edits);
    }
}
