//! The one check of the ids' form: lowercase kebab-case. Record ids, rule names and diagnostic
//! code names all use it.

/// Whether an id is lowercase kebab-case (`^[a-z0-9]+(-[a-z0-9]+)*$`).
pub fn is_well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::is_well_formed_id;

    #[test]
    fn ids() {
        assert!(is_well_formed_id("a17-panel-1"));
        assert!(!is_well_formed_id("Panel-1"));
        assert!(!is_well_formed_id("panel--1"));
        assert!(!is_well_formed_id("-panel"));
        assert!(!is_well_formed_id(""));
        assert!(!is_well_formed_id("panel_1"));
    }
}
