//! Scoring a rule set against gold: per-label precision, recall and F1,
//! averages, confusion matrix, coverage, per-rule diagnostics, the wrong
//! items, and quality gates.
//!
//! Conventions (documented in the README, tested by hand-computed examples):
//! - a ratio whose denominator is 0 is 0 (a label never predicted has
//!   precision 0);
//! - `macro` and `weighted` average over the labels that occur in the gold;
//! - `micro` pools the three stance labels with `none` as the negative class,
//!   so a gold `none` given a stance is a false positive for that stance;
//! - `coverage` is the share of items given a stance (not `none`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::classify::{Classifier, Reason};
use crate::error::{Error, Result};
use crate::gold::{GoldItem, GoldSet};
use crate::rules::Label;

/// The label given to one gold item, and what decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prediction {
    /// The gold item's id.
    pub id: String,
    /// The gold label.
    pub gold: Label,
    /// The predicted label.
    pub predicted: Label,
    /// The deciding rule; `(fallback)` or `(off-claim)` when no rule decided.
    pub rule: String,
    /// The deciding cue's text.
    pub cue: Option<String>,
    /// The item's text.
    pub text: String,
    /// Rules that fired (voted) on the item, with their votes.
    #[serde(skip, default)]
    pub votes: Vec<(usize, Label)>,
}

pub use crate::classify::{FALLBACK, OFF_CLAIM};

/// Labels every gold item. Claims are compiled once per distinct claim.
pub fn predict(classifier: &Classifier, gold: &GoldSet) -> Vec<Prediction> {
    let mut claims: HashMap<&str, Claim> = HashMap::new();
    let rules = &classifier.rules().rules;
    gold.items
        .iter()
        .map(|item: &GoldItem| {
            let claim = item.claim.as_deref().map(|c| {
                &*claims.entry(c).or_insert_with(|| {
                    classifier.claim(&crate::rules::ClaimSpec {
                        text: c.to_string(),
                        aliases: Vec::new(),
                    })
                })
            });
            let e = classifier.explain_quote(&item.text, item.context.as_deref(), claim);
            let d = &e.decision;
            let mut votes: Vec<(usize, Label)> = e
                .cues
                .iter()
                .filter_map(|c| {
                    let i = rules.iter().position(|r| std::ptr::eq(r, c.rule))?;
                    Some((i, c.vote()?))
                })
                .collect();
            votes.sort_unstable();
            votes.dedup();
            Prediction {
                id: item.id.clone(),
                gold: item.label,
                predicted: d.label,
                rule: match (d.reason, d.rule) {
                    (Reason::Rule, Some(r)) => r.id.clone(),
                    (Reason::OffClaim, _) => OFF_CLAIM.to_string(),
                    _ => FALLBACK.to_string(),
                },
                cue: d.span.map(|(s, e)| item.text[s..e].to_string()),
                text: item.text.clone(),
                votes,
            }
        })
        .collect()
}

/// Reads predictions made elsewhere (e.g. `stance classify` output, or
/// another tool's) and pairs them with gold items by `id`. Every gold item
/// needs exactly one prediction and every prediction a gold item; anything
/// else is a data error naming the file and line.
pub fn read_predictions(path: &std::path::Path, gold: &GoldSet) -> Result<Vec<Prediction>> {
    use crate::input::{Batch, LineReader, Source, line_text};
    #[derive(Deserialize)]
    struct Raw {
        id: serde_json::Value,
        label: String,
        #[serde(default)]
        rule: Option<String>,
        #[serde(default)]
        cue: Option<String>,
    }
    let name = path.display().to_string();
    let err = |line: usize, col: usize, message: String| Error::Data {
        file: name.clone(),
        line,
        col,
        message,
    };
    let index: HashMap<&str, usize> = gold
        .items
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    /// A prediction read: label, rule, cue, and the line it is on.
    type Found = (Label, Option<String>, Option<String>, usize);
    let mut found: Vec<Option<Found>> = vec![None; gold.items.len()];
    let mut reader = LineReader::open(&Source::File(path.to_path_buf()))?;
    let mut batch = Batch::default();
    while reader.next_batch(&mut batch)? {
        for l in &batch.lines {
            let text = line_text(batch.bytes(l))
                .map_err(|e| err(l.line, e.col, "invalid UTF-8".into()))?;
            let raw: Raw = serde_json::from_str(text)
                .map_err(|e| err(l.line, e.column().max(1), e.to_string()))?;
            let id = match &raw.id {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err(err(l.line, 1, "`id` must be a string or a number".into())),
            };
            let label = Label::parse(&raw.label).ok_or_else(|| {
                err(
                    l.line,
                    1,
                    format!("unknown label {:?} for id {id:?}", raw.label),
                )
            })?;
            let Some(&i) = index.get(id.as_str()) else {
                return Err(err(l.line, 1, format!("id {id:?} is not in the gold")));
            };
            if let Some((.., first)) = &found[i] {
                return Err(err(
                    l.line,
                    1,
                    format!("id {id:?} is predicted twice (first at line {first})"),
                ));
            }
            found[i] = Some((label, raw.rule, raw.cue, l.line));
        }
    }
    let missing: Vec<&str> = gold
        .items
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(g, _)| g.id.as_str())
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        return Err(err(
            1,
            1,
            format!(
                "{} gold item(s) have no prediction, e.g. {}",
                missing.len(),
                shown.join(", ")
            ),
        ));
    }
    Ok(gold
        .items
        .iter()
        .zip(found)
        .map(|(g, f)| {
            let (label, rule, cue, _) = f.expect("checked above");
            Prediction {
                id: g.id.clone(),
                gold: g.label,
                predicted: label,
                rule: rule.unwrap_or_else(|| FALLBACK.to_string()),
                cue,
                text: g.text.clone(),
                votes: Vec::new(),
            }
        })
        .collect())
}

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

