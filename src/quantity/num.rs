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
use super::words::NumberWord;
use crate::lang::LangPack;

/// A parser over the tokens of one folded text.
pub(crate) struct TokenParser<'a> {
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
pub(crate) enum Last {
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
    pub last: Last,
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
enum Element {
    Num { v: f64, int: bool },
    Word(NumberWord),
}

/// Most tokens a figure in words may span.
pub(crate) const MAX_RUN: usize = 40;

impl<'a> TokenParser<'a> {
    /// A parser over `toks`, the tokens of `text`, that knows no case.
    pub fn new(text: &'a str, toks: &'a [Tok], lang: &'a LangPack) -> TokenParser<'a> {
        TokenParser {
            text,
            toks,
            lang,
            upper: None,
        }
    }

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

    pub fn cls(&self, i: usize) -> Option<NumberWord> {
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

    fn element(&self, k: usize) -> Option<Element> {
        let t = self.toks.get(k)?;
        match t.kind {
            Kind::Num if !t.glued && !t.frac => Some(Element::Num {
                v: t.val,
                int: t.int,
            }),
            Kind::Word => self.lang.cardinal(self.word(k)?).map(Element::Word),
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
                } else if self.cls(k) == Some(NumberWord::Link) {
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
                Element::Word(NumberWord::Mult {
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
            if let Element::Num { .. } = el
                && (hyph || (a.last != Last::Start && !t.space))
            {
                break;
            }
            match self.step(&a, el, k, linked, hyph) {
                Some(mut n) => {
                    n.end = k + 1;
                    n.n += 1;
                    if let Element::Num { .. } = el {
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
                        && matches!(
                            el,
                            Element::Word(NumberWord::Hundred | NumberWord::Mult { .. })
                        )
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
        if a.last == Last::Unit(1) && a.n == 1 && self.cls(i) == Some(NumberWord::Art) {
            return None;
        }
        Some(a)
    }

    fn step(&self, a: &Card, el: Element, k: usize, linked: bool, hyph: bool) -> Option<Card> {
        use Last as L;
        use NumberWord::*;
        let g = &self.lang.grammar;
        let mut n = *a;
        let set = |n: &mut Card, v: f64, last: Last| {
            n.cur = v;
            n.has_cur = true;
            n.last = last;
        };
        match (a.last, el) {
            (L::Start, Element::Num { v, .. }) => set(&mut n, v, L::Digits),
            (L::Start, Element::Word(Zero)) => set(&mut n, 0.0, L::Zero),
            (L::Start, Element::Word(Unit(u))) => set(&mut n, f64::from(u), L::Unit(u)),
            (L::Start, Element::Word(Teen(t))) => set(&mut n, f64::from(t), L::Teen(t)),
            (L::Start, Element::Word(Tens(t))) => set(&mut n, f64::from(t), L::Tens(t)),
            (L::Start, Element::Word(Art)) => {
                // "a hundred", "a million": one, only before a multiplier.
                match self.cls(k + 1) {
                    Some(Hundred | Mult { suffix: false, .. }) => set(&mut n, 1.0, L::Unit(1)),
                    _ => return None,
                }
            }
            (L::Start, Element::Word(Hundred)) if g.hundred_alone => set(&mut n, 100.0, L::Hundred),
            (L::Start, Element::Word(Hundreds(h))) => set(&mut n, f64::from(h), L::Hundred),
            (
                L::Start,
                Element::Word(Mult {
                    value,
                    suffix: false,
                }),
            ) if self.alone(k) => {
                n.total = value;
                n.limit = value;
                n.last = L::Mult;
                n.last_mult = Some(value);
            }
            (L::Unit(u), Element::Word(Tens(t))) if !linked && g.products.contains(&(u, t)) => {
                n.cur += f64::from(u) * f64::from(t) - f64::from(u);
                n.last = L::Tens(u * t);
            }
            (L::Teen(10), Element::Word(Unit(u)))
                if g.ten_plus_unit_from.is_some_and(|f| u >= f) && !linked =>
            {
                n.cur += f64::from(u);
                n.last = L::Teen(10 + u);
            }
            (L::Tens(_), Element::Word(Unit(u))) => {
                n.cur += f64::from(u);
                n.last = L::Unit(u);
            }
            (L::Tens(t), Element::Word(Teen(x))) if g.tens_take_teens.contains(&t) => {
                if linked && !g.linked_teens.contains(&x) {
                    return None;
                }
                n.cur += f64::from(x);
                n.last = L::Teen(x);
            }
            (L::Hundred, Element::Word(Unit(u) | Teen(u) | Tens(u))) if a.cur % 100.0 == 0.0 => {
                n.cur += f64::from(u);
                n.last = match el {
                    Element::Word(Unit(_)) => L::Unit(u),
                    Element::Word(Teen(_)) => L::Teen(u),
                    _ => L::Tens(u),
                };
            }
            (L::Hundred, Element::Num { v, int: true })
                if !hyph && v > 0.0 && v < 100.0 && a.cur % 100.0 == 0.0 =>
            {
                n.cur += v;
                n.last = L::Digits;
            }
            (L::Mult, Element::Word(Unit(u) | Teen(u) | Tens(u))) if !a.has_cur => {
                set(
                    &mut n,
                    f64::from(u),
                    match el {
                        Element::Word(Unit(_)) => L::Unit(u),
                        Element::Word(Teen(_)) => L::Teen(u),
                        _ => L::Tens(u),
                    },
                );
            }
            (L::Mult, Element::Num { v, int: true })
                if !hyph && v > 0.0 && v < 1000.0 && !a.has_cur =>
            {
                set(&mut n, v, L::Digits);
            }
            (L::Mult, Element::Word(Hundred)) if g.hundred_alone && !linked && !a.has_cur => {
                set(&mut n, 100.0, L::Hundred);
            }
            (L::Mult, Element::Word(Hundreds(h))) if !linked && !a.has_cur => {
                set(&mut n, f64::from(h), L::Hundred);
            }
            (L::Unit(_) | L::Teen(_) | L::Tens(_) | L::Digits, Element::Word(Hundred))
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
                Element::Word(Mult { value, suffix }),
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
                Element::Word(Mult {
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
