//! Streaming classification of JSON Lines or plain text lines: exactly one
//! output line per input record, in input order, in bounded memory, on all
//! cores.
//!
//! A JSON record is echoed as it came (every field, `id` byte for byte) with
//! `label`, `rule`, `cue` and `span` appended, so that
//! `stance extract | stance classify` keeps doc, speaker and offsets and no
//! JSON is re-serialized. A line that cannot be read becomes an error record
//! in its place (with the record's `id` when it can be read, and a `kind`)
//! and the run exits 1 at the end.
//!
//! With `--plain` every line is answered, blank ones included, and the
//! answer carries the line's text: under engines that split the input into
//! partitions (each its own process, its ids counted from 1), answers still
//! match their lines by position and by content.

use std::borrow::Cow;
use std::io::Write;

use rayon::prelude::*;
use serde::Deserialize;

use crate::articles::Articles;
use crate::claim::Claim;
use crate::classify::{Classifier, Decision};
use crate::error::{Error, Result};
use crate::input::{
    Batch, LineReader, LineRef, Skip, Source, WalkOptions, is_blank, json_message, line_text, walk,
};
use crate::output::{Delivery, STDOUT_NAME, flush_output, write_output};
use crate::rules::ClaimSpec;

/// Told the number of bytes read after each batch (for a progress bar).
pub type Progress = std::sync::Arc<dyn Fn(u64) + Send + Sync>;

/// How to read and classify a stream.
#[derive(Clone, Default)]
pub struct StreamOptions {
    /// Each line is a text, not a JSON object.
    pub plain: bool,
    /// The claim for records that name none.
    pub claim: Option<Claim>,
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Called with the bytes read after each batch.
    pub progress: Option<Progress>,
    /// The folder of the articles that records name by `doc`: a record with
    /// `doc`, `start` and `end` but no `context` gets the sentence around the
    /// quote from there, as gold items do in `stance eval` [default:
    /// `articles/` beside each input file].
    pub articles: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for StreamOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamOptions")
            .field("plain", &self.plain)
            .field("claim", &self.claim)
            .field("jobs", &self.jobs)
            .field("progress", &self.progress.is_some())
            .field("articles", &self.articles)
            .finish()
    }
}

/// What a finished stream did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamSummary {
    /// Records answered (including error records).
    pub records: usize,
    /// Records that could not be read.
    pub errors: usize,
    /// Output stopped because the reader went away (broken pipe).
    pub closed: bool,
}

/// A claim as it may appear in a record: a sentence, or text plus aliases.
#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "`claim` as a sentence, or as {\"text\": …, \"aliases\": [ … ]}"
)]
enum ClaimField {
    Text(String),
    Spec(ClaimSpec),
}

/// A byte offset when the value is one; anything else is not an offset and
/// is left as the record's own business (echoed, never an error).
fn offset<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<usize>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(v.as_u64().and_then(|n| usize::try_from(n).ok()))
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    serde::de::IgnoredAny::deserialize(d).map(|_| true)
}

#[derive(Deserialize)]
struct Record<'a> {
    /// Absent in stand-off records: read from the article at `start..end`.
    #[serde(default, borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "present")]
    id: bool,
    #[serde(default)]
    claim: Option<ClaimField>,
    #[serde(default, borrow)]
    context: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    doc: Option<Cow<'a, str>>,
    #[serde(default, deserialize_with = "offset")]
    start: Option<usize>,
    #[serde(default, deserialize_with = "offset")]
    end: Option<usize>,
    #[serde(default, deserialize_with = "present")]
    label: bool,
    #[serde(default, deserialize_with = "present")]
    rule: bool,
    #[serde(default, deserialize_with = "present")]
    cue: bool,
    #[serde(default, deserialize_with = "present")]
    span: bool,
}

