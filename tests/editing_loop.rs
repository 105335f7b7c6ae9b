//! The rule-editing loop as a rule editor runs it: save a baseline, edit,
//! compare, watch.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn stance() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stance"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// A copy of the default rules in a temporary folder.
fn rules_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&p, rules.join(p.file_name().unwrap())).unwrap();
        }
    }
    (dir, rules)
}

/// Makes a rule set worse: without its denial rules.
fn make_worse(rules: &Path) {
    std::fs::remove_file(rules.join("denying.toml")).unwrap();
}

#[test]
fn baseline_passes_for_the_same_rules_and_fails_for_a_worse_copy() {
    let (dir, rules) = rules_copy();
    let base = dir.path().join("base.json");
    let out = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--format",
            "json",
            "--rules",
        ])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    std::fs::write(&base, &out.stdout).unwrap();

    let same = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--baseline",
        ])
        .arg(&base)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(
        same.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    assert!(String::from_utf8_lossy(&same.stdout).contains("No regression."));

    make_worse(&rules);
    let worse = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--format",
            "json",
            "--baseline",
        ])
        .arg(&base)
        .arg("--rules")
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(worse.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&worse.stdout).unwrap();
    let regressions: Vec<&str> = v["baseline"]["regressions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(
        regressions.contains(&"macro.f1") && regressions.contains(&"per_label.denying.f1"),
        "{regressions:?}"
    );
    assert!(String::from_utf8_lossy(&worse.stderr).contains("dropped against the baseline"));
}

#[test]
fn compare_reports_interval_mcnemar_and_flips() {
    let (_dir, rules) = rules_copy();
    make_worse(&rules);
    let out = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--format",
            "json",
            "--compare",
        ])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["comparison"];
    let ci = c["ci"].as_array().unwrap();
    assert!(
        ci[0].as_f64().unwrap() <= c["diff"].as_f64().unwrap()
            && c["diff"].as_f64().unwrap() <= ci[1].as_f64().unwrap()
    );
    assert!(
        c["diff"].as_f64().unwrap() < 0.0,
        "the copy without denial rules is worse"
    );
    assert!(c["mcnemar_p"].as_f64().unwrap() > 0.0 && c["mcnemar_p"].as_f64().unwrap() <= 1.0);
    assert!(c["flipped"].as_u64().unwrap() >= 1);
    let item = &c["items"][0];
    assert_eq!(item["old"], "denying");
    assert_eq!(item["gold"], "denying");
}

/// Runs `stance eval --watch` with `args` and collects its stdout and
/// stderr lines until `reports` reports were printed (each ends with the
/// watching marker, on stdout or, with `--format json`, on stderr), calling
/// `after` with the number of reports seen so far. Gives up after a minute.
fn watch_reports(
    args: &[&str],
    rules: &Path,
    reports: usize,
    mut after: impl FnMut(usize),
) -> (String, Option<i32>) {
    let mut child = stance()
        .args([
            "eval",
            "--watch",
            "--watch-limit",
            &reports.to_string(),
            "--rules",
        ])
        .arg(rules)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
    }
    drop(tx);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    let mut count = 0;
    while count < reports && Instant::now() < deadline {
        let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        let marker = line.contains("watching for changes");
        seen.push(line);
        if marker {
            count += 1;
            if count < reports {
                // Give the watcher a moment, then change the rules.
                std::thread::sleep(Duration::from_millis(300));
                after(count);
            }
        }
    }
    let code = if count == reports {
        let code = child.wait().unwrap().code();
        // The process has ended: take what is left on both pipes.
        seen.extend(rx.iter());
        code
    } else {
        let _ = child.kill();
        let _ = child.wait();
        None
    };
    (seen.join("\n"), code)
}

#[test]
fn watch_rescored_after_a_save() {
    let (_dir, rules) = rules_copy();
    let (text, _) = watch_reports(
        &["--gold", "tests/fixtures/heldout/gold.jsonl"],
        &rules,
        2,
        |_| make_worse(&rules),
    );
    assert_eq!(
        text.matches("watching for changes").count(),
        2,
        "expected a second report after the save:\n{text}"
    );
    assert!(text.contains("Against the baseline"), "{text}");
    assert!(text.contains("changed label since the last run"), "{text}");
}

#[test]
fn watch_rescored_when_the_rules_folder_is_replaced() {
    let (dir, rules) = rules_copy();
    // A second copy, made worse, that replaces the first as editors and
    // `git checkout` do: `mv r r.old; mv r.new r`.
    let new = dir.path().join("rules.new");
    std::fs::create_dir(&new).unwrap();
    for e in std::fs::read_dir(&rules).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, new.join(p.file_name().unwrap())).unwrap();
    }
    make_worse(&new);
    let (text, code) = watch_reports(
        &["--gold", "tests/fixtures/heldout/gold.jsonl"],
        &rules,
        2,
        |_| {
            std::fs::rename(&rules, dir.path().join("rules.old")).unwrap();
            std::fs::rename(&new, &rules).unwrap();
        },
    );
    assert_eq!(code, Some(0), "two reports, then the limit:\n{text}");
    assert!(text.contains("changed label since the last run"), "{text}");
}

#[test]
fn watch_keeps_the_format_and_the_gates() {
    let (_dir, rules) = rules_copy();
    let (text, code) = watch_reports(
        &[
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--format",
            "json",
            "--min-macro-f1",
            "0.999",
        ],
        &rules,
        1,
        |_| {},
    );
    assert_eq!(code, Some(1), "a missed gate exits 1:\n{text}");
    let line = text
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("a JSON report");
    let report: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(report["gates"][0]["metric"], "macro.f1");
    assert_eq!(report["gates"][0]["passed"], false);
    assert!(text.contains("quality gate missed: macro.f1"), "{text}");
}
