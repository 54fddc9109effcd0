//! XMute's core: OAuth 1.0a signing ([RFC 5849](https://www.rfc-editor.org/rfc/rfc5849)) and the
//! X API mute client, compiled to WebAssembly for the XMute browser extension.
//!
//! - [`oauth`]: the signer. Pure: no I/O, no clock, no randomness. It and [`error`] live in
//!   the `xmute-core` crate (`src/core/`), which the release profile builds for speed.
//! - [`x`]: the X API as data: request builders and response interpretation. Pure.
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

use xmute_core::prelude;

pub mod client;
#[cfg(feature = "signer")]
pub mod nonce;
pub mod x;

/// The one error enum (from `xmute-core`, `src/core/`).
pub use xmute_core::error;
/// The OAuth 1.0a signer (from `xmute-core`, `src/core/`).
pub use xmute_core::oauth;
use xmute_core::text;

pub use error::{Error, Result};

#[cfg(all(target_arch = "wasm32", any(feature = "client", feature = "signer")))]
pub mod js;
#[cfg(all(target_arch = "wasm32", any(feature = "client", feature = "signer")))]
pub mod transport;

/// A small free-list allocator in place of the default dlmalloc, about 7 KiB less wasm. The
/// module allocates a few small strings per request in a short-lived worker.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the allocator
// is never entered concurrently.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Without `std` (the shipped module) a panic traps at once, as `std` with `panic = "abort"`
/// does in the end, but without first formatting a message that wasm32-unknown-unknown has
/// nowhere to print (std's panic hook and its formatting were 3 KiB of the module).
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
