//! The command line: parse arguments, call the library, print, exit.
//! Exit codes: 0 success, 1 when `--fail-on` (or a failing rule example)
//! finds what it names, 2 for bad usage or input.

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::error::Error;
use crosscheck::pipeline::{Event, ShardLine};
use crosscheck::reconcile::Verdict;
use crosscheck::report::{self, Format};
use crosscheck::rules::{RuleSet, Selection};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Cross-checks attributed claims across news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims, group them across sources and print the consistency report.
    Report(ReportArgs),
    /// Extract claims, one JSON object per line.
    Extract(ExtractArgs),
    /// Build the report from claims extracted elsewhere (`extract --format shard`).
    Reconcile(ReconcileArgs),
    /// Work with rule files: run their examples, list them.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print the numbers, ranges and durations recognised in a text, as JSON.
    Quantities(QuantitiesArgs),
}

#[derive(Args)]
struct RuleArgs {
    /// A folder (or file) of rule YAML files to add; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Leave the built-in rules out (only --rules folders are used).
    #[arg(long)]
    no_default_rules: bool,
}

impl RuleArgs {
    fn load(&self) -> Result<RuleSet, Error> {
        if self.no_default_rules && self.rules.is_empty() {
            return Err(Error::Usage(
                "--no-default-rules leaves no rules: add --rules DIR".into(),
            ));
        }
        RuleSet::load(&Selection {
            defaults: !self.no_default_rules,
            dirs: self.rules.clone(),
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    Contradiction,
    Divergent,
}

#[derive(Args)]
struct ReportArgs {
    /// Article files or folders (.txt and .md, recursively).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Exit 1 when a group has this verdict; repeatable.
    #[arg(long = "fail-on", value_enum)]
    fail_on: Vec<FailOn>,
    /// Table width in columns (default: the terminal's, or 120 when not a terminal).
    #[arg(long)]
    width: Option<u16>,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Compare with a stored JSON report and print what changed; exit 1 on a difference.
    #[arg(long, value_name = "REPORT.json")]
    expect: Option<PathBuf>,
    /// With --expect: write the new report to the file instead of comparing.
    #[arg(long, requires = "expect")]
    update: bool,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// One claim per line.
    Jsonl,
    /// One JSON array of claims.
    Json,
    /// Claims plus `{"document": …}` and `{"skipped": …}` lines: what `reconcile` reads.
    Shard,
}

#[derive(Args)]
struct ReconcileArgs {
    /// Shard files written by `extract --format shard` (or claim JSON Lines).
    #[arg(required = true, value_name = "SHARD.jsonl")]
    shards: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    #[arg(long)]
    width: Option<u16>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args)]
struct ExtractArgs {
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExtractFormat,
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Run the examples of rule files (the defaults, or the folders given).
    Test {
        /// Rule folders whose examples to run (default: the built-in rules).
        dirs: Vec<PathBuf>,
        /// Only examples whose file path or expected rule id contains this.
        #[arg(long)]
        filter: Option<String>,
        /// Leave the built-in rules out.
        #[arg(long)]
        no_default_rules: bool,
    },
    /// Check rule folders: every file that cannot be used, with file:line:column.
    Lint {
        /// Rule folders (or files) to check.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Check without the built-in rules.
        #[arg(long)]
        no_default_rules: bool,
    },
    /// Print the JSON Schema of rule files (or of the actors / reconcile file).
    Schema {
        #[arg(long = "for", value_enum, default_value = "rules")]
        which: SchemaKind,
    },
    /// List the loaded rules.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Rules,
    Actors,
    Reconcile,
}

#[derive(Args)]
struct QuantitiesArgs {
    /// Language of the text.
    #[arg(long, default_value = "fr")]
    lang: String,
    /// Publication date durations such as "depuis décembre 2022" count to (YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
    /// A rule folder whose `lang/<code>/` packs add or extend languages; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// The text; without it, each line of standard input gives one JSON array.
    text: Option<String>,
}

/// `report --strict` / `extract --strict`, set once in `main`, read by `stream`.
static STRICT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let strict = || {
        clap::Arg::new("strict")
            .long("strict")
            .action(clap::ArgAction::SetTrue)
            .help("Exit 2 when any input is skipped, naming each one on stderr")
    };
    let matches = Cli::command()
        .mut_subcommand("report", |c| c.arg(strict()))
        .mut_subcommand("extract", |c| c.arg(strict()))
        .get_matches();
    let on = matches
        .subcommand()
        .is_some_and(|(_, m)| matches!(m.try_get_one::<bool>("strict"), Ok(Some(true))));
    STRICT.store(on, std::sync::atomic::Ordering::Relaxed);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = io::stdout().flush();
            eprintln!("crosscheck: {e}");
            ExitCode::from(2)
        }
    }
}

