//! Events and verdicts on corpora that mix events: which figures are
//! compared, and what the comparison says. The articles are our own words;
//! where a shape comes from real copy, the report it was modelled on is named.

mod support;

use support::{run_ok, temp_dir, write_files};

fn report(files: &[(String, String)], name: &str) -> serde_json::Value {
    let dir = temp_dir(name);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    write_files(&dir, &refs);
    let out = run_ok(&["report", dir.to_str().unwrap(), "--format", "json"], 0);
    serde_json::from_str(&out).unwrap()
}

fn article(name: &str, lang: &str, date: &str, body: &str) -> (String, String) {
    (
        name.to_string(),
        format!("---\nlang: {lang}\ndate: {date}\n---\n{body}\n"),
    )
}

fn groups(r: &serde_json::Value) -> &Vec<serde_json::Value> {
    r["groups"].as_array().unwrap()
}

/// The group holding the claim of `doc` with figure `value`.
fn group_of<'a>(r: &'a serde_json::Value, doc: &str, value: i64) -> &'a serde_json::Value {
    groups(r)
        .iter()
        .find(|g| {
            g["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["doc"] == doc && c["value"].as_i64() == Some(value))
        })
        .unwrap_or_else(|| panic!("no claim {value} of {doc}"))
}

/// The claim of `doc` with figure `value`.
fn claim_of<'a>(r: &'a serde_json::Value, doc: &str, value: i64) -> &'a serde_json::Value {
    group_of(r, doc, value)["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["doc"] == doc && c["value"].as_i64() == Some(value))
        .unwrap()
}

/// Asserts that two claims (document, figure) share one group.
fn assert_same_group(r: &serde_json::Value, a: (&str, i64), b: (&str, i64)) {
    assert_eq!(
        group_of(r, a.0, a.1)["id"],
        group_of(r, b.0, b.1)["id"],
        "{r:#}"
    );
}

#[test]
fn two_disasters_of_one_week_in_two_countries_are_two_events() {
    let r = report(
        &[
            article(
                "quake1.md",
                "en",
                "2025-03-29",
                "An earthquake struck Myanmar on Friday. Myanmar's military government said the death toll rose to 1,644.",
            ),
            article(
                "strike1.md",
                "en",
                "2025-04-03",
                "A Russian missile hit a market in the Ukrainian city. Ukraine's interior ministry said at least 34 people were killed.",
            ),
            article(
                "quake2.md",
                "en",
                "2025-04-01",
                "Rescuers in Myanmar kept digging. The death toll from the earthquake has reached 2,719, Myanmar's junta said.",
            ),
        ],
        "two-disasters",
    );
    let quake = group_of(&r, "quake1.md", 1644);
    let strike = group_of(&r, "strike1.md", 34);
    assert_ne!(quake["id"], strike["id"]);
    assert_eq!(quake["id"], group_of(&r, "quake2.md", 2719)["id"]);
    assert_eq!(quake["verdict"], "update");
    assert!(quake["event"].as_str().unwrap().starts_with("myanmar "));
}

#[test]
fn a_toll_rising_over_five_days_is_an_update() {
    let files: Vec<(String, String)> = [(19, 27), (20, 32), (21, 118), (22, 190), (23, 200)]
        .iter()
        .map(|(day, n)| {
            article(
                &format!("d{day}.md"),
                "fr",
                &format!("2023-09-{day}"),
                &format!(
                    "Le Haut-Karabakh a été frappé par l'Azerbaïdjan. Au moins {n} personnes ont été tuées, selon les autorités du Haut-Karabakh."
                ),
            )
        })
        .collect();
    let r = report(&files, "five-days");
    let g = group_of(&r, "d19.md", 27);
    assert_eq!(g["claims"].as_array().unwrap().len(), 5);
    assert_eq!(g["verdict"], "update");
    // UCDP's low / best / high: the latest count is the best estimate.
    assert_eq!(
        (&g["low"], &g["best"], &g["high"]),
        (&27.into(), &200.into(), &200.into())
    );
}

