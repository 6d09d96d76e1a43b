//! Overlapping matches of one sentence settled: the longest wins, with
//! the exceptions a kind's reading needs.

use super::*;

/// Within a kind, the longest match wins, then the rule listed first, then the
/// leftmost; across kinds, one figure makes one claim (the longest match's).
/// The bytes of a candidate that are not its figure: how far its predicate
/// stands from what it counts.
fn slack(c: &Candidate) -> usize {
    let figure = c.figure_span.map_or(0, |(s, e)| e - s);
    (c.end - c.start).saturating_sub(figure)
}

pub(super) fn settle_overlaps<'r>(
    mut candidates: Vec<Candidate<'r>>,
    sentence: &str,
    speech: &crate::lang::Speech,
) -> Vec<Candidate<'r>> {
    // What a longer match adds after a shorter one is its predicate when no
    // comma, joining word ("and", « et ») or relative pronoun (« une roquette
    // qui est tombée ») opens another clause there.
    let one_clause = |from: usize, to: usize| {
        let rest = sentence.get(from..to).unwrap_or(",");
        !rest.contains(',')
            && !speech
                .leading
                .iter()
                .chain(&speech.relatives)
                .map(|w| w.trim())
                .any(|w| {
                    // An elided word ("lorsqu'") runs into the next.
                    let gap = if w.ends_with('\'') { "" } else { " " };
                    rest.contains(&format!(" {w}{gap}"))
                })
    };
    // Of two readings of one span, the claim of responsibility ("the bombing
    // was claimed by JNIM") wins over the narration that needs a speaker
    // ("bombing … by JNIM"): it speaks for itself.
    let claims_itself = |c: &Candidate| c.rule.accused == Some(Accused::Claimant);
    // Of two readings of an accusation, the one that names the accused
    // wins ("accusé Kiev de provocation à grande échelle" over the unnamed
    // "provocation à grande échelle").
    let names_accused = |c: &Candidate| c.rule.unit == "actor" && c.actor.is_some();
    candidates.sort_by(|a, b| {
        names_accused(b)
            .cmp(&names_accused(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(claims_itself(b).cmp(&claims_itself(a)))
            .then(a.rule_index.cmp(&b.rule_index))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        let same_figure = |k: &Candidate| match (k.figure_span, c.figure_span) {
            (Some((ks, ke)), Some((cs, ce))) => ks < ce && cs < ke,
            _ => false,
        };
        let conflicts: Vec<usize> = (0..kept.len())
            .filter(|&j| {
                let k = &kept[j];
                // Two actors accused in one phrase ("accused India and
                // Afghanistan of …") are two claims.
                let other_actor = k.rule.unit == "actor"
                    && c.rule.unit == "actor"
                    && match (k.named_spans[0], c.named_spans[0]) {
                        (Some((ks, ke)), Some((cs, ce))) => ke <= cs || ce <= ks,
                        _ => false,
                    };
                (k.rule.kind == c.rule.kind && k.start < c.end && c.start < k.end && !other_actor)
                    || same_figure(k)
            })
            .collect();
        match conflicts[..] {
            [] => kept.push(c),
            // A figure a rule of another kind reads is no part of the one
            // before ("14 fatalities and 200 injured people"); of the same
            // kind, the part says more ("2,205 killed, up from a toll of 1,400").
            [j] if kept[j].rule.inherit
                && !c.rule.inherit
                && !c.member
                && same_figure(&kept[j])
                && !kept.iter().any(|k| {
                    !k.rule.inherit && k.rule.kind == c.rule.kind && k.start < c.start
                }) =>
            {
                kept[j] = c
            }
            // One figure read by two kinds ("le bilan fait état de 410
            // blessés"): the predicate bound closer to the figure wins,
            // unless the longer match holds the shorter whole: "40
            // displaced people were killed" counts the dead among them.
            [j] if kept[j].rule.kind != c.rule.kind
                && !c.rule.inherit
                && !kept[j].rule.inherit
                && same_figure(&kept[j])
                && !(kept[j].start <= c.start
                    && c.end <= kept[j].end
                    && one_clause(kept[j].start, c.start)
                    && one_clause(c.end, kept[j].end))
                && slack(&c) < slack(&kept[j]) =>
            {
                kept[j] = c
            }
            _ => {}
        }
    }
    kept.sort_by_key(|c| (c.start, c.rule_index));
    kept
}
