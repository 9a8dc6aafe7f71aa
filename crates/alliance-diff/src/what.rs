//! What a changed field is, in the words a reviewer reads (`corrected quotation`, `quotation
//! reworded, no longer the report's words`, `affiliation added`, ...), and for a quotation
//! whether its new words are the report's ([`crate::verbatim`]).

use std::borrow::Cow;

use serde::Serialize;

use crate::compare::FieldChange;
use crate::records::{Entity, Field, Value};
use crate::verbatim::Reports;

/// What a change to a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum What {
    /// A quotation whose new words are the report's.
    CorrectedQuotation,
    /// A quotation that was the report's words and no longer is.
    RewordedQuotation,
    /// A quotation that is not the report's words, before or after.
    NotVerbatimQuotation,
    /// A quotation of a conference without a report to check it against.
    UncheckedQuotation,
    /// A field of an affiliation the old person did not have (a returning person's new one).
    AffiliationAdded,
    /// A field of an affiliation the new person does not have.
    AffiliationRemoved,
    /// Another field of an affiliation both have.
    AffiliationChanged,
    /// A recommendation's place in its report (`source.*`).
    SourceLocation,
    /// An id of another record, or a list of them (themes, roles, an organizer, ...).
    Classification,
    /// Any other value (a name, a title, a number).
    Correction,
}

impl What {
    /// The words for it, as in the version check's messages.
    pub fn label(self) -> &'static str {
        match self {
            What::CorrectedQuotation => "corrected quotation",
            What::RewordedQuotation => "quotation reworded, no longer the report's words",
            What::NotVerbatimQuotation => "quotation changed, still not the report's words",
            What::UncheckedQuotation => "quotation changed, no report to check it against",
            What::AffiliationAdded => "affiliation added",
            What::AffiliationRemoved => "affiliation removed",
            What::AffiliationChanged => "affiliation changed",
            What::SourceLocation => "corrected source location",
            What::Classification => "corrected classification",
            What::Correction => "correction",
        }
    }

    /// Whether it is a change of a quotation's words.
    pub fn is_quotation(self) -> bool {
        matches!(
            self,
            What::CorrectedQuotation
                | What::RewordedQuotation
                | What::NotVerbatimQuotation
                | What::UncheckedQuotation
        )
    }

    /// Whether it adds or removes a whole affiliation (its fields are named once, as
    /// `affiliations[<conference>]`, in messages).
    pub fn is_whole_affiliation(self) -> bool {
        matches!(self, What::AffiliationAdded | What::AffiliationRemoved)
    }
}

impl FieldChange {
    /// What changed, in words: [`What::label`], and for a new value that is a quotation but
    /// not the report's words, that it is not (`affiliation added, not the report's words`).
    pub fn label(&self) -> Cow<'static, str> {
        if self.verbatim == Some(false) && !self.what.is_quotation() {
            Cow::Owned(format!("{}, not the report's words", self.what.label()))
        } else {
            Cow::Borrowed(self.what.label())
        }
    }

    /// The label when the outputs show it beside the field: for a quotation, and for words
    /// that are not the report's.
    pub fn note(&self) -> Option<Cow<'static, str>> {
        (self.what.is_quotation() || self.verbatim == Some(false)).then(|| self.label())
    }
}

/// `affiliations[<key>]` of a field of an affiliation (`affiliations[alliance-17#2].title`).
pub(crate) fn affiliation(field: &str) -> Option<&str> {
    if !field.starts_with("affiliations[") {
        return None;
    }
    field.find("].").map(|end| &field[..=end])
}

/// The fields of a record on both sides, as [`classify`] reads them.
pub(crate) struct Sides<'s, 'a> {
    /// The record's kind (`None`: the dataset's own fields).
    pub entity: Option<Entity>,
    /// The old record's fields.
    pub old: &'s [Field<'a>],
    /// The new record's fields.
    pub new: &'s [Field<'a>],
}

