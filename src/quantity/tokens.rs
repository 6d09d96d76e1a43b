//! Figures as tokens: every figure of a folded sentence is found once, by
//! one multi-pattern scan, and replaced by one byte before the rules run.
//!
//! `{quantity}` and `{duration}` stand for one byte in a compiled claim rule
//! ([`QUANTITY`], [`DURATION`]), so a rule is a few literals around a token and
//! the rules of a language make a small automaton that stays warm, where
//! forty copies of the figure grammar made one that never stopped growing.
//! A figure is read the same way by every rule, and the claim keeps the span
//! of the figure in the folded sentence ([`Tokenized::to_sentence`]).
//!
//! A quantity's qualifier words stay visible before its token ("le bilan
//! depassait <Q> militaires", "au moins <Q> morts"): a rule may spell them
//! ("depassait {quantity}") or let `{quantity}` take them; either way the
//! figure is read whole, qualifier included ([`Tokenized::figure`]).

use regex_automata::meta::Regex;
use regex_automata::util::syntax;

/// The byte a quantity stands for in tokenized text.
pub const QUANTITY: u8 = 0x01;
/// The byte a duration stands for in tokenized text.
pub const DURATION: u8 = 0x02;

/// Finds the figures of one language: durations first (so "9 mois" is a
/// duration, not the quantity 9), then quantities; leftmost, non-overlapping.
#[derive(Debug, Clone)]
pub struct FigureScanner {
    regex: Regex,
    /// The qualifier words at the start of a quantity, anchored.
    qualifier: Option<regex::bytes::Regex>,
    /// A day of the month is not a count: the month names of the pack
    /// after a figure ("30 octobre", "du 12 au 16 mars") and before it
    /// ("October 30").
    day_before_month: Option<regex::bytes::Regex>,
    month_before_day: Option<regex::bytes::Regex>,
    month_before_year: Option<regex::bytes::Regex>,
    /// "one another", "the one": the word for one as a pronoun stays text,
    /// as the token parser reads it (`one_pronoun_after`, `one_pronoun_before`).
    one: OnePronoun,
}

#[derive(Debug, Clone, Default)]
struct OnePronoun {
    /// The words for one alone ("one", "un", "une").
    words: Vec<Box<str>>,
    after: Vec<Box<str>>,
    before: Vec<Box<str>>,
    /// Articles that are also one (« une »), and the words before which
    /// one alone is a figure (`article_one_before`).
    articles: Vec<Box<str>>,
    article_before: Vec<Box<str>>,
}

impl OnePronoun {
    fn new(lang: &crate::lang::LangPack) -> OnePronoun {
        let mut words: Vec<Box<str>> = lang
            .cardinals
            .iter()
            .filter(|(_, n)| **n == crate::quantity::words::NumberWord::Unit(1))
            .map(|(w, _)| w.clone())
            .collect();
        words.sort();
        OnePronoun {
            words,
            after: lang.one_pronoun_after.clone(),
            before: lang.one_pronoun_before.clone(),
            articles: lang.articles.clone(),
            article_before: lang.article_one_before.clone(),
        }
    }

