//! Which event each claim speaks of: articles clustered by the country
//! they name most and their dates, cut into windows that never chain, a day
//! or a year the sentence names, and a late report's recalled day.

use super::store::{self, ClaimStore};
use super::union_find::{join, root};
use std::collections::{BTreeMap, BTreeSet};

/// How many days before its window's first article an event may be that a
/// late report recalls ([`Claim::recalls`]).
const RECALL_LEAD_DAYS: i32 = 3;

/// A window's first and last days.
type Span = (jiff::civil::Date, jiff::civil::Date);

/// How long after an event a report that recalls its day is about it.
const RECALL_MAX_DAYS: i32 = 92;

/// How long after, when no other article shares the report's window: an
/// anniversary ("one year after the tragedy") is about the event it recalls.
const RECALL_LONE_MAX_DAYS: i32 = 400;

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
/// country its cluster is about (a figure with no place is the cluster's);
/// and that country (an interned id, 0 for none).
pub(super) fn event_keys(
    store: &mut ClaimStore,
    window_days: i64,
    place_key: impl Fn(&store::Stub) -> u32,
) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
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
    // How many articles share each window of each cluster.
    let mut sharing: BTreeMap<(&str, Option<Span>), usize> = BTreeMap::new();
    for i in 0..articles.len() {
        *sharing.entry((label[i].as_str(), window[i])).or_default() += 1;
    }
    // A report that recalls a day of an earlier window of its cluster (or,
    // naming no country, of any one) is about that window's event:
    // « l'attaque du 24 août », six weeks on. A window starts the day after
    // its event, or a few days later.
    let recalled = |n: usize, day: Option<Date>| -> Option<(String, Date, Date)> {
        // A follow-up comes within a season; an article of 2023 that opens on
        // the ceasefire of November 2020 is not about the 2020 war, unless
        // it stands alone in its days (a year on, a report on the anniversary).
        let lone = sharing.get(&(label[n].as_str(), window[n])) == Some(&1);
        let most = if lone {
            RECALL_LONE_MAX_DAYS
        } else {
            RECALL_MAX_DAYS
        };
        let day = day.filter(|d| dates[n].is_some_and(|a| (a - *d).get_days() <= most))?;
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
    // Each article's home as an interned id (0 for none).
    let home_ids: Vec<u32> = home
        .iter()
        .map(|h| store.strings.find(h).unwrap_or(0))
        .collect();
    let mut keys = Vec::with_capacity(store.stubs.len());
    let mut places = Vec::with_capacity(store.stubs.len());
    let mut homes = Vec::with_capacity(store.stubs.len());
    for i in 0..store.stubs.len() {
        let s = store.stubs[i];
        let n = node(s.doc, s.date, s.topic);
        // A party's own count is about its side ("Israel's health ministry
        // reported 28 deaths" in an article on Iran's toll).
        let place = if s.place == 0 { s.party } else { s.place };
        let home_id = home_ids[n];
        places.push(if place == home_id { 0 } else { place });
        homes.push(home_id);
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
    (keys, places, homes)
}
