#[test]
fn a_record_claim_with_no_key_term_is_an_error_record() {
    let (out, s) = run(
        "{\"text\":\"It was a hoax\",\"claim\":\"the\"}\n{\"text\":\"It was a hoax\",\"claim\":\"the meteorite\"}\n",
        &StreamOptions::default(),
    );
    assert_eq!(s.errors, 1, "{out}");
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert!(
        first["error"].as_str().unwrap().contains("has no key term"),
        "{out}"
    );
    assert!(out.lines().nth(1).unwrap().contains("\"label\":"), "{out}");
}

use super::*;

fn run(input: &str, options: &StreamOptions) -> (String, StreamSummary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, input).unwrap();
    let c = Classifier::with_default_rules();
    let mut out = Vec::new();
    let s = classify_stream(&c, &[Source::File(path)], options, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), s)
}

#[test]
fn json_records_keep_their_fields_and_id() {
    let (out, s) = run(
        "{\"id\": \"q-1\", \"speaker\": \"A\", \"text\": \"I can’t confirm those reports\"}\n",
        &StreamOptions::default(),
    );
    assert_eq!(
        s,
        StreamSummary {
            records: 1,
            errors: 0,
            closed: false
        }
    );
    assert_eq!(
        out,
        "{\"id\": \"q-1\", \"speaker\": \"A\", \"text\": \"I can’t confirm those reports\",\"label\":\"uncertain\",\"reason\":\"rule\",\"rule\":\"affirm.confirmation\",\"cue\":\"confirm\",\"span\":[10,17]}\n"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["speaker"], "A");
}

#[test]
fn missing_id_gets_the_record_number_and_errors_keep_their_place() {
    let (out, s) = run(
        "{\"text\":\"It was a hoax\"}\n{\"text\": 3}\n\n{broken\n{\"txt\":\"x\"}\n{\"text\":\"Fine\"}\n",
        &StreamOptions::default(),
    );
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        (lines[0]["id"].as_u64(), lines[0]["label"].as_str()),
        (Some(1), Some("denying"))
    );
    assert!(
        lines[1]["error"].as_str().unwrap().contains(":2:"),
        "{}",
        lines[1]
    );
    assert!(lines[1]["error"].as_str().unwrap().contains("invalid type"));
    assert_eq!(lines[2]["line"], 4);
    assert!(
        lines[3]["error"]
            .as_str()
            .unwrap()
            .contains("missing field `text`")
    );
    assert_eq!(lines[4]["id"], 5);
    assert_eq!(s.errors, 3);
}

