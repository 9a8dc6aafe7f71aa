//! What an added or removed record is, for a reviewer who cannot see it in the other
//! dataset: a recommendation's session, its place in the report and its words; another
//! record's name or title.

use alliance_core::model::SourceLocation;
use serde::Serialize;

use crate::records::Record;

/// What an added or removed record is (its fields, as `alliance.json` names them).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum About {
    /// A recommendation, finding or conclusion.
    Quotation {
        /// Its session's id.
        session: String,
        /// Where its report has it, as the record holds it (`report` file, `section`
        /// heading, `bullet` number, `line`).
        source: SourceLocation,
        /// Its words (the report's, unless it misquotes them).
        text: String,
    },
    /// A person, an organization, an instrument or a vocabulary term.
    Named {
        /// Its name.
        name: String,
    },
    /// A conference or a session.
    Titled {
        /// Its title.
        title: String,
    },
    /// A figure of a conference.
    Printed {
        /// Its words as printed.
        as_printed: String,
    },
}

impl Record<'_> {
    /// What the record is, for a reviewer; `None` for a participant (its id names its
    /// session and person already).
    pub(crate) fn about(&self) -> Option<About> {
        let named = |name: &str| About::Named {
            name: name.to_owned(),
        };
        let titled = |title: &str| About::Titled {
            title: title.to_owned(),
        };
        Some(match self {
            Record::Recommendation(r) => About::Quotation {
                session: r.session.clone(),
                source: r.source.clone(),
                text: r.text.clone(),
            },
            Record::Conference(c) => titled(&c.title),
            Record::Session(s) => titled(&s.title),
            Record::Figure(_, fig) => About::Printed {
                as_printed: fig.as_printed.clone(),
            },
            Record::Person(p) => named(&p.name),
            Record::Organization(o) => named(&o.name),
            Record::Instrument(i) => named(&i.name),
            Record::Term(_, t) => named(&t.name),
            Record::Participant(..) => return None,
        })
    }
}
