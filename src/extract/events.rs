//! The events a sentence names (a year, a named war or incident, "the
//! previous one"), from the event markers of the rule files.

use crate::claim::Claim;
use crate::rules::RuleSet;
use crate::text::fold::Folded;
use jiff::civil::Date;

/// A day a sentence names at least this many days before its article's
/// date is an event of its own ("a similar missile hit Donetsk on March 14,
/// killing 17", in an article of 8 April); nearer, it is the article's.
pub(super) const DATED_EVENT_DAYS: i32 = 7;

/// The day a marker's `day`, `month` and perhaps `year` groups name, in the
/// article's year, or the year before when that day would come after the
/// article; `None` when it cannot be read or there is no article date.
fn named_day(
    day: &str,
    month: &str,
    year: Option<&str>,
    article: Date,
    pack: &crate::lang::LangPack,
) -> Option<Date> {
    let day: i8 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let month = *pack.months.get(month.trim_end_matches('.'))?;
    match year {
        Some(y) => Date::new(y.parse().ok()?, month, day).ok(),
        None => {
            let this = Date::new(article.year(), month, day).ok()?;
            if this > article {
                Date::new(article.year() - 1, month, day).ok()
            } else {
                Some(this)
            }
        }
    }
}

/// An event a sentence names: the event, the kinds it applies to (empty for
/// all), and whether it is a year or another recalled event
/// ([`crate::rules::spec::EventSpec::recalled`]).
pub(super) type Event = (String, Vec<String>, bool);

/// The events a sentence names, and whether it refers back to the previous one.
#[derive(Debug, Clone, Default)]
pub(super) struct SentenceEvents {
    pub(super) list: Vec<Event>,
    /// Where in the sentence each event of `list` is named; `None` (or no
    /// entry) for one carried from a sentence before.
    pub(super) at: Vec<Option<(usize, usize)>>,
    /// Where the events named by their names are ("Hurricane Helene").
    pub(super) named: Vec<(usize, usize)>,
    pub(super) previous: bool,
    /// The sentence is about the article's own days ("this week"): a year
    /// recalled before it does not carry into it.
    pub(super) present: bool,
    /// Where the sentence says a figure is an earlier count (« un précédent
    /// bilan », "the previous day"): its nearest figure is
    /// ([`crate::claim::Claim::earlier`]).
    pub(super) earlier: Vec<(usize, usize)>,
    /// The figures those markers are nearest ([`nearest`]).
    pub(super) earlier_figures: Vec<(usize, usize)>,
    /// Where the sentence's commas are, when it names a year, and whether a
    /// relative pronoun or a determiner (an apposition) follows each: a year named after a claim and a comma
    /// is an apposition's (« …, une péninsule annexée en 2014 »); one named
    /// before a claim, past its opening, is too unless a relative clause
    /// carries it on ("the quake of 2015, which killed 9,000": its year;
    /// "a general killed in a 2020 drone strike, killing 103 people": not).
    pub(super) commas: Vec<(usize, bool)>,
    /// Where the sentence's relative pronouns are (`relatives`: "who",
    /// « qui »), when it names a year: a year after a claim and one of them
    /// is the relative clause's ("103 people at a memorial for a commander
    /// who was killed in 2020").
    pub(super) relatives: Vec<usize>,
}

/// A year named this near a sentence's start opens it ("In 2016, …", « Le 3
/// janvier 2020, … »): it is the year of the whole sentence.
const FRONTED_YEAR: usize = 40;

/// How far (in bytes) from a claim an event its sentence names may be and
/// still be the claim's: "…, le major-général Soleimani, tué lors d'une
/// frappe en Irak en 2020" is not when "89 personnes ont été tuées" today.
const EVENT_REACH: usize = 150;

/// How far (in bytes) after a claim a year may be and still be the claim's:
/// "12,000 died in the 1960 earthquake" is, "killing 103 people at a
/// memorial for a general killed by the U.S. in a drone strike in 2020" is
/// not (the year is the clause's it ends).
const YEAR_AFTER_REACH: usize = 60;

impl SentenceEvents {
    /// Notes which of the sentence's figures (spans) its markers of an
    /// earlier count are nearest ([`nearest`]).
    pub(super) fn mark_earlier(
        &mut self,
        sentence: &str,
        figures: impl Iterator<Item = (usize, usize)> + Clone,
    ) {
        self.earlier_figures = nearest(sentence, &self.earlier, figures);
    }

