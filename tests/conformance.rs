//! Conformance of `quantity::scan` against the Recognizers-Text specs kept in
//! `../shared/conformance/recognizers-text` (see its README for the format).
//!
//! A case passes when every expected entity of the model's type is found
//! with the same value and an overlapping span, and a case that expects
//! nothing yields nothing of that type. How `scan` results map to the
//! suite's models:
//!
//! - **number**: every `Found` carries a figure (its `value`; a range carries
//!   both `low` and `high`, since the number model reads "de zéro à dix" as
//!   two numbers; a duration carries its count). Values compare numerically,
//!   French decimal commas mapped to points.
//! - **numberrange**: a `Found` with a one-sided qualifier or `Range`. The
//!   suite writes intervals ("(30,)", "[20,30)"); bounds compare numerically,
//!   and open/closed ends are checked for one-sided qualifiers only
//!   (more_than is "(v,", at_least "[v,", less_than ",v)", at_most ",v]").
//!   Our `Range` qualifier is a closed [X, Y] claim interval while the
//!   default suite model uses half-open [X, Y) for "between X and Y": the
//!   mapping ignores the brackets of two-sided ranges here, in the test, and
//!   not in the product. An exact figure satisfies an expected "[v,v]"
//!   ("equals 20"), but does not count as a range in negative cases.
//! - **duration**: a `Found` with a unit; its value converted to seconds
//!   (month = 30 days, year = 365 days) must match within 1e-6 relative.
//!   Extractor files have no values: span only.
//!
//! The `.unverified` files are run and reported but carry no floor.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crosscheck::claim::Qualifier;
use crosscheck::lang::Languages;
use crosscheck::quantity::{Found, scan};
use serde_json::Value;

#[derive(Clone, Copy, PartialEq)]
enum Model {
    Number,
    Range,
    Duration,
    DurationSpan,
}

/// (file stem, model, language, floor). Floors are the rates reached,
/// rounded down to 0.01; `None`: reported only (`.unverified` files).
const FILES: &[(&str, Model, &str, Option<f64>)] = &[
    ("fr-number", Model::Number, "fr", Some(0.98)),
    ("en-number", Model::Number, "en", Some(0.98)),
    ("en-numberrange", Model::Range, "en", Some(0.97)),
    (
        "en-numberrange-experimental",
        Model::Range,
        "en",
        Some(0.97),
    ),
    ("fr-duration", Model::Duration, "fr", Some(1.0)),
    ("en-duration", Model::Duration, "en", Some(1.0)),
    (
        "fr-duration-extractor",
        Model::DurationSpan,
        "fr",
        Some(0.97),
    ),
    (
        "en-duration-extractor",
        Model::DurationSpan,
        "en",
        Some(1.0),
    ),
    ("fr-datetime-duration", Model::Duration, "fr", Some(1.0)),
    ("en-datetime-duration", Model::Duration, "en", Some(0.96)),
    ("fr-number.unverified", Model::Number, "fr", None),
    ("en-number.unverified", Model::Number, "en", None),
    ("fr-numberrange.unverified", Model::Range, "fr", None),
    (
        "fr-numberrange-experimental.unverified",
        Model::Range,
        "fr",
        None,
    ),
    ("fr-duration.unverified", Model::Duration, "fr", None),
    (
        "fr-duration-extractor.unverified",
        Model::DurationSpan,
        "fr",
        None,
    ),
    (
        "en-duration-extractor.unverified",
        Model::DurationSpan,
        "en",
        None,
    ),
    (
        "fr-datetime-duration.unverified",
        Model::Duration,
        "fr",
        None,
    ),
];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/conformance/recognizers-text")
}

fn num(s: &str, lang: &str) -> Option<f64> {
    let s = if lang == "fr" {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    s.trim().parse::<f64>().ok()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    let scale = a.abs().max(b.abs()).max(1e-12);
    (a - b).abs() <= rel * scale
}

/// An interval in the suite's notation: "(30,)", "[20,30)", "(,100]".
struct Interval {
    lo: Option<f64>,
    lo_closed: bool,
    hi: Option<f64>,
    hi_closed: bool,
}

fn interval(s: &str) -> Option<Interval> {
    let s = s.trim();
    let lo_closed = s.starts_with('[');
    let hi_closed = s.ends_with(']');
    let inner = s.get(1..s.len().checked_sub(1)?)?;
    // French unverified values may use decimal commas; the bounds separator is the last comma
    // that splits the text into two parseable halves.
    let (a, b) = inner.split_once(',')?;
    let bound = |x: &str| -> Option<Option<f64>> {
        if x.trim().is_empty() {
            Some(None)
        } else {
            x.trim().parse::<f64>().ok().map(Some)
        }
    };
    Some(Interval {
        lo: bound(a)?,
        lo_closed,
        hi: bound(b)?,
        hi_closed,
    })
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => close(x, y, 1e-9),
        _ => false,
    }
}

fn range_matches(f: &Found, want: &Interval) -> bool {
    match f.qualifier {
        Qualifier::Exact => {
            want.lo_closed
                && want.hi_closed
                && same(want.lo, Some(f.value))
                && same(want.hi, Some(f.value))
        }
        Qualifier::MoreThan => !want.lo_closed && same(want.lo, Some(f.value)) && want.hi.is_none(),
        Qualifier::AtLeast => want.lo_closed && same(want.lo, Some(f.value)) && want.hi.is_none(),
        Qualifier::LessThan => !want.hi_closed && same(want.hi, Some(f.value)) && want.lo.is_none(),
        Qualifier::AtMost => want.hi_closed && same(want.hi, Some(f.value)) && want.lo.is_none(),
        Qualifier::Range => same(want.lo, f.low) && same(want.hi, f.high),
        Qualifier::About => false,
    }
}

