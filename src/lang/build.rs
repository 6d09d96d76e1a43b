//! From a pack's YAML to the tables the parser reads and the patterns rules
//! embed: word maps built once, phrases tokenized once, patterns generated
//! from the same word lists.

use super::spec::{PackFile, Valued};
use super::{LangPack, WordMap};
use crate::error::{Error, Result};
use crate::quantity::pack::{
    Frac, Grammar, Lexicon, NumberWord, PatternWords, Phrase, Phrases, Seps, Words, build_patterns,
};
use crate::text::fold::fold_str;

/// Where a word is written, for an error: the first file and line that has it.
fn locate(files: &[(String, String)], needle: &str) -> (String, u64, u64) {
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            if let Some(col) = line.find(needle) {
                return (
                    path.clone(),
                    n as u64 + 1,
                    line[..col].chars().count() as u64 + 1,
                );
            }
        }
    }
    let path = files.first().map(|f| f.0.clone()).unwrap_or_default();
    (path, 1, 1)
}

fn err(files: &[(String, String)], needle: &str, message: String) -> Error {
    let (path, line, column) = locate(files, needle);
    Error::rules(&path, line, column, message)
}

/// Expands "toute|tout la|le" into every phrase it stands for.
fn expand(phrase: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for slot in phrase.split(' ').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for prefix in &out {
            for alt in slot.split('|') {
                next.push(if prefix.is_empty() {
                    alt.to_string()
                } else {
                    format!("{prefix} {alt}")
                });
            }
        }
        out = next;
    }
    out.retain(|s| !s.is_empty());
    out
}

fn separators(spec: &PackFile) -> Seps {
    let Some(s) = &spec.separators else {
        return Seps::digits_only();
    };
    let bytes = |v: &[String]| -> Vec<u8> { v.iter().flat_map(|s| s.bytes()).collect() };
    Seps {
        decimal: bytes(&s.decimal),
        decimal_also: bytes(&s.decimal_also),
        group: bytes(&s.group),
        indian: s.indian_grouping.unwrap_or(false),
        dot_groups_comma_decimals: s.dot_groups_comma_decimals.unwrap_or(false),
    }
}

