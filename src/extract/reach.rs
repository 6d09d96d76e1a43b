//! Which reported-speech cue of a sentence speaks for a claim: which way a
//! sentence-wide cue reads (what follows it closes the sentence or holds a
//! figure), how far cues reach, and the nearest that names an actor.

use super::attribution::CueMatch;
use crate::rules::Applies;

/// How far (in bytes) a mid-sentence "selon X" reaches.
const NEAR: usize = 100;

/// The cue that governs a claim at `start..end` of the sentence: among those
/// whose direction covers it, one naming an actor, then the nearest. When
/// none does, a mid-sentence cue further on ("157 people died in a quake
/// that struck a remote region, where rescuers …, according to a new toll
/// from the authorities"): the sentence's source closes it.
pub(super) fn choose(cues: &[CueMatch], start: usize, end: usize) -> Option<&CueMatch> {
    near(cues, start, end).or_else(|| {
        cues.iter()
            .filter(|c| {
                c.applies == Applies::Sentence
                    && c.start >= end
                    && c.speaker.actor.is_some()
                    && !c.guessed
            })
            .min_by_key(|c| c.start)
    })
}

/// [`choose`] within reach.
fn near(cues: &[CueMatch], start: usize, end: usize) -> Option<&CueMatch> {
    cues.iter()
        .filter_map(|c| {
            let distance = match c.applies {
                // The cue starts before the claim and ends before the claim does:
                // "X a accusé Y d'avoir…" covers the claim starting at "accusé".
                Applies::After | Applies::Previous if c.start < start && c.end <= end => {
                    start.saturating_sub(c.end)
                }
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

/// Whether what follows a cue only closes its sentence: at most three
/// words, or five without a digit ("on Wednesday", "in a statement"), with
/// no comma or quotation (", des « opérations antiterroristes »" goes on).
pub(super) fn closes(rest: &str) -> bool {
    // A time of day ("at 8:40pm", « à 20h30 ») is one word with no figure.
    static CLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b[0-9]{1,2}(?:[:h.][0-9]{2})? ?(?:[ap]\.?m\b\.?|h\b)|\b[0-9]{1,2}[:h][0-9]{2}\b",
        )
        .expect("the clock pattern compiles")
    });
    let rest = CLOCK.replace_all(rest, "clock");
    if rest.contains([',', '"', '«', '»', '“', '”', ':', ';']) {
        return false;
    }
    let words = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    words <= 3 || (words <= 5 && !rest.bytes().any(|b| b.is_ascii_digit()))
}

/// Whether the words after a speech verb, up to the clause's end, hold a
/// figure: "reported 20 deaths", not "said on Tuesday, adding …" nor "said
/// on May 26, as …" (a number beside a month, `is_month`, is a date).
pub(super) fn takes_figure(rest: &str, is_month: impl Fn(&str) -> bool) -> bool {
    let Some(clause) = rest
        .strip_prefix(' ')
        .and_then(|r| r.split([',', ';', ':', '"', '«', '“']).next())
    else {
        return false;
    };
    let words: Vec<&str> = clause.split(' ').filter(|w| !w.is_empty()).collect();
    let month = |k: Option<&&str>| k.is_some_and(|w| is_month(w.trim_end_matches('.')));
    (0..words.len()).any(|i| {
        words[i].bytes().any(|b| b.is_ascii_digit())
            && !month(i.checked_sub(1).and_then(|j| words.get(j)))
            && !month(words.get(i + 1))
    })
}

/// Whether a speech verb's object is a clause of its own: a complementizer
/// or a subject pronoun and more words ("…, while Ukraine said it had found
/// remnants of a Russian missile", « tandis que Kiev affirme qu'il … »).
pub(super) fn opens_clause(rest: &str, speech: &crate::lang::Speech) -> bool {
    let mut words = rest.split([' ', '\'']).filter(|w| !w.is_empty());
    let (Some(first), Some(_)) = (words.next(), words.next()) else {
        return false;
    };
    speech
        .complementizers
        .iter()
        .chain(speech.pronouns.iter().filter(|p| !p.contains(' ')))
        .any(|w| w == first)
}

/// Whether the outlet's narration takes over between a speech cue and a
/// claim after it: "The Kremlin said Russian forces only hit military
/// targets, after a strike on a restaurant killed at least 10": one of the
/// language's `narration` words after a comma, or before any complementizer
/// ("said on Wednesday after a strike killed 10"; not "said that after the
/// strike 10 bodies were found").
pub(super) fn back_to_narration(
    sentence: &str,
    cue: &CueMatch,
    start: usize,
    speech: &crate::lang::Speech,
) -> bool {
    if cue.end > start {
        return false;
    }
    let gap = &sentence[cue.end..start];
    // Within a quotation, the words are the speaker's own; a quotation
    // closed before the word is not (« a atteint « toutes » ses cibles,
    // après une attaque qui a fait quatre morts »).
    let quoted = |at: usize| {
        let before = &gap[..at];
        let straight = before.matches('"').count() % 2 == 1;
        straight
            || before.matches('«').count() > before.matches('»').count()
            || before.matches('“').count() > before.matches('”').count()
    };
    // The claim itself within a quotation the gap opens: the speaker's.
    if quoted(gap.len()) {
        return false;
    }
    // Each word and where it starts in the gap.
    let words: Vec<(usize, &str)> = gap
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| (w.as_ptr() as usize - gap.as_ptr() as usize, w))
        .collect();
    words.iter().enumerate().any(|(k, &(at, w))| {
        speech.narration.iter().any(|n| n == w)
            && !quoted(at)
            && (gap[..at].trim_end().ends_with(',')
                || !words[..k]
                    .iter()
                    .any(|(_, p)| speech.complementizers.iter().any(|c| c == p)))
    })
}

