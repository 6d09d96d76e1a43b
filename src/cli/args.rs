//! The command line's arguments (clap derive): every command, its options
//! and their help, which `completions` and `man` turn into scripts and a
//! manual page.

use clap::{Args, Parser, Subcommand, ValueEnum};
use crosscheck::error::Error;
use crosscheck::rules::{RuleSet, Selection};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Cross-checks attributed claims across news articles"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `man -l -` or a man1 folder.
    Man,
}

#[derive(Args)]
pub struct SpeakersArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Args)]
pub struct RuleArgs {
    /// A folder (or file) of rule YAML files to add; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Leave the built-in rules out (only --rules folders are used); the
    /// built-in actors stay unless --no-default-actors.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Leave the built-in actors out (only the --rules folders' actors files).
    #[arg(long)]
    pub no_default_actors: bool,
    /// Keep figures that only say "hundreds", "thousands", « des milliers »
    /// (flagged `"vague": true`), which are left out by default.
    #[arg(long)]
    pub keep_indefinite: bool,
}

impl RuleArgs {
    pub fn load(&self) -> Result<RuleSet, Error> {
        if self.no_default_rules && self.rules.is_empty() {
            return Err(Error::Usage(
                "--no-default-rules leaves no rules: add --rules DIR".into(),
            ));
        }
        let mut rules = RuleSet::load(&self.selection())?;
        rules.reconcile.keep_indefinite |= self.keep_indefinite;
        Ok(rules)
    }

    pub fn selection(&self) -> Selection {
        Selection {
            defaults: !self.no_default_rules,
            default_actors: !self.no_default_actors,
            dirs: self.rules.clone(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// A Markdown report: a summary, then each group's claims with their evidence.
    Markdown,
    /// The JSON report (the contract of spec/CLAIMS.md); compact unless --pretty.
    Json,
    /// One flat JSON object per claim, with its group and verdict.
    Jsonl,
    /// One row per claim, with its group and verdict.
    Csv,
    /// One self-contained HTML page: claims side by side, evidence in its
    /// paragraph, a timeline per group.
    Html,
    /// schema.org ClaimReview JSON-LD, one per flagged group.
    Claimreview,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StdinFormat {
    /// JSON Lines when the input starts with `{`, else one article.
    Auto,
    /// One article per line, as JSON.
    Jsonl,
    /// One article (front matter read).
    Article,
}

/// How a report is printed and judged: shared by `report` and `reconcile`.
#[derive(Args)]
pub struct OutputArgs {
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Exit 1 when a group is this bad or worse: `divergent` fires on
    /// contradictions too. Repeatable (the widest wins).
    #[arg(long = "fail-on", value_enum)]
    pub fail_on: Vec<FailOn>,
    /// Table width in columns (default: the terminal's, or 120 when not a terminal).
    #[arg(long)]
    pub width: Option<u16>,
    /// Colour the table's verdicts.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// Pretty-print the JSON report.
    #[arg(long)]
    pub pretty: bool,
    /// Compare with a stored JSON report and print what changed; exit 1 on a
    /// difference. With --format, the report is printed and the changes go to stderr.
    #[arg(long, value_name = "REPORT.json")]
    pub expect: Option<PathBuf>,
    /// With --expect: write the new report to the file instead of comparing.
    #[arg(long, requires = "expect")]
    pub update: bool,
    /// ClaimReview: the page the reviews are published on (each review's
    /// `url` is URL#g-<group>; default: `#g-<group>`, relative to the page).
    #[arg(long, value_name = "URL")]
    pub review_url: Option<String>,
    /// ClaimReview: the organisation that publishes the reviews.
    #[arg(long, value_name = "NAME")]
    pub review_author: Option<String>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    /// Groups whose claims cannot all be true.
    Contradiction,
    /// Divergent groups, and contradictions.
    Divergent,
}

#[derive(Args)]
pub struct ReportArgs {
    /// Article files or folders (.txt and .md, recursively), .jsonl files, or `-`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

/// How `report` and `extract` read their inputs.
#[derive(Args)]
pub struct InputArgs {
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// What `-` (standard input) holds.
    #[arg(long, value_enum, default_value = "auto")]
    pub stdin_format: StdinFormat,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Exit 2 when any input is skipped, naming each one on stderr
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// One claim per line.
    Jsonl,
    /// One JSON array of claims.
    Json,
    /// Claims plus `{"document": …}` and `{"skipped": …}` lines: what `reconcile` reads.
    Shard,
}

#[derive(Args)]
pub struct ReconcileArgs {
    /// Shard files written by `extract --format shard` (or claim JSON Lines).
    #[arg(required = true, value_name = "SHARD.jsonl")]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Exit 2 when a shard lists a skipped input, naming each one on stderr.
    #[arg(long)]
    pub strict: bool,
    /// Exit 2 unless the shards together hold N inputs (documents plus
    /// skipped entries; one a JSON line): a lost partition's shard, or one
    /// given twice under two names, is caught.
    #[arg(long, value_name = "N")]
    pub records: Option<usize>,
}

#[derive(Args)]
pub struct ExtractArgs {
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Subcommand)]
pub enum RulesCommand {
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
        /// Table width in columns (default: the terminal's, or 120 when not a terminal).
        #[arg(long)]
        width: Option<u16>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Rules,
    Actors,
    Reconcile,
}

#[derive(Args)]
pub struct QuantitiesArgs {
    /// Language of the text.
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// Publication date durations such as "depuis décembre 2022" count to (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// A rule folder whose `lang/<code>/` packs add or extend languages; repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// The text; without it, each line of standard input gives one JSON array.
    pub text: Option<String>,
}
