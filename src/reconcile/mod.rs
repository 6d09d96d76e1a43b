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
mod events;
pub mod store;
mod summary;
mod threads;
mod union_find;
mod verdict;

use events::event_keys;
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
    let (events, places, homes) = event_keys(store, rules.reconcile.window_days, |s| {
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
        // "Quinze Palestiniens" killed in Gaza: the people of the country
        // the event is in are its toll, not one side's count.
        let side = if s.side == homes[i] && scope == 0 {
            0
        } else {
            s.side
        };
        (
            r(s.kind),
            r(events[i]),
            r(places[i]),
            r(scope),
            r(side),
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
                let threads = if settings.by_accused {
                    threads::by_accused(&claims, |id| {
                        rules
                            .gazetteer
                            .get(id)
                            .map_or_else(|| id.to_string(), |a| a.side.clone())
                    })
                } else {
                    threads::threads(&claims, settings)
                };
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
