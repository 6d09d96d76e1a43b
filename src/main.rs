//! The command line: parse arguments, call the library, print, exit.
//! Exit codes: 0 success, 1 when `--fail-on` (or a failing rule example)
//! finds what it names, 2 for bad usage or input.

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::error::Error;
use crosscheck::pipeline::{self, Event};
use crosscheck::reconcile::Verdict;
use crosscheck::report::claims::{ClaimFormat, ClaimWriter};
use crosscheck::report::diff::{self, Expectation};
use crosscheck::report::escape::{visible, visible_lines};
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
    /// List every speaker phrase the claims name, how often, and the actor
    /// it resolved to; the unresolved ones as a YAML stub for an actors file.
    Speakers(SpeakersArgs),
}

#[derive(Args)]
struct SpeakersArgs {
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    rules: RuleArgs,
}

#[derive(Args)]
struct RuleArgs {
    /// A folder (or file) of rule YAML files to add; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Leave the built-in rules out (only --rules folders are used); the
    /// built-in actors stay unless --no-default-actors.
    #[arg(long)]
    no_default_rules: bool,
    /// Leave the built-in actors out (only the --rules folders' actors files).
    #[arg(long)]
    no_default_actors: bool,
}

impl RuleArgs {
    fn load(&self) -> Result<RuleSet, Error> {
        if self.no_default_rules && self.rules.is_empty() {
            return Err(Error::Usage(
                "--no-default-rules leaves no rules: add --rules DIR".into(),
            ));
        }
        RuleSet::load(&self.selection())
    }