/// Builds one language's pack.
pub(super) fn pack(code: &str, spec: PackFile, files: &[(String, String)]) -> Result<LangPack> {
    let seps = separators(&spec);
    let num = spec.numbers.unwrap_or_default();
    let frac = spec.fractions.unwrap_or_default();
    let ph = spec.phrases.unwrap_or_default();
    let dur = spec.durations.unwrap_or_default();
    let pat = spec.pattern.unwrap_or_default();
    let text = spec.text.unwrap_or_default();
    let change_before: Vec<String> = pat
        .change_before
        .iter()
        .map(|w| crate::text::fold::fold_str(w))
        .collect();

    // Every table word must be folded, or it could never match.
    let check = |w: &str| -> Result<()> {
        if w.is_empty() || crate::text::fold::fold_str(w) != w || w.contains(' ') {
            return Err(err(
                files,
                w,
                format!("{w:?} is not one folded word (lowercase, no accents, no space)"),
            ));
        }
        Ok(())
    };
    let positional = |name: &str, list: &[Vec<String>], max: usize| -> Result<()> {
        if list.len() > max {
            return Err(err(
                files,
                &format!("{name}:"),
                format!("{name}: at most {max} entries (one list of words per value, in order)"),
            ));
        }
        Ok(())
    };
    positional("units", &num.units, 9)?;
    positional("teens", &num.teens, 90)?;
    positional("tens", &num.tens, 8)?;
    positional("months", &spec.months, 12)?;
    positional("weekdays", &spec.weekdays, 7)?;
    positional("units", &frac.units, 9)?;
    positional("tens", &frac.tens, 8)?;

    let mut cardinals: WordMap<NumberWord> = WordMap::default();
    let mut add = |w: &str, c: NumberWord| -> Result<()> {
        check(w)?;
        cardinals.entry(w.into()).or_insert(c);
        Ok(())
    };
    for w in &num.zero {
        add(w, NumberWord::Zero)?;
    }
    for (i, ws) in num.units.iter().enumerate() {
        for w in ws {
            add(w, NumberWord::Unit(i as u8 + 1))?;
        }
    }
    for (i, ws) in num.teens.iter().enumerate() {
        for w in ws {
            add(w, NumberWord::Teen(10 + i as u8))?;
        }
    }
    for (i, ws) in num.tens.iter().enumerate() {
        for w in ws {
            add(w, NumberWord::Tens(20 + 10 * i as u8))?;
        }
    }
    let small = |v: &Valued, max: f64| -> Result<u16> {
        if v.value.fract() != 0.0 || v.value < 1.0 || v.value > max {
            let w = v.words.first().map(String::as_str).unwrap_or("value");
            return Err(err(
                files,
                w,
                format!("value {} is not a whole number up to {max}", v.value),
            ));
        }
        Ok(v.value as u16)
    };
    for v in &num.words {
        let n = small(v, 99.0)? as u8;
        for w in &v.words {
            add(w, NumberWord::Teen(n))?;
        }
    }
    for w in &num.hundred {
        add(w, NumberWord::Hundred)?;
    }
    for v in &num.hundreds {
        let n = small(v, 900.0)?;
        for w in &v.words {
            add(w, NumberWord::Hundreds(n))?;
        }
    }
    let mut alone = Vec::new();
    for v in &num.multipliers {
        for w in &v.words {
            add(
                w,
                NumberWord::Mult {
                    value: v.value,
                    suffix: false,
                },
            )?;
            if v.alone {
                alone.push(w.as_str().into());
            }
        }
    }
    for v in &num.after_digits {
        for w in &v.words {
            add(
                w,
                NumberWord::Mult {
                    value: v.value,
                    suffix: true,
                },
            )?;
        }
    }
    for w in &num.articles {
        add(w, NumberWord::Art)?;
    }
    for w in &num.and {
        add(w, NumberWord::Link)?;
    }
    for w in &num.dozen {
        add(w, NumberWord::Dozen)?;
    }

    let grammar = Grammar {
        hundred_alone: num.hundred_alone.unwrap_or(false),
        products: num.products.iter().map(|p| (p[0], p[1])).collect(),
        ten_plus_unit_from: num.ten_plus_unit_from,
        tens_take_teens: num.tens_take_teens.clone(),
        linked_teens: num.linked_teens.clone(),
        linked_units: num.linked_units.clone(),
        tens_join_units: frac.tens_join_units.unwrap_or(false),
        singular_needs_one: frac.singular_needs_one.unwrap_or(false),
        month_day: dur.month_day.unwrap_or(false),
    };

    let mut ordinals: WordMap<Frac> = WordMap::default();
    let mut addo = |w: &str, f: Frac| -> Result<()> {
        check(w)?;
        ordinals.entry(w.into()).or_insert(f);
        Ok(())
    };
    for v in &frac.plain {
        let n = small(v, 255.0)? as u8;
        for w in &v.words {
            addo(w, Frac::Plain(n))?;
        }
    }
    let alone_from = frac.units_alone_from.unwrap_or(1);
    for (i, ws) in frac.units.iter().enumerate() {
        let v = i as u8 + 1;
        for w in ws {
            addo(
                w,
                Frac::Unit {
                    v,
                    alone: v >= alone_from,
                },
            )?;
        }
    }
    for (i, ws) in frac.teens.iter().enumerate() {
        for w in ws {
            addo(w, Frac::Teen(10 + i as u8))?;
        }
    }
    for (i, ws) in frac.tens.iter().enumerate() {
        for w in ws {
            addo(w, Frac::Tens(20 + 10 * i as u8))?;
        }
    }
    for v in &frac.multipliers {
        for w in &v.words {
            addo(w, Frac::Mult(v.value))?;
        }
    }
    let mut ranks: WordMap<f64> = WordMap::default();
    for v in &frac.ranks {
        for w in &v.words {
            check(w)?;
            ranks.entry(w.as_str().into()).or_insert(v.value);
        }
    }

    let mut time_units: WordMap<_> = WordMap::default();
    let mut hyphen_units = Vec::new();
    for u in &dur.units {
        for w in &u.words {
            let t = (u.unit, u.count, u.digits_only);
            match w.split_once('-') {
                Some((a, b)) => {
                    check(a)?;
                    check(b)?;
                    hyphen_units.push((a.into(), b.into(), t));
                }
                None => {
                    check(w)?;
                    time_units.entry(w.as_str().into()).or_insert(t);
                }
            }
        }
    }
    let mut months: WordMap<i8> = WordMap::default();
    for (i, ws) in spec.months.iter().enumerate() {
        for w in ws {
            check(w)?;
            months.entry(w.as_str().into()).or_insert(i as i8 + 1);
        }
    }
    for ws in &spec.weekdays {
        for w in ws {
            check(w)?;
        }
    }
    for w in &text.detection {
        if w.is_empty() || w.len() > 32 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(err(
                files,
                w,
                format!("detection word {w:?} must be lowercase ASCII letters (at most 32)"),
            ));
        }
    }

    let phrase = |s: &str| Phrase::new(s, &seps);
    let list = |v: &[String]| {
        Phrases::new(
            v.iter()
                .flat_map(|s| expand(s))
                .map(|s| phrase(&s))
                .collect(),
        )
    };
    let valued = |v: &[Valued]| -> Vec<(Phrase, f64)> {
        v.iter()
            .flat_map(|x| {
                x.words
                    .iter()
                    .flat_map(|s| expand(s))
                    .map(|s| (phrase(&s), x.value))
            })
            .collect()
    };
    let words = Words {
        negative: list(&num.negative),
        decimal_point: list(&num.decimal_point),
        ratio: num
            .ratio
            .iter()
            .flat_map(|r| {
                expand(&r.phrase)
                    .into_iter()
                    .map(|s| (phrase(&s), r.proper))
            })
            .collect(),
        half: list(&frac.half),
        quarter: list(&frac.quarter),
        half_prefix: list(&frac.half_prefix),
        half_of: list(&frac.half_of),
        fraction_of: list(&frac.fraction_of),
        bare: valued(&frac.bare),
        linker: list(&ph.linker),
        or_equal: list(&ph.or_equal),
        bounds_joined_by: list(&ph.bounds_joined_by),
        rank_articles: list(&ph.rank_articles),
        ranges: ph
            .ranges
            .iter()
            .flat_map(|r| {
                let close = list(&r.close);
                expand(&r.open)
                    .into_iter()
                    .map(|s| (phrase(&s), close.clone()))
                    .collect::<Vec<_>>()
            })
            .collect(),
        range_words: list(&ph.range_words),
        day_prefixes: list(&dur.day_prefixes),
        whole: list(&dur.whole),
        whole_after: list(&dur.whole_after),
        entire_before: list(&dur.entire_before),
        entire_after: list(&dur.entire_after),
        dur_half: list(&dur.half),
        half_then: list(&dur.half_then),
        fixed: dur
            .fixed
            .iter()
            .flat_map(|f| {
                expand(&f.phrase)
                    .into_iter()
                    .map(|s| (phrase(&s), f.unit, f.value))
            })
            .collect(),
        modifiers: list(&dur.modifiers),
        clock_before: list(&dur.clock_before),
        plus_fraction: dur
            .plus_fraction
            .iter()
            .flat_map(|f| expand(&f.phrase).into_iter().map(|s| (phrase(&s), f.value)))
            .collect(),
        markers: {
            let mut m: Vec<(Phrase, bool)> = dur
                .markers
                .iter()
                .flat_map(|f| expand(&f.phrase).into_iter().map(|s| (phrase(&s), f.since)))
                .collect();
            m.sort_by_key(|p| std::cmp::Reverse(p.0.toks.len()));
            m
        },
        since_articles: list(&dur.since_articles),
        since_last: list(&dur.since_last),
        early: list(&dur.early),
        mid: list(&dur.mid),
        late: list(&dur.late),
        part_of: list(&dur.part_of),
    };
    let lexicon = Lexicon::build(&spec.qualifiers, &spec.vague, &spec.counts, &seps);

    // The figure pattern's word lists, from the same tables.
    let excluded = |w: &&String| !num.not_in_pattern.contains(w);
    let article_units: Vec<&String> = num
        .units
        .iter()
        .flatten()
        .filter(|w| num.articles.contains(w))
        .collect();
    let hundred_alone = grammar.hundred_alone;
    let mut start: Vec<String> = Vec::new();
    start.extend(num.zero.iter().cloned());
    start.extend(
        num.units
            .iter()
            .flatten()
            .filter(|w| !num.articles.contains(w))
            .cloned(),
    );
    start.extend(num.teens.iter().flatten().cloned());
    start.extend(num.tens.iter().flatten().cloned());
    start.extend(num.words.iter().flat_map(|v| v.words.iter().cloned()));
    start.extend(num.hundreds.iter().flat_map(|v| v.words.iter().cloned()));
    if hundred_alone {
        start.extend(num.hundred.iter().cloned());
    }
    let mults = || num.multipliers.iter();
    start.extend(
        mults()
            .filter(|v| v.alone)
            .flat_map(|v| v.words.iter().cloned()),
    );
    let mut cont: Vec<String> = article_units.iter().map(|s| s.to_string()).collect();
    if !hundred_alone {
        cont.extend(num.hundred.iter().cloned());
    }
    cont.extend(
        mults()
            .filter(|v| !v.alone)
            .flat_map(|v| v.words.iter().cloned()),
    );
    let mut art_mults: Vec<String> = mults().flat_map(|v| v.words.iter().cloned()).collect();
    if !hundred_alone {
        art_mults.extend(num.hundred.iter().cloned());
    }
    art_mults.extend(num.dozen.iter().cloned());
    let mut suffix: Vec<String> = num
        .after_digits
        .iter()
        .flat_map(|v| v.words.iter().cloned())
        .collect();
    suffix.extend(mults().flat_map(|v| v.words.iter().cloned()));
    // "3 dozen", "three dozen": a dozen multiplies the figure before it.
    suffix.extend(num.dozen.iter().cloned());
    cont.extend(num.dozen.iter().cloned());
    let keep = |v: Vec<String>| -> Vec<String> { v.iter().filter(excluded).cloned().collect() };
    let mut one: Vec<String> = num.articles.clone();
    if let Some(u1) = num.units.first() {
        for w in u1 {
            if !one.contains(w) {
                one.push(w.clone());
            }
        }
    }
    let since_markers: Vec<String> = dur
        .markers
        .iter()
        .filter(|m| m.since)
        .flat_map(|m| expand(&m.phrase))
        .collect();
    let pattern_markers: Vec<String> = dur
        .markers
        .iter()
        .filter(|m| m.in_pattern)
        .flat_map(|m| expand(&m.phrase))
        .collect();
    let pw = PatternWords {
        start: keep(start),
        cont: keep(cont),
        mults: keep(art_mults),
        suffix: keep(suffix),
        digits: pat.digits.clone(),
        half_after: pat.half_after.clone(),
        fractions: frac
            .bare
            .iter()
            .flat_map(|v| v.words.iter().cloned())
            .collect(),
        link: num.and.clone(),
        articles: num.articles.clone(),
        // An article that is also one is a figure alone only where the
        // pack says (`article_one_before`): the tokenizer reads it and
        // checks the word after; `{quantity}` in text never does.
        article_alone: if num.article_one_before.is_empty() {
            Vec::new()
        } else {
            article_units.iter().map(|w| (*w).clone()).collect()
        },
        linker: ph.linker.clone(),
        range_open: pat.range_open.clone(),
        range_join: pat.range_join.clone(),
        // "between 15 and 20" is a range; "750 and 2,100 people" is two
        // figures: a join that only closes an opened range needs its opener.
        range_bare: pat
            .range_join
            .iter()
            .filter(|w| *w == "-" || ph.range_words.contains(w))
            .cloned()
            .collect(),
        duration_range_join: pat.duration_range_join.clone(),
        duration: pat.duration.clone(),
        duration_length: pat.duration_length.clone(),
        units: dur.units.iter().map(|u| u.words.clone()).collect(),
        months: spec.months.iter().flatten().cloned().collect(),
        one,
        markers: pattern_markers,
        since: since_markers,
        modifiers: dur
            .modifiers
            .iter()
            .chain(&dur.day_prefixes)
            .flat_map(|m| expand(m))
            .collect(),
        parts: dur
            .early
            .iter()
            .chain(&dur.mid)
            .chain(&dur.late)
            .flat_map(|m| expand(m))
            .collect(),
        part_of: dur.part_of.iter().flat_map(|m| expand(m)).collect(),
    };
    let patterns = build_patterns(&pw, &lexicon);
    for (what, p) in [
        ("quantity", &patterns.quantity),
        ("duration", &patterns.duration),
    ] {
        if let Err(e) = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(p)
        {
            return Err(err(
                files,
                "pattern:",
                format!("the {what} pattern built from this pack is not a valid regex: {e}"),
            ));
        }
    }
    Ok(LangPack {
        code: code.to_string(),
        seps,
        cardinals,
        alone,
        grammar,
        ordinals,
        invariant: frac.invariant.iter().map(|s| s.as_str().into()).collect(),
        ranks,
        time_units,
        hyphen_units,
        months,
        lexicon,
        words,
        patterns,
        one_pronoun_after: num
            .one_pronoun_after
            .iter()
            .map(|s| s.as_str().into())
            .collect(),
        one_pronoun_before: num
            .one_pronoun_before
            .iter()
            .map(|s| s.as_str().into())
            .collect(),
        article_one_before: num
            .article_one_before
            .iter()
            .map(|s| s.as_str().into())
            .collect(),
        articles: num.articles.iter().map(|s| s.as_str().into()).collect(),
        abbreviations: text.abbreviations,
        detection: text.detection,
        detection_default: text.detection_default.unwrap_or(false),
        speech: spec.speech.unwrap_or_default(),
        change_before,
        change_open: pat.range_open.iter().map(|w| fold_str(w)).collect(),
        change_join: pat.range_join.iter().map(|w| fold_str(w)).collect(),
        not_people: ph.not_people.iter().map(|w| fold_str(w)).collect(),
    })
}
