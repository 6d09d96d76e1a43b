//! Rule files: read the YAML (plain serde structs, unknown fields refused),
//! then compile it (placeholders expanded, regexes built and checked) into a
//! [`RuleSet`]. The defaults are embedded in the binary; `--rules DIR` adds a
//! user's folder. Any error refuses the whole set: nothing is half-loaded.
//!
//! Patterns match the folded text of a sentence (see [`crate::text::fold`]):
//! lowercase, no accents, `"` for every double quote, `'` for apostrophes.

use crate::actors::{ActorsFile, Gazetteer};
use crate::claim::Qualifier;
use crate::error::{Error, Result};
use crate::quantity;
use crate::quantity::tokens::{self, FigureScanner};
use crate::text::fold::fold_pattern;
use regex::bytes::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../", $path)))),*]
    };
}

/// The default rule files, embedded so the binary runs from any folder.
/// `tests/rules.rs` checks that every file under `rules/` is listed here.
pub const DEFAULT_FILES: &[(&str, &str)] = embed![
    "rules/actors.yaml",
    "rules/reconcile.yaml",
    "rules/en/aggressor.yaml",
    "rules/en/attribution.yaml",
    "rules/en/blockade_duration.yaml",
    "rules/en/death_toll.yaml",
    "rules/en/evacuees.yaml",
    "rules/en/events.yaml",
    "rules/en/parts.yaml",
    "rules/en/population.yaml",
    "rules/en/refugees.yaml",
    "rules/en/wounded.yaml",
    "rules/fr/aggressor.yaml",
    "rules/fr/attribution.yaml",
    "rules/fr/blockade_duration.yaml",
    "rules/fr/death_toll.yaml",
    "rules/fr/evacuees.yaml",
    "rules/fr/events.yaml",
    "rules/fr/parts.yaml",
    "rules/fr/population.yaml",
    "rules/fr/refugees.yaml",
    "rules/fr/wounded.yaml",
    "rules/lang/en/lexicon.yaml",
    "rules/lang/en/numbers.yaml",
    "rules/lang/en/words.yaml",
    "rules/lang/fr/lexicon.yaml",
    "rules/lang/fr/numbers.yaml",
    "rules/lang/fr/words.yaml",
];

/// Which file a JSON Schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaFor {
    Rules,
    Actors,
    Reconcile,
}

/// The JSON Schema of a kind of rule file, derived from the structs that read it.
pub fn schema(which: SchemaFor) -> serde_json::Value {
    let schema = match which {
        SchemaFor::Rules => schemars::schema_for!(RuleFileSpec),
        SchemaFor::Actors => schemars::schema_for!(ActorsFile),
        SchemaFor::Reconcile => schemars::schema_for!(ReconcileSpec),
    };
    schema.to_value()
}

/// Longest pattern accepted, after placeholders are expanded.
pub const MAX_PATTERN_BYTES: usize = 64 << 10;

/// A rule file as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFileSpec {
    /// Language code of the text the patterns read (`fr`, `en`).
    #[schemars(with = "String")]
    pub lang: Spanned<String>,
    /// The kind of claim the rules produce; required when `rules` is not empty.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub kind: Option<Spanned<String>>,
    /// The unit of the kind's figures (`persons`, `months`, `actor`).
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Reusable pattern pieces, used as `{name}` in this file's patterns. A
    /// file with only `lang` and `macros` shares them with every file of its language.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub macros: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Reported-speech cues: who says what follows or precedes them.
    #[serde(default)]
    pub speakers: Vec<CueSpec>,
    /// Phrases that tie a claim to a dated event ("la guerre de 2020").
    #[serde(default)]
    pub events: Vec<EventSpec>,
    /// Texts and the claims they must (or must not) yield.
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

