//! Judging a group: how two claims relate (agree, differ within bounds,
//! cannot both be true), compared pairwise in a small group and through its
//! extremes in a large one, read from the store one claim at a time.

use super::summary::Overview;
use super::*;

mod time;
mod voices;
pub(super) use time::Timeline;
use time::{actor_days, over_time, pair_timeline};
#[cfg(test)]
use voices::breakdowns;
pub(super) use voices::voices;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Relation {
    Agree,
    Diverge,
    Disjoint,
}

/// Days in an average month, to turn a duration into a start date.
pub(super) const MONTH_DAYS: f64 = 30.4375;

/// A duration in months seen as its start: "8 mois" on 17 August and "9 mois"
/// on 20 September both start in mid-December. Bounds are days since the epoch.
pub(super) fn start_interval(c: &Claim) -> Option<(f64, f64, f64)> {
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

pub(super) fn relation(a: &Claim, b: &Claim, settings: &KindSettings) -> Relation {
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
        // Within `contradiction_beyond` times of each other, two counts
        // that miss each other differ (47 and 65 wounded on the same day);
        // further apart, they contradict.
        let (below, above) = if ahi < blo {
            (a.high, b.low)
        } else {
            (b.high, a.low)
        };
        let near = settings.contradiction_beyond >= 1.0
            && matches!((below, above), (Some(x), Some(y)) if x > 0.0 && y <= x * settings.contradiction_beyond);
        return if near {
            Relation::Diverge
        } else {
            Relation::Disjoint
        };
    }
    if (va - vb).abs() <= tolerance * va.abs().max(vb.abs()) {
        Relation::Agree
    } else {
        Relation::Diverge
    }
}

/// What a group's figures say together, as UCDP's low / best / high: the
/// lowest and highest figure its voices give (parts left out), and the best
/// estimate: of a cumulative kind the largest figure of the latest day,
/// otherwise the median voice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Range {
    #[serde(serialize_with = "crate::claim::ser_num")]
    pub low: f64,
    #[serde(serialize_with = "crate::claim::ser_num")]
    pub best: f64,
    #[serde(serialize_with = "crate::claim::ser_num")]
    pub high: f64,
}

/// The [`Range`] of claims in date order (`None` when none has a figure).
pub(super) fn range_of(visit: &mut Visit, cumulative: bool) -> Option<Range> {
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    let mut figures: Vec<f64> = Vec::new();
    let mut latest: Option<(Option<String>, f64)> = None;
    visit(&mut |c| {
        if let Some(v) = c.value.number() {
            low = low.min(v);
            high = high.max(v);
            if !cumulative {
                figures.push(v);
            }
            latest = match latest.take() {
                Some((d, m)) if d == c.date => Some((d, m.max(v))),
                _ => Some((c.date.clone(), v)),
            };
        }
        true
    });
    let (_, last) = latest?;
    let best = if cumulative {
        last
    } else {
        figures.sort_by(f64::total_cmp);
        figures[(figures.len() - 1) / 2]
    };
    Some(Range { low, best, high })
}

/// The country whose own people a figure counts, when the figure names no
/// side and no place and its speaker is one of the countries its article is
/// about ([`KindSettings::speaker_side`]): Kyrgyzstan's toll of a border
/// clash and Tajikistan's count different dead.
pub(super) fn own_side<'c>(c: &'c Claim, settings: &KindSettings) -> Option<&'c str> {
    settings.speaker_side.then(|| store::party_of(c)).flatten()
}

