//! The crate's one error type.
//!
//! Every failure, from a malformed URL handed to the signer to a rate-limited mute, is one
//! variant of [`Error`]. Each variant carries the fields a caller needs to act (a reset time, an
//! HTTP status, the offending input field) and its [`Display`](fmt::Display) text is a message
//! a user of the extension can act on. At the JavaScript boundary the variant name becomes the
//! `Error`'s `name` and the fields become properties (see `js.rs`).

use core::fmt;

use crate::prelude::*;
use crate::text::u64_string;

/// Everything that can go wrong in XMute's core.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A caller-supplied value is missing or malformed; nothing was sent.
    InvalidInput {
        /// The field, as the JavaScript API names it (e.g. `credentials.consumerKey`).
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The X API rate limit was reached (HTTP 429, error code 88).
    RateLimited {
        /// When the window resets, in Unix seconds, from `x-rate-limit-reset`.
        reset_at: Option<u64>,
    },
    /// The credentials were refused (HTTP 401, error codes 32, 89, 215).
    Unauthorized {
        /// The server's explanation, when it gave one.
        detail: String,
    },
    /// The request's `oauth_timestamp` was outside the server's window (error code 135).
    TimestampRejected {
        /// The server's clock from the response's `Date` header, in Unix seconds.
        server_time: Option<u64>,
    },
    /// The app may not use this endpoint: not attached to a Project, so the v2 API refuses it
    /// (403 `client-not-enrolled`), or its access level does not include it (error code 453).
    NotEnrolled {
        /// 453 when X named the access level; `None` for `client-not-enrolled`.
        code: Option<u32>,
        /// The server's explanation.
        detail: String,
    },
    /// The API refused the action for this account or app (a 403 that is not about enrolment).
    Forbidden {
        /// The server's explanation.
        detail: String,
    },
    /// X will not mute or unmute this user: yourself (271), not muted (272), not found (50,
    /// 404), suspended (63).
    CannotMute {
        /// The v1.1 error code, when there was one.
        code: Option<u32>,
        /// The server's explanation.
        detail: String,
    },
    /// The X API failed on its side (HTTP 5xx).
    Server {
        /// The HTTP status.
        status: u16,
    },
    /// The request never got an answer: offline, DNS, TLS, connection reset.
    Network {
        /// The browser's description.
        detail: String,
    },
    /// No complete answer within the time limit.
    Timeout {
        /// The limit that was exceeded, in milliseconds.
        ms: u32,
    },
    /// The answer could not be understood (not JSON, wrong shape, too large, unexpected status).
    BadResponse {
        /// The HTTP status of the answer.
        status: u16,
        /// What was wrong with it.
        detail: String,
    },
}

impl Error {
    /// The variant's name, used as the JavaScript `Error.name`.
    pub fn name(&self) -> &'static str {
        match self {
            Error::InvalidInput { .. } => "InvalidInput",
            Error::RateLimited { .. } => "RateLimited",
            Error::Unauthorized { .. } => "Unauthorized",
            Error::TimestampRejected { .. } => "TimestampRejected",
            Error::NotEnrolled { .. } => "NotEnrolled",
            Error::Forbidden { .. } => "Forbidden",
            Error::CannotMute { .. } => "CannotMute",
            Error::Server { .. } => "Server",
            Error::Network { .. } => "Network",
            Error::Timeout { .. } => "Timeout",
            Error::BadResponse { .. } => "BadResponse",
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::BadResponse`].
    pub fn bad_response(status: u16, detail: impl Into<String>) -> Self {
        Error::BadResponse {
            status,
            detail: detail.into(),
        }
    }
}

impl Error {
    /// The message a user can act on. Built without `core::fmt`, which would cost kilobytes of
    /// wasm.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidInput { field, reason } => [field, ": ", reason.as_str()].concat(),
            Error::RateLimited { reset_at: Some(t) } => [
                "X's rate limit was reached; it resets at ",
                &u64_string(*t),
                " (Unix time). The action can run then.",
            ]
            .concat(),
            Error::RateLimited { reset_at: None } => "X's rate limit was reached; try again in 15 minutes.".into(),
            Error::Unauthorized { detail } => [
                "X refused the credentials (",
                detail,
                "). Check the API keys and sign in again in XMute's options.",
            ]
            .concat(),
            Error::TimestampRejected { .. } => {
                "X rejected the request time. Check that this computer's clock is set correctly.".into()
            }
            Error::NotEnrolled { code: Some(code), .. } => [
                "X says this app's access level does not include this call (code ",
                &u64_string(u64::from(*code)),
                "). Give the app Read and write permission in the developer portal, then sign in again.",
            ]
            .concat(),
            Error::NotEnrolled { code: None, .. } => "This X app cannot use API v2 (it is not attached to a Project). Choose \
                 API v1.1 or \"auto\" in XMute's options, or attach the app to a Project in the developer portal."
                .into(),
            Error::Forbidden { detail } => ["X refused the action: ", detail].concat(),
            Error::CannotMute { detail, .. } => ["X cannot do this: ", detail].concat(),
            Error::Server { status } => {
                ["X is having trouble (HTTP ", &u64_string(u64::from(*status)), "). Try again later."].concat()
            }
            Error::Network { detail } => {
                ["Could not reach X (", detail, "). Check the connection and try again."].concat()
            }
            Error::Timeout { ms } => ["X did not answer within ", &u64_string(u64::from(*ms)), " ms. Try again."].concat(),
            Error::BadResponse { status, detail } => [
                "X sent an unexpected answer (HTTP ",
                &u64_string(u64::from(*status)),
                "): ",
                detail,
            ]
            .concat(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;
