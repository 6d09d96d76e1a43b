//! The events a sentence names (a year, a named war or incident, "the
//! previous one"), from the event markers of the rule files.

use crate::rules::RuleSet;

/// The events a sentence names: (event, the kinds it applies to — empty for
/// all —, whether it is a year), and whether it refers back to the previous one.
#[derive(Debug, Clone, Default)]
pub(super) struct SentenceEvents {
    pub(super) list: Vec<(String, Vec<String>, bool)>,
    pub(super) previous: bool,
}

impl SentenceEvents {
    /// The event of a claim of `kind`: the first that applies to its kind.
    pub(super) fn of(&self, kind: &str) -> Option<String> {
        self.list
            .iter()
            .find(|(_, kinds, _)| kinds.is_empty() || kinds.iter().any(|k| k == kind))
            .map(|(e, _, _)| e.clone())
    }
}

/// The events a sentence names; `hits` are the markers its set reported
/// (indices into the rule set's events).
pub(super) fn find_events(sentence: &str, hits: &[usize], rules: &RuleSet) -> SentenceEvents {
    let mut out = SentenceEvents::default();
    for &hit in hits {
        let ev = &rules.events[hit];
        let Some(caps) = ev.regex.captures(sentence.as_bytes()) else {
            continue;
        };
        match ev.event.as_deref() {
            Some("previous") => out.previous = true,
            Some(e) => out.list.push((e.to_string(), ev.kinds.clone(), false)),
            None => {
                if let Some(m) = caps.name("year") {
                    let year = sentence[m.start()..m.end()].to_string();
                    out.list.push((year, ev.kinds.clone(), true));
                }
            }
        }
    }
    out
}
