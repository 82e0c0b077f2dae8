//! Writing JSON: compact and pretty documents through serde, and the direct
//! writer's primitives for the hottest answers (the breach assessment), which
//! write exactly the bytes `serde_json` writes without its per-field machinery.

use std::fmt::Write as _;

use serde::Serialize;

use crate::error::{ErrorCode, SpfError};

/// Compact JSON, or an internal error (serialising the library's own types cannot
/// fail, but the function stays total).
pub(crate) fn to_compact<T: Serialize>(value: &T) -> Result<String, SpfError> {
    let mut buffer = Vec::with_capacity(1024);
    serde_json::to_writer(&mut buffer, value).map_err(|e| {
        SpfError::new(
            ErrorCode::Internal,
            format!("answer could not be serialised: {e}"),
            "",
        )
    })?;
    String::from_utf8(buffer)
        .map_err(|_| SpfError::new(ErrorCode::Internal, "answer is not valid UTF-8", ""))
}

/// Pretty-printed JSON (policy documents, for people to edit).
pub(crate) fn to_pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| {
        SpfError::new(
            ErrorCode::Internal,
            format!("document could not be serialised: {e}"),
            "",
        )
        .to_json()
    })
}

/// Appends `,"key":"name"` for a name from a fixed set (no escaping needed).
pub(crate) fn push_field(out: &mut String, key: &str, name: &str) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":\"");
    out.push_str(name);
    out.push('"');
}

pub(crate) fn push_bool(out: &mut String, value: bool) {
    out.push_str(if value { "true" } else { "false" });
}

pub(crate) fn push_u32(out: &mut String, value: u32) {
    if value < 10 {
        // Scores, counts and versions are nearly always one digit.
        out.push(char::from(b'0' + value as u8));
    } else {
        // Writing to a String cannot fail.
        let _ = write!(out, "{value}");
    }
}

pub(crate) fn needs_escape(text: &str) -> bool {
    let special = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    // Whole blocks without early exit, so the compiler can compare 16 bytes at
    // once; most text (citations above all) has nothing to escape.
    let mut blocks = text.as_bytes().chunks_exact(16);
    for block in &mut blocks {
        if block.iter().fold(false, |hit, &b| hit | special(b)) {
            return true;
        }
    }
    blocks.remainder().iter().any(|&b| special(b))
}

/// A JSON string literal, escaped exactly as serde_json escapes.
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.push('"');
    if needs_escape(text) {
        push_escaped(out, text);
    } else {
        out.push_str(text);
    }
    out.push('"');
}

fn push_escaped(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let byte = u32::from(c);
                out.push_str("\\u00");
                for nibble in [byte >> 4, byte & 0xf] {
                    let digit = HEX.get(nibble as usize).copied().unwrap_or(b'0');
                    out.push(char::from(digit));
                }
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_serde_json() {
        let samples = [
            "plain",
            "quote \" and backslash \\",
            "controls \u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f}",
            "unicode é ☃ 𝄞 \u{2028}",
            "",
        ];
        for sample in samples {
            let mut ours = String::new();
            push_string(&mut ours, sample);
            assert_eq!(ours, serde_json::to_string(sample).unwrap(), "{sample:?}");
        }
    }

    #[test]
    fn numbers_match() {
        for n in [0, 7, 10, 255, 4_294_967_295] {
            let mut ours = String::new();
            push_u32(&mut ours, n);
            assert_eq!(ours, n.to_string());
        }
    }
}
