//! The rule files: every example passes, every default file is embedded, and
//! a bad file is refused with file:line:column, nothing half-loaded.

mod support;

use crosscheck::rules::{DEFAULT_FILES, RuleSet, Selection};
use support::{run, temp_dir, write_files};

#[test]
fn every_rule_example_passes() {
    let rules = RuleSet::defaults().expect("default rules load");
    let outcomes = crosscheck::rule_examples::run(&rules, None);
    assert!(outcomes.len() >= 30, "only {} examples", outcomes.len());
    let failures: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed())
        .map(|o| {
            format!(
                "{}:{} {:?}\n  {}",
                o.file,
                o.line,
                o.text,
                o.problems.join("\n  ")
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_file_under_rules_is_embedded() {
    let mut on_disk = Vec::new();
    let mut stack = vec![support::root().join("rules")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(support::root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                on_disk.push(rel);
            }
        }
    }
    on_disk.sort();
    let mut embedded: Vec<String> = DEFAULT_FILES.iter().map(|(p, _)| p.to_string()).collect();
    embedded.sort();
    assert_eq!(on_disk, embedded);
}

#[test]
fn rules_test_command_passes_on_defaults() {
    let out = run(&["rules", "test"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");
}

fn load_error(files: &[(&str, &str)]) -> String {
    let dir = temp_dir(&format!("rules-{}", files[0].0.replace('/', "-")));
    write_files(&dir, files);
    let err = RuleSet::load(&Selection {
        defaults: true,
        default_actors: true,
        dirs: vec![dir.clone()],
    })
    .expect_err("the bad file is refused")
    .to_string();
    err.replace(&format!("{}/", dir.display()), "")
}

#[test]
fn yaml_syntax_error_names_line_and_column() {
    let err = load_error(&[("bad.yaml", "lang: fr\nkind: detained\nrules: [\n")]);
    assert!(err.starts_with("bad.yaml:"), "{err}");
    let loc: Vec<&str> = err.splitn(4, ':').collect();
    assert!(
        loc[1].parse::<u32>().is_ok() && loc[2].parse::<u32>().is_ok(),
        "{err}"
    );
}

#[test]
fn invalid_regex_names_rule_and_place() {
    let err = load_error(&[(
        "detained.yaml",
        "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n    pattern: '{quantity} (detenus'\n",
    )]);
    assert!(
        err.starts_with("detained.yaml:6:14: rule 'fr.detained.x': pattern does not compile:"),
        "{err}"
    );
}

#[test]
fn unknown_placeholder_suggests_the_right_one() {
    let err = load_error(&[(
        "detained.yaml",
        "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n    pattern: '{quantiy} detenus'\n",
    )]);
    assert_eq!(
        err,
        "detained.yaml:6:14: rule 'fr.detained.x': unknown placeholder {quantiy}; did you mean {quantity}?"
    );
}

#[test]
fn unknown_field_is_refused() {
    let err = load_error(&[(
        "detained.yaml",
        "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n    patern: '{quantity} detenus'\n",
    )]);
    assert!(err.starts_with("detained.yaml:6:"), "{err}");
    assert!(err.contains("patern"), "{err}");
}

#[test]
fn a_rule_id_twice_in_one_file_is_refused_and_a_built_in_id_is_replaced() {
    let err = load_error(&[(
        "dup.yaml",
        "lang: fr\nkind: death_toll\nunit: persons\nrules:\n  - id: fr.x\n    pattern: '{quantity} morts'\n  - id: fr.x\n    pattern: '{quantity} tues'\n",
    )]);
    assert_eq!(
        err,
        "dup.yaml:7:9: rule id 'fr.x' is used twice in this file; ids must be unique"
    );
    // A user's rule with a built-in rule's id replaces it.
    let dir = temp_dir("rules-replace");
    write_files(
        &dir,
        &[(
            "mine.yaml",
            "lang: fr\nkind: death_toll\nunit: persons\nrules:\n  - id: fr.death_toll.noun\n    pattern: '{quantity} macchabees'\n",
        )],
    );
    let set = RuleSet::load(&Selection {
        defaults: true,
        default_actors: true,
        dirs: vec![dir.clone()],
    })
    .expect("a replacing rule loads");
    let same_id: Vec<_> = set
        .rules
        .iter()
        .filter(|r| r.id == "fr.death_toll.noun")
        .collect();
    assert_eq!(same_id.len(), 1);
    assert!(
        same_id[0].file.ends_with("mine.yaml"),
        "{}",
        same_id[0].file
    );
    assert!(
        set.replaced
            .iter()
            .any(|n| n.starts_with("rules/fr/death_toll.yaml:") && n.contains("fr.death_toll.noun")),
        "{:?}",
        set.replaced
    );
}

#[test]
fn empty_matching_pattern_is_refused() {
    let err = load_error(&[(
        "empty.yaml",
        "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.x\n    pattern: '(?:{quantity})?'\n",
    )]);
    assert!(
        err.ends_with("pattern matches the empty string; it must require some text"),
        "{err}"
    );
}

#[test]
fn bad_rule_folder_exits_2_from_the_cli() {
    let dir = temp_dir("cli-bad-rules");
    write_files(
        &dir,
        &[(
            "x.yaml",
            "lang: fr\nkind: k\nunit: persons\nrules:\n  - id: a\n    pattern: '('\n",
        )],
    );
    let out = run(&[
        "report",
        "examples/karabakh",
        "--rules",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("x.yaml:6:14: rule 'a': pattern does not compile"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is printed from a half-loaded rule set"
    );
}

#[test]
fn a_user_folder_adds_a_kind_without_rebuilding() {
    let dir = temp_dir("detained");
    write_files(
        &dir,
        &[(
            "fr/detained.yaml",
            "lang: fr\nkind: detained\nunit: persons\nrules:\n  - id: fr.detained.noun\n    pattern: '{quantity} (?:personnes )?(?:detenus|detenues|arretes|faits prisonniers)'\nexamples:\n  - text: 'Au moins 12 soldats faits prisonniers, selon Bakou.'\n    claims: [{value: 12}]\n",
        )],
    );
    let corpus = temp_dir("detained-corpus");
    write_files(
        &corpus,
        &[("a.txt", "Selon Erevan, 30 personnes détenues.\n")],
    );
    let out = support::run_ok(
        &[
            "report",
            corpus.to_str().unwrap(),
            "--rules",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        0,
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &report["groups"][0];
    assert_eq!(g["kind"], "detained");
    assert_eq!(g["claims"][0]["value"], 30);
    assert_eq!(g["claims"][0]["attributed_to"]["actor"], "armenia");
}

#[test]
fn lint_reports_every_bad_file_and_exits_2() {
    let dir = temp_dir("lint");
    write_files(
        &dir,
        &[
            (
                "a.yaml",
                "lang: fr\nkind: k\nunit: persons\nrules:\n  - id: a\n    pattern: '{quantiy}'\n",
            ),
            (
                "b.yaml",
                "lang: fr\nkind: k\nunit: persons\nrules:\n  - id: b\n    pattern: '('\n",
            ),
            (
                "c.yaml",
                "lang: fr\nkind: k\nunit: persons\nrules:\n  - id: c\n    pattern: '{quantity} k'\n",
            ),
        ],
    );
    let out = run(&["rules", "lint", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), "");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(
        lines[0],
        "a.yaml:6:14: rule 'a': unknown placeholder {quantiy}; did you mean {quantity}?"
    );
    assert!(
        lines[1].starts_with("b.yaml:6:14: rule 'b': pattern does not compile"),
        "{err}"
    );
    assert_eq!(lines[2], "crosscheck: 2 rule file(s) refused");
}

#[test]
fn lint_passes_a_good_folder() {
    let dir = temp_dir("lint-ok");
    write_files(
        &dir,
        &[(
            "c.yaml",
            "lang: fr\nkind: k\nunit: persons\nrules:\n  - id: c\n    pattern: '{quantity} k'\n",
        )],
    );
    let out = run(&["rules", "lint", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
}

/// `crosscheck rules schema` validates every shipped rule, actors and reconcile file.
#[test]
fn schema_validates_the_shipped_files() {
    let schema_of = |which: &str| -> serde_json::Value {
        let out = support::run_ok(&["rules", "schema", "--for", which], 0);
        serde_json::from_str(&out).expect("the schema is JSON")
    };
    let rules = jsonschema::validator_for(&schema_of("rules")).expect("a valid JSON Schema");
    let actors = jsonschema::validator_for(&schema_of("actors")).expect("a valid JSON Schema");
    let reconcile =
        jsonschema::validator_for(&schema_of("reconcile")).expect("a valid JSON Schema");
    for (path, text) in DEFAULT_FILES {
        // Language packs have no JSON Schema yet; their loader checks them
        // strictly (src/lang tests, tests/languages.rs).
        if crosscheck::lang::pack_code(path).is_some() {
            continue;
        }
        let value: serde_json::Value = serde_saphyr::from_str(text).expect("YAML");
        let validator = if path.ends_with("actors.yaml") || path.contains("/actors/") {
            &actors
        } else if path.ends_with("reconcile.yaml") {
            &reconcile
        } else {
            &rules
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:?}");
    }
    // And it refuses what the loader refuses.
    let bad: serde_json::Value =
        serde_saphyr::from_str("lang: fr\nkind: k\nrules:\n  - id: a\n    patern: x\n").unwrap();
    assert!(!rules.is_valid(&bad));
}

#[test]
fn oversized_rule_file_is_refused_with_its_size() {
    let dir = temp_dir("oversized");
    let mut text = String::from("lang: fr\nkind: k\nunit: persons\ndescription: \"");
    text.push_str(&"x".repeat(1 << 20));
    text.push_str("\"\n");
    write_files(&dir, &[("big.yaml", &text)]);
    let out = run(&["rules", "lint", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", dir.display()), "");
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "big.yaml:1:1: file is {} bytes, over the 1048576 byte limit for YAML files; split it into several files",
            text.len()
        )
    );
}

/// The sets in front of the rules, cues and event markers run a looser form
/// of each pattern (`rules::set_form`); they must never miss a pattern that
/// matches. Every sentence of the rule examples and of the demo corpus, run
/// through each pattern on its own, against what the sets report.
#[test]
fn the_sets_never_miss_a_pattern_that_matches() {
    use crosscheck::text::fold::{Folded, fold_str};
    let rules = RuleSet::defaults().expect("default rules load");
    let mut sentences: Vec<(String, String)> = rules
        .examples
        .iter()
        .flat_map(|f| f.examples.iter().map(|e| (f.lang.clone(), e.text.clone())))
        .collect();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/karabakh");
    for entry in std::fs::read_dir(&demo).expect("demo corpus") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            let text = std::fs::read_to_string(&path).expect("demo article");
            let lang = crosscheck::corpus::detect_lang(&text).to_string();
            let mut folded = Folded::new(&text, 0);
            for s in crosscheck::text::sentences::split(&mut folded, &text) {
                sentences.push((lang.clone(), folded.text[s.start..s.end].to_string()));
            }
        }
    }
    // Qualifier words before a figure, long gaps, a place after a verb.
    for (lang, s) in [
        (
            "fr",
            "Le bilan dépassait désormais au moins 200 morts selon les autorités.",
        ),
        (
            "fr",
            "Quatre policiers, deux gardes et un passant qui rentrait chez lui ont trouvé la mort.",
        ),
        (
            "en",
            "More than 40 people were killed, officials told reporters in Yerevan.",
        ),
    ] {
        sentences.push((lang.to_string(), s.to_string()));
    }
    assert!(sentences.len() > 150, "only {} sentences", sentences.len());
    let mut matched = 0;
    // Every pattern (id, regex) that matches `text` is among the set's hits.
    let mut check = |what: &str,
                     patterns: &mut dyn Iterator<Item = (&str, &regex::bytes::Regex)>,
                     hits: &[usize],
                     text: &[u8]| {
        for (k, (id, regex)) in patterns.enumerate() {
            if regex.is_match(text) {
                matched += 1;
                assert!(
                    hits.contains(&k),
                    "the {what} set misses {id} on {:?}",
                    String::from_utf8_lossy(text)
                );
            }
        }
    };
    let rule = |i: &usize| (rules.rules[*i].id.as_str(), rules.rules[*i].pattern.regex());
    let cue = |i: &usize| (rules.cues[*i].id.as_str(), &rules.cues[*i].regex);
    let event = |i: &usize| (rules.events[*i].id.as_str(), &rules.events[*i].regex);
    for (lang, sentence) in &sentences {
        let Some(l) = rules.lang(lang) else { continue };
        let folded = fold_str(sentence);
        let tokenized = l.figures.tokenize(&folded);
        let hits = l.hits(&tokenized);
        check(
            "rule",
            &mut l.rules.iter().map(rule),
            &hits,
            &tokenized.bytes,
        );
        let speech = l.speech(&folded);
        check(
            "cue",
            &mut l.cues.iter().map(cue),
            &speech.cues,
            folded.as_bytes(),
        );
        let events = &mut l.events.iter().map(event);
        check("event", events, &speech.events, folded.as_bytes());
    }
    assert!(matched > 150, "only {matched} pattern matches checked");
}
