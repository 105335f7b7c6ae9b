//! `stance check`: failed rule examples and rules without examples.

use std::fmt::Write as _;

use super::{BAD, paint};
use crate::check::CheckReport;

/// Check results for the terminal.
pub fn check_report(r: &CheckReport, rules: usize) -> String {
    let mut out = String::new();
    for f in &r.failures {
        let _ = writeln!(
            out,
            "{}: {}: rule `{}`: {:?}\n    expected {}, got {}",
            paint(BAD, "FAIL"),
            f.location,
            f.rule,
            f.text,
            f.expected,
            f.got
        );
    }
    for id in &r.without_examples {
        let _ = writeln!(
            out,
            "{}: rule `{id}` needs at least one example and one counter example",
            paint(BAD, "MISSING")
        );
    }
    let _ = writeln!(
        out,
        "{} rules, {} examples, {} failed, {} rules without examples",
        rules,
        r.examples,
        r.failures.len(),
        r.without_examples.len()
    );
    out
}

/// Check results as JSON: the counts, every failure with its place, and the
/// rules without examples.
pub fn check_json(r: &CheckReport, rules: usize) -> serde_json::Value {
    serde_json::json!({
        "rules": rules,
        "examples": r.examples,
        "failed": r.failures.len(),
        "failures": r.failures.iter().map(|f| serde_json::json!({
            "rule": f.rule,
            "file": f.location.file,
            "line": f.location.line,
            "col": f.location.col,
            "text": f.text,
            "expected": f.expected,
            "got": f.got,
        })).collect::<Vec<_>>(),
        "without_examples": r.without_examples,
        "passed": r.passed(),
    })
}
