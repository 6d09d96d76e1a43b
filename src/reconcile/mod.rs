//! Claims → `Vec<Group>`: claims that speak to the same thing share a
//! group, and each group gets a verdict.
//!
//! The comparison key is explicit: kind, unit, scope (who is counted), side,
//! and event. The event is what the sentence names ("la guerre de 2020") when
//! it differs from the article's year, else a window of publication dates
//! (articles further apart than `window_days` are about different events).
//! Figures are intervals; two agree when their intervals, widened by the
//! kind's tolerance, meet and their point figures are within that tolerance.

pub mod store;

use crate::claim::{Claim, Value};
use crate::reconcile::store::ClaimStore;
use crate::rules::{KindSettings, RuleSet};
use itertools::Itertools;
use rayon::prelude::*;
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

/// Claims that speak to the same thing, and what they say together. The
/// claims themselves stay in the [`ClaimStore`]: `members` are their indices,
/// in the group's order (date, article, position, rule).
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
    #[serde(skip)]
    pub members: Vec<u32>,
}

/// Groups claims and gives each group its verdict. Output order is stable:
/// by kind, then event, scope, side and unit. Grouping reads only the
/// stubs; each group's claims are loaded to be judged, in parallel, and
/// dropped, so memory holds a few groups' claims at a time.
pub fn reconcile(store: &mut ClaimStore, rules: &RuleSet) -> std::io::Result<Vec<Group>> {
    store.seal()?;
    let events = event_keys(store, rules.reconcile.window_days);
    let rank = store.strings.ranks();
    let r = |id: u32| rank[id as usize];
    let stubs = &store.stubs;
    let group_key = |i: usize| {
        let s = &stubs[i];
        (r(s.kind), r(events[i]), r(s.scope), r(s.side), r(s.unit))
    };
    let mut order: Vec<u32> = (0..stubs.len() as u32).collect();
    order.sort_by_key(|&i| {
        let s = &stubs[i as usize];
        (
            group_key(i as usize),
            (r(s.date), r(s.doc), s.start, s.end, r(s.rule)),
        )
    });
    let mut heads: Vec<(usize, Vec<u32>)> = Vec::new();
    for (_, members) in &order.iter().chunk_by(|&&i| group_key(i as usize)) {
        let members: Vec<u32> = members.copied().collect();
        heads.push((members[0] as usize, members));
    }
    let judged: Vec<std::io::Result<(Verdict, String)>> = heads
        .par_iter()
        .map(|(_, members)| {
            if members.len() <= LOADED_MAX || !store.spilled() {
                let claims = store.get(members)?;
                let small = (members.len() <= PAIRWISE_MAX).then_some(&claims[..]);
                return Ok(judge(&mut slice_visit(&claims), small, rules));
            }
            // A very large group is read claim by claim, two or three times.
            let mut error = None;
            let mut visit = |f: &mut dyn FnMut(&Claim) -> bool| {
                for &i in members {
                    match store.claim(i) {
                        Ok(c) => {
                            if !f(&c) {
                                break;
                            }
                        }
                        Err(e) => {
                            error.get_or_insert(e);
                            break;
                        }
                    }
                }
            };
            let judged = judge(&mut visit, None, rules);
            match error {
                Some(e) => Err(e),
                None => Ok(judged),
            }
        })
        .collect();
    let mut counters: BTreeMap<&str, usize> = BTreeMap::new();
    let text = |id: u32| store.strings.get(id).map(str::to_string);
    heads
        .into_iter()
        .zip(judged)
        .map(|((first, members), judged)| {
            let (verdict, summary) = judged?;
            let s = &stubs[first];
            let kind = store.strings.get(s.kind).unwrap_or_default();
            let n = counters.entry(kind).or_default();
            *n += 1;
            Ok(Group {
                id: format!("{kind}/{n}"),
                kind: kind.to_string(),
                scope: text(s.scope),
                side: text(s.side),
                event: text(events[first]).unwrap_or_default(),
                verdict,
                summary,
                members,
            })
        })
        .collect()
}

