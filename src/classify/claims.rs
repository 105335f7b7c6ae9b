//! The claim side of classification: a claim compiled with the rules'
//! knowledge of its polarity, whether a quote speaks to it (relevance), and
//! how a stance toward what the claim is about becomes a stance toward the
//! claim as written.

use super::{Classifier, Hit, Role, SCRATCH, Touch, literal_key};
use crate::claim::{Claim, Polarity};
use crate::rules::{ClaimSpec, Label};
use crate::text::{self, Normalized};

impl Classifier {
    /// Compiles a claim for use with this classifier. Its polarity is read
    /// with the classifier's own rules: a claim that the rules would label
    /// denying with a rule marked `negates_claim` ("X is a hoax", "Y denies
    /// X") is negative, and one that holds
    /// a phrase of the settings' `unknown_claim` list is about something
    /// unknown. Only rules marked `negates_claim` make a claim negative: a
    /// claim with a plain negation ("the battery doesn't last a day") still
    /// asserts something. The words that make it so are not key terms.
    pub fn claim(&self, spec: &ClaimSpec) -> Claim {
        let norm = Normalized::new(&spec.text);
        let unknown: Vec<(usize, usize)> = self
            .rules
            .settings
            .unknown_claim
            .iter()
            .flat_map(|p| {
                let key = literal_key(&p.text);
                let t = norm.as_str();
                let lower = t.to_ascii_lowercase();
                lower
                    .match_indices(key.as_str())
                    .filter(|(i, m)| text::on_word_boundaries(t, *i, i + m.len()))
                    .map(|(i, m)| (norm.original(i), norm.original(i + m.len())))
                    .collect::<Vec<_>>()
            })
            .collect();
        if !unknown.is_empty() {
            return Claim::build(spec, Polarity::Unknown, &unknown);
        }
        let d = SCRATCH.with(|scratch| {
            let mut hits = scratch.borrow_mut();
            hits.clear();
            self.collect_hits(norm.as_str(), &mut hits);
            hits.sort_unstable_by_key(|h| (h.end, h.start));
            self.decide(&norm, &hits, None, Touch::Named, None)
        });
        let negative_rule = d.rule.is_some_and(|r| r.negates_claim);
        match (d.label, d.span) {
            (Label::Denying, Some(span)) if negative_rule => {
                Claim::build(spec, Polarity::Negative, &[span])
            }
            _ => Claim::build(spec, Polarity::Plain, &[]),
        }
    }

    /// How the quote `t` (normalized) relates to the claim, with the share of
    /// the claim its own words name and the weighted share that it and its
    /// sentence name together.
    ///
    /// The quote speaks to the claim when that weighted share reaches the
    /// settings' `relevance`, or when it or its sentence refers back to the
    /// claim ("those reports"); it restates the claim, so that the fallback
    /// may apply, only when its own words reach `restates`.
    pub(super) fn relevance(
        &self,
        t: &str,
        context: Option<&str>,
        claim: Option<&Claim>,
        hits: &[Hit],
    ) -> (Touch, f32, f32) {
        let Some(c) = claim else {
            return (Touch::Named, 0.0, 0.0);
        };
        let s = &self.rules.settings;
        let saturation = if s.saturation > 0.0 {
            s.saturation
        } else {
            f32::INFINITY
        };
        let own = c.coverage(t).share(saturation);
        let around = context.map_or(own, |ctx| c.coverage(ctx).share(saturation).max(own));
        let weighted = own + s.context_weight * (around - own);
        let reference = self.has_role(hits, |r| r == Role::ClaimReference);
        let (relevance, restates) = match context {
            Some(_) => (s.relevance, s.restates),
            None => (s.relevance_alone, s.restates_alone),
        };
        let touch = if own > 0.0 && own >= restates {
            Touch::Named
        } else if reference
            || (weighted > 0.0 && weighted >= relevance)
            || context.is_some_and(|ctx| self.refers_to_claim(ctx))
        {
            Touch::ByContext
        } else {
            Touch::Off
        };
        (touch, own, weighted)
    }

    /// True when `context` contains one of the settings' claim references.
    fn refers_to_claim(&self, context: &str) -> bool {
        let norm = Normalized::new(context);
        let t = norm.as_str();
        self.automaton.as_ref().is_some_and(|ac| {
            ac.find_overlapping_iter(t).any(|m| {
                self.roles[m.pattern().as_usize()].contains(&Role::ClaimReference)
                    && text::on_word_boundaries(t, m.start(), m.end())
            })
        })
    }
}

/// A stance toward what a claim is about, turned into a stance toward the
/// claim as written.
pub(super) fn toward_claim(label: Label, polarity: Polarity) -> Label {
    match (polarity, label) {
        (Polarity::Negative, Label::Affirming) => Label::Denying,
        (Polarity::Negative, Label::Denying) => Label::Affirming,
        (Polarity::Unknown, Label::Uncertain) => Label::Affirming,
        (Polarity::Unknown, Label::Affirming | Label::Denying) => Label::Denying,
        (_, l) => l,
    }
}
