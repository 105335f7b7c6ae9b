//! The classifier: one pass of one automaton over a quote finds every cue,
//! negator, pseudo-cue and terminator; then each cue is checked (pseudo,
//! negated, out of scope) and the surviving cue of highest priority decides.
//!
//! [`Classifier::classify`] is the fast path (no allocation for ASCII text
//! beyond a reused scratch buffer); [`Classifier::explain`] runs the same code
//! and keeps the full trace for people.

use std::cell::RefCell;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::claim::Claim;
use crate::error::{Error, Result};
use crate::rules::{Label, Rule, RuleSet, Scope, Sourced, WhenNegated};
use crate::text::{self, Normalized};

/// Largest compiled size of one regex pattern. Larger ones are refused with
/// the rule id instead of being compiled for minutes.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// With the throughput setting, up to this many literals the automaton is a
/// DFA (fastest to search); beyond it, and by default, a contiguous NFA
/// (quick to build, memory proportional to the rules).
pub const DFA_MAX_LITERALS: usize = 20_000;

/// What one literal of the automaton stands for. One literal may play several
/// roles ("no" is a negator and part of no cue; "doubt" is a cue of one rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Cue(u32),
    Pseudo(u32),
    /// A negator of list `n` (0 = the settings' list, others per rule).
    Negator(u32),
    Terminator,
    ClaimReference,
}

/// How a text relates to the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touch {
    /// It names a claim term or refers to it ("those reports"), or no claim is given.
    Named,
    /// Only the sentence around it names or refers to the claim: a cue may
    /// decide, the fallback may not.
    ByContext,
    /// Nothing ties it to the claim.
    Off,
}

/// A match in the normalized text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    literal: u32,
}

/// How a cue fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// This cue decided the label.
    Decided,
    /// It fired but a cue of higher priority (or an earlier one of equal
    /// priority) decided.
    Lost,
    /// A negator stands before it and the rule is cancelled when negated.
    Negated {
        /// The negator's span (original offsets).
        by: (usize, usize),
    },
    /// A negator stands before it and the rule then votes for another label.
    NegatedTo {
        /// The label it votes for instead.
        label: Label,
        /// The negator's span (original offsets).
        by: (usize, usize),
    },
    /// It lies inside one of the rule's pseudo phrases.
    Pseudo {
        /// The pseudo phrase's span (original offsets).
        by: (usize, usize),
    },
    /// The claim is not mentioned within the rule's scope.
    OutOfScope,
    /// The quote does not touch the claim at all.
    OffClaim,
}

/// One cue found in a text, with what became of it.
#[derive(Debug, Clone)]
pub struct Cue<'r> {
    /// The rule the cue belongs to.
    pub rule: &'r Rule,
    /// Byte span in the original text.
    pub span: (usize, usize),
    /// What became of it.
    pub outcome: Outcome,
}

impl Cue<'_> {
    /// The label this cue votes for after negation, if it votes at all.
    pub fn vote(&self) -> Option<Label> {
        match self.outcome {
            Outcome::Decided | Outcome::Lost => Some(self.rule.label),
            Outcome::NegatedTo { label, .. } => Some(label),
            _ => None,
        }
    }
}

/// Why a quote got its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A rule's cue decided.
    Rule,
    /// No rule fired; the rule set's fallback label applies.
    Fallback,
    /// The quote does not touch the claim.
    OffClaim,
}

/// The label of one text and the rule and cue that decided it.
#[derive(Debug, Clone, Copy)]
pub struct Decision<'r> {
    /// The stance.
    pub label: Label,
    /// Why.
    pub reason: Reason,
    /// The deciding rule, when a rule decided.
    pub rule: Option<&'r Rule>,
    /// The deciding cue's byte span in the original text.
    pub span: Option<(usize, usize)>,
}

/// A decision with everything that led to it.
#[derive(Debug, Clone)]
pub struct Explanation<'r> {
    /// The decision.
    pub decision: Decision<'r>,
    /// Every cue found, in text order.
    pub cues: Vec<Cue<'r>>,
    /// Spans where the text names the claim (empty without a claim).
    pub claim_mentions: Vec<(usize, usize)>,
}

