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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(loc) = &self.location
            && !loc.source_line.is_empty()
        {
            let gutter = loc.line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{} | {}\n{:gutter$} | {}{}",
                "",
                loc.line,
                loc.source_line,
                "",
                " ".repeat(loc.col.saturating_sub(1)),
                "^".repeat(loc.width.min(80)),
            )?;
        }
        Ok(())
    }
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

    pub(crate) fn rule(location: Option<Location>, rule: Option<&str>, message: String) -> Error {
        Error::Rules(Box::new(RuleError {
            location,
            rule: rule.map(str::to_string),
            message,
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
