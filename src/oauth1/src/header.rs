//! The `Authorization` header ([RFC 5849 section 3.5.1]).
//!
//! [RFC 5849 section 3.5.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1

use super::encode::{ascii, percent_encode_bytes, percent_encode_twice};
use crate::prelude::*;

/// Builds `OAuth realm="...", name="value", ...`: `realm` first when given, then the protocol
/// parameters in the order given, each value percent-encoded and quoted, joined with `, `.
pub fn authorization_header<'a>(
    realm: Option<&str>,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    header_from(
        realm,
        params.into_iter().map(|(name, value)| (name, Value::Raw(value))),
    )
}

/// A protocol parameter's value: to be percent-encoded, or encoded already (once per credential
/// set, for the consumer key and the token): once for the header, twice for the base string.
#[derive(Clone, Copy)]
pub(crate) enum Value<'a> {
    Raw(&'a str),
    Encoded { once: &'a str, twice: &'a str },
}

impl Value<'_> {
    /// Appends the value as the header carries it: percent-encoded once.
    pub(crate) fn write_once(self, out: &mut Vec<u8>) {
        match self {
            Value::Raw(value) => percent_encode_bytes(out, value.as_bytes()),
            Value::Encoded { once, .. } => out.extend_from_slice(once.as_bytes()),
        }
    }

    /// Appends the value as the signature base string carries it: percent-encoded twice (see
    /// [`super::Parameters`]).
    pub(crate) fn write_twice(self, out: &mut Vec<u8>) {
        match self {
            Value::Raw(value) => percent_encode_twice(out, value.as_bytes()),
            Value::Encoded { twice, .. } => out.extend_from_slice(twice.as_bytes()),
        }
    }
}

/// [`authorization_header`] with values that may be encoded already.
pub(crate) fn header_from<'a>(
    realm: Option<&str>,
    params: impl IntoIterator<Item = (&'a str, Value<'a>)>,
) -> String {
    let mut out = Vec::with_capacity(320);
    write_header(&mut out, realm, params);
    ascii(out)
}

/// [`header_from`], appended to `out`.
pub(crate) fn write_header<'a>(
    out: &mut Vec<u8>,
    realm: Option<&str>,
    params: impl IntoIterator<Item = (&'a str, Value<'a>)>,
) {
    out.extend_from_slice(b"OAuth ");
    let mut first = true;
    let mut push = |out: &mut Vec<u8>, name: &str, value: Value<'_>| {
        if !first {
            out.extend_from_slice(b", ");
        }
        first = false;
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"=\"");
        value.write_once(out);
        out.push(b'"');
    };
    if let Some(realm) = realm {
        push(out, "realm", Value::Raw(realm));
    }
    for (name, value) in params {
        push(out, name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realm_first_values_encoded_and_quoted() {
        assert_eq!(
            authorization_header(
                Some("Example"),
                [("oauth_consumer_key", "a b"), ("oauth_signature", "x+y/=")]
            ),
            r#"OAuth realm="Example", oauth_consumer_key="a%20b", oauth_signature="x%2By%2F%3D""#
        );
        assert_eq!(
            authorization_header(None, [("oauth_nonce", "n")]),
            r#"OAuth oauth_nonce="n""#
        );
    }
}
