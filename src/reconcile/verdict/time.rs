//! A group's disagreements over time: a later, higher figure of a toll is
//! its update; an actor's lower figure is its revision, which supersedes
//! what it said before.

use super::*;

/// How a group's disagreements stand over time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::reconcile) enum Timeline {
    /// Each is a later, higher figure of a cumulative kind (or the same
    /// speaker's on one day): a rising toll.
    Explained,
    /// Besides those, an actor gave a lower figure than it had before: it
    /// revised its own count (the actor named), which a person should see,
    /// though no two sources disagree.
    Revised(String),
    /// Two sources disagree.
    Unexplained,
}

impl Timeline {
    pub(in crate::reconcile) fn explained(&self) -> bool {
        *self == Timeline::Explained
    }

    /// Both together: any disagreement wins, then a revision (the first
    /// actor in name order, whichever pass found it first).
    pub(in crate::reconcile) fn and(self, other: Timeline) -> Timeline {
        use Timeline::*;
        match (self, other) {
            (Unexplained, _) | (_, Unexplained) => Unexplained,
            (Revised(x), Revised(y)) => Revised(x.min(y)),
            (Revised(x), Explained) | (Explained, Revised(x)) => Revised(x),
            (Explained, Explained) => Explained,
        }
    }
}

/// Each actor's days, in order: an actor's figure is superseded by the
/// figure it gives on a later day ([`superseded`]).
pub(super) type Days<'c> = BTreeMap<&'c str, BTreeSet<&'c str>>;

pub(super) fn actor_days(claims: &[Claim]) -> Days<'_> {
    let mut days: Days = BTreeMap::new();
    for c in claims {
        if let (Some(a), Some(d)) = (named(c), c.date.as_deref()) {
            days.entry(a).or_default().insert(d);
        }
    }
    days
}

/// Whether the actor of `a` spoke again after `a`'s day and by `b`'s: its
/// own later figure replaces `a`, which no longer weighs against `b`
/// (Iran's 103 dead of Wednesday, revised to 84 on Thursday, against an
/// outlet's 84 of Thursday).
fn superseded(a: &Claim, b: &Claim, days: &Days) -> bool {
    let (Some(actor), Some(from), Some(to)) = (named(a), a.date.as_deref(), b.date.as_deref())
    else {
        return false;
    };
    days.get(actor).is_some_and(|d| {
        d.range::<&str, _>((
            std::ops::Bound::Excluded(from),
            std::ops::Bound::Included(to),
        ))
        .next()
        .is_some()
    })
}

/// How two disagreeing figures (`a` first in date order) stand over time.
pub(super) fn pair_timeline(
    a: &Claim,
    b: &Claim,
    settings: &KindSettings,
    days: &Days,
) -> Timeline {
    if !settings.cumulative || a.date.is_none() {
        return Timeline::Unexplained;
    }
    let rising = match (a.value.number(), b.value.number()) {
        (Some(x), Some(y)) => y > x,
        _ => false,
    };
    let later = a.date < b.date;
    if (later && (rising || still_allows(b, a))) || (a.date == b.date && intraday(a, b)) {
        return Timeline::Explained;
    }
    match named(a) {
        Some(actor) if later && named(b) == Some(actor) => Timeline::Revised(actor.to_string()),
        _ if later && superseded(a, b, days) => Timeline::Explained,
        _ => Timeline::Unexplained,
    }
}

