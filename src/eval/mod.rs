//! Scoring a rule set against gold, in layers that only look down:
//! [`predict`](mod@predict) (labels for gold items) → [`metrics`] (the figures) →
//! [`gates`] (floors), [`baseline`] (changes against a saved report) and
//! [`significance`] (two rule sets compared). [`Report`] gathers what one
//! run found; [`crate::report`] renders it.

pub mod agreement;
pub mod baseline;
pub mod bootstrap;
pub mod gates;
pub mod inspect;
pub mod metrics;
pub mod predict;
pub mod significance;

use serde::{Deserialize, Serialize};

use crate::classify::Classifier;
use crate::gold::GoldSet;
use crate::rules::Label;

pub use baseline::{BaselineComparison, Delta, against_baseline};
pub use gates::{Floor, Floors, Gate, TOLERANCE};
pub(crate) use metrics::ratio;
pub use metrics::{Decided, LabelScores, Metric, Metrics, Part, RuleStats, Scores, score};
pub use predict::{FALLBACK, OFF_CLAIM, Prediction, predict, read_predictions};
pub use significance::{Comparison, Flip, FlipChange, Verdict, compare, flips, mcnemar_exact};

/// The whole evaluation, as printed in every format. Its JSON form is the
/// stable schema documented in the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Gold files scored.
    pub gold: Vec<String>,
    /// A hash of the gold items ([`GoldSet::digest`]): a baseline is the
    /// same gold when this is equal, whatever the paths.
    #[serde(default)]
    pub gold_digest: String,
    /// A hash of the rules that made the predictions
    /// ([`RuleSet::digest`](crate::RuleSet::digest)); `None` when the
    /// predictions were read from a file (then the key is left out).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rules_digest: Option<String>,
    /// The figures.
    #[serde(flatten)]
    pub metrics: Metrics,
    /// Wrong items (present with `--errors`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub errors: Option<Vec<Prediction>>,
    /// Quality gates (present when floors were given).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub gates: Vec<Gate>,
    /// Changes against a saved report (present with `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline: Option<BaselineComparison>,
    /// Paired comparison with a second rule set (present with `--compare`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<Comparison>,
}

impl Report {
    /// Scores predictions. `rules` lists the rule set's rules (id, label) in
    /// order; `with_errors` keeps the wrong items.
    pub fn new(
        gold: Vec<String>,
        predictions: &[Prediction],
        rules: &[(String, Label)],
        with_errors: bool,
    ) -> Report {
        let errors = with_errors.then(|| {
            predictions
                .iter()
                .filter(|p| p.predicted != p.gold)
                .cloned()
                .collect()
        });
        Report {
            gold,
            gold_digest: String::new(),
            rules_digest: None,
            metrics: score(predictions, rules),
            errors,
            gates: Vec::new(),
            baseline: None,
            comparison: None,
        }
    }

    /// Reads a report saved with `stance eval --format json`.
    pub fn load(path: &std::path::Path) -> crate::Result<Report> {
        let text = crate::input::read_text_file(path, gates::MAX_SMALL_FILE_BYTES)?;
        serde_json::from_str(&text).map_err(|e| crate::Error::Data {
            file: path.display().to_string(),
            line: e.line(),
            col: text
                .lines()
                .nth(e.line().saturating_sub(1))
                .map_or(1, |l| crate::input::json_column(l, &e)),
            message: format!("not a report saved with `stance eval --format json`: {e}"),
            excerpt: None,
        })
    }

    /// Compares this run with a saved report: every figure's change, and
    /// the regressions when both scored the same gold items.
    /// A saved report without a gold digest (written by an older version)
    /// is refused: its gold cannot be told apart, so no gate could hold.
    pub fn compare_with(&mut self, saved: &Report, tolerance: f64) -> crate::Result<()> {
        if saved.gold_digest.is_empty() {
            return Err(crate::Error::Usage(
                "the baseline report has no `gold_digest` (saved by an older stance): save it again with `stance eval --format json`".into(),
            ));
        }
        let same_gold = self.gold_digest == saved.gold_digest;
        self.baseline = Some(against_baseline(
            &self.metrics,
            &saved.metrics,
            same_gold,
            tolerance,
        ));
        Ok(())
    }

    /// Checks one floor and records the gate.
    pub fn gate(&mut self, metric: Metric, min: f64) {
        self.gates.push(Gate::check(&self.metrics, metric, min));
    }

    /// Applies the floors of a floors file. Each floor must name a gold
    /// file of this run: a floor that fits nothing would switch its gate off
    /// (a typo, a renamed file), so it is an error.
    pub fn apply_floors(&mut self, floors: &Floors) -> crate::Result<()> {
        let files = self.gold.clone();
        for f in floors.for_files(&files)? {
            for (metric, min) in f.gates() {
                self.gate(metric, min);
            }
        }
        Ok(())
    }