/// Classifies every record of `sources` and writes one JSON line per record
/// to `out`. Errors in single records are written in their place and counted;
/// an unreadable file stops the run with an error naming it.
pub fn classify_stream(
    classifier: &Classifier,
    sources: &[Source],
    options: &StreamOptions,
    out: &mut (dyn Write + Send),
) -> Result<StreamSummary> {
    // Open everything first: a missing second file must not leave the first
    // file's answers behind as if they were the whole output.
    let readers = sources
        .iter()
        .map(|s| {
            // --articles DIR, else the source beside the input file, as
            // for gold: `articles.toml` (a folder or a CSV) or `articles/`.
            let articles = match (&options.articles, s) {
                (Some(d), _) => Some(Articles::new(d.clone())),
                (None, Source::File(p)) => Some(Articles::beside(p)?),
                (None, Source::Stdin) => None,
            };
            let reader = LineReader::open(s)?.keep_blank_lines(options.plain);
            Ok((reader, articles))
        })
        .collect::<Result<Vec<_>>>()?;
    // Three things overlap: a writer thread writes batch N-1's answers, the
    // workers answer batch N, and the calling thread reads batch N+1. The
    // channel holds a few batches, so memory stays bounded.
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(4);
        let writer = scope.spawn(move || -> Result<Delivery> {
            for buf in rx {
                if write_output(out, &buf)? == Delivery::Closed {
                    return Ok(Delivery::Closed);
                }
            }
            flush_output(out)
        });
        let read = stream_batches(classifier, options, readers, &tx);
        drop(tx);
        let written = writer.join().unwrap_or_else(|_| {
            Err(Error::io(
                STDOUT_NAME,
                std::io::Error::other("the writer thread failed"),
            ))
        });
        let mut summary = read?;
        summary.closed |= written? == Delivery::Closed;
        Ok(summary)
    })
}

/// Reads, answers and hands over every batch of every reader, in order.
fn stream_batches(
    classifier: &Classifier,
    options: &StreamOptions,
    readers: Vec<(LineReader, Option<Articles>)>,
    tx: &std::sync::mpsc::SyncSender<Vec<u8>>,
) -> Result<StreamSummary> {
    let mut summary = StreamSummary::default();
    let (mut current, mut next) = (Batch::default(), Batch::default());
    let mut pool: Option<rayon::ThreadPool> = None;
    let last = readers.len().saturating_sub(1);
    for (n, (mut reader, articles)) in readers.into_iter().enumerate() {
        let name = reader.name().to_string();
        let input = Input {
            name: &name,
            articles: articles.as_ref(),
        };
        let mut more = reader.next_batch(&mut current)?;
        while more {
            if let Some(p) = &options.progress {
                p(current.data.len() as u64);
            }
            let first_id = summary.records + 1;
            if pool.is_none() {
                // The whole input in one short batch: no more workers than
                // it has chunks of lines.
                let work = if n == last && current.data.len() < crate::input::BATCH_BYTES {
                    current.lines.len().div_ceil(LINES_PER_TASK)
                } else {
                    usize::MAX
                };
                pool = Some(worker_pool(options.jobs, work)?);
            }
            let pool = pool.as_ref().expect("built above");
            let (read, (answers, errors)) = pool.install(|| {
                rayon::join(
                    || reader.next_batch(&mut next),
                    || answer_batch(classifier, options, &input, &current, first_id),
                )
            });
            summary.records += current.lines.len();
            summary.errors += errors;
            if tx.send(answers).is_err() {
                summary.closed = true; // the writer stopped: the reader went away
                return Ok(summary);
            }
            more = read?;
            std::mem::swap(&mut current, &mut next);
        }
    }
    Ok(summary)
}

/// The input a batch comes from: its name for messages and the articles
/// its records name.
struct Input<'a> {
    name: &'a str,
    articles: Option<&'a Articles>,
}

/// Lines answered by one task of a worker.
const LINES_PER_TASK: usize = 256;

/// Most worker threads, whatever `-j` asks.
pub const MAX_JOBS: usize = 256;

/// A pool of `jobs` worker threads (0: one per core), never more than
/// [`MAX_JOBS`] nor than `work` (the tasks there are), and at least one.
fn worker_pool(jobs: usize, work: usize) -> Result<rayon::ThreadPool> {
    let wanted = if jobs == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        jobs
    };
    rayon::ThreadPoolBuilder::new()
        .num_threads(wanted.min(MAX_JOBS).min(work).max(1))
        .build()
        .map_err(|e| Error::System(format!("cannot start worker threads: {e}")))
}