/// One quality gate and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    /// The metric, e.g. `macro.f1`, `accuracy`, `per_label.denying.f1`.
    pub metric: String,
    /// The floor.
    pub min: f64,
    /// The measured value.
    pub actual: f64,
    /// `actual >= min`.
    pub passed: bool,
}

/// The whole evaluation, as printed in every format. Its JSON form is the
/// stable schema documented in the README.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Gold files scored.
    pub gold: Vec<String>,
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
    /// Wrong items (present with `--errors`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub errors: Option<Vec<Prediction>>,
    /// Quality gates (present when floors were given).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub gates: Vec<Gate>,
    /// Changes against a saved report (present with `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline: Option<crate::compare::BaselineComparison>,
    /// Paired comparison with a second rule set (present with `--compare`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparison: Option<crate::compare::Comparison>,
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

/// Computes the report from predictions. `rule_ids` and `rule_labels` list
/// the rule set's rules in order (the indices of `Prediction::votes`).
pub fn score(
    gold_files: &[String],
    predictions: &[Prediction],
    rules: &[(String, Label)],
    with_errors: bool,
) -> Report {
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
    let errors = with_errors.then(|| {
        predictions
            .iter()
            .filter(|p| p.predicted != p.gold)
            .cloned()
            .collect()
    });
    let coverage = ratio(n - count(None, Some(Label::None)), n);
    Report {
        gold: gold_files.to_vec(),
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
        errors,
        gates: Vec::new(),
        baseline: None,
        comparison: None,
    }
}

/// Loads gold, labels it and scores it: the whole of `stance eval`.
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
    score(&files, predictions, &rules, with_errors)
}

/// Floors for quality gates, as kept in a committed TOML file.
///
/// ```toml
/// [[floor]]
/// gold = "seeds.jsonl"      # applies when a gold file of this name is scored
/// accuracy = 0.85
/// macro_f1 = 0.80
/// ```
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    /// The floors, one table per gold file.
    #[serde(default)]
    pub floor: Vec<Floor>,
}

/// The floors of one gold file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    /// The gold file's name (its last path component).
    pub gold: String,
    /// Minimum accuracy.
    pub accuracy: Option<f64>,
    /// Minimum macro F1.
    pub macro_f1: Option<f64>,
    /// Minimum micro F1.
    pub micro_f1: Option<f64>,
    /// Minimum F1 of single labels.
    #[serde(default)]
    pub f1: BTreeMap<String, f64>,
}

impl Floors {
    /// Reads a floors file.
    pub fn load(path: &std::path::Path) -> Result<Floors> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let name = path.display().to_string();
        let floors: Floors = toml::from_str(&text).map_err(|e| {
            let loc = e
                .span()
                .map(|s| crate::error::Location::from_span(&name, &text, s));
            Error::rule(loc, None, e.message().trim().to_string())
        })?;
        for f in &floors.floor {
            for label in f.f1.keys() {
                if Label::parse(label).is_none() {
                    return Err(Error::Usage(format!(
                        "{name}: floor for {}: unknown label {label:?}",
                        f.gold
                    )));
                }
            }
        }
        Ok(floors)
    }

    /// The floors that apply to a run over these gold files.
    pub fn for_files<'a>(&'a self, files: &'a [String]) -> impl Iterator<Item = &'a Floor> + 'a {
        self.floor.iter().filter(move |f| {
            files.iter().any(|g| {
                std::path::Path::new(g)
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy() == f.gold)
            })
        })
    }
}

impl Report {
    /// Checks one floor and records the gate.
    pub fn gate(&mut self, metric: &str, min: f64) {
        let actual = match metric {
            "accuracy" => self.accuracy,
            "macro.f1" => self.macro_avg.f1,
            "micro.f1" => self.micro.f1,
            m => m
                .strip_prefix("per_label.")
                .and_then(|m| m.strip_suffix(".f1"))
                .and_then(Label::parse)
                .map_or(0.0, |l| self.per_label[&l].f1),
        };
        self.gates.push(Gate {
            metric: metric.to_string(),
            min,
            actual,
            passed: actual + 1e-12 >= min,
        });
    }

