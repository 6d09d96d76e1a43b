//! A person a speaker phrase names by name alone ("Ruto said", « M.
//! Klymenko a indiqué ») whom no speaker phrase introduced before: the
//! document named them earlier in its narration with their title ("President
//! William Ruto was at pains to explain", « le ministre ukrainien de
//! l'Intérieur, Igor Klymenko »), and the words just before that mention
//! say whom they speak for.

use crate::rules::RuleSet;
use crate::text::fold::{Folded, fold_str};

/// How far before an earlier mention of the name its title is read (bytes).
const TITLE_REACH: usize = 90;
/// Earlier mentions of the name read, nearest first.
const MENTIONS: usize = 3;

/// The actor of the person `written` names (their name as written, every
/// word capitalised, at most four words), from the document's text before
/// `until` (a folded offset): in the words that lead to an earlier mention
/// of their last name, up to the sentence's or the clause's start, the
/// nearest actor named (not a news agency, not a role); else, when those
/// words end on a head's title (the language's `heads`: "President"), the
/// document's first country (`home`).
pub(super) fn introduced_before(
    written: &str,
    folded: &Folded,
    text: &str,
    until: usize,
    lang_code: &str,
    rules: &RuleSet,
    home: impl FnOnce() -> Option<String>,
) -> Option<String> {
    let words: Vec<&str> = written.split_whitespace().collect();
    let named = !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let surname = fold_str(words.last()?.trim_matches(|c: char| !c.is_alphanumeric()));
    if !named || surname.chars().count() < 4 {
        return None;
    }
    let g = &rules.gazetteer;
    let speech = rules.packs.speech();
    // A person's name: no determiner before it ("Le Haut-Karabakh", "The
    // NIHRL"), no actor's or place's name in it.
    let phrase = fold_str(written);
    if speech.is_determiner(&fold_str(words[0]))
        || !g.mentions(&phrase, Some(written), lang_code).is_empty()
        || !g
            .places_in(written, super::places::place_words(speech))
            .is_empty()
    {
        return None;
    }
    let before = folded.text.get(..until)?;
    let original = |s: usize, e: usize| {
        let (os, oe) = folded.original_span(s, e);
        text.get(os..oe)
    };
    // A whole word, written as a name ("Press", not "press conference").
    let whole = |i: usize| {
        let e = i + surname.len();
        crate::text::is_whole_word(before, i, e)
            && original(i, e).is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    };
    let mut from_home = false;
    for (i, _) in before
        .rmatch_indices(surname.as_str())
        .filter(|&(i, _)| whole(i))
        .take(MENTIONS)
    {
        let reach = before.floor_char_boundary(i.saturating_sub(TITLE_REACH));
        let head = &before[reach..i];
        let start = reach
            + head
                .rfind(['.', ';', ':', '!', '?', '\n', '"'])
                .map_or(0, |k| k + 1);
        let title = &before[start..i];
        let found = g
            .mentions(title, original(start, i), lang_code)
            .into_iter()
            .rev()
            .map(|m| &g.actors[m.actor])
            .find(|a| !a.relays && !a.is_role());
        if let Some(actor) = found {
            return Some(actor.id.clone());
        }
        // A head's title just before the first name or names.
        let tail: Vec<&str> = title.split_whitespace().rev().take(5).collect();
        let tail = format!(" {} ", tail.into_iter().rev().collect::<Vec<_>>().join(" "));
        from_home |= speech
            .heads
            .iter()
            .any(|h| tail.contains(&format!(" {h} ")));
    }
    if from_home { home() } else { None }
}
