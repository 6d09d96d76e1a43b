//! Deterministic synthetic news corpus for benchmarking `crosscheck`.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --mb 200 --out DIR [--seed N] [--no-files]
//! cargo run --release --example gen-corpus -- --dump-templates     # every claim template, rendered once
//! ```
//!
//! Writes `DIR/corpus.jsonl` (one article per line: `id`, `outlet`, `date`,
//! `lang`, `url`, `text`; `date` is left out of undated articles) and, unless
//! `--no-files` is given, `DIR/files/NNNN/NNNNNN.md`: the same articles as
//! Markdown files with YAML front matter, at most 1,000 per subfolder.
//! Generation stops as soon as `corpus.jsonl` reaches `--mb` megabytes
//! (1 MB = 1,000,000 bytes; `--mb` may be fractional).
//!
//! Options:
//! - `--mb N`     target size of `corpus.jsonl` in MB (default 10)
//! - `--out DIR`  output folder (required unless `--dump-templates`); created if missing
//! - `--seed N`   PRNG seed (default 1); same arguments give byte-identical output
//! - `--no-files` skip the `files/` tree (for big sizes)
//! - `--dump-templates` print each claim template rendered once (`lang<TAB>kind<TAB>sentence`)
//!
//! All text is generated from this file's own sentence templates (claim,
//! filler and headline templates in French and English), names and numbers;
//! no real article text is used. The randomness is a self-contained
//! splitmix64 generator, so the output depends only on the arguments.
//! About one sentence in three or four carries a claim (toll, wounded,
//! evacuees, refugees, blockade duration, population, accusation), attributed
//! to a rotating speaker. About 1% of the articles are odd on purpose: one very
//! long single paragraph, no date, or French and English sentences mixed.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

// ---------------------------------------------------------------- PRNG

/// splitmix64: tiny, fast, and good enough for text generation.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------- languages

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Fr,
    En,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
    fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

// ---------------------------------------------------------------- outlets

/// Invented outlets: (name, language, web slug).
const OUTLETS: &[(&str, Lang, &str)] = &[
    ("Le Courrier du Caucase", Lang::Fr, "courrier-caucase"),
    ("L'Observateur européen", Lang::Fr, "observateur-europeen"),
    ("La Dépêche des Deux Rives", Lang::Fr, "depeche-deux-rives"),
    ("Le Journal de l'Est", Lang::Fr, "journal-est"),
    ("Agence Méridienne", Lang::Fr, "meridienne"),
    ("Le Veilleur", Lang::Fr, "veilleur"),
    ("Horizons Presse", Lang::Fr, "horizons-presse"),
    ("La Gazette des Frontières", Lang::Fr, "gazette-frontieres"),
    (
        "Le Quotidien Continental",
        Lang::Fr,
        "quotidien-continental",
    ),
    ("Radio Plateau Info", Lang::Fr, "radio-plateau"),
    ("The Caspian Ledger", Lang::En, "caspian-ledger"),
    ("Northbridge Wire", Lang::En, "northbridge-wire"),
    ("The Daily Meridian", Lang::En, "daily-meridian"),
    ("Highland Post", Lang::En, "highland-post"),
    ("Continental Press Service", Lang::En, "cps-news"),
    ("The Evening Courier", Lang::En, "evening-courier"),
    ("Crossroads Monitor", Lang::En, "crossroads-monitor"),
    ("The Borderline Review", Lang::En, "borderline-review"),
    ("Atlas News Agency", Lang::En, "atlas-news"),
    ("The Lantern", Lang::En, "the-lantern"),
];

// ---------------------------------------------------------------- speakers

/// A speaker phrase and whether it takes a plural verb (French agreement).
type Speaker = (&'static str, bool);

const FR_AZ: &[Speaker] = &[
    ("le ministère azerbaïdjanais de la Défense", false),
    ("Bakou", false),
    ("la présidence azerbaïdjanaise", false),
    ("Hikmet Hajiyev, conseiller du président Aliyev", false),
    (
        "le porte-parole du ministère azerbaïdjanais de la Défense",
        false,
    ),
    ("les autorités azerbaïdjanaises", true),
];
const FR_AM: &[Speaker] = &[
    ("le ministère arménien des Affaires étrangères", false),
    ("Erevan", false),
    ("le Premier ministre arménien, Nikol Pachinian", false),
    ("la diplomatie arménienne", false),
    ("le ministère arménien de la Défense", false),
    ("le gouvernement arménien", false),
];
const FR_KB: &[Speaker] = &[
    ("les autorités du Haut-Karabakh", true),
    ("le défenseur des droits du Karabakh", false),
    ("les autorités séparatistes", true),
    ("l'armée de défense du Karabakh", false),
    ("l'ombudsman du Karabakh, Guégham Stepanian", false),
    ("les autorités locales du Karabakh", true),
];
const FR_RU: &[Speaker] = &[
    ("le ministère russe de la Défense", false),
    ("les soldats de la paix russes", true),
    ("Moscou", false),
    ("le Kremlin", false),
];
const FR_UN: &[Speaker] = &[
    ("l'ONU", false),
    ("le HCR", false),
    ("le porte-parole des Nations unies", false),
    ("le secrétaire général de l'ONU, Antonio Guterres", false),
];
const FR_FR: &[Speaker] = &[
    ("le Quai d'Orsay", false),
    ("la diplomatie française", false),
    ("Paris", false),
    ("le président Emmanuel Macron", false),
];

const EN_AZ: &[Speaker] = &[
    ("the Azerbaijani defence ministry", false),
    ("Baku", false),
    ("Azerbaijan's defence ministry", false),
    ("Hikmet Hajiyev, an aide to President Aliyev", false),
    ("a spokesman for the Azerbaijani defence ministry", false),
    ("Azerbaijani officials", true),
];
const EN_AM: &[Speaker] = &[
    ("Armenia's foreign ministry", false),
    ("Yerevan", false),
    ("Armenian Prime Minister Nikol Pashinyan", false),
    ("the Armenian foreign ministry", false),
    ("Armenia's defence ministry", false),
    ("the Armenian government", false),
];
const EN_KB: &[Speaker] = &[
    ("the Karabakh authorities", true),
    ("Karabakh's human rights ombudsman", false),
    ("the separatist authorities", true),
    ("the Karabakh defence army", false),
    ("Karabakh ombudsman Gegham Stepanyan", false),
    ("local officials in Karabakh", true),
];
const EN_RU: &[Speaker] = &[
    ("Russia's defence ministry", false),
    ("Russian peacekeepers", true),
    ("Moscow", false),
    ("the Kremlin", false),
];
const EN_UN: &[Speaker] = &[
    ("the United Nations", false),
    ("the UN refugee agency", false),
    ("a UN spokesperson", false),
    ("UN Secretary-General Antonio Guterres", false),
];
const EN_FR: &[Speaker] = &[
    ("France's foreign ministry", false),
    ("the French foreign ministry", false),
    ("Paris", false),
    ("President Emmanuel Macron", false),
];

fn speakers(lang: Lang, group: &str) -> &'static [Speaker] {
    match (lang, group) {
        (Lang::Fr, "az") => FR_AZ,
        (Lang::Fr, "am") => FR_AM,
        (Lang::Fr, "kb") => FR_KB,
        (Lang::Fr, "ru") => FR_RU,
        (Lang::Fr, "un") => FR_UN,
        (Lang::Fr, "fr") => FR_FR,
        (Lang::En, "az") => EN_AZ,
        (Lang::En, "am") => EN_AM,
        (Lang::En, "kb") => EN_KB,
        (Lang::En, "ru") => EN_RU,
        (Lang::En, "un") => EN_UN,
        (Lang::En, "fr") => EN_FR,
        _ => panic!("unknown speaker group {group}"),
    }
}

