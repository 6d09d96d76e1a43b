//! `Document × RuleSet → Vec<Claim>`: fold the body, split sentences, ask a
//! `RegexSet` which rules can match each sentence, run only those, read the
//! figures, find who says them, and map every span back to the file's bytes.
//!
//! Overlaps are settled deterministically: within a kind, the longest match
//! wins, then the rule listed first, then the leftmost.

use crate::attribution::{self, CueMatch};
use crate::claim::{Attribution, Claim, Quantity, TimeUnit, Value};
use crate::corpus::Document;
use crate::fold::{Folded, fold_str};
use crate::quantity;
use crate::rules::{Accused, LangRules, Rule, RuleSet};
use crate::text;

/// A match before attribution.
struct Candidate<'r> {
    rule: &'r Rule,
    rule_index: usize,
    start: usize,
    end: usize,
    figure: Figure,
    actor: Option<String>,
    scope: Option<String>,
    side: Option<String>,
}

enum Figure {
    Quantity(Quantity),
    Actor,
}

/// Extracts every claim of a document, in text order.
pub fn extract(doc: &Document, rules: &RuleSet) -> Vec<Claim> {
    let Some(lang) = rules.lang(&doc.lang) else {
        return Vec::new();
    };
    let mut folded = Folded::new(doc.body(), doc.body_start);
    let sentences = text::split(&mut folded, &doc.text);
    let mut claims = Vec::new();
    let mut last_speaker: Option<Attribution> = None;
    for s in sentences {
        let sentence = &folded.text[s.start..s.end];
        let cues = attribution::find_cues(
            sentence,
            s.start,
            &folded,
            doc,
            lang,
            rules,
            &mut last_speaker,
        );
        let hits = lang.set.matches(sentence.as_bytes());
        if !hits.matched_any() {
            continue;
        }
        let event = find_event(sentence, lang, rules);
        let mut candidates = Vec::new();
        for hit in hits.iter() {
            let rule_index = lang.rules[hit];
            let rule = &rules.rules[rule_index];
            for caps in rule.regex.captures_iter(sentence.as_bytes()) {
                if let Some(c) = candidate(rule, rule_index, &caps, sentence, doc, rules) {
                    candidates.push(c);
                }
            }
        }
        let kept = settle_overlaps(candidates);
        let mut sentence_claims: Vec<Claim> = Vec::new();
        for c in kept {
            if let Some(claim) = build_claim(c, &cues, &folded, s.start, doc, rules, &event) {
                let duplicate = sentence_claims.iter().any(|o| {
                    o.kind == claim.kind
                        && o.value == claim.value
                        && o.scope == claim.scope
                        && o.speaker_id() == claim.speaker_id()
                        && matches!(o.value, Value::Actor(_))
                });
                if !duplicate {
                    sentence_claims.push(claim);
                }
            }
        }
        claims.extend(sentence_claims);
    }
    claims.sort_by(|a, b| {
        (a.start, a.end, &a.kind, &a.rule).cmp(&(b.start, b.end, &b.kind, &b.rule))
    });
    claims
}

fn candidate<'r>(
    rule: &'r Rule,
    rule_index: usize,
    caps: &regex::bytes::Captures,
    sentence: &str,
    doc: &Document,
    rules: &RuleSet,
) -> Option<Candidate<'r>> {
    let whole = caps.get(0)?;
    let group = |name: &str| caps.name(name).map(|m| &sentence[m.start()..m.end()]);
    let figure = if rule.unit == "actor" {
        Figure::Actor
    } else if let Some(q) = group("quantity") {
        Figure::Quantity(quantity::parse_quantity(q, &doc.lang)?)
    } else if let Some(d) = group("duration") {
        let q = quantity::parse_duration(d, &doc.lang, doc.date)?;
        Figure::Quantity(match time_unit(&rule.unit) {
            Some(unit) => quantity::convert(&q, unit),
            None => q,
        })
    } else {
        return None;
    };
    let actor = group("actor")
        .and_then(|a| rules.gazetteer.lookup(a, &doc.lang))
        .map(|a| a.id.clone());
    let side = group("side")
        .and_then(|a| rules.gazetteer.lookup(a, &doc.lang))
        .map(|a| a.id.clone());
    let scope = match group("scope") {
        Some(word) => {
            let word = fold_str(word.trim());
            match rule.scope_map.get(&word) {
                Some(mapped) => mapped.clone(),
                None => Some(word),
            }
        }
        None => rule.scope.clone(),
    };
    Some(Candidate {
        rule,
        rule_index,
        start: whole.start(),
        end: whole.end(),
        figure,
        actor,
        scope,
        side,
    })
}

