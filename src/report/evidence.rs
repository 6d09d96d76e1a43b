//! A claim's evidence as a person reads it, found while its article is in
//! memory: `line:column` of its first byte, its sentence (split as
//! extraction splits, with the language packs' abbreviations) and the
//! paragraph around it, so that the table, Markdown and HTML can show the
//! words in context without the article.

use crate::claim::{Claim, Evidence};
use crate::corpus::Document;
use crate::text::fold::Folded;
use crate::text::sentences::split_with;

/// A paragraph longer than this (a crawler's page on one line) is read only
/// this far either side of the claim.
const PARAGRAPH_READ: usize = 4_000;

/// The evidence of each claim of `doc`, in the claims' order.
pub fn of(doc: &Document, claims: &[Claim], abbreviations: &[String]) -> Vec<Evidence> {
    if claims.is_empty() {
        return Vec::new();
    }
    let newlines: Vec<usize> = doc.text.match_indices('\n').map(|(i, _)| i).collect();
    let mut memo = Memo::default();
    claims
        .iter()
        .map(|c| one(doc, &newlines, c, abbreviations, &mut memo))
        .collect()
}

/// Sentences as byte ranges of a window of text.
type Spans = Vec<(usize, usize)>;

/// What the claims of one article share, so that many claims on one long
/// line cost one pass over it: the last window's sentences, and the last
/// column counted (line start, offset, column).
#[derive(Default)]
struct Memo {
    window: Option<(usize, usize, Spans)>,
    column: Option<(usize, usize, usize)>,
}

