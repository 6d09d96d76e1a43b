//! What claims share: a figure joined by "et"/"and" to the one before takes
//! its scope, and a figure repeated within an article takes what its fullest
//! mention says.

use super::*;

/// "192 soldats azerbaïdjanais ont été tués et 511 blessés": a figure with no
/// scope of its own, joined by "et"/"and" to the figure before it, counts the
/// same people.
pub(super) fn inherit_coordinated_scope(kept: &mut [Candidate], sentence: &str) {
    for i in 1..kept.len() {
        let Some((_, figure_end)) = kept[i].figure_span else {
            continue;
        };
        if kept[i].scope.is_some() || kept[i].side.is_some() {
            continue;
        }
        // A part between them (« 20 personnes, dont deux enfants, … et 111
        // autres blessées ») is an aside: the figure joins the total.
        let Some(prev) = kept[..i]
            .iter()
            .rev()
            .find(|p| p.figure_span.is_some() && p.end <= kept[i].start && !p.rule.inherit)
        else {
            continue;
        };
        if prev.scope.is_none() && prev.side.is_none() {
            continue;
        }
        let gap = &sentence[prev.end..kept[i].start];
        let joined = gap.len() <= 40
            && (gap.contains(" et ")
                || gap.contains(" and ")
                || gap.trim() == "et"
                || gap.trim() == "and")
            && !gap.bytes().any(|b| b.is_ascii_digit());
        // "15 children and 28 adults were killed": a people noun of its
        // own, even one that says nothing of who ("adults"), is its scope.
        let after = sentence.get(figure_end..).unwrap_or_default().trim_start();
        let own_noun = || {
            kept[i].rule.scope_map.keys().any(|n| {
                after.starts_with(n.as_str())
                    && !after[n.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
        };
        if joined && !own_noun() {
            let (scope, side) = (prev.scope.clone(), prev.side.clone());
            kept[i].scope = scope;
            kept[i].side = side;
        }
    }
}

/// Within one article, the same figure of the same kind is the same fact: a
/// headline's "170 morts" takes the event, scope, side and speaker the body
/// gives "170 personnes ont péri dans l'explosion…, a annoncé le ministère".
pub(super) fn unify_repeated_figures(claims: &mut [Claim]) {
    let filled = |c: &Claim| {
        usize::from(c.event.is_some())
            + usize::from(c.scope.is_some())
            + usize::from(c.side.is_some())
            + usize::from(c.attributed_to.is_some())
    };
    // The fullest claim of each (kind, figure), found in one pass.
    let mut fullest: std::collections::HashMap<(&str, u64), usize> =
        std::collections::HashMap::new();
    for (j, c) in claims.iter().enumerate() {
        let Some(v) = c.value.number() else { continue };
        fullest
            .entry((c.kind.as_str(), v.to_bits()))
            .and_modify(|best| {
                if filled(c) > filled(&claims[*best]) {
                    *best = j;
                }
            })
            .or_insert(j);
    }
    let donors: Vec<Option<usize>> = claims
        .iter()
        .map(|c| {
            c.value
                .number()
                .and_then(|v| fullest.get(&(c.kind.as_str(), v.to_bits())).copied())
        })
        .collect();
    drop(fullest);
    for i in 0..claims.len() {
        let Some(j) = donors[i].filter(|&j| j != i) else {
            continue;
        };
        if filled(&claims[j]) <= filled(&claims[i]) {
            continue;
        }
        let (c, donor) = if i < j {
            let (head, tail) = claims.split_at_mut(j);
            (&mut head[i], &tail[0])
        } else {
            let (head, tail) = claims.split_at_mut(i);
            (&mut tail[0], &head[j])
        };
        if c.event.is_none() {
            c.event.clone_from(&donor.event);
        }
        if c.scope.is_none() && c.side.is_none() {
            c.scope.clone_from(&donor.scope);
            c.side.clone_from(&donor.side);
        }
        if c.attributed_to.is_none() {
            c.attributed_to.clone_from(&donor.attributed_to);
        }
    }
}

/// Whether a folded sentence holds one of the words by which copy goes on
/// with the report before it ("also", « aussi », "of them").
pub(super) fn continues(sentence: &str, speech: &crate::lang::Speech) -> bool {
    let padded = format!(" {} ", sentence.replace([',', '.', ';', ':'], " "));
    speech
        .continuations
        .iter()
        .any(|w| padded.contains(&format!(" {w} ")))
}

/// The one speaker, naming an actor, of a sentence's figures, if they
/// have one and only one.
pub(super) fn one_speaker(claims: &[Claim]) -> Option<Attribution> {
    let mut said = claims
        .iter()
        .filter(|c| c.value.number().is_some())
        .filter_map(|c| c.attributed_to.as_ref());
    let first = said.next().filter(|a| a.actor.is_some())?;
    said.all(|a| a.actor == first.actor).then(|| first.clone())
}

/// A cue that closes a report ("…has risen to 32. This was reported by the
/// emergency service", « C'est ce qu'a annoncé X »): the speakerless claims
/// just before it (`run`, the claims back to the paragraph it ends) are its
/// speaker's, back to the first claim with a speaker of its own. Never when
/// the sentence before names that speaker as doing harm ("the attack by the
/// aggressor country Russia … This was reported by the prosecutor's
/// office", an office no country was named for).
pub(super) fn closing_cue(
    run: &mut [Claim],
    cue: &CueMatch,
    previous_sentence: &str,
    lang_code: &str,
    rules: &RuleSet,
) {
    if run.last().is_none_or(|c| c.attributed_to.is_some()) {
        return;
    }
    let harm =
        cue.speaker.actor.as_ref().is_some_and(|a| {
            super::parties::agents(previous_sentence, lang_code, rules).contains(a)
        });
    if harm {
        return;
    }
    for c in run
        .iter_mut()
        .rev()
        .take_while(|c| c.attributed_to.is_none())
    {
        c.attributed_to = Some(cue.speaker.clone());
    }
}

/// Whether a noun of `also` (the nouns joined after a figure's first) maps
/// to another scope than `first`.
pub(super) fn mixed_scopes(
    also: &str,
    first: Option<&str>,
    scope_map: &std::collections::BTreeMap<String, Option<String>>,
) -> bool {
    let words: Vec<&str> = also
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    scope_map.iter().any(|(noun, mapped)| {
        let noun = fold_str(noun);
        let noun: Vec<&str> = noun.split(' ').collect();
        mapped.as_deref() != first && words.windows(noun.len()).any(|w| w == noun.as_slice())
    })
}
