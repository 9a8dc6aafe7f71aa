//! Every rule, in one table: one line per rule, the code's name in `alliance_core::codes` (the
//! one place codes, names and summaries are written) → the rule, in code order; the registry
//! [`RULES`], `--explain`, `docs/rules.md`, SARIF and the tests all come from it.

use crate::loader_codes;
use alliance_core::Code;

use crate::rule::{Coded, Rule};
use crate::rules::*;

macro_rules! codes {
    ($($code:ident => $rule:path,)*) => {
        $(impl Coded for $rule {
            const CODE: Code = alliance_core::codes::$code;
        })*

        /// Every rule, in code order: the loader's checks first, then the lint rules.
        pub static RULES: &[&dyn Rule] = &[$(&$rule),*];
    };
}

codes! {
    // the loader's checks
    SYNTAX_ERROR => loader_codes::SyntaxError,
    WRONG_TYPE => loader_codes::WrongType,
    MISSING_KEY => loader_codes::MissingKey,
    UNKNOWN_KEY => loader_codes::UnknownKey,
    DUPLICATE_ID => loader_codes::DuplicateId,
    DANGLING_REFERENCE => loader_codes::DanglingReference,
    INVALID_DATE => loader_codes::InvalidDate,
    INVERTED_DATES => loader_codes::InvertedDates,
    UNREADABLE_FILE => loader_codes::UnreadableFile,
    INVALID_UTF8 => loader_codes::InvalidUtf8,
    EMPTY_FILE => loader_codes::EmptyFile,
    MALFORMED_ID => loader_codes::MalformedId,
    MISPLACED_SOURCE => loader_codes::MisplacedSource,
    // the checks against the report (alliance_authority::codes)
    NOT_VERBATIM => not_verbatim::NotVerbatim,
    MISMATCHED_PUNCTUATION => mismatched_punctuation::MismatchedPunctuation,
    MISSING_MODERATOR => missing_moderator::MissingModerator,
    MISSING_RAPPORTEUR => missing_rapporteur::MissingRapporteur,
    SESSION_WITHOUT_PARTICIPANTS => session_without_participants::SessionWithoutParticipants,
    SESSION_WITHOUT_RECOMMENDATIONS => session_without_recommendations::SessionWithoutRecommendations,
    RECOMMENDATION_WITHOUT_THEME => recommendation_without_theme::RecommendationWithoutTheme,
    RECOMMENDATION_WITHOUT_PILLAR => recommendation_without_pillar::RecommendationWithoutPillar,
    PERSON_WITHOUT_AFFILIATION => person_without_affiliation::PersonWithoutAffiliation,
    ORGANIZATION_WITHOUT_KIND => organization_without_kind::OrganizationWithoutKind,
    CONFERENCE_WITHOUT_FIGURES => conference_without_figures::ConferenceWithoutFigures,
    CONFERENCE_WITHOUT_SOURCE => conference_without_source::ConferenceWithoutSource,
    UNUSED_THEME => unused_theme::UnusedTheme,
    OVERSIZED_THEME => oversized_theme::OversizedTheme,
    BROKEN_ORDER => broken_order::BrokenOrder,
    DATE_OUTSIDE_CONFERENCE => date_outside_conference::DateOutsideConference,
    DUPLICATE_TEXT => duplicate_text::DuplicateText,
    CONFLICTING_ROLES => conflicting_roles::ConflictingRoles,
    IRREGULAR_WHITESPACE => irregular_whitespace::IrregularWhitespace,
    LEFTOVER_MARKDOWN => leftover_markdown::LeftoverMarkdown,
    BROKEN_HYPHENATION => broken_hyphenation::BrokenHyphenation,
    UNUSED_SUPPRESSION => unused_suppression::UnusedSuppression,
    INVALID_SUPPRESSION => invalid_suppression::InvalidSuppression,
    INVISIBLE_CHARACTER => invisible_character::InvisibleCharacter,
    TOO_MANY_THEMES => too_many_themes::TooManyThemes,
    REPEATED_TERM => repeated_term::RepeatedTerm,
    UNREFERENCED_REGISTRY_ENTRY => unreferenced_registry_entry::UnreferencedRegistryEntry,
    EMPTY_ORGANIZATION_NAME => empty_organization_name::EmptyOrganizationName,
    ORGANIZATION_PARENT_CYCLE => organization_parent_cycle::OrganizationParentCycle,
    INSTRUMENT_AFTER_CONFERENCE => instrument_after_conference::InstrumentAfterConference,
    TEXT_TOO_LONG_FOR_WORKBOOK => text_too_long_for_workbook::TextTooLongForWorkbook,
    // the checks against the report (alliance_authority::codes)
    UNHELD_BULLET => unheld_bullet::UnheldBullet,
    BULLET_HELD_TWICE => bullet_held_twice::BulletHeldTwice,
    MISSING_SESSION => missing_session::MissingSession,
    PARTIAL_QUOTATION => partial_quotation::PartialQuotation,
    MISPLACED_QUOTATION => misplaced_quotation::MisplacedQuotation,
    MISORDERED_RECOMMENDATION => misordered_recommendation::MisorderedRecommendation,
    MISMATCHED_LABEL => mismatched_label::MismatchedLabel,
    UNRECORDED_PERSON => unrecorded_person::UnrecordedPerson,
    UNNAMED_PARTICIPANT => unnamed_participant::UnnamedParticipant,
    MISSPELLED_NAME => misspelled_name::MisspelledName,
    MISMATCHED_ROLE => mismatched_role::MismatchedRole,
    MISMATCHED_FIGURE_VALUE => mismatched_figure_value::MismatchedFigureValue,
    MISMATCHED_TITLE_PAGE => mismatched_title_page::MismatchedTitlePage,
    MISSING_CONFERENCE_AFFILIATION => missing_conference_affiliation::MissingConferenceAffiliation,
}

