//! Fractions and mixed numbers in words: "trois quarts", "a hundred
//! trillionths", "un million et demi", "half a dozen".

use super::num::{Last, MAX_RUN, Num, TokenParser};
use super::words::{Frac, NumberWord, ordinal};

impl<'a> TokenParser<'a> {
    /// "half" (0.5), "half a dozen", "half a million", "quarter million".
    pub(crate) fn half_forms(&self, i: usize) -> Option<Num> {
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
            Some(NumberWord::Dozen) => 12.0,
            Some(NumberWord::Hundred) => 100.0,
            Some(NumberWord::Mult {
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
    pub(crate) fn fraction_tail(&self, f: Num) -> Option<Num> {
        let mut j = f.end;
        if self.is_punct(j, "-") {
            j += 1;
        } else if let Some(e) = self.lang.words.fraction_of.at(self, j) {
            j = e;
        }
        match self.cls(j) {
            Some(NumberWord::Mult {
                value,
                suffix: false,
            }) => Some(Num {
                value: f.value * value,
                end: j + 1,
                mult: Some(value),
                bare_one: false,
                words: true,
            }),
            Some(NumberWord::Dozen) => Some(Num {
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
    pub(crate) fn find_ordinal(&self, i: usize) -> Option<usize> {
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
    pub(crate) fn word_fraction(&self, i: usize) -> Option<Num> {
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
            if matches!(self.cls(s), Some(NumberWord::Tens(_)))
                && s > i
                && self.cls(s - 1) != Some(NumberWord::Link)
            {
                splits.push(s);
            }
        }
        for s in (i + 1..=k).rev() {
            if self.word(s).is_some()
                && self.cls(s) != Some(NumberWord::Link)
                && !splits.contains(&s)
            {
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
    pub(crate) fn numerator(&self, i: usize, s: usize) -> Option<f64> {
        let e = if s > i + 1 && self.is_punct(s - 1, "-") {
            s - 1
        } else {
            s
        };
        if e == i + 1 && matches!(self.cls(i), Some(NumberWord::Art)) {
            return Some(1.0);
        }
        let c = self.cardinal(i, e)?;
        (c.end == e && c.words).then(|| c.value())
    }

    /// The denominator made of tokens `s..k` and the fraction word at `k`.
    pub(crate) fn denominator(&self, s: usize, k: usize, o: Frac) -> Option<f64> {
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
            } else if self.cls(e - 1) == Some(NumberWord::Link) && !linked {
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
    pub(crate) fn proper_part(&self, j: usize) -> Option<Num> {
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
    pub(crate) fn mixed(&self, i: usize) -> Option<Num> {
        let mut best: Option<Num> = None;
        let mut k = i + 1;
        while k < self.toks.len() && k < i + MAX_RUN {
            if self.toks[k].brk {
                break;
            }
            if self.cls(k) == Some(NumberWord::Link)
                && let Some(b) = self.cardinal(i, k)
                && b.end == k
            {
                let bv = b.value();
                if let Some(p) = self.proper_part(k + 1) {
                    let (v, end, mult) = match self.cls(p.end) {
                        Some(NumberWord::Mult {
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
                    && self.cls(d.end) == Some(NumberWord::Dozen)
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
