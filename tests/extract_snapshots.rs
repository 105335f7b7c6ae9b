//! One snapshot per bundled article: every quote extracted, with speaker,
//! cue and fragment flag. An extraction change shows up as a diff here.

use std::path::Path;

use stance::extract_quotes;

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

/// Every article of the seed gold and of the held-out fixtures: a new
/// article file gets its snapshot without touching this test.
#[test]
fn seed_articles() {
    insta::glob!("../gold/articles", "*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(listing(&text));
    });
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
        Path::new(env!("CARGO_MANIFEST_DIR")).join("gold/articles/001_98200c8bb60b5e78.txt"),
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
