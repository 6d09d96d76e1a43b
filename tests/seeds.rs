//! Seed acceptance: the pipeline over `../shared/corpus/seeds`, scored
//! against its gold file with the figures of the engine issue.

mod support;

use support::gold::{self, ratio};

fn seed_report() -> serde_json::Value {
    let shared = support::shared();
    let seeds = shared.join("corpus/seeds");
    let out = support::run_ok(&["report", seeds.to_str().unwrap(), "--format", "json"], 0);
    serde_json::from_str(&out).expect("report --format json prints JSON")
}

#[test]
fn seed_corpus_meets_the_gold_figures() {
    let shared = support::shared();
    let gold = gold::read(&shared.join("corpus/seeds/gold.yaml"));
    let report = seed_report();
    let s = gold::score(&gold, &report, &shared.join("corpus/seeds"));
    let detail = format!("{}\n{}", s.line(), s.lines.join("\n"));
    assert_eq!(ratio(s.recall), 1.0, "recall: {detail}");
    assert_eq!(ratio(s.precision), 1.0, "precision: {detail}");
    assert_eq!(ratio(s.attribution), 1.0, "attribution: {detail}");
    assert_eq!(ratio(s.qualifier), 1.0, "qualifier: {detail}");
    assert_eq!(s.groups, (4, 4), "groups: {detail}");
    assert_eq!(s.must_not_flag, (4, 4), "must_not_flag: {detail}");
    assert_eq!(s.must_not_extract, (5, 5), "must_not_extract: {detail}");
}

/// The Rust port of the scorer gives the same last line as `score.py`.
#[test]
fn rust_scorer_agrees_with_score_py() {
    let shared = support::shared();
    let gold = gold::read(&shared.join("corpus/seeds/gold.yaml"));
    let s = gold::score(&gold, &seed_report(), &shared.join("corpus/seeds"));
    let out = std::process::Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .args([
            "--gold",
            shared.join("corpus/seeds/gold.yaml").to_str().unwrap(),
        ])
        .args(["--corpus", shared.join("corpus/seeds").to_str().unwrap()])
        .args(["--bin", env!("CARGO_BIN_EXE_crosscheck")])
        .output()
        .expect("python3 runs (CI installs it with PyYAML)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("");
    assert_eq!(
        last,
        s.line(),
        "score.py said:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_claim_points_at_the_original_bytes() {
    let shared = support::shared();
    let report = seed_report();
    for g in report["groups"].as_array().unwrap() {
        for c in g["claims"].as_array().unwrap() {
            let doc = c["doc"].as_str().unwrap();
            let bytes = std::fs::read(shared.join("corpus/seeds").join(doc)).unwrap();
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&bytes[s..e], c["text"].as_str().unwrap().as_bytes(), "{c}");
        }
    }
}

#[test]
fn report_json_has_every_contract_field() {
    let report = seed_report();
    for d in report["documents"].as_array().unwrap() {
        for f in ["doc", "source", "date", "lang", "claims"] {
            assert!(d.get(f).is_some(), "document lacks {f}: {d}");
        }
    }
    assert!(report["skipped"].is_array());
    let groups = report["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for g in groups {
        for f in ["id", "kind", "scope", "verdict", "summary", "claims"] {
            assert!(g.get(f).is_some(), "group lacks {f}: {g}");
        }
        let v = g["verdict"].as_str().unwrap();
        assert!(
            [
                "contradiction",
                "divergent",
                "update",
                "consistent",
                "single_source"
            ]
            .contains(&v),
            "{v}"
        );
        for c in g["claims"].as_array().unwrap() {
            for f in [
                "doc",
                "source",
                "date",
                "lang",
                "rule",
                "kind",
                "value",
                "low",
                "high",
                "qualifier",
                "unit",
                "scope",
                "attributed_to",
                "start",
                "end",
                "text",
            ] {
                assert!(c.get(f).is_some(), "claim lacks {f}: {c}");
            }
            let q = c["qualifier"].as_str().unwrap();
            assert!(
                [
                    "exact",
                    "at_least",
                    "more_than",
                    "at_most",
                    "less_than",
                    "about",
                    "range"
                ]
                .contains(&q),
                "{q}"
            );
            if let Some(a) = c["attributed_to"].as_object() {
                assert!(a.contains_key("actor") && a["text"].is_string(), "{c}");
            }
        }
    }
}

/// Our own varied test articles (French and English, written for issue 5)
/// scored against their gold file.
#[test]
fn varied_corpus_meets_its_gold_figures() {
    let corpus = support::root().join("tests/corpus/varied");
    let gold = gold::read(&corpus.join("gold.yaml"));
    let out = support::run_ok(&["report", corpus.to_str().unwrap(), "--format", "json"], 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = gold::score(&gold, &report, &corpus);
    let detail = format!("{}\n{}", s.line(), s.lines.join("\n"));
    assert!(
        gold.claims.len() >= 40,
        "the gold file lists {} claims",
        gold.claims.len()
    );
    assert!(ratio(s.recall) >= 0.90, "recall: {detail}");
    assert!(ratio(s.precision) >= 0.90, "precision: {detail}");
    assert!(ratio(s.groups) >= 0.90, "groups: {detail}");
    assert!(ratio(s.attribution) >= 0.90, "attribution: {detail}");
    assert!(
        ratio(s.must_not_extract) >= 0.90,
        "must_not_extract: {detail}"
    );
}
