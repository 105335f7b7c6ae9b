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

/// A file's identity and state: a run happens only when this changes for
/// some rules or gold file (reading the files also raises file events).
type Seen = (PathBuf, u64, Option<std::time::SystemTime>, u64);

/// Size, modification time and inode of every rules and gold file. The inode
/// tells a folder replaced by another (`mv r.new r`) from the old one even
/// when sizes and times agree.
fn fingerprint(rules: &Path, gold: &[PathBuf]) -> Vec<Seen> {
    let mut files: Vec<PathBuf> = Vec::new();
    let options = crate::input::WalkOptions {
        extensions: &["toml", "jsonl", "csv"],
        recursive: false,
        skip_binary: false,
        follow_links: true,
    };
    for p in std::iter::once(rules).chain(gold.iter().map(PathBuf::as_path)) {
        match crate::input::walk(p, options) {
            Ok(w) => files.extend(w.files.into_iter().map(|f| f.path)),
            Err(_) => files.push(p.to_path_buf()),
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            (f, len, modified, meta.as_ref().map_or(0, inode))
        })
        .collect()
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// Runs the watch loop: scores now, then after every debounced save under
/// `rules` or of a `gold` file, calling `show` with each run. Stops after
/// `limit` runs when given (for tests), otherwise never; an error from
/// `show` (output that cannot be written) stops it too.
pub fn watch(
    rules: &Path,
    gold: &[PathBuf],
    errors: bool,
    limit: Option<usize>,
    mut show: impl FnMut(Run) -> Result<()>,
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, tx)
        .map_err(|e| Error::System(format!("cannot watch files: {e}")))?;
    // Editors save by writing a new file and renaming it, and `git checkout`
    // or `mv r.new r` replace a whole folder: watch each folder itself and
    // the folder that holds it, then keep only events about our files.
    let mut targets: Vec<PathBuf> = Vec::new();
    let mut parents: Vec<PathBuf> = Vec::new();
    for p in std::iter::once(rules).chain(gold.iter().map(PathBuf::as_path)) {
        let abs = std::path::absolute(p).map_err(|e| Error::io(p, e))?;
        if !abs.exists() {
            return Err(Error::io(p, std::io::ErrorKind::NotFound.into()));
        }
        if let Some(parent) = abs.parent()
            && !parents.iter().any(|q| q == parent)
        {
            debouncer
                .watcher()
                .watch(parent, RecursiveMode::NonRecursive)
                .map_err(|e| Error::System(format!("cannot watch {}: {e}", parent.display())))?;
            parents.push(parent.to_path_buf());
        }
        if abs.is_dir() {
            debouncer
                .watcher()
                .watch(&abs, RecursiveMode::Recursive)
                .map_err(|e| Error::System(format!("cannot watch {}: {e}", abs.display())))?;
        }
        targets.push(abs);
    }
    let relevant = |p: &Path| {
        let ours = targets.iter().any(|t| p.starts_with(t));
        let kind = p
            .extension()
            .is_some_and(|e| e == "toml" || e == "jsonl" || e == "csv");
        ours && (kind || targets.iter().any(|t| p == t))
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
                })?;
                previous = Some((report, predictions));
            }
            Err(e) => show(Run::Failed(e))?,
        }
        runs += 1;
        if limit.is_some_and(|l| runs >= l) {
            return Ok(());
        }
        // Wait for a save that concerns us and changed something. A folder
        // replaced by another is watched again under its name.
        loop {
            match rx.recv() {
                Ok(Ok(events)) => {
                    for t in targets.iter().filter(|t| t.is_dir()) {
                        if events.iter().any(|e| &e.path == t) {
                            let _ = debouncer.watcher().unwatch(t);
                            let _ = debouncer.watcher().watch(t, RecursiveMode::Recursive);
                        }
                    }
                    if events.iter().any(|e| relevant(&e.path)) && fingerprint(rules, gold) != seen
                    {
                        break;
                    }
                }
                Ok(Err(_)) => continue,
                Err(_) => return Ok(()),
            }
        }
    }
}
