//! What the integration tests share: a clearly fictional second conference.

use alliance_core::model::{Dataset, Figure, Term};

/// The id of the fictional conference [`add_fictional_conference`] adds.
pub(crate) const FICTIONAL: &str = "fictional-99";

/// Adds a clearly fictional second conference to `ds` (a test fixture, not data): the 99th of a
/// made-up series in 2031, with no organizer, no source report, and one figure, of a kind of
/// its own ("Delegations"); the last session with recommendations moves to it with them.
/// Returns how many recommendations moved.
pub(crate) fn add_fictional_conference(ds: &mut Dataset) -> usize {
    let mut c = ds.conferences[0].clone();
    c.id = FICTIONAL.to_owned();
    c.series = "A fictional series (test fixture)".to_owned();
    c.edition = 99;
    c.title = "A fictional conference for tests".to_owned();
    c.start_date = "2031-05-06".to_owned();
    c.end_date = "2031-05-07".to_owned();
    c.city = "Nowhere".to_owned();
    c.venue = "Test hall".to_owned();
    c.organizer = None;
    c.in_line_with.clear();
    c.source = None;
    c.figures = vec![Figure {
        id: "delegations".to_owned(),
        kind: "delegations".to_owned(),
        value: 12,
        qualifier: None,
        as_printed: "12 delegations".to_owned(),
        session: None,
    }];
    ds.conferences.push(c);
    ds.vocabularies.figure_kinds.push(Term {
        id: "delegations".to_owned(),
        name: "Delegations".to_owned(),
        description: None,
        incompatible_with: Vec::new(),
    });
    let last = ds.recommendations.last().expect("a recommendation");
    let session = last.session.clone();
    for s in ds.sessions.iter_mut().filter(|s| s.id == session) {
        s.conference = FICTIONAL.to_owned();
    }
    let mut moved = 0;
    for r in ds
        .recommendations
        .iter_mut()
        .filter(|r| r.session == session)
    {
        r.conference = FICTIONAL.to_owned();
        moved += 1;
    }
    moved
}
