//! The `stance` binary: a thin layer over the library. `main` turns the
//! outcome of a command into an exit code (see `exit_codes`); a closed
//! stdout (broken pipe) ends quietly.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use stance::eval::{self, Floors};
use stance::exit_codes::{FAILURE, SUCCESS};
use stance::gold::GoldSet;
use stance::input::Source;
use stance::report::ReportStyle;
use stance::stream::{StreamOptions, classify_stream};
use stance::{Claim, ClaimSpec, Classifier, ClassifierBuilder, Error, RuleSet, check, report};

use cli::{Cli, Command, EvalFormat, ListFormat, OutputFormat, RulesArg};

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

/// Installs `--lexicon FILE` for extraction, if given.
fn use_lexicon(path: Option<&std::path::Path>) -> Result<(), Error> {
    match path {
        Some(p) => stance::extract::use_lexicon(stance::extract::Lexicon::from_path(p)?),
        None => Ok(()),
    }
}

fn load_rules(arg: &RulesArg) -> Result<Classifier, Error> {
    load_rules_for(arg, false)
}

/// `throughput`: compile for matching speed (streams) rather than start-up.
fn load_rules_for(arg: &RulesArg, throughput: bool) -> Result<Classifier, Error> {
    let set = match &arg.rules {
        Some(path) => RuleSet::from_path(path)?,
        None => RuleSet::default_rules(),
    };
    ClassifierBuilder::new().throughput(throughput).build(set)
}

/// A progress bar on stderr for long runs: only when stderr is a terminal
/// and the input is files of 64 MB or more in all.
fn progress_bar(inputs: &[Source]) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .map(|s| match s {
            Source::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Source::Stdin => 0,
        })
        .sum();
    if total < 64 << 20 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

