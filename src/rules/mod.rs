//! Rule files: read the YAML (plain serde structs, unknown fields refused,
//! [`spec`]), then compile it (placeholders expanded, regexes built and
//! checked, [`compile`]) into a [`RuleSet`]; each language's rules are then
//! indexed by the sets that say which rules can match a sentence ([`set`]).
//! The defaults are embedded in the binary; `--rules DIR` adds a user's
//! folder ([`sources`]). Any error refuses the whole set: nothing is
//! half-loaded.
//!
//! Patterns match the folded text of a sentence (see [`crate::text::fold`]):
//! lowercase, no accents, `"` for every double quote, `'` for apostrophes.

mod checks;
mod compile;
mod frames;
pub mod gate;
mod placeholders;
mod set;
pub mod sources;
pub mod spec;

pub use checks::MAX_WINDOW_DAYS;
pub use placeholders::BUILTINS;
pub use sources::{DEFAULT_FILES, Source, default_sources, dir_sources, yaml_paths};
pub use spec::*;

use crate::actors::Gazetteer;
use crate::error::{Error, Result};
use crate::quantity::tokens::FigureScanner;
use regex::bytes::Regex;
use sources::read_yaml;
use std::collections::{BTreeMap, HashMap};

/// Longest pattern accepted, after placeholders are expanded.
pub const MAX_PATTERN_BYTES: usize = 64 << 10;

/// A compiled claim rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: String,
    pub lang: String,
    pub unit: String,
    pub description: String,
    pub file: String,
    /// The pattern with its captures: [`RulePattern::regex`].
    pub pattern: RulePattern,
    /// The pattern as the language's rule set runs it (`set::set_form`).
    pub set_source: String,
    pub scope: Option<String>,
    pub scope_map: BTreeMap<String, Option<String>>,
    pub accused: Option<Accused>,
    pub inherit: bool,
    pub requires_speaker: bool,
    /// A part of a total told before: with no speaker, the total's.
    pub part: bool,
    /// With no speech cue, the sentence's subject speaks.
    pub subject_speaks: bool,
    /// Refuses a match found in its clause (a negation).
    pub refuse: Option<Regex>,
    /// Refuses a match it finds right after it, in its clause (the figure
    /// has a predicate of its own).
    pub refuse_after: Option<Regex>,
    /// Only a match whose scope group took part yields a claim.
    pub needs_scope: bool,
}

/// A claim rule's pattern with its captures. A user's rule is compiled
/// when the rules load, so that an error refuses the set. The built-in
/// rules over the built-in actors are compiled when a sentence first asks
/// for one: the captures of most rules carry the world's names, and a run
/// over a few articles calls on a few rules; `tests::every_built_in_pattern_compiles`
/// compiles each of them.
#[derive(Debug, Clone)]
pub struct RulePattern {
    /// The source, when compiled on first use.
    deferred: Option<String>,
    regex: std::sync::OnceLock<Regex>,
    /// Its capture groups' names, in order.
    names: Vec<String>,
}

impl RulePattern {
    fn compiled(regex: Regex) -> RulePattern {
        RulePattern {
            deferred: None,
            names: regex.capture_names().flatten().map(String::from).collect(),
            regex: std::sync::OnceLock::from(regex),
        }
    }

    /// `source`, compiled on first use; `names`, its capture groups'.
    fn deferred(source: String, names: Vec<String>) -> RulePattern {
        RulePattern {
            deferred: Some(source),
            regex: std::sync::OnceLock::new(),
            names,
        }
    }

    /// The names of its capture groups, in order, without compiling it.
    pub fn capture_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }

    /// Whether it is compiled yet.
    pub fn is_compiled(&self) -> bool {
        self.regex.get().is_some()
    }

    /// The compiled pattern.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            let source = self.deferred.as_deref().unwrap_or_default();
            placeholders::compile_pattern(source)
                .expect("a built-in pattern compiles (tests::every_built_in_pattern_compiles)")
        })
    }
}

