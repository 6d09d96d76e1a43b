//! Durations, patterns and robustness.

use super::*;

// ---------------------------------------------------------------- durations

fn dur(text: &str, lang: &str, doc: Option<Date>) -> Quantity {
    let folded = crate::text::fold::fold_str(text);
    let re = compile(&format!("^(?:{})$", duration_pattern(lang)));
    assert!(
        re.is_match(folded.as_bytes()),
        "duration pattern misses {folded:?}"
    );
    parse_duration(&folded, lang, doc).unwrap_or_else(|| panic!("no duration in {text:?}"))
}

#[test]
fn lengths_keep_their_unit() {
    use TimeUnit::*;
    let cases: &[(&str, &str, f64, TimeUnit)] = &[
        ("six semaines", "fr", 6.0, Weeks),
        ("44 jours", "fr", 44.0, Days),
        ("dix mois", "fr", 10.0, Months),
        ("8 mois", "fr", 8.0, Months),
        ("neuf mois", "fr", 9.0, Months),
        ("for nine months", "en", 9.0, Months),
        ("deux ans", "fr", 2.0, Years),
        ("a year and a half", "en", 1.5, Years),
        ("un an et demi", "fr", 1.5, Years),
        ("quinze jours", "fr", 2.0, Weeks),
        ("pendant trois semaines", "fr", 3.0, Weeks),
        ("over the past nine months", "en", 9.0, Months),
    ];
    for &(text, lang, v, unit) in cases {
        let got = dur(text, lang, None);
        assert_eq!(
            (got.value, got.unit, got.qualifier),
            (v, Some(unit), Qualifier::Exact),
            "{text}"
        );
        let f = one(text, lang);
        assert_eq!((f.value, f.unit), (v, Some(unit)), "scan {text}");
        assert_eq!(f.text, text, "the marker word is part of the span");
    }
    let got = dur("quelques semaines", "fr", None);
    assert_eq!(
        (got.value, got.unit, got.qualifier),
        (3.0, Some(Weeks), Qualifier::About)
    );
    let got = dur("plus de neuf mois", "fr", None);
    assert_eq!(
        (got.value, got.qualifier, got.low, got.high),
        (9.0, Qualifier::MoreThan, Some(9.0), None)
    );
    let got = dur("six à huit mois", "fr", None);
    assert_eq!(
        (got.qualifier, got.low, got.high),
        (Qualifier::Range, Some(6.0), Some(8.0))
    );
    // Compound lengths are summed; a comma list is not.
    let got = dur("un an, un mois et 21 jours", "fr", None);
    assert_eq!((got.value, got.unit), (365.0 + 30.0 + 21.0, Some(Days)));
    let got = dur("1 hour and 30 minutes", "en", None);
    assert_eq!((got.value, got.unit), (90.0, Some(Minutes)));
    let f = scan("six semaines, un an et demi", "fr", None);
    assert_eq!(
        f.iter().map(|f| f.value).collect::<Vec<_>>(),
        vec![6.0, 1.5]
    );
    // A clock time is not a length.
    assert!(
        scan("à 3 heures", "fr", None)
            .iter()
            .all(|f| f.unit.is_none())
    );
}

#[test]
fn since_dates_count_months_against_the_document_date() {
    let doc = date(2023, 9, 20);
    let got = dur("depuis décembre 2022", "fr", Some(doc));
    assert_eq!(got.value, 9.0);
    assert_eq!(got.unit, Some(TimeUnit::Months));
    assert_eq!(got.qualifier, Qualifier::About);
    assert_eq!(got.since, Some(date(2022, 12, 1)));
    let (low, high) = (got.low.unwrap_or(0.0), got.high.unwrap_or(0.0));
    // From 31 December: 8 months and 20 days; from 1 December: 9 months and 19 days.
    assert!(low > 8.6 && low < 8.7, "{low}");
    assert!(high > 9.6 && high < 9.7, "{high}");
    // Without a document date there is nothing to count against.
    assert_eq!(parse_duration("depuis decembre 2022", "fr", None), None);

    let got = dur("depuis le 12 décembre", "fr", Some(doc));
    assert_eq!(got.since, Some(date(2022, 12, 12)));
    // One possible start day: the value is the exact elapsed months (9 and 8 days).
    assert_eq!(got.low, got.high);
    assert_eq!(Some(got.value), got.low);
    assert!(got.value > 9.2 && got.value < 9.3, "{}", got.value);

    // "since December" is the most recent December before the document.
    let got = dur("since December", "en", Some(doc));
    assert_eq!(got.since, Some(date(2022, 12, 1)));
    let got = dur("since December", "en", Some(date(2024, 1, 10)));
    assert_eq!((got.since, got.value), (Some(date(2023, 12, 1)), 1.0));
    let got = dur("since last December", "en", Some(date(2023, 12, 15)));
    assert_eq!(got.since, Some(date(2022, 12, 1)));
    let got = dur("since 12 December 2022", "en", Some(doc));
    assert_eq!(got.since, Some(date(2022, 12, 12)));
    assert!((got.value - 9.2667).abs() < 1e-3, "{}", got.value);

    // scan keeps the start date.
    let f = scan("Le blocus dure depuis décembre 2022.", "fr", Some(doc));
    let d = f
        .iter()
        .find(|f| f.unit.is_some())
        .unwrap_or_else(|| panic!("{f:?}"));
    assert_eq!(
        (d.text.as_str(), d.since),
        ("depuis décembre 2022", Some(date(2022, 12, 1)))
    );
    // A date after the document is not a duration.
    assert_eq!(
        parse_duration("depuis decembre 2025", "fr", Some(doc)),
        None
    );
}

