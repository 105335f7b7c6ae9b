//! The figures of a scored run: per-label precision, recall and F1, the
//! averages, the confusion matrix, coverage and per-rule diagnostics; and
//! [`Metric`], the one name for each figure used by gates and baselines.
//!
//! Conventions (documented in the README, tested by hand-computed examples):
//! - a ratio whose denominator is 0 is 0 (a label never predicted has
//!   precision 0);
//! - `macro` and `weighted` average over the labels that occur in the gold;
//! - `micro` pools the three stance labels with `none` as the negative class,
//!   so a gold `none` given a stance is a false positive for that stance;
//! - `coverage` is the share of items given a stance (not `none`).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use super::predict::{FALLBACK, OFF_CLAIM, Prediction};
use crate::rules::Label;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Scores {
    /// Share of predictions that are right.
    pub precision: f64,
    /// Share of gold items found.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

impl Scores {
    /// Scores from true positives, predictions and gold items.
    pub(crate) fn from_counts(tp: usize, predicted: usize, actual: usize) -> Scores {
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, actual);
        Scores {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// Scores of one label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct LabelScores {
    /// Share of items predicted with this label that have it in gold.
    pub precision: f64,
    /// Share of gold items with this label that were predicted so.
    pub recall: f64,
    /// Harmonic mean.
    pub f1: f64,
    /// Gold items with this label.
    pub support: usize,
    /// Items predicted with this label.
    pub predicted: usize,
}

/// Diagnostics of one rule against gold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleStats {
    /// Rule id.
    pub id: String,
    /// The rule's label.
    pub label: Label,
    /// Items on which the rule fired (a cue survived negation, pseudo and scope).
    pub fires: usize,
    /// `fires / n`.
    pub coverage: f64,
    /// Items on which another rule fired too.
    pub overlaps: usize,
    /// Items on which another rule fired with a different vote.
    pub conflicts: usize,
    /// Items on which its vote equals the gold label.
    pub correct: usize,
    /// Items on which its vote differs from the gold label.
    pub incorrect: usize,
    /// `correct / fires`: how often the rule is right when it fires.
    pub precision: f64,
    /// Items the rule decided (it fired and won).
    pub decided: usize,
    /// Decided items whose label is right.
    pub decided_correct: usize,
}

/// The figures of one scored run. Serialized flat inside
/// [`Report`](super::Report), in this field order (the stable JSON schema).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Items scored.
    pub n: usize,
    /// Share of items whose label is right.
    pub accuracy: f64,
    /// Unweighted mean over the labels that occur in the gold.
    #[serde(rename = "macro")]
    pub macro_avg: Scores,
    /// Pooled over the three stance labels, `none` as the negative class.
    pub micro: Scores,
    /// Mean weighted by gold support.
    pub weighted: Scores,
    /// Scores of each label.
    pub per_label: BTreeMap<Label, LabelScores>,
    /// Gold label → predicted label → count.
    pub confusion: BTreeMap<Label, BTreeMap<Label, usize>>,
    /// Share of items given a stance (not `none`).
    pub coverage: f64,
    /// Per-rule diagnostics, in rule-file order.
    pub rules: Vec<RuleStats>,
    /// Ids of rules that fired on no item.
    pub never_fired: Vec<String>,
    /// Items decided by the fallback label: (count, correct).
    pub fallback: Decided,
    /// Items judged off-claim: (count, correct).
    pub off_claim: Decided,
}

/// Which of precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Precision.
    Precision,
    /// Recall.
    Recall,
    /// F1.
    F1,
}

impl Part {
    const ALL: [Part; 3] = [Part::Precision, Part::Recall, Part::F1];

    fn as_str(self) -> &'static str {
        match self {
            Part::Precision => "precision",
            Part::Recall => "recall",
            Part::F1 => "f1",
        }
    }

    fn of(self, s: Scores) -> f64 {
        match self {
            Part::Precision => s.precision,
            Part::Recall => s.recall,
            Part::F1 => s.f1,
        }
    }
}

/// One figure of a report, by name: `accuracy`, `coverage`, `macro.f1`,
/// `micro.recall`, `weighted.precision`, `per_label.denying.f1`, … Gates,
/// floors and baselines all name figures with this type, so a name is
/// spelled (and parsed) in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// Share of items whose label is right.
    Accuracy,
    /// Share of items given a stance.
    Coverage,
    /// A macro average.
    Macro(Part),
    /// A micro average over the stances.
    Micro(Part),
    /// A support-weighted average.
    Weighted(Part),
    /// A figure of one label.
    Label(Label, Part),
}

