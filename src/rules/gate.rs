//! The gate before the rules: each rule's *required literals* (a set of
//! byte strings one of which every match of its set form holds), found in
//! one Aho-Corasick pass over a sentence, say which rules can match it; only
//! those are asked, each with its own small automaton. A sentence that holds
//! none of a language's literals costs that one pass. A rule with no useful
//! literal (all its words optional, or a run of name bytes) is always asked.
//!
//! The literals are read off the pattern as compiled, so a user's rule is
//! gated by its own words; they are a necessary condition, never a guess
//! (see `required`), and `tests::gate_agrees_with_every_rule` checks the
//! gate against every rule run alone.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;
use regex::bytes::Regex;
use regex_syntax::hir::{Class, Hir, HirKind};
use std::sync::OnceLock;

/// At most this many strings in one literal set: beyond, a piece is no
/// longer worth spelling out.
const MAX_SET: usize = 64;
/// Literals shorter than this are too common to gate on (" ", "a").
const MIN_LEN: usize = 3;

/// Which of a list of patterns can match a text, and which do.
#[derive(Debug, Clone)]
pub struct Gate {
    /// Every pattern's literals, in one automaton.
    finder: Option<AhoCorasick>,
    /// Literal index -> the patterns it admits.
    admits: Vec<Vec<usize>>,
    /// Patterns with no required literal: always asked.
    always: Vec<usize>,
    /// Each pattern alone (its set form), asked when admitted: compiled
    /// at once, or on first use for the built-in rules (see
    /// [`super::RulePattern`]).
    patterns: Vec<OnceLock<Regex>>,
    /// The sources of the patterns compiled on first use.
    deferred: Vec<String>,
}

/// The byte strings one of which every match of a pattern holds.
type Literals = Vec<Vec<u8>>;

/// A set form compiled as the gate asks it.
fn compile(source: &str) -> Result<Regex, regex::Error> {
    regex::bytes::RegexBuilder::new(source)
        .unicode(false)
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
}

impl Gate {
    /// The gate over `sources` (set forms, in the order hits are numbered);
    /// `deferred`: each pattern is compiled when first asked (the built-in
    /// rules, which `tests::every_built_in_pattern_compiles` compiles).
    pub fn new(sources: &[String], deferred: bool) -> Result<Gate, regex::Error> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut admits: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut always = Vec::new();
        // Each pattern and its literals on every core; joined in order.
        let built: Vec<(OnceLock<Regex>, Option<Literals>)> = sources
            .par_iter()
            .map(|source| {
                let regex = match deferred {
                    true => OnceLock::new(),
                    false => {
                        crate::work::pattern_compiled();
                        OnceLock::from(compile(source)?)
                    }
                };
                let parsed = regex_syntax::ParserBuilder::new()
                    .unicode(false)
                    .utf8(false)
                    .build()
                    .parse(source)
                    .ok();
                Ok((regex, parsed.as_ref().and_then(required)))
            })
            .collect::<Result<_, regex::Error>>()?;
        let mut patterns = Vec::with_capacity(sources.len());
        for (k, (regex, set)) in built.into_iter().enumerate() {
            patterns.push(regex);
            match set {
                Some(set) => {
                    for lit in set {
                        let i = *index.entry(lit.clone()).or_insert_with(|| {
                            literals.push(lit);
                            admits.push(Vec::new());
                            literals.len() - 1
                        });
                        if admits[i].last() != Some(&k) {
                            admits[i].push(k);
                        }
                    }
                }
                None => always.push(k),
            }
        }
        let finder = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&literals)
                    .map_err(|e| regex::Error::Syntax(e.to_string()))?,
            )
        };
        Ok(Gate {
            finder,
            admits,
            always,
            patterns,
            deferred: if deferred {
                sources.to_vec()
            } else {
                Vec::new()
            },
        })
    }

    /// Pattern `k`, compiled.
    fn pattern(&self, k: usize) -> &Regex {
        self.patterns[k].get_or_init(|| {
            compile(&self.deferred[k])
                .expect("a built-in set form compiles (tests::every_built_in_pattern_compiles)")
        })
    }

    /// Compiles every pattern not compiled yet; the first error.
    pub fn compile_all(&self) -> Result<(), regex::Error> {
        (0..self.patterns.len())
            .into_par_iter()
            .filter(|&k| self.patterns[k].get().is_none())
            .try_for_each(|k| {
                let regex = compile(&self.deferred[k])?;
                let _ = self.patterns[k].set(regex);
                Ok(())
            })
    }

    /// How many patterns the gate holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The patterns the literals of `text` admit (sorted; a superset of
    /// those that match).
    pub fn admitted(&self, text: &[u8]) -> Vec<usize> {
        let mut out = self.always.clone();
        if let Some(finder) = &self.finder {
            for m in finder.find_overlapping_iter(text) {
                out.extend_from_slice(&self.admits[m.pattern().as_usize()]);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The patterns that match `text`, in ascending order (as a `RegexSet`
    /// would say).
    pub fn matches(&self, text: &[u8]) -> Vec<usize> {
        self.matches_from(text, 0)
    }

    /// The patterns from the `first` on that match `text`, in ascending order.
    pub fn matches_from(&self, text: &[u8], first: usize) -> Vec<usize> {
        let mut out = self.admitted(text);
        out.retain(|&k| k >= first && self.pattern(k).is_match(text));
        out
    }

    /// Whether pattern `k` alone matches `text` (no gate).
    pub fn is_match(&self, k: usize, text: &[u8]) -> bool {
        self.pattern(k).is_match(text)
    }
}

/// The shortest string of a set (its quality as a gate: longer is rarer).
fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// The strings `h` matches (or a few more: a look-around is read as the
/// empty string), when they are few (at most [`MAX_SET`]): a literal, a
/// small class, an alternation or concatenation of those, an optional one.
/// `None` when the language is infinite or too large.
fn exact(h: &Hir) -> Option<Vec<Vec<u8>>> {
    match h.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_vec()]),
        HirKind::Class(Class::Bytes(c)) => {
            let n: usize = c.iter().map(|r| usize::from(r.end() - r.start()) + 1).sum();
            (n <= MAX_SET).then(|| {
                c.iter()
                    .flat_map(|r| (r.start()..=r.end()).map(|b| vec![b]))
                    .collect()
            })
        }
        // A look-around matches the empty string where it holds: a
        // superset of what it matches is all a requirement needs.
        HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Class(Class::Unicode(_)) => None,
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Repetition(r) => match (r.min, r.max) {
            (0, Some(1)) => {
                let mut set = exact(&r.sub)?;
                set.push(Vec::new());
                dedup(set)
            }
            (1, Some(1)) => exact(&r.sub),
            _ => None,
        },
        HirKind::Alternation(v) => {
            let mut set = Vec::new();
            for b in v {
                set.extend(exact(b)?);
                if set.len() > MAX_SET {
                    return None;
                }
            }
            dedup(set)
        }
        HirKind::Concat(v) => {
            let mut set = vec![Vec::new()];
            for piece in v {
                set = product(&set, &exact(piece)?)?;
            }
            Some(set)
        }
    }
}

