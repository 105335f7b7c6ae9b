//! One error type for the library. Every variant names what is wrong and
//! where (file, line, column, rule id), and knows its exit code.

use std::fmt;
use std::path::PathBuf;

/// Where in a source file a problem sits, with the offending line for a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File name as the user gave it (or `<default>/...` for embedded rules).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// The text of that line, for the caret display.
    pub source_line: String,
    /// Width of the caret underline, in characters (at least 1).
    pub width: usize,
}

impl Location {
    /// The location of byte range `span` in `text`, a file called `file`.
    pub fn from_span(file: &str, text: &str, span: std::ops::Range<usize>) -> Location {
        Location::from_index(file, &crate::text::LineIndex::new(text), text, span)
    }

    /// [`Location::from_span`] with a line index built once for the file.
    pub(crate) fn from_index(
        file: &str,
        index: &crate::text::LineIndex<'_>,
        text: &str,
        span: std::ops::Range<usize>,
    ) -> Location {
        let (line, col, source_line) = index.locate(span.start);
        let source_line = source_line.to_string();
        let end = span.end.min(text.len()).max(span.start);
        let mut width = 1;
        if let Some(s) = text.get(span.start..end) {
            let first_line = s.split('\n').next().unwrap_or("");
            width = first_line.chars().count().max(1);
        }
        Location {
            file: file.to_string(),
            line,
            col,
            source_line,
            width,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Something wrong in a rules file: syntax, an unknown key or label, a
/// duplicate id, an empty cue, a bad or oversized regex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Where, when known.
    pub location: Option<Location>,
    /// The rule's id, when the problem belongs to one rule.
    pub rule: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for RuleError {
    /// One line, `file:line:col: rule `id`: message`, for logs, reports and
    /// annotations; [`render`](crate::render_error) draws the source line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The part of a data file's line shown under an error: at most
/// [`SNIPPET_CHARS`] characters around the column, so a 4 MB line is never
/// echoed whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The characters shown, with `…` where the line was cut.
    pub text: String,
    /// 1-based column of the error within `text`.
    pub col: usize,
}

impl Excerpt {
    /// The excerpt of `line` around its 1-based column `col`.
    pub fn around(line: &str, col: usize) -> Excerpt {
        let (text, col) = excerpt(line, col);
        Excerpt { text, col }
    }
}

/// Most characters of a source line shown under an error.
pub(crate) const SNIPPET_CHARS: usize = 100;

/// At most [`SNIPPET_CHARS`] of `line` around 1-based column `col`, with `…`
/// where it was cut, and the column within what is shown: a 4 MB line is
/// never echoed whole.
pub(crate) fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars = line.chars().count();
    if chars <= SNIPPET_CHARS {
        return (line.to_string(), col);
    }
    let start = col.saturating_sub(1).saturating_sub(SNIPPET_CHARS / 3);
    let start = start.min(chars - SNIPPET_CHARS);
    let body: String = line.chars().skip(start).take(SNIPPET_CHARS).collect();
    let head = if start > 0 { "…" } else { "" };
    let tail = if start + SNIPPET_CHARS < chars {
        "…"
    } else {
        ""
    };
    (
        format!("{head}{body}{tail}"),
        col - start + head.chars().count(),
    )
}

/// How [`humanize`] appends its suggestion, so the renderer can show it as
/// help of its own.
pub(crate) const DID_YOU_MEAN: &str = "; did you mean ";

/// A parser's message in the user's words: type names as they are in the
/// file (an integer, a number, a string), and for an unknown key or value
/// the closest expected one ("did you mean `phrases`?"). Rules, gold and
/// data errors all pass through here.
pub(crate) fn humanize(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, words) in [
        ("expected i8", "expected an integer"),
        ("expected i16", "expected an integer"),
        ("expected i32", "expected an integer"),
        ("expected i64", "expected an integer"),
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f32", "expected a number"),
        ("expected f64", "expected a number"),
        ("expected a borrowed string", "expected a string"),
        ("EOF while parsing", "the text ends inside"),
        ("invalid type: sequence", "invalid type: an array"),
        ("invalid type: map", "invalid type: a table or object"),
    ] {
        if let Some(i) = out.find(rust)
            && !out[i + rust.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.replace_range(i..i + rust.len(), words);
        }
    }
    // Parsers' depth limits, said as what the file does.
    for limit in [
        "recursion limit exceeded",
        "cannot recurse further; max recursion depth met",
    ] {
        if let Some(i) = out.find(limit) {
            out.replace_range(
                i..i + limit.len(),
                "arrays or objects nested too deep (more than the parser's limit of about 128 levels)",
            );
        }
    }
    for what in ["unknown field `", "unknown variant `"] {
        let Some(i) = out.find(what) else { continue };
        let rest = &out[i + what.len()..];
        let Some(end) = rest.find('`') else { continue };
        let given = rest[..end].to_string();
        let expected: Vec<&str> = rest[end..].split('`').skip(2).step_by(2).collect();
        let best = expected
            .iter()
            .map(|e| (strsim::damerau_levenshtein(&given, e), *e))
            .min();
        if let Some((d, e)) = best
            && d <= given.chars().count().div_ceil(3).max(1)
        {
            out.push_str(&format!("{DID_YOU_MEAN}`{e}`?"));
        }
    }
    out
}

/// Where `"key"` stands as a key of a one-line JSON object (followed by a
/// colon), not as a value that happens to read the same.
/// With `last`, the last such place.
fn key_offset(line: &str, key: &str, last: bool) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut keys = line
        .match_indices(&quoted)
        .map(|(i, _)| i)
        .filter(|&i| line[i + quoted.len()..].trim_start().starts_with(':'));
    if last { keys.last() } else { keys.next() }
}

