//! Writing TOML values and keys as the dataset's files have them.

use toml_writer::{ToTomlValue, TomlStringBuilder};

/// A TOML basic string (`"..."`, escaped as needed) holding `text`.
pub fn string(text: &str) -> String {
    TomlStringBuilder::new(text).as_basic().to_toml_value()
}

/// A TOML array of basic strings on one line: `["a", "b"]`.
pub(crate) fn strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// Appends `key = "value"`.
pub(crate) fn key_str(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    out.push_str(&string(value));
    out.push('\n');
}

/// Appends `key = "value"` when there is a value.
pub(crate) fn key_opt(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        key_str(out, key, value);
    }
}

/// Appends `key = value` for a number.
pub(crate) fn key_num(out: &mut String, key: &str, value: impl std::fmt::Display) {
    out.push_str(&format!("{key} = {value}\n"));
}

/// Appends `key = ["a", "b"]` when the list is not empty.
pub(crate) fn key_list(out: &mut String, key: &str, items: &[String]) {
    if !items.is_empty() {
        out.push_str(&format!("{key} = {}\n", strings(items)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("say \"no\""), "\"say \\\"no\\\"\"");
        assert_eq!(string("back\\slash"), "\"back\\\\slash\"");
        assert_eq!(string("a\u{7}b"), "\"a\\u0007b\"");
        assert_eq!(string("– “c”"), "\"– “c”\"");
        assert_eq!(strings(&["a".into(), "b".into()]), "[\"a\", \"b\"]");
    }
}