/// One claim rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
    /// The scope every claim of this rule has (`soldiers`, `civilians`).
    #[serde(default)]
    pub scope: Option<String>,
    /// Maps the text captured by `(?P<scope>...)` to a scope; `~` (null) for
    /// words that do not say who is counted ("personnes").
    #[serde(default)]
    pub scope_map: BTreeMap<String, Option<String>>,
    /// For actor-valued kinds: who is accused.
    #[serde(default)]
    pub accused: Option<Accused>,
    /// The claim takes its kind and unit from the figure claim just before it
    /// (the same sentence, else the previous one): "dont sept civils",
    /// "including 1,049 children", "et à 80 militaires". Dropped when there is none.
    #[serde(default)]
    pub inherit: bool,
    /// Yield a claim only when a speaker is named (narration is not a claim).
    #[serde(default)]
    pub requires_speaker: bool,
}

/// Who an actor-valued claim accuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Accused {
    /// The actor captured by `{actor}`.
    Actor,
    /// The speaker's opponent ("réprimer les provocations" in Baku's mouth).
    SpeakerOpponent,
    /// The captured actor when there is one, else the speaker's opponent.
    ActorOrSpeakerOpponent,
}

/// Where a reported-speech cue's speaker applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Applies {
    /// To claims after the cue ("selon X, ...", "X a déclaré que ...").
    After,
    /// To claims before the cue ("« ... », a déclaré X").
    Before,
    /// To the whole sentence.
    Sentence,
}

/// A reported-speech cue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CueSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Must capture the speaker with `{speaker}`.
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
    pub applies: Applies,
}

/// An event marker.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Captures `(?P<year>...)` unless `event` is given. `event: previous`
    /// carries the previous sentence's event ("Ces combats avaient…", "at the time").
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub event: Option<String>,
    /// The kinds it applies to (default: every kind). An incident ("the fuel
    /// depot explosion") dates tolls, not accusations of who started the war.
    #[serde(default)]
    pub kinds: Vec<String>,
}

/// An example: a text and what it must yield.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    /// Publication date the text is read with (default 2023-09-20).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub claims: Vec<ExpectedClaim>,
}

/// An expected claim; only the fields given are compared.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectedClaim {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub value: Option<ExpectedValue>,
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub side: Option<String>,
    #[serde(default)]
    pub event: Option<String>,
    /// An actor id, or `outlet` for a claim with no named speaker.
    #[serde(default)]
    pub attributed_to: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
}

/// An expected value: a figure or an actor id.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ExpectedValue {
    Number(f64),
    Text(String),
}

/// Per-kind reconciliation settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindSettings {
    /// Relative tolerance: figures within it agree.
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    /// A figure that accumulates over time (a toll): a later, higher figure is an update.
    #[serde(default)]
    pub cumulative: bool,
    /// A duration compared through its start date (article date minus the
    /// duration): "8 mois" on 17 August and "9 mois" on 20 September agree.
    #[serde(default)]
    pub anchored: bool,
}

fn default_tolerance() -> f64 {
    0.1
}

impl Default for KindSettings {
    fn default() -> Self {
        KindSettings {
            tolerance: default_tolerance(),
            cumulative: false,
            anchored: false,
        }
    }
}

/// The reconcile file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReconcileSpec {
    /// Articles further apart than this many days are about different events.
    #[serde(default = "default_window")]
    pub window_days: i64,
    #[serde(default)]
    pub default: KindSettings,
    #[serde(default)]
    pub kinds: BTreeMap<String, KindSettings>,
}

fn default_window() -> i64 {
    21
}

impl Default for ReconcileSpec {
    fn default() -> Self {
        ReconcileSpec {
            window_days: default_window(),
            default: KindSettings::default(),
            kinds: BTreeMap::new(),
        }
    }
}

impl ReconcileSpec {
    /// The settings of a kind.
    pub fn kind(&self, kind: &str) -> &KindSettings {
        self.kinds.get(kind).unwrap_or(&self.default)
    }
}

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
    pub scope: Option<String>,
    pub scope_map: BTreeMap<String, Option<String>>,
    pub accused: Option<Accused>,
    pub inherit: bool,
    pub requires_speaker: bool,
}

/// A compiled reported-speech cue.
#[derive(Debug, Clone)]
pub struct Cue {
    pub id: String,
    pub lang: String,
    pub regex: Regex,
    pub applies: Applies,
}