/// Groups for `{spk}`, weighted towards the parties that publish tolls.
const ANY_SPEAKER_GROUPS: &[&str] = &["az", "az", "am", "am", "kb", "kb", "ru", "un", "fr"];

// ---------------------------------------------------------------- word lists

const PLACES_FR: &[&str] = &[
    "Stepanakert",
    "Chouchi",
    "Latchine",
    "Martakert",
    "Askeran",
    "Goris",
    "Kornidzor",
    "Martouni",
    "Hadrout",
    "Djermouk",
    "Sotk",
    "Vardenis",
    "Agdam",
    "Kelbadjar",
    "Berdzor",
];
const PLACES_EN: &[&str] = &[
    "Stepanakert",
    "Shusha",
    "Lachin",
    "Martakert",
    "Askeran",
    "Goris",
    "Kornidzor",
    "Martuni",
    "Hadrut",
    "Jermuk",
    "Sotk",
    "Vardenis",
    "Aghdam",
    "Kalbajar",
    "Berdzor",
];
const CITIES_FR: &[&str] = &[
    "Bruxelles",
    "Washington",
    "Moscou",
    "Genève",
    "Almaty",
    "Prague",
    "Grenade",
    "Vienne",
];
const CITIES_EN: &[&str] = &[
    "Brussels",
    "Washington",
    "Moscow",
    "Geneva",
    "Almaty",
    "Prague",
    "Granada",
    "Vienna",
];
const DAYS_FR: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const DAYS_EN: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS_FR: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WHEN_FR: &[&str] = &[
    "dans la nuit",
    "depuis le début des combats",
    "dans la matinée",
    "en fin de journée",
    "lors des bombardements",
    "depuis dimanche",
    "au cours des dernières heures",
    "dans les combats",
];
const WHEN_EN: &[&str] = &[
    "overnight",
    "since the fighting began",
    "on Tuesday morning",
    "late on Monday",
    "in the shelling",
    "since Sunday",
    "in the past few hours",
    "in the clashes",
];
const QUAL_FR: &[&str] = &[
    "au moins", "plus de", "environ", "près de", "quelque", "au moins", "plus de",
];
const QUAL_EN: &[&str] = &[
    "at least",
    "more than",
    "about",
    "nearly",
    "some",
    "over",
    "at least",
    "around",
];

// ---------------------------------------------------------------- templates

