//! What only a process on a terminal cares about: exit codes, writing to
//! stdout and stderr, progress bars, and clap's own output.

use std::io::{IsTerminal, Write};

use stance::{Delivery, Error, Source, flush_output, write_output};

/// Everything worked and every gate passed.
pub const SUCCESS: i32 = 0;
/// A quality gate was missed, a rule example failed, or a data record is bad.
pub const FAILURE: i32 = 1;
/// The command line or a rules file is wrong, or the system failed us.
pub const USAGE: i32 = 2;

/// How much to say on stderr besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet,
    /// Errors and notes.
    Normal,
    /// Also which project file, rules and gold are used (`-v`).
    Verbose,
}

static VERBOSITY: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);

/// Sets the verbosity for the rest of the run (from `-q` / `-v`).
pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, std::sync::atomic::Ordering::Relaxed);
}

fn verbosity() -> Verbosity {
    match VERBOSITY.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// Writes a line on stderr with `-v` only.
pub fn detail(message: &str) {
    if verbosity() == Verbosity::Verbose {
        let _ = writeln!(anstream::stderr(), "{message}");
    }
}

/// Writes `error: <message>` on stderr.
pub fn error(message: &str) {
    let _ = writeln!(anstream::stderr(), "error: {message}");
}

/// Writes an error on stderr as a diagnostic: `error: …`, and for a rules,
/// gold or data error its file, line and column with the line itself, the
/// offending part underlined, and any "did you mean" (see
/// [`stance::render_error`]). Colours follow `--color`.
pub fn diagnostic(e: &stance::Error) {
    let text = stance::render_error(e, stance::ErrorStyle::Color);
    let _ = anstream::stderr().write_all(text.as_bytes());
}

/// Writes a line on stderr, for people watching (not with `-q`).
pub fn note(message: &str) {
    if verbosity() != Verbosity::Quiet {
        let _ = writeln!(anstream::stderr(), "{message}");
    }
}

/// Writes a whole rendered text to stdout. A reader that went away is not an
/// error; a failed write is.
pub fn emit(text: &str) -> Result<Delivery, Error> {
    let mut out = anstream::stdout().lock();
    if write_output(&mut out, text.as_bytes())? == Delivery::Closed {
        return Ok(Delivery::Closed);
    }
    flush_output(&mut out)
}

/// The exit code for a run whose report has been printed: 1, with the
/// missed gates on stderr, when any gate was missed.
pub fn gate_exit(missed: &[String]) -> i32 {
    if missed.is_empty() {
        return SUCCESS;
    }
    error(&format!("quality gate missed: {}", missed.join(", ")));
    FAILURE
}

/// Prints clap's help, version or usage error and returns the exit code:
/// 0 for help and version, 2 for a usage error, and 2 when the help could
/// not be written (`--help > /dev/full`).
pub fn clap_exit(e: &clap::Error) -> i32 {
    if !e.use_stderr() {
        let text = e.render().ansi().to_string();
        return match emit(&text) {
            Ok(_) => SUCCESS,
            Err(err) => {
                error(&err.to_string());
                USAGE
            }
        };
    }
    let _ = write!(anstream::stderr(), "{}", e.render().ansi());
    USAGE
}

/// True when the process started with stdout closed (`stance … >&-`). The
/// Rust runtime then opens `/dev/null` read-write in its place, so output
/// would vanish with exit 0; a shell's `> /dev/null` opens it write-only.
#[cfg(unix)]
pub fn stdout_was_closed() -> bool {
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::fs::MetadataExt;
    let fd = std::io::stdout().as_raw_fd();
    // SAFETY: F_GETFL reads the flags of an open descriptor and changes nothing.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return true;
    }
    if flags & libc::O_ACCMODE != libc::O_RDWR {
        return false;
    }
    // SAFETY: the descriptor is open (checked above); ManuallyDrop keeps it open.
    let file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
    match (file.metadata(), std::fs::metadata("/dev/null")) {
        (Ok(out), Ok(null)) => out.dev() == null.dev() && out.ino() == null.ino(),
        _ => false,
    }
}

/// Elsewhere stdout cannot be told apart from a sink.
#[cfg(not(unix))]
pub fn stdout_was_closed() -> bool {
    false
}

/// True when stdout is a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Inputs smaller than this in all get no progress bar: they take a second
/// or two.
const PROGRESS_FROM: u64 = 64 << 20;

/// A progress bar on stderr for long runs: only when stderr is a terminal
/// and the input is files of 64 MB or more in all.
pub fn progress_bar(inputs: &[Source]) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || verbosity() == Verbosity::Quiet {
        return None;
    }
    let total: u64 = inputs
        .iter()
        .map(|s| match s {
            Source::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Source::Stdin => 0,
        })
        .sum();
    (total >= PROGRESS_FROM).then(|| bytes_bar(total))
}

fn bytes_bar(total: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The progress bar of `stance extract`: the articles' total is known only
/// once the folders are walked, so the bar appears then, when stderr is a
/// terminal and the articles come to 64 MB or more.
#[derive(Default)]
pub struct ExtractBar {
    bar: std::cell::OnceCell<indicatif::ProgressBar>,
}

impl ExtractBar {
    /// A bar, or `None` when nobody could see it (stderr not a terminal, `-q`).
    pub fn for_terminal() -> Option<ExtractBar> {
        (std::io::stderr().is_terminal() && verbosity() != Verbosity::Quiet)
            .then(ExtractBar::default)
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

impl stance::ExtractProgress for ExtractBar {
    fn found(&self, bytes: u64) {
        if bytes >= PROGRESS_FROM {
            let _ = self.bar.set(bytes_bar(bytes));
        }
    }

    fn written(&self, bytes: u64) {
        if let Some(b) = self.bar.get() {
            b.inc(bytes);
        }
    }
}