    /// Whether `figure`, between `before` and `after` in the folded
    /// sentence, is the word for one but no count: a pronoun ("the one"),
    /// or an article alone where its pack does not count it.
    fn is_no_count(&self, before: &[u8], figure: &[u8], after: &[u8]) -> bool {
        let is = |list: &[Box<str>], w: &[u8]| list.iter().any(|d| d.as_bytes() == w);
        if !is(&self.words, figure) {
            return false;
        }
        let word = |s: &[u8]| -> Vec<u8> {
            s.iter()
                .copied()
                .take_while(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
                .collect()
        };
        let prev: Vec<u8> = {
            let t = before.trim_ascii_end();
            let start = t
                .iter()
                .rposition(|b| !(b.is_ascii_alphanumeric() || *b >= 0x80))
                .map_or(0, |p| p + 1);
            t[start..].to_vec()
        };
        let next = word(after.trim_ascii_start());
        // An article alone counts one only before the words its pack
        // names (« et une en Autriche »): « une frappe » is no figure.
        let article = is(&self.articles, figure) && !is(&self.article_before, &next);
        article || is(&self.after, &prev) || is(&self.before, &next)
    }
}

impl FigureScanner {
    /// The scanner for a language's pack (digits only without one).
    pub fn new(lang: &crate::lang::LangPack) -> Result<FigureScanner, String> {
        let patterns = [
            crate::quantity::duration_pattern(lang),
            crate::quantity::figure_pattern(lang),
        ];
        let regex = Regex::builder()
            .syntax(
                syntax::Config::new()
                    .unicode(false)
                    .utf8(false)
                    .case_insensitive(true),
            )
            .configure(
                Regex::config()
                    .nfa_size_limit(Some(64 << 20))
                    .hybrid_cache_capacity(64 << 20),
            )
            .build_many(&patterns)
            .map_err(|e| e.to_string())?;
        let qb = crate::quantity::qualifier_pattern(lang);
        let qualifier = if qb.is_empty() {
            None
        } else {
            Some(
                regex::bytes::RegexBuilder::new(&format!("^(?:{qb})"))
                    .unicode(false)
                    .build()
                    .map_err(|e| e.to_string())?,
            )
        };
        let mut months: Vec<String> = lang
            .months
            .keys()
            .map(|m| regex_syntax::escape(m))
            .collect();
        months.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let (day_before_month, month_before_day, month_before_year) = if months.is_empty() {
            (None, None, None)
        } else {
            let months = months.join("|");
            let build = |p: String| {
                regex::bytes::RegexBuilder::new(&p)
                    .unicode(false)
                    .build()
                    .map_err(|e| e.to_string())
            };
            (
                // "12 au 16 mars", "30-31 October": a short joining word or a dash.
                Some(build(format!(
                    r"^(?:\s*[-/]\s*[0-9]{{1,2}}|\s+[a-z]{{1,3}}\s+[0-9]{{1,2}})?(?:er|st|nd|rd|th)?\s+(?:{months})\b"
                ))?),
                Some(build(format!(r"\b(?:{months})\.?\s+$"))?),
                // "le 27 septembre 2024", "September 29, 2024", "March 2020".
                Some(build(format!(
                    r"\b(?:{months})\.?(?:\s+[0-9]{{1,2}}(?:er|st|nd|rd|th)?)?,?\s+$"
                ))?),
            )
        };
        Ok(FigureScanner {
            regex,
            qualifier,
            day_before_month,
            month_before_day,
            month_before_year,
            one: OnePronoun::new(lang),
        })
    }

