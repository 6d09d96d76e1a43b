//! Claims → `Vec<Group>`: claims that speak to the same thing share a
//! group, and each group gets a verdict.
//!
//! The comparison key is explicit: kind, unit, scope (who is counted), side,
//! and event. The event is what the sentence names ("la guerre de 2020") when
//! it differs from the article's year, else a window of publication dates
//! (articles further apart than `window_days` are about different events).
//! Figures are intervals; two agree when their intervals, widened by the
//! kind's tolerance, meet and their point figures are within that tolerance.

mod codec;
pub mod store;
mod summary;
mod threads;
mod verdict;

pub use verdict::Range;
use verdict::{LOADED_MAX, judge, slice_visit};

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
    /// Where the figures are, when their clauses say ([`Claim::place`]).
    pub place: Option<String>,
    /// The event: the country its articles are about and a year the text
    /// names or the window of publication dates ("armenia 2023-09-19..2023-09-28").
    pub event: String,
    pub verdict: Verdict,
    pub summary: String,
    /// The group's figures as a range (`None` for an accusation).
    pub range: Option<Range>,
    #[serde(skip)]
    pub members: Vec<u32>,
}

/// How far (bytes) after an unscoped figure of its article an open scope's
/// figure is read as its part ([`KindSettings::open_scopes`]).
const PART_REACH: usize = 200;

/// How many days before its window's first article an event may be that a
/// late report recalls ([`Claim::recalls`]).
const RECALL_LEAD_DAYS: i32 = 3;

/// How long after an event a report that recalls its day is about it.
const RECALL_MAX_DAYS: i32 = 92;

/// Groups claims and gives each group its verdict. Output order is stable:
/// by kind, then event, scope, side and unit. Grouping reads only the
/// stubs; each group's claims are loaded to be judged, in parallel, and
/// dropped, so memory holds a few groups' claims at a time.
pub fn reconcile(store: &mut ClaimStore, rules: &RuleSet) -> std::io::Result<Vec<Group>> {
    store.seal()?;
    // Each kind's settings, by its interned id: whether its place counts,
    // and whether a party's own count is of its side.
    let by_place: std::collections::HashMap<u32, (bool, bool)> = store
        .stubs
        .iter()
        .map(|s| s.kind)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|k| {
            let kind = store.strings.get(k).unwrap_or_default();
            let settings = rules.reconcile.kind(kind);
            (k, (settings.by_place, settings.speaker_side))
        })
        .collect();
    let (events, places) = event_keys(store, rules.reconcile.window_days, |s| {
        let (by_place, by_party) = by_place[&s.kind];
        match (s.place, by_place, by_party) {
            (_, false, _) => 0,
            (0, _, true) => s.party,
            (p, _, _) => p,
        }
    });
    let rank = store.strings.ranks();
    let r = |id: u32| rank[id as usize];
    let stubs = &store.stubs;
    let places: Vec<u32> = places
        .into_iter()
        .zip(stubs)
        .map(|(p, s)| {
            let (by_place, by_party) = by_place[&s.kind];
            match p {
                _ if !by_place => 0,
                p if p == s.party && !by_party => 0,
                p => p,
            }
        })
        .collect();
    // Each kind's open scopes, as (kind, scope) ids: grouped as no scope.
    let open: BTreeSet<(u32, u32)> = stubs
        .iter()
        .map(|s| (s.kind, s.scope))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|&(k, sc)| {
            let (kind, scope) = (store.strings.get(k), store.strings.get(sc));
            scope.is_some_and(|scope| {
                let settings = rules.reconcile.kind(kind.unwrap_or_default());
                settings.open_scopes.iter().any(|o| o == scope)
            })
        })
        .collect();
    // Where each article's unscoped figures of each kind start: an open
    // scope's figure just after one is its part ("32 morts, dont 7 civils")
    // and keeps its scope.
    let mut unscoped: BTreeMap<(u32, u32), Vec<usize>> = BTreeMap::new();
    for s in stubs.iter().filter(|s| s.scope == 0) {
        unscoped.entry((s.doc, s.kind)).or_default().push(s.start);
    }
    let is_part = |s: &store::Stub| {
        unscoped.get(&(s.doc, s.kind)).is_some_and(|starts| {
            starts
                .iter()
                .any(|&t| t < s.start && s.start - t <= PART_REACH)
        })
    };
    let group_key = |i: usize| {
        let s = &stubs[i];
        let scope = if open.contains(&(s.kind, s.scope)) && !is_part(s) {
            0
        } else {
            s.scope
        };
        (
            r(s.kind),
            r(events[i]),
            r(places[i]),
            r(scope),
            r(s.side),
            r(s.unit),
        )
    };
    let mut order: Vec<u32> = (0..stubs.len() as u32).collect();
    order.sort_by_key(|&i| {
        let s = &stubs[i as usize];
        (
            group_key(i as usize),
            (r(s.date), r(s.doc), s.start, s.end, r(s.rule)),
        )
    });
    let mut heads: Vec<Vec<u32>> = Vec::new();
    for (_, members) in &order.iter().chunk_by(|&&i| group_key(i as usize)) {
        heads.push(members.copied().collect());
    }
    // Each group is judged thread by thread ([`threads::threads`]): a loaded
    // group's parts become groups of their own; a group too large to load is
    // one thread, streamed.
    type Judged = (Vec<u32>, (Verdict, String, Option<Range>));
    let judged: Vec<std::io::Result<Vec<Judged>>> = heads
        .par_iter()
        .map(|members| {
            if members.len() <= LOADED_MAX || !store.spilled() {
                let claims = store.get(members)?;
                let settings = rules.reconcile.kind(&claims[0].kind);
                let threads = threads::threads(&claims, settings);
                if threads.len() == 1 {
                    let judged = judge(&mut slice_visit(&claims), Some(&claims), rules);
                    return Ok(vec![(members.clone(), judged)]);
                }
                return Ok(threads
                    .into_iter()
                    .map(|thread| {
                        let subset: Vec<Claim> =
                            thread.iter().map(|&k| claims[k].clone()).collect();
                        let judged = judge(&mut slice_visit(&subset), Some(&subset), rules);
                        (thread.iter().map(|&k| members[k]).collect(), judged)
                    })
                    .collect());
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
                None => Ok(vec![(members.clone(), judged)]),
            }
        })
        .collect();
    let mut counters: BTreeMap<&str, usize> = BTreeMap::new();
    let text = |id: u32| store.strings.get(id).map(str::to_string);
    let threads: Vec<Judged> = judged
        .into_iter()
        .collect::<std::io::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    Ok(threads
        .into_iter()
        .map(|(members, (verdict, summary, range))| {
            let first = members[0] as usize;
            let s = &stubs[first];
            let kind = store.strings.get(s.kind).unwrap_or_default();
            let n = counters.entry(kind).or_default();
            *n += 1;
            Group {
                id: format!("{kind}/{n}"),
                kind: kind.to_string(),
                // An open scope's group says it only when all its figures do.
                scope: members
                    .iter()
                    .all(|&m| stubs[m as usize].scope == s.scope)
                    .then(|| text(s.scope))
                    .flatten(),
                side: text(s.side),
                place: text(places[first]),
                event: text(events[first]).unwrap_or_default(),
                verdict,
                summary,
                range,
                members,
            }
        })
        .collect())
}

