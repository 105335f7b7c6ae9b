//! Command-line arguments (clap derive). Only parsing lives here; each
//! command's work is library code called from `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Tell whether quotes in the news affirm, deny or leave uncertain a claim.
#[derive(Debug, Parser)]
#[command(name = "stance", version, long_about = None, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is
    /// set), always, never
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto, value_name = "WHEN", help_heading = "Global options")]
    pub color: ColorWhen,
    /// Print nothing on stderr but errors (no notes, no progress bar)
    #[arg(
        long,
        short,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    pub quiet: bool,
    /// Say on stderr which project file, rules and gold are used
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub verbose: bool,
}

const MAIN_EXAMPLES: &str = "Examples:
  stance extract gold/articles/ | stance classify --claim \"North Korea has sent troops to Russia\"
  stance explain \"We can confirm that the reports are false.\"
  stance eval                      # rules, gold and floors from stance.toml
  stance check --format github     # failing rule examples as CI annotations
  stance completions bash > ~/.local/share/bash-completion/completions/stance

Flags win over stance.toml (found in this folder or above), which wins over the defaults.";

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    /// Always, even into a pipe or file
    Always,
    /// Never
    Never,
}

/// Where the rules come from.
#[derive(Debug, Args, Clone)]
pub struct RulesArg {
    /// A rules file or a folder of *.toml rules files [default: the embedded rules]
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Pull quotes and their speakers out of raw article text, as JSON Lines.
    #[command(after_help = "Examples:
  stance extract gold/articles/ > quotes.jsonl
  stance extract --classify --claim \"The mayor resigned\" article.txt")]
    Extract(ExtractArgs),
    /// Label each record of JSON Lines (or plain text lines) with a stance.
    #[command(after_help = "Examples:
  stance extract gold/articles/ | stance classify --claim \"North Korea has sent troops to Russia\"
  echo 'I cannot confirm those reports' | stance classify --plain")]
    Classify(ClassifyArgs),
    /// Show why a text gets its label: every cue, what became of it, and the decision.
    #[command(after_help = "Examples:
  stance explain \"We can confirm that the reports are false.\"
  stance explain --rules my-rules/ --claim \"The bridge will close\" \"It is pure speculation.\"")]
    Explain(ExplainArgs),
    /// Score a rule set against gold: per-label and per-rule figures, errors, gates.
    #[command(after_help = "Examples:
  stance eval                                       # rules, gold and floors from stance.toml
  stance eval --gold gold/seeds.jsonl --errors --format markdown
  stance eval --gold gold/ --format json > base.json
  stance eval --gold gold/ --baseline base.json     # exit 1 on a regression
  stance eval --gold gold/ --rules old/ --compare rules/
  stance eval --floors gold/floors.toml --format junit > gates.xml")]
    Eval(EvalArgs),
    /// Score quote extraction and speakers against gold spans.
    #[command(after_help = "Example:
  stance eval-extract --gold gold/seeds.jsonl --min-recall 0.95")]
    EvalExtract(EvalExtractArgs),
    /// Validate rules and run every rule's examples; exit 1 on a failure.
    #[command(after_help = "Examples:
  stance check --rules my-rules/
  stance check --format junit > rule-examples.xml")]
    Check {
        #[command(flatten)]
        rules: RulesArg,
        /// Output format
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Agreement between two annotators' labels for the same items: kappa,
    /// per-label agreement, confusion, every disagreement.
    #[command(after_help = "Example:
  stance agree gold/fnc1/dev.jsonl gold/fnc1/second/dev.jsonl --min-kappa 0.8")]
    Agree(AgreeArgs),
    /// Label quotes by hand into a gold file, one key per quote, resuming
    /// where the last run stopped.
    #[command(
        after_help = "Keys: Enter accepts the suggested label; a, d, u, n set affirming, denying,
uncertain, none; m types a note (Enter keeps it, Esc drops it); b or ← goes back;
s, → or any other key skips; q quits. Every answer is written to the gold file at once.

Examples:
  stance extract gold/articles/ | stance classify --claim \"…\" > suggested.jsonl
  stance label suggested.jsonl --output gold/mine.jsonl
  stance label gold/seeds.jsonl --output reviewed.jsonl     # review existing gold"
    )]
    Label(LabelArgs),
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  stance completions bash > ~/.local/share/bash-completion/completions/stance
  stance completions zsh > ~/.zfunc/_stance
  stance completions fish > ~/.config/fish/completions/stance.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Example:
  stance man > ~/.local/share/man/man1/stance.1")]
    Man,
    /// List the rules: id, label, priority, description, examples.
    Rules {
        #[command(flatten)]
        rules: RulesArg,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

/// Output of `classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// A table on a terminal, JSON Lines otherwise
    Auto,
    /// One JSON object per line
    Json,
    /// A readable table (speaker, stance, quote)
    Table,
}

