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
            "gold/seeds.jsonl",
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
        .args(["eval", "--gold", "gold/seeds.jsonl", "--baseline"])
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
            "gold/seeds.jsonl",
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
            "gold/seeds.jsonl",
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

#[test]
fn watch_rescored_after_a_save() {
    let (_dir, rules) = rules_copy();
    let mut child = stance()
        .args([
            "eval",
            "--gold",
            "gold/seeds.jsonl",
            "--watch",
            "--watch-limit",
            "2",
            "--rules",
        ])
        .arg(&rules)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    let mut saved = false;
    let mut reports = 0;
    while reports < 2 && Instant::now() < deadline {
        let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) else {
            continue;
        };
        if line.contains("watching for changes") {
            reports += 1;
            if !saved {
                // Give the watcher a moment, then save an edit.
                std::thread::sleep(Duration::from_millis(300));
                make_worse(&rules);
                saved = true;
            }
        }
        seen.push(line);
    }
    let _ = child.kill();
    let _ = child.wait();
    let text = seen.join("\n");
    assert_eq!(
        reports, 2,
        "expected a second report after the save:\n{text}"
    );
    assert!(text.contains("Against the baseline"), "{text}");
    assert!(text.contains("changed label since the last run"), "{text}");
}
