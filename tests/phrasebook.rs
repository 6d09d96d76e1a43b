//! The phrasebook: sentence shapes read in real news (the URL of each report
//! is kept), rewritten in our own words, with the claims a careful analyst
//! takes from them (`tests/corpus/phrasebook/{fr,en}.yaml`). Each entry is
//! extracted on its own, with its language and the source's date.
//!
//! `cargo test --test phrasebook -- --nocapture` prints the score and every
//! miss and false claim. The floors are what the engine measured when they
//! were last raised: a change that loses a shape fails here.

mod support;

use crosscheck::claim::{Claim, Value};
use crosscheck::corpus::{Document, Meta};
use crosscheck::rules::RuleSet;
use serde::Deserialize;

#[derive(Deserialize)]
struct Book {
    lang: String,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    text: String,
    url: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    claims: Vec<Expected>,
}

#[derive(Deserialize)]
struct Expected {
    kind: String,
    value: serde_json::Value,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    attributed_to: Option<String>,
    /// A subset of, or an increment to, a total in the same entry.
    #[serde(default)]
    #[allow(dead_code)]
    part: bool,
}

// The kinds the default rules cover; claims of other kinds are not scored.
use support::gold::DEFAULT_KINDS as KINDS;

fn value_matches(expected: &serde_json::Value, got: &Value) -> bool {
    let one = |e: &serde_json::Value| match (e, got) {
        (serde_json::Value::Number(n), Value::Number(v)) => {
            n.as_f64().is_some_and(|n| (n - v).abs() < 1e-6)
        }
        (serde_json::Value::String(s), Value::Actor(a)) => s == a,
        _ => false,
    };
    match expected {
        serde_json::Value::Array(list) => list.iter().any(one),
        e => one(e),
    }
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    predicted: usize,
    correct: usize,
    qualified: usize,
    qualifier_right: usize,
    scoped: usize,
    scope_right: usize,
    attributed: usize,
    attribution_right: usize,
    lines: Vec<String>,
}

impl Tally {
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 { 1.0 } else { a as f64 / b as f64 }
    }

    fn line(&self) -> String {
        format!(
            "recall={:.2} ({}/{}) precision={:.2} ({}/{}) qualifier={:.2} scope={:.2} attribution={:.2}",
            Tally::ratio(self.found, self.expected),
            self.found,
            self.expected,
            Tally::ratio(self.correct, self.predicted),
            self.correct,
            self.predicted,
            Tally::ratio(self.qualifier_right, self.qualified),
            Tally::ratio(self.scope_right, self.scoped),
            Tally::ratio(self.attribution_right, self.attributed),
        )
    }

    fn entry(&mut self, lang: &str, entry: &Entry, claims: &[Claim]) {
        let predicted: Vec<&Claim> = claims
            .iter()
            .filter(|c| KINDS.contains(&c.kind.as_str()))
            .collect();
        let mut used = vec![false; predicted.len()];
        for e in &entry.claims {
            self.expected += 1;
            let hit = predicted
                .iter()
                .enumerate()
                .find(|(i, c)| !used[*i] && c.kind == e.kind && value_matches(&e.value, &c.value));
            let Some((i, c)) = hit else {
                self.lines.push(format!(
                    "missed [{lang}] {} {}: {:?} ({})",
                    e.kind, e.value, entry.text, entry.url
                ));
                continue;
            };
            used[i] = true;
            self.found += 1;
            if let Some(q) = &e.qualifier {
                self.qualified += 1;
                self.qualifier_right += usize::from(c.qualifier.as_str() == q);
            }
            if let Some(s) = &e.scope {
                self.scoped += 1;
                self.scope_right += usize::from(c.scope.as_deref() == Some(s.as_str()));
            }
            if let Some(a) = &e.attributed_to {
                self.attributed += 1;
                let got = match &c.attributed_to {
                    None => Some("outlet"),
                    Some(at) => at.actor.as_deref(),
                };
                let right = got == Some(a.as_str());
                self.attribution_right += usize::from(right);
                if !right {
                    self.lines.push(format!(
                        "speaker [{lang}] {} {}: got {:?}, want {a}: {:?}",
                        e.kind,
                        e.value,
                        got.unwrap_or("unresolved"),
                        entry.text
                    ));
                }
            }
        }
        for (i, c) in predicted.iter().enumerate() {
            self.predicted += 1;
            // A claim that matches an expected one (used or not: a figure
            // said twice) is right.
            let right = used[i]
                || entry
                    .claims
                    .iter()
                    .any(|e| c.kind == e.kind && value_matches(&e.value, &c.value));
            self.correct += usize::from(right);
            if !right {
                self.lines.push(format!(
                    "false  [{lang}] {} {:?} ({}): {:?}",
                    c.kind, c.value, c.rule, entry.text
                ));
            }
        }
    }
}

fn score(lang: &str) -> Tally {
    let path = format!(
        "{}/tests/corpus/phrasebook/{lang}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let book: Book = serde_saphyr::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(book.lang, lang);
    let rules = RuleSet::defaults().unwrap();
    let mut tally = Tally::default();
    for (i, entry) in book.entries.iter().enumerate() {
        assert!(
            entry.url.starts_with("http"),
            "{path}: entry {i} has no URL"
        );
        let meta = Meta {
            lang: Some(lang.to_string()),
            date: Some(entry.date.clone().unwrap_or_else(|| "2023-09-20".into())),
            ..Meta::default()
        };
        let doc = Document::from_text(&format!("{lang}-{i}"), entry.text.clone(), meta)
            .unwrap_or_else(|e| panic!("{path}: entry {i}: {e}"));
        let claims = crosscheck::extract::extract(&doc, &rules);
        tally.entry(lang, entry, &claims);
    }
    tally
}

fn check(lang: &str, recall_floor: f64, precision_floor: f64) {
    let t = score(lang);
    for l in &t.lines {
        println!("{l}");
    }
    println!("phrasebook {lang}: {}", t.line());
    let recall = Tally::ratio(t.found, t.expected);
    let precision = Tally::ratio(t.correct, t.predicted);
    assert!(
        recall >= recall_floor && precision >= precision_floor,
        "phrasebook {lang} fell below its floors (recall {recall_floor}, precision {precision_floor}): {}",
        t.line()
    );
}

#[test]
fn french_phrasebook_meets_its_floor() {
    check("fr", FLOORS.0, FLOORS.1);
}

#[test]
fn english_phrasebook_meets_its_floor() {
    check("en", FLOORS.2, FLOORS.3);
}

/// (fr recall, fr precision, en recall, en precision), as last measured.
const FLOORS: (f64, f64, f64, f64) = (0.84, 0.95, 0.81, 0.97);
