//! Claims: what a claim is about, how much of it a quote covers, and which
//! way the claim itself points.
//!
//! A claim is reduced to its **key terms**, each weighted by how specific it
//! is: a rare word ("meteorite", "Wozniak") says far more about what a quote
//! speaks to than a common one ("going", "police"). Weights come from an
//! English word-frequency table (`rules/data/word-frequency.txt`), not from a
//! hand-made stopword list; words more common than
//! [`COMMON_ZIPF`] are not terms at all. Terms in a place or time phrase of
//! the claim ("… in Ukraine", "… on Monday") are **background** and weigh
//! less than the terms that carry its point.
//!
//! Words match through inflection with the Snowball English stemmer
//! (`merging` ~ `merger`, `sent` ~ `sending` does not: irregular forms need an
//! alias), and a proper noun matches its demonym (`Korea` ~ `Korean`).
//!
//! [`Claim::coverage`] tells how much of the claim's weight a text names:
//! the classifier compares it with the thresholds in the rules' settings to
//! decide whether a quote speaks to the claim at all.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::rules::ClaimSpec;
use crate::text::words;

/// Words at least this frequent (Zipf scale × 10; "said" is 60, "the" 77)
/// carry nothing about a claim and are not terms.
pub const COMMON_ZIPF: u8 = 60;
/// Weight of a word that the frequency table does not list (a rare word or
/// a name).
pub const MAX_WEIGHT: f32 = 4.5;
/// How much a background term (in a place or time phrase) counts, relative
/// to a term of the claim's point.
pub const BACKGROUND_FACTOR: f32 = 0.5;

/// Prepositions that start a place or time phrase: what follows, up to the
/// next clause break, is background.
const BACKGROUND_PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "near", "from", "during", "since", "outside", "inside", "across", "amid",
    "after", "before", "while", "over",
];
/// Words that end a background phrase.
const CLAUSE_BREAKS: &[&str] = &["and", "but", "that", "who", "which", "to", "as", "because"];
/// Endings that turn a place name into its people or adjective.
const DEMONYM_ENDINGS: &[&str] = &["n", "an", "ian", "ns", "ans", "ians", "ese", "i", "is"];

static FREQUENCIES: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();

/// The embedded word-frequency table: word → Zipf × 10.
fn frequencies() -> &'static HashMap<&'static str, u8> {
    FREQUENCIES.get_or_init(|| {
        include_str!("../rules/data/word-frequency.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once(' ')?;
                Some((w, z.trim().parse().ok()?))
            })
            .collect()
    })
}

/// Zipf frequency × 10 of a lowercase word (0 when the table lacks it).
pub fn zipf(word: &str) -> u8 {
    frequencies().get(word).copied().unwrap_or(0)
}

/// How much a word says about what a text is about: 0 for the commonest
/// words, up to [`MAX_WEIGHT`] for words too rare to be listed.
pub fn specificity(word: &str) -> f32 {
    let z = zipf(word);
    if z >= COMMON_ZIPF {
        0.0
    } else {
        ((65.0 - f32::from(z)) / 10.0).clamp(0.3, MAX_WEIGHT)
    }
}

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
}

/// The Snowball English stem of a word, lowercased, without a possessive.
pub fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    let w = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("\u{2019}s"))
        .unwrap_or(&lower);
    STEMMER.with(|s| s.stem(w).into_owned())
}

/// Which way the claim itself points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Polarity {
    /// It asserts something ("X happened").
    #[default]
    Plain,
    /// It says something is false, fake or denied ("X is a hoax", "Y denies
    /// X"): a quote denying X affirms it.
    Negative,
    /// It says something is unknown ("fate of X unknown"): a quote leaving X
    /// open affirms it, one deciding X denies it.
    Unknown,
}

impl Polarity {
    /// Name used in output and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Plain => "plain",
            Polarity::Negative => "negative",
            Polarity::Unknown => "unknown",
        }
    }
}

/// One key term of a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The word as the claim writes it.
    pub word: String,
    /// Its stem, by which it is matched.
    pub stem: String,
    /// How much it counts toward covering the claim.
    pub weight: f32,
    /// True when it stands in a place or time phrase of the claim.
    pub background: bool,
    /// Lowercase form of a capitalised word (for demonym matching), if any.
    proper: Option<String>,
}

/// How much of a claim a text names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// Share of the claim's total weight that the text names (0 to 1).
    pub score: f32,
    /// The weight of the terms named (a multi-word alias: the claim's total).
    pub weight: f32,
    /// The claim's total weight.
    pub total: f32,
    /// Byte spans in the text that name a term or an alias.
    pub spans: Vec<(usize, usize)>,
    /// Indices (into [`Claim::terms`]) of the terms named.
    pub terms: Vec<usize>,
}

