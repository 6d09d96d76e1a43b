//! The names of one language: folded name to actor, the `{actor}` and
//! `{side}` alternations, and the finder that reads them in a sentence.

use crate::error::{Error, Result};
use regex::bytes::Regex;
use std::collections::{HashMap, HashSet};

/// The names of one language, compiled.
#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    /// Folded name -> actor index ([`NOT_AN_ACTOR`] for a phrase that hides one).
    pub(super) aliases: HashMap<String, usize>,
    /// Folded name -> the spellings it must have in the original text.
    pub(super) exact: HashMap<String, Vec<String>>,
    /// Folded names, longest first: the `{actor}` placeholder alternation.
    pub(super) alternation: String,
    /// What `{actor}` matches: a name with its word boundaries, the names
    /// spelt with dots first with their last dot ("u.s." in "a U.S.
    /// airstrike", looked up as "u.s").
    pub(super) bounded: String,
    /// Folded adjectives ([`ActorSpec::adjectives`]).
    pub(super) adjectives: HashSet<String>,
    /// The adjectives, longest first: the `{side}` placeholder alternation.
    pub(super) side_alternation: String,
    /// The run of the bytes the names are spelt with (`[ '.a-z]+`), or the
    /// alternation itself when there is none: what a rule set's prefilter
    /// reads for `{actor}` (see `rules::set`), which every name matches.
    pub(super) run: String,
    /// The same for the adjectives (`{side}`).
    pub(super) side_run: String,
    pub(super) finder: Option<Regex>,
    /// Names of six letters or more, for fuzzy lookup: (name, actor, words), sorted.
    pub(super) long: Vec<(String, usize, usize)>,
}

/// The actor index of a `not_actors` phrase.
pub(super) const NOT_AN_ACTOR: usize = usize::MAX;

impl Names {
    /// Gives a folded name to an actor (a later file's word wins); `exact`
    /// is the spelling a case-sensitive name must have; `adjective` marks
    /// one of the `{side}` words.
    pub(super) fn add(&mut self, folded: &str, actor: usize, exact: Option<&str>, adjective: bool) {
        // "U.N." is found as "u.n": a name's last dot is no word boundary.
        let folded = folded.trim_end_matches('.');
        let exact = exact.map(|e| e.trim_end_matches('.'));
        if folded.is_empty() {
            return;
        }
        self.aliases.insert(folded.to_string(), actor);
        if adjective {
            self.adjectives.insert(folded.to_string());
        }
        match exact {
            Some(form) => {
                let forms = self.exact.entry(folded.to_string()).or_default();
                if !forms.iter().any(|f| f == form) {
                    forms.push(form.to_string());
                }
            }
            None => {
                self.exact.remove(folded);
            }
        }
    }

    /// Whether a case-sensitive name is spelt right in `original` (the
    /// original text of the phrase it was found in; `None`: not checked).
    pub(super) fn spelt_right(&self, name: &str, original: Option<&str>) -> bool {
        let (Some(forms), Some(original)) = (self.exact.get(name), original) else {
            return true;
        };
        crate::work::read(original.len());
        forms
            .iter()
            .any(|form| crate::text::has_whole_word(original, form))
    }

    pub(super) fn compile(&mut self) -> Result<()> {
        self.long = self
            .aliases
            .iter()
            .filter(|&(n, &i)| n.len() >= 6 && i != NOT_AN_ACTOR && !self.exact.contains_key(n))
            .map(|(n, &i)| (n.clone(), i, n.split(' ').count()))
            .collect();
        self.long.sort();
        let alternation = |names: Vec<&String>| {
            let mut names = names;
            names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            names
                .iter()
                .map(|n| regex::escape(n))
                .collect::<Vec<_>>()
                .join("|")
        };
        let sides: Vec<&String> = self
            .adjectives
            .iter()
            .filter(|n| self.aliases.get(*n).is_some_and(|&i| i != NOT_AN_ACTOR))
            .collect();
        self.alternation = alternation(self.aliases.keys().collect());
        let dotted = alternation(self.aliases.keys().filter(|n| n.contains('.')).collect());
        self.bounded = if dotted.is_empty() {
            format!(r"\b(?:{})\b", self.alternation)
        } else {
            format!(r"\b(?:{dotted})\.\B|\b(?:{})\b", self.alternation)
        };
        self.side_alternation = alternation(sides.clone());
        if self.side_alternation.is_empty() {
            // A group that never matches: `(?: {side})?` is skipped.
            self.side_alternation = r"\b\B".to_string();
        }
        let run = |names: &mut dyn Iterator<Item = &String>, alternation: &str| {
            let mut bytes = [false; 256];
            let mut any = false;
            for n in names {
                n.bytes().for_each(|b| bytes[usize::from(b)] = true);
                any = true;
            }
            if !any {
                return alternation.to_string();
            }
            let class: String = (0..=255u8)
                .filter(|&b| bytes[usize::from(b)])
                .map(|b| format!(r"\x{b:02x}"))
                .collect();
            format!("(?-u:[{class}])+")
        };
        self.run = run(&mut self.aliases.keys(), &self.alternation);
        self.side_run = run(&mut sides.into_iter(), &self.side_alternation);
        if !self.alternation.is_empty() {
            let re = format!(r"\b(?:{})\b", self.alternation);
            self.finder = Some(
                regex::bytes::RegexBuilder::new(&re)
                    .unicode(false)
                    .size_limit(64 << 20)
                    .dfa_size_limit(64 << 20)
                    .build()
                    .map_err(|e| {
                        Error::rules("actors", 1, 1, format!("names do not compile: {e}"))
                    })?,
            );
        }
        Ok(())
    }
}
