//! Snapshot review for users' corpora: compare a report with one stored as
//! JSON (`report --expect report.json`) and say, in lines a person reads,
//! what changed: new claims, lost claims, changed figures or speakers, new,
//! lost and re-judged groups, documents read or skipped differently.

use serde_json::Value;
use std::collections::BTreeMap;

/// What identifies a claim across runs: where it is and what produced it.
fn claim_key(c: &Value) -> String {
    format!(
        "{}:{}-{} {} ({})",
        c["doc"].as_str().unwrap_or("?"),
        c["start"],
        c["end"],
        c["kind"].as_str().unwrap_or("?"),
        c["rule"].as_str().unwrap_or("?")
    )
}

/// What a person compares in a claim.
fn claim_reading(c: &Value) -> String {
    let speaker = c["attributed_to"]["actor"]
        .as_str()
        .or_else(|| c["attributed_to"]["text"].as_str())
        .unwrap_or("outlet");
    format!(
        "{} {} [{}..{}] scope {} said by {}",
        c["qualifier"].as_str().unwrap_or("?"),
        c["value"],
        c["low"],
        c["high"],
        c["scope"].as_str().unwrap_or("-"),
        speaker
    )
}

/// What identifies a group across runs: its comparison key, not its number.
fn group_key(g: &Value) -> String {
    format!(
        "{} scope {} side {} event {}",
        g["kind"].as_str().unwrap_or("?"),
        g["scope"].as_str().unwrap_or("-"),
        g["side"].as_str().unwrap_or("-"),
        g["event"].as_str().unwrap_or("-")
    )
}

fn claims_of(report: &Value) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for g in report["groups"].as_array().into_iter().flatten() {
        for c in g["claims"].as_array().into_iter().flatten() {
            let text = c["text"].as_str().unwrap_or("").to_string();
            out.insert(claim_key(c), (claim_reading(c), text));
        }
    }
    out
}

fn groups_of(report: &Value) -> BTreeMap<String, String> {
    report["groups"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            (
                group_key(g),
                g["verdict"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect()
}

fn paths_of(report: &Value, list: &str, field: &str) -> Vec<String> {
    let mut v: Vec<String> = report[list]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d[field].as_str().map(String::from))
        .collect();
    v.sort();
    v
}

/// The differences between a stored report and a new one; empty when they agree.
pub fn diff(stored: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (old_docs, new_docs) = (
        paths_of(stored, "documents", "doc"),
        paths_of(new, "documents", "doc"),
    );
    for d in new_docs.iter().filter(|d| !old_docs.contains(d)) {
        out.push(format!("+ document {d}"));
    }
    for d in old_docs.iter().filter(|d| !new_docs.contains(d)) {
        out.push(format!("- document {d}"));
    }
    let (old_skip, new_skip) = (
        paths_of(stored, "skipped", "path"),
        paths_of(new, "skipped", "path"),
    );
    for d in new_skip.iter().filter(|d| !old_skip.contains(d)) {
        out.push(format!("+ skipped {d}"));
    }
    for d in old_skip.iter().filter(|d| !new_skip.contains(d)) {
        out.push(format!("- skipped {d}"));
    }
    let (old_claims, new_claims) = (claims_of(stored), claims_of(new));
    for (k, (reading, text)) in &new_claims {
        match old_claims.get(k) {
            None => out.push(format!("+ claim {k}: {reading} {text:?}")),
            Some((was, _)) if was != reading => {
                out.push(format!("~ claim {k}: {was} -> {reading}"));
            }
            Some(_) => {}
        }
    }
    for (k, (reading, text)) in &old_claims {
        if !new_claims.contains_key(k) {
            out.push(format!("- claim {k}: {reading} {text:?}"));
        }
    }
    let (old_groups, new_groups) = (groups_of(stored), groups_of(new));
    for (k, verdict) in &new_groups {
        match old_groups.get(k) {
            None => out.push(format!("+ group {k}: {verdict}")),
            Some(was) if was != verdict => out.push(format!("~ group {k}: {was} -> {verdict}")),
            Some(_) => {}
        }
    }
    for (k, verdict) in &old_groups {
        if !new_groups.contains_key(k) {
            out.push(format!("- group {k}: {verdict}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(value: u32, verdict: &str) -> Value {
        json!({
            "documents": [{"doc": "a.txt"}],
            "skipped": [],
            "groups": [{"kind": "death_toll", "scope": null, "side": null, "event": "2023-09-19",
                "verdict": verdict,
                "claims": [{"doc": "a.txt", "start": 0, "end": 8, "kind": "death_toll",
                    "rule": "r", "qualifier": "exact", "value": value, "low": value, "high": value,
                    "scope": null, "attributed_to": null, "text": "29 morts"}]}]
        })
    }

    #[test]
    fn same_report_has_no_difference() {
        assert!(diff(&report(29, "single_source"), &report(29, "single_source")).is_empty());
    }

    #[test]
    fn changed_figure_and_verdict_are_named() {
        let d = diff(&report(29, "single_source"), &report(30, "consistent"));
        assert_eq!(
            d,
            vec![
                "~ claim a.txt:0-8 death_toll (r): exact 29 [29..29] scope - said by outlet -> exact 30 [30..30] scope - said by outlet",
                "~ group death_toll scope - side - event 2023-09-19: single_source -> consistent",
            ]
        );
    }
}

/// What `report --expect FILE [--update]` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Expectation {
    /// `--update`: the report was written to the file.
    Written,
    /// The report matches the stored one.
    Matches,
    /// The lines that changed.
    Changed(Vec<String>),
}

/// Compares `report` with the JSON report stored at `path`, or writes it
/// there with `update` (refused through a symbolic link, onto one of
/// `inputs` or over a file that is not a report: see [`super::stored`]).
pub fn expect(
    report: &super::Report,
    path: &std::path::Path,
    update: bool,
    inputs: &[std::path::PathBuf],
) -> crate::error::Result<Expectation> {
    if update {
        let mut buf = Vec::new();
        super::write_json(report, true, &mut buf)?;
        super::stored::write(path, &buf, inputs)?;
        return Ok(Expectation::Written);
    }
    let stored = super::stored::read(path)?;
    let new = serde_json::to_value(report).map_err(std::io::Error::other)?;
    let changes = diff(&stored, &new);
    Ok(if changes.is_empty() {
        Expectation::Matches
    } else {
        Expectation::Changed(changes)
    })
}

/// Prints what [`expect`] found about the file shown as `shown`.
pub fn write_expectation(
    found: &Expectation,
    shown: &str,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    // Paths, ids and speakers as a terminal shows them safely.
    let shown = super::escape::visible(shown);
    match found {
        Expectation::Written => writeln!(out, "wrote {shown}"),
        Expectation::Matches => writeln!(out, "report matches {shown}"),
        Expectation::Changed(changes) => {
            for c in changes {
                writeln!(out, "{}", super::escape::visible(c))?;
            }
            writeln!(
                out,
                "{} difference(s) from {shown}; if they are intended, rerun with --update",
                changes.len()
            )
        }
    }
}