/// Output of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Tables for a terminal
    Table,
    /// Markdown (for CI summaries)
    Markdown,
    /// JSON with a stable schema
    Json,
}

/// Output of `eval` (a single run).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalReportFormat {
    /// Tables for a terminal
    Table,
    /// Markdown (for CI summaries)
    Markdown,
    /// JSON with a stable schema
    Json,
    /// JUnit XML: one test case per quality gate
    Junit,
    /// GitHub workflow annotations for missed gates
    Github,
    /// One self-contained HTML page (use with --output)
    Html,
}

/// Output of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Failures and a summary line
    Text,
    /// JSON
    Json,
    /// JUnit XML: one test case per rule example
    Junit,
    /// GitHub workflow annotations on the line of each failing example
    Github,
}

/// Output of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table for the terminal
    Table,
    /// JSON
    Json,
    /// Markdown reference (docs/rules.md is generated with this)
    Markdown,
}

/// Flags of `stance extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files or folders of them; `-` or nothing reads one article from stdin
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
    /// Leave out fragments (scare quotes, short phrases inside a sentence)
    #[arg(long)]
    pub no_fragments: bool,
    /// Also label each quote's stance in the same pass (the output of
    /// `stance extract | stance classify`, faster)
    #[arg(long)]
    pub classify: bool,
    #[command(flatten)]
    pub rules: RulesArg,
    /// The claim, with --classify
    #[arg(long, value_name = "TEXT", requires = "classify")]
    pub claim: Option<String>,
    /// Worker threads [default: all cores]; output order is input order
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0,
        value_parser = clap::value_parser!(u16).range(0..=stance::MAX_JOBS as i64))]
    pub jobs: u16,
    /// Other names for the claim's key terms (repeatable), with --classify
    #[arg(long = "alias", value_name = "TEXT", requires = "claim")]
    pub aliases: Vec<String>,
    /// Quotations in quote marks only: leave out reported speech ("X said
    /// that …", `kind: indirect`)
    #[arg(long)]
    pub direct_only: bool,
    /// An extraction lexicon (TOML, as rules/extract/lexicon.toml) to use
    /// instead of the embedded one
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

/// Flags of `stance classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    #[command(flatten)]
    pub rules: RulesArg,
    /// The claim for records that do not name one
    #[arg(long, value_name = "TEXT")]
    pub claim: Option<String>,
    /// Other names for the claim's key terms (repeatable)
    #[arg(long = "alias", value_name = "TEXT")]
    pub aliases: Vec<String>,
    /// Read each line as a text rather than a JSON object
    #[arg(long)]
    pub plain: bool,
    /// Output: JSON Lines, or a table (the default on a terminal)
    #[arg(long, value_enum, default_value_t = OutputFormat::Auto)]
    pub format: OutputFormat,
    /// Worker threads [default: all cores]
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0,
        value_parser = clap::value_parser!(u16).range(0..=stance::MAX_JOBS as i64))]
    pub jobs: u16,
    /// The folder of the articles that records name by `doc` (their sentence
    /// is the quote's context, as in `stance eval`) [default: articles/
    /// beside each input file]
    #[arg(long, value_name = "DIR")]
    pub articles: Option<PathBuf>,
    /// Input files; `-` or nothing reads stdin
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,
}

/// Flags of `stance explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub rules: RulesArg,
    /// The claim to check the text against
    #[arg(long, value_name = "TEXT")]
    pub claim: Option<String>,
    /// Other names for the claim's key terms (repeatable)
    #[arg(long = "alias", value_name = "TEXT")]
    pub aliases: Vec<String>,
    /// The sentence around the quote, as `classify` reads a record's
    /// `context`: it can tie the quote to the claim
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,
    /// The text to explain
    pub text: String,
}

