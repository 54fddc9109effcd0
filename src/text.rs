//! Building and splitting text without `core::fmt` and without `str`'s pattern searchers.
//!
//! Messages and URLs are built from pieces: the formatting machinery (`format!`, `{:?}`,
//! `u64::to_string`) would bring its code into the wasm module for a few numbers. The signer
//! (`xmute-oauth1`) keeps its own copies of the byte splits, private to it.

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

/// `text` split at the first `byte`, which must be ASCII, without it: `str::split_once` for an
/// ASCII delimiter, by a plain byte scan. `str`'s own searchers (`memchr`, the two-way string
/// searcher) are more code, made for long haystacks; the strings here are short.
pub fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    // An ASCII byte is a whole character, so both sides are on character boundaries.
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The pieces of `text` between occurrences of `byte` (ASCII): `str::split` by a byte scan.
pub fn split_byte(text: &str, byte: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let piece = rest?;
        match split_once_byte(piece, byte) {
            Some((before, after)) => {
                rest = Some(after);
                Some(before)
            }
            None => rest.take(),
        }
    })
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
    fn byte_splits_match_the_standard_ones() {
        for text in ["", "a", "&", "a&b", "&a&&b&", "é&ü=ö&", "x=1&y=2=3"] {
            for byte in [b'&', b'='] {
                let delimiter = char::from(byte);
                assert_eq!(
                    split_once_byte(text, byte),
                    text.split_once(delimiter),
                    "{text:?}"
                );
                assert_eq!(
                    split_byte(text, byte).collect::<Vec<_>>(),
                    text.split(delimiter).collect::<Vec<_>>(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn quoting_truncates_long_values() {
        assert_eq!(quoted("abc"), "\"abc\"");
        assert_eq!(quoted(&"x".repeat(50)), format!("\"{}…\"", "x".repeat(40)));
    }
}
