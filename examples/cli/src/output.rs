//! Standard output, buffered, and the program's messages on standard error.
//!
//! Output goes through one buffer: a report of a million lines is a few large
//! writes rather than a million small ones. A closed pipe (`spf ... | head`)
//! ends the program quietly with the status a shell gives for SIGPIPE, where
//! `println!` would panic.

use std::io::{self, BufWriter, StdoutLock, Write};

use crate::Failure;

/// The status a shell reports for a program ended by SIGPIPE.
const BROKEN_PIPE_STATUS: i32 = 141;

/// Buffered standard output.
pub struct Output {
    out: BufWriter<StdoutLock<'static>>,
}

impl Output {
    /// Standard output, locked for the life of the program.
    pub fn stdout() -> Self {
        Self {
            out: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        }
    }

    /// Writes text.
    pub fn print(&mut self, text: &str) -> Result<(), Failure> {
        let written = self.out.write_all(text.as_bytes());
        checked(written)
    }

    /// Writes formatted text (see the `out!` and `outln!` macros).
    pub fn print_fmt(&mut self, args: std::fmt::Arguments<'_>) -> Result<(), Failure> {
        let written = self.out.write_fmt(args);
        checked(written)
    }

    /// Sends everything written so far.
    pub fn flush(&mut self) -> Result<(), Failure> {
        let flushed = self.out.flush();
        checked(flushed)
    }

    /// A line on standard error, after what standard output has so far, so
    /// that a terminal shows both in order.
    pub fn error_line(&mut self, line: &str) {
        let _ = self.out.flush();
        eprintln!("{line}");
    }
}

/// `Output` as an `io::Write`, for writers such as the CSV writer. A closed
/// pipe ends the program as it does for [`Output::print`].
impl Write for Output {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes);
        if matches!(&written, Err(e) if e.kind() == io::ErrorKind::BrokenPipe) {
            std::process::exit(BROKEN_PIPE_STATUS);
        }
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        let flushed = self.out.flush();
        if matches!(&flushed, Err(e) if e.kind() == io::ErrorKind::BrokenPipe) {
            std::process::exit(BROKEN_PIPE_STATUS);
        }
        flushed
    }
}

fn checked(result: io::Result<()>) -> Result<(), Failure> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(BROKEN_PIPE_STATUS),
        Err(e) => Err(Failure(format!("cannot write to standard output: {e}"))),
    }
}

/// `print!` to an [`Output`], returning early on a write error.
macro_rules! out {
    ($output:expr, $($arg:tt)*) => {
        $output.print_fmt(format_args!($($arg)*))?
    };
}

/// `println!` to an [`Output`], returning early on a write error.
macro_rules! outln {
    ($output:expr) => {
        $output.print("\n")?
    };
    ($output:expr, $($arg:tt)*) => {
        $output.print_fmt(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

pub(crate) use {out, outln};
