//! Frames: claim rules written as parts that compose ([`FrameSpec`]). A
//! frame becomes an ordinary pattern, so the sets, the matching and the
//! claims treat it as any rule:
//!
//! - `figure: first`: `{figure_phrase}` GAP PREDICATE
//! - `figure: last`: PREDICATE GAP LINK `{figure_phrase}` (LINK when `links` are given)
//!
//! A `first` frame also reads a list before its figure phrase: "150
//! soldiers, 9 police officers and two civilians were killed" is three
//! claims. Each member is a figure and one of the frame's scope nouns (an
//! adjective may stand between, and the language's `list_complement`
//! after: "three employees of the railway"), then the language's `list_joint`
//! and perhaps one word ("21 hostages and all 33 insurgents"), joined by the language's `list_joint`
//! macro (a comma when it has none); the group `list` holds them and
//! extraction reads one claim from each.
//!
//! A frame that measures an `actor` (`measure: actor`, for kinds such as
//! `aggressor`) puts `{agent_phrase}` where the figure phrase stands: the
//! file's or the language's macro, who struck and with what ("Russian
//! drones", « une roquette du Hezbollah »); its gap may hold figures.
//!
//! `{figure_phrase}` is the language's macro (the quantity, its side and its
//! scope noun, in the language's order), `{quantity}(?: {side})?(?: {scope})?`
//! when the language defines none; `{scope}` reads the keys of the frame's
//! `scope_map`. The GAP is at most `gap` words of letters, days of a month
//! or hyphenated figures ("7.7-magnitude"), a comma after any: never a
//! figure, never a sentence's punctuation, so a
//! predicate is never joined to a figure beyond another figure, save one
//! that a `figure_preposition` of the language opens ("from 86 villages").

use super::spec::{FigureAt, FrameSpec, Measure};
use serde_saphyr::Spanned;
use std::collections::{BTreeMap, HashMap};

/// The figure phrase when a language's macros define none.
const FIGURE_PHRASE: &str = "{quantity}(?: {side})?(?: {scope})?";

/// An agent phrase when neither the file nor the language defines one.
const AGENT_PHRASE: &str = "{actor}";

/// The macros a frame adds to its language's: `scope` (its scope nouns),
/// `list_member` (a figure and a scope noun), and `figure_phrase` and
/// `list_joint` unless the language has them.
pub(super) fn macros(
    scope_map: &BTreeMap<String, Option<String>>,
    lang: &HashMap<String, String>,
) -> HashMap<String, String> {
    let mut out = lang.clone();
    let nouns = scope_nouns(scope_map);
    let scope = if nouns.is_empty() {
        // A group that never matches: the phrase's `(?: {scope})?` is skipped.
        r"(?P<scope>\b\B)".to_string()
    } else {
        format!(r"(?P<scope>{})\b", nouns.join("|"))
    };
    // A list member: a figure, perhaps an adjective, a scope noun.
    if !nouns.is_empty() {
        // A member after a figure-last frame's figure: no word before its
        // figure ("killed four health workers and five journalists", not
        // "killed five soldiers and wounded 12 civilians").
        out.insert(
            "list_tail_member".into(),
            format!(
                r"\x{:02x}(?: [a-z'\-]+)?? (?:{})\b",
                crate::quantity::tokens::QUANTITY,
                nouns.join("|"),
            ),
        );
        out.insert(
            "list_member".into(),
            format!(
                r"(?:[a-z]+ ){{0,2}}?\x{:02x}(?: [a-z'\-]+)?? (?:{}){}",
                crate::quantity::tokens::QUANTITY,
                nouns.join("|"),
                if lang.contains_key("list_complement") {
                    "(?:{list_complement})?"
                } else {
                    ""
                }
            ),
        );
    }
    out.insert("scope".into(), scope);
    // More nouns of the same figure, joined as a list's members are: « une
    // trentaine de gendarmes et soldats tués », "1,000 women, children and
    // elderly people wounded".
    out.insert("scope_also".into(), also_group(&nouns, lang));
    out.entry("list_joint".into()).or_insert_with(|| ",".into());
    out.entry("figure_phrase".into())
        .or_insert_with(|| FIGURE_PHRASE.into());
    out.entry("agent_phrase".into())
        .or_insert_with(|| AGENT_PHRASE.into());
    out
}

