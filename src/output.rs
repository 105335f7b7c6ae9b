//! The one place that decides what a failed write means. A reader that went
//! away (`stance … | head`, a broken pipe) ends the output quietly: it is
//! not an error. Any other failure (a full disk, a closed stdout) is an
//! error, so that no run exits 0 after losing output.

use std::io::{ErrorKind, Write};

use crate::error::{Error, Result};

/// The name used for standard output in messages.
pub const STDOUT_NAME: &str = "<stdout>";

/// Whether output still reaches its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Everything so far was written.
    Open,
    /// The reader went away; nothing more needs writing.
    Closed,
}

/// Writes `bytes` to `out`. A broken pipe is [`Delivery::Closed`]; any other
/// failure is an error naming `<stdout>`.
pub fn write_output(out: &mut (impl Write + ?Sized), bytes: &[u8]) -> Result<Delivery> {
    settle(out.write_all(bytes))
}

/// Flushes `out`, with the same policy as [`write_output`].
pub fn flush_output(out: &mut (impl Write + ?Sized)) -> Result<Delivery> {
    settle(out.flush())
}

fn settle(r: std::io::Result<()>) -> Result<Delivery> {
    match r {
        Ok(()) => Ok(Delivery::Open),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(Delivery::Closed),
        Err(e) => Err(Error::io(STDOUT_NAME, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Failing(ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(self.0.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Err(self.0.into())
        }
    }

    #[test]
    fn a_broken_pipe_closes_output_and_other_failures_are_errors() {
        let mut v = Vec::new();
        assert_eq!(write_output(&mut v, b"x").unwrap(), Delivery::Open);
        let mut gone = Failing(ErrorKind::BrokenPipe);
        assert_eq!(write_output(&mut gone, b"x").unwrap(), Delivery::Closed);
        assert_eq!(flush_output(&mut gone).unwrap(), Delivery::Closed);
        let mut full = Failing(ErrorKind::StorageFull);
        let e = write_output(&mut full, b"x").unwrap_err().to_string();
        assert!(e.starts_with("<stdout>: "), "{e}");
    }
}
