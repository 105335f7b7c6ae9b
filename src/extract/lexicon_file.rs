//! The extraction lexicon as data: reporting verbs, titles, given names,
//! organisation words, unnamed groups and page-furniture openings, read
//! from TOML (`rules/extract/lexicon.toml`, embedded by default) and checked
//! word by word, so a bad entry is an error naming file, line and column.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::lexicon::{
    CUE, CUE_ING, FEMALE, FRAME, FRAME_ING, GENERIC, MALE, ORG, ORGNOUN, QUAL, TITLE,
};
use crate::error::{Error, Location, Result};

/// The embedded default lexicon: (name, text).
pub(super) const DEFAULT: (&str, &str) = (
    "rules/extract/lexicon.toml",
    include_str!("../../rules/extract/lexicon.toml"),
);

/// Longest word the lexicon can hold (the lookup lowercases into a buffer of
/// this size).
pub(super) const WORD_MAX: usize = 24;

type Words = Vec<Spanned<String>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    reporting_verbs: ReportingVerbs,
    #[serde(default)]
    titles: Titles,
    #[serde(default)]
    given_names: GivenNames,
    #[serde(default)]
    organisations: Organisations,
    #[serde(default)]
    groups: Groups,
    #[serde(default)]
    page_furniture: PageFurniture,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct ReportingVerbs {
    finite: Words,
    participles: Words,
    framing: Words,
    framing_participles: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Titles {
    words: Words,
    qualifiers: Words,
    male: Words,
    female: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct GivenNames {
    male: Words,
    female: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Organisations {
    words: Words,
    nouns: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Groups {
    words: Words,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct PageFurniture {
    prefixes: Words,
}

/// A checked extraction lexicon, ready to replace the embedded one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicon {
    /// Lowercase word and its class flags (a word may appear more than once).
    pub(super) words: Vec<(String, u32)>,
    /// Lowercase openings of page-furniture lines.
    pub(super) furniture_prefixes: Vec<String>,
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn embedded() -> Lexicon {
        Lexicon::from_toml(DEFAULT.0, DEFAULT.1).expect("the embedded lexicon is valid")
    }

    /// Reads and checks a lexicon file.
    pub fn from_path(path: &Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Lexicon::from_toml(&path.display().to_string(), &text)
    }

    /// Parses and checks lexicon TOML; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Lexicon> {
        let at = |span: std::ops::Range<usize>| Some(Location::from_span(file, text, span));
        let parsed: LexiconFile = toml::from_str(text)
            .map_err(|e| Error::rule(e.span().and_then(at), None, e.message().to_string()))?;
        let v = &parsed.reporting_verbs;
        let t = &parsed.titles;
        let lists: [(&Words, u32); 13] = [
            (&v.finite, CUE),
            (&v.participles, CUE_ING),
            (&v.framing, FRAME),
            (&v.framing_participles, FRAME_ING),
            (&t.words, TITLE),
            (&t.qualifiers, QUAL),
            (&t.male, TITLE | MALE),
            (&t.female, TITLE | FEMALE),
            (&parsed.given_names.male, MALE),
            (&parsed.given_names.female, FEMALE),
            (&parsed.organisations.words, ORG),
            (&parsed.organisations.nouns, ORGNOUN),
            (&parsed.groups.words, GENERIC),
        ];
        let mut words = Vec::new();
        for (list, flags) in lists {
            for w in list {
                let word = w.get_ref();
                let ok = !word.is_empty()
                    && word.len() <= WORD_MAX
                    && word.bytes().all(|c| c.is_ascii_lowercase() || c == b'-');
                if !ok {
                    return Err(Error::rule(
                        at(w.span()),
                        None,
                        format!(
                            "lexicon word {word:?}: use 1 to {WORD_MAX} lowercase ASCII letters or hyphens"
                        ),
                    ));
                }
                words.push((word.clone(), flags));
            }
        }
        let mut furniture_prefixes = Vec::new();
        for p in &parsed.page_furniture.prefixes {
            let s = p.get_ref();
            if s.trim().is_empty() || s.trim() != s || s.to_lowercase() != *s {
                return Err(Error::rule(
                    at(p.span()),
                    None,
                    format!("page-furniture prefix {s:?}: use lowercase text without outer spaces"),
                ));
            }
            furniture_prefixes.push(s.clone());
        }
        Ok(Lexicon {
            words,
            furniture_prefixes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lexicon_is_valid_and_full() {
        let l = Lexicon::embedded();
        assert!(l.words.iter().any(|(w, f)| w == "said" && f & CUE != 0));
        assert!(
            l.words
                .iter()
                .any(|(w, f)| w == "spokeswoman" && f & FEMALE != 0)
        );
        assert!(!l.furniture_prefixes.is_empty());
    }

    #[test]
    fn a_bad_word_is_named_with_file_line_and_column() {
        let text = "[reporting_verbs]\nfinite = [\"said\", \"Says\"]\n";
        let e = Lexicon::from_toml("mine.toml", text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("mine.toml:2:19") && e.contains("Says"), "{e}");
        // A configuration error (exit 2 in the binary), not a data error.
        assert!(!Lexicon::from_toml("mine.toml", text).unwrap_err().is_data());
    }

    #[test]
    fn an_unknown_list_is_an_error_with_its_place() {
        let text = "[titles]\nwords = [\"coach\"]\nnames = [\"x\"]\n";
        let e = Lexicon::from_toml("mine.toml", text)
            .unwrap_err()
            .to_string();
        assert!(e.contains("mine.toml:3:1") && e.contains("names"), "{e}");
    }
}