impl Metric {
    /// The figure's value in `m`.
    pub fn value(self, m: &Metrics) -> f64 {
        match self {
            Metric::Accuracy => m.accuracy,
            Metric::Coverage => m.coverage,
            Metric::Macro(p) => p.of(m.macro_avg),
            Metric::Micro(p) => p.of(m.micro),
            Metric::Weighted(p) => p.of(m.weighted),
            Metric::Label(l, p) => m.per_label.get(&l).map_or(0.0, |s| {
                p.of(Scores {
                    precision: s.precision,
                    recall: s.recall,
                    f1: s.f1,
                })
            }),
        }
    }

    /// The figures compared against a baseline, in report order.
    pub fn compared() -> Vec<Metric> {
        let mut all = vec![
            Metric::Accuracy,
            Metric::Coverage,
            Metric::Macro(Part::Precision),
            Metric::Macro(Part::Recall),
            Metric::Macro(Part::F1),
            Metric::Micro(Part::F1),
            Metric::Weighted(Part::F1),
        ];
        for l in Label::ALL {
            all.extend(Part::ALL.map(|p| Metric::Label(l, p)));
        }
        all
    }

    /// Whether a drop of this figure against a baseline is a regression:
    /// macro F1 and each label's F1.
    pub fn guards_regressions(self) -> bool {
        matches!(self, Metric::Macro(Part::F1) | Metric::Label(_, Part::F1))
    }

    /// Parses a name such as `macro.f1` or `per_label.denying.recall`.
    pub fn parse(name: &str) -> Option<Metric> {
        let part = |s: &str| Part::ALL.into_iter().find(|p| p.as_str() == s);
        Some(match name {
            "accuracy" => Metric::Accuracy,
            "coverage" => Metric::Coverage,
            _ => {
                let (head, tail) = name.rsplit_once('.')?;
                let p = part(tail)?;
                match head {
                    "macro" => Metric::Macro(p),
                    "micro" => Metric::Micro(p),
                    "weighted" => Metric::Weighted(p),
                    _ => Metric::Label(Label::parse(head.strip_prefix("per_label.")?)?, p),
                }
            }
        })
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Metric::Accuracy => f.write_str("accuracy"),
            Metric::Coverage => f.write_str("coverage"),
            Metric::Macro(p) => write!(f, "macro.{}", p.as_str()),
            Metric::Micro(p) => write!(f, "micro.{}", p.as_str()),
            Metric::Weighted(p) => write!(f, "weighted.{}", p.as_str()),
            Metric::Label(l, p) => write!(f, "per_label.{l}.{}", p.as_str()),
        }
    }
}

impl Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Metric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Metric, D::Error> {
        let name = String::deserialize(d)?;
        Metric::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown metric {name:?}")))
    }
}

/// How many items a non-rule decision took, and how many of them are right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Decided {
    /// Items.
    pub decided: usize,
    /// Right ones.
    pub correct: usize,
}