fn set_threads(threads: Option<usize>) -> Result<(), Error> {
    if let Some(n) = threads {
        if n == 0 {
            return Err(Error::Usage("--threads must be at least 1".into()));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| Error::Usage(format!("--threads: {e}")))?;
    }
    Ok(())
}

/// Prints a report in the format asked, the table at the terminal's width
/// (or 120 columns when not a terminal) unless `--width` says otherwise.
fn print_report(
    report: &crosscheck::report::Report,
    format: ReportFormat,
    width: Option<u16>,
    out: &mut impl Write,
) -> Result<(), Error> {
    let format = match format {
        ReportFormat::Table => Format::Table,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Json => Format::Json,
        ReportFormat::Csv => Format::Csv,
    };
    let width = match width {
        Some(w) => Some(w),
        None if io::stdout().is_terminal() => None,
        None => Some(120),
    };
    report::write(report, format, width, out)?;
    out.flush()?;
    Ok(())
}

/// Runs the streaming pipeline with a progress bar on a terminal's stderr.
fn stream(paths: &[PathBuf], rules: &RuleSet, sink: &mut dyn FnMut(Event)) -> Result<(), Error> {
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(crosscheck::pipeline::input_bytes(paths));
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // --strict: each skip named on stderr as it happens; any skip ends the run with exit 2.
    let strict = STRICT.load(std::sync::atomic::Ordering::Relaxed);
    let mut skips = 0usize;
    let mut sink = |event: Event| {
        if strict && let Event::Skipped(s) = &event {
            bar.suspend(|| eprintln!("crosscheck: skipped {}: {}", s.path, s.reason));
            skips += 1;
        }
        sink(event)
    };
    let result =
        crosscheck::pipeline::run(paths, rules, &mut |done| bar.set_position(done), &mut sink);
    bar.finish_and_clear();
    result?;
    if skips > 0 {
        let s = if skips == 1 { "" } else { "s" };
        return Err(Error::Usage(format!("--strict: {skips} input{s} skipped")));
    }
    Ok(())
}

/// Refuses a run that read no article at all, naming the first skip.
fn require_documents(
    paths: &[PathBuf],
    documents: usize,
    skipped: &[crosscheck::corpus::Skipped],
) -> Result<(), Error> {
    if documents == 0 {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut msg = format!(
            "no article (.txt, .md or .jsonl line) could be read in {}",
            shown.join(", ")
        );
        if let Some(s) = skipped.first() {
            msg.push_str(&format!(
                "; {} skipped, first: {}: {}",
                skipped.len(),
                s.path,
                s.reason
            ));
        }
        return Err(Error::Usage(msg));
    }
    Ok(())
}