/// A compiled reported-speech cue.
#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub lang: String,
    pub regex: Regex,
    pub applies: Applies,
    /// See [`spec::CueSpec::names_actor`].
    pub names_actor: bool,
}

/// A compiled event marker.
#[derive(Debug, Clone)]
pub struct EventCue {
    pub id: String,
    pub lang: String,
    pub regex: Regex,
    pub event: Option<String>,
    pub kinds: Vec<String>,
    /// [`spec::EventSpec::recalled`].
    pub recalled: bool,
    /// Its pattern captures `(?P<name>...)`: it names events by their names.
    pub named: bool,
}

/// A rule file's examples, kept to run them.
#[derive(Debug, Clone)]
pub struct FileExamples {
    pub file: String,
    pub lang: String,
    pub kind: Option<String>,
    pub examples: Vec<Example>,
}

/// One example, with where it is written.
#[derive(Debug, Clone)]
pub struct Example {
    pub line: u64,
    pub text: String,
    pub date: Option<String>,
    pub claims: Vec<ExpectedClaim>,
}

/// The rules of one language, with the gates that say which rules match a sentence.
#[derive(Debug, Clone)]
pub struct LangRules {
    /// The language's rules: those with a figure first, then the others.
    pub rules: Vec<usize>,
    /// How many of `rules` need a figure.
    pub figure_rules: usize,
    /// Which rules can match a tokenized sentence (indices into `rules`;
    /// a sentence without a figure is asked those after `figure_rules`).
    pub gate: gate::Gate,
    /// Finds the figures that `{quantity}` and `{duration}` stand for.
    pub figures: FigureScanner,
    pub cues: Vec<usize>,
    pub events: Vec<usize>,
    /// Which cues and event markers can match a folded sentence, in one
    /// pass: indices into `cues`, then into `events` after `cues.len()`
    /// ([`LangRules::speech`]).
    pub speech_gate: gate::Gate,
}

/// The cues and event markers that can match a sentence
/// ([`LangRules::speech`]).
#[derive(Debug, Clone, Default)]
pub struct Speech {
    pub cues: Vec<usize>,
    pub events: Vec<usize>,
}

/// Every rule, cue, actor and setting, compiled and checked.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub cues: Vec<Cue>,
    pub events: Vec<EventCue>,
    pub gazetteer: Gazetteer,
    pub reconcile: ReconcileSpec,
    pub examples: Vec<FileExamples>,
    /// The language packs (`lang/<code>/`): the embedded ones, extended by users'.
    pub packs: crate::lang::Languages,
    /// Built-in (or earlier) rules a later file replaced, one note each.
    pub replaced: Vec<String>,
    by_lang: HashMap<String, LangRules>,
}

/// Which sources to load.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The built-in rule files (claims, speakers, events, reconcile settings
    /// and language packs).
    pub defaults: bool,
    /// The built-in actors files (`rules/actors.yaml`, `rules/actors/`).
    pub default_actors: bool,
    pub dirs: Vec<std::path::PathBuf>,
}

impl Selection {
    /// The built-in files this selection keeps.
    fn default_sources(&self) -> Vec<Source> {
        default_sources()
            .into_iter()
            .filter(|s| {
                if matches!(sources::file_role(&s.path), sources::Role::Actors) {
                    self.default_actors
                } else {
                    self.defaults
                }
            })
            .collect()
    }
}

impl RuleSet {
    /// Loads the embedded defaults and/or users' folders.
    pub fn load(selection: &Selection) -> Result<RuleSet> {
        let mut sources = selection.default_sources();
        for dir in &selection.dirs {
            sources.extend(dir_sources(dir)?);
        }
        RuleSet::from_sources(&sources)
    }

    /// Checks users' rule folders and reports every file that cannot be
    /// used. Empty means all is well. See [`RuleSet::check`].
    pub fn lint(selection: &Selection) -> Result<Vec<Error>> {
        Ok(RuleSet::check(selection)?.err().unwrap_or_default())
    }

