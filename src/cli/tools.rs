//! The commands that do not read articles: rule files and figures.

use super::args::{QuantitiesArgs, RuleArgs, SchemaKind};
use crate::done;
use crosscheck::error::Error;
use crosscheck::report;
use crosscheck::rules::{RuleSet, Selection};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn rules_test(
    dirs: Vec<PathBuf>,
    filter: Option<String>,
    no_default_rules: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let rules = RuleArgs {
        rules: dirs.clone(),
        no_default_rules,
        no_default_actors: false,
        keep_indefinite: false,
    }
    .load()?;
    let prefixes: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let summary = crosscheck::rule_examples::summarize(&rules, &prefixes, filter.as_deref());
    report::rules::write_rule_test(&summary, out)?;
    out.flush()?;
    Ok(if summary.failed_examples > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn rules_lint(
    dirs: Vec<PathBuf>,
    no_default_rules: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let selection = RuleArgs {
        rules: dirs,
        no_default_rules,
        no_default_actors: false,
        keep_indefinite: false,
    }
    .selection();
    let errors = match RuleSet::check(&selection)? {
        Err(errors) => errors,
        Ok(set) => {
            for note in &set.replaced {
                writeln!(out, "note: {note}")?;
            }
            writeln!(out, "ok: {}", report::rules::rule_counts(&set))?;
            return done(out);
        }
    };
    out.flush()?;
    for e in &errors {
        eprintln!("{e}");
    }
    eprintln!("crosscheck: {} rule file(s) refused", errors.len());
    Ok(ExitCode::from(2))
}

pub fn rules_schema(which: SchemaKind, out: &mut impl Write) -> Result<ExitCode, Error> {
    let which = match which {
        SchemaKind::Rules => crosscheck::rules::SchemaFor::Rules,
        SchemaKind::Actors => crosscheck::rules::SchemaFor::Actors,
        SchemaKind::Reconcile => crosscheck::rules::SchemaFor::Reconcile,
    };
    serde_json::to_writer_pretty(&mut *out, &crosscheck::rules::schema(which))
        .map_err(io::Error::other)?;
    writeln!(out)?;
    done(out)
}

pub fn quantities(args: QuantitiesArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let date = match &args.date {
        Some(d) => Some(
            crosscheck::corpus::parse_date(d).map_err(|e| Error::Usage(format!("--date: {e}")))?,
        ),
        None => None,
    };
    let loaded = match args.rules.is_empty() {
        true => None,
        false => Some(RuleSet::load(&Selection {
            defaults: true,
            default_actors: true,
            dirs: args.rules.clone(),
        })?),
    };
    let packs = match &loaded {
        Some(r) => &r.packs,
        None => crosscheck::lang::Languages::builtin(),
    };
    let pack = packs.get(&args.lang);
    let print = |text: &str, out: &mut dyn Write| -> io::Result<()> {
        let found = crosscheck::quantity::scan(text, pack, date);
        serde_json::to_writer(&mut *out, &found).map_err(io::Error::other)?;
        writeln!(out)
    };
    match &args.text {
        Some(t) => print(t, out)?,
        None => {
            for line in io::stdin().lock().lines() {
                let line = line.map_err(|e| Error::Usage(format!("standard input: {e}")))?;
                print(&line, out)?;
            }
        }
    }
    done(out)
}
