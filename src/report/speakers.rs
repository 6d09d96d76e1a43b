//! `crosscheck speakers`: every speaker phrase the claims name, how often,
//! and the actor it resolved to; for the phrases that resolved to none, a
//! YAML stub to paste into an actors file.

use crate::claim::Claim;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One speaker: the phrase's key, its language and its actor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SpeakerKey {
    actor: Option<String>,
    lang: String,
    key: String,
}

#[derive(Debug, Default)]
struct Seen {
    count: usize,
    /// Each spelling, with how often it was met.
    spellings: BTreeMap<String, usize>,
}

/// The speakers of a corpus's claims, tallied.
#[derive(Debug, Default)]
pub struct Speakers {
    seen: BTreeMap<SpeakerKey, Seen>,
}

impl Speakers {
    /// Counts the named speakers of one document's claims.
    pub fn take(&mut self, claims: &[Claim]) {
        for c in claims {
            let Some(a) = &c.attributed_to else { continue };
            let key = a
                .key
                .clone()
                .unwrap_or_else(|| crate::text::fold::fold_str(a.text.trim()));
            let seen = self
                .seen
                .entry(SpeakerKey {
                    actor: a.actor.clone(),
                    lang: c.lang.clone(),
                    key,
                })
                .or_default();
            seen.count += 1;
            *seen.spellings.entry(a.text.trim().to_string()).or_default() += 1;
        }
    }

    /// The table (most frequent first), then the stub for the unresolved.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut rows: Vec<(&SpeakerKey, &Seen)> = self.seen.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        let unresolved: Vec<&(&SpeakerKey, &Seen)> =
            rows.iter().filter(|(k, _)| k.actor.is_none()).collect();
        writeln!(
            out,
            "{} speaker phrases: {} resolved to an actor, {} to none",
            rows.len(),
            rows.len() - unresolved.len(),
            unresolved.len()
        )?;
        writeln!(out, "{:>6}  {:<22} {:<4} phrase", "claims", "actor", "lang")?;
        for (k, seen) in &rows {
            writeln!(
                out,
                "{:>6}  {:<22} {:<4} {}",
                seen.count,
                k.actor.as_deref().unwrap_or("-"),
                k.lang,
                super::escape::visible(spelling(seen))
            )?;
        }
        if unresolved.is_empty() {
            return Ok(());
        }
        writeln!(out)?;
        writeln!(
            out,
            "# The phrases no actor matched, as an actors file: name each id (a country is its"
        )?;
        writeln!(
            out,
            "# English short name, spec/CLAIMS.md), or give a name to an existing id, which it"
        )?;
        writeln!(out, "# then extends; load it with --rules FOLDER.")?;
        writeln!(out, "actors:")?;
        for (k, seen) in unresolved {
            writeln!(out, "  - id: {}   # {} claims", stub_id(&k.key), seen.count)?;
            writeln!(out, "    names:")?;
            writeln!(out, "      {}: [{}]", k.lang, yaml_quoted(&k.key))?;
        }
        Ok(())
    }
}

/// The spelling met most often (the first in order among equals).
fn spelling(seen: &Seen) -> &str {
    seen.spellings
        .iter()
        .rev()
        .max_by_key(|(_, n)| **n)
        .map_or("", |(s, _)| s.as_str())
}

/// An id to start from: the key's letters and digits, words joined by `_`.
fn stub_id(key: &str) -> String {
    let id = key
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("speaker_{id}")
    } else {
        id
    }
}

/// A YAML double-quoted scalar.
fn yaml_quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_identifiers() {
        assert_eq!(stub_id("ministere de la sante"), "ministere_de_la_sante");
        assert_eq!(
            stub_id("ministry's office (gaza)"),
            "ministry_s_office_gaza"
        );
        assert_eq!(stub_id("24 heures"), "speaker_24_heures");
    }
}
