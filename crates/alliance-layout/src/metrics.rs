//! Text widths and line wrapping, for the fit estimate: the advance widths of Arial (and of
//! Liberation Sans, which is metric-compatible with it) and a greedy line breaker like the
//! browser's. Text is split into words and parts of words by one function, generic over what
//! it reads: the characters of any text, or the bytes of ASCII text, which is most of a
//! dataset and faster to read.
//!
//! A word wider than the line it is set in (a long URL, say) is broken between characters, as
//! the stylesheet's `overflow-wrap: anywhere` has Chromium break it: it begins a line of its
//! own, fills as many lines as it needs character by character, and what follows it continues
//! after its last character ([`split_overlong`]).

/// Advance widths of U+0020..=U+007E in Liberation Sans Regular, in thousandths of an em (read
/// from the font's `hmtx` table; identical to Arial's and Helvetica's).
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/// The same for Liberation Sans Bold.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// A table of advance widths in ems (thousandths divided by 1000, at compile time: the same
/// values as dividing at run time).
const fn ems(table: [u16; 95]) -> [f64; 95] {
    let mut out = [0.0; 95];
    let mut i = 0;
    while i < 95 {
        out[i] = table[i] as f64 / 1000.0;
        i += 1;
    }
    out
}

const REGULAR_EM: [f64; 95] = ems(REGULAR);
const BOLD_EM: [f64; 95] = ems(BOLD);

const PT_MM: f64 = 25.4 / 72.0;

/// A font as the stylesheet sets it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Font {
    /// Size, points.
    pub(crate) size_pt: f64,
    /// Bold.
    pub(crate) bold: bool,
    /// Set in capitals (`text-transform: uppercase`).
    pub(crate) caps: bool,
    /// Letter spacing, ems.
    pub(crate) tracking_em: f64,
}

impl Font {
    /// A regular font of `size_pt`.
    pub(crate) const fn regular(size_pt: f64) -> Self {
        Font {
            size_pt,
            bold: false,
            caps: false,
            tracking_em: 0.0,
        }
    }

    /// A bold font of `size_pt`.
    pub(crate) const fn bold(size_pt: f64) -> Self {
        Font {
            bold: true,
            ..Font::regular(size_pt)
        }
    }

    /// Bold capitals with letter spacing, as in labels and kickers.
    pub(crate) const fn label(size_pt: f64, tracking_em: f64) -> Self {
        Font {
            bold: true,
            caps: true,
            tracking_em,
            ..Font::regular(size_pt)
        }
    }

    /// Width of one character, thousandths of an em, letter spacing excluded.
    fn advance(self, c: char) -> u16 {
        let c = if self.caps {
            c.to_uppercase().next().unwrap_or(c)
        } else {
            c
        };
        let table = if self.bold { &BOLD } else { &REGULAR };
        if let Some(w) = u32::from(c)
            .checked_sub(0x20)
            .and_then(|i| table.get(usize::try_from(i).ok()?))
        {
            return *w;
        }
        match c {
            '\u{2013}' | '\u{2022}' => 556,
            '\u{2014}' | '\u{2026}' => 1000,
            '\u{2018}' | '\u{2019}' => {
                if self.bold {
                    278
                } else {
                    222
                }
            }
            '\u{201C}' | '\u{201D}' => {
                if self.bold {
                    500
                } else {
                    333
                }
            }
            '\u{00A0}' | '\u{00B7}' => 278,
            '\u{00A9}' | '\u{00AE}' => 737,
            c if u32::from(c) >= 0x2E80 => 1000, // CJK and beyond: full width
            c if c.is_uppercase() => 722,
            c if c.is_alphabetic() && !self.bold => 556,
            _ => 611,
        }
    }

    /// Width of one character in ems, letter spacing included.
    #[inline(always)]
    fn em(self, c: char) -> f64 {
        let table = if self.bold { &BOLD_EM } else { &REGULAR_EM };
        // printable ASCII, in capitals when the font sets them: straight from the table (any
        // other character whose capital is ASCII, such as 'ı', is not ASCII itself)
        let ascii = if self.caps { c.to_ascii_uppercase() } else { c };
        let em = match (u32::from(ascii).checked_sub(0x20)).and_then(|i| table.get(i as usize)) {
            Some(em) => *em,
            None => f64::from(self.advance(c)) / 1000.0,
        };
        em + self.tracking_em
    }

