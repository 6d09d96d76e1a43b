//! Parts and list members: which figure a part ("including two
//! civilians", "five of them children") counts from, and the members of a
//! frame's list ("150 soldiers, 9 police officers and two civilians").

use super::*;

/// The figure a part counts from: the last figure claim of its sentence
/// before `start` (file bytes), else the last one of the previous sentence
/// (`previous`, an index into `claims`).
pub(super) fn figure_before<'c>(
    sentence_claims: &'c [Claim],
    claims: &'c [Claim],
    previous: Option<usize>,
    start: usize,
) -> Option<&'c Claim> {
    sentence_claims
        .iter()
        .filter(|p| p.start < start && p.value.number().is_some())
        .max_by_key(|p| p.start)
        .or(previous.map(|k| &claims[k]))
}

/// The total a part (`c`, starting at file offset `start`) counts from,
/// of `parent`, the figure claim before it. "47 were injured and 12 have
/// gone missing": a figure with a verb of its own after a clause that ended
/// is no part of it ("four police officers and two civilians died" shares
/// its verb). "11 650 familles ont trouvé refuge, dont environ 3 000 dans
/// des abris": a part counts the figure just before it; when that one
/// counts no people (families, houses), the part is none. `file_offset`
/// maps a sentence span to the file offset of its start.
pub(super) fn part_parent<'c>(
    c: &Candidate,
    parent: Option<&'c Claim>,
    start: usize,
    tokens: &Tokenized,
    sentence: &str,
    pack: &crate::lang::LangPack,
    file_offset: &impl Fn(usize, usize) -> usize,
) -> Option<&'c Claim> {
    let parent = parent.filter(|p| !(c.own_predicate && p.end <= start));
    let between = c
        .figure_span
        .and_then(|(fs, _)| tokens.figure_ending_by(fs))
        .filter(|&(_, b)| pack.counts_no_people(sentence.get(b..).unwrap_or_default()))
        .map(|(a, b)| file_offset(a, b));
    parent.filter(|p| between.is_none_or(|f| f < p.end))
}

/// Whether a sentence no rule read holds no figure, so that a part after
/// it still counts the figure before it (digits only: the tokenizer did not
/// run on it).
pub(super) fn figureless(sentence: &str) -> bool {
    !sentence.bytes().any(|b| b.is_ascii_digit())
}

/// The claims of a frame's list: "150 soldiers, 9 police officers and two
/// civilians were killed" gives 150 soldiers and 9 police besides the two
/// civilians of the match. Each member's evidence is its figure and its
/// scope noun, which the rule's `scope_map` maps.
pub(super) fn list_members<'r>(
    rule_index: usize,
    m: &RuleMatch,
    tokens: &Tokenized,
    sentence: &str,
    lang_code: &str,
    rules: &'r RuleSet,
) -> Vec<Candidate<'r>> {
    let rule = &rules.rules[rule_index];
    let Some((list_start, list_end)) = m.name(rule, "list") else {
        return Vec::new();
    };
    let members: Vec<usize> = (list_start..list_end)
        .filter(|&i| tokens.bytes[i] == crate::quantity::tokens::QUANTITY)
        .collect();
    let mut nouns: Vec<&String> = rule.scope_map.keys().collect();
    nouns.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = Vec::new();
    for (k, &token) in members.iter().enumerate() {
        let Some((fs, fe)) = tokens.figure(token) else {
            continue;
        };
        let until = tokens.to_sentence(members.get(k + 1).copied().unwrap_or(list_end));
        let Some(words) = sentence.get(fe..until) else {
            continue;
        };
        // The first scope noun after the figure, as a whole word.
        let Some((at, noun)) = nouns
            .iter()
            .filter_map(|n| {
                words
                    .match_indices(n.as_str())
                    .find(|(i, _)| crate::text::is_whole_word(words, *i, i + n.len()))
            })
            .min_by_key(|(i, n)| (*i, std::cmp::Reverse(n.len())))
        else {
            continue;
        };
        let Some(q) = sentence
            .get(fs..fe)
            .and_then(|f| quantity::parse_quantity(f, rules.packs.get(lang_code)))
        else {
            continue;
        };
        out.push(Candidate {
            rule,
            rule_index,
            start: fs,
            end: fe + at + noun.len(),
            figure_span: Some((fs, fe)),
            figure: Figure::Quantity(q),
            more: false,
            actor: None,
            other: None,
            scope: rule.scope_map.get(noun).cloned().flatten(),
            side: None,
            named_spans: [None; 3],
            both: false,
            own_predicate: false,
            member: true,
        });
    }
    out
}

