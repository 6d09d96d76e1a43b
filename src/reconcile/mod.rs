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
mod summary;
mod verdict;

use verdict::{LOADED_MAX, PAIRWISE_MAX, judge, slice_visit};

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
