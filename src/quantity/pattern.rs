//! Regex sources for rule authors: `{quantity}` and `{duration}`.
//!
//! They are built once from the same word lists and YAML lexicons the
//! parser uses, contain no capture groups, and compile with
//! `regex::bytes::RegexBuilder::new(..).unicode(false)`. They find the span;
//! `parse_quantity` / `parse_duration` read its value.

use super::lexicon::Lexicon;

/// Matches nothing: an empty word list in a pack must not match everywhere.
const NOTHING: &str = r"(?:\b\B)";

/// `(?:a|b|c)` of escaped phrases, longest first, each ending on a word boundary
/// unless it ends with an apostrophe or a symbol.
fn alt(phrases: &[String]) -> String {
    if phrases.is_empty() {
        return NOTHING.to_string();
    }
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

const DIGITS_OTHER: &str = r"\b\d+(?:[.,]\d+)?\b";

/// The patterns of one language, built when its pack is loaded.
#[derive(Debug, Clone)]
pub(crate) struct Patterns {
    /// `{quantity}`: the figure and what may follow it ("de", "of").
    pub quantity: String,
    /// The figure alone.
    pub figure: String,
    /// The qualifier words that may open a quantity; empty without a pack.
    pub qualifier: String,
    /// What may follow a quantity before the noun it counts.
    pub linker: String,
    pub duration: String,
}

/// The patterns of a language without a pack: digits only.
pub(crate) fn digits_patterns() -> Patterns {
    Patterns {
        quantity: DIGITS_OTHER.to_string(),
        figure: DIGITS_OTHER.to_string(),
        qualifier: String::new(),
        linker: String::new(),
        duration: format!(r"{DIGITS_OTHER} ?[a-z]+\b"),
    }
}

/// The word lists a language's patterns are made of, from its pack.
#[derive(Debug, Default)]
pub(crate) struct PatternWords {
    /// Number words that may start a figure.
    pub start: Vec<String>,
    /// Articles that are one, read alone by the tokenizer's figure
    /// pattern only (`article_one_before`).
    pub article_alone: Vec<String>,
    /// Number words that continue a figure but do not start one.
    pub cont: Vec<String>,
    /// Multipliers after an article ("a hundred", "un million").
    pub mults: Vec<String>,
    /// Multipliers after digits ("2 millions", "10k").
    pub suffix: Vec<String>,
    /// A figure in digits (regex).
    pub digits: Option<String>,
    /// What may close a figure ("et demi").
    pub half_after: Vec<String>,
    /// Fractions that may divide a multiplier: "half a million", "un
    /// demi-million".
    pub fractions: Vec<String>,
    /// "and" words inside a figure.
    pub link: Vec<String>,
    pub articles: Vec<String>,
    /// Words between a figure and its noun (" de", " d'").
    pub linker: Vec<String>,
    pub range_open: Vec<String>,
    pub range_join: Vec<String>,
    /// The joins that make a range without an opening word ("15 to 20").
    pub range_bare: Vec<String>,
    pub duration_range_join: Vec<String>,
    /// The duration template, and the template of one length in it.
    pub duration: Option<String>,
    pub duration_length: Option<String>,
    /// Time-unit words, one list per unit entry, in order.
    pub units: Vec<Vec<String>>,
    pub months: Vec<String>,
    /// Words for one unit of time ("un", "an", "one").
    pub one: Vec<String>,
    pub markers: Vec<String>,
    pub since: Vec<String>,
    /// Words between a figure and its unit ("derniers", "more", "business").
    pub modifiers: Vec<String>,
    /// Parts of a period ("debut", "mid") and the words after them ("de").
    pub parts: Vec<String>,
    pub part_of: Vec<String>,
}

struct Parts {
    amount: String,
    qb: String,
    qa: String,
    vague: String,
    counts: String,
    art: String,
}

/// `(?: a | b )` of words between two figures; "-" stands for a dash with
/// optional spaces.
fn joins(words: &[String]) -> String {
    if words.is_empty() {
        return NOTHING.to_string();
    }
    let items: Vec<String> = words
        .iter()
        .map(|w| {
            if w == "-" {
                " ?- ?".to_string()
            } else {
                format!(" {} ", regex::escape(w))
            }
        })
        .collect();
    format!("(?:{})", items.join("|"))
}

fn one_of(words: &[String]) -> String {
    if words.is_empty() {
        return NOTHING.to_string();
    }
    let e: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    if e.len() == 1 {
        e[0].clone()
    } else {
        format!("(?:{})", e.join("|"))
    }
}

fn parts(l: &PatternWords, lex: &Lexicon) -> Parts {
    let nw = alt(&l.start);
    let mut all: Vec<String> = l.start.clone();
    all.extend(l.cont.iter().cloned());
    let nwc = alt(&all);
    let link: String = l
        .link
        .iter()
        .map(|w| format!("{} ", regex::escape(w)))
        .collect::<Vec<_>>()
        .join("|");
    let link = if l.link.len() > 1 {
        format!("(?:{link})")
    } else {
        link
    };
    let art = if l.articles.is_empty() {
        NOTHING.to_string()
    } else {
        let a: Vec<String> = l.articles.iter().map(|w| regex::escape(w)).collect();
        format!("(?:{})", a.join("|"))
    };
    let run = format!("{nw}(?:(?: ?- ?| )(?:{link})?{nwc})*");
    // "a million", "half a million", "un demi-million".
    let frac = if l.fractions.is_empty() {
        (String::new(), String::new())
    } else {
        let f = alt(&l.fractions);
        (format!("(?:{f} )?"), format!("(?:{f}[- ])?"))
    };
    let art_run = format!(
        "{}{art} {}{}(?:(?: ?- ?| )(?:{link})?{nwc})*",
        frac.0,
        frac.1,
        alt(&l.mults)
    );
    let dig = l.digits.clone().unwrap_or_else(|| r"\d+".to_string());
    let half = if l.half_after.is_empty() {
        String::new()
    } else {
        format!("(?: {})?", alt(&l.half_after))
    };
    // A figure in words may be restated in digits: "thirty-nine (39)".
    let amount = format!(
        r"(?:\b{dig}(?: ?{})?\b|\b{art_run}|\b{run}(?: \(\d{{1,9}}\))?){half}",
        alt(&l.suffix)
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
    let qb = if qb_sorted.is_empty() {
        NOTHING.to_string()
    } else {
        format!(
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
        )
    };
    Parts {
        amount,
        qb,
        qa: format!(" {}", alt(&after)),
        vague: format!(r"\b{}", alt(&vague)),
        counts: format!(r"\b{}", alt(&counts)),
        art,
    }
}

/// What may follow a quantity before the noun it counts: "des milliers de
/// morts", "five of them": ` de\b`, ` d'`.
fn linker(words: &[String]) -> String {
    if words.is_empty() {
        return String::new();
    }
    let items: Vec<String> = words
        .iter()
        .map(|w| {
            let e = regex::escape(w);
            if w.ends_with('\'') {
                format!(" {e}")
            } else {
                format!(r" {e}\b")
            }
        })
        .collect();
    format!("(?:{})?", items.join("|"))
}

/// The time-unit alternation: a word and its plural in `s` read as `words?`,
/// a hyphenated spelling and its solid form as `week-?end`.
fn units(entries: &[Vec<String>]) -> String {
    let mut out: Vec<String> = Vec::new();
    for words in entries {
        let mut covered: Vec<&str> = Vec::new();
        for w in words {
            if covered.contains(&w.as_str()) {
                continue;
            }
            covered.push(w);
            let plural = format!("{w}s");
            let has_plural = words.contains(&plural);
            if has_plural {
                covered.push(
                    words
                        .iter()
                        .find(|x| **x == plural)
                        .map_or("", |x| x.as_str()),
                );
            }
            let mut piece = regex::escape(w);
            if w.contains('-') {
                let solid = w.replace('-', "");
                if let Some(s) = words.iter().find(|x| **x == solid) {
                    covered.push(s);
                    if let Some(sp) = words.iter().find(|x| **x == format!("{solid}s")) {
                        covered.push(sp);
                    }
                    piece = w
                        .split('-')
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join("-?");
                }
            }
            if has_plural {
                piece.push_str("s?");
            }
            out.push(piece);
        }
    }
    format!(r"(?:{})\b", out.join("|"))
}

/// Builds the patterns of a language from its pack's word lists.
pub(crate) fn build_patterns(l: &PatternWords, lex: &Lexicon) -> Patterns {
    let p = parts(l, lex);
    let figure = build_quantity(l, &p);
    let linker = linker(&l.linker);
    // Last, so that any longer reading that opens on the article wins
    // (« une dizaine », « un million »).
    let tokens = if l.article_alone.is_empty() {
        figure.clone()
    } else {
        let alone: Vec<String> = l.article_alone.iter().map(|w| regex::escape(w)).collect();
        format!(r"(?:{figure})|\b(?:{})\b", alone.join("|"))
    };
    Patterns {
        quantity: format!("{figure}{linker}"),
        figure: tokens,
        qualifier: p.qb.clone(),
        linker,
        duration: build_duration(l, &p),
    }
}

fn build_quantity(l: &PatternWords, p: &Parts) -> String {
    let Parts {
        amount,
        qb,
        qa,
        vague,
        art,
        ..
    } = p;
    // Each `amount` is large (every number word twice): the pattern names it
    // as few times as it can, since rule authors embed it in many rules and
    // its size is what compiling and scanning them costs. "entre X et Y" and
    // "X à Y" share one range branch; a bare article counts only after a
    // qualifier ("au moins un"). Words such as "de" before a range ("de 5 a
    // 10") stay outside it: the words around a figure belong to the rules.
    let open = match l.range_open.len() {
        0 => NOTHING.to_string(),
        1 => format!(r"\b{} ", regex::escape(&l.range_open[0])),
        _ => format!(
            r"\b(?:{})",
            l.range_open
                .iter()
                .map(|w| format!("{} ", regex::escape(w)))
                .collect::<Vec<_>>()
                .join("|")
        ),
    };
    let range = format!(
        r"(?:{open}{amount}{}|{amount}{}){amount}",
        joins(&l.range_join),
        joins(&l.range_bare)
    );
    let core = format!(r"(?:{range}|{amount}(?:{qa})?|{vague})");
    format!(r"(?:(?:{qb})?{core}|{qb}{art}\b)")
}

fn build_duration(l: &PatternWords, p: &Parts) -> String {
    // A pack without a duration pattern finds no durations (its figures
    // stay quantities: "29 muertos" is not 29 of a unit).
    let Some(template) = &l.duration else {
        return NOTHING.to_string();
    };
    let one = format!(r"\b{}\b", one_of(&l.one));
    let amt = format!(
        r"(?:{a}(?:{j}{a})?|{one})",
        a = p.amount,
        j = joins(&l.duration_range_join)
    );
    let marker = format!(r"(?:\b{} )?", one_of(&l.markers));
    let since = format!(r"\b{}", one_of(&l.since));
    let modifier = format!("(?:{} )?", one_of(&l.modifiers));
    // "debut de", "mi-", "early ": a part, then a hyphen, a space or its words.
    let mut part_joins = vec!["-".to_string()];
    if l.part_of.is_empty() {
        part_joins.push(" ".to_string());
    }
    for w in &l.part_of {
        let e = regex::escape(w);
        part_joins.push(if w.ends_with('\'') {
            format!(" {e}")
        } else {
            format!(" {e} ")
        });
    }
    let part = format!("(?:{}(?:{}))?", one_of(&l.parts), part_joins.join("|"));
    let fill = |t: &str| -> String {
        t.trim()
            .replace("{modifier}", &modifier)
            .replace("{amount}", &amt)
            .replace("{counts}", &p.counts)
            .replace("{vague}", &p.vague)
            .replace("{unit}", &units(&l.units))
            .replace("{month}", &alt(&l.months))
    };
    let length = fill(l.duration_length.as_deref().unwrap_or(""));
    fill(template)
        .replace("{length}", &length)
        .replace("{qb}", &p.qb)
        .replace("{qa}", &p.qa)
        .replace("{marker}", &marker)
        .replace("{since}", &since)
        .replace("{part}", &part)
}
