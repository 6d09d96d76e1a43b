//! Folding: a lowercase, accent-free copy of a text with a map back to the
//! original bytes.
//!
//! Rule patterns are written against folded text ("tues", not "Tués"; `"` for
//! « » “ ”; `'` for ’), so they stay short and word boundaries stay ASCII.
//! Every folded byte remembers the original character it came from, so a
//! match on the folded copy maps back to an exact byte span of the file.
//!
//! Whitespace runs collapse to one byte: `\n` when the run holds a line break
//! (the sentence splitter decides whether it ends a sentence), a space
//! otherwise (no-break and narrow no-break spaces included). Zero-width
//! characters and soft hyphens vanish.

/// A folded copy of a text and its map back to the original bytes.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each folded byte, the original byte offset where its source character starts.
    starts: Vec<u32>,
    /// For each folded byte, the original byte offset where its source character ends.
    ends: Vec<u32>,
    /// Where the folded text ends in the original.
    end: u32,
}

impl Folded {
    /// Folds `original`; every offset is shifted by `base` (the offset of
    /// `original` inside its file).
    pub fn new(original: &str, base: usize) -> Folded {
        crate::work::read(original.len());
        let mut text: Vec<u8> = Vec::with_capacity(original.len());
        let mut starts: Vec<u32> = Vec::with_capacity(original.len());
        let mut ends: Vec<u32> = Vec::with_capacity(original.len());
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII letters, digits and punctuation: most of a news text.
            if plain(b) {
                let run = bytes[i..].iter().position(|&b| !plain(b));
                let end = run.map_or(bytes.len(), |n| i + n);
                text.extend(bytes[i..end].iter().map(u8::to_ascii_lowercase));
                let (from, to) = (to_u32(base + i), to_u32(base + end));
                starts.extend(from..to);
                ends.extend(from + 1..to + 1);
                i = end;
                continue;
            }
            let c = original[i..].chars().next().unwrap_or(' ');
            let start = base + i;
            let mut next = i + c.len_utf8();
            let folded: &str = if c.is_whitespace() {
                // A run of whitespace: one newline when it holds a line break.
                let mut newline = c == '\n';
                for d in original[next..].chars() {
                    if !d.is_whitespace() {
                        break;
                    }
                    newline |= d == '\n';
                    next += d.len_utf8();
                }
                if newline { "\n" } else { " " }
            } else {
                match fold_char(c) {
                    Folding::Drop => "",
                    Folding::Str(s) => s,
                    Folding::Keep => {
                        let mut buf = [0u8; 4];
                        for l in c.to_lowercase() {
                            let l = l.encode_utf8(&mut buf);
                            push(&mut text, &mut starts, &mut ends, l, start, base + next);
                        }
                        ""
                    }
                }
            };
            push(
                &mut text,
                &mut starts,
                &mut ends,
                folded,
                start,
                base + next,
            );
            i = next;
        }
        Folded {
            // Every byte pushed is ASCII or a whole character's UTF-8.
            text: String::from_utf8(text).unwrap_or_default(),
            starts,
            ends,
            end: to_u32(base + original.len()),
        }
    }

    /// The original byte span of the folded span `start..end`.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        let s = if start < self.starts.len() {
            self.starts[start]
        } else {
            self.end
        };
        let e = if end == 0 {
            s
        } else if end <= self.ends.len() {
            self.ends[end - 1]
        } else {
            self.end
        };
        (s as usize, (e.max(s)) as usize)
    }

    /// The original byte offset where folded byte `i` starts.
    pub fn original_offset(&self, i: usize) -> usize {
        self.original_span(i, i).0
    }
}