    /// The event of a claim of `kind` at `start..end` of the sentence: the
    /// nearest that applies to its kind and is named near it.
    pub(super) fn of(&self, kind: &str, start: usize, end: usize) -> Option<String> {
        self.list
            .iter()
            .enumerate()
            .filter(|(i, (_, _, year))| {
                self.at.get(*i).copied().flatten().is_none_or(|(s, e)| {
                    s.saturating_sub(end).max(start.saturating_sub(e)) <= EVENT_REACH
                        && !(*year
                            && s >= end
                            && (s - end > YEAR_AFTER_REACH
                                || self.relatives.iter().any(|&k| end <= k && k < s)))
                        && !(*year && self.commas.iter().any(|&(k, _)| end <= k && k < s))
                        && !(*year
                            && s >= FRONTED_YEAR
                            && self
                                .commas
                                .iter()
                                .rev()
                                .find(|&&(k, _)| e <= k && k < start)
                                .is_some_and(|&(_, relative)| !relative))
                })
            })
            .filter(|(_, (_, kinds, _))| kinds.is_empty() || kinds.iter().any(|k| k == kind))
            // Of events named by their names, the nearest ("Milton follows
            // Hurricane Helene, which left 230 dead": Helene's).
            .min_by_key(|(i, _)| match self.at.get(*i).copied().flatten() {
                Some((s, e)) if self.named.contains(&(s, e)) => {
                    (1, s.saturating_sub(end).max(start.saturating_sub(e)))
                }
                _ => (0, *i),
            })
            .map(|(_, (e, _, _))| e.clone())
    }
}

/// How far (bytes) from a figure a marker of an earlier count may be.
const EARLIER_REACH: usize = 40;

/// The figures (spans in the sentence) nearest each marker of an earlier
/// count (`markers`), within [`EARLIER_REACH`]: « le bilan faisait état, la
/// veille, de 103 morts » after « 84 personnes ont été tuées », "rose from
/// 326 to 438". Figures at the same distance all are. A marker that holds
/// its figure ("up from 94") marks that figure only. A figure is where it
/// ends: "from 326 to 438" is 438.
fn nearest(
    sentence: &str,
    markers: &[(usize, usize)],
    figures: impl Iterator<Item = (usize, usize)> + Clone,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(ms, me) in markers {
        let gap = |(_, e): (usize, usize)| {
            e.saturating_sub(1)
                .saturating_sub(me)
                .max(ms.saturating_sub(e))
        };
        let reach = match sentence.as_bytes()[ms..me].iter().any(u8::is_ascii_digit) {
            true => 0,
            false => EARLIER_REACH,
        };
        let Some(nearest) = figures.clone().map(gap).min().filter(|&g| g <= reach) else {
            continue;
        };
        out.extend(figures.clone().filter(|&f| gap(f) == nearest));
    }
    out
}

/// The events a sentence names; `hits` are the markers its set reported
/// (indices into the rule set's events). A marker whose event is `none`
/// names no event, and the events found inside its match are left out: a
/// comparison ("the worst fighting since the 2020 war"), the start of a
/// running count (« depuis le 7 octobre »).
///
/// A marker with `day` and `month` groups names a day: an event of its own,
/// `YYYY-MM-DD`, when it is [`DATED_EVENT_DAYS`] or more before the article.
pub(super) fn find_events(
    sentence: &str,
    hits: &[usize],
    rules: &RuleSet,
    lang_code: &str,
    article: Option<Date>,
    written: &dyn Fn(usize, usize) -> Option<String>,
) -> SentenceEvents {
    let mut out = SentenceEvents::default();
    let mut found: Vec<(Event, (usize, usize))> = Vec::new();
    let mut compared: Vec<(usize, usize)> = Vec::new();
    for &hit in hits {
        let ev = &rules.events[hit];
        // Every event a sentence names by its name ("Milton follows Hurricane
        // Helene"); of the other markers, the first.
        if ev.named {
            for caps in ev.regex.captures_iter(sentence.as_bytes()) {
                let Some(m) = caps.name("name") else { continue };
                if let Some(name) = written(m.start(), m.end()) {
                    let span = caps.get(0).map_or((0, 0), |m| (m.start(), m.end()));
                    found.push(((name, ev.kinds.clone(), false), span));
                    out.named.push(span);
                }
            }
            continue;
        }
        let Some(caps) = ev.regex.captures(sentence.as_bytes()) else {
            continue;
        };
        let span = caps.get(0).map_or((0, 0), |m| (m.start(), m.end()));
        match ev.event.as_deref() {
            Some("previous") => out.previous = true,
            Some("present") => out.present = true,
            Some("earlier") => out.earlier.push(span),
            Some("none") => compared.push(span),
            Some(e) => found.push(((e.to_string(), ev.kinds.clone(), ev.recalled), span)),
            None if caps.name("day").is_some() => {
                let text = |g: &str| caps.name(g).map(|m| &sentence[m.start()..m.end()]);
                let named = article.zip(text("day")).zip(text("month")).and_then(
                    |((article, day), month)| {
                        let pack = rules.packs.get(lang_code);
                        let named = named_day(day, month, text("year"), article, pack)?;
                        let before = named.until(article).ok()?.get_days();
                        (before >= DATED_EVENT_DAYS).then_some(named)
                    },
                );
                if let Some(day) = named {
                    found.push(((day.to_string(), ev.kinds.clone(), false), span));
                }
            }
            // "the war of the early 1990s", « dans les années 1990 »: a decade.
            None if caps.name("decade").is_some() => {
                let m = caps.name("decade").expect("checked");
                let decade = format!("{}s", &sentence[m.start()..m.end()]);
                found.push(((decade, ev.kinds.clone(), true), (m.start(), m.end())));
            }
            None => {
                if let Some(m) = caps.name("year") {
                    let year = sentence[m.start()..m.end()].to_string();
                    found.push(((year, ev.kinds.clone(), true), (m.start(), m.end())));
                }
            }
        }
    }
    (out.list, out.at) = found
        .into_iter()
        .filter(|(_, (s, e))| !compared.iter().any(|&(cs, ce)| cs <= *s && *e <= ce))
        .map(|(event, span)| (event, Some(span)))
        .unzip();
    if out.list.iter().any(|(_, _, year)| *year) {
        let speech = rules.packs.speech();
        let mut at = 0;
        for w in sentence.split(' ') {
            if speech.relatives.iter().any(|r| r == w) {
                out.relatives.push(at);
            }
            at += w.len() + 1;
        }
        out.commas = sentence
            .match_indices(',')
            .map(|(i, _)| {
                // A relative clause or an apposition (« …, un conflit qui »,
                // ", a war that") goes on about what was named before.
                let first = sentence[i + 1..]
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .find(|w| !w.is_empty())
                    .unwrap_or("");
                // An elided article is written with its apostrophe (« l' »).
                let elided = first.split_once('\'').map(|(d, _)| format!("{d}'"));
                let relative = speech.relatives.iter().any(|w| w.trim() == first)
                    || speech.is_determiner(first)
                    || elided.is_some_and(|d| speech.is_determiner(&d));
                (i, relative)
            })
            .collect();
    }
    out
}

