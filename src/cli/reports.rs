//! The commands that read articles or shards: `report`, `reconcile`,
//! `extract` and `speakers`. Articles stream through the pipeline with a
//! progress bar on a terminal; a report is printed in the format asked,
//! compared with a stored one, and judged against `--fail-on`.

use super::args::{
    ColorChoice, ExtractArgs, ExtractFormat, FailOn, OutputArgs, ReconcileArgs, ReportArgs,
    ReportFormat, SpeakersArgs, StdinFormat,
};
use crosscheck::error::Error;
use crosscheck::pipeline::{self, Event};
use crosscheck::reconcile::Verdict;
use crosscheck::report::claims::{ClaimFormat, ClaimWriter};
use crosscheck::report::diff::{self, Expectation};
use crosscheck::report::escape::visible;
use crosscheck::report::{self, Format, Layout};
use crosscheck::rules::RuleSet;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The most worker threads `--threads` starts: 4 per core, 256 in all
/// (more only cost memory and may not start at all).
const MAX_THREADS: usize = 256;

pub fn set_threads(threads: Option<usize>) -> Result<(), Error> {
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

/// "PATH: REASON" with control characters shown as escapes.
fn skip_line(s: &crosscheck::corpus::Skipped) -> String {
    format!("{}: {}", visible(&s.path), visible(&s.reason))
}

/// Runs the streaming pipeline with a progress bar on a terminal's stderr.
/// With `strict`, each skip is named on stderr as it happens and any skip
/// ends the run with exit 2.
fn stream(
    paths: &[PathBuf],
    stdin: StdinFormat,
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
    let stdin = match stdin {
        StdinFormat::Auto => pipeline::StdinFormat::Auto,
        StdinFormat::Jsonl => pipeline::StdinFormat::Jsonl,
        StdinFormat::Article => pipeline::StdinFormat::Article,
    };
    let result = pipeline::run_with(
        paths,
        stdin,
        rules,
        &mut |done| bar.set_position(done),
        &mut sink,
    );
    bar.finish_and_clear();
    result?;
    strict_skips(skips)
}

/// With `--strict`: any skipped input ends the run with exit 2.
fn strict_skips(skips: usize) -> Result<(), Error> {
    if skips > 0 {
        let s = if skips == 1 { "" } else { "s" };
        return Err(Error::Usage(format!("--strict: {skips} input{s} skipped")));
    }
    Ok(())
}

pub fn extract(args: ExtractArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.input.threads)?;
    let rules = args.input.rules.load()?;
    let format = match args.format {
        ExtractFormat::Jsonl => ClaimFormat::Jsonl,
        ExtractFormat::Json => ClaimFormat::Json,
        ExtractFormat::Shard => ClaimFormat::Shard,
    };
    let mut writer = ClaimWriter::new(format, &mut *out)?;
    let (mut documents, mut skipped) = (0usize, Vec::new());
    let mut write_error: Option<io::Error> = None;
    stream(
        &args.paths,
        args.input.stdin_format,
        &rules,
        args.input.strict,
        &mut |event| {
            let written = match event {
                Event::Document(summary, claims, evidence) => {
                    documents += 1;
                    writer.document(summary, claims, evidence)
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
        },
    )?;
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

pub fn speakers(args: SpeakersArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.threads)?;
    let rules = args.rules.load()?;
    let mut tally = report::speakers::Speakers::default();
    let (mut documents, mut skipped) = (0usize, Vec::new());
    stream(
        &args.paths,
        StdinFormat::Auto,
        &rules,
        false,
        &mut |event| match event {
            Event::Document(_, claims, _) => {
                documents += 1;
                tally.take(&claims);
            }
            Event::Skipped(s) => skipped.push(s),
        },
    )?;
    tally.write(out)?;
    out.flush()?;
    for s in &skipped {
        eprintln!("crosscheck: skipped {}", skip_line(s));
    }
    pipeline::require_documents(&args.paths, documents, &skipped)?;
    Ok(ExitCode::SUCCESS)
}

/// Whether the table is coloured: `--color`, then (for `auto`) `NO_COLOR`,
/// `CLICOLOR_FORCE`, `TERM=dumb` and whether standard output is a terminal,
/// as `anstream` reads them.
fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Prints a report as `output` asks: compared with a stored report
/// (`--expect`, its lines on standard output, or on stderr when a
/// `--format` prints the report too), in the format asked, the table at the
/// terminal's width (or 120 columns when not a terminal) unless `--width`
/// says otherwise. Exit 1 on a change from the stored report or a group
/// `--fail-on` names.
fn finish_report(
    report: &report::Report,
    output: &OutputArgs,
    inputs: &[PathBuf],
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let mut failing = false;
    if let Some(path) = &output.expect {
        let found = diff::expect(report, path, output.update, inputs)?;
        let shown = path.display().to_string();
        if output.format.is_some() {
            let mut lines = Vec::new();
            diff::write_expectation(&found, &shown, &mut lines)?;
            out.flush()?;
            eprint!("{}", String::from_utf8_lossy(&lines));
        } else {
            diff::write_expectation(&found, &shown, out)?;
        }
        failing |= matches!(found, Expectation::Changed(_));
    }
    if output.expect.is_none() || output.format.is_some() {
        let format = match output.format.unwrap_or(ReportFormat::Table) {
            ReportFormat::Table => Format::Table,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Json => Format::Json,
            ReportFormat::Jsonl => Format::Jsonl,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Html => Format::Html,
            ReportFormat::Claimreview => Format::ClaimReview,
        };
        let width = match output.width {
            Some(w) => Some(w),
            None if io::stdout().is_terminal() => None,
            None => Some(120),
        };
        let layout = Layout {
            width,
            color: colour(output.color),
            pretty: output.pretty,
            publisher: report::claimreview::Publisher {
                url: output.review_url.clone(),
                name: output.review_author.clone(),
            },
        };
        report::write(report, format, &layout, out)?;
    }
    out.flush()?;
    // `--fail-on` is a threshold: `divergent` fires on contradictions too.
    let worst = output.fail_on.iter().map(|f| match f {
        FailOn::Contradiction => Verdict::Contradiction,
        FailOn::Divergent => Verdict::Divergent,
    });
    if let Some(threshold) = worst.max() {
        failing |= report.groups.iter().any(|g| g.verdict <= threshold);
    }
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn report(args: ReportArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    set_threads(args.input.threads)?;
    let rules = args.input.rules.load()?;
    let mut collector = pipeline::Collector::default();
    stream(
        &args.paths,
        args.input.stdin_format,
        &rules,
        args.input.strict,
        &mut |e| collector.take(e),
    )?;
    pipeline::require_documents(&args.paths, collector.documents.len(), &collector.skipped)?;
    let report = collector.into_report(&rules)?;
    finish_report(&report, &args.output, &args.paths, out)
}

pub fn reconcile(args: ReconcileArgs, out: &mut impl Write) -> Result<ExitCode, Error> {
    let rules = args.rules.load()?;
    let collector = pipeline::read_shards(&args.shards)?;
    if let Some(expected) = args.records {
        pipeline::require_records(&collector, expected)?;
    }
    if args.strict {
        for s in &collector.skipped {
            eprintln!("crosscheck: skipped {}", skip_line(s));
        }
        strict_skips(collector.skipped.len())?;
    }
    let report = collector.into_report(&rules)?;
    finish_report(&report, &args.output, &args.shards, out)
}
