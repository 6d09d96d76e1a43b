//! The gazetteer: canonical actor ids, their names and adjectives in each
//! language, which side each is on, and a fuzzy lookup for misspellings
//! ("Haut-Karabkah").

use crate::error::{Error, Result};
use crate::text::fold::fold_str;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap, HashSet};

mod names;
use names::{NOT_AN_ACTOR, Names};

/// The actors file as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    pub actors: Vec<ActorSpec>,
    /// Phrases that hold a name but name no actor, per language ("Indian
    /// Ocean", "Washington Post"): read as one phrase, they hide the name.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub not_actors: BTreeMap<String, Vec<Spanned<String>>>,
}

/// Names per language code.
type NamesByLang = BTreeMap<String, Vec<Spanned<String>>>;

/// One actor as written in the actors file. An id a previous file defined
/// is extended: its names are added, and the fields given here replace its own.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What it is: `country`, `territory`, `organisation`, `news_agency`,
    /// `armed_group`, ...
    #[serde(default)]
    pub kind: Option<String>,
    /// The side of the conflict this actor stands on (`armenian`, `azerbaijani`,
    /// `third_party`); actors of one side never contradict each other on who
    /// is to blame. Without one, an actor is a side of its own.
    #[serde(default)]
    pub side: Option<String>,
    /// Who this actor blames when it accuses without naming anyone.
    #[serde(default)]
    pub opponent: Option<String>,
    /// When a speaker phrase names several actors, the highest priority wins
    /// ("les forces arméniennes du Haut-Karabakh" is the Karabakh side).
    #[serde(default)]
    pub priority: Option<i32>,
    /// A news agency: it relays what others say and is never the speaker.
    #[serde(default)]
    pub relays: Option<bool>,
    /// The body this one belongs to (`unhcr` is part of `un`).
    #[serde(default)]
    pub parent: Option<String>,
    /// The territory whose institutions this actor runs: its ministry or
    /// its government speaks for that territory ("the Hamas-run health
    /// ministry" is `palestine`'s).
    #[serde(default)]
    pub governs: Option<String>,
    /// A state's news agency or broadcaster: a figure it reports with no
    /// other source named is that state's ("…, selon CCTV" is `china`'s).
    #[serde(default)]
    pub state_of: Option<String>,
    /// A word for whoever holds a role in the article's country ("the
    /// paramilitaries" are the RSF in Sudan, "the occupiers" Russia in
    /// Ukraine): that country's actor for each country, read through the
    /// countries a document is about; elsewhere it names no one.
    #[serde(default)]
    pub stands_for: BTreeMap<String, String>,
    /// A word for an institution of whatever country the article is about
    /// ("the police", « les forces de l'ordre »): it stands for that
    /// country, the first the document names most, where `stands_for`
    /// gives none.
    #[serde(default)]
    pub stands_for_home: Option<bool>,
    /// Names, adjectives and metonyms per language code.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub names: NamesByLang,
    /// Adjectives and demonyms that say whose people are counted
    /// ("Azerbaijani soldiers", « soldats arméniens »): names, and the words
    /// the `{side}` placeholder reads.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub adjectives: NamesByLang,
    /// Capitals used for their government ("Moscow said"), per language.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub capital_metonyms: NamesByLang,
    /// Names read only in this exact case ("US", not the pronoun "us").
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub case_sensitive: NamesByLang,
    /// Names that are also common words or other things ("Maurice", "Polish"):
    /// recorded, never read as the actor.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub ambiguous: NamesByLang,
    /// Towns and regions in this country's territory, as written ("Kherson",
    /// "Kerala"), in any language: read only capitalised and where the
    /// sentence's words make them places ("in Hatay", "the Kerala
    /// government"), as this country. A later file moves a place it gives
    /// to another actor; an actor's name is never a place.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub places: Vec<Spanned<String>>,
}

/// A known actor.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub side: String,
    pub opponent: Option<String>,
    pub priority: i32,
    pub kind: Option<String>,
    /// A news agency: never the speaker.
    pub relays: bool,
    pub parent: Option<String>,
    /// The territory whose institutions it runs ([`ActorSpec::governs`]).
    pub governs: Option<String>,
    /// The state it reports for ([`ActorSpec::state_of`]).
    pub state_of: Option<String>,
    /// Whom it stands for in each country ([`ActorSpec::stands_for`]).
    pub stands_for: BTreeMap<String, String>,
    /// It stands for the article's country ([`ActorSpec::stands_for_home`]).
    pub stands_for_home: bool,
    /// How reports name it: its first English name in the first file that
    /// gives one (else its first name in any language), as written.
    pub display: Option<String>,
}

