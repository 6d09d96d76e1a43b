//! `Document × RuleSet → Vec<Claim>`: fold the body, split sentences, turn figures into
//! tokens ([`crate::quantity::tokens`]), ask a gate (`rules::gate`) which rules can match,
//! run only those, read the figures, find who says them (`cues`, then `attribution`), and
//! map every span back to the file's bytes. Overlaps are settled deterministically: within
//! a kind, the longest match wins, then the rule listed first, then the leftmost.

pub mod attribution;
mod candidate;
mod cues;
mod events;
mod introduced;
mod matches;
mod overlaps;
mod parties;
mod parts;
mod phrase;
mod places;
mod reach;
mod roles;
mod sharing;
mod subjects;

use candidate::{SentenceCtx, build_claim, candidate};
use events::{SentenceEvents, Written, find_events, own_named_event, recalled_day};
use matches::{RuleMatch, matches};
use overlaps::settle_overlaps;
use parts::{coordinated, figure_before, figureless, list_members, part_parent};
use sharing::{
    closing_cue, continues, inherit_coordinated_scope, one_speaker, unify_repeated_figures,
};

use crate::claim::{Attribution, Claim, Quantity, TimeUnit, Value};
use crate::corpus::Document;
use crate::quantity;
use crate::quantity::tokens::Tokenized;
use crate::rules::{Accused, Applies, LangRules, Rule, RuleSet};
use crate::text::fold::{Folded, fold_str};
use crate::text::sentences as text;
use attribution::{CueFound, CueMatch};

/// A match before attribution.
struct Candidate<'r> {
    rule: &'r Rule,
    rule_index: usize,
    start: usize,
    end: usize,
    /// Where the figure itself is (the `quantity` or `duration` capture).
    figure_span: Option<(usize, usize)>,
    figure: Figure,
    /// "511 autres blessés", "511 more were hurt": the same people as the figure before.
    more: bool,
    actor: Option<String>,
    /// The second actor of a rule that names two (`{other}`): with
    /// `accused: mutual`, the one who blames `actor`.
    other: Option<String>,
    scope: Option<String>,
    side: Option<String>,
    /// Where the actor, the side and the other actor were named (sentence
    /// bytes), to check the case of a name read in one case only.
    named_spans: [Option<(usize, usize)>; 3],
    /// A mutual blame that names its two parties only as "both sides" (a
    /// `(?P<both>…)` group): the two are read from the text before.
    both: bool,
    /// The rule's `refuse_after` matched: the figure has a predicate of its
    /// own, so a part of a figure whose clause ended before it is refused.
    own_predicate: bool,
    /// A member of a frame's list, read with the list's predicate
    /// ([`parts::list_members`]), not by a rule of its own.
    member: bool,
}

impl Candidate<'_> {
    /// The same match read from the other side: `other` accused by `actor`.
    fn mirrored(&self) -> Self {
        let [actor_span, side_span, other_span] = self.named_spans;
        Candidate {
            figure: Figure::Actor,
            actor: self.other.clone(),
            other: self.actor.clone(),
            scope: self.scope.clone(),
            side: self.side.clone(),
            named_spans: [other_span, side_span, actor_span],
            ..*self
        }
    }
}

