//! Phrases around figures: qualifiers ("au moins 20"), ranges ("entre 20 et
//! 30"), vague quantities ("des milliers"), durations ("six semaines",
//! "depuis decembre 2022"). Every reader returns the token index just past
//! what it read and the quantity it stands for.

use jiff::Unit;
use jiff::civil::Date;

use super::lex::Kind;
use super::lexicon::Interval;
use super::num::P;
use super::words::{W, month, rank, time_unit};
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

fn from_interval(iv: &Interval, scale: f64, unit: Option<TimeUnit>) -> Quantity {
    Quantity {
        value: iv.value * scale,
        low: iv.low.map(|v| v * scale),
        high: iv.high.map(|v| v * scale),
        qualifier: iv.qualifier,
        unit,
        since: None,
    }
}

fn range_q(low: f64, high: f64, unit: Option<TimeUnit>) -> Quantity {
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
enum After {
    Q(Qualifier),
    /// "or equal (to)": closes a strict bound.
    OrEqual,
}

impl<'a> P<'a> {
    fn before_qualifier(&self, i: usize) -> Option<(usize, Qualifier)> {
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
            || self
                .cls(i)
                .is_some_and(|w| !matches!(w, W::Link | W::Art | W::Dozen))
    }

    fn after_qualifier(&self, e: usize) -> Option<(usize, After)> {
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

    fn count_word(&self, i: usize) -> Option<(usize, Interval)> {
        for (ph, iv) in &self.lang.lexicon.counts {
            if let Some(e) = ph.at(self, i) {
                return Some((e, *iv));
            }
        }
        None
    }

    /// A time unit at `k`: (unit, factor, index past it).
    fn unit_at(&self, k: usize, after_digits: bool) -> Option<(TimeUnit, f64, usize)> {
        let w = self.word(k)?;
        // "business day", "week-end"
        if let Some(e) = self.lang.words.day_prefixes.at(self, k) {
            let (u, f, e) = self.unit_at(e, after_digits)?;
            return (u == TimeUnit::Days).then_some((u, f, e));
        }
        if self.is_punct(k + 1, "-")
            && let Some(second) = self.word(k + 2)
            && let Some((_, _, (u, f, _))) = self
                .lang
                .hyphen_units
                .iter()
                .find(|(a, b, _)| **a == *w && **b == *second)
        {
            return Some((*u, *f, k + 3));
        }
        // "10D", "3Y", "2W" glued to digits, in capitals (scan only knows case).
        if after_digits
            && self.attached(k)
            && let Some(up) = self.upper
            && let Some(t) = self.tok(k)
            && (t.start..t.end).all(up)
        {
            let u = match w {
                "d" => Some(TimeUnit::Days),
                "w" => Some(TimeUnit::Weeks),
                "y" => Some(TimeUnit::Years),
                _ => None,
            };
            if let Some(u) = u {
                return Some((u, 1.0, k + 1));
            }
        }
        let (u, f, digits_only) = time_unit(self.lang, w)?;
        if digits_only && !after_digits {
            return None;
        }
        Some((u, f, k + 1))
    }

    /// The amount before a time unit: (index past it, value, upper bound of a range).
    fn dur_amount(&self, k: usize) -> Option<(usize, f64, Option<f64>, bool)> {
        // A figure glued to its unit: "3h", "3,5ans", "30-minutes".
        if let Some(t) = self.num_tok(k) {
            let next = k + 1;
            let unit_glued = self.word(next).is_some() && !self.tok(next)?.space;
            let unit_dashed =
                self.is_punct(next, "-") && self.attached(next) && self.word(next + 1).is_some();
            if unit_glued {
                return Some((next, t.val, None, true));
            }
            if unit_dashed && self.unit_at(next + 1, true).is_some() {
                return Some((next + 1, t.val, None, true));
            }
        }
        if let Some((e, r)) = self.range(k)
            && let (Some(lo), Some(hi)) = (r.low, r.high)
        {
            let digits = self.num_tok(e - 1).is_some();
            return Some((e, lo, Some(hi), digits));
        }
        if let Some(n) = self.number(k) {
            let digits = self.num_tok(n.end - 1).is_some();
            return Some((n.end, n.value, None, digits));
        }
        // "an hour": an article that is not itself a number word.
        if self.cls(k) == Some(W::Art) {
            return Some((k + 1, 1.0, None, false));
        }
        None
    }

    /// One "amount unit" component of a duration.
    fn dur_component(&self, k: usize) -> Option<(usize, Quantity)> {
        let words = &self.lang.words;
        // "toute la semaine", "all day", "the whole week", "full-month"
        if let Some(u0) = words.whole.at(self, k)
            && let Some((u, f, e)) = self.unit_at(u0, false)
        {
            let e = words.whole_after.at(self, e).unwrap_or(e);
            return Some((e, with_qualifier(f, Qualifier::Exact, Some(u))));
        }
        // "la journee entiere", "le mois entier"
        if !words.entire_after.is_empty() {
            let u0 = words.entire_before.at(self, k).unwrap_or(k);
            if let Some((u, f, e)) = self.unit_at(u0, false)
                && let Some(e) = words.entire_after.at(self, e)
            {
                return Some((e, with_qualifier(f, Qualifier::Exact, Some(u))));
            }
        }
        // "half an hour", "a half hour", "demi heure", "une demi-heure"
        if let Some(h) = words.dur_half.at(self, k) {
            let mut u0 = h;
            if self.is_punct(u0, "-") {
                u0 += 1;
            } else if let Some(e) = words.half_then.at(self, u0) {
                u0 = e;
            }
            if let Some((u, f, e)) = self.unit_at(u0, false) {
                return Some((e, with_qualifier(0.5 * f, Qualifier::Exact, Some(u))));
            }
        }
        // "quelques semaines", "a few minutes", "a couple of days"
        if let Some((e, iv)) = self.count_word(k)
            && let Some((u, f, ue)) = self.unit_at(e, false)
        {
            return Some((ue, from_interval(&iv, f, Some(u))));
        }
        // "une dizaine de jours"
        if let Some((e, iv)) = self.vague(k) {
            let u0 = words.linker.at(self, e).unwrap_or(e);
            if let Some((u, f, ue)) = self.unit_at(u0, false) {
                return Some((ue, from_interval(&iv, f, Some(u))));
            }
        }
        // "quinze jours" is two weeks.
        for (ph, unit, v) in &words.fixed {
            if let Some(e) = ph.at(self, k) {
                return Some((e, with_qualifier(*v, Qualifier::Exact, Some(*unit))));
            }
        }
        // "3 heures", "six semaines", "an hour", "2 a 3 mois"
        let (e, v, hi, digits) = self.dur_amount(k)?;
        let mut u0 = words.modifiers.at(self, e).unwrap_or(e);
        if self.is_punct(u0, "-") && self.attached(u0) && u0 == e {
            u0 += 1;
        }
        let (u, f, ue) = self.unit_at(u0, digits)?;
        // Clock times: "a 3 heures", "15h30", "at 3 hours".
        if u == TimeUnit::Hours && digits {
            let before = k.checked_sub(1).and_then(|b| self.word(b));
            if before.is_some_and(|w| words.clock_before.has_word(w))
                || self
                    .tok(ue)
                    .is_some_and(|t| t.kind == Kind::Num && !t.space)
            {
                return None;
            }
        }
        let mut q = match hi {
            Some(hi) => range_q(v * f, hi * f, Some(u)),
            None => with_qualifier(v * f, Qualifier::Exact, Some(u)),
        };
        // "an hour and a half", "un an et demi", "one year and a quarter"
        let mut end = ue;
        if hi.is_none()
            && let Some((e, part)) = words
                .plus_fraction
                .iter()
                .find_map(|(ph, part)| Some((ph.at(self, ue)?, *part)))
        {
            q = with_qualifier((v + part) * f, Qualifier::Exact, Some(u));
            end = e;
        }
        Some((end, q))
    }

    /// A length of time, possibly compound ("1 year 1 month 21 days",
    /// "1 hour and 30 minutes").
    fn length(&self, k: usize) -> Option<(usize, Quantity)> {
        let (mut end, mut q) = self.dur_component(k)?;
        let mut units = vec![q.unit];
        // The reading before the first comma join, kept in case the
        // comma-joined chain turns out to be a list.
        let mut before_comma: Option<(usize, Quantity)> = None;
        let mut last_join_comma = false;
        for _ in 0..4 {
            // Joined by "and"/"et" or a space. A comma joins only in
            // "un an, un mois et 21 jours": units decreasing, closed by "et";
            // "six semaines, un an et demi" is a list, not a sum.
            let mut j = end;
            let comma = self.is_punct(j, ",");
            if comma || self.cls(j) == Some(W::Link) {
                j += 1;
            }
            let Some((e2, q2)) = self.dur_component(j) else {
                break;
            };
            if q.qualifier != Qualifier::Exact
                || q2.qualifier != Qualifier::Exact
                || units.contains(&q2.unit)
            {
                break;
            }
            let (Some(u1), Some(u2)) = (q.unit, q2.unit) else {
                break;
            };
            let smallest = units
                .iter()
                .flatten()
                .map(|u| u.seconds())
                .fold(f64::INFINITY, f64::min);
            if (comma || before_comma.is_some()) && u2.seconds() >= smallest {
                break;
            }
            if comma && before_comma.is_none() {
                before_comma = Some((end, q.clone()));
            }
            last_join_comma = comma;
            // The smaller unit; weeks, months and years mixed are counted in days
            // ("trois mois et deux semaines" = 104 days, not 14.86 weeks).
            let mut small = if u1.seconds() <= u2.seconds() { u1 } else { u2 };
            if small.seconds() > TimeUnit::Days.seconds() {
                small = TimeUnit::Days;
            }
            let v = q.value * u1.seconds() / small.seconds()
                + q2.value * u2.seconds() / small.seconds();
            q = with_qualifier(v, Qualifier::Exact, Some(small));
            units.push(Some(u2));
            end = e2;
        }
        if last_join_comma && let Some(b) = before_comma {
            return Some(b);
        }
        Some((end, q))
    }

    fn marker(&self, i: usize) -> Option<(usize, bool)> {
        self.lang
            .words
            .markers
            .iter()
            .find_map(|(ph, since)| Some((ph.at(self, i)?, *since)))
    }

    /// A duration: optional marker, optional qualifier, then a length or,
    /// after "depuis"/"since", a date counted against `doc`.
    pub fn duration(&self, i: usize, doc: Option<Date>) -> Option<(usize, Quantity)> {
        let (j, since) = match self.marker(i) {
            Some((j, s)) => (j, s),
            None => (i, false),
        };
        if since && let Some(r) = self.since_date(j, doc) {
            return Some(r);
        }
        let mut best: Option<(usize, Quantity)> = None;
        if let Some((k, q)) = self.before_qualifier(j)
            && let Some((e, l)) = self.length(k)
            && l.qualifier == Qualifier::Exact
        {
            best = Some((e, with_qualifier(l.value, q, l.unit)));
        }
        if let Some((e, l)) = self.length(j)
            && best.as_ref().is_none_or(|b| e > b.0)
        {
            let mut l = l;
            let mut e = e;
            if l.qualifier == Qualifier::Exact
                && let Some((k, After::Q(q))) = self.after_qualifier(e)
                && q != Qualifier::About
            {
                l = with_qualifier(l.value, q, l.unit);
                e = k;
            }
            best = Some((e, l));
        }
        // A marker alone is not a duration.
        best.filter(|b| b.0 > j)
    }

    /// "depuis decembre 2022", "depuis le 12 decembre", "since last December".
    fn since_date(&self, j: usize, doc: Option<Date>) -> Option<(usize, Quantity)> {
        let doc = doc?;
        let words = &self.lang.words;
        let mut k = words.since_articles.at(self, j).unwrap_or(j);
        let mut last = false;
        if let Some(e) = words.since_last.at(self, k) {
            last = true;
            k = e;
        }
        // Part of the period: debut/mi/fin, early/mid/late.
        let parts = [(&words.early, 0u8), (&words.mid, 1), (&words.late, 2)];
        let part = parts
            .iter()
            .find_map(|(list, n)| Some((list.at(self, k)?, *n)));
        let mut part = match part {
            Some((e, n)) => {
                k = e;
                if self.is_punct(k, "-") {
                    k += 1;
                } else if let Some(e) = words.part_of.at(self, k) {
                    k = e;
                }
                Some(n)
            }
            None => None,
        };
        let day_at = |k: usize| -> Option<(i8, usize)> {
            let t = self.num_tok(k)?;
            if !t.int || t.val < 1.0 || t.val > 31.0 {
                return None;
            }
            let mut e = k + 1;
            if let Some(w) = self.word(e)
                && !self.tok(e)?.space
            {
                if matches!(w, "er" | "st" | "nd" | "rd" | "th") {
                    e += 1;
                } else {
                    return None;
                }
            }
            Some((t.val as i8, e))
        };
        let year_at = |k: usize| -> Option<(i16, usize)> {
            let t = self.num_tok(k)?;
            let ok = t.int && (1900.0..=2100.0).contains(&t.val) && !self.glued_word(k + 1);
            ok.then_some((t.val as i16, k + 1))
        };
        let mut day: Option<i8> = None;
        let mut mon: Option<i8> = None;
        let mut year: Option<i16> = None;
        if let Some((d, e)) = day_at(k) {
            let mut m = e;
            if self.is_word(m, "of") {
                m += 1;
            }
            if let Some(mo) = self.word(m).and_then(|w| month(self.lang, w)) {
                day = Some(d);
                mon = Some(mo);
                k = m + 1;
            }
        } else if let Some(mo) = self.word(k).and_then(|w| month(self.lang, w)) {
            mon = Some(mo);
            k += 1;
            if self.is_punct(k, ".") {
                k += 1;
            }
            if self.lang.grammar.month_day
                && let Some((d, e)) = day_at(k)
                && year_at(k).is_none()
            {
                day = Some(d);
                k = e;
                if self.is_punct(k, ",") && year_at(k + 1).is_some() {
                    k += 1;
                }
            }
        }
        if let Some((y, e)) = year_at(k) {
            year = Some(y);
            k = e;
        }
        if mon.is_none() && year.is_none() {
            return None;
        }
        if day.is_some() {
            part = None;
        }
        let (earliest, latest) = since_bounds(doc, day, mon, year, part, last)?;
        let latest = latest.min(doc);
        let months = |from: Date| -> Option<f64> {
            let span = from.until((Unit::Month, doc)).ok()?;
            span.total((Unit::Month, from)).ok()
        };
        let whole = earliest.until((Unit::Month, doc)).ok()?.get_months();
        let high = months(earliest)?;
        let low = months(latest)?;
        // Whole months elapsed, kept inside the interval the wording allows
        // ("depuis le 12 décembre" is one day, so low = high).
        let q = Quantity {
            value: f64::from(whole).clamp(low, high),
            low: Some(low),
            high: Some(high),
            qualifier: Qualifier::About,
            unit: Some(TimeUnit::Months),
            since: Some(earliest),
        };
        Some((k, q))
    }

    fn glued_word(&self, k: usize) -> bool {
        self.tok(k)
            .is_some_and(|t| t.kind == Kind::Word && !t.space)
    }
}

/// The earliest and latest start days a since-date can mean.
fn since_bounds(
    doc: Date,
    day: Option<i8>,
    mon: Option<i8>,
    year: Option<i16>,
    part: Option<u8>,
    last: bool,
) -> Option<(Date, Date)> {
    let bounds = |y: i16| -> Option<(Date, Date)> {
        match (mon, day) {
            (Some(m), Some(d)) => {
                let dt = Date::new(y, m, d).ok()?;
                Some((dt, dt))
            }
            (Some(m), None) => {
                let first = Date::new(y, m, 1).ok()?;
                let last_day = first.last_of_month();
                Some(match part {
                    Some(0) => (first, Date::new(y, m, 10).ok()?),
                    Some(1) => (Date::new(y, m, 11).ok()?, Date::new(y, m, 20).ok()?),
                    Some(_) => (Date::new(y, m, 21).ok()?, last_day),
                    None => (first, last_day),
                })
            }
            (None, _) => {
                let first = Date::new(y, 1, 1).ok()?;
                Some(match part {
                    Some(0) => (first, Date::new(y, 4, 30).ok()?),
                    Some(1) => (Date::new(y, 5, 1).ok()?, Date::new(y, 8, 31).ok()?),
                    Some(_) => (Date::new(y, 9, 1).ok()?, Date::new(y, 12, 31).ok()?),
                    None => (first, Date::new(y, 12, 31).ok()?),
                })
            }
        }
    };
    let (e, l) = match year {
        Some(y) => bounds(y)?,
        None => {
            // The most recent such period that started before the document.
            let mut y = doc.year();
            let mut b = bounds(y)?;
            if b.0 > doc {
                y -= 1;
                b = bounds(y)?;
            }
            if last && mon.is_some() && day.is_none() && y == doc.year() && Some(doc.month()) == mon
            {
                b = bounds(y - 1)?;
            }
            b
        }
    };
    (e <= doc).then_some((e, l))
}

/// "2 a 3 millions": the low end takes the high end's multiplier.
fn share_mult(a: f64, am: Option<f64>, b: f64, bm: Option<f64>) -> f64 {
    match (am, bm) {
        (None, Some(m)) if m > 0.0 && a > 0.0 && a <= b / m => a * m,
        _ => a,
    }
}
