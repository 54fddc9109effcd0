//! Percent-encoding ([RFC 5849 section 3.6]) and `application/x-www-form-urlencoded` decoding
//! ([RFC 5849 section 3.4.1.3.1], which defers to [W3C HTML 4.0 section 17.13.4]).
//!
//! [RFC 5849 section 3.6]: https://www.rfc-editor.org/rfc/rfc5849#section-3.6
//! [RFC 5849 section 3.4.1.3.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.1
//! [W3C HTML 4.0 section 17.13.4]: https://www.w3.org/TR/1998/REC-html40-19980424/interact/forms.html#h-17.13.4.1

use crate::prelude::*;
use crate::text::{split_byte, split_once_byte};

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `byte` is in RFC 3986's unreserved set (`ALPHA / DIGIT / "-" / "." / "_" / "~"`),
/// the only bytes [RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6)
/// leaves unencoded.
#[inline]
pub const fn is_unreserved(byte: u8) -> bool {
    matches!(byte, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~')
}

/// Appends the percent-encoding of `bytes` to the ASCII buffer `out`
/// ([RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6)): unreserved
/// bytes are copied, every other byte becomes `%XX` with uppercase hexadecimal digits.
///
/// The signer builds its strings as bytes: runs of unreserved bytes are copied at once, where a
/// `String` would take `char`s one at a time, each encoded as UTF-8 on the way in.
pub fn percent_encode_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    encode_runs::<false>(out, bytes);
}

/// Appends the percent-encoding of the percent-encoding of `bytes`: unreserved bytes are
/// copied, every other byte becomes `%25XX`. What a parameter becomes in the signature base
/// string, which encodes the normalized parameters once more
/// ([RFC 5849 section 3.4.1.1](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1)), in one
/// pass instead of two.
pub(crate) fn percent_encode_twice(out: &mut Vec<u8>, bytes: &[u8]) {
    encode_runs::<true>(out, bytes);
}

/// [`percent_encode_bytes`], or with `TWICE` [`percent_encode_twice`].
#[inline(always)]
fn encode_runs<const TWICE: bool>(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() * if TWICE { 5 } else { 3 });
    // Copy runs of unreserved bytes at once, escape the bytes between them: a call per run
    // rather than per byte.
    let mut rest = bytes;
    while !rest.is_empty() {
        let run = rest
            .iter()
            .position(|&b| !UNRESERVED[usize::from(b)])
            .unwrap_or(rest.len());
        let (unreserved, tail) = rest.split_at_checked(run).unwrap_or((rest, &[]));
        out.extend_from_slice(unreserved);
        match tail.split_first() {
            Some((&byte, after)) => {
                let (high, low) = (
                    HEX_UPPER[usize::from(byte >> 4)],
                    HEX_UPPER[usize::from(byte & 0x0F)],
                );
                if TWICE {
                    out.extend_from_slice(&[b'%', b'2', b'5', high, low]);
                } else {
                    out.extend_from_slice(&[b'%', high, low]);
                }
                rest = after;
            }
            None => break,
        }
    }
}

/// Writes the encoding of `byte` (twice encoded with `TWICE`) at `chunk[at..]`; returns how many
/// bytes it took (1, or 3 or 5).
#[inline(always)]
fn encode_into_chunk<const TWICE: bool>(chunk: &mut [u8; 192], at: usize, byte: u8) -> usize {
    let escaped = if TWICE { 5 } else { 3 };
    match chunk.get_mut(at..at + escaped) {
        Some(slot) if UNRESERVED[usize::from(byte)] => {
            slot[0] = byte;
            1
        }
        Some(slot) => {
            slot[0] = b'%';
            if TWICE {
                slot[1] = b'2';
                slot[2] = b'5';
            }
            slot[escaped - 2] = HEX_UPPER[usize::from(byte >> 4)];
            slot[escaped - 1] = HEX_UPPER[usize::from(byte & 0x0F)];
            escaped
        }
        None => 0,
    }
}

/// `UNRESERVED[b]`: whether byte `b` stays as it is. A table, because a call per byte to a
/// predicate is what the size-optimised build would otherwise make of it.
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_unreserved(b as u8);
        b += 1;
    }
    table
};

/// Appends the percent-encoding of `bytes` to `out`; see [`percent_encode_bytes`].
pub fn percent_encode_into(out: &mut String, bytes: &[u8]) {
    let mut encoded = Vec::with_capacity(bytes.len());
    percent_encode_bytes(&mut encoded, bytes);
    out.push_str(&ascii(encoded));
}

/// The text of a buffer that holds only ASCII (what the encoders write).
pub(crate) fn ascii(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => unreachable!("percent-encoded text is ASCII"),
    }
}

/// Appends one `application/x-www-form-urlencoded` component, decoded ([`form_decode`]) and
/// percent-encoded again ([`percent_encode_bytes`]), in one pass: the normal form of a
/// parameter name or value ([RFC 5849 section 3.4.1.3.2](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2)).
pub fn reencode_form_component(out: &mut Vec<u8>, component: &str) {
    reencode::<false>(out, component);
}

