//! Generated documentation stays in step with what it documents.

use stance::RuleSet;

#[test]
fn rules_reference_is_up_to_date() {
    let expected = stance::report::rules_markdown(&RuleSet::default_rules());
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