    /// Compiles the selection once, the defaults with users' folders, and
    /// gives the rule set, or every error found: each file that cannot be
    /// read or parsed, each rule file with a rule that does not compile (its
    /// first error), else the first clash between files. Each pattern is
    /// compiled once, however many files the rules are spread over.
    pub fn check(selection: &Selection) -> Result<std::result::Result<RuleSet, Vec<Error>>> {
        let mut sources = selection.default_sources();
        let mut errors = Vec::new();
        for dir in &selection.dirs {
            for p in yaml_paths(dir)? {
                match read_yaml(&p) {
                    Ok(text) => sources.push(Source {
                        path: p.display().to_string(),
                        text,
                    }),
                    Err(e) => errors.push(e),
                }
            }
        }
        match RuleSet::build(&sources, true) {
            Ok(set) if errors.is_empty() => Ok(Ok(set)),
            Ok(_) => Ok(Err(errors)),
            Err(more) => {
                errors.extend(more);
                Ok(Err(errors))
            }
        }
    }

    /// Compiles every pattern not compiled yet, on every core: the rules'
    /// and their languages' gates.
    pub fn compile_patterns(&self) {
        use rayon::prelude::*;
        self.rules.par_iter().for_each(|r| {
            r.pattern.regex();
        });
        for l in self.by_lang.values() {
            for gate in [&l.gate, &l.speech_gate] {
                gate.compile_all().expect(
                    "a built-in set form compiles (tests::every_built_in_pattern_compiles)",
                );
            }
        }
    }

    /// The default rule set.
    pub fn defaults() -> Result<RuleSet> {
        RuleSet::from_sources(&default_sources())
    }

    /// The rules, cues and events of one language.
    pub fn lang(&self, lang: &str) -> Option<&LangRules> {
        self.by_lang.get(lang)
    }

    /// The languages that have rules.
    pub fn languages(&self) -> Vec<&str> {
        let mut l: Vec<&str> = self.by_lang.keys().map(String::as_str).collect();
        l.sort();
        l
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each built-in pattern, compiled only when first asked for, compiles
    /// as a user's is checked at load: no error, no match of the empty
    /// string, and the capture groups read at load without compiling it.
    #[test]
    fn every_built_in_pattern_compiles() {
        let set = RuleSet::defaults().unwrap();
        let mut deferred = 0;
        for rule in &set.rules {
            let Some(source) = rule.pattern.deferred.as_deref() else {
                continue;
            };
            deferred += 1;
            let regex = placeholders::compile_pattern(source)
                .unwrap_or_else(|e| panic!("{}: {e}", rule.id));
            assert!(!regex.is_match(b""), "{} matches the empty string", rule.id);
            let names: Vec<&str> = regex.capture_names().flatten().collect();
            let read: Vec<&str> = rule.pattern.capture_names().collect();
            assert_eq!(names, read, "{}", rule.id);
        }
        assert!(
            deferred * 10 >= set.rules.len() * 9,
            "{deferred} of {}",
            set.rules.len()
        );
        // And each language's gates, whose patterns are the rules' set forms
        // and the cues' and events'.
        for l in set.by_lang.values() {
            l.gate.compile_all().unwrap();
            l.speech_gate.compile_all().unwrap();
        }
    }

    /// With a user's file among the sources, every pattern is compiled at
    /// load, so that an error refuses the set before any text is read.
    #[test]
    fn a_users_file_has_every_pattern_compiled_at_load() {
        let mut sources = default_sources();
        sources.push(Source {
            path: "mine/fr/detained.yaml".into(),
            text: "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.noun\n    pattern: \"{quantity} detenus\"\n".into(),
        });
        let set = RuleSet::from_sources(&sources).unwrap();
        assert!(set.rules.iter().all(|r| r.pattern.deferred.is_none()));
        assert!(set.rules.iter().all(|r| r.pattern.regex.get().is_some()));
    }
}
