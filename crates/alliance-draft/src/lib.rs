//! Dataset records drafted from a conference report, and written as the dataset's TOML.
//!
//! `alliance-import` drafts a whole conference with these; `alliance-lint --fix` restores a
//! recommendation a session file lost ([`RecommendationDraft::from_bullet`],
//! [`insert_recommendation`]). A draft holds only what the report states: a recommendation's
//! words, label, order and place in the report, never its themes, pillars or addressees,
//! which a person decides (the loader reads a draft without them, and alliance-lint lists
//! what is left to decide).
//!
//! The TOML is written as the files under `data/` are: the `#:schema` line, keys in the
//! schema's order, basic strings, `source = { bullet = N, line = L }`, one blank line between
//! tables. The same drafts give the same bytes.
//!
//! ```
//! use alliance_core::report::Outline;
//! use alliance_draft::RecommendationDraft;
//!
//! let report = "Panel 1\n\nThe panel made these recommendations:\n\n- *Act now;*\n- *Act \"together\".*\n";
//! let outline = Outline::parse(report);
//! let drafts = RecommendationDraft::of_section("x1-panel-1", &outline.sections[0]);
//! assert_eq!(drafts[1].to_toml(), "\
//! [[recommendation]]
//! id = \"x1-panel-1-r02\"
//! order = 2
//! label = \"recommendations\"
//! text = \"Act \\\"together\\\".\"
//! source = { bullet = 2, line = 6 }
//! ");
//! ```

#![deny(missing_docs)]

mod ids;
mod insert;
mod records;
mod write;

pub use ids::{conference_prefix, slug};
pub use insert::{
    append_block, append_blocks, insert_affiliation, insert_affiliations, insert_recommendation,
};
pub use records::{
    AffiliationDraft, ConferenceDraft, FigureDraft, OrganizationDraft, ParticipantDraft,
    PersonDraft, RecommendationDraft, SessionDraft,
};
pub use write::string;