/// The answers to one batch, in order, and how many lines were errors.
fn answer_batch(
    classifier: &Classifier,
    options: &StreamOptions,
    input: &Input<'_>,
    batch: &Batch,
    first_id: usize,
) -> (Vec<u8>, usize) {
    let chunks: Vec<(Vec<u8>, usize)> = batch
        .lines
        .par_chunks(LINES_PER_TASK)
        .enumerate()
        .map(|(ci, lines)| {
            let mut buf = Vec::with_capacity(lines.len() * 96);
            let mut errors = 0;
            for (i, l) in lines.iter().enumerate() {
                if !render(
                    classifier,
                    options,
                    input,
                    batch,
                    l,
                    first_id + ci * LINES_PER_TASK + i,
                    &mut buf,
                ) {
                    errors += 1;
                }
            }
            (buf, errors)
        })
        .collect();
    let mut out = Vec::with_capacity(chunks.iter().map(|c| c.0.len()).sum());
    let mut errors = 0;
    for (buf, e) in chunks {
        out.extend_from_slice(&buf);
        errors += e;
    }
    (out, errors)
}

/// The fields `classify` adds to a record.
const OUTPUT_FIELDS: [&str; 6] = ["label", "reason", "rule", "cue", "span", "claim_polarity"];

/// Writes the answer for one line; false when the line is an error record.
fn render(
    classifier: &Classifier,
    options: &StreamOptions,
    input: &Input<'_>,
    batch: &Batch,
    l: &LineRef,
    id: usize,
    buf: &mut Vec<u8>,
) -> bool {
    let file = input.name;
    let mut number = itoa::Buffer::new();
    let number = number.format(id);
    let text = match line_text(batch.bytes(l)) {
        Ok(t) => t,
        Err(e) => {
            // A plain line's id is its number; a JSON line's own id cannot
            // be read from bytes that are not text.
            let id = options.plain.then_some(number);
            let at = (file, l.line, e.col);
            error_record(buf, at, ErrorKind::Utf8, id, "invalid UTF-8");
            return false;
        }
    };
    if options.plain {
        buf.extend_from_slice(b"{\"id\":");
        buf.extend_from_slice(number.as_bytes());
        buf.extend_from_slice(b",\"text\":");
        let _ = serde_json::to_writer(&mut *buf, text);
        if is_blank(text.as_bytes()) {
            buf.extend_from_slice(BLANK_ANSWER);
        } else {
            let d = classifier.classify(text, options.claim.as_ref());
            append_decision(buf, text, &d);
        }
        buf.extend_from_slice(b"}\n");
        return true;
    }
    let record: Record = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let msg = json_message(&e);
            let kind = match e.classify() {
                serde_json::error::Category::Data if text.trim_start().starts_with('{') => {
                    ErrorKind::Field
                }
                _ => ErrorKind::Json,
            };
            let at = (file, l.line, e.column().max(1));
            error_record(buf, at, kind, readable_id(text), &msg);
            return false;
        }
    };
    let quote: Cow<'_, str> = match (
        &record.text,
        &record.doc,
        record.start,
        record.end,
        input.articles,
    ) {
        (Some(t), ..) => Cow::Borrowed(t.as_ref()),
        (None, Some(doc), Some(s), Some(e), Some(articles)) => {
            match articles
                .article(doc)
                .map(|a| a.and_then(|a| a.get(s..e).map(str::to_string)))
            {
                Ok(Some(t)) => Cow::Owned(t),
                Ok(None) => {
                    let msg = format!(
                        "no `text`, and {s}..{e} of article {doc:?} cannot be read (no such article, or not a span of it)"
                    );
                    error_record(
                        buf,
                        (file, l.line, 1),
                        ErrorKind::Article,
                        readable_id(text),
                        &msg,
                    );
                    return false;
                }
                Err(err) => {
                    let at = (file, l.line, 1);
                    error_record(
                        buf,
                        at,
                        ErrorKind::Article,
                        readable_id(text),
                        &err.to_string(),
                    );
                    return false;
                }
            }
        }
        _ => {
            let msg =
                "missing field `text` (or `doc`, `start` and `end` to read it from an article)";
            error_record(
                buf,
                (file, l.line, 1),
                ErrorKind::Field,
                readable_id(text),
                msg,
            );
            return false;
        }
    };
    let own_claim = record.claim.as_ref().map(|c| match c {
        ClaimField::Text(t) => cached_claim(
            classifier,
            &crate::rules::ClaimSpec {
                text: t.clone(),
                aliases: Vec::new(),
            },
        ),
        ClaimField::Spec(s) => cached_claim(classifier, s),
    });
    if let Some(c) = own_claim.as_ref().filter(|c| c.is_empty()) {
        // Every answer would be `none`: refuse the record, do not guess.
        let msg = format!(
            "claim {:?} has no key term: every word is too common to show that a quote is about it",
            c.text()
        );
        error_record(
            buf,
            (file, l.line, 1),
            ErrorKind::Claim,
            readable_id(text),
            &msg,
        );
        return false;
    }
    let claim = own_claim.as_deref().or(options.claim.as_ref());
    let context = match (
        &record.context,
        &record.doc,
        record.start,
        record.end,
        input.articles,
    ) {
        (Some(c), ..) => Some(Cow::Borrowed(c.as_ref())),
        (None, Some(doc), Some(s), Some(e), Some(articles)) => {
            match articles.context(doc, s, e, &quote) {
                Ok(c) => c.map(Cow::Owned),
                Err(err) => {
                    let at = (file, l.line, 1);
                    let id = readable_id(text);
                    error_record(buf, at, ErrorKind::Article, id, &err.to_string());
                    return false;
                }
            }
        }
        _ => None,
    };
    let d = classifier.classify_quote(&quote, context.as_deref(), claim);
    // A record that already has fields we write keeps their values under a
    // free `input_<name>`, renamed in place: every other byte is echoed.
    let renamed;
    let text = if record.label || record.rule || record.cue || record.span {
        renamed = rename_output_keys(text);
        renamed.as_str()
    } else {
        text
    };
    let body = text.trim_end();
    let body = body.strip_suffix('}').unwrap_or(body).trim_end();
    buf.extend_from_slice(body.as_bytes());
    if !record.id {
        buf.extend_from_slice(b",\"id\":");
        buf.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
    }
    append_decision(buf, &quote, &d);
    buf.extend_from_slice(b"}\n");
    true
}

