//! The binary as a user meets it: help text, reports, exit codes, errors.

use std::process::Command;

use std::io::Write;
use std::process::{Output, Stdio};

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

fn run_with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stance() -> Command {
    let mut c = Command::new(get_cargo_bin("stance"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

#[test]
fn help() {
    assert_cmd_snapshot!(stance().arg("--help"));
}

#[test]
fn eval_help() {
    assert_cmd_snapshot!(stance().args(["eval", "--help"]));
}

#[test]
fn eval_report_markdown() {
    assert_cmd_snapshot!(stance().args([
        "eval",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
        "--format",
        "markdown"
    ]));
}

#[test]
fn classify_reads_stdin_and_answers_each_record() {
    assert_cmd_snapshot!(stance().arg("classify").pass_stdin(
        "{\"id\":\"a\",\"text\":\"I can’t confirm those reports\"}\n{\"id\":\"b\",\"text\":\"Officials called it another hoax.\"}\n{\"id\":\"c\",\"text\":\"There is no doubt troops are there.\"}\n"
    ));
}

#[test]
fn explain_shows_why() {
    assert_cmd_snapshot!(stance().args(["explain", "We can confirm that the reports are false."]));
}

#[test]
fn check_passes_on_the_default_rules() {
    let out = stance().arg("check").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn missed_floor_exits_1_after_printing_the_report() {
    let out = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--min-macro-f1",
            "0.999",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["gates"][0]["passed"], false);
    assert!(String::from_utf8_lossy(&out.stderr).contains("quality gate missed: macro.f1"));
}

#[test]
fn usage_errors_exit_2() {
    let out = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--min-macro-f1",
            "7",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = stance().args(["classify", "--bogus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_rules_file_exits_2_with_location() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.toml");
    std::fs::write(
        &p,
        "[[rule]]\nid = \"x\"\nlabel = \"maybe\"\ndescription = \"d\"\nphrases = [\"a\"]\n",
    )
    .unwrap();
    let out = stance()
        .args(["check", "--rules"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("r.toml:3:9: rule `x`: unknown label `maybe`"),
        "{err}"
    );
}

#[test]
fn malformed_input_line_is_answered_in_place_and_exits_1() {
    let mut cmd = stance();
    cmd.arg("classify");
    let out = run_with_stdin(
        cmd,
        b"{\"text\":\"fine\"}\nnot json\n{\"text\":\"also fine\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[1].contains("\"error\":\"<stdin>:2:"), "{}", lines[1]);
}

#[test]
fn extract_piped_into_classify_equals_the_single_pass() {
    let claim = "Brightwell's Aurora kettles can overheat and start fires";
    let articles = "tests/fixtures/heldout/articles";
    let extracted = stance().args(["extract", articles]).output().unwrap();
    assert_eq!(extracted.status.code(), Some(0));
    let mut cmd = stance();
    cmd.args(["classify", "--format", "json", "--claim", claim]);
    let piped = run_with_stdin(cmd, &extracted.stdout);
    let single = stance()
        .args(["extract", "--classify", "--claim", claim, articles])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&piped.stdout),
        String::from_utf8_lossy(&single.stdout)
    );
    let records: Vec<serde_json::Value> = single
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(
        records.len(),
        extracted.stdout.iter().filter(|&&b| b == b'\n').count()
    );
    let statement = records
        .iter()
        .find(|r| r["doc"] == "h02.txt" && r["speaker"] == "Brightwell" && r["kind"] == "direct")
        .expect("the company's statement about its kettles");
    assert_eq!(
        (statement["input_cue"].as_str(), statement["label"].as_str()),
        (Some("said in a statement"), Some("affirming"))
    );
    // Quotes of articles about other things are not about the claim.
    assert!(
        records
            .iter()
            .filter(|r| r["doc"] == "h01.txt")
            .all(|r| r["label"] == "none")
    );
    // Reported speech is extracted too, as `indirect` records.
    assert!(records.iter().any(|r| r["kind"] == "indirect"));
    assert!(records.iter().any(|r| r["kind"] == "direct"));
}