#[test]
fn convert_uses_thirty_day_months_and_keeps_since() {
    let nine = with_qualifier(9.0, Qualifier::Exact, Some(TimeUnit::Months));
    let days = convert(&nine, TimeUnit::Days);
    assert_eq!((days.value, days.unit), (270.0, Some(TimeUnit::Days)));
    let year = with_qualifier(1.0, Qualifier::Exact, Some(TimeUnit::Years));
    assert_eq!(convert(&year, TimeUnit::Days).value, 365.0);
    // A year is twelve months, not 365 / 30.
    assert_eq!(convert(&year, TimeUnit::Months).value, 12.0);
    let weeks = with_qualifier(6.0, Qualifier::AtLeast, Some(TimeUnit::Weeks));
    let w = convert(&weeks, TimeUnit::Days);
    assert_eq!((w.value, w.low, w.high), (42.0, Some(42.0), None));
    let since = dur("depuis décembre 2022", "fr", Some(date(2023, 9, 20)));
    let d = convert(&since, TimeUnit::Days);
    assert_eq!(d.since, since.since);
    assert_eq!(d.value, 270.0);
    // A count has no unit to convert.
    let c = Quantity::exact(3.0);
    assert_eq!(convert(&c, TimeUnit::Days), c);
}

// ---------------------------------------------------------------- patterns

#[test]
fn patterns_compile_without_capture_groups() {
    for lang in ["fr", "en", "de", ""] {
        for src in [quantity_pattern(lang), duration_pattern(lang)] {
            let re = compile(&format!(r"(?:le bilan de )?{src}(?: morts)?"));
            assert_eq!(re.captures_len(), 1, "capture group in the {lang} pattern");
            let re = regex::Regex::new(src);
            assert!(re.is_ok(), "{re:?}");
        }
    }
    let de = compile(quantity_pattern("de"));
    assert!(de.is_match(b"mindestens 20 Tote"));
    assert_eq!(parse_quantity("20", "de").map(|q| q.value), Some(20.0));
}

#[test]
fn pattern_spans_parse_back() {
    let fr = [
        "29",
        "2 000",
        "120.000",
        "7,5 millions",
        "47 mille",
        "vingt-neuf",
        "quatre-vingt-dix",
        "deux cents",
        "mille cent",
        "au moins 29",
        "plus de 120.000",
        "une dizaine",
        "des milliers de",
        "entre 20 et 30",
        "un million et demi",
        "pres de 300",
    ];
    let en = [
        "29",
        "1,234,567",
        "2.5 million",
        "10k",
        "twenty-nine",
        "a hundred and twelve",
        "one hundred fifty-seven",
        "at least 29",
        "dozens of",
        "between 20 and 30",
        "several hundred",
        "two and a half",
    ];
    for (lang, list) in [("fr", &fr[..]), ("en", &en[..])] {
        let re = compile(&format!("^(?:{})$", quantity_pattern(lang)));
        for s in list {
            assert!(re.is_match(s.as_bytes()), "{lang} pattern misses {s:?}");
            assert!(
                parse_quantity(s, lang).is_some(),
                "{lang} cannot parse {s:?}"
            );
        }
    }
    // Found inside running text, the span is the whole figure.
    let re = compile(&format!(r"{} morts", quantity_pattern("fr")));
    let m = re
        .find(b"le bilan fait etat de 1 234 morts")
        .map(|m| m.as_bytes().to_vec());
    assert_eq!(m.as_deref(), Some(&b"1 234 morts"[..]));
}

// ---------------------------------------------------------------- robustness

#[test]
fn bad_input_never_panics() {
    assert!(
        scan("999999999999999999999", "en", None)
            .iter()
            .all(|f| f.value.is_finite() && f.value < 1e16)
    );
    let long = "7".repeat(10_000);
    assert!(scan(&long, "fr", None).is_empty());
    // Figures past MAX_FIGURE are not counts: nothing is read.
    assert!(scan("1e308", "en", None).is_empty());
    for s in [
        "1e309",
        "1,,2",
        "1 . 2",
        ",5",
        "1..2",
        "--3",
        "١٢٣ 20 Μ ½ ３",
        "\u{202f}",
        "",
        "e",
        "^^",
    ] {
        for lang in ["fr", "en", "xx"] {
            let found = scan(s, lang, Some(date(2024, 1, 1)));
            for f in found {
                assert!(f.value.is_finite(), "{s:?}");
                assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            }
        }
    }
    assert_eq!(value(",5", "fr"), 0.5);
    assert_eq!(parse_quantity("", "fr"), None);
    assert_eq!(parse_duration("", "en", None), None);
}

