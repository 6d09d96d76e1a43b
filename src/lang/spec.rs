//! The YAML of a language pack, as written: plain serde structs, unknown
//! fields refused. A language's files (`rules/lang/<code>/*.yaml`) are read
//! one by one and merged: lists are extended (lists by position, such as
//! `units` or `months`, position by position), a flag or a number set in a
//! later file replaces the earlier one. Every section is optional, so a user
//! file can add a few qualifiers to a language without restating the rest.

use serde::Deserialize;

use crate::claim::{Qualifier, TimeUnit};

pub use super::speech_spec::SpeechSpec;

/// One file of a language pack.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub separators: Option<SeparatorsSpec>,
    #[serde(default)]
    pub numbers: Option<NumbersSpec>,
    #[serde(default)]
    pub fractions: Option<FractionsSpec>,
    /// Words that bound a figure ("au moins 20", "20 ou plus").
    #[serde(default)]
    pub qualifiers: Vec<QualifierEntry>,
    /// Vague quantities ("des milliers", "dozens").
    #[serde(default)]
    pub vague: Vec<VagueEntry>,
    /// Vague counts read before a time unit or a figure ("quelques", "a few").
    #[serde(default)]
    pub counts: Vec<VagueEntry>,
    #[serde(default)]
    pub phrases: Option<PhrasesSpec>,
    #[serde(default)]
    pub durations: Option<DurationsSpec>,
    /// Month names, January first; each a list of spellings (full, abbreviated).
    #[serde(default)]
    pub months: Vec<Vec<String>>,
    /// Weekday names, Monday first (data for rule authors and future readers).
    #[serde(default)]
    pub weekdays: Vec<Vec<String>>,
    #[serde(default)]
    pub pattern: Option<PatternSpec>,
    #[serde(default)]
    pub text: Option<TextSpec>,
    #[serde(default)]
    pub speech: Option<SpeechSpec>,
}

/// How figures in digits are written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeparatorsSpec {
    /// The usual decimal separator(s) ("," in French, "." in English).
    #[serde(default)]
    pub decimal: Vec<String>,
    /// Decimal separators also read when no group separator is in the way.
    #[serde(default)]
    pub decimal_also: Vec<String>,
    /// Group separators, tried in order, each before exactly three digits.
    #[serde(default)]
    pub group: Vec<String>,
    /// Indian grouping "12,34,567" after a comma.
    #[serde(default)]
    pub indian_grouping: Option<bool>,
    /// "1.111,11": points for thousands, a comma for one or two decimals.
    #[serde(default)]
    pub dot_groups_comma_decimals: Option<bool>,
}

/// A value and the words that say it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Valued {
    pub value: f64,
    pub words: Vec<String>,
    /// A multiplier that reads as itself without a figure before it ("mille").
    #[serde(default)]
    pub alone: bool,
}

