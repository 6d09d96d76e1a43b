//! Who says a claim: reported-speech cues from the rule files ("selon X",
//! "X a déclaré que", "« … », a déclaré X", "citant un communiqué de X"),
//! resolved to a gazetteer actor; pronouns ("a-t-il ajouté") take the last
//! speaker named before them.

use crate::claim::Attribution;
use crate::corpus::Document;
use crate::rules::{Applies, RuleSet};
use crate::text::fold::Folded;

/// Words that name an institution without saying whose ("le gouvernement",
/// "the defence ministry", "a spokeswoman"); the speech words of every
/// language pack (`rules/lang/<code>/words.yaml`, `speech:`).
fn is_institution(folded_speaker: &str, speech: &crate::lang::Speech) -> bool {
    folded_speaker
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| speech.institutions.iter().any(|i| i == w))
}

/// The speaker phrase without the places it says its speaker sits in
/// ("uk-based syrian observatory" -> "syrian observatory"); `None` when it
/// names none.
fn without_bases(folded_speaker: &str, speech: &crate::lang::Speech) -> Option<String> {
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

/// An apposition right after a speaker's name: ", the spokeswoman of the
/// Armenian prime minister" (its span in `rest`). It opens with a
/// determiner or an institution's word and holds no figure, so a claim
/// after "selon X," is never read as one.
fn apposition(rest: &str, speech: &crate::lang::Speech) -> Option<(usize, usize)> {
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
    }) || speech.institutions.iter().any(|i| i == first);
    (opens
        && !phrase.bytes().any(|b| b.is_ascii_digit())
        && phrase.split_whitespace().count() <= 15)
        .then_some((start, end))
}

/// The country named as a place just before a speaker ("In Armenia, the
/// government…"): a country after one of the language's locatives.
fn placed_in(
    before: &str,
    original: Option<&str>,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let speech = rules.packs.speech();
    let g = &rules.gazetteer;
    g.mentions(before, original, lang_code)
        .iter()
        .rev()
        .find(|m| {
            let words: Vec<&str> = before[..m.start].split_whitespace().collect();
            matches!(
                g.actors[m.actor].kind.as_deref(),
                Some("country" | "territory")
            ) && words
                .last()
                .is_some_and(|w| speech.locatives.iter().any(|l| l == w))
        })
        .map(|m| g.actors[m.actor].id.clone())
}

/// The country a document is about: the one its text names most (the
/// first named among equals). An unnamed institution with no speaker
/// before it ("le ministère de la Santé a indiqué") is that country's.
pub fn home_country(
    folded: &Folded,
    doc: &Document,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let g = &rules.gazetteer;
    let mentions = g.mentions(&folded.text, Some(&doc.text), lang_code);
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for m in &mentions {
        let actor = &g.actors[m.actor];
        if !matches!(actor.kind.as_deref(), Some("country" | "territory")) {
            continue;
        }
        match counts.iter_mut().find(|(a, _)| *a == m.actor) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.actor, 1)),
        }
    }
    // The most named; the first named wins a tie (max_by_key keeps the last).
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(a, _)| g.actors[*a].id.clone())
}

/// A cue found in a sentence, its speaker resolved.
#[derive(Debug, Clone)]
pub struct CueMatch {
    /// Span of the whole cue, in the sentence's folded bytes.
    pub start: usize,
    pub end: usize,
    pub applies: Applies,
    pub speaker: Attribution,
}

/// A sentence being read: its folded text, where it starts in `folded`, and
/// the language its rules are in.
#[derive(Clone, Copy)]
pub struct SentenceAt<'a> {
    /// The document's country ([`home_country`]), found when first needed.
    pub home: &'a std::cell::OnceCell<Option<String>>,
    pub text: &'a str,
    pub start: usize,
    pub folded: &'a Folded,
    pub doc: &'a Document,
    pub lang_code: &'a str,
}

/// A span of a folded sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One match of a speaker cue in a folded sentence: the cue (an index into
/// [`RuleSet::cues`]), the whole match, its speaker and the actor it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueFound {
    pub cue: usize,
    pub whole: Span,
    pub speaker: Span,
    pub actor: Option<Span>,
}

