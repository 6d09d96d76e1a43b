//! The events a sentence names (a year, a named war or incident, "the
//! previous one"), from the event markers of the rule files.

use crate::rules::RuleSet;

/// An event a sentence names: the event, the kinds it applies to (empty for
/// all), and whether it is a year.
pub(super) type Event = (String, Vec<String>, bool);

/// The events a sentence names, and whether it refers back to the previous one.
#[derive(Debug, Clone, Default)]
pub(super) struct SentenceEvents {
    pub(super) list: Vec<Event>,
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
/// (indices into the rule set's events). A marker whose event is
/// `comparison` ("the worst fighting since the 2020 war", « les pires
/// affrontements depuis la guerre de 2020 ») names no event: the events
/// found inside its match are left out.
pub(super) fn find_events(sentence: &str, hits: &[usize], rules: &RuleSet) -> SentenceEvents {
    let mut out = SentenceEvents::default();
    let mut found: Vec<(Event, (usize, usize))> = Vec::new();
    let mut compared: Vec<(usize, usize)> = Vec::new();
    for &hit in hits {
        let ev = &rules.events[hit];
        let Some(caps) = ev.regex.captures(sentence.as_bytes()) else {
            continue;
        };
        let span = caps.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        match ev.event.as_deref() {
            Some("previous") => out.previous = true,
            Some("comparison") => compared.push(span),
            Some(e) => found.push(((e.to_string(), ev.kinds.clone(), false), span)),
            None => {
                if let Some(m) = caps.name("year") {
                    let year = sentence[m.start()..m.end()].to_string();
                    found.push(((year, ev.kinds.clone(), true), (m.start(), m.end())));
                }
            }
        }
    }
    out.list = found
        .into_iter()
        .filter(|(_, (s, e))| !compared.iter().any(|&(cs, ce)| cs <= *s && *e <= ce))
        .map(|(event, _)| event)
        .collect();
    out
}
