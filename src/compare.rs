//! Is a rule change better, worse, or noise? Deltas against a saved report
//! (`--baseline`), and a paired comparison of two rule sets on the same gold
//! (`--compare`): a paired bootstrap interval for the macro-F1 difference and
//! McNemar's exact test on the items whose correctness changed.

use serde::{Deserialize, Serialize};

use crate::eval::{Prediction, Report, score};
use crate::rules::Label;

/// Resamples drawn by the paired bootstrap.
pub const BOOTSTRAP_SAMPLES: usize = 2000;
/// Seed of the bootstrap's generator, so that a comparison is repeatable.
pub const BOOTSTRAP_SEED: u64 = 0x5EED_57A4_CE00_0001;

/// One metric before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// Metric name, e.g. `macro.f1`, `per_label.denying.f1`.
    pub metric: String,
    /// In the baseline.
    pub before: f64,
    /// Now.
    pub after: f64,
    /// `after - before`.
    pub change: f64,
}

/// The metrics that are compared, as (name, value) pairs.
fn metrics(r: &Report) -> Vec<(String, f64)> {
    let mut m = vec![
        ("accuracy".to_string(), r.accuracy),
        ("coverage".to_string(), r.coverage),
        ("macro.precision".to_string(), r.macro_avg.precision),
        ("macro.recall".to_string(), r.macro_avg.recall),
        ("macro.f1".to_string(), r.macro_avg.f1),
        ("micro.f1".to_string(), r.micro.f1),
        ("weighted.f1".to_string(), r.weighted.f1),
    ];
    for (l, s) in &r.per_label {
        m.push((format!("per_label.{l}.precision"), s.precision));
        m.push((format!("per_label.{l}.recall"), s.recall));
        m.push((format!("per_label.{l}.f1"), s.f1));
    }
    m
}

/// The comparison of a report with a saved one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaselineComparison {
    /// Every metric's change.
    pub deltas: Vec<Delta>,
    /// True when the gold differs (other files, items or supports): drops
    /// are then reported but not held against the rules.
    pub gold_changed: bool,
    /// Metrics that dropped by more than the tolerance (macro F1 and each
    /// label's F1).
    pub regressions: Vec<String>,
}

/// Compares `now` with `baseline`. A drop of macro F1 or of a label's F1 by
/// more than `tolerance` is a regression unless the gold itself changed.
pub fn against_baseline(now: &Report, baseline: &Report, tolerance: f64) -> BaselineComparison {
    let before: std::collections::HashMap<String, f64> = metrics(baseline).into_iter().collect();
    let deltas: Vec<Delta> = metrics(now)
        .into_iter()
        .filter_map(|(metric, after)| {
            let before = *before.get(&metric)?;
            Some(Delta {
                change: after - before,
                metric,
                before,
                after,
            })
        })
        .collect();
    let supports = |r: &Report| r.per_label.values().map(|s| s.support).collect::<Vec<_>>();
    let gold_changed =
        now.n != baseline.n || supports(now) != supports(baseline) || now.gold != baseline.gold;
    let regressions = if gold_changed {
        Vec::new()
    } else {
        deltas
            .iter()
            .filter(|d| {
                d.metric == "macro.f1"
                    || (d.metric.starts_with("per_label.") && d.metric.ends_with(".f1"))
            })
            .filter(|d| d.change < -tolerance - 1e-12)
            .map(|d| d.metric.clone())
            .collect()
    };
    BaselineComparison {
        deltas,
        gold_changed,
        regressions,
    }
}

/// An item whose label differs between the two rule sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flip {
    /// Gold id.
    pub id: String,
    /// The text.
    pub text: String,
    /// Label under the first rule set.
    pub old: Label,
    /// Label under the second rule set.
    pub new: Label,
    /// Gold label.
    pub gold: Label,
}

