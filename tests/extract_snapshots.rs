//! One snapshot per bundled (invented) article: every quote extracted, with
//! speaker, cue and fragment flag. An extraction change shows up as a diff
//! here. The seed articles are not in the repository: their extraction is
//! checked against the stand-off seed gold when ../shared is present.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use stance::{GoldSet, extract_quotes};

fn listing(article: &str) -> String {
    let mut out = String::new();
    for q in extract_quotes(article) {
        out.push_str(&format!(
            "[{}..{}] {} | {} | {}\n    {}\n",
            q.start,
            q.end,
            if q.fragment { "fragment" } else { "statement" },
            q.speaker.as_deref().unwrap_or("-"),
            q.cue.as_deref().unwrap_or("-"),
            q.text
        ));
    }
    out
}

/// A quote as the seed gold records it: start, end, speaker, fragment.
type Span = (usize, usize, Option<String>, bool);

/// Every quote of every seed article, and nothing else, is a quote of the
/// seed gold: the same span, speaker and fragment flag.
#[test]
fn seed_articles_match_the_stand_off_gold() {
    if !common::seeds_present("seed article extraction against gold/seeds.jsonl") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = GoldSet::load(&[root.join("gold/seeds.jsonl")]).unwrap();
    let mut want: BTreeMap<String, Vec<Span>> = BTreeMap::new();
    for item in &gold.items {
        let (s, e) = item.span.expect("seed gold has offsets");
        want.entry(item.doc.clone().expect("seed gold names its article"))
            .or_default()
            .push((s, e, item.speaker.clone(), item.fragment));
    }
    let mut docs: Vec<String> = std::fs::read_dir(common::seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    docs.sort();
    assert_eq!(
        docs,
        want.keys().cloned().collect::<Vec<_>>(),
        "one gold set per article"
    );
    for doc in docs {
        let text = std::fs::read_to_string(common::seeds_dir().join(&doc)).unwrap();
        let got: Vec<_> = extract_quotes(&text)
            .into_iter()
            .map(|q| (q.start, q.end, q.speaker, q.fragment))
            .collect();
        assert_eq!(got, want[&doc], "{doc}");
    }
}

#[test]
fn heldout_articles() {
    insta::glob!("fixtures/heldout/articles", "*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(listing(&text));
    });
}

#[test]
fn a_50_mb_article_is_extracted() {
    let one = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout/articles/h01.txt"),
    )
    .unwrap();
    let per_copy = extract_quotes(&one).len();
    let copies = 50 * 1024 * 1024 / one.len();
    let mut big = String::with_capacity(copies * (one.len() + 2));
    for _ in 0..copies {
        big.push_str(&one);
        big.push_str("\n\n");
    }
    let quotes = extract_quotes(&big);
    assert_eq!(quotes.len(), per_copy * copies);
    assert!(
        quotes.windows(2).all(|w| w[0].end <= w[1].start),
        "in text order, not overlapping"
    );
}

#[test]
fn unbalanced_marks_no_quotes_and_junk() {
    assert!(extract_quotes("No quotes in this text at all.").is_empty());
    assert!(extract_quotes("").is_empty());
    // A stray opening mark (the next paragraph does not re-open a quote, so
    // this is no quote running over paragraphs) swallows nothing after it.
    let text = "He said \u{201C}this never closes.\n\nThe council met on Monday.\n\n\u{201C}Second quote,\u{201D} Ann Lee said.";
    let q = extract_quotes(text);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].text, "Second quote,");
    let junk = String::from_utf8_lossy(&(0..=255u8).cycle().take(100_000).collect::<Vec<u8>>())
        .into_owned();
    for q in extract_quotes(&junk) {
        assert_eq!(junk.get(q.start..q.end), Some(q.text.as_str()));
    }
}
