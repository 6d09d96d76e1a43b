//! Placeholders in rule patterns: the engine's own (`{quantity}`,
//! `{duration}`, `{actor}`, `{side}`, `{speaker}`) and users' macros,
//! expanded before a pattern is compiled; errors point at the pattern.

use super::*;
use crate::quantity::{self, tokens};
use crate::text::fold::fold_pattern;
use regex::bytes::RegexBuilder;
use serde_saphyr::Spanned;

/// Macros by language, then by name.
pub(super) type LangMacros = HashMap<String, HashMap<String, String>>;

/// The shared macros of each language (from files with only `lang` and
/// `macros`), and a note for each a later file replaced.
pub(super) fn collect_macros(
    files: &[(String, RuleFileSpec)],
) -> Result<(LangMacros, Vec<String>)> {
    let mut out: HashMap<String, HashMap<String, (String, String)>> = HashMap::new();
    let mut notes = Vec::new();
    for (path, file) in files {
        let lang = file.lang.value.trim().to_ascii_lowercase();
        let shared = file.rules.is_empty() && file.speakers.is_empty() && file.events.is_empty();
        for (name, value) in &file.macros {
            if !is_identifier(name) || BUILTINS.contains(&name.as_str()) {
                return Err(at(
                    path,
                    value,
                    format!(
                        "macro name '{name}' must be a lowercase identifier and not one of {BUILTINS:?}"
                    ),
                ));
            }
            if !shared {
                continue;
            }
            // A later file's macro replaces an earlier one (a user's grammar
            // over the built-in one).
            let slot = out.entry(lang.clone()).or_default();
            if let Some((_, from)) = slot.insert(name.clone(), (value.value.clone(), path.clone()))
            {
                notes.push(format!(
                    "{from}: macro '{name}' ({lang}) is replaced by the one in {path}"
                ));
            }
        }
    }
    let macros = out
        .into_iter()
        .map(|(lang, m)| (lang, m.into_iter().map(|(k, (v, _))| (k, v)).collect()))
        .collect();
    Ok((macros, notes))
}

/// The shared people nouns of each language ([`RuleFileSpec::people`]); a
/// later file's entry replaces an earlier one's.
pub(super) fn collect_people(files: &[(String, RuleFileSpec)]) -> LangPeople {
    let mut out = LangPeople::new();
    for (_, file) in files {
        if file.rules.is_empty() && file.speakers.is_empty() && file.events.is_empty() {
            let lang = file.lang.value.trim().to_ascii_lowercase();
            let slot = out.entry(lang).or_default();
            for (noun, scope) in &file.people {
                slot.insert(noun.clone(), scope.clone());
            }
        }
    }
    out
}

/// People nouns by language, then noun.
pub(super) type LangPeople = HashMap<String, BTreeMap<String, Option<String>>>;

/// Placeholders the engine provides.
pub const BUILTINS: &[&str] = &[
    "quantity", "duration", "figure", "period", "actor", "other", "side", "speaker",
];

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[derive(Clone, Copy)]
pub(super) struct Expander<'a> {
    pub(super) pack: &'a crate::lang::LangPack,
    pub(super) macros: &'a HashMap<String, String>,
    pub(super) actors: &'a str,
    /// The adjectives of the gazetteer ("azerbaijani"): the `{side}` alternation.
    pub(super) sides: &'a str,
    /// Claim rules see each figure as one token byte (see [`crate::quantity::tokens`]);
    /// cues and event markers read the folded text itself.
    pub(super) figure_tokens: bool,
}

