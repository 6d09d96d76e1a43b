//! From a rule's match to a claim: the figure read as an interval, the
//! scope and side, overlapping matches settled (the longest wins), and the
//! claim built with its speaker, event and evidence mapped back to the
//! file's bytes.

use super::phrase::after_last_break;
use super::*;

/// Figures keep six decimals, as every output writes them, so a claim read
/// back from a shard reconciles exactly as the one extracted.
fn round6(v: f64) -> f64 {
    if v.fract() == 0.0 || !v.is_finite() || v.abs() >= 9.0e15 {
        v
    } else {
        (v * 1e6).round() / 1e6
    }
}

/// What a sentence gives every claim built in it.
pub(super) struct SentenceCtx<'a> {
    pub(super) cues: &'a [CueMatch],
    pub(super) quote_speaker: Option<&'a Attribution>,
    pub(super) folded: &'a Folded,
    pub(super) sentence: &'a str,
    pub(super) sentence_start: usize,
    pub(super) doc: &'a Document,
    pub(super) lang_code: &'a str,
    pub(super) rules: &'a RuleSet,
    pub(super) event: &'a SentenceEvents,
}

pub(super) fn candidate<'r>(
    rule_index: usize,
    m: &RuleMatch,
    tokens: &Tokenized,
    sentence: &str,
    doc: &Document,
    lang_code: &str,
    rules: &'r RuleSet,
) -> Option<Candidate<'r>> {
    let rule = &rules.rules[rule_index];
    // Spans in the sentence (captures are in its tokenized text).
    let span = |(s, e): (usize, usize)| (tokens.to_sentence(s), tokens.to_sentence(e));
    let whole = span(m.whole()?);
    // A negation in the match's clause (from the punctuation before it to
    // its end) refuses it: "none of the 40 passengers was hurt".
    if let Some(refuse) = &rule.refuse {
        let (s, e) = m.whole()?;
        let clause = tokens.bytes[..s]
            .iter()
            .rposition(|&b| matches!(b, b',' | b';' | b':' | b'(' | b'"'))
            .map_or(0, |i| i + 1);
        // "… has not given details but an official said five were
        // wounded": a conjunction that opens a clause ends the negation's.
        let before = &tokens.bytes[clause..s];
        let breaks = &rules.packs.speech().breaks;
        let clause = clause + after_last_break(before, 0, before.len() + 1, breaks).unwrap_or(0);
        if refuse.is_match(&tokens.bytes[clause..e]) {
            return None;
        }
    }
    let own_predicate = match &rule.refuse_after {
        Some(refuse) => {
            let (_, e) = m.whole()?;
            let rest = &tokens.bytes[e..];
            let clause = rest
                .iter()
                .position(|&b| matches!(b, b',' | b';' | b':' | b')' | b'"'))
                .unwrap_or(rest.len());
            refuse.is_match(&rest[..clause])
        }
        None => false,
    };
    // A byte-level pattern may end inside a character: such a group is not read.
    let group = |name: &str| {
        m.name(rule, name).and_then(|g| {
            let (s, e) = span(g);
            sentence.get(s..e)
        })
    };
    // The figure a rule matched is read whole, qualifier included, even
    // when the rule spelt the qualifier itself ("depassait {quantity}").
    let quantity_group = m.name(rule, "quantity");
    let figure_span = quantity_group
        .or_else(|| m.name(rule, "duration"))
        .and_then(|(s, e)| {
            let token = tokens.bytes[s..e].iter().rposition(|&b| {
                b == crate::quantity::tokens::QUANTITY || b == crate::quantity::tokens::DURATION
            })?;
            tokens.figure(s + token)
        });
    let more = figure_span.is_some_and(|(_, e)| {
        let after = sentence[e..].trim_start();
        ["more ", "autres ", "others ", "other "]
            .iter()
            .any(|w| after.starts_with(w))
    });
    // "the toll has risen to 36 after another person injured …": a word
    // that opens a new clause (`narration`, `breaks`) between the figure
    // and its scope noun leaves the noun to that clause.
    let scope_cut = match (figure_span, m.name(rule, "scope").map(span)) {
        (Some((_, fe)), Some((ss, _))) => {
            let speech = rules.packs.speech();
            let cut = |w: &str| {
                [&speech.narration, &speech.breaks]
                    .iter()
                    .any(|l| l.iter().any(|b| b.trim_end() == w))
            };
            sentence
                .get(fe..ss)
                .is_some_and(|between| between.split_whitespace().any(cut))
        }
        _ => false,
    };
    if scope_cut && rule.needs_scope {
        return None;
    }
    // Who is counted: a scope noun, a demonym ("7,000 Congolese fled"), or
    // "others" of the people counted before ("738,000 others crossed").
    if rule.needs_scope
        && m.name(rule, "scope").is_none()
        && m.name(rule, "side").is_none()
        && !more
    {
        return None;
    }
    // "En 2020, une frappe avait tué…": a year after a locative, with no
    // one counted, is when, not how many.
    if m.name(rule, "scope").is_none()
        && m.name(rule, "side").is_none()
        && let Some((s, e)) = figure_span
        && is_year_after_locative(sentence, s, e, rules)
    {
        return None;
    }
    let figure = if rule.unit == "actor" {
        Figure::Actor
    } else if quantity_group.is_some() {
        let (s, e) = figure_span?;
        let pack = rules.packs.get(lang_code);
        // « le bilan est passé de 33 à 30 morts », "fell from 359 to 253":
        // no range, but a fall, read as its new figure.
        let mut q = match quantity::parse_quantity(sentence.get(s..e)?, pack) {
            Some(q) if q.qualifier == crate::claim::Qualifier::Range => q,
            parsed => fallen_to(sentence, (s, e), whole.1, tokens, pack).or(parsed)?,
        };
        // "The toll rose from 558 to 569": a change, read as its new figure.
        if q.qualifier == crate::claim::Qualifier::Range
            && let Some(high) = q.high
            && pack.ends_with_change(&sentence[..s])
        {
            q.value = high;
            q.low = Some(high);
            q.qualifier = crate::claim::Qualifier::Exact;
        }
        Figure::Quantity(q)
    } else if let Some(d) = group("duration") {
        let q = quantity::parse_duration(d, rules.packs.get(lang_code), doc.date)?;
        Figure::Quantity(match TimeUnit::parse(&rule.unit) {
            Some(unit) => quantity::convert(&q, unit),
            None => q,
        })
    } else {
        return None;
    };
    // The case of a name read in one case only ("US") is checked against
    // the original text when the claim is built.
    let named = |name: &str| {
        let span = m.name(rule, name).map(span);
        let actor = group(name)
            .and_then(|a| rules.gazetteer.lookup(a, None, lang_code))
            .map(|a| a.id.clone());
        actor.zip(span)
    };
    let (actor, actor_span) = named("actor").unzip();
    // « l'armée nigériane », "the army of Nigeria": a role named before
    // its country yields to it.
    let (actor, actor_span) = match (actor, actor_span) {
        (Some(id), Some((_, e))) if rules.gazetteer.is_role(&id) => {
            match owner_after(sentence, e, lang_code, rules) {
                Some((owner, span)) => (Some(owner), Some(span)),
                None => (Some(id), actor_span),
            }
        }
        other => other,
    };
    let (other, other_span) = named("other").unzip();
    let (side, side_span) = named("side").unzip();
    let scope = match group("scope").filter(|_| !scope_cut) {
        Some(word) => {
            let word = fold_str(word.trim());
            match rule.scope_map.get(&word) {
                Some(mapped) => mapped.clone(),
                None => Some(word),
            }
        }
        None => rule.scope.clone(),
    };
    // "1,000 women, children and elderly people": nouns that count
    // different people leave the figure no one scope.
    let scope = match group("scope_also") {
        Some(also)
            if super::sharing::mixed_scopes(&fold_str(also), scope.as_deref(), &rule.scope_map) =>
        {
            None
        }
        _ => scope,
    };
    // A frame's list ("150 soldiers, 9 police officers and …") is read by
    // `list_members`; this claim's evidence starts after it, or ends before
    // it when it follows the figure ("killed four medics and five journalists").
    let (start, end) = match m.name(rule, "list") {
        Some((s, _)) if figure_span.is_some_and(|(_, fe)| tokens.to_sentence(s) >= fe) => {
            (whole.0, tokens.to_sentence(s))
        }
        Some((_, end)) => (tokens.to_sentence(end), whole.1),
        None => whole,
    };
    Some(Candidate {
        rule,
        rule_index,
        start,
        end,
        figure_span,
        figure,
        more,
        actor,
        other,
        scope,
        side,
        named_spans: [actor_span, side_span, other_span],
        both: m.name(rule, "both").is_some(),
        own_predicate,
        member: false,
    })
}