/// A compiled event marker.
#[derive(Debug, Clone)]
pub struct EventCue {
    pub id: String,
    pub lang: String,
    pub regex: Regex,
    pub event: Option<String>,
    pub kinds: Vec<String>,
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

/// The rules of one language, with a set that says which rules can match a sentence.
#[derive(Debug, Clone)]
pub struct LangRules {
    /// The language's rules: those with a figure first, then the others.
    pub rules: Vec<usize>,
    /// How many of `rules` need a figure.
    pub figure_rules: usize,
    /// Which rules can match a sentence with a figure, run over its
    /// tokenized text (indices into `rules`).
    pub set: RegexSet,
    /// Which rules without a figure (actor rules) can match a sentence
    /// without one; indices after `figure_rules`.
    pub plain_set: RegexSet,
    /// Finds the figures that `{quantity}` and `{duration}` stand for.
    pub figures: FigureScanner,
    pub cues: Vec<usize>,
    pub events: Vec<usize>,
    /// Which cues and event markers can match a folded sentence, in one
    /// pass: indices into `cues`, then into `events` after `cues.len()`
    /// ([`LangRules::speech`]).
    pub speech_set: RegexSet,
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
    by_lang: HashMap<String, LangRules>,
}

/// A YAML file to load: its path as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: String,
    pub text: String,
}

/// Which sources to load.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub defaults: bool,
    pub dirs: Vec<std::path::PathBuf>,
}

impl RuleSet {
    /// Loads the embedded defaults and/or users' folders.
    pub fn load(selection: &Selection) -> Result<RuleSet> {
        let mut sources = Vec::new();
        if selection.defaults {
            sources.extend(default_sources());
        }
        for dir in &selection.dirs {
            sources.extend(dir_sources(dir)?);
        }
        RuleSet::from_sources(&sources)
    }

    /// Checks users' rule folders and reports every file that cannot be
    /// used (each file is compiled with the defaults, then all together for
    /// clashes such as duplicate ids across files). Empty means all is well.
    pub fn lint(selection: &Selection) -> Result<Vec<Error>> {
        let base = if selection.defaults {
            default_sources()
        } else {
            Vec::new()
        };
        let mut users = Vec::new();
        let mut errors = Vec::new();
        for dir in &selection.dirs {
            for p in yaml_paths(dir)? {
                match read_yaml(&p) {
                    Ok(text) => users.push(Source {
                        path: p.display().to_string(),
                        text,
                    }),
                    Err(e) => errors.push(e),
                }
            }
        }
        for src in &users {
            let mut one = base.clone();
            one.push(src.clone());
            if let Err(e) = RuleSet::from_sources(&one) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            let mut all = base;
            all.extend(users);
            if let Err(e) = RuleSet::from_sources(&all) {
                errors.push(e);
            }
        }
        Ok(errors)
    }

    /// The default rule set.
    pub fn defaults() -> Result<RuleSet> {
        RuleSet::from_sources(&default_sources())
    }

    /// Compiles rule, actors and reconcile files. A later reconcile file
    /// overrides the settings of the kinds it names.
    pub fn from_sources(sources: &[Source]) -> Result<RuleSet> {
        let mut actor_files = Vec::new();
        let mut reconcile = ReconcileSpec::default();
        let mut rule_files = Vec::new();
        // The embedded packs always load; users' pack files extend them.
        let mut pack_files: Vec<(&str, &str)> = DEFAULT_FILES
            .iter()
            .filter(|(p, _)| crate::lang::pack_code(p).is_some())
            .copied()
            .collect();
        for src in sources {
            match file_role(&src.path) {
                Role::Lang => {
                    if !pack_files.iter().any(|(p, _)| *p == src.path) {
                        pack_files.push((&src.path, &src.text));
                    }
                }
                Role::Actors => {
                    let f: ActorsFile = crate::yaml::parse(&src.path, &src.text)?;
                    actor_files.push((src.path.clone(), f));
                }
                Role::Reconcile => {
                    let r: ReconcileSpec = crate::yaml::parse(&src.path, &src.text)?;
                    reconcile.window_days = r.window_days;
                    reconcile.default = r.default;
                    reconcile.kinds.extend(r.kinds);
                }
                Role::Rules => {
                    let f: RuleFileSpec = crate::yaml::parse(&src.path, &src.text)?;
                    rule_files.push((src.path.clone(), f));
                }
            }
        }
        let gazetteer = Gazetteer::build(&actor_files)?;
        let packs = crate::lang::Languages::load(&pack_files)?;
        let mut set = RuleSet {
            rules: Vec::new(),
            cues: Vec::new(),
            events: Vec::new(),
            gazetteer,
            reconcile,
            examples: Vec::new(),
            packs,
            by_lang: HashMap::new(),
        };
        let macros = collect_macros(&rule_files)?;
        let mut ids: HashMap<String, String> = HashMap::new();
        for (path, file) in &rule_files {
            set.compile_file(path, file, &macros, &mut ids)?;
        }
        set.index()?;
        Ok(set)
    }

