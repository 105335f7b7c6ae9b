//! Where a gold set's article texts come from.
//!
//! Gold about articles is stand-off: ids, byte offsets and labels. The text
//! is read from an *articles source* beside the gold file, so that text which
//! may not be redistributed stays out of the repository:
//!
//! - a folder `articles/` beside the gold file: `doc` is a file name in it;
//! - or a file `articles.toml` beside the gold file naming a CSV of texts:
//!
//! ```toml
//! # Paths are relative to this file.
//! csv = "../../../shared/data/fnc1/train_bodies.csv"
//! id_column = "Body ID"
//! text_column = "articleBody"
//! ```
//!
//! A source that is named but cannot be read is an error when an item needs
//! it: a gold set whose text is missing cannot be scored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Largest article source (CSV) read into memory.
pub const MAX_SOURCE_BYTES: u64 = 512 << 20;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    csv: PathBuf,
    id_column: String,
    text_column: String,
}

/// The article texts of one gold file, read on first use.
#[derive(Debug)]
pub enum Articles {
    /// No source: items must carry their own text.
    None,
    /// A folder of article files (`doc` is a file name in it).
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Files read so far (`None`: could not be read).
        cache: HashMap<String, Option<String>>,
    },
    /// A CSV with one article per row, read whole on first use.
    Csv {
        /// The `articles.toml` that names it (for messages).
        config: PathBuf,
        /// The CSV file.
        path: PathBuf,
        /// Column holding the document id.
        id_column: String,
        /// Column holding the text.
        text_column: String,
        /// Texts by id, once read.
        texts: Option<HashMap<String, String>>,
    },
}

impl Articles {
    /// The source for the gold file `gold`: `articles.toml` beside it, else
    /// an `articles/` folder beside it, else none.
    pub fn beside(gold: &Path) -> Result<Articles> {
        let dir = gold.parent().unwrap_or(Path::new("."));
        let config = dir.join("articles.toml");
        if config.is_file() {
            let text = std::fs::read_to_string(&config).map_err(|e| Error::io(&config, e))?;
            let spec: SourceFile = toml::from_str(&text).map_err(|e| {
                let (line, col) = e
                    .span()
                    .map(|s| crate::text::line_col(&text, s.start))
                    .unwrap_or((1, 1));
                Error::Usage(format!(
                    "{}:{line}:{col}: {}",
                    config.display(),
                    e.message().trim_end()
                ))
            })?;
            return Ok(Articles::Csv {
                path: dir.join(&spec.csv),
                config,
                id_column: spec.id_column,
                text_column: spec.text_column,
                texts: None,
            });
        }
        let folder = dir.join("articles");
        Ok(if folder.is_dir() {
            Articles::Folder {
                dir: folder,
                cache: HashMap::new(),
            }
        } else {
            Articles::None
        })
    }

    /// The text of document `doc`, `Ok(None)` when there is no source or the
    /// folder has no such file; an error when a named CSV source cannot be read.
    pub fn get(&mut self, doc: &str) -> Result<Option<&str>> {
        match self {
            Articles::None => Ok(None),
            Articles::Folder { dir, cache } => Ok(cache
                .entry(doc.to_string())
                .or_insert_with(|| {
                    // Documents are plain names inside the folder, never paths.
                    let plain = !doc.contains(['/', '\\']) && doc != ".." && doc != ".";
                    plain
                        .then(|| std::fs::read_to_string(dir.join(doc)).ok())
                        .flatten()
                })
                .as_deref()),
            Articles::Csv {
                config,
                path,
                id_column,
                text_column,
                texts,
            } => {
                if texts.is_none() {
                    *texts = Some(read_csv(config, path, id_column, text_column)?);
                }
                Ok(texts.as_ref().and_then(|t| t.get(doc)).map(String::as_str))
            }
        }
    }
}

fn read_csv(
    config: &Path,
    path: &Path,
    id_column: &str,
    text_column: &str,
) -> Result<HashMap<String, String>> {
    let missing = |why: String| Error::Data {
        file: config.display().to_string(),
        line: 1,
        col: 1,
        message: format!(
            "the article texts of this gold set cannot be read from {}: {why}",
            path.display()
        ),
    };
    let size = std::fs::metadata(path)
        .map_err(|e| missing(e.to_string()))?
        .len();
    if size > MAX_SOURCE_BYTES {
        return Err(missing(format!(
            "{size} bytes is over the {MAX_SOURCE_BYTES}-byte limit"
        )));
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| missing(e.to_string()))?;
    let headers = reader
        .headers()
        .map_err(|e| missing(e.to_string()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| missing(format!("no column {name:?}")))
    };
    let (id_i, text_i) = (col(id_column)?, col(text_column)?);
    let mut texts = HashMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| missing(e.to_string()))?;
        if let (Some(id), Some(text)) = (rec.get(id_i), rec.get(text_i)) {
            texts.insert(id.to_string(), text.to_string());
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_source_named_beside_the_gold_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("texts.csv"),
            "Body ID,articleBody\n7,\"He said \"\"no\"\".\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("articles.toml"),
            "csv = \"texts.csv\"\nid_column = \"Body ID\"\ntext_column = \"articleBody\"\n",
        )
        .unwrap();
        let mut a = Articles::beside(&dir.path().join("g.jsonl")).unwrap();
        assert_eq!(a.get("7").unwrap(), Some("He said \"no\"."));
        assert_eq!(a.get("8").unwrap(), None);
    }

    #[test]
    fn missing_csv_source_is_an_error_naming_the_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("articles.toml"),
            "csv = \"absent.csv\"\nid_column = \"id\"\ntext_column = \"text\"\n",
        )
        .unwrap();
        let mut a = Articles::beside(&dir.path().join("g.jsonl")).unwrap();
        let e = a.get("1").unwrap_err().to_string();
        assert!(
            e.contains("articles.toml:1:1") && e.contains("absent.csv"),
            "{e}"
        );
    }

    #[test]
    fn folder_documents_are_plain_names() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join("articles/a.txt"), "text").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        let mut a = Articles::beside(&dir.path().join("g.jsonl")).unwrap();
        assert_eq!(a.get("a.txt").unwrap(), Some("text"));
        assert_eq!(a.get("../secret.txt").unwrap(), None);
    }
}
