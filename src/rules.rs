//! Rule files: the TOML format people edit, its validation, and the default
//! rule set embedded in the binary.
//!
//! The format is documented for rule editors in `rules/README.md`. Loading
//! checks everything a person can get wrong (syntax, unknown keys and labels,
//! duplicate ids, empty cues) and names the file, line, column and rule id.
//! Regexes are checked when a [`crate::Classifier`] is built from the rules.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Location, Result};

/// The stance a quote takes toward a claim.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The speaker says the claim is true.
    Affirming,
    /// The speaker says the claim is false.
    Denying,
    /// The speaker reports, hedges or cannot confirm.
    Uncertain,
    /// No stance toward the claim (off-claim, or nothing decided).
    None,
}

impl Label {
    /// All labels, in report order.
    pub const ALL: [Label; 4] = [
        Label::Affirming,
        Label::Denying,
        Label::Uncertain,
        Label::None,
    ];

    /// The label's name as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Affirming => "affirming",
            Label::Denying => "denying",
            Label::Uncertain => "uncertain",
            Label::None => "none",
        }
    }

    /// Parses a label name (exact, lowercase).
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a negator before a cue does to the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenNegated {
    /// The rule does not fire ("not a hoax" is no denial). The default.
    Cancel,
    /// The rule fires with this label instead ("can't confirm" is uncertain).
    Becomes(Label),
    /// Negators are not looked for.
    Ignore,
}

/// Where the claim must be mentioned for a rule to apply (only when a claim
/// is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the quote (the default).
    Quote,
    /// In the same sentence as the cue, optionally within `window` words.
    Sentence {
        /// Maximum number of words between cue and claim term.
        window: Option<usize>,
    },
    /// In the same clause as the cue: the same sentence, with no terminator
    /// ("but", "however", ";") between cue and claim term, optionally within
    /// `window` words. In a quote that names nothing of the claim itself
    /// (it is about the claim through its sentence), an anaphor ("it",
    /// "this") stands for the claim.
    Clause {
        /// Maximum number of words between cue and claim term.
        window: Option<usize>,
    },
}

/// Literal text with its place in the rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// The text as written.
    pub text: String,
    /// Where it is written.
    pub location: Location,
}

/// A sentence a rule must get right, and the label it must get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The label the rule set must give it.
    pub label: Label,
    /// Where it is written.
    pub location: Location,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawExample {
    Text(String),
    Labeled { text: String, label: String },
}

/// One rule: a set of cues that, when found, vote for a label.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id, e.g. `uncertain.cannot-confirm`.
    pub id: String,
    /// The label the rule votes for.
    pub label: Label,
    /// Why the rule exists.
    pub description: String,
    /// Higher wins when rules of different labels fire.
    pub priority: i32,
    /// Literal cue phrases (case-insensitive, whole words).
    pub phrases: Vec<Sourced>,
    /// Regex cues (case-insensitive).
    pub patterns: Vec<Sourced>,
    /// Phrases that contain a cue but mean something else; a cue inside one
    /// of them is cancelled ("no doubt" for the cue "doubt").
    pub pseudo: Vec<Sourced>,
    /// Negators for this rule; `None` means the file's default list.
    pub negators: Option<Vec<Sourced>>,
    /// What a negator does.
    pub when_negated: WhenNegated,
    /// Where the claim must be mentioned.
    pub scope: Scope,
    /// Match phrases through inflection (Snowball English stems): "deny"
    /// also matches "denied" and "denies".
    pub stem: bool,
    /// A claim in which this (denying) rule decides says that something is
    /// false ("X is a hoax", "Y denies X"): stances toward X are turned
    /// around to be stances toward the claim as written.
    pub negates_claim: bool,
    /// Sentences on which this rule must fire and the rule set must give the
    /// example's label (the rule's own label unless the example names another).
    pub examples: Vec<Example>,
    /// Sentences this rule must not decide with its own label.
    pub counter_examples: Vec<Sourced>,
    /// Where the rule starts.
    pub location: Location,
}