/// Claim templates: (kind, template). Placeholders:
/// `{dead}` `{wounded}` `{evac}` `{refug}` `{pop}` a figure with a random
/// qualifier (or none); `{=dead}` etc. the figure alone; `{small}` a small
/// bare figure; `{months}` a month count; `{since}` "month year";
/// `{spk}` any speaker, `{spk_az}` `{spk_am}` `{spk_kb}` `{spk_ru}` `{spk_un}`
/// `{spk_fr}` a speaker of that party; `{a}` "a"/"ont" agreeing with the last
/// speaker (French); `{place}` `{city}` `{day}` `{when}`.
const CLAIMS_FR: &[(&str, &str)] = &[
    // death tolls
    (
        "death_toll",
        "{dead} personnes ont été tuées {when}, selon {spk}.",
    ),
    (
        "death_toll",
        "Le bilan s'est alourdi à {dead} morts, {a} indiqué {spk}.",
    ),
    (
        "death_toll",
        "{spk} {a} fait état de {dead} morts dans les rangs de ses forces.",
    ),
    (
        "death_toll",
        "Selon {spk}, {dead} soldats ont été tués lors des affrontements près de {place}.",
    ),
    (
        "death_toll",
        "Ce bilan provisoire de {dead} morts pourrait encore s'alourdir, {a} averti {spk}.",
    ),
    (
        "death_toll",
        "D'après {spk}, les combats ont coûté la vie à {dead} civils.",
    ),
    (
        "death_toll",
        "{dead} militaires ont perdu la vie depuis {day}, {a} précisé {spk}.",
    ),
    (
        "death_toll",
        "L'armée azerbaïdjanaise a perdu {dead} soldats, {a} reconnu {spk_az}.",
    ),
    (
        "death_toll",
        "Le bilan s'élève désormais à {dead} morts, dont {small} civils, selon {spk}.",
    ),
    (
        "death_toll",
        "{dead} combattants arméniens ont été tués et {=wounded} blessés, {a} annoncé {spk_kb}.",
    ),
    (
        "death_toll",
        "Les frappes sur {place} ont fait {dead} morts et {wounded} blessés, d'après {spk}.",
    ),
    (
        "death_toll",
        "« Nous avons perdu {dead} de nos soldats », {a} déclaré {spk_am}.",
    ),
    (
        "death_toll",
        "« {dead} civils ont été tués {when} », {a} affirmé {spk_kb}.",
    ),
    (
        "death_toll",
        "{spk} {a} recensé {dead} morts depuis le début de l'offensive.",
    ),
    (
        "death_toll",
        "{small} soldats de la paix russes sont morts dans l'attaque de leur véhicule, selon {spk_ru}.",
    ),
    (
        "death_toll",
        "Les affrontements ont fait {dead} morts, {a} rapporté {spk}.",
    ),
    // wounded
    (
        "wounded",
        "{spk} {a} également fait état de {wounded} blessés.",
    ),
    (
        "wounded",
        "{wounded} personnes ont été blessées, dont plusieurs grièvement, selon {spk}.",
    ),
    (
        "wounded",
        "On compte aussi {wounded} blessés parmi les civils, {a} précisé {spk}.",
    ),
    (
        "wounded",
        "D'après {spk}, {wounded} soldats ont été légèrement blessés à {place}.",
    ),
    (
        "wounded",
        "Les hôpitaux de {place} ont accueilli {wounded} blessés, selon {spk_kb}.",
    ),
    // evacuees
    (
        "evacuees",
        "{evac} habitants ont été évacués des villages proches du front, selon {spk_kb}.",
    ),
    (
        "evacuees",
        "Les soldats de la paix russes ont évacué {evac} civils, {a} indiqué {spk_ru}.",
    ),
    (
        "evacuees",
        "{spk} {a} annoncé l'évacuation de {evac} personnes vers {place}.",
    ),
    (
        "evacuees",
        "{evac} habitants avaient déjà été évacués {when}, {a} déclaré {spk}.",
    ),
    (
        "evacuees",
        "Au total, {evac} personnes évacuées sont hébergées à {place}, selon {spk_kb}.",
    ),
    // refugees
    (
        "refugees",
        "{refug} réfugiés sont arrivés en Arménie, selon {spk_am}.",
    ),
    (
        "refugees",
        "{refug} personnes ont déjà franchi la frontière, {a} annoncé {spk_am}.",
    ),
    (
        "refugees",
        "Selon {spk_un}, {refug} déplacés ont été enregistrés à {place}.",
    ),
    (
        "refugees",
        "{refug} habitants ont quitté le Haut-Karabakh depuis {day}, d'après {spk_am}.",
    ),
    (
        "refugees",
        "Le gouvernement arménien a recensé {refug} réfugiés à Goris et dans les environs.",
    ),
    (
        "refugees",
        "{spk_un} {a} fait état de {refug} réfugiés arrivés par le corridor de Latchine.",
    ),
    // blockade
    (
        "blockade_duration",
        "La région est sous blocus depuis {months} mois.",
    ),
    (
        "blockade_duration",
        "Le corridor de Latchine est bloqué depuis {since}, {a} souligné {spk_kb}.",
    ),
    (
        "blockade_duration",
        "Après {months} mois de blocus, les habitants manquent de tout, selon {spk_kb}.",
    ),
    (
        "blockade_duration",
        "L'enclave, isolée depuis {months} mois, manque de nourriture et de médicaments.",
    ),
    (
        "blockade_duration",
        "{spk_am} {a} dénoncé un blocus total depuis {months} mois.",
    ),
    (
        "blockade_duration",
        "Depuis {months} mois, des militants azerbaïdjanais ont bloqué le corridor, selon {spk_kb}.",
    ),
    // population
    (
        "population",
        "L'enclave, peuplée de {pop} Arméniens, vit dans l'angoisse.",
    ),
    (
        "population",
        "Le Haut-Karabakh comptait {pop} habitants avant l'offensive, selon {spk_kb}.",
    ),
    (
        "population",
        "Une population de {pop} habitants vit sous la menace, {a} averti {spk}.",
    ),
    (
        "population",
        "La région, qui abrite {pop} Arméniens de souche, est coupée du monde.",
    ),
    (
        "population",
        "Les {=pop} Arméniens du Karabakh attendent une issue, {a} souligné {spk_un}.",
    ),
    // aggressor / accusations
    (
        "aggressor",
        "{spk_am} {a} dénoncé une agression à grande échelle de l'Azerbaïdjan.",
    ),
    (
        "aggressor",
        "{spk_az} {a} affirmé riposter aux provocations des forces arméniennes.",
    ),
    (
        "aggressor",
        "Bakou accuse l'armée arménienne d'avoir ouvert le feu sur ses positions près de {place}.",
    ),
    (
        "aggressor",
        "Selon {spk_kb}, les forces azerbaïdjanaises ont ouvert le feu sur {place}.",
    ),
    (
        "aggressor",
        "{spk_am} {a} accusé l'armée azerbaïdjanaise d'avoir lancé une attaque contre le territoire arménien.",
    ),
    (
        "aggressor",
        "{spk_az} {a} dit agir en réponse aux provocations arméniennes.",
    ),
    (
        "aggressor",
        "Moscou a appelé à la retenue après l'offensive lancée par l'Azerbaïdjan.",
    ),
    (
        "aggressor",
        "{spk_fr} {a} condamné l'offensive lancée par l'Azerbaïdjan contre le Haut-Karabakh.",
    ),
    (
        "aggressor",
        "Les positions arméniennes ont subi des tirs nourris par les forces azerbaïdjanaises, selon {spk_am}.",
    ),
    (
        "aggressor",
        "« Il s'agit d'une provocation arménienne », {a} déclaré {spk_az}.",
    ),
];

