//! `stance eval --watch`: re-score whenever a rules or gold file is saved,
//! and show what changed since the previous run. A half-edited rules file
//! is reported and the loop goes on.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};

use crate::classify::Classifier;
use crate::error::{Error, Result};
use crate::eval::{Flip, Prediction, Report, evaluate_predictions, flips, predict};
use crate::gold::GoldSet;
use crate::rules::RuleSet;

/// How long to wait after the last save before re-scoring.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// One run of the loop: a report with what changed since the previous good
/// run, or the error that stopped this one.
pub enum Run {
    /// Rules and gold loaded and scored.
    Scored {
        /// The report, with `baseline` set to the changes since the last run.
        report: Box<Report>,
        /// Items whose label changed since the last run.
        flipped: Vec<Flip>,
    },
    /// Rules or gold could not be loaded.
    Failed(Error),
}

fn score_once(rules: &Path, gold: &[PathBuf], errors: bool) -> Result<(Report, Vec<Prediction>)> {
    let classifier = Classifier::new(RuleSet::from_path(rules)?)?;
    let gold = GoldSet::load(gold)?;
    let predictions = predict(&classifier, &gold);
    let report = evaluate_predictions(&classifier, &gold, &predictions, errors);
    Ok((report, predictions))
}

/// Size and modification time of every rules and gold file: a run happens
/// only when this changes (reading the files also raises file events).
fn fingerprint(
    rules: &Path,
    gold: &[PathBuf],
) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut files: Vec<PathBuf> = Vec::new();
    for p in std::iter::once(rules).chain(gold.iter().map(PathBuf::as_path)) {
        match std::fs::read_dir(p) {
            Ok(entries) => files.extend(entries.filter_map(|e| e.ok().map(|e| e.path()))),
            Err(_) => files.push(p.to_path_buf()),
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (f, len, modified)
        })
        .collect()
}

/// Runs the watch loop: scores now, then after every debounced save under
/// `rules` or of a `gold` file, calling `show` with each run. Stops after
/// `limit` runs when given (for tests), otherwise never.
pub fn watch(
    rules: &Path,
    gold: &[PathBuf],
    errors: bool,
    limit: Option<usize>,
    mut show: impl FnMut(Run),
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, tx)
        .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    // Editors often save by writing a new file and renaming it: watch the
    // folders, then keep only events about our files.
    let mut watched: Vec<PathBuf> = Vec::new();
    let mut targets: Vec<PathBuf> = Vec::new();
    for p in std::iter::once(rules).chain(gold.iter().map(PathBuf::as_path)) {
        let abs = std::fs::canonicalize(p).map_err(|e| Error::io(p, e))?;
        let dir = if abs.is_dir() {
            abs.clone()
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs.clone())
        };
        if !watched.contains(&dir) {
            debouncer
                .watcher()
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", dir.display())))?;
            watched.push(dir);
        }
        targets.push(abs);
    }
    let relevant = |p: &Path| {
        let ours = targets.iter().any(|t| p.starts_with(t) || p == t);
        let kind = p
            .extension()
            .is_some_and(|e| e == "toml" || e == "jsonl" || e == "csv");
        ours && kind
    };
    let mut previous: Option<(Report, Vec<Prediction>)> = None;
    let mut runs = 0;
    loop {
        let seen = fingerprint(rules, gold);
        match score_once(rules, gold, errors) {
            Ok((mut report, predictions)) => {
                let mut flipped = Vec::new();
                if let Some((prev_report, prev_predictions)) = &previous {
                    let _ = report.compare_with(prev_report, 0.0); // both have digests
                    flipped = flips(prev_predictions, &predictions);
                }
                show(Run::Scored {
                    report: Box::new(report.clone()),
                    flipped,
                });
                previous = Some((report, predictions));
            }
            Err(e) => show(Run::Failed(e)),
        }
        runs += 1;
        if limit.is_some_and(|l| runs >= l) {
            return Ok(());
        }
        // Wait for a save that concerns us and changed something.
        loop {
            match rx.recv() {
                Ok(Ok(events))
                    if events.iter().any(|e| relevant(&e.path))
                        && fingerprint(rules, gold) != seen =>
                {
                    break;
                }
                Ok(_) => continue,
                Err(_) => return Ok(()),
            }
        }
    }
}
