//! Client credentials and token credentials ([RFC 5849 section 1.1]).
//!
//! Shared secrets are wrapped in [`Secret`], whose `Debug` prints a placeholder: a secret never
//! reaches a log through `{:?}`.
//!
//! [RFC 5849 section 1.1]: https://www.rfc-editor.org/rfc/rfc5849#section-1.1

use core::fmt;

use crate::error::{Error, Result};
use crate::prelude::*;

/// A shared secret. `Debug` never shows it; read it with [`Secret::expose`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for signing. Do not log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "Secret(<empty>)"
        } else {
            "Secret(<redacted>)"
        })
    }
}

/// The client credentials (consumer key and secret) and, when the request acts for a user, the
/// token credentials (a temporary request token or an access token, and its secret).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// `oauth_consumer_key`, the app's API key.
    pub consumer_key: String,
    /// The app's API key secret.
    pub consumer_secret: Secret,
    /// `oauth_token`; `None` for the temporary-credentials request.
    pub token: Option<String>,
    /// The token's secret; empty when there is no token.
    pub token_secret: Secret,
}

impl Credentials {
    /// Client credentials only (for `POST /oauth/request_token`).
    ///
    /// The consumer key must be non-empty; the secret may be empty only in tests.
    pub fn new(consumer_key: impl Into<String>, consumer_secret: impl Into<String>) -> Result<Self> {
        let consumer_key = consumer_key.into();
        if consumer_key.is_empty() {
            return Err(Error::new("credentials.consumerKey", "is required"));
        }
        Ok(Credentials {
            consumer_key,
            consumer_secret: Secret::new(consumer_secret),
            token: None,
            token_secret: Secret::default(),
        })
    }

    /// Adds token credentials. An empty token means no token.
    pub fn with_token(mut self, token: impl Into<String>, token_secret: impl Into<String>) -> Self {
        let token = token.into();
        self.token = (!token.is_empty()).then_some(token);
        self.token_secret = Secret::new(token_secret);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_secret() {
        let credentials = Credentials::new("ck-public", "cs-very-secret")
            .unwrap()
            .with_token("1-token-public", "ts-very-secret");
        let printed = format!("{credentials:?} {credentials:#?}");
        assert!(
            printed.contains("ck-public") && printed.contains("1-token-public"),
            "{printed}"
        );
        assert!(!printed.contains("very-secret"), "{printed}");
    }

    #[test]
    fn consumer_key_is_required_and_empty_token_is_no_token() {
        assert_eq!(
            Credentials::new("", "s"),
            Err(Error::new("credentials.consumerKey", "is required"))
        );
        let credentials = Credentials::new("k", "s").unwrap().with_token("", "");
        assert_eq!(credentials.token, None);
    }
}
