//! The command line: parse arguments, call the library, print, exit.
//! Exit codes: 0 success, 1 when `--fail-on` (or a failing rule example)
//! finds what it names, 2 for bad usage or input. The arguments are in
//! `cli/args.rs`, the commands that read articles in `cli/reports.rs`, the
//! others in `cli/tools.rs`.

mod cli;

use clap::{CommandFactory, Parser};
use cli::args::{Cli, Command, RulesCommand};
use cli::reports::{extract, reconcile, report, speakers};
use cli::tools::{quantities, rules_lint, rules_schema, rules_test};
use crosscheck::error::Error;
use crosscheck::report::escape::visible_lines;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

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
            RulesCommand::List { rules, width } => {
                let width = width.or((!io::stdout().is_terminal()).then_some(120));
                crosscheck::report::rules::write_rule_list(&rules.load()?, width, &mut out)?;
                done(&mut out)
            }
        },
        Command::Quantities(args) => quantities(args, &mut out),
        Command::Speakers(args) => speakers(args, &mut out),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "crosscheck", &mut out);
            done(&mut out)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            done(&mut out)
        }
    }
}

/// Flushes standard output: the run succeeded.
pub(crate) fn done(out: &mut impl Write) -> Result<ExitCode, Error> {
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
