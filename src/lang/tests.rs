use super::*;

fn builtin() -> &'static Languages {
    Languages::builtin()
}

#[test]
fn the_embedded_packs_load() {
    let files: Vec<(&str, &str)> = crate::rules::DEFAULT_FILES
        .iter()
        .filter(|(p, _)| pack_code(p).is_some())
        .copied()
        .collect();
    assert!(
        Languages::load(&files).is_ok(),
        "{:?}",
        Languages::load(&files).err()
    );
    assert_eq!(builtin().codes(), vec!["en", "fr"]);
    assert!(builtin().get("fr").has_words());
    assert!(!builtin().get("de").has_words());
    assert_eq!(
        pack_code("rules/lang/fr/numbers.yaml").as_deref(),
        Some("fr")
    );
    assert_eq!(pack_code("rules/fr/death_toll.yaml"), None);
}

#[test]
fn detection_reads_the_pack_words() {
    let l = builtin();
    assert_eq!(
        l.detect("The ministry said that the toll was rising."),
        "en"
    );
    assert_eq!(
        l.detect("Le ministère a déclaré que le bilan est lourd."),
        "fr"
    );
    // A tie goes to the pack marked `detection_default`.
    assert_eq!(l.detect(""), "fr");
    assert_eq!(
        l.detect_strict("the toll of the war and the dead"),
        Some("en")
    );
    assert_eq!(l.detect_strict("le bilan"), None);
}

/// The votes as first written: split on non-letters, read the first 2,000
/// pieces, count the short ASCII ones that are listed.
fn votes_by_split(l: &Languages, text: &str) -> [usize; 64] {
    let mut votes = [0usize; 64];
    for w in text
        .split(|c: char| !(c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())))
        .take(2000)
    {
        if w.is_empty() || !w.is_ascii() {
            continue;
        }
        let lower = w.to_ascii_lowercase();
        for (i, p) in l.packs.iter().enumerate() {
            votes[i] += usize::from(p.detection.contains(&lower));
        }
    }
    votes
}

#[test]
fn votes_read_words_as_a_split_on_non_letters_would() {
    let mut texts: Vec<String> = [
        "",
        "le",
        "Le ministère a déclaré, selon l’agence, que LES morts…",
        "«Les» “the” l'armée d’Azerbaïdjan—and THE été in été-de",
        "àle leà le\u{a0}la\u{202f}the ünd the\u{1F600}of",
        "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Past the 2,000th piece, with a word cut exactly at the limit.
    texts.push("le ".repeat(2100));
    texts.push(format!("{}the", " ".repeat(1999)));
    texts.push(format!("{}the", " ".repeat(1998)));
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/karabakh")).unwrap()
    {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default());
    }
    let l = builtin();
    for t in &texts {
        assert_eq!(l.votes(t), votes_by_split(l, t), "{t:?}");
    }
}

#[test]
fn a_bad_pack_is_refused_with_its_location() {
    let unknown = Languages::load(&[(
        "x/lang/es/numbers.yaml",
        "numbers:\n  zero: [cero]\n  nope: 1\n",
    )])
    .unwrap_err()
    .to_string();
    assert!(unknown.contains("x/lang/es/numbers.yaml:3:"), "{unknown}");
    let unfolded = Languages::load(&[("x/lang/es/numbers.yaml", "numbers:\n  zero: [Cero]\n")])
        .unwrap_err()
        .to_string();
    assert!(unfolded.contains("x/lang/es/numbers.yaml:2:"), "{unfolded}");
    assert!(unfolded.contains("not one folded word"), "{unfolded}");
    let detection = Languages::load(&[("x/lang/es/words.yaml", "text:\n  detection: [según]\n")])
        .unwrap_err()
        .to_string();
    assert!(detection.contains("lowercase ASCII"), "{detection}");
    let misplaced = Languages::load(&[("x/es/numbers.yaml", "numbers: {}\n")]).unwrap_err();
    assert!(
        misplaced.to_string().contains("lang/<code>/"),
        "{misplaced}"
    );
}

#[test]
fn a_later_file_extends_a_language() {
    let fr: Vec<(&str, &str)> = crate::rules::DEFAULT_FILES
        .iter()
        .filter(|(p, _)| pack_code(p).as_deref() == Some("fr"))
        .copied()
        .chain([(
            "mine/lang/fr/extra.yaml",
            "qualifiers:\n  - {qualifier: at_least, before: [au grand minimum]}\n\
             numbers:\n  units: [[], [deusse]]\nmonths: [[], [fevrie]]\n",
        )])
        .collect();
    let l = Languages::load(&fr).unwrap();
    let q = crate::quantity::parse_quantity("au grand minimum 20", l.get("fr")).unwrap();
    assert_eq!(q.value, 20.0);
    assert_eq!(q.qualifier, crate::claim::Qualifier::AtLeast);
    assert!(crate::quantity::quantity_pattern(l.get("fr")).contains("au grand minimum"));
    // Words by position join the same value.
    assert_eq!(l.get("fr").cardinal("deusse"), Some(NumberWord::Unit(2)));
    assert_eq!(l.get("fr").cardinal("deux"), Some(NumberWord::Unit(2)));
    assert_eq!(l.get("fr").months.get("fevrie"), Some(&2));
}
