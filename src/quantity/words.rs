//! Closed word classes the grammar needs: number words, fraction words,
//! time units, month names. The words themselves are in each language's
//! pack (`rules/lang/<code>/`); this is what the grammar knows of them.
//! Everything is folded (lowercase, no accents).

use crate::claim::TimeUnit;
use crate::lang::LangPack;

/// The grammatical class of a number word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumberWord {
    Zero,
    /// 1..=9
    Unit(u8),
    /// 10..=19
    Teen(u8),
    /// 20, 30, ..., 90
    Tens(u8),
    Hundred,
    /// A whole number of hundreds in one word ("doscientos" = 200).
    Hundreds(u16),
    /// thousand, million...; `suffix` words only follow digits ("10k", "2 bn").
    Mult {
        value: f64,
        suffix: bool,
    },
    /// "a", "an": one, before a multiplier or a fraction only.
    Art,
    /// "and", "et"
    Link,
    /// dozen, douzaine
    Dozen,
}

/// A fraction word ("fifth", "cinquiemes") and how it compounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Frac {
    /// first..ninth (1..=9); `alone` says whether it can be a denominator
    /// without a tens prefix ("a fifth" yes, "a first" no).
    Unit {
        v: u8,
        alone: bool,
    },
    Teen(u8),
    Tens(u8),
    /// hundredth, thousandth, millionth...
    Mult(f64),
    /// half, demi, third, tiers, quarter, quart: never compounded.
    Plain(u8),
}

/// Classifies a fraction word; the flag is true for a plural ("fifths").
pub(crate) fn ordinal(lang: &LangPack, w: &str) -> Option<(Frac, bool)> {
    if lang.ordinals.is_empty() {
        return None;
    }
    // "halves" strips to "halve"; an invariant word ("tiers") is both.
    let invariant = lang.invariant.iter().any(|x| &**x == w);
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if !invariant => (s, true),
        _ => (w, false),
    };
    let o = *lang.ordinals.get(stem)?;
    Some((o, plural || invariant))
}

/// The value of an ordinal used as a rank ("the tenth" = 10), singular only.
pub(crate) fn rank(lang: &LangPack, w: &str) -> Option<f64> {
    if let Some(&v) = lang.ranks.get(w) {
        return Some(v);
    }
    match ordinal(lang, w)? {
        (Frac::Unit { v, .. } | Frac::Teen(v) | Frac::Tens(v), false) => Some(f64::from(v)),
        (Frac::Mult(m), false) => Some(m),
        _ => None,
    }
}

/// A time unit word: the unit and how many of it one word stands for
/// ("fortnight" = 2 weeks, "weekend" = 2 days, "decade" = 10 years).
/// `digits_only` units ("h", "min") are only read after a figure in digits.
pub(crate) fn time_unit(lang: &LangPack, w: &str) -> Option<(TimeUnit, f64, bool)> {
    if lang.time_units.is_empty() {
        return None;
    }
    lang.time_units.get(w).copied()
}

/// A month name (full or abbreviated) and its number.
pub(crate) fn month(lang: &LangPack, w: &str) -> Option<i8> {
    lang.months.get(w).copied()
}