/// File-wide settings; at most one file of a rule set may have them.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Label for a quote on which no rule decides (default `none`).
    pub fallback: Label,
    /// Words that negate a cue that follows them.
    pub negators: Vec<Sourced>,
    /// How many words may stand between a negator and its cue.
    pub negation_window: usize,
    /// Words that end a negator's scope ("but", "however").
    pub terminators: Vec<Sourced>,
    /// Phrases by which a quote refers back to the claim without naming it
    /// ("those reports"); they count as touching the claim.
    pub claim_references: Vec<Sourced>,
    /// Least share of a claim's weight that a quote, with its sentence, must
    /// name to be about the claim (0: any claim term will do).
    pub relevance: f32,
    /// Least share of a claim's weight that the quote's own words must name
    /// for the fallback label to apply: the quote restates the claim
    /// (0: any claim term will do).
    pub restates: f32,
    /// How much claim terms named only in the quote's sentence (outside the
    /// quote) count toward `relevance`.
    pub context_weight: f32,
    /// Claim weight beyond which a claim counts as fully covered (long
    /// headlines carry detail a quote need not repeat; 0: no cap).
    pub saturation: f32,
    /// `relevance` and `restates` for a text given without its sentence (a
    /// headline matched to its claim by hand): it is judged on its own words.
    pub relevance_alone: f32,
    /// See `relevance_alone`.
    pub restates_alone: f32,
    /// Words that refer back to something named before ("it", "this"): in a
    /// quote tied to the claim only by its sentence, they stand for the claim
    /// in a clause-scoped rule.
    pub anaphors: Vec<Sourced>,
    /// Phrases that make a claim say something is unknown ("fate of X
    /// unknown"): a quote leaving X open affirms such a claim.
    pub unknown_claim: Vec<Sourced>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            fallback: Label::None,
            negators: Vec::new(),
            negation_window: 3,
            terminators: Vec::new(),
            claim_references: Vec::new(),
            relevance: 0.0,
            restates: 0.0,
            context_weight: 1.0,
            saturation: 0.0,
            relevance_alone: 0.0,
            restates_alone: 0.0,
            anaphors: Vec::new(),
            unknown_claim: Vec::new(),
        }
    }
}

/// A claim: its text and other names for its key terms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// The claim as a sentence.
    pub text: String,
    /// Other ways to name it ("Pyongyang" for "North Korea").
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A validated rule set, as loaded from one or more files.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// The settings.
    pub settings: Settings,
    /// A claim named by the rules files, if any.
    pub claim: Option<ClaimSpec>,
    /// The files the rules came from.
    pub files: Vec<String>,
}

/// The default rule files, embedded at build time.
pub const DEFAULT_RULE_FILES: &[(&str, &str)] = &[
    ("settings.toml", include_str!("../rules/settings.toml")),
    ("affirming.toml", include_str!("../rules/affirming.toml")),
    ("denying.toml", include_str!("../rules/denying.toml")),
    ("uncertain.toml", include_str!("../rules/uncertain.toml")),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    settings: Option<Spanned<RawSettings>>,
    claim: Option<ClaimSpec>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    fallback: Option<Spanned<String>>,
    #[serde(default)]
    negators: Vec<Spanned<String>>,
    negation_window: Option<usize>,
    #[serde(default)]
    terminators: Vec<Spanned<String>>,
    #[serde(default)]
    claim_references: Vec<Spanned<String>>,
    relevance: Option<Spanned<f64>>,
    restates: Option<Spanned<f64>>,
    context_weight: Option<Spanned<f64>>,
    saturation: Option<Spanned<f64>>,
    relevance_alone: Option<Spanned<f64>>,
    restates_alone: Option<Spanned<f64>>,
    #[serde(default)]
    unknown_claim: Vec<Spanned<String>>,
    #[serde(default)]
    anaphors: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    label: Spanned<String>,
    description: Spanned<String>,
    #[serde(default)]
    priority: i32,
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pseudo: Vec<Spanned<String>>,
    negators: Option<Vec<Spanned<String>>>,
    when_negated: Option<Spanned<String>>,
    scope: Option<Spanned<String>>,
    window: Option<Spanned<usize>>,
    #[serde(default)]
    stem: bool,
    #[serde(default)]
    negates_claim: bool,
    #[serde(default)]
    examples: Vec<Spanned<RawExample>>,
    #[serde(default)]
    counter_examples: Vec<Spanned<String>>,
}

