//! `extract_stream`: articles in, one JSON line per attribution out (and,
//! with a classifier, its stance in the same pass), articles read and
//! rendered in parallel and written in input order.

use std::io::Write;

use rayon::prelude::*;

use super::{append_decision, flush, worker_pool};
use crate::claim::Claim;
use crate::classify::Classifier;
use crate::error::{Error, Result};
use crate::input::{Skip, Source, WalkOptions, walk};
use crate::output::{Delivery, flush_output, write_output};

/// One line of `stance extract` output, fields in this order.
#[derive(serde::Serialize)]
struct QuoteRecord<'a> {
    id: String,
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    speaker: Option<&'a str>,
    /// The reporting verb; written as `input_cue` when the quote is also
    /// classified, as `stance classify` renames a `cue` it finds.
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    input_cue: Option<Option<&'a str>>,
    fragment: bool,
    /// `direct` (in quote marks) or `indirect` (reported speech).
    kind: crate::extract::QuoteKind,
    /// Byte span of the speaker phrase the attribution reads.
    speaker_span: Option<(usize, usize)>,
    /// How the speaker was found: named, pronoun, description, continuation.
    resolved: Option<crate::extract::Resolution>,
    context: &'a str,
}

/// What `extract_stream` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Keep fragments (scare quotes, short phrases inside a sentence).
    pub fragments: bool,
    /// Also write reported speech ("X said (that) …") as `indirect` records.
    pub indirect: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            fragments: true,
            indirect: true,
        }
    }
}

/// What `extract_stream` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractSummary {
    /// Quote records written.
    pub quotes: usize,
    /// Files under the folders given that were left out, and why.
    pub skipped: Vec<(std::path::PathBuf, Skip)>,
}

/// Told how far [`extract_stream`] has come, for a progress bar: the total
/// size of the articles once the folders are walked, then the size of each
/// article once its records are written.
pub trait ExtractProgress {
    /// The articles found come to `bytes` in all.
    fn found(&self, bytes: u64);
    /// An article of `bytes` has been written.
    fn written(&self, bytes: u64);
}

/// Extracts the quotes of every article (a file; every `*.txt` file under a
/// folder, walked as [`walk`] does, its `doc` the path relative to the
/// folder; or stdin for `-`) and writes one JSON line per quote: `id`
/// (`doc#n`), `doc`, `start`, `end`, `text`, `speaker`, `cue`, `fragment`,
/// `kind` (`direct` or, with `options.indirect`, `indirect` for reported
/// speech), `speaker_span`, `resolved` and `context` (the sentence around the
/// quote, which `classify` uses to tell whether the quote is about the claim).
///
/// With `classify`, each quote is also labeled in the same pass (as
/// `stance extract | stance classify` would, without writing and re-reading
/// the JSON): `label`, `rule`, `cue` and `span` follow the quote's fields.
///
/// `progress`, when given, is told the total size and each article written.
pub fn extract_stream(
    sources: &[Source],
    options: ExtractOptions,
    classify: Option<(&Classifier, Option<&Claim>)>,
    jobs: usize,
    progress: Option<&dyn ExtractProgress>,
    out: &mut dyn Write,
) -> Result<ExtractSummary> {
    let mut summary = ExtractSummary::default();
    let mut articles: Vec<(String, Source)> = Vec::new();
    for s in sources {
        match s {
            Source::Stdin => articles.push((crate::input::STDIN_NAME.to_string(), Source::Stdin)),
            Source::File(p) => {
                let found = walk(
                    p,
                    WalkOptions {
                        extensions: &["txt"],
                        recursive: true,
                        skip_binary: true,
                        follow_links: false,
                    },
                )?;
                for f in found.files {
                    articles.push((f.id, Source::File(f.path)));
                }
                summary.skipped.extend(found.skipped);
            }
        }
    }
    // Check every file can be opened before writing anything.
    let mut total = 0;
    for (_, s) in &articles {
        if let Source::File(p) = s {
            let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
            total += f.metadata().map_or(0, |m| m.len());
        }
    }
    if let Some(p) = progress {
        p.found(total);
    }
    let pool = worker_pool(jobs, articles.len())?;
    let mut buf = Vec::with_capacity(1 << 16);
    // Articles are independent: up to ARTICLES_PER_BATCH of them are read and
    // rendered in parallel, then written in input order. One large article
    // is rendered alone, flushing as it goes, so memory stays bounded.
    for batch in articles.chunks(ARTICLES_PER_BATCH) {
        let rendered: Vec<Result<(Vec<u8>, usize, usize)>> = pool.install(|| {
            batch
                .par_iter()
                .map(|(doc, source)| {
                    if let Source::File(p) = source
                        && std::fs::metadata(p).is_ok_and(|m| m.len() > LARGE_ARTICLE)
                    {
                        return Ok((Vec::new(), usize::MAX, 0)); // rendered below, streaming
                    }
                    let text = source.read_to_string()?;
                    let mut out = Vec::with_capacity(text.len());
                    let n =
                        render_article(doc, &text, options, classify, &mut out, &mut |_| Ok(true))?;
                    Ok((out, n, text.len()))
                })
                .collect()
        });
        for ((doc, source), r) in batch.iter().zip(rendered) {
            let (bytes, n, size) = r?;
            if n == usize::MAX {
                let text = source.read_to_string()?;
                let mut alive = true;
                summary.quotes +=
                    render_article(doc, &text, options, classify, &mut buf, &mut |b| {
                        alive = flush(out, b)?;
                        Ok(alive)
                    })?;
                if !alive || !flush(out, &mut buf)? {
                    return Ok(summary);
                }
                if let Some(p) = progress {
                    p.written(text.len() as u64);
                }
                continue;
            }
            summary.quotes += n;
            if write_output(out, &bytes)? == Delivery::Closed {
                return Ok(summary);
            }
            if let Some(p) = progress {
                p.written(size as u64);
            }
        }
    }
    flush_output(out)?;
    Ok(summary)
}