    /// Applies every floor of a floors file that fits this run.
    pub fn apply_floors(&mut self, floors: &Floors) {
        let files = self.gold.clone();
        for f in floors.for_files(&files) {
            if let Some(v) = f.accuracy {
                self.gate("accuracy", v);
            }
            if let Some(v) = f.macro_f1 {
                self.gate("macro.f1", v);
            }
            if let Some(v) = f.micro_f1 {
                self.gate("micro.f1", v);
            }
            for (label, v) in &f.f1 {
                self.gate(&format!("per_label.{label}.f1"), *v);
            }
        }
    }

    /// True when every gate passed (or there are none) and nothing regressed
    /// against the baseline.
    pub fn passed(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
            && self
                .baseline
                .as_ref()
                .is_none_or(|b| b.regressions.is_empty())
    }
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
        let r = score(&["g".into()], &preds, &rules, true);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["n"], 6);
        assert_eq!(json["accuracy"], 0.5);
        // affirming: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
        let aff = &r.per_label[&Affirming];
        assert!((aff.precision - 2.0 / 3.0).abs() < 1e-12 && (aff.f1 - 2.0 / 3.0).abs() < 1e-12);
        // denying: never predicted -> precision 0 (zero division), recall 0, F1 0
        assert_eq!(
            (r.per_label[&Denying].precision, r.per_label[&Denying].f1),
            (0.0, 0.0)
        );
        // uncertain: tp 1, predicted 2, support 1 -> P 0.5, R 1, F1 2/3
        assert_eq!(
            (
                r.per_label[&Uncertain].precision,
                r.per_label[&Uncertain].recall
            ),
            (0.5, 1.0)
        );
        // none: tp 0, predicted 1, support 1 -> 0
        assert_eq!(r.per_label[&None].f1, 0.0);
        // macro over the four labels present in gold: (2/3 + 0 + 2/3 + 0) / 4 = 1/3
        assert!((r.macro_avg.f1 - 1.0 / 3.0).abs() < 1e-12);
        // weighted by support 3,1,1,1: (3*2/3 + 0 + 2/3 + 0) / 6 = 4/9
        assert!((r.weighted.f1 - 4.0 / 9.0).abs() < 1e-12);
        // micro over stances: tp 3, predicted stances 5 (1,2,3,5,6), gold stances 5 (1-5)
        assert_eq!((r.micro.precision, r.micro.recall), (0.6, 0.6));
        assert!((r.coverage - 5.0 / 6.0).abs() < 1e-12);
        assert_eq!(r.confusion[&None][&Affirming], 1);
        assert_eq!(r.confusion[&Affirming][&Uncertain], 1);
        // Rule a fires on 1, 3, 6; right on 1 and 3 (vote affirming = gold), wrong on 6.
        let a = &r.rules[0];
        assert_eq!(
            (a.fires, a.overlaps, a.conflicts, a.correct, a.incorrect),
            (3, 1, 1, 2, 1)
        );
        assert!((a.precision - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((a.decided, a.decided_correct), (2, 1));
        let u = &r.rules[1];
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
        assert_eq!(r.never_fired, ["d"]);
        assert_eq!(
            r.fallback,
            Decided {
                decided: 1,
                correct: 1
            }
        );
        assert_eq!(
            r.off_claim,
            Decided {
                decided: 1,
                correct: 0
            }
        );
        assert_eq!(r.errors.as_ref().unwrap().len(), 3);
    }

    #[test]
    fn empty_gold_is_all_zero_not_nan() {
        let r = score(&[], &[], &[], false);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("NaN") && !json.contains("null"), "{json}");
        assert_eq!((r.accuracy, r.macro_avg.f1, r.coverage), (0.0, 0.0, 0.0));
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
            "/p.jsonl:1:1: id \"z\" is not in the gold"
        );
        assert!(
            read("{\"id\":\"a\",\"label\":\"none\"}\n{\"id\":\"a\",\"label\":\"none\"}\n")
                .unwrap_err()
                .contains(":2:1: id \"a\" is predicted twice (first at line 1)")
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
        let mut r = score(&["dir/seeds.jsonl".into()], &preds, &[], false);
        let floors: Floors = toml::from_str(
            "[[floor]]\ngold = \"seeds.jsonl\"\naccuracy = 0.5\nmacro_f1 = 0.9\nf1 = { affirming = 0.6 }\n[[floor]]\ngold = \"other.jsonl\"\naccuracy = 1.0\n",
        )
        .unwrap();
        r.apply_floors(&floors);
        let gates: Vec<(&str, bool)> = r
            .gates
            .iter()
            .map(|g| (g.metric.as_str(), g.passed))
            .collect();
        assert_eq!(
            gates,
            [
                ("accuracy", true),
                ("macro.f1", false),
                ("per_label.affirming.f1", true)
            ]
        );
        assert!(!r.passed());
    }
}
