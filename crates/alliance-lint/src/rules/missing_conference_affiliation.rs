//! `missing-conference-affiliation`: a person who returns at a conference without the position
//! the report gives them there.

use alliance_core::load::Kind;
use rustc_hash::FxHashSet;

use crate::rule::{Check, Context, Finding, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds a person who took part in a session of a conference and has affiliations, but none
    /// for that conference: someone who returned and was recorded with their earlier position only.
    /// (A person with no affiliation at all is `person-without-affiliation`'s.)
    ///
    /// ## Why it matters
    /// Positions change between conferences; a brief or workbook would print the person without
    /// the organization they spoke for at this conference.
    ///
    /// ## Example
    /// `susanne-riegler` moderates a session of `alliance-18`, and her only
    /// `[[person.affiliation]]` says `conference = "alliance-17"`.
    ///
    /// ## How to fix
    /// Add an `[[person.affiliation]]` with `conference = "alliance-18"` and the position as that
    /// conference's report prints it.
    pub(crate) struct MissingConferenceAffiliation;
    severity = Warning,
}

impl Check for MissingConferenceAffiliation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
        for s in &cx.ds.sessions {
            for p in &s.participants {
                let Some(person) = cx.index.person(&p.person) else {
                    continue;
                };
                if person.affiliations.is_empty()
                    || person
                        .affiliations
                        .iter()
                        .any(|a| a.conference == s.conference)
                    || !seen.insert((&person.id, &s.conference))
                {
                    continue;
                }
                out.push(
                    cx.finding(
                        &Self::INFO,
                        format!(
                            "`{}` takes part in `{}` but has no affiliation for conference `{}`",
                            person.id, s.id, s.conference
                        ),
                        Kind::Person,
                        &person.id,
                        "id",
                    )
                    .help(format!(
                        "add a [[person.affiliation]] with conference = \"{}\" and the position its report prints",
                        s.conference
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::snapshot_fixture;

    /// A fictional 18th conference, with no report, where a person of the 17th returns.
    const CONFERENCE: &str = "#:schema ../../schemas/conference.schema.json\n# Fictional, for a test.\nid = \"alliance-18\"\nseries = \"Alliance against Trafficking in Persons\"\nedition = 18\ntitle = \"A fictional conference\"\nstart_date = \"2018-04-03\"\nend_date = \"2018-04-04\"\ncity = \"Vienna\"\nvenue = \"Hofburg\"\n";
    const SESSION: &str = "#:schema ../../../schemas/session.schema.json\n# Fictional, for a test.\nid = \"a18-panel-1\"\nkind = \"panel\"\norder = 1\ntitle = \"A fictional panel\"\nheading = \"Panel 1: A fictional panel\"\n\n[[participant]]\nperson = \"susanne-riegler\"\nrole = \"moderator\"\n";

    #[test]
    fn returning_moderator() {
        snapshot_fixture!(
            super::MissingConferenceAffiliation,
            &[
                ("conferences/alliance-18/conference.toml", "", CONFERENCE),
                (
                    "conferences/alliance-18/sessions/01-panel-1.toml",
                    "",
                    SESSION
                )
            ]
        );
    }
}
