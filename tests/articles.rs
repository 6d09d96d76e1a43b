//! Articles as they come: no date, no outlet, two languages, a quotation that
//! spans paragraphs, tolls over several days. Each still yields its claims,
//! and what cannot be decided is said.

mod support;

use support::{run_ok, temp_dir, write_files};

fn report(files: &[(&str, &str)], name: &str) -> serde_json::Value {
    let dir = temp_dir(name);
    write_files(&dir, files);
    let out = run_ok(&["report", dir.to_str().unwrap(), "--format", "json"], 0);
    serde_json::from_str(&out).unwrap()
}

fn claims(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["claims"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn an_english_quote_in_french_copy_is_read_with_english_rules() {
    let r = report(
        &[(
            "a.md",
            "---\nlang: fr\ndate: 2023-09-20\n---\nLe ministère a parlé. \"At least 40 people were killed in the shelling,\" the Karabakh ombudsman said on Tuesday.\n",
        )],
        "mixed",
    );
    let c = &claims(&r)[0];
    assert_eq!(
        (c["value"].as_i64(), c["lang"].as_str()),
        (Some(40), Some("en"))
    );
    assert_eq!(c["attributed_to"]["actor"], "karabakh_authorities");
}

#[test]
fn a_quote_spanning_paragraphs_takes_the_speaker_named_after_it() {
    let r = report(
        &[(
            "a.md",
            "---\nlang: fr\ndate: 2023-09-20\n---\n« La situation est terrible. Au moins 40 civils ont été tués cette nuit.\n\n« Nous demandons un cessez-le-feu », a déclaré le médiateur du Karabakh.\n",
        )],
        "quote",
    );
    let c = &claims(&r)[0];
    assert_eq!(c["value"], 40);
    assert_eq!(c["attributed_to"]["actor"], "karabakh_authorities");
}

#[test]
fn undated_articles_without_outlet_still_yield_claims_and_say_so() {
    let r = report(
        &[("a.txt", "Au moins 12 civils ont été tués, selon Erevan.\n")],
        "undated",
    );
    let g = &r["groups"][0];
    assert_eq!(g["claims"][0]["value"], 12);
    assert_eq!(g["claims"][0]["source"], serde_json::Value::Null);
    let summary = g["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("undated article (a.txt): which event it speaks of is not known; "),
        "{summary}"
    );
}

#[test]
fn one_speakers_rising_toll_is_an_update_and_a_falling_one_is_flagged() {
    let day = |d: &str, n: u32| {
        format!(
            "---\nlang: fr\ndate: 2023-09-{d}\n---\nAu moins {n} personnes ont été tuées, selon les autorités du Haut-Karabakh.\n"
        )
    };
    let rising = report(
        &[
            ("a.md", &day("19", 27)),
            ("b.md", &day("20", 32)),
            ("c.md", &day("21", 200)),
        ],
        "rising",
    );
    assert_eq!(rising["groups"][0]["verdict"], "update");
    let falling = report(
        &[("a.md", &day("19", 200)), ("b.md", &day("21", 27))],
        "falling",
    );
    assert!(
        ["contradiction", "divergent"].contains(&falling["groups"][0]["verdict"].as_str().unwrap())
    );
    let same_day = report(
        &[
            ("a.md", &day("19", 27)),
            (
                "b.md",
                "---\nlang: fr\ndate: 2023-09-19\n---\nAu moins 60 personnes ont été tuées, selon Erevan.\n",
            ),
        ],
        "same-day",
    );
    assert!(
        ["contradiction", "divergent"]
            .contains(&same_day["groups"][0]["verdict"].as_str().unwrap())
    );
}

#[test]
fn a_total_and_its_parts_never_share_a_group() {
    let r = report(
        &[(
            "a.md",
            "---\nlang: en\ndate: 2023-09-20\n---\nTwenty-five people, including two civilians, were killed, the ombudsman of Karabakh said.\n",
        )],
        "parts",
    );
    let groups = r["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert!(groups.iter().all(|g| g["verdict"] == "single_source"));
    let scopes: Vec<&str> = groups
        .iter()
        .map(|g| g["scope"].as_str().unwrap_or("total"))
        .collect();
    assert_eq!(scopes, vec!["total", "civilians"]);
}

#[test]
fn a_blockade_counted_on_different_days_agrees_through_its_start_date() {
    let r = report(
        &[
            (
                "a.md",
                "---\nlang: fr\ndate: 2023-08-31\n---\nLa région est sous blocus depuis 8 mois.\n",
            ),
            (
                "b.md",
                "---\nlang: fr\ndate: 2023-09-20\n---\nLa région est sous blocus depuis 9 mois.\n",
            ),
        ],
        "anchored",
    );
    assert_eq!(r["groups"][0]["verdict"], "consistent");
}

#[test]
fn wars_of_different_years_never_share_a_group() {
    let r = report(
        &[(
            "a.md",
            "---\nlang: fr\ndate: 2023-09-21\n---\nLa guerre de 2020 avait fait plus de 6 500 morts. Cette semaine, au moins 200 personnes ont été tuées.\n",
        )],
        "wars",
    );
    let events: Vec<&str> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, vec!["2023-09-21", "event 2020"]);
}

/// `extract_many` runs each rule over the sentences of many documents in a
/// row; the claims must be those of `extract` on each document, in the same
/// order, including for documents in a language without rules.
#[test]
fn extracting_documents_together_gives_each_its_own_claims() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = crosscheck::corpus::load(&[
        root.join("examples/karabakh"),
        root.join("tests/corpus/varied"),
    ])
    .expect("demo corpora load");
    let rules = crosscheck::rules::RuleSet::defaults().expect("default rules load");
    let mut docs: Vec<&crosscheck::corpus::Document> = corpus.documents.iter().collect();
    assert!(docs.len() >= 20, "only {} documents", docs.len());
    // A document no rules read, in the middle.
    let mut other = docs[0].clone();
    other.lang = "xx".to_string();
    docs.insert(docs.len() / 2, &other);
    let together = crosscheck::extract::extract_many(&docs, &rules);
    let one_by_one: Vec<Vec<crosscheck::claim::Claim>> = docs
        .iter()
        .map(|d| crosscheck::extract::extract(d, &rules))
        .collect();
    assert_eq!(together.len(), docs.len());
    let total: usize = together.iter().map(Vec::len).sum();
    assert!(total > 100, "only {total} claims");
    for ((a, b), d) in together.iter().zip(&one_by_one).zip(&docs) {
        let a = serde_json::to_string(a).expect("claims serialise");
        let b = serde_json::to_string(b).expect("claims serialise");
        assert_eq!(a, b, "claims of {} differ", d.id);
    }
}

/// A war's toll, then a town's own dead in two later reports: the town's
/// figure is a part of the war, with a group of its own where the two
/// reports agree, and nothing is flagged (shape of reports on the fall of
/// Wad Madani, https://dabangasudan.org/en/all-news/article/rsf-takes-control-of-sudan-army-and-police-bases-in-wad-madani).
#[test]
fn a_towns_toll_after_a_wars_is_a_part_with_a_group_of_its_own() {
    let war = "---\nlang: en\ndate: 2023-12-18\n---\nMore than 12,000 people have been killed in the war, according to the UN.\n";
    let town = |d: &str| {
        format!(
            "---\nlang: en\ndate: 2023-12-{d}\n---\nIn the town, 13 people were killed on Sunday.\n"
        )
    };
    let r = report(
        &[("a.md", war), ("b.md", &town("19")), ("c.md", &town("20"))],
        "town",
    );
    let groups: Vec<(Vec<i64>, &str)> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let values = g["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["value"].as_i64().unwrap())
                .collect();
            (values, g["verdict"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        groups,
        vec![(vec![12000], "single_source"), (vec![13, 13], "consistent")]
    );
}

/// One agency's war toll relayed by two outlets agrees with itself: the
/// group is consistent, not a single source (shape of two reports on the
/// UN toll of the Sudan war, https://www.trtworld.com/article/16299128).
#[test]
fn one_speakers_figure_in_two_articles_is_consistent() {
    let day = |d: &str| {
        format!(
            "---\nlang: en\ndate: 2023-12-{d}\n---\nMore than 12,000 people have been killed in the war, according to the UN.\n"
        )
    };
    let two = report(&[("a.md", &day("18")), ("b.md", &day("22"))], "relayed");
    assert_eq!(two["groups"][0]["verdict"], "consistent");
    let one = report(&[("a.md", &day("18"))], "alone");
    assert_eq!(one["groups"][0]["verdict"], "single_source");
}
