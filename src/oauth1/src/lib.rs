#![doc = include_str!("../README.md")]
#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(test)]
extern crate std;

/// What `std`'s prelude would bring, for a `no_std` crate.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::String;
    pub use alloc::vec::Vec;
    #[cfg(test)]
    pub use alloc::{format, string::ToString, vec};
}

mod base_string;
mod credentials;
mod encode;
mod error;
mod header;
mod params;
mod sign;
mod text;

pub use base_string::RequestUrl;
pub use credentials::{Credentials, Secret};
pub use encode::{
    form_decode, form_pairs, is_unreserved, percent_encode, percent_encode_bytes, percent_encode_into,
    reencode_form_component,
};
pub use error::{Error, Result};
pub use header::authorization_header;
use header::{write_header, Value};
pub use params::Parameters;
pub use sign::{SignatureMethod, SigningKey};

use crate::prelude::*;
use crate::text::u64_digits;

/// The parts of an HTTP request that the signature covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    /// The HTTP method (any case; it is signed and should be sent in uppercase).
    pub method: &'a str,
    /// The absolute request URL, query string included.
    pub url: &'a str,
    /// The entity body, if any.
    pub body: Option<&'a str>,
    /// The `Content-Type` of the body. The body is signed only when this is
    /// `application/x-www-form-urlencoded` ([RFC 5849 section 3.4.1.3.1]); a JSON body is
    /// never signed and gets no `oauth_body_hash`.
    ///
    /// [RFC 5849 section 3.4.1.3.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.1
    pub content_type: Option<&'a str>,
}

/// The protocol parameters chosen per request ([RFC 5849 section 3.1]).
///
/// [RFC 5849 section 3.1]: https://www.rfc-editor.org/rfc/rfc5849#section-3.1
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolParams<'a> {
    /// `oauth_nonce`: unique per timestamp ([RFC 5849 section 3.3](https://www.rfc-editor.org/rfc/rfc5849#section-3.3)).
    pub nonce: &'a str,
    /// `oauth_timestamp`: seconds since the Unix epoch.
    pub timestamp: u64,
    /// `oauth_callback`, for the temporary-credentials request (`"oob"` for PIN sign-in).
    pub callback: Option<&'a str>,
    /// `oauth_verifier`, for the token request.
    pub verifier: Option<&'a str>,
    /// `realm`, placed first in the header and never signed.
    pub realm: Option<&'a str>,
    /// Whether to send `oauth_version="1.0"` (optional, [RFC 5849 section 3.1](https://www.rfc-editor.org/rfc/rfc5849#section-3.1); many services' examples send it).
    pub version: bool,
    /// The signature method.
    pub signature_method: SignatureMethod,
}

impl<'a> ProtocolParams<'a> {
    /// HMAC-SHA1 with `oauth_version=1.0` and no callback, verifier or realm.
    pub fn new(nonce: &'a str, timestamp: u64) -> Self {
        ProtocolParams {
            nonce,
            timestamp,
            callback: None,
            verifier: None,
            realm: None,
            version: true,
            signature_method: SignatureMethod::HmacSha1,
        }
    }
}

/// Where [`Signer::sign_into`] ended each part in its buffer: the signature base string is
/// `out[..base_string]`, `oauth_signature` the next `signature` bytes, the `Authorization`
/// header the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedLengths {
    /// Length of the signature base string, at the start of the buffer.
    pub base_string: usize,
    /// Length of `oauth_signature`, right after it.
    pub signature: usize,
}

/// A signed request's header and the intermediate values, for debugging and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The `Authorization` header value.
    pub authorization: String,
    /// The signature base string ([RFC 5849 section 3.4.1.1](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.1)).
    pub base_string: String,
    /// `oauth_signature`, before encoding for the header.
    pub signature: String,
}

/// Signs requests for one set of credentials. What does not depend on the request is done
/// once: the signing key and its HMAC state, and the percent-encoding of the consumer key and
/// the token. Signing many requests then costs one MAC each and little else.
#[derive(Debug, Clone)]
pub struct Signer {
    consumer_key: String,
    token: Option<String>,
    /// `consumer_key` percent-encoded once (the header) and twice (the base string).
    consumer_key_encoded: (String, String),
    /// `token` percent-encoded once and twice.
    token_encoded: Option<(String, String)>,
    key: SigningKey,
}

impl Signer {
    /// Prepares to sign with `credentials`.
    pub fn new(credentials: &Credentials) -> Self {
        Signer {
            consumer_key: credentials.consumer_key.clone(),
            token: credentials.token.clone(),
            consumer_key_encoded: encode_once_and_twice(&credentials.consumer_key),
            token_encoded: credentials.token.as_deref().map(encode_once_and_twice),
            key: SigningKey::new(credentials),
        }
    }

    /// The consumer key requests are signed for.
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