const CLAIMS_EN: &[(&str, &str)] = &[
    // death tolls
    (
        "death_toll",
        "{dead} people were killed {when}, {spk} said.",
    ),
    (
        "death_toll",
        "The death toll rose to {dead}, according to {spk}.",
    ),
    (
        "death_toll",
        "{spk} said {dead} soldiers had been killed in the fighting near {place}.",
    ),
    (
        "death_toll",
        "{dead} civilians, including {small} children, were killed, officials said.",
    ),
    ("death_toll", "{spk} put the toll at {dead} dead."),
    (
        "death_toll",
        "The shelling killed {dead} civilians in {place}, {spk} said.",
    ),
    (
        "death_toll",
        "{dead} servicemen have died since the start of the offensive, {spk} reported.",
    ),
    (
        "death_toll",
        "The fighting left {dead} troops dead and {=wounded} wounded, according to {spk}.",
    ),
    (
        "death_toll",
        "{spk_az} confirmed the deaths of {dead} of its soldiers.",
    ),
    (
        "death_toll",
        "The number of dead stood at {dead} on {day}, {spk} said.",
    ),
    (
        "death_toll",
        "\u{201c}{dead} soldiers were killed {when},\u{201d} {spk_am} told reporters.",
    ),
    (
        "death_toll",
        "According to {spk_kb}, {dead} people have lost their lives.",
    ),
    (
        "death_toll",
        "{small} Russian peacekeepers were killed when their vehicle came under fire, {spk_ru} said.",
    ),
    (
        "death_toll",
        "The toll has climbed to {dead}, {spk} said on {day}.",
    ),
    (
        "death_toll",
        "{spk} reported {dead} deaths in {place} and the surrounding villages.",
    ),
    // wounded
    ("wounded", "{wounded} people were injured, {spk} said."),
    (
        "wounded",
        "{spk} said {wounded} civilians had been wounded in the strikes.",
    ),
    (
        "wounded",
        "The attack wounded {wounded} people in {place}, according to {spk}.",
    ),
    ("wounded", "{wounded} soldiers were also hurt, {spk} added."),
    (
        "wounded",
        "Hospitals in {place} were treating {wounded} wounded, according to {spk_kb}.",
    ),
    // evacuees
    (
        "evacuees",
        "Russian peacekeepers evacuated {evac} civilians, {spk_ru} said.",
    ),
    (
        "evacuees",
        "{evac} residents have been evacuated from villages near the front, {spk_kb} said.",
    ),
    (
        "evacuees",
        "{spk} announced the evacuation of {evac} people to {place}.",
    ),
    (
        "evacuees",
        "{evac} evacuees were being housed in schools in {place}, according to {spk_kb}.",
    ),
    (
        "evacuees",
        "By {day}, {evac} people had been evacuated, {spk} said.",
    ),
    // refugees
    (
        "refugees",
        "{refug} people had crossed into Armenia by {day}, {spk_am} said.",
    ),
    (
        "refugees",
        "{refug} refugees have arrived in Goris, according to {spk_un}.",
    ),
    (
        "refugees",
        "{spk} said {refug} people had fled Nagorno-Karabakh.",
    ),
    (
        "refugees",
        "The exodus has displaced {refug} people, according to {spk_un}.",
    ),
    (
        "refugees",
        "{refug} ethnic Armenians have left the region, {spk_am} said.",
    ),
    (
        "refugees",
        "{spk_un} counted {refug} refugees in {place} alone.",
    ),
    // blockade
    (
        "blockade_duration",
        "The enclave has been blockaded since {since}, {spk_kb} said.",
    ),
    (
        "blockade_duration",
        "Residents describe a blockade that has lasted {months} months.",
    ),
    (
        "blockade_duration",
        "After {months} months of blockade, residents face shortages of food and fuel, {spk_kb} said.",
    ),
    (
        "blockade_duration",
        "The Lachin corridor has been cut off for {months} months, according to {spk}.",
    ),
    (
        "blockade_duration",
        "The {=months}-month blockade has left shelves empty in Stepanakert.",
    ),
    (
        "blockade_duration",
        "Karabakh has been under siege for {months} months, {spk_kb} said.",
    ),
    // population
    (
        "population",
        "The region, home to {pop} ethnic Armenians, has been cut off from the world.",
    ),
    (
        "population",
        "The enclave had {pop} ethnic Armenian residents before the offensive, {spk} said.",
    ),
    (
        "population",
        "Nagorno-Karabakh, with a population of {pop}, depends on a single road.",
    ),
    (
        "population",
        "Karabakh's {=pop} ethnic Armenians face an uncertain future, {spk_un} said.",
    ),
    (
        "population",
        "The territory is inhabited by {pop} people, according to {spk_kb}.",
    ),
    // aggressor / accusations
    (
        "aggressor",
        "{spk_am} denounced what it called large-scale Azerbaijani aggression.",
    ),
    (
        "aggressor",
        "Baku said its troops were responding to Armenian provocations.",
    ),
    (
        "aggressor",
        "{spk_az} accused Armenian forces of shelling its positions near {place}.",
    ),
    (
        "aggressor",
        "{spk_kb} said Azerbaijani forces opened fire on {place}.",
    ),
    (
        "aggressor",
        "{spk_az} said it acted in response to provocations by Armenian forces.",
    ),
    (
        "aggressor",
        "{spk_am} accused Azerbaijan of launching an unprovoked attack on Armenian territory.",
    ),
    (
        "aggressor",
        "{spk_fr} condemned the aggression by Azerbaijan against Armenia.",
    ),
    (
        "aggressor",
        "Azerbaijani troops struck first, {spk_am} said.",
    ),
    (
        "aggressor",
        "Armenian units shelled Azerbaijani positions overnight, {spk_az} claimed.",
    ),
];