#[test]
fn one_disasters_tolls_in_two_countries_are_not_compared() {
    // Shape: a cyclone's toll given per country in one sentence
    // (https://www.theeastafrican.co.ke/tea/rest-of-africa/cyclone-freddy-death-toll-passes-200-4159094).
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2023-03-15",
                "Cyclone Freddy hit Malawi again. At least 190 people died in Malawi, while 20 people died in Mozambique, officials said.",
            ),
            article(
                "b.md",
                "fr",
                "2023-03-16",
                "Le cyclone Freddy a frappé le Malawi. Au moins 200 personnes sont mortes au Malawi, selon le gouvernement du Malawi.",
            ),
        ],
        "two-countries",
    );
    let malawi = group_of(&r, "a.md", 190);
    let mozambique = group_of(&r, "a.md", 20);
    assert_ne!(malawi["id"], mozambique["id"]);
    assert_eq!(mozambique["place"], "mozambique");
    assert_eq!(malawi["id"], group_of(&r, "b.md", 200)["id"]);
    assert!(!["contradiction", "divergent"].contains(&malawi["verdict"].as_str().unwrap()));
}

#[test]
fn a_part_of_an_articles_toll_does_not_contradict_it() {
    // Shape: a national toll, then one region's share of it
    // (https://lechodalgerie.dz/seisme-au-myanmar-mandalay-est-la-region-la-plus-durement-touchee-avec-2-053-morts).
    let r = report(
        &[
            article(
                "a.md",
                "fr",
                "2025-04-05",
                "Le séisme au Myanmar a fait 3 145 morts, selon la junte du Myanmar. La région de Sagaing compte 471 morts.",
            ),
            article(
                "b.md",
                "fr",
                "2025-04-05",
                "Au Myanmar, le bilan du séisme s'élève à 3 100 morts, selon la junte du Myanmar.",
            ),
        ],
        "part",
    );
    let g = group_of(&r, "a.md", 3145);
    assert!(
        !["contradiction", "divergent"].contains(&g["verdict"].as_str().unwrap()),
        "{g}"
    );
}

#[test]
fn a_five_year_feed_never_makes_a_group_longer_than_its_window() {
    // One article every ten days for five years on the same war.
    let files: Vec<(String, String)> = (0..183)
        .map(|k| {
            let date = jiff::civil::date(2020, 1, 1)
                .checked_add(jiff::Span::new().days(10 * k))
                .unwrap();
            article(
                &format!("a{k:03}.md"),
                "en",
                &date.to_string(),
                &format!(
                    "Fighting went on in Ukraine. At least {} people were killed, Ukraine's interior ministry said.",
                    10 + k
                ),
            )
        })
        .collect();
    let r = report(&files, "five-years");
    let mut spans = 0;
    for g in groups(&r) {
        let dates: Vec<jiff::civil::Date> = g["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["date"].as_str()?.parse().ok())
            .collect();
        let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
            continue;
        };
        assert!((*last - *first).get_days() <= 21, "{}", g["event"]);
        spans += 1;
    }
    assert!(spans >= 60, "{spans} groups");
}

/// Two parties of one war each count their own dead: Israel's count in an
/// article about Iran's toll, and a figure the text places on a side
/// (« En Israël, … », "on the Tajik side"), are not compared with the
/// article's own country's toll. Shapes modelled on AFP's Israel–Iran
/// reports of June 2025 (https://www.france24.com/fr/moyen-orient/20250616-israel-iran-frappes-bilan)
/// and ReliefWeb's Kyrgyzstan–Tajikistan update of September 2022
/// (https://reliefweb.int/report/kyrgyzstan/kyrgyzstan-tajikistan-border-conflict-flash-update-no-1).
#[test]
fn each_party_counting_its_own_dead_is_its_own_group() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2025-06-20",
                "Israeli strikes on Iran go on. Iran's health ministry said 600 people had been killed. Israel's health ministry said 24 people had been killed.",
            ),
            article(
                "b.md",
                "fr",
                "2025-06-22",
                "Les frappes israéliennes sur l'Iran continuent. Selon le ministère iranien de la Santé, 700 personnes ont été tuées. En Israël, le bilan officiel est de 30 morts.",
            ),
            article(
                "c.md",
                "en",
                "2025-06-23",
                "Strikes went on overnight. The toll stood at 31 dead on the Israeli side.",
            ),
        ],
        "party-own-dead",
    );
    let iran = group_of(&r, "a.md", 600);
    let israel = group_of(&r, "a.md", 24);
    assert_ne!(iran["id"], israel["id"], "{r:#}");
    assert_eq!(group_of(&r, "b.md", 700)["id"], iran["id"], "{r:#}");
    assert_eq!(group_of(&r, "b.md", 30)["id"], israel["id"], "{r:#}");
    assert_eq!(group_of(&r, "c.md", 31)["id"], israel["id"], "{r:#}");
    // The event is named after one of the two; the other's group says where.
    assert!(
        iran["place"] == "iran" || israel["place"] == "israel",
        "{r:#}"
    );
    for g in [iran, israel] {
        assert_eq!(g["verdict"], "update", "{g:#}");
    }
}

