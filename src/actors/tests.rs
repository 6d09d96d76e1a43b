//! The gazetteer's tests.
use super::*;

fn gazetteer() -> Gazetteer {
    let yaml = r#"
actors:
  - id: azerbaijan
    side: azerbaijani
    opponent: armenia
    names: {fr: [Azerbaïdjan, Bakou, azerbaïdjanais]}
  - id: armenia
    side: armenian
    opponent: azerbaijan
    names: {fr: [Arménie, Erevan, arménien, arméniennes]}
  - id: karabakh_authorities
    side: armenian
    opponent: azerbaijan
    priority: 1
    names: {fr: [autorités du Haut-Karabakh, du Haut-Karabakh]}
"#;
    let file: ActorsFile = crate::yaml::parse("actors.yaml", yaml).unwrap();
    Gazetteer::build(&[("actors.yaml".into(), file)]).unwrap()
}

#[test]
fn priority_and_position_decide_the_speaker() {
    let g = gazetteer();
    let a = g
        .resolve_phrase(
            "les forces armees armeniennes du haut-karabakh",
            None,
            "fr",
            true,
        )
        .unwrap();
    assert_eq!(a.id, "karabakh_authorities");
    let a = g
        .resolve_phrase(
            "le ministere de la defense de l'azerbaidjan",
            None,
            "fr",
            true,
        )
        .unwrap();
    assert_eq!(a.id, "azerbaijan");
}

#[test]
fn misspelt_names_are_found() {
    let g = gazetteer();
    let a = g
        .resolve_phrase("les autorites du haut-karabkah", None, "fr", true)
        .unwrap();
    assert_eq!(a.id, "karabakh_authorities");
    assert!(
        g.resolve_phrase("le maire de la ville", None, "fr", true)
            .is_none()
    );
}

