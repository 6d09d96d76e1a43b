//! Speaker phrases: what the words of a phrase say about who speaks (an
//! institution without its country, a document and who issued it, an
//! apposition, a person's name, a place), read from the language packs'
//! speech words (`rules/lang/<code>/words.yaml`, `speech:`).

use crate::rules::RuleSet;

/// Words that name an institution without saying whose ("le gouvernement",
/// "the defence ministry", "a spokeswoman"); the speech words of every
/// language pack (`rules/lang/<code>/words.yaml`, `speech:`).
pub(super) fn is_institution(folded_speaker: &str, speech: &crate::lang::Speech) -> bool {
    folded_speaker
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| speech.institutions.iter().any(|i| i == w))
}

/// The speaker phrase without the places it says its speaker sits in
/// ("uk-based syrian observatory" -> "syrian observatory"); `None` when it
/// names none.
pub(super) fn without_bases(folded_speaker: &str, speech: &crate::lang::Speech) -> Option<String> {
    if !speech
        .based
        .iter()
        .any(|b| folded_speaker.contains(b.as_str()))
    {
        return None;
    }
    let mut phrase = folded_speaker.to_string();
    for b in &speech.based {
        while let Some(i) = phrase.find(b.as_str()) {
            let from = phrase[..i].rfind(' ').map_or(0, |j| j + 1);
            phrase.replace_range(from..i + b.len(), "");
        }
    }
    Some(phrase.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Where a speaker phrase starts past a wire dateline, a date then the
/// outlet in parentheses: "Khartoum, Oct 29 (NationPress) The Sudanese
/// government" is the government's (0: no dateline).
pub(super) fn after_dateline(phrase: &str) -> usize {
    let Some(close) = phrase.find(") ") else {
        return 0;
    };
    match phrase[..close].rfind('(') {
        Some(open) if phrase[..open].bytes().any(|b| b.is_ascii_digit()) => close + 2,
        _ => 0,
    }
}

/// A body's officer posted in a country: "la rapporteure spéciale de l'ONU
/// dans les territoires palestiniens", "the WHO representative in Ukraine"
/// speak for the body, not for where they serve. The body is an
/// organisation the phrase names, and the country comes after it, past a
/// locative word; a phrase that gives its acronym is a name of its own
/// ("Human Rights Activists in Iran (HRAI)").
pub(super) fn posted_in<'g>(
    folded: &str,
    original: &str,
    lang_code: &str,
    rules: &'g RuleSet,
) -> Option<&'g crate::actors::Actor> {
    let speech = rules.packs.speech();
    let locative = |w: &str| {
        speech
            .locatives
            .iter()
            .chain(&speech.place_prepositions)
            .any(|l| l == w)
    };
    // Most speaker phrases hold no locative word: no scan for names then.
    if folded.contains('(') || !folded.split_whitespace().any(locative) {
        return None;
    }
    let g = &rules.gazetteer;
    let mentions = g.mentions(folded, Some(original), lang_code);
    let body = mentions.iter().find(|m| {
        let a = &g.actors[m.actor];
        !m.adjective && !a.relays && a.kind.as_deref() == Some("organisation")
    })?;
    let posted = mentions.iter().any(|m| {
        m.start > body.end
            && g.actors[m.actor].is_country()
            && folded[body.end..m.start].split_whitespace().any(locative)
    });
    posted.then(|| &g.actors[body.actor])
}