/// Articles read and rendered at once by `extract_stream`.
const ARTICLES_PER_BATCH: usize = 256;
/// Articles larger than this are rendered alone, flushing as they go.
const LARGE_ARTICLE: u64 = 4 << 20;

/// Writes the quote records of one article into `buf`, calling `spill`
/// whenever `buf` passes a megabyte (`spill` returns false to stop: the
/// reader has gone away). Returns the number of records.
fn render_article(
    doc: &str,
    text: &str,
    options: ExtractOptions,
    classify: Option<(&Classifier, Option<&Claim>)>,
    buf: &mut Vec<u8>,
    spill: &mut dyn FnMut(&mut Vec<u8>) -> Result<bool>,
) -> Result<usize> {
    let mut written = 0;
    let mut n = 0;
    let mut result = Ok(());
    let mut each = |q: crate::extract::Quote| {
        n += 1;
        if q.fragment && !options.fragments {
            return true;
        }
        let (cs, ce) = crate::text::quote_context(text, q.start, q.end);
        let record = QuoteRecord {
            id: format!("{doc}#{n}"),
            doc,
            start: q.start,
            end: q.end,
            text: &q.text,
            speaker: q.speaker.as_deref(),
            cue: classify.is_none().then_some(q.cue.as_deref()),
            input_cue: classify.is_some().then_some(q.cue.as_deref()),
            fragment: q.fragment,
            kind: q.kind,
            speaker_span: q.speaker_span,
            resolved: q.resolved,
            context: &text[cs..ce],
        };
        let _ = serde_json::to_writer(&mut *buf, &record);
        if let Some((classifier, claim)) = classify {
            buf.pop(); // the closing brace: the decision's fields follow
            let d = classifier.classify_quote(record.text, Some(record.context), claim);
            append_decision(buf, record.text, &d);
            buf.push(b'}');
        }
        buf.push(b'\n');
        written += 1;
        if buf.len() >= 1 << 20 {
            match spill(buf) {
                Ok(true) => {}
                Ok(false) => return false,
                Err(e) => {
                    result = Err(e);
                    return false;
                }
            }
        }
        true
    };
    if options.indirect {
        crate::extract::for_each_attribution(text, &mut each);
    } else {
        crate::extract::for_each_quote(text, &mut each);
    }
    result?;
    Ok(written)
}