/// Whether two figures of one day that differ can be the same toll told at
/// two hours of that day: one speaker's (in two articles), or one that no
/// actor is named for (an outlet's figure of the morning, "initial reports",
/// an official the actor base does not know). Two actors who differ on one
/// day disagree.
fn intraday(a: &Claim, b: &Claim) -> bool {
    match (named(a), named(b)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Whether a later, vague figure below an earlier one of the same speaker
/// still allows it: "thousands more injured" on Thursday does not take back
/// the government's 3,124 of Tuesday, it is a vaguer telling of a toll that
/// may have kept rising. Another speaker's figure, and a precise bound ("at
/// least 27" after "at least 200"), stay a difference.
fn still_allows(later: &Claim, earlier: &Claim) -> bool {
    let Some(v) = earlier.value.number() else {
        return false;
    };
    later.vague
        && named(later).is_some()
        && named(later) == named(earlier)
        && later.high.is_none()
        && later.low.is_some_and(|l| l <= v)
}

/// How two figures disagree, as a verdict weighs it: figures that miss
/// each other contradict only when two actors give them (a party's 192
/// dead against its enemy's 1,000); an outlet's figure or an unnamed
/// source's that misses another is a difference of reports, which differ
/// (the 19 dead one outlet counted on a day another gave 39).
/// `r` is their [`relation`].
fn disagreement(r: Relation, a: &Claim, b: &Claim) -> Relation {
    match r {
        Relation::Disjoint if !matches!((named(a), named(b)), (Some(x), Some(y)) if x != y) => {
            Relation::Diverge
        }
        r => r,
    }
}

/// The actor a figure is given by, when it resolved to one.
pub(super) fn named(c: &Claim) -> Option<&str> {
    c.attributed_to.as_ref()?.actor.as_deref()
}

/// Groups up to this size compare every pair; larger ones compare extremes.
pub(super) const PAIRWISE_MAX: usize = 64;

/// Groups up to this size are loaded whole to be judged (about 50 MB);
/// larger ones, when the claims are on disk, are streamed.
pub(super) const LOADED_MAX: usize = 50_000;

/// Every pair: the worst relation, and how the disagreements stand over
/// time ([`Timeline`]); the first revision found is the one named.
#[cfg(test)]
pub(super) fn compare_pairs(claims: &[Claim], settings: &KindSettings) -> (Relation, Timeline) {
    let (worst, timeline, _) = judge_pairs(claims, settings);
    (worst, timeline)
}

/// [`compare_pairs`], and the worst disagreement time leaves open as a
/// verdict weighs it ([`disagreement`]): a toll that rose from 74 to 450
/// over three days explains its distance, and the pair left open (an
/// outlet's 40 against a ministry's 114 on one day) says how far apart the
/// sources are.
fn judge_pairs(claims: &[Claim], settings: &KindSettings) -> (Relation, Timeline, Relation) {
    let mut worst = Relation::Agree;
    let mut timeline = Timeline::Explained;
    let days = actor_days(claims);
    // Two figures count the same people unless they are two parties' own counts.
    let sides: Vec<Option<&str>> = claims.iter().map(|c| own_side(c, settings)).collect();
    let parties: BTreeSet<&str> = sides.iter().flatten().copied().collect();
    let mut worst_open = Relation::Agree;
    for ((a, sa), (b, sb)) in claims.iter().zip(&sides).tuple_combinations() {
        if let (Some(x), Some(y)) = (sa, sb)
            && x != y
        {
            continue;
        }
        let r = relation(a, b, settings);
        if r == Relation::Agree {
            continue;
        }
        worst = worst.max(r);
        // `claims` is sorted by date: `b` is never earlier than `a`.
        if !(a.date < b.date && behind(b, (sa, sb), claims, (&sides, &parties), settings)) {
            let t = pair_timeline(a, b, settings, &days);
            if !t.explained() {
                worst_open = worst_open.max(disagreement(r, a, b));
            }
            timeline = timeline.and(t);
        }
    }
    (worst, timeline, worst_open)
}

/// Of a cumulative kind, whether a figure agrees with one given on an
/// earlier day that counts the same people as the pair it is judged in
/// (`pair`, their sides; a pair of no side is judged beside each of the
/// group's `parties`' figures): a count that is behind (an outlet relaying yesterday's toll),
/// which a later, higher figure updates and a lower one it falls below does
/// not contradict.
fn behind(
    b: &Claim,
    pair: (&Option<&str>, &Option<&str>),
    claims: &[Claim],
    (sides, parties): (&[Option<&str>], &BTreeSet<&str>),
    settings: &KindSettings,
) -> bool {
    if !settings.cumulative {
        return false;
    }
    let runs: Vec<Option<&str>> = match pair {
        (Some(s), _) | (_, Some(s)) => vec![Some(*s)],
        _ if parties.len() > 1 => parties.iter().copied().map(Some).collect(),
        _ => vec![None],
    };
    runs.iter().all(|run| {
        claims.iter().zip(sides).any(|(c, sc)| {
            c.date.is_some()
                && c.date < b.date
                && (sc.is_none() || run.is_none() || sc == run)
                && relation(c, b, settings) == Relation::Agree
        })
    })
}

/// The same verdict in O(n log n) for large groups: intervals on a line all
/// meet when the largest lower bound is below the smallest upper bound, and
/// figures all agree when the two extremes do. Over time, each figure is
/// checked against the largest figure of earlier days.
#[cfg(test)]
pub(super) fn compare_extremes(claims: &[Claim], settings: &KindSettings) -> (Relation, Timeline) {
    compare_extremes_with(&mut slice_visit(claims), settings)
}

/// Visits a group's claims in order, one at a time, until the visitor says
/// stop (returns `false`): a slice, or claims read one by one from the store.
pub(super) type Visit<'a> = dyn FnMut(&mut dyn FnMut(&Claim) -> bool) + 'a;

pub(super) fn slice_visit(claims: &[Claim]) -> impl FnMut(&mut dyn FnMut(&Claim) -> bool) + '_ {
    move |f| {
        for c in claims {
            if !f(c) {
                break;
            }
        }
    }
}

/// [`compare_extremes`] streaming: one pass for the parties' own sides
/// ([`own_side`]), then, for each side, the claims of that side and those of
/// no side compared ([`compare_side`]); with one side or none, one such run.
pub(super) fn compare_extremes_with(
    visit: &mut Visit,
    settings: &KindSettings,
) -> (Relation, Timeline) {
    let mut sides: BTreeSet<String> = BTreeSet::new();
    if settings.speaker_side {
        visit(&mut |c| {
            if let Some(s) = own_side(c, settings) {
                sides.insert(s.to_string());
            }
            true
        });
    }
    if sides.len() <= 1 {
        return compare_side(visit, settings);
    }
    let (mut worst, mut timeline) = (Relation::Agree, Timeline::Explained);
    for side in &sides {
        let mut of_side = |f: &mut dyn FnMut(&Claim) -> bool| {
            visit(&mut |c: &Claim| match own_side(c, settings) {
                Some(s) if s != side => true,
                _ => f(c),
            })
        };
        let (w, t) = compare_side(&mut of_side, settings);
        worst = worst.max(w);
        if w != Relation::Agree {
            timeline = timeline.and(t);
        }
    }
    (worst, timeline)
}

/// Claims that all count the same people, in two streaming passes, holding
/// four claims (and a day's extremes and the largest figure of each speaker).
fn compare_side(visit: &mut Visit, settings: &KindSettings) -> (Relation, Timeline) {
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
    let mut days: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    visit(&mut |c| {
        undated |= c.date.is_none();
        if let (Some(actor), Some(day)) = (named(c), &c.date) {
            days.entry(actor.to_string())
                .or_default()
                .insert(day.clone());
        }
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
        return (Relation::Agree, Timeline::Explained);
    };
    let mut worst = relation(&lowest, &highest, settings);
    if let (Some((_, a)), Some((_, b))) = (&max_lo, &min_hi)
        && relation(a, b, settings) == Relation::Disjoint
    {
        worst = Relation::Disjoint;
    }
    if worst == Relation::Agree {
        return (worst, Timeline::Explained);
    }
    if !settings.cumulative || undated {
        return (worst, Timeline::Unexplained);
    }
    (worst, over_time(visit, settings, &days))
}

/// A group's verdict and summary, from its claims in order. A loaded group
/// is judged on its [`voices`], every pair compared up to [`PAIRWISE_MAX`]
/// voices and through extremes above; a group too large to load is streamed
/// claim by claim, never held whole.
pub(super) fn judge(
    visit: &mut Visit,
    loaded: Option<&[Claim]>,
    rules: &RuleSet,
) -> (Verdict, String, Option<Range>) {
    let o = Overview::of(visit, rules);
    let listing = o.listing();
    if o.all_actors {
        let (verdict, summary) = if o.sides.len() > 1 {
            (
                Verdict::Contradiction,
                format!("{listing}: different sides blamed"),
            )
        } else if o.sources.len() > 1 || o.many_docs {
            (Verdict::Consistent, format!("{listing}: same side blamed"))
        } else {
            (Verdict::SingleSource, listing)
        };
        return (verdict, summary, None);
    }
    let settings = rules.reconcile.kind(&o.kind);
    let (worst, timeline, range) = match loaded {
        Some(claims) => {
            let voices = voices(claims, settings);
            let range = range_of(&mut slice_visit(&voices), settings.cumulative);
            let (worst, explained) = if voices.len() <= PAIRWISE_MAX {
                match judge_pairs(&voices, settings) {
                    (_, t @ Timeline::Unexplained, open) => (open, t),
                    (worst, t, _) => (worst, t),
                }
            } else {
                compare_extremes_with(&mut slice_visit(&voices), settings)
            };
            (worst, explained, range)
        }
        None => {
            let (worst, explained) = compare_extremes_with(visit, settings);
            (worst, explained, range_of(visit, settings.cumulative))
        }
    };
    let (verdict, summary) = verdict_of(worst, &timeline, &o, listing, settings);
    (verdict, summary, range)
}

/// The verdict and its sentence, from how the voices compare.
fn verdict_of(
    worst: Relation,
    timeline: &Timeline,
    o: &Overview,
    listing: String,
    settings: &KindSettings,
) -> (Verdict, String) {
    match worst {
        Relation::Agree if o.sources.len() <= 1 && !o.many_docs => (Verdict::SingleSource, listing),
        Relation::Agree => (Verdict::Consistent, format!("{listing}: agree")),
        _ if timeline.explained() => (Verdict::Update, format!("{listing}: rising over time")),
        // No two sources disagree, but an actor took a figure back: flagged,
        // as a revision, not as a contradiction between sources.
        _ if let Timeline::Revised(actor) = timeline => (
            Verdict::Divergent,
            format!("{listing}: {actor} revised its own figure down"),
        ),
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

#[cfg(test)]
mod tests;