/// The event key of each claim (an interned id): a year the sentence names
/// when it is not the article's year; otherwise the window of dates the
/// article falls in.
fn event_keys(store: &mut ClaimStore, window_days: i64) -> Vec<u32> {
    let parse = |id: u32, strings: &crate::reconcile::store::Interner| {
        strings
            .get(id)
            .and_then(|d| d.parse::<jiff::civil::Date>().ok())
    };
    let dates: BTreeSet<jiff::civil::Date> = store
        .stubs
        .iter()
        .filter(|s| s.explicit_event == 0)
        .map(|s| s.date)
        .collect::<BTreeSet<u32>>()
        .into_iter()
        .filter_map(|id| parse(id, &store.strings))
        .collect();
    // Chain dates no more than `window_days` apart into windows.
    let mut windows: Vec<(jiff::civil::Date, jiff::civil::Date)> = Vec::new();
    for d in dates {
        match windows.last_mut() {
            Some((_, last)) if (d - *last).get_days() <= window_days as i32 => *last = d,
            _ => windows.push((d, d)),
        }
    }
    // One key per (date, explicit event) pair, worked out once.
    let mut memo: std::collections::HashMap<(u32, u32), u32> = std::collections::HashMap::new();
    let mut keys = Vec::with_capacity(store.stubs.len());
    for i in 0..store.stubs.len() {
        let s = store.stubs[i];
        let key = *memo.entry((s.date, s.explicit_event)).or_insert_with(|| {
            let text = if let Some(e) = store.strings.get(s.explicit_event) {
                format!("event {e}")
            } else {
                match parse(s.date, &store.strings) {
                    None => "undated".to_string(),
                    Some(d) => {
                        // Windows are sorted and disjoint: a binary search finds d's.
                        let w = windows.partition_point(|(_, b)| *b < d);
                        let (a, b) = windows
                            .get(w)
                            .filter(|(a, _)| *a <= d)
                            .copied()
                            .unwrap_or((d, d));
                        if a == b {
                            format!("{a}")
                        } else {
                            format!("{a}..{b}")
                        }
                    }
                }
            };
            store.strings.id(&text)
        });
        keys.push(key);
    }
    keys
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

/// Groups up to this size are loaded whole to be judged (about 50 MB);
/// larger ones, when the claims are on disk, are streamed.
const LOADED_MAX: usize = 50_000;

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
#[cfg(test)]
fn compare_extremes(claims: &[Claim], settings: &KindSettings) -> (Relation, bool) {
    compare_extremes_with(&mut slice_visit(claims), settings)
}

/// Visits a group's claims in order, one at a time, until the visitor says
/// stop (returns `false`): a slice, or claims read one by one from the store.
type Visit<'a> = dyn FnMut(&mut dyn FnMut(&Claim) -> bool) + 'a;

fn slice_visit(claims: &[Claim]) -> impl FnMut(&mut dyn FnMut(&Claim) -> bool) + '_ {
    move |f| {
        for c in claims {
            if !f(c) {
                break;
            }
        }
    }
}

