//! Output for CI: JUnit XML from `check` and `eval`, GitHub annotations on
//! the line of a failing rule example or a missed floor, and the schema
//! version and rules hash of every JSON report.

mod common;

use common::{run, stderr, write};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args, b"");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A rule whose first example fails (line 7) and whose counter example
/// passes.
const FAILING_RULE: &str = r#"
[[rule]]
id = "deny.hoax"
label = "denying"
description = "d"
phrases = ["hoax"]
examples = ["It is a hoax.",
  "It is fake."]
counter_examples = ["Fine weather."]
"#;

#[test]
fn check_junit_has_one_case_per_example_and_fails_the_bad_one() {
    let summary = json(&["check", "--format", "json"]);
    let examples = summary["examples"].as_u64().unwrap() as usize;
    let out = run(&["check", "--format", "junit"], b"");
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert_eq!(xml.matches("<testcase ").count(), examples);
    assert!(xml.contains(&format!(
        "tests=\"{examples}\" skipped=\"0\" failures=\"0\""
    )));

    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "r.toml", FAILING_RULE.as_bytes());
    let rules = rules.to_str().unwrap();
    let out = run(&["check", "--rules", rules, "--format", "junit"], b"");
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(
        xml.contains("tests=\"3\" skipped=\"0\" failures=\"1\""),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"expected denying with deny.hoax firing"),
        "{xml}"
    );
    assert!(xml.contains(&format!("{rules}:8:3")), "{xml}");
}

#[test]
fn check_github_puts_an_error_on_the_line_of_the_failing_example() {
    let dir = tempfile::tempdir().unwrap();
    let rules = write(dir.path(), "r.toml", FAILING_RULE.as_bytes());
    let rules = rules.to_str().unwrap();
    let out = run(&["check", "--rules", rules, "--format", "github"], b"");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(
        errors[0].starts_with(&format!(
            "::error file={rules},line=8,title=rule deny.hoax::\"It is fake.\": expected denying"
        )),
        "{text}"
    );
    // The embedded rules are named as the repository's files.
    let out = run(&["check", "--format", "github"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(!stdout(&out).contains("::error"));
}

#[test]
fn eval_gates_as_junit_and_as_annotations_on_the_floor_line() {
    let out = run(
        &[
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--min-accuracy",
            "0.1",
            "--min-macro-f1",
            "0.999",
            "--format",
            "junit",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(
        xml.contains("tests=\"2\" skipped=\"0\" failures=\"1\""),
        "{xml}"
    );
    assert!(
        xml.contains("<testcase name=\"macro.f1 &gt;= 0.999\" classname=\"tests/fixtures/heldout/gold.jsonl\">"),
        "{xml}"
    );

    let dir = tempfile::tempdir().unwrap();
    let floors = write(
        dir.path(),
        "floors.toml",
        b"# too high on purpose\n[[floor]]\ngold = \"gold.jsonl\"\naccuracy = 0.5\nmacro_f1 = 0.999\n",
    );
    let floors = floors.to_str().unwrap();
    let out = run(
        &[
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--floors",
            floors,
            "--format",
            "github",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "::error file={floors},line=5,title=quality gate missed::macro.f1 "
        )),
        "{text}"
    );
    assert_eq!(text.matches("::error").count(), 1, "{text}");

    // Without any gate there is nothing to report: a usage error.
    let out = run(
        &[
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--format",
            "junit",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_json_report_has_a_schema_version_and_the_rules_hash() {
    let rules = json(&["rules", "--format", "json"]);
    let check = json(&["check", "--format", "json"]);
    let eval = json(&[
        "eval",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
        "--format",
        "json",
    ]);
    let folder = json(&[
        "eval",
        "--rules",
        "rules/",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
        "--format",
        "json",
    ]);
    let extract = json(&[
        "eval-extract",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
        "--format",
        "json",
    ]);
    let agree = json(&[
        "agree",
        "gold/fnc1/dev.jsonl",
        "gold/fnc1/second/dev.jsonl",
        "--format",
        "json",
    ]);
    for r in [&rules, &check, &eval, &folder, &extract, &agree] {
        assert_eq!(r["schema_version"], stance::SCHEMA_VERSION);
    }
    let digest = rules["rules_digest"].as_str().unwrap();
    assert_eq!(digest.len(), 32);
    for r in [&check, &eval, &folder] {
        assert_eq!(r["rules_digest"], digest, "the embedded rules are rules/");
    }
}
