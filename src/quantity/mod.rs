//! The quantity recogniser: figures, ranges, vague quantities and durations
//! in news text, read as intervals. What it knows of a language (number
//! words, separators, qualifiers, units, months) comes from the language's
//! pack ([`crate::lang`], `rules/lang/<code>/`); without a pack it reads digits.
//!
//! # How it reads
//!
//! Text is folded first (see [`crate::text::fold`]), then tokenized (`lex`):
//! figures in digits are read there with the separator conventions of the
//! language's pack. A grammar over tokens (`num`, `phrase`) reads every
//! candidate at every token: a figure ("vingt-neuf", "2,5 millions",
//! "trois quarts"), a qualified figure ("au moins 20"), a range ("entre 20
//! et 30"), a vague quantity ("des milliers", from the pack's lexicon in
//! `rules/lang/<code>/lexicon.yaml`), a duration ("six semaines", "depuis decembre 2022").
//! [`scan`] keeps the longest candidates that do not overlap.
//!
//! Rule authors use [`quantity_pattern`] / [`duration_pattern`], regexes
//! built from the same word lists, to find spans, and [`parse_quantity`] /
//! [`parse_duration`] to read them.
//!
//! # Choices
//!
//! - **Articles.** In [`scan`], French "un"/"une" alone is read as 1 (the
//!   Recognizers-Text suite expects it: "un vent glacial" → 1); English
//!   "a"/"an" alone never is, and English "one" is not read after a
//!   determiner ("the one you mentioned"). In [`quantity_pattern`] a bare
//!   article does not match unless a number word, a multiplier or a vague
//!   noun follows ("un millier", "a hundred", "une dizaine") or a qualifier
//!   precedes it ("au moins un", "plus d'un"): `{quantity} morts` should not
//!   fire on every indefinite article. [`parse_quantity`] reads "un" as 1.
//! - **Vague quantities** come from `rules/lang/{fr,en}/lexicon.yaml`: "about N"
//!   words keep their nominal figure ("une dizaine" = about 10, [8, 12]);
//!   plurals take their logical minimum as an open lower bound ("des
//!   milliers" = at least 2000, "dozens" = at least 24).
//! - **Qualifiers** become intervals: at least [v, ∞), more than (v, ∞) with
//!   low = v, at most / less than (−∞, v] / (−∞, v) with low = None, about
//!   [0.9v, 1.1v], range [X, Y] with value X (the conservative bound).
//! - **Since-dates** ("depuis decembre 2022") count whole months from the
//!   start of the named period to the document date (value), and fractional
//!   months from the latest / earliest possible start day (low / high);
//!   `since` keeps the earliest start day. A period named without a year is
//!   the most recent one that started on or before the document date.
//! - **Durations** keep their unit; compounds are summed in the smaller unit
//!   (in days once weeks, months or years mix): "1 hour and 30 minutes" = 90
//!   minutes. "quinze jours" is 2 weeks, "quelques semaines" about 3 weeks.
//!   A comma joins lengths only as in "un an, un mois et 21 jours".
//! - **Case** is only known to [`scan`]: "10M", "1,674.5 G" and "10D" are
//!   read there as multipliers / units; lowercase "10m", "10g" are metres and
//!   grams, not figures.
//!
//! # Not read
//!
//! - A minus sign separated from its figure ("- 10 k"): at the start of a
//!   line it is far more often a bullet.
//! - Ordinals as figures, except as bounds ("between the tenth and the
//!   fifteenth"): "le 4 mai", "the first" are not counts.
//! - Dates other than since-dates, and since-phrases without a date
//!   ("depuis le début de la guerre"); "il y a trois ans" is read as a length.
//! - A change read as a range: "passé de 200 à 300" gives [200, 300].
//! - "quelques" / "a few" before a noun ("quelques morts"): only before a
//!   figure (about) or a time unit (3 units).
//! - Upstream splits we do not follow: "one hundred one thousand fifths"
//!   (100/1005), "more than 2 in 5" read as more than 0.4.

mod duration;
mod figure;
mod fraction;
mod lex;
mod lexicon;
mod num;
pub(crate) mod pack;
mod pattern;
mod phrase;
pub mod tokens;
mod words;

#[cfg(test)]
mod tests;

use jiff::civil::Date;
use serde::Serialize;

use crate::claim::{Qualifier, Quantity, TimeUnit};
use crate::lang::LangPack;
use crate::text::fold::Folded;
use lex::{Kind, tokenize};
use num::TokenParser;
use phrase::{Cand, Sort, with_qualifier};

/// One quantity found by [`scan`], with its span in the original text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found {
    /// The original text of the span.
    pub text: String,
    /// Byte offsets in the original text.
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "crate::claim::ser_num")]
    pub value: f64,
    #[serde(serialize_with = "crate::claim::ser_opt_num")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::claim::ser_opt_num")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub unit: Option<TimeUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Date>,
}