/// Writes `n` with a separator convention: fr space, fr U+00A0, fr U+202F,
/// fr dot, en comma, none.
fn written(n: u64, style: usize) -> (String, &'static str) {
    let digits = n.to_string();
    let (sep, lang) = match style {
        0 => (Some(" "), "fr"),
        1 => (Some("\u{a0}"), "fr"),
        2 => (Some("\u{202f}"), "fr"),
        3 => (Some("."), "fr"),
        4 => (Some(","), "en"),
        _ => (None, if n.is_multiple_of(2) { "fr" } else { "en" }),
    };
    let Some(sep) = sep else {
        return (digits, lang);
    };
    let mut out = String::new();
    let lead = digits.len() % 3;
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (i + 3 - lead).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    (out, lang)
}

/// Words the grammar reacts to, for the word-soup property.
const SOUP: &[&str] = &[
    "un",
    "une",
    "vingt",
    "et",
    "-",
    "cent",
    "mille",
    "millions",
    "demi",
    "quart",
    "tiers",
    "cinquiemes",
    "unieme",
    "a",
    "an",
    "and",
    "hundred",
    "half",
    "fifths",
    "twenty",
    "first",
    "one",
    "point",
    "virgule",
    "sur",
    "over",
    "in",
    "out",
    "of",
    "entre",
    "between",
    "de",
    "d'",
    "à",
    "to",
    "or",
    "ou",
    "plus",
    "moins",
    "au",
    "at",
    "least",
    "more",
    "than",
    "depuis",
    "since",
    "le",
    "12",
    "1er",
    "décembre",
    "2022",
    "december",
    "last",
    "fin",
    "mois",
    "ans",
    "weeks",
    "h",
    "3",
    "1 000",
    "2,5",
    "1.5",
    "/",
    "½",
    "the",
    "tenth",
    "dixième",
    "quelques",
    "few",
    "des",
    "milliers",
    "dozen",
    "douzaine",
    "for",
    "pendant",
    "toute",
    "la",
    "semaine",
    "all",
    "day",
    "another",
    "autre",
    "k",
    "bn",
    "equal",
    "égal",
    "less",
    "greater",
    "<",
    ">",
    "=",
    "~",
    ",",
    ".",
    "minus",
    "negatif",
    "moitie",
    "quatre",
    "dix",
    "sept",
    "soixante",
    "nought",
    "e",
    "^",
    "lakh",
    "crore",
    "trillion",
    "billion",
    "999999999999999",
    "0",
    "00",
    "x10^",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn integers_read_back_with_any_separator(n in 0u64..1_000_000_000_000, style in 0usize..6) {
        let (s, lang) = written(n, style);
        let found = scan(&s, lang, None);
        prop_assert_eq!(found.len(), 1, "{:?} -> {:?}", s, found);
        prop_assert_eq!(found[0].value, n as f64, "{:?}", s);
        prop_assert_eq!(&found[0].text, &s);
        let text = if lang == "fr" { format!("Bilan : {s} morts.") } else { format!("Toll: {s} dead.") };
        let found = scan(&text, lang, None);
        prop_assert!(found.iter().any(|f| f.value == n as f64), "{:?} -> {:?}", text, found);
    }

    #[test]
    fn random_text_never_panics(s in "\\PC{0,60}", lang in prop_oneof![Just("fr"), Just("en"), Just("zz")]) {
        for f in scan(&s, lang, Some(date(2024, 5, 1))) {
            prop_assert!(f.start <= f.end && f.end <= s.len());
            prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
            prop_assert_eq!(&s[f.start..f.end], f.text.as_str());
            prop_assert!(f.value.is_finite());
        }
        let _ = parse_quantity(&s, lang);
        let _ = parse_duration(&s, lang, Some(date(2024, 5, 1)));
    }

    #[test]
    fn word_soup_never_panics(words in prop::collection::vec(prop::sample::select(SOUP), 0..24), glue in any::<bool>()) {
        let s = words.join(if glue { "" } else { " " });
        for lang in ["fr", "en"] {
            for f in scan(&s, lang, Some(date(2023, 9, 20))) {
                prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                prop_assert!(f.value.is_finite(), "{:?}", s);
                prop_assert!(f.low.is_none_or(f64::is_finite) && f.high.is_none_or(f64::is_finite));
            }
            let folded = crate::text::fold::fold_str(&s);
            let _ = parse_quantity(&folded, lang);
            let _ = parse_duration(&folded, lang, Some(date(2023, 9, 20)));
        }
    }

    #[test]
    fn number_soup_never_panics(s in "[0-9 .,'/^e+\\-a-z\u{a0}\u{202f}]{0,40}") {
        for lang in ["fr", "en"] {
            for f in scan(&s, lang, None) {
                prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                prop_assert!(f.value.is_finite());
            }
        }
    }
}
