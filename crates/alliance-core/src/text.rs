//! Text normalization for verbatim checks, and "did you mean" suggestions.
//!
//! A report is Markdown converted from a printed document: its quotations carry emphasis
//! markers, line breaks and page breaks that are not content. [`normalize`] removes exactly
//! those, so a recommendation's text can be compared with the report's.

/// Drops emphasis markers (`*`, and `_` at a word's edge), turns Markdown links `[text](url)`
/// into their text, and collapses every run of whitespace (line and page breaks included)
/// into one space, trimming both ends.
pub fn normalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' => {}
            '_' if is_emphasis_underscore(&chars, i) => {}
            '[' => {
                if let Some(close) = link_end(&chars, i) {
                    // keep the link text, drop `](url)`
                    let text_end = chars[i..].iter().position(|&c| c == ']').map(|p| i + p);
                    if let Some(text_end) = text_end {
                        let inner: String = chars[i + 1..text_end].iter().collect();
                        for c in normalize(&inner).chars() {
                            push(&mut out, c, &mut pending_space);
                        }
                        i = close + 1;
                        continue;
                    }
                }
                push(&mut out, c, &mut pending_space);
            }
            c if c.is_whitespace() => pending_space = !out.is_empty(),
            c => push(&mut out, c, &mut pending_space),
        }
        i += 1;
    }
    out
}

fn push(out: &mut String, c: char, pending_space: &mut bool) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push(c);
}

fn is_emphasis_underscore(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    !(word(before) && word(after))
}

/// For `[text](url)` starting at `start`, the index of the closing `)`.
fn link_end(chars: &[char], start: usize) -> Option<usize> {
    let close_bracket = start + chars[start..].iter().position(|&c| c == ']')?;
    if chars.get(close_bracket + 1) != Some(&'(') {
        return None;
    }
    let close_paren =
        close_bracket + 1 + chars[close_bracket + 1..].iter().position(|&c| c == ')')?;
    // a link never spans a paragraph
    (!chars[start..close_paren].contains(&'\n')).then_some(close_paren)
}

/// Whether `quote` appears in `source` once both are normalized.
pub fn is_verbatim(quote: &str, normalized_source: &str) -> bool {
    let quote = normalize(quote);
    !quote.is_empty() && normalized_source.contains(&quote)
}

/// Levenshtein distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `needle`, if it is close enough to be a likely typo.
pub fn closest<'a>(needle: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (needle.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(needle, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(normalize(input), expect, "{input:?}");
    }

    #[test]
    fn normalization() {
        check(
            "- *Child protection systems must be\n\nstrengthened;*",
            "- Child protection systems must be strengthened;",
        );
        check(
            "**Lamberto Zannier**, Secretary",
            "Lamberto Zannier, Secretary",
        );
        check(
            "the [Trafficking in Children](#), provided",
            "the Trafficking in Children, provided",
        );
        check("a [not a link] b", "a [not a link] b");
        check("  spaced\tout\r\n text ", "spaced out text");
        check("_emphasis_ and snake_case", "emphasis and snake_case");
        check("A child – every case", "A child – every case");
    }

    #[test]
    fn verbatim() {
        let source = normalize("- *Youth policies have to be revisited,\nrevised and redesigned;*");
        assert!(is_verbatim(
            "Youth policies have to be revisited, revised",
            &source
        ));
        assert!(!is_verbatim("Youth policies must be revisited", &source));
        assert!(!is_verbatim("", &source));
    }

    #[test]
    fn suggestions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("nmae", ["id", "name", "honorific"]), Some("name"));
        assert_eq!(closest("speker", ["speaker", "moderator"]), Some("speaker"));
        assert_eq!(closest("zzzzzz", ["speaker", "moderator"]), None);
    }
}