    fn compile_file(
        &mut self,
        path: &str,
        file: &RuleFileSpec,
        macros: &HashMap<String, HashMap<String, String>>,
        ids: &mut HashMap<String, String>,
    ) -> Result<()> {
        let lang = file.lang.value.trim().to_ascii_lowercase();
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Err(at(
                path,
                &file.lang,
                format!(
                    "lang {:?} is not a language code such as fr or en",
                    file.lang.value
                ),
            ));
        }
        // Shared macros (from macro-only files) of the language, then the file's own.
        let mut lang_macros = macros.get(&lang).cloned().unwrap_or_default();
        for (name, value) in &file.macros {
            lang_macros.insert(name.clone(), value.value.clone());
        }
        let expander = Expander {
            pack: self.packs.get(&lang),
            macros: &lang_macros,
            actors: self.gazetteer.alternation(&lang),
            figure_tokens: true,
        };
        let text_expander = Expander {
            figure_tokens: false,
            ..expander
        };
        let mut check_id = |id: &Spanned<String>| -> Result<()> {
            if let Some(other) = ids.get(&id.value) {
                return Err(at(
                    path,
                    id,
                    format!(
                        "rule id '{}' is already used in {other}; ids must be unique",
                        id.value
                    ),
                ));
            }
            ids.insert(id.value.clone(), path.to_string());
            Ok(())
        };
        if !file.rules.is_empty() && (file.kind.is_none() || file.unit.is_none()) {
            return Err(Error::rules(
                path,
                1,
                1,
                "a file with rules needs `kind:` and `unit:` (for example kind: death_toll, unit: persons)",
            ));
        }
        for spec in &file.rules {
            check_id(&spec.id)?;
            let kind = file
                .kind
                .as_ref()
                .map(|k| k.value.clone())
                .unwrap_or_default();
            let rule_ctx = format!("rule '{}'", spec.id.value);
            let source = expander.expand(path, &spec.pattern, &rule_ctx)?;
            // The widened form only adds token bytes to classes that take
            // digits; when it does not compile, the pattern as written is
            // compiled for the error, which then names what the author wrote.
            let widened = tokens::digits_match_figures(&source)
                .and_then(|w| compile(path, &spec.pattern, &rule_ctx, &w).ok());
            let regex = match widened {
                Some(regex) => regex,
                None => compile(path, &spec.pattern, &rule_ctx, &source)?,
            };
            let names: Vec<&str> = regex.capture_names().flatten().collect();
            let unit = file.unit.clone().unwrap_or_default();
            if unit == "actor" {
                if spec.accused.is_none() && !names.contains(&"actor") {
                    return Err(at(
                        path,
                        &spec.pattern,
                        format!(
                            "{rule_ctx}: an actor-valued rule needs {{actor}} in its pattern or `accused: speaker_opponent`"
                        ),
                    ));
                }
            } else if !names.contains(&"quantity") && !names.contains(&"duration") {
                return Err(at(
                    path,
                    &spec.pattern,
                    format!(
                        "{rule_ctx}: a figure rule needs {{quantity}} or {{duration}} in its pattern"
                    ),
                ));
            }
            self.rules.push(Rule {
                id: spec.id.value.clone(),
                kind,
                lang: lang.clone(),
                unit,
                description: spec
                    .description
                    .clone()
                    .or_else(|| file.description.clone())
                    .unwrap_or_default(),
                file: path.to_string(),
                regex,
                scope: spec.scope.clone(),
                scope_map: spec
                    .scope_map
                    .iter()
                    .map(|(k, v)| (crate::text::fold::fold_str(k), v.clone()))
                    .collect(),
                accused: spec.accused,
                inherit: spec.inherit,
                requires_speaker: spec.requires_speaker,
            });
        }
        for cue in &file.speakers {
            check_id(&cue.id)?;
            let ctx = format!("speaker cue '{}'", cue.id.value);
            let source = text_expander.expand(path, &cue.pattern, &ctx)?;
            let regex = compile(path, &cue.pattern, &ctx, &source)?;
            if !regex.capture_names().flatten().any(|n| n == "speaker") {
                return Err(at(
                    path,
                    &cue.pattern,
                    format!("{ctx}: a speaker cue needs {{speaker}} in its pattern"),
                ));
            }
            self.cues.push(Cue {
                id: cue.id.value.clone(),
                lang: lang.clone(),
                regex,
                applies: cue.applies,
            });
        }
        for ev in &file.events {
            check_id(&ev.id)?;
            let ctx = format!("event '{}'", ev.id.value);
            let source = text_expander.expand(path, &ev.pattern, &ctx)?;
            let regex = compile(path, &ev.pattern, &ctx, &source)?;
            if ev.event.is_none() && !regex.capture_names().flatten().any(|n| n == "year") {
                return Err(at(
                    path,
                    &ev.pattern,
                    format!("{ctx}: capture (?P<year>...) or give `event:`"),
                ));
            }
            self.events.push(EventCue {
                id: ev.id.value.clone(),
                lang: lang.clone(),
                regex,
                event: ev.event.clone(),
                kinds: ev.kinds.clone(),
            });
        }
        // A file whose rules all inherit their kind tests the claims of every kind.
        let inherit_only = !file.rules.is_empty() && file.rules.iter().all(|r| r.inherit);
        let file_kind = file
            .kind
            .as_ref()
            .map(|k| k.value.as_str())
            .filter(|_| !inherit_only);
        for ex in &file.examples {
            for c in &ex.claims {
                let bad = match (&c.kind, file_kind) {
                    (Some(k), Some(fk)) if k != fk => Some(format!(
                        "example expects kind '{k}' but this file defines '{fk}'; examples test the file's own kind"
                    )),
                    _ => None,
                }
                .or_else(|| match (&c.unit, &file.unit) {
                    (Some(u), Some(fu)) if u != fu => Some(format!(
                        "example expects unit '{u}' but this file's unit is '{fu}'"
                    )),
                    _ => None,
                });
                if let Some(message) = bad {
                    return Err(at(path, &ex.text, message));
                }
            }
        }
        if !file.examples.is_empty() {
            self.examples.push(FileExamples {
                file: path.to_string(),
                lang: lang.clone(),
                kind: file_kind.map(String::from),
                examples: file
                    .examples
                    .iter()
                    .map(|e| Example {
                        line: e.text.referenced.line(),
                        text: e.text.value.clone(),
                        date: e.date.clone(),
                        claims: e.claims.clone(),
                    })
                    .collect(),
            });
        }
        Ok(())
    }

    fn index(&mut self) -> Result<()> {
        let mut langs: Vec<String> = self.rules.iter().map(|r| r.lang.clone()).collect();
        langs.extend(self.cues.iter().map(|c| c.lang.clone()));
        langs.sort();
        langs.dedup();
        for lang in langs {
            // Rules that need a figure first: a sentence without one skips them.
            let (rules, plain): (Vec<usize>, Vec<usize>) = (0..self.rules.len())
                .filter(|&i| self.rules[i].lang == lang)
                .partition(|&i| {
                    self.rules[i]
                        .regex
                        .capture_names()
                        .flatten()
                        .any(|n| n == "quantity" || n == "duration")
                });
            let figure_rules = rules.len();
            let rules: Vec<usize> = rules.into_iter().chain(plain).collect();
            let set = regex_set(
                rules.iter().map(|&i| self.rules[i].regex.as_str()),
                &format!("rules for language {lang}"),
            )?;
            let plain_set = regex_set(
                rules[figure_rules..]
                    .iter()
                    .map(|&i| self.rules[i].regex.as_str()),
                &format!("rules for language {lang}"),
            )?;
            let cues: Vec<usize> = (0..self.cues.len())
                .filter(|&i| self.cues[i].lang == lang)
                .collect();
            let events: Vec<usize> = (0..self.events.len())
                .filter(|&i| self.events[i].lang == lang)
                .collect();
            let speech_set = regex_set(
                cues.iter()
                    .map(|&i| self.cues[i].regex.as_str())
                    .chain(events.iter().map(|&i| self.events[i].regex.as_str())),
                &format!("speaker cues and event markers for language {lang}"),
            )?;
            let figures = FigureScanner::new(self.packs.get(&lang)).map_err(|e| {
                Error::rules(
                    &format!("figures for language {lang}"),
                    0,
                    0,
                    format!("the figure patterns do not compile: {e}"),
                )
            })?;
            self.by_lang.insert(
                lang,
                LangRules {
                    rules,
                    figure_rules,
                    set,
                    plain_set,
                    figures,
                    cues,
                    speech_set,
                    events,
                },
            );
        }
        Ok(())
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
fn set_form(source: &str) -> String {
    use regex_syntax::hir::{Hir, HirKind, Repetition};
    fn loosen(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Repetition(r) => {
                let sub = Box::new(loosen(*r.sub));
                let (min, max) = match r.max {
                    Some(max) if max > 1 => (r.min.min(1), None),
                    max => (r.min, max),
                };
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy: true,
                    sub,
                })
            }
            HirKind::Capture(c) => loosen(*c.sub),
            HirKind::Concat(v) => Hir::concat(v.into_iter().map(loosen).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(loosen).collect()),
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

/// One pass that says which of many patterns match (each in its
/// [`set_form`]).
fn regex_set<'a>(patterns: impl Iterator<Item = &'a str>, what: &str) -> Result<RegexSet> {
    RegexSetBuilder::new(patterns.map(set_form))
        .unicode(false)
        .size_limit(256 << 20)
        .dfa_size_limit(256 << 20)
        .build()
        .map_err(|e| {
            Error::rules(
                what,
                0,
                0,
                format!("patterns together exceed the size limit: {e}"),
            )
        })
}

