//! Helpers shared by the integration tests.

pub mod calendar;
#[allow(dead_code)]
pub mod variations;
