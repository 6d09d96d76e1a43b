//! Speaker cues as the rule files' patterns find them in a folded
//! sentence: each match's span, its speaker phrase and the actor it names,
//! before [`super::attribution::find_cues`] resolves who speaks.

use super::phrase::complementizer_in;
use crate::claim::Attribution;
use crate::rules::{Applies, RuleSet};

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
    // The matches in `sentence[from..to]`, spans in the whole sentence.
    let found = |from: usize, to: usize| -> Vec<CueFound> {
        let shift = |m: regex::bytes::Match| Span {
            start: from + m.start(),
            end: from + m.end(),
        };
        rules.cues[cue]
            .regex
            .captures_iter(&sentence.as_bytes()[from..to])
            .filter_map(|caps| {
                Some(CueFound {
                    cue,
                    whole: shift(caps.get(0)?),
                    speaker: shift(caps.name("speaker")?),
                    actor: caps.name("actor").map(shift),
                })
            })
            .collect()
    };
    let mut out = found(0, sentence.len());
    // A speaker phrase may run past its speaker, up to a later verb; the
    // cue is read again on shorter spans, twice at most:
    // - before a reported clause ("The ministry reported that Israeli
    //   strikes claimed …": the speaker of its first verb);
    // - within that clause ("Greenwood wrote that Vanuatu's government had
    //   reported 14": the clause has a speaker of its own, who gave the figure);
    // - before a figure ("the government had reported 14 confirmed
    //   fatalities", « selon un bilan des autorités ce mardi 2 septembre »:
    //   a figure is no speaker's word).
    let speech = rules.packs.speech();
    let mut todo = out.clone();
    for _ in 0..2 {
        let mut again = Vec::new();
        for f in &todo {
            let phrase = &sentence[f.speaker.start..f.speaker.end];
            if let Some(cut) = complementizer_in(phrase, speech) {
                let clause = f.speaker.start + cut;
                again.extend(
                    found(0, clause)
                        .into_iter()
                        .filter(|g| g.whole.start >= f.whole.start),
                );
                if let Some(word) = sentence[clause..]
                    .find(' ')
                    .map(|w| clause + w + 1)
                    .filter(|&w| w < f.whole.end)
                {
                    again.extend(found(word, f.whole.end));
                }
            }
            // Not an inverted one, after its verb (« a estimé le bilan à
            // 60 morts » is no speaker cut short).
            if let Some(digit) = phrase.find(|c: char| c.is_ascii_digit()).filter(|_| {
                f.speaker.end < f.whole.end || rules.cues[cue].applies != Applies::Before
            }) {
                again.extend(
                    found(0, f.speaker.start + digit)
                        .into_iter()
                        .filter(|g| g.whole.start >= f.whole.start),
                );
            }
        }
        again.retain(|g| !out.contains(g));
        if again.is_empty() {
            break;
        }
        out.extend(again.iter().copied());
        todo = again;
    }
    out.sort_by_key(|f| (f.whole.start, f.whole.end));
    out.dedup();
    out
}

/// A cue found in a sentence, its speaker resolved.
#[derive(Debug, Clone)]
pub struct CueMatch {
    /// Span of the whole cue, in the sentence's folded bytes.
    pub start: usize,
    pub end: usize,
    pub applies: Applies,
    pub speaker: Attribution,
    /// A source no one answers for ("medics said", « selon des témoins »):
    /// the claim is the outlet's, and says whom it relays.
    pub unnamed: bool,
    /// The speaker is only a document's ("the statement", « un nouveau
    /// bilan »), read as an institution's: a cue it overlaps that names
    /// its issuer wins.
    pub document: bool,
    /// The speaker's actor is the last speaker's or the article's country,
    /// not one its phrase or the sentence names.
    pub guessed: bool,
    /// The speaker's actor is the country the sentence places figures in
    /// ("at least 53 died in Mozambique …, according to government
    /// figures"): a claim placed in another country is that one's.
    pub placed: bool,
}

/// A sentence's cues, in text order, overlaps settled: the speaker that
/// names an actor when two cues overlap, and of two from the same word that
/// apply alike the longer (a speaker phrase cut at its tenth word reads
/// less of the name).
pub(super) fn settle(mut out: Vec<CueMatch>) -> Vec<CueMatch> {
    out.sort_by_key(|c| (c.start, c.end));
    let mut kept: Vec<CueMatch> = Vec::new();
    for c in out {
        // "…", a déclaré X, ajoutant que …: the same speaker read both ways
        // (before the verb and after its participle) stays twice.
        if let Some(prev) = kept.last()
            && c.start == prev.start
            && c.applies != prev.applies
            && c.speaker.text == prev.speaker.text
        {
            kept.push(c);
            continue;
        }
        if let Some(prev) = kept.last_mut()
            && c.start < prev.end
        {
            // "Béryl a touché le sud, faisant sept victimes, ont annoncé les
            // autorités": the verb a subject reading runs up to has its
            // speaker after it, inverted, when that speaker is someone.
            let inverted = prev.applies == Applies::After
                && c.applies == Applies::Before
                && c.end > prev.end
                && c.speaker.actor.is_some();
            // "X wrote that Vanuatu's government had reported": the reported
            // clause's own speaker, named, gave the figure.
            let reported = c.start > prev.start
                && c.end <= prev.end
                && c.applies == prev.applies
                && c.speaker.actor.is_some()
                && !c.guessed;
            if inverted
                || reported
                || (prev.speaker.actor.is_none() && c.speaker.actor.is_some())
                || (prev.document && !c.document && c.speaker.actor.is_some())
                || (c.start == prev.start
                    && c.end > prev.end
                    && c.applies == prev.applies
                    && c.speaker.actor.is_some())
            {
                *prev = c;
            }
            continue;
        }
        kept.push(c);
    }
    kept
}
