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

use crate::claim::{Claim, Polarity};
use crate::error::{Error, Result};
use crate::rules::{Label, Rule, RuleSet, Sourced, WhenNegated};
use crate::text::{self, Normalized};

mod claims;
mod decide;

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
    /// The quote does not speak to the claim: it names too little of it.
    OffClaim,
}

impl Reason {
    /// Name used in output (`reason` of a classify record).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Rule => "rule",
            Reason::Fallback => "fallback",
            Reason::OffClaim => "off-claim",
        }
    }
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
    /// True when the claim is negative or says something is unknown, and the
    /// stance toward what it is about was turned into a stance toward the
    /// claim as written ("X is a hoax": denying X affirms the claim).
    pub by_polarity: bool,
    /// The claim's polarity (plain without a claim).
    pub claim_polarity: Polarity,
}

impl Decision<'_> {
    /// The deciding rule's id, or `(fallback)` / `(off-claim)`.
    pub fn rule_name(&self) -> &str {
        match (self.rule, self.reason) {
            (Some(r), _) => &r.id,
            (None, Reason::OffClaim) => OFF_CLAIM,
            (None, _) => FALLBACK,
        }
    }
}

/// Rule name of answers no rule decided: the settings' fallback label.
pub const FALLBACK: &str = "(fallback)";
/// Rule name of answers for quotes that do not speak to their claim.
pub const OFF_CLAIM: &str = "(off-claim)";

/// A decision with everything that led to it.
#[derive(Debug, Clone)]
pub struct Explanation<'r> {
    /// The decision.
    pub decision: Decision<'r>,
    /// Every cue found, in text order.
    pub cues: Vec<Cue<'r>>,
    /// Spans where the text names the claim (empty without a claim).
    pub claim_mentions: Vec<(usize, usize)>,
    /// How much of the claim the quote names (0 to 1), without a claim 0.
    pub coverage: f32,
    /// How much of the claim the quote and its sentence name, weighted.
    pub relevance: f32,
    /// Which way the claim points.
    pub polarity: Polarity,
    /// The settings' `relevance` and `restates` thresholds, for people.
    pub thresholds: (f32, f32),
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
    /// Phrases of rules with `stem = true`, as word stems, by their first
    /// stem: (rule index, stems of the phrase's words).
    stemmed: std::collections::HashMap<String, Vec<(u32, Vec<String>)>>,
    default_claim: Option<Claim>,
    /// The settings' anaphors, folded and lowercased (ASCII case).
    anaphors: Vec<String>,
    /// Unique among the classifiers of this process: caches of compiled
    /// claims are keyed by it (an address could be reused).
    id: u64,
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

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
        let mut stemmed: std::collections::HashMap<String, Vec<(u32, Vec<String>)>> =
            Default::default();
        let mut negator_list = Vec::with_capacity(rules.rules.len());
        let mut lists = 1u32;
        for (i, rule) in rules.rules.iter().enumerate() {
            let ri = i as u32;
            for p in &rule.phrases {
                if rule.stem {
                    let stems: Vec<String> = text::words(&p.text)
                        .map(|(s, e)| crate::claim::stem(&p.text[s..e]))
                        .collect();
                    if let Some(first) = stems.first() {
                        stemmed.entry(first.clone()).or_default().push((ri, stems));
                    }
                } else {
                    add(&p.text, Role::Cue(ri), &mut literals, &mut roles);
                }
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
        let anaphors = rules
            .settings
            .anaphors
            .iter()
            .map(|a| literal_key(&a.text).to_ascii_lowercase())
            .collect();
        let mut classifier = Classifier {
            rules,
            automaton,
            roles,
            patterns,
            pattern_set,
            longest_literal,
            negator_list,
            stemmed,
            default_claim: None,
            anaphors,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        classifier.default_claim = classifier.rules.claim.as_ref().map(|c| classifier.claim(c));
        Ok(classifier)
    }

    /// Compiles the default rule set embedded in the binary.
    pub fn with_default_rules() -> Classifier {
        Classifier::new(RuleSet::default_rules()).expect("the embedded default rules compile")
    }

    /// Unique among the classifiers of this process.
    pub(crate) fn id(&self) -> u64 {
        self.id
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
        let claim = claim.or(self.default_claim.as_ref());
        let claim_mentions = claim.map(|c| c.mentions(text)).unwrap_or_default();
        let norm = Normalized::new(text);
        let (_, coverage, relevance) = self.relevance(norm.as_str(), context, claim, &[]);
        Explanation {
            decision,
            cues,
            claim_mentions,
            coverage,
            relevance,
            polarity: claim.map(Claim::polarity).unwrap_or_default(),
            thresholds: (self.rules.settings.relevance, self.rules.settings.restates),
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
            let touch = self.relevance(norm.as_str(), context, claim, &hits).0;
            self.decide(&norm, &hits, claim, touch, trace)
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

    fn has_role(&self, hits: &[Hit], f: impl Fn(Role) -> bool) -> bool {
        hits.iter()
            .any(|h| self.roles[h.literal as usize].iter().any(|&r| f(r)))
    }
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
mod tests;