    /// The sentence with each figure replaced by its token byte. Bytes equal
    /// to a token in the text itself become spaces, so a token is always a figure.
    pub fn tokenize(&self, sentence: &str) -> Tokenized {
        crate::work::read(sentence.len());
        let bytes = sentence.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut figures = Vec::new();
        let mut last = 0;
        let push_text = |out: &mut Vec<u8>, text: &[u8]| {
            out.extend(text.iter().map(|&b| match b {
                QUANTITY | DURATION => b' ',
                b => b,
            }))
        };
        for m in self.regex.find_iter(bytes) {
            if m.is_empty() {
                continue;
            }
            let duration = m.pattern().as_usize() == 0;
            // A quantity's qualifier words stay in the text, before its token.
            let shown = match &self.qualifier {
                Some(q) if !duration => q
                    .find(&bytes[m.start()..m.end()])
                    .map_or(0, |p| p.end())
                    .min(m.len() - 1),
                _ => 0,
            };
            // A day of the month (one or two digits beside a month name)
            // stays text.
            let figure = &bytes[m.start() + shown..m.end()];
            if !duration
                && is_day(figure)
                && (self
                    .day_before_month
                    .as_ref()
                    .is_some_and(|r| r.is_match(&bytes[m.end()..]))
                    || self
                        .month_before_day
                        .as_ref()
                        .is_some_and(|r| r.is_match(&bytes[last..m.start()])))
            {
                continue;
            }
            // A year after its month (and day) is a date's: "le 27
            // septembre 2024, des pluies se sont abattues" counts no one.
            if !duration
                && is_year(figure)
                && self
                    .month_before_year
                    .as_ref()
                    .is_some_and(|r| r.is_match(&bytes[last..m.start()]))
            {
                continue;
            }
            // A figure glued by a hyphen to the word before it is part of a
            // name ("magnitude-7.6", "COVID-19", "Su-25"), no count.
            if m.start() >= 2
                && bytes[m.start() - 1] == b'-'
                && bytes[m.start() - 2].is_ascii_alphabetic()
            {
                continue;
            }
            // Digits glued by an apostrophe to digits before them are the
            // tail of a figure grouped the Swiss way ("100'000"), which a
            // pack's separators may not read (French's do): no figure of
            // their own (not "000").
            if m.start() >= 2
                && matches!(bytes[m.start() - 1], b'\'')
                && bytes[m.start() - 2].is_ascii_digit()
            {
                continue;
            }
            if shown == 0
                && self
                    .one
                    .is_no_count(&bytes[last..m.start()], figure, &bytes[m.end()..])
            {
                continue;
            }
            push_text(&mut out, &bytes[last..m.start() + shown]);
            figures.push(Figure {
                at: out.len(),
                whole: m.start(),
                start: m.start() + shown,
                end: m.end(),
            });
            out.push(if duration { DURATION } else { QUANTITY });
            last = m.end();
        }
        push_text(&mut out, &bytes[last..]);
        Tokenized {
            bytes: out,
            figures,
        }
    }
}

/// Four digits from 1900 to 2100, as a year is written.
fn is_year(figure: &[u8]) -> bool {
    figure.len() == 4
        && figure.iter().all(u8::is_ascii_digit)
        && std::str::from_utf8(figure)
            .ok()
            .and_then(|y| y.parse::<u32>().ok())
            .is_some_and(|y| (1900..=2100).contains(&y))
}

/// One or two digits, or two such joined by a dash or a short word ("12
/// au 16"): what a day of the month, or a span of days, looks like.
fn is_day(figure: &[u8]) -> bool {
    let digits = |s: &[u8]| (1..=2).contains(&s.len()) && s.iter().all(u8::is_ascii_digit);
    let Some(first) = figure.iter().position(|b| !b.is_ascii_digit()) else {
        return digits(figure);
    };
    let Some(last) = figure.iter().rposition(|b| !b.is_ascii_digit()) else {
        return false;
    };
    let joint = &figure[first..=last];
    let short_word = (3..=5).contains(&joint.len())
        && joint.first() == Some(&b' ')
        && joint.last() == Some(&b' ')
        && joint[1..joint.len() - 1].iter().all(u8::is_ascii_lowercase);
    let dash = joint.iter().all(|&b| b == b'-' || b == b'/' || b == b' ');
    digits(&figure[..first]) && digits(&figure[last + 1..]) && (short_word || dash)
}

/// A claim rule's expanded pattern with every character class that takes a
/// digit taking the token bytes too: "(?:[a-z0-9'-]+ ){0,5}" crossed "de 16
/// localites" when figures were digits, and crosses "de <token> localites"
/// now. `None` when the source does not parse (the caller reports that).
pub fn digits_match_figures(source: &str) -> Option<String> {
    use regex_syntax::hir::{Class, ClassBytesRange, ClassUnicodeRange, Hir, HirKind};
    /// Whether a character class takes a digit and something else: a word
    /// class such as `[a-z0-9'-]`. A class of digits alone (`[0-9]`) reads
    /// digits left as text, a day beside its month, and never a figure.
    fn class_takes_digit(c: &Class) -> bool {
        let digit = |lo: u32, hi: u32| lo <= u32::from(b'9') && hi >= u32::from(b'0');
        let other = |lo: u32, hi: u32| lo < u32::from(b'0') || hi > u32::from(b'9');
        let ranges: Vec<(u32, u32)> = match c {
            Class::Bytes(c) => c
                .ranges()
                .iter()
                .map(|r| (r.start().into(), r.end().into()))
                .collect(),
            Class::Unicode(c) => c
                .ranges()
                .iter()
                .map(|r| (r.start().into(), r.end().into()))
                .collect(),
        };
        ranges.iter().any(|&(lo, hi)| digit(lo, hi)) && ranges.iter().any(|&(lo, hi)| other(lo, hi))
    }
    fn widen(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Class(mut c) => {
                if class_takes_digit(&c) {
                    match &mut c {
                        Class::Bytes(b) => b.push(ClassBytesRange::new(QUANTITY, DURATION)),
                        Class::Unicode(u) => u.push(ClassUnicodeRange::new(
                            char::from(QUANTITY),
                            char::from(DURATION),
                        )),
                    }
                }
                Hir::class(c)
            }
            HirKind::Repetition(mut r) => {
                r.sub = Box::new(widen(*r.sub));
                Hir::repetition(r)
            }
            HirKind::Capture(mut c) => {
                c.sub = Box::new(widen(*c.sub));
                Hir::capture(c)
            }
            HirKind::Concat(v) => Hir::concat(v.into_iter().map(widen).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(widen).collect()),
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(l) => Hir::literal(l.0),
            HirKind::Look(l) => Hir::look(l),
        }
    }
    fn takes_digit(h: &Hir) -> bool {
        match h.kind() {
            HirKind::Class(c) => class_takes_digit(c),
            HirKind::Repetition(r) => takes_digit(&r.sub),
            HirKind::Capture(c) => takes_digit(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(takes_digit),
            HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => false,
        }
    }
    // Parsed as written (the caller compiles case-insensitively either way),
    // which keeps long name lists cheap to parse and print.
    let hir = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(source)
        .ok()?;
    if !takes_digit(&hir) {
        return Some(source.to_string());
    }
    Some(widen(hir).to_string())
}

/// One figure: its token's position in the tokenized text, where the figure
/// starts with its qualifier (`whole`), where the part the token stands for
/// starts, and where it ends, in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Figure {
    at: usize,
    whole: usize,
    start: usize,
    end: usize,
}

