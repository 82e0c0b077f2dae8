//! The wire format's codec: all JSON reading (parsing, reading a request's
//! items one by one, classifying failures into stable codes, JSON pointers) and
//! writing (compact, pretty, and the direct writer's primitives).
//!
//! A leaf: it knows JSON and [`SpfError`](crate::SpfError), nothing of the
//! policy or the domains, so every layer above can read and write through it.

mod pointer;
mod problems;
pub(crate) mod read;
pub(crate) mod shape;
mod strict;
mod suggest;
pub(crate) mod write;

use crate::error::{ErrorCode, SpfError};

pub(crate) use pointer::Pointer;
pub use read::parse;
pub(crate) use read::{
    parse_each, parse_once, parse_raw_items, parse_rereading, parse_shape, parse_untracked, reject,
};
pub(crate) use suggest::nearest;
pub(crate) use write::{to_compact, to_pretty};

/// The wire schema version this library reads and writes. Documents and
/// requests may carry it as `schemaVersion`; answers always do.
pub const SCHEMA_VERSION: u32 = 1;

/// The one check of a document's `schemaVersion`: absent, or the version this
/// library reads.
pub(crate) fn check_schema_version(version: Option<u32>) -> Result<(), SpfError> {
    match version {
        Some(v) if v != SCHEMA_VERSION => Err(SpfError::new(
            ErrorCode::UnsupportedSchemaVersion,
            format!(
                "schema version {v} is not supported; this library reads version {SCHEMA_VERSION}"
            ),
            "/schemaVersion",
        )),
        _ => Ok(()),
    }
}