/// The claims of [`compare_side`] over time, in date order, as
/// [`compare_pairs`] judges each pair: a later figure must not fall below
/// an earlier one it disagrees with, unless its actor gave that one (a
/// revision) or the earlier one's actor has spoken again since
/// ([`superseded`]); on one day, actors must agree ([`intraday`]). Holds
/// the largest figure of earlier days with no actor, and of each actor its
/// largest figure of any earlier day and of its last one.
pub(super) fn over_time(
    visit: &mut Visit,
    settings: &KindSettings,
    days: &BTreeMap<String, BTreeSet<String>>,
) -> Timeline {
    let mut unnamed_max: Option<Claim> = None;
    let mut day_unnamed: Option<Claim> = None;
    // Each actor's largest figure of any earlier day, and of its last day.
    let mut ever: BTreeMap<String, Claim> = BTreeMap::new();
    let mut last: BTreeMap<String, Claim> = BTreeMap::new();
    // The day's smallest and largest figure of each actor.
    let mut today: BTreeMap<String, (Claim, Claim)> = BTreeMap::new();
    let mut day: Option<String> = None;
    let mut timeline = Timeline::Explained;
    // The figures of earlier days and of the day: a figure that agrees
    // with one of an earlier day is behind (see `compare_pairs`).
    let mut earlier = Figures::default();
    let mut of_day = Figures::default();
    let larger =
        |m: Option<&Claim>, c: &Claim| m.is_none_or(|m| c.value.number() > m.value.number());
    visit(&mut |c| {
        if day.as_deref() != c.date.as_deref() {
            if let Some(m) = day_unnamed.take()
                && larger(unnamed_max.as_ref(), &m)
            {
                unnamed_max = Some(m);
            }
            for (actor, (_, hi)) in std::mem::take(&mut today) {
                if larger(ever.get(&actor), &hi) {
                    ever.insert(actor.clone(), hi.clone());
                }
                last.insert(actor, hi);
            }
            for f in std::mem::take(&mut of_day).into_claims() {
                earlier.add(f, settings);
            }
            day = c.date.clone();
        }
        // Looked up only where a fall would count against the figure.
        let behind = || earlier.agree_with(c, settings);
        of_day.add(c.clone(), settings);
        let falls_from = |e: &Claim| {
            c.value.number() <= e.value.number() && relation(e, c, settings) != Relation::Agree
        };
        let speaker = named(c);
        // The same day: an actor's figures must agree with every other
        // actor's, smallest and largest (270 and 301 differ though each is
        // near 295).
        let disagree_today = speaker.is_some_and(|speaker| {
            today
                .iter()
                .filter(|(s, _)| s.as_str() != speaker)
                .flat_map(|(_, (lo, hi))| [lo, hi])
                .any(|m| relation(m, c, settings) != Relation::Agree)
        });
        let speaks_today = |actor: &str| {
            days.get(actor)
                .is_some_and(|d| c.date.as_ref().is_some_and(|t| d.contains(t)))
        };
        let below_others = (unnamed_max.as_ref().is_some_and(falls_from)
            || last
                .iter()
                .filter(|(s, _)| Some(s.as_str()) != speaker && !speaks_today(s))
                .any(|(_, m)| falls_from(m)))
            && !behind();
        if disagree_today || below_others {
            timeline = Timeline::Unexplained;
            return false;
        }
        if let Some(speaker) = speaker
            && let Some(e) = ever.get(speaker)
            && falls_from(e)
            && !still_allows(c, e)
            && !behind()
        {
            timeline = std::mem::replace(&mut timeline, Timeline::Explained)
                .and(Timeline::Revised(speaker.to_string()));
        }
        match speaker {
            Some(speaker) => {
                let (lo, hi) = today
                    .entry(speaker.to_string())
                    .or_insert_with(|| (c.clone(), c.clone()));
                if c.value.number() < lo.value.number() {
                    *lo = c.clone();
                }
                if c.value.number() > hi.value.number() {
                    *hi = c.clone();
                }
            }
            None if larger(day_unnamed.as_ref(), c) => day_unnamed = Some(c.clone()),
            None => {}
        }
        true
    });
    timeline
}

/// Distinct figures, by value, to find those that agree with a figure
/// without reading them all: figures that agree are at most the kind's
/// tolerance apart. A kind that compares start dates (`anchored`), or a
/// claim with no figure, is held apart and read whole.
#[derive(Default)]
struct Figures {
    by_value: BTreeMap<u64, Vec<Claim>>,
    others: Vec<Claim>,
}

impl Figures {
    /// The key of a figure: its bits, in the order of the (non-negative)
    /// figures.
    fn key(v: f64) -> Option<u64> {
        (v >= 0.0 && v.is_finite()).then(|| v.to_bits())
    }

    fn add(&mut self, c: Claim, settings: &KindSettings) {
        let same = |e: &Claim| {
            e.value.number() == c.value.number()
                && e.low == c.low
                && e.high == c.high
                && (!settings.anchored || e.date == c.date)
        };
        let slot = match c.value.number().and_then(Self::key) {
            Some(k) if !settings.anchored => self.by_value.entry(k).or_default(),
            _ => &mut self.others,
        };
        if !slot.iter().any(same) {
            slot.push(c);
        }
    }

    fn into_claims(self) -> impl Iterator<Item = Claim> {
        self.by_value.into_values().flatten().chain(self.others)
    }

    fn agree_with(&self, c: &Claim, settings: &KindSettings) -> bool {
        let agrees = |e: &Claim| relation(e, c, settings) == Relation::Agree;
        if self.others.iter().any(agrees) {
            return true;
        }
        let t = settings.tolerance.max(0.0);
        let Some(v) = c.value.number().filter(|_| !settings.anchored && t < 0.5) else {
            return self.by_value.values().flatten().any(agrees);
        };
        // Two figures agree only within `tolerance` of the larger (with a
        // margin for rounding).
        let (lo, hi) = (v * (1.0 - t) * (1.0 - 1e-9), v / (1.0 - t) * (1.0 + 1e-9));
        let (Some(lo), Some(hi)) = (Self::key(lo), Self::key(hi)) else {
            return self.by_value.values().flatten().any(agrees);
        };
        self.by_value
            .range(lo..=hi)
            .flat_map(|(_, cs)| cs)
            .any(agrees)
    }
}