impl LangRules {
    /// The rules of a language that can match a tokenized sentence
    /// (indices into [`LangRules::rules`]).
    pub fn hits(&self, tokenized: &crate::quantity::tokens::Tokenized) -> Vec<usize> {
        if tokenized.figure_count() > 0 {
            self.set.matches(&tokenized.bytes).iter().collect()
        } else {
            self.plain_set
                .matches(&tokenized.bytes)
                .iter()
                .map(|i| i + self.figure_rules)
                .collect()
        }
    }

    /// The cues and the event markers that can match a folded sentence
    /// (indices into [`LangRules::cues`] and [`LangRules::events`]).
    pub fn speech(&self, sentence: &str) -> Speech {
        let mut out = Speech::default();
        for i in self.speech_set.matches(sentence.as_bytes()).iter() {
            match i.checked_sub(self.cues.len()) {
                None => out.cues.push(i),
                Some(e) => out.events.push(e),
            }
        }
        out
    }
}

enum Role {
    Lang,
    Actors,
    Reconcile,
    Rules,
}

fn file_role(path: &str) -> Role {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if crate::lang::pack_code(path).is_some() {
        return Role::Lang;
    }
    match name.as_str() {
        "actors.yaml" | "actors.yml" => Role::Actors,
        "reconcile.yaml" | "reconcile.yml" => Role::Reconcile,
        _ => Role::Rules,
    }
}

