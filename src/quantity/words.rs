//! Closed word classes the grammar needs: number words, fraction words,
//! time units, month names. Everything is folded (lowercase, no accents).

use super::lex::Lang;
use crate::claim::TimeUnit;

/// The grammatical class of a number word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum W {
    Zero,
    /// 1..=9
    Unit(u8),
    /// 10..=19
    Teen(u8),
    /// 20, 30, ..., 90
    Tens(u8),
    Hundred,
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

/// Classifies a folded word.
pub(crate) fn classify(lang: Lang, w: &str) -> Option<W> {
    use W::*;
    let m = |value: f64| {
        Some(Mult {
            value,
            suffix: false,
        })
    };
    let s = |value: f64| {
        Some(Mult {
            value,
            suffix: true,
        })
    };
    match lang {
        Lang::Fr => match w {
            "zero" => Some(Zero),
            "un" | "une" => Some(Unit(1)),
            "deux" => Some(Unit(2)),
            "trois" => Some(Unit(3)),
            "quatre" => Some(Unit(4)),
            "cinq" => Some(Unit(5)),
            "six" => Some(Unit(6)),
            "sept" => Some(Unit(7)),
            "huit" => Some(Unit(8)),
            "neuf" => Some(Unit(9)),
            "dix" => Some(Teen(10)),
            "onze" => Some(Teen(11)),
            "douze" => Some(Teen(12)),
            "treize" => Some(Teen(13)),
            "quatorze" => Some(Teen(14)),
            "quinze" => Some(Teen(15)),
            "seize" => Some(Teen(16)),
            "vingt" | "vingts" => Some(Tens(20)),
            "trente" => Some(Tens(30)),
            "quarante" => Some(Tens(40)),
            "cinquante" => Some(Tens(50)),
            "soixante" => Some(Tens(60)),
            "septante" => Some(Tens(70)),
            "huitante" | "octante" => Some(Tens(80)),
            "nonante" => Some(Tens(90)),
            "cent" | "cents" => Some(Hundred),
            "mille" | "mil" => m(1e3),
            "million" | "millions" => m(1e6),
            "milliard" | "milliards" => m(1e9),
            "billion" | "billions" => m(1e12),
            "trillion" | "trillions" => m(1e18),
            "k" => s(1e3),
            "md" | "mds" | "mrd" | "mrds" => s(1e9),
            "et" => Some(Link),
            "douzaine" | "douzaines" => Some(Dozen),
            _ => None,
        },
        Lang::En => match w {
            "zero" | "nought" | "naught" => Some(Zero),
            "one" => Some(Unit(1)),
            "two" => Some(Unit(2)),
            "three" => Some(Unit(3)),
            "four" => Some(Unit(4)),
            "five" => Some(Unit(5)),
            "six" => Some(Unit(6)),
            "seven" => Some(Unit(7)),
            "eight" => Some(Unit(8)),
            "nine" => Some(Unit(9)),
            "ten" => Some(Teen(10)),
            "eleven" => Some(Teen(11)),
            "twelve" => Some(Teen(12)),
            "thirteen" => Some(Teen(13)),
            "fourteen" => Some(Teen(14)),
            "fifteen" => Some(Teen(15)),
            "sixteen" => Some(Teen(16)),
            "seventeen" => Some(Teen(17)),
            "eighteen" => Some(Teen(18)),
            "nineteen" => Some(Teen(19)),
            "twenty" => Some(Tens(20)),
            "thirty" => Some(Tens(30)),
            "forty" | "fourty" => Some(Tens(40)),
            "fifty" => Some(Tens(50)),
            "sixty" => Some(Tens(60)),
            "seventy" => Some(Tens(70)),
            "eighty" => Some(Tens(80)),
            "ninety" => Some(Tens(90)),
            "hundred" | "hundreds" => Some(Hundred),
            "thousand" | "thousands" => m(1e3),
            "million" | "millions" => m(1e6),
            "billion" | "billions" => m(1e9),
            "trillion" | "trillions" => m(1e12),
            "lakh" | "lakhs" | "lac" | "lacs" => m(1e5),
            "crore" | "crores" => m(1e7),
            "k" => s(1e3),
            "mil" | "mln" | "mn" => s(1e6),
            "b" | "bn" | "bln" => s(1e9),
            "tn" | "tln" => s(1e12),
            "a" | "an" => Some(Art),
            "and" => Some(Link),
            "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs" => Some(Dozen),
            _ => None,
        },
        Lang::Other => None,
    }
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
pub(crate) fn ordinal(lang: Lang, w: &str) -> Option<(Frac, bool)> {
    use Frac::*;
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if !matches!(w, "tiers") => (s, true),
        _ => (w, false),
    };
    let o = match lang {
        Lang::Fr => match stem {
            "demi" | "demie" => Plain(2),
            "tiers" => Plain(3),
            "quart" => Plain(4),
            "unieme" | "premier" | "premiere" => Unit { v: 1, alone: false },
            "deuxieme" => Unit { v: 2, alone: false },
            "troisieme" => Unit { v: 3, alone: true },
            "quatrieme" => Unit { v: 4, alone: true },
            "cinquieme" => Unit { v: 5, alone: true },
            "sixieme" => Unit { v: 6, alone: true },
            "septieme" => Unit { v: 7, alone: true },
            "huitieme" => Unit { v: 8, alone: true },
            "neuvieme" => Unit { v: 9, alone: true },
            "dixieme" => Teen(10),
            "onzieme" => Teen(11),
            "douzieme" => Teen(12),
            "treizieme" => Teen(13),
            "quatorzieme" => Teen(14),
            "quinzieme" => Teen(15),
            "seizieme" => Teen(16),
            "vingtieme" => Tens(20),
            "trentieme" => Tens(30),
            "quarantieme" => Tens(40),
            "cinquantieme" => Tens(50),
            "soixantieme" => Tens(60),
            "septantieme" => Tens(70),
            "huitantieme" | "octantieme" => Tens(80),
            "nonantieme" => Tens(90),
            "centieme" => Mult(1e2),
            "millieme" => Mult(1e3),
            "millionieme" => Mult(1e6),
            "milliardieme" => Mult(1e9),
            "billionieme" => Mult(1e12),
            _ => return None,
        },
        Lang::En => match stem {
            "half" => Plain(2),
            "halve" => Plain(2),
            "third" => Plain(3),
            "quarter" => Plain(4),
            "first" => Unit { v: 1, alone: false },
            "second" => Unit { v: 2, alone: false },
            "fourth" => Unit { v: 4, alone: true },
            "fifth" => Unit { v: 5, alone: true },
            "sixth" => Unit { v: 6, alone: true },
            "seventh" => Unit { v: 7, alone: true },
            "eighth" => Unit { v: 8, alone: true },
            "ninth" => Unit { v: 9, alone: true },
            "tenth" => Teen(10),
            "eleventh" => Teen(11),
            "twelfth" => Teen(12),
            "thirteenth" => Teen(13),
            "fourteenth" => Teen(14),
            "fifteenth" => Teen(15),
            "sixteenth" => Teen(16),
            "seventeenth" => Teen(17),
            "eighteenth" => Teen(18),
            "nineteenth" => Teen(19),
            "twentieth" => Tens(20),
            "thirtieth" => Tens(30),
            "fortieth" | "fourtieth" => Tens(40),
            "fiftieth" => Tens(50),
            "sixtieth" => Tens(60),
            "seventieth" => Tens(70),
            "eightieth" => Tens(80),
            "ninetieth" => Tens(90),
            "hundredth" => Mult(1e2),
            "thousandth" => Mult(1e3),
            "millionth" => Mult(1e6),
            "billionth" => Mult(1e9),
            "trillionth" => Mult(1e12),
            _ => return None,
        },
        Lang::Other => return None,
    };
    // "halves" strips to "halve"; "tiers" is both singular and plural.
    Some((o, plural || w == "tiers"))
}

