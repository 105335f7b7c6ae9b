//! Reading line-oriented input (JSON Lines or plain text) from files or
//! stdin, in bounded batches, without losing track of file and line.
//!
//! Every line is kept as bytes until it is checked, so invalid UTF-8, a BOM,
//! CRLF ends and blank lines each get a defined answer (see
//! `docs/reliability.md`) instead of stopping the whole run.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The name used for standard input in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Where input comes from: a file, or standard input for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// `-` means stdin; anything else is a path.
    pub fn parse(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// The name for messages.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => STDIN_NAME.to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Opens the source for buffered reading.
    pub fn open(&self) -> Result<Box<dyn BufRead + Send>> {
        Ok(match self {
            Source::Stdin => Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            Source::File(p) => {
                if p.is_dir() {
                    return Err(Error::Io {
                        path: p.clone(),
                        source: io::Error::other("is a folder, not a file"),
                    });
                }
                let f = File::open(p).map_err(|e| Error::io(p, e))?;
                Box::new(BufReader::with_capacity(1 << 16, f))
            }
        })
    }

    /// Reads the whole source as text, for articles. Invalid UTF-8 is
    /// replaced (U+FFFD) so that one bad byte does not lose an article; a
    /// leading BOM is dropped.
    pub fn read_to_string(&self) -> Result<String> {
        let buf = match self {
            Source::Stdin => read_limited(STDIN_NAME, io::stdin(), MAX_ARTICLE_BYTES)?,
            Source::File(p) => {
                let f = File::open(p).map_err(|e| Error::io(p, e))?;
                read_limited(&self.name(), f, MAX_ARTICLE_BYTES)?
            }
        };
        refuse_utf16(&self.name(), &buf)?;
        let text = match String::from_utf8(buf) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        Ok(match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_string(),
            None => text,
        })
    }
}

/// One line of a [`Batch`]: its number in the file and its bytes (without
/// the line end) as a range of `Batch::data`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRef {
    /// 1-based line number in its file.
    pub line: usize,
    /// Start of the line in `Batch::data`.
    pub start: usize,
    /// End of the line in `Batch::data`.
    pub end: usize,
}

/// A block of whole lines read in one go. Reused from batch to batch so that
/// reading allocates nothing per line.
#[derive(Debug, Default)]
pub struct Batch {
    /// The raw bytes of the block.
    pub data: Vec<u8>,
    /// Its lines (blank ones only when the reader keeps them).
    pub lines: Vec<LineRef>,
}

impl Batch {
    /// The bytes of one line.
    pub fn bytes(&self, l: &LineRef) -> &[u8] {
        &self.data[l.start..l.end]
    }
}

/// A line that is not valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based byte column of the first invalid byte.
    pub col: usize,
}

/// The encoding of text that is UTF-16 rather than UTF-8: a UTF-16
/// byte-order mark, or NUL bytes at every other position of the start
/// (ASCII text in UTF-16 without a mark). UTF-8 text has no NUL bytes.
pub(crate) fn utf16_encoding(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16LE (byte-order mark FF FE)");
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16BE (byte-order mark FE FF)");
    }
    let head = &head[..head.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if odd * 2 > pairs && even == 0 {
        Some("UTF-16LE (no byte-order mark)")
    } else if even * 2 > pairs && odd == 0 {
        Some("UTF-16BE (no byte-order mark)")
    } else {
        None
    }
}

/// Refuses input whose first bytes show UTF-16: read as UTF-8 it would be
/// text full of NULs, every line a wrong answer.
pub(crate) fn refuse_utf16(name: &str, head: &[u8]) -> Result<()> {
    match utf16_encoding(head) {
        None => Ok(()),
        Some(encoding) => Err(Error::Data {
            file: name.to_string(),
            line: 1,
            col: 1,
            message: format!(
                "the input is {encoding}, not UTF-8; convert it first, e.g. `iconv -f UTF-16 -t UTF-8`"
            ),
            excerpt: None,
        }),
    }
}

/// The text of a line, or where its UTF-8 goes wrong.
pub fn line_text(bytes: &[u8]) -> std::result::Result<&str, LineError> {
    std::str::from_utf8(bytes).map_err(|e| LineError {
        col: e.valid_up_to() + 1,
    })
}