/// Largest rules file read: 100,000 rules take 18 MB.
pub const MAX_RULES_FILE_BYTES: u64 = 64 << 20;

/// The files a rules folder stands for: its own `*.toml`, regular files
/// only (a FIFO would block the load forever).
const RULE_FILES: crate::input::WalkOptions<'static> = crate::input::WalkOptions {
    extensions: &["toml"],
    recursive: false,
    skip_binary: false,
    follow_links: true,
};

impl RuleSet {
    /// The default rule set embedded in the binary.
    pub fn default_rules() -> RuleSet {
        let sources: Vec<(String, String)> = DEFAULT_RULE_FILES
            .iter()
            .map(|(name, text)| (format!("<default>/rules/{name}"), text.to_string()))
            .collect();
        RuleSet::from_sources(&sources).expect("the embedded default rules are valid")
    }

    /// Loads a rules file, or every `*.toml` file of a folder (sorted by name).
    pub fn from_path(path: &Path) -> Result<RuleSet> {
        let mut files = Vec::new();
        if path.is_dir() {
            let walk = crate::input::walk(path, RULE_FILES)?;
            if let Some((p, why)) = walk.skipped.iter().find(|(p, why)| {
                *why == crate::input::Skip::NotRegular && p.extension().is_some_and(|e| e == "toml")
            }) {
                return Err(Error::io(p, std::io::Error::other(why.as_str())));
            }
            files = walk.files.into_iter().map(|f| f.path).collect();
            if files.is_empty() {
                return Err(Error::Usage(format!(
                    "{}: no .toml rules files in this folder",
                    path.display()
                )));
            }
        } else {
            files.push(path.to_path_buf());
        }
        let mut sources = Vec::new();
        for f in files {
            let text = crate::input::read_text_file(&f, MAX_RULES_FILE_BYTES)?;
            sources.push((f.display().to_string(), text));
        }
        RuleSet::from_sources(&sources)
    }

