//! Predictions: the label each gold item gets, made by a classifier here or
//! read from a file made elsewhere (`stance classify` output, another tool).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::classify::{Classifier, Reason};
pub use crate::classify::{FALLBACK, OFF_CLAIM};
use crate::error::{Error, Result};
use crate::gold::{GoldItem, GoldSet};
use crate::input::read_json_lines;
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
    #[derive(Deserialize)]
    struct Raw {
        id: serde_json::Value,
        label: String,
        #[serde(default)]
        rule: Option<String>,
        #[serde(default)]
        cue: Option<String>,
    }
    let index: HashMap<&str, usize> = gold
        .items
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    /// A prediction read: label, rule, cue, and the line it is on.
    type Found = (Label, Option<String>, Option<String>, usize);
    let mut found: Vec<Option<Found>> = vec![None; gold.items.len()];
    read_json_lines(path, |at, raw: Raw| {
        let id = match &raw.id {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => return Err(at.error_at("id", "`id` must be a string or a number")),
        };
        let label = Label::parse(&raw.label).ok_or_else(|| {
            at.error_at(
                "label",
                format!("unknown label {:?} for id {id:?}", raw.label),
            )
        })?;
        let Some(&i) = index.get(id.as_str()) else {
            return Err(at.error_at("id", format!("id {id:?} is not in the gold")));
        };
        if let Some((.., first)) = &found[i] {
            return Err(at.error_at(
                "id",
                format!("id {id:?} is predicted twice (first at line {first})"),
            ));
        }
        found[i] = Some((label, raw.rule, raw.cue, at.line));
        Ok(())
    })?;
    let missing: Vec<&str> = gold
        .items
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(g, _)| g.id.as_str())
        .collect();
    if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        return Err(Error::Data {
            file: path.display().to_string(),
            line: 1,
            col: 1,
            message: format!(
                "{} gold item(s) have no prediction, e.g. {}",
                missing.len(),
                shown.join(", ")
            ),
            excerpt: None,
        });
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

/// A prediction with only what scoring looks at, for tests.
#[cfg(test)]
pub(crate) fn test_prediction(id: usize, gold: Label, predicted: Label) -> Prediction {
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
