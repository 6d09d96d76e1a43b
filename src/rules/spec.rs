//! Rule files as written: plain serde structs, unknown fields refused, and
//! the JSON Schema editors read, derived from the same structs.

use crate::actors::ActorsFile;
use crate::claim::Qualifier;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;

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
    /// Nouns that name people, with the scope each says (`~` when it says
    /// none: "people", « habitants »). In a shared file (only `lang`,
    /// `macros` and `people`), every frame of its language that has a
    /// `scope_map` reads them as well, its own entries first: a noun added
    /// here ("migrants", « otages ») counts for every kind.
    #[serde(default)]
    pub people: BTreeMap<String, Option<String>>,
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Claim rules written as parts that compose: a figure phrase and a
    /// predicate from word lists, within one clause (see [`FrameSpec`]).
    #[serde(default)]
    pub frames: Vec<FrameSpec>,
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
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
    /// The claim is a part of a total told before it ("of the dead, 3,760
    /// were children"): with no speaker of its own, it takes the speaker of
    /// the figure before it (the same sentence, else the previous one).
    #[serde(default)]
    pub part: bool,
    /// The rule's verb is the speech act ("blamed", « a imputé »): with no
    /// speech cue, the sentence's subject is the speaker.
    #[serde(default)]
    pub subject_speaks: bool,
    /// A pattern that refuses a match when it is found in the match's
    /// clause (from the clause's start to the match's end): a negation.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub refuse: Option<Spanned<String>>,
    /// A pattern that refuses a match when it is found right after it, in
    /// its clause: a figure with a predicate of its own ("and 12 people
    /// went missing" is no part of the wounded before it).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub refuse_after: Option<Spanned<String>>,
    /// Yield a claim only when `(?P<scope>...)` took part in the match.
    #[serde(default)]
    pub needs_scope: bool,
}

/// A claim rule as parts that compose, so that one rule reads the many ways
/// copy words a figure: the figure phrase (the `figure_phrase` macro of the
/// language: the quantity, the side, the scope noun), a predicate from
/// `words`, and at most `gap` words between them, none a figure, none
/// across a sentence's punctuation. "At least 40 people in the village,
/// among them children, were killed" and "the death toll has now risen to
/// 512" each need one frame.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `first`: the figure phrase, then the predicate ("15 soldiers were
    /// killed"); `last`: the predicate, then the figure ("the toll rose to 41").
    pub figure: FigureAt,
    /// The predicate: phrases (patterns, with placeholders) that say what is counted.
    #[schemars(with = "Vec<String>")]
    pub words: Spanned<Vec<String>>,
    /// With `figure: last`, the phrases that must stand just before the
    /// figure phrase ("to", "at", "a"); none: the figure may follow the gap.
    #[serde(default)]
    pub links: Vec<String>,
    /// Words that may stand between the figure phrase and the predicate.
    #[serde(default = "default_gap")]
    pub gap: u8,
    /// As in a rule: a fixed scope, and the scope nouns of the figure phrase
    /// (the keys; `{scope}` in `figure_phrase` reads them) with what each counts.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub scope_map: BTreeMap<String, Option<String>>,
    /// Whether the language's shared people nouns ([`RuleFileSpec::people`])
    /// join this frame's `scope_map` (the default); `false` for a frame
    /// whose nouns are a class of their own ("bodies", "inhabitants").
    #[serde(default = "yes")]
    pub people: bool,
    /// As in a rule: a pattern that refuses a match found in its clause.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub refuse: Option<Spanned<String>>,
    /// As in a rule: a pattern that refuses a match found right after it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub refuse_after: Option<Spanned<String>>,
    #[serde(default)]
    pub requires_speaker: bool,
    /// Yield a claim only when the figure phrase names who is counted (one
    /// of the `scope_map` nouns): "lost 46 troops", not "lost 3 tanks".
    #[serde(default)]
    pub needs_scope: bool,
    /// What the figure is: `quantity` (the language's figure phrase) or
    /// `duration` ("depuis plus de deux mois", "for 11 days").
    #[serde(default)]
    pub measure: Measure,
    /// As in a rule: a part of a total told before takes its speaker.
    #[serde(default)]
    pub part: bool,
    /// With `measure: actor`: who is accused (as in a rule; `actor` when absent).
    #[serde(default)]
    pub accused: Option<Accused>,
    /// As in a rule: with no speech cue, the sentence's subject speaks.
    #[serde(default)]
    pub subject_speaks: bool,
}

/// What a frame's figure measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    #[default]
    Quantity,
    Duration,
    /// An actor named by its agent phrase (the `agent_phrase` macro: "Russian
    /// drones", « des tirs russes »): who is said to have struck.
    Actor,
}

fn default_gap() -> u8 {
    5
}

