//! Compiling rule files: actors, reconcile settings and claim rules read
//! from their sources, every pattern expanded and built, ids checked unique.

use super::checks;
use super::frames;
use super::placeholders::{
    Expander, LangPeople, add_people, at, build_regex, collect_macros, collect_people,
    reads_people, with_people,
};
use super::sources::{Role, file_role};
use super::*;
use crate::actors::ActorsFile;
use crate::quantity::tokens;
use rayon::prelude::*;
use serde_saphyr::Spanned;

impl RuleSet {
    /// Compiles rule, actors and reconcile files. A later reconcile file
    /// overrides the settings of the kinds it names.
    pub fn from_sources(sources: &[Source]) -> Result<RuleSet> {
        RuleSet::build(sources, false).map_err(|mut errors| errors.swap_remove(0))
    }

    /// Compiles the sources. With `every_file`, a file that cannot be
    /// parsed or compiled is set aside and the others still checked, so
    /// that all the files in error are reported at once; otherwise the
    /// first error ends it. Never empty on error.
    pub(super) fn build(
        sources: &[Source],
        every_file: bool,
    ) -> std::result::Result<RuleSet, Vec<Error>> {
        let mut errors = Vec::new();
        // A file's own error: kept, and the file skipped, or the end.
        macro_rules! file_error {
            ($e:expr) => {{
                errors.push($e);
                if !every_file {
                    return Err(errors);
                }
                continue;
            }};
        }
        let mut actor_files = Vec::new();
        let mut reconcile = ReconcileSpec::default();
        let mut rule_files = Vec::new();
        // The embedded packs always load; users' pack files extend them.
        let mut pack_files: Vec<(&str, &str)> = DEFAULT_FILES
            .iter()
            .filter(|(p, _)| crate::lang::pack_code(p).is_some())
            .copied()
            .collect();
        for src in sources {
            match file_role(&src.path) {
                Role::Lang => {
                    if !pack_files.iter().any(|(p, _)| *p == src.path) {
                        pack_files.push((&src.path, &src.text));
                    }
                }
                Role::Actors => match crate::yaml::parse::<ActorsFile>(&src.path, &src.text) {
                    Ok(f) => actor_files.push((src.path.clone(), f)),
                    Err(e) => file_error!(e),
                },
                Role::Reconcile => {
                    let r = crate::yaml::parse::<ReconcileSpec>(&src.path, &src.text)
                        .and_then(|r| checks::reconcile(&src.path, &src.text).map(|()| r));
                    match r {
                        Ok(r) => {
                            reconcile.window_days = r.window_days;
                            reconcile.keep_indefinite = r.keep_indefinite;
                            reconcile.default = r.default;
                            reconcile.kinds.extend(r.kinds);
                        }
                        Err(e) => file_error!(e),
                    }
                }
                Role::Rules => match crate::yaml::parse::<RuleFileSpec>(&src.path, &src.text) {
                    Ok(f) => rule_files.push((src.path.clone(), f)),
                    Err(e) => file_error!(e),
                },
            }
        }
        // What follows joins the files: its errors end the check.
        macro_rules! joint {
            ($r:expr) => {
                match $r {
                    Ok(v) => v,
                    Err(e) => {
                        errors.push(e);
                        return Err(errors);
                    }
                }
            };
        }
        let gazetteer = joint!(Gazetteer::build(&actor_files));
        let packs = joint!(crate::lang::Languages::load(&pack_files));
        let mut set = RuleSet {
            rules: Vec::new(),
            cues: Vec::new(),
            events: Vec::new(),
            gazetteer,
            reconcile,
            examples: Vec::new(),
            replaced: Vec::new(),
            packs,
            by_lang: HashMap::new(),
        };
        // The built-in files alone: their patterns, which the tests compile,
        // are compiled when first asked for (see `RulePattern`).
        let built_in = sources.len() == DEFAULT_FILES.len()
            && sources
                .iter()
                .zip(DEFAULT_FILES)
                .all(|(s, (path, text))| s.path == *path && s.text == *text);
        let (macros, macro_notes) = joint!(collect_macros(&rule_files));
        set.replaced.extend(macro_notes);
        let people = collect_people(&rule_files);
        // A rule, cue or event whose id a later file gives again is replaced
        // by it: a user edits a copy of the built-in rules, or overrides one.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, (_, file)) in rule_files.iter().enumerate() {
            for id in file_ids(file) {
                last.insert(&id.value, i);
            }
        }
        for (i, (path, file)) in rule_files.iter().enumerate() {
            for id in file_ids(file) {
                let j = last[id.value.as_str()];
                if j != i {
                    set.replaced.push(format!(
                        "{path}:{}:{}: rule '{}' is replaced by the one in {}",
                        id.referenced.line(),
                        id.referenced.column(),
                        id.value,
                        rule_files[j].0
                    ));
                }
            }
        }
        // Files compile on every core (most of the start-up is building
        // patterns); their pieces join in file order, and the first error
        // in that order is the one reported, as if compiled one by one.
        let compiled: Vec<Result<Compiled>> = rule_files
            .par_iter()
            .enumerate()
            .map(|(i, (path, file))| {
                let keep = |id: &str| last.get(id) == Some(&i);
                set.compile_file(path, file, &macros, &people, &keep, built_in)
            })
            .collect();
        for piece in compiled {
            match piece {
                Ok(piece) => {
                    set.rules.extend(piece.rules);
                    set.cues.extend(piece.cues);
                    set.events.extend(piece.events);
                    set.examples.extend(piece.examples);
                }
                Err(e) => {
                    errors.push(e);
                    if !every_file {
                        return Err(errors);
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        joint!(set.index(built_in));
        Ok(set)
    }

    /// Compiles one file's rules, cues and events; `keep` says which ids
    /// no later file replaces.
    fn compile_file(
        &self,
        path: &str,
        file: &RuleFileSpec,
        macros: &HashMap<String, HashMap<String, String>>,
        people: &LangPeople,
        keep: &dyn Fn(&str) -> bool,
        built_in: bool,
    ) -> Result<Compiled> {
        let mut out = Compiled::default();
        let lang = file.lang.value.trim().to_ascii_lowercase();
        if lang.is_empty() || !lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            return Err(at(
                path,
                &file.lang,
                format!(
                    "lang {:?} is not a language code such as fr or en",
                    file.lang.value
                ),
            ));
        }
        checks::lang_has_pack(path, &file.lang, &lang, &self.packs)?;
        if let Some(kind) = &file.kind {
            checks::kind(path, kind)?;
        }
        // Shared macros (from macro-only files) of the language, then the file's own.
        let mut lang_macros = macros.get(&lang).cloned().unwrap_or_default();
        for (name, value) in &file.macros {
            lang_macros.insert(name.clone(), value.value.clone());
        }
        let lang_people = people.get(&lang);
        // The file's macros that read `{people_scope}`.
        let file_macros: Vec<&str> = file
            .macros
            .iter()
            .filter(|(_, v)| v.value.contains("{people_scope}"))
            .map(|(k, _)| k.as_str())
            .collect();
        let expander = Expander {
            pack: self.packs.get(&lang),
            macros: &lang_macros,
            actors: self.gazetteer.bounded_alternation(&lang),
            sides: self.gazetteer.side_alternation(&lang),
            figure_tokens: true,
        };
        let text_expander = Expander {
            figure_tokens: false,
            ..expander
        };
        let runs = self.gazetteer.runs(&lang);
        // Ids are unique within a file; across files a later one replaces.
        let mut ids: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut check_id = |id: &Spanned<String>| -> Result<bool> {
            checks::id(path, id)?;
            if !ids.insert(id.value.clone()) {
                return Err(at(
                    path,
                    id,
                    format!(
                        "rule id '{}' is used twice in this file; ids must be unique",
                        id.value
                    ),
                ));
            }
            Ok(keep(&id.value))
        };
        let has_rules = !file.rules.is_empty() || !file.frames.is_empty();
        if has_rules && (file.kind.is_none() || file.unit.is_none()) {
            return Err(Error::rules(
                path,
                1,
                1,
                "a file with rules needs `kind:` and `unit:` (for example kind: death_toll, unit: persons)",
            ));
        }
        // Ids are checked in file order; the patterns then compile on every
        // core (a file of patterns naming every actor of the world is most
        // of the start-up), and the first error in file order is reported.
        let mut jobs: Vec<Result<Job>> = Vec::new();
        for (id, job) in file
            .rules
            .iter()
            .map(|r| (&r.id, Job::Rule(r)))
            .chain(file.frames.iter().map(|f| (&f.id, Job::Frame(f))))
        {
            match check_id(id) {
                Ok(true) => jobs.push(Ok(job)),
                Ok(false) => {}
                Err(e) => {
                    jobs.push(Err(e));
                    break;
                }
            }
        }
        let compiled: Vec<Result<Rule>> = jobs
            .into_par_iter()
            .map(|job| match job? {
                // `{people_scope}` (in its pattern or the file's macros): the
                // rule's scope nouns and the language's people nouns under
                // them ("including five journalists"), longest first.
                Job::Rule(spec) if reads_people(&spec.pattern.value, &file_macros) => {
                    let (spec, people_scope) = with_people(spec, lang_people, &lang_macros);
                    let mut macros = lang_macros.clone();
                    macros.insert("people_scope".into(), people_scope);
                    let rule_expander = Expander {
                        macros: &macros,
                        ..expander
                    };
                    compile_rule(path, file, &lang, &spec, &rule_expander, runs, built_in)
                }
                Job::Rule(spec) => compile_rule(path, file, &lang, spec, &expander, runs, built_in),
                Job::Frame(frame) => {
                    // The language's people nouns under the frame's own.
                    let mut scope_map = frame.scope_map.clone();
                    if frame.people && !scope_map.is_empty() && frame.measure == Measure::Quantity {
                        add_people(&mut scope_map, lang_people);
                    }
                    let frame_macros = frames::macros(&scope_map, &lang_macros);
                    let spec = RuleSpec {
                        id: frame.id.clone(),
                        description: frame.description.clone(),
                        pattern: frames::pattern(
                            frame,
                            frame_macros.contains_key("figure_preposition"),
                        ),
                        scope: frame.scope.clone(),
                        scope_map,
                        accused: frame.accused,
                        inherit: false,
                        requires_speaker: frame.requires_speaker,
                        part: frame.part,
                        subject_speaks: frame.subject_speaks,
                        refuse: frame.refuse.clone(),
                        refuse_after: frame.refuse_after.clone(),
                        needs_scope: frame.needs_scope,
                    };
                    let frame_expander = Expander {
                        macros: &frame_macros,
                        ..expander
                    };
                    compile_rule(path, file, &lang, &spec, &frame_expander, runs, built_in)
                }
            })
            .collect();
        for rule in compiled {
            out.rules.push(rule?);
        }
        // Cues and event markers read the folded text; each needs a capture
        // (or, for an event, an `event:` name) to say what it found.
        let text_regex = |what: &str,
                          id: &Spanned<String>,
                          pattern: &Spanned<String>,
                          needs: Option<(&str, &str)>|
         -> Result<Regex> {
            let ctx = format!("{what} '{}'", id.value);
            let source = text_expander.expand(path, pattern, &ctx)?;
            let regex = build_regex(path, pattern, &ctx, &source)?;
            match needs {
                Some((capture, hint)) if !regex.capture_names().flatten().any(|n| n == capture) => {
                    Err(at(path, pattern, format!("{ctx}: {hint}")))
                }
                _ => Ok(regex),
            }
        };
        for cue in &file.speakers {
            if !check_id(&cue.id)? {
                continue;
            }
            let needs = ("speaker", "a speaker cue needs {speaker} in its pattern");
            out.cues.push(Cue {
                id: cue.id.value.clone(),
                lang: lang.clone(),
                regex: text_regex("speaker cue", &cue.id, &cue.pattern, Some(needs))?,
                applies: cue.applies,
                names_actor: cue.names_actor,
            });
        }
        for ev in &file.events {
            if !check_id(&ev.id)? {
                continue;
            }
            let regex = text_regex("event", &ev.id, &ev.pattern, None)?;
            let names: Vec<&str> = regex.capture_names().flatten().collect();
            let dated = names.contains(&"year")
                || names.contains(&"decade")
                || names.contains(&"name")
                || (names.contains(&"day") && names.contains(&"month"));
            let named = names.contains(&"name");
            if ev.event.is_none() && !dated {
                return Err(at(
                    path,
                    &ev.pattern,
                    format!(
                        "event '{}': capture (?P<year>...), (?P<decade>...) or (?P<name>...), or (?P<day>...) and (?P<month>...), or give `event:`",
                        ev.id.value
                    ),
                ));
            }
            out.events.push(EventCue {
                id: ev.id.value.clone(),
                lang: lang.clone(),
                regex,
                event: ev.event.clone(),
                kinds: ev.kinds.clone(),
                recalled: ev.recalled,
                named,
            });
        }
        // A file whose rules all inherit their kind tests the claims of every kind.
        let inherit_only = !file.rules.is_empty() && file.rules.iter().all(|r| r.inherit);
        let file_kind = file
            .kind
            .as_ref()
            .map(|k| k.value.as_str())
            .filter(|_| !inherit_only);
        for ex in &file.examples {
            for c in &ex.claims {
                let bad = match (&c.kind, file_kind) {
                    (Some(k), Some(fk)) if k != fk => Some(format!(
                        "example expects kind '{k}' but this file defines '{fk}'; examples test the file's own kind"
                    )),
                    _ => None,
                }
                .or_else(|| match (&c.unit, &file.unit) {
                    (Some(u), Some(fu)) if u != fu => Some(format!(
                        "example expects unit '{u}' but this file's unit is '{fu}'"
                    )),
                    _ => None,
                });
                if let Some(message) = bad {
                    return Err(at(path, &ex.text, message));
                }
            }
        }
        if !file.examples.is_empty() {
            out.examples.push(FileExamples {
                file: path.to_string(),
                lang: lang.clone(),
                kind: file_kind.map(String::from),
                examples: file
                    .examples
                    .iter()
                    .map(|e| Example {
                        line: e.text.referenced.line(),
                        text: e.text.value.clone(),
                        date: e.date.clone(),
                        claims: e.claims.clone(),
                    })
                    .collect(),
            });
        }
        Ok(out)
    }
}

/// A claim rule to compile: written, or built from a frame.
enum Job<'a> {
    Rule(&'a RuleSpec),
    Frame(&'a FrameSpec),
}

/// One file's compiled pieces.
#[derive(Default)]
struct Compiled {
    rules: Vec<Rule>,
    cues: Vec<Cue>,
    events: Vec<EventCue>,
    examples: Vec<FileExamples>,
}

/// Compiles one claim rule (written, or built from a frame) of `file`.
fn compile_rule(
    path: &str,
    file: &RuleFileSpec,
    lang: &str,
    spec: &RuleSpec,
    expander: &Expander,
    (actor_run, side_run): (&str, &str),
    built_in: bool,
) -> Result<Rule> {
    let kind = file
        .kind
        .as_ref()
        .map(|k| k.value.clone())
        .unwrap_or_default();
    let rule_ctx = format!("rule '{}'", spec.id.value);
    let source = expander.expand(path, &spec.pattern, &rule_ctx)?;
    // The widened form only adds token bytes to classes that take
    // digits; when it does not compile, the pattern as written is
    // compiled for the error, which then names what the author wrote.
    let widened = widen(path, spec, &rule_ctx, expander, &source);
    // The prefilter's form, from the pattern with each list of names as the
    // run of its bytes: the same form `set_form` would make of the whole
    // pattern, without parsing every name of the world once more.
    let runs = Expander {
        actors: actor_run,
        sides: side_run,
        ..*expander
    };
    let short = runs.expand(path, &spec.pattern, &rule_ctx)?;
    let pattern = match (built_in, widened) {
        // Its groups are the short form's: the lists of names hold none.
        (true, Some(widened)) => RulePattern::deferred(widened, super::set::capture_names(&short)),
        (_, widened) => RulePattern::compiled(
            match widened.and_then(|w| build_regex(path, &spec.pattern, &rule_ctx, &w).ok()) {
                Some(regex) => regex,
                None => build_regex(path, &spec.pattern, &rule_ctx, &source)?,
            },
        ),
    };
    let set_source = super::set::set_form(&tokens::digits_match_figures(&short).unwrap_or(short));
    let refusal = |pattern: &Option<Spanned<String>>, field: &str, anchored: bool| {
        pattern
            .as_ref()
            .map(|p| {
                let ctx = format!("{rule_ctx}: {field}");
                let source = expander.expand(path, p, &ctx)?;
                let source = if anchored {
                    format!("^(?:{source})")
                } else {
                    source
                };
                build_regex(path, p, &ctx, &source)
            })
            .transpose()
    };
    let refuse = refusal(&spec.refuse, "refuse", false)?;
    let refuse_after = refusal(&spec.refuse_after, "refuse_after", true)?;
    let names: Vec<&str> = pattern.capture_names().collect();
    let unit = file.unit.clone().unwrap_or_default();
    if unit == "actor" {
        if spec.accused.is_none() && !names.contains(&"actor") {
            return Err(at(
                path,
                &spec.pattern,
                format!(
                    "{rule_ctx}: an actor-valued rule needs {{actor}} in its pattern or `accused: speaker_opponent`"
                ),
            ));
        }
    } else if !names.contains(&"quantity") && !names.contains(&"duration") {
        return Err(at(
            path,
            &spec.pattern,
            format!("{rule_ctx}: a figure rule needs {{quantity}} or {{duration}} in its pattern"),
        ));
    }
    Ok(Rule {
        id: spec.id.value.clone(),
        kind,
        lang: lang.to_string(),
        unit,
        description: spec
            .description
            .clone()
            .or_else(|| file.description.clone())
            .unwrap_or_default(),
        file: path.to_string(),
        pattern,
        set_source,
        scope: spec.scope.clone(),
        scope_map: spec
            .scope_map
            .iter()
            .map(|(k, v)| (crate::text::fold::fold_str(k), v.clone()))
            .collect(),
        accused: spec.accused,
        inherit: spec.inherit,
        requires_speaker: spec.requires_speaker,
        part: spec.part,
        subject_speaks: spec.subject_speaks,
        refuse,
        refuse_after,
        needs_scope: spec.needs_scope,
    })
}

/// A rule's pattern with its classes that take digits widened to the figure
/// tokens ([`tokens::digits_match_figures`]). The names of `{actor}` and
/// `{side}` are literals no widening touches, and most of the pattern's
/// bytes: the pattern is widened with a stand-in word for each list, which
/// then gives way to the list, instead of parsing every name of the world.
/// `None` when the pattern does not parse; the full form (`source`, as
/// `expander` expands it) is parsed when a stand-in does not come back as
/// written.
fn widen(
    path: &str,
    spec: &RuleSpec,
    ctx: &str,
    expander: &Expander,
    source: &str,
) -> Option<String> {
    const ACTORS: &str = "zqxactorszqx";
    const SIDES: &str = "zqxsideszqx";
    let stand_in = Expander {
        actors: ACTORS,
        sides: SIDES,
        ..*expander
    };
    let short = stand_in.expand(path, &spec.pattern, ctx).ok()?;
    let wide = tokens::digits_match_figures(&short)?;
    let kept = |w: &str| wide.matches(w).count() == short.matches(w).count();
    if !kept(ACTORS) || !kept(SIDES) {
        return tokens::digits_match_figures(source);
    }
    Some(
        wide.replace(ACTORS, &format!("(?:{})", expander.actors))
            .replace(SIDES, &format!("(?:{})", expander.sides)),
    )
}

/// The ids a rule file defines: its rules, frames, speaker cues and events.
fn file_ids(file: &RuleFileSpec) -> impl Iterator<Item = &Spanned<String>> {
    file.rules
        .iter()
        .map(|r| &r.id)
        .chain(file.frames.iter().map(|f| &f.id))
        .chain(file.speakers.iter().map(|c| &c.id))
        .chain(file.events.iter().map(|e| &e.id))
}
