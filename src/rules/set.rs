//! Each language's gates ([`super::gate`]), which say which of its rules,
//! cues and event markers match a sentence; only those run with captures.

use super::gate::Gate;
use super::*;
use rayon::prelude::*;

impl RuleSet {
    pub(super) fn index(&mut self, built_in: bool) -> Result<()> {
        let mut langs: Vec<String> = self.rules.iter().map(|r| r.lang.clone()).collect();
        langs.extend(self.cues.iter().map(|c| c.lang.clone()));
        langs.sort();
        langs.dedup();
        // Each language's sets build on their own core.
        let built: Vec<Result<(String, LangRules)>> = langs
            .into_par_iter()
            .map(|lang| {
                let rules = self.lang_rules(&lang, built_in)?;
                Ok((lang, rules))
            })
            .collect();
        for piece in built {
            let (lang, rules) = piece?;
            self.by_lang.insert(lang, rules);
        }
        Ok(())
    }

    /// The sets of one language.
    fn lang_rules(&self, lang: &str, built_in: bool) -> Result<LangRules> {
        // Rules that need a figure first: a sentence without one skips them.
        let (rules, plain): (Vec<usize>, Vec<usize>) = (0..self.rules.len())
            .filter(|&i| self.rules[i].lang == lang)
            .partition(|&i| {
                self.rules[i]
                    .pattern
                    .capture_names()
                    .any(|n| n == "quantity" || n == "duration")
            });
        let figure_rules = rules.len();
        let rules: Vec<usize> = rules.into_iter().chain(plain).collect();
        let cues: Vec<usize> = (0..self.cues.len())
            .filter(|&i| self.cues[i].lang == lang)
            .collect();
        let events: Vec<usize> = (0..self.events.len())
            .filter(|&i| self.events[i].lang == lang)
            .collect();
        let what = format!("rules for language {lang}");
        let sources: Vec<String> = rules
            .iter()
            .map(|&i| self.rules[i].set_source.clone())
            .collect();
        let speech: Vec<String> = cues
            .iter()
            .map(|&i| self.cues[i].regex.as_str())
            .chain(events.iter().map(|&i| self.events[i].regex.as_str()))
            .map(set_form)
            .collect();
        let too_large = |what: &str, e: regex::Error| {
            Error::rules(what, 0, 0, format!("patterns exceed the size limit: {e}"))
        };
        let (gate, speech_gate) = rayon::join(
            || Gate::new(&sources, built_in).map_err(|e| too_large(&what, e)),
            || {
                Gate::new(&speech, built_in).map_err(|e| {
                    too_large(
                        &format!("speaker cues and event markers for language {lang}"),
                        e,
                    )
                })
            },
        );
        let figures = FigureScanner::new(self.packs.get(lang)).map_err(|e| {
            Error::rules(
                &format!("figures for language {lang}"),
                0,
                0,
                format!("the figure patterns do not compile: {e}"),
            )
        })?;
        Ok(LangRules {
            rules,
            figure_rules,
            gate: gate?,
            figures,
            cues,
            speech_gate: speech_gate?,
            events,
        })
    }
}

