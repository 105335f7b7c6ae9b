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
    Batch, LineReader, LineRef, Source, is_blank, json_column, json_message, line_text,
};
use crate::output::{Delivery, STDOUT_NAME, flush_output, write_output};
use crate::rules::ClaimSpec;

mod extract;
pub use extract::{ExtractOptions, ExtractProgress, ExtractSummary, extract_stream};

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
            let at = (file, l.line, json_column(text, &e));
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
mod tests;