pub(super) fn build_claim(
    c: Candidate,
    ctx: &SentenceCtx,
    parent: Option<&Claim>,
) -> Option<Claim> {
    let SentenceCtx {
        cues,
        quote_speaker,
        folded,
        sentence,
        sentence_start,
        doc,
        lang_code,
        rules,
        event,
    } = *ctx;
    // "trois localités", "40,000 homes": a figure of things, not of people.
    if c.rule.unit == "persons"
        && c.figure_span.is_some_and(|(_, e)| {
            rules
                .packs
                .get(lang_code)
                .counts_no_people(sentence.get(e..).unwrap_or_default())
        })
    {
        return None;
    }
    // "une magnitude de 7,2": people come whole ("2.5 million" is whole).
    if c.rule.unit == "persons" && matches!(&c.figure, Figure::Quantity(q) if !q.is_whole()) {
        return None;
    }
    // A name read in one case only ("US", not "us") is checked in the original.
    let mut c = c;
    for (slot, span) in [
        (&mut c.actor, c.named_spans[0]),
        (&mut c.side, c.named_spans[1]),
        (&mut c.other, c.named_spans[2]),
    ] {
        if let (Some(_), Some((s, e))) = (slot.as_ref(), span) {
            let (os, oe) = folded.original_span(sentence_start + s, sentence_start + e);
            let spelt = doc.text.get(os..oe);
            if rules
                .gazetteer
                .lookup(&sentence[s..e], spelt, lang_code)
                .is_none()
            {
                *slot = None;
            }
        }
    }
    if c.rule.unit == "actor" && c.actor.is_none() && c.named_spans[0].is_some() {
        return None;
    }
    let mutual = c.rule.accused == Some(Accused::Mutual);
    let claimant = c.rule.accused == Some(Accused::Claimant);
    // Who claims an attack is a state or an armed group, never an agency
    // or a body that reports it ("Associated Press, a Taliban commander
    // claimed the attack").
    if claimant
        && c.actor
            .as_ref()
            .and_then(|a| rules.gazetteer.get(a))
            .is_some_and(crate::actors::Actor::is_observer)
    {
        return None;
    }
    let cue = (!mutual && !claimant)
        .then(|| super::reach::choose(cues, c.start, c.end))
        .flatten()
        .filter(|cue| {
            !super::reach::back_to_narration(sentence, cue, c.start, rules.packs.speech())
        });
    // "Gaza officials said a strike did it, while the army blamed a rocket":
    // a clause a conjunction opens after the cue has a speaker of its own.
    let own_clause = cue
        .filter(|cue| c.rule.subject_speaks && cue.end <= c.start)
        .and_then(|cue| {
            let (breaks, text) = (&rules.packs.speech().breaks, sentence.as_bytes());
            let from = after_last_break(text, cue.end, c.start, breaks)?;
            attribution::clause_subject(
                &sentence[..c.start],
                sentence_start,
                c.start,
                Some(from),
                folded,
                doc,
                lang_code,
                rules,
            )
        });
    let cue = cue.filter(|_| own_clause.is_none());
    // "…, medics said": a source no one answers for speaks, and the claim
    // is the outlet's.
    let unnamed = cue.is_some_and(|cue| cue.unnamed);
    let mut attributed_to = if claimant {
        // Who claims an attack speaks for itself.
        let (s, e) = c.named_spans[0]?;
        let (os, oe) = folded.original_span(sentence_start + s, sentence_start + e);
        Some(Attribution {
            actor: Some(c.actor.clone()?),
            text: doc.text.get(os..oe).unwrap_or_default().to_string(),
            key: None,
        })
    } else if mutual {
        // Each side of a mutual blame speaks for itself; "both sides"
        // were named before the sentence.
        let text = match c.named_spans[2] {
            Some((s, e)) => {
                let (os, oe) = folded.original_span(sentence_start + s, sentence_start + e);
                doc.text.get(os..oe).unwrap_or_default().to_string()
            }
            None if c.both => c.other.clone()?,
            None => return None,
        };
        Some(Attribution {
            actor: Some(c.other.clone().filter(|o| Some(o) != c.actor.as_ref())?),
            text,
            key: None,
        })
    } else {
        cue.filter(|cue| !cue.unnamed)
            .map(|cue| cue.speaker.clone())
    };
    // An institution whose country the text leaves unsaid ("according to
    // government figures"): its country was inferred, not named.
    let inferred_country = !claimant
        && !mutual
        && attributed_to.is_some()
        && cue.is_some_and(|c| c.guessed || c.placed);
    let quoted = quote_speaker.filter(|_| !unnamed).cloned();
    attributed_to = attributed_to.or(own_clause).or(quoted);
    if attributed_to.is_none()
        && !unnamed
        && let Some(p) = parent
    {
        attributed_to = p.attributed_to.clone();
    }
    let blames_opponent = matches!(
        c.rule.accused,
        Some(Accused::SpeakerOpponent | Accused::ActorOrSpeakerOpponent)
    ) && c.actor.is_none();
    if attributed_to.is_none() && !unnamed && (blames_opponent || c.rule.subject_speaks) {
        // "Azerbaijan launched an offensive…, saying it was acting in response
        // to mine blasts", « Le Hamas a imputé la frappe à Israël »: the
        // sentence's subject speaks, unless the claim is that subject.
        attributed_to =
            attribution::sentence_subject(sentence, sentence_start, folded, doc, lang_code, rules)
                .filter(|(_, end)| blames_opponent || *end <= c.start)
                .map(|(a, _)| a)
                .or_else(|| {
                    attribution::clause_subject(
                        sentence,
                        sentence_start,
                        c.start,
                        None,
                        folded,
                        doc,
                        lang_code,
                        rules,
                    )
                });
    }
    if c.rule.requires_speaker && attributed_to.is_none() && !unnamed {
        return None;
    }
    // "192 servicemen", said by Baku: its own soldiers, unless the text says
    // whose; not an armed group's nor an agency's ("JNIM killed 200 soldiers").
    let mut side = c.side;
    if side.is_none() && matches!(c.scope.as_deref(), Some("soldiers" | "police")) {
        side = attributed_to
            .as_ref()
            .and_then(|a| a.actor.clone())
            .filter(|id| {
                rules
                    .gazetteer
                    .get(id)
                    .is_none_or(|a| a.counts_own_losses())
            });
    }
    let (kind, unit) = match parent {
        Some(p) => (p.kind.clone(), p.unit.clone()),
        None => (c.rule.kind.clone(), c.rule.unit.clone()),
    };
    // « près de 200 journalistes tués, dont une quarantaine dans l'exercice
    // de leurs fonctions »: a part that says nothing of who counts its
    // total's people.
    let mut scope = c.scope;
    if let Some(p) = parent
        && scope.is_none()
        && side.is_none()
    {
        (scope, side) = (p.scope.clone(), p.side.clone());
    }
    let (value, low, high, qualifier, since) = match c.figure {
        Figure::Quantity(q) => (
            Value::Number(round6(q.value)),
            q.low.map(round6),
            q.high.map(round6),
            q.qualifier,
            q.since.map(|d| d.to_string()),
        ),
        Figure::Actor => {
            let speaker_actor = attributed_to
                .as_ref()
                .and_then(|a| a.actor.as_deref())
                .and_then(|id| rules.gazetteer.get(id));
            let opponent = speaker_actor.and_then(|a| a.opponent.clone());
            let accused = match c.rule.accused.unwrap_or(Accused::Actor) {
                Accused::Actor | Accused::Mutual | Accused::Claimant => c.actor,
                Accused::SpeakerOpponent => opponent,
                Accused::ActorOrSpeakerOpponent => c.actor.or(opponent),
            }?;
            // No one accuses themselves: "Baku said 192 soldiers died in
            // Azerbaijan's offensive" names the offensive, it blames no one.
            // A speaker found by name, that is: an unnamed "officials" taken
            // for the article's country may well be the other side.
            let named_self = attributed_to.as_ref().is_some_and(|a| {
                a.actor.as_deref() == Some(accused.as_str())
                    && rules
                        .gazetteer
                        .resolve_phrase(&fold_str(&a.text), Some(&a.text), lang_code, false)
                        .is_some_and(|r| r.id == accused)
            });
            if named_self && !claimant {
                return None;
            }
            (
                Value::Actor(accused),
                None,
                None,
                crate::claim::Qualifier::Exact,
                None,
            )
        }
    };
    let event = event
        .of(&kind, c.start, c.end)
        .or_else(|| parent.and_then(|p| p.event.clone()));
    let place = match &value {
        Value::Number(_) => {
            let original = |s: usize, e: usize| {
                let (os, oe) = folded.original_span(sentence_start + s, sentence_start + e);
                doc.text.get(os..oe)
            };
            phrase::place_of(sentence, c.start, c.end, original, lang_code, rules)
                .or_else(|| parent.and_then(|p| p.place.clone()))
        }
        Value::Actor(_) => None,
    };
    // "At least 53 people have died in Mozambique and 225 in Malawi,
    // according to government figures": each country's own authorities.
    if inferred_country
        && let (Some(a), Some(p)) = (attributed_to.as_mut(), place.as_deref())
        && rules.gazetteer.get(p).is_some_and(|x| x.is_country())
    {
        a.actor = Some(p.to_string());
    }
    let figure = c.figure_span.filter(|_| matches!(value, Value::Number(_)));
    let vague = quantity::is_vague(sentence, figure, rules.packs.get(lang_code));
    let (ts, te) = folded.original_span(sentence_start + c.start, sentence_start + c.end);
    let (start, end) = doc.original_span(ts, te);
    Some(Claim {
        doc: doc.id.clone(),
        source: doc.source.clone(),
        date: doc.date.map(|d| d.to_string()),
        lang: lang_code.to_string(),
        rule: c.rule.id.clone(),
        kind,
        value,
        low,
        high,
        qualifier,
        vague,
        earlier: figure.is_some_and(|f| ctx.event.earlier_figures.contains(&f)),
        unit,
        scope,
        side,
        event,
        since,
        recalls: None,
        place,
        topic: Vec::new(),
        attributed_to,
        start,
        end,
        text: doc.text.get(ts..te).unwrap_or_default().to_string(),
    })
}

