//! Language packs: everything the engine knows about a language, read from
//! YAML at run time instead of compiled in.
//!
//! A pack is the files of `rules/lang/<code>/` (embedded in the binary) plus
//! any `DIR/lang/<code>/` of a `--rules DIR` folder, which adds a language or
//! extends one. It holds the number words and how they combine, separators,
//! fraction words, qualifiers and vague quantities, time units, month names,
//! the words of ranges and durations, sentence-splitting abbreviations,
//! language-detection words and reported-speech words. The quantity parser
//! and the figure patterns are built from the same tables when the pack is
//! loaded, so adding a language is writing YAML (see `docs/LANGUAGES.md`).
//!
//! A language without a pack reads figures in digits only.

mod build;
pub mod spec;
mod speech_spec;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use crate::claim::TimeUnit;
use crate::error::{Error, Result};
use crate::quantity::pack::{Frac, Lexicon, NumberWord};
use crate::quantity::pack::{Grammar, Patterns, Seps, Words, digits_patterns};

/// FNV-1a: the keys are short words, read on the hot path of the parser.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map from folded words, hashed fast.
pub type WordMap<V> = HashMap<Box<str>, V, BuildHasherDefault<Fnv>>;

/// A time unit word: the unit, how many of it, read after digits only.
pub(crate) type UnitWord = (TimeUnit, f64, bool);

/// A language's files as read: its code, their merged YAML, (path, text) of each.
type PackSource = (String, spec::PackFile, Vec<(String, String)>);

/// One language's knowledge, built at load.
#[derive(Debug, Clone)]
pub struct LangPack {
    /// The language code (`fr`, `en`, `es`), or empty for digits only.
    pub code: String,
    pub(crate) seps: Seps,
    /// Cardinal number words and their class.
    pub(crate) cardinals: WordMap<NumberWord>,
    /// Multipliers that read as themselves alone ("mille").
    pub(crate) alone: Vec<Box<str>>,
    pub(crate) grammar: Grammar,
    /// Fraction words by stem (a plural `s` stripped).
    pub(crate) ordinals: WordMap<Frac>,
    pub(crate) invariant: Vec<Box<str>>,
    pub(crate) ranks: WordMap<f64>,
    pub(crate) time_units: WordMap<UnitWord>,
    /// Units written with a hyphen ("week-end"): both words and the unit.
    pub(crate) hyphen_units: Vec<(Box<str>, Box<str>, UnitWord)>,
    pub(crate) months: WordMap<i8>,
    pub(crate) lexicon: Lexicon,
    pub(crate) words: Words,
    pub(crate) patterns: Patterns,
    pub(crate) one_pronoun_after: Vec<Box<str>>,
    pub(crate) one_pronoun_before: Vec<Box<str>>,
    pub(crate) article_one_before: Vec<Box<str>>,
    pub(crate) articles: Vec<Box<str>>,
    abbreviations: Vec<String>,
    detection: Vec<String>,
    detection_default: bool,
    speech: spec::SpeechSpec,
    /// Folded verbs of change (`pattern.change_before`).
    change_before: Vec<String>,
    /// Folded words that open and join a range (`pattern.range_open`,
    /// `pattern.range_join`): what stands around a change's two figures.
    change_open: Vec<String>,
    change_join: Vec<String>,
    /// Folded nouns that count no people (`phrases.not_people`).
    not_people: Vec<String>,
}

impl LangPack {
    /// Whether the words after a figure (folded) say it counts no people:
    /// one of its next two words, before the clause's punctuation, is one
    /// of `phrases.not_people` ("trois localites", "40,000 destroyed homes",
    /// "3 000 tetes de betail", "11 650 familles"; not "1,000 people in
    /// villages").
    pub fn counts_no_people(&self, after: &str) -> bool {
        let clause = &after[..after.find([',', ';', ':', '.']).unwrap_or(after.len())];
        clause
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .take(2)
            .any(|w| self.not_people.iter().any(|n| n == w))
    }

