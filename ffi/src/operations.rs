//! The table of JSON operations as C sees it: names as static C strings, and
//! the entry point for a name.

use std::ffi::{CString, c_char};
use std::sync::OnceLock;

use spf_core::operations::{OPERATIONS, operation};
use spf_core::{Engine, ErrorCode, SpfError};

use crate::boundary::{Failure, SpfStatus};

/// The name of operation `index` as a static C string, or NULL.
pub(crate) fn name(index: usize) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        OPERATIONS
            .iter()
            // Operation names are ASCII identifiers: they hold no NUL byte.
            .map(|op| CString::new(op.name).unwrap_or_else(|_| CString::from(c"?")))
            .collect()
    });
    names
        .get(index)
        .map_or(std::ptr::null(), |name| name.as_ptr())
}

/// The entry point of the operation called `name`.
pub(crate) fn find(name: &str) -> Result<fn(&Engine, &str) -> Result<String, SpfError>, Failure> {
    operation(name).map(|op| op.entry()).ok_or_else(|| {
        let names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
        Failure::new(
            SpfStatus::InvalidInput,
            ErrorCode::UnknownValue,
            format!(
                "unknown operation `{name}`, expected one of `{}`",
                names.join("`, `")
            ),
            "",
        )
    })
}