/// Rules compiled for matching. Build one with [`Classifier::new`] and share
/// it across threads.
#[derive(Debug)]
pub struct Classifier {
    rules: RuleSet,
    automaton: Option<AhoCorasick>,
    /// Roles of each automaton literal.
    roles: Vec<Vec<Role>>,
    /// Regex cues: (rule index, regex).
    patterns: Vec<(u32, Regex)>,
    /// All regex cues in one set: one pass tells whether any matches at all.
    pattern_set: Option<RegexSet>,
    /// Negator list index for each rule (`None`: negation ignored).
    negator_list: Vec<Option<u32>>,
    /// Byte length of the longest literal (bounds where a pseudo phrase can end).
    longest_literal: usize,
    default_claim: Option<Claim>,
}

thread_local! {
    static SCRATCH: RefCell<Vec<Hit>> = const { RefCell::new(Vec::new()) };
}

/// Folds a cue the way the text is folded, so that rules may be written with
/// curly or straight apostrophes, and lowercases it.
fn literal_key(s: &str) -> String {
    let n = Normalized::new(s.trim());
    n.as_str().to_lowercase()
}

/// Builds a [`Classifier`] with a choice between quick compilation (the
/// default: for the edit loop, `explain`, `eval`, `check`) and quick
/// matching (for classifying large streams).
///
/// ```
/// use stance::{ClassifierBuilder, RuleSet};
///
/// let bulk = ClassifierBuilder::new().throughput(true).build(RuleSet::default_rules())?;
/// assert_eq!(bulk.classify("It was a hoax.", None).label, stance::Label::Denying);
/// # Ok::<(), stance::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ClassifierBuilder {
    throughput: bool,
}

impl ClassifierBuilder {
    /// A builder for quick compilation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Spend a few more milliseconds compiling (a DFA for the phrases, one
    /// regex set that gates the patterns) to classify about a third faster.
    /// Answers are the same either way.
    pub fn throughput(mut self, yes: bool) -> Self {
        self.throughput = yes;
        self
    }

    /// Compiles a rule set. Fails, naming the rule, on an invalid or
    /// oversized regex.
    pub fn build(self, rules: RuleSet) -> Result<Classifier> {
        Classifier::compile(rules, self.throughput)
    }
}

impl Classifier {
    /// Compiles a rule set, quick to build (see [`ClassifierBuilder`] for
    /// the throughput setting). Fails, naming the rule, on an invalid or
    /// oversized regex.
    pub fn new(rules: RuleSet) -> Result<Classifier> {
        Classifier::compile(rules, false)
    }

