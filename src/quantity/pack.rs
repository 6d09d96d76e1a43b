//! What a language pack holds for the quantity recogniser: the separators
//! the tokenizer reads, the grammar's combination rules, the phrase lists
//! and the generated patterns. Built by [`crate::lang`] at load.

pub(crate) use super::lex::Seps;
pub(crate) use super::lexicon::{Lexicon, Phrase, Phrases};
pub(crate) use super::pattern::{PatternWords, Patterns, build_patterns, digits_patterns};
pub(crate) use super::words::{Frac, NumberWord};
use crate::claim::TimeUnit;

/// How number words combine beyond units, tens, hundreds and multipliers.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grammar {
    /// The hundred word is 100 alone ("cent").
    pub hundred_alone: bool,
    /// (unit, tens) read as their product ("quatre-vingts").
    pub products: Vec<(u8, u8)>,
    /// A ten and a unit from this value up are one teen ("dix-sept").
    pub ten_plus_unit_from: Option<u8>,
    /// Tens a teen may follow ("soixante-douze").
    pub tens_take_teens: Vec<u8>,
    /// Teens that may follow them after "and" ("soixante et onze").
    pub linked_teens: Vec<u8>,
    /// Units that may follow a ten after "and" in an ordinal ("vingt et unieme").
    pub linked_units: Vec<u8>,
    /// A tens word before a unit fraction word joins the denominator.
    pub tens_join_units: bool,
    /// A singular fraction word takes the numerator one only.
    pub singular_needs_one: bool,
    /// A day may follow its month ("December 12").
    pub month_day: bool,
}

/// The phrase lists of the grammar (see `lang::spec` for what each means).
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    pub negative: Phrases,
    pub decimal_point: Phrases,
    pub ratio: Vec<(Phrase, bool)>,
    pub half: Phrases,
    pub quarter: Phrases,
    pub half_prefix: Phrases,
    pub half_of: Phrases,
    pub fraction_of: Phrases,
    pub bare: Vec<(Phrase, f64)>,
    pub linker: Phrases,
    pub or_equal: Phrases,
    pub bounds_joined_by: Phrases,
    pub rank_articles: Phrases,
    pub ranges: Vec<(Phrase, Phrases)>,
    pub range_words: Phrases,
    pub day_prefixes: Phrases,
    pub whole: Phrases,
    pub whole_after: Phrases,
    pub entire_before: Phrases,
    pub entire_after: Phrases,
    pub dur_half: Phrases,
    pub half_then: Phrases,
    pub fixed: Vec<(Phrase, TimeUnit, f64)>,
    pub modifiers: Phrases,
    pub clock_before: Phrases,
    pub plus_fraction: Vec<(Phrase, f64)>,
    pub markers: Vec<(Phrase, bool)>,
    pub since_articles: Phrases,
    pub since_last: Phrases,
    pub early: Phrases,
    pub mid: Phrases,
    pub late: Phrases,
    pub part_of: Phrases,
}
