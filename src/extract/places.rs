//! Where a figure or a speaker is: the country a clause places it in, a
//! town or a region standing for its country, and the countries a document
//! names most (its home), from the actors files' places and the language
//! packs' place words (`rules/lang/<code>/words.yaml`, `speech:`).

use super::phrase::is_institution;
use crate::rules::RuleSet;
use crate::text::fold::fold_str;

/// Where a figure at `start..end` of a folded sentence is: a country its
/// clause places it in after one of the language's locatives, first after
/// the figure ("… sont mortes au Malawi"), else the last before it in its
/// clause ("authorities in Mozambique reported 20 deaths"; not "In Baku,
/// officials said the region had 50,000 residents": Baku is where they speak).
/// A town or a region stands for its country ("in Hatay"); `original` gives
/// the sentence as written between two folded offsets.
pub fn place_of<'a>(
    sentence: &str,
    start: usize,
    end: usize,
    original: impl Fn(usize, usize) -> Option<&'a str>,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let end = end.min(sentence.len());
    let from = start.min(end);
    let speech = rules.packs.speech();
    // "six each in Hungary and Slovakia": six in each, a list of places is
    // not one place.
    let shared_out = sentence[from..end]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| speech.distributives.iter().any(|d| d == w));
    let joined = |place: String, text: &str, original: Option<&str>, last: bool| match shared_out {
        true => place,
        false => countries_together(place, text, original, last, lang_code, rules),
    };
    // "with seven each in | Poland": a locative that closes the match
    // belongs to the place after it.
    let end = sentence[from..end]
        .trim_end()
        .rsplit_once(' ')
        .filter(|(_, w)| speech.locatives.iter().any(|l| l == w))
        .map_or(end, |(head, _)| from + head.len() + 1);
    let after = &sentence[end..];
    let clause_end = end + after.find([',', ';', ':', '.']).unwrap_or(after.len());
    let before = &sentence[..start.min(sentence.len())];
    let before_start = before.rfind([',', ';', ':']).map_or(0, |i| i + 1);
    placed_in(
        &sentence[end..clause_end],
        original(end, clause_end),
        false,
        lang_code,
        rules,
    )
    .map(|place| {
        // "in Malawi, Mozambique and Madagascar": a list of countries runs
        // past the clause's comma.
        let list_end = end + after.find([';', ':', '.']).unwrap_or(after.len());
        let text = &sentence[end..list_end];
        joined(place, text, original(end, list_end), false)
    })
    .or_else(|| {
        // "the death toll in Malawi and Mozambique passed 200": inside the
        // match, before its figure.
        let text = &sentence[from..end];
        let original = original(from, end);
        placed_in(text, original, true, lang_code, rules)
            .map(|place| joined(place, text, original, true))
    })
    .or_else(|| {
        let text = &before[before_start..];
        let original = original(before_start, before.len());
        placed_in(text, original, true, lang_code, rules)
            .map(|place| joined(place, text, original, true))
    })
    .or_else(|| relative_place(sentence, before_start, start, &original, lang_code, rules))
    .or_else(|| fronted_place(sentence, start, &original, lang_code, rules))
}

/// The place a relative of place ("where", « où ») refers to when it opens
/// the figure's clause (`from..start`): the country or town that ends the
/// clause before its comma ("heavy flooding in southwestern Haiti, where it
/// was blamed for 43 deaths", « Cuba et Haïti, où 30 morts sont à déplorer »).
fn relative_place<'a>(
    sentence: &str,
    from: usize,
    start: usize,
    original: impl Fn(usize, usize) -> Option<&'a str>,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let speech = rules.packs.speech();
    let opens = original(from, start)?
        .split_whitespace()
        .next()
        .is_some_and(|w| {
            speech
                .place_relatives
                .iter()
                .any(|r| r == &w.to_lowercase())
        });
    if !opens || from < 2 {
        return None;
    }
    let end = from - 1;
    let head = sentence[..end].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let piece = &sentence[head..end];
    let g = &rules.gazetteer;
    let last = |s: usize, e: usize, text: &str| e == text.trim_end().len() && s < e;
    g.mentions(piece, original(head, end), lang_code)
        .iter()
        .rev()
        .find(|m| !m.adjective && g.actors[m.actor].is_country() && last(m.start, m.end, piece))
        .map(|m| g.actors[m.actor].id.clone())
        .or_else(|| {
            let text = original(head, end)?;
            let m = g
                .places_in(text, place_words(speech))
                .into_iter()
                .next_back()?;
            last(m.start, m.end, text).then(|| g.actors[m.actor].id.clone())
        })
}