/// True when a line carries nothing: only ASCII whitespace and byte-order
/// marks (U+FEFF). A BOM is an encoding signature, not text, so a line that
/// holds only BOMs is blank wherever it stands; at the start of a file, where
/// the first BOM is removed as the signature, the answer is the same.
pub fn is_blank(mut line: &[u8]) -> bool {
    loop {
        match line {
            [] => return true,
            [b, rest @ ..] if b.is_ascii_whitespace() => line = rest,
            [0xEF, 0xBB, 0xBF, rest @ ..] => line = rest,
            _ => return false,
        }
    }
}

/// Reads whole lines in blocks of about [`BATCH_BYTES`]. Blank lines (see
/// [`is_blank`]) are skipped, as they are not records, unless
/// [`LineReader::keep_blank_lines`] asks for every line. A BOM at the start of the
/// input and `\r` before `\n` are removed. A line longer than a block makes
/// the block grow to hold it.
pub struct LineReader {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: usize,
    eof: bool,
    pending: Vec<u8>,
    keep_blank: bool,
}

/// Target size of one batch.
pub const BATCH_BYTES: usize = 1 << 20;

/// Longest line read (a record, a gold item, a prediction).
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Largest article read whole (from a file or stdin).
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// Reads at most `limit` bytes of `reader` (interrupted reads are retried);
/// more is an error naming `name`, so that an endless input (/dev/zero, a
/// FIFO that never closes) cannot take all memory.
pub(crate) fn read_limited(name: &str, reader: impl Read, limit: u64) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::io(name, e))?;
    if buf.len() as u64 > limit {
        return Err(Error::io(
            name,
            io::Error::other(format!(
                "larger than {} MiB: files of this kind are read up to that size",
                limit >> 20
            )),
        ));
    }
    Ok(buf)
}

/// A text file read whole, at most `limit` bytes: a regular file (a FIFO or
/// device could block or never end), refused when UTF-16.
pub(crate) fn read_text_file(path: &Path, limit: u64) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::io(
            path,
            io::Error::other("not a regular file (a folder, FIFO or device)"),
        ));
    }
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let bytes = read_limited(&name, file, limit)?;
    refuse_utf16(&name, &bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or("");
        let (line, col) = crate::text::line_col(before, valid);
        Error::io(
            path,
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("invalid UTF-8 at line {line}, column {col}"),
            ),
        )
    })
}

impl LineReader {
    /// Opens a source. Input in UTF-16 is refused (see [`refuse_utf16`]).
    pub fn open(source: &Source) -> Result<LineReader> {
        let name = source.name();
        let mut reader = source.open()?;
        let head = reader.fill_buf().map_err(|e| Error::io(&name, e))?;
        refuse_utf16(&name, head)?;
        Ok(LineReader::from_reader(&name, reader))
    }

    /// A reader over any buffered reader.
    pub fn from_reader(name: &str, reader: Box<dyn BufRead + Send>) -> LineReader {
        LineReader {
            reader,
            name: name.to_string(),
            line: 0,
            eof: false,
            pending: Vec::new(),
            keep_blank: false,
        }
    }

    /// Hands over blank lines too, so that every line of the input gets an
    /// answer (plain text lines, matched to their answers by position).
    pub fn keep_blank_lines(mut self, keep: bool) -> LineReader {
        self.keep_blank = keep;
        self
    }

