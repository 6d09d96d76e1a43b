//! A Rust port of `../shared/tools/score.py`: scores a report against a gold
//! file (format: `../shared/spec/GOLD.md`) with the same figures, so that
//! `cargo test` asserts them without Python.

use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The kinds the default rules cover.
pub const DEFAULT_KINDS: &[&str] = &[
    "death_toll",
    "wounded",
    "evacuees",
    "refugees",
    "blockade_duration",
    "aggressor",
    "population",
];
const FLAGGED: &[&str] = &["contradiction", "divergent"];

#[derive(Debug, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub groups: Vec<GoldGroup>,
    #[serde(default)]
    pub must_not_flag: Vec<(String, String)>,
    #[serde(default)]
    pub must_not_extract: Vec<NotExtract>,
}

#[derive(Debug, Deserialize)]
pub struct GoldClaim {
    pub id: String,
    pub doc: String,
    pub kind: String,
    pub value: GoldValue,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    pub attributed_to: Vec<String>,
    pub evidence: Vec<String>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum GoldValue {
    Number(f64),
    Text(String),
    List(Vec<ListItem>),
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum ListItem {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
pub struct GoldGroup {
    pub id: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub claims: Vec<String>,
    pub verdict: Vec<String>,
    #[serde(default)]
    pub why: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NotExtract {
    pub doc: String,
    pub text: String,
}

/// The scorer's figures, and its explanation lines.
#[derive(Debug, Default)]
pub struct Score {
    pub recall: (usize, usize),
    pub precision: (usize, usize),
    pub attribution: (usize, usize),
    pub qualifier: (usize, usize),
    pub groups: (usize, usize),
    pub must_not_flag: (usize, usize),
    pub must_not_extract: (usize, usize),
    pub lines: Vec<String>,
}

pub fn ratio((a, b): (usize, usize)) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

impl Score {
    pub fn line(&self) -> String {
        format!(
            "score recall={:.2} precision={:.2} attribution={:.2} qualifier={:.2} groups={:.2} must_not_flag={:.2} must_not_extract={:.2}",
            ratio(self.recall),
            ratio(self.precision),
            ratio(self.attribution),
            ratio(self.qualifier),
            ratio(self.groups),
            ratio(self.must_not_flag),
            ratio(self.must_not_extract)
        )
    }
}

fn occurrences(data: &[u8], needle: &[u8]) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= data.len() {
        if &data[i..i + needle.len()] == needle {
            out.push((i as i64, (i + needle.len()) as i64));
        }
        i += 1;
    }
    out
}

fn overlaps(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn value_agrees(pred: &Value, gold: &GoldClaim) -> bool {
    let pv = &pred["value"];
    match &gold.value {
        GoldValue::List(items) => items.iter().any(|i| match (i, pv) {
            (ListItem::Number(n), Value::Number(p)) => p.as_f64() == Some(*n),
            (ListItem::Text(t), Value::String(p)) => p == t,
            _ => false,
        }),
        GoldValue::Text(t) => pv.as_str() == Some(t.as_str()),
        GoldValue::Number(gv) => {
            let Some(p) = pv.as_f64() else { return false };
            if (p - gv).abs() < 1e-6 {
                return true;
            }
            if gold.qualifier.as_deref() == Some("about") {
                if (p - gv).abs() <= 0.1 * gv.abs() {
                    return true;
                }
                if let (Some(lo), Some(hi)) = (pred["low"].as_f64(), pred["high"].as_f64())
                    && lo <= *gv
                    && *gv <= hi
                {
                    return true;
                }
            }
            false
        }
    }
}

/// The speaker's actor id, as `../shared/tools/score.py` reads it: `outlet`
/// only when no speaker is named; a named speaker that resolved to no actor
/// is `unresolved`, which no gold id equals.
fn actor_of(pred: &Value) -> String {
    let att = &pred["attributed_to"];
    if att.is_null() {
        return "outlet".to_string();
    }
    att["actor"].as_str().unwrap_or("unresolved").to_string()
}

/// Scores `report` (the JSON of `report --format json`) against `gold`,
/// reading evidence from the corpus folder.
pub fn score(gold: &Gold, report: &Value, corpus: &Path) -> Score {
    let groups = report["groups"].as_array().cloned().unwrap_or_default();
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut doc_bytes = |doc: &str| -> Vec<u8> {
        texts
            .entry(doc.to_string())
            .or_insert_with(|| std::fs::read(corpus.join(doc)).unwrap_or_default())
            .clone()
    };
    let mut preds: Vec<(usize, Value)> = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for c in g["claims"].as_array().into_iter().flatten() {
            preds.push((gi, c.clone()));
        }
    }
    let mut gold_spans: BTreeMap<&str, Vec<(i64, i64)>> = BTreeMap::new();
    for g in &gold.claims {
        let data = doc_bytes(&g.doc);
        let spans = g
            .evidence
            .iter()
            .flat_map(|ev| occurrences(&data, ev.as_bytes()))
            .collect();
        gold_spans.insert(&g.id, spans);
    }
    let matches = |pred: &Value, g: &GoldClaim| -> bool {
        if pred["doc"].as_str() != Some(&g.doc) || pred["kind"].as_str() != Some(&g.kind) {
            return false;
        }
        let span = (
            pred["start"].as_i64().unwrap_or(-1),
            pred["end"].as_i64().unwrap_or(-1),
        );
        gold_spans[g.id.as_str()].iter().any(|s| overlaps(span, *s)) && value_agrees(pred, g)
    };
    let mut s = Score::default();
    let mut matched: BTreeMap<&str, Vec<(usize, &Value)>> = BTreeMap::new();
    let (mut tp, mut scored) = (0, 0);
    for (gi, pred) in &preds {
        let hit: Vec<&GoldClaim> = gold.claims.iter().filter(|g| matches(pred, g)).collect();
        for g in &hit {
            matched.entry(&g.id).or_default().push((*gi, pred));
        }
        if DEFAULT_KINDS.contains(&pred["kind"].as_str().unwrap_or("")) {
            scored += 1;
            if hit.is_empty() {
                s.lines.push(format!(
                    "unmatched {}:{}-{} {} {} {:?}",
                    pred["doc"],
                    pred["start"],
                    pred["end"],
                    pred["kind"],
                    pred["value"],
                    pred["text"]
                ));
            } else {
                tp += 1;
            }
        }
    }
    s.precision = (tp, scored);
    let required: Vec<&GoldClaim> = gold.claims.iter().filter(|g| !g.optional).collect();
    let found: Vec<&&GoldClaim> = required
        .iter()
        .filter(|g| matched.contains_key(g.id.as_str()))
        .collect();
    for g in &required {
        if !matched.contains_key(g.id.as_str()) {
            s.lines
                .push(format!("missed {}: {} {:?}", g.id, g.kind, g.evidence[0]));
        }
    }
    s.recall = (found.len(), required.len());
    let (mut att, mut qual, mut qual_n) = (0, 0, 0);
    for g in &found {
        let pairs = &matched[g.id.as_str()];
        if pairs
            .iter()
            .any(|(_, p)| g.attributed_to.contains(&actor_of(p)))
        {
            att += 1;
        } else {
            s.lines.push(format!(
                "attribution {}: got {:?}, want {:?}",
                g.id,
                pairs
                    .iter()
                    .map(|(_, p)| actor_of(p))
                    .collect::<BTreeSet<_>>(),
                g.attributed_to
            ));
        }
        if let Some(q) = &g.qualifier {
            qual_n += 1;
            if pairs
                .iter()
                .any(|(_, p)| p["qualifier"].as_str() == Some(q))
            {
                qual += 1;
            }
        }
    }
    s.attribution = (att, found.len());
    s.qualifier = (qual, qual_n);
    let mut groups_ok = 0;
    for gg in &gold.groups {
        if let Some(missing) = gg.claims.iter().find(|c| !matched.contains_key(c.as_str())) {
            s.lines
                .push(format!("group {}: claim not found: {missing}", gg.id));
            continue;
        }
        let sets: Vec<BTreeSet<usize>> = gg
            .claims
            .iter()
            .map(|c| matched[c.as_str()].iter().map(|(gi, _)| *gi).collect())
            .collect();
        let candidates = sets.iter().skip(1).fold(sets[0].clone(), |acc, s| {
            acc.intersection(s).cloned().collect()
        });
        let good = candidates.iter().any(|gi| {
            groups[*gi]["verdict"]
                .as_str()
                .is_some_and(|v| gg.verdict.iter().any(|w| w == v))
        });
        if good {
            groups_ok += 1;
        } else {
            s.lines.push(format!(
                "group {}: candidates {:?} lack verdict {:?}",
                gg.id,
                candidates
                    .iter()
                    .map(|gi| groups[*gi]["id"].to_string())
                    .collect::<Vec<_>>(),
                gg.verdict
            ));
        }
    }
    s.groups = (groups_ok, gold.groups.len());
    let mut mnf = 0;
    for (a, b) in &gold.must_not_flag {
        let ga: BTreeSet<usize> = matched
            .get(a.as_str())
            .into_iter()
            .flatten()
            .map(|(g, _)| *g)
            .collect();
        let gb: BTreeSet<usize> = matched
            .get(b.as_str())
            .into_iter()
            .flatten()
            .map(|(g, _)| *g)
            .collect();
        let bad = ga
            .intersection(&gb)
            .any(|gi| FLAGGED.contains(&groups[*gi]["verdict"].as_str().unwrap_or("")));
        if bad {
            s.lines.push(format!("flagged together: {a} and {b}"));
        } else {
            mnf += 1;
        }
    }
    s.must_not_flag = (mnf, gold.must_not_flag.len());
    let mut mne = 0;
    for item in &gold.must_not_extract {
        let spans = occurrences(&doc_bytes(&item.doc), item.text.as_bytes());
        let bad = preds.iter().any(|(_, p)| {
            let (st, en) = (
                p["start"].as_i64().unwrap_or(-1),
                p["end"].as_i64().unwrap_or(-1),
            );
            p["doc"].as_str() == Some(&item.doc)
                && DEFAULT_KINDS.contains(&p["kind"].as_str().unwrap_or(""))
                && spans
                    .iter()
                    .any(|s| (s.0 <= st && st < s.1) || (s.0 < en && en <= s.1))
        });
        if bad {
            s.lines.push(format!("extracted from {:?}", item.text));
        } else {
            mne += 1;
        }
    }
    s.must_not_extract = (mne, gold.must_not_extract.len());
    s
}

/// Reads a gold file.
pub fn read(path: &Path) -> Gold {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read gold file {}: {e}", path.display()));
    serde_saphyr::from_str(&text)
        .unwrap_or_else(|e| panic!("gold file {} is not valid: {e}", path.display()))
}
