//! Who a sentence or a clause is about: the actor its first words name
//! ("Azerbaijan launched an offensive…, saying"), read as the speaker of
//! what it says or claims.

use crate::claim::Attribution;
use crate::corpus::Document;
use crate::rules::RuleSet;
use crate::text::fold::Folded;

use super::phrase::is_institution;

/// An actor named at the very start of a sentence, its likely subject, and
/// where its name ends in the sentence.
pub fn sentence_subject(
    sentence: &str,
    sentence_start: usize,
    folded: &Folded,
    doc: &Document,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<(Attribution, usize)> {
    // Skip a wire dateline: "STEPANAKERT/BAKU, Sept 19 (Meridian Wire) - ".
    let skip = sentence
        .get(..sentence.len().min(70))
        .and_then(|h| h.find(" - "))
        .filter(|&i| sentence[..i].contains(','))
        .map_or(0, |i| i + 3);
    let (sentence, sentence_start) = (&sentence[skip..], sentence_start + skip);
    let head_of = |from: usize| {
        let rest = &sentence[from..];
        let end = rest
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .nth(5)
            .map_or(rest.len(), |(i, _)| i);
        // The subject ends at the first comma ("Azerbaijan launched…, saying").
        from + rest[..end].find(',').unwrap_or(end)
    };
    let mut head_end = head_of(0);
    // « Au Kenya, la commission a dénoncé… »: a place fronted is no subject.
    let speech = rules.packs.speech();
    let first = sentence.split([' ', '\'']).next().unwrap_or("");
    let placed = speech.locatives.iter().any(|w| w == first);
    let mut said = speaker_in(
        &sentence[..head_end],
        sentence_start,
        folded,
        doc,
        lang_code,
        rules,
    )
    .filter(|_| !placed);
    // « De son côté, Kinshasa a promis… », "Meanwhile, Baku said…": a
    // fronted phrase that names no one, then the subject.
    let mut from = 0;
    if said.is_none() && sentence[head_end..].starts_with(", ") {
        from = head_end + 2;
        head_end = head_of(from);
        said = speaker_in(
            &sentence[from..head_end],
            sentence_start + from,
            folded,
            doc,
            lang_code,
            rules,
        );
    }
    let said = said?;
    let head = &sentence[from..head_end];
    let id = said.actor.as_deref().unwrap_or_default();
    let mention = rules
        .gazetteer
        .mentions(head, None, lang_code)
        .into_iter()
        .find(|m| rules.gazetteer.actors[m.actor].id == id);
    // An adjective is a speaker only after an institution's word (« le
    // ministère russe », "the Ukrainian military"): « Le mal russe doit
    // être vaincu », "Russian shelling killed" name no one who speaks.
    if let Some(m) = mention.as_ref().filter(|m| m.adjective) {
        let speech = rules.packs.speech();
        let (before, rest) = (&head[..m.start], &head[m.end..]);
        let institution = |w: Option<&str>| w.is_some_and(|w| is_institution(w, speech));
        let possessive = rest.starts_with("'s") || rest.starts_with("’s");
        if !possessive
            && !institution(before.split_whitespace().next_back())
            && !institution(rest.split_whitespace().next())
        {
            return None;
        }
    }
    // Where the subject's name ends (the head may run past it).
    let end = mention.map_or(head_end - from, |m| m.end);
    Some((said, skip + from + end))
}

/// The actor a phrase of the sentence names (an agency that relays is
/// none), as the speaker: `phrase` starts at `start` in the folded text.
fn speaker_in(
    phrase: &str,
    start: usize,
    folded: &Folded,
    doc: &Document,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<Attribution> {
    let (os, oe) = folded.original_span(start, start + phrase.len());
    let g = &rules.gazetteer;
    let actor = g
        .resolve_phrase(phrase, doc.text.get(os..oe), lang_code, false)
        .filter(|a| !a.relays)?;
    // The phrase ends with the actor's name when a verb follows it ("Ukraine
    // accuses Russia of", « Le Hamas a imputé »), not when the name goes on
    // ("Le ministère ukrainien de la Défense", "Israel's military").
    let speech = rules.packs.speech();
    let goes_on = |w: &str| {
        [&speech.institutions, &speech.genitives, &speech.localities]
            .iter()
            .any(|list| list.iter().any(|x| x == w))
    };
    let end = g
        .mentions(phrase, doc.text.get(os..oe), lang_code)
        .into_iter()
        .find(|m| g.actors[m.actor].id == actor.id)
        .map(|m| m.end)
        .filter(|&e| {
            let rest = &phrase[e..];
            let next = rest.split_whitespace().next().unwrap_or_default();
            rest.starts_with(' ') && !next.is_empty() && !goes_on(next)
        })
        .unwrap_or(phrase.len());
    let (os, oe) = folded.original_span(start, start + end);
    Some(Attribution {
        actor: Some(actor.id.clone()),
        text: doc.text.get(os..oe).unwrap_or(phrase).trim().to_string(),
        key: None,
    })
}

/// The subject of the clause that ends at `before` (sentence bytes): the
/// words since the last comma or semicolon (or since `from`, where a
/// conjunction opens the clause), when they are few and name an actor.
/// "Within minutes of the blast, Hezbollah pointed to Israel": the
/// sentence's head is an adverbial, the clause's subject is Hezbollah.
#[allow(clippy::too_many_arguments)]
pub fn clause_subject(
    sentence: &str,
    sentence_start: usize,
    before: usize,
    from: Option<usize>,
    folded: &Folded,
    doc: &Document,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<Attribution> {
    let head = sentence.get(..before)?;
    let from = from.unwrap_or_else(|| head.rfind([',', ';', ':']).map_or(0, |i| i + 1));
    let clause = &head[from..];
    if clause.split_whitespace().count() > 6 {
        return None;
    }
    speaker_in(clause, sentence_start + from, folded, doc, lang_code, rules)
}