    /// The source's name for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Fills `batch` with the next block of lines. Returns false at the end
    /// of the input (and then `batch.lines` is empty).
    pub fn next_batch(&mut self, batch: &mut Batch) -> Result<bool> {
        batch.data.clear();
        batch.lines.clear();
        std::mem::swap(&mut batch.data, &mut self.pending);
        let mut searched = 0;
        // Where the line being read starts: a line may not grow past
        // MAX_LINE_BYTES (an input without line ends, such as /dev/zero,
        // would otherwise take all memory).
        let mut line_start = 0;
        while !self.eof {
            if batch.data.len() >= BATCH_BYTES
                && memchr::memrchr(b'\n', &batch.data[searched..]).is_some()
            {
                break;
            }
            searched = batch.data.len();
            let buf = loop {
                match self.reader.fill_buf() {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other.map_err(|e| Error::io(&self.name, e))?,
                }
            };
            if buf.is_empty() {
                self.eof = true;
                break;
            }
            if let Some(i) = memchr::memrchr(b'\n', buf) {
                line_start = batch.data.len() + i + 1;
            }
            batch.data.extend_from_slice(buf);
            let n = buf.len();
            self.reader.consume(n);
            if batch.data.len() - line_start > MAX_LINE_BYTES {
                let line =
                    self.line + memchr::memchr_iter(b'\n', &batch.data[..line_start]).count() + 1;
                return Err(Error::Data {
                    file: self.name.clone(),
                    line,
                    col: 1,
                    message: format!(
                        "a line longer than {} MiB; lines are read up to that size",
                        MAX_LINE_BYTES >> 20
                    ),
                    excerpt: None,
                });
            }
        }
        // Keep a trailing partial line for the next batch.
        let cut = if self.eof {
            batch.data.len()
        } else {
            memchr::memrchr(b'\n', &batch.data).map_or(0, |i| i + 1)
        };
        self.pending.extend_from_slice(&batch.data[cut..]);
        batch.data.truncate(cut);
        let mut start = 0;
        while start < batch.data.len() {
            let nl =
                memchr::memchr(b'\n', &batch.data[start..]).map_or(batch.data.len(), |i| start + i);
            self.line += 1;
            let mut s = start;
            let mut e = nl;
            if self.line == 1 && batch.data[s..e].starts_with(b"\xEF\xBB\xBF") {
                s += 3;
            }
            if e > s && batch.data[e - 1] == b'\r' {
                e -= 1;
            }
            if self.keep_blank || !is_blank(&batch.data[s..e]) {
                batch.lines.push(LineRef {
                    line: self.line,
                    start: s,
                    end: e,
                });
            }
            start = nl + 1;
        }
        Ok(!batch.data.is_empty() || !self.eof || !self.pending.is_empty())
    }
}

/// One line of a JSON Lines file, as handed to the caller of
/// [`read_json_lines`]: where it is, and its text for messages that point
/// into it.
pub(crate) struct JsonLine<'a> {
    /// The file, as named to the user.
    pub file: &'a str,
    /// 1-based line number.
    pub line: usize,
    /// The line's text.
    pub text: &'a str,
}

impl JsonLine<'_> {
    /// A data error at this line and a 1-based column.
    pub fn error(&self, col: usize, message: impl Into<String>) -> Error {
        let e = Error::Data {
            file: self.file.to_string(),
            line: self.line,
            col,
            message: message.into(),
            excerpt: None,
        };
        if self.text.is_empty() {
            e
        } else {
            e.with_line(self.text)
        }
    }

    /// A data error pointing at the value of `key` on this line.
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Error {
        self.error(crate::gold::value_column(self.text, key), message)
    }
}

/// A JSON error as a message without serde's own " at line L column C"
/// (the caller names file, line and column itself).
/// The 1-based character column of a JSON error on `line`: serde_json
/// counts bytes, messages and carets count characters.
pub(crate) fn json_column(line: &str, e: &serde_json::Error) -> usize {
    let mut b = e.column().saturating_sub(1).min(line.len());
    while !line.is_char_boundary(b) {
        b -= 1;
    }
    line[..b].chars().count() + 1
}

pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    crate::error::humanize(
        msg.rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m),
    )
}

/// The one JSON Lines record loop for files read whole (gold, predictions):
/// every non-blank line is parsed as a `T` and handed to `each`. A line that
/// is not UTF-8 or not a `T` stops the read with a data error naming file,
/// line and column.
pub(crate) fn read_json_lines<T: serde::de::DeserializeOwned>(
    path: &Path,
    mut each: impl FnMut(&JsonLine<'_>, T) -> Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    let mut reader = LineReader::open(&Source::File(path.to_path_buf()))?;
    let mut batch = Batch::default();
    while reader.next_batch(&mut batch)? {
        for l in &batch.lines {
            let mut at = JsonLine {
                file: &name,
                line: l.line,
                text: "",
            };
            at.text = line_text(batch.bytes(l)).map_err(|e| at.error(e.col, "invalid UTF-8"))?;
            let record: T = serde_json::from_str(at.text)
                .map_err(|e| at.error(json_column(at.text, &e), json_message(&e)))?;
            each(&at, record)?;
        }
    }
    Ok(())
}

/// Why a file under a walked folder was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Hidden, or matched by a `.gitignore` / `.ignore` file.
    Ignored,
    /// Its name does not end in one of the extensions asked for.
    OtherKind,
    /// Its first bytes hold a NUL: not text.
    Binary,
    /// A symbolic link: links are not followed.
    Symlink,
    /// A FIFO, socket or device: reading it could block forever.
    NotRegular,
}