/// Cardinal number words and how they combine.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumbersSpec {
    #[serde(default)]
    pub zero: Vec<String>,
    /// Words for 1 to 9, in order (an empty list for a value with no word).
    #[serde(default)]
    pub units: Vec<Vec<String>>,
    /// Words for 10, 11, ... in order: no unit word may follow them.
    #[serde(default)]
    pub teens: Vec<Vec<String>>,
    /// Words for 20, 30, ... 90, in order: a unit word may follow them.
    #[serde(default)]
    pub tens: Vec<Vec<String>>,
    /// Other single words below 100, read like a teen ("veintinueve").
    #[serde(default)]
    pub words: Vec<Valued>,
    /// The word that multiplies by a hundred ("cent", "hundred").
    #[serde(default)]
    pub hundred: Vec<String>,
    /// The hundred word is itself 100 with no figure before it ("cent").
    #[serde(default)]
    pub hundred_alone: Option<bool>,
    /// Words that are a whole number of hundreds ("doscientos" = 200).
    #[serde(default)]
    pub hundreds: Vec<Valued>,
    /// Multiplier words (thousand, million...), largest last.
    #[serde(default)]
    pub multipliers: Vec<Valued>,
    /// Multipliers only read glued to or right after digits ("10k", "2 bn").
    #[serde(default)]
    pub after_digits: Vec<Valued>,
    /// Indefinite articles that stand for one before a multiplier ("a
    /// hundred", "un million"); an article that is also a unit word stays one.
    #[serde(default)]
    pub articles: Vec<String>,
    /// The word that may join parts of a figure ("vingt et un", "a hundred and five").
    #[serde(default)]
    pub and: Vec<String>,
    /// Words for a dozen.
    #[serde(default)]
    pub dozen: Vec<String>,
    /// Unit and tens read as their product ("quatre-vingts" = [4, 20]).
    #[serde(default)]
    pub products: Vec<[u8; 2]>,
    /// A ten followed by a unit from this value up is one teen ("dix-sept": 7).
    #[serde(default)]
    pub ten_plus_unit_from: Option<u8>,
    /// Tens that a teen may follow ("soixante-douze": [60, 80]).
    #[serde(default)]
    pub tens_take_teens: Vec<u8>,
    /// Teens that may follow those tens after "and" ("soixante et onze": [11]).
    #[serde(default)]
    pub linked_teens: Vec<u8>,
    /// Units that may follow a ten after "and" in an ordinal ("vingt et unieme": [1]).
    #[serde(default)]
    pub linked_units: Vec<u8>,
    /// Words before a figure that make it negative.
    #[serde(default)]
    pub negative: Vec<String>,
    /// The word between whole and decimal digits in words ("virgule", "point").
    #[serde(default)]
    pub decimal_point: Vec<String>,
    /// "N sur M", "N out of M": a ratio; `proper` asks N < M.
    #[serde(default)]
    pub ratio: Vec<RatioSpec>,
    /// Words after which "one" is a pronoun, not a count ("the one").
    #[serde(default)]
    pub one_pronoun_after: Vec<String>,
    /// Words before which "one" is a pronoun ("one another").
    #[serde(default)]
    pub one_pronoun_before: Vec<String>,
    /// Words before which an article that is also the word for one
    /// (« un », « une ») counts one on its own: « six morts en Roumanie et
    /// une en Autriche ». Elsewhere the article alone is no figure.
    #[serde(default)]
    pub article_one_before: Vec<String>,
    /// Number words the figure pattern does not look for (rare or ambiguous
    /// spellings the parser still reads inside a span).
    #[serde(default)]
    pub not_in_pattern: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioSpec {
    pub phrase: String,
    #[serde(default)]
    pub proper: bool,
}

/// Fraction words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FractionsSpec {
    /// Fraction words never compounded: half, third, quarter ("demi", "tiers").
    #[serde(default)]
    pub plain: Vec<Valued>,
    /// Ordinal words for 1 to 9, in order ("cinquieme", "fifth").
    #[serde(default)]
    pub units: Vec<Vec<String>>,
    /// The first unit ordinal that is a denominator alone ("a fifth" yes, "a first" no).
    #[serde(default)]
    pub units_alone_from: Option<u8>,
    /// Ordinal words for 10, 11, ...
    #[serde(default)]
    pub teens: Vec<Vec<String>>,
    /// Ordinal words for 20, 30, ... 90.
    #[serde(default)]
    pub tens: Vec<Vec<String>>,
    /// hundredth, thousandth...
    #[serde(default)]
    pub multipliers: Vec<Valued>,
    /// Words whose plural is the singular ("tiers").
    #[serde(default)]
    pub invariant: Vec<String>,
    /// A tens word right before a unit fraction word belongs to the
    /// denominator ("thirty fifths" = 1/35 each).
    #[serde(default)]
    pub tens_join_units: Option<bool>,
    /// A singular fraction word takes the numerator one only ("one fifth").
    #[serde(default)]
    pub singular_needs_one: Option<bool>,
    /// Ordinals read as ranks after a rank article ("the tenth" = 10).
    #[serde(default)]
    pub ranks: Vec<Valued>,
    /// Words for one half and one quarter as figures ("la moitie", "half a dozen").
    #[serde(default)]
    pub half: Vec<String>,
    #[serde(default)]
    pub quarter: Vec<String>,
    /// A word that may come before the half word ("la moitie").
    #[serde(default)]
    pub half_prefix: Vec<String>,
    /// Words between half/quarter and what it divides ("half a million", "la moitie d'un").
    #[serde(default)]
    pub half_of: Vec<String>,
    /// Words between a fraction and a multiplier ("two thirds of a million").
    #[serde(default)]
    pub fraction_of: Vec<String>,
    /// Fraction words read alone after "and" in a mixed number ("et demi").
    #[serde(default)]
    pub bare: Vec<Valued>,
}

