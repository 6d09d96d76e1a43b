//! Qualifiers, vague quantities and vague counts of a language, from its
//! pack (`rules/lang/<code>/lexicon.yaml`), and the phrases of the grammar:
//! each tokenized once, at load, the way the parser sees text.

use super::lex::{Kind, Seps, Tok, tokenize};
use super::num::TokenParser;
use crate::claim::Qualifier;
use crate::lang::spec::{QualifierEntry, VagueEntry};

/// A phrase as the tokenizer sees it: words and punctuation, in order.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub text: String,
    /// (kind, text) of each token.
    pub toks: Vec<(Kind, String)>,
}

impl Phrase {
    pub(crate) fn new(text: &str, seps: &Seps) -> Phrase {
        let toks = tokenize(text, seps)
            .iter()
            .map(|t: &Tok| (t.kind, text[t.start..t.end].to_string()))
            .collect();
        Phrase {
            text: text.to_string(),
            toks,
        }
    }

    /// Matches at token `i`; returns the index past it.
    pub(crate) fn at(&self, p: &TokenParser, i: usize) -> Option<usize> {
        let mut k = i;
        for (n, (kind, text)) in self.toks.iter().enumerate() {
            let t = p.tok(k)?;
            if t.kind != *kind || p.text.get(t.start..t.end)? != text.as_str() || (n > 0 && t.brk) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }
}

/// Phrases of one role, longest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases(Vec<Phrase>);

impl Phrases {
    pub(crate) fn new(mut v: Vec<Phrase>) -> Phrases {
        v.sort_by_key(|p| std::cmp::Reverse(p.toks.len()));
        Phrases(v)
    }

    /// The first (longest) phrase that matches at token `i`: the index past it.
    pub(crate) fn at(&self, p: &TokenParser, i: usize) -> Option<usize> {
        self.0.iter().find_map(|ph| ph.at(p, i))
    }

    /// Whether a one-word phrase is `w`.
    pub(crate) fn has_word(&self, w: &str) -> bool {
        self.0
            .iter()
            .any(|ph| ph.toks.len() == 1 && ph.toks[0].1 == w)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An interval a vague phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// A plural with no count ("thousands"): see [`VagueEntry::indefinite`].
    pub indefinite: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    /// (phrase, qualifier), longest phrase first.
    pub before: Vec<(Phrase, Qualifier)>,
    pub after: Vec<(Phrase, Qualifier)>,
    pub vague: Vec<(Phrase, Interval)>,
    pub counts: Vec<(Phrase, Interval)>,
}

impl Lexicon {
    pub(crate) fn build(
        qualifiers: &[QualifierEntry],
        vague: &[VagueEntry],
        counts: &[VagueEntry],
        seps: &Seps,
    ) -> Lexicon {
        let mut lex = Lexicon::default();
        for q in qualifiers {
            for p in &q.before {
                lex.before.push((Phrase::new(p, seps), q.qualifier));
            }
            for p in &q.after {
                lex.after.push((Phrase::new(p, seps), q.qualifier));
            }
        }
        let interval = |v: &VagueEntry| Interval {
            value: v.value,
            low: v.low,
            high: v.high,
            qualifier: v.qualifier,
            indefinite: v.indefinite,
        };
        for v in vague {
            for p in &v.phrases {
                lex.vague.push((Phrase::new(p, seps), interval(v)));
            }
        }
        for v in counts {
            for p in &v.phrases {
                lex.counts.push((Phrase::new(p, seps), interval(v)));
            }
        }
        // Longest phrase first, so "au moins ou egal a" wins over "au moins".
        lex.before
            .sort_by_key(|p| std::cmp::Reverse(p.0.toks.len()));
        lex.after.sort_by_key(|p| std::cmp::Reverse(p.0.toks.len()));
        lex.vague.sort_by_key(|p| std::cmp::Reverse(p.0.toks.len()));
        lex.counts
            .sort_by_key(|p| std::cmp::Reverse(p.0.toks.len()));
        lex
    }
}