/// [`compare_extremes`] in two streaming passes, holding four claims.
fn compare_extremes_with(visit: &mut Visit, settings: &KindSettings) -> (Relation, bool) {
    use std::cmp::Ordering::Less;
    let by_value = |a: &Claim, b: &Claim| {
        a.value
            .number()
            .partial_cmp(&b.value.number())
            .unwrap_or(std::cmp::Ordering::Equal)
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
    // Ties keep what `Iterator::minmax_by`/`min_by`/`max_by` keep: the first
    // minimum, the last maximum.
    let (mut lowest, mut highest): (Option<Claim>, Option<Claim>) = (None, None);
    let mut max_lo: Option<(f64, Claim)> = None;
    let mut min_hi: Option<(f64, Claim)> = None;
    let mut undated = false;
    visit(&mut |c| {
        undated |= c.date.is_none();
        if c.value.number().is_some() {
            if lowest.as_ref().is_none_or(|l| by_value(c, l) == Less) {
                lowest = Some(c.clone());
            }
            if highest.as_ref().is_none_or(|h| by_value(c, h) != Less) {
                highest = Some(c.clone());
            }
        }
        let lo = key(c, c.low, f64::NEG_INFINITY);
        if max_lo.as_ref().is_none_or(|(m, _)| lo.total_cmp(m) != Less) {
            max_lo = Some((lo, c.clone()));
        }
        let hi = key(c, c.high, f64::INFINITY);
        if min_hi.as_ref().is_none_or(|(m, _)| hi.total_cmp(m) == Less) {
            min_hi = Some((hi, c.clone()));
        }
        true
    });
    let (Some(lowest), Some(highest)) = (lowest, highest) else {
        return (Relation::Agree, true);
    };
    let mut worst = relation(&lowest, &highest, settings);
    if let (Some((_, a)), Some((_, b))) = (&max_lo, &min_hi)
        && relation(a, b, settings) == Relation::Disjoint
    {
        worst = Relation::Disjoint;
    }
    if worst == Relation::Agree {
        return (worst, true);
    }
    if !settings.cumulative || undated {
        return (worst, false);
    }
    // The claims come sorted by date.
    let mut earlier_max: Option<Claim> = None;
    let mut day_max: Option<Claim> = None;
    let mut day: Option<String> = None;
    let mut explained = true;
    visit(&mut |c| {
        if day.as_deref() != c.date.as_deref() {
            if let Some(m) = day_max.take()
                && earlier_max
                    .as_ref()
                    .is_none_or(|e| m.value.number() > e.value.number())
            {
                earlier_max = Some(m);
            }
            day = c.date.clone();
        }
        // The same day: figures must agree.
        if let Some(m) = &day_max
            && relation(m, c, settings) != Relation::Agree
        {
            explained = false;
            return false;
        }
        // A later day: a figure not above the earlier maximum must agree with it.
        if let Some(e) = &earlier_max
            && c.value.number() <= e.value.number()
            && relation(e, c, settings) != Relation::Agree
        {
            explained = false;
            return false;
        }
        if day_max
            .as_ref()
            .is_none_or(|m| c.value.number() > m.value.number())
        {
            day_max = Some(c.clone());
        }
        true
    });
    (worst, explained)
}

/// What a verdict's wording needs of a group, gathered in one pass.
#[derive(Default)]
struct Overview {
    kind: String,
    count: usize,
    sources: BTreeSet<String>,
    all_actors: bool,
    /// For actor groups: the sides blamed.
    sides: BTreeSet<String>,
    /// Undated articles whose event could not be told.
    undated: BTreeSet<String>,
    /// The first distinct listing items, and how many distinct items there are.
    shown: Vec<String>,
    seen: std::collections::HashSet<u64>,
}

/// Items listed in a summary before "and N more".
const SHOWN: usize = 6;

impl Overview {
    fn of(visit: &mut Visit, rules: &RuleSet) -> Overview {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hasher = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
        let mut o = Overview {
            all_actors: true,
            ..Overview::default()
        };
        visit(&mut |c| {
            if o.count == 0 {
                o.kind = c.kind.clone();
            }
            o.count += 1;
            o.sources.insert(source_key(c));
            match &c.value {
                Value::Actor(id) => {
                    o.sides.insert(
                        rules
                            .gazetteer
                            .get(id)
                            .map(|a| a.side.clone())
                            .unwrap_or_else(|| id.clone()),
                    );
                }
                Value::Number(_) => o.all_actors = false,
            }
            if c.date.is_none() && c.event.is_none() {
                o.undated.insert(c.doc.clone());
            }
            let item = describe_one(c);
            if o.seen.insert(hasher.hash_one(&item)) && o.shown.len() < SHOWN {
                o.shown.push(item);
            }
            true
        });
        o
    }

    /// The caveat, then the listing.
    fn listing(&self) -> String {
        let caveat = if self.undated.is_empty() {
            String::new()
        } else {
            format!(
                "undated article ({}): which event it speaks of is not known; ",
                self.undated
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let described = if self.seen.len() > SHOWN {
            format!(
                "{} and {} more",
                self.shown.join(" vs "),
                self.seen.len() - SHOWN
            )
        } else {
            self.shown.join(" vs ")
        };
        format!("{caveat}{described}")
    }
}

/// A group's verdict and summary, from its claims in order. Groups up to
/// [`PAIRWISE_MAX`] claims are loaded and every pair compared; larger ones are
/// streamed, never held whole.
fn judge(visit: &mut Visit, small: Option<&[Claim]>, rules: &RuleSet) -> (Verdict, String) {
    let o = Overview::of(visit, rules);
    let listing = o.listing();
    if o.all_actors {
        return if o.sides.len() > 1 {
            (
                Verdict::Contradiction,
                format!("{listing}: different sides blamed"),
            )
        } else if o.sources.len() > 1 {
            (Verdict::Consistent, format!("{listing}: same side blamed"))
        } else {
            (Verdict::SingleSource, listing)
        };
    }
    let settings = rules.reconcile.kind(&o.kind);
    let (worst, explained_by_time) = match small {
        Some(claims) => compare_pairs(claims, settings),
        None => compare_extremes_with(visit, settings),
    };
    match worst {
        Relation::Agree if o.sources.len() <= 1 => (Verdict::SingleSource, listing),
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

/// One listing item: "about 7000 (karabakh_authorities: les autorités…, 001.txt, 2023-09-19)".
fn describe_one(c: &Claim) -> String {
    let place = format!(
        "{}{}",
        c.doc,
        c.date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default()
    );
    match c.value {
        Value::Actor(_) => format!(
            "{} blames {} ({place})",
            speaker_with_words(c),
            c.figure_label()
        ),
        Value::Number(_) => {
            format!("{} ({}, {place})", c.figure_label(), speaker_with_words(c))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(value: f64, low: f64, high: f64, date: &str) -> Claim {
        Claim {
            low: Some(low),
            high: Some(high),
            ..Claim::for_test("blockade_duration", "months", value, date)
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
        let date = format!("2023-09-{:02}", 10 + day % 10);
        Claim {
            low,
            high,
            qualifier,
            ..Claim::for_test("death_toll", "persons", value, &date)
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
