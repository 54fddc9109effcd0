//! Request parameters: collecting them ([RFC 5849 section 3.4.1.3.1]) and normalising them
//! ([RFC 5849 section 3.4.1.3.2]).
//!
//! [RFC 5849 section 3.4.1.3.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.1
//! [RFC 5849 section 3.4.1.3.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2

use super::encode::{form_pairs, percent_encode_into};

/// The signed parameters of one request, each name and value already percent-encoded
/// ([RFC 5849 section 3.6](https://www.rfc-editor.org/rfc/rfc5849#section-3.6)).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Parameters {
    pairs: Vec<(String, String)>,
}

impl Parameters {
    /// An empty set with room for `capacity` parameters.
    pub fn with_capacity(capacity: usize) -> Self {
        Parameters {
            pairs: Vec::with_capacity(capacity),
        }
    }

    /// Adds one parameter given as raw (decoded) bytes.
    pub fn push(&mut self, name: &[u8], value: &[u8]) {
        let mut encoded_name = String::with_capacity(name.len());
        percent_encode_into(&mut encoded_name, name);
        let mut encoded_value = String::with_capacity(value.len());
        percent_encode_into(&mut encoded_value, value);
        self.pairs.push((encoded_name, encoded_value));
    }

    /// Adds every pair of an `application/x-www-form-urlencoded` string (a URL's query or a
    /// form body), decoded and re-encoded, except `oauth_signature`, which is never signed.
    pub fn extend_from_form(&mut self, form: &str) {
        for (name, value) in form_pairs(form) {
            if name != b"oauth_signature" {
                self.push(&name, &value);
            }
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

    /// Appends the normalized request parameters ([RFC 5849 section 3.4.1.3.2]): sorted by
    /// encoded name, then by encoded value, in ascending byte order, each `name=value`, joined
    /// with `&`.
    ///
    /// [RFC 5849 section 3.4.1.3.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2
    pub fn write_normalized(&mut self, out: &mut String) {
        sort_small(&mut self.pairs);
        for (i, (name, value)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(name);
            out.push('=');
            out.push_str(value);
        }
    }

    /// The normalized request parameters as a new string.
    pub fn normalized(&mut self) -> String {
        let mut out = String::new();
        self.write_normalized(&mut out);
        out
    }
}

/// Sorts a short slice in place (insertion sort: a request has a handful of parameters, and
/// this is much smaller in wasm than the standard library's sort).
pub(crate) fn sort_small<T: Ord>(items: &mut [T]) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && items[j - 1] > items[j] {
            items.swap(j - 1, j);
            j -= 1;
        }
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
    fn sorting_uses_encoded_bytes() {
        let mut params = Parameters::default();
        // "%" (0x25) sorts before "A" (0x41), so the encoded "é" (%C3%A9) comes first.
        params.push("é".as_bytes(), b"1");
        params.push(b"A", b"2");
        assert_eq!(params.normalized(), "%C3%A9=1&A=2");
    }
}
