//! Phrases around figures: qualifiers ("au moins 20"), ranges ("entre 20 et
//! 30"), vague quantities ("des milliers"), durations ("six semaines",
//! "depuis decembre 2022"). Every reader returns the token index just past
//! what it read and the quantity it stands for.

use super::lex::Kind;
use super::lexicon::Interval;
use super::num::TokenParser;
use super::words::{NumberWord, rank};
use crate::claim::{Qualifier, Quantity, TimeUnit};

/// What a candidate is, to break ties between spans of equal length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Sort {
    Number = 0,
    Vague = 1,
    Qualified = 2,
    Duration = 3,
}

/// One reading of tokens `start..end`.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub q: Quantity,
    pub sort: Sort,
}

/// Builds the interval a qualifier gives a figure.
pub(crate) fn with_qualifier(value: f64, qualifier: Qualifier, unit: Option<TimeUnit>) -> Quantity {
    let (low, high) = match qualifier {
        Qualifier::Exact | Qualifier::Range => (Some(value), Some(value)),
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(value), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(value)),
        Qualifier::About => {
            // ±10%, computed as 9/10 and 11/10 so round figures stay round.
            let (a, b) = (value * 9.0 / 10.0, value * 11.0 / 10.0);
            (Some(a.min(b)), Some(a.max(b)))
        }
    };
    Quantity {
        value,
        low,
        high,
        qualifier,
        unit,
        since: None,
    }
}

pub(crate) fn from_interval(iv: &Interval, scale: f64, unit: Option<TimeUnit>) -> Quantity {
    Quantity {
        value: iv.value * scale,
        low: iv.low.map(|v| v * scale),
        high: iv.high.map(|v| v * scale),
        qualifier: iv.qualifier,
        unit,
        since: None,
    }
}

pub(crate) fn range_q(low: f64, high: f64, unit: Option<TimeUnit>) -> Quantity {
    Quantity {
        value: low,
        low: Some(low),
        high: Some(high),
        qualifier: Qualifier::Range,
        unit,
        since: None,
    }
}

/// A qualifier read after the figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum After {
    Q(Qualifier),
    /// "or equal (to)": closes a strict bound.
    OrEqual,
}

impl<'a> TokenParser<'a> {
    pub(crate) fn before_qualifier(&self, i: usize) -> Option<(usize, Qualifier)> {
        let lex = &self.lang.lexicon;
        // "<>30", "=>30", "=<30" are not comparisons.
        if self.tok(i).is_some_and(|t| t.kind == Kind::Punct)
            && i > 0
            && self.attached(i)
            && matches!(self.punct(i - 1), Some("<" | ">" | "="))
        {
            return None;
        }
        for (ph, q) in &lex.before {
            if let Some(e) = ph.at(self, i) {
                if matches!(self.punct(e), Some("<" | ">" | "=")) {
                    return None;
                }
                return Some((e, *q));
            }
        }
        None
    }

    /// Starts a figure: digits or a number word.
    fn starts_figure(&self, i: usize) -> bool {
        self.num_tok(i).is_some()
            || self.cls(i).is_some_and(|w| {
                !matches!(w, NumberWord::Link | NumberWord::Art | NumberWord::Dozen)
            })
    }

    pub(crate) fn after_qualifier(&self, e: usize) -> Option<(usize, After)> {
        let lex = &self.lang.lexicon;
        let free = |k: usize| {
            !self.starts_figure(k)
                && !matches!(self.word(k), Some("than" | "que" | "de" | "d"))
                && !self.starts_figure(k + 1)
        };
        // "20 et plus petit que 30": the words open a new comparison.
        let opens = |k: usize| {
            (e + 1..=k).any(|p| {
                self.before_qualifier(p)
                    .is_some_and(|(j, _)| self.operand(j).is_some())
            })
        };
        for (ph, q) in &lex.after {
            if let Some(k) = ph.at(self, e)
                && free(k)
                && !opens(k)
            {
                return Some((k, After::Q(*q)));
            }
        }
        // "or equal (to)": the longest phrase that matches decides.
        let k = self.lang.words.or_equal.at(self, e)?;
        free(k).then_some((k, After::OrEqual))
    }

    /// A figure that a qualifier or a range can bound: a number, a vague
    /// quantity, or in English a rank ("the tenth").
    fn operand(&self, j: usize) -> Option<(usize, Quantity, Option<f64>)> {
        let mut best: Option<(usize, Quantity, Option<f64>)> = None;
        if let Some(n) = self.number(j) {
            best = Some((
                n.end,
                with_qualifier(n.value, Qualifier::Exact, None),
                n.mult,
            ));
        }
        if let Some((e, iv)) = self.vague(j)
            && best.as_ref().is_none_or(|b| e > b.0)
        {
            best = Some((e, from_interval(&iv, 1.0, None), None));
        }
        if best.is_none()
            && let Some(a) = self.lang.words.rank_articles.at(self, j)
            && let Some(v) = self.word(a).and_then(|w| rank(self.lang, w))
        {
            best = Some((a + 1, with_qualifier(v, Qualifier::Exact, None), None));
        }
        best
    }

