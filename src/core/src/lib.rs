//! XMute's pure core, re-exported by the `xmute` crate as `xmute::oauth` and `xmute::error`.
//!
//! - [`oauth`]: the OAuth 1.0a signer ([RFC 5849](https://www.rfc-editor.org/rfc/rfc5849)).
//!   Pure: no I/O, no clock, no randomness; nonce and timestamp are inputs.
//! - [`error`]: the one error enum of XMute.
//!
//! A crate of its own only so that the release profile can optimise it for speed while the
//! client around it is optimised for size.
#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(test)]
extern crate std;

/// What `std`'s prelude would bring, for a `no_std` crate: the wasm module leaves out `std`
/// (and with it the panic machinery that formats messages nobody reads).
#[doc(hidden)]
pub mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
    pub use alloc::{format, vec};
}

pub mod error;
pub mod oauth;
#[doc(hidden)]
pub mod text;

pub use error::{Error, Result};
