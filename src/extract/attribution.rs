//! Who says a claim: reported-speech cues from the rule files ("selon X",
//! "X a déclaré que", "« … », a déclaré X", "citant un communiqué de X"),
//! resolved to a gazetteer actor; pronouns ("a-t-il ajouté") take the last
//! speaker named before them.

pub use super::cues::{CueFound, CueMatch, Span, cue_matches};
use super::introduced::introduced_before;
pub use super::parties::Parties;
use super::parties::agents;
pub use super::phrase::speaker_key;
use super::phrase::{
    acronym_id, after_dateline, after_figure_clause, after_last_break, apposition,
    apposition_before, before_addressee, complementizer_in, home_countries, is_institution, issuer,
    no_one, people_of_a_place, person_name, place_words, placed_in, posted_in, pronoun_led,
    same_name, without_bases,
};
use super::reach::reads;
pub use super::subjects::{clause_subject, sentence_subject};
use crate::claim::Attribution;
use crate::corpus::Document;
use crate::rules::{Applies, RuleSet};
use crate::text::fold::{Folded, fold_str};

/// How many institutions named before a sentence "the ministry" may be.
const INSTITUTIONS_BACK: usize = 4;

/// A sentence being read: its folded text, where it starts in `folded`, and
/// the language its rules are in.
#[derive(Clone, Copy)]
pub struct SentenceAt<'a> {
    /// The document's countries, most named first
    /// ([`phrase::countries_by_mentions`]), found when first needed.
    pub home: &'a std::cell::OnceCell<Vec<String>>,
    /// The people named so far as speakers, by the last word of their
    /// name ("al-asbahi"), with whom they speak for; institutions named as
    /// speakers, with an empty name.
    pub people: &'a std::cell::RefCell<Vec<(String, Attribution)>>,
    pub text: &'a str,
    pub start: usize,
    pub folded: &'a Folded,
    pub doc: &'a Document,
    pub lang_code: &'a str,
}

