//! The gazetteer: canonical actor ids, their names and adjectives in each
//! language, which side each is on, and a fuzzy lookup for misspellings
//! ("Haut-Karabkah").

use crate::error::{Error, Result};
use crate::text::fold::fold_str;
use regex::bytes::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};

/// The actors file as written.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorsFile {
    pub actors: Vec<ActorSpec>,
}

/// One actor as written in the actors file.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActorSpec {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The side of the conflict this actor stands on (`armenian`, `azerbaijani`,
    /// `third_party`); actors of one side never contradict each other on who is to blame.
    pub side: String,
    /// Who this actor blames when it accuses without naming anyone.
    #[serde(default)]
    pub opponent: Option<String>,
    /// When a speaker phrase names several actors, the highest priority wins
    /// ("les forces arméniennes du Haut-Karabakh" is the Karabakh side).
    #[serde(default)]
    pub priority: i32,
    /// Names, adjectives and metonyms per language code.
    #[schemars(with = "BTreeMap<String, Vec<String>>")]
    pub names: BTreeMap<String, Vec<Spanned<String>>>,
}

/// A known actor.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub side: String,
    pub opponent: Option<String>,
    pub priority: i32,
}

/// A mention of an actor in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub actor: usize,
    pub start: usize,
    pub end: usize,
}

/// The names of one language, compiled.
#[derive(Debug, Clone, Default)]
struct Names {
    /// Folded name -> actor index.
    aliases: HashMap<String, usize>,
    /// Folded names, longest first: the `{actor}` placeholder alternation.
    alternation: String,
    finder: Option<Regex>,
    /// Names of six letters or more, for fuzzy lookup: (name, actor, words), sorted.
    long: Vec<(String, usize, usize)>,
}

impl Names {
    fn compile(&mut self) -> Result<()> {
        self.long = self
            .aliases
            .iter()
            .filter(|(n, _)| n.len() >= 6)
            .map(|(n, &i)| (n.clone(), i, n.split(' ').count()))
            .collect();
        self.long.sort();
        let mut names: Vec<&String> = self.aliases.keys().collect();
        names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.alternation = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        if !self.alternation.is_empty() {
            let re = format!(r"\b(?:{})\b", self.alternation);
            self.finder = Some(
                regex::bytes::RegexBuilder::new(&re)
                    .unicode(false)
                    .size_limit(64 << 20)
                    .dfa_size_limit(64 << 20)
                    .build()
                    .map_err(|e| {
                        Error::rules("actors", 1, 1, format!("names do not compile: {e}"))
                    })?,
            );
        }
        Ok(())
    }
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
}

/// (language, prefer_last, folded phrase) -> actor index, shared by the
/// threads; a thread that finds it busy computes without it. Bounded: it
/// starts over past [`PhraseCache::CAPACITY`] phrases.
#[derive(Debug, Default)]
struct PhraseCache(std::sync::Mutex<HashMap<(String, bool, String), Option<usize>>>);

impl PhraseCache {
    const CAPACITY: usize = 1 << 16;

    fn get(&self, key: &(String, bool, String)) -> Option<Option<usize>> {
        self.0.try_lock().ok()?.get(key).copied()
    }