/// A paired comparison of two rule sets on the same gold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Macro F1 of the first rule set (`--rules`).
    pub macro_f1_old: f64,
    /// Macro F1 of the second (`--compare`).
    pub macro_f1_new: f64,
    /// `macro_f1_new - macro_f1_old`.
    pub diff: f64,
    /// Paired bootstrap 95% interval of `diff` (percentile method).
    pub ci: [f64; 2],
    /// Items right under the old rules only.
    pub only_old_right: usize,
    /// Items right under the new rules only.
    pub only_new_right: usize,
    /// McNemar's exact two-sided p-value on those two counts.
    pub mcnemar_p: f64,
    /// Items whose label changed.
    pub flipped: usize,
    /// The changed items.
    pub items: Vec<Flip>,
}

/// Compares two prediction lists over the same gold items (same order).
pub fn compare(old: &[Prediction], new: &[Prediction]) -> Comparison {
    assert_eq!(old.len(), new.len(), "both rule sets label the same gold");
    let macro_f1 = |p: &[Prediction]| score(&[], p, &[], false).macro_avg.f1;
    let (f_old, f_new) = (macro_f1(old), macro_f1(new));
    let mut rng = fastrand::Rng::with_seed(BOOTSTRAP_SEED);
    let n = old.len();
    let mut diffs = Vec::with_capacity(BOOTSTRAP_SAMPLES);
    let mut a = Vec::with_capacity(n);
    let mut b = Vec::with_capacity(n);
    if n > 0 {
        for _ in 0..BOOTSTRAP_SAMPLES {
            a.clear();
            b.clear();
            for _ in 0..n {
                let i = rng.usize(..n);
                a.push(old[i].clone());
                b.push(new[i].clone());
            }
            diffs.push(macro_f1(&b) - macro_f1(&a));
        }
    }
    diffs.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        if diffs.is_empty() {
            0.0
        } else {
            diffs[((q * (diffs.len() - 1) as f64).round() as usize).min(diffs.len() - 1)]
        }
    };
    let only_old_right = old
        .iter()
        .zip(new)
        .filter(|(o, n)| o.predicted == o.gold && n.predicted != n.gold)
        .count();
    let only_new_right = old
        .iter()
        .zip(new)
        .filter(|(o, n)| o.predicted != o.gold && n.predicted == n.gold)
        .count();
    let items: Vec<Flip> = old
        .iter()
        .zip(new)
        .filter(|(o, n)| o.predicted != n.predicted)
        .map(|(o, n)| Flip {
            id: o.id.clone(),
            text: o.text.clone(),
            old: o.predicted,
            new: n.predicted,
            gold: o.gold,
        })
        .collect();
    Comparison {
        macro_f1_old: f_old,
        macro_f1_new: f_new,
        diff: f_new - f_old,
        ci: [pick(0.025), pick(0.975)],
        only_old_right,
        only_new_right,
        mcnemar_p: mcnemar_exact(only_old_right, only_new_right),
        flipped: items.len(),
        items,
    }
}

