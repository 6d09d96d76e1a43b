//! The YAML lexicons in `rules/lexicon/{fr,en}.yaml`: qualifiers, vague
//! quantities and vague counts. Embedded at build time, parsed once.

use std::sync::LazyLock;

use serde::Deserialize;

use super::lex::{Kind, Lang, Tok, tokenize};
use crate::claim::Qualifier;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    qualifiers: Vec<QualifierEntry>,
    vague: Vec<VagueEntry>,
    counts: Vec<VagueEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierEntry {
    qualifier: Qualifier,
    before: Vec<String>,
    after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    phrases: Vec<String>,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    qualifier: Qualifier,
}

/// A phrase as the tokenizer sees it: words and punctuation, in order.
#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    pub text: String,
    /// (kind, text) of each token.
    pub toks: Vec<(Kind, String)>,
}

impl Phrase {
    fn new(text: &str, lang: Lang) -> Phrase {
        let toks = tokenize(text, lang)
            .iter()
            .map(|t: &Tok| (t.kind, text[t.start..t.end].to_string()))
            .collect();
        Phrase {
            text: text.to_string(),
            toks,
        }
    }
}

/// An interval a vague phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Interval {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
}

#[derive(Debug)]
pub(crate) struct Lexicon {
    /// (phrase, qualifier), longest phrase first.
    pub before: Vec<(Phrase, Qualifier)>,
    pub after: Vec<(Phrase, Qualifier)>,
    pub vague: Vec<(Phrase, Interval)>,
    pub counts: Vec<(Phrase, Interval)>,
}

/// Parses a lexicon file; the tests check the embedded ones.
#[cfg(test)]
pub(crate) fn check(src: &str) -> Result<(), String> {
    serde_saphyr::from_str::<File>(src)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn empty() -> Lexicon {
    Lexicon {
        before: Vec::new(),
        after: Vec::new(),
        vague: Vec::new(),
        counts: Vec::new(),
    }
}

fn load(src: &str, lang: Lang) -> Lexicon {
    // The files are embedded at build time and checked by the tests; should
    // one ever fail to parse, the recogniser still works, without lexicon.
    let Ok(file) = serde_saphyr::from_str::<File>(src) else {
        return empty();
    };
    let mut lex = empty();
    for q in &file.qualifiers {
        for p in &q.before {
            lex.before.push((Phrase::new(p, lang), q.qualifier));
        }
        for p in &q.after {
            lex.after.push((Phrase::new(p, lang), q.qualifier));
        }
    }
    let interval = |v: &VagueEntry| Interval {
        value: v.value,
        low: v.low,
        high: v.high,
        qualifier: v.qualifier,
    };
    for v in &file.vague {
        for p in &v.phrases {
            lex.vague.push((Phrase::new(p, lang), interval(v)));
        }
    }
    for v in &file.counts {
        for p in &v.phrases {
            lex.counts.push((Phrase::new(p, lang), interval(v)));
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

static FR: LazyLock<Lexicon> =
    LazyLock::new(|| load(include_str!("../../rules/lexicon/fr.yaml"), Lang::Fr));
static EN: LazyLock<Lexicon> =
    LazyLock::new(|| load(include_str!("../../rules/lexicon/en.yaml"), Lang::En));
static NONE: LazyLock<Lexicon> = LazyLock::new(empty);

pub(crate) fn lexicon(lang: Lang) -> &'static Lexicon {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
        Lang::Other => &NONE,
    }
}