impl Expander<'_> {
    /// The language's qualifier words ("au moins", "more than"), optional,
    /// as they stand before a figure token.
    fn qualifier_before(&self) -> String {
        let qb = quantity::qualifier_pattern(self.pack);
        if qb.is_empty() {
            String::new()
        } else {
            format!("(?:{qb})?")
        }
    }

    /// Expands `{placeholder}`s; `{2,3}`-style repetitions are left alone.
    pub(super) fn expand(
        &self,
        path: &str,
        pattern: &Spanned<String>,
        ctx: &str,
    ) -> Result<String> {
        let folded = fold_pattern(&pattern.value);
        let out = self.expand_str(path, pattern, ctx, &folded, 0)?;
        if out.len() > MAX_PATTERN_BYTES {
            return Err(at(
                path,
                pattern,
                format!(
                    "{ctx}: pattern is {} bytes once expanded, over the {MAX_PATTERN_BYTES} byte limit",
                    out.len()
                ),
            ));
        }
        Ok(out)
    }

    fn expand_str(
        &self,
        path: &str,
        pattern: &Spanned<String>,
        ctx: &str,
        text: &str,
        depth: usize,
    ) -> Result<String> {
        if depth > 8 {
            return Err(at(
                path,
                pattern,
                format!("{ctx}: macros nest more than 8 deep (a macro that uses itself?)"),
            ));
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let escaped = open > 0 && rest.as_bytes()[open - 1] == b'\\';
            let close = rest[open..].find('}').map(|c| open + c);
            let name = close.map(|c| &rest[open + 1..c]).unwrap_or("");
            if escaped
                || close.is_none()
                || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            }
            let close = close.unwrap_or(open);
            out.push_str(&rest[..open]);
            let mut skip = 0;
            let piece = match name {
                // Any figure, not captured: the members of a list before
                // the claim's own `{quantity}` ("242 dead: 209 soldiers, 14
                // civilians"), which extraction reads from a `list` group.
                "figure" if self.figure_tokens => {
                    format!(r"(?:{}\x{:02x})", self.qualifier_before(), tokens::QUANTITY)
                }
                "figure" => format!("(?:{})", quantity::quantity_pattern(self.pack)),
                // Any time span, not captured: what a figure counts since
                // or over ("killed 1,100 since mid-June").
                "period" if self.figure_tokens => format!(r"(?:\x{:02x})", tokens::DURATION),
                "period" => format!("(?:{})", quantity::duration_pattern(self.pack)),
                "quantity" | "duration" if self.figure_tokens => {
                    // A figure is a whole token: a `\b` beside it would ask
                    // for a letter next to the token byte, so it is dropped.
                    if out.ends_with(r"\b") && !out.ends_with(r"\\b") {
                        out.truncate(out.len() - 2);
                    }
                    if rest[close + 1..].starts_with(r"\b") {
                        skip = 2;
                    }
                    if name == "quantity" {
                        // The qualifier words stay visible before the token.
                        format!(
                            r"(?P<quantity>{}\x{:02x}){}",
                            self.qualifier_before(),
                            tokens::QUANTITY,
                            quantity::quantity_linker(self.pack)
                        )
                    } else {
                        format!(r"(?P<duration>\x{:02x})", tokens::DURATION)
                    }
                }
                "quantity" => format!("(?P<quantity>{})", quantity::quantity_pattern(self.pack)),
                "duration" => format!("(?P<duration>{})", quantity::duration_pattern(self.pack)),
                // An elided article may stand before a name ("de l'Azerbaïdjan");
                // the language's `actor_part` before it ("the Afghan branch
                // of" ISIS) and `actor_aside` after it ("(TPLF)", ", also
                // known as TTP,") keep the name the actor. `other` is the
                // second actor of a rule that names two ("X and Y blamed
                // each other").
                "actor" | "other" => {
                    // The aside may come twice: "Jamaat-ul-Ahrar (JuA), a
                    // splinter faction of the TTP,".
                    let optional = |m: &str, most: usize| -> Result<String> {
                        Ok(match self.macros.get(m) {
                            Some(m) => format!(
                                "(?:{}){{0,{most}}}",
                                self.expand_str(path, pattern, ctx, &fold_pattern(m), depth + 1)?
                            ),
                            None => String::new(),
                        })
                    };
                    format!(
                        r"{}(?:l'|d')?(?P<{name}>{}){}",
                        optional("actor_part", 1)?,
                        self.actors,
                        optional("actor_aside", 2)?
                    )
                }
                "side" => format!(r"(?P<side>\b(?:{})\b)", self.sides),
                // Words may hold dots ("u.n.", "m. dupont"); a short
                // parenthesis may follow one ("the un refugee agency (unhcr)"). A word
                // opens on a letter, a digit or an apostrophe: a dash is no word
                // ("istanbul (aa) - ukraine said": the dateline is not the speaker).
                "speaker" => r#"(?P<speaker>[a-z0-9'][a-z0-9'-]*(?:\.[a-z0-9'-]+)*\.?(?: (?:[a-z0-9'][a-z0-9'-]*(?:\.[a-z0-9'-]+)*\.?|\([a-z0-9'. -]{1,40}\))){0,13})"#.to_string(),
                other => match self.macros.get(other) {
                    Some(m) => {
                        let inner =
                            self.expand_str(path, pattern, ctx, &fold_pattern(m), depth + 1)?;
                        format!("(?:{inner})")
                    }
                    None => {
                        let mut known: Vec<&str> = BUILTINS.to_vec();
                        known.extend(self.macros.keys().map(String::as_str));
                        let hint = known
                            .iter()
                            .map(|k| (strsim::damerau_levenshtein(k, other), *k))
                            .filter(|(d, _)| *d <= 3)
                            .min()
                            .map(|(_, k)| format!("; did you mean {{{k}}}?"))
                            .unwrap_or_else(|| {
                                format!(
                                    "; known placeholders: {}",
                                    known
                                        .iter()
                                        .map(|k| format!("{{{k}}}"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            });
                        return Err(at(
                            path,
                            pattern,
                            format!("{ctx}: unknown placeholder {{{other}}}{hint}"),
                        ));
                    }
                },
            };
            out.push_str(&piece);
            rest = &rest[close + 1 + skip..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// A rule's pattern compiled as every pattern is: bytes, no Unicode
/// classes, case folding only when the pattern spells a capital.
pub(super) fn compile_pattern(
    source: &str,
) -> std::result::Result<regex::bytes::Regex, regex::Error> {
    // Patterns match a folded sentence, which holds no capital letter, so a
    // pattern that spells none needs no case folding: its name lists stay
    // literals the compiler shares as a trie, where the case-insensitive
    // form made every letter a class (half the start-up).
    RegexBuilder::new(source)
        .unicode(false)
        .case_insensitive(spells_capital(source))
        .size_limit(16 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

pub(super) fn build_regex(
    path: &str,
    pattern: &Spanned<String>,
    ctx: &str,
    source: &str,
) -> Result<Regex> {
    crate::work::pattern_compiled();
    let regex = compile_pattern(source).map_err(|e| {
        let detail = match &e {
            regex::Error::Syntax(s) => s
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .unwrap_or(s)
                .trim_start_matches("error: ")
                .to_string(),
            regex::Error::CompiledTooBig(n) => {
                format!("compiles to more than {n} bytes; make it smaller")
            }
            other => other.to_string(),
        };
        at(
            path,
            pattern,
            format!("{ctx}: pattern does not compile: {detail}"),
        )
    })?;
    if regex.is_match(b"") {
        return Err(at(
            path,
            pattern,
            format!("{ctx}: pattern matches the empty string; it must require some text"),
        ));
    }
    Ok(regex)
}

/// Whether a pattern spells an ASCII capital letter outside its escapes
/// (`\B`, `\D`, `\x41`, `\x{41}`) and group headers (`(?P<Name>`, `(?U:`),
/// so that it needs case folding to match lower-case text.
fn spells_capital(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let escaped = bytes.get(i + 1).copied();
                i += 2;
                if bytes.get(i) == Some(&b'{') {
                    // `\x{...}`, `\p{...}`: up to the closing brace.
                    while i < bytes.len() && bytes[i] != b'}' {
                        i += 1;
                    }
                    i += 1;
                } else if escaped == Some(b'x') {
                    i += 2;
                }
            }
            b'(' if bytes.get(i + 1) == Some(&b'?') => {
                while i < bytes.len() && !matches!(bytes[i], b':' | b')' | b'>') {
                    i += 1;
                }
            }
            b if b.is_ascii_uppercase() => return true,
            _ => i += 1,
        }
    }
    false
}

pub(super) fn at<T>(path: &str, spanned: &Spanned<T>, message: String) -> Error {
    Error::rules(
        path,
        spanned.referenced.line(),
        spanned.referenced.column(),
        message,
    )
}

/// Whether a pattern reads `{people_scope}`, itself or through one of its
/// file's macros.
pub(super) fn reads_people(pattern: &str, file_macros: &[&str]) -> bool {
    pattern.contains("{people_scope}")
        || file_macros
            .iter()
            .any(|m| pattern.contains(&format!("{{{m}}}")))
}

/// The language's people nouns under a rule's own scope nouns.
pub(super) fn add_people(
    scope_map: &mut BTreeMap<String, Option<String>>,
    people: Option<&BTreeMap<String, Option<String>>>,
) {
    for (noun, scope) in people.into_iter().flatten() {
        scope_map
            .entry(noun.clone())
            .or_insert_with(|| scope.clone());
    }
}

/// A rule that reads `{people_scope}` (in its pattern or its file's
/// macros), with the language's people nouns under its own scope nouns
/// ("including five journalists"), and the `{people_scope}` group of all of
/// them, longest first.
pub(super) fn with_people(
    spec: &super::spec::RuleSpec,
    people: Option<&BTreeMap<String, Option<String>>>,
    lang_macros: &HashMap<String, String>,
) -> (super::spec::RuleSpec, String) {
    let mut spec = spec.clone();
    add_people(&mut spec.scope_map, people);
    let nouns = super::frames::scope_nouns(&spec.scope_map);
    // More nouns joined to the first: « dont 12 femmes et enfants ».
    let group = format!(
        r"(?P<scope>{})\b(?:{})?",
        nouns.join("|"),
        super::frames::also_group(&nouns, lang_macros)
    );
    (spec, group)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(p: &str) -> Spanned<String> {
        serde_saphyr::from_str(&format!("{p:?}")).unwrap()
    }

    #[test]
    fn capitals_outside_escapes_and_group_headers_ask_for_case_folding() {
        for lower in [
            r"au moins \d+ morts",
            r"(?P<Actor>x)\B\D\S\W",
            r"\x41\x{4A}(?U:a+)",
            r"\p{L}",
        ] {
            assert!(!spells_capital(lower), "{lower}");
        }
        for upper in ["Killed", r"\bUN\b", r"[A-Z]", r"\x41B"] {
            assert!(spells_capital(upper), "{upper}");
        }
    }

    #[test]
    fn a_pattern_spelt_in_capitals_still_matches_folded_text() {
        for (p, text) in [
            ("Killed", "were killed"),
            (r"[A-Z]+ said", "ocha said"),
            (r"\bthe UN\b", "according to the un"),
        ] {
            let regex = build_regex("t.yaml", &pattern(p), "rule", p).unwrap();
            assert!(regex.is_match(text.as_bytes()), "{p} on {text}");
        }
        // Without capitals the pattern is case-sensitive, which folded text
        // (all lower case) cannot tell apart.
        let regex = build_regex("t.yaml", &pattern("killed"), "rule", "killed").unwrap();
        assert!(regex.is_match(b"were killed"));
    }
}
