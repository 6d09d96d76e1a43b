use super::*;
use crate::lang::Languages;
use jiff::civil::date;
use proptest::prelude::*;
use regex::bytes::{Regex, RegexBuilder};

fn pack(lang: &str) -> &'static LangPack {
    Languages::builtin().get(lang)
}

// The public functions take a pack; the tests name languages by code.
fn scan(text: &str, lang: &str, doc: Option<Date>) -> Vec<Found> {
    super::scan(text, pack(lang), doc)
}

fn parse_quantity(text: &str, lang: &str) -> Option<Quantity> {
    super::parse_quantity(text, pack(lang))
}

fn parse_duration(text: &str, lang: &str, doc: Option<Date>) -> Option<Quantity> {
    super::parse_duration(text, pack(lang), doc)
}

fn quantity_pattern(lang: &str) -> &'static str {
    super::quantity_pattern(pack(lang))
}

fn duration_pattern(lang: &str) -> &'static str {
    super::duration_pattern(pack(lang))
}

fn one(text: &str, lang: &str) -> Found {
    let f = scan(text, lang, None);
    assert_eq!(f.len(), 1, "{text:?} gave {f:#?}");
    f.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn value(text: &str, lang: &str) -> f64 {
    one(text, lang).value
}

fn q(text: &str, lang: &str) -> Quantity {
    let folded = crate::text::fold::fold_str(text);
    parse_quantity(&folded, lang).unwrap_or_else(|| panic!("no quantity in {text:?}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn compile(src: &str) -> Regex {
    RegexBuilder::new(src)
        .unicode(false)
        .build()
        .unwrap_or_else(|e| panic!("pattern does not compile: {e}"))
}

// ---------------------------------------------------------------- digits

#[test]
fn french_digits_with_every_separator() {
    assert_eq!(value("2 000 morts", "fr"), 2000.0);
    assert_eq!(value("2\u{a0}000 morts", "fr"), 2000.0);
    assert_eq!(value("2\u{202f}000 morts", "fr"), 2000.0);
    assert_eq!(value("120.000 déplacés", "fr"), 120000.0);
    assert_eq!(value("1 234 567", "fr"), 1234567.0);
    assert_eq!(value("7,5", "fr"), 7.5);
    // The span is the original text, no-break spaces included.
    let f = one("bilan : 2\u{202f}000 morts", "fr");
    assert_eq!(f.text, "2\u{202f}000");
}

#[test]
fn english_digits_with_every_separator() {
    assert_eq!(value("1,234,567", "en"), 1234567.0);
    assert_eq!(value("2.5", "en"), 2.5);
    assert_eq!(value("12,567 words", "en"), 12567.0);
}

#[test]
fn a_group_separator_needs_exactly_three_digits() {
    let f = scan("423 0000", "fr", None);
    assert_eq!(
        f.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![423.0, 0.0]
    );
    let f = scan("1, 234, 567", "en", None);
    assert_eq!(f.len(), 3);
    let f = scan("12 34", "fr", None);
    assert_eq!(
        f.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![12.0, 34.0]
    );
}

#[test]
fn digits_with_multipliers() {
    assert_eq!(value("7,5 millions", "fr"), 7_500_000.0);
    assert_eq!(value("2.5 million", "en"), 2_500_000.0);
    assert_eq!(value("47 mille", "fr"), 47_000.0);
    assert_eq!(value("10k", "en"), 10_000.0);
    assert_eq!(value("2 millions", "fr"), 2_000_000.0);
    assert_eq!(value("3 milliards", "fr"), 3e9);
    assert_eq!(value("$1.2bn", "en"), 1.2e9);
}

#[test]
fn units_glued_to_digits_are_not_counts() {
    assert!(
        scan("une route de 29km", "fr", None)
            .iter()
            .all(|f| f.value != 29.0)
    );
    assert!(scan("the 180ml liquid", "en", None).is_empty());
    assert!(scan("les rebelles du M23", "fr", None).is_empty());
    assert!(scan("the May 4th", "en", None).is_empty());
}

// ---------------------------------------------------------------- words

#[test]
fn french_number_words() {
    assert_eq!(value("vingt-neuf", "fr"), 29.0);
    assert_eq!(value("quatre-vingt-dix", "fr"), 90.0);
    assert_eq!(value("deux cents", "fr"), 200.0);
    assert_eq!(value("mille cent", "fr"), 1100.0);
    assert_eq!(value("soixante", "fr"), 60.0);
    assert_eq!(value("quatre", "fr"), 4.0);
    assert_eq!(value("soixante et onze", "fr"), 71.0);
    assert_eq!(value("quatre vingt dix neuf", "fr"), 99.0);
    assert_eq!(value("deux cent deux mille", "fr"), 202_000.0);
    assert_eq!(value("vingt-un", "fr"), 21.0);
    assert_eq!(value("un million deux cent mille", "fr"), 1_200_000.0);
}

#[test]
fn english_number_words() {
    assert_eq!(value("twenty-nine", "en"), 29.0);
    assert_eq!(value("a hundred and twelve", "en"), 112.0);
    assert_eq!(value("one hundred fifty-seven", "en"), 157.0);
    assert_eq!(value("two thousand and two hundred", "en"), 2200.0);
    assert_eq!(value("twenty-one trillion", "en"), 21e12);
    assert_eq!(value("3 hundred and 21", "en"), 321.0);
}

/// The accumulator reads whole runs of number words to the values text2num
/// gave them (the crate the pack grammar replaced).
#[test]
fn the_accumulator_reads_runs_of_number_words() {
    let fr: &[(&str, f64)] = &[
        ("vingt-neuf", 29.0),
        ("quatre-vingt-dix", 90.0),
        ("deux cents", 200.0),
        ("mille cent", 1100.0),
        ("soixante", 60.0),
        ("quatre", 4.0),
        ("vingt et un", 21.0),
        ("soixante et onze", 71.0),
        ("dix sept", 17.0),
        ("quatre vingt dix neuf", 99.0),
        ("neuf mille neuf cent quatre-vingt-dix neuf", 9999.0),
        ("deux cent deux mille", 202_000.0),
        ("trois million sept", 3_000_007.0),
        ("cent mille", 100_000.0),
        ("nonante", 90.0),
        ("zero", 0.0),
        ("quatre-vingts", 80.0),
        ("cinq cent trente cinq", 535.0),
        ("trois cent trente et un", 331.0),
        ("deux millions", 2_000_000.0),
        ("un milliard", 1e9),
    ];
    let en: &[(&str, f64)] = &[
        ("twenty-nine", 29.0),
        ("one hundred fifty-seven", 157.0),
        ("one hundred and twelve", 112.0),
        ("twenty and four", 24.0),
        ("two hundred and two thousand", 202_000.0),
        ("two thousand and two hundred", 2200.0),
        ("ninety-five hundred", 9500.0),
        ("three hundred and thirty one", 331.0),
        ("nineteen hundred", 1900.0),
        ("nought", 0.0),
        ("zero", 0.0),
        ("one million two thousand two hundred three", 1_002_203.0),
        ("fifty two", 52.0),
        ("one billion", 1e9),
    ];
    for (lang, list) in [("fr", fr), ("en", en)] {
        let lang = pack(lang);
        for &(s, want) in list {
            let toks = lex::tokenize(s, &lang.seps);
            let p = TokenParser::new(s, &toks, lang);
            let c = p.cardinal(0, usize::MAX).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(c.end, toks.len(), "{s}: whole run");
            assert!(close(c.value(), want), "{s}: {} vs {want}", c.value());
        }
    }
}

#[test]
fn fractions_and_mixed_numbers() {
    assert_eq!(value("trois quarts", "fr"), 0.75);
    assert_eq!(value("un million et demi", "fr"), 1_500_000.0);
    assert_eq!(value("3 millions et demi", "fr"), 3_500_000.0);
    assert_eq!(value("one and a half", "en"), 1.5);
    assert_eq!(value("half a dozen", "en"), 6.0);
    assert!(close(
        value("one hundred thirty fifths", "en"),
        100.0 / 35.0
    ));
    assert_eq!(value("un sur trois", "fr"), 1.0 / 3.0);
}

// ---------------------------------------------------------------- articles

#[test]
fn articles_in_scan() {
    // French "un"/"une" alone is read as 1, as the conformance suite expects.
    assert_eq!(value("un mort", "fr"), 1.0);
    assert_eq!(value("sous la pluie et un vent glacial", "fr"), 1.0);
    // English "a"/"an" alone never is; "one" is, unless it is a pronoun.
    assert!(scan("a man was killed", "en", None).is_empty());
    assert!(scan("an attack", "en", None).is_empty());
    assert!(scan("the one you mentioned", "en", None).is_empty());
    assert_eq!(value("one soldier was killed", "en"), 1.0);
    assert_eq!(value("a hundred people", "en"), 100.0);
    assert_eq!(value("une dizaine", "fr"), 10.0);
}

#[test]
fn an_article_alone_counts_one_only_where_the_pack_says() {
    let fr = crate::lang::Languages::builtin();
    let scanner = crate::quantity::tokens::FigureScanner::new(fr.get("fr")).unwrap();
    let count = |s: &str| scanner.tokenize(s).figure_count();
    assert_eq!(count("six morts en roumanie et une en autriche"), 2);
    assert_eq!(count("une personne a ete tuee"), 1);
    assert_eq!(count("une frappe a touche un immeuble"), 0);
    assert_eq!(count("un million de deplaces"), 1);
    assert_eq!(count("une dizaine de morts et une centaine de blesses"), 2);
}

#[test]
fn articles_in_the_pattern() {
    let fr = compile(&format!(r"{} morts?", quantity_pattern("fr")));
    assert!(
        !fr.is_match(b"un mort"),
        "a bare article is not a quantity for rules"
    );
    assert!(fr.is_match(b"au moins un mort"));
    assert!(fr.is_match(b"un millier de morts"));
    assert!(fr.is_match(b"une dizaine de morts"));
    let en = compile(&format!(r"{} dead", quantity_pattern("en")));
    assert!(!en.is_match(b"a dead"));
    assert!(en.is_match(b"a hundred dead"));
    assert!(en.is_match(b"at least one dead"));
    // parse_quantity reads a bare article it is given as 1.
    assert_eq!(q("un", "fr").value, 1.0);
}

// ---------------------------------------------------------------- qualifiers

fn check_qualifier(text: &str, lang: &str, want: Qualifier, v: f64) {
    let got = q(text, lang);
    assert_eq!(got.qualifier, want, "{text}");
    assert!(close(got.value, v), "{text}: {}", got.value);
    let (low, high) = match want {
        Qualifier::AtLeast | Qualifier::MoreThan => (Some(v), None),
        Qualifier::AtMost | Qualifier::LessThan => (None, Some(v)),
        Qualifier::About => (Some(v * 9.0 / 10.0), Some(v * 11.0 / 10.0)),
        Qualifier::Exact => (Some(v), Some(v)),
        Qualifier::Range => return,
    };
    let eq = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    };
    assert!(eq(got.low, low) && eq(got.high, high), "{text}: {got:?}");
    // Every qualifier phrase is matched whole by the pattern, and scan agrees.
    let re = compile(&format!("^(?:{})$", quantity_pattern(lang)));
    assert!(
        re.is_match(crate::text::fold::fold_str(text).as_bytes()),
        "pattern misses {text:?}"
    );
    let f = scan(text, lang, None);
    assert!(
        f.iter().any(|f| f.qualifier == want && close(f.value, v)),
        "scan {text:?}: {f:?}"
    );
}

#[test]
fn qualifiers_become_intervals() {
    use Qualifier::*;
    let cases: &[(&str, &str, Qualifier, f64)] = &[
        ("at least 20", "en", AtLeast, 20.0),
        ("no fewer than 20", "en", AtLeast, 20.0),
        ("au moins 20", "fr", AtLeast, 20.0),
        ("pas moins de 20", "fr", AtLeast, 20.0),
        ("more than 20", "en", MoreThan, 20.0),
        ("over 20", "en", MoreThan, 20.0),
        ("plus de 20", "fr", MoreThan, 20.0),
        ("plus d'un million", "fr", MoreThan, 1e6),
        ("at most 20", "en", AtMost, 20.0),
        ("up to 20", "en", AtMost, 20.0),
        ("as many as 20", "en", AtMost, 20.0),
        ("jusqu'à 20", "fr", AtMost, 20.0),
        ("jusqu’à 20", "fr", AtMost, 20.0),
        ("au plus 20", "fr", AtMost, 20.0),
        ("less than 20", "en", LessThan, 20.0),
        ("fewer than 20", "en", LessThan, 20.0),
        ("under 20", "en", LessThan, 20.0),
        ("moins de 20", "fr", LessThan, 20.0),
        ("about 20", "en", About, 20.0),
        ("around 20", "en", About, 20.0),
        ("approximately 20", "en", About, 20.0),
        ("roughly 20", "en", About, 20.0),
        ("some 20", "en", About, 20.0),
        ("nearly 20", "en", About, 20.0),
        ("almost 20", "en", About, 20.0),
        ("environ 20", "fr", About, 20.0),
        ("près de 20", "fr", About, 20.0),
        ("quelque 20", "fr", About, 20.0),
        ("quelques 200", "fr", About, 200.0),
        ("d'environ 20", "fr", About, 20.0),
        ("20 ou plus", "fr", AtLeast, 20.0),
        ("20 or more", "en", AtLeast, 20.0),
        (">30", "en", MoreThan, 30.0),
        ("<= 30", "en", AtMost, 30.0),
        ("supérieur ou égal à 30", "fr", AtLeast, 30.0),
        ("plus d'une centaine", "fr", MoreThan, 100.0),
    ];
    for &(text, lang, want, v) in cases {
        check_qualifier(text, lang, want, v);
    }
}

#[test]
fn ranges_keep_the_conservative_bound() {
    let cases: &[(&str, &str, f64, f64)] = &[
        ("between 20 and 30", "en", 20.0, 30.0),
        ("from 20 to 30", "en", 20.0, 30.0),
        ("entre 20 et 30", "fr", 20.0, 30.0),
        ("de 20 à 30", "fr", 20.0, 30.0),
        ("20 à 30", "fr", 20.0, 30.0),
        ("20-30", "fr", 20.0, 30.0),
        ("20–30", "en", 20.0, 30.0),
        ("20 to 30", "en", 20.0, 30.0),
        ("deux à trois millions", "fr", 2e6, 3e6),
        ("between 2 and 3 million", "en", 2e6, 3e6),
    ];
    for &(text, lang, lo, hi) in cases {
        let got = q(text, lang);
        assert_eq!(got.qualifier, Qualifier::Range, "{text}");
        assert_eq!(
            (got.value, got.low, got.high),
            (lo, Some(lo), Some(hi)),
            "{text}"
        );
        // The pattern covers the range; a "de" before it is left to the
        // rules ("un bilan de 20 à 30 morts").
        let re = compile(&format!("(?:{})$", quantity_pattern(lang)));
        let folded = crate::text::fold::fold_str(text);
        let m = re.find(folded.as_bytes());
        assert!(
            m.is_some_and(|m| matches!(&folded[..m.start()], "" | "de ")),
            "pattern misses {text:?}"
        );
        let f = one(text, lang);
        assert_eq!(
            (f.qualifier, f.low, f.high),
            (Qualifier::Range, Some(lo), Some(hi)),
            "{text}"
        );
    }
    // Dates and phone numbers are not ranges.
    assert!(
        scan("1995-01", "en", None)
            .iter()
            .all(|f| f.qualifier != Qualifier::Range)
    );
    assert!(
        scan("+1-222-2222-2222", "en", None)
            .iter()
            .all(|f| f.qualifier != Qualifier::Range)
    );
}

// ---------------------------------------------------------------- vague

#[test]
fn vague_quantities_from_the_lexicon() {
    use Qualifier::*;
    type Case<'a> = (&'a str, &'a str, f64, Option<f64>, Option<f64>, Qualifier);
    let cases: &[Case] = &[
        ("une dizaine", "fr", 10.0, Some(8.0), Some(12.0), About),
        ("une vingtaine", "fr", 20.0, Some(16.0), Some(24.0), About),
        ("une centaine", "fr", 100.0, Some(80.0), Some(120.0), About),
        ("un millier", "fr", 1000.0, Some(800.0), Some(1200.0), About),
        ("des dizaines", "fr", 20.0, Some(20.0), None, AtLeast),
        ("des centaines", "fr", 200.0, Some(200.0), None, AtLeast),
        ("des milliers", "fr", 2000.0, Some(2000.0), None, AtLeast),
        (
            "plusieurs milliers",
            "fr",
            2000.0,
            Some(2000.0),
            None,
            AtLeast,
        ),
        ("dozens", "en", 24.0, Some(24.0), None, AtLeast),
        ("hundreds", "en", 200.0, Some(200.0), None, AtLeast),
        ("thousands", "en", 2000.0, Some(2000.0), None, AtLeast),
        (
            "tens of thousands",
            "en",
            20000.0,
            Some(20000.0),
            None,
            AtLeast,
        ),
        ("a dozen", "en", 12.0, Some(10.0), Some(14.0), About),
        ("several hundred", "en", 200.0, Some(200.0), None, AtLeast),
    ];
    for &(text, lang, v, lo, hi, qual) in cases {
        let got = q(text, lang);
        assert_eq!(
            (got.value, got.low, got.high, got.qualifier),
            (v, lo, hi, qual),
            "{text}"
        );
        let f = one(text, lang);
        assert_eq!((f.value, f.qualifier), (v, qual), "{text}");
        let re = compile(&format!("^(?:{})$", quantity_pattern(lang)));
        assert!(re.is_match(text.as_bytes()), "pattern misses {text:?}");
    }
    // "{quantity} morts" reads "des milliers de morts".
    let re = compile(&format!("{} morts", quantity_pattern("fr")));
    let m = re
        .find(b"on compte des milliers de morts")
        .map(|m| m.as_bytes().to_vec());
    assert_eq!(m.as_deref(), Some(&b"des milliers de morts"[..]));
    assert_eq!(q("des milliers de", "fr").value, 2000.0);
    // A qualifier bounds a vague quantity too.
    let got = q("plus d'une centaine", "fr");
    assert_eq!((got.qualifier, got.value), (Qualifier::MoreThan, 100.0));
}

#[test]
fn lexicons_are_in_the_packs() {
    assert!(!pack("fr").lexicon.vague.is_empty());
    assert!(!pack("en").lexicon.before.is_empty());
    assert!(pack("de").lexicon.before.is_empty());
}

mod later;

/// Official releases restate a figure in words in digits: one figure, to
/// the closing parenthesis; digits that differ stay a figure of their own.
#[test]
fn a_figure_in_words_restated_in_digits_is_one_figure() {
    let f = one("thirty-nine (39) people", "en");
    assert_eq!(f.value, 39.0);
    assert_eq!(
        &"thirty-nine (39) people"[f.start..f.end],
        "thirty-nine (39)"
    );
    assert_eq!(value("trois cent soixante et un (361)", "fr"), 361.0);
    assert_eq!(scan("thirty-nine (40) people", "en", None).len(), 2);
}