/// A range reading: a one-sided qualifier or a two-sided range. A qualified
/// duration ("more than thirty years") carries a qualified count too.
fn is_range(f: &Found) -> bool {
    !matches!(f.qualifier, Qualifier::Exact | Qualifier::About)
}

/// Character span [start, end) of a `Found` in `input`.
fn char_span(input: &str, f: &Found) -> (usize, usize) {
    let s = input.get(..f.start).map_or(0, |p| p.chars().count());
    let e = input.get(..f.end).map_or(s, |p| p.chars().count());
    (s, e)
}

fn relevant(model: Model, f: &Found) -> bool {
    match model {
        Model::Number => true,
        Model::Range => is_range(f),
        Model::Duration | Model::DurationSpan => f.unit.is_some(),
    }
}

fn entity_type_ok(model: Model, t: &str) -> bool {
    match model {
        Model::Number => t == "number",
        Model::Range => t == "numberrange",
        Model::Duration | Model::DurationSpan => t == "duration" || t == "datetimeV2.duration",
    }
}

fn doc_date(case: &Value) -> Option<jiff::civil::Date> {
    let s = case.get("context")?.get("ReferenceDateTime")?.as_str()?;
    s.get(..10)?.parse().ok()
}

/// Runs one case; returns a description of the failure, if any.
fn run_case(case: &Value, model: Model, lang: &str) -> Option<String> {
    let input = case["input"].as_str().unwrap_or("");
    let found = scan(input, Languages::builtin().get(lang), doc_date(case));
    let spans: Vec<(usize, usize)> = found.iter().map(|f| char_span(input, f)).collect();
    let expected: Vec<&Value> = case["expected"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|e| entity_type_ok(model, e["type"].as_str().unwrap_or("")))
                .collect()
        })
        .unwrap_or_default();
    let show = || {
        found
            .iter()
            .map(|f| format!("{:?}={} {:?} {:?}", f.text, f.value, f.qualifier, f.unit))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let any_entities = case["expected"].as_array().is_some_and(|a| !a.is_empty());
    if expected.is_empty() {
        if any_entities {
            // Only entities of other types (dates in a datetime case): nothing to check.
            return None;
        }
        let extra: Vec<&Found> = found.iter().filter(|f| relevant(model, f)).collect();
        return (!extra.is_empty()).then(|| format!("expected nothing, found [{}]", show()));
    }
    for e in expected {
        let es = e["start"].as_u64().unwrap_or(0) as usize;
        let ee = e["end"].as_u64().unwrap_or(0) as usize + 1;
        let text = e["text"].as_str().unwrap_or("");
        let want = e["value"].as_str();
        let ok = found.iter().zip(&spans).any(|(f, &(fs, fe))| {
            // An exact figure may satisfy "[v,v]" (checked by range_matches).
            let usable =
                relevant(model, f) || (model == Model::Range && f.qualifier == Qualifier::Exact);
            let overlaps = fs < ee && es < fe;
            if !overlaps || !usable {
                return false;
            }
            match model {
                Model::Number => {
                    let Some(w) = want.and_then(|v| num(v, lang)) else {
                        return false;
                    };
                    let mut vals = vec![f.value];
                    if f.qualifier == Qualifier::Range {
                        vals.extend(f.low);
                        vals.extend(f.high);
                    }
                    vals.iter().any(|&v| close(v, w, 1e-9))
                }
                Model::Range => want
                    .and_then(interval)
                    .is_some_and(|iv| range_matches(f, &iv)),
                Model::Duration => {
                    let (Some(w), Some(u)) = (want.and_then(|v| v.parse::<f64>().ok()), f.unit)
                    else {
                        return false;
                    };
                    close(f.value * u.seconds(), w, 1e-6)
                }
                Model::DurationSpan => true,
            }
        });
        if !ok {
            return Some(format!(
                "missing {text:?} = {} at {es}..{ee}; found [{}]",
                want.unwrap_or("-"),
                show()
            ));
        }
    }
    None
}

#[test]
fn recognizers_text_conformance() {
    let dir = suite_dir();
    assert!(
        dir.is_dir(),
        "conformance suite not found at {} (expected CARGO_MANIFEST_DIR/../shared/conformance/recognizers-text)",
        dir.display()
    );
    let verbose = std::env::var_os("CONFORMANCE_VERBOSE").is_some();
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<42} {:>6} {:>6} {:>6}  floor",
        "file", "cases", "passed", "rate"
    );
    let mut below: Vec<String> = Vec::new();
    for &(stem, model, lang, floor) in FILES {
        let path = dir.join(format!("{stem}.jsonl"));
        let src = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut cases = 0usize;
        let mut passed = 0usize;
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()));
            cases += 1;
            match run_case(&case, model, lang) {
                None => passed += 1,
                Some(why) => {
                    if verbose {
                        println!(
                            "FAIL {} {:?}: {why}",
                            case["id"].as_str().unwrap_or("?"),
                            case["input"].as_str().unwrap_or("")
                        );
                    }
                }
            }
        }
        let rate = if cases == 0 {
            1.0
        } else {
            passed as f64 / cases as f64
        };
        let _ = writeln!(
            table,
            "{:<42} {:>6} {:>6} {:>6.3}  {}",
            stem,
            cases,
            passed,
            rate,
            floor.map_or("-".to_string(), |f| format!("{f:.2}"))
        );
        if let Some(f) = floor
            && rate + 1e-9 < f
        {
            below.push(format!("{stem}: {rate:.3} < {f:.2}"));
        }
    }
    println!("{table}");
    assert!(below.is_empty(), "below floor: {below:?}\n{table}");
}
