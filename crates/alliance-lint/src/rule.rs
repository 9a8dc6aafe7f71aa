//! What a rule is, what it sees, and what it reports; and [`declare_rule!`], with which a rule's
//! file declares everything about it but its code (which `codes.rs` assigns).

use alliance_core::diagnostic::{Code, Diagnostic, Location, Severity};
use alliance_core::load::{Kind, Loaded};

use alliance_authority::Authority;
pub use alliance_authority::Finding;

/// A lint rule: a stable code and name, a default severity, its documentation, and the check.
/// Every rule of the registry (`codes::RULES`) is one through `Check` (crate-private).
pub trait Rule: Sync {
    /// Code, name, severity and documentation.
    fn info(&self) -> &'static RuleInfo;
    /// Pushes a finding for every fault in the dataset.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// What a rule's file states about it with [`declare_rule!`]: its default severity and its
/// documentation (its code, name and summary are `alliance_core::codes`', assigned in
/// `codes.rs`).
pub(crate) trait Declared {
    /// Severity unless configured otherwise.
    const SEVERITY: Severity;
    /// The rule's `///` documentation, as Markdown.
    const DOC: &'static str;
}

/// A rule's code, name and summary: one of `alliance_core::codes`, the one place they are
/// written, assigned to the rule by the table in `codes.rs`.
pub(crate) trait Coded {
    /// The code.
    const CODE: Code;
}

/// What a rule's file implements: the check. The rule's [`RuleInfo`] puts together its
/// declaration and its code.
pub(crate) trait Check: Declared + Coded + Sync {
    /// Everything about the rule but its check (not to be overridden).
    const INFO: RuleInfo = RuleInfo {
        code: Self::CODE,
        severity: Self::SEVERITY,
        doc: Self::DOC,
    };

    /// Pushes a finding for every fault in the dataset.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

impl<T: Check> Rule for T {
    fn info(&self) -> &'static RuleInfo {
        const { &T::INFO }
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        Check::check(self, cx, out);
    }
}

/// Declares a rule: a unit struct documented with `///` (What it does / Why it matters /
/// Example / How to fix) and its default severity (its code, name and summary come from
/// `alliance_core::codes`, assigned in `codes.rs`). The documentation is also
/// what `--explain` prints and `docs/rules.md` holds, each line without the space after `///`.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub(crate) struct MissingModerator;
///     severity = Error,
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $rule:ident;
        severity = $severity:ident $(,)?
    ) => {
        $(#[doc = $doc])*
        $vis struct $rule;

        impl $crate::rule::Declared for $rule {
            const SEVERITY: ::alliance_core::Severity = ::alliance_core::Severity::$severity;
            const DOC: &'static str = {
                const LINES: &[&str] = &[$($doc),*];
                const BYTES: [u8; $crate::rule::doc_len(LINES)] = $crate::rule::doc_bytes(LINES);
                match ::std::str::from_utf8(&BYTES) {
                    Ok(doc) => doc,
                    Err(_) => panic!("a doc comment is UTF-8"),
                }
            };
        }
    };
}
pub(crate) use declare_rule;

/// The length of doc-comment lines joined as [`doc_bytes`] joins them.
pub(crate) const fn doc_len(lines: &[&str]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < lines.len() {
        len += unindented(lines[i]).len() + 1;
        i += 1;
    }
    len
}

/// Doc-comment lines (`#[doc = " text"]`, one per `///`), each without the one space that
/// follows `///` and ending with a newline: the Markdown as written.
pub(crate) const fn doc_bytes<const N: usize>(lines: &[&str]) -> [u8; N] {
    let mut out = [0; N];
    let mut at = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = unindented(lines[i]);
        let mut j = 0;
        while j < line.len() {
            out[at] = line[j];
            at += 1;
            j += 1;
        }
        out[at] = b'\n';
        at += 1;
        i += 1;
    }
    out
}

const fn unindented(line: &str) -> &[u8] {
    match line.as_bytes() {
        [b' ', rest @ ..] => rest,
        bytes => bytes,
    }
}

/// Everything about a rule but its check.
#[derive(Debug)]
pub struct RuleInfo {
    /// Stable code and kebab-case name of the fault.
    pub code: Code,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Markdown: `## What it does`, `## Why it matters`, `## Example`, `## How to fix`.
    pub doc: &'static str,
}

/// What rules see: the checks' view of the dataset against its reports
/// ([`Authority`]: the loaded dataset, its `Index`, each report read once, every quotation
/// compared once), through `Deref`, and the ways a rule makes a finding.
pub struct Context<'a> {
    authority: Authority<'a>,
}

impl<'a> std::ops::Deref for Context<'a> {
    type Target = Authority<'a>;

    fn deref(&self) -> &Authority<'a> {
        &self.authority
    }
}

impl<'a> Context<'a> {
    /// Reads every report of the dataset (and, at the same time, indexes the dataset).
    pub fn new(loaded: &'a Loaded) -> Self {
        Context {
            authority: Authority::new(loaded),
        }
    }

    /// A finding of `rule` about a record, pointing at one of its values (or its id).
    pub fn finding(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        field: &str,
    ) -> Finding {
        let location = self.loaded.origins.locate(kind, id, field);
        self.finding_at(rule, message, kind, id, location)
    }

    /// A finding of `rule` about a value of a record, pointing at the first occurrence of
    /// `needle` inside the value when it can be found there, else at the value or the record.
    pub fn finding_in(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        field: &str,
        needle: &str,
    ) -> Finding {
        let mut location = self.loaded.origins.locate(kind, id, field);
        if let Some(loc) = location
            .as_mut()
            .filter(|_| self.loaded.origins.field(kind, id, field).is_some())
        {
            let text = &self.sources().get(loc.file).text;
            if let Some(at) = text
                .get(loc.span.clone())
                .and_then(|value| value.find(needle))
            {
                loc.span = loc.span.start + at..loc.span.start + at + needle.len();
            }
        }
        self.finding_at(rule, message, kind, id, location)
    }

    /// A finding of `rule` about a record, pointing at its line `key = ...` (see
    /// [`Authority::locate_key`]), else at its id.
    pub fn finding_at_key(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        key: &str,
        item: Option<(&str, usize)>,
    ) -> Finding {
        let location = self
            .locate_key(kind, id, key, item)
            .or_else(|| self.locate_key(kind, id, key, None))
            .or_else(|| self.loaded.origins.locate(kind, id, key));
        self.finding_at(rule, message, kind, id, location)
    }

    /// A finding of `rule` about a record, pointing at `location`.
    pub fn finding_at(
        &self,
        rule: &RuleInfo,
        message: impl Into<String>,
        kind: Kind,
        id: &str,
        location: Option<Location>,
    ) -> Finding {
        let mut diagnostic = Diagnostic::error(rule.code, message);
        diagnostic.severity = rule.severity;
        diagnostic.location = location;
        Finding {
            diagnostic,
            subject: Some((kind, id.to_owned())),
        }
    }
}

/// Session kinds that hold a discussion: panels and thematic sessions (not the opening).
pub(crate) fn is_discussion(kind: &str) -> bool {
    kind == "panel" || kind == "thematic"
}
