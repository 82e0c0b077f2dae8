//! Helpers shared by the command-line example, the benchmarks and the
//! cross-surface tests.
