//! `Vec<Claim> → Vec<Group>`: claims that speak to the same thing share a
//! group, and each group gets a verdict.
//!
//! The comparison key is explicit: kind, unit, scope (who is counted), side,
//! and event. The event is what the sentence names ("la guerre de 2020") when
//! it differs from the article's year, else a window of publication dates
//! (articles further apart than `window_days` are about different events).
//! Figures are intervals; two agree when their intervals, widened by the
//! kind's tolerance, meet and their point figures are within that tolerance.

use crate::claim::{Claim, Value};
use crate::rules::{KindSettings, RuleSet};
use itertools::Itertools;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A group's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Two claims cannot both be true.
    Contradiction,
    /// The bounds meet but the figures differ beyond tolerance.
    Divergent,
    /// A later report supersedes an earlier one (a rising toll).
    Update,
    /// Every claim agrees within tolerance.
    Consistent,
    /// Only one source speaks to it.
    SingleSource,
}

impl Verdict {
    /// The snake_case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Contradiction => "contradiction",
            Verdict::Divergent => "divergent",
            Verdict::Update => "update",
            Verdict::Consistent => "consistent",
            Verdict::SingleSource => "single_source",
        }
    }

    /// Whether a person must look at it.
    pub fn flagged(self) -> bool {
        matches!(self, Verdict::Contradiction | Verdict::Divergent)
    }
}

/// Claims that speak to the same thing, and what they say together.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub kind: String,
    pub scope: Option<String>,
    pub side: Option<String>,
    /// The event: a year the text names, or the window of publication dates.
    pub event: String,
    pub verdict: Verdict,
    pub summary: String,
    pub claims: Vec<Claim>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    kind: String,
    event: String,
    scope: Option<String>,
    side: Option<String>,
    unit: String,
}

/// Groups claims and gives each group its verdict. Output order is stable:
/// by kind, then event, scope and side.
pub fn reconcile(claims: Vec<Claim>, rules: &RuleSet) -> Vec<Group> {
    let events = event_keys(&claims, rules.reconcile.window_days);
    let mut groups: BTreeMap<Key, Vec<Claim>> = BTreeMap::new();
    for (claim, event) in claims.into_iter().zip(events) {
        let key = Key {
            kind: claim.kind.clone(),
            event,
            scope: claim.scope.clone(),
            side: claim.side.clone(),
            unit: claim.unit.clone(),
        };
        groups.entry(key).or_default().push(claim);
    }
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    groups
        .into_iter()
        .map(|(key, mut claims)| {
            claims.sort_by(|a, b| {
                (&a.date, &a.doc, a.start, a.end, &a.rule)
                    .cmp(&(&b.date, &b.doc, b.start, b.end, &b.rule))
            });
            let n = counters.entry(key.kind.clone()).or_default();
            *n += 1;
            let (verdict, summary) = judge(&claims, rules);
            Group {
                id: format!("{}/{}", key.kind, n),
                kind: key.kind,
                scope: key.scope,
                side: key.side,
                event: key.event,
                verdict,
                summary,
                claims,
            }
        })
        .collect()
}

/// The event key of each claim: a year the sentence names when it is not the
/// article's year; otherwise the window of dates the article falls in.
fn event_keys(claims: &[Claim], window_days: i64) -> Vec<String> {
    let dates: BTreeSet<jiff::civil::Date> = claims
        .iter()
        .filter(|c| explicit_event(c).is_none())
        .filter_map(|c| c.date.as_deref()?.parse().ok())
        .collect();
    // Chain dates no more than `window_days` apart into windows.
    let mut windows: Vec<(jiff::civil::Date, jiff::civil::Date)> = Vec::new();
    for d in dates {
        match windows.last_mut() {
            Some((_, last)) if (d - *last).get_days() <= window_days as i32 => *last = d,
            _ => windows.push((d, d)),
        }
    }
    claims
        .iter()
        .map(|c| {
            if let Some(e) = explicit_event(c) {
                return format!("event {e}");
            }
            match c
                .date
                .as_deref()
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            {
                None => "undated".to_string(),
                Some(d) => {
                    let (a, b) = windows
                        .iter()
                        .find(|(a, b)| *a <= d && d <= *b)
                        .copied()
                        .unwrap_or((d, d));
                    if a == b {
                        format!("{a}")
                    } else {
                        format!("{a}..{b}")
                    }
                }
            }
        })
        .collect()
}

fn explicit_event(c: &Claim) -> Option<&str> {
    let e = c.event.as_deref()?;
    let doc_year = c.date.as_deref().and_then(|d| d.get(..4));
    (doc_year != Some(e)).then_some(e)
}

