//! The decision: every cue found is checked (pseudo phrase, negator,
//! scope), the surviving cue of highest priority decides, and a quote on
//! which no cue decides takes the fallback label only if it restates the
//! claim.

use regex::Regex;

use super::claims::toward_claim;
use super::{Classifier, Cue, Decision, Hit, Outcome, Reason, Role, Touch};
use crate::claim::{Claim, Polarity};
use crate::rules::{Label, Scope, WhenNegated};
use crate::text::{self, Normalized};

impl Classifier {
    pub(super) fn decide<'r>(
        &'r self,
        norm: &Normalized<'_>,
        hits: &[Hit],
        claim: Option<&Claim>,
        touch: Touch,
        mut trace: Option<&mut Vec<Cue<'r>>>,
    ) -> Decision<'r> {
        let on_claim = touch != Touch::Off;
        let t = norm.as_str();
        let orig = |(s, e): (usize, usize)| (norm.original(s), norm.original(e));
        // The best vote so far: (priority, -start) decides; earlier wins ties.
        let mut best: Option<(i32, usize, usize, Label, u32)> = None;
        let mut consider =
            |rule: u32, start: usize, end: usize, trace: &mut Option<&mut Vec<Cue<'r>>>| {
                let r = &self.rules.rules[rule as usize];
                let outcome = if !on_claim {
                    Outcome::OffClaim
                } else {
                    self.check_cue(t, hits, rule, start, end, claim.map(|c| (c, touch)))
                };
                if let Some(tr) = trace.as_deref_mut() {
                    let outcome = match outcome {
                        Outcome::Negated { by } => Outcome::Negated { by: orig(by) },
                        Outcome::NegatedTo { label, by } => Outcome::NegatedTo {
                            label,
                            by: orig(by),
                        },
                        Outcome::Pseudo { by } => Outcome::Pseudo { by: orig(by) },
                        o => o,
                    };
                    tr.push(Cue {
                        rule: r,
                        span: orig((start, end)),
                        outcome,
                    });
                }
                let label = match outcome {
                    Outcome::Lost => r.label,
                    Outcome::NegatedTo { label, .. } => label,
                    _ => return,
                };
                let better = match best {
                    None => true,
                    Some((p, s, ..)) => r.priority > p || (r.priority == p && start < s),
                };
                if better {
                    best = Some((r.priority, start, end, label, rule));
                }
            };
        for h in hits {
            for role in &self.roles[h.literal as usize] {
                if let Role::Cue(rule) = *role {
                    consider(rule, h.start, h.end, &mut trace);
                }
            }
        }
        if !self.stemmed.is_empty() {
            let ws: Vec<(usize, usize, String)> = text::words(t)
                .map(|(s, e)| (s, e, crate::claim::stem(&t[s..e])))
                .collect();
            for (i, (s, _, st)) in ws.iter().enumerate() {
                for (rule, stems) in self.stemmed.get(st).into_iter().flatten() {
                    let tail = ws.get(i..i + stems.len());
                    if tail.is_some_and(|tail| tail.iter().zip(stems).all(|(w, x)| &w.2 == x)) {
                        let e = ws[i + stems.len() - 1].1;
                        consider(*rule, *s, e, &mut trace);
                    }
                }
            }
        }
        // A pattern with a group named `cue` marks only that group as the
        // cue: `\w\s+(?<cue>don't)` needs a word before "don't" but the
        // cue is "don't" alone.
        let run_pattern = |(rule, re): &(u32, Regex)| {
            if re.capture_names().any(|n| n == Some("cue")) {
                for caps in re.captures_iter(t) {
                    if let Some(m) = caps.name("cue").filter(|m| m.start() < m.end()) {
                        consider(*rule, m.start(), m.end(), &mut trace);
                    }
                }
            } else {
                for m in re.find_iter(t) {
                    if m.start() < m.end() {
                        consider(*rule, m.start(), m.end(), &mut trace);
                    }
                }
            }
        };
        // Most texts match no pattern: one early-exit pass over the set
        // spares running each pattern on them. Only on ASCII text: elsewhere
        // a Unicode `\b` sends the set to a slower engine than the patterns'.
        let gate = self.pattern_set.as_ref().filter(|_| t.is_ascii());
        if gate.is_none_or(|set| set.is_match(t)) {
            self.patterns.iter().for_each(run_pattern);
        }
        let unruled = |label, reason| Decision {
            label,
            reason,
            rule: None,
            span: None,
            by_polarity: false,
            claim_polarity: Polarity::Plain,
        };
        let decision = match best {
            _ if !on_claim => unruled(Label::None, Reason::OffClaim),
            Some((_, s, e, label, rule)) => Decision {
                rule: Some(&self.rules.rules[rule as usize]),
                span: Some(orig((s, e))),
                ..unruled(label, Reason::Rule)
            },
            // Tied to the claim only by its sentence, a quote with no cue
            // restates nothing of it.
            None if touch == Touch::ByContext => unruled(Label::None, Reason::OffClaim),
            None => unruled(self.rules.settings.fallback, Reason::Fallback),
        };
        let decision = match claim.map(Claim::polarity) {
            Some(p @ (Polarity::Negative | Polarity::Unknown))
                if matches!(decision.reason, Reason::Rule | Reason::Fallback) =>
            {
                Decision {
                    label: toward_claim(decision.label, p),
                    by_polarity: true,
                    claim_polarity: p,
                    ..decision
                }
            }
            _ => decision,
        };
        if let (Some(tr), Some((_, s, e, _, rule))) = (trace, best) {
            let span = orig((s, e));
            for c in tr.iter_mut() {
                if c.outcome == Outcome::Lost
                    && c.span == span
                    && std::ptr::eq(c.rule, &self.rules.rules[rule as usize])
                {
                    c.outcome = Outcome::Decided;
                }
            }
        }
        decision
    }

    /// Pseudo, negation and scope checks for one cue. Returns `Lost` for a
    /// cue that survives (the caller promotes the winner to `Decided`).
    fn check_cue(
        &self,
        t: &str,
        hits: &[Hit],
        rule: u32,
        start: usize,
        end: usize,
        claim: Option<(&Claim, Touch)>,
    ) -> Outcome {
        let r = &self.rules.rules[rule as usize];
        // A pseudo phrase of this rule that covers the cue cancels it. Such a
        // phrase ends between the cue's end and `start + longest literal`.
        for h in ending_in(hits, end, start.saturating_add(self.longest_literal)) {
            if h.start <= start
                && (h.start, h.end) != (start, end)
                && self.roles[h.literal as usize].contains(&Role::Pseudo(rule))
            {
                return Outcome::Pseudo {
                    by: (h.start, h.end),
                };
            }
        }
        if let Some(list) = self.negator_list[rule as usize]
            && let Some(by) = self.negator_before(t, hits, list, start)
        {
            return match r.when_negated {
                WhenNegated::Becomes(label) => Outcome::NegatedTo { label, by },
                _ => Outcome::Negated { by },
            };
        }
        let (window, clause) = match r.scope {
            Scope::Quote => return Outcome::Lost,
            Scope::Sentence { window } => (window, false),
            Scope::Clause { window } => (window, true),
        };
        let Some((c, touch)) = claim else {
            return Outcome::Lost;
        };
        let (mut s, mut e) = text::sentence_around(t, start, end);
        if clause {
            // A terminator between the cue and a claim term puts them in
            // different clauses ("not everyone agrees, but the ship sank").
            let role_at = |h: &&Hit, role: Role| self.roles[h.literal as usize].contains(&role);
            for h in ending_in(hits, s, e) {
                if h.start >= s && role_at(&h, Role::Terminator) {
                    if h.end <= start {
                        s = s.max(h.end);
                    } else if h.start >= end {
                        e = e.min(h.start);
                    }
                }
            }
        }
        let near = |(ms, me): (usize, usize)| {
            let (a, b) = if me <= start {
                (me, start)
            } else {
                (end.min(ms), ms)
            };
            a <= b && window.is_none_or(|w| text::count_words(&t[a..b]) <= w)
        };
        let anaphors_count = clause && touch == Touch::ByContext;
        let in_scope = c
            .mentions(&t[s..e])
            .into_iter()
            .any(|(ms, me)| near((ms + s, me + s)))
            || ending_in(hits, s, e).iter().any(|h| {
                h.start >= s
                    && self.roles[h.literal as usize].contains(&Role::ClaimReference)
                    && near((h.start, h.end))
            })
            || (anaphors_count && self.anaphor_in(t, s, e, &near));
        if !in_scope {
            return Outcome::OutOfScope;
        }
        Outcome::Lost
    }

    /// True when an anaphor of the settings stands in `t[s..e]` where `near`
    /// allows. Looked for only here (clause-scoped cues of quotes tied to the
    /// claim by their sentence), not by the automaton: "it" and "this" are
    /// in nearly every text.
    fn anaphor_in(
        &self,
        t: &str,
        s: usize,
        e: usize,
        near: &dyn Fn((usize, usize)) -> bool,
    ) -> bool {
        let lower = t[s..e].to_ascii_lowercase();
        self.anaphors.iter().any(|a| {
            lower.match_indices(a.as_str()).any(|(i, m)| {
                text::on_word_boundaries(&lower, i, i + m.len()) && near((s + i, s + i + m.len()))
            })
        })
    }

    /// The nearest negator of `list` that ends before `start`, within the
    /// negation window, in the same sentence, with no terminator between.
    /// Only hits inside the window are looked at, so the cost per cue does
    /// not grow with the length of the text.
    fn negator_before(
        &self,
        t: &str,
        hits: &[Hit],
        list: u32,
        start: usize,
    ) -> Option<(usize, usize)> {
        let window = self.rules.settings.negation_window;
        let limit = text::window_start(t, start, window + 1);
        let near = ending_in(hits, limit, start);
        near.iter()
            .filter(|h| self.roles[h.literal as usize].contains(&Role::Negator(list)))
            .filter(|h| {
                let between = &t[h.end..start];
                text::count_words(between) <= window
                    && !text::crosses_sentence_end(between)
                    && !ending_in(near, h.end, start).iter().any(|x| {
                        x.start >= h.end
                            && self.roles[x.literal as usize].contains(&Role::Terminator)
                    })
            })
            .max_by_key(|h| h.end)
            .map(|h| (h.start, h.end))
    }
}

/// The hits (sorted by end) whose end lies in `[lo, hi]`.
pub(super) fn ending_in(hits: &[Hit], lo: usize, hi: usize) -> &[Hit] {
    let a = hits.partition_point(|h| h.end < lo);
    let b = hits.partition_point(|h| h.end <= hi);
    &hits[a..b.max(a)]
}
