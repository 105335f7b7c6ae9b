//! Rule examples as tests: every rule carries sentences it must label and
//! sentences it must not decide, and `stance check` (and `cargo test`) runs
//! them all.

use crate::classify::Classifier;
use crate::error::Location;
use crate::rules::Label;

/// One example that did not come out as its rule says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule the example belongs to.
    pub rule: String,
    /// Where the example is written.
    pub location: Location,
    /// The example sentence.
    pub text: String,
    /// What was expected, in words.
    pub expected: String,
    /// What the rule set did, in words.
    pub got: String,
}

/// The result of checking a rule set.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Examples run.
    pub examples: usize,
    /// Examples that failed.
    pub failures: Vec<ExampleFailure>,
    /// Rules with no example, or no counter example.
    pub without_examples: Vec<String>,
}

impl CheckReport {
    /// True when every example passed and every rule has examples.
    pub fn passed(&self) -> bool {
        self.failures.is_empty() && self.without_examples.is_empty()
    }
}

fn describe(label: Label, rule: Option<&str>) -> String {
    match rule {
        Some(r) => format!("{label} by {r}"),
        None => format!("{label} (no rule)"),
    }
}

/// Runs every example and counter example of every rule (without a claim).
///
/// An example passes when the rule itself fired on it (not cancelled) and the
/// rule set gives it the example's label (the rule's label unless the example
/// names another); a counter example passes when the rule does not
/// decide it with its own label.
pub fn check(classifier: &Classifier) -> CheckReport {
    let mut report = CheckReport::default();
    for rule in &classifier.rules().rules {
        if rule.examples.is_empty() || rule.counter_examples.is_empty() {
            report.without_examples.push(rule.id.clone());
        }
        for ex in &rule.examples {
            report.examples += 1;
            let e = classifier.explain(&ex.text, None);
            let fired = e
                .cues
                .iter()
                .any(|c| std::ptr::eq(c.rule, rule) && c.vote().is_some());
            let d = &e.decision;
            if d.label != ex.label || !fired {
                report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    location: ex.location.clone(),
                    text: ex.text.clone(),
                    expected: format!("{} with {} firing", ex.label, rule.id),
                    got: if fired {
                        describe(d.label, d.rule.map(|r| r.id.as_str()))
                    } else {
                        format!(
                            "{}; {} did not fire",
                            describe(d.label, d.rule.map(|r| r.id.as_str())),
                            rule.id
                        )
                    },
                });
            }
        }
        for ex in &rule.counter_examples {
            report.examples += 1;
            let d = classifier.classify(&ex.text, None);
            if d.rule.is_some_and(|r| std::ptr::eq(r, rule)) && d.label == rule.label {
                report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    location: ex.location.clone(),
                    text: ex.text.clone(),
                    expected: format!("not decided as {} by {}", rule.label, rule.id),
                    got: describe(d.label, Some(&rule.id)),
                });
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    #[test]
    fn every_default_rule_example_passes() {
        let report = check(&Classifier::with_default_rules());
        let failures: Vec<String> = report
            .failures
            .iter()
            .map(|f| {
                format!(
                    "{}: {}: {:?}: expected {}, got {}",
                    f.location, f.rule, f.text, f.expected, f.got
                )
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(
            report.without_examples.is_empty(),
            "{:?}",
            report.without_examples
        );
        assert!(report.examples > 50);
    }

    #[test]
    fn failing_examples_are_reported_with_their_location() {
        let toml = r#"
[[rule]]
id = "deny.hoax"
label = "denying"
description = "d"
phrases = ["hoax"]
examples = ["It is fake."]
counter_examples = ["A hoax."]

[[rule]]
id = "deny.bare"
label = "denying"
description = "d"
phrases = ["bogus"]
"#;
        let c = Classifier::new(RuleSet::from_sources(&[("t.toml".into(), toml.into())]).unwrap())
            .unwrap();
        let r = check(&c);
        assert_eq!(r.examples, 2);
        assert_eq!(r.failures.len(), 2);
        assert_eq!(r.failures[0].location.line, 7);
        assert!(r.failures[0].got.contains("did not fire"));
        assert_eq!(r.failures[1].location.line, 8);
        assert_eq!(r.without_examples, ["deny.bare"]);
        assert!(!r.passed());
    }
}
