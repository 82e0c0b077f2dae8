//! A progress bar on standard error for large inputs.
//!
//! Shown only when standard error is a terminal and the input is large (more
//! than [`LARGE_LINES`] lines or [`LARGE_BYTES`] bytes): a person waiting on a
//! big register sees it move; a pipe, a log file or a test never gets it. The
//! bar starts hidden and appears once the input proves large, so the size of
//! standard input need not be known in advance.

use std::io::IsTerminal as _;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// More lines than this make an input large.
pub const LARGE_LINES: u64 = 10_000;
/// More bytes than this (5 MB) make an input large.
pub const LARGE_BYTES: u64 = 5_000_000;
/// How often, in lines, the line count in the message is brought up to date
/// (formatting it for every line would cost more than the bar is worth).
const MESSAGE_EVERY_LINES: u64 = 4_096;

/// Progress through an input, in bytes, with a count of lines.
pub struct Progress {
    bar: ProgressBar,
    /// Standard error is a terminal: the bar may be shown.
    on_terminal: bool,
    shown: bool,
    lines: u64,
    bytes: u64,
    what: &'static str,
}

impl Progress {
    /// Progress through an input of `total` bytes (`None` when unknown, as for
    /// standard input); `what` names the lines (`reports`, `records`).
    pub fn new(total: Option<u64>, what: &'static str) -> Self {
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        let style = match total {
            Some(_) => ProgressStyle::with_template(
                "{spinner} {msg} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            ),
            None => ProgressStyle::with_template("{spinner} {msg} {bytes} {bytes_per_sec}"),
        };
        if let Ok(style) = style {
            bar.set_style(style.progress_chars("=> "));
        }
        let mut progress = Self {
            bar,
            on_terminal: std::io::stderr().is_terminal(),
            shown: false,
            lines: 0,
            bytes: 0,
            what,
        };
        progress.show_if_large(total.unwrap_or(0));
        progress
    }

    /// Moves the bar on by `bytes` bytes making `lines` lines.
    pub fn advance(&mut self, bytes: u64, lines: u64) {
        self.bytes += bytes;
        let before = self.lines;
        self.lines += lines;
        self.bar.inc(bytes);
        if !self.shown {
            self.show_if_large(self.bytes);
        }
        if self.shown && before / MESSAGE_EVERY_LINES != self.lines / MESSAGE_EVERY_LINES {
            self.bar.set_message(self.message());
        }
    }

    /// Says what is happening now that the input is read (the bar stays until
    /// [`Progress::finish`]).
    pub fn set_stage(&self, stage: &'static str) {
        self.bar.set_message(format!("{}; {stage}", self.message()));
    }

    /// Runs `f` (which writes to standard error) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// Whether the bar is on the screen.
    #[cfg(test)]
    pub fn is_shown(&self) -> bool {
        self.shown
    }

    fn show_if_large(&mut self, bytes: u64) {
        let large = bytes > LARGE_BYTES || self.lines > LARGE_LINES;
        if large && self.on_terminal {
            self.shown = true;
            self.bar.set_message(self.message());
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    fn message(&self) -> String {
        format!("{} {}", self.lines, self.what)
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_never_shown_off_a_terminal() {
        let mut progress = Progress::new(None, "lines");
        progress.on_terminal = false;
        progress.advance(LARGE_BYTES * 2, LARGE_LINES * 2);
        assert!(!progress.is_shown());
    }

    #[test]
    fn a_bar_appears_once_the_input_proves_large() {
        let mut progress = Progress::new(None, "lines");
        progress.on_terminal = true;
        progress.advance(100, LARGE_LINES);
        assert!(!progress.is_shown(), "not yet large");
        progress.advance(100, 1);
        assert!(progress.is_shown());
        progress.bar.set_draw_target(ProgressDrawTarget::hidden());
    }
}
