//! Towns and regions as places: a name the actors files list
//! ([`super::ActorSpec::places`]), read in text as written, capitalised, and
//! only where the words around it make it a place ("in Hatay", "the Kerala
//! government", « la région de Koursk »). It stands for its country.

use super::{Gazetteer, Mention};
use crate::text::fold::fold_str;

/// The words, folded, that make a capitalised name a place.
#[derive(Debug, Clone, Copy)]
pub struct PlaceWords<'a> {
    /// Before the name: "in", « à », "near".
    pub before: [&'a [String]; 2],
    /// Beside it: "region", "government", « gouverneur »; only the first
    /// list's words (localities) also mark a name right after them ("the
    /// region Bago" is a place, "Governor Bago" a person).
    pub beside: [&'a [String]; 2],
    /// Between a `beside` word and the name: "of", « de », « d' ».
    pub genitives: &'a [String],
    /// Between a `before` word and the name, at most two: "in neighbouring
    /// Malawi", "in flood-ravaged central Texas" (a hyphenated adjective is
    /// one too).
    pub modifiers: &'a [String],
    /// How many words after the name a `beside` word may come: 1 in text,
    /// more in a speaker's title ("Kerala Revenue Minister").
    pub reach: usize,
}

impl PlaceWords<'_> {
    fn any(lists: &[&[String]], word: &str) -> bool {
        lists.iter().any(|l| l.iter().any(|w| w == word))
    }
}

/// The words of a text as written: runs of letters, digits, hyphens and
/// apostrophes, split before an apostrophe's capital (« d'Odessa » is "d",
/// "Odessa"; "Ma'an" stays one word). Byte spans.
fn words(text: &str) -> Vec<(usize, usize)> {
    // About one word in six bytes: one allocation for a whole document.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let apostrophe = matches!(c, '\'' | '’');
        let next_upper = chars.peek().is_some_and(|(_, n)| n.is_uppercase());
        let inside = c.is_alphanumeric() || c == '-' || (apostrophe && !next_upper);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// A word folded, without a possessive ("region's" is "region").
fn folded_word(text: &str, (s, e): (usize, usize)) -> String {
    let w = fold_str(&text[s..e]);
    match w.strip_suffix("'s") {
        Some(stem) => stem.to_string(),
        None => w,
    }
}

impl Gazetteer {
    /// The longest place name starting at word `i` of `text`: the word after
    /// it and the actor it lies in. Its first word is capitalised, not in
    /// capitals throughout (an acronym); its words are apart by spaces only.
    fn place_at(&self, text: &str, words: &[(usize, usize)], i: usize) -> Option<(usize, usize)> {
        let first = &text[words[i].0..words[i].1];
        // An acronym is no town ("NEMA spokesman" is no word of Néma's).
        let acronym = first.chars().filter(|c| c.is_alphabetic()).count() > 1
            && !first.chars().any(char::is_lowercase);
        if !first.starts_with(char::is_uppercase) || acronym {
            return None;
        }
        let mut folded = vec![fold_str(first)];
        if !self.place_starts.contains(&folded[0]) {
            return None;
        }
        let mut last = i;
        while last + 1 < words.len()
            && last + 1 - i < self.place_words
            && text[words[last].1..words[last + 1].0]
                .chars()
                .all(char::is_whitespace)
        {
            last += 1;
        }
        // Words fold one by one and join with one space, as the name does.
        folded.extend((i + 1..=last).map(|k| fold_str(&text[words[k].0..words[k].1])));
        (i..=last).rev().find_map(|j| {
            let name = folded[..=j - i].join(" ");
            self.places.get(&name).map(|&a| (j + 1, a))
        })
    }

    /// Every place a text as written names where its words make it one:
    /// after a locative or a preposition of place, before or after a
    /// locality or an institution word, or after one and a genitive. Spans
    /// are bytes of `text`.
    pub fn places_in(&self, text: &str, marks: PlaceWords) -> Vec<Mention> {
        if self.places.is_empty() {
            return Vec::new();
        }
        let words = words(text);
        // Two words touch when only spaces lie between them.
        let touch = |a: usize, b: usize| {
            text[words[a].1..words[b].0]
                .chars()
                .all(char::is_whitespace)
        };
        let word = |k: usize| folded_word(text, words[k]);
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some((next, actor)) = self.place_at(text, &words, i) else {
                i += 1;
                continue;
            };
            // The word before, past at most two modifiers of place.
            let mut b = i;
            while b >= 1 && i - b < 2 && touch(b - 1, b) && {
                let w = word(b - 1);
                marks.modifiers.contains(&w)
                    || (w.contains('-') && w.chars().all(|c| c.is_alphabetic() || c == '-'))
            } {
                b -= 1;
            }
            let modified = b < i;
            let before = (b >= 1 && touch(b - 1, b)).then(|| word(b - 1));
            let marked = before.as_deref().is_some_and(|w| {
                PlaceWords::any(&marks.before, w)
                    || (!modified && marks.beside[0].iter().any(|l| l == w))
            }) || (next..words.len().min(next + marks.reach))
                .take_while(|&k| touch(k - 1, k))
                .any(|k| PlaceWords::any(&marks.beside, &word(k)))
                || (i >= 2
                    && touch(i - 2, i - 1)
                    && before
                        .as_deref()
                        .is_some_and(|w| marks.genitives.iter().any(|g| g == w))
                    && PlaceWords::any(&marks.beside, &word(i - 2)));
            if marked {
                out.push(Mention {
                    actor,
                    start: words[i].0,
                    end: words[next - 1].1,
                    adjective: false,
                });
            }
            i = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_before_an_elided_capital_only() {
        let t = "d'Odessa, Ma'an et l'évacuation";
        let w: Vec<&str> = words(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(w, ["d", "Odessa", "Ma'an", "et", "l'évacuation"]);
    }
}
