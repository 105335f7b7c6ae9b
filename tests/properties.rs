//! Properties that must hold for any input (proptest).

use proptest::prelude::*;
use stance::{Claim, Classifier, Source, StreamOptions, classify_stream};

fn classifier() -> &'static Classifier {
    static C: std::sync::OnceLock<Classifier> = std::sync::OnceLock::new();
    C.get_or_init(Classifier::with_default_rules)
}

/// Text mixing rule words, negators, quote marks, odd spaces and arbitrary chars.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "not",
        "no",
        "hoax",
        "confirm",
        "can’t",
        "can't",
        "no doubt",
        "reportedly",
        "?",
        ".",
        ",",
        " ",
        "\u{2009}",
        "\u{a0}",
        "“",
        "”",
        "'",
        "\"",
        "deny",
        "false",
        "é",
        "日本",
        "\u{FEFF}",
        "but",
        "-",
        "troops",
        "Korea",
        "claims",
        ":",
        "\t",
        "don't",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(String::from),
            any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

fn run(input: &str, options: &StreamOptions) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in");
    std::fs::write(&path, input).unwrap();
    let mut out = Vec::new();
    classify_stream(classifier(), &[Source::File(path)], options, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A fixed seed: the same cases on every run, so CI never fails at random.
/// Change it (or set PROPTEST_RNG_SEED) to explore other cases locally.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x57A4_CE00_0000_0011),
        ..ProptestConfig::default()
    }
}

/// What the line reader counts as blank: only ASCII whitespace and
/// byte-order marks (see `docs/reliability.md`).
fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii_whitespace() || c == '\u{FEFF}')
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn spans_are_char_boundaries_inside_the_text(text in newsy_text(), with_claim in any::<bool>()) {
        let claim = Claim::new("Korea sent troops");
        let claim = with_claim.then_some(&claim);
        let d = classifier().classify(&text, claim);
        if let Some((s, e)) = d.span {
            prop_assert!(s < e && e <= text.len());
            prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        }
        for cue in classifier().explain(&text, claim).cues {
            let (s, e) = cue.span;
            prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        }
    }

    #[test]
    fn classify_is_deterministic_and_explain_agrees(text in newsy_text()) {
        let a = classifier().classify(&text, None);
        let b = classifier().classify(&text, None);
        let e = classifier().explain(&text, None).decision;
        prop_assert_eq!((a.label, a.span, a.rule.map(|r| &r.id)), (b.label, b.span, b.rule.map(|r| &r.id)));
        prop_assert_eq!((a.label, a.span, a.rule.map(|r| &r.id)), (e.label, e.span, e.rule.map(|r| &r.id)));
    }

    #[test]
    fn one_answer_per_record_in_order(texts in prop::collection::vec(newsy_text(), 0..30), jobs in 1usize..4) {
        // JSON Lines: every record is answered once, in order, with its id.
        let mut input = String::new();
        for (i, t) in texts.iter().enumerate() {
            input.push_str(&serde_json::json!({"id": format!("r{i}"), "text": t}).to_string());
            input.push('\n');
        }
        let out = run(&input, &StreamOptions { jobs, ..Default::default() });
        prop_assert_eq!(out.len(), texts.len());
        for (i, v) in out.iter().enumerate() {
            let id = format!("r{i}");
            prop_assert_eq!(v["id"].as_str(), Some(id.as_str()));
            prop_assert_eq!(v["text"].as_str(), Some(texts[i].as_str()));
        }
        // The same texts as plain lines: one answer per line, blank ones
        // included, numbered by line and carrying the line's text.
        let lines: Vec<String> = texts.iter().map(|t| t.replace(['\n', '\r'], " ")).collect();
        let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let out = run(&input, &StreamOptions { plain: true, jobs, ..Default::default() });
        prop_assert_eq!(out.len(), lines.len());
        for (i, v) in out.iter().enumerate() {
            prop_assert_eq!(v["id"].as_u64(), Some(i as u64 + 1));
            // The BOM that opens a file is its encoding signature, not text.
            let text = if i == 0 { lines[i].strip_prefix('\u{FEFF}').unwrap_or(&lines[i]) } else { &lines[i] };
            prop_assert_eq!(v["text"].as_str(), Some(text));
            prop_assert_eq!(v["reason"] == "blank", is_blank(text));
        }
    }
}

#[test]
fn a_line_of_only_a_byte_order_mark_is_blank_at_the_start_and_later() {
    // The case that made `one_answer_per_record_in_order` fail at random.
    let plain = StreamOptions {
        plain: true,
        ..Default::default()
    };
    let at_start = run("\u{FEFF}\nhoax\n", &plain);
    let later = run("hoax\n\u{FEFF}\nhoax\n", &plain);
    assert_eq!(at_start.len(), 2, "{at_start:?}");
    assert_eq!(later.len(), 3, "{later:?}");
    // Plain lines: every line is answered; a blank one gets `none` because
    // it is blank, wherever it stands.
    assert_eq!(at_start[0]["reason"], "blank", "{at_start:?}");
    assert_eq!(later[1]["reason"], "blank", "{later:?}");
    assert_eq!(later[2]["id"], 3, "plain ids are line numbers");
    // JSON Lines: the same line is blank too, not an error record.
    let json = run(
        "{\"text\":\"a\"}\n\u{FEFF}\n{\"text\":\"b\"}\n",
        &StreamOptions::default(),
    );
    assert_eq!(json.len(), 2, "{json:?}");
    assert!(json.iter().all(|v| v.get("error").is_none()));
}

#[test]
fn output_is_the_same_on_one_and_many_threads() {
    let mut input = String::new();
    for i in 0..20_000 {
        input.push_str(&format!(
            "Line {i}: officials {} the report\n",
            ["deny", "confirm", "can't confirm", "discuss"][i % 4]
        ));
    }
    let one = run(
        &input,
        &StreamOptions {
            plain: true,
            jobs: 1,
            ..Default::default()
        },
    );
    let four = run(
        &input,
        &StreamOptions {
            plain: true,
            jobs: 4,
            ..Default::default()
        },
    );
    assert_eq!(one.len(), 20_000);
    assert_eq!(one, four);
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn extract_never_panics_and_spans_are_the_text(text in prop::collection::vec(prop_oneof![
        prop::sample::select(vec!["\"", "“", "”", "‘", "’", "'", " said ", "he said", "\n\n", "\n", ",", ".", "Ann Lee", "the agency", "\u{a0}", "\u{2009}", "according to "]).prop_map(String::from),
        "[a-zA-Z ]{0,12}",
        any::<char>().prop_map(String::from),
    ], 0..60).prop_map(|v| v.concat())) {
        let quotes = stance::extract_quotes(&text);
        for q in &quotes {
            prop_assert!(q.start <= q.end && q.end <= text.len());
            prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
        }
    }
}