/// The words of a person's name that ends a speaker phrase ("AFAD
/// official Orhan Tatar" -> "tatar", "orhan"; "Ethiopian Prime Minister Abiy
/// Ahmed" -> "ahmed", "abiy"), last first: the phrase has two words at
/// least, and the name is its run of capitalised words at the end, up to an
/// institution's word. Either word names the person again later ("Abiy
/// accused…", "al-Asbahi said").
pub(super) fn person_name(
    original: &str,
    folded: &str,
    speech: &crate::lang::Speech,
) -> Vec<String> {
    let capitalised = |w: &str| {
        w.rsplit('-')
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    let mut words: Vec<&str> = original.split_whitespace().collect();
    let mut folded_words: Vec<&str> = folded.split(' ').collect();
    if words.len() != folded_words.len() {
        return Vec::new();
    }
    // "Junta Chief Min Aung Hlaing in a televised address": the name ends
    // where a place or an occasion begins.
    if let Some(cut) = folded_words.iter().position(|f| {
        speech
            .locatives
            .iter()
            .chain(&speech.place_prepositions)
            .any(|l| l == f)
    }) && cut > 0
        && capitalised(words[cut - 1])
    {
        words.truncate(cut);
        folded_words.truncate(cut);
    }
    if words.len() < 2 {
        return Vec::new();
    }
    words
        .iter()
        .zip(&folded_words)
        .rev()
        .take_while(|(w, f)| {
            capitalised(w) && f.len() > 2 && !speech.institutions.iter().any(|i| i == *f)
        })
        .map(|(_, f)| f.to_string())
        .collect()
}

/// Where the last clause that one of `breaks` opens starts in `text`
/// ("… has given no figures but an official said", « tandis que »): just
/// after the conjunction, which follows a space at or after `from`; only
/// ends before `limit` count.
pub(super) fn after_last_break(
    text: &[u8],
    from: usize,
    limit: usize,
    breaks: &[String],
) -> Option<usize> {
    breaks
        .iter()
        .filter_map(|w| {
            let w = w.as_bytes();
            (from.max(1)..=text.len().saturating_sub(w.len()))
                .rev()
                .find(|&i| text[i - 1] == b' ' && text[i..].starts_with(w))
                .map(|i| i + w.len())
        })
        .filter(|&at| at < limit)
        .max()
}

/// Whether a cue's speaker names no one: a bare determiner ("The confirmed
/// toll rose to 110": a determiner before a verb's participle), or, for a
/// cue that takes only an actor's own name (`names_actor`: a headline's
/// "…: UN"), a phrase that is no actor's name.
pub(super) fn no_one(
    speaker: &crate::claim::Attribution,
    names_actor: bool,
    rules: &crate::rules::RuleSet,
    lang_code: &str,
) -> bool {
    let speech = rules.packs.speech();
    let bare = |k: &String| speech.is_determiner(k);
    let named = || {
        let key = speaker_key(&crate::text::fold::fold_str(&speaker.text), speech);
        rules
            .gazetteer
            .lookup(&key, Some(&speaker.text), lang_code)
            .is_some()
    };
    (speaker.actor.is_none() && speaker.key.as_ref().is_none_or(bare)) || (names_actor && !named())
}

/// Where the speaker starts in a phrase that holds a figure: it ran over a
/// clause ("… 2 000 personnes avaient été ensevelies et les Nations unies
/// ont estimé"), and the speaker follows the conjunction after the figure.
pub(super) fn after_figure_clause(raw: &str, lead: usize, speech: &crate::lang::Speech) -> usize {
    match raw[lead..].rfind(|c: char| c.is_ascii_digit()) {
        Some(d) => {
            after_last_break(raw.as_bytes(), lead + d, raw.len(), &speech.leading).unwrap_or(lead)
        }
        None => lead,
    }
}

/// Whether a speaker's key names people of a place, not its authorities:
/// an anonymous word, then a preposition ("the media in the South Pacific
/// nation", "residents of Gaza", « des habitants de Gaza »). Sources in an
/// army stay that army's.
pub(super) fn people_of_a_place(key: &str, speech: &crate::lang::Speech) -> bool {
    let mut words = key.split(' ');
    let (Some(head), Some(of)) = (words.next(), words.next()) else {
        return false;
    };
    !head.starts_with("source")
        && speech.anonymous.iter().any(|a| a == head)
        && [
            &speech.locatives,
            &speech.genitives,
            &speech.place_prepositions,
        ]
        .iter()
        .any(|list| list.iter().any(|p| p == of))
}

/// Who issued the document a speaker phrase names ("a statement from the
/// ministry", « un communiqué de l'armée »): where the document's noun
/// starts, and `Some(offset)` of the issuer's phrase or `None` for a
/// document with no issuer ("the latest toll", « le dernier bilan
/// officiel »). `None` when the phrase names no document in its first words.
pub(super) fn issuer(phrase: &str, speech: &crate::lang::Speech) -> Option<(usize, Option<usize>)> {
    let words: Vec<(usize, &str)> = phrase
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let noun = words
        .iter()
        .take(4)
        .position(|(_, w)| speech.documents.iter().any(|d| d == w))?;
    let noun_at = words[noun].0;
    for &(at, w) in &words[noun + 1..] {
        for by in &speech.issued_by {
            if w == by {
                let from = at + w.len() + 1;
                return Some((noun_at, (from < phrase.len()).then_some(from)));
            }
            // An elided "d'": the issuer starts inside the word.
            if by.ends_with('\'') && w.len() > by.len() && w.starts_with(by.as_str()) {
                return Some((noun_at, Some(at + by.len())));
            }
        }
    }
    Some((noun_at, None))
}

/// An apposition right after a speaker's name: ", the spokeswoman of the
/// Armenian prime minister" (its span in `rest`). It opens with a
/// determiner or an institution's word and holds no figure, so a claim
/// after "selon X," is never read as one.
pub(super) fn apposition(rest: &str, speech: &crate::lang::Speech) -> Option<(usize, usize)> {
    let body = rest.strip_prefix(',')?;
    let start = 1 + (body.len() - body.trim_start().len());
    let end = start
        + rest[start..]
            .find([',', '.', ';', ':', '"', '('])
            .unwrap_or(rest.len() - start);
    let phrase = &rest[start..end];
    let first = phrase.split(' ').next().unwrap_or("");
    let opens = speech.determiners.iter().any(|d| {
        first == d.trim_end_matches('\'') || (d.ends_with('\'') && first.starts_with(d.as_str()))
    })
        // ", Assistant Secretary-General in the UN Department": a title.
        || phrase
            .split(' ')
            .take(3)
            .any(|w| speech.institutions.iter().any(|i| i == w))
        // ", who heads the AFAD agency,"
        || speech.relatives.iter().any(|r| r == first);
    (opens
        && !phrase.bytes().any(|b| b.is_ascii_digit())
        && phrase.split_whitespace().count() <= 15)
        .then_some((start, end))
}

/// An apposition that ends where a speaker's name starts ("A spokesperson
/// for the army, Ahmed Chaudhry said"): the phrase between the clause's
/// start and the comma before the name, when a determiner or a title opens
/// it, with no figure.
pub(super) fn apposition_before(
    before: &str,
    speech: &crate::lang::Speech,
) -> Option<(usize, usize)> {
    let end = before.trim_end().strip_suffix(',')?.len();
    let start = before[..end]
        .rfind([',', '.', ';', ':', '"', '(', ')'])
        .map_or(0, |i| i + 1);
    let start = start + (before[start..end].len() - before[start..end].trim_start().len());
    let phrase = &before[start..end];
    let first = phrase.split(' ').next().unwrap_or("");
    let opens = speech
        .determiners
        .iter()
        .any(|d| first == d.trim_end_matches('\''))
        || phrase
            .split(' ')
            .take(3)
            .any(|w| speech.institutions.iter().any(|i| i == w));
    (opens
        && !phrase.is_empty()
        && !phrase.bytes().any(|b| b.is_ascii_digit())
        && phrase.split_whitespace().count() <= 12)
        .then_some((start, end))
}

pub use super::places::{countries_in, home_countries, place_of};
pub(super) use super::places::{place_words, placed_in};

/// An unnamed speaker's key: its folded phrase without the determiners it
/// starts with ("the country's health ministry" -> "health ministry"), one
/// space between words.
pub fn speaker_key(folded_speaker: &str, speech: &crate::lang::Speech) -> String {
    let mut rest = folded_speaker.trim();
    loop {
        let stripped = speech.determiners.iter().find_map(|d| {
            let after = rest.strip_prefix(d.as_str())?;
            // A whole word: "l'" ends with its apostrophe, "the" needs a space.
            (d.ends_with('\'') || d.ends_with('’') || after.starts_with(' '))
                .then(|| after.trim_start())
        });
        match stripped {
            Some(after) if !after.is_empty() => rest = after,
            _ => break,
        }
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where a word of the language's `complementizers` ("that", « que ») starts
/// in a phrase, if one does.
pub(super) fn complementizer_in(phrase: &str, speech: &crate::lang::Speech) -> Option<usize> {
    let mut at = 0;
    for w in phrase.split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() && speech.complementizers.iter().any(|c| c == w) {
            return Some(at);
        }
        at += w.len() + 1;
    }
    None
}

/// The id an organisation's acronym in parentheses gives ("… Droits
/// Humains (RNDDH)" is `rnddh`): two to eight capitals or digits, a capital first.
pub(super) fn acronym_id(text: &str) -> Option<String> {
    text.split('(').skip(1).find_map(|rest| {
        let inner = &rest[..rest.find(')')?];
        let ok = (2..=8).contains(&inner.len())
            && inner.starts_with(|c: char| c.is_ascii_uppercase())
            && inner
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        ok.then(|| inner.to_ascii_lowercase())
    })
}

/// A speaker phrase that points back: a pronoun ("the group"), its
/// possessive ("the armed group's TV channel"), or a phrase a possessive
/// determiner leads ("its spokesman", « son porte-parole »).
pub(super) fn pronoun_led(bare: &str, speech: &crate::lang::Speech) -> bool {
    let leads = |w: &String| bare.strip_prefix(w.as_str());
    speech.pronouns.iter().any(|w| {
        bare == w || leads(w).is_some_and(|rest| rest.starts_with("'s ") || rest.starts_with("’s "))
    }) || speech
        .possessives
        .iter()
        .any(|w| leads(w).is_some_and(|rest| rest.starts_with(' ')))
}

/// Whether a surname is one named before, allowing one letter of spelling
/// in a long name (copy spells "Chaudhry" as "Chaudhary" a line later).
pub(super) fn same_name(named: &str, name: &str) -> bool {
    named == name
        || (named.chars().count() >= 6
            && !name.contains(' ')
            && strsim::levenshtein(named, name) <= 1)
}

/// Where a speaker phrase ends before whom its speaker speaks to: a
/// preposition of `addressed_to` with an outlet noun in the next four words
/// or a news agency's name alone after it ("le maire à l'agence de presse
/// allemande dpa", "the governor in an interview with the broadcaster").
pub(super) fn before_addressee(phrase: &str, lang_code: &str, rules: &RuleSet) -> Option<usize> {
    let speech = rules.packs.speech();
    let relays = |p: &str| {
        rules
            .gazetteer
            .resolve_phrase(p, None, lang_code, false)
            .is_some_and(|a| a.relays)
    };
    let in_list = |list: &[String], w: &str| list.iter().any(|l| l == w);
    // "l'agence" is "agence".
    fn elided(w: &str) -> &str {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        match w.split_once('\'') {
            Some((head, rest)) if head.len() <= 2 && !rest.is_empty() => rest,
            _ => w,
        }
    }
    for at in phrase.match_indices(' ').map(|(i, _)| i + 1) {
        let rest = &phrase[at..];
        let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
        if !in_list(&speech.addressed_to, word) || after.is_empty() {
            continue;
        }
        let outlet = after
            .split(' ')
            .take(4)
            .any(|w| in_list(&speech.outlets, elided(w)));
        // "à l'AFP", "to Reuters": the agency alone, not "according to an
        // AFP count of victims reported by police".
        let agency = after.split(' ').count() <= 3 && (relays(after) || relays(elided(after)));
        if outlet || agency {
            return Some(at - 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold_str;

    fn speech() -> crate::lang::Speech {
        let words = |l: &[&str]| l.iter().map(|w| w.to_string()).collect();
        crate::lang::Speech {
            documents: words(&["statement", "toll", "bilan", "communique"]),
            issued_by: words(&["by", "from", "de", "du", "d'", "par"]),
            institutions: words(&["ministry", "minister", "official"]),
            ..Default::default()
        }
    }

    #[test]
    fn a_document_names_who_issued_it_or_no_one() {
        let s = speech();
        let phrase = "a statement from the health ministry";
        let (noun, by) = issuer(phrase, &s).unwrap();
        assert_eq!(&phrase[noun..], "statement from the health ministry");
        assert_eq!(&phrase[by.unwrap()..], "the health ministry");
        let phrase = "un communique d'erevan";
        assert_eq!(&phrase[issuer(phrase, &s).unwrap().1.unwrap()..], "erevan");
        assert_eq!(
            issuer("le dernier bilan officiel", &s).map(|i| i.1),
            Some(None)
        );
        assert_eq!(issuer("the latest toll", &s).map(|i| i.1), Some(None));
        // A document named late in a long phrase is not what the phrase is.
        assert_eq!(
            issuer("the head of the regional health statement", &s),
            None
        );
        assert_eq!(issuer("the health ministry", &s), None);
    }

    #[test]
    fn a_person_is_known_by_the_words_of_their_name() {
        let s = speech();
        let names = |o: &str| person_name(o, &fold_str(o), &s);
        assert_eq!(names("AFAD official Orhan Tatar"), ["tatar", "orhan"]);
        assert_eq!(names("Anees al-Asbahi"), ["al-asbahi", "anees"]);
        assert_eq!(
            names("Ethiopian Prime Minister Abiy Ahmed"),
            ["ahmed", "abiy"]
        );
        // One word, a lower-case end or an institution's word: no one's name.
        assert!(names("Tatar").is_empty());
        assert!(names("the health ministry").is_empty());
        assert!(names("the Health Ministry").is_empty());
    }
}
