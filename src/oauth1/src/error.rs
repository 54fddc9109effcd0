//! The signer's one error: an input it cannot sign with.

use core::fmt;

/// An input the signer refuses: which one ([`Error::field`]) and why ([`Error::reason`]).
///
/// Invalid input is the only way signing fails: the signer does no I/O, reads no clock and
/// draws no random numbers, so there is nothing else that could go wrong. Nothing allocates
/// here; the fields are static text.
///
/// The field is a dotted path, the argument and its member, as XMute's JavaScript API names
/// them (`signRequest(request, credentials, options)`), so that a boundary can hand it on as it
/// is:
///
/// | [`Error::field`] | the input |
/// |---|---|
/// | `credentials.consumerKey` | the consumer key of [`Credentials::new`](crate::Credentials::new) |
/// | `request.method` | [`Request::method`](crate::Request::method) |
/// | `request.url` | [`Request::url`](crate::Request::url), or the URL given to [`RequestUrl::parse`](crate::RequestUrl::parse) |
/// | `options.nonce` | [`ProtocolParams::nonce`](crate::ProtocolParams::nonce) |
/// | `options.signatureMethod` | the name given to [`SignatureMethod::parse`](crate::SignatureMethod::parse) |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error {
    field: &'static str,
    reason: &'static str,
}

impl Error {
    pub(crate) const fn new(field: &'static str, reason: &'static str) -> Self {
        Error { field, reason }
    }

    /// Which input is wrong (see the table above).
    pub const fn field(&self) -> &'static str {
        self.field
    }

    /// What is wrong with it, in a few words: `"is required"`, `"has no host"`.
    pub const fn reason(&self) -> &'static str {
        self.reason
    }
}

/// `field: reason`, such as `request.url: has no host`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field)?;
        f.write_str(": ")?;
        f.write_str(self.reason)
    }
}

impl core::error::Error for Error {}

/// The signer's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prelude::*;

    #[test]
    fn display_is_field_colon_reason() {
        let error = Error::new("request.url", "has no host");
        assert_eq!(error.to_string(), "request.url: has no host");
        assert_eq!((error.field(), error.reason()), ("request.url", "has no host"));
    }
}