/// Marks the sentences whose cues and events are read: each that can yield
/// a claim, the one before it (pronouns, carried events), the one after it
/// (its speaker may come next: "This was reported by …"), and those after a
/// quotation it opens; two sentences after it, past a sentence with no
/// figure ("12 died. Among them is a girl. / This was reported by …"), only
/// a cue that closes the sentences before it is read.
pub(super) fn mark_needed(prepared: &mut [super::PreparedSentence]) {
    let need = |p: &mut super::PreparedSentence| {
        p.needed = true;
        p.closing_only = false;
    };
    for i in 0..prepared.len() {
        if prepared[i].hits.is_empty() {
            continue;
        }
        need(&mut prepared[i]);
        if i > 0 {
            need(&mut prepared[i - 1]);
        }
        if let Some(next) = prepared.get_mut(i + 1) {
            need(next);
        }
        if let Some(after) = prepared.get_mut(i + 2)
            && !after.needed
        {
            after.needed = true;
            after.closing_only = true;
        }
        if prepared[i].quoted {
            for p in prepared[i + 1..].iter_mut().take(4) {
                need(p);
                if p.closes {
                    break;
                }
            }
        }
    }
}

/// Which way a sentence-wide cue ("selon X", "according to X") reads: forward
/// when it opens the sentence, backward when it closes it, and backward first
/// from the middle ("… habitants selon les autorités, …"); other cues read
/// as their rule says. `whole` is the cue's span, `speaker` its speaker's.
pub(super) fn reads(
    applies: Applies,
    whole: super::attribution::Span,
    speaker: super::attribution::Span,
    sentence: &str,
    speech: &crate::lang::Speech,
    is_month: impl Fn(&str) -> bool,
) -> Applies {
    match applies {
        Applies::Sentence if whole.start <= 2 => Applies::After,
        // "In Geneva, the UN said 320 people died.": after words that
        // hold no figure, it opens the sentence's report.
        Applies::Sentence
            if !sentence[..whole.start].bytes().any(|b| b.is_ascii_digit())
                && takes_figure(&sentence[whole.end..], &is_month) =>
        {
            Applies::After
        }
        // "…, the UN said on Wednesday.": a few words after it, no figure.
        Applies::Sentence if closes(&sentence[whole.end..]) => Applies::Before,
        // "…, while Ukraine said it had found …": a speaker before its
        // verb whose object is a clause speaks for that clause only.
        Applies::Sentence
            if speaker.end < whole.end && opens_clause(&sentence[whole.end..], speech) =>
        {
            Applies::After
        }
        // "…, while authorities in Mozambique reported 20 deaths": a
        // speaker before its verb, and the verb's object a figure of
        // its own clause, speaks for what follows only.
        Applies::Sentence
            if speaker.end < whole.end && takes_figure(&sentence[whole.end..], &is_month) =>
        {
            Applies::After
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::closes;

    #[test]
    fn a_time_of_day_closes_a_sentence_as_a_word() {
        assert!(closes(" at 8:40pm yesterday."));
        assert!(closes(" à 20h30 mardi."));
        assert!(closes(" at 9 a.m."));
        assert!(!closes(" at 8:40pm, adding that 20 died."));
        assert!(!closes(
            " on Tuesday that 25 more people had died in the camp"
        ));
    }
}