    /// Width of `ems` ems of this font, millimetres.
    fn ems_mm(self, ems: f64) -> f64 {
        ems * self.size_pt * PT_MM
    }

    /// Width of a string, millimetres.
    pub(crate) fn width_mm(self, s: &str) -> f64 {
        // summed from -0.0 in order, as `Iterator::sum` does
        let ems = s.chars().fold(-0.0, |sum, c| sum + self.em(c));
        self.ems_mm(ems)
    }
}

/// Something a line holds: a word, or an unbreakable box such as a pillar label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Piece {
    /// Space before it when it is not at the start of a line, millimetres.
    pub(crate) glue_mm: f64,
    /// Its width, millimetres.
    pub(crate) width_mm: f64,
    /// Whether it begins a line wherever it comes: a part of a word too wide for the line,
    /// broken between characters.
    pub(crate) starts_line: bool,
}

impl Piece {
    /// A piece that follows the one before it on a line when it fits.
    pub(crate) const fn new(glue_mm: f64, width_mm: f64) -> Self {
        Piece {
            glue_mm,
            width_mm,
            starts_line: false,
        }
    }
}

/// The pieces of running text set in a line `line_mm` wide: words, split at spaces and after
/// hyphens and dashes (where the browser may break a line), and a word wider than the line
/// broken between characters ([`split_overlong`]).
pub(crate) fn pieces(text: &str, font: Font, line_mm: f64) -> Vec<Piece> {
    let mut out = Vec::new();
    push_pieces(text, font, line_mm, &mut out);
    out
}

/// [`pieces`], appended to `out`.
pub(crate) fn push_pieces(text: &str, font: Font, line_mm: f64, out: &mut Vec<Piece>) {
    for_each_piece(text, font, line_mm, |p| out.push(p));
}

/// [`pieces`], each given to `out` in turn: nothing is allocated.
pub(crate) fn for_each_piece(text: &str, font: Font, line_mm: f64, out: impl FnMut(Piece)) {
    split(
        text,
        text.char_indices(),
        font,
        line_mm,
        |c| font.em(c),
        out,
    );
}

/// A font with the widths of printable ASCII looked up, for measuring much text in it: each
/// width is [`Font::em`]'s, so that what it measures is the same to the bit.
#[derive(Debug, Clone)]
pub(crate) struct Measure {
    font: Font,
    ascii: [f64; 95],
}

impl Measure {
    pub(crate) fn new(font: Font) -> Self {
        let mut ascii = [0.0; 95];
        for (c, em) in (' '..='~').zip(&mut ascii) {
            *em = font.em(c);
        }
        Measure { font, ascii }
    }

    /// [`for_each_piece`] in this font. ASCII text is read byte by byte.
    pub(crate) fn for_each_piece(&self, text: &str, line_mm: f64, out: impl FnMut(Piece)) {
        let font = self.font;
        if text.is_ascii() {
            let em = |b: u8| match b.checked_sub(0x20) {
                Some(i) if i < 95 => self.ascii[usize::from(i)],
                _ => font.em(char::from(b)),
            };
            split(text, text.bytes().enumerate(), font, line_mm, em, out);
        } else {
            let em = |c: char| match u32::from(c).checked_sub(0x20) {
                Some(i) if i < 95 => self.ascii[i as usize],
                _ => font.em(c),
            };
            split(text, text.char_indices(), font, line_mm, em, out);
        }
    }
}

/// What text is split into words and parts of words: characters, or the bytes of ASCII text.
trait Unit: Copy {
    /// Whether it separates words: `char::is_whitespace`, as `str::split_whitespace` splits.
    fn is_space(self) -> bool;
    /// Whether a line may break after it (a hyphen or dash) when it does not begin a part.
    fn is_dash(self) -> bool;
    /// Its length in bytes.
    fn len(self) -> usize;
}

impl Unit for char {
    #[inline(always)]
    fn is_space(self) -> bool {
        self.is_whitespace()
    }

    #[inline(always)]
    fn is_dash(self) -> bool {
        matches!(self, '-' | '\u{2013}' | '\u{2014}')
    }

    #[inline(always)]
    fn len(self) -> usize {
        self.len_utf8()
    }
}

impl Unit for u8 {
    /// The ASCII characters for which `char::is_whitespace` holds: a space or `\t..=\r`.
    #[inline(always)]
    fn is_space(self) -> bool {
        self == b' ' || (b'\t'..=b'\r').contains(&self)
    }

    /// The only ASCII dash is `-`.
    #[inline(always)]
    fn is_dash(self) -> bool {
        self == b'-'
    }