/// "26 civilians" one day and "31 people" the next are the same dead of the
/// same strikes (rules/reconcile.yaml `open_scopes`); soldiers stay apart.
/// Shape of AFP and Dawn on the Indian strikes of May 2025
/// (https://www.dawn.com/news/1908231).
#[test]
fn civilians_and_an_unscoped_toll_of_one_strike_are_compared() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2025-05-07",
                "Indian missiles hit six towns. At least 26 civilians were killed, the army spokesman of Pakistan said.",
            ),
            article(
                "b.md",
                "en",
                "2025-05-08",
                "The toll of the Indian strikes rose. At least 31 people were killed, the army spokesman of Pakistan said. Five soldiers were killed too.",
            ),
        ],
        "open-scopes",
    );
    let civilians = group_of(&r, "a.md", 26);
    assert_eq!(group_of(&r, "b.md", 31)["id"], civilians["id"], "{r:#}");
    assert_eq!(civilians["verdict"], "update", "{civilians:#}");
    assert!(civilians["scope"].is_null(), "{civilians:#}");
    assert_ne!(group_of(&r, "b.md", 5)["id"], civilians["id"], "{r:#}");
}

/// A report written six weeks after an attack, alone in its window, that
/// names the attack's day belongs to the attack's event; a late report that
/// recalls a day no window holds stays apart. Shape of follow-up reports on
/// the Barsalogho attack (https://www.dw.com/fr/burkina-faso-barsalogho-collectif-justice-pour-barsalogho-vdp/a-70087418).
#[test]
fn a_late_report_that_recalls_the_day_of_an_event_joins_it() {
    let r = report(
        &[
            article(
                "a.md",
                "fr",
                "2024-08-25",
                "Au Burkina Faso, des hommes armés ont attaqué la ville samedi. Au moins 100 personnes ont été tuées, selon une source sécuritaire.",
            ),
            article(
                "b.md",
                "fr",
                "2024-08-27",
                "Au Burkina Faso, le bilan de l'attaque de samedi s'est alourdi. Plus de 200 personnes ont été tuées, selon des habitants.",
            ),
            article(
                "c.md",
                "fr",
                "2024-10-05",
                "Au Burkina Faso, des jihadistes ont mené une attaque le 24 août contre la ville. Selon l'ONU, au moins 400 personnes ont été tuées.",
            ),
            article(
                "d.md",
                "fr",
                "2024-10-20",
                "Au Burkina Faso, une autre attaque a eu lieu le 2 octobre. Au moins 30 personnes ont été tuées, selon l'armée.",
            ),
            // Past a season, a recalled day is background, not the event.
            article(
                "e.md",
                "fr",
                "2025-01-15",
                "Au Burkina Faso, la ville attaquée le 24 août 2024 se reconstruit. Au moins 50 personnes ont été tuées mardi dans une autre attaque.",
            ),
        ],
        "recalled",
    );
    let g = group_of(&r, "a.md", 100);
    for (doc, value) in [("b.md", 200), ("c.md", 400)] {
        assert_eq!(group_of(&r, doc, value)["id"], g["id"], "{doc}: {r:#}");
    }
    for (doc, value) in [("d.md", 30), ("e.md", 50)] {
        assert_ne!(group_of(&r, doc, value)["id"], g["id"], "{doc}: {r:#}");
    }
}

/// A report a week on names the day of the quake that began its window
/// ("the January 1 earthquake"): its toll is the window's event, not one of
/// its own (shape of reports on the Noto earthquake of 2024,
/// https://www.bfmtv.com/international/asie/japon/seisme-au-japon-le-bilan-s-alourdit-a-161-morts-et-103-disparus_AD-202401080039.html).
#[test]
fn a_named_day_that_starts_the_window_is_the_windows_event() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2024-01-02",
                "In Japan, a powerful earthquake struck the coast. At least 48 people were killed, officials said.",
            ),
            article(
                "b.md",
                "en",
                "2024-01-08",
                "In Japan, the toll of the earthquake on January 1 rose again: 161 people were killed, officials said.",
            ),
        ],
        "named-day",
    );
    assert_same_group(&r, ("b.md", 161), ("a.md", 48));
}