/// The first day a week or more before the article that its opening (two
/// [`super::OPENING`]s) names ([`Claim::recalls`]).
pub(super) fn recalled_day(
    folded: &str,
    sentences: &[crate::text::sentences::Sentence],
    prepared: &[super::PreparedSentence],
    doc: &crate::corpus::Document,
    rules: &RuleSet,
) -> Option<String> {
    doc.date?;
    sentences
        .iter()
        .zip(prepared)
        .take_while(|(s, _)| s.start < 2 * super::OPENING)
        .find_map(|(s, p)| {
            let sentence = &folded[s.start..s.end];
            let events: Vec<usize> = if p.needed {
                p.events.clone()
            } else {
                let speech = p.lang.speech(sentence);
                speech.events.iter().map(|&e| p.lang.events[e]).collect()
            };
            find_events(sentence, &events, rules, p.lang_code, doc.date, &|_, _| {
                None
            })
            .list
            .into_iter()
            .find(|(e, _, year)| !year && e.parse::<jiff::civil::Date>().is_ok())
            .map(|(e, _, _)| e)
        })
}

/// An article's text, read for names ([`find_events`]): a name is one the
/// article writes with a capital and never in lower case ("Hurricane
/// Helene", « la tempête Boris »; "storm surge", or "Death" in the headline
/// "Cyclone Death Toll Hits 53", is none). The article's lower-case words
/// are gathered once, at its first name: linear in the article.
pub(super) struct Written<'t> {
    text: &'t str,
    lower: std::cell::OnceCell<std::collections::HashSet<&'t str>>,
}

impl<'t> Written<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Written {
            text,
            lower: std::cell::OnceCell::new(),
        }
    }

    /// The name at folded bytes `start..end`, as the article writes it.
    pub(super) fn name(&self, folded: &Folded, start: usize, end: usize) -> Option<String> {
        let (s, e) = folded.original_span(start, end);
        let name = self.text.get(s..e)?;
        if !name.starts_with(char::is_uppercase) {
            return None;
        }
        let lower = self.lower.get_or_init(|| {
            self.text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
                .collect()
        });
        (!lower.contains(name.to_lowercase().as_str())).then(|| name.to_string())
    }
}

/// The named events an article names (with a capital), by how often, and
/// the one it names most (the first of those named as often): the event
/// it is about, whose figures are the article's own, not another event's
/// ("Milton… two weeks after Hurricane Helene, which left 230 dead").
pub(super) fn own_named_event(
    claims: &mut [Claim],
    folded: &Folded,
    written: &Written,
    rules: &RuleSet,
) {
    let named: Vec<&crate::rules::EventCue> = rules.events.iter().filter(|ev| ev.named).collect();
    if named.is_empty() || claims.iter().all(|c| c.event.is_none()) {
        return;
    }
    // Each name, its count and where it is first named.
    let mut counts: std::collections::HashMap<String, (usize, usize)> = Default::default();
    for ev in named {
        for caps in ev.regex.captures_iter(folded.text.as_bytes()) {
            // An alternative without the name ("the National Hurricane Center").
            let Some(name) = caps
                .name("name")
                .and_then(|m| written.name(folded, m.start(), m.end()))
            else {
                continue;
            };
            let at = caps.get(0).map_or(0, |m| m.start());
            counts.entry(name).or_insert((0, at)).0 += 1;
        }
    }
    // Most named, then first named (each name is first named elsewhere).
    let Some((own, _)) = counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
    else {
        return;
    };
    for c in claims
        .iter_mut()
        .filter(|c| c.event.as_deref() == Some(own.as_str()))
    {
        c.event = None;
    }
}
