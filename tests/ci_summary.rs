//! The Markdown that `.ci/run` appends to `$GITHUB_STEP_SUMMARY`, read by a
//! real CommonMark parser with GitHub's table extension: every report must
//! keep its own tables, whatever follows it.

mod common;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use common::stance;

/// The sections of the summary, in the order `.ci/run` appends them.
const SECTIONS: &[&[&str]] = &[
    &[
        "eval",
        "--format",
        "markdown",
        "--gold",
        "gold/seeds.jsonl",
        "--floors",
        "gold/floors.toml",
    ],
    &[
        "eval-extract",
        "--gold",
        "gold/seeds.jsonl",
        "--format",
        "markdown",
        "--min-recall",
        "0.95",
        "--min-precision",
        "0.90",
        "--min-speaker-accuracy",
        "0.95",
    ],
    &[
        "eval",
        "--format",
        "markdown",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
    ],
    &[
        "eval-extract",
        "--gold",
        "tests/fixtures/heldout/gold.jsonl",
        "--format",
        "markdown",
        "tests/fixtures/heldout/articles",
    ],
];

/// The first header cell of every table, and every level-2 heading.
fn tables_and_headings(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut tables, mut headings) = (Vec::new(), Vec::new());
    let mut in_head = false;
    let mut in_h2 = false;
    let mut first_cell: Option<String> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableHead) => {
                in_head = true;
                first_cell = None;
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                tables.push(first_cell.take().unwrap_or_default());
            }
            Event::Start(Tag::Heading { level, .. }) => {
                in_h2 = level == pulldown_cmark::HeadingLevel::H2;
                if in_h2 {
                    headings.push(String::new());
                }
            }
            Event::End(TagEnd::Heading(_)) => in_h2 = false,
            Event::Text(t) if in_head && first_cell.is_none() => first_cell = Some(t.to_string()),
            Event::Text(t) if in_h2 => headings.last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    (tables, headings)
}

#[test]
fn ci_summary_keeps_each_report_in_its_own_tables() {
    // The first two sections score the seed gold, whose text is in ../shared.
    let seeds = common::seeds_present("the seed gold sections of the CI summary");
    let skip = if seeds { 0 } else { 2 };
    let mut summary = String::new();
    for args in &SECTIONS[skip..] {
        let out = stance().args(*args).output().unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}");
        summary.push_str(std::str::from_utf8(&out.stdout).unwrap());
    }
    let (tables, headings) = tables_and_headings(&summary);
    assert_eq!(
        headings,
        [
            "stance eval: gold/seeds.jsonl",
            "stance eval-extract",
            "stance eval: tests/fixtures/heldout/gold.jsonl",
            "stance eval-extract",
        ][skip..]
    );
    // Each eval report: scores, confusion, rules, and the gates of the
    // first; each extraction report: its own table, headed `quotes`.
    assert_eq!(
        tables,
        [
            "label",
            "gold \\ predicted",
            "rule",
            "metric",
            "quotes",
            "label",
            "gold \\ predicted",
            "rule",
            "quotes",
        ][if seeds { 0 } else { 5 }..]
    );
}