    #[inline(always)]
    fn len(self) -> usize {
        1
    }
}

/// The pieces of `text` read unit by unit (each with its byte offset), with each unit's width
/// in ems from `em`: words split at spaces, each word's parts ending after a hyphen or dash
/// that does not begin them. A part's width is its units' widths summed in order from `-0.0`,
/// as [`Font::width_mm`] sums them. A part wider than `line_mm` is broken between characters
/// ([`split_overlong`]).
#[inline(always)]
fn split<U: Unit>(
    text: &str,
    units: impl Iterator<Item = (usize, U)>,
    font: Font,
    line_mm: f64,
    em: impl Fn(U) -> f64,
    mut out: impl FnMut(Piece),
) {
    let space = font.width_mm(" ");
    // a part, from its first unit to the end of its last: as one piece, or broken
    let mut part = |glue: f64, ems: f64, start: usize, end: usize| {
        let width_mm = font.ems_mm(ems);
        if width_mm > line_mm {
            split_overlong(&text[start..end], font, glue, line_mm, &mut out);
        } else {
            out(Piece::new(glue, width_mm));
        }
    };
    // the space before the part being read, its width so far, whether it has none yet, and
    // where it begins
    let mut glue = space;
    let mut ems = -0.0;
    let mut empty = true;
    let mut start = 0;
    for (i, u) in units {
        if u.is_space() {
            if !empty {
                part(glue, ems, start, i);
            }
            glue = space;
            ems = -0.0;
            empty = true;
            continue;
        }
        if empty {
            start = i;
        }
        ems += em(u);
        if u.is_dash() && !empty {
            part(glue, ems, start, i + u.len());
            glue = 0.0;
            ems = -0.0;
            empty = true;
        } else {
            empty = false;
        }
    }
    if !empty {
        part(glue, ems, start, text.len());
    }
}

/// The pieces of a part of a word wider than the line, `line_mm`, broken between characters
/// as Chromium breaks it under `overflow-wrap: anywhere`: the part begins a line (the break
/// before it, at a space or after a hyphen, is the one the browser takes first), each line
/// holds as many of its characters as fit, and the last piece, what is left, is followed on
/// its line by what comes next. Each piece begins a line; `glue` is the space before the
/// first.
fn split_overlong(part: &str, font: Font, glue: f64, line_mm: f64, mut out: impl FnMut(Piece)) {
    let mut glue_mm = glue;
    let mut ems = -0.0;
    let mut empty = true;
    for c in part.chars() {
        let em = font.em(c);
        // a line holds at least one character, however narrow
        if !empty && font.ems_mm(ems + em) > line_mm {
            out(Piece {
                glue_mm,
                width_mm: font.ems_mm(ems),
                starts_line: true,
            });
            glue_mm = 0.0;
            ems = -0.0;
        }
        ems += em;
        empty = false;
    }
    if !empty {
        out(Piece {
            glue_mm,
            width_mm: font.ems_mm(ems),
            starts_line: true,
        });
    }
}

/// How many lines `pieces` take in a box `width_mm` wide, filled greedily as a browser does
/// (`0` for no pieces). A piece that begins a line ([`Piece::starts_line`]) begins one; a
/// piece wider than the box (an unbreakable box: words that wide are broken into pieces that
/// fit) takes a line of its own.
pub(crate) fn line_count<'p>(pieces: impl IntoIterator<Item = &'p Piece>, width_mm: f64) -> usize {
    let mut lines = Lines::new(width_mm);
    for p in pieces {
        lines.push(*p);
    }
    lines.count()
}

/// [`line_count`] piece by piece, for pieces that are never gathered in a list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lines {
    width_mm: f64,
    lines: usize,
    used: f64,
}

impl Lines {
    /// No lines yet, in a box `width_mm` wide.
    pub(crate) fn new(width_mm: f64) -> Self {
        Lines {
            width_mm,
            lines: 0,
            used: 0.0,
        }
    }

    /// Sets running text in `font` ([`for_each_piece`] in this box's width).
    pub(crate) fn text(&mut self, text: &str, font: Font) {
        let width_mm = self.width_mm;
        for_each_piece(text, font, width_mm, |p| self.push(p));
    }

    /// Sets running text measured with `measure` ([`Measure::for_each_piece`] in this box's
    /// width).
    pub(crate) fn measured_text(&mut self, text: &str, measure: &Measure) {
        let width_mm = self.width_mm;
        measure.for_each_piece(text, width_mm, |p| self.push(p));
    }

