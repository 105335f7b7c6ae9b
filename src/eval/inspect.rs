//! The wrong items of a run, each with what a reader needs to see why: its
//! gold item (claim, sentence) and the classifier's explanation (every cue,
//! negator and claim term, with its span). The HTML report prints these.

use std::collections::HashMap;

use super::predict::Prediction;
use crate::claim::Claim;
use crate::classify::{Classifier, Explanation};
use crate::gold::{GoldItem, GoldSet};
use crate::rules::ClaimSpec;

/// A wrong item and why it came out so.
#[derive(Debug)]
pub struct Traced<'a, 'r> {
    /// The gold item (text, claim, sentence).
    pub item: &'a GoldItem,
    /// Its prediction.
    pub prediction: &'a Prediction,
    /// How the rules decided it; `None` when the predictions were read from
    /// a file (the rules at hand did not make them).
    pub explanation: Option<Explanation<'r>>,
}

/// Every wrong prediction with its gold item, explained by `classifier`
/// when `explain` is true, in gold order. Predictions are matched to gold
/// items by id.
pub fn trace_wrong<'a, 'r>(
    classifier: &'r Classifier,
    gold: &'a GoldSet,
    predictions: &'a [Prediction],
    explain: bool,
) -> Vec<Traced<'a, 'r>> {
    let by_id: HashMap<&str, &GoldItem> = gold.items.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut claims: HashMap<&str, Claim> = HashMap::new();
    predictions
        .iter()
        .filter(|p| p.predicted != p.gold)
        .filter_map(|p| {
            let item = *by_id.get(p.id.as_str())?;
            let explanation = explain.then(|| {
                let claim = item.claim.as_deref().map(|c| {
                    &*claims.entry(c).or_insert_with(|| {
                        classifier.claim(&ClaimSpec {
                            text: c.to_string(),
                            aliases: Vec::new(),
                        })
                    })
                });
                classifier.explain_quote(&item.text, item.context.as_deref(), claim)
            });
            Some(Traced {
                item,
                prediction: p,
                explanation,
            })
        })
        .collect()
}
