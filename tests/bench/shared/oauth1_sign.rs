//! Signing with `oauth1-request` the way an extension that used it would: split the query off
//! the URL, decode its pairs and hand them over as the request's parameters (the crate signs
//! a URI without a query plus a parameter list), with the benchmark's nonce and timestamp or,
//! as its callers do, with its own (`oauth1-request` draws the nonce from `rand`'s `ThreadRng`,
//! a ChaCha generator seeded once from the platform, and reads the clock).

use std::borrow::Cow;
use std::num::NonZeroU64;

use oauth1_request as oauth;

/// Client and token credentials.
pub struct Keys {
    pub consumer_key: String,
    pub consumer_secret: String,
    pub token: String,
    pub token_secret: String,
}

/// The `Authorization` header for `method url`, HMAC-SHA1, with `oauth_version="1.0"` (as
/// XMute sends it), with the given nonce and timestamp, or with the crate's own when `fixed` is
/// `None`. A body is never signed here: the benchmark's bodies are JSON.
pub fn authorize(keys: &Keys, method: &str, url: &str, fixed: Option<(&str, u64)>) -> String {
    let (uri, query) = url.split_once('?').unwrap_or((url, ""));
    let pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(name), form_decode(value))
        })
        .collect();
    let request = oauth::ParameterList::new(pairs);
    let token = oauth::Token::from_parts(
        keys.consumer_key.as_str(),
        keys.consumer_secret.as_str(),
        keys.token.as_str(),
        keys.token_secret.as_str(),
    );
    let mut builder = oauth::Builder::with_token(token, oauth::HmacSha1::new());
    builder.version(true);
    if let Some((nonce, timestamp)) = fixed {
        builder.nonce(nonce).timestamp(NonZeroU64::new(timestamp));
    }
    builder.authorize(method, uri, &request)
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space, `%XX` a byte); borrows when
/// there is nothing to decode, which is the case for every query in the benchmark.
fn form_decode(text: &str) -> Cow<'_, str> {
    if !text.contains(['%', '+']) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}
