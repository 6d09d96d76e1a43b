//! The gate before the rules (`rules::gate`) never drops a rule that
//! matches: on every sentence of every corpus we have (the seeds, `examples/`,
//! the varied articles, the phrasebook) and on random sentences made of
//! their words and figures, the rules the gate says match are exactly those
//! that match when every rule is run alone; the same for the speaker cues
//! and event markers.

use crosscheck::rules::{LangRules, RuleSet};
use crosscheck::text::fold::Folded;

/// Every rule the gate passes matches, and every rule that matches passes.
fn check(lang: &LangRules, sentence: &str, checked: &mut usize) -> bool {
    let tokens = lang.figures.tokenize(sentence);
    let first = if tokens.figure_count() > 0 {
        0
    } else {
        lang.figure_rules
    };
    let alone: Vec<usize> = (first..lang.gate.len())
        .filter(|&k| lang.gate.is_match(k, &tokens.bytes))
        .collect();
    assert_eq!(lang.hits(&tokens), alone, "rules on {sentence:?}");
    let speech = lang.speech(sentence);
    let speech_alone: Vec<usize> = (0..lang.speech_gate.len())
        .filter(|&k| lang.speech_gate.is_match(k, sentence.as_bytes()))
        .collect();
    let gated: Vec<usize> = speech
        .cues
        .iter()
        .copied()
        .chain(speech.events.iter().map(|e| e + lang.cues.len()))
        .collect();
    assert_eq!(gated, speech_alone, "cues and events on {sentence:?}");
    *checked += 1;
    !alone.is_empty()
}

/// The folded sentences of a text.
fn sentences(text: &str) -> Vec<String> {
    let mut folded = Folded::new(text, 0);
    let spans = crosscheck::text::sentences::split(&mut folded, text);
    spans
        .iter()
        .map(|s| folded.text[s.start..s.end].to_string())
        .collect()
}

/// xorshift64*: the same random sentences on every run.
struct Random(u64);
impl Random {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
}

#[test]
fn the_gate_drops_no_rule_that_matches() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = RuleSet::defaults().expect("default rules load");
    let mut dirs = vec![root.join("examples"), root.join("tests/corpus/varied")];
    let seeds = root.join("../shared/corpus/seeds");
    if seeds.is_dir() {
        dirs.push(seeds);
    }
    let corpus = crosscheck::corpus::load(&dirs).expect("corpora load");
    let mut texts: Vec<String> = corpus.documents.iter().map(|d| d.text.clone()).collect();
    for lang in ["en", "fr"] {
        let book =
            std::fs::read_to_string(root.join(format!("tests/corpus/phrasebook/{lang}.yaml")))
                .expect("phrasebook reads");
        texts.extend(
            book.lines()
                .filter_map(|l| l.trim().strip_prefix("- text: "))
                .map(|t| t.trim_matches('"').to_string()),
        );
    }
    assert!(texts.len() > 600, "only {} texts", texts.len());
    let all: Vec<String> = texts.iter().flat_map(|t| sentences(t)).collect();
    let (mut checked, mut matched, mut random_matched) = (0, 0, 0);
    for code in ["en", "fr"] {
        let lang = rules.lang(code).expect("language has rules");
        for s in &all {
            matched += usize::from(check(lang, s, &mut checked));
        }
        // Random sentences of the corpora's words, with figures among them:
        // pieces of rules that no article of ours puts together.
        let words: Vec<&str> = all.iter().flat_map(|s| s.split(' ')).collect();
        let figures = [
            "12",
            "1 200",
            "3,400",
            "at least 40",
            "au moins 7",
            "two",
            "dix",
        ];
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let n = 3 + random.next(14);
            let sentence: Vec<&str> = (0..n)
                .map(|_| {
                    if random.next(6) == 0 {
                        figures[random.next(figures.len())]
                    } else {
                        words[random.next(words.len())]
                    }
                })
                .collect();
            random_matched += usize::from(check(lang, &sentence.join(" "), &mut checked));
        }
    }
    assert!(checked > 40_000, "only {checked} sentences checked");
    // Many sentences, real and random, match some rule: the check is not empty.
    assert!(
        matched > 500,
        "only {matched} corpus sentences match a rule"
    );
    assert!(
        random_matched > 2_000,
        "only {random_matched} random sentences match a rule"
    );
}