/// Articles about a strike name its author most ("a Russian missile"),
/// while the figures are the struck country's: its officials' counts and
/// the outlets' are one toll. Shape of reports on the Sumy strike of April
/// 2025 (https://www.the-independent.com/news/world/europe/sumy-ukraine-map-attack-war-b2732429.html).
#[test]
fn a_strikes_toll_is_where_its_figures_are_not_where_its_author_is() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2025-04-13",
                "A Russian missile strike hit the city centre. Russia has stepped up its attacks, and Russian forces fired two missiles. At least 21 people were killed, Ukraine's emergency service said.",
            ),
            article(
                "b.md",
                "en",
                "2025-04-14",
                "Russia said its missiles hit a meeting of officers. Russian officials gave no figures. The death toll rose to 35, local media reported.",
            ),
        ],
        "strike_home",
    );
    let g = group_of(&r, "a.md", 21);
    assert_eq!(group_of(&r, "b.md", 35)["id"], g["id"], "{r:#}");
    assert_eq!(g["verdict"], "update", "{r:#}");
}

/// A year in an apposition after the claim describes something else: « …
/// de Kiev, estimant que l'Ukraine voulait priver d'eau la Crimée, une
/// péninsule annexée en 2014 » is an accusation about this week's dam, with
/// the other side's accusation of the same day (shape of
/// https://www.rtl.be/actu/monde/europe/vingt-quatre-localites-inondees-1000-evacues-apres-la-rupture-du-barrage-de/2023-06-06/article/556685).
/// A year in the claim's own clause still names its event.
#[test]
fn a_year_in_an_apposition_after_a_claim_is_not_its_event() {
    let r = report(
        &[
            article(
                "dam1.md",
                "fr",
                "2023-06-06",
                "Le président ukrainien accuse les Russes d'avoir miné le barrage. La Russie a dénoncé un acte de sabotage de Kiev, estimant que l'Ukraine voulait priver d'eau la Crimée, une péninsule annexée en 2014 par la Russie.",
            ),
            article(
                "war1.md",
                "en",
                "2023-06-07",
                "The 2016 fighting killed 200 people in the region, officials said. Officials said 12 people were killed on Tuesday.",
            ),
        ],
        "year_apposition",
    );
    let blame = groups(&r)
        .iter()
        .find(|g| g["kind"] == "aggressor" && g["claims"].as_array().unwrap().len() == 2)
        .expect("both accusations in one group");
    assert_eq!(blame["verdict"], "contradiction", "{blame}");
    assert_ne!(
        group_of(&r, "war1.md", 200)["id"],
        group_of(&r, "war1.md", 12)["id"]
    );
}

/// "Quinze Palestiniens" killed in Gaza is the toll of the strike, not one
/// side's count: the people of the country an event is in are compared
/// with the unnamed dead; the journalists among them are a count of their
/// own. Shapes of reports on the Nasser hospital strike
/// (http://origin-web.yenisafak.com/fr/international/gaza-frappe-israelienne-sur-le-complexe-nasser-15-morts-dont-cinq-journalistes-46537,
/// https://www.devdiscourse.com/article/other/3604376-killing-of-journalists-in-gaza-hospital-attack-should-shock-the-world-un-rights-office).
#[test]
fn a_toll_of_the_country_struck_is_its_toll_and_a_trade_is_a_count_of_its_own() {
    let r = report(
        &[
            article(
                "a.md",
                "fr",
                "2025-08-25",
                "Une frappe israélienne sur un hôpital de Gaza a tué quinze Palestiniens, dont quatre journalistes, selon la défense civile de Gaza.",
            ),
            article(
                "b.md",
                "en",
                "2025-08-26",
                "An Israeli strike on a hospital in Gaza killed at least 20 people, Gaza's civil defence said. Five journalists were among the dead, it said.",
            ),
        ],
        "home_side",
    );
    let toll = group_of(&r, "a.md", 15);
    assert_eq!(toll["id"], group_of(&r, "b.md", 20)["id"], "{toll:#}");
    assert_ne!(toll["verdict"], "contradiction", "{toll:#}");
    let reporters = group_of(&r, "a.md", 4);
    assert_eq!(reporters["scope"], "journalists", "{reporters:#}");
    assert_ne!(reporters["id"], toll["id"]);
}

