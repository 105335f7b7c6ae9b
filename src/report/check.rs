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