    fn put(&self, key: (String, bool, String), value: Option<usize>) {
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
    /// Builds the gazetteer from parsed files (`path` for error messages).
    pub fn build(files: &[(String, ActorsFile)]) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for (path, file) in files {
            for spec in &file.actors {
                let id = spec.id.value.clone();
                if g.index(&id).is_some() {
                    return Err(Error::rules(
                        path,
                        spec.id.referenced.line(),
                        spec.id.referenced.column(),
                        format!("actor '{id}' is defined twice; merge the two entries"),
                    ));
                }
                let idx = g.actors.len();
                g.actors.push(Actor {
                    id: id.clone(),
                    side: spec.side.clone(),
                    opponent: spec.opponent.clone(),
                    priority: spec.priority,
                });
                for (lang, names) in &spec.names {
                    let slot = g.by_lang.entry(lang.to_ascii_lowercase()).or_default();
                    for name in names {
                        let folded = fold_str(name.value.trim());
                        if folded.is_empty() {
                            continue;
                        }
                        if let Some(&other) = slot.aliases.get(&folded)
                            && other != idx
                        {
                            return Err(Error::rules(
                                path,
                                name.referenced.line(),
                                name.referenced.column(),
                                format!(
                                    "name '{}' is given to both '{}' and '{id}' in {lang}; keep it on one actor",
                                    name.value, g.actors[other].id
                                ),
                            ));
                        }
                        slot.aliases.insert(folded.clone(), idx);
                        g.all.aliases.entry(folded).or_insert(idx);
                    }
                }
            }
        }
        for actor in &g.actors {
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
        for names in g.by_lang.values_mut() {
            names.compile()?;
        }
        g.all.compile()?;
        Ok(g)
    }

    fn names(&self, lang: &str) -> &Names {
        self.by_lang.get(lang).unwrap_or(&self.all)
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

    /// The actor a folded name refers to, exactly.
    pub fn lookup(&self, folded_name: &str, lang: &str) -> Option<&Actor> {
        let name = folded_name.trim();
        self.names(lang)
            .aliases
            .get(name)
            .or_else(|| self.all.aliases.get(name))
            .map(|&i| &self.actors[i])
    }

    /// Every actor mention in folded text, left to right.
    pub fn mentions(&self, folded: &str, lang: &str) -> Vec<Mention> {
        let names = self.names(lang);
        let Some(finder) = &names.finder else {
            return Vec::new();
        };
        finder
            .find_iter(folded.as_bytes())
            .filter_map(|m| {
                let name = &folded[m.start()..m.end()];
                names.aliases.get(name).map(|&actor| Mention {
                    actor,
                    start: m.start(),
                    end: m.end(),
                })
            })
            .collect()
    }

    /// The actor a speaker phrase names: the highest-priority mention; among
    /// equals, the one nearest the end when `prefer_last` (a subject before its
    /// verb) or the first otherwise. Falls back to a fuzzy match for misspellings.
    pub fn resolve_phrase(&self, folded: &str, lang: &str, prefer_last: bool) -> Option<&Actor> {
        let key = (lang.to_string(), prefer_last, folded.to_string());
        let index = match self.resolved.get(&key) {
            Some(index) => index,
            None => {
                let index = self.resolve_uncached(folded, lang, prefer_last);
                self.resolved.put(key, index);
                index
            }
        };
        index.map(|i| &self.actors[i])
    }

    fn resolve_uncached(&self, folded: &str, lang: &str, prefer_last: bool) -> Option<usize> {
        let mentions = self.mentions(folded, lang);
        let best = mentions.iter().enumerate().max_by(|(ia, a), (ib, b)| {
            let pa = self.actors[a.actor].priority;
            let pb = self.actors[b.actor].priority;
            pa.cmp(&pb)
                .then(if prefer_last { ia.cmp(ib) } else { ib.cmp(ia) })
        });
        match best {
            Some((_, m)) => Some(m.actor),
            None => self.fuzzy_index(folded, lang),
        }
    }

    /// A misspelt name: a run of words within a small edit distance of a name
    /// of at least six letters (optimal string alignment distance, the
    /// restricted Damerau-Levenshtein, normalised by the longer length).
    pub fn fuzzy(&self, folded: &str, lang: &str) -> Option<&Actor> {
        self.fuzzy_index(folded, lang).map(|i| &self.actors[i])
    }

    fn fuzzy_index(&self, folded: &str, lang: &str) -> Option<usize> {
        let words: Vec<&str> = folded
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let long = &self.names(lang).long;
        // (score, name's rank, first word): the best score, then the name
        // first in sorted order, then the leftmost.
        let mut best: Option<(f64, usize, usize)> = None;
        for (i, first) in words.iter().enumerate() {
            // A misspelling keeps the first letter and about the length:
            // only names with that first letter, cheap checks before the distance.
            let letter = first.as_bytes()[0];
            let lo = long.partition_point(|(n, _, _)| n.as_bytes()[0] < letter);
            for (rank, (name, _, n)) in long.iter().enumerate().skip(lo) {
                if name.as_bytes()[0] != letter {
                    break;
                }
                let Some(window) = words.get(i..i + n) else {
                    continue;
                };
                let len = window.iter().map(|w| w.len()).sum::<usize>() + n - 1;
                if len.abs_diff(name.len()) > 2 {
                    continue;
                }
                let candidate = window.join(" ");
                let longer = candidate.chars().count().max(name.chars().count());
                let score = 1.0 - strsim::osa_distance(&candidate, name) as f64 / longer as f64;
                let better =
                    best.is_none_or(|(s, r, w)| score > s || (score == s && (rank, i) < (r, w)));
                if score >= 0.88 && better {
                    best = Some((score, rank, i));
                }
            }
        }
        best.map(|(_, rank, _)| long[rank].1)
    }
}

#[cfg(test)]
mod tests {
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
            .resolve_phrase("les forces armees armeniennes du haut-karabakh", "fr", true)
            .unwrap();
        assert_eq!(a.id, "karabakh_authorities");
        let a = g
            .resolve_phrase("le ministere de la defense de l'azerbaidjan", "fr", true)
            .unwrap();
        assert_eq!(a.id, "azerbaijan");
    }

    #[test]
    fn misspelt_names_are_found() {
        let g = gazetteer();
        let a = g
            .resolve_phrase("les autorites du haut-karabkah", "fr", true)
            .unwrap();
        assert_eq!(a.id, "karabakh_authorities");
        assert!(
            g.resolve_phrase("le maire de la ville", "fr", true)
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
}