    /// "au moins 20", "plus d'une centaine", "environ 20 a 30", "less than 5000 or equal".
    pub fn qualified(&self, i: usize) -> Option<(usize, Quantity)> {
        let (j, q) = self.before_qualifier(i)?;
        if q == Qualifier::About
            && let Some((e, r)) = self.range(j)
        {
            return Some((e, r));
        }
        let (e, base, _) = self.operand(j)?;
        let mut out = if base.qualifier == Qualifier::Exact {
            with_qualifier(base.value, q, None)
        } else if q == Qualifier::About || q == Qualifier::Exact {
            base
        } else {
            with_qualifier(base.value, q, None)
        };
        let mut end = e;
        if let Some((k, a)) = self.after_qualifier(e) {
            match a {
                After::Q(aq) if aq != Qualifier::About && aq != Qualifier::Exact => {
                    out = with_qualifier(out.value, aq, None);
                    end = k;
                }
                After::OrEqual => {
                    let closed = match q {
                        Qualifier::MoreThan => Some(Qualifier::AtLeast),
                        Qualifier::LessThan => Some(Qualifier::AtMost),
                        _ => None,
                    };
                    if let Some(c) = closed {
                        out = with_qualifier(out.value, c, None);
                        end = k;
                    }
                }
                _ => {}
            }
        }
        Some((end, out))
    }

    /// "20 ou plus", "five hundred or less", "200 or greater than".
    pub fn trailing(&self, i: usize) -> Option<(usize, Quantity)> {
        let (e, base, _) = self.operand(i)?;
        let (k, a) = self.after_qualifier(e)?;
        match a {
            After::Q(q) if q == Qualifier::About && base.qualifier != Qualifier::Exact => None,
            After::Q(q) => Some((k, with_qualifier(base.value, q, None))),
            After::OrEqual => None,
        }
    }

    /// Two bounds joined: "more than 10 and less than 40", "at most 100 and at least 20".
    pub fn combined(&self, i: usize) -> Option<(usize, Quantity)> {
        let (e1, q1) = self.qualified(i)?;
        let mut j = e1;
        if self.is_punct(j, ",") {
            j += 1;
        }
        if let Some(e) = self.lang.words.bounds_joined_by.at(self, j) {
            j = e;
        } else if j == e1 {
            return None;
        }
        let (e2, q2) = self.qualified(j)?;
        let lower = |q: &Quantity| matches!(q.qualifier, Qualifier::AtLeast | Qualifier::MoreThan);
        let upper = |q: &Quantity| matches!(q.qualifier, Qualifier::AtMost | Qualifier::LessThan);
        let (lo, hi) = if lower(&q1) && upper(&q2) {
            (q1.value, q2.value)
        } else if upper(&q1) && lower(&q2) {
            (q2.value, q1.value)
        } else {
            return None;
        };
        (lo < hi).then(|| (e2, range_q(lo, hi, None)))
    }

    /// Whether a figure in digits at `k` is part of a dash or slash chain
    /// (phone numbers, dates): "+1-222-2222", "2022-12-01".
    fn chained_left(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| t.kind == Kind::Num)
            && k > 0
            && self.attached(k)
            && matches!(self.punct(k - 1), Some("-" | "/" | "+" | "."))
    }

    fn chained_right(&self, e: usize) -> bool {
        self.attached(e)
            && matches!(self.punct(e), Some("-" | "/"))
            && self
                .tok(e + 1)
                .is_some_and(|t| t.kind == Kind::Num && !t.space)
    }

    /// "entre 20 et 30", "de 20 a 30", "between 20 and 30", "20 to 30", "20-30".
    pub fn range(&self, i: usize) -> Option<(usize, Quantity)> {
        let lead = self
            .lang
            .words
            .ranges
            .iter()
            .find_map(|(open, close)| Some((open.at(self, i)?, close)));
        if let Some((start, close)) = lead {
            let (ea, a, am) = self.operand(start)?;
            if a.qualifier != Qualifier::Exact {
                return None;
            }
            let mid = close.at(self, ea)?;
            let (eb, b, bm) = self.operand(mid)?;
            if b.qualifier != Qualifier::Exact {
                return None;
            }
            let lo = share_mult(a.value, am, b.value, bm);
            return (lo < b.value).then(|| (eb, range_q(lo, b.value, None)));
        }
        // Bare "A to B", "A-B", "A ou B".
        let a = self.number(i)?;
        if self.chained_left(i) {
            return None;
        }
        let dash = matches!(self.punct(a.end), Some("-" | "~"));
        let after = if dash {
            a.end + 1
        } else {
            self.lang.words.range_words.at(self, a.end)?
        };
        let b = self.number(after)?;
        if dash && (self.chained_right(b.end) || a.words != b.words) {
            return None;
        }
        if b.bare_one && !dash {
            return None;
        }
        let lo = share_mult(a.value, a.mult, b.value, b.mult);
        (lo < b.value).then(|| (b.end, range_q(lo, b.value, None)))
    }

    /// A vague quantity from the lexicon: "des milliers", "une dizaine", "dozens".
    pub fn vague(&self, i: usize) -> Option<(usize, Interval)> {
        for (ph, iv) in &self.lang.lexicon.vague {
            if let Some(e) = ph.at(self, i) {
                return Some((e, *iv));
            }
        }
        None
    }

    pub(crate) fn count_word(&self, i: usize) -> Option<(usize, Interval)> {
        for (ph, iv) in &self.lang.lexicon.counts {
            if let Some(e) = ph.at(self, i) {
                return Some((e, *iv));
            }
        }
        None
    }
}

/// "2 a 3 millions": the low end takes the high end's multiplier.
fn share_mult(a: f64, am: Option<f64>, b: f64, bm: Option<f64>) -> f64 {
    match (am, bm) {
        (None, Some(m)) if m > 0.0 && a > 0.0 && a <= b / m => a * m,
        _ => a,
    }
}