/// Candidates, then the mirror of each mutual blame among them.
fn with_mirrors(cs: Vec<Candidate<'_>>) -> impl Iterator<Item = Candidate<'_>> {
    let mirrors: Vec<Candidate> = cs
        .iter()
        .filter(|c| c.rule.accused == Some(Accused::Mutual))
        .map(Candidate::mirrored)
        .collect();
    cs.into_iter().chain(mirrors)
}

enum Figure {
    Quantity(Quantity),
    Actor,
}

/// Extracts every claim of a document, in text order.
pub fn extract(doc: &Document, rules: &RuleSet) -> Vec<Claim> {
    extract_many(&[doc], rules).pop().unwrap_or_default()
}

/// Extracts the claims of several documents, each in text order: the same
/// claims as [`extract`] on each, each rule's captures (and each speaker
/// cue's) run over all the sentences it can match, rule after rule: a rule
/// met again documents later finds its automaton's memory cold; run rule by
/// rule, each stays warm (several times faster).
pub fn extract_many(docs: &[&Document], rules: &RuleSet) -> Vec<Vec<Claim>> {
    let mut prepared: Vec<Option<Prepared>> = docs.iter().map(|d| prepare(d, rules)).collect();
    // Speaker cues first: matched cue by cue, then read in each document's
    // order, since a speaker named in one sentence carries to the next.
    let cue_found = by_pattern(
        &prepared,
        |s| s.cue_hits.clone(),
        |cue, p, i, _| {
            let span = &p.spans[i];
            crate::work::read(span.end - span.start);
            attribution::cue_matches(rules, cue, &p.folded.text[span.start..span.end])
        },
    );
    for ((p, found), doc) in prepared.iter_mut().zip(&cue_found).zip(docs) {
        if let Some(p) = p {
            read_cues(doc, p, found, rules);
        }
    }
    matches::compile_called(prepared.iter().flatten().flat_map(|p| &p.sentences), rules);
    let found = by_pattern(
        &prepared,
        |s| s.hits.iter().map(|&hit| s.lang.rules[hit]).collect(),
        |rule, p, i, k| {
            let s = &p.sentences[i];
            let figure_rule = s.hits[k] < s.lang.figure_rules;
            matches(&rules.rules[rule], &s.tokens, figure_rule)
        },
    );
    prepared
        .into_iter()
        .zip(found)
        .zip(docs)
        .map(|((p, found), doc)| p.map_or_else(Vec::new, |p| finish(doc, p, &found, rules)))
        .collect()
}

/// Runs `run(pattern, document, sentence, k)` for the `k`-th pattern that
/// `patterns` lists for each sentence of each document, pattern by pattern
/// (so one pattern's work is together), and files each result at
/// `[document][sentence][k]`.
fn by_pattern<T: Clone>(
    prepared: &[Option<Prepared>],
    patterns: impl Fn(&PreparedSentence) -> Vec<usize>,
    mut run: impl FnMut(usize, &Prepared, usize, usize) -> Vec<T>,
) -> Vec<Vec<Vec<Vec<T>>>> {
    let mut work: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut out: Vec<Vec<Vec<Vec<T>>>> = Vec::with_capacity(prepared.len());
    for (d, p) in prepared.iter().enumerate() {
        let sentences = p.as_ref().map_or(&[][..], |p| &p.sentences[..]);
        let mut per_sentence = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let listed = patterns(s);
            per_sentence.push(vec![Vec::new(); listed.len()]);
            work.extend(listed.into_iter().enumerate().map(|(k, x)| (x, d, i, k)));
        }
        out.push(per_sentence);
    }
    work.sort_unstable();
    for (x, d, i, k) in work {
        if let Some(p) = &prepared[d] {
            out[d][i][k] = run(x, p, i, k);
        }
    }
    out
}

/// A document folded, split and read up to its rules' captures: which
/// rules can match each sentence, and its speakers and events.
struct Prepared<'a> {
    folded: Folded,
    sentences: Vec<PreparedSentence<'a>>,
    spans: Vec<text::Sentence>,
}

