//! Sentence splitting on folded text.
//!
//! A sentence ends at a paragraph break, at a line break before a line that
//! does not start in lowercase (a headline, a list item), or at `.` `!` `?`
//! (after any closing quote) followed by a space and a capital, digit or
//! opening quote in the original, unless the word before the stop is an
//! abbreviation ("M.", "Gen.") or an initial. The abbreviations are those
//! of every language pack (`rules/lang/<code>/words.yaml`, `text:`): a text
//! is split before its language is known.

use crate::text::fold::{Folded, join_line};

/// A sentence: a byte range of the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Which paragraph (blank-line separated) the sentence is in, from 0.
    pub paragraph: usize,
}

/// Splits `folded` (the folding of `original`) into sentences, joining the line
/// breaks that do not end one (hard-wrapped text) into spaces.
/// Uses the abbreviations of the embedded language packs.
pub fn split(folded: &mut Folded, original: &str) -> Vec<Sentence> {
    split_with(
        folded,
        original,
        crate::lang::Languages::builtin().abbreviations(),
    )
}

/// [`split`] with the abbreviations of the packs loaded with the rules.
pub fn split_with(folded: &mut Folded, original: &str, abbreviations: &[String]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    let mut joins = Vec::new();
    {
        let bytes = folded.text.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        while i < n {
            let b = bytes[i];
            if b == b'\n' {
                let (os, oe) = folded.original_span(i, i + 1);
                let blank = original
                    .get(os..oe)
                    .is_some_and(|s| s.matches('\n').count() >= 2);
                let next_lower = original
                    .get(oe..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_lowercase);
                if blank || !next_lower {
                    push(&mut out, bytes, start, i, paragraph);
                    paragraph += usize::from(blank);
                    start = i + 1;
                } else {
                    joins.push(i);
                }
            } else if matches!(b, b'.' | b'!' | b'?') {
                let mut j = i + 1;
                while j < n && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b')' | b'\'') {
                    j += 1;
                }
                if j < n
                    && bytes[j] == b' '
                    && j + 1 < n
                    && !is_abbreviation(bytes, i, abbreviations)
                {
                    let orig = folded.original_offset(j + 1);
                    let next = original.get(orig..).and_then(|s| s.chars().next());
                    let starts_sentence = next.is_some_and(|c| {
                        c.is_uppercase()
                            || c.is_ascii_digit()
                            || matches!(c, '«' | '"' | '“' | '—' | '–' | '-')
                    });
                    if starts_sentence {
                        push(&mut out, bytes, start, j, paragraph);
                        start = j + 1;
                        i = j + 1;
                        continue;
                    }
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push(&mut out, bytes, start, n, paragraph);
    }
    for j in joins {
        join_line(folded, j);
    }
    out
}

fn push(out: &mut Vec<Sentence>, bytes: &[u8], mut start: usize, mut end: usize, paragraph: usize) {
    while start < end && bytes[start] == b' ' {
        start += 1;
    }
    while end > start && matches!(bytes[end - 1], b' ' | b'\n') {
        end -= 1;
    }
    if end > start {
        out.push(Sentence {
            start,
            end,
            paragraph,
        });
    }
}

fn is_abbreviation(bytes: &[u8], dot: usize, abbreviations: &[String]) -> bool {
    let mut k = dot;
    while k > 0 && bytes[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    let word = &bytes[k..dot];
    if word.is_empty() {
        return false;
    }
    let before_ok = k == 0 || !bytes[k - 1].is_ascii_alphanumeric();
    before_ok
        && (word.len() == 1
            || abbreviations
                .iter()
                .any(|a| a.as_bytes().eq_ignore_ascii_case(word)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let mut f = Folded::new(text, 0);
        let s = split(&mut f, text);
        s.iter()
            .map(|s| f.text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn splits_on_stops_before_capitals_only() {
        assert_eq!(
            sentences("Il y a 120.000 habitants. M. Aliyev a parlé. Fin du texte"),
            vec![
                "il y a 120.000 habitants.",
                "m. aliyev a parle.",
                "fin du texte"
            ]
        );
    }

    #[test]
    fn headlines_and_wrapped_lines() {
        assert_eq!(
            sentences("Titre sans point\nLe ministère a déclaré que\nles forces tiennent."),
            vec![
                "titre sans point",
                "le ministere a declare que les forces tiennent."
            ]
        );
    }

    #[test]
    fn quote_then_stop() {
        assert_eq!(
            sentences("« Ils tiennent bon. » Bakou dément."),
            vec!["\" ils tiennent bon. \" bakou dement."]
        );
    }
}