/// The embedded default files.
pub fn default_sources() -> Vec<Source> {
    DEFAULT_FILES
        .iter()
        .map(|(path, text)| Source {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// Every `.yaml`/`.yml` file under a folder, sorted (the quantity lexicon excepted), read.
pub fn dir_sources(dir: &Path) -> Result<Vec<Source>> {
    yaml_paths(dir)?
        .into_iter()
        .map(|p| {
            Ok(Source {
                path: p.display().to_string(),
                text: read_yaml(&p)?,
            })
        })
        .collect()
}

/// Every `.yaml`/`.yml` file under a folder (or the file itself), sorted.
pub fn yaml_paths(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::Input {
        path: dir.display().to_string(),
        message: format!("rule folder cannot be read: {e}"),
    })?;
    if meta.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| Error::Input {
            path: d.display().to_string(),
            message: format!("rule folder cannot be read: {e}"),
        })?;
        for entry in rd.flatten() {
            let p = entry.path();
            let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
            if p.is_dir() && !is_link {
                if p.file_name().is_some_and(|n| n != "lexicon") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn read_yaml(path: &Path) -> Result<String> {
    let shown = path.display().to_string();
    // A named pipe or a device would block the read: only regular files.
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return Err(Error::rules(
            &shown,
            1,
            1,
            "not a regular file (a pipe, socket or device); rule files are plain YAML files",
        ));
    }
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len > crate::yaml::MAX_YAML_BYTES as u64 {
        return Err(Error::rules(
            &shown,
            1,
            1,
            format!(
                "file is {len} bytes, over the {} byte limit for YAML files; split it into several files",
                crate::yaml::MAX_YAML_BYTES
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::Input {
        path: shown.clone(),
        message: format!("cannot be read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u64
            + 1;
        Error::rules(
            &shown,
            line,
            column,
            "not UTF-8 text; save the file as UTF-8",
        )
    })
}

fn collect_macros(
    files: &[(String, RuleFileSpec)],
) -> Result<HashMap<String, HashMap<String, String>>> {
    let mut out: HashMap<String, HashMap<String, String>> = HashMap::new();
    for (path, file) in files {
        let lang = file.lang.value.trim().to_ascii_lowercase();
        let shared = file.rules.is_empty() && file.speakers.is_empty() && file.events.is_empty();
        for (name, value) in &file.macros {
            if !is_identifier(name) || BUILTINS.contains(&name.as_str()) {
                return Err(at(
                    path,
                    value,
                    format!(
                        "macro name '{name}' must be a lowercase identifier and not one of {BUILTINS:?}"
                    ),
                ));
            }
            if !shared {
                continue;
            }
            let slot = out.entry(lang.clone()).or_default();
            if slot.contains_key(name) {
                return Err(at(
                    path,
                    value,
                    format!("macro '{name}' is defined twice for language {lang}"),
                ));
            }
            slot.insert(name.clone(), value.value.clone());
        }
    }
    Ok(out)
}

/// Placeholders the engine provides.
pub const BUILTINS: &[&str] = &["quantity", "duration", "actor", "side", "speaker"];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[derive(Clone, Copy)]
struct Expander<'a> {
    pack: &'a crate::lang::LangPack,
    macros: &'a HashMap<String, String>,
    actors: &'a str,
    /// Claim rules see each figure as one token byte (see [`crate::quantity::tokens`]);
    /// cues and event markers read the folded text itself.
    figure_tokens: bool,
}

impl Expander<'_> {
    /// Expands `{placeholder}`s; `{2,3}`-style repetitions are left alone.
    fn expand(&self, path: &str, pattern: &Spanned<String>, ctx: &str) -> Result<String> {
        let folded = fold_pattern(&pattern.value);
        let out = self.expand_str(path, pattern, ctx, &folded, 0)?;
        if out.len() > MAX_PATTERN_BYTES {
            return Err(at(
                path,
                pattern,
                format!(
                    "{ctx}: pattern is {} bytes once expanded, over the {MAX_PATTERN_BYTES} byte limit",
                    out.len()
                ),
            ));
        }
        Ok(out)
    }

    fn expand_str(
        &self,
        path: &str,
        pattern: &Spanned<String>,
        ctx: &str,
        text: &str,
        depth: usize,
    ) -> Result<String> {
        if depth > 8 {
            return Err(at(
                path,
                pattern,
                format!("{ctx}: macros nest more than 8 deep (a macro that uses itself?)"),
            ));
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let escaped = open > 0 && rest.as_bytes()[open - 1] == b'\\';
            let close = rest[open..].find('}').map(|c| open + c);
            let name = close.map(|c| &rest[open + 1..c]).unwrap_or("");
            if escaped
                || close.is_none()
                || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
            let close = close.unwrap_or(open);
            out.push_str(&rest[..open]);
            let mut skip = 0;
            let piece = match name {
                "quantity" | "duration" if self.figure_tokens => {
                    // A figure is a whole token: a `\b` beside it would ask
                    // for a letter next to the token byte, so it is dropped.
                    if out.ends_with(r"\b") && !out.ends_with(r"\\b") {
                        out.truncate(out.len() - 2);
                    }
                    if rest[close + 1..].starts_with(r"\b") {
                        skip = 2;
                    }
                    if name == "quantity" {
                        // The qualifier words stay visible before the token.
                        let qb = quantity::qualifier_pattern(self.pack);
                        let qb = if qb.is_empty() {
                            String::new()
                        } else {
                            format!("(?:{qb})?")
                        };
                        format!(
                            r"(?P<quantity>{qb}\x{:02x}){}",
                            tokens::QUANTITY,
                            quantity::quantity_linker(self.pack)
                        )
                    } else {
                        format!(r"(?P<duration>\x{:02x})", tokens::DURATION)
                    }
                }
                "quantity" => format!("(?P<quantity>{})", quantity::quantity_pattern(self.pack)),
                "duration" => format!("(?P<duration>{})", quantity::duration_pattern(self.pack)),
                // An elided article may stand before a name ("de l'Azerbaïdjan").
                "actor" => format!(r"(?:l'|d')?(?P<actor>\b(?:{})\b)", self.actors),
                "side" => format!(r"(?P<side>\b(?:{})\b)", self.actors),
                "speaker" => r#"(?P<speaker>[a-z0-9'-]+(?: [a-z0-9'-]+){0,9})"#.to_string(),
                other => match self.macros.get(other) {
                    Some(m) => {
                        let inner =
                            self.expand_str(path, pattern, ctx, &fold_pattern(m), depth + 1)?;
                        format!("(?:{inner})")
                    }
                    None => {
                        let mut known: Vec<&str> = BUILTINS.to_vec();
                        known.extend(self.macros.keys().map(String::as_str));
                        let hint = known
                            .iter()
                            .map(|k| (strsim::damerau_levenshtein(k, other), *k))
                            .filter(|(d, _)| *d <= 3)
                            .min()
                            .map(|(_, k)| format!("; did you mean {{{k}}}?"))
                            .unwrap_or_else(|| {
                                format!(
                                    "; known placeholders: {}",
                                    known
                                        .iter()
                                        .map(|k| format!("{{{k}}}"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            });
                        return Err(at(
                            path,
                            pattern,
                            format!("{ctx}: unknown placeholder {{{other}}}{hint}"),
                        ));
                    }
                },
            };
            out.push_str(&piece);
            rest = &rest[close + 1 + skip..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

fn compile(path: &str, pattern: &Spanned<String>, ctx: &str, source: &str) -> Result<Regex> {
    let regex = RegexBuilder::new(source)
        .unicode(false)
        .case_insensitive(true)
        .size_limit(16 << 20)
        .dfa_size_limit(64 << 20)
        .build()
        .map_err(|e| {
            let detail = match &e {
                regex::Error::Syntax(s) => s
                    .lines()
                    .rev()
                    .find(|l| l.starts_with("error:"))
                    .unwrap_or(s)
                    .trim_start_matches("error: ")
                    .to_string(),
                regex::Error::CompiledTooBig(n) => {
                    format!("compiles to more than {n} bytes; make it smaller")
                }
                other => other.to_string(),
            };
            at(
                path,
                pattern,
                format!("{ctx}: pattern does not compile: {detail}"),
            )
        })?;
    if regex.is_match(b"") {
        return Err(at(
            path,
            pattern,
            format!("{ctx}: pattern matches the empty string; it must require some text"),
        ));
    }
    Ok(regex)
}

fn at<T>(path: &str, spanned: &Spanned<T>, message: String) -> Error {
    Error::rules(
        path,
        spanned.referenced.line(),
        spanned.referenced.column(),
        message,
    )
}
