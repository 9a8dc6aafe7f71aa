//! Every code, in one table: one line per rule, code → rule, in code order. This is the only
//! place a code is written (the loader's, `AL001`–`AL013`, are also `alliance_core::codes`,
//! and a test holds the two equal); the registry [`RULES`], `--explain`, `docs/rules.md`, SARIF
//! and the tests all come from it. A code is never reused: a rule that is removed leaves its
//! code unassigned.

use crate::loader_codes;
use crate::rule::{Coded, Rule};
use crate::rules::*;

macro_rules! codes {
    ($($code:ident => $rule:path,)*) => {
        $(impl Coded for $rule {
            const CODE: &'static str = stringify!($code);
        })*

        /// Every rule, in code order: the loader's checks first, then the lint rules.
        pub static RULES: &[&dyn Rule] = &[$(&$rule),*];
    };
}

codes! {
    // the loader's checks
    AL001 => loader_codes::SyntaxError,
    AL002 => loader_codes::WrongType,
    AL003 => loader_codes::MissingKey,
    AL004 => loader_codes::UnknownKey,
    AL005 => loader_codes::DuplicateId,
    AL006 => loader_codes::DanglingReference,
    AL007 => loader_codes::InvalidDate,
    AL008 => loader_codes::InvertedDates,
    AL009 => loader_codes::UnreadableFile,
    AL010 => loader_codes::InvalidUtf8,
    AL011 => loader_codes::EmptyFile,
    AL012 => loader_codes::MalformedId,
    AL013 => loader_codes::MisplacedSource,
    // the lint rules
    AL014 => not_verbatim::NotVerbatim,
    AL015 => mismatched_punctuation::MismatchedPunctuation,
    AL016 => missing_moderator::MissingModerator,
    AL017 => missing_rapporteur::MissingRapporteur,
    AL018 => session_without_participants::SessionWithoutParticipants,
    AL019 => session_without_recommendations::SessionWithoutRecommendations,
    AL020 => recommendation_without_theme::RecommendationWithoutTheme,
    AL021 => recommendation_without_pillar::RecommendationWithoutPillar,
    AL022 => person_without_affiliation::PersonWithoutAffiliation,
    AL023 => organization_without_kind::OrganizationWithoutKind,
    AL024 => conference_without_figures::ConferenceWithoutFigures,
    AL025 => conference_without_source::ConferenceWithoutSource,
    AL026 => unused_theme::UnusedTheme,
    AL027 => oversized_theme::OversizedTheme,
    AL028 => broken_order::BrokenOrder,
    AL029 => date_outside_conference::DateOutsideConference,
    AL030 => duplicate_text::DuplicateText,
    AL031 => conflicting_roles::ConflictingRoles,
    AL032 => irregular_whitespace::IrregularWhitespace,
    AL033 => leftover_markdown::LeftoverMarkdown,
    AL034 => broken_hyphenation::BrokenHyphenation,
    AL035 => unused_suppression::UnusedSuppression,
    AL036 => invalid_suppression::InvalidSuppression,
    AL037 => invisible_character::InvisibleCharacter,
    AL038 => too_many_themes::TooManyThemes,
    AL039 => repeated_term::RepeatedTerm,
    AL040 => unreferenced_registry_entry::UnreferencedRegistryEntry,
    AL041 => empty_organization_name::EmptyOrganizationName,
    AL042 => organization_parent_cycle::OrganizationParentCycle,
    AL043 => instrument_after_conference::InstrumentAfterConference,
    AL044 => text_too_long_for_workbook::TextTooLongForWorkbook,
    // the checks against the report (alliance_authority::codes)
    AL045 => unheld_bullet::UnheldBullet,
    AL046 => bullet_held_twice::BulletHeldTwice,
    AL047 => missing_session::MissingSession,
    AL048 => partial_quotation::PartialQuotation,
    AL049 => misplaced_quotation::MisplacedQuotation,
    AL050 => misordered_recommendation::MisorderedRecommendation,
    AL051 => mismatched_label::MismatchedLabel,
    AL052 => unrecorded_person::UnrecordedPerson,
    AL053 => unnamed_participant::UnnamedParticipant,
    AL054 => misspelled_name::MisspelledName,
    AL055 => mismatched_role::MismatchedRole,
    AL056 => mismatched_figure_value::MismatchedFigureValue,
    AL057 => mismatched_title_page::MismatchedTitlePage,
    AL058 => missing_conference_affiliation::MissingConferenceAffiliation,
}

/// The rule with this code (`AL016`, any case) or name (`missing-moderator`).
pub fn find_rule(code_or_name: &str) -> Option<&'static dyn Rule> {
    // as the refusals of export and brief match an `[[allow]]`
    RULES
        .iter()
        .copied()
        .find(|r| alliance_authority::allows(code_or_name, r.info().code))
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
    alliance_core::codes::ALL.contains(&rule.info().code)
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
        assert_eq!(loader, alliance_core::codes::ALL, "the table's AL001–AL013");
        assert!(
            RULES[..loader.len()].iter().all(|r| is_loader_check(*r)),
            "the loader's checks come first"
        );
    }
}
