//! Claims on the command line: refused when they could never match, and
//! explained when they do.

mod common;

/// Runs the binary from the repository root: (exit code, stdout, stderr).
fn stance(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = common::run(args, stdin.as_bytes());
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_claim_of_common_words_only_is_refused() {
    let (code, out, err) = stance(
        &["classify", "--format", "json", "--claim", "the"],
        "{\"text\":\"It was a hoax\"}\n",
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty());
    assert!(err.contains("has no key term"), "{err}");
}

#[test]
fn every_answer_says_why() {
    let (code, out, err) = stance(
        &[
            "classify",
            "--format",
            "json",
            "--claim",
            "A meteorite struck the stadium in Managua",
        ],
        // Quotes with their sentence (`context`) are held to the quote
        // thresholds; a bare text is taken as matched to its claim by hand.
        concat!(
            "{\"text\":\"The meteorite struck the stadium\",\"context\":\"She said the meteorite struck the stadium.\"}\n",
            "{\"text\":\"Managua is lovely\",\"context\":\"\\\"Managua is lovely,\\\" she said.\"}\n",
            "{\"text\":\"Managua is lovely\"}\n",
            "{\"text\":\"The meteorite story is a hoax\",\"context\":\"He said the meteorite story is a hoax.\"}\n",
        ),
    );
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let why: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap(),
                r["reason"].as_str().unwrap(),
                r["rule"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        why,
        [
            ("affirming", "fallback", "(fallback)"),
            ("none", "off-claim", "(off-claim)"),
            ("affirming", "fallback", "(fallback)"),
            ("denying", "rule", "deny.hoax"),
        ]
    );
}

#[test]
fn a_negative_claim_is_marked_on_the_answers_it_turns_around() {
    let (code, out, err) = stance(
        &[
            "classify",
            "--format",
            "json",
            "--claim",
            "The stadium meteorite video is a hoax",
        ],
        "{\"text\":\"The stadium meteorite video is fake\"}\n",
    );
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(r["label"], "affirming");
    assert_eq!(r["claim_polarity"], "negative");
}

#[test]
fn explain_shows_relevance_and_thresholds() {
    let (code, out, err) = stance(
        &[
            "explain",
            "--claim",
            "A meteorite struck the stadium in Managua",
            "--context",
            "Asked if a meteorite struck the stadium, she said it was fake.",
            "It was fake",
        ],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("the quote names 0.00 of the claim's weight"),
        "{out}"
    );
    assert!(out.contains("about the claim from 0.25"), "{out}");
}

#[test]
fn stand_off_records_read_their_text_and_score_alike_by_either_route() {
    let dir = tempfile::tempdir().unwrap();
    let article = "The council met on Monday.\n\n\u{201C}The bridge sale is a hoax,\u{201D} the mayor said. \u{201C}We sold the bridge,\u{201D} her deputy said later.\n";
    std::fs::create_dir(dir.path().join("articles")).unwrap();
    std::fs::write(dir.path().join("articles/a.txt"), article).unwrap();
    let span = |q: &str| {
        let s = article.find(q).unwrap();
        (s, s + q.len())
    };
    let (s1, e1) = span("The bridge sale is a hoax,");
    let (s2, e2) = span("We sold the bridge,");
    let gold = format!(
        "{{\"id\":\"q1\",\"doc\":\"a.txt\",\"start\":{s1},\"end\":{e1},\"claim\":\"The council sold the bridge\",\"label\":\"denying\"}}\n\
         {{\"id\":\"q2\",\"doc\":\"a.txt\",\"start\":{s2},\"end\":{e2},\"claim\":\"The council sold the bridge\",\"label\":\"affirming\"}}\n"
    );
    let gold_path = dir.path().join("g.jsonl");
    std::fs::write(&gold_path, &gold).unwrap();
    let g = gold_path.to_str().unwrap();
    let (code, predictions, err) = stance(&["classify", "--format", "json", g], "");
    assert_eq!(code, 0, "{err}");
    assert!(!predictions.contains("\"error\""), "{predictions}");
    let p = dir.path().join("p.jsonl");
    std::fs::write(&p, &predictions).unwrap();
    let by_eval = stance(&["eval", "--gold", g, "--format", "json"], "").1;
    let by_predictions = stance(
        &[
            "eval",
            "--gold",
            g,
            "--predictions",
            p.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    )
    .1;
    let figures = |report: &str| {
        let v: serde_json::Value = serde_json::from_str(report).unwrap();
        (v["accuracy"].clone(), v["macro"]["f1"].clone())
    };
    assert_eq!(figures(&by_eval), figures(&by_predictions));
    assert_eq!(figures(&by_eval).0, serde_json::json!(1.0));
}
