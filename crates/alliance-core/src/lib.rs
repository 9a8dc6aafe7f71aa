//! The core of the Alliance toolkit: the data model of an OSCE *Alliance against Trafficking in
//! Persons* conference dataset, its source format, the loader that reads and checks it, and the
//! diagnostics renderer every binary shares.
//!
//! ```
//! use std::path::Path;
//!
//! let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
//! let loaded = alliance_core::load(&root).expect("the dataset folder exists");
//! assert!(!loaded.has_errors());
//! let conference = &loaded.dataset.conferences[0];
//! assert_eq!(conference.id, "alliance-17");
//! let panel1: Vec<_> = loaded.dataset.recommendations_of("a17-panel-1").collect();
//! assert_eq!(panel1[0].label, "recommendations");
//! ```
//!
//! **Architecture Invariant:** this crate knows nothing about CSV, XLSX or HTML; it reads TOML
//! and hands out plain data.

#![deny(missing_docs)]

pub mod dates;
pub mod diagnostic;
pub mod files;
pub mod id;
pub mod index;
pub mod load;
pub mod model;
pub mod render;
pub mod report;
pub mod source_map;
pub mod text;
pub mod version;

pub use diagnostic::{Code, Diagnostic, Severity, codes};
pub use index::{Index, Vocabulary};
pub use load::{LoadError, Loaded, Progress, load, load_with_progress};
pub use model::Dataset;
pub use source_map::{FileId, SourceMap};