    fn selection(&self) -> Selection {
        Selection {
            defaults: !self.no_default_rules,
            default_actors: !self.no_default_actors,
            dirs: self.rules.clone(),
        }
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
    /// Exit 2 when any input is skipped, naming each one on stderr
    #[arg(long)]
    strict: bool,
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
    /// Exit 2 when any input is skipped, naming each one on stderr
    #[arg(long)]
    strict: bool,
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
    /// Check rule folders (default: the built-in rules): every file that
    /// cannot be used, with file:line:column, and every built-in rule a
    /// file replaces.
    Lint {
        /// Rule folders (or files) to check.
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

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        // A reader that stops early (`| head`) is not an error.
        Err(Error::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = io::stdout().flush();
            eprintln!("crosscheck: {}", visible_lines(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match cli.command {
        Command::Report(args) => report(args, &mut out),
        Command::Extract(args) => extract(args, &mut out),
        Command::Reconcile(args) => reconcile(args, &mut out),
        Command::Rules { command } => match command {
            RulesCommand::Test {
                dirs,
                filter,
                no_default_rules,
            } => rules_test(dirs, filter, no_default_rules, &mut out),
            RulesCommand::Lint {
                dirs,
                no_default_rules,
            } => rules_lint(dirs, no_default_rules, &mut out),
            RulesCommand::Schema { which } => rules_schema(which, &mut out),
            RulesCommand::List { rules } => {
                report::rules::write_rule_list(&rules.load()?, &mut out)?;
                done(&mut out)
            }
        },
        Command::Quantities(args) => quantities(args, &mut out),
        Command::Speakers(args) => speakers(args, &mut out),
    }
}

/// Flushes standard output: the run succeeded.
fn done(out: &mut impl Write) -> Result<ExitCode, Error> {
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The most worker threads `--threads` starts: 4 per core, 256 in all
/// (more only cost memory and may not start at all).
const MAX_THREADS: usize = 256;

fn set_threads(threads: Option<usize>) -> Result<(), Error> {
    if let Some(mut n) = threads {
        if n == 0 {
            return Err(Error::Usage("--threads must be at least 1".into()));
        }
        let cores = std::thread::available_parallelism().map(|c| c.get()).ok();
        let cap = cores.map_or(MAX_THREADS, |c| (4 * c).min(MAX_THREADS));
        if n > cap {
            let cores = cores.map_or("unknown".into(), |c| c.to_string());
            eprintln!(
                "crosscheck: warning: --threads {n} capped to {cap} (4 per core, {cores} cores, {MAX_THREADS} at most)"
            );
            n = cap;
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
    report: &report::Report,
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

/// "PATH: REASON" with control characters shown as escapes.
fn skip_line(s: &crosscheck::corpus::Skipped) -> String {
    format!("{}: {}", visible(&s.path), visible(&s.reason))
}

/// Runs the streaming pipeline with a progress bar on a terminal's stderr.
/// With `strict`, each skip is named on stderr as it happens and any skip
/// ends the run with exit 2.
fn stream(
    paths: &[PathBuf],
    rules: &RuleSet,
    strict: bool,
    sink: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    let bar = if io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(pipeline::input_bytes(paths));
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut skips = 0usize;
    let mut sink = |event: Event| {
        if strict && let Event::Skipped(s) = &event {
            bar.suspend(|| eprintln!("crosscheck: skipped {}", skip_line(s)));
            skips += 1;
        }
        sink(event)
    };
    let result = pipeline::run(paths, rules, &mut |done| bar.set_position(done), &mut sink);
    bar.finish_and_clear();
    result?;
    if skips > 0 {
        let s = if skips == 1 { "" } else { "s" };
        return Err(Error::Usage(format!("--strict: {skips} input{s} skipped")));
    }
    Ok(())
}

fn report(args: ReportArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.threads)?;
    let rules = args.rules.load()?;
    let mut collector = pipeline::Collector::default();
    stream(&args.paths, &rules, args.strict, &mut |e| collector.take(e))?;
    pipeline::require_documents(&args.paths, collector.documents.len(), &collector.skipped)?;
    let report = collector.into_report(&rules)?;
    if let Some(path) = &args.expect {
        let found = diff::expect(&report, path, args.update, &args.paths)?;
        diff::write_expectation(&found, &path.display().to_string(), out)?;
        out.flush()?;
        return Ok(match found {
            Expectation::Changed(_) => ExitCode::from(1),
            Expectation::Written | Expectation::Matches => ExitCode::SUCCESS,
        });
    }
    print_report(&report, args.format, args.width, out)?;
    let failing = args.fail_on.iter().any(|f| {
        report.count(match f {
            FailOn::Contradiction => Verdict::Contradiction,
            FailOn::Divergent => Verdict::Divergent,
        }) > 0
    });
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn extract(args: ExtractArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.threads)?;
    let rules = args.rules.load()?;
    let format = match args.format {
        ExtractFormat::Jsonl => ClaimFormat::Jsonl,
        ExtractFormat::Json => ClaimFormat::Json,
        ExtractFormat::Shard => ClaimFormat::Shard,
    };
    let mut writer = ClaimWriter::new(format, &mut *out)?;
    let (mut documents, mut skipped) = (0usize, Vec::new());
    let mut write_error: Option<io::Error> = None;
    stream(&args.paths, &rules, args.strict, &mut |event| {
        let written = match event {
            Event::Document(summary, claims) => {
                documents += 1;
                writer.document(summary, &claims)
            }
            Event::Skipped(s) => {
                let written = writer.skipped(&s);
                skipped.push(s);
                written
            }
        };
        if let Err(e) = written {
            write_error.get_or_insert(e);
        }
    })?;
    if let Some(e) = write_error {
        return Err(Error::Io(e));
    }
    writer.finish()?;
    for s in &skipped {
        eprintln!("crosscheck: skipped {}", skip_line(s));
    }
    pipeline::require_documents(&args.paths, documents, &skipped)?;
    Ok(ExitCode::SUCCESS)
}

fn speakers(args: SpeakersArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.threads)?;
    let rules = args.rules.load()?;
    let mut tally = report::speakers::Speakers::default();
    let (mut documents, mut skipped) = (0usize, Vec::new());
    stream(&args.paths, &rules, false, &mut |event| match event {
        Event::Document(_, claims) => {
            documents += 1;
            tally.take(&claims);
        }
        Event::Skipped(s) => skipped.push(s),
    })?;
    tally.write(out)?;
    out.flush()?;
    for s in &skipped {
        eprintln!("crosscheck: skipped {}", skip_line(s));
    }
    pipeline::require_documents(&args.paths, documents, &skipped)?;
    Ok(ExitCode::SUCCESS)
}

fn reconcile(args: ReconcileArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let rules = args.rules.load()?;
    let report = pipeline::read_shards(&args.shards)?.into_report(&rules)?;
    print_report(&report, args.format, args.width, out)?;
    Ok(ExitCode::SUCCESS)
}

fn rules_test(
    dirs: Vec<PathBuf>,
    filter: Option<String>,
    no_default_rules: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let rules = RuleArgs {
        rules: dirs.clone(),
        no_default_rules,
        no_default_actors: false,
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

fn rules_lint(
    dirs: Vec<PathBuf>,
    no_default_rules: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let selection = RuleArgs {
        rules: dirs,
        no_default_rules,
        no_default_actors: false,
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

fn rules_schema(which: SchemaKind, out: &mut impl Write) -> Result<ExitCode, Error> {
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

fn quantities(args: QuantitiesArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
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
