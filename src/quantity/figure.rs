//! Figures at a token: in digits or in words, with their tails (dozens,
//! "X sur Y", decimals in words) and a leading negative word.

use super::lex::Kind;
use super::num::{Card, Num, TokenParser, consider};
use super::words::{NumberWord, time_unit};

impl<'a> TokenParser<'a> {
    /// The longest figure starting at token `i`.
    pub(crate) fn number(&self, i: usize) -> Option<Num> {
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

    pub(crate) fn number_core(&self, i: usize) -> Option<Num> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Num => self.digits_figure(i),
            Kind::Word => self.words_figure(i).map(|n| self.restated_in_digits(n)),
            Kind::Punct => None,
        }
    }

    /// A figure in words restated in digits between parentheses, as
    /// official releases write it ("thirty-nine (39) people"): one figure,
    /// read to the closing parenthesis. Digits that differ are left alone.
    fn restated_in_digits(&self, n: Num) -> Num {
        let digits = self.toks.get(n.end + 1);
        let restated = self.is_punct(n.end, "(")
            && digits.is_some_and(|t| t.kind == Kind::Num && t.int && t.val == n.value)
            && self.is_punct(n.end + 2, ")");
        if restated {
            Num {
                end: n.end + 3,
                ..n
            }
        } else {
            n
        }
    }

    /// Whether a figure ending at token `end` is glued to a following word
    /// it does not explain ("180ml", "4th").
    pub(crate) fn glued_after(&self, end: usize) -> bool {
        self.toks
            .get(end)
            .is_some_and(|t| !t.space && t.kind == Kind::Word)
    }

    pub(crate) fn digits_figure(&self, i: usize) -> Option<Num> {
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
            if let Some(NumberWord::Mult {
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
    pub(crate) fn glued_digit_after(&self, end: usize) -> bool {
        matches!(self.punct(end), Some(":"))
            && self
                .toks
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Num && !t.space)
    }

    pub(crate) fn words_figure(&self, i: usize) -> Option<Num> {
        let mut best: Option<Num> = None;
        let w = self.word(i)?;
        if let Some(c) = self.cardinal(i, usize::MAX) {
            let v = c.value();
            let bare_one = c.n == 1 && self.lang.cardinal(w) == Some(NumberWord::Unit(1));
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
    pub(crate) fn tails(&self, c: &Card) -> Option<Num> {
        let mut best: Option<Num> = None;
        let v = c.value();
        // "3 douzaines", "three dozens"
        if self.cls(c.end) == Some(NumberWord::Dozen) && c.ends_mult().is_none() {
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
    pub(crate) fn decimal_words(&self, c: &Card) -> Option<Num> {
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
}
