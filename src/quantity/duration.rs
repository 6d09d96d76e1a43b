//! Durations: a length ("six semaines", "1 hour and 30 minutes", "toute la
//! journee") or a since-date ("depuis decembre 2022", "since last
//! December"), with an optional marker and qualifier. The words are the
//! pack's `durations:` lists.

use jiff::Unit;
use jiff::civil::Date;

use super::lex::Kind;
use super::num::TokenParser;
use super::phrase::{After, from_interval, range_q, with_qualifier};
use super::words::{NumberWord, month, time_unit};
use crate::claim::{Qualifier, Quantity, TimeUnit};

impl<'a> TokenParser<'a> {
    /// A time unit at `k`: (unit, factor, index past it).
    pub(crate) fn unit_at(&self, k: usize, after_digits: bool) -> Option<(TimeUnit, f64, usize)> {
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
    pub(crate) fn dur_amount(&self, k: usize) -> Option<(usize, f64, Option<f64>, bool)> {
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
        if self.cls(k) == Some(NumberWord::Art) {
            return Some((k + 1, 1.0, None, false));
        }
        None
    }

    /// One "amount unit" component of a duration.
    pub(crate) fn dur_component(&self, k: usize) -> Option<(usize, Quantity)> {
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
    pub(crate) fn length(&self, k: usize) -> Option<(usize, Quantity)> {
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
            if comma || self.cls(j) == Some(NumberWord::Link) {
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

    pub(crate) fn marker(&self, i: usize) -> Option<(usize, bool)> {
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
    pub(crate) fn since_date(&self, j: usize, doc: Option<Date>) -> Option<(usize, Quantity)> {
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

    pub(crate) fn glued_word(&self, k: usize) -> bool {
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
