//! Which actor a speaker phrase names: the mentions it holds ranked, a
//! misspelt name found by edit distance.

use super::{Actor, Gazetteer};

impl Gazetteer {
    /// The actor a speaker phrase names: one that speaks before one that
    /// relays (a news agency), then the highest priority; among equals, the
    /// one nearest the end when `prefer_last` (a subject before its verb) or
    /// the first otherwise. Falls back to a fuzzy match for misspellings.
    /// `original` is the phrase as written (see [`Gazetteer::mentions`]).
    pub fn resolve_phrase(
        &self,
        folded: &str,
        original: Option<&str>,
        lang: &str,
        prefer_last: bool,
    ) -> Option<&Actor> {
        let key = (
            lang.to_string(),
            prefer_last,
            folded.to_string(),
            original.map(str::to_string),
        );
        let index = match self.resolved.get(&key) {
            Some(index) => index,
            None => {
                let index = self.resolve_uncached(folded, original, lang, prefer_last);
                self.resolved.put(key, index);
                index
            }
        };
        index.map(|i| &self.actors[i])
    }

    fn resolve_uncached(
        &self,
        folded: &str,
        original: Option<&str>,
        lang: &str,
        prefer_last: bool,
    ) -> Option<usize> {
        let mut mentions = self.mentions(folded, original, lang);
        // "le Conseil de sécurité arménien", "the Armenian Security
        // Council": a country's adjective beside an organisation's name makes
        // it that country's institution.
        let composed: Vec<usize> = mentions
            .iter()
            .filter(|m| {
                !m.adjective && self.actors[m.actor].kind.as_deref() == Some("organisation")
            })
            .filter(|org| {
                mentions.iter().any(|adj| {
                    adj.adjective
                        && adj.actor != org.actor
                        && (adj.start == org.end + 1 || org.start == adj.end + 1)
                })
            })
            .map(|m| m.start)
            .collect();
        mentions.retain(|m| !composed.contains(&m.start));
        // "the U.N. World Food Programme", "the UN's refugee agency": the
        // body named with its parent is the more precise speaker.
        let parents: Vec<&str> = mentions
            .iter()
            .filter_map(|m| self.actors[m.actor].parent.as_deref())
            .collect();
        if !parents.is_empty() {
            mentions.retain(|m| !parents.contains(&self.actors[m.actor].id.as_str()));
        }
        let best = mentions.iter().enumerate().max_by(|(ia, a), (ib, b)| {
            let (a, b) = (&self.actors[a.actor], &self.actors[b.actor]);
            // A role ("the paramilitaries") is the vaguest name of all.
            (!a.relays)
                .cmp(&!b.relays)
                .then(a.priority.cmp(&b.priority))
                .then((!a.is_role()).cmp(&!b.is_role()))
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
