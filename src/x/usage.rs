//! What X bills: the pay-per-use calls a client made, counted as their answers arrive.
//!
//! X's API is pay-per-use since 2026: each successful answer that returns data is billed by
//! its kind (a mute, an unmute, each muted account read, each user looked up); failed requests
//! are not. The client counts those answers here and the caller takes the counts
//! ([`crate::client::Client::take_usage`]) to estimate what was spent. Prices are not here: they
//! are the extension's (one table, with the date of X's prices), since X changes them.
//! v1.1 calls are not counted: X's price list does not include them.

/// Billable answers since the counts were last taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// `POST /2/users/:id/muting` answered with data (X bills it as "Privacy: Update").
    pub mutes: u32,
    /// `DELETE /2/users/:id/muting/:target` answered with data ("Mute: Delete").
    pub unmutes: u32,
    /// Accounts returned by `GET /2/users/:id/muting` ("Mute: Read", per account).
    pub muted_accounts_read: u32,
    /// Users returned by `GET /2/users/me` and `GET /2/users/by/username/:name` ("User: Read").
    pub users_read: u32,
}

impl Usage {
    /// Whether nothing billable was counted.
    pub fn is_empty(&self) -> bool {
        *self == Usage::default()
    }
}
