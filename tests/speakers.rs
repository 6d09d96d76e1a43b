//! Who says it, in any conflict: `crosscheck speakers` lists the speaker
//! phrases a corpus names and writes the unresolved ones as an actors file;
//! a user's actors file extends a built-in actor by its id; sides and
//! agencies. Articles in our own words.

mod support;

use support::{run_ok, temp_dir, write_files};

fn claims(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `extract CORPUS ARGS...`, its claims.
fn extract(corpus: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["extract", corpus.to_str().unwrap()];
    all.extend_from_slice(args);
    claims(&run_ok(&all, 0))
}

/// The claim of figure `v`.
fn by_value(claims: &[serde_json::Value], v: f64) -> &serde_json::Value {
    claims
        .iter()
        .find(|c| c["value"].as_f64() == Some(v))
        .unwrap_or_else(|| panic!("no claim of {v}: {claims:?}"))
}

fn speaker(claim: &serde_json::Value) -> (Option<&str>, Option<&str>) {
    let a = &claim["attributed_to"];
    (a["actor"].as_str(), a["key"].as_str())
}

#[test]
fn an_unknown_ministry_is_listed_with_a_stub_that_a_user_file_then_resolves() {
    let dir = temp_dir("speakers-unknown");
    let article = "---\nlang: en\ndate: 2024-05-02\n---\n\
        At least 41 people were killed in the floods, the Directorate of Civil Protection said on Thursday.\n\n\
        The Directorate of Civil Protection later said 12 more bodies had been found, bringing the death toll to 53.\n";
    write_files(&dir, &[("corpus/floods.md", article)]);
    let corpus = dir.join("corpus");
    let out = run_ok(&["speakers", corpus.to_str().unwrap()], 0);
    assert!(
        out.contains("resolved to an actor, 1 to none"),
        "one unresolved speaker:\n{out}"
    );
    assert!(out.contains("directorate of civil protection"), "{out}");
    // The same unnamed speaker keeps one key across its claims.
    let extracted = extract(&corpus, &[]);
    assert!(extracted.len() >= 2, "{extracted:?}");
    for c in &extracted {
        assert_eq!(
            speaker(c),
            (None, Some("directorate of civil protection")),
            "{c}"
        );
    }
    // The stub is an actors file: name the id, load it, and the speaker resolves.
    let stub = out
        .split_once("actors:\n")
        .map(|(_, s)| format!("actors:\n{s}"))
        .expect("a YAML stub after the table");
    let stub = stub.replace("id: directorate_of_civil_protection", "id: libya");
    write_files(&dir, &[("rules/actors.yaml", &stub)]);
    let rules = dir.join("rules");
    let extracted = extract(&corpus, &["--rules", rules.to_str().unwrap()]);
    for c in &extracted {
        assert_eq!(speaker(c), (Some("libya"), None), "{c}");
    }
}

#[test]
fn a_user_file_extends_a_built_in_actor_and_changes_its_side() {
    let dir = temp_dir("speakers-extend");
    let article = "---\nlang: en\ndate: 2024-05-02\n---\n\
        The Sit-Tat said 30 soldiers had been killed in the fighting.\n";
    write_files(
        &dir,
        &[
            ("corpus/a.md", article),
            (
                "rules/actors.yaml",
                "actors:\n  - id: myanmar\n    side: junta\n    names:\n      en: [Sit-Tat]\n",
            ),
        ],
    );
    let corpus = dir.join("corpus");
    let rules = dir.join("rules");
    let before = extract(&corpus, &[]);
    assert_eq!(speaker(&before[0]).0, None, "{before:?}");
    let with_rules = ["--rules", rules.to_str().unwrap()];
    let after = extract(&corpus, &with_rules);
    assert_eq!(speaker(&after[0]).0, Some("myanmar"), "{after:?}");
    // The built-in names of the actor it extends still resolve.
    let burmese = "---\nlang: en\ndate: 2024-05-02\n---\n\
        Myanmar's military said 30 soldiers had been killed in the fighting.\n";
    write_files(&dir, &[("corpus/a.md", burmese)]);
    let again = extract(&corpus, &with_rules);
    assert_eq!(speaker(&again[0]).0, Some("myanmar"), "{again:?}");
    // Without the built-in actors, only the user's names are known.
    let bare = extract(
        &corpus,
        &["--rules", rules.to_str().unwrap(), "--no-default-actors"],
    );
    assert_eq!(speaker(&bare[0]).0, None, "{bare:?}");
}

#[test]
fn a_news_agency_relays_and_the_ministry_speaks() {
    let dir = temp_dir("speakers-agency");
    let article = "---\nlang: fr\ndate: 2023-02-07\n---\n\
        Au moins 812 personnes ont été tuées, selon le ministère syrien de la Santé cité par l'agence Anadolu.\n\n\
        Plus de 1 500 personnes ont été blessées, a rapporté l'AFP.\n";
    write_files(&dir, &[("corpus/a.md", article)]);
    let corpus = dir.join("corpus");
    let extracted = extract(&corpus, &[]);
    let by_value = |v: f64| {
        extracted
            .iter()
            .find(|c| c["value"].as_f64() == Some(v))
            .unwrap_or_else(|| panic!("a claim of {v}: {extracted:?}"))
    };
    assert_eq!(speaker(by_value(812.0)).0, Some("syria"));
    // An agency alone is not the speaker: the outlet states it.
    assert!(by_value(1500.0)["attributed_to"].is_null(), "{extracted:?}");
}

#[test]
fn copying_the_built_in_rules_to_edit_them_lints_with_notes() {
    let out = run_ok(&["rules", "lint", "rules"], 0);
    assert!(
        out.contains("note: rules/fr/death_toll.yaml:")
            && out.contains("is replaced by the one in rules/fr/death_toll.yaml"),
        "{out}"
    );
    assert!(out.trim_end().lines().last().unwrap().starts_with("ok: "));
    // With no folder, lint checks the built-in rules.
    let builtin = run_ok(&["rules", "lint"], 0);
    assert!(builtin.starts_with("ok: "), "{builtin}");
}

/// A sentence that goes on with the report before it ("also", « aussi »)
/// has its speaker, in the same paragraph only; a sentence that does not
/// go on keeps none. Shapes of an ATS report on the Kunar earthquake
/// (https://www.swissinfo.ch/fre/) and of a UN release on Sudan, in our own words.
#[test]
fn a_sentence_that_goes_on_with_a_report_has_its_speaker() {
    let dir = temp_dir("speakers-continues");
    let fr = "---\nlang: fr\ndate: 2025-09-04\n---\n\
        Plus de 900 personnes ont péri dans le séisme, d'après un bilan publié jeudi par le gouvernement afghan. \
        Le tremblement de terre a aussi fait plus de 2000 blessés.\n\n\
        Le séisme a fait 300 blessés dans la province voisine.\n";
    let en = "---\nlang: en\ndate: 2024-05-02\n---\n\
        More than 40,000 people have fled the town, the Sudanese government said. \
        About 12,000 of them have reached the border.\n";
    write_files(&dir, &[("corpus/fr.md", fr), ("corpus/en.md", en)]);
    let claims = extract(&dir.join("corpus"), &[]);
    let by_value = |v: f64| by_value(&claims, v);
    assert_eq!(speaker(by_value(900.0)).0, Some("afghanistan"));
    assert_eq!(speaker(by_value(2000.0)).0, Some("afghanistan"));
    assert_eq!(by_value(300.0)["attributed_to"], serde_json::Value::Null);
    assert_eq!(speaker(by_value(40000.0)).0, Some("sudan"));
    assert_eq!(speaker(by_value(12000.0)).0, Some("sudan"));
}

/// A subject that speaks is named by its own words, not by the verb after
/// it: « Le Hamas a imputé la frappe à Israël » is said by "Le Hamas";
/// "Ukraine accuses Russia of blowing up the dam" by "Ukraine"; a name that
/// goes on ("Le ministère ukrainien de la Défense") keeps its words (shapes
/// of https://www.20min.ch/fr/story/attaque-sur-un-hopital-israel-et-le-hamas-se-renvoient-la-balle-389288498484
/// and https://english.sawtbeirut.com/world/death-toll-rises-from-flooding-after-ukraine-dam-breach/).
#[test]
fn a_subject_speaker_is_its_name_without_its_verb() {
    let dir = temp_dir("speakers-subject-text");
    let fr = "---\nlang: fr\ndate: 2023-10-18\n---\n\
        Le Hamas a imputé la frappe à Israël.\n\n\
        Le ministère ukrainien de la Défense accuse la Russie d'avoir bombardé la ville.\n";
    let en = "---\nlang: en\ndate: 2023-06-18\n---\n\
        Ukraine accuses Russia of blowing up the dam.\n";
    write_files(&dir, &[("corpus/fr.md", fr), ("corpus/en.md", en)]);
    let out = extract(&dir.join("corpus"), &["--format", "jsonl"]);
    let texts: Vec<(&str, &str)> = out
        .iter()
        .map(|c| {
            (
                c["value"].as_str().unwrap_or_default(),
                c["attributed_to"]["text"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    for want in [
        ("russia", "Ukraine"),
        ("israel", "Le Hamas"),
        ("russia", "Le ministère ukrainien de la Défense"),
    ] {
        assert!(texts.contains(&want), "{want:?} in {texts:?}");
    }
}

/// A person the narration introduced with their title and then named alone
/// speaks for whom the title says: the country beside it (« le ministre
/// ukrainien de l'Intérieur, Igor Klymenko … M. Klymenko a indiqué »), or
/// for a head's title with none the article's country ("President William
/// Ruto … Ruto said"). A word that is only spelt like the name ("press
/// conference" before "The Daily Press said") introduces no one. Shapes of
/// https://rtl.be/actu/monde/europe/frappe-sur-un-hypermarche-en-ukraine-au-moins-14-morts-selon-un-nouveau-bilan/2024-05-26/article/672773
/// and https://standardmedia.co.ke/business/national/article/2001498144/ruto-at-pains-to-explain-police-brutality-during-demonstrations,
/// in our own words.
#[test]
fn a_person_named_alone_speaks_for_whom_their_title_said() {
    let dir = temp_dir("speakers-introduced");
    let fr = "---\nlang: fr\ndate: 2024-05-26\n---\n\
        La frappe a visé un centre commercial de Kharkiv, d'après le ministre ukrainien de l'Intérieur, Igor Klymenko.\n\n\
        M. Klymenko a indiqué que 14 personnes avaient été tuées.\n";
    let en = "---\nlang: en\ndate: 2024-07-01\n---\n\
        Protests went on in Kenya this week.\n\n\
        President William Ruto struggled to explain the use of force by the police.\n\n\
        Ruto said that 19 people died during the protests.\n";
    let press = "---\nlang: en\ndate: 2024-07-01\n---\n\
        The Kenyan minister gave a press conference on the floods.\n\n\
        The Daily Press said that 12 people died in the floods.\n";
    write_files(
        &dir,
        &[
            ("corpus/fr.md", fr),
            ("corpus/en.md", en),
            ("corpus/press.md", press),
        ],
    );
    let claims = extract(&dir.join("corpus"), &[]);
    let by_value = |v: f64| by_value(&claims, v);
    assert_eq!(speaker(by_value(14.0)).0, Some("ukraine"));
    assert_eq!(speaker(by_value(19.0)).0, Some("kenya"));
    assert_eq!(speaker(by_value(12.0)).0, None, "{claims:?}");
}
