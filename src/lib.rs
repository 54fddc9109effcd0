//! XMute's core: OAuth 1.0a signing ([RFC 5849](https://www.rfc-editor.org/rfc/rfc5849)) and the
//! X API mute client, compiled to WebAssembly for the XMute browser extension.
//!
//! - [`oauth`]: the signer, RFC 5849 and nothing else. Pure: no I/O, no clock, no randomness.
//!   It is the `xmute-oauth1` crate (`src/oauth1/`), which the release profile builds for speed.
//! - [`x`]: the X API as data: request builders, response interpretation, and [`error`], the
//!   one error enum of the client and the JavaScript API. Pure.
//! - [`client`]: the mute client: build, sign, send, interpret; v2 to v1.1 fallback and
//!   clock-skew retry, over any [`client::Platform`].
//! - `transport` and `js` (wasm32 only): `fetch` through a global binding and the
//!   `#[wasm_bindgen]` boundary.
//!
//! Features, all on by default: `client` (the X client's JavaScript API: the extension's module),
//! `signer` (`signRequest` and `Signer`: the signer-only module) and `std` (without it, as
//! shipped, a panic is a plain trap).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![warn(missing_docs)]

extern crate alloc;

pub mod client;
#[cfg(feature = "signer")]
pub mod nonce;
mod text;
pub mod x;

/// The one error enum (`src/x/error.rs`).
pub use x::error;
/// The OAuth 1.0a signer (the `xmute-oauth1` crate, `src/oauth1/`).
pub use xmute_oauth1 as oauth;

pub use error::{Error, Result};

/// What `std`'s prelude would bring, for a crate that may be built without `std`.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
}

#[cfg(all(target_arch = "wasm32", any(feature = "client", feature = "signer")))]
pub mod js;
#[cfg(all(target_arch = "wasm32", any(feature = "client", feature = "signer")))]
pub mod transport;

/// A small free-list allocator in place of the default dlmalloc, for less code in the module:
/// it allocates a few small strings per request in a short-lived worker, which needs no more.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the allocator
// is never entered concurrently.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Without `std` (the shipped module) a panic traps at once, as `std` with `panic = "abort"`
/// does in the end, but without first formatting a message that wasm32-unknown-unknown has
/// nowhere to print (std's panic hook and its formatting would be in the module for nothing).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