/// Flags of `stance eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub rules: RulesArg,
    /// Gold files (JSON Lines or the Emergent CSV) or folders of them
    /// [default: the `gold` of stance.toml]
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub gold: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value_t = EvalReportFormat::Table)]
    pub format: EvalReportFormat,
    /// List every wrong item
    #[arg(long)]
    pub errors: bool,
    /// Write the report to this file instead of stdout
    #[arg(long, short, value_name = "FILE", conflicts_with = "watch")]
    pub output: Option<PathBuf>,
    /// Score these predictions (JSON Lines with `id` and `label`, e.g.
    /// `stance classify` output or another tool's) instead of running the rules
    #[arg(long, value_name = "FILE", conflicts_with_all = ["compare", "watch"])]
    pub predictions: Option<PathBuf>,
    /// A TOML file of floors per gold file; a missed floor exits 1
    /// [default: the `floors` of stance.toml, when its gold is scored]
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,
    /// Exit 1 when accuracy is below this
    #[arg(long, value_name = "X")]
    pub min_accuracy: Option<f64>,
    /// Exit 1 when macro F1 is below this
    #[arg(long, value_name = "X")]
    pub min_macro_f1: Option<f64>,
    /// A report saved with `--format json`: show every metric's change and
    /// exit 1 when macro F1 or a label's F1 dropped (same gold only)
    #[arg(long, value_name = "REPORT.json")]
    pub baseline: Option<PathBuf>,
    /// How far a metric may drop against the baseline before it counts
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub tolerance: f64,
    /// A second rule set to compare on the same gold: macro-F1 difference
    /// with a paired bootstrap interval, McNemar's test, flipped items
    #[arg(long, value_name = "OTHER_RULES")]
    pub compare: Option<PathBuf>,
    /// Re-score whenever a rules or gold file is saved (needs --rules)
    #[arg(long, conflicts_with_all = ["compare", "baseline"])]
    pub watch: bool,
    /// Stop watching after this many reports (for scripts and tests)
    #[arg(long, value_name = "N", hide = true, requires = "watch")]
    pub watch_limit: Option<usize>,
}

/// Flags of `stance eval-extract`.
#[derive(Debug, Args)]
pub struct EvalExtractArgs {
    /// Gold JSON Lines with `doc`, `start`, `end`, `speaker`, `fragment`
    /// (repeat the flag for more than one file) [default: the `gold` of
    /// stance.toml]
    #[arg(long, value_name = "PATH")]
    pub gold: Vec<PathBuf>,
    /// A brat folder (PolNeAR's layout: text/*.txt and attributions/*.ann
    /// with Source, Cue and Content): scores direct and indirect
    /// attributions and speakers by kind of source
    #[arg(long, value_name = "DIR", conflicts_with_all = ["gold", "articles", "min_recall", "min_precision", "min_speaker_accuracy"])]
    pub brat: Option<PathBuf>,
    /// With --brat: score direct quotes only, as `extract --direct-only`
    /// gives them
    #[arg(long, requires = "brat")]
    pub direct_only: bool,
    /// With --brat: score these extraction records (JSON Lines with doc,
    /// start, end, speaker, kind) instead of running extraction
    #[arg(
        long,
        value_name = "FILE",
        requires = "brat",
        conflicts_with = "direct_only"
    )]
    pub records: Option<PathBuf>,
    /// An extraction lexicon (TOML, as rules/extract/lexicon.toml) to use
    /// instead of the embedded one
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
    /// Article files or folders [default: the `articles` of stance.toml,
    /// else the folder named by articles.toml beside the gold file, else
    /// articles/ beside it]
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Exit 1 when statement span recall (exact) is below this
    #[arg(long, value_name = "X")]
    pub min_recall: Option<f64>,
    /// Exit 1 when statement span precision (exact) is below this
    #[arg(long, value_name = "X")]
    pub min_precision: Option<f64>,
    /// Exit 1 when speaker accuracy on statements is below this
    #[arg(long, value_name = "X")]
    pub min_speaker_accuracy: Option<f64>,
}

/// Flags of `stance agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The first annotator's labels (JSON Lines with `id` and `label`, and
    /// optionally `note`; other fields are allowed)
    #[arg(value_name = "A.jsonl")]
    pub a: std::path::PathBuf,
    /// The second annotator's labels for the same ids
    #[arg(value_name = "B.jsonl")]
    pub b: std::path::PathBuf,
    /// Report format
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    /// Exit 1 when Cohen's kappa is below this (or cannot be computed)
    #[arg(long, value_name = "X")]
    pub min_kappa: Option<f64>,
    /// Compare the ids both files label and list the others, instead of
    /// refusing files whose ids differ
    #[arg(long)]
    pub partial: bool,
}

/// Flags of `stance label`.
#[derive(Debug, Args)]
pub struct LabelArgs {
    /// Quotes to label: `extract` or `classify` output (JSON Lines with
    /// `id` and `text`; a `label` is offered as the suggestion), or a gold
    /// file to review
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// The gold file to write (created, or resumed when it exists)
    #[arg(long, short, value_name = "GOLD.jsonl")]
    pub output: PathBuf,
}
