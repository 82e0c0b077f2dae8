//! The table of JSON operations as C sees it: names as static C strings, and
//! the entry point for a name.

use std::ffi::c_char;

use spf_core::ErrorCode;
use spf_core::operations::{EntryPoint, OPERATIONS, operation};

use crate::boundary::{Failure, SpfStatus};

/// The name of operation `index` as a static C string, or NULL.
pub(crate) fn name(index: usize) -> *const c_char {
    crate::OPERATION_NAMES
        .get(index)
        .map_or(std::ptr::null(), |name| name.as_ptr())
}

/// The entry point of the operation called `name`.
pub(crate) fn find(name: &str) -> Result<EntryPoint, Failure> {
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn the_c_names_are_the_table_in_order() {
        let names: Vec<&str> = crate::OPERATION_NAMES
            .iter()
            .map(|name| name.to_str().unwrap())
            .collect();
        let table: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
        assert_eq!(
            names, table,
            "OPERATION_NAMES in ffi/src/lib.rs must list spf_core::operations::OPERATIONS in order"
        );
        assert!(name(OPERATIONS.len()).is_null());
        assert!(find("nope").is_err());
    }
}
