//! Ids for drafted records: lowercase kebab-case, from names as printed.

/// A name as an id: letters folded to ASCII ("Guðbrandsson" is "gudbrandsson"), lowercase,
/// every run of other characters one hyphen. Empty when nothing of the name is a letter or
/// digit.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in name.chars() {
        let folded = fold(c);
        if folded.is_empty() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('-');
            gap = false;
        }
        out.push_str(&folded);
    }
    out
}

/// The ASCII letters or digit a character stands for; empty for anything else.
fn fold(c: char) -> String {
    if c.is_ascii_alphanumeric() {
        return c.to_ascii_lowercase().to_string();
    }
    let s = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ĝ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    };
    s.to_owned()
}

/// The short form of a conference id that prefixes its session ids: the initial of each word
/// and the numbers whole ("alliance-17" is "a17"); the id itself when it has no number.
pub fn conference_prefix(conference: &str) -> String {
    if !conference.bytes().any(|b| b.is_ascii_digit()) {
        return conference.to_owned();
    }
    conference
        .split('-')
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                w.to_owned()
            } else {
                w.chars().next().map(String::from).unwrap_or_default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Bragi Guðbrandsson"), "bragi-gudbrandsson");
        assert_eq!(slug("Veronique Roger-Lacan"), "veronique-roger-lacan");
        assert_eq!(
            slug("Executive Committee of the CIS"),
            "executive-committee-of-the-cis"
        );
        assert_eq!(slug("  Małgorzata  Żak (ed.) "), "malgorzata-zak-ed");
        assert_eq!(slug("SOS Children's Villages"), "sos-children-s-villages");
        assert_eq!(slug("—"), "");
    }

    #[test]
    fn prefixes() {
        assert_eq!(conference_prefix("alliance-17"), "a17");
        assert_eq!(conference_prefix("osce-alliance-18"), "oa18");
        assert_eq!(conference_prefix("fictional"), "fictional");
    }
}
