//! The XClient suite inside a service worker, where there is no `window`: `fetch`, `setTimeout`
//! and `crypto` must be reached as globals, as in the extension's MV3 background.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_service_worker);

#[path = "support/client_suite.rs"]
mod client_suite;
