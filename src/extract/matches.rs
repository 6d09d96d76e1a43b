//! A rule's matches in a tokenized sentence: the spans of its groups,
//! before any claim is built from them.

use crate::quantity::tokens::Tokenized;
use crate::rules::{Rule, RuleSet};

/// One match of a rule: each group's span in the tokenized sentence, in the
/// order of the rule's capture names.
#[derive(Debug, Clone)]
pub(super) struct RuleMatch(Vec<Option<(usize, usize)>>);

impl RuleMatch {
    /// The span of the whole match.
    pub(super) fn whole(&self) -> Option<(usize, usize)> {
        self.0.first().copied().flatten()
    }

    /// The span of a named group.
    pub(super) fn name(&self, rule: &Rule, name: &str) -> Option<(usize, usize)> {
        let i = rule
            .pattern
            .regex()
            .capture_names()
            .position(|n| n == Some(name))?;
        self.0.get(i).copied().flatten()
    }
}

/// Every match of a rule in a tokenized sentence, left to right.
pub(super) fn matches(rule: &Rule, tokens: &Tokenized, figure_rule: bool) -> Vec<RuleMatch> {
    crate::work::read(tokens.bytes.len());
    let mut out = Vec::new();
    for caps in rule.pattern.regex().captures_iter(&tokens.bytes) {
        let end = caps.get(0).map_or(0, |m| m.end());
        let mut spans: Vec<Option<(usize, usize)>> = caps
            .iter()
            .map(|m| m.map(|m| (m.start(), m.end())))
            .collect();
        // A figure phrase may close a quotation ("under 100" Palestinians):
        // a claim's evidence never ends on the quotation mark.
        if let Some(Some((s, e))) = spans.first_mut() {
            while *e > *s && matches!(tokens.bytes[*e - 1], b'"' | b' ') {
                *e -= 1;
            }
        }
        out.push(RuleMatch(spans));
        // A figure rule's claim holds a figure token: none left, no
        // more claims, and no search to the end of the sentence.
        if figure_rule && !tokens.figure_from(end) {
            break;
        }
    }
    out
}

/// Compiles the patterns that `sentences` call on and that no earlier batch
/// compiled (see [`crate::rules::RulePattern`]), on every core at once,
/// before they are run one after the other.
pub(super) fn compile_called<'a, 'r: 'a>(
    sentences: impl Iterator<Item = &'a super::PreparedSentence<'r>>,
    rules: &RuleSet,
) {
    use rayon::prelude::*;
    let mut called: Vec<usize> = sentences
        .flat_map(|s| s.hits.iter().map(|&hit| s.lang.rules[hit]))
        .filter(|&r| !rules.rules[r].pattern.is_compiled())
        .collect();
    called.sort_unstable();
    called.dedup();
    called.par_iter().for_each(|&r| {
        rules.rules[r].pattern.regex();
    });
}
