//! A dataset's version, as `dataset.toml` gives it: a semantic version (`MAJOR.MINOR.PATCH`,
//! optionally with a pre-release `-rc.1` and build metadata `+build.5`, as SemVer 2.0.0
//! writes them). The loader checks it and alliance-diff's `--check-version` compares it with
//! this one reading, so the two never disagree on what a version is.

/// The `MAJOR.MINOR.PATCH` of a semantic version, its pre-release and build suffixes checked
/// and set aside; `None` when `version` is not one (`1.0`, `01.0.0`, `1.0.0-`, `1.0.0+`).
pub fn release(version: &str) -> Option<(u64, u64, u64)> {
    let (rest, build) = match version.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    if let Some(build) = build
        && !build.split('.').all(is_identifier)
    {
        return None;
    }
    if let Some(pre) = pre
        && !pre
            .split('.')
            .all(|p| is_identifier(p) && (!is_digits(p) || is_number(p)))
    {
        return None;
    }
    let mut parts = core.split('.');
    let mut number = || {
        parts
            .next()
            .filter(|p| is_number(p))
            .and_then(|p| p.parse().ok())
    };
    let v = (number()?, number()?, number()?);
    parts.next().is_none().then_some(v)
}

/// Letters, digits and hyphens, at least one.
fn is_identifier(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_digits(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())
}

/// Digits without a leading zero (`0` itself aside).
fn is_number(part: &str) -> bool {
    is_digits(part) && (part == "0" || !part.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::release;

    #[test]
    fn releases_with_their_suffixes_set_aside() {
        for (version, core) in [
            ("1.0.0", (1, 0, 0)),
            ("1.0.1-rc.1", (1, 0, 1)),
            ("1.0.1+build.5", (1, 0, 1)),
            ("2.10.0-alpha-2.0+exp.sha.5114f85", (2, 10, 0)),
            ("0.0.0", (0, 0, 0)),
        ] {
            assert_eq!(release(version), Some(core), "{version}");
        }
    }

    #[test]
    fn what_is_not_a_semantic_version() {
        for version in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "01.0.0",
            "1.00.0",
            "v1.0.0",
            "1.0.0-",
            "1.0.0+",
            "1.0.0-rc..1",
            "1.0.0-01",
            "1.0.0+a_b",
            "1.0.x",
            " 1.0.0",
            "-1.0.0",
            "99999999999999999999.0.0",
        ] {
            assert_eq!(release(version), None, "{version:?}");
        }
    }
}