/// The name in backticks right after `what` ("duplicate field `") in a
/// parser's message.
fn named_after<'m>(message: &'m str, what: &str) -> Option<&'m str> {
    let i = message.find(what)?;
    message[i + what.len()..].split('`').next()
}

/// The key a "duplicate field `x`" message names.
fn duplicate_name(message: &str) -> Option<&str> {
    named_after(message, "duplicate field `")
}

/// The key or value an "unknown field `x`" (or variant) message names.
pub(crate) fn unknown_name(message: &str) -> Option<&str> {
    ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|what| named_after(message, what))
}

/// All errors of the library and the binary.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A rules file is invalid (configuration error, exit 2).
    #[error("{0}")]
    Rules(Box<RuleError>),
    /// A record of input or gold data is invalid (data error, exit 1).
    #[error("{file}:{line}:{col}: {message}")]
    Data {
        /// File name, or `<stdin>`.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column (1 when unknown).
        col: usize,
        /// What is wrong.
        message: String,
        /// The line's text around the column, when it was at hand, for
        /// [`render_error`](crate::render_error) to show.
        excerpt: Option<Box<Excerpt>>,
    },
    /// A command line that cannot be carried out (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The system refused a resource: threads, file watches (exit 2).
    #[error("{0}")]
    System(String),
}

impl Error {
    /// True for errors in data (a record, a gold item, a prediction, a saved
    /// report), as opposed to the command, its configuration or the system.
    pub fn is_data(&self) -> bool {
        matches!(self, Error::Data { .. })
    }

    /// A data error with the text of the line it points into, so
    /// [`render_error`](crate::render_error) can show it (other errors are
    /// returned as they are).
    pub(crate) fn with_line(mut self, text: &str) -> Error {
        if let Error::Data {
            col,
            excerpt,
            message,
            ..
        } = &mut self
        {
            // A JSON parser points past an unknown key; point at the key.
            let key = match unknown_name(message) {
                Some(k) => key_offset(text, k, false),
                // "duplicate field `x`": the second one is the error.
                None => duplicate_name(message).and_then(|k| key_offset(text, k, true)),
            };
            if let Some(i) = key {
                *col = text[..i].chars().count() + 1;
            }
            *excerpt = Some(Box::new(Excerpt::around(text, *col)));
        }
        self
    }

    pub(crate) fn rule(location: Option<Location>, rule: Option<&str>, message: String) -> Error {
        Error::Rules(Box::new(RuleError {
            location,
            rule: rule.map(str::to_string),
            message: humanize(&message),
        }))
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_speak_of_the_file_not_of_rust() {
        assert_eq!(
            humanize("invalid type: string \"high\", expected i32"),
            "invalid type: string \"high\", expected an integer"
        );
        assert_eq!(
            humanize(
                "unknown field `phrasez`, expected one of `id`, `label`, `phrases`, `patterns`"
            ),
            "unknown field `phrasez`, expected one of `id`, `label`, `phrases`, `patterns`; did you mean `phrases`?"
        );
        assert!(
            humanize("unknown field `lable`, expected one of `id`, `text`, `label`")
                .ends_with("did you mean `label`?")
        );
        assert!(
            !humanize("unknown field `zzz`, expected one of `id`, `text`").contains("did you mean")
        );
        assert_eq!(
            humanize("EOF while parsing an object"),
            "the text ends inside an object"
        );
        assert_eq!(
            humanize("invalid type: sequence, expected a string"),
            "invalid type: an array, expected a string"
        );
        for deep in [
            "recursion limit exceeded",
            "cannot recurse further; max recursion depth met",
        ] {
            assert!(humanize(deep).starts_with("arrays or objects nested too deep"));
        }
    }

    #[test]
    fn a_long_source_line_is_shown_around_its_column_only() {
        let line = format!("{}x = 1{}", "a".repeat(2_000_000), "b".repeat(2_000_000));
        let (shown, col) = excerpt(&line, 2_000_001);
        assert!(shown.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(shown.chars().nth(col - 1), Some('x'));
        assert_eq!(excerpt("short", 3), ("short".to_string(), 3));
    }
}
