//! Extraction records read from a file (`stance extract` output from
//! another version, or another tool's), to score them instead of running
//! extraction: JSON Lines with `doc`, `start`, `end` (bytes), and optionally
//! `speaker`, `cue`, `fragment` and `kind` (`direct` or `indirect`; direct
//! when absent). Other fields are ignored.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::extract::{Quote, QuoteKind};

#[derive(Deserialize)]
struct Record {
    doc: String,
    start: usize,
    end: usize,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    cue: Option<String>,
    #[serde(default)]
    fragment: bool,
    #[serde(default)]
    kind: Option<String>,
}

/// Records by article name, in file order.
pub fn load(path: &Path) -> Result<HashMap<String, Vec<Quote>>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file = path.display().to_string();
    let mut by_doc: HashMap<String, Vec<Quote>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(line).map_err(|e| {
            Error::Data {
                file: file.clone(),
                line: n + 1,
                col: crate::input::json_column(line, &e),
                message: format!("not an extraction record: {e}"),
                excerpt: None,
            }
            .with_line(line)
        })?;
        let kind = match r.kind.as_deref() {
            None | Some("direct") => QuoteKind::Direct,
            Some("indirect") => QuoteKind::Indirect,
            Some(other) => {
                return Err(Error::Data {
                    file: file.clone(),
                    line: n + 1,
                    col: crate::gold::value_column(line, "kind"),
                    message: format!("kind {other:?}: expected \"direct\" or \"indirect\""),
                    excerpt: None,
                }
                .with_line(line));
            }
        };
        if r.start > r.end {
            return Err(Error::Data {
                file: file.clone(),
                line: n + 1,
                col: crate::gold::value_column(line, "start"),
                message: format!("start {} is after end {}", r.start, r.end),
                excerpt: None,
            }
            .with_line(line));
        }
        by_doc.entry(r.doc).or_default().push(Quote {
            start: r.start,
            end: r.end,
            text: String::new(),
            speaker: r.speaker,
            cue: r.cue,
            fragment: r.fragment,
            kind,
            speaker_span: None,
            resolved: None,
        });
    }
    for records in by_doc.values_mut() {
        records.sort_by_key(|q| (q.start, q.end));
    }
    Ok(by_doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_load_by_doc_and_bad_lines_name_their_place() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.jsonl");
        std::fs::write(
            &f,
            "{\"doc\":\"a.txt\",\"start\":5,\"end\":9,\"speaker\":\"X\",\"extra\":1}\n\
             {\"doc\":\"a.txt\",\"start\":0,\"end\":3,\"kind\":\"indirect\"}\n",
        )
        .unwrap();
        let m = load(&f).unwrap();
        let a = &m["a.txt"];
        assert_eq!((a[0].start, a[0].kind), (0, QuoteKind::Indirect));
        assert_eq!(a[1].speaker.as_deref(), Some("X"));
        std::fs::write(
            &f,
            "{\"doc\":\"a.txt\",\"start\":1,\"end\":2}\n{\"doc\":3}\n",
        )
        .unwrap();
        let e = load(&f).unwrap_err().to_string();
        assert!(e.contains("p.jsonl:2:"), "{e}");
    }
}
