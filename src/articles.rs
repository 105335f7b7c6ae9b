//! Articles named by a record's or a gold item's `doc`, read from one
//! source, each at most once. Both `stance eval` and `stance classify` take a
//! quote's sentence (its context) from here, so the same record gets the same
//! label by either route.
//!
//! A source is a folder (`articles/` beside the gold or input file, or a
//! folder given by the user: `doc` is a file name in it). Gold that is
//! stand-off (ids, offsets and labels; no text) about articles that may not
//! be redistributed names its source in an `articles.toml` beside the gold
//! file: a folder of article files, or a CSV of texts.
//!
//! ```toml
//! # Paths are relative to this file.
//! folder = "../../shared/seeds"
//! ```
//!
//! ```toml
//! csv = "../../../shared/data/fnc1/train_bodies.csv"
//! id_column = "Body ID"
//! text_column = "articleBody"
//! ```

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Deserialize;

use crate::error::{Error, Result};

use crate::input::MAX_ARTICLE_BYTES;

/// Largest CSV of articles read whole, in bytes.
pub const MAX_CSV_BYTES: u64 = 512 << 20;

/// Articles read on demand and kept.
#[derive(Debug)]
pub(crate) struct Articles {
    source: ArticleSource,
    read: Mutex<HashMap<String, Option<Arc<str>>>>,
}

#[derive(Debug)]
enum ArticleSource {
    /// `doc` is a file name in this folder.
    Folder(PathBuf),
    /// `doc` is an id in a column of a CSV, read whole on first use.
    Csv {
        /// The `articles.toml` that names the CSV (for messages).
        config: PathBuf,
        spec: CsvSpec,
        texts: OnceLock<HashMap<String, Arc<str>>>,
    },
}

/// A CSV source: the file and the columns of ids and texts.
#[derive(Debug)]
struct CsvSpec {
    csv: PathBuf,
    id_column: String,
    text_column: String,
}

/// An `articles.toml`: either `folder`, or `csv` with its two columns.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceConfig {
    folder: Option<PathBuf>,
    csv: Option<PathBuf>,
    id_column: Option<String>,
    text_column: Option<String>,
}

impl Articles {
    /// The articles of `dir` (which need not exist: then none are found).
    pub fn new(dir: impl Into<PathBuf>) -> Articles {
        Articles {
            source: ArticleSource::Folder(dir.into()),
            read: Mutex::new(HashMap::new()),
        }
    }

    /// The source of the gold file `gold`: the folder or CSV named by
    /// `articles.toml` beside it, else the folder `articles/` beside it.
    pub fn beside(gold: &Path) -> Result<Articles> {
        let dir = gold.parent().unwrap_or(Path::new("."));
        let config = dir.join("articles.toml");
        if !config.is_file() {
            return Ok(Articles::new(dir.join("articles")));
        }
        let text = std::fs::read_to_string(&config).map_err(|e| Error::io(&config, e))?;
        let shown = config.display().to_string();
        let usage = |line: usize, col: usize, message: &str| {
            Error::Usage(format!("{shown}:{line}:{col}: {message}"))
        };
        let read: SourceConfig = toml::from_str(&text).map_err(|e| {
            let (line, col) = e
                .span()
                .map(|s| crate::text::line_col(&text, s.start))
                .unwrap_or((1, 1));
            usage(line, col, e.message().trim_end())
        })?;
        let source = match read {
            SourceConfig {
                folder: Some(folder),
                csv: None,
                id_column: None,
                text_column: None,
            } => ArticleSource::Folder(dir.join(folder)),
            SourceConfig {
                folder: None,
                csv: Some(csv),
                id_column: Some(id_column),
                text_column: Some(text_column),
            } => ArticleSource::Csv {
                config,
                spec: CsvSpec {
                    csv: dir.join(csv),
                    id_column,
                    text_column,
                },
                texts: OnceLock::new(),
            },
            _ => {
                return Err(usage(
                    1,
                    1,
                    "name either `folder`, or `csv` with `id_column` and `text_column`",
                ));
            }
        };
        Ok(Articles {
            source,
            read: Mutex::new(HashMap::new()),
        })
    }

    /// The folder articles are read from, when the source is a folder.
    pub fn folder(&self) -> Option<&Path> {
        match &self.source {
            ArticleSource::Folder(dir) => Some(dir),
            ArticleSource::Csv { .. } => None,
        }
    }

    /// The sentence(s) around `[start, end)` of article `doc`, when that
    /// article exists and holds `text` there; `None` otherwise. A `doc`
    /// that leaves the folder (an absolute path, `..`), or an article that
    /// is not a regular file or is too large, is an error.
    pub fn context(
        &self,
        doc: &str,
        start: usize,
        end: usize,
        text: &str,
    ) -> Result<Option<String>> {
        let Some(article) = self.article(doc)? else {
            return Ok(None);
        };
        if article.get(start..end) != Some(text) {
            return Ok(None);
        }
        let (cs, ce) = crate::text::quote_context(&article, start, end);
        Ok(Some(article[cs..ce].to_string()))
    }

    /// The whole text of article `doc`: `None` when the source has no such
    /// article. A CSV source that cannot be read is an error.
    pub fn article(&self, doc: &str) -> Result<Option<Arc<str>>> {
        let dir = match &self.source {
            ArticleSource::Folder(dir) => dir,
            ArticleSource::Csv {
                config,
                spec,
                texts,
            } => {
                if texts.get().is_none() {
                    let read = read_csv(config, spec)?;
                    let _ = texts.set(read);
                }
                return Ok(texts.get().and_then(|t| t.get(doc)).cloned());
            }
        };
        if let Some(a) = self.read.lock().expect("no panic holds this lock").get(doc) {
            return Ok(a.clone());
        }
        let a = read_article(dir, doc)?.map(Arc::from);
        self.read
            .lock()
            .expect("no panic holds this lock")
            .insert(doc.to_string(), a.clone());
        Ok(a)
    }
}