/// Whether a stream is worth compiling for throughput: stdin (size unknown)
/// or files of a megabyte or more.
fn is_bulk(inputs: &[Source]) -> bool {
    inputs.iter().any(|s| match s {
        Source::Stdin => true,
        Source::File(p) => std::fs::metadata(p).is_ok_and(|m| m.len() >= 1 << 20),
    })
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

/// The exit code for a run whose report has been printed: 1, with the
/// missed gates on stderr, when any gate was missed.
fn gate_exit(missed: &[String]) -> i32 {
    if missed.is_empty() {
        return SUCCESS;
    }
    let _ = writeln!(
        anstream::stderr(),
        "error: quality gate missed: {}",
        missed.join(", ")
    );
    FAILURE
}

/// Reads a report saved with `stance eval --format json`.
fn load_saved_report(path: &std::path::Path) -> Result<eval::Report, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Data {
        file: path.display().to_string(),
        line: e.line(),
        col: e.column(),
        message: format!("not a report saved with `stance eval --format json`: {e}"),
    })
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
            let inputs = sources(&files);
            let classifier = load_rules_for(&rules, is_bulk(&inputs))?;
            let options = StreamOptions {
                plain,
                claim: claim_arg(claim, aliases)?,
                jobs,
                progress: progress_bar(&inputs),
            };
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
                let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
                classify_stream(&classifier, &inputs, &options, &mut out)?
            };
            if let Some(p) = &options.progress {
                p.finish_and_clear();
            }
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
        Command::Eval {
            rules,
            gold,
            format,
            errors,
            predictions,
            floors,
            min_accuracy,
            min_macro_f1,
            baseline,
            tolerance,
            compare,
            watch,
            watch_limit,
        } => {
            for (flag, v) in [
                ("--min-accuracy", min_accuracy),
                ("--min-macro-f1", min_macro_f1),
                ("--tolerance", Some(tolerance)),
            ] {
                if v.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                    return Err(Error::Usage(format!("{flag} takes a number from 0 to 1")));
                }
            }
            let style = match format {
                EvalFormat::Markdown => ReportStyle::Markdown,
                _ => ReportStyle::Terminal,
            };
            if watch {
                let Some(rules_path) = &rules.rules else {
                    return Err(Error::Usage(
                        "--watch needs --rules PATH (the files to watch)".into(),
                    ));
                };
                stance::watch::watch(rules_path, &gold, errors, watch_limit, |run| {
                    let text = match run {
                        stance::watch::Run::Scored { report, flipped } => {
                            let mut t = report::eval_report(&report, style);
                            if !flipped.is_empty() {
                                t.push_str(&format!(
                                    "\nItems that changed label since the last run ({}):\n",
                                    flipped.len()
                                ));
                                t.push_str(&report::flips(style, &flipped));
                            }
                            t
                        }
                        stance::watch::Run::Failed(e) => {
                            format!("error: {e}\n(waiting for the next save)\n")
                        }
                    };
                    let _ = emit(&format!(
                        "{text}\n---- watching for changes (Ctrl-C to stop) ----\n"
                    ));
                })?;
                return Ok(SUCCESS);
            }
            let floors = floors.as_deref().map(Floors::load).transpose()?;
            let saved = baseline.as_deref().map(load_saved_report).transpose()?;
            let classifier = load_rules(&rules)?;
            let other = compare
                .as_deref()
                .map(|p| RuleSet::from_path(p).and_then(Classifier::new))
                .transpose()?;
            let gold = GoldSet::load(&gold)?;
            let predictions = match &predictions {
                Some(p) => eval::read_predictions(p, &gold)?,
                None => eval::predict(&classifier, &gold),
            };
            let mut report = eval::evaluate_predictions(&classifier, &gold, &predictions, errors);
            if let Some(saved) = &saved {
                report.baseline =
                    Some(stance::compare::against_baseline(&report, saved, tolerance));
            }
            if let Some(other) = &other {
                report.comparison = Some(stance::compare::compare(
                    &predictions,
                    &eval::predict(other, &gold),
                ));
            }
            if let Some(f) = &floors {
                report.apply_floors(f);
            }
            if let Some(v) = min_accuracy {
                report.gate("accuracy", v);
            }
            if let Some(v) = min_macro_f1 {
                report.gate("macro.f1", v);
            }
            let text = match format {
                EvalFormat::Table | EvalFormat::Markdown => report::eval_report(&report, style),
                EvalFormat::Json => format!(
                    "{:#}\n",
                    serde_json::to_value(&report).map_err(|e| Error::Usage(e.to_string()))?
                ),
            };
            emit(&text)?;
            if !report.passed() {
                let mut missed: Vec<String> = report
                    .gates
                    .iter()
                    .filter(|g| !g.passed)
                    .map(|g| format!("{} {:.3} < {:.3}", g.metric, g.actual, g.min))
                    .collect();
                if let Some(b) = &report.baseline {
                    missed.extend(
                        b.regressions
                            .iter()
                            .map(|m| format!("{m} dropped against the baseline")),
                    );
                }
                return Ok(gate_exit(&missed));
            }
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
        Command::Extract {
            files,
            no_fragments,
            classify,
            rules,
            claim,
            aliases,
            jobs,
            lexicon,
        } => {
            use_lexicon(lexicon.as_deref())?;
            let inputs = sources(&files);
            let classifier = classify
                .then(|| load_rules_for(&rules, is_bulk(&inputs)))
                .transpose()?;
            let claim = claim_arg(claim, aliases)?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let with = classifier.as_ref().map(|c| (c, claim.as_ref()));
            stance::stream::extract_stream(&inputs, !no_fragments, with, jobs, &mut out)?;
            Ok(SUCCESS)
        }
        Command::EvalExtract {
            gold,
            articles,
            format,
            min_recall,
            min_precision,
            min_speaker_accuracy,
            brat,
            direct_only,
            records,
            lexicon,
        } => {
            use_lexicon(lexicon.as_deref())?;
            if let Some(dir) = brat {
                use stance::eval_extract::brat::{Scored, report_text};
                let what = match (&records, direct_only) {
                    (Some(file), _) => Scored::Records(file),
                    (None, true) => Scored::DirectOnly,
                    (None, false) => Scored::All,
                };
                emit(&report_text(&dir, format == EvalFormat::Json, what)?)?;
                return Ok(SUCCESS);
            }
            let gold = GoldSet::load(&gold)?;
            let r = stance::eval_extract::evaluate_extraction(&gold, &articles)?;
            let text = match format {
                EvalFormat::Json => format!(
                    "{:#}\n",
                    serde_json::to_value(&r).map_err(|e| Error::Usage(e.to_string()))?
                ),
                EvalFormat::Table => report::extraction_report(&r, ReportStyle::Terminal),
                EvalFormat::Markdown => report::extraction_report(&r, ReportStyle::Markdown),
            };
            emit(&text)?;
            let gates = [
                (
                    "statement span recall (exact)",
                    min_recall,
                    r.statements.exact.recall,
                ),
                (
                    "statement span precision (exact)",
                    min_precision,
                    r.statements.exact.precision,
                ),
                (
                    "speaker accuracy",
                    min_speaker_accuracy,
                    r.statements.speaker_accuracy,
                ),
            ];
            let missed: Vec<String> = gates
                .iter()
                .filter_map(|(name, min, got)| {
                    min.filter(|m| got + 1e-12 < *m)
                        .map(|m| format!("{name} {got:.3} < {m:.3}"))
                })
                .collect();
            Ok(gate_exit(&missed))
        }
    }
}