/// The top-level keys of a JSON object that has already parsed: each key's
/// byte range (quotes included) and its decoded name.
fn top_level_keys(object: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let b = object.as_bytes();
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(b.len());
                let after = object[end..].trim_start();
                if depth == 1 && after.starts_with(':') {
                    let name =
                        serde_json::from_str::<String>(&object[start..end]).unwrap_or_default();
                    keys.push((start..end, name));
                }
            }
            _ => {}
        }
        i += 1;
    }
    keys
}

/// The record with each key `classify` writes (`label`, `rule`, `cue`,
/// `span`) renamed to the first of `input_<key>`, `input_input_<key>`, …
/// that the record does not use, so that no value of the input is lost or
/// rewritten (numbers, escapes and spacing stay as they came).
fn rename_output_keys(object: &str) -> String {
    let keys = top_level_keys(object);
    let taken: std::collections::HashSet<&str> = keys.iter().map(|(_, k)| k.as_str()).collect();
    let mut out = String::with_capacity(object.len() + 32);
    let mut at = 0;
    for (range, name) in &keys {
        if !OUTPUT_FIELDS.contains(&name.as_str()) {
            continue;
        }
        let mut new = format!("input_{name}");
        while taken.contains(new.as_str()) {
            new.insert_str(0, "input_");
        }
        out.push_str(&object[at..range.start]);
        out.push('"');
        out.push_str(&new);
        out.push('"');
        at = range.end;
    }
    out.push_str(&object[at..]);
    out
}

