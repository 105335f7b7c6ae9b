//! Gold data: hand-labeled items in JSON Lines, or the Emergent CSV read
//! as it is published. Loading refuses unknown labels, duplicate ids and
//! missing fields, naming file and line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::articles::Articles;
use crate::error::{Error, Result};
use crate::input::read_json_lines;
use crate::rules::Label;

/// One gold item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldItem {
    /// Unique id within the gold set.
    pub id: String,
    /// The quote or headline.
    pub text: String,
    /// The correct stance.
    pub label: Label,
    /// The claim the stance is toward, if the item names one.
    pub claim: Option<String>,
    /// The speaker, when the item is a quote from an article.
    pub speaker: Option<String>,
    /// The article file the quote comes from.
    pub doc: Option<String>,
    /// Byte offsets of the quote in the article.
    pub span: Option<(usize, usize)>,
    /// True for scare quotes and short fragments.
    pub fragment: bool,
    /// The sentence around the quote: given in the item, or taken from the
    /// article (`articles/<doc>` beside the gold file) when `doc` and the
    /// offsets are known.
    pub context: Option<String>,
    /// Where the item is written (file:line).
    pub source: String,
}

/// A loaded gold set.
#[derive(Debug, Clone, Default)]
pub struct GoldSet {
    /// The files read.
    pub files: Vec<PathBuf>,
    /// Every item, in file order.
    pub items: Vec<GoldItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGold {
    id: serde_json::Value,
    /// Absent in stand-off gold: read from the article at `start..end`.
    #[serde(default)]
    text: Option<String>,
    label: String,
    #[serde(default)]
    claim: Option<String>,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    doc: Option<String>,
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    // Accepted (gold files carry them for people), not used in scoring.
    #[serde(default)]
    #[allow(dead_code)]
    cue: Option<String>,
    #[serde(default)]
    fragment: Option<bool>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    #[serde(default)]
    context: Option<String>,
    // The story an item belongs to (stand-off gold split by story).
    #[serde(default)]
    #[allow(dead_code)]
    story: Option<String>,
}

/// 1-based column of the value of `key` in a one-line JSON object (1 when
/// it cannot be found), so that messages point at the offending value.
pub(crate) fn value_column(line: &str, key: &str) -> usize {
    let pat = format!("\"{key}\"");
    line.find(&pat)
        .and_then(|i| {
            let after = i + pat.len();
            let colon = after + line[after..].find(':')?;
            let value = colon + 1 + line[colon + 1..].len() - line[colon + 1..].trim_start().len();
            Some(line[..value].chars().count() + 1)
        })
        .unwrap_or(1)
}

/// Maps Emergent's stance names to ours.
fn emergent_label(s: &str) -> Option<Label> {
    match s {
        "for" => Some(Label::Affirming),
        "against" => Some(Label::Denying),
        "observing" => Some(Label::Uncertain),
        _ => None,
    }
}

/// The files a gold folder stands for: its own `*.jsonl` and `*.csv`.
const GOLD_FILES: crate::input::WalkOptions<'static> = crate::input::WalkOptions {
    extensions: &["jsonl", "csv"],
    recursive: false,
    skip_binary: false,
    follow_links: true,
};

impl GoldSet {
    /// A content hash of the items (id, label, text, claim, context and
    /// span, in order), as 32 hex digits. Two runs scored the same gold when
    /// their digests are equal, whatever path named the files.
    pub fn digest(&self) -> String {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for item in &self.items {
            let fields = serde_json::json!([
                item.id,
                item.label,
                item.text,
                item.claim,
                item.context,
                item.span,
            ]);
            h.update(fields.to_string().as_bytes());
            h.update(b"\n");
        }
        format!("{:032x}", h.digest128())
    }

