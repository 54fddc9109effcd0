//! Request parameters: collecting them ([RFC 5849 section 3.4.1.3.1]) and normalising them
//! ([RFC 5849 section 3.4.1.3.2]).
//!
//! [RFC 5849 section 3.4.1.3.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.1
//! [RFC 5849 section 3.4.1.3.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2

use super::encode::{ascii, form_fields, percent_encode_twice, reencode_form_component_twice};
use super::header::Value;
use crate::prelude::*;

/// The signed parameters of one request.
///
/// All parameters live in one buffer, each as `name%3Dvalue` with name and value percent-encoded
/// twice ([RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6), then again
/// for the signature base string, [section 3.4.1.1]): the base string is then the pairs copied
/// with `%26` between them, no second encoding pass. Encoding once more keeps the order of
/// encoded names and values (every byte it changes, `%`, becomes `%25`, which starts with `%`),
/// so sorting the twice-encoded bytes sorts the normalized parameters.
///
/// [section 3.4.1.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parameters {
    /// Every parameter as `name%3Dvalue`, twice encoded, one after the other.
    text: Vec<u8>,
    /// Per parameter: where it starts in `text`, where its `%3D` is, and where it ends.
    pairs: Vec<(usize, usize, usize)>,
}

/// `=` percent-encoded: the separator of name and value in the base string.
pub(crate) const EQUALS: &[u8] = b"%3D";
/// `&` percent-encoded: the separator of parameters in the base string.
pub(crate) const AMPERSAND: &[u8] = b"%26";

impl Parameters {
    /// An empty set with room for `capacity` parameters.
    pub fn with_capacity(capacity: usize) -> Self {
        Parameters {
            text: Vec::with_capacity(capacity * 32),
            pairs: Vec::with_capacity(capacity),
        }
    }

    /// Adds one parameter given as raw (decoded) bytes.
    pub fn push(&mut self, name: &[u8], value: &[u8]) {
        self.push_with(
            |text| percent_encode_twice(text, name),
            |text| percent_encode_twice(text, value),
        );
    }

    /// Adds one protocol parameter: its name has unreserved characters only, so encoding leaves
    /// it as it is.
    pub(crate) fn push_protocol(&mut self, name: &str, value: Value<'_>) {
        debug_assert!(name.bytes().all(super::is_unreserved));
        self.push_with(
            |text| text.extend_from_slice(name.as_bytes()),
            |text| value.write_twice(text),
        );
    }

    /// Adds the parameter that `name` and `value` append, each twice encoded.
    fn push_with(&mut self, name: impl FnOnce(&mut Vec<u8>), value: impl FnOnce(&mut Vec<u8>)) {
        let start = self.text.len();
        name(&mut self.text);
        let eq = self.text.len();
        self.text.extend_from_slice(EQUALS);
        value(&mut self.text);
        self.pairs.push((start, eq, self.text.len()));
    }

    /// Adds every pair of an `application/x-www-form-urlencoded` string (a URL's query or a
    /// form body), decoded and re-encoded, except `oauth_signature`, which is never signed.
    /// Pairs are separated by `&`; empty pairs are skipped; a pair without `=` has an empty
    /// value; every occurrence of a repeated name is kept.
    pub fn extend_from_form(&mut self, form: &str) {
        for (name, value) in form_fields(form) {
            let start = self.text.len();
            reencode_form_component_twice(&mut self.text, name);
            // Unreserved bytes only, so the same once or twice encoded.
            if self.text.get(start..) == Some(b"oauth_signature".as_slice()) {
                self.text.truncate(start);
                continue;
            }
            let eq = self.text.len();
            self.text.extend_from_slice(EQUALS);
            reencode_form_component_twice(&mut self.text, value);
            self.pairs.push((start, eq, self.text.len()));
        }
    }

    /// The number of parameters.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// A parameter's (name, value), twice encoded.
    fn name_value(&self, (start, eq, end): (usize, usize, usize)) -> (&[u8], &[u8]) {
        (
            self.text.get(start..eq).unwrap_or_default(),
            self.text.get(eq + EQUALS.len()..end).unwrap_or_default(),
        )
    }

