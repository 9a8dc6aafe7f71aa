//! Adding a drafted table to a data file that already exists, leaving the rest of its text as
//! it is. The files are the dataset's: one table header per line, tables separated by blank
//! lines.

use crate::records::{AffiliationDraft, RecommendationDraft};
use crate::write::string;

/// `text` with `block` appended after one blank line.
pub fn append_block(text: &str, block: &str) -> String {
    let head = text.trim_end();
    if head.is_empty() {
        return block.to_owned();
    }
    format!("{head}\n\n{block}")
}

/// `text` with each of `blocks` appended after one blank line, as [`append_block`] one after
/// the other would, in one pass (an import of thousands of people appends thousands).
pub fn append_blocks<'b>(text: &str, blocks: impl IntoIterator<Item = &'b str>) -> String {
    let mut out = text.to_owned();
    for block in blocks {
        out.truncate(out.trim_end().len());
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block);
    }
    out
}

/// The lines of `text`, each with its end of line.
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// Whether a line is a table header (`[x]` or `[[x]]`).
fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

/// Puts `block` before line `at` (or at the end), with a blank line on either side.
fn insert_at(lines: &[&str], at: usize, block: &str) -> String {
    let before = lines[..at].concat();
    let after = lines[at..].concat();
    let before = before.trim_end();
    let mut out = String::new();
    if !before.is_empty() {
        out.push_str(before);
        out.push_str("\n\n");
    }
    out.push_str(block);
    if !after.trim().is_empty() {
        out.push('\n');
        out.push_str(after.trim_start_matches('\n'));
    }
    out
}

/// `people` (the text of `registry/people.toml`) with `affiliation` added to the person whose
/// id is `person`, after the tables that person already has; `None` when no person has it.
pub fn insert_affiliation(
    people: &str,
    person: &str,
    affiliation: &AffiliationDraft,
) -> Option<String> {
    let lines = lines(people);
    let id_line = format!("id = {}", string(person));
    let mut in_person = false;
    let mut found = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "[[person]]" {
            if found.is_some() {
                return Some(insert_at(&lines, i, &affiliation.to_toml()));
            }
            in_person = true;
        } else if is_header(t) && !t.starts_with("[[person.") {
            in_person = false;
        } else if in_person && t == id_line {
            found = Some(i);
        }
    }
    found.map(|_| insert_at(&lines, lines.len(), &affiliation.to_toml()))
}

/// `people` with each affiliation added to its person, as [`insert_affiliation`] one after the
/// other would, in one pass over the file (an import reusing thousands of people adds
/// thousands); `Err` names the first person no table has.
pub fn insert_affiliations<'a>(
    people: &str,
    affiliations: &[(&'a str, &AffiliationDraft)],
) -> Result<String, &'a str> {
    let lines = lines(people);
    // where each person's tables end: the next `[[person]]` after their id, or the end
    let mut ends: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut open: Option<String> = None;
    let mut in_person = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "[[person]]" {
            if let Some(id) = open.take() {
                ends.entry(id).or_insert(i);
            }
            in_person = true;
        } else if is_header(t) && !t.starts_with("[[person.") {
            in_person = false;
        } else if in_person && let Some(rest) = t.strip_prefix("id = ") {
            open = Some(rest.to_owned());
        }
    }
    if let Some(id) = open {
        ends.entry(id).or_insert(lines.len());
    }
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(affiliations.len());
    for (n, (person, _)) in affiliations.iter().enumerate() {
        match ends.get(&string(person)) {
            Some(&end) => at.push((end, n)),
            None => return Err(person),
        }
    }
    // the insertions in file order, those at one place in the order given
    at.sort_unstable();
    // whether the file from line i on is blank
    let mut blank_from = vec![true; lines.len() + 1];
    for i in (0..lines.len()).rev() {
        blank_from[i] = blank_from[i + 1] && lines[i].trim().is_empty();
    }
    let mut out = String::with_capacity(people.len() + 256 * at.len());
    let mut next = 0;
    let mut after_block = false;
    for (line, n) in at {
        push_lines(&mut out, &lines[next..line], after_block);
        out.truncate(out.trim_end().len());
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&affiliations[n].1.to_toml());
        next = line;
        after_block = !blank_from[line];
        if after_block {
            out.push('\n');
        }
    }
    push_lines(&mut out, &lines[next..], after_block);
    Ok(out)
}

