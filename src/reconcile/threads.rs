//! A group's threads. Of a cumulative kind, a figure far below the largest
//! figure given on an earlier day is a part of the count, not a competing
//! count: one district's toll beside the country's, the dead of one
//! collapsed building beside a cyclone's, a town's two dead beside a war's
//! twelve thousand. An actor's figure is a part only far below another's:
//! a party's count a fifth of its enemy's is their disagreement. Parts
//! leave the group's verdict and form groups of their own with the figures
//! that agree with them (the same "13 killed in the monastery" in two
//! reports is consistent), so that a part is neither flagged against the
//! total nor lost.

use super::union_find::{join, root};
use super::verdict::{Relation, named, relation};
use crate::claim::Claim;
use crate::rules::KindSettings;

/// Accusations by the side they blame ([`KindSettings::by_accused`]):
/// `side` gives an actor's side. Claims that blame one side are a thread,
/// and an accused side that blames another side joins that side's thread
/// (the two blame each other); threads in the order of their first claim.
pub(super) fn by_accused(claims: &[Claim], side: impl Fn(&str) -> String) -> Vec<Vec<usize>> {
    use crate::claim::Value;
    let blamed: Vec<Option<String>> = claims
        .iter()
        .map(|c| match &c.value {
            Value::Actor(id) => Some(side(id)),
            Value::Number(_) => None,
        })
        .collect();
    let mut keys: Vec<String> = blamed.iter().flatten().cloned().collect();
    keys.sort();
    keys.dedup();
    let index = |k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).ok();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    for (c, b) in claims.iter().zip(&blamed) {
        let (Some(b), Some(speaker)) = (b, named(c)) else {
            continue;
        };
        if let (Some(x), Some(y)) = (index(&side(speaker)), index(b)) {
            join(&mut parent, x, y);
        }
    }
    let mut threads: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, b) in blamed.iter().enumerate() {
        // A claim with no actor value stays with the first thread.
        let r = b
            .as_deref()
            .and_then(index)
            .map_or(usize::MAX, |k| root(&mut parent, k));
        match threads.iter_mut().find(|(k, _)| *k == r) {
            Some((_, t)) => t.push(i),
            None => threads.push((r, vec![i])),
        }
    }
    threads.into_iter().map(|(_, t)| t).collect()
}

/// Figures of a kind that does not accumulate, in clusters of neighbours
/// (by figure) at most `ratio` times apart; the clusters in the order of
/// their first claim, figureless claims with the first.
fn apart(claims: &[Claim], ratio: f64) -> Vec<Vec<usize>> {
    let mut by_value: Vec<(f64, usize)> = claims
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.value.number().map(|v| (v, i)))
        .collect();
    by_value.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut last = f64::NAN;
    for (v, i) in by_value {
        match clusters.last_mut() {
            Some(c) if v <= last.abs().max(f64::MIN_POSITIVE) * ratio => c.push(i),
            _ => clusters.push(vec![i]),
        }
        last = v;
    }
    let unnumbered = (0..claims.len()).filter(|&i| claims[i].value.number().is_none());
    match clusters.first_mut() {
        Some(first) => first.extend(unnumbered),
        None => return vec![(0..claims.len()).collect()],
    }
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort_by_key(|c| c[0]);
    clusters
}

/// The threads of a group's claims (in the group's order: by date): index
/// lists into `claims`, the main count first, then each cluster of parts in
/// the order of its first claim. A kind that does not accumulate, or whose
/// `partial_below` is 0, is one thread.
pub(super) fn threads(claims: &[Claim], settings: &KindSettings) -> Vec<Vec<usize>> {
    if !settings.cumulative && settings.apart_beyond >= 1.0 && claims.len() >= 2 {
        return apart(claims, settings.apart_beyond);
    }
    if !settings.cumulative || settings.partial_below <= 0.0 || claims.len() < 2 {
        return vec![(0..claims.len()).collect()];
    }
    // A few figures far above the group's median, from fewer articles than
    // the rest, count something larger (a war's 29,600 dead beside one
    // camp's 74 and 400): a thread of their own, and the rest threads
    // among themselves, so that the larger count does not make the event's
    // own toll its parts.
    let above = far_above(claims, settings);
    if above.is_empty() {
        return parts_of(claims, settings);
    }
    let rest: Vec<usize> = (0..claims.len()).filter(|i| !above.contains(i)).collect();
    let sub: Vec<Claim> = rest.iter().map(|&i| claims[i].clone()).collect();
    let mut out: Vec<Vec<usize>> = parts_of(&sub, settings)
        .into_iter()
        .map(|t| t.into_iter().map(|k| rest[k]).collect())
        .collect();
    out.push(above);
    out.sort_by_key(|t| t[0]);
    out
}

