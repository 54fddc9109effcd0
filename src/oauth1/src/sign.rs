//! Signature methods ([RFC 5849 section 3.4.2] HMAC-SHA1, its HMAC-SHA256 sibling (feature
//! `hmac-sha256`), and [section 3.4.4] PLAINTEXT) and the signing key.
//!
//! [RFC 5849 section 3.4.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
//! [section 3.4.4]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.4

#[cfg(feature = "hmac-sha256")]
use core::cell::OnceCell;
use core::fmt;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha1::Sha1;
#[cfg(feature = "hmac-sha256")]
use sha2::Sha256;

use super::credentials::Credentials;
use super::encode::percent_encode_into;
use crate::error::{Error, Result};
use crate::prelude::*;

/// How `oauth_signature` is computed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SignatureMethod {
    /// HMAC-SHA1 ([RFC 5849 section 3.4.2](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2)), the default.
    #[default]
    HmacSha1,
    /// HMAC-SHA256: section 3.4.2 with SHA-256 (feature `hmac-sha256`).
    #[cfg(feature = "hmac-sha256")]
    HmacSha256,
    /// PLAINTEXT ([RFC 5849 section 3.4.4](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.4)):
    /// the signing key itself; only over TLS.
    Plaintext,
}

/// Why [`SignatureMethod::parse`] refuses a name: the methods this build signs with.
#[cfg(feature = "hmac-sha256")]
const NOT_SUPPORTED: &str = "is not HMAC-SHA1, HMAC-SHA256 or PLAINTEXT";
#[cfg(not(feature = "hmac-sha256"))]
const NOT_SUPPORTED: &str = "is not HMAC-SHA1 or PLAINTEXT";

impl SignatureMethod {
    /// The `oauth_signature_method` value.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            #[cfg(feature = "hmac-sha256")]
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
            SignatureMethod::Plaintext => "PLAINTEXT",
        }
    }

    /// Parses an `oauth_signature_method` value (exact, case-sensitive, as the RFC names them).
    pub fn parse(name: &str) -> Result<Self> {
        match name {
            "HMAC-SHA1" => Ok(SignatureMethod::HmacSha1),
            #[cfg(feature = "hmac-sha256")]
            "HMAC-SHA256" => Ok(SignatureMethod::HmacSha256),
            "PLAINTEXT" => Ok(SignatureMethod::Plaintext),
            _ => Err(Error::new("options.signatureMethod", NOT_SUPPORTED)),
        }
    }
}

/// The key of [RFC 5849 section 3.4.2]: `encode(consumer secret) & encode(token secret)`, with
/// the `&` present even when either secret is empty, and the HMAC states keyed with it, computed
/// once per credential set.
///
/// [RFC 5849 section 3.4.2]: https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
#[derive(Clone)]
pub struct SigningKey {
    key: String,
    sha1: Hmac<Sha1>,
    #[cfg(feature = "hmac-sha256")]
    sha256: OnceCell<Hmac<Sha256>>,
}

impl SigningKey {
    /// Derives the key from the credentials' secrets.
    pub fn new(credentials: &Credentials) -> Self {
        let consumer = credentials.consumer_secret.expose().as_bytes();
        let token = credentials.token_secret.expose().as_bytes();
        let mut key = String::with_capacity(consumer.len() + token.len() + 1);
        percent_encode_into(&mut key, consumer);
        key.push('&');
        percent_encode_into(&mut key, token);
        let sha1 = keyed(key.as_bytes());
        SigningKey {
            key,
            sha1,
            #[cfg(feature = "hmac-sha256")]
            sha256: OnceCell::new(),
        }
    }

    /// Computes `oauth_signature` for a signature base string.
    pub fn sign(&self, method: SignatureMethod, base_string: &[u8]) -> String {
        self.sign_in(method, base_string, &mut [0; SIGNATURE_ROOM])
            .to_owned()
    }

    /// [`SigningKey::sign`] without a `String` of its own: an HMAC signature is base64-encoded
    /// into `room`, PLAINTEXT's is the key itself.
    pub fn sign_in<'a>(
        &'a self,
        method: SignatureMethod,
        base_string: &[u8],
        room: &'a mut [u8; SIGNATURE_ROOM],
    ) -> &'a str {
        match method {
            SignatureMethod::HmacSha1 => {
                let mut mac = self.sha1.clone();
                mac.update(base_string);
                base64_in(&mac.finalize().into_bytes(), room)
            }
            #[cfg(feature = "hmac-sha256")]
            SignatureMethod::HmacSha256 => {
                let mut mac = self.sha256.get_or_init(|| keyed(self.key.as_bytes())).clone();
                mac.update(base_string);
                base64_in(&mac.finalize().into_bytes(), room)
            }
            SignatureMethod::Plaintext => &self.key,
        }
    }
}

/// Room for a base64-encoded HMAC: 44 characters for SHA-256's 32 bytes (SHA-1's 20 take 28).
pub const SIGNATURE_ROOM: usize = 44;

/// An HMAC state keyed with `key`. HMAC takes a key of any length, so this cannot fail.
fn keyed<M: KeyInit>(key: &[u8]) -> M {
    match M::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC takes a key of any length"),
    }
}

/// Standard base64 with padding ([RFC 4648 section 4](https://www.rfc-editor.org/rfc/rfc4648#section-4)),
/// the encoding of `oauth_signature` ([RFC 5849 section 3.4.2](https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2)),
/// of a MAC (at most 32 bytes) into `room`, by the `base64` crate's engine.
fn base64_in<'a>(mac: &[u8], room: &'a mut [u8; SIGNATURE_ROOM]) -> &'a str {
    let written = STANDARD.encode_slice(mac, room).unwrap_or_default();
    // Base64 is ASCII.
    core::str::from_utf8(room.get(..written).unwrap_or_default()).unwrap_or_default()
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(consumer_secret: &str, token_secret: &str) -> SigningKey {
        SigningKey::new(
            &Credentials::new("k", consumer_secret)
                .unwrap()
                .with_token("t", token_secret),
        )
    }

    #[test]
    fn plaintext_is_the_encoded_key_with_ampersand() {
        // RFC 5849 section 3.4.4: "j49sk3j29djd&dh893hdasih9", and an empty token secret keeps "&".
        assert_eq!(
            key("j49sk3j29djd", "dh893hdasih9").sign(SignatureMethod::Plaintext, b""),
            "j49sk3j29djd&dh893hdasih9"
        );
        assert_eq!(
            key("a b&c", "").sign(SignatureMethod::Plaintext, b""),
            "a%20b%26c&"
        );
    }

    /// RFC 4648 section 10 test vectors.
    #[test]
    fn base64_rfc_4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_in(input.as_bytes(), &mut [0; SIGNATURE_ROOM]), output);
        }
        assert_eq!(base64_in(&[0xFB, 0xFF, 0xBF], &mut [0; SIGNATURE_ROOM]), "+/+/");
        // The longest: an HMAC-SHA256.
        assert_eq!(
            base64_in(&[0xFF; 32], &mut [0; SIGNATURE_ROOM]).len(),
            SIGNATURE_ROOM
        );
    }

    #[test]
    fn debug_hides_the_key() {
        assert_eq!(format!("{:?}", key("topsecret", "x")), "SigningKey(<redacted>)");
    }

    #[test]
    fn unknown_method_names_the_field() {
        assert_eq!(
            SignatureMethod::parse("hmac-sha1").map_err(|e| e.field()),
            Err("options.signatureMethod")
        );
    }
}
