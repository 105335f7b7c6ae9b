//! `stance eval`: score rules against gold, with gates, a baseline, a
//! second rule set to compare, or a watch loop.

use stance::eval::{self, Floors, Metric, Part, Report};
use stance::{Classifier, Error, GoldSet, ReportStyle, RuleSet, WatchRun, report};

use super::{json, load_rules};
use crate::cli::{EvalArgs, EvalReportFormat};
use crate::terminal::{FAILURE, SUCCESS, USAGE, emit, gate_exit, note};

pub fn run(args: EvalArgs) -> Result<i32, Error> {
    for (flag, v) in [
        ("--min-accuracy", args.min_accuracy),
        ("--min-macro-f1", args.min_macro_f1),
        ("--tolerance", Some(args.tolerance)),
    ] {
        if v.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
            return Err(Error::Usage(format!("{flag} takes a number from 0 to 1")));
        }
    }
    if args.gold.is_empty() {
        return Err(super::no_gold());
    }
    crate::terminal::detail(&format!(
        "gold: {}{}",
        args.gold
            .iter()
            .map(|g| g.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        args.floors
            .as_ref()
            .map_or(String::new(), |f| format!("; floors: {}", f.display()))
    ));
    let style = match args.format {
        EvalReportFormat::Markdown => ReportStyle::Markdown,
        _ => ReportStyle::Terminal,
    };
    if args.watch {
        if matches!(
            args.format,
            EvalReportFormat::Junit | EvalReportFormat::Github
        ) {
            return Err(Error::Usage(
                "--watch prints tables, Markdown or JSON; --format junit and github are for a single run".into(),
            ));
        }
        return watch(&args, style);
    }
    let floors = args.floors.as_deref().map(Floors::load).transpose()?;
    let saved = args.baseline.as_deref().map(Report::load).transpose()?;
    let classifier = load_rules(&args.rules)?;
    let other = args
        .compare
        .as_deref()
        .map(|p| RuleSet::from_path(p).and_then(Classifier::new))
        .transpose()?;
    let gold = GoldSet::load(&args.gold)?;
    let predictions = match &args.predictions {
        Some(p) => eval::read_predictions(p, &gold)?,
        None => eval::predict(&classifier, &gold),
    };
    let mut report = eval::evaluate_predictions(&classifier, &gold, &predictions, args.errors);
    if args.predictions.is_some() {
        // The labels were made elsewhere, not by these rules.
        report.rules_digest = None;
    }
    if let Some(saved) = &saved {
        report.compare_with(saved, args.tolerance)?;
    }
    if let Some(other) = &other {
        report.comparison = Some(eval::compare(&predictions, &eval::predict(other, &gold)));
    }
    apply_gates(&mut report, floors.as_ref(), &args)?;
    let text = match args.format {
        EvalReportFormat::Table | EvalReportFormat::Markdown => report::eval_report(&report, style),
        EvalReportFormat::Json => json(&report, None)?,
        EvalReportFormat::Junit | EvalReportFormat::Github
            if report.gates.is_empty() && report.baseline.is_none() =>
        {
            return Err(Error::Usage(format!(
                "--format {} reports quality gates, and none was given: add --floors FILE, --min-accuracy, --min-macro-f1 or --baseline",
                if args.format == EvalReportFormat::Junit {
                    "junit"
                } else {
                    "github"
                }
            )));
        }
        EvalReportFormat::Junit => report::gates_junit(&report),
        EvalReportFormat::Github => report::gates_github(&report, floors.as_ref()),
        EvalReportFormat::Html => {
            let wrong = eval::inspect::trace_wrong(
                &classifier,
                &gold,
                &predictions,
                args.predictions.is_none(),
            );
            report::eval_html(&report, &wrong)
        }
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| Error::io(path, e))?;
            note(&format!("wrote {} ({} bytes)", path.display(), text.len()));
        }
        None => {
            emit(&text)?;
        }
    }
    Ok(gate_exit(&report.missed()))
}

/// The gates of the command line and of `--floors`, applied to a report.
fn apply_gates(report: &mut Report, floors: Option<&Floors>, args: &EvalArgs) -> Result<(), Error> {
    if let Some(f) = floors {
        report.apply_floors(f)?;
    }
    if let Some(v) = args.min_accuracy {
        report.gate(Metric::Accuracy, v);
    }
    if let Some(v) = args.min_macro_f1 {
        report.gate(Metric::Macro(Part::F1), v);
    }
    Ok(())
}

/// `--watch`: re-score on every save until interrupted (or `--watch-limit`
/// runs), with the same format and gates as a single run. Each run prints
/// its report; a missed gate is said on stderr. The exit code is that of
/// the last run.
/// An error of one watched run: drawn with its source line on a terminal
/// (a typo in a rules file while editing is the common case), one line in
/// JSON and Markdown.
fn watch_error(e: &Error, format: EvalReportFormat) -> String {
    match format {
        EvalReportFormat::Table => stance::render_error(e, stance::ErrorStyle::Color),
        _ => format!("error: {e}\n"),
    }
}

fn watch(args: &EvalArgs, style: ReportStyle) -> Result<i32, Error> {
    let Some(rules_path) = &args.rules.rules else {
        return Err(Error::Usage(
            "--watch needs --rules PATH (the files to watch)".into(),
        ));
    };
    let floors = args.floors.as_deref().map(Floors::load).transpose()?;
    let mut code = SUCCESS;
    stance::watch(
        rules_path,
        &args.gold,
        args.errors,
        args.watch_limit,
        |run| {
            let text = match run {
                WatchRun::Scored {
                    mut report,
                    flipped,
                } => {
                    // Changes since the last run are shown, not gated.
                    report.baseline = report.baseline.take().map(|mut b| {
                        b.regressions.clear();
                        b
                    });
                    let gated = apply_gates(&mut report, floors.as_ref(), args);
                    let text = match (&gated, args.format) {
                        (Err(e), _) => watch_error(e, args.format),
                        (Ok(()), EvalReportFormat::Json) => {
                            let value = serde_json::to_value(&report).map_err(|e| {
                                Error::System(format!("cannot write the report as JSON: {e}"))
                            })?;
                            let mut line = stance::stamp(value, Option::None).to_string();
                            line.push('\n');
                            line
                        }
                        (Ok(()), _) => {
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
                    };
                    code = match gated {
                        Err(e) => {
                            if e.is_data() {
                                FAILURE
                            } else {
                                USAGE
                            }
                        }
                        Ok(()) => gate_exit(&report.missed()),
                    };
                    text
                }
                WatchRun::Failed(e) => {
                    code = if e.is_data() { FAILURE } else { USAGE };
                    watch_error(&e, args.format) + "(waiting for the next save)\n"
                }
            };
            // JSON Lines stay clean on stdout: the marker goes to stderr.
            let marker = "---- watching for changes (Ctrl-C to stop) ----";
            if args.format == EvalReportFormat::Json {
                emit(&text)?;
                note(marker);
            } else {
                emit(&format!("{text}\n{marker}\n"))?;
            }
            Ok(())
        },
    )?;
    Ok(code)
}