/// A clause that "where" or « où » opens is in the place that ends the
/// clause before it, and an adjective after "in" is no place ("in a Russian
/// airstrike"). Shapes of reports on Hurricane Melissa
/// (https://www.canada--news.com/hurricane-melissa-death-toll-rises-to-45-in-jamaica-with-15-others-still-missing.html,
/// https://www.cnews.fr/monde/2025-10-31/ouragan-melissa-au-moins-19-morts-en-jamaique-selon-une-ministre-1762609)
/// and on the Ternopil strike
/// (https://www.themoscowtimes.com/2025/11/19/russian-attack-kills-at-least-20-in-western-ukraines-ternopil-a91169).
#[test]
fn a_relative_of_place_takes_the_place_before_it() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2025-11-02",
                "The hurricane killed 28 people in Jamaica, officials said. The storm also caused flooding in southern Haiti, where it was blamed for at least 31 deaths.",
            ),
            article(
                "b.md",
                "fr",
                "2025-11-02",
                "L'ouragan a fait 28 morts en Jamaïque. Il avait frappé Cuba et Haïti, où au moins 30 morts sont à déplorer.",
            ),
            article(
                "c.md",
                "en",
                "2025-11-19",
                "At least 20 people were killed in a Russian airstrike on the western Ukrainian city of Ternopil, Ukraine's interior minister said.",
            ),
        ],
        "relative_place",
    );
    let haiti = group_of(&r, "a.md", 31);
    assert_eq!(haiti["place"], "haiti", "{haiti:#}");
    assert_eq!(haiti["id"], group_of(&r, "b.md", 30)["id"]);
    assert_ne!(haiti["id"], group_of(&r, "a.md", 28)["id"]);
    let ternopil = group_of(&r, "c.md", 20);
    assert_ne!(ternopil["place"], "russia", "{ternopil:#}");
}

/// A report that stands alone a year on and opens on the day of an event
/// (an anniversary) is about that event; one among other reports of its
/// days stays with them. Shape of an anniversary report on the Valencia
/// floods, in our own words
/// (https://www.plataformamedia.com/en/2025/10/29/state-funeral-for-237-victims-in-valencia-one-year-after-tragedy).
#[test]
fn an_anniversary_report_is_about_the_event_it_recalls() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2024-10-31",
                "Flash floods in Spain killed at least 95 people, the government of Spain said.",
            ),
            article(
                "b.md",
                "en",
                "2024-11-08",
                "The death toll from the floods in Spain rose to 219, the government of Spain said.",
            ),
            article(
                "c.md",
                "en",
                "2025-10-29",
                "On October 29, 2024, torrential rain flooded towns around Valencia in Spain.\n\nAccording to official data, 229 people died in the floods, the government of Spain said.",
            ),
        ],
        "anniversary",
    );
    let toll = group_of(&r, "c.md", 229);
    assert_eq!(toll["id"], group_of(&r, "b.md", 219)["id"], "{toll:#}");
    assert_eq!(toll["verdict"], "update", "{toll:#}");
}

/// A sentence that opens on its country keeps it past a long aside
/// (« En Thaïlande à plus de 1 000 km de l'épicentre, … »). Shape of a report
/// on the Myanmar earthquake, in our own words
/// (https://mosaiquefm.net/fr/national-tunisie/1396246/seisme-devastateur-en-birmanie-au-moins-694-morts).
#[test]
fn a_sentence_that_opens_on_its_country_keeps_it_past_an_aside() {
    let r = report(
        &[article(
            "a.md",
            "fr",
            "2025-03-29",
            "Le séisme a fait au moins 1 000 morts au Myanmar, selon la junte du Myanmar. En Thaïlande à plus de 1 000 km de l'épicentre du séisme, une dizaine de personnes ont été tuées.",
        )],
        "fronted_place",
    );
    let thailand = group_of(&r, "a.md", 10);
    assert_eq!(thailand["place"], "thailand", "{thailand:#}");
}

