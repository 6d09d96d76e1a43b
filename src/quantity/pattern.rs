//! Regex sources for rule authors: `{quantity}` and `{duration}`.
//!
//! They are built once from the same word lists and YAML lexicons the
//! parser uses, contain no capture groups, and compile with
//! `regex::bytes::RegexBuilder::new(..).unicode(false)`. They find the span;
//! `parse_quantity` / `parse_duration` read its value.

use std::sync::LazyLock;

use super::lex::Lang;
use super::lexicon::lexicon;
use super::words::{
    EN_MULT_WORDS, EN_NUMBER_CONT, EN_NUMBER_WORDS, FR_MULT_WORDS, FR_NUMBER_CONT, FR_NUMBER_WORDS,
};

/// `(?:a|b|c)` of escaped phrases, longest first, each ending on a word boundary
/// unless it ends with an apostrophe or a symbol.
fn alt(phrases: &[String]) -> String {
    let mut p: Vec<&String> = phrases.iter().collect();
    p.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    p.dedup();
    let items: Vec<String> = p
        .iter()
        .map(|s| {
            let e = regex::escape(s);
            if s.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                format!("{e}\\b")
            } else {
                e
            }
        })
        .collect();
    format!("(?:{})", items.join("|"))
}

fn words(w: &[&str]) -> String {
    alt(&w.iter().map(|s| s.to_string()).collect::<Vec<_>>())
}

const DIGITS_OTHER: &str = r"\b\d+(?:[.,]\d+)?\b";

/// The word lists a language's patterns are made of.
struct LangWords {
    start: &'static [&'static str],
    cont: &'static [&'static str],
    mults: &'static [&'static str],
    dig: &'static str,
    suffix: &'static [&'static str],
    half: &'static str,
    link: &'static str,
    art: &'static str,
}

struct Parts {
    amount: String,
    qb: String,
    qa: String,
    vague: String,
    counts: String,
    art: &'static str,
}

fn parts(lang: Lang) -> Parts {
    let lex = lexicon(lang);
    let l = match lang {
        Lang::Fr => LangWords {
            start: FR_NUMBER_WORDS,
            cont: FR_NUMBER_CONT,
            mults: FR_MULT_WORDS,
            dig: r"(?:\d{1,3}(?:[ .]\d{3}\b)+|\d+)(?:[,.]\d+)?",
            suffix: &[
                "k",
                "mille",
                "million",
                "millions",
                "milliard",
                "milliards",
                "billion",
                "billions",
                "md",
                "mds",
            ],
            half: r"(?: et demie?\b)?",
            link: "et ",
            art: "(?:un|une)",
        },
        _ => LangWords {
            start: EN_NUMBER_WORDS,
            cont: EN_NUMBER_CONT,
            mults: EN_MULT_WORDS,
            dig: r"(?:\d{1,3}(?:,\d{3}\b)+|\d{1,3}(?: \d{3}\b)+|\d+)(?:\.\d+)?",
            suffix: &[
                "k", "thousand", "million", "millions", "billion", "billions", "trillion", "bn",
                "b", "mn", "mln", "mil", "tn",
            ],
            half: r"(?: and a half\b)?",
            link: "and ",
            art: "(?:a|an)",
        },
    };
    let LangWords {
        start,
        cont,
        mults,
        dig,
        suffix,
        half,
        link,
        art,
    } = l;
    let nw = words(start);
    let mut all: Vec<&str> = start.to_vec();
    all.extend_from_slice(cont);
    let nwc = words(&all);
    let run = format!("{nw}(?:(?: ?- ?| )(?:{link})?{nwc})*");
    let art_run = format!("{art} {}(?:(?: ?- ?| )(?:{link})?{nwc})*", words(mults));
    let amount = format!(
        r"(?:\b{dig}(?: ?{})?\b|\b{art_run}|\b{run}){half}",
        words(suffix)
    );
    let before: Vec<String> = lex.before.iter().map(|(p, _)| p.text.clone()).collect();
    let after: Vec<String> = lex.after.iter().map(|(p, _)| p.text.clone()).collect();
    let vague: Vec<String> = lex.vague.iter().map(|(p, _)| p.text.clone()).collect();
    let counts: Vec<String> = lex.counts.iter().map(|(p, _)| p.text.clone()).collect();
    // A qualifier word is followed by a space; an elided one ("plus d'") is
    // glued to the figure; a symbol may touch it (">30").
    let mut qb_sorted: Vec<&String> = before.iter().collect();
    qb_sorted.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    qb_sorted.dedup();
    let qb = format!(
        "(?:{})",
        qb_sorted
            .iter()
            .map(|s| {
                let e = regex::escape(s);
                if s.ends_with('\'') {
                    e
                } else if s.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                    format!("{e} ")
                } else {
                    format!("{e} ?")
                }
            })
            .collect::<Vec<_>>()
            .join("|")
    );
    Parts {
        amount,
        qb,
        qa: format!(" {}", alt(&after)),
        vague: format!(r"\b{}", alt(&vague)),
        counts: format!(r"\b{}", alt(&counts)),
        art,
    }
}

