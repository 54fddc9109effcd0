//! Building text without `core::fmt`.
//!
//! The formatting machinery (`format!`, `{:?}`, `u64::to_string`) costs kilobytes in the wasm
//! module; messages and URLs are built from pieces instead.

use crate::prelude::*;
/// The decimal digits of `n`, written at the end of `buf`.
pub fn u64_digits(buf: &mut [u8; 20], n: u64) -> &str {
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    core::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or_default()
}

/// Appends the decimal digits of `n`.
pub fn push_u64(out: &mut String, n: u64) {
    out.push_str(u64_digits(&mut [0; 20], n));
}

/// The decimal digits of `n`.
pub fn u64_string(n: u64) -> String {
    let mut out = String::with_capacity(20);
    push_u64(&mut out, n);
    out
}

/// `"value"`: a user-supplied value quoted for a message (truncated to keep messages short).
pub fn quoted(value: &str) -> String {
    const LIMIT: usize = 40;
    let mut out = String::with_capacity(value.len().min(LIMIT) + 5);
    out.push('"');
    match value.char_indices().nth(LIMIT) {
        Some((end, _)) => {
            out.push_str(value.get(..end).unwrap_or(value));
            out.push('…');
        }
        None => out.push_str(value),
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_match_the_standard_formatting() {
        for n in [0, 1, 9, 10, 99, 1_318_622_958, u64::MAX] {
            assert_eq!(u64_string(n), n.to_string());
        }
    }

    #[test]
    fn quoting_truncates_long_values() {
        assert_eq!(quoted("abc"), "\"abc\"");
        assert_eq!(quoted(&"x".repeat(50)), format!("\"{}…\"", "x".repeat(40)));
    }
}
