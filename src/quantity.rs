//! Figures, qualifiers and durations, as far as the seed corpus needs them:
//! digits with space / no-break space / dot thousands separators, number
//! words through `text2num`, qualifiers to intervals, durations, and
//! "depuis décembre 2022" counted against the document's date.
//! (The general recogniser, measured against Recognizers-Text, is issue 3.)
use crate::claim::{Qualifier, Quantity, TimeUnit};
use regex::Regex;
use std::sync::LazyLock;

/// Number words a run of `text2num` input is made of.
const WORDS: &str = r"(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)";

static PATTERN: LazyLock<String> = LazyLock::new(|| {
    let words = format!(r"\b(?:{WORDS}(?:[- ](?:et[- ])?{WORDS})*)\b");
    format!(
        r"(?:(?:au moins|plus de|plus d'|pas moins de|environ|d'environ|pres de|quelque|jusqu'a|more than|at least|about|some|nearly|over|up to) )?(?:\b\d{{1,3}}(?:[ .]\d{{3}})+\b|\b\d+(?:,\d+)?\b|des (?:dizaines|centaines|milliers)|{words})"
    )
});

pub fn quantity_pattern(_lang: &str) -> &'static str {
    &PATTERN
}

pub fn duration_pattern(_lang: &str) -> &'static str {
    r"(?:depuis |since |for )?(?:(?:\d+|neuf|huit|dix|six|nine|ten) (?:mois|months|semaines|weeks|jours|days)|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|december) (?:20\d\d)?)"
}

static NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d{1,3}(?:[ .]\d{3})+|\d+(?:,\d+)?").expect("a valid pattern"));

/// A run of number words to its value ("vingt-neuf" -> 29), with text2num.
fn word(t: &str, lang: &str) -> Option<f64> {
    let language = if lang == "en" {
        text2num::Language::english()
    } else {
        text2num::Language::french()
    };
    let digits = text2num::text2digits(t.trim(), &language).ok()?;
    digits.parse::<f64>().ok()
}

const QUALIFIERS: &[&str] = &[
    "au moins ",
    "plus de ",
    "plus d'",
    "pas moins de ",
    "environ ",
    "d'environ ",
    "pres de ",
    "quelque ",
    "jusqu'a ",
    "more than ",
    "at least ",
    "about ",
    "some ",
    "nearly ",
    "over ",
    "up to ",
];

pub fn parse_quantity(text: &str, lang: &str) -> Option<Quantity> {
    for (vague, low) in [
        ("des dizaines", 20.0),
        ("des centaines", 200.0),
        ("des milliers", 2000.0),
    ] {
        if text.ends_with(vague) {
            return Some(Quantity {
                value: low,
                low: Some(low),
                high: None,
                qualifier: Qualifier::AtLeast,
                unit: None,
                since: None,
            });
        }
    }
    let number = QUALIFIERS
        .iter()
        .find_map(|q| text.strip_prefix(q))
        .unwrap_or(text);
    let v = match NUM.find(number) {
        Some(m) => m
            .as_str()
            .replace([' ', '.'], "")
            .replace(',', ".")
            .parse::<f64>()
            .ok()?,
        None => word(number, lang)?,
    };
    if !v.is_finite() || v > 1e12 {
        return None;
    }
    let mut q = Quantity::exact(v);
    let starts = |ps: &[&str]| ps.iter().any(|p| text.starts_with(p));
    if starts(&["au moins", "at least", "pas moins"]) {
        q.qualifier = Qualifier::AtLeast;
        q.high = None;
    } else if starts(&["plus de", "plus d'", "more than", "over"]) {
        q.qualifier = Qualifier::MoreThan;
        q.high = None;
    } else if starts(&["jusqu'a", "up to"]) {
        q.qualifier = Qualifier::AtMost;
        q.low = None;
    } else if starts(&[
        "environ",
        "d'environ",
        "about",
        "pres",
        "some",
        "quelque",
        "nearly",
    ]) {
        q.qualifier = Qualifier::About;
        q.low = Some(v * 0.9);
        q.high = Some(v * 1.1);
    }
    Some(q)
}

pub fn parse_duration(
    text: &str,
    lang: &str,
    doc_date: Option<jiff::civil::Date>,
) -> Option<Quantity> {
    let months = [
        "janvier",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "aout",
        "septembre",
        "octobre",
        "novembre",
        "decembre",
    ];
    for (i, m) in months.iter().enumerate() {
        if let Some(pos) = text.find(m) {
            let d = doc_date?;
            let year: i16 = text[pos + m.len()..].trim().parse().unwrap_or(d.year());
            let start = jiff::civil::date(year, i as i8 + 1, 1);
            let span = start.until(d).ok()?;
            let days = (d - start).get_days() as f64;
            let _ = span;
            let hi = days / 30.4375;
            let lo = hi - 1.0;
            return Some(Quantity {
                value: hi.floor(),
                low: Some(lo),
                high: Some(hi),
                qualifier: Qualifier::About,
                unit: Some(TimeUnit::Months),
                since: Some(start),
            });
        }
    }
    let rest = text
        .trim_start_matches("depuis ")
        .trim_start_matches("since ")
        .trim_start_matches("for ");
    let mut it = rest.split(' ');
    let n = it.next()?;
    let v = n.parse::<f64>().ok().or_else(|| word(n, lang))?;
    let unit = match it.next()? {
        "mois" | "months" => TimeUnit::Months,
        "semaines" | "weeks" => TimeUnit::Weeks,
        _ => TimeUnit::Days,
    };
    let mut q = Quantity::exact(v);
    q.unit = Some(unit);
    Some(q)
}

pub fn convert(q: &Quantity, to: TimeUnit) -> Quantity {
    let Some(from) = q.unit else { return q.clone() };
    let f = from.seconds() / to.seconds();
    Quantity {
        value: q.value * f,
        low: q.low.map(|v| v * f),
        high: q.high.map(|v| v * f),
        qualifier: q.qualifier,
        unit: Some(to),
        since: q.since,
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Found {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(serialize_with = "crate::claim::ser_num")]
    pub value: f64,
    #[serde(serialize_with = "crate::claim::ser_opt_num")]
    pub low: Option<f64>,
    #[serde(serialize_with = "crate::claim::ser_opt_num")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    pub unit: Option<TimeUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<jiff::civil::Date>,
}

/// Every figure and duration in raw text, spans in bytes of `text`.
pub fn scan(text: &str, lang: &str, doc_date: Option<jiff::civil::Date>) -> Vec<Found> {
    static BOTH: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
        let p = format!(
            "(?P<d>{})|(?P<q>{})",
            duration_pattern("fr"),
            quantity_pattern("fr")
        );
        regex::bytes::RegexBuilder::new(&p)
            .unicode(false)
            .build()
            .expect("a valid pattern")
    });
    let folded = crate::fold::Folded::new(text, 0);
    let mut out = Vec::new();
    for caps in BOTH.captures_iter(folded.text.as_bytes()) {
        let Some(m) = caps.get(0) else { continue };
        let piece = &folded.text[m.start()..m.end()];
        let q = if caps.name("d").is_some() {
            parse_duration(piece, lang, doc_date)
        } else {
            parse_quantity(piece, lang)
        };
        let Some(q) = q else { continue };
        let (start, end) = folded.original_span(m.start(), m.end());
        out.push(Found {
            text: text[start..end].to_string(),
            start,
            end,
            value: q.value,
            low: q.low,
            high: q.high,
            qualifier: q.qualifier,
            unit: q.unit,
            since: q.since,
        });
    }
    out
}