/// Regex source matching one quantity in folded text: optional qualifier +
/// a number, a range, or a vague quantity. Compiles with
/// `regex::bytes::RegexBuilder::new(..).unicode(false)` inside a larger
/// pattern and has no capture groups. After a vague quantity it absorbs a
/// following "de" / "d'" / "of", so `{quantity} morts` matches "des milliers
/// de morts" (with elision, write `{quantity} ?habitants`).
/// Languages without a pack get a digits-only pattern.
pub fn quantity_pattern(lang: &LangPack) -> &str {
    &lang.patterns.quantity
}

/// [`quantity_pattern`] without what may follow the figure ("de", "of"):
/// what the figure scanner of [`crate::quantity::tokens`] finds.
pub fn figure_pattern(lang: &LangPack) -> &str {
    &lang.patterns.figure
}

/// The qualifier words that may open a quantity ("au moins ", "more than "):
/// in tokenized text they stay visible before the figure's token.
pub fn qualifier_pattern(lang: &LangPack) -> &str {
    &lang.patterns.qualifier
}

/// The optional words between a quantity and what it counts: ` de`, ` d'`, ` of`.
pub fn quantity_linker(lang: &LangPack) -> &str {
    &lang.patterns.linker
}

/// Regex source matching a duration: a length ("8 mois", "for nine months",
/// "plus de neuf mois") or a since-date ("depuis decembre 2022", "since last
/// december"). A leading marker word (depuis, pendant, durant, since, for,
/// over the past...) is part of the match when present.
pub fn duration_pattern(lang: &LangPack) -> &str {
    &lang.patterns.duration
}

/// Parses a folded span matched by [`quantity_pattern`]: the longest reading
/// that starts at its first token. `None` when nothing there reads as a quantity.
pub fn parse_quantity(text: &str, lang: &LangPack) -> Option<Quantity> {
    let toks = tokenize(text, &lang.seps);
    let p = TokenParser::new(text, &toks, lang);
    let mut cands = Vec::new();
    counts_at(&p, 0, &mut cands);
    cands
        .into_iter()
        .filter(|c| c.start == 0 && plausible(c.q.value))
        .max_by(|a, b| a.end.cmp(&b.end).then(a.sort.cmp(&b.sort)))
        .map(|c| c.q)
}

/// Whether the figure at `span` of a folded text holds an indefinite vague
/// quantity of the lexicon ("thousands", « des milliers », "dozens"): a
/// bound, not a count anyone made (« une centaine » is a round count). `false`
/// with no span.
pub fn is_vague(text: &str, span: Option<(usize, usize)>, lang: &LangPack) -> bool {
    let Some(text) = span.and_then(|(s, e)| text.get(s..e)) else {
        return false;
    };
    let toks = tokenize(text, &lang.seps);
    let p = TokenParser::new(text, &toks, lang);
    (0..toks.len()).any(|i| p.vague(i).is_some_and(|(_, iv)| iv.indefinite))
}

/// Largest figure read as a quantity: beyond it ("1e308") the text is not a count.
pub const MAX_FIGURE: f64 = 1e16;

fn plausible(v: f64) -> bool {
    v.is_finite() && v.abs() <= MAX_FIGURE
}

/// Parses a folded span matched by [`duration_pattern`]. A length keeps its
/// unit ("44 jours" → 44 days). A since-date is counted against `doc_date`
/// (see the module documentation); without `doc_date` it gives `None`.
pub fn parse_duration(text: &str, lang: &LangPack, doc_date: Option<Date>) -> Option<Quantity> {
    let toks = tokenize(text, &lang.seps);
    let p = TokenParser::new(text, &toks, lang);
    if !lang.has_words() {
        return other_duration(&p);
    }
    p.duration(0, doc_date).map(|(_, q)| q)
}

/// "12 days" for languages without a pack: a figure and a unit word of any
/// pack (the digits-only pack holds them all).
fn other_duration(p: &TokenParser) -> Option<Quantity> {
    let t = p.num_tok(0)?;
    let w = p.word(1)?;
    let (u, f, _) = words::time_unit(p.lang, w)?;
    Some(with_qualifier(t.val * f, Qualifier::Exact, Some(u)))
}

/// Converts a duration to another unit (month = 30 days, year = 365 days,
/// but a year is twelve months: "more than a year" is more than 12
/// months), scaling value, low and high; `since` is kept. A count (no unit)
/// is returned unchanged.
pub fn convert(q: &Quantity, to: TimeUnit) -> Quantity {
    let Some(from) = q.unit else {
        return q.clone();
    };
    let k = match (from, to) {
        (TimeUnit::Years, TimeUnit::Months) => 12.0,
        (TimeUnit::Months, TimeUnit::Years) => 1.0 / 12.0,
        _ => from.seconds() / to.seconds(),
    };
    Quantity {
        value: q.value * k,
        low: q.low.map(|v| v * k),
        high: q.high.map(|v| v * k),
        qualifier: q.qualifier,
        unit: Some(to),
        since: q.since,
    }
}