/// Appends `lines` to `out`; right after an inserted block, without the blank lines that
/// begin them (the block is followed by one line break already).
fn push_lines(out: &mut String, lines: &[&str], after_block: bool) {
    let mut skipping = after_block;
    for line in lines {
        if skipping && *line == "\n" {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
}

/// `session` (the text of a session file) with `recommendation` put among its
/// recommendations by order: before the first with a greater order, else after the last,
/// else before the first `[[allow]]`, else at the end.
pub fn insert_recommendation(session: &str, recommendation: &RecommendationDraft) -> String {
    let lines = lines(session);
    let mut at = None;
    let mut after_last = None;
    let mut first_allow = None;
    let mut current: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if is_header(t) {
            if current.is_some() {
                after_last = Some(i);
            }
            current = (t == "[[recommendation]]").then_some(i);
            if t == "[[allow]]" && first_allow.is_none() {
                first_allow = Some(i);
            }
            continue;
        }
        if let (Some(header), None) = (current, at)
            && let Some(order) = t.strip_prefix("order = ")
            && order
                .trim()
                .parse::<u32>()
                .is_ok_and(|o| o > recommendation.order)
        {
            at = Some(header);
        }
    }
    if current.is_some() {
        after_last = Some(lines.len());
    }
    let at = at.or(after_last).or(first_allow).unwrap_or(lines.len());
    insert_at(&lines, at, &recommendation.to_toml())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(order: u32) -> RecommendationDraft {
        RecommendationDraft {
            id: format!("s-r{order:02}"),
            order,
            label: "findings".into(),
            text: "Act.".into(),
            bullet: order,
            line: 10 + order,
        }
    }

    const SESSION: &str = "id = \"s\"\nkind = \"panel\"\n\n[[participant]]\nperson = \"p\"\nrole = \"speaker\"\n\n[[recommendation]]\nid = \"s-r01\"\norder = 1\n\n[[recommendation]]\nid = \"s-r03\"\norder = 3\n\n[[allow]]\nrule = \"x\"\nreason = \"y\"\n";

    #[test]
    fn recommendations_go_in_order() {
        let two = insert_recommendation(SESSION, &rec(2));
        insta::assert_snapshot!(two, @r#"
        id = "s"
        kind = "panel"

        [[participant]]
        person = "p"
        role = "speaker"

        [[recommendation]]
        id = "s-r01"
        order = 1

        [[recommendation]]
        id = "s-r02"
        order = 2
        label = "findings"
        text = "Act."
        source = { bullet = 2, line = 12 }

        [[recommendation]]
        id = "s-r03"
        order = 3

        [[allow]]
        rule = "x"
        reason = "y"
        "#);
        let four = insert_recommendation(SESSION, &rec(4));
        assert!(
            four.contains("order = 3\n\n[[recommendation]]\nid = \"s-r04\""),
            "{four}"
        );
        assert!(four.ends_with("line = 14 }\n\n[[allow]]\nrule = \"x\"\nreason = \"y\"\n"));
        let none = insert_recommendation("id = \"s\"\n\n[[allow]]\nrule = \"x\"\n", &rec(1));
        assert!(
            none.starts_with("id = \"s\"\n\n[[recommendation]]\n"),
            "{none}"
        );
        let bare = insert_recommendation("id = \"s\"\n", &rec(1));
        assert!(bare.ends_with("line = 11 }\n"), "{bare}");
    }

    #[test]
    fn affiliations_go_to_their_person() {
        let people = "#:schema x\n\n[[person]]\nid = \"a\"\nname = \"A\"\n\n[[person.affiliation]]\nconference = \"c1\"\nas_printed = \"X\"\n\n[[person]]\nid = \"b\"\nname = \"B\"\n";
        let aff = AffiliationDraft {
            conference: "c2".into(),
            organization: None,
            as_printed: "Y".into(),
        };
        let a = insert_affiliation(people, "a", &aff).expect("person a");
        assert!(
            a.contains("as_printed = \"X\"\n\n[[person.affiliation]]\nconference = \"c2\"\nas_printed = \"Y\"\n\n[[person]]\nid = \"b\""),
            "{a}"
        );
        let b = insert_affiliation(people, "b", &aff).expect("person b");
        assert!(
            b.ends_with(
                "name = \"B\"\n\n[[person.affiliation]]\nconference = \"c2\"\nas_printed = \"Y\"\n"
            ),
            "{b}"
        );
        assert_eq!(insert_affiliation(people, "z", &aff), None);
        assert_eq!(append_block("x = 1\n\n\n", "[t]\n"), "x = 1\n\n[t]\n");
    }

    #[test]
    fn many_at_once_are_as_one_after_the_other() {
        let people = "#:schema x\n\n[[person]]\nid = \"a\"\nname = \"A\"\n\n[[person.affiliation]]\nconference = \"c1\"\nas_printed = \"X\"\n\n\n[[person]]\nid = \"b\"\nname = \"B\"\n\n[[person]]\nid = \"c\"\nname = \"C\"\n\n\n";
        let aff = |c: &str| AffiliationDraft {
            conference: c.into(),
            organization: None,
            as_printed: format!("at {c}"),
        };
        let (one, two, three) = (aff("c2"), aff("c3"), aff("c4"));
        for order in [
            vec![("a", &one)],
            vec![("c", &one), ("a", &two)],
            vec![("b", &one), ("a", &two), ("b", &three), ("c", &one)],
            vec![("c", &one), ("c", &two)],
        ] {
            let mut expected = people.to_owned();
            for (person, a) in &order {
                expected = insert_affiliation(&expected, person, a).expect("a person");
            }
            assert_eq!(
                insert_affiliations(people, &order),
                Ok(expected),
                "{order:?}"
            );
        }
        assert_eq!(
            insert_affiliations(people, &[("a", &one), ("z", &two)]),
            Err("z")
        );
        for text in ["", "x = 1\n", "x = 1\n\n\n"] {
            let blocks = ["[t]\n", "[u]\nv = 2\n\n", "[w]\n"];
            let expected = blocks
                .iter()
                .fold(text.to_owned(), |t, b| append_block(&t, b));
            assert_eq!(append_blocks(text, blocks), expected, "{text:?}");
        }
    }
}
