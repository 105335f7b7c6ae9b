//! Is a rule change better, worse, or noise? A paired comparison of two
//! rule sets on the same gold (`--compare`): a paired bootstrap interval for
//! the macro-F1 difference, McNemar's exact test on the items whose
//! correctness changed, and the items whose label changed.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::metrics::{macro_f1_of_counts, score};
use super::predict::Prediction;
use crate::rules::Label;

use super::bootstrap::percentile_interval;
pub use super::bootstrap::{BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED};

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

impl Flip {
    /// What the change did to the item.
    pub fn change(&self) -> FlipChange {
        if self.new == self.gold {
            FlipChange::Fixed
        } else if self.old == self.gold {
            FlipChange::Broken
        } else {
            FlipChange::StillWrong
        }
    }
}

/// What a label change did to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlipChange {
    /// Wrong before, right now.
    Fixed,
    /// Right before, wrong now.
    Broken,
    /// Wrong before and now.
    StillWrong,
}

/// The items whose predicted label differs between `old` and `new`, paired
/// by id, in the order of `new`. Items in only one list are left out.
pub fn flips(old: &[Prediction], new: &[Prediction]) -> Vec<Flip> {
    let before: HashMap<&str, &Prediction> = old.iter().map(|p| (p.id.as_str(), p)).collect();
    new.iter()
        .filter_map(|n| {
            let o = before.get(n.id.as_str())?;
            (o.predicted != n.predicted).then(|| Flip {
                id: n.id.clone(),
                text: n.text.clone(),
                old: o.predicted,
                new: n.predicted,
                gold: n.gold,
            })
        })
        .collect()
}

/// What a paired comparison says about the new rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The whole bootstrap interval is above 0.
    Better,
    /// The whole interval is below 0.
    Worse,
    /// The interval holds 0.
    WithinNoise,
}

impl Comparison {
    /// Better, worse, or within noise, from the bootstrap interval.
    pub fn verdict(&self) -> Verdict {
        if self.ci[0] > 0.0 {
            Verdict::Better
        } else if self.ci[1] < 0.0 {
            Verdict::Worse
        } else {
            Verdict::WithinNoise
        }
    }
}

/// Compares two prediction lists over the same gold items (same order).
pub fn compare(old: &[Prediction], new: &[Prediction]) -> Comparison {
    assert_eq!(old.len(), new.len(), "both rule sets label the same gold");
    let macro_f1 = |p: &[Prediction]| score(p, &[]).macro_avg.f1;
    let (f_old, f_new) = (macro_f1(old), macro_f1(new));
    // Each item as (gold, old, new) label indices: a resample only counts
    // them into two confusion matrices, nothing is cloned or re-scored.
    let outcomes: Vec<[usize; 3]> = old
        .iter()
        .zip(new)
        .map(|(o, n)| [o.gold as usize, o.predicted as usize, n.predicted as usize])
        .collect();
    let ci = percentile_interval(old.len(), BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, |indices| {
        let (mut a, mut b) = ([[0usize; 4]; 4], [[0usize; 4]; 4]);
        for &i in indices {
            let [g, o, n] = outcomes[i];
            a[g][o] += 1;
            b[g][n] += 1;
        }
        Some(macro_f1_of_counts(&b) - macro_f1_of_counts(&a))
    })
    .unwrap_or([0.0, 0.0]);
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
    let items = flips(old, new);
    Comparison {
        macro_f1_old: f_old,
        macro_f1_new: f_new,
        diff: f_new - f_old,
        ci,
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
    use crate::eval::predict::test_prediction as p;

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

    /// The counting bootstrap gives the very interval of re-scoring cloned
    /// predictions with `score`, resample by resample.
    #[test]
    fn counting_resamples_matches_rescoring_cloned_predictions() {
        let mut rng = fastrand::Rng::with_seed(7);
        let pick = |rng: &mut fastrand::Rng| Label::ALL[rng.usize(..4)];
        let old: Vec<Prediction> = (0..300)
            .map(|i| {
                let g = pick(&mut rng);
                p(i, g, if rng.bool() { g } else { pick(&mut rng) })
            })
            .collect();
        let new: Vec<Prediction> = old
            .iter()
            .enumerate()
            .map(|(i, o)| {
                p(
                    i,
                    o.gold,
                    if rng.u8(..10) < 7 {
                        o.gold
                    } else {
                        pick(&mut rng)
                    },
                )
            })
            .collect();
        let macro_f1 = |p: &[Prediction]| score(p, &[]).macro_avg.f1;
        let slow = percentile_interval(old.len(), BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, |ix| {
            let a: Vec<Prediction> = ix.iter().map(|&i| old[i].clone()).collect();
            let b: Vec<Prediction> = ix.iter().map(|&i| new[i].clone()).collect();
            Some(macro_f1(&b) - macro_f1(&a))
        })
        .unwrap();
        assert_eq!(compare(&old, &new).ci, slow);
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
}
