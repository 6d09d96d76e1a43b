//! The number grammar over tokens: cardinals in words and digits, decimals
//! in words ("deux virgule cinq"), fractions ("trois quarts", "a hundred
//! trillionths"), mixed numbers ("un million et demi"), dozens, "X sur Y".
//!
//! The words and how they combine come from the language's pack
//! (`rules/lang/<code>/numbers.yaml`): an accumulator reads units, teens,
//! tens, hundreds and multipliers, and the pack's rules for compounds
//! ("quatre-vingts" as a product, "dix-sept" as a teen, "soixante-douze").
//! It decides where a run ends and gives its value, digits mixed with words
//! included ("3 hundred and 21").

use super::lex::{Kind, Tok};
use super::words::{Frac, W, ordinal, time_unit};
use crate::lang::LangPack;

/// A parser over the tokens of one folded text.
pub(crate) struct P<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok],
    pub lang: &'a LangPack,
    /// Whether the original character at a folded byte offset is uppercase
    /// (only `scan` knows; "10M" is ten million, "1m" a metre).
    pub upper: Option<&'a dyn Fn(usize) -> bool>,
}

/// A figure read at some token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub value: f64,
    /// Token index just past the figure.
    pub end: usize,
    /// The multiplier word the figure ends with ("3 millions"), if any.
    pub mult: Option<f64>,
    /// The figure is the single word "un", "une" or "one".
    pub bare_one: bool,
    /// Written with words only.
    pub words: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Last {
    Start,
    Zero,
    Unit(u8),
    Teen(u8),
    Tens(u8),
    Hundred,
    Mult,
    Digits,
}

/// The state of a cardinal being read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Card {
    total: f64,
    cur: f64,
    has_cur: bool,
    last: Last,
    limit: f64,
    closed: bool,
    pub end: usize,
    pub last_mult: Option<f64>,
    /// Only words (no digits).
    pub words: bool,
    pub n: usize,
}

impl Card {
    pub fn value(&self) -> f64 {
        self.total + self.cur
    }
    /// Ends with a multiplier and nothing after it ("trois millions").
    pub fn ends_mult(&self) -> Option<f64> {
        if self.last == Last::Mult {
            self.last_mult
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum El {
    Num { v: f64, int: bool },
    W(W),
}

/// Most tokens a figure in words may span.
const MAX_RUN: usize = 40;

impl<'a> P<'a> {
    pub fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }

    pub fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Word {
            self.text.get(t.start..t.end)
        } else {
            None
        }
    }

    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    pub fn punct(&self, i: usize) -> Option<&'a str> {
        let t = self.toks.get(i)?;
        if t.kind == Kind::Punct {
            self.text.get(t.start..t.end)
        } else {
            None
        }
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.punct(i) == Some(p)
    }

