//! The registry of rules, in code order. Codes are stable and never reused; names are
//! kebab-case and name the fault.

mod broken_hyphenation;
mod broken_order;
mod conference_without_figures;
mod conference_without_source;
mod conflicting_roles;
mod date_outside_conference;
mod duplicate_text;
mod invalid_suppression;
mod irregular_whitespace;
mod leftover_markdown;
mod loader;
mod mismatched_punctuation;
mod missing_moderator;
mod missing_rapporteur;
mod not_verbatim;
mod organization_without_kind;
mod oversized_theme;
mod person_without_affiliation;
mod recommendation_without_pillar;
mod recommendation_without_theme;
mod session_without_participants;
mod session_without_recommendations;
mod text_fields;
pub(crate) mod unused_suppression;
mod unused_theme;

use loader::LoaderCheck;

use crate::rule::Rule;

/// Every rule, in code order: the loader's checks first, then the lint rules.
pub static RULES: &[&dyn Rule] = &[
    &LoaderCheck(&loader::SYNTAX_ERROR),
    &LoaderCheck(&loader::WRONG_TYPE),
    &LoaderCheck(&loader::MISSING_KEY),
    &LoaderCheck(&loader::UNKNOWN_KEY),
    &LoaderCheck(&loader::DUPLICATE_ID),
    &LoaderCheck(&loader::DANGLING_REFERENCE),
    &LoaderCheck(&loader::INVALID_DATE),
    &LoaderCheck(&loader::INVERTED_DATES),
    &LoaderCheck(&loader::UNREADABLE_FILE),
    &LoaderCheck(&loader::INVALID_UTF8),
    &LoaderCheck(&loader::EMPTY_FILE),
    &LoaderCheck(&loader::MALFORMED_ID),
    &LoaderCheck(&loader::MISPLACED_SOURCE),
    &not_verbatim::NotVerbatim,
    &mismatched_punctuation::MismatchedPunctuation,
    &missing_moderator::MissingModerator,
    &missing_rapporteur::MissingRapporteur,
    &session_without_participants::SessionWithoutParticipants,
    &session_without_recommendations::SessionWithoutRecommendations,
    &recommendation_without_theme::RecommendationWithoutTheme,
    &recommendation_without_pillar::RecommendationWithoutPillar,
    &person_without_affiliation::PersonWithoutAffiliation,
    &organization_without_kind::OrganizationWithoutKind,
    &conference_without_figures::ConferenceWithoutFigures,
    &conference_without_source::ConferenceWithoutSource,
    &unused_theme::UnusedTheme,
    &oversized_theme::OversizedTheme,
    &broken_order::BrokenOrder,
    &date_outside_conference::DateOutsideConference,
    &duplicate_text::DuplicateText,
    &conflicting_roles::ConflictingRoles,
    &irregular_whitespace::IrregularWhitespace,
    &leftover_markdown::LeftoverMarkdown,
    &broken_hyphenation::BrokenHyphenation,
    &unused_suppression::UnusedSuppression,
    &invalid_suppression::InvalidSuppression,
];

/// The rule with this code (`AL016`, any case) or name (`missing-moderator`).
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| {
        let code = r.info().code;
        code.code.eq_ignore_ascii_case(code_or_name) || code.name == code_or_name
    })
}

/// Whether a rule's findings come from the loader (and so cannot be turned off).
pub fn is_loader_check(rule: &dyn Rule) -> bool {
    alliance_core::codes::ALL.contains(&rule.info().code)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_well_formed_and_documented() {
        let mut names = HashSet::new();
        for (i, rule) in RULES.iter().enumerate() {
            let info = rule.info();
            assert_eq!(
                info.code.code,
                format!("AL{:03}", i + 1),
                "codes are dense and in order"
            );
            assert!(
                names.insert(info.code.name),
                "duplicate name {}",
                info.code.name
            );
            assert!(
                info.code.name.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{} is not kebab-case",
                info.code.name
            );
            assert!(
                !info.code.name.starts_with("require") && !info.code.name.starts_with("no-"),
                "{} names a requirement, not a fault",
                info.code.name
            );
            for section in [
                "## What it does\n",
                "## Why it matters\n",
                "## Example\n",
                "## How to fix\n",
            ] {
                assert!(
                    info.doc.contains(section),
                    "{} lacks {section:?}",
                    info.code.code
                );
            }
            assert!(!info.code.summary.ends_with('.'), "{}", info.code.code);
        }
        assert_eq!(
            find_rule("al016").map(|r| r.info().code.name),
            Some("missing-moderator")
        );
        assert_eq!(
            find_rule("missing-moderator").map(|r| r.info().code.code),
            Some("AL016")
        );
        assert!(find_rule("nope").is_none());
    }
}