/// Writes and clears `buf`; false when the reader has gone away.
fn flush(out: &mut dyn Write, buf: &mut Vec<u8>) -> Result<bool> {
    let open = write_output(out, buf)? == Delivery::Open;
    buf.clear();
    Ok(open)
}

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

/// Most claims one worker thread keeps compiled (see [`cached_claim`]).
const CLAIM_CACHE: usize = 1024;

thread_local! {
    /// Claims compiled for the records a thread answered, by classifier and
    /// claim: a claim that many records repeat (the usual case) is analysed
    /// once per thread, not once per record.
    static CLAIMS: std::cell::RefCell<std::collections::HashMap<(u64, ClaimSpec), std::rc::Rc<Claim>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `classifier.claim(spec)`, compiled once per thread and kept; the cache is
/// emptied when it holds [`CLAIM_CACHE`] claims, so memory stays bounded.
fn cached_claim(classifier: &Classifier, spec: &ClaimSpec) -> std::rc::Rc<Claim> {
    let key = (classifier.id(), spec.clone());
    CLAIMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(c) = cache.get(&key) {
            return c.clone();
        }
        if cache.len() >= CLAIM_CACHE {
            cache.clear();
        }
        let c = std::rc::Rc::new(classifier.claim(spec));
        cache.insert(key, c.clone());
        c
    })
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
pub fn extract_stream(
    sources: &[Source],
    options: ExtractOptions,
    classify: Option<(&Classifier, Option<&Claim>)>,
    jobs: usize,
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
    for (_, s) in &articles {
        if let Source::File(p) = s {
            std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
        }
    }
    let pool = worker_pool(jobs, articles.len())?;
    let mut buf = Vec::with_capacity(1 << 16);
    // Articles are independent: up to ARTICLES_PER_BATCH of them are read and
    // rendered in parallel, then written in input order. One large article
    // is rendered alone, flushing as it goes, so memory stays bounded.
    for batch in articles.chunks(ARTICLES_PER_BATCH) {
        let rendered: Vec<Result<(Vec<u8>, usize)>> = pool.install(|| {
            batch
                .par_iter()
                .map(|(doc, source)| {
                    if let Source::File(p) = source
                        && std::fs::metadata(p).is_ok_and(|m| m.len() > LARGE_ARTICLE)
                    {
                        return Ok((Vec::new(), usize::MAX)); // rendered below, streaming
                    }
                    let text = source.read_to_string()?;
                    let mut out = Vec::with_capacity(text.len());
                    let n =
                        render_article(doc, &text, options, classify, &mut out, &mut |_| Ok(true))?;
                    Ok((out, n))
                })
                .collect()
        });
        for ((doc, source), r) in batch.iter().zip(rendered) {
            let (bytes, n) = r?;
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
                continue;
            }
            summary.quotes += n;
            if write_output(out, &bytes)? == Delivery::Closed {
                return Ok(summary);
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
    let quotes = if options.indirect {
        crate::extract::extract_attributions(text)
    } else {
        crate::extract::extract_quotes(text)
    };
    for (n, q) in quotes.iter().enumerate() {
        if q.fragment && !options.fragments {
            continue;
        }
        let (cs, ce) = crate::text::quote_context(text, q.start, q.end);
        let record = QuoteRecord {
            id: format!("{doc}#{}", n + 1),
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
        if buf.len() >= 1 << 20 && !spill(buf)? {
            break;
        }
    }
    Ok(written)
}

/// `,"label":…,"reason":…,"rule":…,"cue":…,"span":…` for a decision on
/// `text`, and `"claim_polarity"` when a negative or unknown claim turned
/// the stance around. `rule` names the deciding rule, or `(fallback)` /
/// `(off-claim)`, so that every answer says why.
fn append_decision(buf: &mut Vec<u8>, text: &str, d: &Decision<'_>) {
    buf.extend_from_slice(b",\"label\":\"");
    buf.extend_from_slice(d.label.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"reason\":\"");
    buf.extend_from_slice(d.reason.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"rule\":");
    match d.rule {
        Some(r) => {
            let _ = serde_json::to_writer(&mut *buf, &r.id);
        }
        None => {
            let _ = serde_json::to_writer(&mut *buf, d.rule_name());
        }
    }
    match d.span {
        Some((s, e)) => {
            buf.extend_from_slice(b",\"cue\":");
            let _ = serde_json::to_writer(&mut *buf, &text[s..e]);
            let _ = write!(buf, ",\"span\":[{s},{e}]");
        }
        None => buf.extend_from_slice(b",\"cue\":null,\"span\":null"),
    }
    if d.by_polarity {
        buf.extend_from_slice(b",\"claim_polarity\":\"");
        buf.extend_from_slice(d.claim_polarity.as_str().as_bytes());
        buf.push(b'"');
    }
}

/// The answer to a blank `--plain` line: no stance, and why.
const BLANK_ANSWER: &[u8] =
    b",\"label\":\"none\",\"reason\":\"blank\",\"rule\":\"(blank)\",\"cue\":null,\"span\":null";

/// What was wrong with a line that became an error record: a stable name
/// (the `kind` field) that scripts can count and filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorKind {
    /// The line is not UTF-8.
    Utf8,
    /// The line is not a JSON object (a syntax error, or another value).
    Json,
    /// A JSON object whose fields are wrong (`text` missing or not a string, …).
    Field,
    /// The record's `doc` article could not give the quote's context.
    Article,
    /// The record's own `claim` has no key term: it could never be matched.
    Claim,
}

impl ErrorKind {
    fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Utf8 => "utf8",
            ErrorKind::Json => "json",
            ErrorKind::Field => "field",
            ErrorKind::Claim => "claim",
            ErrorKind::Article => "article",
        }
    }
}