/// Recognises every number, range and duration in RAW text: folds it, reads
/// every candidate, keeps the longest non-overlapping ones (the longest span
/// wins, then the leftmost), and maps spans back to byte offsets of `text`.
pub fn scan(text: &str, lang: &LangPack, doc_date: Option<Date>) -> Vec<Found> {
    let folded = Folded::new(text, 0);
    let toks = tokenize(&folded.text, &lang.seps);
    let upper = |i: usize| -> bool {
        let (s, e) = folded.original_span(i, i + 1);
        text.get(s..e)
            .is_some_and(|c| c.chars().any(char::is_uppercase))
    };
    let p = TokenParser {
        text: &folded.text,
        toks: &toks,
        lang,
        upper: Some(&upper),
    };
    let mut cands: Vec<Cand> = Vec::new();
    for i in 0..toks.len() {
        counts_at(&p, i, &mut cands);
        if let Some((e, q)) = p.duration(i, doc_date) {
            cands.push(Cand {
                start: i,
                end: e,
                q,
                sort: Sort::Duration,
            });
        }
    }
    let chosen = resolve(&p, cands);
    chosen
        .into_iter()
        .filter_map(|c| {
            let fs = toks.get(c.start)?.start;
            let fe = toks.get(c.end.checked_sub(1)?)?.end;
            let (s, e) = folded.original_span(fs, fe);
            let t = text.get(s..e)?;
            Some(Found {
                text: t.to_string(),
                start: s,
                end: e,
                value: c.q.value,
                low: c.q.low,
                high: c.q.high,
                qualifier: c.q.qualifier,
                unit: c.q.unit,
                since: c.q.since,
            })
        })
        .collect()
}

/// Adds the qualified readings found starting at token `start`.
fn qualified<const N: usize>(
    out: &mut Vec<Cand>,
    start: usize,
    found: [Option<(usize, Quantity)>; N],
) {
    out.extend(found.into_iter().flatten().map(|(end, q)| Cand {
        start,
        end,
        q,
        sort: Sort::Qualified,
    }));
}

/// Every count reading (not durations) starting at token `i`.
fn counts_at(p: &TokenParser, i: usize, out: &mut Vec<Cand>) {
    let Some(t) = p.tok(i) else { return };
    if t.kind == Kind::Word || t.kind == Kind::Num {
        if let Some(n) = p.number(i) {
            // "the one you mentioned", "one another": a pronoun.
            let pronoun = n.bare_one
                && (i
                    .checked_sub(1)
                    .and_then(|b| p.word(b))
                    .is_some_and(|w| p.lang.one_pronoun_after.iter().any(|d| &**d == w))
                    || p.word(i + 1)
                        .is_some_and(|w| p.lang.one_pronoun_before.iter().any(|d| &**d == w)));
            if !pronoun {
                out.push(Cand {
                    start: i,
                    end: n.end,
                    q: with_qualifier(n.value, Qualifier::Exact, None),
                    sort: Sort::Number,
                });
            }
        }
        if let Some((e, iv)) = p.vague(i) {
            out.push(Cand {
                start: i,
                end: e,
                q: Quantity {
                    value: iv.value,
                    low: iv.low,
                    high: iv.high,
                    qualifier: iv.qualifier,
                    unit: None,
                    since: None,
                },
                sort: Sort::Vague,
            });
        }
        qualified(out, i, [p.range(i), p.trailing(i)]);
    }
    qualified(out, i, [p.qualified(i), p.combined(i)]);
}

/// Keeps the longest candidates that do not overlap (then the leftmost,
/// then the richer reading), in text order.
fn resolve(p: &TokenParser, mut cands: Vec<Cand>) -> Vec<Cand> {
    let bytes = |c: &Cand| -> (usize, usize) {
        let s = p.tok(c.start).map_or(0, |t| t.start);
        let e = c
            .end
            .checked_sub(1)
            .and_then(|k| p.tok(k))
            .map_or(s, |t| t.end);
        (s, e)
    };
    cands.retain(|c| c.end > c.start && plausible(c.q.value));
    cands.sort_by(|a, b| {
        let (sa, ea) = bytes(a);
        let (sb, eb) = bytes(b);
        (eb - sb)
            .cmp(&(ea - sa))
            .then(sa.cmp(&sb))
            .then(b.sort.cmp(&a.sort))
    });
    // Chosen token intervals, kept sorted by start.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Cand> = Vec::new();
    for c in cands {
        let pos = taken.partition_point(|&(s, _)| s < c.start);
        let clash_prev = pos > 0 && taken[pos - 1].1 > c.start;
        let clash_next = pos < taken.len() && taken[pos].0 < c.end;
        if clash_prev || clash_next {
            continue;
        }
        taken.insert(pos, (c.start, c.end));
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}
