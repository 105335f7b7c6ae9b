//! Articles named by a record's or a gold item's `doc`, read from one folder
//! (`articles/` beside the gold or input file, or a folder given by the
//! user), each at most once. Both `stance eval` and `stance classify` take a
//! quote's sentence (its context) from here, so the same record gets the same
//! label by either route.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};

use crate::input::MAX_ARTICLE_BYTES;

/// One folder of articles, read on demand and kept.
#[derive(Debug)]
pub(crate) struct Articles {
    dir: PathBuf,
    read: Mutex<HashMap<String, Option<Arc<str>>>>,
}

impl Articles {
    /// The articles of `dir` (which need not exist: then none are found).
    pub fn new(dir: impl Into<PathBuf>) -> Articles {
        Articles {
            dir: dir.into(),
            read: Mutex::new(HashMap::new()),
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

    fn article(&self, doc: &str) -> Result<Option<Arc<str>>> {
        if let Some(a) = self.read.lock().expect("no panic holds this lock").get(doc) {
            return Ok(a.clone());
        }
        let a = read_article(&self.dir, doc)?.map(Arc::from);
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
}
