//! A group's voices: one speaker in one article is one voice, and the
//! figures that break down another of their article are parts of it.

use super::*;

/// The voices of a group (its claims in order): one speaker in one article
/// is one voice; an earlier count the article recalls is none
/// ([`Claim::earlier`]). Of a cumulative kind, the voice is its largest figure (the
/// others are an earlier toll it updates, "rose from 1,002 to 1,644", or a
/// part, "2,691 of them in Mandalay"); of another kind, a figure it repeats
/// is said once.
pub(in crate::reconcile) fn voices(claims: &[Claim], settings: &KindSettings) -> Vec<Claim> {
    let mut part = vec![false; claims.len()];
    if settings.cumulative {
        for i in breakdowns(claims) {
            part[i] = true;
        }
    }
    // An earlier count its article recalls is not the article's voice when
    // the article gives its own ("84 dead, against 103 the day before").
    let current: BTreeSet<&str> = claims
        .iter()
        .filter(|c| !c.earlier)
        .map(|c| c.doc.as_str())
        .collect();
    for (p, c) in part.iter_mut().zip(claims) {
        *p |= c.earlier && current.contains(c.doc.as_str());
    }
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    let claims = claims
        .iter()
        .zip(&part)
        .filter(|(_, p)| !**p)
        .map(|(c, _)| c);
    let mut seen: std::collections::HashMap<(&str, &str), Vec<usize>> =
        std::collections::HashMap::new();
    for c in claims {
        let said = seen.entry((c.doc.as_str(), c.speaker_id())).or_default();
        let same = said
            .iter()
            .copied()
            .find(|&k| settings.cumulative || out[k].value.number() == c.value.number());
        match same {
            Some(k) => {
                if settings.cumulative && c.value.number() > out[k].value.number() {
                    out[k] = c.clone();
                }
            }
            None => {
                said.push(out.len());
                out.push(c.clone());
            }
        }
    }
    if settings.cumulative && settings.partial_below > 0.0 {
        // Each voice against the largest figure of its article: another
        // article's lower figure is a revision or a disagreement, which stays.
        let mut top: std::collections::HashMap<&str, f64> = std::collections::HashMap::new();
        for v in &out {
            if let Some(x) = v.value.number() {
                let t = top.entry(v.doc.as_str()).or_insert(x);
                *t = t.max(x);
            }
        }
        let partial: Vec<bool> = out
            .iter()
            .map(|v| {
                v.value
                    .number()
                    .is_some_and(|x| x < settings.partial_below * top[v.doc.as_str()])
            })
            .collect();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !partial[k - 1]
        });
    }
    out
}

/// Figures at most this many in one article are searched for a breakdown.
const BREAKDOWN_MAX: usize = 12;

/// The claims (indices) that break down another figure of their article:
/// two or more smaller figures that add up to it exactly ("twelve died in
/// hospital, thirty-eight at the station" of a toll of 50; « quatre à
/// Petakh-Tiqva, trois à Haïfa… » of 11 more dead). They count parts of it,
/// not other tolls. Articles with more figures than [`BREAKDOWN_MAX`] are
/// left alone.
pub(super) fn breakdowns(claims: &[Claim]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut by_doc: BTreeMap<&str, Vec<(usize, u64)>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(v) = c.value.number().filter(|v| v.fract() == 0.0 && *v >= 1.0) {
            by_doc
                .entry(c.doc.as_str())
                .or_default()
                .push((i, v as u64));
        }
    }
    for figures in by_doc.values() {
        if figures.len() < 3 || figures.len() > BREAKDOWN_MAX {
            continue;
        }
        let totals: BTreeSet<u64> = figures.iter().map(|&(_, v)| v).collect();
        let mut parts = 0u32;
        for mask in 1u32..(1 << figures.len()) {
            if mask.count_ones() < 2 {
                continue;
            }
            let members = (0..figures.len()).filter(|k| mask & (1 << k) != 0);
            let sum: u64 = members.clone().map(|k| figures[k].1).sum();
            // A sum of the same figure told twice is no breakdown.
            let distinct = members
                .clone()
                .map(|k| figures[k].1)
                .collect::<BTreeSet<_>>();
            if distinct.len() == mask.count_ones() as usize
                && totals.contains(&sum)
                && members.clone().all(|k| figures[k].1 < sum)
            {
                parts |= mask;
            }
        }
        out.extend(
            (0..figures.len())
                .filter(|k| parts & (1 << k) != 0)
                .map(|k| figures[k].0),
        );
    }
    out
}
