//! Quote extraction: finds direct quotations (and, with
//! [`extract_attributions`], reported speech) in raw article text and
//! attributes each one to a speaker and a reporting cue.
//!
//! The work is a few passes over the article, one module each:
//!
//! 1. `segment`: paragraphs (hard-wrapped lines joined), the title line and
//!    page furniture (banners, bylines, embedded tweets).
//! 2. `marks`: pairs quote marks inside each paragraph into quote spans,
//!    chaining a quote that runs on over paragraphs.
//! 3. `lexicon` (with `lexicon_file`, the TOML word lists) and
//!    `tokens`: the word classes (titles, reporting verbs, given names,
//!    organisation nouns...) and the tokens the attribution reads, with each
//!    quote standing as one placeholder token.
//! 4. `phrases`: reporting cues and the noun phrases around them;
//!    `reported`: reporting verbs outside quotes and the clauses they
//!    report.
//! 5. `attribute`: one left-to-right walk over the quotes (and reported
//!    clauses) that finds each one's cue and speaker phrase, using the
//!    `registry` of people and organisations named so far and the
//!    `resolve`r that turns "he", "Okafor", "the minister" or "the agency"
//!    into one of them.
//!
//! Why it is built this way:
//! * Speed: marks are found with one linear `memchr3` pass over the
//!   quote-mark bytes (`"`, `'` and 0xE2, the lead byte of curly marks), and
//!   attribution only reads a bounded window around each quote plus a small
//!   running list of people named so far. No regex, no per-char allocation.
//! * Robustness: marks are paired within a paragraph, so a stray mark can
//!   never swallow the rest of an article, and every slice goes through
//!   `str::get`, so no input can make extraction panic.

mod attribute;
mod chars;
mod lexicon;
mod lexicon_file;
mod marks;
mod phrases;
mod registry;
mod reported;
mod resolve;
mod segment;
mod tokens;
mod window;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_reported;
#[cfg(test)]
mod tests_speakers;

use serde::Serialize;

pub use lexicon::install as use_lexicon;
pub use lexicon_file::Lexicon;

/// One direct quotation found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Byte offset of the quoted words (after the opening mark), so callers
    /// can point back into the original text.
    pub start: usize,
    /// Byte offset just past the quoted words (before the closing mark).
    pub end: usize,
    /// `&article[start..end]`, copied so a quote outlives the article buffer.
    pub text: String,
    /// Who said it, as the article names them (the full name first given),
    /// so stance can be grouped per speaker; `None` when nobody is named.
    pub speaker: Option<String>,
    /// The reporting verb or phrase ("said", "told reporters",
    /// "according to"), kept because it hints at how the words were delivered.
    pub cue: Option<String>,
    /// Scare quotes and short quoted phrases inside the author's own sentence:
    /// words rather than a statement, so stance should weigh them lightly.
    pub fragment: bool,
    /// Quoted words (direct) or reported speech without quote marks (indirect).
    pub kind: QuoteKind,
    /// Byte span of the speaker phrase the attribution reads ("he", "the
    /// agency", "Ana Lind"), so a reader can check the speaker; `None`
    /// when the speaker is carried over or the subject is left out.
    pub speaker_span: Option<(usize, usize)>,
    /// How the speaker was found; `None` when there is no speaker.
    pub resolved: Option<Resolution>,
}

/// How a speaker was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Resolution {
    /// Named in the attribution ("Okafor said": the full name given before).
    Named,
    /// A pronoun ("he said"), or a subject left out ("..., adding that"),
    /// resolved to the person it stands for.
    Pronoun,
    /// A description ("the minister", "the agency") resolved to whom it
    /// describes, or kept as given.
    Description,
    /// No cue of its own: the speaker of the quote before (or of the other
    /// segments of a quote running over paragraphs).
    Continuation,
}

/// Whether a record is a quotation in quote marks or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words in quote marks.
    Direct,
    /// Reported speech: "X said (that) CLAUSE", "according to X, CLAUSE".
    Indirect,
}

/// Extracts the direct quotations of `article`, in text order, without
/// reading reported speech (faster; speakers that only reported speech
/// introduces stay unknown: see [`extract_attributions`]).
///
/// Never fails and never panics: marks that cannot be paired inside their
/// paragraph are skipped, so the result is whatever could be paired.
pub fn extract_quotes(article: &str) -> Vec<Quote> {
    window::all_quotes(article, false)
}

/// Calls `each` with the direct quotations of `article` one at a time, in
/// text order, until it returns false: the same quotes as
/// [`extract_quotes`], but an article of any size is read in windows of
/// about a megabyte, so memory follows the window, not the article (see
/// `docs/extraction.md`).
pub fn for_each_quote(article: &str, mut each: impl FnMut(Quote) -> bool) {
    window::for_each_quote(article, false, &mut each);
}

/// Calls `each` with every attribution of `article` (direct quotations and
/// reported speech) one at a time, in text order, until it returns false:
/// [`extract_attributions`] in windows, as [`for_each_quote`] reads them.
pub fn for_each_attribution(article: &str, mut each: impl FnMut(Quote) -> bool) {
    window::for_each_quote(article, true, &mut each);
}

/// "he" or "she" for a given name the lexicon knows ("Hillary" -> "she"),
/// for scoring code that must resolve pronouns in gold annotations.
pub fn given_name_pronoun(name: &str) -> Option<&'static str> {
    let class = lexicon::word_class(name) & (lexicon::MALE | lexicon::FEMALE);
    match class {
        lexicon::MALE => Some("he"),
        lexicon::FEMALE => Some("she"),
        _ => None,
    }
}

/// Every attribution of `article`, direct quotations and reported speech,
/// in text order.
pub fn extract_attributions(article: &str) -> Vec<Quote> {
    window::all_quotes(article, true)
}

// ---------------------------------------------------------------------------
// Tunables: every window is bounded so the cost per quote is constant.

/// Bytes before a quote searched for an attribution in the same sentence.
const PRE_WINDOW: usize = 400;
/// Bytes after a closing mark searched for "..., he said".
const POST_WINDOW: usize = 250;
/// Longest paragraph that can be page furniture (banners, bylines, tweets).
const FURNITURE_MAX: usize = 400;
/// Longest single-quoted span; longer ones are apostrophes, not quotes.
const SINGLE_MAX: usize = 600;
/// How far back "the tax office" looks for "X's tax office", and "the board"
/// for the organisation it stands for.
const ORG_LOOKBACK: usize = 3000;
/// How far back a surname alone looks for the full name first given.
const NAME_LOOKBACK: usize = 6000;
/// Occurrences of a word examined by one backward text search.
const HIT_MAX: usize = 16;
/// Longest gap over which an unattributed quote continues the last speaker.
const CONTINUE_GAP: usize = 600;
/// How many recent mentions a pronoun or "the minister" may look back over.
const MENTION_LOOKBACK: usize = 64;
/// How many bytes back those mentions may lie: a pronoun's antecedent is
/// near, and a bound shorter than a window's context (`window::CONTEXT`)
/// makes a long article's windows resolve as the whole article does.
const MENTION_REACH: usize = 16 << 10;
/// Descriptions remembered with their resolution ("the agency").
const ALIAS_MAX: usize = 48;
/// Bounded line search used when judging whether a name sits in a headline.
const LINE_PROBE: usize = 4096;