/// Folds and splits a document, finds which rules can match each sentence,
/// and which cues and events can match around those sentences; `None` when
/// no rules read its language.
fn prepare<'a>(doc: &'a Document, rules: &'a RuleSet) -> Option<Prepared<'a>> {
    let doc_lang = doc.lang.as_str();
    let doc_rules = rules.lang(doc_lang)?;
    let mut folded = Folded::new(doc.body(), doc.body_start);
    let sentences = text::split_with(&mut folded, &doc.text, rules.packs.abbreviations());
    // First pass: language, which rules can match, and quotation state of
    // every sentence. Cues and events are read only around sentences that can
    // yield a claim (the one before, for pronouns and carried events; those
    // after a quotation, for its speaker): most sentences cost one literal scan.
    let mut quote_depth = 0usize;
    let mut prepared: Vec<PreparedSentence> = sentences
        .iter()
        .map(|s| {
            let sentence = &folded.text[s.start..s.end];
            // A sentence in another language with rules of its own (a quote in
            // English inside French copy) is read with those rules.
            let (lang_code, lang) = match rules.packs.detect_strict(sentence) {
                Some(l) if l != doc_lang => match rules.lang(l) {
                    Some(r) => (l, r),
                    None => (doc_lang, doc_rules),
                },
                _ => (doc_lang, doc_rules),
            };
            let tokenized = lang.figures.tokenize(sentence);
            let hits = lang.hits(&tokenized);
            let tokens = if hits.is_empty() {
                Tokenized::default()
            } else {
                tokenized
            };
            let (os, oe) = folded.original_span(s.start, s.end);
            let original = doc.text.get(os..oe).unwrap_or("");
            let opened_before = quote_depth > 0;
            let mut closes = false;
            for (k, ch) in original.char_indices() {
                match ch {
                    // A continued quote reopens each paragraph with «: not a new level.
                    '«' | '“' if !(k == 0 && opened_before) => quote_depth += 1,
                    '»' | '”' => {
                        quote_depth = quote_depth.saturating_sub(1);
                        closes = true;
                    }
                    '"' if quote_depth > 0 => {
                        quote_depth -= 1;
                        closes = true;
                    }
                    '"' => quote_depth += 1,
                    _ => {}
                }
            }
            PreparedSentence {
                lang_code,
                lang,
                hits,
                tokens,
                cues: Vec::new(),
                cue_hits: Vec::new(),
                events: Vec::new(),
                needed: false,
                closing_only: false,
                quoted: opened_before || quote_depth > 0,
                closes,
            }
        })
        .collect();
    reach::mark_needed(&mut prepared);
    for (p, s) in prepared.iter_mut().zip(&sentences) {
        if p.needed {
            let speech = p.lang.speech(&folded.text[s.start..s.end]);
            p.cue_hits = speech
                .cues
                .iter()
                .map(|&c| p.lang.cues[c])
                .filter(|&c| !p.closing_only || rules.cues[c].applies == Applies::Previous)
                .collect();
            p.events = speech.events.iter().map(|&e| p.lang.events[e]).collect();
        }
    }
    Some(Prepared {
        folded,
        sentences: prepared,
        spans: sentences,
    })
}

/// Reads the speakers of a prepared document's sentences, in order, from
/// its cues' matches (`found[sentence][cue]`).
fn read_cues(doc: &Document, p: &mut Prepared, found: &[Vec<Vec<CueFound>>], rules: &RuleSet) {
    let Prepared {
        folded,
        sentences,
        spans,
    } = p;
    let mut last_speaker: Option<Attribution> = None;
    let home = std::cell::OnceCell::new();
    let people = std::cell::RefCell::new(Vec::new());
    for ((s, span), found) in sentences.iter_mut().zip(spans.iter()).zip(found) {
        if s.needed {
            crate::work::read(span.end - span.start);
            let at = attribution::SentenceAt {
                home: &home,
                people: &people,
                text: &folded.text[span.start..span.end],
                start: span.start,
                folded,
                doc,
                lang_code: s.lang_code,
            };
            let found: Vec<CueFound> = found.iter().flatten().copied().collect();
            s.cues = attribution::find_cues(&at, &found, rules, &mut last_speaker);
        }
    }
}

/// How much of an article's folded text names the event it is about.
const OPENING: usize = 1500;