    /// Loads rules from `(file name, TOML text)` pairs.
    pub fn from_sources(sources: &[(String, String)]) -> Result<RuleSet> {
        let mut set = RuleSet {
            rules: Vec::new(),
            settings: Settings::default(),
            claim: None,
            files: Vec::new(),
        };
        let mut settings_file: Option<String> = None;
        let mut ids: HashMap<String, Location> = HashMap::new();
        for (file, text) in sources {
            let raw: RawFile = toml::from_str(text).map_err(|e| {
                let loc = e.span().map(|s| Location::from_span(file, text, s));
                Error::rule(loc, None, e.message().trim().to_string())
            })?;
            let index = crate::text::LineIndex::new(text);
            let here =
                |span: std::ops::Range<usize>| Location::from_index(file, &index, text, span);
            if let Some(s) = raw.settings {
                if let Some(first) = &settings_file {
                    return Err(Error::rule(
                        Some(here(s.span())),
                        None,
                        format!("[settings] is already given in {first}; a rule set has one"),
                    ));
                }
                settings_file = Some(file.clone());
                set.settings = convert_settings(s.into_inner(), &here)?;
            }
            if let Some(claim) = raw.claim {
                set.claim = Some(claim);
            }
            for r in raw.rule {
                let rule = convert_rule(r, &here)?;
                if let Some(first) = ids.get(&rule.id) {
                    return Err(Error::rule(
                        Some(rule.location.clone()),
                        Some(&rule.id),
                        format!("duplicate rule id (first defined at {first})"),
                    ));
                }
                ids.insert(rule.id.clone(), rule.location.clone());
                set.rules.push(rule);
            }
            set.files.push(file.clone());
        }
        check_total_pattern_size(&set)?;
        Ok(set)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

fn sourced(
    items: Vec<Spanned<String>>,
    here: &dyn Fn(std::ops::Range<usize>) -> Location,
    rule: Option<&str>,
    what: &str,
) -> Result<Vec<Sourced>> {
    items
        .into_iter()
        .map(|s| {
            let location = here(s.span());
            let text = s.into_inner();
            if text.trim().is_empty() {
                return Err(Error::rule(Some(location), rule, format!("empty {what}")));
            }
            Ok(Sourced { text, location })
        })
        .collect()
}

fn parse_label(
    s: &Spanned<String>,
    here: &dyn Fn(std::ops::Range<usize>) -> Location,
    rule: Option<&str>,
) -> Result<Label> {
    label_at(s.get_ref(), &here(s.span()), rule)
}

fn label_at(s: &str, location: &Location, rule: Option<&str>) -> Result<Label> {
    Label::parse(s).ok_or_else(|| {
        Error::rule(
            Some(location.clone()),
            rule,
            format!("unknown label `{s}`; expected one of affirming, denying, uncertain, none"),
        )
    })
}

fn convert_settings(
    raw: RawSettings,
    here: &dyn Fn(std::ops::Range<usize>) -> Location,
) -> Result<Settings> {
    let mut s = Settings::default();
    if let Some(f) = &raw.fallback {
        s.fallback = parse_label(f, here, None)?;
    }
    s.negators = sourced(raw.negators, here, None, "negator")?;
    if let Some(w) = raw.negation_window {
        s.negation_window = w;
    }
    s.terminators = sourced(raw.terminators, here, None, "terminator")?;
    s.claim_references = sourced(raw.claim_references, here, None, "claim reference")?;
    s.unknown_claim = sourced(raw.unknown_claim, here, None, "unknown-claim phrase")?;
    s.anaphors = sourced(raw.anaphors, here, None, "anaphor")?;
    let share = |v: &Option<Spanned<f64>>, key: &str, default: f32| -> Result<f32> {
        match v {
            None => Ok(default),
            Some(x) if (0.0..=1.0).contains(x.get_ref()) => Ok(*x.get_ref() as f32),
            Some(x) => Err(Error::rule(
                Some(here(x.span())),
                None,
                format!("`{key}` must be a number from 0 to 1, not {}", x.get_ref()),
            )),
        }
    };
    s.relevance = share(&raw.relevance, "relevance", s.relevance)?;
    s.restates = share(&raw.restates, "restates", s.restates)?;
    s.context_weight = share(&raw.context_weight, "context_weight", s.context_weight)?;
    s.relevance_alone = share(&raw.relevance_alone, "relevance_alone", s.relevance_alone)?;
    s.restates_alone = share(&raw.restates_alone, "restates_alone", s.restates_alone)?;
    s.saturation = match &raw.saturation {
        None => 0.0,
        Some(x) if x.get_ref().is_finite() && *x.get_ref() >= 0.0 => *x.get_ref() as f32,
        Some(x) => {
            return Err(Error::rule(
                Some(here(x.span())),
                None,
                format!(
                    "`saturation` must be a weight of 0 or more, not {}",
                    x.get_ref()
                ),
            ));
        }
    };
    Ok(s)
}

fn convert_rule(
    spanned: Spanned<RawRule>,
    here: &dyn Fn(std::ops::Range<usize>) -> Location,
) -> Result<Rule> {
    let location = here(spanned.span());
    let raw = spanned.into_inner();
    let id = raw.id.get_ref().trim().to_string();
    if id.is_empty() || id.chars().any(char::is_whitespace) {
        return Err(Error::rule(
            Some(here(raw.id.span())),
            None,
            "a rule id must be a non-empty word without spaces, e.g. `deny.hoax`".into(),
        ));
    }
    let rid = Some(id.as_str());
    let label = parse_label(&raw.label, here, rid)?;
    if label == Label::None {
        return Err(Error::rule(
            Some(here(raw.label.span())),
            rid,
            "a rule cannot vote for `none`; use `pseudo` or `when_negated = \"cancel\"` to stop a cue".into(),
        ));
    }
    if raw.description.get_ref().trim().is_empty() {
        return Err(Error::rule(
            Some(here(raw.description.span())),
            rid,
            "empty description: say why the rule exists".into(),
        ));
    }
    let phrases = sourced(raw.phrases, here, rid, "phrase")?;
    let patterns = sourced(raw.patterns, here, rid, "pattern")?;
    if phrases.is_empty() && patterns.is_empty() {
        return Err(Error::rule(
            Some(location),
            rid,
            "no cues: give `phrases` or `patterns`".into(),
        ));
    }
    let when_negated = match &raw.when_negated {
        None => WhenNegated::Cancel,
        Some(s) => match s.get_ref().as_str() {
            "cancel" => WhenNegated::Cancel,
            "ignore" => WhenNegated::Ignore,
            other => match Label::parse(other) {
                Some(l) if l != Label::None => WhenNegated::Becomes(l),
                _ => {
                    return Err(Error::rule(
                        Some(here(s.span())),
                        rid,
                        format!(
                            "unknown when_negated `{other}`; expected cancel, ignore, affirming, denying or uncertain"
                        ),
                    ));
                }
            },
        },
    };
    let window = raw.window.as_ref().map(|w| *w.get_ref());
    let scope = match &raw.scope {
        None if window.is_none() => Scope::Quote,
        None => Scope::Sentence { window },
        Some(s) => match s.get_ref().as_str() {
            "quote" if window.is_none() => Scope::Quote,
            "sentence" => Scope::Sentence { window },
            "clause" => Scope::Clause { window },
            other => {
                return Err(Error::rule(
                    Some(here(s.span())),
                    rid,
                    format!(
                        "unknown scope `{other}`; expected quote, sentence or clause (`window` goes with sentence and clause)"
                    ),
                ));
            }
        },
    };
    Ok(Rule {
        label,
        description: raw.description.into_inner().trim().to_string(),
        priority: raw.priority,
        phrases,
        patterns,
        pseudo: sourced(raw.pseudo, here, rid, "pseudo phrase")?,
        negators: raw
            .negators
            .map(|n| sourced(n, here, rid, "negator"))
            .transpose()?,
        when_negated,
        scope,
        stem: raw.stem,
        negates_claim: raw.negates_claim,
        examples: raw
            .examples
            .into_iter()
            .map(|e| {
                let location = here(e.span());
                let (text, label) = match e.into_inner() {
                    RawExample::Text(t) => (t, label),
                    RawExample::Labeled { text, label: l } => (text, label_at(&l, &location, rid)?),
                };
                if text.trim().is_empty() {
                    return Err(Error::rule(Some(location), rid, "empty example".into()));
                }
                Ok(Example {
                    text,
                    label,
                    location,
                })
            })
            .collect::<Result<Vec<_>>>()?,
        counter_examples: sourced(raw.counter_examples, here, rid, "counter example")?,
        location,
        id,
    })
}

/// Most compiled size of all of a rule set's patterns together. Each pattern
/// is held to 1 MiB when compiled; without a total, 2,000 small patterns
/// (a 27 KB file) took 30 s and 4.6 GB.
pub const TOTAL_PATTERN_SIZE_LIMIT: usize = 16 << 20;

/// Refuses a rule set whose patterns compile to more than
/// [`TOTAL_PATTERN_SIZE_LIMIT`] in all, naming the pattern that crosses it.
/// Each pattern's automaton is built once with what is left of the budget,
/// so the check itself stops early and costs at most the budget.
fn check_total_pattern_size(set: &RuleSet) -> Result<()> {
    use regex_automata::nfa::thompson::{Config, NFA};
    /// The classifier's limit for one pattern: a pattern over it alone is
    /// the classifier's to report ("pattern is too large").
    const ONE_PATTERN: usize = 1 << 20;
    let size = |text: &str, limit: usize| {
        NFA::compiler()
            .configure(Config::new().nfa_size_limit(Some(limit)).shrink(false))
            .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
            .build(text)
            .map(|nfa| nfa.memory_usage())
            .map_err(|e| e.size_limit().is_some()) // true: over the limit
    };
    // Each pattern is held to ONE_PATTERN by the classifier: few patterns
    // cannot cross the total, and the default rules (9 patterns) pay nothing.
    let count: usize = set.rules.iter().map(|r| r.patterns.len()).sum();
    if count * ONE_PATTERN <= TOTAL_PATTERN_SIZE_LIMIT {
        return Ok(());
    }
    let mut used = 0usize;
    for rule in &set.rules {
        for p in &rule.patterns {
            let left = TOTAL_PATTERN_SIZE_LIMIT.saturating_sub(used);
            match size(&p.text, left.min(ONE_PATTERN)) {
                Ok(n) => used += n,
                // Invalid or too large on its own: the classifier reports it.
                Err(over) if !over || left >= ONE_PATTERN => {}
                Err(_) if size(&p.text, ONE_PATTERN).is_err() => {}
                Err(_) => {
                    return Err(Error::rule(
                        Some(p.location.clone()),
                        Some(&rule.id),
                        format!(
                            "the rule set's patterns compile to more than {} MiB in all; use phrases, or fewer patterns",
                            TOTAL_PATTERN_SIZE_LIMIT >> 20
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleSet> {
        RuleSet::from_sources(&[("t.toml".to_string(), text.to_string())])
    }

    fn err(text: &str) -> String {
        match load(text) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error"),
        }
    }

    const OK: &str = r#"
[[rule]]
id = "deny.hoax"
label = "denying"
description = "Calling a claim a hoax refutes it."
phrases = ["hoax"]
"#;

    #[test]
    fn loads_a_minimal_rule() {
        let set = load(OK).unwrap();
        assert_eq!(set.rules.len(), 1);
        let r = &set.rules[0];
        assert_eq!(
            (r.id.as_str(), r.label, r.priority),
            ("deny.hoax", Label::Denying, 0)
        );
        assert_eq!(r.when_negated, WhenNegated::Cancel);
        assert_eq!(r.location.line, 2);
        assert_eq!(set.settings.fallback, Label::None);
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let e = err("[[rule]]\nid = \"x\nlabel = 3\n");
        assert!(e.starts_with("t.toml:2:"), "{e}");
    }

    #[test]
    fn unknown_key_is_refused() {
        let e = err(&format!("{OK}phrasez = [\"x\"]\n"));
        assert!(e.contains("t.toml:7:1") && e.contains("phrasez"), "{e}");
    }

    #[test]
    fn unknown_label_names_rule_and_column() {
        let e = err(&OK.replace("\"denying\"", "\"refuting\""));
        assert!(
            e.contains("t.toml:4:9") && e.contains("deny.hoax") && e.contains("refuting"),
            "{e}"
        );
        let drawn = match load(&OK.replace("\"denying\"", "\"refuting\"")) {
            Err(e) => crate::render_error(&e, crate::ErrorStyle::Plain),
            Ok(_) => panic!("expected an error"),
        };
        let caret = drawn.lines().find(|l| l.contains('^')).unwrap_or("");
        let under = drawn
            .lines()
            .find(|l| l.contains("\"refuting\""))
            .unwrap_or("");
        let at = caret.find('^').unwrap_or(0);
        assert_eq!(
            under.get(at..at + 10),
            Some("\"refuting\""),
            "caret under the value: {drawn}"
        );
    }

    #[test]
    fn duplicate_id_points_to_both() {
        let e = err(&format!("{OK}{OK}"));
        assert!(
            e.contains("t.toml:8:1") && e.contains("duplicate") && e.contains("t.toml:2:1"),
            "{e}"
        );
    }

    #[test]
    fn empty_phrase_and_missing_cues_are_refused() {
        let e = err(&OK.replace("[\"hoax\"]", "[\"hoax\", \"  \"]"));
        assert!(
            e.contains("t.toml:6:20") && e.contains("empty phrase"),
            "{e}"
        );
        let e = err(&OK.replace("phrases = [\"hoax\"]", ""));
        assert!(e.contains("no cues"), "{e}");
    }

    #[test]
    fn settings_once_per_rule_set() {
        let s = "[settings]\nfallback = \"affirming\"\n".to_string();
        let set = load(&s).unwrap();
        assert_eq!(set.settings.fallback, Label::Affirming);
        let e = RuleSet::from_sources(&[("a.toml".into(), s.clone()), ("b.toml".into(), s)])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("b.toml:1:1") && e.contains("a.toml"), "{e}");
    }

    #[test]
    fn default_rules_load() {
        let set = RuleSet::default_rules();
        assert!(set.rules.len() > 10);
    }

    #[test]
    fn every_default_rules_file_is_embedded() {
        let mut on_disk: Vec<String> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = DEFAULT_RULE_FILES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "add new rules files to DEFAULT_RULE_FILES"
        );
    }
}
