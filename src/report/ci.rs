//! Output for CI systems rather than people: JUnit XML (one test case per
//! rule example, one per quality gate) and GitHub workflow annotations
//! (`::error file=…,line=…::…`) that put a failing rule example or a missed
//! floor on the line that holds it.

use std::fmt::Write as _;

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::one_line;
use crate::check::CheckReport;
use crate::error::Location;
use crate::eval::{Floors, Report};
use crate::rules::RuleSet;

/// A file as CI should name it: the embedded rules are the repository's
/// `rules/` files.
fn repo_path(file: &str) -> &str {
    file.strip_prefix("<default>/").unwrap_or(file)
}

/// A JUnit report of one suite, as XML text.
fn junit(suite: TestSuite) -> String {
    let mut report = quick_junit::Report::new("stance");
    report.add_test_suite(suite);
    // Serializing to a String cannot fail for want of a writer; an error
    // here would be a bug in the XML writer, so it is shown, not hidden.
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- JUnit XML could not be written: {e} -->\n"))
}

fn failure(message: &str, description: String) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status.set_message(message.to_string());
    status.set_description(description);
    status
}

/// `stance check` as JUnit: one test case per example and counter example
/// (class: the rule id), and a failing case for each rule without examples.
pub fn check_junit(rules: &RuleSet, r: &CheckReport) -> String {
    let mut suite = TestSuite::new("stance check");
    let failed = |rule: &str, at: &Location| {
        r.failures
            .iter()
            .find(|f| f.rule == rule && f.location == *at)
    };
    for rule in &rules.rules {
        let examples = rule
            .examples
            .iter()
            .map(|e| ("example", &e.text, &e.location))
            .chain(
                rule.counter_examples
                    .iter()
                    .map(|e| ("counter example", &e.text, &e.location)),
            );
        for (kind, text, at) in examples {
            let status = match failed(&rule.id, at) {
                Some(f) => failure(
                    &format!("expected {}, got {}", f.expected, f.got),
                    format!("{}:{}:{}", repo_path(&at.file), at.line, at.col),
                ),
                None => TestCaseStatus::success(),
            };
            let mut case = TestCase::new(format!("{kind}: {}", one_line(text)), status);
            case.set_classname(rule.id.clone());
            suite.add_test_case(case);
        }
        if r.without_examples.contains(&rule.id) {
            let at = &rule.location;
            let mut case = TestCase::new(
                "has an example and a counter example",
                failure(
                    "a rule needs at least one example and one counter example",
                    format!("{}:{}", repo_path(&at.file), at.line),
                ),
            );
            case.set_classname(rule.id.clone());
            suite.add_test_case(case);
        }
    }
    junit(suite)
}

/// Escapes the message of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property (file, title) of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error` workflow command, at a file and line when known.
fn annotation(at: Option<(&str, usize)>, title: &str, message: &str) -> String {
    let place = at.map_or(String::new(), |(file, line)| {
        format!("file={},line={line},", escape_property(repo_path(file)))
    });
    format!(
        "::error {place}title={}::{}\n",
        escape_property(title),
        escape_data(message)
    )
}

/// `stance check` as GitHub annotations: one error on the line of each
/// failing example and of each rule without examples, then a summary line.
pub fn check_github(rules: &RuleSet, r: &CheckReport) -> String {
    let mut out = String::new();
    for f in &r.failures {
        out.push_str(&annotation(
            Some((&f.location.file, f.location.line)),
            &format!("rule {}", f.rule),
            &format!(
                "{:?}: expected {}, got {}",
                one_line(&f.text),
                f.expected,
                f.got
            ),
        ));
    }
    for id in &r.without_examples {
        let at = rules
            .rules
            .iter()
            .find(|x| &x.id == id)
            .map(|x| &x.location);
        out.push_str(&annotation(
            at.map(|l| (l.file.as_str(), l.line)),
            &format!("rule {id}"),
            "a rule needs at least one example and one counter example",
        ));
    }
    let _ = writeln!(
        out,
        "{} rules, {} examples, {} failed, {} rules without examples",
        rules.rules.len(),
        r.examples,
        r.failures.len(),
        r.without_examples.len()
    );
    out
}

/// The quality gates of an evaluation as JUnit: one test case per gate
/// (class: the gold files), and one per regression against a baseline.
pub fn gates_junit(r: &Report) -> String {
    let gold = r.gold.join(", ");
    let mut suite = TestSuite::new("stance eval gates");
    for g in &r.gates {
        let status = if g.passed {
            TestCaseStatus::success()
        } else {
            failure(
                &format!("{} {:.3} < {:.3}", g.metric, g.actual, g.min),
                format!("gold: {gold}"),
            )
        };
        let mut case = TestCase::new(format!("{} >= {}", g.metric, g.min), status);
        case.set_classname(gold.clone());
        suite.add_test_case(case);
    }
    if let Some(b) = &r.baseline {
        for d in &b.deltas {
            let regressed = b.regressions.contains(&d.metric);
            let status = if regressed {
                failure(
                    &format!(
                        "{} dropped against the baseline: {:.3} -> {:.3}",
                        d.metric, d.before, d.after
                    ),
                    format!("gold: {gold}"),
                )
            } else {
                TestCaseStatus::success()
            };
            // Only the guarded figures of the same gold are test cases:
            // against other gold, changes are shown, not gated.
            if regressed || (!b.gold_changed && d.metric.guards_regressions()) {
                let mut case = TestCase::new(format!("{} against the baseline", d.metric), status);
                case.set_classname(gold.clone());
                suite.add_test_case(case);
            }
        }
    }
    junit(suite)
}

/// Missed gates as GitHub annotations: on the floors file's line for a
/// floor, without a place for a gate given on the command line; then a
/// summary line.
pub fn gates_github(r: &Report, floors: Option<&Floors>) -> String {
    let mut out = String::new();
    let gold = r.gold.join(", ");
    for g in r.gates.iter().filter(|g| !g.passed) {
        out.push_str(&annotation(
            floors.and_then(|f| f.line_of(g)),
            "quality gate missed",
            &format!("{} {:.3} < {:.3} on {gold}", g.metric, g.actual, g.min),
        ));
    }
    if let Some(b) = &r.baseline {
        for d in b
            .deltas
            .iter()
            .filter(|d| b.regressions.contains(&d.metric))
        {
            out.push_str(&annotation(
                None,
                "regression against the baseline",
                &format!(
                    "{} dropped from {:.3} to {:.3} on {gold}",
                    d.metric, d.before, d.after
                ),
            ));
        }
    }
    let missed = r.missed();
    let _ = writeln!(
        out,
        "stance eval: {} gate(s), {} missed",
        r.gates.len() + r.baseline.as_ref().map_or(0, |b| b.regressions.len()),
        missed.len()
    );
    out
}