const FILLERS_FR: &[&str] = &[
    "Les pourparlers entre les deux délégations doivent reprendre {day} à {city}.",
    "Le ministre des Affaires étrangères s'est entretenu par téléphone avec son homologue.",
    "La circulation reste difficile sur la route reliant {place} à la frontière.",
    "Des pluies abondantes sont attendues dans la région en fin de semaine.",
    "Les écoles de {place} resteront fermées jusqu'à nouvel ordre.",
    "Plusieurs convois humanitaires attendent toujours l'autorisation de passer.",
    "Le Comité international de la Croix-Rouge a appelé au respect du droit humanitaire.",
    "Les prix des denrées de base ont fortement augmenté sur les marchés de {place}.",
    "Une réunion du Conseil de sécurité est prévue dans les prochains jours.",
    "Les observateurs de la mission européenne ont effectué une patrouille le long de la frontière.",
    "Le trafic aérien n'a pas été perturbé à l'aéroport de la capitale.",
    "Les habitants font la queue devant les boulangeries dès l'aube.",
    "L'électricité a été partiellement rétablie dans plusieurs quartiers de {place}.",
    "Les négociations portent notamment sur la délimitation de la frontière.",
    "Aucune date n'a encore été fixée pour la signature d'un accord de paix.",
    "Le président du Conseil européen a proposé d'accueillir une nouvelle rencontre à {city}.",
    "La neige a rendu impraticable le col menant à {place}.",
    "Les journalistes étrangers n'ont pas été autorisés à se rendre sur place.",
    "Les images diffusées sur les réseaux sociaux n'ont pas pu être vérifiées de manière indépendante.",
    "Le parlement doit examiner le texte lors de sa prochaine session.",
    "Des manifestants se sont rassemblés devant le siège du gouvernement.",
    "La Croix-Rouge a distribué des couvertures et des kits d'hygiène.",
    "Les températures devraient descendre sous zéro dans les zones de montagne.",
    "Le ministère de la Santé a ouvert une ligne d'assistance téléphonique.",
    "Un point presse est prévu en fin de journée.",
    "La route de montagne, longue d'une soixantaine de kilomètres, est en mauvais état.",
    "Les commerçants de {place} ont rouvert leurs boutiques après plusieurs jours de fermeture.",
    "Les diplomates évoquent des discussions « franches mais difficiles ».",
    "Le texte de la déclaration commune n'a pas été rendu public.",
    "La situation restait tendue mais calme {day} soir.",
    "Les familles attendent des nouvelles de leurs proches.",
    "Un hôpital de campagne a été installé près de la frontière.",
    "Les transports en commun fonctionnent normalement dans la capitale.",
    "Une aide d'urgence a été débloquée pour les populations touchées.",
    "Les agriculteurs craignent de ne pas pouvoir récolter avant l'hiver.",
    "Le dossier sera au menu du prochain sommet régional.",
    "Des experts internationaux doivent se rendre dans la région le mois prochain.",
    "Les habitants ont été invités à limiter leurs déplacements.",
    "La compagnie nationale d'électricité a annoncé des coupures programmées.",
    "Le corridor reste la seule voie terrestre entre les deux territoires.",
    "Plusieurs ONG ont lancé des appels aux dons.",
    "Le cours de la monnaie locale est resté stable.",
    "Des volontaires préparent des repas chauds dans un gymnase de {place}.",
    "La visite du ministre a été reportée à une date ultérieure.",
    "Les deux parties se sont engagées à poursuivre le dialogue.",
    "Les analystes jugent peu probable une percée diplomatique à court terme.",
    "Un couvre-feu a été instauré dans plusieurs localités.",
    "Le réseau téléphonique a été coupé pendant plusieurs heures {day}.",
    "Les files de voitures s'étiraient sur des kilomètres à l'entrée de {place}.",
    "Un nouveau cycle de discussions techniques s'est ouvert à {city}.",
];

const FILLERS_EN: &[&str] = &[
    "Talks between the two delegations are due to resume in {city} on {day}.",
    "The foreign minister spoke by phone with his counterpart late on {day}.",
    "Traffic remained slow on the road linking {place} to the border.",
    "Heavy rain is forecast across the region at the weekend.",
    "Schools in {place} will stay closed until further notice.",
    "Several aid convoys were still waiting for permission to pass.",
    "The International Committee of the Red Cross called for respect of humanitarian law.",
    "Prices of basic foodstuffs have risen sharply in the markets of {place}.",
    "A Security Council meeting is expected in the coming days.",
    "Monitors from the European mission patrolled along the border.",
    "Flights at the capital's airport were not disrupted.",
    "Residents queued outside bakeries from dawn.",
    "Power was partly restored in several districts of {place}.",
    "The negotiations focus on the delimitation of the border.",
    "No date has yet been set for the signing of a peace agreement.",
    "The president of the European Council offered to host another meeting in {city}.",
    "Snow made the pass leading to {place} impassable.",
    "Foreign journalists were not allowed to travel to the area.",
    "Images shared on social media could not be independently verified.",
    "Parliament is due to debate the text at its next session.",
    "Protesters gathered outside the government building.",
    "The Red Cross handed out blankets and hygiene kits.",
    "Temperatures are expected to fall below freezing in mountain areas.",
    "The health ministry opened a telephone helpline.",
    "A press briefing is scheduled for later in the day.",
    "The mountain road, some sixty kilometres long, is in poor condition.",
    "Shopkeepers in {place} reopened after several days of closure.",
    "Diplomats described the discussions as frank but difficult.",
    "The text of the joint statement was not made public.",
    "The situation remained tense but calm on {day} evening.",
    "Families are waiting for news of their relatives.",
    "A field hospital has been set up near the border.",
    "Public transport was running normally in the capital.",
    "Emergency aid has been released for the affected population.",
    "Farmers fear they will not be able to harvest before winter.",
    "The issue will be on the agenda of the next regional summit.",
    "International experts are expected to visit the region next month.",
    "Residents were asked to limit their movements.",
    "The national power company announced scheduled outages.",
    "The corridor remains the only land route between the two territories.",
    "Several charities have launched fundraising appeals.",
    "The local currency held steady against the dollar.",
    "Volunteers were cooking hot meals in a sports hall in {place}.",
    "The minister's visit has been postponed to a later date.",
    "Both sides pledged to continue the dialogue.",
    "Analysts see little chance of a diplomatic breakthrough in the short term.",
    "A curfew was imposed in several localities.",
    "Phone networks were down for several hours on {day}.",
    "Queues of cars stretched for miles at the entrance to {place}.",
    "A new round of technical talks opened in {city}.",
];

const HEADLINES_FR: &[&str] = &[
    "Haut-Karabakh : {dead} morts dans de nouveaux affrontements",
    "Haut-Karabakh : reprise des pourparlers à {city}",
    "L'Arménie et l'Azerbaïdjan se rejettent la responsabilité des combats",
    "Le corridor de Latchine toujours fermé",
    "Exode massif vers l'Arménie",
    "{place} : les habitants dans l'attente",
    "Cessez-le-feu fragile au Karabakh",
    "Nouvelle réunion entre diplomates arméniens et azerbaïdjanais",
    "Les casques bleus russes sous pression",
    "L'ONU appelle à la retenue",
    "Karabakh : le bilan s'alourdit",
    "Frontière arméno-azerbaïdjanaise : tensions persistantes",
    "À {place}, l'hiver inquiète les déplacés",
    "Paris appelle à un accès humanitaire",
    "Les négociations de paix marquent le pas",
    "{refug} réfugiés arrivés en Arménie",
];