/// The rule with this code (`AL016`, any case) or name (`missing-moderator`).
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    // as the refusals of export and brief match an `[[allow]]`
    RULES
        .iter()
        .copied()
        .find(|r| r.info().code.is_named_by(code_or_name))
}

/// The rule whose code or name is closest to one that names no rule (edit distance): a code
/// is compared with codes, ignoring case, anything else with names.
pub fn closest_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    let upper = code_or_name.to_ascii_uppercase();
    let looks_like_code = upper.starts_with("AL") && upper[2..].bytes().all(|b| b.is_ascii_digit());
    let key = |r: &&'static dyn Rule| {
        let code = r.info().code;
        if looks_like_code {
            code.code
        } else {
            code.name
        }
    };
    // the same number written with other zeros (`AL0016`, `AL16`)
    if looks_like_code && let Ok(n) = upper[2..].parse::<u32>() {
        let same = |r: &&&'static dyn Rule| r.info().code.code[2..].parse::<u32>() == Ok(n);
        if let Some(r) = RULES.iter().find(same) {
            return Some(*r);
        }
    }
    let needle = if looks_like_code {
        upper.as_str()
    } else {
        code_or_name
    };
    let found = alliance_core::text::closest(needle, RULES.iter().map(key))?;
    RULES.iter().copied().find(|r| key(r) == found)
}

/// Whether a rule's findings come from the loader (and so cannot be turned off).
pub fn is_loader_check(rule: &dyn Rule) -> bool {
    alliance_core::codes::LOADER.contains(&rule.info().code)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use alliance_core::id::is_well_formed_id;

    use super::*;

    #[test]
    fn codes_and_names_are_unique_well_formed_and_documented() {
        let mut names = HashSet::new();
        let mut previous = "";
        for rule in RULES {
            let info = rule.info();
            let (code, name) = (info.code.code, info.code.name);
            assert!(
                code.len() == 5
                    && code.starts_with("AL")
                    && code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{code} is not AL and three digits"
            );
            assert!(
                code > previous,
                "{code} comes after {previous}: codes in order"
            );
            previous = code;
            assert!(names.insert(name), "duplicate name {name}");
            // a rule's name is an id like any other
            assert!(is_well_formed_id(name), "{name} is not kebab-case");
            assert!(
                !name.starts_with("require") && !name.starts_with("no-"),
                "{name} names a requirement, not a fault"
            );
            for section in [
                "## What it does\n",
                "## Why it matters\n",
                "## Example\n",
                "## How to fix\n",
            ] {
                assert!(info.doc.contains(section), "{code} lacks {section:?}");
            }
            assert!(!info.code.summary.ends_with('.'), "{code}");
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

    #[test]
    fn the_report_checks_codes_are_the_authoritys() {
        for code in alliance_authority::codes::ALL {
            let rule = find_rule(code.code).expect("a rule for every check against the report");
            assert_eq!(rule.info().code, *code, "{} in codes.rs", code.code);
            assert_eq!(rule.info().severity, alliance_core::Severity::Error);
        }
    }

    #[test]
    fn the_loader_codes_are_the_loaders() {
        let loader: Vec<_> = RULES
            .iter()
            .filter(|r| is_loader_check(**r))
            .map(|r| r.info().code)
            .collect();
        assert_eq!(
            loader,
            alliance_core::codes::LOADER,
            "the loader's codes first"
        );
        assert!(
            RULES[..loader.len()].iter().all(|r| is_loader_check(*r)),
            "the loader's checks come first"
        );
    }
}