/// The value of an ordinal used as a rank ("the tenth" = 10), singular only.
pub(crate) fn rank(lang: Lang, w: &str) -> Option<f64> {
    match w {
        "first" | "premier" | "premiere" => return Some(1.0),
        "second" | "deuxieme" | "seconde" => return Some(2.0),
        "third" | "troisieme" => return Some(3.0),
        _ => {}
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
pub(crate) fn time_unit(lang: Lang, w: &str) -> Option<(TimeUnit, f64, bool)> {
    use TimeUnit::*;
    let u = match lang {
        Lang::Fr => match w {
            "seconde" | "secondes" => (Seconds, 1.0, false),
            "sec" | "secs" => (Seconds, 1.0, true),
            "minute" | "minutes" => (Minutes, 1.0, false),
            "min" | "mins" | "mn" => (Minutes, 1.0, false),
            "heure" | "heures" => (Hours, 1.0, false),
            "h" | "hr" | "hrs" => (Hours, 1.0, true),
            "jour" | "jours" | "journee" | "journees" | "nuit" | "nuits" => (Days, 1.0, false),
            "semaine" | "semaines" => (Weeks, 1.0, false),
            "weekend" | "weekends" => (Days, 2.0, false),
            "mois" => (Months, 1.0, false),
            "trimestre" | "trimestres" => (Months, 3.0, false),
            "semestre" | "semestres" => (Months, 6.0, false),
            "an" | "ans" | "annee" | "annees" => (Years, 1.0, false),
            "decennie" | "decennies" => (Years, 10.0, false),
            _ => return None,
        },
        Lang::En => match w {
            "second" | "seconds" => (Seconds, 1.0, false),
            "sec" | "secs" => (Seconds, 1.0, false),
            "minute" | "minutes" | "min" | "mins" => (Minutes, 1.0, false),
            "hour" | "hours" | "hr" | "hrs" => (Hours, 1.0, false),
            "h" => (Hours, 1.0, true),
            "day" | "days" | "night" | "nights" => (Days, 1.0, false),
            "week" | "weeks" | "wk" | "wks" => (Weeks, 1.0, false),
            "weekend" | "weekends" => (Days, 2.0, false),
            "fortnight" | "fortnights" => (Weeks, 2.0, false),
            "month" | "months" => (Months, 1.0, false),
            "year" | "years" | "yr" | "yrs" => (Years, 1.0, false),
            "decade" | "decades" => (Years, 10.0, false),
            _ => return None,
        },
        Lang::Other => return None,
    };
    Some(u)
}

/// A month name (full or abbreviated) and its number.
pub(crate) fn month(lang: Lang, w: &str) -> Option<i8> {
    let m = match lang {
        Lang::Fr => match w {
            "janvier" | "janv" => 1,
            "fevrier" | "fevr" | "fev" => 2,
            "mars" => 3,
            "avril" | "avr" => 4,
            "mai" => 5,
            "juin" => 6,
            "juillet" | "juil" => 7,
            "aout" => 8,
            "septembre" | "sept" => 9,
            "octobre" | "oct" => 10,
            "novembre" | "nov" => 11,
            "decembre" | "dec" => 12,
            _ => return None,
        },
        Lang::En => match w {
            "january" | "jan" => 1,
            "february" | "feb" => 2,
            "march" | "mar" => 3,
            "april" | "apr" => 4,
            "may" => 5,
            "june" | "jun" => 6,
            "july" | "jul" => 7,
            "august" | "aug" => 8,
            "september" | "sep" | "sept" => 9,
            "october" | "oct" => 10,
            "november" | "nov" => 11,
            "december" | "dec" => 12,
            _ => return None,
        },
        Lang::Other => return None,
    };
    Some(m)
}

/// Number words of a language that may start a figure, for the patterns.
pub(crate) const FR_NUMBER_WORDS: &[&str] = &[
    "zero",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "vingt",
    "vingts",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
    "septante",
    "huitante",
    "octante",
    "nonante",
    "cent",
    "cents",
    "mille",
];
/// Number words that continue a figure but do not start one.
pub(crate) const FR_NUMBER_CONT: &[&str] = &[
    "un",
    "une",
    "million",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "billions",
];
pub(crate) const FR_MULT_WORDS: &[&str] = &[
    "mille",
    "million",
    "millions",
    "milliard",
    "milliards",
    "billion",
    "billions",
];
pub(crate) const EN_NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
];
pub(crate) const EN_NUMBER_CONT: &[&str] = &[
    "hundred", "thousand", "million", "millions", "billion", "billions", "trillion",
];
pub(crate) const EN_MULT_WORDS: &[&str] = &[
    "hundred", "thousand", "million", "millions", "billion", "billions", "trillion", "dozen",
];