#[test]
fn record_claims_override_the_default() {
    let opts = StreamOptions {
        claim: Some(Claim::new("The mayor resigned")),
        ..Default::default()
    };
    let (out, _) = run(
        "{\"text\":\"The weather is a hoax\"}\n{\"text\":\"The weather is a hoax\",\"claim\":\"bad weather\"}\n",
        &opts,
    );
    let labels: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["label"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(labels, ["none", "denying"]);
}

#[test]
fn existing_output_fields_are_kept_as_input_fields() {
    let (out, _) = run(
        "{\"text\":\"It was a hoax\",\"label\":\"affirming\",\"cue\":\"said\"}\n",
        &StreamOptions::default(),
    );
    assert_eq!(
        out,
        "{\"text\":\"It was a hoax\",\"input_label\":\"affirming\",\"input_cue\":\"said\",\"id\":1,\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n"
    );
}

#[test]
fn records_with_output_fields_are_echoed_byte_for_byte_with_free_input_names() {
    let input = r#"{"id":"q", "text":"It was a hoax","label" : "denying","input_label":"affirming","big":18446744073709551616,"huge":1e400,"s":"caf\u00e9 \/","span":[1,2],"nested":{"label":1}}"#;
    let (out, s) = run(&format!("{input}\n"), &StreamOptions::default());
    assert_eq!(s.errors, 0, "{out}");
    let expected_head = r#"{"id":"q", "text":"It was a hoax","input_input_label" : "denying","input_label":"affirming","big":18446744073709551616,"huge":1e400,"s":"caf\u00e9 \/","input_span":[1,2],"nested":{"label":1}"#;
    assert!(out.starts_with(expected_head), "{out}");
    assert!(
        out.ends_with(
            ",\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n"
        ),
        "{out}"
    );
}

#[test]
fn never_more_workers_than_work_or_the_cap() {
    assert_eq!(worker_pool(4000, 1).unwrap().current_num_threads(), 1);
    assert_eq!(worker_pool(4000, 3).unwrap().current_num_threads(), 3);
    assert_eq!(
        worker_pool(4000, usize::MAX).unwrap().current_num_threads(),
        MAX_JOBS
    );
    assert_eq!(worker_pool(2, 0).unwrap().current_num_threads(), 1);
}

#[test]
fn plain_lines() {
    let opts = StreamOptions {
        plain: true,
        ..Default::default()
    };
    let (out, _) = run("It was a hoax\r\nDid it happen?\n", &opts);
    assert_eq!(
        out,
        "{\"id\":1,\"text\":\"It was a hoax\",\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n{\"id\":2,\"text\":\"Did it happen?\",\"label\":\"uncertain\",\"reason\":\"rule\",\"rule\":\"uncertain.question\",\"cue\":\"?\",\"span\":[13,14]}\n"
    );
}

#[test]
fn plain_answers_every_line_blank_ones_included_with_its_text() {
    let opts = StreamOptions {
        plain: true,
        ..Default::default()
    };
    let (out, s) = run(
        "It was a hoax\n\n  \t\nNot a \"hoax\" in caf\u{e9}s\n",
        &opts,
    );
    assert_eq!((s.records, s.errors), (4, 0));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let texts: Vec<&str> = lines.iter().map(|v| v["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        ["It was a hoax", "", "  \t", "Not a \"hoax\" in caf\u{e9}s"]
    );
    let ids: Vec<u64> = lines.iter().map(|v| v["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4], "ids are line numbers");
    for blank in &lines[1..3] {
        assert_eq!(
            (&blank["label"], &blank["reason"], &blank["span"]),
            (
                &serde_json::json!("none"),
                &serde_json::json!("blank"),
                &serde_json::Value::Null
            )
        );
    }
    assert_eq!(lines[0]["label"], "denying");
}

#[test]
fn error_records_carry_the_id_when_it_can_be_read_and_a_kind() {
    let input = b"{\"id\":\"a\",\"text\":3}\n{\"id\": 17, \"txt\":\"x\"}\n{\"id\":\"c\",\"text\":\n[1,2]\n{\"id\":\"e\",\"text\":\"caf\xE9\"}\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    std::fs::write(&path, input).unwrap();
    let c = Classifier::with_default_rules();
    let mut out = Vec::new();
    let s = classify_stream(
        &c,
        &[Source::File(path)],
        &StreamOptions::default(),
        &mut out,
    )
    .unwrap();
    assert_eq!(s.errors, 5);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(serde_json::Value, &str)> = lines
        .iter()
        .map(|v| {
            (
                v.get("id").cloned().unwrap_or_default(),
                v["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (serde_json::json!("a"), "field"),
            (serde_json::json!(17), "field"),
            (serde_json::Value::Null, "json"),
            (serde_json::Value::Null, "json"),
            (serde_json::Value::Null, "utf8"),
        ]
    );
    assert!(lines[1]["error"].as_str().unwrap().contains(":2:"));
    assert_eq!(lines[3]["line"], 4);
    // A doc outside the articles folder: the article cannot give the context.
    let (out, s) = run(
        "{\"id\":\"q\",\"doc\":\"../outside.txt\",\"start\":0,\"end\":1,\"text\":\"x\"}\n",
        &StreamOptions::default(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (s.errors, &v["id"], &v["kind"]),
        (1, &"q".into(), &"article".into())
    );
    // Plain lines: the error record keeps the line's number as its id.
    let opts = StreamOptions {
        plain: true,
        ..Default::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    std::fs::write(&path, b"fine\ncaf\xE9\n").unwrap();
    let mut out = Vec::new();
    classify_stream(&c, &[Source::File(path)], &opts, &mut out).unwrap();
    let second: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().lines().nth(1).unwrap()).unwrap();
    assert_eq!(
        (second["id"].as_u64(), second["kind"].as_str()),
        (Some(2), Some("utf8"))
    );
}

#[test]
fn extract_progress_is_told_the_total_then_each_article_written() {
    struct Seen(std::cell::RefCell<Vec<(char, u64)>>);
    impl ExtractProgress for Seen {
        fn found(&self, bytes: u64) {
            self.0.borrow_mut().push(('t', bytes));
        }
        fn written(&self, bytes: u64) {
            self.0.borrow_mut().push(('w', bytes));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let a = "\"It works,\" she said.\n";
    let b = "No quotes here at all.\n";
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::write(dir.path().join("sub/b.txt"), b).unwrap();
    std::fs::write(dir.path().join("notes.md"), "not an article").unwrap();
    let seen = Seen(Default::default());
    let mut out = Vec::new();
    let s = extract_stream(
        &[Source::File(dir.path().to_path_buf())],
        ExtractOptions::default(),
        None,
        1,
        Some(&seen),
        &mut out,
    )
    .unwrap();
    assert_eq!(s.quotes, 1);
    let total = (a.len() + b.len()) as u64;
    let mut seen = seen.0.into_inner();
    assert_eq!(seen.remove(0), ('t', total));
    seen.sort();
    assert_eq!(seen, vec![('w', a.len() as u64), ('w', b.len() as u64)]);
}