    /// Loads gold files; a folder stands for its `*.jsonl` and `*.csv` files.
    /// A file without any item is an error: it would score `n = 0`.
    pub fn load(paths: &[PathBuf]) -> Result<GoldSet> {
        let mut set = GoldSet::default();
        let mut seen: HashMap<String, String> = HashMap::new();
        for path in paths {
            let files = if path.is_dir() {
                let f: Vec<PathBuf> = crate::input::walk(path, GOLD_FILES)?
                    .files
                    .into_iter()
                    .map(|f| f.path)
                    .collect();
                if f.is_empty() {
                    return Err(Error::Usage(format!(
                        "{}: no .jsonl or .csv gold files here",
                        path.display()
                    )));
                }
                f
            } else {
                vec![path.clone()]
            };
            for file in files {
                let items = if file.extension().is_some_and(|e| e == "csv") {
                    load_emergent(&file)?
                } else {
                    load_jsonl(&file)?
                };
                if items.is_empty() {
                    return Err(Error::Data {
                        file: file.display().to_string(),
                        line: 1,
                        col: 1,
                        message: "no gold items in this file: there is nothing to score".into(),
                        excerpt: None,
                    });
                }
                for item in items {
                    if let Some(first) = seen.get(&item.id) {
                        let (f, line) = item.source.rsplit_once(':').unwrap_or((&item.source, "1"));
                        return Err(Error::Data {
                            file: f.to_string(),
                            line: line.parse().unwrap_or(1),
                            col: 1,
                            message: format!("duplicate id {:?} (first at {first})", item.id),
                            excerpt: None,
                        });
                    }
                    seen.insert(item.id.clone(), item.source.clone());
                    set.items.push(item);
                }
                set.files.push(file);
            }
        }
        Ok(set)
    }
}

fn load_jsonl(path: &Path) -> Result<Vec<GoldItem>> {
    let name = path.display().to_string();
    let mut items = Vec::new();
    let articles = Articles::beside(path)?;
    read_json_lines(path, |at, raw: RawGold| {
        let id = match &raw.id {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                return Err(at.error_at("id", "`id` must be a string or a number"));
            }
        };
        let label = Label::parse(&raw.label).ok_or_else(|| {
            at.error_at(
                "label",
                format!(
                    "unknown label {:?}; expected affirming, denying, uncertain or none",
                    raw.label
                ),
            )
        })?;
        let span = match (raw.start, raw.end) {
            (Some(s), Some(e)) if s <= e => Some((s, e)),
            (None, None) => None,
            _ => {
                return Err(
                    at.error_at("start", "`start` and `end` go together, with start <= end")
                );
            }
        };
        let article = match (&raw.doc, span) {
            (Some(doc), Some(_)) => articles
                .article(doc)
                .map_err(|err| at.error_at("doc", err.to_string()))?,
            _ => None,
        };
        let in_article = article
            .as_deref()
            .zip(span)
            .and_then(|(a, (s, e))| a.get(s..e));
        let quote = match (raw.text, in_article) {
            (Some(t), _) => t,
            (None, Some(t)) => t.to_string(),
            (None, None) => {
                let why = match (&raw.doc, span, &article) {
                        (Some(doc), Some(_), None) => {
                            format!("no `text`, and article {doc:?} cannot be found")
                        }
                        (Some(_), Some((s, e)), Some(_)) => format!(
                            "no `text`, and {s}..{e} is not a span of the article (past its end or not on character boundaries)"
                        ),
                        _ => "missing field `text` (or `doc`, `start` and `end` to read it from an article)".into(),
                    };
                return Err(at.error(1, why));
            }
        };
        let context = match (&raw.context, article.as_deref(), span) {
            (Some(c), ..) => Some(c.clone()),
            (None, Some(a), Some((s, e))) if a.get(s..e) == Some(quote.as_str()) => {
                let (cs, ce) = crate::text::quote_context(a, s, e);
                Some(a[cs..ce].to_string())
            }
            _ => None,
        };
        items.push(GoldItem {
            context,
            id,
            text: quote,
            label,
            claim: raw.claim,
            speaker: raw.speaker,
            doc: raw.doc,
            span,
            fragment: raw.fragment.unwrap_or(false),
            source: format!("{name}:{}", at.line),
        });
        Ok(())
    })?;
    Ok(items)
}

