//! `instrument-after-conference`: a conference, session or recommendation citing an instrument
//! dated after the conference.

use alliance_core::load::Kind;
use rustc_hash::FxHashSet;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds instruments cited by a conference (`in_line_with`), one of its sessions or one of its
    /// recommendations (`instruments`) whose `year` is after the year the conference ended
    /// (`end_date`).
    ///
    /// ## Why it matters
    /// A report cannot cite what did not exist yet. Either the citation points at the wrong
    /// instrument (a later addendum or resolution with a similar id) or the instrument's year is a
    /// typo; either way every output would date the conference's reasoning wrongly.
    ///
    /// ## Example
    /// ```toml
    /// # conference.toml of the 17th conference, which ended on 2017-04-04
    /// in_line_with = ["osce-pc-dec-1107"]   # whose year is recorded as 2018
    /// ```
    ///
    /// ## How to fix
    /// Cite the instrument the report means, or correct the instrument's year from its text.
    pub(crate) struct InstrumentAfterConference;
    severity = Error,
}

impl Check for InstrumentAfterConference {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let ds = cx.ds;
        let mut check = |conference: &str, kind: Kind, id: &str, key: &str, cited: &[String]| {
            let Some(c) = cx.index.conference(conference) else {
                return;
            };
            // ISO 8601: the year is the first four digits
            let Some(ended) = c.end_date.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
                return;
            };
            // each instrument once per citing record (allocates only for a finding)
            let mut seen = FxHashSet::default();
            for instrument in cited {
                let Some(i) = cx.index.instrument(instrument) else {
                    continue;
                };
                let Some(year) = i.year.filter(|&y| y > ended) else {
                    continue;
                };
                if !seen.insert(instrument.as_str()) {
                    continue;
                }
                let (citing, ended_on) = match kind {
                    Kind::Conference => (format!("conference `{id}`"), "it ended".to_owned()),
                    _ => (
                        format!("{} `{id}`", kind.noun()),
                        format!("its conference `{}` ended", c.id),
                    ),
                };
                out.push(
                    cx.finding_at_key(
                        &Self::INFO,
                        format!(
                            "{citing} cites instrument `{instrument}` of {year}, after {ended_on} on {}",
                            c.end_date
                        ),
                        kind,
                        id,
                        key,
                        Some((instrument, 0)),
                    )
                    .label(format!("dated {year}"))
                    .help("cite the instrument the report means, or correct the instrument's `year`"),
                );
            }
        };
        for c in &ds.conferences {
            check(
                &c.id,
                Kind::Conference,
                &c.id,
                "in_line_with",
                &c.in_line_with,
            );
        }
        for s in &ds.sessions {
            check(
                &s.conference,
                Kind::Session,
                &s.id,
                "instruments",
                &s.instruments,
            );
        }
        for r in &ds.recommendations {
            check(
                &r.conference,
                Kind::Recommendation,
                &r.id,
                "instruments",
                &r.instruments,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn later_instruments() {
        snapshot_fixture!(
            super::InstrumentAfterConference,
            &[
                // cited by the conference
                ("registry/instruments.toml", "year = 2013", "year = 2018"),
                // cited by a session and, below, a recommendation
                (
                    "registry/instruments.toml",
                    "short_name = \"SDG 16\"\n",
                    "short_name = \"SDG 16\"\nyear = 2030\n"
                ),
                (
                    "conferences/alliance-17/sessions/02-panel-1.toml",
                    "addressees = [\"authorities\"]\n",
                    "addressees = [\"authorities\"]\ninstruments = [\"sdg-16\"]\n"
                ),
                // the year the conference ended: not reported
                ("registry/instruments.toml", "year = 2005", "year = 2017"),
            ]
        );
    }
}