/// A sentence with its figures as tokens, and the way back.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    pub bytes: Vec<u8>,
    figures: Vec<Figure>,
}

impl Tokenized {
    /// The sentence offset of a tokenized-text offset: a token's start maps
    /// to its figure's start, the offset after it to the figure's end.
    pub fn to_sentence(&self, pos: usize) -> usize {
        let mut shift = 0;
        for f in &self.figures {
            if f.at >= pos {
                break;
            }
            shift += f.end - f.start - 1;
        }
        pos + shift
    }

    /// The whole figure (qualifier included) a token at `pos` stands for, as a
    /// sentence span.
    pub fn figure(&self, pos: usize) -> Option<(usize, usize)> {
        self.figures
            .binary_search_by_key(&pos, |f| f.at)
            .ok()
            .map(|i| (self.figures[i].whole, self.figures[i].end))
    }

    /// The first figure that starts at or after sentence offset `pos`, as a
    /// sentence span (qualifier included).
    pub fn figure_starting_from(&self, pos: usize) -> Option<(usize, usize)> {
        self.figures
            .iter()
            .find(|f| f.whole >= pos)
            .map(|f| (f.whole, f.end))
    }

    /// Whether a figure's token stands at `pos` or after it.
    pub fn figure_from(&self, pos: usize) -> bool {
        self.figures.last().is_some_and(|f| f.at >= pos)
    }

    /// The last figure that ends at or before sentence offset `pos`, as a
    /// sentence span (qualifier included).
    pub fn figure_ending_by(&self, pos: usize) -> Option<(usize, usize)> {
        self.figures
            .iter()
            .rev()
            .find(|f| f.end <= pos)
            .map(|f| (f.whole, f.end))
    }