/// McNemar's exact test: the two-sided binomial p-value of seeing `b` and
/// `c` discordant pairs when each is equally likely. Computed in log space so
/// that it holds for any count.
pub fn mcnemar_exact(b: usize, c: usize) -> f64 {
    let n = b + c;
    if n == 0 {
        return 1.0;
    }
    let k = b.min(c);
    // ln C(n, i) * 0.5^n, summed for i = 0..=k with log-sum-exp.
    let ln_half_n = n as f64 * 0.5f64.ln();
    let mut ln_term = ln_half_n; // i = 0
    let mut terms = vec![ln_term];
    for i in 1..=k {
        ln_term += ((n - i + 1) as f64).ln() - (i as f64).ln();
        terms.push(ln_term);
    }
    let max = terms.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let tail = max.exp() * terms.iter().map(|t| (t - max).exp()).sum::<f64>();
    (2.0 * tail).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Prediction;

    fn p(id: usize, gold: Label, predicted: Label) -> Prediction {
        Prediction {
            id: id.to_string(),
            gold,
            predicted,
            rule: String::new(),
            cue: None,
            text: String::new(),
            votes: Vec::new(),
        }
    }

    #[test]
    fn mcnemar_matches_hand_computed_binomial_tails() {
        // b = 0, c = 10: 2 * 0.5^10
        assert!((mcnemar_exact(0, 10) - 2.0 / 1024.0).abs() < 1e-15);
        // b = 2, c = 8: 2 * (C(10,0) + C(10,1) + C(10,2)) / 2^10 = 2 * 56 / 1024
        assert!((mcnemar_exact(2, 8) - 0.109375).abs() < 1e-12);
        // Balanced counts are no evidence at all.
        assert_eq!(mcnemar_exact(5, 5), 1.0);
        assert_eq!(mcnemar_exact(0, 0), 1.0);
        // Large counts do not underflow: b = 500, c = 600 gives p about 0.0028.
        let p = mcnemar_exact(500, 600);
        assert!(p > 0.001 && p < 0.005, "{p}");
    }

    #[test]
    fn bootstrap_of_identical_rules_is_zero_and_of_a_sure_gain_is_one() {
        use Label::*;
        let gold = [Affirming, Denying, Uncertain, Affirming, Denying, Uncertain];
        let old: Vec<Prediction> = gold.iter().enumerate().map(|(i, &g)| p(i, g, g)).collect();
        let c = compare(&old, &old);
        assert_eq!(
            (c.diff, c.ci, c.flipped, c.mcnemar_p),
            (0.0, [0.0, 0.0], 0, 1.0)
        );
        // Old rules wrong on every item (all "none"), new rules right on all:
        // every resample has macro F1 0 before and 1 after.
        let wrong: Vec<Prediction> = gold
            .iter()
            .enumerate()
            .map(|(i, &g)| p(i, g, None))
            .collect();
        let c = compare(&wrong, &old);
        assert_eq!((c.diff, c.ci), (1.0, [1.0, 1.0]));
        assert_eq!((c.only_old_right, c.only_new_right, c.flipped), (0, 6, 6));
        assert!((c.mcnemar_p - 2.0 / 64.0).abs() < 1e-15);
        assert_eq!(
            (c.items[0].old, c.items[0].new, c.items[0].gold),
            (None, Affirming, Affirming)
        );
    }

    #[test]
    fn bootstrap_interval_brackets_the_observed_difference() {
        use Label::*;
        let gold: Vec<Label> = (0..60)
            .map(|i| [Affirming, Denying, Uncertain][i % 3])
            .collect();
        let old: Vec<Prediction> = gold
            .iter()
            .enumerate()
            .map(|(i, &g)| p(i, g, if i % 4 == 0 { None } else { g }))
            .collect();
        let new: Vec<Prediction> = gold
            .iter()
            .enumerate()
            .map(|(i, &g)| p(i, g, if i % 12 == 0 { None } else { g }))
            .collect();
        let c = compare(&old, &new);
        assert!(c.diff > 0.0);
        assert!(
            c.ci[0] <= c.diff && c.diff <= c.ci[1],
            "{:?} {}",
            c.ci,
            c.diff
        );
        assert_eq!(compare(&old, &new), c, "repeatable: fixed seed");
    }

    #[test]
    fn baseline_regressions_and_changed_gold() {
        use Label::*;
        let g = [Affirming, Denying, Uncertain];
        let good: Vec<Prediction> = g.iter().enumerate().map(|(i, &x)| p(i, x, x)).collect();
        let mut worse = good.clone();
        worse[1].predicted = Affirming;
        let r_good = score(&["g".into()], &good, &[], false);
        let r_worse = score(&["g".into()], &worse, &[], false);
        let same = against_baseline(&r_good, &r_good, 0.0);
        assert!(same.regressions.is_empty() && !same.gold_changed);
        let cmp = against_baseline(&r_worse, &r_good, 0.0);
        assert!(cmp.regressions.contains(&"macro.f1".to_string()));
        assert!(
            cmp.regressions
                .contains(&"per_label.denying.f1".to_string())
        );
        let d = cmp.deltas.iter().find(|d| d.metric == "accuracy").unwrap();
        assert!((d.change + 1.0 / 3.0).abs() < 1e-12);
        // Within tolerance: not a regression.
        assert!(
            against_baseline(&r_worse, &r_good, 1.0)
                .regressions
                .is_empty()
        );
        // Other gold: reported, not gated.
        let other = score(&["g".into()], &good[..2], &[], false);
        let cmp = against_baseline(&r_worse, &other, 0.0);
        assert!(cmp.gold_changed && cmp.regressions.is_empty());
    }
}