impl Coverage {
    /// The share of the claim named, where a claim weighing more than
    /// `saturation` counts as weighing `saturation`: a long headline full of
    /// detail is covered by a quote naming its most specific terms.
    pub fn share(&self, saturation: f32) -> f32 {
        let total = self.total.min(saturation);
        if total > 0.0 {
            (self.weight / total).min(1.0)
        } else {
            0.0
        }
    }
}

/// A compiled claim, ready to test quotes against.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    text: String,
    terms: Vec<Term>,
    by_stem: HashMap<String, usize>,
    /// First two bytes (ASCII, lowercase) of every stem and proper term: a
    /// word whose first two letters are not here names no term, and is
    /// never stemmed (a stem keeps its word's first two letters).
    openings: Vec<[u8; 2]>,
    /// Multi-word aliases as lowercase word sequences.
    phrases: Vec<Vec<String>>,
    total: f32,
    polarity: Polarity,
}

impl Claim {
    /// A claim from its text alone (plain polarity).
    pub fn new(text: &str) -> Claim {
        Claim::from_spec(&ClaimSpec {
            text: text.to_string(),
            aliases: Vec::new(),
        })
    }

    /// A claim from its text and aliases (plain polarity).
    pub fn from_spec(spec: &ClaimSpec) -> Claim {
        Claim::build(spec, Polarity::Plain, &[])
    }

    /// A claim whose polarity is known; words inside `skip` (byte spans of
    /// the claim text, e.g. the "hoax" that makes it negative) are not terms.
    pub(crate) fn build(spec: &ClaimSpec, polarity: Polarity, skip: &[(usize, usize)]) -> Claim {
        let mut claim = Claim {
            text: spec.text.clone(),
            terms: Vec::new(),
            by_stem: HashMap::new(),
            openings: Default::default(),
            phrases: Vec::new(),
            total: 0.0,
            polarity,
        };
        let mut background = false;
        for (s, e) in words(&spec.text) {
            let word = &spec.text[s..e];
            let lower = word.to_lowercase();
            if BACKGROUND_PREPOSITIONS.contains(&lower.as_str()) {
                background = true;
            } else if CLAUSE_BREAKS.contains(&lower.as_str()) {
                background = false;
            }
            let skipped = skip.iter().any(|&(a, b)| s < b && a < e);
            if !skipped {
                claim.add_term(word, background);
            }
            // A comma or other clause punctuation right after the word ends
            // a background phrase too.
            if spec.text[e..].starts_with([',', ';', ':', '(', ')']) {
                background = false;
            }
        }
        for alias in &spec.aliases {
            let ws: Vec<&str> = words(alias).map(|(s, e)| &alias[s..e]).collect();
            match ws.as_slice() {
                [] => {}
                [w] => claim.add_term(w, false),
                _ => claim
                    .phrases
                    .push(ws.iter().map(|w| w.to_lowercase()).collect()),
            }
        }
        claim
    }

    fn add_term(&mut self, word: &str, background: bool) {
        let lower = word.to_lowercase();
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
            .unwrap_or(&lower)
            .to_string();
        let mut weight = specificity(&lower);
        if weight == 0.0 {
            return;
        }
        if background {
            weight *= BACKGROUND_FACTOR;
        }
        let stem = stem(&lower);
        if let Some(&i) = self.by_stem.get(&stem) {
            // The same word twice counts once, at its heavier weight.
            let t = &mut self.terms[i];
            if weight > t.weight {
                self.total += weight - t.weight;
                t.weight = weight;
                t.background = background;
            }
            return;
        }
        let proper = word
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then(|| lower.clone())
            .filter(|l| l.chars().count() >= 4);
        for key in [Some(stem.as_str()), proper.as_deref()]
            .into_iter()
            .flatten()
        {
            if let [a, b, ..] = key.as_bytes()
                && !self.openings.contains(&[*a, *b])
            {
                self.openings.push([*a, *b]);
            }
        }
        self.by_stem.insert(stem.clone(), self.terms.len());
        self.total += weight;
        self.terms.push(Term {
            word: word.to_string(),
            stem,
            weight,
            background,
            proper,
        });
    }

    /// The claim's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The key terms the claim is recognised by, in claim order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// True when the claim has no key term and no alias: nothing could show
    /// that a quote is about it.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }

    /// Which way the claim points.
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }

    /// How much of the claim `text` names. A multi-word alias covers the whole
    /// claim.
    pub fn coverage(&self, text: &str) -> Coverage {
        let mut cov = Coverage::default();
        let mut named = vec![false; self.terms.len()];
        let mut lowered: Vec<(usize, usize, String)> = Vec::new();
        for (s, e) in words(text) {
            let word = &text[s..e];
            if let Some(i) = self.term_of(word) {
                named[i] = true;
                cov.spans.push((s, e));
            }
            if !self.phrases.is_empty() {
                lowered.push((s, e, word.to_lowercase()));
            }
        }
        let mut alias = false;
        for p in &self.phrases {
            for win in lowered.windows(p.len()) {
                if win.iter().zip(p).all(|((_, _, w), a)| w == a) {
                    cov.spans.push((win[0].0, win[win.len() - 1].1));
                    alias = true;
                }
            }
        }
        cov.spans.sort_unstable();
        let mut weight = 0.0;
        for (i, _) in named.iter().enumerate().filter(|(_, n)| **n) {
            weight += self.terms[i].weight;
            cov.terms.push(i);
        }
        cov.total = self.total;
        cov.weight = if alias { self.total } else { weight };
        cov.score = cov.share(f32::INFINITY);
        cov
    }

    /// Byte ranges of the words and alias phrases of `text` that name the claim.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize)> {
        self.coverage(text).spans
    }

    /// True when `text` names the claim at least once.
    pub fn touches(&self, text: &str) -> bool {
        !self.mentions(text).is_empty()
    }

    /// The term a word of a text names, if any.
    fn term_of(&self, word: &str) -> Option<usize> {
        if self.terms.is_empty() {
            return None;
        }
        if let [a, b, ..] = word.as_bytes()
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
            && !self
                .openings
                .contains(&[a.to_ascii_lowercase(), b.to_ascii_lowercase()])
            && word.is_ascii()
        {
            return None;
        }
        let st = stem(word);
        if let Some(&i) = self.by_stem.get(&st) {
            return Some(i);
        }
        let lower = word.to_lowercase();
        self.terms.iter().position(|t| {
            t.proper.as_deref().is_some_and(|p| {
                lower
                    .strip_prefix(p)
                    .is_some_and(|rest| DEMONYM_ENDINGS.contains(&rest))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(c: &Claim) -> Vec<&str> {
        c.terms().iter().map(|t| t.word.as_str()).collect()
    }

    #[test]
    fn common_words_are_not_terms() {
        let c = Claim::new("The mayor has resigned over the bridge scandal");
        assert_eq!(words_of(&c), ["mayor", "resigned", "bridge", "scandal"]);
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let c = Claim::new("Police say a meteorite hit the town");
        let w = |word: &str| {
            let t = c.terms().iter().find(|t| t.word.eq_ignore_ascii_case(word));
            t.unwrap().weight
        };
        assert!(w("meteorite") > 2.0 * w("police"), "{:?}", c.terms());
    }

    #[test]
    fn place_phrases_are_background() {
        let c = Claim::new("North Korea has sent troops to fight for Russia in Ukraine");
        let bg: Vec<&str> = c
            .terms()
            .iter()
            .filter(|t| t.background)
            .map(|t| t.word.as_str())
            .collect();
        assert_eq!(bg, ["Ukraine"]);
    }

    #[test]
    fn inflected_forms_and_demonyms_match() {
        let c = Claim::new("Canada sent troops to the border after they merged");
        assert!(c.touches("Canadian troop movements"));
        assert!(c.touches("the BORDER is quiet"));
        assert!(c.touches("they are merging"));
        assert!(!c.touches("The weather is fine"));
        let c = Claim::new("A war started");
        assert!(!c.touches("They warn us"), "no loose prefixes");
    }

    #[test]
    fn coverage_is_the_share_of_weight_named() {
        let c = Claim::new("Seth Rogen to play Steve Wozniak");
        let all = c.coverage("Rogen will play Wozniak, Seth said, as Steve");
        assert!((all.score - 1.0).abs() < 1e-6, "{all:?}");
        let some = c.coverage("Wozniak was there");
        assert!(some.score > 0.1 && some.score < 0.5, "{some:?}");
        assert_eq!(c.coverage("nothing here").score, 0.0);
    }

    #[test]
    fn aliases_single_words_and_phrases() {
        let c = Claim::from_spec(&ClaimSpec {
            text: "The Acme company was sold".into(),
            aliases: vec!["Acme Corp".into(), "takeover".into()],
        });
        assert!(c.touches("the takeover went ahead"));
        assert_eq!(
            c.mentions("Talks with acme corp ended"),
            vec![(11, 15), (11, 20)]
        );
        // Text whose lowercase form changes length still matches aliases.
        assert!(c.touches("İstanbul talks with Acme Corp ended"));
    }

    #[test]
    fn a_claim_of_common_words_is_empty() {
        assert!(Claim::new("the").is_empty());
        assert!(!Claim::new("the meteorite").is_empty());
    }

    #[test]
    fn long_claims_build_in_linear_time() {
        // 30,000 distinct words: a quadratic build would take seconds.
        let text: String = (0..30_000).map(|i| format!("zq{i} ")).collect();
        let c = Claim::new(&text);
        assert_eq!(c.terms().len(), 30_000);
        assert!(c.touches("a zq29999 here"));
    }
}
