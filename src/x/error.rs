//! The client's one error type.
//!
//! Every failure of the client and of the JavaScript API, from a malformed URL handed to the
//! signer to a rate-limited mute, is one variant of [`Error`]. The signer has its own small
//! error ([`oauth::Error`]: a field and a reason), which becomes [`Error::InvalidInput`]. Each
//! variant carries the fields a caller needs to act (a reset time, an HTTP status, the
//! offending input field); its [`Display`](fmt::Display) text says what happened in a few
//! words. At the JavaScript boundary the variant name becomes the `Error`'s `name` and the
//! fields become properties (see `js.rs`); the extension words its messages to users from those
//! (extension/shared/words.js).

use core::fmt;

use crate::oauth;
use crate::prelude::*;
use crate::text::u64_string;

/// Everything that can go wrong in the client or at the JavaScript boundary.
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
    /// The app may not use this endpoint: X's problem JSON says it is not enrolled (403
    /// `client-not-enrolled` or `user-not-enrolled`), or its access level does not include it
    /// (v1.1 error code 453). The fix is a step in the X Developer Console.
    NotEnrolled {
        /// 453 when X named the access level.
        code: Option<u32>,
        /// X's `reason` (`client-not-enrolled`, `user-not-enrolled`), when it gave one.
        reason: Option<String>,
        /// X's `required_enrollment` (for example `Pay-per-use`), when it gave one.
        required_enrollment: Option<String>,
        /// The server's explanation.
        detail: String,
    },
    /// The app's prepaid pay-per-use credits are used up (HTTP 402, X's `credits-depleted` or
    /// `credits` problem). Nothing more can be sent until credits are added in the Console.
    CreditsDepleted {
        /// The server's explanation.
        detail: String,
    },
    /// A usage cap was reached (HTTP 429 `UsageCapExceeded`, X's `usage-capped` problem): unlike
    /// a rate limit it lasts until the next billing period.
    UsageCapped {
        /// X's `period` (`Monthly`), when it gave one.
        period: Option<String>,
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
    /// X answered a 4xx with an error body of its own that XMute does not know: X's refusal,
    /// in X's words. Sending it again would get the same answer.
    Rejected {
        /// The HTTP status.
        status: u16,
        /// X's words (its `detail`, `message` or `title`).
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
            Error::CreditsDepleted { .. } => "CreditsDepleted",
            Error::UsageCapped { .. } => "UsageCapped",
            Error::Forbidden { .. } => "Forbidden",
            Error::Rejected { .. } => "Rejected",
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
    /// What happened, in a few words with the variant's fields, for developers and logs. (The
    /// extension says it to its users in its own words, from the variant and fields.) Built
    /// without `core::fmt`, so that the module needs none of its machinery for this.
    pub fn message(&self) -> String {
        let number = |n: u64| u64_string(n);
        match self {
            Error::InvalidInput { field, reason } => [field, ": ", reason.as_str()].concat(),
            Error::RateLimited { reset_at: Some(t) } => ["rate limited until ", &number(*t)].concat(),
            Error::RateLimited { reset_at: None } => "rate limited".into(),
            // The variant is the error's name; X's words say the rest.
            Error::Unauthorized { detail }
            | Error::NotEnrolled { detail, .. }
            | Error::CreditsDepleted { detail }
            | Error::UsageCapped { detail, .. }
            | Error::Forbidden { detail }
            | Error::CannotMute { detail, .. }
            | Error::Network { detail } => detail.clone(),
            Error::TimestampRejected { .. } => "timestamp refused".into(),
            Error::Rejected { status, detail } => {
                ["HTTP ", &number(u64::from(*status)), ": ", detail].concat()
            }
            Error::Server { status } => ["HTTP ", &number(u64::from(*status)), " from X"].concat(),
            Error::Timeout { ms } => ["no answer within ", &number(u64::from(*ms)), " ms"].concat(),
            Error::BadResponse { status, detail } => [
                "unexpected answer (HTTP ",
                &number(u64::from(*status)),
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

/// The signer refuses only invalid input: it is [`Error::InvalidInput`], field and reason as the
/// signer gave them.
impl From<oauth::Error> for Error {
    fn from(error: oauth::Error) -> Self {
        Error::invalid(error.field(), error.reason())
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;