/// Words of the phrases around figures.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhrasesSpec {
    /// What may follow a figure before the noun it counts (" de", " d'", " of").
    #[serde(default)]
    pub linker: Vec<String>,
    /// Closes a strict bound after the figure ("ou egal a", "or equal to").
    #[serde(default)]
    pub or_equal: Vec<String>,
    /// Joins two bounds ("plus de 10 et moins de 40").
    #[serde(default)]
    pub bounds_joined_by: Vec<String>,
    /// Articles before a rank ("le dixieme", "the tenth").
    #[serde(default)]
    pub rank_articles: Vec<String>,
    /// Ranges with an opening word: "entre X et Y", "from X to Y".
    #[serde(default)]
    pub ranges: Vec<RangeSpec>,
    /// Words between two figures making a range: "X a Y", "X to Y".
    #[serde(default)]
    pub range_words: Vec<String>,
    /// Nouns that count no people after a figure ("40,000 homes", "trois
    /// localités", "727,000 livestock"): such a figure is no toll, no
    /// count of the displaced or of a population.
    #[serde(default)]
    pub not_people: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeSpec {
    pub open: String,
    pub close: Vec<String>,
}

/// Words of durations ("pendant six semaines", "since last December").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationsSpec {
    /// Time units, in the order the duration pattern tries them.
    #[serde(default)]
    pub units: Vec<TimeUnitSpec>,
    /// Words before a day unit that keep it one ("business day").
    #[serde(default)]
    pub day_prefixes: Vec<String>,
    /// Words before a unit meaning one whole unit ("toute la", "all", "another").
    #[serde(default)]
    pub whole: Vec<String>,
    /// Words after such a unit that it absorbs ("ouvres").
    #[serde(default)]
    pub whole_after: Vec<String>,
    /// "la journee entiere": optional words before the unit, then a word after it.
    #[serde(default)]
    pub entire_before: Vec<String>,
    #[serde(default)]
    pub entire_after: Vec<String>,
    /// Half a unit: "une demi", "a half"; then optional words ("half an hour").
    #[serde(default)]
    pub half: Vec<String>,
    #[serde(default)]
    pub half_then: Vec<String>,
    /// Phrases that are a fixed duration ("quinze jours" = 2 weeks).
    #[serde(default)]
    pub fixed: Vec<FixedSpec>,
    /// Words between a figure and its unit ("derniers", "more").
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Words before "N hours" that make it a clock time ("a", "at").
    #[serde(default)]
    pub clock_before: Vec<String>,
    /// A fraction of the unit after it ("et demi", "and a half").
    #[serde(default)]
    pub plus_fraction: Vec<PhraseValue>,
    /// Words that open a duration; `since` ones take a date ("depuis", "since").
    #[serde(default)]
    pub markers: Vec<MarkerSpec>,
    /// Words after a since-marker before the date ("le", "the").
    #[serde(default)]
    pub since_articles: Vec<String>,
    /// "since last December".
    #[serde(default)]
    pub since_last: Vec<String>,
    /// Parts of a period: early, mid, late ("debut", "mi", "fin").
    #[serde(default)]
    pub early: Vec<String>,
    #[serde(default)]
    pub mid: Vec<String>,
    #[serde(default)]
    pub late: Vec<String>,
    /// Words between a part and the month ("de", "d'").
    #[serde(default)]
    pub part_of: Vec<String>,
    /// A day may follow its month ("December 12").
    #[serde(default)]
    pub month_day: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeUnitSpec {
    pub unit: TimeUnit,
    pub words: Vec<String>,
    /// How many units one word is ("fortnight" = 2 weeks).
    #[serde(default = "one")]
    pub count: f64,
    /// Read only after a figure in digits ("3h").
    #[serde(default)]
    pub digits_only: bool,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedSpec {
    pub phrase: String,
    pub unit: TimeUnit,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseValue {
    pub phrase: String,
    pub value: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerSpec {
    pub phrase: String,
    #[serde(default)]
    pub since: bool,
    /// The duration pattern includes this marker (default true).
    #[serde(default = "yes")]
    pub in_pattern: bool,
}

fn yes() -> bool {
    true
}

/// What the figure patterns look for beyond the word tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PatternSpec {
    /// A figure in digits, as a regex (the `separators` say how they read).
    #[serde(default)]
    pub digits: Option<String>,
    /// What may close a figure ("et demi", "and a half").
    #[serde(default)]
    pub half_after: Vec<String>,
    /// Words that open a range ("entre", "between").
    #[serde(default)]
    pub range_open: Vec<String>,
    /// What joins the two figures of a range ("et", "-", "a").
    #[serde(default)]
    pub range_join: Vec<String>,
    /// Words joining two figures of a duration range.
    #[serde(default)]
    pub duration_range_join: Vec<String>,
    /// Verbs of change: a range right after one is the old figure and the
    /// new ("the toll rose from 558 to 569", « est passé de 701 à 910 »),
    /// read as the new one.
    #[serde(default)]
    pub change_before: Vec<String>,
    /// The duration pattern, a regex template: `{amount}`, `{unit}`,
    /// `{month}`, `{counts}`, `{vague}`, `{qb}`, `{qa}`, `{marker}`,
    /// `{since}`, `{part}`, `{modifier}` and `{length}` are filled in from
    /// the pack's tables.
    #[serde(default)]
    pub duration: Option<String>,
    /// One length in the duration pattern (`{length}` there), with the same
    /// placeholders.
    #[serde(default)]
    pub duration_length: Option<String>,
}

/// Text-level words: sentence splitting and language detection.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// Abbreviations that end with a period without ending a sentence (folded).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Common short words that vote for the language (lowercase ASCII).
    #[serde(default)]
    pub detection: Vec<String>,
    /// The language guessed when votes tie.
    #[serde(default)]
    pub detection_default: Option<bool>,
    /// Determiners (data for rule authors).
    #[serde(default)]
    pub determiners: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierEntry {
    pub qualifier: Qualifier,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VagueEntry {
    pub phrases: Vec<String>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// A plural with no count ("thousands", « des centaines »), unlike a
    /// round one (« une centaine », "a dozen"): a claim of it is `vague`.
    #[serde(default)]
    pub indefinite: bool,
}

macro_rules! merge_section {
    ($a:expr, $b:expr; vec: $($v:ident),*; opt: $($o:ident),*) => {{
        match (&mut $a, $b) {
            (_, None) => {}
            (slot @ None, Some(b)) => *slot = Some(b),
            (Some(a), Some(b)) => {
                $(a.$v.extend(b.$v);)*
                $(if b.$o.is_some() { a.$o = b.$o; })*
            }
        }
    }};
}

/// Lists of words by position (units, months): a later file adds words to
/// the same positions.
fn zip_extend(a: &mut Vec<Vec<String>>, b: Vec<Vec<String>>) {
    for (i, words) in b.into_iter().enumerate() {
        match a.get_mut(i) {
            Some(slot) => slot.extend(words),
            None => a.push(words),
        }
    }
}

impl PackFile {
    /// Adds a later file of the same language.
    pub fn merge(&mut self, mut b: PackFile) {
        if let (Some(a), Some(n)) = (&mut self.numbers, &mut b.numbers) {
            zip_extend(&mut a.units, std::mem::take(&mut n.units));
            zip_extend(&mut a.teens, std::mem::take(&mut n.teens));
            zip_extend(&mut a.tens, std::mem::take(&mut n.tens));
        }
        if let (Some(a), Some(n)) = (&mut self.fractions, &mut b.fractions) {
            zip_extend(&mut a.units, std::mem::take(&mut n.units));
            zip_extend(&mut a.teens, std::mem::take(&mut n.teens));
            zip_extend(&mut a.tens, std::mem::take(&mut n.tens));
        }
        zip_extend(&mut self.months, std::mem::take(&mut b.months));
        zip_extend(&mut self.weekdays, std::mem::take(&mut b.weekdays));
        merge_section!(self.separators, b.separators; vec: decimal, decimal_also, group;
            opt: indian_grouping, dot_groups_comma_decimals);
        merge_section!(self.numbers, b.numbers; vec: zero, units, teens, tens, words, hundred,
            hundreds, multipliers, after_digits, articles, and, dozen, products, tens_take_teens,
            linked_teens, linked_units, negative, decimal_point, ratio, one_pronoun_after,
            one_pronoun_before, article_one_before, not_in_pattern;
            opt: hundred_alone, ten_plus_unit_from);
        merge_section!(self.fractions, b.fractions; vec: plain, units, teens, tens, multipliers,
            invariant, ranks, half, quarter, half_prefix, half_of, fraction_of, bare;
            opt: units_alone_from, tens_join_units, singular_needs_one);
        self.qualifiers.extend(b.qualifiers);
        self.vague.extend(b.vague);
        self.counts.extend(b.counts);
        merge_section!(self.phrases, b.phrases; vec: linker, or_equal, bounds_joined_by,
            rank_articles, ranges, range_words, not_people; opt: );
        merge_section!(self.durations, b.durations; vec: units, day_prefixes, whole, whole_after,
            entire_before, entire_after, half, half_then, fixed, modifiers, clock_before,
            plus_fraction, markers, since_articles, since_last, early, mid, late, part_of;
            opt: month_day);
        merge_section!(self.pattern, b.pattern; vec: half_after, range_open, range_join,
            duration_range_join, change_before; opt: digits, duration, duration_length);
        merge_section!(self.text, b.text; vec: abbreviations, detection, determiners;
            opt: detection_default);
        match (&mut self.speech, b.speech) {
            (_, None) => {}
            (slot @ None, Some(b)) => *slot = Some(b),
            (Some(a), Some(b)) => a.with_each_list(&b, |to, from| to.extend_from_slice(from)),
        }
    }
}
