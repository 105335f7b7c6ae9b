//! Claims: which words of a quote show that it speaks about the claim.
//!
//! A quote that names none of the claim's key terms (or an alias, or a phrase
//! that refers back to "those reports") takes no stance on it: it is `none`,
//! off-claim. Terms match loosely so that "Korean" touches "Korea" and
//! "troop" touches "troops", without letting "war" touch "warn".

use crate::rules::ClaimSpec;
use crate::text::words;

/// Words too common to show that a quote is about a claim.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "his", "how", "i", "in", "into", "is", "it", "its",
    "more", "most", "new", "no", "not", "of", "on", "one", "or", "our", "out", "over", "said",
    "says", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "two", "up", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your", "may", "might", "just", "now", "only", "very",
    "says", "say", "get", "got", "make", "made", "first", "last", "year", "years", "people", "man",
    "men", "woman", "women", "time", "day", "days", "world", "will", "way", "back",
];

/// Shortest stem that may match longer words by prefix ("troop" ~ "troops").
const MIN_PREFIX: usize = 4;
/// Most extra characters a prefix match may add ("Korea" ~ "Koreans").
const MAX_SUFFIX: usize = 3;

/// A compiled claim, ready to test quotes against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    text: String,
    /// Lowercase key terms from the claim text and one-word aliases.
    terms: Vec<String>,
    /// Lowercase multi-word aliases, matched as whole phrases.
    phrases: Vec<String>,
}

impl Claim {
    /// A claim from its text alone.
    pub fn new(text: &str) -> Claim {
        Claim::from_spec(&ClaimSpec {
            text: text.to_string(),
            aliases: Vec::new(),
        })
    }

    /// A claim from its text and aliases.
    pub fn from_spec(spec: &ClaimSpec) -> Claim {
        let mut terms: Vec<String> = Vec::new();
        let mut phrases = Vec::new();
        let add_term = |w: &str, terms: &mut Vec<String>| {
            let w = stem(w);
            if !w.is_empty() && !STOPWORDS.contains(&w.as_str()) && !terms.contains(&w) {
                terms.push(w);
            }
        };
        for (s, e) in words(&spec.text) {
            add_term(&spec.text[s..e], &mut terms);
        }
        for alias in &spec.aliases {
            let ws: Vec<(usize, usize)> = words(alias).collect();
            match ws.as_slice() {
                [] => {}
                [(s, e)] => add_term(&alias[*s..*e], &mut terms),
                _ => phrases.push(alias.to_lowercase()),
            }
        }
        Claim {
            text: spec.text.clone(),
            terms,
            phrases,
        }
    }

    /// The claim's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The key terms the claim is recognised by.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Byte ranges of the words and alias phrases of `text` that name the claim.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = words(text)
            .filter(|&(s, e)| self.is_term(&text[s..e]))
            .collect();
        if !self.phrases.is_empty() {
            out.extend(self.phrase_mentions(text));
            out.sort_unstable();
        }
        out
    }

    /// True when `text` names the claim at least once.
    pub fn touches(&self, text: &str) -> bool {
        words(text).any(|(s, e)| self.is_term(&text[s..e]))
            || (!self.phrases.is_empty() && !self.phrase_mentions(text).is_empty())
    }

    /// Byte ranges where a multi-word alias occurs as whole words.
    fn phrase_mentions(&self, text: &str) -> Vec<(usize, usize)> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return Vec::new(); // offsets would not map back
        }
        let mut out = Vec::new();
        for p in &self.phrases {
            for (i, _) in lower.match_indices(p.as_str()) {
                if crate::text::on_word_boundaries(text, i, i + p.len()) {
                    out.push((i, i + p.len()));
                }
            }
        }
        out
    }

    fn is_term(&self, word: &str) -> bool {
        let w = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("\u{2019}s"))
            .unwrap_or(word);
        self.terms.iter().any(|t| loose_eq(w, t))
    }
}

/// Lowercase, without a possessive `'s`.
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(&w);
    w.to_string()
}

/// Case-insensitive equality, or a prefix match between a word and a term
/// that are both long enough and differ by a short suffix.
fn loose_eq(word: &str, term: &str) -> bool {
    let (w, t) = (word.as_bytes(), term.as_bytes());
    if w.len() == t.len() {
        return w.eq_ignore_ascii_case(t) || word.to_lowercase() == term;
    }
    let (short, long) = if w.len() < t.len() { (w, t) } else { (t, w) };
    short.len() >= MIN_PREFIX
        && long.len() - short.len() <= MAX_SUFFIX
        && long[..short.len()].eq_ignore_ascii_case(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_skip_stopwords() {
        let c = Claim::new("The mayor has resigned over the bridge scandal");
        assert_eq!(c.terms(), ["mayor", "resigned", "bridge", "scandal"]);
    }

    #[test]
    fn loose_matching_of_word_forms() {
        let c = Claim::new("Canada sent troops to the border");
        assert!(c.touches("Canadian troop movements"));
        assert!(c.touches("the BORDER is quiet"));
        assert!(!c.touches("The weather is fine"));
        let c = Claim::new("A war started");
        assert!(
            !c.touches("They warn us"),
            "short terms match whole words only"
        );
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
    }
}
