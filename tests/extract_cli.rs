//! Extraction from the command line: a replaced lexicon, its errors, and
//! scoring on brat gold (PolNeAR, when `../shared` is present).

use std::path::Path;
use std::process::Output;

mod common;
use common::{run, stance};

const ARTICLE: &str =
    "Ana Lind spoke on Monday.\n\n\u{201C}We will not sell the port,\u{201D} Lind grumbled.";

fn speakers(out: &Output) -> Vec<Option<String>> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["speaker"].as_str().map(str::to_string)
        })
        .collect()
}

#[test]
fn a_lexicon_file_adds_a_reporting_verb() {
    let default = run(&["extract"], ARTICLE.as_bytes());
    assert!(default.status.success());
    assert_eq!(speakers(&default), vec![None]);

    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/extract/lexicon.toml"),
    )
    .unwrap();
    text = text.replacen("finite = [", "finite = [\"grumbled\", ", 1);
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, text).unwrap();
    let out = run(
        &["extract", "--lexicon", file.to_str().unwrap()],
        ARTICLE.as_bytes(),
    );
    assert!(out.status.success());
    assert_eq!(speakers(&out), vec![Some("Ana Lind".to_string())]);
}

#[test]
fn a_bad_lexicon_is_a_configuration_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[titles]\nwords = [\"coach\", \"Head Coach\"]\n").unwrap();
    let out = run(
        &["extract", "--lexicon", file.to_str().unwrap()],
        ARTICLE.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:2:19") && err.contains("Head Coach"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// PolNeAR's train part, when the shared data is there: the scores are
/// computed, and direct statements are found as well as they were when this
/// test was written (a floor well below the measured figure, so that only a
/// real regression trips it).
#[test]
fn polnear_train_scores() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear/train");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/data/polnear/train is not present");
        return;
    }
    let out = stance()
        .args(["eval-extract", "--format", "json", "--brat"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["docs"], 840);
    let f1 = |k: &str| r[k]["f1"].as_f64().unwrap();
    assert!(
        f1("direct_statements") > 0.85,
        "{}",
        f1("direct_statements")
    );
    assert!(f1("all") > 0.5, "{}", f1("all"));
    let name = r["direct_speakers"]["name"]["accuracy"].as_f64().unwrap();
    assert!(name > 0.75, "{name}");
    // mismatches are fields, not debug text
    let m = &r["mismatches"][0];
    assert!(m["doc"].is_string() && m["problem"].is_string() && m["start"].is_u64());
}