impl Actor {
    /// A role: a word that names whoever holds a part in the article's
    /// country ([`ActorSpec::stands_for`], [`ActorSpec::stands_for_home`]).
    pub fn is_role(&self) -> bool {
        !self.stands_for.is_empty() || self.stands_for_home
    }

    /// A country or a territory: a state that counts its own dead.
    pub fn is_country(&self) -> bool {
        matches!(self.kind.as_deref(), Some("country" | "territory"))
    }

    /// Whether its count of soldiers is of its own: not an armed group's
    /// ("JNIM said it killed 200 soldiers"), nor an observer's.
    pub fn counts_own_losses(&self) -> bool {
        !self.is_observer() && self.kind.as_deref() != Some("armed_group")
    }

    /// An organisation or a news agency: a body that counts, relays or
    /// reports, never a party that rules, fights or claims an attack.
    pub fn is_observer(&self) -> bool {
        matches!(self.kind.as_deref(), Some("organisation" | "news_agency"))
    }
}

/// A mention of an actor in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: usize,
    pub start: usize,
    pub end: usize,
    /// Read as one of the actor's adjectives ("armenien").
    pub adjective: bool,
}

/// The compiled gazetteer. Names are per language ("UN" is English, "un" is
/// a French article); a language with no names of its own uses every name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    by_lang: HashMap<String, Names>,
    all: Names,
    /// Speaker phrases already resolved: agencies and ministries come back
    /// in every article, and a miss costs a fuzzy search.
    resolved: PhraseCache,
    /// Folded place name -> the actor it lies in ([`ActorSpec::places`]).
    places: HashMap<String, usize>,
    /// The most words a place name has.
    place_words: usize,
    /// The first words of the place names, folded: a capitalised word not
    /// among them starts none, and is passed over at the cost of one fold.
    place_starts: HashSet<String>,
    /// The ids of the roles ([`ActorSpec::stands_for`]): claims ask for
    /// each of their actors whether it is one.
    roles: HashSet<String>,
}

/// [`PhraseKey`] -> actor index, shared by the
/// threads; a thread that finds it busy computes without it. Bounded: it
/// starts over past [`PhraseCache::CAPACITY`] phrases.
#[derive(Debug, Default)]
struct PhraseCache(std::sync::Mutex<HashMap<PhraseKey, Option<usize>>>);

/// (language, prefer_last, folded phrase, phrase as written).
type PhraseKey = (String, bool, String, Option<String>);

impl PhraseCache {
    const CAPACITY: usize = 1 << 16;

    fn get(&self, key: &PhraseKey) -> Option<Option<usize>> {
        self.0.try_lock().ok()?.get(key).copied()
    }

    fn put(&self, key: PhraseKey, value: Option<usize>) {
        if let Ok(mut map) = self.0.try_lock() {
            if map.len() >= Self::CAPACITY {
                map.clear();
            }
            map.insert(key, value);
        }
    }
}

impl Clone for PhraseCache {
    fn clone(&self) -> PhraseCache {
        PhraseCache::default()
    }
}

