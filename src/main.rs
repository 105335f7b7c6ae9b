//! The `stance` binary: a thin layer over the library. `main` turns the
//! outcome of a command into an exit code (see `exit_codes`); a closed
//! stdout (broken pipe) ends quietly.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use stance::exit_codes::{FAILURE, SUCCESS};
use stance::input::Source;
use stance::stream::{StreamOptions, classify_stream};
use stance::{Claim, ClaimSpec, Classifier, Error, RuleSet, check, report};

use cli::{Cli, Command, ListFormat, OutputFormat, RulesArg};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(anstream::stderr(), "error: {e}");
            e.exit_code()
        }
    };
    ExitCode::from(code as u8)
}

/// Writes to stdout; a reader that went away is not an error.
fn emit(text: &str) -> Result<(), Error> {
    let mut out = anstream::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(()),
    }
}

fn load_rules(arg: &RulesArg) -> Result<Classifier, Error> {
    let set = match &arg.rules {
        Some(path) => RuleSet::from_path(path)?,
        None => RuleSet::default_rules(),
    };
    Classifier::new(set)
}

fn claim_arg(text: Option<String>, aliases: Vec<String>) -> Result<Option<Claim>, Error> {
    match text {
        Some(text) => Ok(Some(Claim::from_spec(&ClaimSpec { text, aliases }))),
        None if aliases.is_empty() => Ok(None),
        None => Err(Error::Usage("--alias needs --claim".into())),
    }
}

fn sources(files: &[String]) -> Vec<Source> {
    if files.is_empty() {
        vec![Source::Stdin]
    } else {
        files.iter().map(|f| Source::parse(f)).collect()
    }
}

fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Classify {
            rules,
            claim,
            aliases,
            plain,
            format,
            jobs,
            files,
        } => {
            let classifier = load_rules(&rules)?;
            let options = StreamOptions {
                plain,
                claim: claim_arg(claim, aliases)?,
                jobs,
            };
            let inputs = sources(&files);
            let table = match format {
                OutputFormat::Table => true,
                OutputFormat::Json => false,
                OutputFormat::Auto => std::io::stdout().is_terminal(),
            };
            let summary = if table {
                let mut buf = Vec::new();
                let s = classify_stream(&classifier, &inputs, &options, &mut buf)?;
                let rows: Vec<serde_json::Value> = String::from_utf8_lossy(&buf)
                    .lines()
                    .filter_map(|l| serde_json::from_str(l).ok())
                    .collect();
                emit(&report::quote_table(&rows))?;
                s
            } else {
                let stdout = std::io::stdout();
                let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
                classify_stream(&classifier, &inputs, &options, &mut out)?
            };
            if summary.errors > 0 {
                let _ = writeln!(
                    anstream::stderr(),
                    "error: {} of {} records could not be read; each is an \"error\" record in the output",
                    summary.errors,
                    summary.records
                );
                return Ok(FAILURE);
            }
            Ok(SUCCESS)
        }
        Command::Explain {
            rules,
            claim,
            aliases,
            text,
        } => {
            let classifier = load_rules(&rules)?;
            let claim = claim_arg(claim, aliases)?;
            let e = classifier.explain(&text, claim.as_ref());
            let claim_text = claim
                .as_ref()
                .or(classifier.default_claim())
                .map(|c| c.text().to_string());
            emit(&report::explanation(&text, claim_text.as_deref(), &e))?;
            Ok(SUCCESS)
        }
        Command::Check { rules } => {
            let classifier = load_rules(&rules)?;
            let r = check::check(&classifier);
            emit(&report::check_report(&r, classifier.rules().rules.len()))?;
            Ok(if r.passed() { SUCCESS } else { FAILURE })
        }
        Command::Rules { rules, format } => {
            let classifier = load_rules(&rules)?;
            let set = classifier.rules();
            let text = match format {
                ListFormat::Table => report::rules_table(set),
                ListFormat::Json => format!("{:#}\n", report::rules_json(set)),
                ListFormat::Markdown => report::rules_markdown(set),
            };
            emit(&text)?;
            Ok(SUCCESS)
        }
        Command::Extract { .. } => Err(Error::Usage(
            "extract is not available in this build".into(),
        )),
    }
}