/// The country a sentence opens on, before its first comma and its figure
/// at `start`: « En Israël, le bilan… », « Côté israélien, les tirs… »,
/// "On the Pakistani side, …": a short head with a locative or a side word
/// and a country's name or adjective.
fn fronted_place<'a>(
    sentence: &str,
    start: usize,
    original: impl Fn(usize, usize) -> Option<&'a str>,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let head = &sentence[..sentence.find(',').filter(|&i| i < start)?];
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let speech = rules.packs.speech();
    let marked = words.iter().any(|w| {
        speech.locatives.iter().any(|l| l == w) || speech.side_words.iter().any(|l| l == w)
    });
    // "In Baku, officials said the region had 50,000 residents": where
    // someone speaks, not where the figure is.
    let next: String = sentence[head.len() + 1..]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    // A longer head opens on its place: « En Thaïlande, à plus de 1 000 km
    // de l'épicentre, … ».
    let opens_on_place = words
        .first()
        .is_some_and(|w| speech.locatives.iter().any(|l| l == w));
    if (words.len() > 5 && !opens_on_place) || !marked || is_institution(&next, speech) {
        return None;
    }
    let g = &rules.gazetteer;
    if words.len() > 5 {
        // Its place stands in its first three words ("en thailande",
        // "in the czech republic").
        let third_end = head.split_whitespace().take(3).fold(0, |at, w| {
            head[at..].find(w).map_or(at, |i| at + i + w.len())
        });
        return g
            .mentions(head, None, lang_code)
            .iter()
            .find(|m| !m.adjective && m.start < third_end && g.actors[m.actor].is_country())
            .map(|m| g.actors[m.actor].id.clone());
    }
    g.mentions(head, None, lang_code)
        .iter()
        .map(|m| &g.actors[m.actor])
        .find(|a| a.is_country())
        .or_else(|| {
            // « À Antakya, … »: a town after its preposition.
            let head = original(0, head.len())?;
            let m = g.places_in(head, place_words(speech)).into_iter().next()?;
            Some(&g.actors[m.actor])
        })
        .map(|a| a.id.clone())
}

/// The words that make a capitalised name in text a place.
pub(in crate::extract) fn place_words(
    speech: &crate::lang::Speech,
) -> crate::actors::PlaceWords<'_> {
    crate::actors::PlaceWords {
        before: [&speech.locatives, &speech.place_prepositions],
        beside: [&speech.localities, &speech.institutions],
        genitives: &speech.genitives,
        modifiers: &speech.place_modifiers,
        reach: 1,
    }
}

