//! The `Authorization` header ([RFC 5849 section 3.5.1]).
//!
//! [RFC 5849 section 3.5.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1

use super::encode::percent_encode_into;

/// Builds `OAuth realm="...", name="value", ...`: `realm` first when given, then the protocol
/// parameters in the order given, each value percent-encoded and quoted, joined with `, `.
pub fn authorization_header<'a>(
    realm: Option<&str>,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut out = String::with_capacity(320);
    out.push_str("OAuth ");
    let mut first = true;
    let mut push = |out: &mut String, name: &str, value: &str| {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(name);
        out.push_str("=\"");
        percent_encode_into(out, value.as_bytes());
        out.push('"');
    };
    if let Some(realm) = realm {
        push(&mut out, "realm", realm);
    }
    for (name, value) in params {
        push(&mut out, name, value);
    }
    out
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