/// The other accused joined to the first in one phrase: "blamed M23 and
/// Rwanda's national army for the deaths", « accusé le M23 et l'armée
/// rwandaise », "Kyiv, the US and the UK were behind": the accusation read
/// for each name after a comma or a coordinator (`coordinators`) that
/// follows the last accused within the match (or a coordinator after it,
/// when the match ends on it), a repeated preposition (« et à Israël »), a
/// determiner and a word of the attackers (`attacks`: "army") allowed
/// before it. The candidate comes first.
pub(super) fn coordinated<'r>(
    c: Candidate<'r>,
    sentence: &str,
    lang_code: &str,
    rules: &'r RuleSet,
) -> Vec<Candidate<'r>> {
    let mut out = Vec::new();
    let Some((_, mut e)) = c.named_spans[0].filter(|_| {
        matches!(
            c.rule.accused,
            Some(Accused::Actor | Accused::ActorOrSpeakerOpponent)
        )
    }) else {
        out.push(c);
        return out;
    };
    let speech = rules.packs.speech();
    let mut joints: Vec<String> = speech
        .coordinators
        .iter()
        .map(|w| format!(" {w} "))
        .collect();
    joints.extend(speech.coordinators.iter().map(|w| format!(", {w} ")));
    let mut named = vec![c.actor.clone()];
    // A match that ends on its accused ("placed blame on Israel") goes on
    // with the names a coordinator joins to it after its end ("… and the
    // United States"); not after a comma alone ("blamed on Russia, Ukraine's
    // president said").
    let past_end = sentence.get(e..c.end).is_some_and(|t| t.trim().is_empty());
    let end = if past_end {
        sentence.len()
    } else {
        joints.push(", ".into());
        c.end.max(e)
    };
    while let Some(rest) = sentence.get(e..end) {
        // The nearest joint, the longest at one place (", and " over ", ").
        let Some((at, len)) = joints
            .iter()
            .filter_map(|j| {
                rest.find(j.as_str())
                    .map(|i| (i, std::cmp::Reverse(j.len())))
            })
            .min()
            .map(|(i, std::cmp::Reverse(l))| (i, l))
        else {
            break;
        };
        // At most the accused's own words between ("Rwanda's national army").
        let between = &rest[..at];
        if between.contains([',', ';', ':', '.']) || between.split_whitespace().count() > 3 {
            break;
        }
        let mut from = at + len;
        let mut words = 0;
        // "and the", « et l'armée »: determiners and the attackers' nouns.
        while words < 3 && from < rest.len() {
            let word = rest[from..].split([' ', '\'']).next().unwrap_or("");
            let is = |l: &[String]| {
                !word.is_empty() && l.iter().any(|d| d.trim_end_matches('\'') == word)
            };
            let repeated = words == 0 && is(&speech.repeated_prepositions);
            if !(repeated || is(&speech.determiners) || is(&speech.attacks)) {
                break;
            }
            from = (from + word.len() + 1).min(rest.len());
            words += 1;
        }
        let Some(m) = rules.gazetteer.opening_mention(&rest[from..], lang_code) else {
            break;
        };
        let actor = Some(rules.gazetteer.actors[m.actor].id.clone());
        let span = (e + from, e + from + m.end);
        e = span.1;
        if named.contains(&actor) {
            continue;
        }
        named.push(actor.clone());
        let [_, side_span, other_span] = c.named_spans;
        out.push(Candidate {
            figure: Figure::Actor,
            actor,
            other: c.other.clone(),
            scope: c.scope.clone(),
            side: c.side.clone(),
            named_spans: [Some(span), side_span, other_span],
            ..c
        });
    }
    out.insert(0, c);
    out
}