/// A pattern as its set runs it. The set only says which patterns to run
/// with captures, and each pattern keeps its own form there, so the set's
/// form may accept more than the pattern; it must never accept less. It
/// drops what can only narrow a match somewhere in the text: the optional
/// pieces and look-arounds at either end (`(?:qualifier words)?` before a
/// figure token, `(?: in {actor})?` after a speaker verb, `\b`), captures,
/// and the upper bound of a repetition of more than one (`[^,.]{1,50}`
/// becomes `[^,.]+`). An optional piece at the start is active at every
/// offset of an unanchored search, so forty copies of the qualifier words
/// made every state of the set's lazy DFA forty times as costly to build,
/// and bounded gaps are counters the DFA tracks at every offset at once.
/// The pattern is kept as written when it does not parse (its rule reports
/// that).
pub(super) fn set_form(source: &str) -> String {
    use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};
    /// More literal bytes than this under an alternation of plain words,
    /// and it is a list of names.
    const LONG_LIST: usize = 2048;
    /// The bytes every branch is spelt with, when each is plain text (no
    /// branch empty, no repetition, no look-around) and they are many.
    fn spelt_with_all(branches: &[Hir]) -> Option<[bool; 256]> {
        fn walk(h: &Hir, bytes: &mut [bool; 256], size: &mut usize) -> bool {
            match h.kind() {
                HirKind::Literal(l) => {
                    l.0.iter().for_each(|&b| bytes[usize::from(b)] = true);
                    *size += l.0.len();
                    true
                }
                HirKind::Class(Class::Bytes(c)) => {
                    for r in c.iter() {
                        (r.start()..=r.end()).for_each(|b| bytes[usize::from(b)] = true);
                    }
                    true
                }
                HirKind::Capture(c) => walk(&c.sub, bytes, size),
                HirKind::Concat(v) | HirKind::Alternation(v) => {
                    v.iter().all(|h| walk(h, bytes, size))
                }
                _ => false,
            }
        }
        let (mut bytes, mut size) = ([false; 256], 0);
        let plain = branches.iter().all(|b| {
            b.properties().minimum_len().is_some_and(|n| n > 0) && walk(b, &mut bytes, &mut size)
        });
        (plain && size > LONG_LIST).then_some(bytes)
    }
    fn loosen(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Repetition(r) => {
                let sub = loosen(*r.sub);
                let (min, max) = match r.max {
                    Some(max) if max > 1 => (r.min.min(1), None),
                    max => (r.min, max),
                };
                // A repetition of a repetition (a capture taken out between
                // them: `(?P<list>(?:…)+)?`) would print as `(?:…)+?`, a
                // lazy `+` that asks for one: it becomes one repetition that
                // takes at least as much.
                if let HirKind::Repetition(inner) = sub.kind() {
                    return Hir::repetition(Repetition {
                        min: min.min(1) * inner.min.min(1),
                        max: None,
                        greedy: true,
                        sub: inner.sub.clone(),
                    });
                }
                let sub = Box::new(sub);
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy: true,
                    sub,
                })
            }
            HirKind::Capture(c) => loosen(*c.sub),
            HirKind::Concat(v) => Hir::concat(v.into_iter().map(loosen).collect()),
            // A long list of names (`{actor}`, `{side}`: every country of
            // the world) becomes the run of the bytes they are spelt with:
            // each rule checks the name itself, and a set of forty rules
            // no longer compiles forty copies of the world.
            HirKind::Alternation(v) => match spelt_with_all(&v) {
                Some(bytes) => {
                    let ranges = (0..=255u8)
                        .filter(|&b| bytes[usize::from(b)])
                        .map(|b| ClassBytesRange::new(b, b));
                    Hir::repetition(Repetition {
                        min: 1,
                        max: None,
                        greedy: true,
                        sub: Box::new(Hir::class(Class::Bytes(ClassBytes::new(ranges)))),
                    })
                }
                None => Hir::alternation(v.into_iter().map(loosen).collect()),
            },
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(l) => Hir::literal(l.0),
            HirKind::Class(c) => Hir::class(c),
            HirKind::Look(l) => Hir::look(l),
        }
    }
    /// Whether a piece can be dropped from either end of an unanchored pattern.
    fn narrows_only(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Look(_) | HirKind::Empty => true,
            HirKind::Repetition(r) => r.min == 0,
            _ => false,
        }
    }
    #[derive(Clone, Copy, PartialEq)]
    enum End {
        Start,
        Finish,
    }
    fn trim(h: Hir, end: End) -> Hir {
        match h.into_kind() {
            HirKind::Capture(c) => trim(*c.sub, end),
            HirKind::Alternation(v) => {
                Hir::alternation(v.into_iter().map(|b| trim(b, end)).collect())
            }
            HirKind::Concat(mut v) => {
                if end == End::Start {
                    v.reverse();
                }
                while v.last().is_some_and(narrows_only) {
                    v.pop();
                }
                if let Some(edge) = v.pop() {
                    v.push(trim(edge, end));
                }
                if end == End::Start {
                    v.reverse();
                }
                Hir::concat(v)
            }
            kind => {
                let h = match kind {
                    HirKind::Repetition(r) => Hir::repetition(r),
                    HirKind::Empty => Hir::empty(),
                    HirKind::Literal(l) => Hir::literal(l.0),
                    HirKind::Class(c) => Hir::class(c),
                    HirKind::Look(l) => Hir::look(l),
                    HirKind::Capture(_) | HirKind::Alternation(_) | HirKind::Concat(_) => {
                        unreachable!("handled above")
                    }
                };
                if narrows_only(&h) { Hir::empty() } else { h }
            }
        }
    }
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
        .map(|hir| loosen(trim(trim(hir, End::Start), End::Finish)).to_string())
        .unwrap_or_else(|_| source.to_string())
}