/// What the change of the field `name` from `old` to `new` is, and, when the new value is a
/// quotation and its conference has a report, whether it is the report's words. A quotation
/// is compared with the new dataset's report: "no longer" the report's words when the old
/// words are in that report and the new ones are not.
pub(crate) fn classify(
    name: &str,
    (old, new): (&Value<'_>, &Value<'_>),
    sides: &Sides<'_, '_>,
    reports: &Reports<'_>,
) -> (What, Option<bool>) {
    let verbatim = match new {
        Value::Quote(text, conference) => reports.verbatim(conference, text),
        _ => None,
    };
    let affiliation = affiliation(name);
    if let Some(key) = affiliation {
        // every affiliation has `as_printed`: without it, the side has no such affiliation
        let printed = format!("{key}.as_printed");
        let has = |fields: &[Field<'_>]| fields.iter().any(|(n, _)| *n == printed);
        if !has(sides.old) {
            return (What::AffiliationAdded, verbatim);
        }
        if !has(sides.new) {
            return (What::AffiliationRemoved, None);
        }
    }
    let what = match (old, new) {
        (Value::Quote(before, _), Value::Quote(_, conference)) => match verbatim {
            None => What::UncheckedQuotation,
            Some(true) => What::CorrectedQuotation,
            Some(false) if reports.verbatim(conference, before) == Some(true) => {
                What::RewordedQuotation
            }
            Some(false) => What::NotVerbatimQuotation,
        },
        _ if name.starts_with("source.") && sides.entity == Some(Entity::Recommendations) => {
            What::SourceLocation
        }
        _ if affiliation.is_some() => What::AffiliationChanged,
        _ if is_classification(name) => What::Classification,
        _ => What::Correction,
    };
    (what, verbatim)
}

/// Whether a field holds ids of other records.
fn is_classification(field: &str) -> bool {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    matches!(
        leaf,
        "themes"
            | "pillars"
            | "addressees"
            | "instruments"
            | "label"
            | "kind"
            | "roles"
            | "in_line_with"
            | "co_organizers"
            | "contributors"
            | "incompatible_with"
            | "session"
            | "conference"
            | "organizer"
            | "organization"
            | "parent"
            | "issuer"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn what(entity: Entity, name: &'static str, old: Value<'_>, new: Value<'_>) -> What {
        let (o, n) = (
            vec![(Cow::Borrowed(name), old.clone())],
            vec![(Cow::Borrowed(name), new.clone())],
        );
        let sides = Sides {
            entity: Some(entity),
            old: &o,
            new: &n,
        };
        classify(name, (&old, &new), &sides, &Reports::none()).0
    }

    #[test]
    fn fields_are_classified() {
        let r = Entity::Recommendations;
        assert_eq!(
            what(r, "text", Value::Quote("a", "c"), Value::Quote("b", "c")),
            What::UncheckedQuotation
        );
        assert_eq!(
            what(r, "source.line", Value::Num(1), Value::Num(2)),
            What::SourceLocation
        );
        assert_eq!(
            what(r, "themes", Value::List(vec![]), Value::List(vec!["x"])),
            What::Classification
        );
        assert_eq!(
            what(Entity::People, "name", Value::Text("a"), Value::Text("b")),
            What::Correction
        );
        assert_eq!(
            what(
                Entity::People,
                "affiliations[alliance-17].as_printed",
                Value::Quote("a", "alliance-17"),
                Value::Quote("b", "alliance-17")
            ),
            What::UncheckedQuotation
        );
        assert_eq!(
            what(
                Entity::People,
                "affiliations[alliance-17].title",
                Value::Absent,
                Value::Text("b")
            ),
            What::AffiliationAdded,
            "the old person has no `affiliations[alliance-17].as_printed`"
        );
    }

    #[test]
    fn affiliations_are_named_by_their_key() {
        assert_eq!(
            affiliation("affiliations[alliance-17#2].title"),
            Some("affiliations[alliance-17#2]")
        );
        assert_eq!(affiliation("name"), None);
    }
}