/// A storm's report that recalls another storm's toll: that toll is the
/// other storm's event, and the article's own storm's toll rising over two
/// days is an update. Shape of
/// https://www.nationalturk.com/en/hurricane-milton-approaches-florida/?amp=1.
#[test]
fn another_storms_toll_is_its_own_event() {
    let r = report(
        &[
            article(
                "m1.md",
                "en",
                "2024-10-09",
                "Hurricane Milton nears the Gulf coast\n\nHurricane Milton is due to reach land tonight, the governor said. It follows Hurricane Helene, which left at least 230 people dead across the South two weeks ago.",
            ),
            article(
                "m2.md",
                "en",
                "2024-10-10",
                "Hurricane Milton kills 10\n\nHurricane Milton has killed at least 10 people in Florida, the governor said.",
            ),
            article(
                "m3.md",
                "en",
                "2024-10-11",
                "Hurricane Milton's toll climbs\n\nThe death toll from Hurricane Milton rose to at least 16, the governor said.",
            ),
        ],
        "another_storm",
    );
    let helene = group_of(&r, "m1.md", 230);
    assert_eq!(helene["event"], "event Helene", "{helene}");
    assert_eq!(helene["claims"].as_array().unwrap().len(), 1, "{helene}");
    let milton = group_of(&r, "m3.md", 16);
    assert_eq!(group_of(&r, "m2.md", 10)["id"], milton["id"], "{milton}");
    assert_eq!(milton["verdict"], "update", "{milton}");
}

// Shape of https://shepherdgazette.com/attacks-in-iran-103-people-killed-211-injured-at-ceremony-honoring-slain-general-state-media-reported/
// (our own words): a year that ends a clause of its own, far after the toll,
// is that clause's time, not the toll's event.
#[test]
fn a_year_in_a_later_clause_is_not_the_tolls_event() {
    let r = report(
        &[
            article(
                "a.md",
                "en",
                "2024-01-03",
                "Two bombs exploded Wednesday in Iran, killing at least 103 people at a memorial ceremony for a prominent Iranian general killed by a U.S. drone strike in 2020, officials said.",
            ),
            article(
                "b.md",
                "en",
                "2024-01-04",
                "Iran's interior minister said 84 people were killed in the twin bombings in Iran on Wednesday.",
            ),
        ],
        "year_clause",
    );
    assert_same_group(&r, ("a.md", 103), ("b.md", 84));
}

/// A country spelt like its demonym (« aux Philippines », « en Suisse »)
/// is a place when it closes its phrase capitalised; the toll there is
/// not the other country's of the same sentence. Shape of
/// https://actulibre.fr/?p=873, in our own words.
#[test]
fn a_country_spelt_like_its_adjective_is_a_place() {
    let r = report(
        &[article(
            "a.md",
            "fr",
            "2025-11-07",
            "Le typhon a fait six morts au Vietnam après avoir causé plus de 150 victimes aux Philippines",
        )],
        "place_like_adjective",
    );
    assert_eq!(claim_of(&r, "a.md", 150)["place"], "philippines", "{r:#}");
    assert_eq!(claim_of(&r, "a.md", 6)["place"], "vietnam", "{r:#}");
    // "in Israeli strikes" names no place.
    let r = report(
        &[article(
            "b.md",
            "en",
            "2025-08-26",
            "At least 20 people were killed in Israeli strikes, the ministry said.",
        )],
        "adjective_no_place",
    );
    assert!(claim_of(&r, "b.md", 20)["place"].is_null(), "{r:#}");
}

/// Soldiers counted by an armed group that says it killed them are not its
/// own: the claim takes no side from its speaker, and stays with the
/// outlet's count of the same soldiers. Shape of
/// https://qiraatafrican.com/fr/15278/une-branche-dal-qaida-revendique-la-mort-de-200-soldats-lors-dune-attaque-au-burkina-faso/,
/// in our own words.
#[test]
fn an_armed_groups_count_of_soldiers_is_not_of_its_own() {
    let r = report(
        &[
            article(
                "a.md",
                "fr",
                "2025-05-14",
                "Le JNIM affirme avoir tué 150 soldats lors d'une attaque contre la base.",
            ),
            article(
                "b.md",
                "fr",
                "2025-05-15",
                "Au moins 150 soldats ont été tués lors de l'attaque contre la base, un bilan que les autorités n'ont pas confirmé.",
            ),
        ],
        "armed_group_soldiers",
    );
    assert!(claim_of(&r, "a.md", 150)["side"].is_null(), "{r:#}");
    assert_same_group(&r, ("a.md", 150), ("b.md", 150));
}