impl LangRules {
    /// The rules of a language that can match a tokenized sentence
    /// (indices into [`LangRules::rules`]).
    pub fn hits(&self, tokenized: &crate::quantity::tokens::Tokenized) -> Vec<usize> {
        crate::work::read(tokenized.bytes.len());
        // A sentence without a figure is asked only the rules without one.
        let first = if tokenized.figure_count() > 0 {
            0
        } else {
            self.figure_rules
        };
        self.gate.matches_from(&tokenized.bytes, first)
    }

    /// The cues and the event markers that can match a folded sentence
    /// (indices into [`LangRules::cues`] and [`LangRules::events`]).
    pub fn speech(&self, sentence: &str) -> Speech {
        crate::work::read(sentence.len());
        let mut out = Speech::default();
        for i in self.speech_gate.matches(sentence.as_bytes()) {
            match i.checked_sub(self.cues.len()) {
                None => out.cues.push(i),
                Some(e) => out.events.push(e),
            }
        }
        out
    }
}

/// The names of a pattern's capture groups, in order (none when it does
/// not parse: the pattern is then compiled, and refused, at load).
pub(super) fn capture_names(source: &str) -> Vec<String> {
    fn walk(h: &regex_syntax::hir::Hir, out: &mut Vec<(u32, String)>) {
        use regex_syntax::hir::HirKind;
        match h.kind() {
            HirKind::Capture(c) => {
                if let Some(name) = &c.name {
                    out.push((c.index, name.to_string()));
                }
                walk(&c.sub, out);
            }
            HirKind::Repetition(r) => walk(&r.sub, out),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|h| walk(h, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(hir) = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
    {
        walk(&hir, &mut out);
    }
    out.sort();
    out.into_iter().map(|(_, name)| name).collect()
}

#[cfg(test)]
mod tests {
    /// The set's form of a pattern matches wherever the pattern does: an
    /// optional group of a repetition stays optional once its capture is
    /// taken out ("242 dead: 209 soldiers" with no list before the figure).
    #[test]
    fn an_optional_list_stays_optional() {
        let hay = b"there were \x01 fatalities: \x01 soldiers.";
        for p in [
            r"(?-u): (?P<list>(?:\x01 [a-z]{1,40}?, )+)?(?P<quantity>\x01) (?P<scope>soldiers)\b",
            r"(?-u): (?P<list>(?:\x01 [a-z]{1,40}?, ){1,8})?(?P<quantity>\x01) soldiers",
            r"(?-u): (?P<a>(?P<b>\x01 ){2,3})*\x01 soldiers",
        ] {
            let full = regex::bytes::Regex::new(p).unwrap();
            let set = regex::bytes::Regex::new(&super::set_form(p)).unwrap();
            assert_eq!(full.is_match(hay), set.is_match(hay), "{p}");
            assert!(set.is_match(hay), "{p}");
        }
    }
}