    /// Sorts by encoded name, then by encoded value, in ascending byte order
    /// ([RFC 5849 section 3.4.1.3.2](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2)).
    /// Insertion sort: a request has a handful of parameters, and this is much less code than
    /// the standard library's sort.
    fn sort(&mut self) {
        for i in 1..self.pairs.len() {
            let mut j = i;
            while j > 0 && self.name_value(self.pairs[j - 1]) > self.name_value(self.pairs[j]) {
                self.pairs.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    /// The parameters' names, twice encoded, in the order they were added.
    pub(crate) fn names(&self) -> impl Iterator<Item = &[u8]> {
        self.pairs
            .iter()
            .map(|&(start, eq, _)| self.text.get(start..eq).unwrap_or_default())
    }

    /// Sorts, then yields each parameter as its name and its whole `name%3Dvalue`, twice
    /// encoded, in order.
    pub(crate) fn sorted_pairs(&mut self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.sort();
        self.pairs.iter().map(|&(start, eq, end)| {
            (
                self.text.get(start..eq).unwrap_or_default(),
                self.text.get(start..end).unwrap_or_default(),
            )
        })
    }

    /// Appends the normalized request parameters ([RFC 5849 section 3.4.1.3.2]): sorted, each
    /// `name=value`, joined with `&`.
    ///
    /// [RFC 5849 section 3.4.1.3.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2
    pub fn write_normalized(&mut self, out: &mut Vec<u8>) {
        let mut twice = Vec::with_capacity(self.text.len() + 3 * self.pairs.len());
        self.write_normalized_encoded(&mut twice);
        // Decode the outer encoding: only `%25`, `%3D` and `%26` are there to undo.
        let mut rest = twice.as_slice();
        while let Some((&byte, after)) = rest.split_first() {
            match (byte, after) {
                (b'%', [b'2', b'5', more @ ..]) => (out.push(b'%'), rest = more),
                (b'%', [b'3', b'D', more @ ..]) => (out.push(b'='), rest = more),
                (b'%', [b'2', b'6', more @ ..]) => (out.push(b'&'), rest = more),
                _ => (out.push(byte), rest = after),
            };
        }
    }

    /// Appends the normalized request parameters percent-encoded once more, as they appear in
    /// the signature base string ([RFC 5849 section 3.4.1.1](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1)):
    /// the pairs, sorted, joined with `%26`.
    pub fn write_normalized_encoded(&mut self, out: &mut Vec<u8>) {
        self.sort();
        out.reserve(self.text.len() + AMPERSAND.len() * self.pairs.len());
        for (i, &(start, _, end)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(AMPERSAND);
            }
            out.extend_from_slice(self.text.get(start..end).unwrap_or_default());
        }
    }

    /// The normalized request parameters as a new string.
    pub fn normalized(&mut self) -> String {
        let mut out = Vec::with_capacity(self.text.len());
        self.write_normalized(&mut out);
        ascii(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of RFC 5849 section 3.4.1.3.2.
    #[test]
    fn rfc_5849_section_3_4_1_3_2_example() {
        let mut params = Parameters::default();
        params.extend_from_form("b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        params.extend_from_form("c2&a3=2+q");
        for (name, value) in [
            ("oauth_consumer_key", "9djdj82h48djs9d2"),
            ("oauth_token", "kkk9d7dh3k39sjv7"),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_timestamp", "137131201"),
            ("oauth_nonce", "7d8f3e4a"),
        ] {
            params.push(name.as_bytes(), value.as_bytes());
        }
        assert_eq!(
            params.normalized(),
            "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2\
             &oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201\
             &oauth_token=kkk9d7dh3k39sjv7"
        );
    }

    #[test]
    fn oauth_signature_is_excluded_and_duplicates_sort_by_value() {
        let mut params = Parameters::default();
        params.extend_from_form("z=2&oauth_signature=abc&z=1&z=10&a=");
        assert_eq!(params.normalized(), "a=&z=1&z=10&z=2");
    }

    #[test]
    fn the_encoded_form_is_the_normalized_string_encoded_again() {
        let mut params = Parameters::default();
        params.extend_from_form("b5=%3D%253D&a3=a&c%40=&a2=r%20b&c2&a3=2+q");
        let mut encoded = Vec::new();
        params.write_normalized_encoded(&mut encoded);
        assert_eq!(ascii(encoded), crate::percent_encode(&params.normalized()));
    }

    #[test]
    fn sorting_uses_encoded_bytes() {
        let mut params = Parameters::default();
        // "%" (0x25) sorts before "A" (0x41), so the encoded "é" (%C3%A9) comes first.
        params.push("é".as_bytes(), b"1");
        params.push(b"A", b"2");
        assert_eq!(params.normalized(), "%C3%A9=1&A=2");
    }
}