/// Every match of cue `cue` (an index into [`RuleSet::cues`]) in a folded
/// sentence, left to right; a match without a speaker is left out.
pub fn cue_matches(rules: &RuleSet, cue: usize, sentence: &str) -> Vec<CueFound> {
    let span = |m: regex::bytes::Match| Span {
        start: m.start(),
        end: m.end(),
    };
    rules.cues[cue]
        .regex
        .captures_iter(sentence.as_bytes())
        .filter_map(|caps| {
            Some(CueFound {
                cue,
                whole: span(caps.get(0)?),
                speaker: span(caps.name("speaker")?),
                actor: caps.name("actor").map(span),
            })
        })
        .collect()
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
        text: sentence,
        start: sentence_start,
        folded,
        doc,
        lang_code,
    } = *at;
    let mut out: Vec<CueMatch> = Vec::new();
    let speech = rules.packs.speech();
    for f in found {
        let cue = &rules.cues[f.cue];
        let (whole, sp) = (f.whole, f.speaker);
        // "when Armenia", "tandis qu'Erevan": the conjunction is not the speaker.
        let raw = &sentence[sp.start..sp.end];
        let lead = speech
            .leading
            .iter()
            .find(|w| raw.starts_with(*w) && raw.len() > w.len())
            .map_or(0, |w| w.len());
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
        let sp = Span {
            start: sp.start,
            end: sp_end,
        };
        let folded_speaker = sentence[sp_start..sp.end].trim();
        let first_word = folded_speaker.split(' ').next().unwrap_or("");
        let last_word = folded_speaker.rsplit(' ').next().unwrap_or("");
        // "X a condamné … et a accusé": the subject is X, named before.
        if speech.not_speakers.iter().any(|w| w == first_word)
            || speech.trailing.iter().any(|w| w == last_word)
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
        let speaker = if speech.pronouns.iter().any(|w| w == bare) {
            match last {
                Some(prev) => prev.clone(),
                None => continue,
            }
        } else {
            let prefer_last = sp.end + 2 < whole.end;
            let g = &rules.gazetteer;
            let resolved = match &unplaced {
                Some(p) => g.resolve_phrase(p, None, lang_code, prefer_last),
                None => g.resolve_phrase(folded_speaker, Some(text), lang_code, prefer_last),
            };
            // "…, a indiqué l'AFP": an agency relays, it does not speak.
            if resolved.is_some_and(|a| a.relays) {
                continue;
            }
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
                    apposition(&sentence[sp.end..], speech).and_then(|(s, e)| {
                        let (s, e) = (sp.end + s, sp.end + e);
                        g.resolve_phrase(&sentence[s..e], original(s, e), lang_code, false)
                            .filter(|a| !a.relays)
                    })
                })
                .map(|a| a.id.clone())
                // "…, the government said": the country the sentence places
                // it in (« En Arménie, le gouvernement recensait »), else the
                // last speaker named, else the country the document is
                // about. Never another actor of the sentence: "Israeli strikes
                // killed 20, the health ministry said" is not Israel speaking.
                .or_else(|| {
                    is_institution(folded_speaker, speech)
                        .then(|| {
                            placed_in(
                                &sentence[..sp_start],
                                original(0, sp_start),
                                lang_code,
                                rules,
                            )
                            .or_else(|| last.as_ref().and_then(|l| l.actor.clone()))
                            .or_else(|| {
                                home.get_or_init(|| home_country(folded, doc, lang_code, rules))
                                    .clone()
                            })
                        })
                        .flatten()
                });
            // "l'agence onusienne", "the UN agency" after the IOM was named:
            // a phrase that describes the parent body (not its name) is the
            // agency of it named before.
            let actor = match (actor, last.as_ref().and_then(|l| l.actor.as_deref())) {
                (Some(id), Some(prev))
                    if g.get(prev)
                        .is_some_and(|p| p.parent.as_deref() == Some(id.as_str()))
                        && g.lookup(&speaker_key(folded_speaker, speech), None, lang_code)
                            .is_none() =>
                {
                    Some(prev.to_string())
                }
                (actor, _) => actor,
            };
            Attribution {
                key: actor
                    .is_none()
                    .then(|| speaker_key(folded_speaker, speech))
                    .filter(|k| !k.is_empty()),
                actor,
                text: text.to_string(),
            }
        };
        // A sentence-wide cue ("selon X", "according to X") reads forward
        // when it opens the sentence, backward when it closes it, and
        // backward first from the middle ("… habitants selon les autorités, …").
        let applies = match cue.applies {
            Applies::Sentence if whole.start <= 2 => Applies::After,
            // "…, the UN said on Wednesday.": a few words after it, no figure.
            Applies::Sentence if closes(&sentence[whole.end..]) => Applies::Before,
            other => other,
        };
        out.push(CueMatch {
            start: whole.start,
            end: whole.end,
            applies,
            speaker,
        });
    }
    out.sort_by_key(|c| (c.start, c.end));
    // Keep the speaker that names an actor when two cues overlap.
    let mut kept: Vec<CueMatch> = Vec::new();
    for c in out {
        if let Some(prev) = kept.last_mut()
            && c.start < prev.end
        {
            if prev.speaker.actor.is_none() && c.speaker.actor.is_some() {
                *prev = c;
            }
            continue;
        }
        kept.push(c);
    }
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
    let head_end = sentence
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .nth(5)
        .map_or(sentence.len(), |(i, _)| i);
    // The subject ends at the first comma ("Azerbaijan launched…, saying").
    let head_end = sentence[..head_end].find(',').unwrap_or(head_end);
    let head = &sentence[..head_end];
    let said = speaker_in(head, sentence_start, folded, doc, lang_code, rules)?;
    let id = said.actor.as_deref().unwrap_or_default();
    // Where the subject's name ends (the head may run past it).
    let end = rules
        .gazetteer
        .mentions(head, None, lang_code)
        .iter()
        .find(|m| rules.gazetteer.actors[m.actor].id == id)
        .map_or(head_end, |m| m.end);
    Some((said, skip + end))
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
    let actor = rules
        .gazetteer
        .resolve_phrase(phrase, doc.text.get(os..oe), lang_code, false)
        .filter(|a| !a.relays)?;
    Some(Attribution {
        actor: Some(actor.id.clone()),
        text: doc.text.get(os..oe).unwrap_or(phrase).trim().to_string(),
        key: None,
    })
}