/// The group of the nouns joined after a figure's first (`scope_also`): a
/// comma before each but the last, the language's `list_last_joint` before
/// the last ("and", « et »), so that "six journalists, officials said" joins
/// no one; a group that never matches when there are no nouns or no joint.
pub(super) fn also_group(nouns: &[String], lang: &HashMap<String, String>) -> String {
    let Some(last) = lang.get("list_last_joint").filter(|_| !nouns.is_empty()) else {
        return r"(?P<scope_also>\b\B)".to_string();
    };
    let nouns = nouns.join("|");
    format!(r"(?P<scope_also>(?:, (?:{nouns})\b){{0,2}}(?:{last}) (?:{nouns})\b)")
}

/// A scope map's nouns, folded and escaped for a pattern, longest first so
/// that "police officers" wins over "police".
pub(super) fn scope_nouns(scope_map: &BTreeMap<String, Option<String>>) -> Vec<String> {
    let mut nouns: Vec<String> = scope_map
        .keys()
        .map(|k| regex_syntax::escape(&crate::text::fold::fold_str(k)))
        .collect();
    nouns.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    nouns
}

/// The frame as a pattern (before placeholders are expanded), located where
/// its `words` are written.
pub(super) fn pattern(frame: &FrameSpec, has_prepositions: bool) -> Spanned<String> {
    let words = frame.words.value.join("|");
    let figure = match frame.measure {
        Measure::Quantity => "{figure_phrase}",
        Measure::Duration => "{duration}",
        Measure::Actor => "{agent_phrase}",
    };
    // No gap, no comma: "312 people were killed, 126 of them children"
    // is not "killed, 126". An agent's gap may hold figures ("Israeli raids
    // on four localities killed"): no figure of its kind can stand there.
    // A figure may stand in the gap inside a phrase that one of the
    // language's `figure_preposition` words opens ("40,000 civilians from 86
    // villages were evacuated", "the toll over the past 12 days has reached
    // 606"): it modifies, it is not counted.
    // Digits left as text are no figure (a day beside its month: "on April
    // 13"), and a figure glued to a word by a hyphen is a modifier ("a
    // 7.7-magnitude earthquake", "the 44-day war") or a name ("the
    // magnitude-7.6 earthquake", "COVID-19"): all are words here.
    let (q, d) = (
        crate::quantity::tokens::QUANTITY,
        crate::quantity::tokens::DURATION,
    );
    // A parenthesis of words is one word: « le bilan des morts au Myanmar
    // (ou Birmanie) s'élève à 1 002 ».
    let plain = format!(
        r"[a-z'\-]+|[0-9]{{1,4}}(?:st|nd|rd|th)?|[\x{q:02x}\x{d:02x}]-[a-z'\-]+|[a-z]+-[0-9]+(?:[.,][0-9]+)?[a-z]*|\([a-z'\- ]{{1,40}}\)"
    );
    let word = match frame.measure {
        Measure::Actor => r#"[^ .;:!?"()]+"#.to_string(),
        _ if has_prepositions => {
            format!(r"(?:{plain}|(?:{{figure_preposition}}) [\x{q:02x}\x{d:02x}])")
        }
        _ => format!("(?:{plain})"),
    };
    let gap = match frame.gap {
        0 => String::new(),
        n => format!(r"(?:,? {word}){{0,{n}}}?,?"),
    };
    let value = match frame.figure {
        FigureAt::First if frame.scope_map.is_empty() || frame.measure != Measure::Quantity => {
            format!(r"{figure}{gap} (?:{words})\b")
        }
        FigureAt::First => format!(
            r"(?P<list>(?:{{list_member}}(?:{{list_joint}}) (?:[a-z]+ )??){{1,8}})?{figure}{gap} (?:{words})\b"
        ),
        FigureAt::Last => {
            // Links, when a frame lists them, are required: the verb or
            // preposition that ties a toll noun to its figure.
            let links = if frame.links.is_empty() {
                String::new()
            } else {
                format!("(?:{}) ", frame.links.join("|"))
            };
            // A list after the figure, when the frame counts people: "killed
            // four health workers and five journalists".
            let tail = if frame.scope_map.is_empty() || frame.measure != Measure::Quantity {
                ""
            } else {
                r"(?P<list>(?:(?:{list_joint}) {list_tail_member}){1,8})?"
            };
            format!(r"\b(?:{words}){gap} {links}{figure}{tail}")
        }
    };
    Spanned::new(value, frame.words.referenced, frame.words.defined)
}