    /// Whether folded text that ends just before a range ends with a verb
    /// of change ("the toll rose " before "from 558 to 569"): the range is
    /// then a change, read as its second figure.
    pub fn ends_with_change(&self, before: &str) -> bool {
        let before = before.trim_end();
        self.change_before.iter().any(|w| {
            before.ends_with(w.as_str())
                && before[..before.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// Whether a figure with `before` before it and `between` after it, up
    /// to the next figure, is the old figure of a change ("the toll fell
    /// from 33 to 30", « est passé de 33 à 30 »): a verb of change, a word
    /// that opens a range allowed after it, and a word that joins one.
    pub fn is_change_from(&self, before: &str, between: &str) -> bool {
        let before = before.trim_end();
        let opened = self.change_open.iter().find_map(|o| {
            before
                .strip_suffix(o.as_str())
                .filter(|b| b.ends_with(' ') || b.is_empty())
        });
        (self.ends_with_change(before) || opened.is_some_and(|b| self.ends_with_change(b)))
            && self.change_join.iter().any(|j| j == between.trim())
    }

    /// Whether the language has words (a pack), not digits only.
    pub fn has_words(&self) -> bool {
        !self.code.is_empty()
    }

    /// The cardinal class of a folded word.
    #[inline]
    pub(crate) fn cardinal(&self, w: &str) -> Option<NumberWord> {
        if self.cardinals.is_empty() {
            return None;
        }
        self.cardinals.get(w).copied()
    }
}

/// Speech words of every language, for attribution (which reads a speaker
/// phrase before it knows its language): every pack's lists, each word once.
pub type Speech = spec::SpeechSpec;

/// Every language pack loaded, by code.
#[derive(Debug, Clone)]
pub struct Languages {
    packs: Vec<LangPack>,
    by_code: HashMap<String, usize>,
    /// The digits-only pack of languages without one.
    none: LangPack,
    /// Detection word -> bit mask of the languages (indices in `packs`) it votes for.
    votes: HashMap<Box<[u8]>, u64, BuildHasherDefault<Fnv>>,
    longest_vote: usize,
    default_lang: Option<usize>,
    abbreviations: Vec<String>,
    speech: Speech,
}

/// The language of a pack file: `.../lang/<code>/<file>.yaml`.
pub fn pack_code(path: &str) -> Option<String> {
    let p = std::path::Path::new(path);
    let code = p.parent()?;
    let lang = code.parent()?;
    (lang.file_name()? == "lang")
        .then(|| code.file_name()?.to_str().map(str::to_ascii_lowercase))?
}

/// Fewest votes for [`Languages::detect_strict`], and how many times the
/// votes of any other language they must be.
const STRICT_VOTES: usize = 3;
/// A text of at least this many words is in none of the packs' languages
/// when fewer than [`KNOWN_SHARE`] percent of its words are detection words
/// of the best pack: French and English news run at 19 % and more, German
/// at 6 %, Spanish at 3 %, Russian at 0.
const KNOWN_WORDS: usize = 20;
const KNOWN_SHARE: usize = 8;
const STRICT_RATIO: usize = 2;

impl Languages {
    /// Builds the packs from their files (`path`, text); the code is read from
    /// each path (`.../lang/<code>/...`). Any error refuses the whole load.
    pub fn load(files: &[(&str, &str)]) -> Result<Languages> {
        let mut specs: Vec<PackSource> = Vec::new();
        for (path, text) in files {
            let code = pack_code(path).ok_or_else(|| {
                Error::rules(path, 1, 1, "a language file belongs in lang/<code>/")
            })?;
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase()) || code.len() > 8 {
                return Err(Error::rules(
                    path,
                    1,
                    1,
                    format!("lang/{code}/ is not a language code such as fr or en"),
                ));
            }
            let file: spec::PackFile = crate::yaml::parse(path, text)?;
            match specs.iter_mut().find(|s| s.0 == code) {
                Some(s) => {
                    s.1.merge(file);
                    s.2.push((path.to_string(), text.to_string()));
                }
                None => specs.push((code, file, vec![(path.to_string(), text.to_string())])),
            }
        }
        specs.sort_by(|a, b| a.0.cmp(&b.0));
        if specs.len() > 64 {
            return Err(Error::Usage("more than 64 language packs".into()));
        }
        let mut packs = Vec::new();
        for (code, spec, files) in specs {
            packs.push(build::pack(&code, spec, &files)?);
        }
        Ok(Languages::index(packs))
    }

    fn index(packs: Vec<LangPack>) -> Languages {
        let mut votes: HashMap<Box<[u8]>, u64, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut longest_vote = 0;
        let mut abbreviations: Vec<String> = Vec::new();
        let mut speech = Speech::default();
        for (i, p) in packs.iter().enumerate() {
            for w in &p.detection {
                *votes.entry(w.as_bytes().into()).or_insert(0) |= 1 << i;
                longest_vote = longest_vote.max(w.len());
            }
            for a in &p.abbreviations {
                if !abbreviations.contains(a) {
                    abbreviations.push(a.clone());
                }
            }
            speech.with_each_list(&p.speech, |to, from| {
                for w in from {
                    if !to.contains(w) {
                        to.push(w.clone());
                    }
                }
            });
        }
        let default_lang = packs
            .iter()
            .position(|p| p.detection_default)
            .or_else(|| packs.iter().position(|p| !p.detection.is_empty()));
        let by_code = packs
            .iter()
            .enumerate()
            .map(|(i, p)| (p.code.clone(), i))
            .collect();
        let none = digits_only(&packs);
        Languages {
            packs,
            by_code,
            none,
            votes,
            longest_vote: longest_vote.min(32),
            default_lang,
            abbreviations,
            speech,
        }
    }

    /// The pack of a language code; the digits-only pack when there is none.
    pub fn get(&self, code: &str) -> &LangPack {
        match self.by_code.get(code) {
            Some(&i) => &self.packs[i],
            None => &self.none,
        }
    }

    /// The codes of the languages with a pack, sorted.
    pub fn codes(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.code.as_str()).collect()
    }

    /// Sentence-splitting abbreviations of every language.
    pub fn abbreviations(&self) -> &[String] {
        &self.abbreviations
    }

    /// Reported-speech words of every language.
    pub fn speech(&self) -> &Speech {
        &self.speech
    }

    /// Guesses the language from its detection words; a tie goes to the
    /// pack marked `detection_default`.
    pub fn detect(&self, text: &str) -> &str {
        self.pick(&self.votes(text))
    }

    /// The pack with the most votes, the default one among equals.
    fn pick(&self, votes: &[usize; 64]) -> &str {
        let Some(mut best) = self.default_lang else {
            return "";
        };
        for i in 0..self.packs.len() {
            if i != best && votes[i] > votes[best] {
                best = i;
            }
        }
        &self.packs[best].code
    }

    /// The language of a text when a pack knows its words; `None` when a
    /// text of some length (German, Russian) is in none of the packs'
    /// languages. A short text is given the default language, as by [`Self::detect`].
    pub fn recognise(&self, text: &str) -> Option<&str> {
        let (votes, words) = self.votes_and_words(text);
        let best = votes
            .iter()
            .take(self.packs.len())
            .max()
            .copied()
            .unwrap_or(0);
        (words < KNOWN_WORDS || best * 100 >= KNOWN_SHARE * words).then(|| self.pick(&votes))
    }

    /// A language when a short text (a sentence) says so clearly: at least
    /// three detection words of it, and twice as many as of any other.
    pub fn detect_strict(&self, text: &str) -> Option<&str> {
        crate::work::read(text.len());
        let votes = self.votes(text);
        let n = self.packs.len();
        (0..n)
            .find(|&i| {
                let others = (0..n)
                    .filter(|&j| j != i)
                    .map(|j| votes[j])
                    .max()
                    .unwrap_or(0);
                votes[i] >= STRICT_VOTES && votes[i] >= STRICT_RATIO * others
            })
            .map(|i| self.packs[i].code.as_str())
    }

    fn votes(&self, text: &str) -> [usize; 64] {
        self.votes_and_words(text).0
    }

    /// Each pack's detection words in the first 2,000 words of a text, and
    /// how many words were read.
    fn votes_and_words(&self, text: &str) -> ([usize; 64], usize) {
        let mut votes = [0usize; 64];
        let mut words = 0usize;
        let longest = self.longest_vote;
        let mut vote = |w: &[u8]| {
            // The lists are short ASCII words: longer words are in none.
            if w.is_empty() || w.len() > longest {
                return;
            }
            let mut lower = [0u8; 32];
            lower[..w.len()].copy_from_slice(w);
            lower[..w.len()].make_ascii_lowercase();
            if let Some(&mask) = self.votes.get(&lower[..w.len()]) {
                let mut m = mask;
                while m != 0 {
                    let i = m.trailing_zeros() as usize;
                    votes[i] += 1;
                    m &= m - 1;
                }
            }
        };
        // Words are runs of letters; the first 2,000 pieces between
        // non-letters are read. A word with a non-ASCII letter is in no
        // list, so only the non-ASCII characters are decoded.
        let bytes = text.as_bytes();
        let (mut pieces, mut word, mut ascii, mut i) = (0usize, 0usize, true, 0usize);
        while i < bytes.len() {
            let (letter, width) = if bytes[i].is_ascii() {
                (bytes[i].is_ascii_alphabetic(), 1)
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                ascii &= !c.is_alphabetic();
                (c.is_alphabetic(), c.len_utf8())
            };
            i += width;
            if letter {
                continue;
            }
            if ascii {
                vote(&bytes[word..i - width]);
            }
            words += usize::from(i - width > word);
            pieces += 1;
            if pieces == 2000 {
                return (votes, words);
            }
            (word, ascii) = (i, true);
        }
        if ascii {
            vote(&bytes[word..]);
        }
        words += usize::from(bytes.len() > word);
        (votes, words)
    }

    /// The packs embedded in the binary (`rules/lang/`), for callers without
    /// a rule set (the corpus reader's language guess, tests).
    pub fn builtin() -> &'static Languages {
        static BUILTIN: LazyLock<Languages> = LazyLock::new(|| {
            let files: Vec<(&str, &str)> = crate::rules::DEFAULT_FILES
                .iter()
                .filter(|(p, _)| pack_code(p).is_some())
                .copied()
                .collect();
            // The embedded packs are checked by the tests; should one ever
            // fail, the engine still reads digits.
            Languages::load(&files).unwrap_or_else(|_| Languages::index(Vec::new()))
        });
        &BUILTIN
    }
}

#[cfg(test)]
mod tests;

/// The pack of a language without one: digits only, and for durations the
/// time units of every pack ("12 days" in a language we cannot read).
fn digits_only(packs: &[LangPack]) -> LangPack {
    let mut time_units: WordMap<_> = WordMap::default();
    for p in packs {
        for (w, u) in &p.time_units {
            time_units.entry(w.clone()).or_insert(*u);
        }
    }
    LangPack {
        code: String::new(),
        seps: Seps::digits_only(),
        cardinals: WordMap::default(),
        alone: Vec::new(),
        grammar: Grammar::default(),
        ordinals: WordMap::default(),
        invariant: Vec::new(),
        ranks: WordMap::default(),
        time_units,
        hyphen_units: Vec::new(),
        months: WordMap::default(),
        lexicon: Lexicon::default(),
        words: Words::default(),
        patterns: digits_patterns(),
        one_pronoun_after: Vec::new(),
        one_pronoun_before: Vec::new(),
        article_one_before: Vec::new(),
        articles: Vec::new(),
        abbreviations: Vec::new(),
        detection: Vec::new(),
        detection_default: false,
        speech: Default::default(),
        change_before: Vec::new(),
        change_open: Vec::new(),
        change_join: Vec::new(),
        not_people: Vec::new(),
    }
}