fn time_unit(unit: &str) -> Option<TimeUnit> {
    Some(match unit {
        "seconds" => TimeUnit::Seconds,
        "minutes" => TimeUnit::Minutes,
        "hours" => TimeUnit::Hours,
        "days" => TimeUnit::Days,
        "weeks" => TimeUnit::Weeks,
        "months" => TimeUnit::Months,
        "years" => TimeUnit::Years,
        _ => return None,
    })
}

/// Within a kind, the longest match wins, then the rule listed first, then the leftmost.
fn settle_overlaps(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.rule_index.cmp(&b.rule_index))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in candidates {
        let overlaps = kept
            .iter()
            .any(|k| k.rule.kind == c.rule.kind && k.start < c.end && c.start < k.end);
        if !overlaps {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.start, c.rule_index));
    kept
}

fn find_event(sentence: &str, lang: &LangRules, rules: &RuleSet) -> Option<String> {
    lang.events.iter().find_map(|&ei| {
        let ev = &rules.events[ei];
        let caps = ev.regex.captures(sentence.as_bytes())?;
        match &ev.event {
            Some(e) => Some(e.clone()),
            None => caps
                .name("year")
                .map(|m| sentence[m.start()..m.end()].to_string()),
        }
    })
}

fn build_claim(
    c: Candidate,
    cues: &[CueMatch],
    folded: &Folded,
    sentence_start: usize,
    doc: &Document,
    rules: &RuleSet,
    event: &Option<String>,
) -> Option<Claim> {
    let attributed_to = attribution::choose(cues, c.start, c.end).map(|cue| cue.speaker.clone());
    let (value, low, high, qualifier, unit, since) = match c.figure {
        Figure::Quantity(q) => (
            Value::Number(q.value),
            q.low,
            q.high,
            q.qualifier,
            c.rule.unit.clone(),
            q.since.map(|d| d.to_string()),
        ),
        Figure::Actor => {
            let speaker_actor = attributed_to
                .as_ref()
                .and_then(|a| a.actor.as_deref())
                .and_then(|id| rules.gazetteer.get(id));
            let opponent = speaker_actor.and_then(|a| a.opponent.clone());
            let accused = match c.rule.accused.unwrap_or(Accused::Actor) {
                Accused::Actor => c.actor,
                Accused::SpeakerOpponent => opponent,
                Accused::ActorOrSpeakerOpponent => c.actor.or(opponent),
            }?;
            (
                Value::Actor(accused),
                None,
                None,
                crate::claim::Qualifier::Exact,
                c.rule.unit.clone(),
                None,
            )
        }
    };
    let (ts, te) = folded.original_span(sentence_start + c.start, sentence_start + c.end);
    let (start, end) = doc.original_span(ts, te);
    Some(Claim {
        doc: doc.id.clone(),
        source: doc.source.clone(),
        date: doc.date.map(|d| d.to_string()),
        lang: doc.lang.clone(),
        rule: c.rule.id.clone(),
        kind: c.rule.kind.clone(),
        value,
        low,
        high,
        qualifier,
        unit,
        scope: c.scope,
        side: c.side,
        event: event.clone(),
        since,
        attributed_to,
        start,
        end,
        text: doc.text.get(ts..te).unwrap_or_default().to_string(),
    })
}