const HEADLINES_EN: &[&str] = &[
    "Karabakh clashes leave {dead} dead",
    "Armenia and Azerbaijan resume talks in {city}",
    "Armenia and Azerbaijan trade blame for fighting",
    "Lachin corridor remains closed",
    "Mass exodus towards Armenia",
    "In {place}, residents wait for news",
    "Fragile ceasefire holds in Karabakh",
    "Armenian and Azerbaijani diplomats meet again",
    "Russian peacekeepers under pressure",
    "UN calls for restraint",
    "Karabakh death toll climbs",
    "Tensions persist on Armenia-Azerbaijan border",
    "Winter looms for the displaced in {place}",
    "France calls for humanitarian access",
    "Peace talks stall",
    "{refug} refugees reach Armenia",
];

// ---------------------------------------------------------------- numbers

fn fr_words(n: u64) -> String {
    const U: [&str; 17] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const T: [&str; 7] = [
        "",
        "",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
    ];
    match n {
        0..=16 => U[n as usize].to_string(),
        17..=19 => format!("dix-{}", U[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (T[(n / 10) as usize], n % 10);
            match u {
                0 => t.to_string(),
                1 => format!("{t} et un"),
                _ => format!("{t}-{}", U[u as usize]),
            }
        }
        70..=79 => {
            if n == 71 {
                "soixante et onze".to_string()
            } else {
                format!("soixante-{}", fr_words(n - 60))
            }
        }
        80 => "quatre-vingts".to_string(),
        81..=99 => format!("quatre-vingt-{}", fr_words(n - 80)),
        100..=999 => {
            let (h, r) = (n / 100, n % 100);
            let head = if h == 1 {
                "cent".to_string()
            } else {
                format!("{} cent", U[h as usize])
            };
            match (r, h) {
                (0, 1) => head,
                (0, _) => format!("{head}s"),
                _ => format!("{head} {}", fr_words(r)),
            }
        }
        _ => n.to_string(),
    }
}

fn en_words(n: u64) -> String {
    const O: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const T: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    match n {
        0..=19 => O[n as usize].to_string(),
        20..=99 => {
            let (t, u) = (T[(n / 10) as usize], n % 10);
            if u == 0 {
                t.to_string()
            } else {
                format!("{t}-{}", O[u as usize])
            }
        }
        100..=999 => {
            let (h, r) = (n / 100, n % 100);
            let head = format!("{} hundred", if h == 1 { "a" } else { O[h as usize] });
            if r == 0 {
                head
            } else {
                format!("{head} and {}", en_words(r))
            }
        }
        _ => n.to_string(),
    }
}

/// Digits with a thousands separator `sep` (empty: none).
fn group_digits(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A figure the way a newsroom would write it: words for small numbers
/// sometimes, digits with the language's separators otherwise.
fn format_number(rng: &mut Rng, lang: Lang, n: u64) -> String {
    let words_p = match n {
        0..=99 => 0.45,
        100..=999 => 0.12,
        _ => 0.0,
    };
    // French feminine/elision trouble ("vingt et une personnes"): keep digits.
    let awkward = lang == Lang::Fr && n % 10 == 1 && n != 11;
    if !awkward && rng.chance(words_p) {
        return match lang {
            Lang::Fr => fr_words(n),
            Lang::En => en_words(n),
        };
    }
    if n < 1000 {
        return n.to_string();
    }
    let sep = match lang {
        Lang::Fr => match rng.below(20) {
            0..=12 => " ",
            13..=14 => "\u{a0}",
            15 => "\u{202f}",
            16..=18 => ".",
            _ => "",
        },
        Lang::En => match rng.below(10) {
            0..=8 => ",",
            _ => "",
        },
    };
    group_digits(n, sep)
}

/// Newsroom rounding: big figures are usually round.
fn roundish(rng: &mut Rng, n: u64) -> u64 {
    let step = match n {
        0..=99 => 1,
        100..=999 => {
            if rng.chance(0.5) {
                10
            } else {
                1
            }
        }
        _ => {
            if rng.chance(0.7) {
                50
            } else {
                1
            }
        }
    };
    (n / step).max(1) * step
}

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01 to (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A date in 2020-2024, weighted towards the busy news periods.
fn pick_date(rng: &mut Rng) -> (i64, u32, u32) {
    type Ymd = (i64, u32, u32);
    const WINDOWS: &[(Ymd, Ymd)] = &[
        ((2020, 9, 27), (2020, 11, 15)), // the 2020 war
        ((2022, 9, 12), (2022, 9, 25)),  // border clashes
        ((2022, 12, 12), (2023, 9, 18)), // the blockade
        ((2023, 9, 19), (2023, 10, 10)), // offensive and exodus
    ];
    let (lo, hi) = if rng.chance(0.6) {
        let (a, b) = rng.pick(WINDOWS);
        (
            days_from_civil(a.0, a.1, a.2),
            days_from_civil(b.0, b.1, b.2),
        )
    } else {
        (days_from_civil(2020, 1, 1), days_from_civil(2024, 12, 31))
    };
    civil_from_days(lo + rng.below((hi - lo + 1) as u64) as i64)
}

// ---------------------------------------------------------------- articles

/// Per-article figures, so one article's claims stay in the same range.
struct Figures {
    dead: u64,
    wounded: u64,
    evac: u64,
    refug: u64,
    pop: u64,
    months: u64,
    since: (i64, u32),
}

impl Figures {
    fn new(rng: &mut Rng, year: i64) -> Figures {
        let dead = match rng.below(4) {
            0 => rng.range(2, 30),
            1 => rng.range(20, 250),
            2 => rng.range(100, 800),
            _ => rng.range(1000, 6500),
        };
        let since_year = if rng.chance(0.5) { year } else { year - 1 };
        Figures {
            dead,
            wounded: dead * rng.range(2, 6) / 2 + rng.range(0, 40),
            evac: rng.range(200, 12_000),
            refug: match rng.below(3) {
                0 => rng.range(1_000, 20_000),
                1 => rng.range(20_000, 60_000),
                _ => rng.range(60_000, 120_000),
            },
            pop: rng.range(100, 150) * 1000,
            months: rng.range(2, 10),
            since: (since_year, rng.range(1, 12) as u32),
        }
    }
}

struct Ctx<'a> {
    rng: &'a mut Rng,
    figs: &'a Figures,
}

impl Ctx<'_> {
    /// A figure near `base`, rounded, with a qualifier when `qualify`.
    fn figure(&mut self, lang: Lang, base: u64, spread: u64, qualify: bool) -> String {
        let jitter = 100 - spread + self.rng.below(2 * spread + 1); // 100% ± spread%
        let n = roundish(self.rng, (base * jitter / 100).max(2));
        let num = format_number(self.rng, lang, n);
        if qualify && self.rng.chance(0.65) {
            let q = match lang {
                Lang::Fr => *self.rng.pick(QUAL_FR),
                Lang::En => *self.rng.pick(QUAL_EN),
            };
            format!("{q} {num}")
        } else {
            num
        }
    }

    /// Expands one template.
    fn expand(&mut self, lang: Lang, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut plural: Option<bool> = None;
        let mut pending = false; // an `{a}` before any speaker
        let mut pending_plural = None;
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed placeholder");
            let name = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let (bare, key) = match name.strip_prefix('=') {
                Some(k) => (true, k),
                None => (false, name),
            };
            let f = self.figs;
            let text = match key {
                "dead" => self.figure(lang, f.dead, 20, !bare),
                "wounded" => self.figure(lang, f.wounded, 20, !bare),
                "evac" => self.figure(lang, f.evac, 20, !bare),
                "refug" => self.figure(lang, f.refug, 20, !bare),
                "pop" => self.figure(lang, f.pop, 4, !bare),
                "small" => {
                    let n = self.rng.range(2, 15);
                    format_number(self.rng, lang, n)
                }
                "months" => {
                    let n = (f.months + self.rng.below(2)).min(12);
                    format_number(self.rng, lang, n)
                }
                "since" => match lang {
                    Lang::Fr => format!("{} {}", MONTHS_FR[f.since.1 as usize - 1], f.since.0),
                    Lang::En => format!("{} {}", MONTHS_EN[f.since.1 as usize - 1], f.since.0),
                },
                "place" => match lang {
                    Lang::Fr => self.rng.pick(PLACES_FR).to_string(),
                    Lang::En => self.rng.pick(PLACES_EN).to_string(),
                },
                "city" => match lang {
                    Lang::Fr => self.rng.pick(CITIES_FR).to_string(),
                    Lang::En => self.rng.pick(CITIES_EN).to_string(),
                },
                "day" => match lang {
                    Lang::Fr => self.rng.pick(DAYS_FR).to_string(),
                    Lang::En => self.rng.pick(DAYS_EN).to_string(),
                },
                "when" => match lang {
                    Lang::Fr => self.rng.pick(WHEN_FR).to_string(),
                    Lang::En => self.rng.pick(WHEN_EN).to_string(),
                },
                // Agrees with the last speaker so far, else with the next one.
                "a" => match plural {
                    Some(true) => "ont".to_string(),
                    Some(false) => "a".to_string(),
                    None => {
                        pending = true;
                        "\u{1}".to_string()
                    }
                },
                _ if key.starts_with("spk") => {
                    let group = match key.strip_prefix("spk_") {
                        Some(g) => g,
                        None => self.rng.pick(ANY_SPEAKER_GROUPS),
                    };
                    let (name, pl) = *self.rng.pick(speakers(lang, group));
                    plural = Some(pl);
                    if pending && pending_plural.is_none() {
                        pending_plural = Some(pl);
                    }
                    // An apposition ("X, adviser to Y") closes with a comma before a verb.
                    if name.contains(", ") && rest.starts_with(' ') {
                        format!("{name},")
                    } else {
                        name.to_string()
                    }
                }
                _ => panic!("unknown placeholder {{{name}}}"),
            };
            out.push_str(&text);
        }
        out.push_str(rest);
        if pending {
            out = out.replace(
                '\u{1}',
                if pending_plural == Some(true) {
                    "ont"
                } else {
                    "a"
                },
            );
        }
        if lang == Lang::Fr {
            out = elide_fr(&out);
        }
        capitalize_first(&out)
    }
}