impl Gazetteer {
    /// Builds the gazetteer from parsed files (`path` for error messages),
    /// in order: an id a previous file defined is extended by a later one
    /// (names added, fields replaced), and a name a later file gives to
    /// another actor moves there. Within one file an id or a name is given once.
    pub fn build(files: &[(String, ActorsFile)]) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for (path, file) in files {
            let mut ids_here: HashSet<String> = HashSet::new();
            // (language, folded name) -> actor, for this file.
            let mut names_here: HashMap<(String, String), usize> = HashMap::new();
            for spec in &file.actors {
                let id = spec.id.value.clone();
                let at = |s: &Spanned<String>, message: String| {
                    Error::rules(path, s.referenced.line(), s.referenced.column(), message)
                };
                if !ids_here.insert(id.clone()) {
                    return Err(at(
                        &spec.id,
                        format!(
                            "actor '{id}' is defined twice in this file; merge the two entries"
                        ),
                    ));
                }
                let idx = match g.index(&id) {
                    Some(i) => i,
                    None => {
                        g.actors.push(Actor {
                            id: id.clone(),
                            side: id.clone(),
                            opponent: None,
                            priority: 0,
                            kind: None,
                            relays: false,
                            parent: None,
                            governs: None,
                            state_of: None,
                            stands_for: BTreeMap::new(),
                            stands_for_home: false,
                            display: None,
                        });
                        g.actors.len() - 1
                    }
                };
                let actor = &mut g.actors[idx];
                if let Some(side) = &spec.side {
                    actor.side.clone_from(side);
                }
                if spec.opponent.is_some() {
                    actor.opponent.clone_from(&spec.opponent);
                }
                if let Some(p) = spec.priority {
                    actor.priority = p;
                }
                if spec.kind.is_some() {
                    actor.kind.clone_from(&spec.kind);
                }
                if let Some(r) = spec.relays {
                    actor.relays = r;
                }
                if spec.parent.is_some() {
                    actor.parent.clone_from(&spec.parent);
                }
                if spec.governs.is_some() {
                    actor.governs.clone_from(&spec.governs);
                }
                if spec.state_of.is_some() {
                    actor.state_of.clone_from(&spec.state_of);
                }
                if let Some(home) = spec.stands_for_home {
                    actor.stands_for_home = home;
                }
                for (country, stand_in) in &spec.stands_for {
                    actor.stands_for.insert(country.clone(), stand_in.clone());
                }
                if actor.display.is_none() {
                    let names = &spec.names;
                    actor.display = names
                        .get("en")
                        .or_else(|| names.values().next())
                        .and_then(|n| n.first())
                        .map(|n| n.value.trim().to_string());
                }
                let lists = [
                    (&spec.names, false),
                    (&spec.adjectives, false),
                    (&spec.capital_metonyms, false),
                    (&spec.case_sensitive, true),
                ];
                for (list, (by_lang, exact)) in lists.into_iter().enumerate() {
                    for (lang, names) in by_lang {
                        let lang = lang.to_ascii_lowercase();
                        for name in names {
                            let folded = fold_str(name.value.trim());
                            if folded.is_empty() {
                                continue;
                            }
                            match names_here.insert((lang.clone(), folded.clone()), idx) {
                                Some(other) if other != idx => {
                                    return Err(at(
                                        name,
                                        format!(
                                            "name '{}' is given to both '{}' and '{id}' in {lang}; keep it on one actor",
                                            name.value, g.actors[other].id
                                        ),
                                    ));
                                }
                                _ => {}
                            }
                            let slot = g.by_lang.entry(lang.clone()).or_default();
                            slot.add(&folded, idx, exact.then(|| name.value.trim()), list == 1);
                        }
                    }
                }
            }
            for spec in &file.actors {
                let Some(idx) = g.index(&spec.id.value) else {
                    continue;
                };
                let mut here: HashMap<String, usize> = HashMap::new();
                for place in &spec.places {
                    let folded = fold_str(place.value.trim());
                    if folded.is_empty() || here.insert(folded.clone(), idx).is_some() {
                        continue;
                    }
                    g.place_words = g.place_words.max(folded.split(' ').count());
                    g.places.insert(folded, idx);
                }
            }
            for (lang, phrases) in &file.not_actors {
                let slot = g.by_lang.entry(lang.to_ascii_lowercase()).or_default();
                for p in phrases {
                    let folded = fold_str(p.value.trim());
                    if !folded.is_empty() {
                        slot.add(&folded, NOT_AN_ACTOR, None, false);
                    }
                }
            }
        }
        // Languages in order, so which actor a name shared by two languages
        // falls to does not depend on a hash.
        let mut all = Names::default();
        let mut langs: Vec<&String> = g.by_lang.keys().collect();
        langs.sort();
        for lang in langs {
            let names = &g.by_lang[lang];
            for (name, &i) in &names.aliases {
                if all.aliases.contains_key(name) {
                    continue;
                }
                all.aliases.insert(name.clone(), i);
                if let Some(forms) = names.exact.get(name) {
                    all.exact.insert(name.clone(), forms.clone());
                }
                if names.adjectives.contains(name) {
                    all.adjectives.insert(name.clone());
                }
            }
        }
        g.all = all;
        // An actor's name is never a place ("Georgia" is the country).
        let all = &g.all;
        g.places.retain(|name, _| !all.aliases.contains_key(name));
        g.place_starts = g
            .places
            .keys()
            .map(|n| n.split(' ').next().unwrap_or_default().to_string())
            .collect();
        for actor in &g.actors {
            if let Some(other) = actor
                .stands_for
                .iter()
                .flat_map(|(c, a)| [c, a])
                .find(|id| g.index(id).is_none())
            {
                return Err(Error::rules(
                    &files.first().map(|f| f.0.clone()).unwrap_or_default(),
                    1,
                    1,
                    format!(
                        "actor '{}' stands for '{other}' (stands_for), which is not a known actor id",
                        actor.id
                    ),
                ));
            }
            if let Some(op) = &actor.opponent
                && g.index(op).is_none()
            {
                return Err(Error::rules(
                    &files.first().map(|f| f.0.clone()).unwrap_or_default(),
                    1,
                    1,
                    format!(
                        "actor '{}' names opponent '{op}', which is not a known actor id",
                        actor.id
                    ),
                ));
            }
        }
        g.roles = g
            .actors
            .iter()
            .filter(|a| a.is_role())
            .map(|a| a.id.clone())
            .collect();
        for names in g.by_lang.values_mut() {
            names.compile()?;
        }
        g.all.compile()?;
        Ok(g)
    }

    fn names(&self, lang: &str) -> &Names {
        self.by_lang.get(lang).unwrap_or(&self.all)
    }

    /// Whom an actor id names in a document about `home` (its countries,
    /// the first first): the id itself, unless it is a role
    /// ([`ActorSpec::stands_for`]), which names the actor of the first of
    /// those countries it gives one for, else the first country for a role
    /// that stands for it ([`ActorSpec::stands_for_home`]), else no one.
    pub fn stand_in<'a>(&'a self, id: &'a str, home: &'a [String]) -> Option<&'a str> {
        if !self.is_role(id) {
            return Some(id);
        }
        let role = self.get(id)?;
        home.iter()
            .find_map(|c| role.stands_for.get(c))
            .or_else(|| home.first().filter(|_| role.stands_for_home))
            .map(String::as_str)
    }

    /// Whether an actor id is a role ([`ActorSpec::stands_for`]).
    pub fn is_role(&self, id: &str) -> bool {
        self.roles.contains(id)
    }

    /// The index of an actor id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.actors.iter().position(|a| a.id == id)
    }

    /// The actor with this id.
    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// The regex alternation of every folded name of a language (the `{actor}` placeholder).
    pub fn alternation(&self, lang: &str) -> &str {
        &self.names(lang).alternation
    }

    /// What a rule set's prefilter reads for `{actor}` and `{side}`: the runs
    /// of the bytes the names and the adjectives are spelt with.
    pub fn runs(&self, lang: &str) -> (&str, &str) {
        let names = self.names(lang);
        (&names.run, &names.side_run)
    }

    /// What the `{actor}` placeholder matches: every folded name of a
    /// language between word boundaries, a dotted one with its last dot.
    pub fn bounded_alternation(&self, lang: &str) -> &str {
        &self.names(lang).bounded
    }

    /// The regex alternation of the folded adjectives of a language (the `{side}` placeholder).
    pub fn side_alternation(&self, lang: &str) -> &str {
        &self.names(lang).side_alternation
    }

    /// The actor a folded name refers to, exactly; `original` is the name
    /// as the text spells it, for the names read in one case only (`None`:
    /// the case is not checked).
    pub fn lookup(&self, folded_name: &str, original: Option<&str>, lang: &str) -> Option<&Actor> {
        let name = folded_name.trim().trim_end_matches('.');
        let names = self.names(lang);
        let (names, &i) = match names.aliases.get(name) {
            Some(i) => (names, i),
            None => (&self.all, self.all.aliases.get(name)?),
        };
        (i != NOT_AN_ACTOR && names.spelt_right(name, original)).then(|| &self.actors[i])
    }

    /// The actor mention that opens folded text, when a name starts it
    /// (« nigeriane … », "israel and …"); the case of names read in one
    /// case only is not checked. The first of [`Self::mentions`] with no
    /// original, if it starts the text, without reading past it.
    pub fn opening_mention(&self, folded: &str, lang: &str) -> Option<Mention> {
        crate::work::read(folded.len());
        let names = self.names(lang);
        let m = names
            .finder
            .as_ref()?
            .find(folded.as_bytes())
            .filter(|m| m.start() == 0)?;
        let name = &folded[..m.end()];
        let &actor = names.aliases.get(name)?;
        (actor != NOT_AN_ACTOR).then(|| Mention {
            actor,
            start: 0,
            end: m.end(),
            adjective: names.adjectives.contains(name),
        })
    }

    /// Every actor mention in folded text, left to right; `original` is the
    /// same text as written, for the names read in one case only.
    pub fn mentions(&self, folded: &str, original: Option<&str>, lang: &str) -> Vec<Mention> {
        crate::work::read(folded.len());
        let names = self.names(lang);
        let Some(finder) = &names.finder else {
            return Vec::new();
        };
        // Whether a name is spelt right holds for the whole of `original`:
        // read once a name, not once a mention ("us", the pronoun, on every
        // page of a long document would scan it for "US" each time).
        let mut spelt: HashMap<&str, bool> = HashMap::new();
        finder
            .find_iter(folded.as_bytes())
            .filter_map(|m| {
                let name = &folded[m.start()..m.end()];
                let &actor = names.aliases.get(name)?;
                let right = !names.exact.contains_key(name)
                    || *spelt
                        .entry(name)
                        .or_insert_with(|| names.spelt_right(name, original));
                (actor != NOT_AN_ACTOR && right).then_some(Mention {
                    actor,
                    start: m.start(),
                    end: m.end(),
                    adjective: names.adjectives.contains(name),
                })
            })
            .collect()
    }
}

mod places;
mod resolve;
#[cfg(test)]
mod tests;

pub use places::PlaceWords;