/// The offset of `doc.text` whose original byte is `original`: the first
/// character that starts there or after it.
fn decoded(doc: &Document, original: usize) -> usize {
    let text = &doc.text;
    let (mut lo, mut hi) = (0, text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if doc.original_span(mid, mid).0 < original {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    floor_boundary(text, lo)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The start of the line holding byte `at`, and its number from 0.
fn line_of(newlines: &[usize], at: usize) -> (usize, usize) {
    let n = newlines.partition_point(|&nl| nl < at);
    (n, if n == 0 { 0 } else { newlines[n - 1] + 1 })
}

fn one(
    doc: &Document,
    newlines: &[usize],
    c: &Claim,
    abbreviations: &[String],
    memo: &mut Memo,
) -> Evidence {
    let text = doc.text.as_str();
    let x0 = decoded(doc, c.start).max(doc.body_start);
    let x1 = decoded(doc, c.end).max(x0);
    let (line, line_start) = line_of(newlines, x0);
    let column = match memo.column {
        Some((start, at, col)) if start == line_start && at <= x0 => {
            col + text[at..x0].chars().count()
        }
        _ => text[line_start..x0].chars().count() + 1,
    };
    memo.column = Some((line_start, x0, column));
    let blank = |from: usize, to: usize| text[from..to].trim().is_empty();
    // The paragraph: lines up to a blank one (or the front matter) either side.
    let mut p0 = line_start.max(doc.body_start);
    let mut n = line;
    while n > 0 && p0 > doc.body_start && x0 - p0 < PARAGRAPH_READ {
        let prev_start = if n == 1 { 0 } else { newlines[n - 2] + 1 };
        if prev_start < doc.body_start || blank(prev_start, newlines[n - 1]) {
            break;
        }
        p0 = prev_start;
        n -= 1;
    }
    let (mut n, _) = line_of(newlines, x1);
    let mut p1 = newlines.get(n).copied().unwrap_or(text.len()).max(x1);
    while p1 < text.len() && p1 - x1 < PARAGRAPH_READ {
        let next_end = newlines.get(n + 1).copied().unwrap_or(text.len());
        if blank(p1 + 1, next_end) {
            break;
        }
        p1 = next_end;
        n += 1;
    }
    // A long paragraph is read in a window around the claim, aligned so
    // that the claims near each other share it.
    if x0 - p0 >= PARAGRAPH_READ {
        p0 += (x0 - p0 - PARAGRAPH_READ) / PARAGRAPH_READ * PARAGRAPH_READ;
    }
    let p0 = ceil_boundary(text, p0);
    let p1 = floor_boundary(text, p1.min((p0 + 3 * PARAGRAPH_READ).max(x1)));
    let para = &text[p0..p1];
    let (m0, m1) = (x0 - p0, x1.min(p1) - p0);
    // Sentences of the paragraph, as extraction cuts them.
    let spans = match &memo.window {
        Some((a, b, spans)) if (*a, *b) == (p0, p1) => spans.clone(),
        _ => {
            let mut folded = Folded::new(para, 0);
            let spans: Vec<(usize, usize)> = split_with(&mut folded, para, abbreviations)
                .iter()
                .map(|s| folded.original_span(s.start, s.end))
                .collect();
            memo.window = Some((p0, p1, spans.clone()));
            spans
        }
    };
    let first = spans.iter().position(|&(_, e)| e > m0);
    let last = spans.iter().rposition(|&(s, _)| s < m1.max(m0 + 1));
    let (mut ss, mut se) = match (first, last) {
        (Some(f), Some(l)) if f <= l => (spans[f].0, spans[l].1),
        _ => (m0, m1),
    };
    ss = ss.min(m0);
    se = se.max(m1);
    // Past the bound: the sentence (itself cut around the words when too
    // long), then neighbouring sentences while they fit.
    let max = Evidence::MAX_PARAGRAPH;
    let (mut w0, mut w1) = (0, para.len());
    if para.len() > max {
        if se - ss > max {
            let room = max.saturating_sub(m1 - m0) / 2;
            ss = ceil_boundary(para, ss.max(m0.saturating_sub(room)));
            se = floor_boundary(para, se.min(m1 + room)).max(m1);
        }
        (w0, w1) = (ss, se);
        let (before, after) = match (first, last) {
            (Some(f), Some(l)) if f <= l => (&spans[..f], &spans[l + 1..]),
            _ => (&spans[..0], &spans[..0]),
        };
        let (mut b, mut a) = (before.iter().rev(), after.iter());
        loop {
            let mut grew = false;
            if let Some(&(s, _)) = b.next()
                && w1 - s <= max
            {
                w0 = s;
                grew = true;
            }
            if let Some(&(_, e)) = a.next()
                && e - w0 <= max
            {
                w1 = e;
                grew = true;
            }
            if !grew {
                break;
            }
        }
    }
    let (paragraph, [ss, se, m0, m1]) =
        squeeze(&para[w0..w1], [ss - w0, se - w0, m0 - w0, m1 - w0]);
    Evidence {
        line: line + 1,
        column,
        paragraph,
        sentence: [ss, se],
        mark: [m0, m1],
    }
}

/// `s` with every run of whitespace as one space and none at either end,
/// and where the byte offsets `points` of `s` land in it.
fn squeeze(s: &str, points: [usize; 4]) -> (String, [usize; 4]) {
    let mut out = String::with_capacity(s.len());
    let mut mapped = [None; 4];
    let mut space = false;
    for (i, ch) in s.char_indices() {
        for (k, &p) in points.iter().enumerate() {
            if mapped[k].is_none() && p <= i {
                mapped[k] = Some(out.len());
            }
        }
        if ch.is_whitespace() {
            if !out.is_empty() && !space {
                out.push(' ');
            }
            space = true;
        } else {
            space = false;
            out.push(ch);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    let n = out.len();
    (out, mapped.map(|m| m.unwrap_or(n).min(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn claim(text: &str, words: &str) -> Claim {
        let start = text.find(words).unwrap();
        Claim {
            start,
            end: start + words.len(),
            text: words.into(),
            ..Claim::for_test("death_toll", "persons", 29.0, "2023-09-19")
        }
    }

    #[test]
    fn the_sentence_the_paragraph_and_where() {
        let text = "---\nlang: fr\n---\nTitre\n\nUne phrase. Les frappes ont fait\nau moins 29 morts, selon M. Dupont. Une autre.\n\nFin.\n";
        let doc = Document::from_text("a.md", text.into(), Meta::default()).unwrap();
        let c = claim(text, "29 morts");
        let e = &of(
            &doc,
            &[c],
            crate::lang::Languages::builtin().abbreviations(),
        )[0];
        assert_eq!((e.line, e.column), (7, 10));
        assert_eq!(
            e.paragraph,
            "Une phrase. Les frappes ont fait au moins 29 morts, selon M. Dupont. Une autre."
        );
        let (before, words, after) = e.sentence_parts().unwrap();
        assert_eq!(
            (before, words, after),
            (
                "Les frappes ont fait au moins ",
                "29 morts",
                ", selon M. Dupont."
            )
        );
    }

    #[test]
    fn a_long_paragraph_keeps_the_sentence_and_its_neighbours() {
        let filler = "Une phrase de remplissage sans chiffre. ".repeat(60);
        let text = format!("{filler}Les frappes ont fait 29 morts. {filler}");
        let doc = Document::from_text("a.md", text.clone(), Meta::default()).unwrap();
        let e = &of(&doc, &[claim(&text, "29 morts")], &[])[0];
        assert!(
            e.paragraph.len() <= Evidence::MAX_PARAGRAPH,
            "{}",
            e.paragraph.len()
        );
        assert!(e.paragraph.len() > Evidence::MAX_PARAGRAPH - 100);
        assert_eq!(e.sentence_parts().unwrap().1, "29 morts");
        assert_eq!(e.paragraph_parts().unwrap()[1], "Les frappes ont fait ");
    }

    #[test]
    fn claims_far_along_one_long_line_share_windows_and_count_columns_right() {
        let text = format!(
            "{}Les frappes ont fait 29 morts. Puis 31 morts. {}Enfin 33 morts.",
            "Une phrase sans chiffre. ".repeat(400),
            "Encore une phrase. ".repeat(300)
        );
        let doc = Document::from_text("a.md", text.clone(), Meta::default()).unwrap();
        let claims: Vec<Claim> = ["29 morts", "31 morts", "33 morts"]
            .iter()
            .map(|w| claim(&text, w))
            .collect();
        let found = of(&doc, &claims, &[]);
        for (c, e) in claims.iter().zip(&found) {
            assert_eq!(e.line, 1);
            assert_eq!(e.column, text[..c.start].chars().count() + 1);
            assert_eq!(e.sentence_parts().unwrap().1, c.text);
            assert!(e.paragraph.len() <= Evidence::MAX_PARAGRAPH);
        }
        assert_eq!(
            found[1].sentence_parts().unwrap(),
            ("Puis ", "31 morts", ".")
        );
    }
}