    /// The number of figures found.
    pub fn figure_count(&self) -> usize {
        self.figures.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_become_tokens_and_map_back() {
        let s = FigureScanner::new(crate::lang::Languages::builtin().get("fr")).unwrap();
        let sentence = "le blocus dure depuis 9 mois et au moins 29 personnes sont mortes";
        let t = s.tokenize(sentence);
        assert_eq!(t.figure_count(), 2);
        let text = String::from_utf8_lossy(&t.bytes).into_owned();
        assert_eq!(
            text,
            "le blocus dure \u{2} et au moins \u{1} personnes sont mortes"
        );
        let q = t.bytes.iter().position(|&b| b == QUANTITY).unwrap();
        assert_eq!(&sentence[t.to_sentence(q)..t.to_sentence(q + 1)], "29");
        let (s, e) = t.figure(q).unwrap();
        assert_eq!(&sentence[s..e], "au moins 29");
        let d = t.bytes.iter().position(|&b| b == DURATION).unwrap();
        assert_eq!(
            &sentence[t.to_sentence(d)..t.to_sentence(d + 1)],
            "depuis 9 mois"
        );
        // Text around the tokens maps one to one.
        let end = t.bytes.len();
        assert_eq!(t.to_sentence(end), sentence.len());
        assert_eq!(t.to_sentence(3), 3);
    }

    #[test]
    fn digits_after_an_apostrophe_in_a_figure_are_no_figure() {
        let s = FigureScanner::new(crate::lang::Languages::builtin().get("fr")).unwrap();
        let t = s.tokenize("quelque 100'000 personnes ont ete evacuees");
        let text = String::from_utf8_lossy(&t.bytes).into_owned();
        assert!(!text.contains("'\u{1}"), "{text:?}");
        assert_eq!(t.figure_count(), 1);
    }

    #[test]
    fn classes_with_digits_take_tokens() {
        let widened = digits_match_figures(r"^(?P<q>\x01) (?:[a-z0-9'-]+ ){0,5}?evacues").unwrap();
        let re = regex::bytes::Regex::new(&format!("(?-u){widened}")).unwrap();
        assert!(re.is_match(b"\x01 habitants de \x01 localites evacues"));
        let plain = digits_match_figures(r"^(?P<q>\x01) (?:[a-z'-]+ ){0,5}?evacues").unwrap();
        let re = regex::bytes::Regex::new(&format!("(?-u){plain}")).unwrap();
        assert!(!re.is_match(b"\x01 habitants de \x01 localites evacues"));
        assert!(re.is_match(b"\x01 habitants de la ville evacues"));
        // Digits alone are digits left as text (a day), never a token.
        let days = digits_match_figures(r"^\x01 (?:[a-z]+ |[0-9]{1,2} ){0,5}?tues").unwrap();
        let re = regex::bytes::Regex::new(&format!("(?-u){days}")).unwrap();
        assert!(re.is_match(b"\x01 le 13 avril tues"));
        assert!(!re.is_match(b"\x01 le \x01 avril tues"));
    }

    #[test]
    fn a_year_after_its_month_is_no_figure() {
        let fr = FigureScanner::new(crate::lang::Languages::builtin().get("fr")).unwrap();
        let t = fr.tokenize("le 27 septembre 2024, des pluies se sont abattues");
        assert_eq!(t.figure_count(), 0);
        let en = FigureScanner::new(crate::lang::Languages::builtin().get("en")).unwrap();
        for text in ["on september 29, 2024 148 died", "in march 2020 148 died"] {
            let t = en.tokenize(text);
            assert_eq!(t.figure_count(), 1, "{text}");
        }
        // Not after a month: a figure, whatever its size.
        assert_eq!(en.tokenize("2024 people were evacuated").figure_count(), 1);
    }

    #[test]
    fn a_figure_glued_to_the_word_before_is_no_figure() {
        let en = FigureScanner::new(crate::lang::Languages::builtin().get("en")).unwrap();
        let t = en.tokenize("the magnitude-7.6 quake and covid-19 killed 213 people");
        assert_eq!(t.figure_count(), 1);
    }

    #[test]
    fn a_day_of_the_month_is_not_a_figure() {
        let fr = FigureScanner::new(crate::lang::Languages::builtin().get("fr")).unwrap();
        let t = fr.tokenize("du 12 au 16 mars, les combats ont tue au moins 520 personnes");
        assert_eq!(t.figure_count(), 1);
        let t = fr.tokenize("le 7 octobre, 1 200 personnes et 12 soldats");
        assert_eq!(t.figure_count(), 2);
        let en = FigureScanner::new(crate::lang::Languages::builtin().get("en")).unwrap();
        let t = en.tokenize("about 830 dead soldiers on october 30 and 874 now");
        assert_eq!(t.figure_count(), 2);
        assert!(is_day(b"12 au 16") && is_day(b"30") && is_day(b"30-31"));
        assert!(!is_day(b"120") && !is_day(b"12 au 160") && !is_day(b"1 200"));
    }

    #[test]
    fn a_fraction_of_a_multiplier_is_one_figure() {
        for (lang, sentence, figure) in [
            ("en", "half a million people fled", "half a million"),
            ("en", "a half million people fled", "a half million"),
            (
                "fr",
                "un demi-million de personnes ont fui",
                "un demi-million",
            ),
        ] {
            let s = FigureScanner::new(crate::lang::Languages::builtin().get(lang)).unwrap();
            let t = s.tokenize(sentence);
            assert_eq!(t.figure_count(), 1, "{sentence}");
            let q = t.bytes.iter().position(|&b| b == QUANTITY).unwrap();
            let (from, to) = t.figure(q).unwrap();
            assert_eq!(&sentence[from..to], figure);
        }
    }

    #[test]
    fn token_bytes_in_the_text_are_not_figures() {
        let s = FigureScanner::new(crate::lang::Languages::builtin().get("en")).unwrap();
        let t = s.tokenize("a\u{1}b 12 dead");
        assert_eq!(t.figure_count(), 1);
        assert_eq!(t.bytes.iter().filter(|&&b| b == QUANTITY).count(), 1);
    }
}
