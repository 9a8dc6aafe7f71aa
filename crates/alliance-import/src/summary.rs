//! What an import drafted, and what it was unsure of, for a person to read.

use alliance_core::render::plural;

use crate::draft::Draft;

/// The summary of a draft: sessions and their recommendations, people new and reused,
/// organizations, figures, and everything the draft was unsure of with its report line.
pub(crate) fn summary(conference: &str, report: &str, draft: &Draft, dry_run: bool) -> String {
    let mut out = String::new();
    let recommendations: usize = draft
        .sessions
        .iter()
        .map(|s| s.session.recommendations.len())
        .sum();
    out.push_str(&format!(
        "alliance-import: {} {conference} from {report}: {}, {}\n",
        if dry_run { "would draft" } else { "drafted" },
        plural(draft.sessions.len(), "session"),
        plural(recommendations, "recommendation"),
    ));
    for s in &draft.sessions {
        let s = &s.session;
        out.push_str(&format!(
            "  {:>2}. {} ({}): {}, {}\n",
            s.order,
            s.id,
            s.kind.as_deref().unwrap_or("kind unknown"),
            plural(s.participants.len(), "participant"),
            plural(s.recommendations.len(), "recommendation"),
        ));
    }
    let people = &draft.registry.people;
    let reused = people.iter().filter(|p| p.reused).count();
    out.push_str(&format!(
        "  people: {} new, {} reused; organizations: {} new, {} reused; {}\n",
        people.len() - reused,
        reused,
        draft.registry.organizations.len(),
        draft.registry.reused_organizations.len(),
        plural(draft.conference.figures.len(), "figure"),
    ));
    for p in people.iter().filter(|p| p.reused) {
        out.push_str(&format!(
            "  reused: {} ({}), named on line {}{}\n",
            p.name,
            p.id,
            p.line,
            if p.affiliation.is_some() {
                "; affiliation added for this conference"
            } else {
                ""
            }
        ));
    }
    if !draft.unsure.is_empty() {
        out.push_str(&format!(
            "unsure ({}), to check against the report:\n",
            draft.unsure.len()
        ));
        for u in &draft.unsure {
            // a name as printed may hold a control or direction character: shown, not obeyed
            let message = alliance_core::render::escape_controls(&u.message);
            match u.line {
                Some(line) => out.push_str(&format!("  {report}:{line}: {message}\n")),
                None => out.push_str(&format!("  {report}: {message}\n")),
            }
        }
    }
    out.push_str(
        "next: alliance-lint lists the themes, pillars and addressees a person must decide\n",
    );
    out
}

/// The lines that name what `--force` removed or replaced in the conference's old folder
/// beyond the draft (empty when nothing), so that no file a person added or edited goes
/// unmentioned.
pub(crate) fn forced(
    data: &std::path::Path,
    forced: &crate::files::Forced,
    dry_run: bool,
) -> String {
    let mut out = String::new();
    let (removed, replaced) = if dry_run {
        ("would remove", "would replace")
    } else {
        ("removed", "replaced")
    };
    for path in &forced.removed {
        out.push_str(&format!(
            "  {removed} {} (the draft has no such file)\n",
            data.join(path).display()
        ));
    }
    for path in &forced.replaced {
        out.push_str(&format!(
            "  {replaced} {} (its content differs from the draft's: edits made by hand are lost)\n",
            data.join(path).display()
        ));
    }
    out
}
