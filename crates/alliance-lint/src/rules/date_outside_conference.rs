//! `date-outside-conference`: a session dated outside its conference's days.

use alliance_core::load::Kind;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that a session's `date`, when given, lies between its conference's `start_date` and
    /// `end_date`.
    ///
    /// ## Why it matters
    /// A date outside the conference is a typo (often the year), and it would sort the session into
    /// the wrong day in every output.
    ///
    /// ## Example
    /// ```toml
    /// date = "2016-04-03"   # the conference was held 3-4 April 2017
    /// ```
    ///
    /// ## How to fix
    /// Correct the date from the report.
    pub(crate) struct DateOutsideConference;
    severity = Error,
}

impl Check for DateOutsideConference {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for s in &cx.ds.sessions {
            let (Some(date), Some(c)) = (&s.date, cx.index.conference(&s.conference)) else {
                continue;
            };
            // ISO 8601 dates compare as strings
            if date.as_str() < c.start_date.as_str() || date.as_str() > c.end_date.as_str() {
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!("session `{}` is dated {date}, outside the conference", s.id),
                        Kind::Session,
                        &s.id,
                        "date",
                    )
                    .label(format!(
                        "the conference runs from {} to {}",
                        c.start_date, c.end_date
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    #[test]
    fn year_typo() {
        snapshot_fixture!(
            super::DateOutsideConference,
            &[(
                "conferences/alliance-17/sessions/02-panel-1.toml",
                "heading = \"Panel 1: Human Trafficking Threats for Children in Crisis\"\n",
                "heading = \"Panel 1: Human Trafficking Threats for Children in Crisis\"\ndate = \"2016-04-03\"\n"
            )]
        );
    }
}