/// Whether the figure at `start..end` of a folded sentence is a year (four
/// digits, 1900 to 2100) right after one of the language's locatives ("in
/// 2020", « en 2016 »).
fn is_year_after_locative(sentence: &str, start: usize, end: usize, rules: &RuleSet) -> bool {
    let Some(text) = sentence.get(start..end) else {
        return false;
    };
    let year = text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && text
            .parse::<u16>()
            .is_ok_and(|y| (1900..=2100).contains(&y));
    let before = sentence[..start].split_whitespace().next_back();
    year && before.is_some_and(|w| rules.packs.speech().locatives.iter().any(|l| l == w))
}

/// The actor named right after `at` in `sentence`, a genitive allowed
/// before it (« l'armée nigériane », « l'armée du Nigeria », "the army of
/// Nigeria"), with its span; never another role.
fn owner_after(
    sentence: &str,
    at: usize,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<(String, (usize, usize))> {
    let rest = sentence.get(at..)?;
    let trimmed = rest.trim_start();
    let mut from = at + (rest.len() - trimmed.len());
    let first = trimmed.split([' ', '\'']).next().unwrap_or("");
    if rules.packs.speech().genitives.iter().any(|g| g == first) {
        from += first.len();
        let after = &sentence[from..];
        from += after.len() - after.trim_start_matches(['\'', ' ']).len();
    }
    let m = rules
        .gazetteer
        .opening_mention(sentence.get(from..)?, lang_code)?;
    let id = &rules.gazetteer.actors[m.actor].id;
    (!rules.gazetteer.is_role(id)).then(|| (id.clone(), (from, from + m.end)))
}

/// The new figure of a fall (« passé de 33 à 30 », "fell from 359 to
/// 253") whose old figure spans `s..e`: the figure after the range's
/// joining word, in the figure's own text or after it within the match
/// (which ends at `until`; "down from 359" marks the old figure alone).
fn fallen_to(
    sentence: &str,
    (s, e): (usize, usize),
    until: usize,
    tokens: &Tokenized,
    pack: &crate::lang::LangPack,
) -> Option<crate::claim::Quantity> {
    let before = sentence.get(..s)?;
    // The two figures read as one that is no range ("33 a 30").
    let text = sentence.get(s..e)?;
    let inner = text
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .find_map(|(i, _)| {
            let (old, rest) = (&text[..i], &text[i + 1..]);
            let (join, new) = rest.split_once(' ')?;
            (!old.is_empty() && pack.is_change_from(before, join))
                .then(|| quantity::parse_quantity(new, pack))
                .flatten()
        });
    inner.or_else(|| {
        let (ns, ne) = tokens
            .figure_starting_from(e)
            .filter(|&(_, ne)| ne <= until)?;
        pack.is_change_from(before, sentence.get(e..ns)?)
            .then(|| quantity::parse_quantity(sentence.get(ns..ne)?, pack))
            .flatten()
    })
}