    /// The gates missed and the regressions against the baseline, in words
    /// (`macro.f1 0.662 < 0.900`), for a message on stderr.
    pub fn missed(&self) -> Vec<String> {
        let mut missed: Vec<String> = self
            .gates
            .iter()
            .filter(|g| !g.passed)
            .map(|g| format!("{} {:.3} < {:.3}", g.metric, g.actual, g.min))
            .collect();
        if let Some(b) = &self.baseline {
            missed.extend(
                b.regressions
                    .iter()
                    .map(|m| format!("{m} dropped against the baseline")),
            );
        }
        missed
    }

    /// True when every gate passed (or there are none) and nothing regressed
    /// against the baseline.
    pub fn passed(&self) -> bool {
        self.missed().is_empty()
    }
}

/// Labels the gold and scores it: the whole of `stance eval`.
pub fn evaluate(classifier: &Classifier, gold: &GoldSet, with_errors: bool) -> Report {
    evaluate_predictions(classifier, gold, &predict(classifier, gold), with_errors)
}

/// Scores predictions already made by `classifier` on `gold`.
pub fn evaluate_predictions(
    classifier: &Classifier,
    gold: &GoldSet,
    predictions: &[Prediction],
    with_errors: bool,
) -> Report {
    let rules: Vec<(String, Label)> = classifier
        .rules()
        .rules
        .iter()
        .map(|r| (r.id.clone(), r.label))
        .collect();
    let files: Vec<String> = gold.files.iter().map(|f| f.display().to_string()).collect();
    let mut report = Report::new(files, predictions, &rules, with_errors);
    report.gold_digest = gold.digest();
    report.rules_digest = Some(classifier.rules().digest());
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pred(
        id: &str,
        gold: Label,
        predicted: Label,
        rule: &str,
        votes: &[(usize, Label)],
    ) -> Prediction {
        Prediction {
            id: id.into(),
            gold,
            predicted,
            rule: rule.into(),
            cue: None,
            text: id.into(),
            votes: votes.to_vec(),
        }
    }

    /// Six items worked out by hand.
    ///
    /// gold \ pred   aff den unc none
    /// affirming      2   0   1   0
    /// denying        0   0   0   1      (denying is never predicted)
    /// uncertain      0   0   1   0
    /// none           1   0   0   0
    #[test]
    fn metrics_match_a_hand_computed_example() {
        use Label::*;
        let rules = vec![
            ("a".to_string(), Affirming),
            ("u".to_string(), Uncertain),
            ("d".to_string(), Denying),
        ];
        let preds = vec![
            pred("1", Affirming, Affirming, "a", &[(0, Affirming)]),
            pred("2", Affirming, Affirming, FALLBACK, &[]),
            pred(
                "3",
                Affirming,
                Uncertain,
                "u",
                &[(0, Affirming), (1, Uncertain)],
            ),
            pred("4", Denying, None, OFF_CLAIM, &[]),
            pred("5", Uncertain, Uncertain, "u", &[(1, Uncertain)]),
            pred("6", None, Affirming, "a", &[(0, Affirming)]),
        ];
        let r = Report::new(vec!["g".into()], &preds, &rules, true);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["n"], 6);
        assert_eq!(json["accuracy"], 0.5);
        // affirming: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
        let aff = &r.metrics.per_label[&Affirming];
        assert!((aff.precision - 2.0 / 3.0).abs() < 1e-12 && (aff.f1 - 2.0 / 3.0).abs() < 1e-12);
        // denying: never predicted -> precision 0 (zero division), recall 0, F1 0
        assert_eq!(
            (
                r.metrics.per_label[&Denying].precision,
                r.metrics.per_label[&Denying].f1
            ),
            (0.0, 0.0)
        );
        // uncertain: tp 1, predicted 2, support 1 -> P 0.5, R 1, F1 2/3
        assert_eq!(
            (
                r.metrics.per_label[&Uncertain].precision,
                r.metrics.per_label[&Uncertain].recall
            ),
            (0.5, 1.0)
        );
        // none: tp 0, predicted 1, support 1 -> 0
        assert_eq!(r.metrics.per_label[&None].f1, 0.0);
        // macro over the four labels present in gold: (2/3 + 0 + 2/3 + 0) / 4 = 1/3
        assert!((r.metrics.macro_avg.f1 - 1.0 / 3.0).abs() < 1e-12);
        // weighted by support 3,1,1,1: (3*2/3 + 0 + 2/3 + 0) / 6 = 4/9
        assert!((r.metrics.weighted.f1 - 4.0 / 9.0).abs() < 1e-12);
        // micro over stances: tp 3, predicted stances 5 (1,2,3,5,6), gold stances 5 (1-5)
        assert_eq!(
            (r.metrics.micro.precision, r.metrics.micro.recall),
            (0.6, 0.6)
        );
        assert!((r.metrics.coverage - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(r.metrics.confusion[&None][&Affirming], 1);
        assert_eq!(r.metrics.confusion[&Affirming][&Uncertain], 1);
        // Rule a fires on 1, 3, 6; right on 1 and 3 (vote affirming = gold), wrong on 6.
        let a = &r.metrics.rules[0];
        assert_eq!(
            (a.fires, a.overlaps, a.conflicts, a.correct, a.incorrect),
            (3, 1, 1, 2, 1)
        );
        assert!((a.precision - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((a.decided, a.decided_correct), (2, 1));
        let u = &r.metrics.rules[1];
        assert_eq!(
            (
                u.fires,
                u.correct,
                u.incorrect,
                u.decided,
                u.decided_correct
            ),
            (2, 1, 1, 2, 1)
        );
        assert_eq!(r.metrics.never_fired, ["d"]);
        assert_eq!(
            r.metrics.fallback,
            Decided {
                decided: 1,
                correct: 1
            }
        );
        assert_eq!(
            r.metrics.off_claim,
            Decided {
                decided: 1,
                correct: 0
            }
        );
        assert_eq!(r.errors.as_ref().unwrap().len(), 3);
    }

    #[test]
    fn empty_gold_is_all_zero_not_nan() {
        let r = Report::new(Vec::new(), &[], &[], false);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
        assert_eq!(
            (
                r.metrics.accuracy,
                r.metrics.macro_avg.f1,
                r.metrics.coverage
            ),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn predictions_from_a_file_are_matched_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let g = dir.path().join("g.jsonl");
        std::fs::write(&g, "{\"id\":\"a\",\"text\":\"x\",\"label\":\"denying\"}\n{\"id\":\"b\",\"text\":\"y\",\"label\":\"none\"}\n").unwrap();
        let gold = GoldSet::load(&[g]).unwrap();
        let p = dir.path().join("p.jsonl");
        let read = |text: &str| {
            std::fs::write(&p, text).unwrap();
            read_predictions(&p, &gold)
                .map_err(|e| e.to_string().replace(&dir.path().display().to_string(), ""))
        };
        let ok = read("{\"id\":\"b\",\"label\":\"none\"}\n{\"id\":\"a\",\"label\":\"uncertain\",\"rule\":\"r\"}\n").unwrap();
        assert_eq!(
            (ok[0].predicted, ok[0].rule.as_str(), ok[1].predicted),
            (Label::Uncertain, "r", Label::None)
        );
        assert_eq!(
            read("{\"id\":\"a\",\"label\":\"none\"}\n").unwrap_err(),
            "/p.jsonl:1:1: 1 gold item(s) have no prediction, e.g. b"
        );
        assert_eq!(
            read("{\"id\":\"z\",\"label\":\"none\"}\n").unwrap_err(),
            "/p.jsonl:1:7: id \"z\" is not in the gold"
        );
        assert!(
            read("{\"id\":\"a\",\"label\":\"none\"}\n{\"id\":\"a\",\"label\":\"none\"}\n")
                .unwrap_err()
                .contains(":2:7: id \"a\" is predicted twice (first at line 1)")
        );
        assert!(
            read("{\"id\":\"a\",\"label\":\"maybe\"}\n")
                .unwrap_err()
                .contains("unknown label \"maybe\"")
        );
    }

    #[test]
    fn gates() {
        use Label::*;
        let preds = vec![
            pred("1", Affirming, Affirming, FALLBACK, &[]),
            pred("2", Denying, Affirming, FALLBACK, &[]),
        ];
        let mut r = Report::new(vec!["dir/seeds.jsonl".into()], &preds, &[], false);
        let mut floors: Floors = toml::from_str(
            "[[floor]]\ngold = \"seeds.jsonl\"\naccuracy = 0.5\nmacro_f1 = 0.9\nf1 = { affirming = 0.6 }\n[[floor]]\ngold = \"other.jsonl\"\naccuracy = 1.0\n",
        )
        .unwrap();
        assert!(
            r.apply_floors(&floors).is_err(),
            "other.jsonl is not scored"
        );
        floors.floor.pop();
        r.apply_floors(&floors).unwrap();
        let gates: Vec<(String, bool)> = r
            .gates
            .iter()
            .map(|g| (g.metric.to_string(), g.passed))
            .collect();
        assert_eq!(
            gates,
            [
                ("accuracy".to_string(), true),
                ("macro.f1".to_string(), false),
                ("per_label.affirming.f1".to_string(), true)
            ]
        );
        assert!(!r.passed());
    }
}