fn build_quantity(lang: Lang) -> String {
    if lang == Lang::Other {
        return DIGITS_OTHER.to_string();
    }
    let Parts {
        amount,
        qb,
        qa,
        vague,
        art,
        ..
    } = parts(lang);
    // Each `amount` is large (every number word twice): the pattern names it
    // as few times as it can, since rule authors embed it in many rules and
    // its size is what compiling and scanning them costs. "entre X et Y" and
    // "X à Y" share one range branch; a bare article counts only after a
    // qualifier ("au moins un").
    let range = match lang {
        Lang::Fr => {
            // "de" before a range ("de 5 a 10") stays outside it: the words
            // around a figure belong to the rules ("un bilan de 24 morts").
            format!(r"(?:\bentre )?{amount}(?: et | ?- ?| a | au | ou ){amount}")
        }
        _ => {
            format!(r"(?:\b(?:between |from ))?{amount}(?: and | ?- ?| to | through | or ){amount}")
        }
    };
    let core = format!(r"(?:{range}|{amount}(?:{qa})?|{vague})");
    format!(r"(?:(?:{qb})?{core}|{qb}{art}\b)")
}

/// What may follow a quantity before the noun it counts: "des milliers de
/// morts", "five of them".
pub(crate) fn linker(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => r"(?: de\b| d')?",
        Lang::En => r"(?: of\b)?",
        Lang::Other => "",
    }
}