fn dedup(mut set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    set.sort();
    set.dedup();
    (set.len() <= MAX_SET).then_some(set)
}

/// Every `a` followed by every `b`, when at most [`MAX_SET`].
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let set = a
        .iter()
        .flat_map(|x| {
            b.iter().map(move |y| {
                let mut s = x.clone();
                s.extend_from_slice(y);
                s
            })
        })
        .collect();
    dedup(set)
}

/// A set of strings one of which every match of `h` holds, each at least
/// [`MIN_LEN`] long; `None` when there is no such set worth a gate.
///
/// Why it is necessary: a match of a concatenation holds a match of each
/// piece, so any piece's set will do (the best is kept, and runs of pieces
/// whose strings are few are joined first: "were " and "killed" make "were
/// killed"); a match of an alternation holds a match of one branch, so the
/// union of every branch's set (none if one branch has none); a repetition
/// taken at least once holds its piece; a capture is its piece.
pub(super) fn required(h: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = exact(h) {
        return (shortest(&set) >= MIN_LEN).then_some(set);
    }
    match h.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Alternation(v) => {
            let mut set = Vec::new();
            for b in v {
                set.extend(required(b)?);
            }
            set.sort();
            set.dedup();
            Some(set)
        }
        HirKind::Concat(v) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut keep = |set: Vec<Vec<u8>>| {
                let better = match &best {
                    None => true,
                    Some(b) => {
                        (shortest(&set), std::cmp::Reverse(set.len()))
                            > (shortest(b), std::cmp::Reverse(b.len()))
                    }
                };
                if shortest(&set) >= MIN_LEN && better {
                    best = Some(set);
                }
            };
            // Runs of pieces with few strings, joined.
            let mut run: Option<Vec<Vec<u8>>> = None;
            for piece in v {
                match exact(piece) {
                    Some(set) => {
                        let joined = run.as_ref().and_then(|r| product(r, &set));
                        match joined {
                            Some(j) => run = Some(j),
                            None => {
                                if let Some(r) = run.take() {
                                    keep(r);
                                }
                                run = Some(set);
                            }
                        }
                    }
                    None => {
                        if let Some(r) = run.take() {
                            keep(r);
                        }
                        if let Some(set) = required(piece) {
                            keep(set);
                        }
                    }
                }
            }
            if let Some(r) = run.take() {
                keep(r);
            }
            best
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(p: &str) -> Option<Vec<String>> {
        let h = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(p)
            .unwrap();
        required(&h).map(|s| {
            s.into_iter()
                .map(|l| String::from_utf8_lossy(&l).into_owned())
                .collect()
        })
    }

    #[test]
    fn literals_are_read_off_the_pattern() {
        assert_eq!(
            req(r"\b(?:were|have been) killed\b"),
            Some(vec![
                "have been killed".to_string(),
                "were killed".to_string()
            ])
        );
        assert_eq!(
            req(r"\x01 (?:[a-z]+ ){0,3}killed"),
            Some(vec!["killed".to_string()])
        );
        assert_eq!(
            req(r"(?:wounding|injuring) \x01"),
            Some(vec!["injuring \x01".into(), "wounding \x01".into()])
        );
        // An optional word is no requirement; a run of name bytes is none.
        assert_eq!(req(r"(?:at least )?[a-z]+"), None);
        // A branch without a literal leaves the alternation without one.
        assert_eq!(
            req(r"(?:killed|[a-z]+ died)"),
            Some(vec![" died".into(), "killed".into()])
        );
        assert_eq!(req(r"(?:killed|[a-z]+)"), None);
    }

    #[test]
    fn the_gate_admits_what_matches() {
        let sources: Vec<String> = [
            r"\x01 (?:people )?killed",
            r"(?:at least )?[a-z]+ \x01",
            r"fled",
        ]
        .iter()
        .map(|s| format!("(?-u){s}"))
        .collect();
        let gate = Gate::new(&sources, false).unwrap();
        assert_eq!(
            gate.matches(b"\x01 people killed and others fled"),
            vec![0, 2]
        );
        assert_eq!(gate.matches(b"only \x01 fled"), vec![1, 2]);
        assert_eq!(gate.matches(b"nothing here"), Vec::<usize>::new());
        // The rule with no literal is always asked.
        assert_eq!(gate.admitted(b"nothing here"), vec![1]);
    }
}
