#![deny(missing_docs)]
//! `stance` reads what people are quoted as saying in the news and tells, for
//! a claim, whether each quote **affirms** it, **denies** it, or leaves it
//! **uncertain** — with rules kept as data (TOML) and a harness that scores
//! them against gold labels.
//!
//! The stages (see `docs/architecture.md`): rules (load and validate TOML
//! rules, [`RuleSet`]) → extraction (quotes and speakers from raw articles,
//! [`extract_quotes`]) → classification (the stance of each quote,
//! [`Classifier`]; in bulk, [`classify_stream`]) → [`eval`] (scores against
//! [`GoldSet`]) → [`report`] (tables, Markdown, JSON for people).
//!
//! Everything public is listed below; the modules behind it are private.
//!
//! # Classify a quote with the default rules
//!
//! ```
//! use stance::{Classifier, Label};
//!
//! let classifier = Classifier::with_default_rules();
//! let decision = classifier.classify("I can’t confirm those reports at this point.", None);
//! assert_eq!(decision.label, Label::Uncertain);
//! assert_eq!(decision.rule.unwrap().id, "affirm.confirmation");
//! ```
//!
//! # Write your own rules
//!
//! Rules are TOML; a negator before a cue can cancel the rule or turn it into
//! another label, and a pseudo phrase can stop a cue that means something else.
//!
//! ```
//! use stance::{Classifier, Label, RuleSet};
//!
//! let toml = r#"
//! [settings]
//! negators = ["not", "no"]
//!
//! [[rule]]
//! id = "deny.hoax"
//! label = "denying"
//! description = "Calling a claim a hoax says it is false."
//! phrases = ["hoax", "fabricated"]
//! examples = ["Officials called it a hoax."]
//! counter_examples = ["This is not a hoax."]
//! "#;
//! let rules = RuleSet::from_sources(&[("mine.toml".into(), toml.into())])?;
//! let classifier = Classifier::new(rules)?;
//! assert_eq!(classifier.classify("It was all a HOAX", None).label, Label::Denying);
//! assert_eq!(classifier.classify("It is not a hoax", None).label, Label::None);
//! # Ok::<(), stance::Error>(())
//! ```
//!
//! # A claim keeps off-topic quotes out
//!
//! ```
//! use stance::{Claim, Classifier, Label};
//!
//! let classifier = Classifier::with_default_rules();
//! let claim = Claim::new("The mayor resigned over the bridge scandal");
//! let d = classifier.classify("We expect a strong reaction from our partners.", Some(&claim));
//! assert_eq!(d.label, Label::None); // names nothing of the claim
//! ```
//!
//! # Quotes and speakers from an article
//!
//! ```
//! use stance::extract_quotes;
//!
//! let article = "The mayor spoke on Monday.\n\n\u{201C}We have no plans to sell the bridge,\u{201D} Jane Doe said.";
//! let quotes = extract_quotes(article);
//! assert_eq!(quotes[0].text, "We have no plans to sell the bridge,");
//! assert_eq!(quotes[0].speaker.as_deref(), Some("Jane Doe"));
//! assert_eq!(&article[quotes[0].start..quotes[0].end], quotes[0].text);
//! ```
//!
//! # See why
//!
//! ```
//! use stance::Classifier;
//!
//! let classifier = Classifier::with_default_rules();
//! let e = classifier.explain("We can confirm that the reports are false.", None);
//! for cue in &e.cues {
//!     println!("{} {:?} {:?}", cue.rule.id, cue.span, cue.outcome);
//! }
//! ```

mod articles;
mod check;
mod claim;
mod classify;
mod diagnostic;
mod error;
pub mod eval;
// `eval_extract::doc_name` (an article's id: its file name) is unused since
// `extract` names articles by their path under the folder walked (`walk`);
// the extraction scoring should take its ids from `walk` too.
#[allow(dead_code)]
mod eval_extract;
mod extract;
mod gold;
mod input;
pub mod label;
mod output;
mod project;
mod provenance;
pub mod report;
mod rules;
mod stream;
mod text;
mod watch;

pub use check::{CheckReport, ExampleFailure, check};
pub use claim::{Claim, Coverage, Polarity, Term};
pub use classify::{
    Classifier, ClassifierBuilder, Cue, Decision, Explanation, FALLBACK, OFF_CLAIM, Outcome, Reason,
};
pub use diagnostic::{ErrorStyle, render_error};
pub use error::{Error, Excerpt, Location, Result, RuleError};
pub use eval_extract::brat::{Scored as BratScored, report_text as brat_report};
pub use eval_extract::{
    ExtractionError, ExtractionReport, ExtractionScores, SpanScores, evaluate_extraction,
};
pub use extract::{
    Lexicon, Quote, QuoteKind, Resolution, extract_attributions, extract_quotes,
    for_each_attribution, for_each_quote, use_lexicon,
};
pub use gold::{GoldItem, GoldSet};
pub use input::{Found, Skip, Source, Walk, WalkOptions, walk};
pub use output::{Delivery, flush_output, write_output};
pub use project::{PROJECT_FILE, Project};
pub use provenance::{SCHEMA_VERSION, stamp};
pub use report::ReportStyle;
pub use rules::{ClaimSpec, Example, Label, Rule, RuleSet, Scope, Settings, Sourced, WhenNegated};
pub use stream::{
    ExtractOptions, ExtractProgress, ExtractSummary, MAX_JOBS, Progress, StreamOptions,
    StreamSummary, classify_stream, extract_stream,
};
pub use text::line_col;
pub use watch::{Run as WatchRun, watch};