/// The claims of a cumulative group whose figure is more than `1 /
/// actor_part_below` times (ten times) the median of its articles' largest
/// figures (each article's own toll, not its parts: a province's count
/// beside the country's weighs nothing), when they come from fewer articles
/// than the others (empty otherwise).
fn far_above(claims: &[Claim], settings: &KindSettings) -> Vec<usize> {
    let mut largest: std::collections::BTreeMap<&str, f64> = Default::default();
    for c in claims {
        if let Some(v) = c.value.number() {
            let m = largest.entry(c.doc.as_str()).or_insert(v);
            *m = m.max(v);
        }
    }
    let mut figures: Vec<f64> = largest.into_values().collect();
    if figures.len() < 3 || settings.actor_part_below <= 0.0 {
        return Vec::new();
    }
    figures.sort_by(f64::total_cmp);
    let median = figures[figures.len() / 2];
    let (above, rest): (Vec<usize>, Vec<usize>) = (0..claims.len()).partition(|&i| {
        claims[i]
            .value
            .number()
            .is_some_and(|v| median > 0.0 && v * settings.actor_part_below > median)
    });
    let docs = |ids: &[usize]| {
        ids.iter()
            .map(|&i| claims[i].doc.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    if above.is_empty() || rest.len() < 2 || docs(&above) >= docs(&rest) {
        return Vec::new();
    }
    above
}

/// [`threads`] of a cumulative group: the main count first, then each
/// cluster of its parts.
fn parts_of(claims: &[Claim], settings: &KindSettings) -> Vec<Vec<usize>> {
    let all = || vec![(0..claims.len()).collect::<Vec<_>>()];
    if claims.len() < 2 {
        return all();
    }
    // The largest figure another source gave on the days before each
    // claim's (claims come in date order). A smaller figure of the same day
    // may be that day's first count; one of the same article is left to the
    // verdict's voices; the same source's lower figure is a revision, which
    // the verdict flags, unless far lower (below).
    let sources: Vec<String> = claims.iter().map(super::source_key).collect();
    let mut ceiling = vec![f64::NEG_INFINITY; claims.len()];
    // The same source's largest figure of the days before: a figure far
    // below it (as far as below another's) counts something else (the 112
    // dead of one convoy after a ministry's 30,000 of the war), not a
    // revision (4,000 dead revised to 1,000).
    let mut own_ceiling = vec![f64::NEG_INFINITY; claims.len()];
    // The largest figure so far and its source, and the largest of any
    // other source; and the same as of the day before.
    let mut top: Best = Best::default();
    let mut before: Best = Best::default();
    // Each source's last day, its largest figure before that day, and its
    // largest through it.
    type Own<'c> = (Option<&'c str>, f64, f64);
    let mut by_source: std::collections::HashMap<&str, Own> = Default::default();
    for i in 0..claims.len() {
        if i > 0 && claims[i].date != claims[i - 1].date {
            before = top.clone();
        }
        ceiling[i] = before.without(&sources[i]);
        let day = claims[i].date.as_deref();
        let (last, earlier, through) = by_source.entry(sources[i].as_str()).or_insert((
            day,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ));
        if *last != day {
            (*last, *earlier) = (day, *through);
        }
        own_ceiling[i] = *earlier;
        if let Some(v) = claims[i].value.number() {
            top.add(v, &sources[i]);
            *through = through.max(v);
        }
    }
    // An actor's figure below another's is more often their disagreement
    // (a party's 192 dead against its enemy's 1,000), which the verdict
    // flags: it is a part only far below ([`KindSettings::actor_part_below`]).
    // Within one article, a figure below a third of its source's largest is
    // a part ("more than 200 dead had been brought to hospitals" beside the
    // 2,053 of the quake), and so is one below the share of another
    // source's largest that the verdict's parts take.
    let mut in_doc: std::collections::HashMap<&str, Best> = Default::default();
    let mut own: std::collections::HashMap<(&str, &str), f64> = Default::default();
    for (c, source) in claims.iter().zip(&sources) {
        if let Some(v) = c.value.number() {
            in_doc.entry(c.doc.as_str()).or_default().add(v, source);
            let m = own.entry((c.doc.as_str(), source.as_str())).or_insert(v);
            *m = m.max(v);
        }
    }
    let is_part = |i: usize| {
        // "Un précédent bilan … faisait état de 30 prisonniers tués": an
        // earlier count of the same toll, which it updates, not a part.
        if claims[i].earlier {
            return false;
        }
        let share = if named(&claims[i]).is_some() {
            settings.actor_part_below
        } else {
            settings.partial_below
        };
        let (doc, source) = (claims[i].doc.as_str(), sources[i].as_str());
        let others = in_doc
            .get(doc)
            .map_or(f64::NEG_INFINITY, |b| b.without(source));
        let own = own
            .get(&(doc, source))
            .copied()
            .unwrap_or(f64::NEG_INFINITY);
        claims[i].value.number().is_some_and(|v| {
            v < share * ceiling[i].max(others).max(own_ceiling[i])
                || v < settings.partial_below * own
        })
    };
    let (main, mut parts): (Vec<usize>, Vec<usize>) = (0..claims.len()).partition(|&i| !is_part(i));
    if parts.is_empty() {
        return all();
    }
    // Parts that agree, neighbours by figure, share a thread.
    parts.sort_by(|&a, &b| {
        let (x, y) = (claims[a].value.number(), claims[b].value.number());
        x.partial_cmp(&y)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for i in parts {
        match clusters.last_mut() {
            Some(c)
                if relation(&claims[*c.last().unwrap_or(&i)], &claims[i], settings)
                    == Relation::Agree =>
            {
                c.push(i)
            }
            _ => clusters.push(vec![i]),
        }
    }
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort_by_key(|c| c[0]);
    let mut out = vec![main];
    out.extend(clusters);
    out
}

/// The largest figure of a run and its source, and the largest figure of
/// any other source: the largest figure that is not a given source's.
#[derive(Debug, Clone)]
struct Best {
    first: (f64, String),
    second: f64,
}

impl Default for Best {
    fn default() -> Self {
        Best {
            first: (f64::NEG_INFINITY, String::new()),
            second: f64::NEG_INFINITY,
        }
    }
}

impl Best {
    fn add(&mut self, v: f64, source: &str) {
        if source == self.first.1 {
            self.first.0 = self.first.0.max(v);
        } else if v > self.first.0 {
            self.second = self.first.0;
            self.first = (v, source.to_string());
        } else {
            self.second = self.second.max(v);
        }
    }

    fn without(&self, source: &str) -> f64 {
        if source == self.first.1 {
            self.second
        } else {
            self.first.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toll(doc: &str, date: &str, v: f64) -> Claim {
        Claim {
            doc: doc.into(),
            ..Claim::for_test("death_toll", "persons", v, date)
        }
    }

    fn said_by(speaker: &str, c: Claim) -> Claim {
        Claim {
            attributed_to: Some(crate::claim::Attribution {
                actor: Some(speaker.into()),
                text: speaker.into(),
                key: None,
            }),
            ..c
        }
    }

    #[test]
    fn the_same_sources_lower_figure_is_a_revision_not_a_part() {
        let claims = vec![
            said_by("x", toll("a", "2023-09-19", 200.0)),
            said_by("x", toll("b", "2023-09-21", 27.0)),
            said_by("y", toll("c", "2023-09-21", 15.0)),
        ];
        assert_eq!(threads(&claims, &settings()), vec![vec![0, 1], vec![2]]);
    }

    /// A ministry's 30,000 dead of a war, then its 112 dead of one convoy
    /// the next day (modelled on reports of the Gaza aid convoy shooting,
    /// https://www.iol.co.za/news/world/israel-forces-shoot-104-people-dead-at-aid-point-health-ministry-says-b6b743b0-bd24-4364-ad48-973042234994):
    /// far below its own figure, the later one counts something else; a
    /// quarter of it (4,000 revised to 1,000) is still its revision.
    #[test]
    fn the_same_sources_figure_far_below_its_own_earlier_one_is_a_part() {
        let claims = vec![
            said_by("x", toll("a", "2024-02-29", 30000.0)),
            said_by("x", toll("b", "2024-03-01", 112.0)),
            said_by("x", toll("c", "2024-03-01", 30100.0)),
        ];
        assert_eq!(threads(&claims, &settings()), vec![vec![0, 2], vec![1]]);
        let revised = vec![
            said_by("x", toll("a", "2023-10-10", 4000.0)),
            said_by("x", toll("b", "2023-10-11", 1000.0)),
        ];
        assert_eq!(threads(&revised, &settings()), vec![vec![0, 1]]);
    }

    #[test]
    fn an_actors_figure_a_third_of_anothers_is_a_disagreement_not_a_part() {
        let claims = vec![
            said_by("x", toll("a", "2023-09-20", 1000.0)),
            said_by("y", toll("b", "2023-09-26", 192.0)),
            toll("c", "2023-09-26", 192.0),
        ];
        assert_eq!(threads(&claims, &settings()), vec![vec![0, 1], vec![2]]);
    }

    #[test]
    fn the_largest_figure_of_other_sources_is_kept_apart_from_ones_own() {
        let mut best = Best::default();
        best.add(10.0, "x");
        best.add(300.0, "x");
        best.add(50.0, "y");
        assert_eq!((best.without("x"), best.without("y")), (50.0, 300.0));
        best.add(400.0, "y");
        assert_eq!((best.without("x"), best.without("y")), (400.0, 300.0));
    }

    #[test]
    fn within_one_article_a_sources_far_smaller_figure_is_a_part() {
        // One ministry's 2,053 dead and its 200 brought to hospitals, the
        // UN's 320 in the same article (their disagreement), then the same
        // ministry's 2,100 the next day.
        let claims = vec![
            said_by("x", toll("a", "2023-10-08", 2053.0)),
            said_by("x", toll("a", "2023-10-08", 200.0)),
            said_by("y", toll("a", "2023-10-08", 320.0)),
            said_by("x", toll("b", "2023-10-09", 2100.0)),
        ];
        assert_eq!(threads(&claims, &settings()), vec![vec![0, 2, 3], vec![1]]);
    }

    fn settings() -> KindSettings {
        KindSettings {
            cumulative: true,
            partial_below: 0.33,
            actor_part_below: 0.1,
            ..KindSettings::default()
        }
    }

    #[test]
    fn a_small_figure_after_a_large_one_is_a_part_with_its_own_thread() {
        // A war's toll in two reports, a town's two dead and the monastery's
        // thirteen in two reports.
        let claims = vec![
            toll("a", "2023-12-18", 12000.0),
            toll("b", "2023-12-19", 2.0),
            toll("b", "2023-12-19", 13.0),
            toll("c", "2023-12-20", 13.0),
            toll("c", "2023-12-20", 9000.0),
            toll("d", "2023-12-22", 12000.0),
        ];
        assert_eq!(
            threads(&claims, &settings()),
            vec![vec![0, 4, 5], vec![1], vec![2, 3]]
        );
    }

    /// A war's 29,600 dead in one article beside one camp's toll in four
    /// (modelled on reports of the Zamzam camp attack,
    /// https://www.aljazeera.com/news/2025/4/12/sudan-paramilitaries-kill-at-least-100-people-in-darfur-attack-un-says?traffic_source=rss):
    /// the war's figure is the thread apart, not the camp's its parts; an
    /// article's earlier count ("a previous toll of 25") is no part either.
    #[test]
    fn a_figure_far_above_the_rest_from_fewer_articles_is_the_thread_apart() {
        let claims = vec![
            said_by("x", toll("a", "2025-04-12", 74.0)),
            Claim {
                earlier: true,
                ..said_by("x", toll("a", "2025-04-12", 25.0))
            },
            said_by("un", toll("b", "2025-04-12", 100.0)),
            said_by("acled", toll("c", "2025-04-13", 29600.0)),
            said_by("y", toll("d", "2025-04-15", 450.0)),
            said_by("un", toll("e", "2025-04-15", 400.0)),
        ];
        assert_eq!(
            threads(&claims, &settings()),
            vec![vec![0, 1, 2, 4, 5], vec![3]]
        );
        // Without the war's figure in the group, the same: one thread.
        let camp: Vec<Claim> = [0, 1, 2, 4, 5].iter().map(|&i| claims[i].clone()).collect();
        assert_eq!(threads(&camp, &settings()), vec![vec![0, 1, 2, 3, 4]]);
        // From as many articles as the rest, a large figure stays the main count.
        let war = vec![
            toll("a", "2023-12-18", 12000.0),
            toll("b", "2023-12-19", 13.0),
            toll("c", "2023-12-20", 12100.0),
            toll("d", "2023-12-20", 15.0),
        ];
        assert_eq!(
            threads(&war, &settings()),
            vec![vec![0, 2], vec![1], vec![3]]
        );
    }

    #[test]
    fn a_small_figure_before_the_large_one_or_on_its_day_is_an_earlier_toll() {
        let claims = vec![
            toll("a", "2023-11-03", 19.0),
            toll("b", "2023-11-05", 417.0),
            toll("c", "2023-11-05", 60.0),
        ];
        assert_eq!(threads(&claims, &settings()), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_kind_that_does_not_accumulate_is_one_thread() {
        let claims = vec![toll("a", "2023-11-03", 900.0), toll("b", "2023-11-05", 4.0)];
        let flat = KindSettings::default();
        assert_eq!(threads(&claims, &flat), vec![vec![0, 1]]);
    }

    #[test]
    fn populations_far_apart_count_different_places() {
        let settings = KindSettings {
            apart_beyond: 3.0,
            ..KindSettings::default()
        };
        let claims = vec![
            toll("a", "2025-01-08", 62_000.0),
            toll("b", "2025-01-08", 222.0),
            toll("c", "2025-01-09", 60_000.0),
            toll("c", "2025-01-09", 7_000.0),
            toll("d", "2025-01-10", 650.0),
        ];
        // 222 and 650 are within three times of each other; 7,000 is more
        // than three times 650 and less than a third of 60,000.
        assert_eq!(
            threads(&claims, &settings),
            vec![vec![0, 2], vec![1, 4], vec![3]]
        );
        // Off by default: one thread.
        assert_eq!(
            threads(&claims, &KindSettings::default()),
            vec![vec![0, 1, 2, 3, 4]]
        );
    }

    #[test]
    fn accusations_split_by_side_blamed_unless_the_accused_answers() {
        let blame = |speaker: &str, accused: &str, date: &str| {
            said_by(
                speaker,
                Claim {
                    value: crate::claim::Value::Actor(accused.into()),
                    ..Claim::for_test("aggressor", "actor", 0.0, date)
                },
            )
        };
        let side = |id: &str| match id {
            "karabakh_authorities" => "armenia".to_string(),
            other => other.to_string(),
        };
        // A government blames a neighbour and a second one; the gunmen claim
        // the attack: three accusations, none answering another.
        let claims = vec![
            blame("pakistan", "india", "2025-03-12"),
            blame("bla", "bla", "2025-03-12"),
            blame("pakistan", "afghanistan", "2025-03-13"),
            blame("pakistan", "india", "2025-03-14"),
        ];
        assert_eq!(
            by_accused(&claims, side),
            vec![vec![0, 3], vec![1], vec![2]]
        );
        // Each side blames the other (an ally of one side speaking for it):
        // one contradiction; a third country's blame joins the side it blames.
        let claims = vec![
            blame("azerbaijan", "karabakh_authorities", "2023-09-19"),
            blame("armenia", "azerbaijan", "2023-09-19"),
            blame("france", "azerbaijan", "2023-09-20"),
        ];
        assert_eq!(by_accused(&claims, side), vec![vec![0, 1, 2]]);
    }
}