/// The country named as a place in a piece of a sentence (a country after
/// one of the language's locatives: "In Armenia, the government…", "…
/// reported 1,444 deaths in Syria"): the last one before a speaker
/// (`nearest_end`), the first one after it.
pub(in crate::extract) fn placed_in(
    text: &str,
    original: Option<&str>,
    nearest_end: bool,
    lang_code: &str,
    rules: &RuleSet,
) -> Option<String> {
    let speech = rules.packs.speech();
    let is = |list: &[String], w: &str| list.iter().any(|l| l == w);
    let g = &rules.gazetteer;
    // Most pieces hold no locative: the names are not looked for.
    let found = if text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| is(&speech.locatives, w) || is(&speech.side_words, w) || is(&speech.localities, w))
    {
        let mentions = g.mentions(text, original, lang_code);
        let placed = |m: &&crate::actors::Mention| {
            let head = text[..m.start].trim_end();
            // "in the Czech Republic", "in neighbouring Malawi": the
            // locative before an article or a modifier of place.
            let before = head
                .split_whitespace()
                .rev()
                .take(3)
                .find(|w| !speech.is_determiner(w) && !is(&speech.place_modifiers, w));
            let after = text[m.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty());
            // "on the Tajik side", « côté tadjik », "several Ukrainian
            // cities", « plusieurs villes ukrainiennes »
            let beside = |w: &str| is(&speech.side_words, w) || is(&speech.localities, w);
            g.actors[m.actor].is_country()
                && !based_at(head, speech)
                // "in a Russian airstrike" is no place: after a locative, a
                // name; an adjective only when it is spelt as the name
                // (« aux Philippines ») or stands beside a side word.
                && (if m.adjective {
                    named_after_locative(text, m, original, speech)
                        || before.is_some_and(beside)
                        || after.is_some_and(beside)
                } else {
                    before.is_some_and(|w| is(&speech.locatives, w))
                })
        };
        let found = if nearest_end {
            mentions.iter().rev().find(placed)
        } else {
            mentions.iter().find(placed)
        };
        found.map(|m| g.actors[m.actor].id.clone())
    } else {
        None
    };
    found
        // "in Hatay", "the Kherson region": a town or a region as written,
        // unless someone is based there.
        .or_else(|| {
            let original = original?;
            let places = g.places_in(original, place_words(speech));
            let unbased = |m: &&crate::actors::Mention| {
                let head = &original[..m.start];
                let tail = head.floor_char_boundary(head.len().saturating_sub(BASED_TAIL));
                // "an investigation by the New York Times": a place that
                // opens a longer name is no place.
                let to = original.floor_char_boundary((m.end + NAME_TAIL).min(original.len()));
                let place_len = fold_str(&original[m.start..m.end]).len();
                let in_a_name = g
                    .mentions(&fold_str(&original[m.start..to]), None, lang_code)
                    .iter()
                    .any(|n| n.start == 0 && n.end > place_len && !g.actors[n.actor].is_country());
                !in_a_name && !based_at(fold_str(&head[tail..]).trim_end(), speech)
            };
            let m = if nearest_end {
                places.iter().rev().find(unbased)
            } else {
                places.iter().find(unbased)
            };
            m.map(|m| g.actors[m.actor].id.clone())
        })
}

/// Whether a demonym right after a locative, closing its phrase, is written
/// as a name in `original` (capitalised, a whole word): « aux Philippines »,
/// « en Suisse. » name a country spelt like its adjective; "in Israeli
/// strikes" does not.
fn named_after_locative(
    text: &str,
    m: &crate::actors::Mention,
    original: Option<&str>,
    speech: &crate::lang::Speech,
) -> bool {
    let locative = text[..m.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| speech.locatives.iter().any(|l| l == w));
    let closes = text[m.end..]
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    locative && closes && spelt_as_name(&text[m.start..m.end], original)
}

/// Whether a folded name is written capitalised, as a whole word, in
/// `original`.
fn spelt_as_name(folded: &str, original: Option<&str>) -> bool {
    let mut chars = folded.chars();
    let (Some(first), Some(original)) = (chars.next(), original) else {
        return false;
    };
    let name: String = first.to_uppercase().chain(chars).collect();
    crate::text::has_whole_word(original, &name)
}

