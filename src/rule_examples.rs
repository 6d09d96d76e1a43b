//! Runs the examples rule files carry: each text through the whole engine,
//! compared with the claims it must yield (only the fields given are compared;
//! an example with `claims: []` must yield nothing of the file's kind).

use crate::claim::{Claim, Value};
use crate::corpus::{Document, Meta};
use crate::rules::{ExpectedClaim, ExpectedValue, FileExamples, RuleSet};

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct ExampleOutcome {
    pub file: String,
    pub line: u64,
    pub text: String,
    /// What went wrong, one line each; empty when it passed.
    pub problems: Vec<String>,
    /// The rules this example exercises: those of the claims it yields and
    /// those it names (empty when it yields nothing and names none).
    pub rules: Vec<String>,
}

impl ExampleOutcome {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One rule's verdict over the examples that exercise it.
#[derive(Debug, Clone)]
pub struct RuleOutcome {
    pub rule: String,
    pub file: String,
    /// Examples that exercise the rule.
    pub examples: usize,
    /// Those that failed.
    pub failed: Vec<ExampleOutcome>,
}

/// Groups example outcomes by rule, for the rules of files whose path starts
/// with one of `prefixes` (all when empty). A rule no example exercises has
/// `examples == 0`.
pub fn by_rule(
    rules: &RuleSet,
    outcomes: &[ExampleOutcome],
    prefixes: &[String],
) -> Vec<RuleOutcome> {
    rules
        .rules
        .iter()
        .filter(|r| prefixes.is_empty() || prefixes.iter().any(|p| r.file.starts_with(p.as_str())))
        .map(|r| {
            let mine: Vec<&ExampleOutcome> = outcomes
                .iter()
                .filter(|o| o.rules.contains(&r.id))
                .collect();
            RuleOutcome {
                rule: r.id.clone(),
                file: r.file.clone(),
                examples: mine.len(),
                failed: mine.into_iter().filter(|o| !o.passed()).cloned().collect(),
            }
        })
        .collect()
}

/// Runs every example of every file, optionally only those whose file path
/// contains `filter` or that name a rule id containing it.
pub fn run(rules: &RuleSet, filter: Option<&str>) -> Vec<ExampleOutcome> {
    let mut out = Vec::new();
    for fe in &rules.examples {
        for ex in &fe.examples {
            if let Some(f) = filter {
                let named = ex
                    .claims
                    .iter()
                    .any(|c| c.rule.as_deref().is_some_and(|r| r.contains(f)));
                if !named && !fe.file.contains(f) {
                    continue;
                }
            }
            out.push(run_one(
                rules,
                fe,
                ex.line,
                &ex.text,
                ex.date.as_deref(),
                &ex.claims,
            ));
        }
    }
    out
}

fn run_one(
    rules: &RuleSet,
    fe: &FileExamples,
    line: u64,
    text: &str,
    date: Option<&str>,
    expected: &[ExpectedClaim],
) -> ExampleOutcome {
    let mut outcome = ExampleOutcome {
        file: fe.file.clone(),
        line,
        text: text.to_string(),
        problems: Vec::new(),
        rules: Vec::new(),
    };
    let meta = Meta {
        outlet: None,
        date: Some(date.unwrap_or("2023-09-20").to_string()),
        lang: Some(fe.lang.clone()),
        url: None,
    };
    let doc = match Document::from_text("example", text.to_string(), meta) {
        Ok(d) => d,
        Err(e) => {
            outcome
                .problems
                .push(format!("example cannot be read: {e}"));
            return outcome;
        }
    };
    let found: Vec<Claim> = crate::extract::extract(&doc, rules)
        .into_iter()
        .filter(|c| fe.kind.as_ref().is_none_or(|k| &c.kind == k))
        .collect();
    outcome.rules = found
        .iter()
        .map(|c| c.rule.clone())
        .chain(expected.iter().filter_map(|e| e.rule.clone()))
        .collect();
    outcome.rules.sort();
    outcome.rules.dedup();
    let mut used = vec![false; found.len()];
    for exp in expected {
        let hit = found
            .iter()
            .enumerate()
            .find(|(i, c)| !used[*i] && matches(exp, c));
        match hit {
            Some((i, _)) => used[i] = true,
            None => outcome.problems.push(format!(
                "expected {} but found {}",
                describe_expected(exp),
                describe_found(&found)
            )),
        }
    }
    for (i, c) in found.iter().enumerate() {
        if !used[i] && expected.len() < found.len() {
            outcome
                .problems
                .push(format!("unexpected claim {}", describe_claim(c)));
        }
    }
    outcome
}

fn matches(exp: &ExpectedClaim, c: &Claim) -> bool {
    let num_eq = |a: f64, b: Option<f64>| b.is_some_and(|b| (a - b).abs() < 1e-6);
    exp.kind.as_ref().is_none_or(|k| k == &c.kind)
        && exp.value.as_ref().is_none_or(|v| match (v, &c.value) {
            (ExpectedValue::Number(a), Value::Number(b)) => (a - b).abs() < 1e-6,
            (ExpectedValue::Text(a), Value::Actor(b)) => a == b,
            _ => false,
        })
        && exp.low.is_none_or(|l| num_eq(l, c.low))
        && exp.high.is_none_or(|h| num_eq(h, c.high))
        && exp.qualifier.is_none_or(|q| q == c.qualifier)
        && exp.unit.as_ref().is_none_or(|u| u == &c.unit)
        && exp
            .scope
            .as_ref()
            .is_none_or(|s| Some(s) == c.scope.as_ref())
        && exp.side.as_ref().is_none_or(|s| Some(s) == c.side.as_ref())
        && exp
            .event
            .as_ref()
            // `event: none`: the claim names no event.
            .is_none_or(|e| match e.as_str() {
                "none" => c.event.is_none(),
                _ => Some(e) == c.event.as_ref(),
            })
        && exp.place.as_ref().is_none_or(|p| match p.as_str() {
            "none" => c.place.is_none(),
            _ => Some(p) == c.place.as_ref(),
        })
        && exp.rule.as_ref().is_none_or(|r| r == &c.rule)
        && exp.earlier.is_none_or(|e| e == c.earlier)
        && exp
            .attributed_to
            .as_ref()
            .is_none_or(|a| a == c.speaker_id())
}

fn describe_expected(e: &ExpectedClaim) -> String {
    let mut parts = Vec::new();
    if let Some(k) = &e.kind {
        parts.push(format!("kind {k}"));
    }
    match &e.value {
        Some(ExpectedValue::Number(n)) => {
            parts.push(format!("value {}", crate::claim::fmt_num(*n)))
        }
        Some(ExpectedValue::Text(t)) => parts.push(format!("value {t}")),
        None => {}
    }
    if let Some(q) = e.qualifier {
        parts.push(format!("qualifier {}", q.as_str()));
    }
    if let Some(earlier) = e.earlier {
        parts.push(format!("earlier {earlier}"));
    }
    for (name, v) in [
        ("unit", &e.unit),
        ("scope", &e.scope),
        ("side", &e.side),
        ("event", &e.event),
        ("place", &e.place),
        ("attributed_to", &e.attributed_to),
        ("rule", &e.rule),
    ] {
        if let Some(v) = v {
            parts.push(format!("{name} {v}"));
        }
    }
    format!("{{{}}}", parts.join(", "))
}

fn describe_claim(c: &Claim) -> String {
    format!(
        "{{kind {}, value {}, qualifier {}, scope {}, attributed_to {}, rule {}, text {:?}}}",
        c.kind,
        c.figure_label(),
        c.qualifier.as_str(),
        c.scope.as_deref().unwrap_or("-"),
        c.speaker_id(),
        c.rule,
        c.text
    )
}

fn describe_found(found: &[Claim]) -> String {
    if found.is_empty() {
        "nothing".into()
    } else {
        found
            .iter()
            .map(describe_claim)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What `rules test` shows: the rules of the folders asked (all when none)
/// whose id or file contains the filter, the failing examples no rule
/// answered, and the examples counted.
#[derive(Debug)]
pub struct Summary {
    pub rules: Vec<RuleOutcome>,
    /// Failing examples that exercise no rule.
    pub unanswered: Vec<ExampleOutcome>,
    /// Examples of the folders asked (and of the rules shown, with a filter).
    pub examples: usize,
    /// Those that failed.
    pub failed_examples: usize,
}

/// Runs the examples and sums them up for the rule files under `dirs`.
pub fn summarize(rules: &RuleSet, dirs: &[String], filter: Option<&str>) -> Summary {
    let outcomes = run(rules, None);
    let in_dirs = |file: &str| dirs.is_empty() || dirs.iter().any(|p| file.starts_with(p.as_str()));
    let shown: Vec<RuleOutcome> = by_rule(rules, &outcomes, dirs)
        .into_iter()
        .filter(|r| filter.is_none_or(|f| r.rule.contains(f) || r.file.contains(f)))
        .collect();
    let unanswered = outcomes
        .iter()
        .filter(|o| {
            !o.passed()
                && o.rules.is_empty()
                && in_dirs(&o.file)
                && filter.is_none_or(|f| o.file.contains(f))
        })
        .cloned()
        .collect();
    let examples: Vec<&ExampleOutcome> = outcomes
        .iter()
        .filter(|o| in_dirs(&o.file))
        .filter(|o| filter.is_none() || shown.iter().any(|r| o.rules.contains(&r.rule)))
        .collect();
    let failed_examples = examples.iter().filter(|o| !o.passed()).count();
    Summary {
        rules: shown,
        unanswered,
        examples: examples.len(),
        failed_examples,
    }
}