fn build_duration(lang: Lang) -> String {
    if lang == Lang::Other {
        return format!(r"{DIGITS_OTHER} ?[a-z]+\b");
    }
    let Parts {
        amount,
        qb,
        qa,
        vague,
        counts,
        ..
    } = parts(lang);
    match lang {
        Lang::Fr => {
            let unit = r"(?:secondes?|secs?|minutes?|mins?|mn|heures?|h|hrs?|jours?|journees?|nuits?|semaines?|week-?ends?|mois|trimestres?|semestres?|annees?|ans?|decennies?)\b";
            let month = words(&[
                "janvier",
                "janv",
                "fevrier",
                "fevr",
                "fev",
                "mars",
                "avril",
                "avr",
                "mai",
                "juin",
                "juillet",
                "juil",
                "aout",
                "septembre",
                "sept",
                "octobre",
                "oct",
                "novembre",
                "nov",
                "decembre",
                "dec",
            ]);
            let amt = format!(r"(?:{amount}(?:(?: ?- ?| a | ou ){amount})?|\bune?\b)");
            let len1 = format!(
                r"(?:(?:{amt}|{counts}|{vague} (?:de |d'))(?: ?- ?| )?(?:(?:derniers|dernieres|prochains|prochaines) )?{unit}(?: et (?:une? )?(?:demie?|quart)\b)?|\b(?:toute?s?|tous) (?:la |le |les |l'){unit}|\b(?:une? )?demi(?:-| )?{unit}|\bquinze jours\b)"
            );
            let len = format!(r"{len1}(?:(?:, | et | ){len1}){{0,4}}");
            let part = r"(?:(?:debut|mi|fin)(?:-| de | d'))?";
            let since = format!(
                r"\bdepuis (?:le |l')?{part}(?:(?:(?:1er|\d{{1,2}}) )?{month}(?: \d{{4}}\b)?|\d{{4}}\b)"
            );
            let marker = r"(?:\b(?:depuis|pendant|durant|au cours des?|pour) )?";
            format!(r"(?:{since}|{marker}(?:{qb})?{len}(?:{qa})?)")
        }
        _ => {
            let unit = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|week-?ends?|fortnights?|months?|years?|yrs?|decades?)\b";
            let month = words(&[
                "january",
                "jan",
                "february",
                "feb",
                "march",
                "mar",
                "april",
                "apr",
                "may",
                "june",
                "jun",
                "july",
                "jul",
                "august",
                "aug",
                "september",
                "sep",
                "sept",
                "october",
                "oct",
                "november",
                "nov",
                "december",
                "dec",
            ]);
            let amt = format!(r"(?:{amount}(?:(?: ?- ?| to | or ){amount})?|\b(?:an?|one)\b)");
            let len1 = format!(
                r"(?:(?:{amt}|{counts}|{vague} of)(?: ?- ?| )?(?:(?:more|further|additional|business) )?{unit}(?: and (?:a )?(?:half|quarter)\b)?|\b(?:all|full|whole|entire|the whole|the entire|another)(?:-| ){unit}|\b(?:a )?half(?: an?)? {unit})"
            );
            let len = format!(r"{len1}(?:(?:,? and |, | ){len1}){{0,4}}");
            let day = r"\d{1,2}(?:st|nd|rd|th)?";
            let since = format!(
                r"\bsince (?:the )?(?:last )?(?:(?:early|mid|late)(?:-| ))?(?:{day} (?:of )?{month}(?:,? \d{{4}}\b)?|{month}\.?(?: {day}\b)?(?:,? \d{{4}}\b)?|\d{{4}}\b)"
            );
            let marker = r"(?:\b(?:over the past|over the last|for the past|for the last|in the past|in the last|during the past|during the last|for|during) )?";
            format!(r"(?:{since}|{marker}(?:{qb})?{len}(?:{qa})?)")
        }
    }
}

static QC_FR: LazyLock<String> = LazyLock::new(|| build_quantity(Lang::Fr));
static QC_EN: LazyLock<String> = LazyLock::new(|| build_quantity(Lang::En));
static Q_FR: LazyLock<String> = LazyLock::new(|| format!("{}{}", *QC_FR, linker(Lang::Fr)));
static Q_EN: LazyLock<String> = LazyLock::new(|| format!("{}{}", *QC_EN, linker(Lang::En)));
static D_FR: LazyLock<String> = LazyLock::new(|| build_duration(Lang::Fr));
static D_EN: LazyLock<String> = LazyLock::new(|| build_duration(Lang::En));
static D_OTHER: LazyLock<String> = LazyLock::new(|| build_duration(Lang::Other));

pub(crate) fn quantity(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => Q_FR.as_str(),
        Lang::En => Q_EN.as_str(),
        Lang::Other => DIGITS_OTHER,
    }
}

static QB_FR: LazyLock<String> = LazyLock::new(|| parts(Lang::Fr).qb);
static QB_EN: LazyLock<String> = LazyLock::new(|| parts(Lang::En).qb);

/// The qualifier words that may open a quantity ("au moins ", "plus de ",
/// "more than "), each with what follows it; empty for other languages.
pub(crate) fn qualifier(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => QB_FR.as_str(),
        Lang::En => QB_EN.as_str(),
        Lang::Other => "",
    }
}

/// The quantity without its linker: the figure itself.
pub(crate) fn figure(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => QC_FR.as_str(),
        Lang::En => QC_EN.as_str(),
        Lang::Other => DIGITS_OTHER,
    }
}

pub(crate) fn duration(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => D_FR.as_str(),
        Lang::En => D_EN.as_str(),
        Lang::Other => D_OTHER.as_str(),
    }
}