/// The place of a country named in a list of countries ("in Malawi and
/// Mozambique", « au Malawi et au Mozambique », "in Malawi, Mozambique and
/// Madagascar"): their ids together, sorted and joined by `+`, a place of its
/// own that no one country's figure is compared with. `place` is the first
/// country of `text` (the last when `last`); a joint between two is a comma
/// or a joining word, then perhaps a locative, then perhaps a determiner
/// (not « six morts en Roumanie et une en Autriche »).
fn countries_together(
    place: String,
    text: &str,
    original: Option<&str>,
    last: bool,
    lang_code: &str,
    rules: &RuleSet,
) -> String {
    let (g, speech) = (&rules.gazetteer, rules.packs.speech());
    let mentions: Vec<_> = g
        .mentions(text, original, lang_code)
        .into_iter()
        .filter(|m| !m.adjective && g.actors[m.actor].is_country())
        .collect();
    let found = if last {
        mentions.iter().rposition(|m| g.actors[m.actor].id == place)
    } else {
        mentions.iter().position(|m| g.actors[m.actor].id == place)
    };
    let Some(at) = found else {
        return place;
    };
    let is_and = |w: &str| speech.leading.iter().any(|l| l.trim() == w);
    let joins = |from: usize, to: usize| {
        let gap = text.get(from..to).unwrap_or("x");
        let words: Vec<&str> = gap
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut rest = words.as_slice();
        let opened = gap.contains(',') || rest.first().is_some_and(|w| is_and(w));
        if rest.first().is_some_and(|w| is_and(w)) {
            rest = &rest[1..];
        }
        if rest
            .first()
            .is_some_and(|w| speech.locatives.iter().any(|l| l == w))
        {
            rest = &rest[1..];
        }
        if rest.first().is_some_and(|w| speech.is_determiner(w)) {
            rest = &rest[1..];
        }
        opened && rest.is_empty() && !gap.contains(['.', ';', ':'])
    };
    let (mut lo, mut hi) = (at, at);
    while lo > 0 && joins(mentions[lo - 1].end, mentions[lo].start) {
        lo -= 1;
    }
    while hi + 1 < mentions.len() && joins(mentions[hi].end, mentions[hi + 1].start) {
        hi += 1;
    }
    let mut ids: Vec<String> = mentions[lo..=hi]
        .iter()
        .map(|m| g.actors[m.actor].id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids.join("+")
}

/// How many bytes after a place a longer name holding it may run ("New
/// York" in "New York Times").
const NAME_TAIL: usize = 30;

/// How many bytes before a place its `based` words may take ("-based in").
const BASED_TAIL: usize = 40;

/// Whether a folded text ends, but for one word, with one of the language's
/// `based` words: "the Taliban spokesman based in" Qatar is where someone
/// sits, not where figures are.
fn based_at(head: &str, speech: &crate::lang::Speech) -> bool {
    let before = head.split_whitespace().next_back();
    let rest = head[..head.len() - before.map_or(0, str::len)].trim_end();
    speech
        .based
        .iter()
        .any(|b| head.ends_with(b.as_str()) || rest.ends_with(b.as_str()))
}

/// How often a text names each actor `keep` accepts: (actor index,
/// mentions, where the last one starts), in the order first named.
pub(super) fn tally(
    text: &str,
    original: Option<&str>,
    lang_code: &str,
    rules: &RuleSet,
    keep: impl Fn(&crate::actors::Actor) -> bool,
) -> Vec<(usize, usize, usize)> {
    let g = &rules.gazetteer;
    let mentions = g.mentions(text, original, lang_code);
    count(mentions.iter().filter(|m| keep(&g.actors[m.actor])))
}

/// (actor index, mentions, where the last one starts) of `mentions`, in the
/// order first named.
fn count<'a>(
    mentions: impl Iterator<Item = &'a crate::actors::Mention>,
) -> Vec<(usize, usize, usize)> {
    let mut counts: Vec<(usize, usize, usize)> = Vec::new();
    for m in mentions {
        match counts.iter_mut().find(|(a, _, _)| *a == m.actor) {
            Some((_, n, at)) => (*n, *at) = (*n + 1, m.start),
            None => counts.push((m.actor, 1, m.start)),
        }
    }
    counts
}

