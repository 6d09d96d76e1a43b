//! A third language with no Rust change: a small Spanish pack, a death-toll
//! rule and a speech cue are written to a temporary folder and loaded with
//! `--rules DIR`. The files are in `tests/languages/` (docs/LANGUAGES.md
//! walks through them).

use std::path::Path;
use std::process::Command;

use crosscheck::rules::{RuleSet, Selection};

const FILES: &[(&str, &str)] = &[
    (
        "lang/es/numbers.yaml",
        include_str!("languages/es_numbers.yaml"),
    ),
    (
        "lang/es/words.yaml",
        include_str!("languages/es_words.yaml"),
    ),
    (
        "es/death_toll.yaml",
        include_str!("languages/es_death_toll.yaml"),
    ),
    (
        "es/attribution.yaml",
        include_str!("languages/es_attribution.yaml"),
    ),
];

/// Writes the Spanish rules under `dir/rules` and an article without a
/// language tag under `dir/corpus`.
fn setup(dir: &Path) {
    for (path, text) in FILES {
        let p = dir.join("rules").join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "El ministerio informó el lunes que los ataques en la ciudad dejaron víctimas \
         y que los equipos de rescate siguen en el lugar.\n\n\
         Al menos 29 muertos, según el ministerio.\n",
    )
    .unwrap();
}

fn crosscheck(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_spanish_claim_from_a_pack_and_two_rule_files() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let rules = tmp.path().join("rules");
    let corpus = tmp.path().join("corpus");
    let out = crosscheck(&[
        "extract",
        corpus.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    let claims: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(claims.len(), 1, "{out}");
    let c = &claims[0];
    // The article has no language tag: detection picked Spanish from the pack.
    assert_eq!(c["lang"], "es");
    assert_eq!(c["kind"], "death_toll");
    assert_eq!(c["value"], 29);
    assert_eq!(c["qualifier"], "at_least");
    assert_eq!(c["attributed_to"]["text"], "el ministerio");
    assert_eq!(c["text"], "Al menos 29 muertos");
    // The report lists the document in the language its claims were read in.
    let report = crosscheck(&[
        "report",
        corpus.to_str().unwrap(),
        "--rules",
        rules.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["documents"][0]["lang"], "es", "{report}");
}

#[test]
fn spanish_number_words_read_as_figures() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let rules = tmp.path().join("rules");
    let out = crosscheck(&[
        "quantities",
        "--lang",
        "es",
        "--rules",
        rules.to_str().unwrap(),
        "veintinueve muertos, doscientos treinta y dos heridos, mil quinientos, más de 3.000",
    ]);
    let found: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let values: Vec<f64> = found.iter().map(|f| f["value"].as_f64().unwrap()).collect();
    assert_eq!(values, vec![29.0, 232.0, 1500.0, 3000.0], "{out}");
    assert_eq!(found[3]["qualifier"], "more_than");
}

#[test]
fn the_rule_examples_pass_and_detection_knows_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let rules = tmp.path().join("rules");
    let out = crosscheck(&["rules", "test", rules.to_str().unwrap()]);
    assert!(out.contains(" 0 failed"), "{out}");
    let set = RuleSet::load(&Selection {
        defaults: true,
        default_actors: true,
        dirs: vec![rules],
    })
    .unwrap();
    assert_eq!(set.packs.codes(), vec!["en", "es", "fr"]);
    let article = std::fs::read_to_string(tmp.path().join("corpus/a.txt")).unwrap();
    assert_eq!(set.packs.detect(&article), "es");
    assert_eq!(
        set.packs.detect("Le bilan est lourd selon le ministère."),
        "fr"
    );
}

#[test]
fn a_broken_pack_refuses_the_whole_load() {
    let tmp = tempfile::tempdir().unwrap();
    setup(tmp.path());
    let bad = tmp.path().join("rules/lang/es/numbers.yaml");
    let text = std::fs::read_to_string(&bad).unwrap();
    std::fs::write(
        &bad,
        text.replace("  zero: [cero]", "  zero: [cero]\n  zeros: [cero]"),
    )
    .unwrap();
    let err = RuleSet::load(&Selection {
        defaults: true,
        default_actors: true,
        dirs: vec![tmp.path().join("rules")],
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("numbers.yaml:"), "{err}");
    assert!(err.contains("zeros"), "{err}");
}
