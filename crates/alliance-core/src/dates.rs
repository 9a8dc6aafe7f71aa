//! Dates, editions and numbers as people write them, for the workbook, the briefs and
//! messages: "3–4 April 2017", "17th", "32,767".

use crate::load::parse_date;

/// The months' names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn parse(date: &str) -> Option<(i32, &'static str, u32)> {
    let (y, m, d) = parse_date(date)?;
    let month = MONTHS.get(usize::try_from(m).ok()?.checked_sub(1)?)?;
    Some((y, month, d))
}

/// "2026-11-28" -> "28 November 2026"; anything else as it is.
pub fn long_date(date: &str) -> String {
    match parse(date) {
        Some((y, m, d)) => format!("{d} {m} {y}"),
        None => date.to_owned(),
    }
}

/// "3–4 April 2017", "30 March – 2 April 2017", "30 December 2017 – 2 January 2018"; a date
/// that does not parse as it is.
pub fn date_range(start: &str, end: &str) -> String {
    match (parse(start), parse(end)) {
        (Some(a), Some(b)) if a == b => long_date(start),
        (Some((y1, m1, d1)), Some((y2, m2, d2))) if y1 == y2 && m1 == m2 => {
            format!("{d1}\u{2013}{d2} {m1} {y1}")
        }
        (Some((y1, m1, d1)), Some((y2, m2, d2))) if y1 == y2 => {
            format!("{d1} {m1} \u{2013} {d2} {m2} {y1}")
        }
        _ if start == end => long_date(start),
        _ => format!("{} \u{2013} {}", long_date(start), long_date(end)),
    }
}

/// "1st", "2nd", "17th", "23rd", "111th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A count with thousands separators: `32,767`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_a_report() {
        assert_eq!(date_range("2017-04-03", "2017-04-04"), "3–4 April 2017");
        assert_eq!(
            date_range("2017-03-30", "2017-04-02"),
            "30 March – 2 April 2017"
        );
        assert_eq!(
            date_range("2017-12-30", "2018-01-02"),
            "30 December 2017 – 2 January 2018"
        );
        assert_eq!(date_range("2017-04-03", "2017-04-03"), "3 April 2017");
        assert_eq!(date_range("spring", "2017-04-03"), "spring – 3 April 2017");
        assert_eq!(date_range("soon", "soon"), "soon");
        assert_eq!(long_date("2026-11-28"), "28 November 2026");
        assert_eq!(long_date("2026-13-28"), "2026-13-28");
    }

    #[test]
    fn ordinals() {
        let got: Vec<_> = [1, 2, 3, 4, 11, 12, 13, 17, 21, 22, 23, 111, 112]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "17th", "21st", "22nd", "23rd",
                "111th", "112th"
            ]
        );
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(20_000), "20,000");
        assert_eq!(thousands(32_767), "32,767");
        assert_eq!(thousands(1_048_575), "1,048,575");
    }
}