/// The `id` of a JSON line, as it came, when the line is an object that
/// has one (even if its other fields are wrong).
fn readable_id(line: &str) -> Option<&str> {
    #[derive(Deserialize)]
    struct IdOnly<'a> {
        #[serde(borrow, default)]
        id: Option<&'a serde_json::value::RawValue>,
    }
    let r: IdOnly = serde_json::from_str(line).ok()?;
    r.id.map(|raw| raw.get())
}

/// `{"id":…,"error":"file:line:col: message","kind":…,"file":…,"line":…}`,
/// the record's `id` first (echoed as it came) when there is one, so that a
/// bad record can be traced to its source wherever the line was read.
fn error_record(
    buf: &mut Vec<u8>,
    (file, line, col): (&str, usize, usize),
    kind: ErrorKind,
    id: Option<&str>,
    message: &str,
) {
    buf.push(b'{');
    if let Some(id) = id {
        buf.extend_from_slice(b"\"id\":");
        buf.extend_from_slice(id.as_bytes());
        buf.push(b',');
    }
    let v = serde_json::json!({
        "error": format!("{file}:{line}:{col}: {message}"),
        "kind": kind.as_str(),
        "file": file,
        "line": line,
    });
    // The object without its opening brace, which is written above.
    buf.extend_from_slice(&v.to_string().as_bytes()[1..]);
    buf.push(b'\n');
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_record_claim_with_no_key_term_is_an_error_record() {
        let (out, s) = run(
            "{\"text\":\"It was a hoax\",\"claim\":\"the\"}\n{\"text\":\"It was a hoax\",\"claim\":\"the meteorite\"}\n",
            &StreamOptions::default(),
        );
        assert_eq!(s.errors, 1, "{out}");
        let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert!(
            first["error"].as_str().unwrap().contains("has no key term"),
            "{out}"
        );
        assert!(out.lines().nth(1).unwrap().contains("\"label\":"), "{out}");
    }

    use super::*;

    fn run(input: &str, options: &StreamOptions) -> (String, StreamSummary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, input).unwrap();
        let c = Classifier::with_default_rules();
        let mut out = Vec::new();
        let s = classify_stream(&c, &[Source::File(path)], options, &mut out).unwrap();
        (String::from_utf8(out).unwrap(), s)
    }

    #[test]
    fn json_records_keep_their_fields_and_id() {
        let (out, s) = run(
            "{\"id\": \"q-1\", \"speaker\": \"A\", \"text\": \"I can’t confirm those reports\"}\n",
            &StreamOptions::default(),
        );
        assert_eq!(
            s,
            StreamSummary {
                records: 1,
                errors: 0,
                closed: false
            }
        );
        assert_eq!(
            out,
            "{\"id\": \"q-1\", \"speaker\": \"A\", \"text\": \"I can’t confirm those reports\",\"label\":\"uncertain\",\"reason\":\"rule\",\"rule\":\"affirm.confirmation\",\"cue\":\"confirm\",\"span\":[10,17]}\n"
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["speaker"], "A");
    }

    #[test]
    fn missing_id_gets_the_record_number_and_errors_keep_their_place() {
        let (out, s) = run(
            "{\"text\":\"It was a hoax\"}\n{\"text\": 3}\n\n{broken\n{\"txt\":\"x\"}\n{\"text\":\"Fine\"}\n",
            &StreamOptions::default(),
        );
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(
            (lines[0]["id"].as_u64(), lines[0]["label"].as_str()),
            (Some(1), Some("denying"))
        );
        assert!(
            lines[1]["error"].as_str().unwrap().contains(":2:"),
            "{}",
            lines[1]
        );
        assert!(lines[1]["error"].as_str().unwrap().contains("invalid type"));
        assert_eq!(lines[2]["line"], 4);
        assert!(
            lines[3]["error"]
                .as_str()
                .unwrap()
                .contains("missing field `text`")
        );
        assert_eq!(lines[4]["id"], 5);
        assert_eq!(s.errors, 3);
    }

    #[test]
    fn record_claims_override_the_default() {
        let opts = StreamOptions {
            claim: Some(Claim::new("The mayor resigned")),
            ..Default::default()
        };
        let (out, _) = run(
            "{\"text\":\"The weather is a hoax\"}\n{\"text\":\"The weather is a hoax\",\"claim\":\"bad weather\"}\n",
            &opts,
        );
        let labels: Vec<String> = out
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["label"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(labels, ["none", "denying"]);
    }

    #[test]
    fn existing_output_fields_are_kept_as_input_fields() {
        let (out, _) = run(
            "{\"text\":\"It was a hoax\",\"label\":\"affirming\",\"cue\":\"said\"}\n",
            &StreamOptions::default(),
        );
        assert_eq!(
            out,
            "{\"text\":\"It was a hoax\",\"input_label\":\"affirming\",\"input_cue\":\"said\",\"id\":1,\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n"
        );
    }

    #[test]
    fn records_with_output_fields_are_echoed_byte_for_byte_with_free_input_names() {
        let input = r#"{"id":"q", "text":"It was a hoax","label" : "denying","input_label":"affirming","big":18446744073709551616,"huge":1e400,"s":"caf\u00e9 \/","span":[1,2],"nested":{"label":1}}"#;
        let (out, s) = run(&format!("{input}\n"), &StreamOptions::default());
        assert_eq!(s.errors, 0, "{out}");
        let expected_head = r#"{"id":"q", "text":"It was a hoax","input_input_label" : "denying","input_label":"affirming","big":18446744073709551616,"huge":1e400,"s":"caf\u00e9 \/","input_span":[1,2],"nested":{"label":1}"#;
        assert!(out.starts_with(expected_head), "{out}");
        assert!(
            out.ends_with(
                ",\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn never_more_workers_than_work_or_the_cap() {
        assert_eq!(worker_pool(4000, 1).unwrap().current_num_threads(), 1);
        assert_eq!(worker_pool(4000, 3).unwrap().current_num_threads(), 3);
        assert_eq!(
            worker_pool(4000, usize::MAX).unwrap().current_num_threads(),
            MAX_JOBS
        );
        assert_eq!(worker_pool(2, 0).unwrap().current_num_threads(), 1);
    }

    #[test]
    fn plain_lines() {
        let opts = StreamOptions {
            plain: true,
            ..Default::default()
        };
        let (out, _) = run("It was a hoax\r\nDid it happen?\n", &opts);
        assert_eq!(
            out,
            "{\"id\":1,\"text\":\"It was a hoax\",\"label\":\"denying\",\"reason\":\"rule\",\"rule\":\"deny.hoax\",\"cue\":\"hoax\",\"span\":[9,13]}\n{\"id\":2,\"text\":\"Did it happen?\",\"label\":\"uncertain\",\"reason\":\"rule\",\"rule\":\"uncertain.question\",\"cue\":\"?\",\"span\":[13,14]}\n"
        );
    }

    #[test]
    fn plain_answers_every_line_blank_ones_included_with_its_text() {
        let opts = StreamOptions {
            plain: true,
            ..Default::default()
        };
        let (out, s) = run(
            "It was a hoax\n\n  \t\nNot a \"hoax\" in caf\u{e9}s\n",
            &opts,
        );
        assert_eq!((s.records, s.errors), (4, 0));
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let texts: Vec<&str> = lines.iter().map(|v| v["text"].as_str().unwrap()).collect();
        assert_eq!(
            texts,
            ["It was a hoax", "", "  \t", "Not a \"hoax\" in caf\u{e9}s"]
        );
        let ids: Vec<u64> = lines.iter().map(|v| v["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, [1, 2, 3, 4], "ids are line numbers");
        for blank in &lines[1..3] {
            assert_eq!(
                (&blank["label"], &blank["reason"], &blank["span"]),
                (
                    &serde_json::json!("none"),
                    &serde_json::json!("blank"),
                    &serde_json::Value::Null
                )
            );
        }
        assert_eq!(lines[0]["label"], "denying");
    }

    #[test]
    fn error_records_carry_the_id_when_it_can_be_read_and_a_kind() {
        let input = b"{\"id\":\"a\",\"text\":3}\n{\"id\": 17, \"txt\":\"x\"}\n{\"id\":\"c\",\"text\":\n[1,2]\n{\"id\":\"e\",\"text\":\"caf\xE9\"}\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.jsonl");
        std::fs::write(&path, input).unwrap();
        let c = Classifier::with_default_rules();
        let mut out = Vec::new();
        let s = classify_stream(
            &c,
            &[Source::File(path)],
            &StreamOptions::default(),
            &mut out,
        )
        .unwrap();
        assert_eq!(s.errors, 5);
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let got: Vec<(serde_json::Value, &str)> = lines
            .iter()
            .map(|v| {
                (
                    v.get("id").cloned().unwrap_or_default(),
                    v["kind"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (serde_json::json!("a"), "field"),
                (serde_json::json!(17), "field"),
                (serde_json::Value::Null, "json"),
                (serde_json::Value::Null, "json"),
                (serde_json::Value::Null, "utf8"),
            ]
        );
        assert!(lines[1]["error"].as_str().unwrap().contains(":2:"));
        assert_eq!(lines[3]["line"], 4);
        // A doc outside the articles folder: the article cannot give the context.
        let (out, s) = run(
            "{\"id\":\"q\",\"doc\":\"../outside.txt\",\"start\":0,\"end\":1,\"text\":\"x\"}\n",
            &StreamOptions::default(),
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            (s.errors, &v["id"], &v["kind"]),
            (1, &"q".into(), &"article".into())
        );
        // Plain lines: the error record keeps the line's number as its id.
        let opts = StreamOptions {
            plain: true,
            ..Default::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in.txt");
        std::fs::write(&path, b"fine\ncaf\xE9\n").unwrap();
        let mut out = Vec::new();
        classify_stream(&c, &[Source::File(path)], &opts, &mut out).unwrap();
        let second: serde_json::Value =
            serde_json::from_str(String::from_utf8(out).unwrap().lines().nth(1).unwrap()).unwrap();
        assert_eq!(
            (second["id"].as_u64(), second["kind"].as_str()),
            (Some(2), Some("utf8"))
        );
    }
}