/// "de au moins" -> "d'au moins", "de environ" -> "d'environ", and so on.
fn elide_fr(s: &str) -> String {
    let mut s = s.to_string();
    for (from, to) in [
        ("de au ", "d'au "),
        ("de environ ", "d'environ "),
        ("de onze ", "d'onze "),
        ("à le ", "au "),
        ("de le ", "du "),
        ("de les ", "des "),
        ("à les ", "aux "),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    s
}

/// Upper-cases the first letter, skipping opening quotes and spaces.
fn capitalize_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut done = false;
    for c in s.chars() {
        if !done && c.is_alphanumeric() {
            done = true;
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Odd {
    None,
    LongParagraph,
    NoDate,
    Mixed,
}

struct Article {
    id: String,
    outlet: &'static str,
    date: Option<String>,
    lang: Lang,
    url: String,
    text: String,
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

fn gen_article(rng: &mut Rng, index: u64) -> Article {
    let &(outlet, lang, site) = rng.pick(OUTLETS);
    let odd = if rng.chance(0.01) {
        match rng.below(3) {
            0 => Odd::LongParagraph,
            1 => Odd::NoDate,
            _ => Odd::Mixed,
        }
    } else {
        Odd::None
    };
    let (y, m, d) = pick_date(rng);
    let figs = Figures::new(rng, y);
    let mut ctx = Ctx { rng, figs: &figs };

    let headline_t = match lang {
        Lang::Fr => *ctx.rng.pick(HEADLINES_FR),
        Lang::En => *ctx.rng.pick(HEADLINES_EN),
    };
    let headline = ctx.expand(lang, headline_t);

    let target_words = match odd {
        Odd::LongParagraph => ctx.rng.range(1500, 4000) as usize,
        _ => ctx.rng.range(150, 800) as usize,
    };
    let claim_p = 0.25 + ctx.rng.below(10) as f64 / 100.0; // one in three or four
    let mut paragraphs: Vec<String> = Vec::new();
    let mut used: Vec<(bool, Lang, usize)> = Vec::new();
    let mut words = word_count(&headline);
    while words < target_words {
        let sentences = ctx.rng.range(2, 5);
        let mut para = String::new();
        for _ in 0..sentences {
            let l = if odd == Odd::Mixed && ctx.rng.chance(0.4) {
                lang.other()
            } else {
                lang
            };
            let claim = ctx.rng.chance(claim_p);
            let count = match (claim, l) {
                (true, Lang::Fr) => CLAIMS_FR.len(),
                (true, Lang::En) => CLAIMS_EN.len(),
                (false, Lang::Fr) => FILLERS_FR.len(),
                (false, Lang::En) => FILLERS_EN.len(),
            };
            // Avoid repeating a sentence template within an article (a few tries).
            let mut k = ctx.rng.below(count as u64) as usize;
            for _ in 0..3 {
                if !used.contains(&(claim, l, k)) {
                    break;
                }
                k = ctx.rng.below(count as u64) as usize;
            }
            used.push((claim, l, k));
            let t = match (claim, l) {
                (true, Lang::Fr) => CLAIMS_FR[k].1,
                (true, Lang::En) => CLAIMS_EN[k].1,
                (false, Lang::Fr) => FILLERS_FR[k],
                (false, Lang::En) => FILLERS_EN[k],
            };
            let s = ctx.expand(l, t);
            if !para.is_empty() {
                para.push(' ');
            }
            words += word_count(&s);
            para.push_str(&s);
        }
        paragraphs.push(para);
    }
    let mut text = headline.clone();
    let body_sep = if odd == Odd::LongParagraph {
        " "
    } else {
        "\n\n"
    };
    for (i, p) in paragraphs.iter().enumerate() {
        text.push_str(if i == 0 { "\n\n" } else { body_sep });
        text.push_str(p);
    }

    let date = (odd != Odd::NoDate).then(|| format!("{y:04}-{m:02}-{d:02}"));
    let url = match &date {
        Some(_) => format!(
            "https://www.{site}.example/{y:04}/{m:02}/{d:02}/{}-{index}",
            slug(&headline)
        ),
        None => format!(
            "https://www.{site}.example/articles/{}-{index}",
            slug(&headline)
        ),
    };
    Article {
        id: format!("a{index:07}"),
        outlet,
        date,
        lang,
        url,
        text,
    }
}

// ---------------------------------------------------------------- output

#[derive(serde::Serialize)]
struct JsonLine<'a> {
    id: &'a str,
    outlet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    lang: &'a str,
    url: &'a str,
    text: &'a str,
}

fn markdown(a: &Article) -> String {
    let mut s = String::with_capacity(a.text.len() + 200);
    s.push_str("---\n");
    let _ = writeln!(s, "outlet: {}", a.outlet);
    if let Some(d) = &a.date {
        let _ = writeln!(s, "date: {d}");
    }
    let _ = writeln!(s, "lang: {}", a.lang.code());
    let _ = writeln!(s, "url: {}", a.url);
    s.push_str("---\n");
    s.push_str(&a.text);
    s.push('\n');
    s
}

struct Args {
    mb: f64,
    out: Option<PathBuf>,
    seed: u64,
    files: bool,
    dump: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen-corpus --mb N --out DIR [--seed N] [--no-files]\n       gen-corpus --dump-templates"
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut args = Args {
        mb: 10.0,
        out: None,
        seed: 1,
        files: true,
        dump: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--mb" => {
                args.mb = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|v: &f64| *v > 0.0)
                    .unwrap_or_else(|| usage())
            }
            "--out" => args.out = Some(it.next().unwrap_or_else(|| usage()).into()),
            "--seed" => {
                args.seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--no-files" => args.files = false,
            "--dump-templates" => args.dump = true,
            "-h" | "--help" => {
                eprintln!("see the doc comment at the top of examples/gen-corpus.rs");
                usage()
            }
            _ => usage(),
        }
    }
    args
}

fn dump_templates(seed: u64) {
    let mut rng = Rng::new(seed);
    let figs = Figures::new(&mut rng, 2023);
    let mut ctx = Ctx {
        rng: &mut rng,
        figs: &figs,
    };
    for (lang, list) in [(Lang::Fr, CLAIMS_FR), (Lang::En, CLAIMS_EN)] {
        for (kind, t) in list {
            println!("{}\t{}\t{}", lang.code(), kind, ctx.expand(lang, t));
        }
    }
    eprintln!(
        "claim templates: fr {} en {}; fillers: fr {} en {}; headlines: fr {} en {}",
        CLAIMS_FR.len(),
        CLAIMS_EN.len(),
        FILLERS_FR.len(),
        FILLERS_EN.len(),
        HEADLINES_FR.len(),
        HEADLINES_EN.len()
    );
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    if args.dump {
        dump_templates(args.seed);
        return Ok(());
    }
    let out = args.out.clone().unwrap_or_else(|| usage());
    fs::create_dir_all(&out)?;
    let files_dir = out.join("files");
    if args.files {
        if files_dir.exists() {
            fs::remove_dir_all(&files_dir)?; // stale files from a bigger run would skew results
        }
        fs::create_dir_all(&files_dir)?;
    }
    if !args.files && files_dir.exists() {
        eprintln!(
            "gen-corpus: warning: {} is left as it was (--no-files) and may not match corpus.jsonl",
            files_dir.display()
        );
    }
    let target = (args.mb * 1_000_000.0) as u64;
    let mut jsonl = BufWriter::with_capacity(1 << 20, fs::File::create(out.join("corpus.jsonl"))?);
    let mut rng = Rng::new(args.seed);
    let mut written = 0u64;
    let mut index = 0u64;
    let mut line = Vec::with_capacity(16 << 10);
    while written < target {
        let a = gen_article(&mut rng, index);
        line.clear();
        serde_json::to_writer(
            &mut line,
            &JsonLine {
                id: &a.id,
                outlet: a.outlet,
                date: a.date.as_deref(),
                lang: a.lang.code(),
                url: &a.url,
                text: &a.text,
            },
        )?;
        line.push(b'\n');
        jsonl.write_all(&line)?;
        written += line.len() as u64;
        if args.files {
            let dir = files_dir.join(format!("{:04}", index / 1000));
            if index.is_multiple_of(1000) {
                fs::create_dir_all(&dir)?;
            }
            fs::write(dir.join(format!("{index:06}.md")), markdown(&a))?;
        }
        index += 1;
    }
    jsonl.flush()?;
    eprintln!(
        "gen-corpus: {} articles, {} bytes in {}{}",
        index,
        written,
        out.join("corpus.jsonl").display(),
        if args.files {
            format!(", files in {}", files_dir.display())
        } else {
            String::new()
        }
    );
    Ok(())
}