    /// Token `i` follows the previous one without whitespace.
    pub fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space)
    }

    pub fn cls(&self, i: usize) -> Option<W> {
        self.lang.cardinal(self.word(i)?)
    }

    /// Token `i` is a figure in digits that can be read as one.
    pub fn num_tok(&self, i: usize) -> Option<&'a Tok> {
        let t = self.toks.get(i)?;
        (t.kind == Kind::Num && !t.glued).then_some(t)
    }

    /// A multiplier written as an uppercase letter after digits ("10M", "1MM", "10G").
    fn upper_suffix(&self, i: usize) -> Option<f64> {
        let up = self.upper?;
        let t = self.toks.get(i)?;
        let w = self.word(i)?;
        let all_upper = (t.start..t.end).all(up);
        if !all_upper {
            return None;
        }
        match w {
            "m" | "mm" => Some(1e6),
            "g" => Some(1e9),
            "b" => Some(1e9),
            _ => None,
        }
    }

    fn element(&self, k: usize) -> Option<El> {
        let t = self.toks.get(k)?;
        match t.kind {
            Kind::Num if !t.glued && !t.frac => Some(El::Num {
                v: t.val,
                int: t.int,
            }),
            Kind::Word => self.lang.cardinal(self.word(k)?).map(El::W),
            _ => None,
        }
    }

    /// Reads the longest cardinal starting at token `i`, not reaching `limit`.
    pub fn cardinal(&self, i: usize, limit: usize) -> Option<Card> {
        let limit = limit.min(self.toks.len()).min(i + MAX_RUN);
        let mut a = Card {
            total: 0.0,
            cur: 0.0,
            has_cur: false,
            last: Last::Start,
            limit: f64::INFINITY,
            closed: false,
            end: i,
            last_mult: None,
            words: true,
            n: 0,
        };
        let mut ck: Option<Card> = None;
        let mut j = i;
        loop {
            if a.closed {
                break;
            }
            let mut k = j;
            let mut hyph = false;
            let mut linked = false;
            if a.last != Last::Start {
                if self.is_punct(k, "-")
                    && self.word(k.wrapping_sub(1)).is_some()
                    && self.word(k + 1).is_some()
                {
                    k += 1;
                    hyph = true;
                } else if self.cls(k) == Some(W::Link) {
                    k += 1;
                    linked = true;
                }
            }
            if k >= limit {
                break;
            }
            let Some(t) = self.toks.get(k) else { break };
            if t.brk && k > i {
                break;
            }
            let el = if a.last == Last::Digits
                && !linked
                && !hyph
                && let Some(m) = self.upper_suffix(k)
            {
                El::W(W::Mult {
                    value: m,
                    suffix: true,
                })
            } else {
                match self.element(k) {
                    Some(e) => e,
                    None => break,
                }
            };
            // Digits join words only after whitespace or a multiplier.
            if let El::Num { .. } = el
                && (hyph || (a.last != Last::Start && !t.space))
            {
                break;
            }
            match self.step(&a, el, k, linked, hyph) {
                Some(mut n) => {
                    n.end = k + 1;
                    n.n += 1;
                    if let El::Num { .. } = el {
                        n.words = false;
                    }
                    if linked {
                        ck = Some(a);
                    } else {
                        ck = None;
                    }
                    a = n;
                    j = k + 1;
                }
                None => {
                    if let Some(c) = ck
                        && matches!(el, El::W(W::Hundred | W::Mult { .. }))
                    {
                        a = c;
                    }
                    break;
                }
            }
        }
        if a.n == 0 {
            return None;
        }
        // "a" alone is not a figure.
        if a.last == Last::Unit(1) && a.n == 1 && self.cls(i) == Some(W::Art) {
            return None;
        }
        Some(a)
    }

    fn step(&self, a: &Card, el: El, k: usize, linked: bool, hyph: bool) -> Option<Card> {
        use Last as L;
        use W::*;
        let g = &self.lang.grammar;
        let mut n = *a;
        let set = |n: &mut Card, v: f64, last: Last| {
            n.cur = v;
            n.has_cur = true;
            n.last = last;
        };
        match (a.last, el) {
            (L::Start, El::Num { v, .. }) => set(&mut n, v, L::Digits),
            (L::Start, El::W(Zero)) => set(&mut n, 0.0, L::Zero),
            (L::Start, El::W(Unit(u))) => set(&mut n, f64::from(u), L::Unit(u)),
            (L::Start, El::W(Teen(t))) => set(&mut n, f64::from(t), L::Teen(t)),
            (L::Start, El::W(Tens(t))) => set(&mut n, f64::from(t), L::Tens(t)),
            (L::Start, El::W(Art)) => {
                // "a hundred", "a million": one, only before a multiplier.
                match self.cls(k + 1) {
                    Some(Hundred | Mult { suffix: false, .. }) => set(&mut n, 1.0, L::Unit(1)),
                    _ => return None,
                }
            }
            (L::Start, El::W(Hundred)) if g.hundred_alone => set(&mut n, 100.0, L::Hundred),
            (L::Start, El::W(Hundreds(h))) => set(&mut n, f64::from(h), L::Hundred),
            (
                L::Start,
                El::W(Mult {
                    value,
                    suffix: false,
                }),
            ) if self.alone(k) => {
                n.total = value;
                n.limit = value;
                n.last = L::Mult;
                n.last_mult = Some(value);
            }
            (L::Unit(u), El::W(Tens(t))) if !linked && g.products.contains(&(u, t)) => {
                n.cur += f64::from(u) * f64::from(t) - f64::from(u);
                n.last = L::Tens(u * t);
            }
            (L::Teen(10), El::W(Unit(u)))
                if g.ten_plus_unit_from.is_some_and(|f| u >= f) && !linked =>
            {
                n.cur += f64::from(u);
                n.last = L::Teen(10 + u);
            }
            (L::Tens(_), El::W(Unit(u))) => {
                n.cur += f64::from(u);
                n.last = L::Unit(u);
            }
            (L::Tens(t), El::W(Teen(x))) if g.tens_take_teens.contains(&t) => {
                if linked && !g.linked_teens.contains(&x) {
                    return None;
                }
                n.cur += f64::from(x);
                n.last = L::Teen(x);
            }
            (L::Hundred, El::W(Unit(u) | Teen(u) | Tens(u))) if a.cur % 100.0 == 0.0 => {
                n.cur += f64::from(u);
                n.last = match el {
                    El::W(Unit(_)) => L::Unit(u),
                    El::W(Teen(_)) => L::Teen(u),
                    _ => L::Tens(u),
                };
            }
            (L::Hundred, El::Num { v, int: true })
                if !hyph && v > 0.0 && v < 100.0 && a.cur % 100.0 == 0.0 =>
            {
                n.cur += v;
                n.last = L::Digits;
            }
            (L::Mult, El::W(Unit(u) | Teen(u) | Tens(u))) if !a.has_cur => {
                set(
                    &mut n,
                    f64::from(u),
                    match el {
                        El::W(Unit(_)) => L::Unit(u),
                        El::W(Teen(_)) => L::Teen(u),
                        _ => L::Tens(u),
                    },
                );
            }
            (L::Mult, El::Num { v, int: true }) if !hyph && v > 0.0 && v < 1000.0 && !a.has_cur => {
                set(&mut n, v, L::Digits);
            }
            (L::Mult, El::W(Hundred)) if g.hundred_alone && !linked && !a.has_cur => {
                set(&mut n, 100.0, L::Hundred);
            }
            (L::Mult, El::W(Hundreds(h))) if !linked && !a.has_cur => {
                set(&mut n, f64::from(h), L::Hundred);
            }
            (L::Unit(_) | L::Teen(_) | L::Tens(_) | L::Digits, El::W(Hundred))
                if !linked
                    && a.has_cur
                    && a.cur > 0.0
                    && (a.cur < 100.0 || (a.last == L::Digits && a.n == 1)) =>
            {
                n.cur = a.cur * 100.0;
                n.last = L::Hundred;
            }
            (
                L::Unit(_) | L::Teen(_) | L::Tens(_) | L::Hundred | L::Digits,
                El::W(Mult { value, suffix }),
            ) if !linked && !hyph && a.has_cur && value < a.limit => {
                if suffix && !(a.last == L::Digits && a.n == 1) {
                    return None;
                }
                n.total = a.total + a.cur * value;
                n.cur = 0.0;
                n.has_cur = false;
                n.limit = value;
                n.last = L::Mult;
                n.last_mult = Some(value);
                n.closed = suffix;
            }
            (
                L::Mult,
                El::W(Mult {
                    value,
                    suffix: false,
                }),
            ) if !linked && !a.has_cur && value > a.limit => {
                n.total = a.total * value;
                n.limit = value;
                n.last_mult = Some(value);
            }
            _ => return None,
        }
        if !n.value().is_finite() {
            return None;
        }
        Some(n)
    }

    /// A multiplier word at `k` that reads as itself alone ("mille").
    fn alone(&self, k: usize) -> bool {
        self.word(k)
            .is_some_and(|w| self.lang.alone.iter().any(|a| &**a == w))
    }

    /// The longest figure starting at token `i`.
    pub fn number(&self, i: usize) -> Option<Num> {
        if let Some(e) = self.lang.words.negative.at(self, i)
            && let Some(n) = self.number_core(e)
        {
            return Some(Num {
                value: -n.value,
                bare_one: false,
                ..n
            });
        }
        self.number_core(i)
    }

    fn number_core(&self, i: usize) -> Option<Num> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Num => self.digits_figure(i),
            Kind::Word => self.words_figure(i),
            Kind::Punct => None,
        }
    }

    /// Whether a figure ending at token `end` is glued to a following word
    /// it does not explain ("180ml", "4th").
    fn glued_after(&self, end: usize) -> bool {
        self.toks
            .get(end)
            .is_some_and(|t| !t.space && t.kind == Kind::Word)
    }

    fn digits_figure(&self, i: usize) -> Option<Num> {
        let t = self.num_tok(i)?;
        let mut best: Option<Num> = None;
        if t.frac {
            if self.glued_after(i + 1) || self.glued_digit_after(i + 1) {
                return None;
            }
            best = Some(Num {
                value: t.val,
                end: i + 1,
                mult: None,
                bare_one: false,
                words: false,
            });
            // "½ million"
            if let Some(W::Mult {
                value,
                suffix: false,
            }) = self.cls(i + 1)
            {
                best = Some(Num {
                    value: t.val * value,
                    end: i + 2,
                    mult: Some(value),
                    bare_one: false,
                    words: false,
                });
            }
            return best;
        }
        let c = self.cardinal(i, usize::MAX)?;
        let v = c.value();
        if c.end == i + 1 && (self.glued_after(i + 1) || self.glued_digit_after(i + 1)) {
            // "180ml", "29km", "4th" are not figures; a duration may still read "3h".
            return None;
        }
        if c.end > i + 1 && self.glued_after(c.end) {
            return None;
        }
        consider(
            &mut best,
            Num {
                value: v,
                end: c.end,
                mult: c.ends_mult(),
                bare_one: false,
                words: false,
            },
        );
        // "2 1/4"
        if c.end == i + 1
            && t.int
            && let Some(f) = self.num_tok(i + 1)
            && f.frac
            && f.space
            && f.val > 0.0
            && f.val < 1.0
            && !self.glued_after(i + 2)
        {
            let v = if t.val < 0.0 {
                t.val - f.val
            } else {
                t.val + f.val
            };
            consider(
                &mut best,
                Num {
                    value: v,
                    end: i + 2,
                    mult: None,
                    bare_one: false,
                    words: false,
                },
            );
        }
        if let Some(n) = self.tails(&c) {
            consider(&mut best, n);
        }
        if let Some(n) = self.mixed(i)
            && best.is_none_or(|b| n.end >= b.end)
        {
            best = Some(n);
        }
        best
    }

    /// A figure that is the hour of a clock time ("12:30").
    fn glued_digit_after(&self, end: usize) -> bool {
        matches!(self.punct(end), Some(":"))
            && self
                .toks
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Num && !t.space)
    }

    fn words_figure(&self, i: usize) -> Option<Num> {
        let mut best: Option<Num> = None;
        let w = self.word(i)?;
        if let Some(c) = self.cardinal(i, usize::MAX) {
            let v = c.value();
            let bare_one = c.n == 1 && self.lang.cardinal(w) == Some(W::Unit(1));
            consider(
                &mut best,
                Num {
                    value: v,
                    end: c.end,
                    mult: c.ends_mult(),
                    bare_one,
                    words: true,
                },
            );
            if let Some(n) = self.tails(&c) {
                consider(&mut best, n);
            }
            if let Some(n) = self.decimal_words(&c) {
                consider(&mut best, n);
            }
        }
        if let Some(n) = self.half_forms(i) {
            consider(&mut best, n);
        }
        if let Some(f) = self.word_fraction(i) {
            let n = self.fraction_tail(f).unwrap_or(f);
            consider(&mut best, n);
        }
        // A mixed number wins a tie with a plain fraction ("vingt et un cinquieme" = 20.2).
        if let Some(n) = self.mixed(i)
            && best.is_none_or(|b| n.end >= b.end)
        {
            best = Some(n);
        }
        best
    }

    /// Tails after a cardinal: dozens, mixed digits, "X sur Y".
    fn tails(&self, c: &Card) -> Option<Num> {
        let mut best: Option<Num> = None;
        let v = c.value();
        // "3 douzaines", "three dozens"
        if self.cls(c.end) == Some(W::Dozen) && c.ends_mult().is_none() {
            consider(
                &mut best,
                Num {
                    value: v * 12.0,
                    end: c.end + 1,
                    mult: None,
                    bare_one: false,
                    words: c.words,
                },
            );
        }
        // "un sur trois", "2000 over 3", "one out of three", "1 in twenty-one"
        let conn = self
            .lang
            .words
            .ratio
            .iter()
            .find_map(|(ph, proper)| Some((ph.at(self, c.end)?, *proper)));
        if let Some((after, proper)) = conn
            && let Some(d) = self.cardinal(after, usize::MAX)
            && d.n >= 1
        {
            let dv = d.value();
            let unit_after = self
                .word(d.end)
                .is_some_and(|w| time_unit(self.lang, w).is_some());
            let year_like = !d.words && dv.fract() == 0.0 && (1900.0..=2100.0).contains(&dv);
            let ok = dv != 0.0
                && !unit_after
                && !year_like
                && !self.glued_after(d.end)
                && (!proper || v < dv);
            if ok {
                consider(
                    &mut best,
                    Num {
                        value: v / dv,
                        end: d.end,
                        mult: None,
                        bare_one: false,
                        words: c.words && d.words,
                    },
                );
            }
        }
        best
    }

    /// "deux cent virgule trois", "two hundred point zero three".
    fn decimal_words(&self, c: &Card) -> Option<Num> {
        if !c.words {
            return None;
        }
        let mut j = self.lang.words.decimal_point.at(self, c.end)?;
        let mut digits = String::new();
        while digits.len() < 20 {
            let Some(d) = self.cardinal(j, usize::MAX) else {
                break;
            };
            if !d.words || d.last_mult.is_some() {
                break;
            }
            let dv = d.value();
            if dv.fract() != 0.0 || !(0.0..1000.0).contains(&dv) {
                break;
            }
            digits.push_str(&format!("{}", dv as u32));
            j = d.end;
        }
        if digits.is_empty() {
            return None;
        }
        let frac: f64 = format!("0.{digits}").parse().ok()?;
        let v = c.value();
        Some(Num {
            value: v + frac,
            end: j,
            mult: None,
            bare_one: false,
            words: true,
        })
    }

    /// "half" (0.5), "half a dozen", "half a million", "quarter million".
    fn half_forms(&self, i: usize) -> Option<Num> {
        let w = &self.lang.words;
        let mut i = i;
        if let Some(e) = w.half_prefix.at(self, i)
            && w.half.at(self, e).is_some()
        {
            i = e;
        }
        let (part, after) = match (w.half.at(self, i), w.quarter.at(self, i)) {
            (Some(e), _) => (0.5, e),
            (None, Some(e)) => (0.25, e),
            (None, None) => return None,
        };
        let j = w.half_of.at(self, after).unwrap_or(after);
        let m = match self.cls(j) {
            Some(W::Dozen) => 12.0,
            Some(W::Hundred) => 100.0,
            Some(W::Mult {
                value,
                suffix: false,
            }) => value,
            _ => 0.0,
        };
        if m > 0.0 {
            Some(Num {
                value: part * m,
                end: j + 1,
                mult: (m > 12.0).then_some(m),
                bare_one: false,
                words: true,
            })
        } else if part == 0.5 {
            Some(Num {
                value: 0.5,
                end: after,
                mult: None,
                bare_one: false,
                words: true,
            })
        } else {
            None
        }
    }

    /// A fraction followed by a multiplier: "two thirds of a million", "un demi-million".
    fn fraction_tail(&self, f: Num) -> Option<Num> {
        let mut j = f.end;
        if self.is_punct(j, "-") {
            j += 1;
        } else if let Some(e) = self.lang.words.fraction_of.at(self, j) {
            j = e;
        }
        match self.cls(j) {
            Some(W::Mult {
                value,
                suffix: false,
            }) => Some(Num {
                value: f.value * value,
                end: j + 1,
                mult: Some(value),
                bare_one: false,
                words: true,
            }),
            Some(W::Dozen) => Some(Num {
                value: f.value * 12.0,
                end: j + 1,
                mult: None,
                bare_one: false,
                words: true,
            }),
            _ => None,
        }
    }

    /// Tokens from `i` that can belong to a figure in words, up to and
    /// including the first fraction word; returns that word's index.
    fn find_ordinal(&self, i: usize) -> Option<usize> {
        let mut k = i;
        while k < self.toks.len() && k < i + MAX_RUN {
            let t = &self.toks[k];
            if t.brk && k > i {
                return None;
            }
            if let Some(w) = self.word(k) {
                if ordinal(self.lang, w).is_some() && self.lang.cardinal(w).is_none() {
                    return (k > i).then_some(k);
                }
                self.lang.cardinal(w)?;
            } else if !(self.is_punct(k, "-") && k > i) {
                return None;
            }
            k += 1;
        }
        None
    }

    /// A fraction in words: "trois cinquiemes", "a hundred trillionths",
    /// "one hundred thirty fifths" (100/35), "une vingt et unieme" (1/21).
    pub fn word_fraction(&self, i: usize) -> Option<Num> {
        let k = self.find_ordinal(i)?;
        let (o, plural) = ordinal(self.lang, self.word(k)?)?;
        let mut splits: Vec<usize> = Vec::with_capacity(8);
        // English reads a tens word right before a unit fraction word as part
        // of the denominator ("thirty fifths" = 35ths), unless "and" precedes it.
        if self.lang.grammar.tens_join_units && matches!(o, Frac::Unit { .. }) {
            let mut s = k - 1;
            if self.is_punct(s, "-") && s > i {
                s -= 1;
            }
            if matches!(self.cls(s), Some(W::Tens(_))) && s > i && self.cls(s - 1) != Some(W::Link)
            {
                splits.push(s);
            }
        }
        for s in (i + 1..=k).rev() {
            if self.word(s).is_some() && self.cls(s) != Some(W::Link) && !splits.contains(&s) {
                splits.push(s);
            }
        }
        for s in splits {
            let Some(num) = self.numerator(i, s) else {
                continue;
            };
            let Some(den) = self.denominator(s, k, o) else {
                continue;
            };
            if den == 0.0 {
                continue;
            }
            if self.lang.grammar.singular_needs_one && !plural && num != 1.0 {
                continue;
            }
            return Some(Num {
                value: num / den,
                end: k + 1,
                mult: None,
                bare_one: false,
                words: true,
            });
        }
        None
    }

    /// The numerator of a fraction: tokens `i..s` (a trailing hyphen allowed).
    fn numerator(&self, i: usize, s: usize) -> Option<f64> {
        let e = if s > i + 1 && self.is_punct(s - 1, "-") {
            s - 1
        } else {
            s
        };
        if e == i + 1 && matches!(self.cls(i), Some(W::Art)) {
            return Some(1.0);
        }
        let c = self.cardinal(i, e)?;
        (c.end == e && c.words).then(|| c.value())
    }

    /// The denominator made of tokens `s..k` and the fraction word at `k`.
    fn denominator(&self, s: usize, k: usize, o: Frac) -> Option<f64> {
        if s == k {
            return match o {
                Frac::Unit { v, alone: true } => Some(f64::from(v)),
                Frac::Unit { alone: false, .. } => None,
                Frac::Teen(v) | Frac::Tens(v) | Frac::Plain(v) => Some(f64::from(v)),
                Frac::Mult(m) => Some(m),
            };
        }
        if matches!(o, Frac::Plain(_)) {
            return None;
        }
        let mut e = k;
        let mut linked = false;
        while e > s + 1 {
            if self.is_punct(e - 1, "-") {
                e -= 1;
            } else if self.cls(e - 1) == Some(W::Link) && !linked {
                e -= 1;
                linked = true;
            } else {
                break;
            }
        }
        if e <= s {
            return None;
        }
        let c = self.cardinal(s, e)?;
        if c.end != e || !c.words {
            return None;
        }
        let p = c.value();
        let g = &self.lang.grammar;
        let round = |x: f64, m: f64| x > 0.0 && x % m == 0.0;
        let v = match o {
            Frac::Unit { v, .. } => {
                let v = f64::from(v);
                if c.last == Last::Teen(10)
                    && g.ten_plus_unit_from.is_some_and(|f| v >= f64::from(f))
                    && !linked
                {
                    p + v
                } else if matches!(c.last, Last::Tens(_)) && round(p, 10.0) {
                    if linked && !g.linked_units.iter().any(|&u| f64::from(u) == v) {
                        return None;
                    }
                    p + v
                } else if matches!(c.last, Last::Hundred | Last::Mult) {
                    p + v
                } else {
                    return None;
                }
            }
            Frac::Teen(v) => {
                let v = f64::from(v);
                if matches!(c.last, Last::Hundred | Last::Mult)
                    || matches!(c.last, Last::Tens(t) if g.tens_take_teens.contains(&t))
                {
                    p + v
                } else {
                    return None;
                }
            }
            Frac::Tens(v) => {
                let product = match c.last {
                    Last::Unit(u) if c.n == 1 && g.products.contains(&(u, v)) => Some(u * v),
                    _ => None,
                };
                let v = f64::from(v);
                if let Some(x) = product {
                    f64::from(x)
                } else if matches!(c.last, Last::Hundred | Last::Mult) {
                    p + v
                } else {
                    return None;
                }
            }
            Frac::Mult(m) => {
                if linked {
                    return None;
                }
                p * m
            }
            Frac::Plain(_) => return None,
        };
        Some(v)
    }

    /// A proper fraction after "and"/"et" in a mixed number: "a half",
    /// "trois quarts", "demi", "½".
    fn proper_part(&self, j: usize) -> Option<Num> {
        if let Some(t) = self.num_tok(j)
            && t.frac
            && t.val > 0.0
            && t.val < 1.0
        {
            return Some(Num {
                value: t.val,
                end: j + 1,
                mult: None,
                bare_one: false,
                words: false,
            });
        }
        if let Some(f) = self.word_fraction(j)
            && f.value > 0.0
            && f.value < 1.0
        {
            return Some(f);
        }
        let (end, bare) = self
            .lang
            .words
            .bare
            .iter()
            .find_map(|(ph, v)| Some((ph.at(self, j)?, *v)))?;
        Some(Num {
            value: bare,
            end,
            mult: None,
            bare_one: false,
            words: true,
        })
    }

    /// Mixed numbers: "vingt et trois cinquiemes", "un million et demi",
    /// "one billion and a half million", "three hundred and two dozens".
    fn mixed(&self, i: usize) -> Option<Num> {
        let mut best: Option<Num> = None;
        let mut k = i + 1;
        while k < self.toks.len() && k < i + MAX_RUN {
            if self.toks[k].brk {
                break;
            }
            if self.cls(k) == Some(W::Link)
                && let Some(b) = self.cardinal(i, k)
                && b.end == k
            {
                let bv = b.value();
                if let Some(p) = self.proper_part(k + 1) {
                    let (v, end, mult) = match self.cls(p.end) {
                        Some(W::Mult {
                            value,
                            suffix: false,
                        }) => {
                            if b.ends_mult().is_some() {
                                (bv + p.value * value, p.end + 1, None)
                            } else {
                                (bv * value + p.value * value, p.end + 1, Some(value))
                            }
                        }
                        _ => match b.ends_mult() {
                            Some(m) => (bv + p.value * m, p.end, None),
                            None => (bv + p.value, p.end, None),
                        },
                    };
                    let n = Num {
                        value: v,
                        end,
                        mult,
                        bare_one: false,
                        words: b.words,
                    };
                    if best.is_none_or(|b| n.end >= b.end) {
                        best = Some(n);
                    }
                } else if let Some(d) = self.cardinal(k + 1, usize::MAX)
                    && self.cls(d.end) == Some(W::Dozen)
                {
                    let n = Num {
                        value: bv + d.value() * 12.0,
                        end: d.end + 1,
                        mult: None,
                        bare_one: false,
                        words: b.words,
                    };
                    if best.is_none_or(|b| n.end >= b.end) {
                        best = Some(n);
                    }
                }
            }
            let keep = self.word(k).is_some_and(|w| {
                self.lang.cardinal(w).is_some() || ordinal(self.lang, w).is_some()
            }) || self.is_punct(k, "-")
                || self.num_tok(k).is_some();
            if !keep {
                break;
            }
            k += 1;
        }
        best
    }
}

/// Keeps the longer of two readings (the first on a tie).
pub(crate) fn consider(best: &mut Option<Num>, n: Num) {
    if !n.value.is_finite() {
        return;
    }
    if best.is_none_or(|b| n.end > b.end) {
        *best = Some(n);
    }
}