impl Skip {
    /// The reason in words.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Ignored => "hidden or ignored by .gitignore",
            Skip::OtherKind => "another kind of file",
            Skip::Binary => "binary",
            Skip::Symlink => "a symbolic link (not followed)",
            Skip::NotRegular => "not a regular file (FIFO, socket or device)",
        }
    }
}

/// A file found by [`walk`]: its path and its id, the path relative to the
/// folder walked, with `/` between components.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Where the file is.
    pub path: PathBuf,
    /// Its id: relative to the folder given (the file name for a file).
    pub id: String,
}

/// What [`walk`] found and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    /// The files taken, sorted by path.
    pub files: Vec<Found>,
    /// The files left out, and why.
    pub skipped: Vec<(PathBuf, Skip)>,
}

/// How [`walk`] goes through a folder.
#[derive(Debug, Clone, Copy)]
pub struct WalkOptions<'a> {
    /// File name extensions to take (`txt`, `jsonl`, …).
    pub extensions: &'a [&'a str],
    /// Into sub-folders, or the folder's own files only.
    pub recursive: bool,
    /// Leave out files whose first 8 KiB hold a NUL byte.
    pub skip_binary: bool,
    /// Take a symbolic link as the file it points to, or leave it out.
    pub follow_links: bool,
}

/// The one folder walker, as ripgrep and fd walk (the `ignore` crate): a
/// file argument is taken as it is (it must be a regular file); a folder is
/// walked in name order, leaving out hidden and `.gitignore`d files,
/// symbolic links (unless followed), FIFOs and devices, other extensions and (if asked)
/// binary files, each listed in [`Walk::skipped`]. Two files whose ids
/// would be equal (names that are not UTF-8) are an error.
pub fn walk(path: &Path, options: WalkOptions<'_>) -> Result<Walk> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_dir() {
        if !meta.is_file() {
            return Err(Error::io(
                path,
                io::Error::other(
                    "not a regular file (a FIFO, socket or device); pipe it to `-` instead",
                ),
            ));
        }
        let id = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return Ok(Walk {
            files: vec![Found {
                path: path.to_path_buf(),
                id,
            }],
            skipped: Vec::new(),
        });
    }
    let depth = (!options.recursive).then_some(1);
    let mut walk = Walk::default();
    let mut seen = std::collections::HashSet::new();
    let kept = ignore::WalkBuilder::new(path)
        .max_depth(depth)
        .follow_links(options.follow_links)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in kept {
        let entry = entry.map_err(|e| Error::io(path, io::Error::other(e.to_string())))?;
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            continue;
        }
        let p = entry.into_path();
        seen.insert(p.clone());
        let skip = if kind.is_symlink() {
            Some(Skip::Symlink)
        } else if !kind.is_file() {
            Some(Skip::NotRegular)
        } else if !p
            .extension()
            .is_some_and(|e| options.extensions.iter().any(|x| e == *x))
        {
            Some(Skip::OtherKind)
        } else if options.skip_binary && is_binary(&p)? {
            Some(Skip::Binary)
        } else {
            None
        };
        match skip {
            Some(reason) => walk.skipped.push((p, reason)),
            None => {
                let rel = p.strip_prefix(path).unwrap_or(&p);
                let id = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                walk.files.push(Found { path: p, id });
            }
        }
    }
    // What the filters left out without a word: hidden and ignored files.
    let everything = ignore::WalkBuilder::new(path)
        .max_depth(depth)
        .standard_filters(false)
        .follow_links(options.follow_links)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in everything.flatten() {
        if entry.file_type().is_some_and(|k| !k.is_dir()) && !seen.contains(entry.path()) {
            walk.skipped.push((entry.into_path(), Skip::Ignored));
        }
    }
    let mut ids = std::collections::HashMap::new();
    for f in &walk.files {
        if let Some(first) = ids.insert(f.id.as_str(), &f.path) {
            return Err(Error::Usage(format!(
                "{} and {} have the same id {:?} (a name that is not UTF-8): rename one",
                first.display(),
                f.path.display(),
                f.id
            )));
        }
    }
    Ok(walk)
}

