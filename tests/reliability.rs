//! Bad input never crashes, hangs or loses a record. One test per row of the
//! table in docs/reliability.md, run against the real binary.

use std::process::Stdio;

mod common;

use common::{check_rules, run, stance, stderr, stdout_lines, write};

// ---- input lines -------------------------------------------------------

#[test]
fn malformed_json_missing_or_non_string_text_and_invalid_utf8_are_answered_in_place() {
    let input = b"{\"text\":\"ok\"}\n{\"text\": \n{\"id\":7}\n{\"text\":[1]}\n{\"text\":\"caf\xE9\"}\n[1,2]\n{\"text\":\"last\"}\n";
    let out = run(&["classify"], input);
    assert_eq!(out.status.code(), Some(1));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 7, "one answer per record");
    assert_eq!(lines[0]["label"], "affirming");
    for (i, what) in [
        (1, "the text ends inside"),
        (2, "missing field `text`"),
        (3, "invalid type"),
        (4, "invalid UTF-8"),
        (5, "invalid type"),
    ] {
        let e = lines[i]["error"].as_str().unwrap();
        assert!(
            e.starts_with(&format!("<stdin>:{}:", i + 1)) && e.contains(what),
            "{e}"
        );
    }
    let kinds: Vec<&str> = lines[1..6]
        .iter()
        .map(|v| v["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["json", "field", "field", "utf8", "json"]);
    assert_eq!(
        lines[2]["id"], 7,
        "an error record carries the id it could read"
    );
    assert!(
        lines[1].get("id").is_none(),
        "no id can be read from broken JSON"
    );
    assert_eq!(lines[6]["id"], 7, "records keep their numbers after errors");
    assert!(stderr(&out).contains("5 of 7 records could not be read"));
}

#[test]
fn bom_crlf_and_blank_lines() {
    let out = run(
        &["classify", "--plain"],
        b"\xEF\xBB\xBFIs it a hoax?\r\n\r\n   \nIt happened.\r\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 4, "plain: every line is answered");
    assert_eq!(
        (
            lines[0]["id"].as_u64(),
            lines[0]["text"].as_str(),
            lines[0]["cue"].as_str()
        ),
        (Some(1), Some("Is it a hoax?"), Some("hoax?")),
        "BOM and CR removed"
    );
    for (i, text) in [(1, ""), (2, "   ")] {
        assert_eq!(lines[i]["id"], i + 1, "plain ids are line numbers");
        assert_eq!(lines[i]["text"], text);
        assert_eq!(
            (&lines[i]["label"], &lines[i]["reason"]),
            (&"none".into(), &"blank".into())
        );
    }
    assert_eq!(lines[3]["text"], "It happened.");
    // JSON Lines: a blank line is no record, and ids count records.
    let out = run(
        &["classify"],
        b"{\"text\":\"a\"}\r\n\r\n   \n{\"text\":\"b\"}\n",
    );
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 2, "blank lines are not JSON records");
    assert_eq!(
        lines[1]["id"], 2,
        "ids number the records; blank lines are none"
    );
}

#[test]
fn empty_input_gives_empty_output() {
    let out = run(&["classify"], b"");
    assert_eq!((out.status.code(), out.stdout.len()), (Some(0), 0));
}

#[test]
fn a_20_mb_line_is_one_record() {
    let mut text = "The report is false. ".repeat(20 * 1024 * 1024 / 21);
    text.push('\n');
    let out = run(&["classify", "--plain"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["label"], "denying");
}

#[test]
fn missing_or_unreadable_files_are_named_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.jsonl", b"{\"text\":\"fine\"}\n");
    let missing = dir.path().join("missing.jsonl");
    let out = stance()
        .arg("classify")
        .arg(&good)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no partial output");
    assert!(
        stderr(&out).contains("missing.jsonl: No such file"),
        "{}",
        stderr(&out)
    );
    let out = stance().arg("classify").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a folder"), "{}", stderr(&out));
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(
        dir.path(),
        "big.txt",
        "Officials deny the report.\n".repeat(300_000).as_bytes(),
    );
    // `stance classify big.txt | head -1`: the reader goes away after one line.
    let mut child = stance()
        .args(["classify", "--plain"])
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

// ---- rules -------------------------------------------------------------

const RULE: &str = "[[rule]]\nid = \"u.x\"\nlabel = \"uncertain\"\ndescription = \"d\"\nphrases = [\"maybe\"]\nexamples = [\"maybe so\"]\ncounter_examples = [\"yes\"]\n";

#[test]
fn rules_errors_name_file_line_column_and_rule() {
    let cases: Vec<(String, &str)> = vec![
        ("[[rule]\nid = 1\n".into(), "/r.toml:1:"),
        (
            RULE.replace("phrases", "phrasez"),
            "/r.toml:5:1: unknown field `phrasez`",
        ),
        (
            RULE.replace("\"uncertain\"", "\"unsure\""),
            "/r.toml:3:9: rule `u.x`: unknown label `unsure`",
        ),
        (
            format!("{RULE}{RULE}"),
            "/r.toml:8:1: rule `u.x`: duplicate rule id",
        ),
        (
            RULE.replace("[\"maybe\"]", "[\"maybe\", \"\"]"),
            "/r.toml:5:21: rule `u.x`: empty phrase",
        ),
        (
            RULE.replace("phrases = [\"maybe\"]", "patterns = ['(maybe']"),
            "/r.toml:5:13: rule `u.x`: invalid pattern",
        ),
        (
            RULE.replace(
                "phrases = [\"maybe\"]",
                "patterns = ['(\\w+\\s+){500}\\w{200}']",
            ),
            "/r.toml:5:13: rule `u.x`: pattern is too large",
        ),
    ];
    for (text, expected) in cases {
        let (code, err) = check_rules(&text);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    }
}

#[test]
fn a_hundred_thousand_rules_load() {
    let mut text = String::with_capacity(20 << 20);
    for i in 0..100_000 {
        text.push_str(&format!(
            "[[rule]]\nid = \"r.{i}\"\nlabel = \"denying\"\ndescription = \"generated\"\nphrases = [\"word{i}\", \"two words{i}\"]\nexamples = [\"word{i}\"]\ncounter_examples = [\"nothing\"]\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "many.toml", text.as_bytes());
    let out = run(
        &["classify", "--plain", "--rules", p.to_str().unwrap()],
        b"it is word99999 here\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_lines(&out)[0]["rule"], "r.99999");
}

// ---- gold --------------------------------------------------------------

#[test]
fn gold_errors_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "{\"id\":\"a\",\"text\":\"x\",\"label\":\"maybe\"}\n",
            ":1:30: unknown label \"maybe\"",
        ),
        (
            "{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n{\"id\":\"a\",\"text\":\"y\",\"label\":\"none\"}\n",
            ":2:1: duplicate id \"a\"",
        ),
        (
            "{\"id\":\"a\",\"label\":\"none\"}\n",
            ":1:1: missing field `text` (or `doc`, `start` and `end` to read it from an article)",
        ),
    ];
    for (text, expected) in cases {
        let g = write(dir.path(), "g.jsonl", text.as_bytes());
        let out = stance().args(["eval", "--gold"]).arg(&g).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "expected {expected:?} in {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn prediction_ids_that_do_not_match_the_gold() {
    let dir = tempfile::tempdir().unwrap();
    let g = write(
        dir.path(),
        "g.jsonl",
        b"{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n",
    );
    let p = write(
        dir.path(),
        "p.jsonl",
        b"{\"id\":\"b\",\"label\":\"none\"}\n",
    );
    let out = stance()
        .args(["eval", "--gold"])
        .arg(&g)
        .arg("--predictions")
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("p.jsonl:1:7: id \"b\" is not in the gold"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_baseline_that_is_not_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "base.json", b"{\"n\": 3}\n");
    let out = stance()
        .args([
            "eval",
            "--gold",
            "tests/fixtures/heldout/gold.jsonl",
            "--baseline",
        ])
        .arg(&b)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("base.json:1:") && stderr(&out).contains("not a report saved with"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
}