/// The cues of a sentence from their matches ([`cue_matches`] of the cues
/// its set reported, [`LangRules::speech`], in that order). `last` is the
/// last speaker named before this sentence, and is updated with the
/// speakers found here.
pub fn find_cues(
    at: &SentenceAt,
    found: &[CueFound],
    rules: &RuleSet,
    last: &mut Option<Attribution>,
) -> Vec<CueMatch> {
    let SentenceAt {
        home,
        people,
        text: sentence,
        start: sentence_start,
        folded,
        doc,
        lang_code,
    } = *at;
    let mut out: Vec<CueMatch> = Vec::new();
    let speech = rules.packs.speech();
    let months = &rules.packs.get(lang_code).months;
    let is_month = |w: &str| months.contains_key(w);
    for f in found {
        let cue = &rules.cues[f.cue];
        let (whole, mut sp) = (f.whole, f.speaker);
        // "…, a indiqué l'administration, qui fait état de 2 205 morts":
        // the relative's verb has the inverted speaker before it, not the
        // sentence's first words with that cue as their apposition (not
        // « selon X, qui évoque … », whose cue reads the sentence itself).
        if let Some(inner) = found
            .iter()
            .rev()
            .find(|g| {
                rules.cues[g.cue].applies == Applies::Before
                    && g.speaker.start > sp.end
                    && g.speaker.end < whole.end
                    && speech.relatives.iter().any(|r| {
                        sentence[g.speaker.end..whole.end]
                            .trim_start_matches([',', ' '])
                            .strip_prefix(r.as_str())
                            .is_some_and(|rest| rest.starts_with(' '))
                    })
            })
            .map(|g| g.speaker)
        {
            sp = inner;
        }
        // "when Armenia", "tandis qu'Erevan": the conjunction is not the speaker.
        let raw = &sentence[sp.start..sp.end];
        let lead = speech
            .leading
            .iter()
            .find(|w| raw.starts_with(*w) && raw.len() > w.len())
            .map_or(0, |w| w.len());
        // "… has not given details but a local official told": the
        // speaker is the last clause's subject.
        let lead =
            after_last_break(raw.as_bytes(), lead, raw.len(), &speech.breaks).unwrap_or(lead);
        let lead = after_figure_clause(raw, lead, speech);
        let sp_start = sp.start + lead;
        // "the ministry later said": the adverb is the verb's; "…, said
        // the ministry.": the sentence's full stop is not the speaker's.
        let mut sp_end = sp_start + sentence[sp_start..sp.end].trim_end_matches('.').len();
        while let Some(w) = speech.verb_adverbs.iter().find(|w| {
            let phrase = sentence[sp_start..sp_end].trim_end();
            phrase.len() > w.len()
                && phrase.ends_with(w.as_str())
                && phrase[..phrase.len() - w.len()].ends_with(' ')
        }) {
            sp_end = sp_start + sentence[sp_start..sp_end].trim_end().len() - w.len();
        }
        // "a déclaré le maire à l'agence dpa": whom it speaks to is not who speaks.
        if let Some(cut) = before_addressee(&sentence[sp_start..sp_end], lang_code, rules) {
            sp_end = sp_start + cut;
        }
        let sp = Span {
            start: sp.start,
            end: sp_end,
        };
        let mut sp_start = sp_start;
        let mut document_only = false;
        let phrase = sentence[sp_start..sp.end].trim();
        // "a statement from the ministry", « un communiqué du ministère »:
        // who issued it speaks; "the latest toll" alone names no one.
        // Words before the noun that name someone ("the ministry's latest
        // report", "Health Ministry figures") are its issuer: the phrase
        // stays whole.
        let found_issuer = issuer(phrase, speech);
        let issued = found_issuer.filter(|&(noun, _)| {
            let before = &phrase[..noun];
            !speech.pronouns.iter().any(|w| w == phrase)
                && !before.contains("'s ")
                && !before.contains("’s ")
                && !is_institution(before, speech)
                && rules
                    .gazetteer
                    .resolve_phrase(before, None, lang_code, false)
                    .is_none()
        });
        // "an AFP count of victims reported by police": the words before the
        // noun name its issuer; what the document is about is not who speaks.
        let mut sp = sp;
        if issued.is_none()
            && let Some((noun, _)) = found_issuer
            && noun > 0
        {
            let noun_end = phrase[noun..].find(' ').map_or(phrase.len(), |i| noun + i);
            let lead =
                sentence[sp_start..sp.end].len() - sentence[sp_start..sp.end].trim_start().len();
            sp.end = sp.end.min(sp_start + lead + noun_end);
        }
        match issued {
            // « le rapport onusien »: the document's adjective names its issuer.
            Some((noun, None))
                if rules
                    .gazetteer
                    .resolve_phrase(&phrase[noun..], None, lang_code, false)
                    .is_some() => {}
            // "“…,” the statement reads", « selon le dernier bilan »: a
            // document no one is named for is an institution's, whose
            // the place, the last speaker or the country tell.
            Some((_, None)) => document_only = true,
            Some((_, Some(at))) => {
                let raw = &sentence[sp_start..sp.end];
                sp_start += raw.len() - raw.trim_start().len() + at;
            }
            None => {}
        }
        sp_start += after_dateline(&sentence[sp_start..sp.end]);
        let folded_speaker = sentence[sp_start..sp.end].trim();
        let first_word = folded_speaker.split(' ').next().unwrap_or("");
        let last_word = folded_speaker.rsplit(' ').next().unwrap_or("");
        // "X a condamné … et a accusé": the subject is X, named before;
        // "3,549 deaths have been reported", "at least 39 deaths were
        // reported": a figure is no speaker.
        let a_figure = |w: &str| {
            w.bytes().any(|b| b.is_ascii_digit())
                && w.bytes().all(|b| b.is_ascii_digit() || b",.'".contains(&b))
        };
        let in_list = |list: &[String], w: &str| list.iter().any(|l| l == w);
        // « à l'est de la RDC »: a phrase opening on a preposition and its
        // article is a place (entries of two words match the phrase's start).
        let opens = |w: &String| {
            w == first_word || (w.contains(' ') && folded_speaker.starts_with(w.as_str()))
        };
        if speech.not_speakers.iter().any(opens)
            || in_list(&speech.trailing, last_word)
            // "Israeli strikes claimed 182 lives": a strike does not speak.
            || in_list(&speech.mute, last_word)
            // "the ministry reported that Israeli strikes claimed": the
            // phrase runs past the speaker into what it reports.
            || complementizer_in(folded_speaker, speech).is_some()
            || first_word.bytes().any(|b| b.is_ascii_digit())
            // "Friday's estimates are …": a possessive opens a noun phrase.
            || last_word.ends_with("'s")
            || last_word.ends_with("’s")
            || folded_speaker.split(' ').any(a_figure)
        {
            continue;
        }
        let (os, oe) = folded.original_span(sentence_start + sp_start, sentence_start + sp.end);
        let text = doc.text.get(os..oe).unwrap_or(folded_speaker).trim();
        let original = |s: usize, e: usize| {
            let (os, oe) = folded.original_span(sentence_start + s, sentence_start + e);
            doc.text.get(os..oe)
        };
        // "the UK-based Syrian Observatory": where it sits is not who it is.
        let unplaced = without_bases(folded_speaker, speech);
        let bare = unplaced.as_deref().unwrap_or(folded_speaker);
        let mut unnamed = false;
        // Whether the actor is only the last speaker's or the article's
        // country: a cue far from a claim does not reach it then.
        let guessed = std::cell::Cell::new(false);
        // Whether the actor is the country the sentence places figures in.
        let placed = std::cell::Cell::new(false);
        let speaker = if speech.leading.iter().any(|w| w.trim_end() == bare) {
            // "Azerbaijani authorities haven't disclosed …, but say": the
            // conjunction's clause has the sentence's subject.
            match sentence_subject(sentence, sentence_start, folded, doc, lang_code, rules) {
                Some((subject, _)) => subject,
                None => continue,
            }
        } else if pronoun_led(bare, speech) {
            // "The group, which is based abroad, said that as of Monday it
            // has confirmed 974 deaths": the speaker named before it in
            // the sentence, else the last sentence's.
            let before = out
                .iter()
                .filter(|c| c.end <= whole.start && c.speaker.actor.is_some())
                .max_by_key(|c| c.end)
                .map(|c| c.speaker.clone());
            // "the statement claimed": a document is a speaker's, never the
            // subject of the sentence before ("Pakistan avoided talks").
            let document = bare
                .split(' ')
                .any(|w| speech.documents.iter().any(|d| d == w));
            let earlier = if document {
                people.borrow().last().map(|(_, a)| a.clone())
            } else {
                last.clone()
            };
            match before.or(earlier) {
                Some(prev) => prev,
                None => continue,
            }
        } else {
            let prefer_last = sp.end + 2 < whole.end;
            let g = &rules.gazetteer;
            // The phrase without its determiners ("health ministry").
            let key = speaker_key(folded_speaker, speech);
            let resolved = match &unplaced {
                Some(p) => g.resolve_phrase(p, None, lang_code, prefer_last),
                None => posted_in(folded_speaker, text, lang_code, rules).or_else(|| {
                    g.resolve_phrase(folded_speaker, Some(text), lang_code, prefer_last)
                }),
            };
            // "…, a indiqué l'AFP": an agency relays, it does not speak; a
            // state's agency alone speaks for its state ("…, selon CCTV").
            let resolved = match resolved {
                Some(a) if a.relays => match a.state_of.as_deref().and_then(|id| g.get(id)) {
                    Some(state) => Some(state),
                    None => continue,
                },
                r => r,
            };
            // ", the spokeswoman of the Armenian prime minister": an
            // apposition after the name (sentence bytes).
            let appos =
                apposition(&sentence[sp.end..], speech).map(|(s, e)| (sp.end + s, sp.end + e));
            // "Pierre Espérance, responsable du Réseau National de Défense des
            // Droits Humains (RNDDH) en Haïti": a body no file names goes by
            // the acronym it gives, as ids do, before any place its phrase
            // names; a country's institution ("the disaster authority
            // (AFAD)") is the country's, below.
            let acronym = if is_institution(folded_speaker, speech) {
                None
            } else {
                // The apposition up to its closing comma: its name stops
                // at the parenthesis.
                let described = appos.and_then(|(s, _)| {
                    let e = sentence[s..]
                        .find([',', ';'])
                        .map_or(sentence.len(), |i| s + i);
                    original(s, e)
                });
                std::iter::once(text).chain(described).find_map(acronym_id)
            };
            // "Human Rights Activists in Iran (HRAI)": a body with an
            // acronym no file names is not the country its name holds.
            let own_body = acronym.is_some() && resolved.is_some_and(|a| a.is_country());
            let actor = resolved
                // "… told reporters in Yerevan": a place the cue itself names.
                .or_else(|| {
                    f.actor.and_then(|m| {
                        g.lookup(
                            &sentence[m.start..m.end],
                            original(m.start, m.end),
                            lang_code,
                        )
                        .filter(|a| !a.relays)
                    })
                })
                // "selon Nazeli Baghdassarian, la porte-parole du premier
                // ministre arménien": an unknown name, its apposition says whose.
                .or_else(|| {
                    appos.filter(|_| acronym.is_none()).and_then(|(s, e)| {
                        g.resolve_phrase(&sentence[s..e], original(s, e), lang_code, false)
                            .filter(|a| !a.relays)
                    })
                })
                // "A spokesperson for the Pakistan Army, Ahmed Sharif
                // Chaudhry, said": the apposition before the name.
                .or_else(|| {
                    let (s, e) = apposition_before(&sentence[..sp_start], speech)?;
                    g.resolve_phrase(&sentence[s..e], original(s, e), lang_code, false)
                        .filter(|a| !a.relays)
                })
                // "Kerala Chief Minister Pinarayi Vijayan", "the governor of
                // Hatay": an institution of the town or region it names.
                .or_else(|| {
                    // Not "Kherson region residents": no one answers for them.
                    let last_word = key.rsplit(' ').next().unwrap_or_default();
                    if speech.anonymous.iter().any(|a| a == last_word) {
                        return None;
                    }
                    let title = crate::actors::PlaceWords {
                        reach: 3,
                        ..place_words(speech)
                    };
                    let m = g.places_in(text, title).into_iter().next()?;
                    Some(&g.actors[m.actor])
                })
                // "the Hamas-run health ministry": an institution of the
                // territory the group runs.
                .map(|a| match &a.governs {
                    Some(territory) if is_institution(folded_speaker, speech) => territory.clone(),
                    _ => a.id.clone(),
                })
                .or_else(|| acronym.clone())
                // "al-Asbahi said": a person named before by their full name.
                .or_else(|| {
                    people
                        .borrow()
                        .iter()
                        .rev()
                        .find(|(name, _)| !name.is_empty() && same_name(name, bare))
                        .and_then(|(_, a)| a.actor.clone())
                })
                // "Ruto said" after "President William Ruto was at pains
                // to explain": a person the narration introduced.
                .or_else(|| {
                    let home = || {
                        home.get_or_init(|| {
                            home_countries(&folded.text, &doc.text, lang_code, rules)
                        })
                        .first()
                        .cloned()
                    };
                    let until = sentence_start + sp_start;
                    introduced_before(text, folded, &doc.text, until, lang_code, rules, home)
                })
                // "…, the government said": the country the sentence places
                // it in before (« En Arménie, le gouvernement recensait »),
                // else after it, else the last speaker named, else the
                // country the document names most; never one its sentence
                // names as doing harm.
                .or_else(|| {
                    // "Zaw Min Tun, a government spokesman,": whose is the
                    // apposition's institution.
                    let described =
                        appos.is_some_and(|(s, e)| is_institution(&sentence[s..e], speech));
                    // "The defence ministry said" after "Russia's defence
                    // ministry denied": the same institution again.
                    // The last speaker first, then the institutions
                    // named before it ("the Hamas-run Health Ministry
                    // said …; the Israeli military blamed …; … the
                    // ministry said").
                    let is_again = |l: &Attribution| {
                        is_institution(folded_speaker, speech)
                            && key.len() >= 6
                            && fold_str(&l.text).contains(&key)
                    };
                    let again = last
                        .as_ref()
                        .filter(|l| is_again(l))
                        .and_then(|l| l.actor.clone())
                        .or_else(|| {
                            let people = people.borrow();
                            let before = people.iter().rev().filter(|(n, _)| n.is_empty());
                            before
                                .take(INSTITUTIONS_BACK)
                                .find(|(_, a)| is_again(a))?
                                .1
                                .actor
                                .clone()
                        });
                    again.or_else(|| {
                        (is_institution(folded_speaker, speech) || described || document_only)
                            .then(|| {
                                placed_in(
                                    &sentence[..sp_start],
                                    original(0, sp_start),
                                    true,
                                    lang_code,
                                    rules,
                                )
                                // "The Ministry of Health reported 1,444 deaths
                                // in Syria": where its figures are.
                                .or_else(|| {
                                    placed_in(
                                        &sentence[sp.end..],
                                        original(sp.end, sentence.len()),
                                        false,
                                        lang_code,
                                        rules,
                                    )
                                })
                                .inspect(|_| placed.set(true))
                                // Whoever the sentence says did harm ("Israeli
                                // strikes", « déclenchée par Israël ») is not
                                // who counts the dead.
                                .or_else(|| {
                                    let agents = agents(sentence, lang_code, rules);
                                    // A ministry is a state's (or an armed
                                    // group's that rules), never a research
                                    // centre's or an agency's named before.
                                    let statelike =
                                        |id: &String| g.get(id).is_some_and(|a| !a.is_observer());
                                    // « les autorités locales »: the town or
                                    // region named last before the sentence.
                                    // "Harish Sharma, a local official,":
                                    // the apposition says it as well.
                                    let is_local = [
                                        folded_speaker,
                                        appos.map_or("", |(s, e)| &sentence[s..e]),
                                    ]
                                    .iter()
                                    .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
                                    .any(|w| speech.localities.iter().any(|l| l == w));
                                    let local = is_local
                                        .then(|| {
                                            let at = folded
                                                .original_span(sentence_start, sentence_start)
                                                .0;
                                            let from = doc
                                                .text
                                                .floor_char_boundary(at.saturating_sub(LOOK_BACK));
                                            let before = doc.text.get(from..at)?;
                                            let m =
                                                g.places_in(before, place_words(speech)).pop()?;
                                            Some(g.actors[m.actor].id.clone())
                                        })
                                        .flatten()
                                        .filter(|a| !agents.contains(a));
                                    let home = home.get_or_init(|| {
                                        home_countries(&folded.text, &doc.text, lang_code, rules)
                                    });
                                    // A local official is of the place
                                    // the article is about; so is an
                                    // unnamed ministry after a third
                                    // country's institute (USGS, GFZ): the
                                    // last speaker counts when it is one
                                    // of the two countries the article
                                    // names most, or no country.
                                    let party = |id: &String| {
                                        home.is_empty()
                                            || home.iter().take(2).any(|h| h == id)
                                            || !g.get(id).is_some_and(|a| a.is_country())
                                    };
                                    guessed.set(local.is_none());
                                    local
                                        .or_else(|| {
                                            last.as_ref().and_then(|l| l.actor.clone()).filter(
                                                |a| {
                                                    !is_local
                                                        && !agents.contains(a)
                                                        && statelike(a)
                                                        && party(a)
                                                },
                                            )
                                        })
                                        .or_else(|| {
                                            home.iter().find(|c| !agents.contains(c)).cloned()
                                        })
                                })
                            })
                            .flatten()
                    })
                });
            let actor = if own_body { acronym.clone() } else { actor };
            // "l'agence onusienne", "the UN agency" after the IOM was named:
            // a phrase that describes the parent body (not its name) is the
            // agency of it named before.
            let actor = match (actor, last.as_ref().and_then(|l| l.actor.as_deref())) {
                (Some(id), Some(prev))
                    if g.get(prev)
                        .is_some_and(|p| p.parent.as_deref() == Some(id.as_str()))
                        && g.lookup(&key, None, lang_code).is_none()
                        // "according to U.N.": the sentence's full stop ends the name.
                        && g.lookup(&format!("{folded_speaker}."), None, lang_code)
                            .is_none()
                        // "the UN agency", not "U.N. officials".
                        && folded_speaker
                            .split(|c: char| !c.is_alphanumeric())
                            .any(|w| speech.agency_nouns.iter().any(|a| a == w)) =>
                {
                    Some(prev.to_string())
                }
                (actor, _) => actor,
            };
            // "witnesses said", « selon des sources locales »: no one
            // answers for the claim but the outlet.
            let anonymous =
                |w: Option<&str>| w.is_some_and(|w| speech.anonymous.iter().any(|a| a == w));
            // "…, The Punch reports": the outlet names itself.
            let own = doc
                .source
                .as_deref()
                .map(|s| speaker_key(&fold_str(s), speech))
                .filter(|s| !s.is_empty());
            let itself = own.is_some_and(|own| own == key || own.starts_with(&format!("{key} ")));
            // "local activists", « des militants prodémocratie »: an
            // anonymous source its phrase does not name an actor for stays
            // the outlet's, whatever actor the place or the last speaker
            // would lend it; an institution's word at the phrase's other
            // end makes it the institution's: "state media", « les médias
            // d'État ».
            let institution =
                |w: Option<&str>| w.is_some_and(|w| speech.institutions.iter().any(|i| i == w));
            let (first, last) = (key.split(' ').next(), key.rsplit([' ', '\'']).next());
            let anonymous_phrase = itself
                || (anonymous(first) && !institution(last))
                || (anonymous(last) && !institution(first));
            let actor = if anonymous_phrase && resolved.is_none() {
                unnamed = true;
                None
            } else {
                actor
            };
            let actor = match actor {
                Some(_) if people_of_a_place(&key, speech) => {
                    unnamed = true;
                    None
                }
                actor => actor,
            };
            let said = Attribution {
                key: actor.is_none().then_some(key).filter(|k| !k.is_empty()),
                actor,
                text: text.to_string(),
            };
            if said.actor.is_some() {
                for name in person_name(text, folded_speaker, speech) {
                    people.borrow_mut().push((name, said.clone()));
                }
                // An institution, with no name: see `again` above.
                if is_institution(folded_speaker, speech) {
                    people.borrow_mut().push((String::new(), said.clone()));
                }
            }
            said
        };
        let applies = reads(cue.applies, whole, f.speaker, sentence, speech, is_month);
        if no_one(&speaker, cue.names_actor, rules, lang_code) {
            continue;
        }
        out.push(CueMatch {
            start: whole.start,
            end: whole.end,
            applies,
            speaker,
            unnamed,
            document: document_only,
            guessed: guessed.get(),
            placed: placed.get(),
        });
    }
    let kept = super::cues::settle(out);
    if let Some(c) = kept.iter().rev().find(|c| c.speaker.actor.is_some()) {
        *last = Some(c.speaker.clone());
    } else if let Some(subject) =
        sentence_subject(sentence, sentence_start, folded, doc, lang_code, rules).map(|(a, _)| a)
    {
        // "Les autorités du Karabakh livrent un autre récit. D'après elles, ..."
        *last = Some(subject);
    }
    kept
}

/// How far back (in bytes) a local institution looks for its town.
const LOOK_BACK: usize = 1500;
