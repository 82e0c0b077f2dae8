//! The README's Rust examples, compiled and run as this crate's doctests
//! (`cargo test -p spf-cli --doc`), so the front page cannot drift from the
//! library. The command line itself is the `spf` binary (`src/main.rs`); this
//! library holds nothing else.

// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