/// The event key of each claim (an interned id). Articles are about the
/// same event when they share the country one of them names most and were
/// published within `window_days` of each other; such articles form a
/// cluster, named after the country most of them name first. A cluster's
/// dates are cut into windows of at most `window_days` from its first date,
/// which never chain: a five-year feed on one war is many events. A year the
/// sentence names that is not the article's ("la guerre de 2020") is an
/// event of its own.
///
/// Also each claim's place key: its place, or none when that is the
/// country its cluster is about (a figure with no place is the cluster's).
fn event_keys(
    store: &mut ClaimStore,
    window_days: i64,
    place_key: impl Fn(&store::Stub) -> u32,
) -> (Vec<u32>, Vec<u32>) {
    use jiff::civil::Date;
    let parse = |id: u32, strings: &crate::reconcile::store::Interner| {
        strings.get(id).and_then(|d| d.parse::<Date>().ok())
    };
    // One node per article: (doc, date, topic), in a stable order.
    let articles: Vec<(u32, u32, u32)> = store
        .stubs
        .iter()
        .map(|s| (s.doc, s.date, s.topic))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let node = |doc: u32, date: u32, topic: u32| {
        articles
            .binary_search(&(doc, date, topic))
            .expect("every article is a node")
    };
    let topics: Vec<Vec<String>> = articles
        .iter()
        .map(|&(_, _, t)| {
            store
                .strings
                .get(t)
                .unwrap_or_default()
                .split(' ')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    let dates: Vec<Option<Date>> = articles
        .iter()
        .map(|&(_, d, _)| parse(d, &store.strings))
        .collect();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let join = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    // Per country, the dated articles that name it, by date: each joins the
    // nearest article within the window that names it most, either side.
    let mut by_country: BTreeMap<&str, Vec<(Date, usize, bool)>> = BTreeMap::new();
    for (i, t) in topics.iter().enumerate() {
        if let Some(d) = dates[i] {
            for (rank, c) in t.iter().enumerate() {
                by_country.entry(c).or_default().push((d, i, rank == 0));
            }
        }
    }
    let near = |a: Date, b: Date| (b - a).get_days().abs() <= window_days as i32;
    for list in by_country.values_mut() {
        list.sort();
        let mut last_first: Option<(Date, usize)> = None;
        for &(d, i, first) in list.iter() {
            if let Some((ld, l)) = last_first
                && near(ld, d)
            {
                join(&mut parent, l, i);
            }
            if first {
                last_first = Some((d, i));
            }
        }
        let mut next_first: Option<(Date, usize)> = None;
        for &(d, i, first) in list.iter().rev() {
            if let Some((nd, n)) = next_first
                && near(d, nd)
            {
                join(&mut parent, n, i);
            }
            if first {
                next_first = Some((d, i));
            }
        }
    }
    // An article that names no country belongs to the one event around it
    // (its window holds articles of one cluster only); with none or
    // several, to the other articles that name none.
    let mut named: Vec<(Date, usize)> = (0..articles.len())
        .filter(|&j| !topics[j].is_empty())
        .filter_map(|j| Some((dates[j]?, root(&mut parent, j))))
        .collect();
    named.sort();
    // Where the next article of another cluster starts, for each.
    let mut other_from = vec![named.len(); named.len()];
    for k in (0..named.len().saturating_sub(1)).rev() {
        other_from[k] = if named[k + 1].1 != named[k].1 {
            k + 1
        } else {
            other_from[k + 1]
        };
    }
    let mut unplaced: Vec<(Date, usize)> = Vec::new();
    for i in 0..articles.len() {
        let Some(d) = dates[i].filter(|_| topics[i].is_empty()) else {
            continue;
        };
        let lo = named.partition_point(|(e, _)| !near(*e, d) && *e < d);
        let hi = named.partition_point(|(e, _)| *e <= d || near(d, *e));
        if lo < hi && other_from[lo] >= hi {
            parent[i] = named[lo].1;
        } else {
            unplaced.push((d, i));
        }
    }
    unplaced.sort();
    for pair in unplaced.windows(2) {
        if near(pair[0].0, pair[1].0) {
            join(&mut parent, pair[0].1, pair[1].1);
        }
    }
    // Each cluster's name (the country most of its articles name first),
    // and its windows.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        members.entry(root(&mut parent, i)).or_default().push(i);
    }
    let mut label: Vec<String> = vec![String::new(); articles.len()];
    let mut window: Vec<Option<(Date, Date)>> = vec![None; articles.len()];
    for list in members.values() {
        let mut firsts: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in list {
            if let Some(c) = topics[i].first() {
                *firsts.entry(c).or_default() += 1;
            }
        }
        let name = firsts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(c, _)| c.to_string())
            .unwrap_or_default();
        let mut dated: Vec<(Date, usize)> =
            list.iter().filter_map(|&i| Some((dates[i]?, i))).collect();
        dated.sort();
        let mut k = 0;
        while k < dated.len() {
            let start = dated[k].0;
            let end = dated[k..]
                .iter()
                .take_while(|(d, _)| (*d - start).get_days() <= window_days as i32)
                .count()
                + k;
            let last = dated[end - 1].0;
            for &(_, i) in &dated[k..end] {
                window[i] = Some((start, last));
            }
            k = end;
        }
        for &i in list {
            label[i] = name.clone();
        }
    }
    // An undated article takes the name of the largest dated cluster named
    // after one of its countries: the war it recalls ("the 2020 war") is
    // that cluster's.
    let mut size: BTreeMap<&str, usize> = BTreeMap::new();
    for i in (0..articles.len()).filter(|&i| dates[i].is_some()) {
        *size.entry(label[i].as_str()).or_default() += 1;
    }
    let undated: Vec<(usize, String)> = (0..articles.len())
        .filter(|&i| dates[i].is_none())
        .filter_map(|i| {
            let best = topics[i]
                .iter()
                .filter_map(|c| Some((*size.get(c.as_str())?, c)))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))?;
            Some((i, best.1.clone()))
        })
        .collect();
    for (i, name) in undated {
        label[i] = name;
    }
    // Where each cluster is: its name, unless its figures never say they
    // are there, nor its speakers count their own there, and name another
    // country so, the most often ("a Russian missile strike on Sumy":
    // articles about Russia's strike, Ukraine's officials counting the dead).
    // A figure with no place is that country's.
    let mut placed: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    for s in &store.stubs {
        let place = place_key(s);
        if place != 0 {
            let r = root(&mut parent, node(s.doc, s.date, s.topic));
            *placed.entry((r, place)).or_default() += 1;
        }
    }
    let mut home: Vec<String> = label.clone();
    for (&r, list) in &members {
        let named_here = |p: &u32| store.strings.get(*p) == Some(label[r].as_str());
        let mut best: Option<(usize, u32)> = None;
        for (&(_, p), &n) in placed.range((r, 0)..=(r, u32::MAX)) {
            if named_here(&p) {
                best = None;
                break;
            }
            if best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, p));
            }
        }
        if let Some((_, p)) = best {
            let name = store.strings.get(p).unwrap_or_default().to_string();
            for &i in list {
                home[i] = name.clone();
            }
        }
    }
    // Every window by its start, with its cluster's name: where a late
    // report's recalled day may fall.
    let windows: Vec<(Date, Date, &str)> = (0..articles.len())
        .filter_map(|i| window[i].map(|(a, b)| (a, b, label[i].as_str())))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // A report that recalls a day of an earlier window of its cluster (or,
    // naming no country, of any one) is about that window's event:
    // « l'attaque du 24 août », six weeks on. A window starts the day after
    // its event, or a few days later.
    let recalled = |n: usize, day: Option<Date>| -> Option<(String, Date, Date)> {
        // A follow-up comes within a season; an article of 2023 that opens on
        // the ceasefire of November 2020 is not about the 2020 war.
        let day =
            day.filter(|d| dates[n].is_some_and(|a| (a - *d).get_days() <= RECALL_MAX_DAYS))?;
        // Only windows that start between `window_days` before the day and
        // a few days after it can hold it: a bounded look, however many
        // windows the corpus has.
        let upto = windows.partition_point(|(a, _, _)| (day - *a).get_days() >= -RECALL_LEAD_DAYS);
        let from = windows.partition_point(|(a, _, _)| (day - *a).get_days() > window_days as i32);
        windows[from..upto]
            .iter()
            .filter(|(_, _, l)| label[n].is_empty() || *l == label[n])
            .filter(|&&(a, b, _)| Some((a, b)) != window[n])
            .find(|&&(_, b, _)| day <= b)
            .map(|&(a, b, l)| (l.to_string(), a, b))
    };
    // One key per (article, explicit event, recalled day), worked out once.
    let mut memo: std::collections::HashMap<(usize, u32, u32), u32> =
        std::collections::HashMap::new();
    let mut keys = Vec::with_capacity(store.stubs.len());
    let mut places = Vec::with_capacity(store.stubs.len());
    for i in 0..store.stubs.len() {
        let s = store.stubs[i];
        let n = node(s.doc, s.date, s.topic);
        // A party's own count is about its side ("Israel's health ministry
        // reported 28 deaths" in an article on Iran's toll).
        let place = if s.place == 0 { s.party } else { s.place };
        let home = store.strings.get(place) == Some(home[n].as_str());
        places.push(if home { 0 } else { place });
        let key = *memo
            .entry((n, s.explicit_event, s.recalls))
            .or_insert_with(|| {
                // A day the sentence names ("the January 1 quake") that
                // starts the article's own window, or falls in it, is that
                // window's event; one of an earlier window of its cluster is
                // that window's, as a recalled day is.
                let named_day = parse(s.explicit_event, &store.strings);
                let own = named_day
                    .zip(window[n])
                    .is_some_and(|(d, (a, b))| (d - a).get_days() >= -RECALL_LEAD_DAYS && d <= b);
                let recalled = match (s.explicit_event, named_day) {
                    (0, _) => recalled(n, parse(s.recalls, &store.strings)),
                    (_, Some(d)) if !own => recalled(n, Some(d)),
                    _ => None,
                };
                let explicit = store
                    .strings
                    .get(s.explicit_event)
                    .filter(|_| !own && recalled.is_none());
                let (name, span) = match recalled {
                    Some((l, a, b)) => (l, Some((a, b))),
                    None => (label[n].clone(), window[n]),
                };
                let when = if let Some(e) = explicit {
                    format!("event {e}")
                } else {
                    match span {
                        None => "undated".to_string(),
                        Some((a, b)) if a == b => format!("{a}"),
                        Some((a, b)) => format!("{a}..{b}"),
                    }
                };
                let text = if name.is_empty() {
                    when
                } else {
                    format!("{name} {when}")
                };
                store.strings.id(&text)
            });
        keys.push(key);
    }
    (keys, places)
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