/// Appends the folding of one original character (`start..end`).
fn push(
    text: &mut Vec<u8>,
    starts: &mut Vec<u32>,
    ends: &mut Vec<u32>,
    s: &str,
    start: usize,
    end: usize,
) {
    text.extend_from_slice(s.as_bytes());
    starts.extend(std::iter::repeat_n(to_u32(start), s.len()));
    ends.extend(std::iter::repeat_n(to_u32(end), s.len()));
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

enum Folding {
    Drop,
    Str(&'static str),
    Keep,
}

/// Folds a non-ASCII character.
fn fold_char(c: char) -> Folding {
    use Folding::{Drop, Keep, Str};
    match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Drop,
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '‹' | '›' => Str("\""),
        '’' | '‘' | '‚' | '‛' | 'ʼ' | '′' | '´' | '`' => Str("'"),
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => Str("-"),
        '…' => Str("..."),
        'œ' | 'Œ' => Str("oe"),
        'æ' | 'Æ' => Str("ae"),
        'ß' => Str("ss"),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' | 'ə' | 'Ə' => Str("a"),
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => Str("c"),
        'ď' | 'đ' | 'Ď' | 'Đ' => Str("d"),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => Str("e"),
        'ğ' | 'Ğ' => Str("g"),
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            Str("i")
        }
        'ķ' | 'Ķ' => Str("k"),
        'ľ' | 'ł' | 'Ľ' | 'Ł' => Str("l"),
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => Str("n"),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => Str("o"),
        'ř' | 'Ř' => Str("r"),
        'ś' | 'ş' | 'š' | 'ș' | 'Ś' | 'Ş' | 'Š' | 'Ș' => Str("s"),
        'ţ' | 'ť' | 'ț' | 'Ţ' | 'Ť' | 'Ț' => Str("t"),
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű'
        | 'Ų' => Str("u"),
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => Str("y"),
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => Str("z"),
        _ => Keep,
    }
}

/// An ASCII letter, digit or punctuation byte: most of a news text, and
/// folded to its lower case alone.
fn plain(b: u8) -> bool {
    b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b
}

/// Folds a string that is not tied to a file (an alias, an example).
pub fn fold_str(s: &str) -> String {
    // A word of ASCII letters, digits and punctuation folds to its lower
    // case, as [`Folded::new`]'s first branch does, without the map back.
    if s.bytes().all(plain) {
        crate::work::read(s.len());
        return s.to_ascii_lowercase();
    }
    Folded::new(s, 0).text
}

/// Folds the non-ASCII characters of a regex pattern ("tués" to "tues"), and
/// leaves ASCII alone so escapes such as `\S` keep their meaning.
pub fn fold_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    for c in pattern.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c.is_whitespace() {
            out.push(' ');
        } else {
            match fold_char(c) {
                Folding::Drop => {}
                Folding::Str(s) => out.push_str(s),
                Folding::Keep => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Replaces byte `i` of the folded text (a newline the sentence splitter
/// joined) with a space; the map is unchanged.
pub(crate) fn join_line(folded: &mut Folded, i: usize) {
    if folded.text.as_bytes().get(i) == Some(&b'\n') {
        folded.text.replace_range(i..=i, " ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_spaces() {
        let f = Folded::new("Les « Tués »\u{a0}: 2\u{202f}000 ’ŒUVRE", 0);
        assert_eq!(f.text, "les \" tues \" : 2 000 'oeuvre");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let original = "Été: 29 tués";
        let f = Folded::new(original, 10);
        let at = f.text.find("tues").unwrap();
        let (s, e) = f.original_span(at, at + 4);
        assert_eq!(&original[s - 10..e - 10], "tués");
        let (s, e) = f.original_span(0, 3);
        assert_eq!(&original[s - 10..e - 10], "Été");
    }

    #[test]
    fn ligature_span_covers_whole_char() {
        let original = "cœur";
        let f = Folded::new(original, 0);
        assert_eq!(f.text, "coeur");
        assert_eq!(f.original_span(1, 2), (1, 3));
        assert_eq!(f.original_span(0, 5), (0, original.len()));
    }

    #[test]
    fn line_breaks_collapse_to_one_newline() {
        let f = Folded::new("a\nb\n\n  c d", 0);
        assert_eq!(f.text, "a\nb\nc d");
    }
}