/// `report --expect FILE [--update]`.
fn expect(
    report: &crosscheck::report::Report,
    path: &PathBuf,
    update: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let shown = path.display().to_string();
    if update {
        let mut buf = Vec::new();
        report::write_json(report, &mut buf)?;
        std::fs::write(path, buf).map_err(|e| Error::Input {
            path: shown.clone(),
            message: format!("cannot be written: {e}"),
        })?;
        writeln!(out, "wrote {shown}")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::Input {
        path: shown.clone(),
        message: format!("cannot be read: {e}; create it with --update"),
    })?;
    let stored: serde_json::Value = serde_json::from_str(&text).map_err(|e| Error::Input {
        path: shown.clone(),
        message: format!(
            "line {} column {}: not a JSON report: {e}",
            e.line(),
            e.column()
        ),
    })?;
    let new = serde_json::to_value(report).map_err(io::Error::other)?;
    let changes = crosscheck::report::diff::diff(&stored, &new);
    if changes.is_empty() {
        writeln!(out, "report matches {shown}")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for c in &changes {
        writeln!(out, "{c}")?;
    }
    writeln!(
        out,
        "{} difference(s) from {shown}; if they are intended, rerun with --update",
        changes.len()
    )?;
    out.flush()?;
    Ok(ExitCode::from(1))
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Report(args) => {
            set_threads(args.threads)?;
            let rules = args.rules.load()?;
            let mut collector = crosscheck::pipeline::Collector::default();
            stream(&args.paths, &rules, &mut |e| collector.take(e))?;
            require_documents(&args.paths, collector.documents.len(), &collector.skipped)?;
            let report = collector.into_report(&rules)?;
            if let Some(path) = &args.expect {
                return expect(&report, path, args.update, &mut out);
            }
            print_report(&report, args.format, args.width, &mut out)?;
            let failing = args.fail_on.iter().any(|f| {
                let v = match f {
                    FailOn::Contradiction => Verdict::Contradiction,
                    FailOn::Divergent => Verdict::Divergent,
                };
                report.count(v) > 0
            });
            Ok(if failing {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Extract(args) => {
            set_threads(args.threads)?;
            let rules = args.rules.load()?;
            let (mut documents, mut skipped, mut first) = (0usize, Vec::new(), true);
            let mut write_error: Option<io::Error> = None;
            if matches!(args.format, ExtractFormat::Json) {
                write!(out, "[")?;
            }
            stream(&args.paths, &rules, &mut |event| {
                let result = (|| -> io::Result<()> {
                    match event {
                        Event::Document(summary, claims) => {
                            documents += 1;
                            match args.format {
                                ExtractFormat::Jsonl => report::write_jsonl(&claims, &mut out)?,
                                ExtractFormat::Shard => {
                                    report::write_jsonl(&claims, &mut out)?;
                                    let line = ShardLine::Document { document: summary };
                                    serde_json::to_writer(&mut out, &line)
                                        .map_err(io::Error::other)?;
                                    writeln!(out)?;
                                }
                                ExtractFormat::Json => {
                                    for c in &claims {
                                        if !first {
                                            write!(out, ",")?;
                                        }
                                        first = false;
                                        writeln!(out)?;
                                        serde_json::to_writer_pretty(&mut out, c)
                                            .map_err(io::Error::other)?;
                                    }
                                }
                            }
                        }
                        Event::Skipped(s) => {
                            if matches!(args.format, ExtractFormat::Shard) {
                                let line = ShardLine::Skipped { skipped: s.clone() };
                                serde_json::to_writer(&mut out, &line).map_err(io::Error::other)?;
                                writeln!(out)?;
                            }
                            skipped.push(s);
                        }
                    }
                    Ok(())
                })();
                if let Err(e) = result
                    && write_error.is_none()
                {
                    write_error = Some(e);
                }
            })?;
            if let Some(e) = write_error {
                return Err(Error::Io(e));
            }
            if matches!(args.format, ExtractFormat::Json) {
                writeln!(out, "\n]")?;
            }
            out.flush()?;
            for s in &skipped {
                eprintln!("crosscheck: skipped {}: {}", s.path, s.reason);
            }
            require_documents(&args.paths, documents, &skipped)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reconcile(args) => {
            let rules = args.rules.load()?;
            let collector = crosscheck::pipeline::read_shards(&args.shards)?;
            let report = collector.into_report(&rules)?;
            print_report(&report, args.format, args.width, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { command } => match command {
            RulesCommand::Test {
                dirs,
                filter,
                no_default_rules,
            } => {
                let rules = RuleArgs {
                    rules: dirs.clone(),
                    no_default_rules,
                }
                .load()?;
                let outcomes = crosscheck::rule_examples::run(&rules, None);
                let prefixes: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
                let shown: Vec<_> =
                    crosscheck::rule_examples::by_rule(&rules, &outcomes, &prefixes)
                        .into_iter()
                        .filter(|r| {
                            filter
                                .as_deref()
                                .is_none_or(|f| r.rule.contains(f) || r.file.contains(f))
                        })
                        .collect();
                let (mut passed, mut failed, mut untested) = (0, 0, 0);
                for r in &shown {
                    if r.examples == 0 {
                        untested += 1;
                        writeln!(
                            out,
                            "untested {} ({}): no example exercises it",
                            r.rule, r.file
                        )?;
                    } else if r.failed.is_empty() {
                        passed += 1;
                        writeln!(
                            out,
                            "ok       {} ({} example{})",
                            r.rule,
                            r.examples,
                            if r.examples == 1 { "" } else { "s" }
                        )?;
                    } else {
                        failed += 1;
                        writeln!(out, "FAILED   {}", r.rule)?;
                        for o in &r.failed {
                            writeln!(out, "         example {}:{}: {:?}", o.file, o.line, o.text)?;
                            for p in &o.problems {
                                writeln!(out, "           {p}")?;
                            }
                        }
                    }
                }
                // A failing example no rule answered: shown on its own.
                for o in outcomes.iter().filter(|o| {
                    !o.passed()
                        && o.rules.is_empty()
                        && (prefixes.is_empty()
                            || prefixes.iter().any(|p| o.file.starts_with(p.as_str())))
                        && filter.as_deref().is_none_or(|f| o.file.contains(f))
                }) {
                    writeln!(
                        out,
                        "FAILED   example {}:{}: {:?} (no rule matched)",
                        o.file, o.line, o.text
                    )?;
                    for p in &o.problems {
                        writeln!(out, "           {p}")?;
                    }
                }
                let examples: Vec<_> = outcomes
                    .iter()
                    .filter(|o| {
                        prefixes.is_empty()
                            || prefixes.iter().any(|p| o.file.starts_with(p.as_str()))
                    })
                    .filter(|o| filter.is_none() || shown.iter().any(|r| o.rules.contains(&r.rule)))
                    .collect();
                let bad_examples = examples.iter().filter(|o| !o.passed()).count();
                writeln!(
                    out,
                    "rules: {passed} passed, {failed} failed, {untested} untested; examples: {} passed, {} failed",
                    examples.len() - bad_examples,
                    bad_examples
                )?;
                out.flush()?;
                Ok(if bad_examples > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                })
            }
            RulesCommand::Lint {
                dirs,
                no_default_rules,
            } => {
                let errors = RuleSet::lint(&Selection {
                    defaults: !no_default_rules,
                    dirs: dirs.clone(),
                })?;
                if errors.is_empty() {
                    let set = RuleSet::load(&Selection {
                        defaults: !no_default_rules,
                        dirs,
                    })?;
                    writeln!(
                        out,
                        "ok: {} rules, {} speaker cues, {} event markers",
                        set.rules.len(),
                        set.cues.len(),
                        set.events.len()
                    )?;
                    out.flush()?;
                    return Ok(ExitCode::SUCCESS);
                }
                out.flush()?;
                for e in &errors {
                    eprintln!("{e}");
                }
                eprintln!("crosscheck: {} rule file(s) refused", errors.len());
                Ok(ExitCode::from(2))
            }
            RulesCommand::Schema { which } => {
                let which = match which {
                    SchemaKind::Rules => crosscheck::rules::SchemaFor::Rules,
                    SchemaKind::Actors => crosscheck::rules::SchemaFor::Actors,
                    SchemaKind::Reconcile => crosscheck::rules::SchemaFor::Reconcile,
                };
                serde_json::to_writer_pretty(&mut out, &crosscheck::rules::schema(which))
                    .map_err(io::Error::other)?;
                writeln!(out)?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
            RulesCommand::List { rules } => {
                let rules = rules.load()?;
                let mut table = comfy_table::Table::new();
                table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
                table.set_header(vec!["id", "kind", "lang", "file", "description"]);
                for r in &rules.rules {
                    table.add_row(vec![&r.id, &r.kind, &r.lang, &r.file, &r.description]);
                }
                writeln!(out, "{table}")?;
                writeln!(
                    out,
                    "{} rules, {} speaker cues, {} event markers",
                    rules.rules.len(),
                    rules.cues.len(),
                    rules.events.len()
                )?;
                out.flush()?;
                Ok(ExitCode::SUCCESS)
            }
        },
        Command::Quantities(args) => {
            let date = match &args.date {
                Some(d) => Some(
                    crosscheck::corpus::parse_date(d)
                        .map_err(|e| Error::Usage(format!("--date: {e}")))?,
                ),
                None => None,
            };
            let loaded = match args.rules.is_empty() {
                true => None,
                false => Some(RuleSet::load(&Selection {
                    defaults: true,
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
                Some(t) => print(t, &mut out)?,
                None => {
                    for line in io::stdin().lock().lines() {
                        let line =
                            line.map_err(|e| Error::Usage(format!("standard input: {e}")))?;
                        print(&line, &mut out)?;
                    }
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