#[test]
fn a_name_on_two_actors_is_refused() {
    let yaml = "actors:\n  - id: a\n    side: x\n    names: {fr: [Bakou]}\n  - id: b\n    side: y\n    names: {fr: [bakou]}\n";
    let file: ActorsFile = crate::yaml::parse("actors.yaml", yaml).unwrap();
    let err = Gazetteer::build(&[("actors.yaml".into(), file)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "actors.yaml:7:18: name 'bakou' is given to both 'a' and 'b' in fr; keep it on one actor"
    );
}

fn build(files: &[(&str, &str)]) -> Result<Gazetteer> {
    let parsed = files
        .iter()
        .map(|(path, yaml)| Ok(((*path).to_string(), crate::yaml::parse(path, yaml)?)))
        .collect::<Result<Vec<(String, ActorsFile)>>>()?;
    Gazetteer::build(&parsed)
}

#[test]
fn a_later_file_extends_an_actor_and_takes_its_names() {
    let base = "actors:\n  - id: russia\n    names: {en: [Russia, Moscow]}\n  - id: un\n    names: {en: [UN refugee agency]}\n";
    let user = "actors:\n  - id: russia\n    side: east\n    names: {en: [Kremlin]}\n  - id: unhcr\n    parent: un\n    names: {en: [UN refugee agency]}\n";
    let g = build(&[("base.yaml", base), ("user.yaml", user)]).unwrap();
    let russia = g.get("russia").unwrap();
    assert_eq!(russia.side, "east");
    assert_eq!(g.lookup("moscow", None, "en").unwrap().id, "russia");
    assert_eq!(g.lookup("kremlin", None, "en").unwrap().id, "russia");
    assert_eq!(
        g.lookup("un refugee agency", None, "en").unwrap().id,
        "unhcr"
    );
    // Without a side of its own, an actor is its own side.
    assert_eq!(g.get("un").unwrap().side, "un");
}

#[test]
fn a_case_sensitive_name_needs_its_case_and_a_hidden_name_is_no_actor() {
    let yaml = "actors:\n  - id: usa\n    names: {en: [United States]}\n    case_sensitive: {en: [US]}\n  - id: india\n    names: {en: [Indian]}\nnot_actors: {en: [Indian Ocean]}\n";
    let g = build(&[("actors.yaml", yaml)]).unwrap();
    assert_eq!(
        g.resolve_phrase("us officials", Some("US officials"), "en", true)
            .map(|a| a.id.as_str()),
        Some("usa")
    );
    assert!(
        g.resolve_phrase("told us", Some("told us"), "en", true)
            .is_none()
    );
    assert!(g.mentions("in the indian ocean", None, "en").is_empty());
    assert_eq!(g.mentions("an indian official", None, "en").len(), 1);
}

#[test]
fn an_agency_relays_and_speaks_only_alone() {
    let yaml = "actors:\n  - id: afp\n    relays: true\n    names: {fr: [AFP]}\n  - id: syria\n    names: {fr: [syrien]}\n";
    let g = build(&[("actors.yaml", yaml)]).unwrap();
    let a = g
        .resolve_phrase("le ministere syrien cite par l'afp", None, "fr", true)
        .unwrap();
    assert_eq!(a.id, "syria");
    assert!(g.resolve_phrase("l'afp", None, "fr", true).unwrap().relays);
}

#[test]
fn an_id_twice_in_one_file_is_refused() {
    let yaml = "actors:\n  - id: a\n    names: {fr: [x]}\n  - id: a\n    names: {fr: [y]}\n";
    let err = build(&[("actors.yaml", yaml)]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("actors.yaml:4:9: actor 'a' is defined twice in this file"),
        "{err}"
    );
}

#[test]
fn a_country_adjective_beside_an_organisation_makes_it_the_country_s() {
    let yaml = "actors:\n  - id: un\n    kind: organisation\n    names: {fr: [Conseil de sécurité], en: [Security Council]}\n  - id: armenia\n    kind: country\n    adjectives: {fr: [arménien], en: [Armenian]}\n";
    let g = build(&[("actors.yaml", yaml)]).unwrap();
    let id = |p: &str, l: &str| g.resolve_phrase(p, None, l, true).map(|a| a.id.clone());
    assert_eq!(
        id("le conseil de securite armenien", "fr").as_deref(),
        Some("armenia")
    );
    assert_eq!(
        id("the armenian security council", "en").as_deref(),
        Some("armenia")
    );
    assert_eq!(id("le conseil de securite", "fr").as_deref(), Some("un"));
}

#[test]
fn places_are_read_capitalised_where_marked_and_users_move_them() {
    let defaults = r#"
actors:
  - id: ukraine
    names: {en: [Ukraine]}
    places: [Kherson, Nova Kakhovka]
  - id: russia
    names: {en: [Russia]}
  - id: georgia
    names: {en: [Georgia]}
    places: [Georgia]
"#;
    let user = r#"
actors:
  - id: russia
    places: [Nova Kakhovka]
"#;
    let file = |y: &str| -> ActorsFile { crate::yaml::parse("actors.yaml", y).unwrap() };
    let marks = PlaceWords {
        before: [&["in".to_string()], &[]],
        beside: [&["region".to_string(), "governor".to_string()], &[]],
        genitives: &["of".to_string()],
        modifiers: &["central".to_string()],
        reach: 1,
    };
    let ids = |g: &Gazetteer, text: &str| -> Vec<String> {
        g.places_in(text, marks)
            .iter()
            .map(|m| format!("{}:{}", &text[m.start..m.end], g.actors[m.actor].id))
            .collect()
    };
    let g = Gazetteer::build(&[("a.yaml".into(), file(defaults))]).unwrap();
    let text = "Floods in Nova Kakhovka and the Kherson region; kherson said; Kherson said; the governor of Kherson; in Georgia; KHERSON region";
    assert_eq!(
        ids(&g, text),
        [
            "Nova Kakhovka:ukraine",
            "Kherson:ukraine",
            "Kherson:ukraine"
        ],
        "lower case, unmarked, acronyms and actors' names are no places"
    );
    // Past modifiers of place, a hyphenated adjective among them; a word
    // that is neither ends the reach.
    assert_eq!(
        ids(&g, "floods in storm-hit central Kherson"),
        ["Kherson:ukraine"]
    );
    assert!(ids(&g, "floods in storm-hit and central Kherson").is_empty());
    let g = Gazetteer::build(&[
        ("a.yaml".into(), file(defaults)),
        ("b.yaml".into(), file(user)),
    ])
    .unwrap();
    assert_eq!(ids(&g, "in Nova Kakhovka"), ["Nova Kakhovka:russia"]);
}

#[test]
fn a_role_names_whom_it_stands_for_in_the_country_of_the_article() {
    let base = "actors:\n  - id: sudan\n    kind: country\n  - id: rsf\n    names: {en: [RSF]}\n  - id: paramilitaries\n    kind: role\n    stands_for: {sudan: rsf}\n    names: {en: [paramilitaries]}\n  - id: un\n    names: {en: [UN]}\n";
    // A user's file adds a country to the role.
    let user = "actors:\n  - id: chad\n    kind: country\n  - id: chad_militia\n  - id: paramilitaries\n    stands_for: {chad: chad_militia}\n";
    let g = build(&[("base.yaml", base), ("user.yaml", user)]).unwrap();
    let home = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(g.is_role("paramilitaries") && !g.is_role("rsf"));
    assert_eq!(g.stand_in("paramilitaries", &home(&["sudan"])), Some("rsf"));
    assert_eq!(
        g.stand_in("paramilitaries", &home(&["france", "chad"])),
        Some("chad_militia")
    );
    assert_eq!(g.stand_in("paramilitaries", &home(&["france"])), None);
    assert_eq!(g.stand_in("rsf", &home(&[])), Some("rsf"));
    // In a speaker phrase, a role yields to an actor named by name.
    let speaker = g
        .resolve_phrase("the un said the paramilitaries", None, "en", true)
        .unwrap();
    assert_eq!(speaker.id, "un");
    // A role that stands for an unknown actor is refused.
    let bad = "actors:\n  - id: occupiers\n    stands_for: {ukraine: nowhere}\n";
    let e = build(&[("bad.yaml", bad)]).unwrap_err().to_string();
    assert!(
        e.contains("stands for 'ukraine'") || e.contains("stands for 'nowhere'"),
        "{e}"
    );
}

#[test]
fn a_home_role_names_the_country_of_the_article_where_no_country_is_mapped() {
    let base = "actors:\n  - id: kenya\n    kind: country\n    adjectives: {en: [Kenyan]}\n  - id: israel\n    kind: country\n  - id: idf\n  - id: security_forces\n    kind: role\n    stands_for_home: true\n    stands_for: {israel: idf}\n    names: {en: [police, riot police]}\n";
    let g = build(&[("base.yaml", base)]).unwrap();
    let home = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(g.is_role("security_forces"));
    // The first country the document names most, unless the map says whom.
    let kenya = home(&["kenya", "uganda"]);
    assert_eq!(g.stand_in("security_forces", &kenya), Some("kenya"));
    let israel = home(&["israel", "palestine"]);
    assert_eq!(g.stand_in("security_forces", &israel), Some("idf"));
    assert_eq!(g.stand_in("security_forces", &home(&[])), None);
    // A country named beside the role is the more precise name.
    let speaker = g
        .resolve_phrase("kenyan riot police", None, "en", false)
        .unwrap();
    assert_eq!(speaker.id, "kenya");
}