/// Reads article `doc` of `dir`: `None` when it does not exist. `doc` must
/// be a relative path inside `dir`; the file must be a regular file of at
/// most [`MAX_ARTICLE_BYTES`]. Invalid UTF-8 is replaced, as `extract` does.
pub(crate) fn read_article(dir: &Path, doc: &str) -> Result<Option<String>> {
    let rel = Path::new(doc);
    if doc.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(Error::Usage(format!(
            "doc {doc:?} is not a file name inside {}: articles are read from that folder only",
            dir.display()
        )));
    }
    let path = dir.join(rel);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    if !meta.is_file() {
        return Err(Error::io(
            &path,
            std::io::Error::other("not a regular file (a folder, FIFO or device)"),
        ));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(Error::io(
            &path,
            std::io::Error::other(format!(
                "{} bytes: articles are read up to {MAX_ARTICLE_BYTES} bytes",
                meta.len()
            )),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// Reads every text of a CSV source, by id.
fn read_csv(config: &Path, spec: &CsvSpec) -> Result<HashMap<String, Arc<str>>> {
    let path = &spec.csv;
    let unreadable = |why: String| Error::Data {
        file: config.display().to_string(),
        line: 1,
        col: 1,
        message: format!(
            "the article texts of this gold set cannot be read from {}: {why}",
            path.display()
        ),
        excerpt: None,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > MAX_CSV_BYTES {
        return Err(unreadable(format!(
            "{size} bytes is over the {MAX_CSV_BYTES}-byte limit"
        )));
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| unreadable(e.to_string()))?;
    let headers = reader
        .headers()
        .map_err(|e| unreadable(e.to_string()))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| unreadable(format!("no column {name:?}")))
    };
    let (id_i, text_i) = (column(&spec.id_column)?, column(&spec.text_column)?);
    let mut texts = HashMap::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| unreadable(e.to_string()))?;
        if let (Some(id), Some(text)) = (rec.get(id_i), rec.get(text_i)) {
            texts.insert(id.to_string(), Arc::from(text));
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_names_stay_inside_the_articles_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.txt"),
            "One. “Quote here,” she said. Two.",
        )
        .unwrap();
        let articles = Articles::new(dir.path());
        let q = "One. “Quote here,” she said. Two.".find("Quote").unwrap();
        assert_eq!(
            articles
                .context("a.txt", q, q + 11, "Quote here,")
                .unwrap()
                .as_deref(),
            Some("“Quote here,” she said.")
        );
        assert_eq!(articles.context("a.txt", q, q + 5, "Wrong").unwrap(), None);
        assert_eq!(articles.context("missing.txt", 0, 1, "x").unwrap(), None);
        for bad in ["/absolute/a.txt", "../a.txt", "x/../../a.txt", ""] {
            assert!(articles.context(bad, 0, 1, "x").is_err(), "{bad}");
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(articles.context("sub", 0, 1, "x").is_err(), "a folder");
    }

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
        let a = Articles::beside(&dir.path().join("g.jsonl")).unwrap();
        assert_eq!(a.article("7").unwrap().as_deref(), Some("He said \"no\"."));
        assert_eq!(a.article("8").unwrap(), None);
    }

    #[test]
    fn a_missing_csv_source_is_an_error_naming_the_config() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("articles.toml"),
            "csv = \"absent.csv\"\nid_column = \"id\"\ntext_column = \"text\"\n",
        )
        .unwrap();
        let a = Articles::beside(&dir.path().join("g.jsonl")).unwrap();
        let e = a.article("1").unwrap_err().to_string();
        assert!(
            e.contains("articles.toml:1:1") && e.contains("absent.csv"),
            "{e}"
        );
    }

    #[test]
    fn folder_source_named_beside_the_gold_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("texts")).unwrap();
        std::fs::create_dir_all(dir.path().join("gold")).unwrap();
        std::fs::write(dir.path().join("texts/a.txt"), "He said “no”.").unwrap();
        std::fs::write(
            dir.path().join("gold/articles.toml"),
            "# relative to this file\nfolder = \"../texts\"\n",
        )
        .unwrap();
        let a = Articles::beside(&dir.path().join("gold/g.jsonl")).unwrap();
        assert_eq!(a.folder(), Some(dir.path().join("gold/../texts").as_path()));
        assert_eq!(
            a.article("a.txt").unwrap().as_deref(),
            Some("He said “no”.")
        );
        assert_eq!(a.article("b.txt").unwrap(), None);
        assert!(
            a.article("../texts/a.txt").is_err(),
            "stays inside the folder"
        );
    }

    #[test]
    fn an_articles_toml_names_one_source() {
        let dir = tempfile::tempdir().unwrap();
        for bad in [
            "",
            "folder = \"x\"\ncsv = \"y.csv\"\n",
            "csv = \"y.csv\"\nid_column = \"id\"\n",
            "folder = \"x\"\ntext_column = \"t\"\n",
        ] {
            std::fs::write(dir.path().join("articles.toml"), bad).unwrap();
            let e = Articles::beside(&dir.path().join("g.jsonl"))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("articles.toml:1:1") && e.contains("either `folder`"),
                "{bad:?}: {e}"
            );
        }
        std::fs::write(dir.path().join("articles.toml"), "folder = 3\n").unwrap();
        let e = Articles::beside(&dir.path().join("g.jsonl"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("articles.toml:1:10"), "{e}");
    }
}