    /// The token requests are signed with, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Signs `request` ([RFC 5849 section 3.4](https://www.rfc-editor.org/rfc/rfc5849#section-3.4)):
    /// the signature base string, `oauth_signature` and the `Authorization` header
    /// ([section 3.5.1](https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1)).
    pub fn sign(&self, request: &Request<'_>, protocol: &ProtocolParams<'_>) -> Result<Signed> {
        let mut out = Vec::new();
        let lengths = self.sign_into(request, protocol, &mut out)?;
        let (base_string, rest) = out.split_at(lengths.base_string);
        let (signature, authorization) = rest.split_at(lengths.signature);
        let (signature, authorization) = (
            encode::ascii(signature.to_vec()),
            encode::ascii(authorization.to_vec()),
        );
        out.truncate(base_string.len());
        Ok(Signed {
            authorization,
            base_string: encode::ascii(out),
            signature,
        })
    }

    /// [`Signer::sign`] into one buffer: clears `out`, then writes the signature base string,
    /// `oauth_signature` and the `Authorization` header one after another, all ASCII, and says
    /// where they end. For a caller that signs many requests and hands all three on at once (the
    /// JavaScript binding): no string of its own for each part, and `out` is reused.
    pub fn sign_into(
        &self,
        request: &Request<'_>,
        protocol: &ProtocolParams<'_>,
        out: &mut Vec<u8>,
    ) -> Result<SignedLengths> {
        out.clear();
        let method = normalize_method(request.method)?;
        if protocol.nonce.is_empty() {
            return Err(Error::new("options.nonce", "must not be empty"));
        }
        let url = RequestUrl::parse(request.url)?;
        let mut digits = [0; 20];
        let timestamp = u64_digits(&mut digits, protocol.timestamp);
        let signature_method = protocol.signature_method.as_str();

        // The protocol parameters in ascending name order, which is also the header's order.
        let oauth: [(&str, Option<Value<'_>>); 8] = [
            ("oauth_callback", protocol.callback.map(Value::Raw)),
            ("oauth_consumer_key", Some(encoded(&self.consumer_key_encoded))),
            ("oauth_nonce", Some(Value::Raw(protocol.nonce))),
            ("oauth_signature_method", Some(unreserved(signature_method))),
            ("oauth_timestamp", Some(unreserved(timestamp))),
            ("oauth_token", self.token_encoded.as_ref().map(encoded)),
            ("oauth_verifier", protocol.verifier.map(Value::Raw)),
            ("oauth_version", protocol.version.then_some(unreserved("1.0"))),
        ];

        // The request's own parameters (query and form body); the protocol parameters are in
        // order already and join them below.
        let mut params = Parameters::default();
        if let Some(query) = url.query() {
            params.extend_from_form(query);
        }
        if let Some(body) = request.body.filter(|_| is_form_urlencoded(request.content_type)) {
            params.extend_from_form(body);
        }

        // The signature base string (RFC 5849 section 3.4.1.1):
        // METHOD & encode(base string URI) & encode(normalized parameters).
        out.reserve(method.len() + request.url.len() * 3 + 640);
        out.extend_from_slice(method.as_bytes());
        out.push(b'&');
        url.write_base_string_uri_encoded(out);
        out.push(b'&');
        write_normalized_parameters(out, &mut params, &oauth);
        let base_string = out.len();

        let mut room = [0; sign::SIGNATURE_ROOM];
        let signature = self.key.sign_in(protocol.signature_method, out, &mut room);
        // `signature` borrows the key or `room`, not `out`, so it can be appended to `out`.
        out.extend_from_slice(signature.as_bytes());
        // `oauth_signature` sorts between `oauth_nonce` and `oauth_signature_method`.
        let (before, after) = oauth.split_at(3);
        let signature_param = [("oauth_signature", Some(Value::Raw(signature)))];
        let header_params = before
            .iter()
            .chain(&signature_param)
            .chain(after)
            .filter_map(|&(name, value)| value.map(|v| (name, v)));
        write_header(out, protocol.realm, header_params);
        Ok(SignedLengths {
            base_string,
            signature: signature.len(),
        })
    }
}

/// Appends the normalized parameters (RFC 5849 section 3.4.1.3.2) as the base string carries
/// them, encoded once more: the request's `params` and the protocol parameters `oauth` (in
/// ascending name order, as [`Signer::sign_into`] lists them), sorted together.
///
/// The protocol parameters' names all sort between the first and the last of them, so when no
/// request parameter's name falls in that range (the usual case: few APIs name their own
/// parameters `oauth_...`) they go in as one block, in order, without being copied and sorted;
/// otherwise all are sorted together.
fn write_normalized_parameters(
    out: &mut Vec<u8>,
    params: &mut Parameters,
    oauth: &[(&str, Option<Value<'_>>)],
) {
    let present = oauth.iter().filter_map(|&(name, value)| Some((name, value?)));
    let first = present.clone().next().map_or("", |(name, _)| name).as_bytes();
    let last = present
        .clone()
        .next_back()
        .map_or("", |(name, _)| name)
        .as_bytes();
    // The names are unreserved characters: the same encoded or not.
    if params.names().any(|name| first <= name && name <= last) {
        for (name, value) in present {
            params.push_protocol(name, value);
        }
        params.write_normalized_encoded(out);
        return;
    }
    let mut separator = false;
    let mut next = |out: &mut Vec<u8>| {
        if separator {
            out.extend_from_slice(params::AMPERSAND);
        }
        separator = true;
    };
    let mut request_params = params.sorted_pairs().peekable();
    while let Some((_, pair)) = request_params.next_if(|&(name, _)| name < first) {
        next(out);
        out.extend_from_slice(pair);
    }
    for (name, value) in present {
        next(out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(params::EQUALS);
        value.write_twice(out);
    }
    for (_, pair) in request_params {
        next(out);
        out.extend_from_slice(pair);
    }
}

/// A credential value percent-encoded once and twice (see [`Parameters`]).
fn encode_once_and_twice(value: &str) -> (String, String) {
    let mut twice = Vec::with_capacity(value.len());
    encode::percent_encode_twice(&mut twice, value.as_bytes());
    (percent_encode(value), encode::ascii(twice))
}

fn encoded((once, twice): &(String, String)) -> Value<'_> {
    Value::Encoded { once, twice }
}

/// A value of unreserved characters only (digits, a signature method's name, "1.0"): percent-
/// encoding leaves it as it is, once or twice.
fn unreserved(value: &str) -> Value<'_> {
    debug_assert!(value.bytes().all(is_unreserved), "{value:?}");
    Value::Encoded {
        once: value,
        twice: value,
    }
}

/// Signs one request with `credentials`; see [`Signer::sign`].
pub fn sign(
    request: &Request<'_>,
    credentials: &Credentials,
    protocol: &ProtocolParams<'_>,
) -> Result<Signed> {
    Signer::new(credentials).sign(request, protocol)
}

/// Whether a `Content-Type` names `application/x-www-form-urlencoded` (parameters ignored).
pub fn is_form_urlencoded(content_type: Option<&str>) -> bool {
    // Bytes, not chars: the media type is ASCII, and HTTP's optional whitespace around it is
    // spaces and tabs.
    content_type.is_some_and(|value| {
        let bytes = value.as_bytes();
        let end = bytes.iter().position(|&b| b == b';').unwrap_or(bytes.len());
        let media_type = bytes.get(..end).unwrap_or_default().trim_ascii();
        media_type.eq_ignore_ascii_case(b"application/x-www-form-urlencoded")
    })
}

/// Checks an HTTP method is an RFC 9110 token and uppercases it.
fn normalize_method(method: &str) -> Result<alloc::borrow::Cow<'_, str>> {
    let is_tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if method.is_empty() || !method.bytes().all(is_tchar) {
        return Err(Error::new("request.method", "is not an HTTP method"));
    }
    Ok(if method.bytes().any(|b| b.is_ascii_lowercase()) {
        alloc::borrow::Cow::Owned(method.to_ascii_uppercase())
    } else {
        alloc::borrow::Cow::Borrowed(method)
    })
}

/// Renders random bytes as an `oauth_nonce` of ASCII letters and digits, one character per byte.
///
/// The bytes come from the platform's secure random source; this function only shapes them.
pub fn nonce_from_random(bytes: &[u8]) -> String {
    let mut nonce = bytes.to_vec();
    nonce_in_place(&mut nonce);
    encode::ascii(nonce)
}

/// [`nonce_from_random`] in place: each random byte becomes one ASCII letter or digit (`byte %
/// 62`), and the result is `bytes` as a string. For a caller that keeps its nonce in a fixed
/// buffer instead of a `String` of its own.
pub fn nonce_in_place(bytes: &mut [u8]) -> &str {
    const ALPHANUMERIC: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for byte in bytes.iter_mut() {
        *byte = ALPHANUMERIC[usize::from(*byte) % ALPHANUMERIC.len()];
    }
    // Letters and digits only: ASCII.
    core::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_uppercased_and_validated() {
        assert_eq!(normalize_method("delete").unwrap(), "DELETE");
        for bad in ["", "GE T", "GET\n", "PÖST"] {
            assert_eq!(
                normalize_method(bad).map_err(|e| e.field()),
                Err("request.method"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn form_content_type_detection() {
        assert!(is_form_urlencoded(Some("application/x-www-form-urlencoded")));
        assert!(is_form_urlencoded(Some(
            "Application/X-WWW-Form-URLEncoded; charset=UTF-8"
        )));
        assert!(!is_form_urlencoded(Some("application/json")));
        assert!(!is_form_urlencoded(None));
    }

    #[test]
    fn nonce_is_alphanumeric_one_char_per_byte() {
        let bytes: Vec<u8> = (0..=255).collect();
        let nonce = nonce_from_random(&bytes);
        assert_eq!(nonce.len(), 256);
        assert!(nonce.bytes().all(|b| b.is_ascii_alphanumeric()));
    }

    #[test]
    fn empty_nonce_is_refused() {
        let credentials = Credentials::new("k", "s").unwrap();
        let request = Request {
            method: "GET",
            url: "https://h/",
            body: None,
            content_type: None,
        };
        assert_eq!(
            sign(&request, &credentials, &ProtocolParams::new("", 1)),
            Err(Error::new("options.nonce", "must not be empty"))
        );
    }
}
