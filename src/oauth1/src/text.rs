//! Splitting and writing ASCII text by bytes, without `core::fmt` and without `str`'s pattern
//! searchers: both bring in much more code than these loops, and the strings here are short.

/// The decimal digits of `n`, written at the end of `buf`.
pub(crate) fn u64_digits(buf: &mut [u8; 20], n: u64) -> &str {
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

/// `text` split at the first `byte`, which must be ASCII, without it: `str::split_once` for an
/// ASCII delimiter.
pub(crate) fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    // An ASCII byte is a whole character, so both sides are on character boundaries.
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` split at the last `byte` (ASCII), without it: `str::rsplit_once` by a byte scan.
pub(crate) fn rsplit_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// The pieces of `text` between occurrences of `byte` (ASCII): `str::split` by a byte scan.
pub(crate) fn split_byte(text: &str, byte: u8) -> impl Iterator<Item = &str> {
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
    use crate::prelude::*;

    #[test]
    fn integers_match_the_standard_formatting() {
        for n in [0, 1, 9, 10, 99, 1_318_622_958, u64::MAX] {
            assert_eq!(u64_digits(&mut [0; 20], n), n.to_string());
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
                    rsplit_once_byte(text, byte),
                    text.rsplit_once(delimiter),
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
}