    fn compile(rules: RuleSet, throughput: bool) -> Result<Classifier> {
        let mut literals: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        let mut add =
            |s: &str, role: Role, literals: &mut Vec<String>, roles: &mut Vec<Vec<Role>>| {
                let key = literal_key(s);
                let i = *index.entry(key.clone()).or_insert_with(|| {
                    literals.push(key);
                    roles.push(Vec::new());
                    literals.len() - 1
                });
                if !roles[i].contains(&role) {
                    roles[i].push(role);
                }
            };
        for n in &rules.settings.negators {
            add(&n.text, Role::Negator(0), &mut literals, &mut roles);
        }
        for t in &rules.settings.terminators {
            add(&t.text, Role::Terminator, &mut literals, &mut roles);
        }
        for c in &rules.settings.claim_references {
            add(&c.text, Role::ClaimReference, &mut literals, &mut roles);
        }
        let mut patterns = Vec::new();
        let mut negator_list = Vec::with_capacity(rules.rules.len());
        let mut lists = 1u32;
        for (i, rule) in rules.rules.iter().enumerate() {
            let ri = i as u32;
            for p in &rule.phrases {
                add(&p.text, Role::Cue(ri), &mut literals, &mut roles);
            }
            for p in &rule.pseudo {
                add(&p.text, Role::Pseudo(ri), &mut literals, &mut roles);
            }
            negator_list.push(match (&rule.when_negated, &rule.negators) {
                (WhenNegated::Ignore, _) => None,
                (_, None) => Some(0),
                (_, Some(own)) => {
                    for n in own {
                        add(&n.text, Role::Negator(lists), &mut literals, &mut roles);
                    }
                    lists += 1;
                    Some(lists - 1)
                }
            });
            for p in &rule.patterns {
                patterns.push((ri, compile_regex(rule, p)?));
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .kind(Some(if throughput && literals.len() <= DFA_MAX_LITERALS {
                        AhoCorasickKind::DFA
                    } else {
                        AhoCorasickKind::ContiguousNFA
                    }))
                    .build(&literals)
                    .map_err(|e| Error::Usage(format!("cannot compile the rule phrases: {e}")))?,
            )
        };
        let default_claim = rules.claim.as_ref().map(Claim::from_spec);
        // Each pattern compiled alone is within the limit; the set of all of
        // them is an optimisation only, so a set too large to build is skipped.
        let pattern_set = if throughput && patterns.len() > 1 {
            RegexSetBuilder::new(patterns.iter().map(|(_, re)| re.as_str()))
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT * 8)
                .build()
                .ok()
        } else {
            None
        };
        let longest_literal = literals.iter().map(String::len).max().unwrap_or(0);
        Ok(Classifier {
            rules,
            automaton,
            roles,
            patterns,
            pattern_set,
            longest_literal,
            negator_list,
            default_claim,
        })
    }

    /// Compiles the default rule set embedded in the binary.
    pub fn with_default_rules() -> Classifier {
        Classifier::new(RuleSet::default_rules()).expect("the embedded default rules compile")
    }

    /// The rule set this classifier was built from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The claim named by the rules files, if any.
    pub fn default_claim(&self) -> Option<&Claim> {
        self.default_claim.as_ref()
    }

    /// Labels `text`. With a claim (given here or named by the rules files),
    /// a text that does not touch the claim is `none`.
    pub fn classify<'r>(&'r self, text: &str, claim: Option<&Claim>) -> Decision<'r> {
        self.run(text, None, claim, None)
    }

    /// Labels a quote seen in its sentence (`context`, e.g. from `extract`).
    /// Cues are only looked for in the quote; the context only counts for the
    /// claim: a quote whose sentence names the claim or refers to it ("the
    /// allegations", "those reports") is on-claim even when its own words name
    /// nothing of it; then a cue may decide it, but not the fallback label.
    pub fn classify_quote<'r>(
        &'r self,
        text: &str,
        context: Option<&str>,
        claim: Option<&Claim>,
    ) -> Decision<'r> {
        self.run(text, context, claim, None)
    }

    /// Labels `text` and keeps every cue and what became of it.
    pub fn explain<'r>(&'r self, text: &str, claim: Option<&Claim>) -> Explanation<'r> {
        self.explain_quote(text, None, claim)
    }

    /// [`Classifier::explain`] for a quote in its sentence (see
    /// [`Classifier::classify_quote`]).
    pub fn explain_quote<'r>(
        &'r self,
        text: &str,
        context: Option<&str>,
        claim: Option<&Claim>,
    ) -> Explanation<'r> {
        let mut cues = Vec::new();
        let decision = self.run(text, context, claim, Some(&mut cues));
        cues.sort_by_key(|c| (c.span, c.rule.id.clone()));
        let claim_mentions = claim
            .or(self.default_claim.as_ref())
            .map(|c| c.mentions(text))
            .unwrap_or_default();
        Explanation {
            decision,
            cues,
            claim_mentions,
        }
    }

    fn run<'r>(
        &'r self,
        text: &str,
        context: Option<&str>,
        claim: Option<&Claim>,
        trace: Option<&mut Vec<Cue<'r>>>,
    ) -> Decision<'r> {
        let norm = Normalized::new(text);
        let claim = claim.or(self.default_claim.as_ref());
        SCRATCH.with(|scratch| {
            let mut hits = scratch.borrow_mut();
            hits.clear();
            self.collect_hits(norm.as_str(), &mut hits);
            hits.sort_unstable_by_key(|h| (h.end, h.start));
            let touch = match claim {
                None => Touch::Named,
                Some(c)
                    if c.touches(norm.as_str())
                        || self.has_role(&hits, |r| r == Role::ClaimReference) =>
                {
                    Touch::Named
                }
                Some(c)
                    if context.is_some_and(|ctx| c.touches(ctx) || self.refers_to_claim(ctx)) =>
                {
                    Touch::ByContext
                }
                Some(_) => Touch::Off,
            };
            self.decide(&norm, &hits, claim, touch, trace)
        })
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

    fn collect_hits(&self, t: &str, hits: &mut Vec<Hit>) {
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(t) {
                if text::on_word_boundaries(t, m.start(), m.end()) {
                    hits.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        literal: m.pattern().as_u32(),
                    });
                }
            }
        }
    }

    fn decide<'r>(
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
                    self.check_cue(t, hits, rule, start, end, claim)
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
        let run_pattern = |(rule, re): &(u32, Regex)| {
            for m in re.find_iter(t) {
                if m.start() < m.end() {
                    consider(*rule, m.start(), m.end(), &mut trace);
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
        let decision = match best {
            _ if !on_claim => Decision {
                label: Label::None,
                reason: Reason::OffClaim,
                rule: None,
                span: None,
            },
            Some((_, s, e, label, rule)) => Decision {
                label,
                reason: Reason::Rule,
                rule: Some(&self.rules.rules[rule as usize]),
                span: Some(orig((s, e))),
            },
            // A plain statement asserts the claim only if it names it.
            None if touch == Touch::ByContext => Decision {
                label: Label::None,
                reason: Reason::OffClaim,
                rule: None,
                span: None,
            },
            None => Decision {
                label: self.rules.settings.fallback,
                reason: Reason::Fallback,
                rule: None,
                span: None,
            },
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

    fn has_role(&self, hits: &[Hit], f: impl Fn(Role) -> bool) -> bool {
        hits.iter()
            .any(|h| self.roles[h.literal as usize].iter().any(|&r| f(r)))
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
        claim: Option<&Claim>,
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
        if let (Scope::Sentence { window }, Some(c)) = (r.scope, claim) {
            let (s, e) = text::sentence_around(t, start, end);
            let near = |(ms, me): (usize, usize)| {
                let (a, b) = if me <= start {
                    (me, start)
                } else {
                    (end.min(ms), ms)
                };
                window.is_none_or(|w| text::count_words(&t[a..b]) <= w)
            };
            let in_scope = c
                .mentions(&t[s..e])
                .into_iter()
                .any(|(ms, me)| near((ms + s, me + s)))
                || ending_in(hits, s, e).iter().any(|h| {
                    h.start >= s
                        && self.roles[h.literal as usize].contains(&Role::ClaimReference)
                        && near((h.start, h.end))
                });
            if !in_scope {
                return Outcome::OutOfScope;
            }
        }
        Outcome::Lost
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
fn ending_in(hits: &[Hit], lo: usize, hi: usize) -> &[Hit] {
    let a = hits.partition_point(|h| h.end < lo);
    let b = hits.partition_point(|h| h.end <= hi);
    &hits[a..b.max(a)]
}

fn compile_regex(rule: &Rule, p: &Sourced) -> Result<Regex> {
    let folded = Normalized::new(&p.text).as_str().to_string();
    RegexBuilder::new(&folded)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| {
            let msg = match e {
                regex::Error::CompiledTooBig(limit) => {
                    format!("pattern is too large (compiled size over {limit} bytes); split it or use phrases")
                }
                other => format!("invalid pattern: {}", other.to_string().replace('\n', " ")),
            };
            Error::rule(Some(p.location.clone()), Some(&rule.id), msg)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier(toml: &str) -> Classifier {
        let set = RuleSet::from_sources(&[("t.toml".into(), toml.into())]).unwrap();
        Classifier::new(set).unwrap()
    }

    const RULES: &str = r#"
[settings]
negators = ["not", "no", "never", "can't", "cannot", "could not", "couldn't"]
terminators = ["but", "however"]
claim_references = ["those reports"]

[[rule]]
id = "affirm.confirm"
label = "affirming"
description = "Confirming a report affirms it."
priority = 10
phrases = ["confirm", "confirmed"]
when_negated = "uncertain"

[[rule]]
id = "deny.hoax"
label = "denying"
description = "A hoax is false."
priority = 30
phrases = ["hoax", "false"]

[[rule]]
id = "uncertain.doubt"
label = "uncertain"
description = "Doubt hedges."
priority = 20
phrases = ["doubt", "no evidence"]
pseudo = ["no doubt", "no reason to doubt"]

[[rule]]
id = "affirm.no-doubt"
label = "affirming"
description = "No doubt affirms."
priority = 20
phrases = ["no doubt", "no reason to doubt"]
when_negated = "ignore"

[[rule]]
id = "deny.denies"
label = "denying"
description = "A denial of the claim."
priority = 25
phrases = ["denied"]
scope = "sentence"
window = 4
"#;

    fn label(c: &Classifier, t: &str) -> (Label, Option<String>) {
        let d = c.classify(t, None);
        (d.label, d.rule.map(|r| r.id.clone()))
    }

    #[test]
    fn negation_turns_confirm_into_uncertain() {
        let c = classifier(RULES);
        assert_eq!(label(&c, "We can confirm it.").0, Label::Affirming);
        assert_eq!(
            label(&c, "I can’t confirm those reports.").0,
            Label::Uncertain
        );
        assert_eq!(
            label(&c, "We could not independently confirm it").0,
            Label::Uncertain
        );
        let d = c.classify("I can\u{2019}t confirm those reports", None);
        assert_eq!(
            d.span,
            Some((10, 17)),
            "span in original bytes, after the 3-byte apostrophe"
        );
    }

    #[test]
    fn negation_window_and_terminators() {
        let c = classifier(RULES);
        assert_eq!(label(&c, "not a hoax").0, Label::None);
        assert_eq!(
            label(&c, "It is not, sadly, at all a hoax").0,
            Label::Denying,
            "5 words: outside the window"
        );
        assert_eq!(
            label(&c, "Not true, but a hoax").0,
            Label::Denying,
            "terminator ends the scope"
        );
        assert_eq!(
            label(&c, "Not so. A hoax").0,
            Label::Denying,
            "sentence end ends the scope"
        );
    }

    #[test]
    fn pseudo_cues() {
        let c = classifier(RULES);
        assert_eq!(
            label(&c, "There is no doubt about it"),
            (Label::Affirming, Some("affirm.no-doubt".into()))
        );
        assert_eq!(
            label(&c, "There is no reason to doubt it").0,
            Label::Affirming
        );
        assert_eq!(label(&c, "Experts doubt it").0, Label::Uncertain);
        assert_eq!(label(&c, "There is no evidence").0, Label::Uncertain);
        let e = c.explain("no doubt", None);
        assert!(
            e.cues
                .iter()
                .any(|c| matches!(c.outcome, Outcome::Pseudo { by: (0, 8) }))
        );
    }

    #[test]
    fn priority_resolves_conflicts_and_is_visible() {
        let c = classifier(RULES);
        assert_eq!(
            label(&c, "We can confirm that the reports are false").0,
            Label::Denying
        );
        let e = c.explain("We can confirm that the reports are false", None);
        let outcomes: Vec<(&str, Outcome)> = e
            .cues
            .iter()
            .map(|c| (c.rule.id.as_str(), c.outcome))
            .collect();
        assert_eq!(
            outcomes,
            [
                ("affirm.confirm", Outcome::Lost),
                ("deny.hoax", Outcome::Decided)
            ]
        );
    }

    #[test]
    fn claims_off_claim_and_scope() {
        let c = classifier(RULES);
        let claim = Claim::new("The mayor resigned");
        let d = c.classify("The weather is a hoax", Some(&claim));
        assert_eq!((d.label, d.reason), (Label::None, Reason::OffClaim));
        assert_eq!(
            c.classify("The mayor story is a hoax", Some(&claim)).label,
            Label::Denying
        );
        assert_eq!(
            c.classify("I can't confirm those reports", Some(&claim))
                .label,
            Label::Uncertain,
            "claim reference"
        );
        // Scope: "denied" must have a claim term within 4 words in its sentence.
        assert_eq!(
            c.classify("The mayor denied it", Some(&claim)).label,
            Label::Denying
        );
        let far = "The mayor spoke. A spokesman denied that the bus was late";
        let e = c.explain(far, Some(&claim));
        assert_eq!(e.decision.label, Label::None);
        assert_eq!(e.cues[0].outcome, Outcome::OutOfScope);
        // A quote whose sentence is about "the reports" is on-claim.
        let ctx = "In reply, the minister called those reports \u{201C}a hoax\u{201D}.";
        assert_eq!(c.classify("a hoax", Some(&claim)).label, Label::None);
        assert_eq!(
            c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
            Label::Denying
        );
        let d = c.classify_quote("all the help we can get", Some(ctx), Some(&claim));
        assert_eq!(
            (d.label, d.reason),
            (Label::None, Reason::OffClaim),
            "no fallback through context"
        );
        let ctx = "The mayor's aide said \u{201C}a hoax\u{201D}.";
        assert_eq!(
            c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
            Label::Denying,
            "a claim term in the sentence ties the quote to the claim"
        );
        let ctx = "The weather man said \u{201C}a hoax\u{201D}.";
        assert_eq!(
            c.classify_quote("a hoax", Some(ctx), Some(&claim)).label,
            Label::None,
            "nothing in quote or sentence names the claim"
        );
        // Without a claim every quote is on-claim and scope is not checked.
        assert_eq!(c.classify(far, None).label, Label::Denying);
    }

    #[test]
    fn fallback_label() {
        let c = classifier(&RULES.replace("[settings]", "[settings]\nfallback = \"affirming\""));
        let d = c.classify("Troops arrived", None);
        assert_eq!(
            (d.label, d.reason, d.rule.is_none()),
            (Label::Affirming, Reason::Fallback, true)
        );
    }

    #[test]
    fn words_are_matched_whole() {
        let c = classifier(RULES);
        assert_eq!(label(&c, "hoaxes and falsehoods").0, Label::None);
        assert_eq!(label(&c, "HOAX!").0, Label::Denying);
    }

    #[test]
    fn patterns_and_their_errors() {
        let c = classifier(&format!(
            "{RULES}\n[[rule]]\nid = \"u.q\"\nlabel = \"uncertain\"\ndescription = \"A question\"\npatterns = ['\\?\\s*$']\n"
        ));
        assert_eq!(label(&c, "Is it true?").0, Label::Uncertain);
        let bad = "[[rule]]\nid = \"u.bad\"\nlabel = \"uncertain\"\ndescription = \"d\"\npatterns = ['(unclosed']\n";
        let set = RuleSet::from_sources(&[("t.toml".into(), bad.into())]).unwrap();
        let e = Classifier::new(set).unwrap_err().to_string();
        assert!(
            e.starts_with("t.toml:5:13: rule `u.bad`: invalid pattern"),
            "{e}"
        );
        let huge = "[[rule]]\nid = \"u.huge\"\nlabel = \"uncertain\"\ndescription = \"d\"\npatterns = ['\\w{1000}\\w{1000}']\n";
        let set = RuleSet::from_sources(&[("t.toml".into(), huge.into())]).unwrap();
        let e = Classifier::new(set).unwrap_err().to_string();
        assert!(e.contains("u.huge") && e.contains("too large"), "{e}");
    }
}