/// Where a frame's figure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FigureAt {
    First,
    Last,
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
    /// Each of two actors blames the other ("Baku and Yerevan blamed each
    /// other", « Kinshasa et Kigali se renvoient la responsabilité »): two
    /// claims, `{actor}` accusing `{other}` and `{other}` accusing `{actor}`.
    Mutual,
    /// `{actor}` says it did it ("Islamic State claimed responsibility for
    /// the attack", « l'attentat revendiqué par l'EI »): the actor is both
    /// the accused and the speaker.
    Claimant,
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
    /// To the claims after it, and to those of the previous sentence that
    /// have no speaker: "…has risen to 32. This was reported by the State
    /// Emergency Service", « … C'est ce qu'a annoncé le ministère ».
    Previous,
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
    /// The match counts only when its speaker phrase is an actor's own name
    /// (a headline's "…: UN", not « … : l'exode du Karabakh s'accélère »).
    #[serde(default)]
    pub names_actor: bool,
}

/// An event marker.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Captures `(?P<year>...)` unless `event` is given; or `(?P<name>...)`,
    /// an event's own name, kept when the article capitalises it ("Hurricane
    /// Helene"): its claims are that event's unless it is the one the
    /// article names most. `event: previous`
    /// carries the previous sentence's event ("Ces combats avaient…", "at the time").
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub event: Option<String>,
    /// The kinds it applies to (default: every kind). An incident ("the fuel
    /// depot explosion") dates tolls, not accusations of who started the war.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// A recalled event, as a year is ("the war has killed tens of
    /// thousands"): it goes on through its paragraph until a sentence names
    /// its own days, and a claim before it and a comma is not its ("100
    /// were killed, …, in the war that has displaced 7 million").
    #[serde(default)]
    pub recalled: bool,
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
    /// The country the figure is placed in (`none`: no place).
    #[serde(default)]
    pub place: Option<String>,
    /// An actor id, or `outlet` for a claim with no named speaker.
    #[serde(default)]
    pub attributed_to: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
    /// Whether the figure is an earlier count its article recalls.
    #[serde(default)]
    pub earlier: Option<bool>,
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
    /// Of a cumulative kind: a figure below this share of the largest
    /// figure of its article is a part ("2,691 of them in Mandalay", "28 in
    /// the last day"), not a competing count; so is an unattributed figure
    /// below this share of the largest another source gave on an earlier
    /// day, which then forms a group of its own; 0 keeps all.
    #[serde(default)]
    pub partial_below: f64,
    /// The same share for a figure an actor gives, against another source's
    /// larger figure of an earlier day: far smaller than `partial_below`,
    /// for an actor's figure a third of another's is a disagreement (a
    /// party's 192 dead against its enemy's 1,000), not a part; 0 never
    /// sets an actor's figure apart.
    #[serde(default)]
    pub actor_part_below: f64,
    /// Figures placed in different countries ("in Malawi", "in Mozambique")
    /// count different things. Not for displacement, where the place named
    /// is where people went.
    #[serde(default)]
    pub by_place: bool,
    /// A party's own count: a figure that names no side and no place, given
    /// by one of the countries its article is about, counts that country's
    /// people (Kyrgyzstan's ministry on the dead of a border clash and
    /// Tajikistan's on theirs are not compared).
    #[serde(default)]
    pub speaker_side: bool,
    /// Scopes that do not set a figure apart from the unscoped ones: copy
    /// says "26 civilians" and "26 people" of the same dead of a strike,
    /// so both are compared (parts of one article's toll stay parts).
    #[serde(default)]
    pub open_scopes: Vec<String>,
    /// Of a kind that does not accumulate: figures more than this many
    /// times apart count different things (a county's 62,000 people and a
    /// village's 222, both unplaced), so the group splits into clusters of
    /// figures within this ratio of their neighbours; 0 never splits.
    #[serde(default)]
    pub apart_beyond: f64,
    /// Of an actor-valued kind: claims that blame different sides are
    /// different accusations (Pakistan blaming India, the BLA claiming the
    /// attack), each its own group, unless the accused answers back: an
    /// accused side that blames another joins their groups, which then
    /// contradict each other (each blames the other).
    #[serde(default)]
    pub by_accused: bool,
    /// Two figures whose bounds miss each other contradict only when one is
    /// more than this many times the other; closer, they diverge (47 and
    /// 65 wounded the same day). 0 (the default): any miss contradicts.
    #[serde(default)]
    pub contradiction_beyond: f64,
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
            partial_below: 0.0,
            actor_part_below: 0.0,
            by_place: false,
            open_scopes: Vec::new(),
            speaker_side: false,
            apart_beyond: 0.0,
            by_accused: false,
            contradiction_beyond: 0.0,
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
    /// Keep figures that only say "hundreds", "thousands", « des milliers »
    /// (flagged `vague`); left out of extraction by default.
    #[serde(default)]
    pub keep_indefinite: bool,
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
            keep_indefinite: false,
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

fn yes() -> bool {
    true
}
