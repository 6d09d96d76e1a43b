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
    pub regex: Regex,
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
