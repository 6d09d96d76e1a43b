//! Who the parties of a document are (the two it names most, what "both
//! sides" are), and which actors a sentence names as agents of an attack.

use super::places::tally;
use crate::rules::RuleSet;

/// The two parties a document names most up to a point (countries,
/// territories and armed groups; not an agency or an international body),
/// the later named first among equals: who "both sides" are, the first
/// named first. The tally grows with the reading, so each byte of the
/// document is tallied once however many sentences ask.
#[derive(Default)]
pub struct Parties {
    /// How far the folded text is tallied.
    upto: usize,
    /// (actor index, mentions, where the last one starts), first named first.
    counts: Vec<(usize, usize, usize)>,
}

impl Parties {
    /// The two parties `folded[..end]` names most; `original` is the
    /// document as written, for the names read in one case only (« EAU »,
    /// not « l'eau »): only the piece newly tallied is searched for them.
    pub fn upto(
        &mut self,
        folded: &crate::text::fold::Folded,
        original: &str,
        end: usize,
        lang_code: &str,
        rules: &RuleSet,
    ) -> Option<(String, String)> {
        if end > self.upto {
            let (os, oe) = folded.original_span(self.upto, end);
            let piece = original.get(os..oe).unwrap_or(original);
            let folded = &folded.text;
            let keep = |a: &crate::actors::Actor| {
                (a.kind.is_none()
                    || matches!(
                        a.kind.as_deref(),
                        Some("country" | "territory" | "armed_group")
                    ))
                    && !a.relays
            };
            for (actor, n, at) in
                tally(&folded[self.upto..end], Some(piece), lang_code, rules, keep)
            {
                let at = self.upto + at;
                match self.counts.iter_mut().find(|(a, _, _)| *a == actor) {
                    Some((_, m, last)) => (*m, *last) = (*m + n, at),
                    None => self.counts.push((actor, n, at)),
                }
            }
            self.upto = end;
        }
        let mut counts = self.counts.clone();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
        let [a, b, ..] = counts.as_slice() else {
            return None;
        };
        let (first, second) = if a.2 < b.2 { (a, b) } else { (b, a) };
        let id = |i: usize| rules.gazetteer.actors[i].id.clone();
        Some((id(first.0), id(second.0)))
    }
}

/// The actors a sentence names as doing harm: after an agent's word
/// ("by Israel", « par Israël ») or beside an attack's noun ("Israeli
/// strikes", « frappes israéliennes »). An unnamed institution reporting
/// the toll is never theirs.
pub(super) fn agents(sentence: &str, lang_code: &str, rules: &RuleSet) -> Vec<String> {
    let speech = rules.packs.speech();
    let g = &rules.gazetteer;
    let (harm, other): (Vec<_>, Vec<_>) = g
        .mentions(sentence, None, lang_code)
        .into_iter()
        .partition(|m| names_an_agent(sentence, m, speech));
    // Named otherwise too ("192 soldats azerbaïdjanais … l'offensive
    // azerbaïdjanaise"), it may count its own dead.
    harm.iter()
        .filter(|m| !other.iter().any(|o| o.actor == m.actor))
        .map(|m| g.actors[m.actor].id.clone())
        .collect()
}

/// Whether a mention in a folded text names who does harm (or backs who
/// does: "Iran-backed"): after an agent's
/// word or beside an attack's noun (« l'offensive russe »: the word without
/// its elided article; the two words before: "by the Russian army", "the
/// aggressor country Russia").
pub(super) fn names_an_agent(
    text: &str,
    m: &crate::actors::Mention,
    speech: &crate::lang::Speech,
) -> bool {
    let is = |list: &[String], w: Option<&str>| w.is_some_and(|w| list.iter().any(|l| l == w));
    // Past a genitive ("une bombe de l'Armée de libération", "attacks of
    // the army"): the attack's noun before it.
    let mut before = text[..m.start]
        .split_whitespace()
        .rev()
        .map(|w| w.rsplit('\'').next().unwrap_or(w))
        .filter(|w| !w.is_empty() && !speech.genitives.iter().any(|g| g == w))
        .take(2);
    let after = text[m.end..]
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .find(|w| !w.is_empty());
    let near = before.next();
    // "Iran-backed", « pro-iraniens »: a backer, glued to the name.
    let glued_before = text[..m.start]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let glued_after = text[m.end..]
        .split(char::is_whitespace)
        .next()
        .unwrap_or("");
    let backs = |b: &String| {
        (b.ends_with('-') && glued_before.ends_with(b.as_str()))
            || (b.starts_with('-') && glued_after.starts_with(b.as_str()))
    };
    // "Russia's April 28 mass strike": a possessive's attack may stand a
    // few words on, before any institution's word ("Ukraine's Southern
    // Defense Forces" speak).
    let possessive = ["'s ", "’s ", "' ", "’ "]
        .iter()
        .any(|p| text[m.end..].starts_with(p));
    let attack_owned = possessive
        && text[m.end..]
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(4)
            .take_while(|w| !is(&speech.institutions, Some(w)))
            .any(|w| is(&speech.attacks, Some(w)));
    speech.backing.iter().any(backs)
        || is(&speech.agent_markers, near)
        || is(&speech.attacks, near)
        || is(&speech.agent_markers, before.next())
        || is(&speech.attacks, after)
        || attack_owned
}