/// `a / b`, and 0 when `b` is 0.
pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Macro F1 of a confusion matrix given as counts (`counts[gold][predicted]`,
/// labels in [`Label::ALL`] order), by the same conventions and in the same
/// order of operations as [`score`], so the two agree to the last bit. The
/// bootstrap calls it on thousands of resamples without building
/// [`Metrics`].
pub(crate) fn macro_f1_of_counts(counts: &[[usize; 4]; 4]) -> f64 {
    let mut sum = 0.0;
    let mut present = 0;
    for l in 0..4 {
        let support: usize = counts[l].iter().sum();
        if support == 0 {
            continue;
        }
        let predicted: usize = counts.iter().map(|row| row[l]).sum();
        sum += Scores::from_counts(counts[l][l], predicted, support).f1;
        present += 1;
    }
    if present == 0 {
        0.0
    } else {
        sum / present as f64
    }
}

/// Computes the figures from predictions. `rules` lists the rule set's rules
/// (id, label) in order: the indices of `Prediction::votes`.
pub fn score(predictions: &[Prediction], rules: &[(String, Label)]) -> Metrics {
    let n = predictions.len();
    let mut confusion: BTreeMap<Label, BTreeMap<Label, usize>> = BTreeMap::new();
    for g in Label::ALL {
        confusion.insert(g, Label::ALL.iter().map(|&p| (p, 0)).collect());
    }
    for p in predictions {
        *confusion
            .get_mut(&p.gold)
            .and_then(|row| row.get_mut(&p.predicted))
            .expect("all labels present") += 1;
    }
    let count = |g: Option<Label>, p: Option<Label>| -> usize {
        confusion
            .iter()
            .filter(|(gl, _)| g.is_none_or(|g| g == **gl))
            .flat_map(|(_, row)| row.iter())
            .filter(|(pl, _)| p.is_none_or(|p| p == **pl))
            .map(|(_, c)| c)
            .sum()
    };
    let mut per_label = BTreeMap::new();
    for l in Label::ALL {
        let tp = confusion[&l][&l];
        let predicted = count(None, Some(l));
        let support = count(Some(l), None);
        let s = Scores::from_counts(tp, predicted, support);
        per_label.insert(
            l,
            LabelScores {
                precision: s.precision,
                recall: s.recall,
                f1: s.f1,
                support,
                predicted,
            },
        );
    }
    let present: Vec<&LabelScores> = per_label.values().filter(|s| s.support > 0).collect();
    let mean = |f: &dyn Fn(&LabelScores) -> f64| {
        if present.is_empty() {
            0.0
        } else {
            present.iter().map(|s| f(s)).sum::<f64>() / present.len() as f64
        }
    };
    let macro_avg = Scores {
        precision: mean(&|s| s.precision),
        recall: mean(&|s| s.recall),
        f1: mean(&|s| s.f1),
    };
    let wmean = |f: &dyn Fn(&LabelScores) -> f64| {
        let total: usize = present.iter().map(|s| s.support).sum();
        if total == 0 {
            0.0
        } else {
            present.iter().map(|s| f(s) * s.support as f64).sum::<f64>() / total as f64
        }
    };
    let weighted = Scores {
        precision: wmean(&|s| s.precision),
        recall: wmean(&|s| s.recall),
        f1: wmean(&|s| s.f1),
    };
    let stances = [Label::Affirming, Label::Denying, Label::Uncertain];
    let tp: usize = stances.iter().map(|l| confusion[l][l]).sum();
    let predicted: usize = stances.iter().map(|&l| count(None, Some(l))).sum();
    let actual: usize = stances.iter().map(|&l| count(Some(l), None)).sum();
    let micro = Scores::from_counts(tp, predicted, actual);
    let correct: usize = Label::ALL.iter().map(|l| confusion[l][l]).sum();

    let mut stats: Vec<RuleStats> = rules
        .iter()
        .map(|(id, label)| RuleStats {
            id: id.clone(),
            label: *label,
            fires: 0,
            coverage: 0.0,
            overlaps: 0,
            conflicts: 0,
            correct: 0,
            incorrect: 0,
            precision: 0.0,
            decided: 0,
            decided_correct: 0,
        })
        .collect();
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let mut fallback = Decided::default();
    let mut off_claim = Decided::default();
    for p in predictions {
        // One vote per rule and item (a rule voting twice, e.g. once negated,
        // counts with its first vote in label order).
        let mut fired: Vec<(usize, Label)> = p.votes.clone();
        fired.dedup_by_key(|v| v.0);
        for &(r, vote) in &fired {
            let others = p.votes.iter().filter(|&&(o, _)| o != r);
            // Votes index `rules`; scoring without the rule list skips them.
            let Some(s) = stats.get_mut(r) else { continue };
            s.fires += 1;
            let mut overlap = false;
            let mut conflict = false;
            for &(_, v) in others {
                overlap = true;
                conflict |= v != vote;
            }
            s.overlaps += usize::from(overlap);
            s.conflicts += usize::from(conflict);
            if vote == p.gold {
                s.correct += 1;
            } else {
                s.incorrect += 1;
            }
        }
        let right = p.predicted == p.gold;
        match p.rule.as_str() {
            FALLBACK => {
                fallback.decided += 1;
                fallback.correct += usize::from(right);
            }
            OFF_CLAIM => {
                off_claim.decided += 1;
                off_claim.correct += usize::from(right);
            }
            id => {
                if let Some(&i) = index.get(id) {
                    stats[i].decided += 1;
                    stats[i].decided_correct += usize::from(right);
                }
            }
        }
    }
    for s in &mut stats {
        s.coverage = ratio(s.fires, n);
        s.precision = ratio(s.correct, s.fires);
    }
    let never_fired = stats
        .iter()
        .filter(|s| s.fires == 0)
        .map(|s| s.id.clone())
        .collect();
    let coverage = ratio(n - count(None, Some(Label::None)), n);
    Metrics {
        n,
        accuracy: ratio(correct, n),
        macro_avg,
        micro,
        weighted,
        per_label,
        confusion,
        coverage,
        rules: stats,
        never_fired,
        fallback,
        off_claim,
    }
}