/// An independent source: the named speaker, else the outlet.
fn source_key(c: &Claim) -> String {
    match &c.attributed_to {
        Some(a) => match &a.actor {
            Some(id) => id.clone(),
            None => format!("speaker {}", a.text.to_lowercase()),
        },
        None => format!("outlet {}", c.source.as_deref().unwrap_or(&c.doc)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Agree,
    Diverge,
    Disjoint,
}

/// Days in an average month, to turn a duration into a start date.
const MONTH_DAYS: f64 = 30.4375;

/// A duration in months seen as its start: "8 mois" on 17 August and "9 mois"
/// on 20 September both start in mid-December. Bounds are days since the epoch.
fn start_interval(c: &Claim) -> Option<(f64, f64, f64)> {
    let date: jiff::civil::Date = c.date.as_deref()?.parse().ok()?;
    let day = f64::from(date.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days());
    let v = c.value.number()?;
    let start = |months: f64| day - months * MONTH_DAYS;
    Some((
        c.high.map_or(f64::NEG_INFINITY, start),
        c.low.map_or(f64::INFINITY, start),
        start(v),
    ))
}

fn relation(a: &Claim, b: &Claim, settings: &KindSettings) -> Relation {
    let tolerance = settings.tolerance;
    let (Some(va), Some(vb)) = (a.value.number(), b.value.number()) else {
        return Relation::Agree;
    };
    if settings.anchored
        && let (Some((alo, ahi, ap)), Some((blo, bhi, bp))) = (start_interval(a), start_interval(b))
    {
        let slack = tolerance * va.abs().max(vb.abs()) * MONTH_DAYS;
        if ahi + slack < blo || bhi + slack < alo {
            return Relation::Disjoint;
        }
        return if (ap - bp).abs() <= slack {
            Relation::Agree
        } else {
            Relation::Diverge
        };
    }
    let widen = |lo: Option<f64>, hi: Option<f64>| {
        (
            lo.map_or(f64::NEG_INFINITY, |l| l - l.abs() * tolerance),
            hi.map_or(f64::INFINITY, |h| h + h.abs() * tolerance),
        )
    };
    let (alo, ahi) = widen(a.low, a.high);
    let (blo, bhi) = widen(b.low, b.high);
    if ahi < blo || bhi < alo {
        return Relation::Disjoint;
    }
    if (va - vb).abs() <= tolerance * va.abs().max(vb.abs()) {
        Relation::Agree
    } else {
        Relation::Diverge
    }
}

/// Groups up to this size compare every pair; larger ones compare extremes.
const PAIRWISE_MAX: usize = 64;

/// Every pair: the worst relation, and whether each disagreement is a later,
/// higher figure of a cumulative kind.
fn compare_pairs(claims: &[Claim], settings: &KindSettings) -> (Relation, bool) {
    let mut worst = Relation::Agree;
    let mut explained_by_time = true;
    for (a, b) in claims.iter().tuple_combinations() {
        let r = relation(a, b, settings);
        if r == Relation::Agree {
            continue;
        }
        if r == Relation::Disjoint || worst == Relation::Agree {
            worst = r;
        }
        // `claims` is sorted by date: `b` is never earlier than `a`.
        let rising = match (a.value.number(), b.value.number()) {
            (Some(x), Some(y)) => y > x,
            _ => false,
        };
        if !(settings.cumulative && a.date.is_some() && a.date < b.date && rising) {
            explained_by_time = false;
        }
    }
    (worst, explained_by_time)
}

/// The same verdict in O(n log n) for large groups: intervals on a line all
/// meet when the largest lower bound is below the smallest upper bound, and
/// figures all agree when the two extremes do. Over time, each figure is
/// checked against the largest figure of earlier days.
fn compare_extremes(claims: &[Claim], settings: &KindSettings) -> (Relation, bool) {
    let by_value = |a: &&Claim, b: &&Claim| {
        a.value
            .number()
            .partial_cmp(&b.value.number())
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    let (lowest, highest) = match claims
        .iter()
        .filter(|c| c.value.number().is_some())
        .minmax_by(by_value)
    {
        itertools::MinMaxResult::NoElements => (None, None),
        itertools::MinMaxResult::OneElement(c) => (Some(c), Some(c)),
        itertools::MinMaxResult::MinMax(lo, hi) => (Some(lo), Some(hi)),
    };
    let (Some(lowest), Some(highest)) = (lowest, highest) else {
        return (Relation::Agree, true);
    };
    // The claim with the largest lower bound against the one with the smallest upper bound.
    let key = |c: &Claim, bound: Option<f64>, default: f64| match (
        settings.anchored,
        start_interval(c),
    ) {
        (true, Some((lo, hi, _))) => {
            if default < 0.0 {
                lo
            } else {
                hi
            }
        }
        _ => bound.unwrap_or(default),
    };
    let max_lo = claims.iter().max_by(|a, b| {
        key(a, a.low, f64::NEG_INFINITY).total_cmp(&key(b, b.low, f64::NEG_INFINITY))
    });
    let min_hi = claims
        .iter()
        .min_by(|a, b| key(a, a.high, f64::INFINITY).total_cmp(&key(b, b.high, f64::INFINITY)));
    let mut worst = relation(lowest, highest, settings);
    if let (Some(a), Some(b)) = (max_lo, min_hi)
        && relation(a, b, settings) == Relation::Disjoint
    {
        worst = Relation::Disjoint;
    }
    if worst == Relation::Agree {
        return (worst, true);
    }
    if !settings.cumulative || claims.iter().any(|c| c.date.is_none()) {
        return (worst, false);
    }
    // `claims` is sorted by date.
    let mut earlier_max: Option<&Claim> = None;
    let mut day_max: Option<&Claim> = None;
    let mut day: Option<&str> = None;
    for c in claims {
        if day != c.date.as_deref() {
            if let Some(m) = day_max
                && earlier_max.is_none_or(|e| m.value.number() > e.value.number())
            {
                earlier_max = Some(m);
            }
            day = c.date.as_deref();
            day_max = None;
        }
        // The same day: figures must agree.
        if let Some(m) = day_max
            && relation(m, c, settings) != Relation::Agree
        {
            return (worst, false);
        }
        // A later day: a figure not above the earlier maximum must agree with it.
        if let Some(e) = earlier_max
            && c.value.number() <= e.value.number()
            && relation(e, c, settings) != Relation::Agree
        {
            return (worst, false);
        }
        if day_max.is_none_or(|m| c.value.number() > m.value.number()) {
            day_max = Some(c);
        }
    }
    (worst, true)
}

fn judge(claims: &[Claim], rules: &RuleSet) -> (Verdict, String) {
    let sources: BTreeSet<String> = claims.iter().map(source_key).collect();
    if claims.iter().all(|c| matches!(c.value, Value::Actor(_))) {
        return judge_actors(claims, rules, sources.len());
    }
    let settings = rules.reconcile.kind(&claims[0].kind);
    let (worst, explained_by_time) = if claims.len() <= PAIRWISE_MAX {
        compare_pairs(claims, settings)
    } else {
        compare_extremes(claims, settings)
    };
    let listing = format!("{}{}", caveat(claims), describe(claims));
    match worst {
        Relation::Agree if sources.len() <= 1 => (Verdict::SingleSource, listing),
        Relation::Agree => (Verdict::Consistent, format!("{listing}: agree")),
        _ if explained_by_time => (Verdict::Update, format!("{listing}: rising over time")),
        Relation::Disjoint => (
            Verdict::Contradiction,
            format!(
                "{listing}: disjoint beyond {:.0}%",
                settings.tolerance * 100.0
            ),
        ),
        Relation::Diverge => (
            Verdict::Divergent,
            format!(
                "{listing}: bounds overlap, figures differ beyond {:.0}%",
                settings.tolerance * 100.0
            ),
        ),
    }
}

fn judge_actors(claims: &[Claim], rules: &RuleSet, sources: usize) -> (Verdict, String) {
    let side_of = |c: &Claim| match &c.value {
        Value::Actor(id) => rules
            .gazetteer
            .get(id)
            .map(|a| a.side.clone())
            .unwrap_or_else(|| id.clone()),
        Value::Number(_) => String::new(),
    };
    let sides: BTreeSet<String> = claims.iter().map(side_of).collect();
    let listing = format!("{}{}", caveat(claims), describe(claims));
    if sides.len() > 1 {
        (
            Verdict::Contradiction,
            format!("{listing}: different sides blamed"),
        )
    } else if sources > 1 {
        (Verdict::Consistent, format!("{listing}: same side blamed"))
    } else {
        (Verdict::SingleSource, listing)
    }
}

/// The speaker as an id and, briefly, as the article names it:
/// "azerbaijan: le ministère azerbaïdjanais de la Défense".
fn speaker_with_words(c: &Claim) -> String {
    match &c.attributed_to {
        Some(crate::claim::Attribution {
            actor: Some(id),
            text,
        }) => {
            let mut words = String::new();
            for w in text.split_whitespace() {
                if words.len() + w.len() > 48 {
                    words.push('…');
                    break;
                }
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(w);
            }
            format!("{id}: {words}")
        }
        _ => c.speaker_label(),
    }
}

/// What a reader must know before the listing: an undated article's event
/// could not be told.
fn caveat(claims: &[Claim]) -> String {
    let undated: BTreeSet<&str> = claims
        .iter()
        .filter(|c| c.date.is_none() && c.event.is_none())
        .map(|c| c.doc.as_str())
        .collect();
    if undated.is_empty() {
        String::new()
    } else {
        format!(
            "undated article ({}): which event it speaks of is not known; ",
            undated.into_iter().collect::<Vec<_>>().join(", ")
        )
    }
}

/// "about 7000 (karabakh_authorities: les autorités…, 001.txt, 2023-09-19) vs more than 2000 (russia: …, …)".
fn describe(claims: &[Claim]) -> String {
    let items: Vec<String> = claims
        .iter()
        .map(|c| {
            let who = match c.value {
                Value::Actor(_) => format!("{} blames", speaker_with_words(c)),
                Value::Number(_) => String::new(),
            };
            let place = format!(
                "{}{}",
                c.doc,
                c.date
                    .as_deref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default()
            );
            match c.value {
                Value::Actor(_) => format!("{who} {} ({place})", c.figure_label()),
                Value::Number(_) => {
                    format!("{} ({}, {place})", c.figure_label(), speaker_with_words(c))
                }
            }
        })
        .unique()
        .collect();
    const SHOWN: usize = 6;
    if items.len() > SHOWN {
        format!(
            "{} and {} more",
            items[..SHOWN].join(" vs "),
            items.len() - SHOWN
        )
    } else {
        items.join(" vs ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Qualifier;

    fn months(value: f64, low: f64, high: f64, date: &str) -> Claim {
        Claim {
            doc: "a".into(),
            source: None,
            date: Some(date.into()),
            lang: "fr".into(),
            rule: "r".into(),
            kind: "blockade_duration".into(),
            value: Value::Number(value),
            low: Some(low),
            high: Some(high),
            qualifier: Qualifier::Exact,
            unit: "months".into(),
            scope: None,
            side: None,
            event: None,
            since: None,
            attributed_to: None,
            start: 0,
            end: 1,
            text: "x".into(),
        }
    }

    #[test]
    fn durations_compare_through_their_start_dates() {
        let anchored = KindSettings {
            tolerance: 0.1,
            cumulative: false,
            anchored: true,
        };
        let aug = months(8.0, 8.0, 8.0, "2023-08-17");
        let sep = months(9.0, 9.0, 9.0, "2023-09-20");
        assert_eq!(relation(&aug, &sep, &anchored), Relation::Agree);
        let same_day = months(8.0, 8.0, 8.0, "2023-09-20");
        assert_ne!(relation(&same_day, &sep, &anchored), Relation::Agree);
        let plain = KindSettings {
            anchored: false,
            ..anchored
        };
        assert_ne!(relation(&aug, &sep, &plain), Relation::Agree);
    }
}

#[cfg(test)]
mod scale_tests {
    use super::*;
    use crate::claim::Qualifier;
    use proptest::prelude::*;

    fn claim(value: f64, q: u8, day: u8) -> Claim {
        let (qualifier, low, high) = match q % 4 {
            0 => (Qualifier::Exact, Some(value), Some(value)),
            1 => (Qualifier::AtLeast, Some(value), None),
            2 => (Qualifier::About, Some(value * 0.9), Some(value * 1.1)),
            _ => (Qualifier::MoreThan, Some(value), None),
        };
        Claim {
            doc: "a".into(),
            source: None,
            date: Some(format!("2023-09-{:02}", 10 + day % 10)),
            lang: "fr".into(),
            rule: "r".into(),
            kind: "death_toll".into(),
            value: Value::Number(value),
            low,
            high,
            qualifier,
            unit: "persons".into(),
            scope: None,
            side: None,
            event: None,
            since: None,
            attributed_to: None,
            start: 0,
            end: 1,
            text: "x".into(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The O(n log n) comparison of large groups flags exactly the groups
        /// the pairwise one flags, and explains the same ones by time.
        #[test]
        fn extremes_agree_with_pairs(raw in proptest::collection::vec((1u32..400, 0u8..4, 0u8..10), 2..30)) {
            let mut claims: Vec<Claim> = raw.iter().map(|&(v, q, d)| claim(f64::from(v), q, d)).collect();
            claims.sort_by(|a, b| a.date.cmp(&b.date));
            let settings = KindSettings { tolerance: 0.1, cumulative: true, anchored: false };
            let (pw, pt) = compare_pairs(&claims, &settings);
            let (ew, et) = compare_extremes(&claims, &settings);
            prop_assert_eq!(pw, ew);
            if pw != Relation::Agree {
                prop_assert_eq!(pt, et, "pairs {:?} extremes {:?}", pw, ew);
            }
        }
    }
}