/// The countries a folded text names, most named first (the first named
/// among equals): of a document, the first is the one it is about, whose an
/// unnamed institution with no speaker before it is ("le ministère de la
/// Santé a indiqué"). `original` is the same text as written, for the
/// names read in one case only and the towns and regions.
pub fn countries_in(folded: &str, original: &str, lang_code: &str, rules: &RuleSet) -> Vec<String> {
    ranked_countries(folded, original, lang_code, rules).0
}

/// The countries of a document for an institution it does not name the
/// country of ("the Prosecutor General's Office", « les secours »): those of
/// [`countries_in`], with first the country whose towns and regions it names
/// most, at least twice; the country struck, whose offices count the dead,
/// while copy names the striker as often ("a Russian missile hit Sumy").
pub fn home_countries(
    folded: &str,
    original: &str,
    lang_code: &str,
    rules: &RuleSet,
) -> Vec<String> {
    let (mut out, placed, counts) = ranked_countries(folded, original, lang_code, rules);
    // A country named a third as often as the first is a third party's
    // ("selon l'Institut américain de géophysique" in a report on Morocco).
    let most = counts.first().copied().unwrap_or(0);
    let mut n = counts.into_iter();
    out.retain(|_| n.next().is_some_and(|c| c * 3 >= most));
    if let Some(k) = placed.and_then(|p| out.iter().position(|c| *c == p)) {
        let c = out.remove(k);
        out.insert(0, c);
    }
    out
}

/// [`countries_in`], the country whose towns and regions the text names
/// most, at least twice (the first named among equals), and how often each
/// is named, from one reading of its places.
fn ranked_countries(
    folded: &str,
    original: &str,
    lang_code: &str,
    rules: &RuleSet,
) -> (Vec<String>, Option<String>, Vec<usize>) {
    let country = crate::actors::Actor::is_country;
    let g = &rules.gazetteer;
    let mentions = g.mentions(folded, Some(original), lang_code);
    // Whoever the text names only as doing harm ("Russian shelling", « les
    // terroristes russes ») is not where the article's offices are.
    let speech = rules.packs.speech();
    let countries: Vec<&crate::actors::Mention> = mentions
        .iter()
        .filter(|m| {
            country(&g.actors[m.actor]) && !super::parties::names_an_agent(folded, m, speech)
        })
        .collect();
    let mut counts = count(countries.iter().copied());
    // Towns and regions count for their country ("in Kerala", "the Kherson
    // region"), after the countries named.
    let mut placed: Vec<(usize, usize)> = Vec::new();
    // A town counts for its country when the text names that country too,
    // or names no country by its name: "the Noto peninsula" in a report that
    // names only Japan is no Italian town, while Kostiantynivka stays in
    // Ukraine in a report that says only "Russian shelling".
    let named: Vec<usize> = countries
        .iter()
        .filter(|m| !m.adjective)
        .map(|m| m.actor)
        .collect();
    for m in g.places_in(original, place_words(rules.packs.speech())) {
        if !country(&g.actors[m.actor]) || !(named.is_empty() || named.contains(&m.actor)) {
            continue;
        }
        match counts.iter_mut().find(|(a, _, _)| *a == m.actor) {
            Some((_, n, _)) => *n += 1,
            None => counts.push((m.actor, 1, usize::MAX)),
        }
        match placed.iter_mut().find(|(a, _)| *a == m.actor) {
            Some((_, n)) => *n += 1,
            None => placed.push((m.actor, 1)),
        }
    }
    let top = placed
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n >= 2)
        .map(|&(a, _)| g.actors[a].id.clone());
    // A stable sort keeps the first named first among equals, but for a
    // country named only by its adjective ("le mal russe"), after one
    // named by its name or its towns.
    let only_adjective = |a: usize| !named.contains(&a) && !placed.iter().any(|&(p, _)| p == a);
    counts.sort_by_key(|c| (std::cmp::Reverse(c.1), only_adjective(c.0)));
    let ranked = counts
        .iter()
        .map(|&(a, _, _)| g.actors[a].id.clone())
        .collect();
    (ranked, top, counts.iter().map(|c| c.1).collect())
}