/// [`reencode_form_component`], percent-encoded once more ([`percent_encode_twice`]).
pub(crate) fn reencode_form_component_twice(out: &mut Vec<u8>, component: &str) {
    reencode::<true>(out, component);
}

#[inline(always)]
fn reencode<const TWICE: bool>(out: &mut Vec<u8>, component: &str) {
    let bytes = component.as_bytes();
    let mut chunk = [0u8; 192];
    let mut n = 0;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let decoded = match byte {
            b'+' => b' ',
            b'%' => match (
                bytes.get(i + 1).and_then(|&h| hex_value(h)),
                bytes.get(i + 2).and_then(|&l| hex_value(l)),
            ) {
                (Some(high), Some(low)) => {
                    i += 2;
                    high << 4 | low
                }
                _ => b'%',
            },
            other => other,
        };
        n += encode_into_chunk::<TWICE>(&mut chunk, n, decoded);
        if n > chunk.len() - 5 {
            out.extend_from_slice(chunk.get(..n).unwrap_or_default());
            n = 0;
        }
        i += 1;
    }
    out.extend_from_slice(chunk.get(..n).unwrap_or_default());
}

/// The percent-encoding of the UTF-8 bytes of `text`
/// ([RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6)).
///
/// ```
/// assert_eq!(xmute_oauth1::percent_encode("Ladies + Gentlemen"), "Ladies%20%2B%20Gentlemen");
/// ```
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    percent_encode_into(&mut out, text.as_bytes());
    out
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

/// Decodes one `application/x-www-form-urlencoded` component: `+` is a space and `%XX` is the
/// byte `XX`. A `%` that is not followed by two hexadecimal digits stays as it is, as browsers'
/// `URLSearchParams` does. The result is bytes: a decoded sequence need not be UTF-8, and
/// re-encoding keeps every byte.
pub fn form_decode(component: &str) -> Vec<u8> {
    let bytes = component.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let pair = bytes
                    .get(i + 1)
                    .and_then(|&h| hex_value(h))
                    .zip(bytes.get(i + 2).and_then(|&l| hex_value(l)));
                if let Some((high, low)) = pair {
                    out.push(high << 4 | low);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    out
}

/// Splits an `application/x-www-form-urlencoded` string into decoded `(name, value)` pairs.
///
/// Pairs are separated by `&`; empty pairs are skipped; a pair without `=` has an empty value;
/// every occurrence of a repeated name is kept, in order.
pub fn form_pairs(form: &str) -> impl Iterator<Item = (Vec<u8>, Vec<u8>)> + '_ {
    form_fields(form).map(|(name, value)| (form_decode(name), form_decode(value)))
}

/// The `(name, value)` pairs of an `application/x-www-form-urlencoded` string, still encoded:
/// split at `&`, empty pairs skipped, a pair without `=` with an empty value.
pub(crate) fn form_fields(form: &str) -> impl Iterator<Item = (&str, &str)> {
    split_byte(form, b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| split_once_byte(pair, b'=').unwrap_or((pair, "")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_value_is_encoded_per_section_3_6() {
        for byte in 0..=255u8 {
            let mut out = String::new();
            percent_encode_into(&mut out, &[byte]);
            let expected = if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            };
            assert_eq!(out, expected, "byte {byte:#04x}");
        }
    }

    #[test]
    fn space_is_percent_20_never_plus() {
        assert_eq!(percent_encode("a b+c"), "a%20b%2Bc");
    }

    #[test]
    fn multibyte_utf8_is_encoded_bytewise() {
        assert_eq!(percent_encode("é☃😀"), "%C3%A9%E2%98%83%F0%9F%98%80");
    }

    #[test]
    fn form_decoding_handles_plus_percent_and_malformed_escapes() {
        assert_eq!(form_decode("a+b%20c"), b"a b c");
        assert_eq!(form_decode("%e2%98%83"), "☃".as_bytes());
        assert_eq!(form_decode("100%"), b"100%");
        assert_eq!(form_decode("%zz%4"), b"%zz%4");
        assert_eq!(form_decode("%FF"), [0xFF]);
    }

    #[test]
    fn reencoding_equals_decoding_then_encoding() {
        for component in [
            "a+b%20c",
            "%e2%98%83",
            "100%",
            "%zz%4",
            "%FF",
            "!*'()~",
            "é ☃",
            "",
        ] {
            let mut once = Vec::new();
            reencode_form_component(&mut once, component);
            let mut twice = Vec::new();
            percent_encode_bytes(&mut twice, &form_decode(component));
            assert_eq!(once, twice, "{component:?}");
        }
    }

    #[test]
    fn form_pairs_keep_duplicates_and_empty_values() {
        let pairs: Vec<_> = form_pairs("a=1&&b&a=2&c=").collect();
        assert_eq!(
            pairs,
            vec![
                (b"a".to_vec(), b"1".to_vec()),
                (b"b".to_vec(), b"".to_vec()),
                (b"a".to_vec(), b"2".to_vec()),
                (b"c".to_vec(), b"".to_vec()),
            ]
        );
    }
}
