//! The one-line summary of a group, built while its claims are judged: the
//! figures that disagree and who gave them.

use super::verdict::Visit;
use super::*;

/// What a verdict's wording needs of a group, gathered in one pass.
#[derive(Default)]
pub(super) struct Overview {
    pub(super) kind: String,
    pub(super) count: usize,
    pub(super) sources: BTreeSet<String>,
    /// The first claim's article, and whether another article speaks too:
    /// one source repeated by two articles agrees with itself.
    pub(super) first_doc: Option<String>,
    pub(super) many_docs: bool,
    pub(super) all_actors: bool,
    /// For actor groups: the sides blamed.
    pub(super) sides: BTreeSet<String>,
    /// Undated articles whose event could not be told.
    pub(super) undated: BTreeSet<String>,
    /// The first distinct listing items, and how many distinct items there are.
    pub(super) shown: Vec<String>,
    pub(super) seen: std::collections::HashSet<u64>,
}

/// Items listed in a summary before "and N more".
pub(super) const SHOWN: usize = 6;

impl Overview {
    pub(super) fn of(visit: &mut Visit, rules: &RuleSet) -> Overview {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hasher = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
        let mut o = Overview {
            all_actors: true,
            ..Overview::default()
        };
        visit(&mut |c| {
            if o.count == 0 {
                o.kind = c.kind.clone();
            }
            o.count += 1;
            o.sources.insert(source_key(c));
            match &o.first_doc {
                None => o.first_doc = Some(c.doc.clone()),
                Some(d) => o.many_docs |= *d != c.doc,
            }
            match &c.value {
                Value::Actor(id) => {
                    o.sides.insert(
                        rules
                            .gazetteer
                            .get(id)
                            .map(|a| a.side.clone())
                            .unwrap_or_else(|| id.clone()),
                    );
                }
                Value::Number(_) => o.all_actors = false,
            }
            if c.date.is_none() && c.event.is_none() {
                o.undated.insert(c.doc.clone());
            }
            let item = describe_one(c);
            if o.seen.insert(hasher.hash_one(&item)) && o.shown.len() < SHOWN {
                o.shown.push(item);
            }
            true
        });
        o
    }

    /// The caveat, then the listing.
    pub(super) fn listing(&self) -> String {
        let caveat = if self.undated.is_empty() {
            String::new()
        } else {
            format!(
                "undated article ({}): which event it speaks of is not known; ",
                self.undated
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let described = if self.seen.len() > SHOWN {
            format!(
                "{} and {} more",
                self.shown.join(" vs "),
                self.seen.len() - SHOWN
            )
        } else {
            self.shown.join(" vs ")
        };
        format!("{caveat}{described}")
    }
}

/// The speaker as an id and, briefly, as the article names it:
/// "azerbaijan: le ministère azerbaïdjanais de la Défense".
pub(super) fn speaker_with_words(c: &Claim) -> String {
    match &c.attributed_to {
        Some(crate::claim::Attribution {
            actor: Some(id),
            text,
            ..
        }) => {
            let mut words = String::new();
            for w in text.split_whitespace() {
                if words.len() + w.len() > 48 {
                    words.push('…');
                    break;
                }
                if !words.is_empty() {
                    words.push(' ');
                }
                words.push_str(w);
            }
            format!("{id}: {words}")
        }
        _ => c.speaker_label(),
    }
}

/// One listing item: "about 7000 (karabakh_authorities: les autorités…, 001.txt, 2023-09-19)".
pub(super) fn describe_one(c: &Claim) -> String {
    let place = format!(
        "{}{}",
        c.doc,
        c.date
            .as_deref()
            .map(|d| format!(", {d}"))
            .unwrap_or_default()
    );
    match c.value {
        Value::Actor(_) => format!(
            "{} blames {} ({place})",
            speaker_with_words(c),
            c.figure_label()
        ),
        Value::Number(_) => {
            format!("{} ({}, {place})", c.figure_label(), speaker_with_words(c))
        }
    }
}