/// Builds the claims of a prepared document from its rules' matches
/// (`found[sentence][hit]`).
fn finish(
    doc: &Document,
    p: Prepared,
    found: &[Vec<Vec<RuleMatch>>],
    rules: &RuleSet,
) -> Vec<Claim> {
    let Prepared {
        folded,
        sentences: prepared,
        spans: sentences,
    } = p;
    let mut claims: Vec<Claim> = Vec::new();
    let (mut previous_events, mut previous_paragraph) = (SentenceEvents::default(), usize::MAX);
    let names = Written::new(&doc.text);
    // The last figure claim of the previous sentence (its index in `claims`), for `inherit` rules.
    let mut previous_figure: Option<usize> = None;
    // The last figure that is no part of another: whom "autres" counts more of.
    let mut previous_total: Option<usize> = None;
    let mut parties = attribution::Parties::default();
    // The claims of the previous sentence that had any (indices in `claims`).
    let mut previous_claims = 0..0;
    let (mut paragraph_claims, mut previous_paragraph_claims) = (0, 0); // where they start
    let mut previous_sentence = "";
    for (i, s) in sentences.iter().enumerate() {
        let sentence = &folded.text[s.start..s.end];
        let PreparedSentence {
            lang_code,
            lang,
            ref cues,
            ref hits,
            ref tokens,
            ref events,
            needed,
            quoted,
            ..
        } = prepared[i];
        if !needed {
            previous_events = SentenceEvents::default();
            previous_claims = claims.len()..claims.len();
            previous_figure = previous_figure.filter(|_| figureless(sentence));
            continue;
        }
        // Inside a quotation that closes in a later sentence: the speaker
        // named right after it ("…, a déclaré X").
        let quote_speaker = if quoted {
            prepared[i + 1..]
                .iter()
                .take(4)
                .find(|p| p.closes)
                .and_then(|p| p.cues.iter().find(|c| c.applies == Applies::Before))
                .map(|c| c.speaker.clone())
        } else {
            None
        };
        crate::work::read(sentence.len());
        let written = |a, b| names.name(&folded, s.start + a, s.start + b);
        let mut event = find_events(sentence, events, rules, lang_code, doc.date, &written);
        if event.previous {
            // "Ces combats avaient…", "at the time": the previous sentence's event.
            event.list.extend(previous_events.list.iter().cloned());
        } else if s.paragraph == previous_paragraph {
            // An incident goes on within its paragraph ("L'explosion… Des
            // centaines de blessés…"); a year it recalls does too (« En 1960,
            // un séisme… Il avait fait 12 000 morts »), until a sentence says
            // it is about the article's days (« Cette semaine, … »).
            let own_days = event.present || !event.list.is_empty();
            let carried = previous_events
                .list
                .iter()
                .filter(|(_, kinds, year)| !kinds.is_empty() || (*year && !own_days))
                .cloned()
                .collect::<Vec<_>>();
            event.list.extend(carried);
        }
        // Events carried from before are named nowhere in this sentence.
        event.at.resize(event.list.len(), None);
        previous_events = event.clone();
        previous_events.at.clear();
        let same_paragraph = s.paragraph == previous_paragraph;
        if !same_paragraph {
            // A part counts the figure just before it, in its paragraph: not
            // the headline's toll ("… 14 feared dead" / "…, including one").
            previous_figure = None;
            previous_paragraph_claims = paragraph_claims;
            paragraph_claims = claims.len();
        }
        previous_paragraph = s.paragraph;
        // "…has risen to 32. This was reported by the emergency service";
        // "…, 12 people died. Among them is a girl. / This was reported
        // by …": the figures of its paragraph, or of the one before.
        if let Some(cue) = cues.iter().find(|c| c.applies == Applies::Previous) {
            let from = if same_paragraph {
                paragraph_claims
            } else {
                previous_paragraph_claims
            };
            let run = if previous_claims.is_empty() {
                from..claims.len()
            } else {
                from.min(previous_claims.start)..previous_claims.end
            };
            if !run.is_empty() {
                closing_cue(&mut claims[run], cue, previous_sentence, lang_code, rules);
            }
        }
        if hits.is_empty() {
            previous_claims = claims.len()..claims.len();
            previous_figure = previous_figure.filter(|_| figureless(sentence));
            continue;
        }
        let mut candidates = Vec::new();
        for (k, &hit) in hits.iter().enumerate() {
            let rule_index = lang.rules[hit];
            for m in &found[i][k] {
                // A candidate, and the claim it may become, read their sentence.
                crate::work::read(2 * sentence.len());
                if let Some(c) = candidate(rule_index, m, tokens, sentence, doc, lang_code, rules) {
                    candidates.extend(coordinated(c, sentence, lang_code, rules));
                    candidates.extend(list_members(
                        rule_index, m, tokens, sentence, lang_code, rules,
                    ));
                }
            }
        }
        let mut kept = settle_overlaps(candidates, sentence, rules.packs.speech());
        inherit_coordinated_scope(&mut kept, sentence);
        for c in kept
            .iter_mut()
            .filter(|c| c.more && c.scope.is_none() && c.side.is_none())
        {
            if let Some(prev) = previous_total.map(|k| &claims[k]) {
                c.scope = prev.scope.clone();
                c.side = prev.side.clone();
            }
        }
        event.mark_earlier(sentence, kept.iter().filter_map(|c| c.figure_span));
        let ctx = SentenceCtx {
            cues,
            quote_speaker: quote_speaker.as_ref(),
            folded: &folded,
            sentence,
            sentence_start: s.start,
            doc,
            lang_code,
            rules,
            event: &event,
        };
        let mut sentence_claims: Vec<Claim> = Vec::new();
        // Which of them count part of another ("dont trois enfants", "the
        // dead included 27 children"): a later "autres" counts more of a
        // total, not of a part.
        let mut parts: Vec<bool> = Vec::new();
        let (inheriting, mut own): (Vec<Candidate>, Vec<Candidate>) =
            kept.into_iter().partition(|c| c.rule.inherit);
        // "Both countries accused the other": the two parties named most.
        let end = s.start + sentence.len();
        for c in own.iter_mut().filter(|c| c.both && c.actor.is_none()) {
            if let Some((a, b)) = parties.upto(&folded, &doc.text, end, lang_code, rules) {
                (c.actor, c.other) = (Some(a), Some(b));
            }
        }
        // Each of two actors blaming the other is two claims; "both sides"
        // come last, so a claim that names its parties is the one kept.
        let (named, both): (Vec<Candidate>, Vec<Candidate>) =
            own.into_iter().partition(|c| !c.both);
        for c in with_mirrors(named).chain(with_mirrors(both)) {
            let part = c.rule.part;
            if let Some(mut claim) = build_claim(c, &ctx, None) {
                // "The dead included ten civilians": the total's speaker.
                if part && claim.attributed_to.is_none() {
                    claim.attributed_to =
                        figure_before(&sentence_claims, &claims, previous_figure, claim.start)
                            .and_then(|p| p.attributed_to.clone());
                }
                let duplicate = sentence_claims.iter().any(|o| {
                    o.kind == claim.kind
                        && o.value == claim.value
                        && o.scope == claim.scope
                        && o.speaker_id() == claim.speaker_id()
                        && matches!(o.value, Value::Actor(_))
                });
                if !duplicate {
                    sentence_claims.push(claim);
                    parts.push(part);
                }
            }
        }
        // The file offset where a sentence span starts.
        let file_offset = |a: usize, b: usize| {
            let (a, _) = folded.original_span(s.start + a, s.start + b);
            doc.original_span(a, a).0
        };
        let pack = rules.packs.get(lang_code);
        for c in inheriting {
            let start = file_offset(c.start, c.end);
            // A part counts what its total counts: people are no part of
            // a blockade's months ("ten months … of whom 30,000").
            let same_unit = |p: &&Claim| p.unit == c.rule.unit;
            let parent =
                figure_before(&sentence_claims, &claims, previous_figure, start).filter(same_unit);
            let parent = part_parent(&c, parent, start, tokens, sentence, pack, &file_offset);
            if let Some(parent) = parent
                && let Some(claim) = build_claim(c, &ctx, Some(parent))
            {
                sentence_claims.push(claim);
                parts.push(true);
            }
        }
        // "…, d'après le gouvernement. Le séisme a aussi fait 3 600
        // blessés": a sentence that goes on with the report of the sentence
        // just before it has that report's speaker, in its paragraph or
        // the next (« … selon le ministère. / Dans le détail, 290 … »).
        let unsaid = |c: &Claim| c.attributed_to.is_none() && c.value.number().is_some();
        if sentence_claims.iter().any(unsaid)
            && continues(sentence, rules.packs.speech())
            && let Some(speaker) = one_speaker(&claims[previous_claims.clone()])
        {
            for c in sentence_claims.iter_mut().filter(|c| unsaid(c)) {
                c.attributed_to = Some(speaker.clone());
            }
        }
        let figures = |totals_only: bool| {
            sentence_claims
                .iter()
                .zip(&parts)
                .enumerate()
                .filter(|(_, (c, part))| c.value.number().is_some() && !(totals_only && **part))
                .max_by_key(|(_, (c, _))| c.start)
                .map(|(k, _)| k)
        };
        if let Some(last) = figures(false) {
            previous_figure = Some(claims.len() + last);
            previous_total = figures(true).map(|k| claims.len() + k);
        } else if tokens.figure_count() > 0 {
            // "About 80,000 people were affected. More than 14,000 of them
            // are children": "them" are the figure just before, no claim.
            previous_figure = None;
        }
        previous_claims = claims.len()..claims.len() + sentence_claims.len();
        previous_sentence = sentence;
        claims.extend(sentence_claims);
    }
    own_named_event(&mut claims, &folded, &names, rules);
    unify_repeated_figures(&mut claims);
    roles::bind(&mut claims, &folded, doc, rules);
    // The two countries the opening (headline, lede) names most: its topic.
    if !claims.is_empty() {
        let opening = &folded.text[..folded.text.floor_char_boundary(OPENING)];
        let opening_end = folded.original_span(0, opening.len()).1;
        let opening_text = doc.text.get(..opening_end).unwrap_or(&doc.text);
        let topic: Vec<String> = phrase::countries_in(opening, opening_text, &doc.lang, rules)
            .into_iter()
            .take(2)
            .collect();
        claims.iter_mut().for_each(|c| c.topic = topic.clone());
        if let Some(day) = recalled_day(&folded.text, &sentences, &prepared, doc, rules) {
            for c in claims.iter_mut().filter(|c| c.event.is_none()) {
                c.recalls = Some(day.clone());
            }
        }
    }
    // "Hundreds were killed": a count no one made, kept only when asked.
    claims.retain(|c| rules.reconcile.keep_indefinite || !c.vague);
    claims.sort_by(|a, b| {
        (a.start, a.end, &a.kind, &a.rule).cmp(&(b.start, b.end, &b.kind, &b.rule))
    });
    claims
}

/// A sentence prepared by the first pass.
struct PreparedSentence<'r> {
    lang_code: &'r str,
    lang: &'r LangRules,
    /// Rules (indices into the language's list) that can match the sentence.
    hits: Vec<usize>,
    /// The sentence with its figures as tokens, kept when a rule can match.
    tokens: Tokenized,
    cues: Vec<CueMatch>,
    /// The cues that can match (indices into the rule set's cues).
    cue_hits: Vec<usize>,
    /// The event markers that can match (indices into the rule set's events).
    events: Vec<usize>,
    /// Whether cues and events are read for this sentence.
    needed: bool,
    /// Read only for a cue that closes the sentences before it ("This was
    /// reported by …"), two sentences after a figure.
    closing_only: bool,
    /// Inside a quotation still open at its end, or opened before it.
    quoted: bool,
    /// Closes a quotation.
    closes: bool,
}