/// The subject of the clause that ends at `before` (sentence bytes): the
/// words since the last comma or semicolon, when they are few and name an
/// actor. "Within minutes of the blast, Hezbollah pointed to Israel": the
/// sentence's head is an adverbial, the clause's subject is Hezbollah.
pub fn clause_subject(
    sentence: &str,
    sentence_start: usize,
    before: usize,
    folded: &Folded,
    doc: &Document,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<Attribution> {
    let head = sentence.get(..before)?;
    let from = head.rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause = &head[from..];
    if clause.split_whitespace().count() > 6 {
        return None;
    }
    speaker_in(clause, sentence_start + from, folded, doc, lang_code, rules)
}

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

/// Whether what follows a cue only closes its sentence: at most three
/// words, or five without a digit ("on Wednesday", "in a statement"), with
/// no comma or quotation (", des « opérations antiterroristes »" goes on).
fn closes(rest: &str) -> bool {
    if rest.contains([',', '"', '«', '»', '“', '”', ':', ';']) {
        return false;
    }
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    words <= 3 || (words <= 5 && !rest.bytes().any(|b| b.is_ascii_digit()))
}

/// How far (in bytes) a mid-sentence "selon X" reaches.
const NEAR: usize = 100;

/// The cue that governs a claim at `start..end` of the sentence: among those
/// whose direction covers it, one naming an actor, then the nearest.
pub fn choose(cues: &[CueMatch], start: usize, end: usize) -> Option<&CueMatch> {
    cues.iter()
        .filter_map(|c| {
            let distance = match c.applies {
                // The cue starts before the claim and ends before the claim does:
                // "X a accusé Y d'avoir…" covers the claim starting at "accusé".
                Applies::After if c.start < start && c.end <= end => start.saturating_sub(c.end),
                Applies::Before if c.end > end && c.start >= start => c.start.saturating_sub(end),
                // Mid-sentence: the claim just before it, else one just after.
                Applies::Sentence if c.start >= end && c.start - end <= NEAR => c.start - end,
                Applies::Sentence
                    if c.start < start && c.end <= end && start.saturating_sub(c.end) <= NEAR =>
                {
                    start.saturating_sub(c.end) + NEAR
                }
                _ => return None,
            };
            Some((distance, c))
        })
        // A speaker that maps to an actor wins over one that does not ("the
        // agencies reported, citing the defence ministry"), then the nearest.
        .min_by_key(|(d, c)| (c.speaker.actor.is_none(), *d, c.start))
        .map(|(_, c)| c)
}