/// Reads the Emergent CSV (header with `claimHeadline`, `articleHeadline`,
/// `articleHeadlineStance`); for → affirming, against → denying,
/// observing → uncertain; the claim headline is the claim.
fn load_emergent(path: &Path) -> Result<Vec<GoldItem>> {
    let name = path.display().to_string();
    let mut reader = csv::Reader::from_path(path).map_err(|e| match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, io),
        other => Error::Data {
            file: name.clone(),
            line: 1,
            col: 1,
            message: format!("{other:?}"),
            excerpt: None,
        },
    })?;
    let headers = reader
        .headers()
        .map_err(|e| Error::Data {
            file: name.clone(),
            line: 1,
            col: 1,
            message: e.to_string(),
            excerpt: None,
        })?
        .clone();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (Some(claim_i), Some(text_i), Some(label_i)) = (
        col("claimHeadline"),
        col("articleHeadline"),
        col("articleHeadlineStance"),
    ) else {
        return Err(Error::Data {
            file: name,
            line: 1,
            col: 1,
            message: "not an Emergent CSV: the header needs claimHeadline, articleHeadline and articleHeadlineStance".into(),
            excerpt: None,
        });
    };
    let id_i = col("articleId");
    let mut items = Vec::new();
    for (row, rec) in reader.records().enumerate() {
        let line = row + 2;
        let rec = rec.map_err(|e| Error::Data {
            file: name.clone(),
            line: e.position().map_or(line, |p| p.line() as usize),
            col: 1,
            message: e.to_string(),
            excerpt: None,
        })?;
        let get = |i: usize| rec.get(i).unwrap_or("").to_string();
        let stance = get(label_i);
        let label = emergent_label(&stance).ok_or_else(|| Error::Data {
            file: name.clone(),
            line,
            col: 1,
            message: format!(
                "unknown Emergent stance {stance:?}; expected for, against or observing"
            ),
            excerpt: None,
        })?;
        let id = id_i
            .map(get)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("row{line}"));
        items.push(GoldItem {
            id,
            text: get(text_i),
            label,
            claim: Some(get(claim_i)),
            speaker: None,
            doc: None,
            span: None,
            fragment: false,
            context: None,
            source: format!("{name}:{line}"),
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn err(text: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "g.jsonl", text);
        GoldSet::load(&[p])
            .unwrap_err()
            .to_string()
            .replace(&dir.path().display().to_string(), "")
    }

    #[test]
    fn loads_jsonl_with_optional_fields() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "g.jsonl",
            "{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n\n{\"id\":2,\"text\":\"y\",\"label\":\"denying\",\"claim\":\"c\",\"start\":1,\"end\":2,\"fragment\":true,\"note\":null}\n",
        );
        let set = GoldSet::load(&[p]).unwrap();
        assert_eq!(set.items.len(), 2);
        assert_eq!(
            (
                set.items[1].id.as_str(),
                set.items[1].label,
                set.items[1].span
            ),
            ("2", Label::Denying, Some((1, 2)))
        );
        assert!(set.items[1].source.ends_with("g.jsonl:3"));
    }

    #[test]
    fn refuses_bad_items_with_file_and_line() {
        assert_eq!(
            err(
                "{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n{\"id\":\"b\",\"text\":\"x\",\"label\":\"maybe\"}\n"
            ),
            "/g.jsonl:2:30: unknown label \"maybe\"; expected affirming, denying, uncertain or none"
        );
        assert!(
            err("{\"id\":\"a\",\"label\":\"none\"}\n").contains("/g.jsonl:1:")
                && err("{\"id\":\"a\",\"label\":\"none\"}\n").contains("missing field `text`")
        );
        let e = err(
            "{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\"}\n{\"id\":\"a\",\"text\":\"y\",\"label\":\"none\"}\n",
        );
        assert!(e.starts_with("/g.jsonl:2:1: duplicate id \"a\""), "{e}");
        assert!(
            err("{\"id\":\"a\",\"text\":\"x\",\"label\":\"none\",\"lable\":1}\n")
                .contains("unknown field `lable`")
        );
    }

    #[test]
    fn reads_emergent_csv() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "e.csv",
            ",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n0,A cat sang,\"Cat sings, video shows\",for,x1,c1\n1,A cat sang,Cat song a hoax,against,x2,c1\n2,A cat sang,Cat reportedly sang,observing,x3,c1\n",
        );
        let set = GoldSet::load(&[p]).unwrap();
        let labels: Vec<Label> = set.items.iter().map(|i| i.label).collect();
        assert_eq!(labels, [Label::Affirming, Label::Denying, Label::Uncertain]);
        assert_eq!(set.items[0].text, "Cat sings, video shows");
        assert_eq!(set.items[0].claim.as_deref(), Some("A cat sang"));
        let bad = write(
            &dir,
            "b.csv",
            "claimHeadline,articleHeadline,articleHeadlineStance\nc,t,unsure\n",
        );
        let e = GoldSet::load(&[bad]).unwrap_err().to_string();
        assert!(
            e.ends_with(
                "b.csv:2:1: unknown Emergent stance \"unsure\"; expected for, against or observing"
            ),
            "{e}"
        );
    }
}
