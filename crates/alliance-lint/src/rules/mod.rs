//! The lint rules, one file per rule: its documentation, its check and its fixture test. Their
//! codes, and so the registry's order, are assigned in [`crate::codes`].

pub(crate) mod broken_hyphenation;
pub(crate) mod broken_order;
pub(crate) mod conference_without_figures;
pub(crate) mod conference_without_source;
pub(crate) mod conflicting_roles;
pub(crate) mod date_outside_conference;
pub(crate) mod duplicate_text;
pub(crate) mod empty_organization_name;
pub(crate) mod instrument_after_conference;
pub(crate) mod invalid_suppression;
pub(crate) mod invisible_character;
pub(crate) mod irregular_whitespace;
pub(crate) mod leftover_markdown;
pub(crate) mod mismatched_punctuation;
pub(crate) mod missing_moderator;
pub(crate) mod missing_rapporteur;
pub(crate) mod not_verbatim;
pub(crate) mod organization_parent_cycle;
pub(crate) mod organization_without_kind;
pub(crate) mod oversized_theme;
pub(crate) mod person_without_affiliation;
pub(crate) mod recommendation_without_pillar;
pub(crate) mod recommendation_without_theme;
pub(crate) mod repeated_term;
pub(crate) mod session_without_participants;
pub(crate) mod session_without_recommendations;
pub(crate) mod text_too_long_for_workbook;
pub(crate) mod too_many_themes;
pub(crate) mod unreferenced_registry_entry;
pub(crate) mod unused_suppression;
pub(crate) mod unused_theme;