    /// Sets the next piece.
    pub(crate) fn push(&mut self, p: Piece) {
        if self.lines == 0 {
            self.lines = 1;
            self.used = p.width_mm;
        } else if !p.starts_line && self.used + p.glue_mm + p.width_mm <= self.width_mm {
            self.used += p.glue_mm + p.width_mm;
        } else {
            self.lines += 1;
            self.used = p.width_mm;
        }
    }

    /// How many lines the pieces so far take.
    pub(crate) fn count(&self) -> usize {
        self.lines
    }
}

/// Lines a text takes in a box `width_mm` wide.
pub(crate) fn text_lines(text: &str, font: Font, width_mm: f64) -> usize {
    let mut lines = Lines::new(width_mm);
    lines.text(text, font);
    lines.count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        let f = Font::regular(10.0);
        // "mi" = 833 + 222 thousandths of 10 pt
        assert!((f.width_mm("mi") - 1.055 * 10.0 * PT_MM).abs() < 1e-9);
        assert!(Font::bold(10.0).width_mm("b") > f.width_mm("b"));
        assert!(Font::label(10.0, 0.0).width_mm("a") > Font::bold(10.0).width_mm("a"));
        assert!(f.width_mm("–") > 0.0 && f.width_mm("語") > f.width_mm("a"));
    }

    /// The first, plain form of `Font::width_mm` and `pieces`, which the faster one must match
    /// to the bit.
    fn reference_width_mm(font: Font, s: &str) -> f64 {
        let units: f64 = s
            .chars()
            .map(|c| f64::from(font.advance(c)) / 1000.0 + font.tracking_em)
            .sum();
        units * font.size_pt * PT_MM
    }

    fn reference_pieces(text: &str, font: Font) -> Vec<Piece> {
        let space = reference_width_mm(font, " ");
        let mut out = Vec::new();
        for word in text.split_whitespace() {
            let mut glue = space;
            let mut rest = word;
            while !rest.is_empty() {
                let cut = rest
                    .char_indices()
                    .find(|(i, c)| matches!(c, '-' | '\u{2013}' | '\u{2014}') && *i > 0)
                    .map_or(rest.len(), |(i, c)| i + c.len_utf8());
                let (part, tail) = rest.split_at(cut);
                out.push(Piece::new(glue, reference_width_mm(font, part)));
                glue = 0.0;
                rest = tail;
            }
        }
        out
    }

    #[test]
    fn widths_and_pieces_match_the_reference_to_the_bit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let ds = alliance_core::load(&root).expect("loads").dataset;
        let mut texts: Vec<String> = ds.recommendations.iter().map(|r| r.text.clone()).collect();
        texts.extend(ds.sessions.iter().map(|s| s.heading.clone()));
        texts.extend(ds.themes.iter().filter_map(|t| t.description.clone()));
        texts.extend(
            [
                "",
                " ",
                "-",
                "--a",
                "a--b",
                "a-b-c",
                "—dash– en–dash",
                "Œuvre ÉCOLE ß ǆ",
                "語 and 😀",
                "tab\tand\u{a0}nbsp",
                "\u{7f}del",
                "trailing- ",
                "UPPER lower 123 ~`",
                "dotless ı long ſ kelvin \u{212a}",
                "\u{b}vertical\u{c}feed\r\n\u{1f}unit-separator--",
            ]
            .map(str::to_owned),
        );
        let fonts = [
            Font::regular(8.5),
            Font::bold(10.5),
            Font::label(7.5, 0.08),
            Font {
                tracking_em: -0.01,
                ..Font::bold(19.0)
            },
        ];
        for text in &texts {
            for font in fonts {
                let mut measured = Vec::new();
                Measure::new(font).for_each_piece(text, f64::INFINITY, |p| measured.push(p));
                assert_eq!(measured, pieces(text, font, f64::INFINITY), "{text:?}");
                let (got, want) = (font.width_mm(text), reference_width_mm(font, text));
                assert_eq!(got.to_bits(), want.to_bits(), "{text:?}");
                let (got, want) = (
                    pieces(text, font, f64::INFINITY),
                    reference_pieces(text, font),
                );
                assert_eq!(got.len(), want.len(), "{text:?}");
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!(g.width_mm.to_bits(), w.width_mm.to_bits(), "{text:?}");
                    assert_eq!(g.glue_mm.to_bits(), w.glue_mm.to_bits(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn lines_fill_greedily_and_break_after_hyphens() {
        let f = Font::regular(10.0);
        let one = f.width_mm("aaaa");
        let space = f.width_mm(" ");
        let width = 2.0 * one + space + 0.01;
        assert_eq!(text_lines("aaaa aaaa", f, width), 1);
        assert_eq!(text_lines("aaaa aaaa aaaa", f, width), 2);
        // a break after the hyphen, none inside a word that fits a line
        assert_eq!(text_lines("aaaa aaaa-aaaa", f, width), 3);
        assert_eq!(text_lines("aaaa aaaxaaaa", f, width), 2);
        assert_eq!(text_lines("", f, width), 0);
        assert_eq!(pieces("cross-border", f, width).len(), 2);
        // a word wider than the line is broken between characters: eight a line
        assert_eq!(text_lines("aaaaaaaaaaaaaaaaaaaaaaaa", f, width), 3);
    }

    /// A 274-character URL, as in the issue: `https://example.org/` and 254 letters.
    fn long_url() -> String {
        let letters: String = (0..254)
            .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
            .collect();
        format!("https://example.org/{letters}")
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        let font = Font::regular(8.5);
        // an item's width in the dense layout
        let width = 76.5;
        let words = "Member States should publish their national referral mechanisms online, for \
                     example at";
        let url = long_url();
        assert_eq!(url.chars().count(), 274);
        let with = format!("{words} {url} and keep them up to date.");
        let without = format!("{words} and keep them up to date.");
        let (lines_with, lines_without) = (
            text_lines(&with, font, width),
            text_lines(&without, font, width),
        );
        // the URL is some five lines wide: it begins a line, fills lines and ends one that
        // the words after it share
        let url_lines = font.width_mm(&url) / width;
        assert!(url_lines > 4.0 && url_lines < 6.0, "{url_lines}");
        let extra = lines_with - lines_without;
        assert!(
            (url_lines.floor() as usize..=url_lines.ceil() as usize + 1).contains(&extra),
            "{lines_with} lines with the URL, {lines_without} without, {url_lines}"
        );
        // the same through the ASCII measure the items are measured with
        let mut lines = Lines::new(width);
        lines.measured_text(&with, &Measure::new(font));
        assert_eq!(lines.count(), lines_with);

        // alone, each line holds as many characters as fit, and no piece overflows
        let broken = pieces(&url, font, width);
        assert!(
            (url_lines.ceil() as usize..=url_lines.ceil() as usize + 1).contains(&broken.len())
        );
        assert!(broken.iter().all(|p| p.starts_line && p.width_mm <= width));
        assert_eq!(text_lines(&url, font, width), broken.len());
        let widths: f64 = broken.iter().map(|p| p.width_mm).sum();
        assert!((widths - font.width_mm(&url)).abs() < 1e-9);
        // a line does not hold the next character too
        let first = broken[0].width_mm;
        let n = url.chars().take_while({
            let mut used = 0.0;
            move |c| {
                used += font.width_mm(&c.to_string());
                used <= first + 1e-9
            }
        });
        let next = url.chars().nth(n.count()).expect("more characters");
        assert!(first + font.width_mm(&next.to_string()) > width);
    }

    #[test]
    fn a_broken_word_begins_a_line_and_what_follows_shares_its_last() {
        let f = Font::regular(10.0);
        let a = f.width_mm("a");
        // eight letters a line
        let width = 8.5 * a;
        // "x" and twenty letters: "x" | 8 | 8 | 4 and " y"
        let text = format!("x {} y", "a".repeat(20));
        assert_eq!(text_lines(&text, f, width), 4);
        // after a hyphen too, and a word that fits still fits
        let text = format!("x-{} y", "a".repeat(20));
        assert_eq!(text_lines(&text, f, width), 4);
        assert_eq!(text_lines("aaaaaaaa aaaaaaaa", f, width), 2);
        // as the first word, it begins the first line
        assert_eq!(text_lines(&"a".repeat(17), f, width), 3);
        // an unbreakable box wider than the line still takes one line
        assert_eq!(line_count(&[Piece::new(0.0, 3.0 * width)], width), 1);
        // capitals and letter spacing are measured as the font sets them
        let label = Font::label(7.0, 0.05);
        let word = "b".repeat(60);
        let lines = text_lines(&word, label, 40.0);
        assert_eq!(lines, (label.width_mm(&word) / 40.0).ceil() as usize);
    }
}
