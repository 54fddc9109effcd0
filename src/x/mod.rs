//! The X API as data: what to send for each call ([`endpoints`]), what an answer means
//! ([`response`]) and every way a call can fail ([`error`]). Pure: nothing here performs I/O.

pub mod endpoints;
pub mod error;
pub mod json;
pub mod response;
pub mod usage;

pub use endpoints::{Action, ApiBase, ApiVersion, HttpRequest, ScreenName, Target, UserId};
pub use response::{Account, HttpResponse, RateLimit, TokenCredentials};
pub use usage::Usage;
