//! Is this run worse than a saved one? Every figure's change against a
//! report saved with `--format json`, and the drops that count as
//! regressions.

use serde::{Deserialize, Serialize};

use super::gates::TOLERANCE;
use super::metrics::{Metric, Metrics};

/// One figure before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// The figure, e.g. `macro.f1`, `per_label.denying.f1`.
    pub metric: Metric,
    /// In the baseline.
    pub before: f64,
    /// Now.
    pub after: f64,
    /// `after - before`.
    pub change: f64,
}

/// The comparison of a report with a saved one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineComparison {
    /// Every figure's change.
    pub deltas: Vec<Delta>,
    /// True when the gold differs (other files, items or supports): drops
    /// are then reported but not held against the rules.
    pub gold_changed: bool,
    /// Figures that dropped by more than the tolerance (macro F1 and each
    /// label's F1).
    pub regressions: Vec<Metric>,
}

/// Compares `now` with `before`. `same_gold` says whether both runs scored
/// the same gold; a drop of macro F1 or of a label's F1 by more than
/// `tolerance` is a regression only then.
pub fn against_baseline(
    now: &Metrics,
    before: &Metrics,
    same_gold: bool,
    tolerance: f64,
) -> BaselineComparison {
    let deltas: Vec<Delta> = Metric::compared()
        .into_iter()
        .map(|metric| {
            let (b, a) = (metric.value(before), metric.value(now));
            Delta {
                metric,
                before: b,
                after: a,
                change: a - b,
            }
        })
        .collect();
    let supports = |m: &Metrics| m.per_label.values().map(|s| s.support).collect::<Vec<_>>();
    let gold_changed = !same_gold || now.n != before.n || supports(now) != supports(before);
    let regressions = if gold_changed {
        Vec::new()
    } else {
        deltas
            .iter()
            .filter(|d| d.metric.guards_regressions() && d.change < -tolerance - TOLERANCE)
            .map(|d| d.metric)
            .collect()
    };
    BaselineComparison {
        deltas,
        gold_changed,
        regressions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::metrics::{Part, score};
    use crate::eval::predict::{Prediction, test_prediction as p};
    use crate::rules::Label;

    #[test]
    fn baseline_regressions_and_changed_gold() {
        use Label::*;
        let g = [Affirming, Denying, Uncertain];
        let good: Vec<Prediction> = g.iter().enumerate().map(|(i, &x)| p(i, x, x)).collect();
        let mut worse = good.clone();
        worse[1].predicted = Affirming;
        let r_good = score(&good, &[]);
        let r_worse = score(&worse, &[]);
        let same = against_baseline(&r_good, &r_good, true, 0.0);
        assert!(same.regressions.is_empty() && !same.gold_changed);
        let cmp = against_baseline(&r_worse, &r_good, true, 0.0);
        assert!(cmp.regressions.contains(&Metric::Macro(Part::F1)));
        assert!(cmp.regressions.contains(&Metric::Label(Denying, Part::F1)));
        let d = cmp
            .deltas
            .iter()
            .find(|d| d.metric == Metric::Accuracy)
            .unwrap();
        assert!((d.change + 1.0 / 3.0).abs() < 1e-12);
        // Within tolerance: not a regression.
        assert!(
            against_baseline(&r_worse, &r_good, true, 1.0)
                .regressions
                .is_empty()
        );
        // Other gold: reported, not gated.
        let other = score(&good[..2], &[]);
        let cmp = against_baseline(&r_worse, &other, true, 0.0);
        assert!(cmp.gold_changed && cmp.regressions.is_empty());
        let cmp = against_baseline(&r_worse, &r_good, false, 0.0);
        assert!(cmp.gold_changed && cmp.regressions.is_empty());
    }
}
