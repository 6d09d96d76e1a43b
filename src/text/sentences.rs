//! Sentence splitting on folded text.
//!
//! A sentence ends at a paragraph break, at a line break before a line that
//! does not start in lowercase (a headline, a list item), or at `.` `!` `?`
//! (after any closing quote) followed by a space and a capital, digit or
//! opening quote in the original, unless the word before the stop is an
//! abbreviation ("M.", "Gen.") or an initial. The abbreviations are those
//! of every language pack (`rules/lang/<code>/words.yaml`, `text:`): a text
//! is split before its language is known.
//!
//! A sentence is at most [`MAX_SENTENCE`] bytes: a longer run of text (a
//! list with no full stop, a crawler's page of one line) is cut at its last
//! clause break (`; `, `, `, `: `) before the limit, else at a space, else
//! at a character boundary. Every step after splitting looks at one sentence
//! at a time, so this bound keeps extraction linear in the input.

use crate::text::fold::{Folded, join_line};

/// The longest sentence, in folded bytes (real sentences stay under 1,000).
pub const MAX_SENTENCE: usize = 2_000;

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
    crate::work::read(folded.text.len());
    let mut out = Vec::new();
    let mut start = 0;
    let mut paragraph = 0;
    let mut joins = Vec::new();
    {
        let text = folded.text.as_str();
        let bytes = text.as_bytes();
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
                    push(&mut out, text, start, i, paragraph);
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
                        push(&mut out, text, start, j, paragraph);
                        start = j + 1;
                        i = j + 1;
                        continue;
                    }
                }
                // "…in two decades.Suhail Shaheen said": paragraphs a crawler
                // glued together, a stop right before a capitalised word.
                if j == i + 1 && glued_stop(bytes, i, folded, original, abbreviations) {
                    push(&mut out, text, start, j, paragraph);
                    start = j;
                    i = j;
                    continue;
                }
                i = j;
                continue;
            }
            i += 1;
        }
        push(&mut out, text, start, n, paragraph);
    }
    for j in joins {
        join_line(folded, j);
    }
    out
}

fn push(out: &mut Vec<Sentence>, text: &str, mut start: usize, mut end: usize, paragraph: usize) {
    let bytes = text.as_bytes();
    while end > start && matches!(bytes[end - 1], b' ' | b'\n') {
        end -= 1;
    }
    loop {
        while start < end && bytes[start] == b' ' {
            start += 1;
        }
        if start == end {
            return;
        }
        let cut = if end - start > MAX_SENTENCE {
            cut_point(text, start)
        } else {
            end
        };
        let mut piece_end = cut;
        while piece_end > start && bytes[piece_end - 1] == b' ' {
            piece_end -= 1;
        }
        out.push(Sentence {
            start,
            end: piece_end,
            paragraph,
        });
        start = cut;
    }
}

/// Where a sentence longer than [`MAX_SENTENCE`] that starts at `start` is
/// cut: after its last clause break in the second half of the limit, else
/// after its last space there, else at the last character boundary.
fn cut_point(text: &str, start: usize) -> usize {
    let limit = text.floor_char_boundary(start + MAX_SENTENCE);
    let window = &text.as_bytes()[start + MAX_SENTENCE / 2..limit];
    let after = |at: Option<usize>| at.map(|k| start + MAX_SENTENCE / 2 + k + 2);
    let clause = (0..window.len().saturating_sub(1))
        .rev()
        .find(|&k| matches!(window[k], b';' | b',' | b':') && window[k + 1] == b' ');
    after(clause)
        .or_else(|| {
            window
                .iter()
                .rposition(|&b| b == b' ')
                .map(|k| start + MAX_SENTENCE / 2 + k + 1)
        })
        .unwrap_or(limit)
}

/// Whether the full stop at `dot`, with no space after it, ends a sentence
/// glued to the next: a word of two lowercase letters or more, or a figure,
/// before it; a capital then a lowercase letter after it ("decades.Suhail",
/// not "U.S.", "3.5" or "aljazeera.com").
fn glued_stop(
    bytes: &[u8],
    dot: usize,
    folded: &Folded,
    original: &str,
    abbreviations: &[String],
) -> bool {
    if dot < 2 || !bytes.get(dot + 1).is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let before = folded.original_offset(dot - 2);
    let mut prev = original.get(before..).into_iter().flat_map(str::chars);
    let (p2, p1) = (prev.next(), prev.next());
    let lower_word = p1.is_some_and(char::is_lowercase) && p2.is_some_and(char::is_lowercase);
    let figure = p1.is_some_and(|c| c.is_ascii_digit());
    if !(lower_word || figure) || is_abbreviation(bytes, dot, abbreviations) {
        return false;
    }
    let after = folded.original_offset(dot + 1);
    let mut next = original.get(after..).into_iter().flat_map(str::chars);
    next.next().is_some_and(char::is_uppercase) && next.next().is_some_and(char::is_lowercase)
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
    fn a_sentence_longer_than_the_limit_is_cut_at_clause_breaks_and_loses_nothing() {
        let text = "au moins 12 morts, ".repeat(30_000);
        let got = sentences(&text);
        assert!(got.len() > 250, "{} pieces", got.len());
        assert!(
            got.iter()
                .all(|s| s.len() <= MAX_SENTENCE && s.ends_with("morts,"))
        );
        assert_eq!(got.join(" ") + " ", text);
        // No clause break: cut at a space; no space either: at a character.
        let words = "x".repeat(700) + " ";
        let got = sentences(&words.repeat(10));
        assert!(
            got.iter()
                .all(|s| s.len() <= MAX_SENTENCE && s.ends_with('x'))
        );
        assert_eq!(got.join(" ") + " ", words.repeat(10));
        let solid = "x".repeat(5_000);
        assert_eq!(sentences(&solid).concat(), solid);
        // A cut with neither lands on a character boundary.
        let wide = "ж".repeat(3_000);
        let cut = cut_point(&wide, 1);
        assert!(wide.is_char_boundary(cut) && cut <= 1 + MAX_SENTENCE && cut > MAX_SENTENCE - 4);
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
    fn paragraphs_glued_by_a_crawler_are_split_at_their_stop() {
        // Shape of a page whose paragraphs lost their breaks
        // (https://www.aljazeera.com/news/2023/10/8/afghanistan-earthquake-death-toll-rises-to-2000-taliban).
        assert_eq!(
            sentences(
                "The toll rose to 120 in two days.Their spokesman, based abroad, spoke. Some 40 died.Later"
            ),
            vec![
                "the toll rose to 120 in two days.",
                "their spokesman, based abroad, spoke.",
                "some 40 died.",
                "later"
            ]
        );
        // Not an abbreviation, an initialism, a decimal or an address.
        assert_eq!(
            sentences("The U.S.Army and Gen.Smith saw 3.5 km on aljazeera.com today."),
            vec!["the u.s.army and gen.smith saw 3.5 km on aljazeera.com today."]
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
