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
                words.match_indices(n.as_str()).find(|(i, _)| {
                    let before = words[..*i].chars().next_back();
                    let after = words[i + n.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
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