/// True when the first 8 KiB of a file hold a NUL byte (and it is not
/// UTF-16, which is refused with its own message when read).
fn is_binary(path: &Path) -> Result<bool> {
    let mut head = [0u8; 8192];
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    let head = &head[..n];
    Ok(utf16_encoding(head).is_none() && memchr::memchr(0, head).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<(usize, std::result::Result<String, LineError>)> {
        let mut r = LineReader::from_reader("t", Box::new(io::Cursor::new(bytes.to_vec())));
        let mut all = Vec::new();
        let mut batch = Batch::default();
        while r.next_batch(&mut batch).unwrap() {
            for l in &batch.lines {
                all.push((l.line, line_text(batch.bytes(l)).map(str::to_string)));
            }
        }
        all
    }

    #[test]
    fn bom_crlf_and_blank_lines() {
        let got = lines(b"\xEF\xBB\xBFfirst\r\n\r\n   \nsecond");
        assert_eq!(
            got,
            [(1, Ok("first".to_string())), (4, Ok("second".to_string()))]
        );
    }

    #[test]
    fn a_line_of_only_byte_order_marks_is_blank_at_the_start_and_later() {
        let bom = "\u{FEFF}";
        let at_start = lines(format!("{bom}\nx\n").as_bytes());
        let later = lines(format!("x\n{bom}\n{bom}{bom} \ny\n").as_bytes());
        assert_eq!(at_start, [(2, Ok("x".to_string()))]);
        assert_eq!(later, [(1, Ok("x".to_string())), (4, Ok("y".to_string()))]);
        // A BOM inside a line with text is text, kept as it is.
        assert_eq!(
            lines(format!("x\n{bom}hoax\n").as_bytes())[1],
            (2, Ok(format!("{bom}hoax")))
        );
    }

    #[test]
    fn utf16_with_or_without_a_byte_order_mark_is_recognised() {
        let le: Vec<u8> = "{\"text\":\"hoax\"}\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "hoax\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_encoding(&le), Some("UTF-16LE (no byte-order mark)"));
        assert_eq!(utf16_encoding(&be), Some("UTF-16BE (no byte-order mark)"));
        let with_bom = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(
            utf16_encoding(&with_bom),
            Some("UTF-16LE (byte-order mark FF FE)")
        );
        for utf8 in [
            "",
            "a",
            "{\"text\":\"caf\u{e9} \u{65e5}\"}\n",
            "\u{FEFF}hoax",
        ] {
            assert_eq!(utf16_encoding(utf8.as_bytes()), None, "{utf8:?}");
        }
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_column() {
        let l = lines(b"ok\nab\xFFcd\n");
        assert_eq!(l[1], (2, Err(LineError { col: 3 })));
    }

    /// A reader whose first read is interrupted (EINTR), as a signal does.
    struct InterruptedOnce(bool, io::Cursor<Vec<u8>>);

    impl Read for InterruptedOnce {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if !self.0 {
                self.0 = true;
                return Err(io::ErrorKind::Interrupted.into());
            }
            self.1.read(buf)
        }
    }

    #[test]
    fn an_interrupted_read_is_retried() {
        let inner = InterruptedOnce(false, io::Cursor::new(b"one\ntwo\n".to_vec()));
        let mut r = LineReader::from_reader("t", Box::new(io::BufReader::new(inner)));
        let mut batch = Batch::default();
        assert!(r.next_batch(&mut batch).unwrap());
        assert_eq!(batch.lines.len(), 2);
    }

    #[test]
    fn a_line_over_the_limit_is_an_error_naming_its_line() {
        let mut input = b"short\n".to_vec();
        input.resize(input.len() + MAX_LINE_BYTES + 1, b'x');
        let mut r = LineReader::from_reader("t", Box::new(io::Cursor::new(input)));
        let mut batch = Batch::default();
        let e = loop {
            match r.next_batch(&mut batch) {
                Ok(true) => continue,
                Ok(false) => panic!("no error"),
                Err(e) => break e.to_string(),
            }
        };
        assert_eq!(
            e,
            "t:2:1: a line longer than 64 MiB; lines are read up to that size"
        );
    }

    #[test]
    fn empty_input_has_no_lines() {
        assert!(lines(b"").is_empty());
    }

    #[test]
    fn lines_longer_than_a_batch_and_many_batches() {
        let long = "x".repeat(3 * BATCH_BYTES);
        let mut input = String::new();
        for i in 0..200_000 {
            input.push_str(&format!("{i}\n"));
        }
        input.push_str(&long);
        input.push('\n');
        input.push_str("last");
        let got = lines(input.as_bytes());
        assert_eq!(got.len(), 200_002);
        assert_eq!(got[199_999], (200_000, Ok("199999".to_string())));
        assert_eq!(got[200_000].1.as_ref().unwrap().len(), 3 * BATCH_BYTES);
        assert_eq!(got[200_001], (200_002, Ok("last".to_string())));
    }
}
