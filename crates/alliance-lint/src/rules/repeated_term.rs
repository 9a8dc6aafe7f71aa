//! `repeated-term`: a theme, pillar or addressee listed twice on one recommendation.

use alliance_core::load::Kind;
use rustc_hash::FxHashMap;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds a theme, pillar or addressee listed more than once in one recommendation's `themes`,
    /// `pillars` or `addressees`.
    ///
    /// ## Why it matters
    /// A term listed twice is a slip: usually another term was meant. Tools that count or join
    /// on the lists (a CSV table of recommendation and theme, a pivot table) see the pair twice
    /// and count the recommendation twice.
    ///
    /// ## Example
    /// ```toml
    /// themes = ["child-protection-systems", "children-on-the-move", "child-protection-systems"]
    /// ```
    ///
    /// ## How to fix
    /// Remove the repetition, or replace it with the term that was meant.
    pub(crate) struct RepeatedTerm;
    severity = Error,
}

impl Check for RepeatedTerm {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // per term, how many times it is listed and how many times it was met so far
        let mut seen: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        for r in &cx.ds.recommendations {
            for (key, noun, terms) in [
                ("themes", "theme", &r.themes),
                ("pillars", "pillar", &r.pillars),
                ("addressees", "addressee", &r.addressees),
            ] {
                if terms.len() < 2 {
                    continue;
                }
                seen.clear();
                for term in terms {
                    seen.entry(term).or_default().0 += 1;
                }
                for term in terms {
                    let Some((count, met)) = seen.get_mut(term.as_str()) else {
                        continue;
                    };
                    *met += 1;
                    // once per term, at its second listing
                    if *met != 2 {
                        continue;
                    }
                    let times = match *count {
                        2 => "twice".to_owned(),
                        n => format!("{n} times"),
                    };
                    out.push(
                        cx.finding_at_key(
                            &Self::INFO,
                            format!(
                                "{noun} `{term}` is listed {times} on recommendation `{}`",
                                r.id
                            ),
                            Kind::Recommendation,
                            &r.id,
                            key,
                            Some((term, 1)),
                        )
                        .label("listed again here")
                        .help(format!("list each {noun} once")),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn theme_pillar_and_addressee_twice() {
        let file = "conferences/alliance-17/sessions/02-panel-1.toml";
        snapshot_fixture!(
            super::RepeatedTerm,
            &[
                (
                    file,
                    "themes = [\"child-protection-systems\", \"children-on-the-move\"]",
                    "themes = [\"child-protection-systems\", \"children-on-the-move\", \"child-protection-systems\"]"
                ),
                (
                    file,
                    "pillars = [\"protection\", \"prosecution\", \"partnership\"]",
                    "pillars = [\"protection\", \"prosecution\", \"protection\", \"partnership\", \"protection\"]"
                ),
                (
                    file,
                    "addressees = [\"authorities\"]",
                    "addressees = [\"authorities\", \"authorities\"]"
                ),
            ]
        );
    }
}
