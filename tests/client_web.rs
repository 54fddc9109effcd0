//! The XClient suite in a browser page (`wasm-pack test --headless --chrome`).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/client_suite.rs"]
mod client_suite;

/// A request whose future is dropped before its answer comes is aborted, not left running: the
/// `fetch` it started sees its AbortSignal fire.
mod abort_on_drop {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use wasm_bindgen::prelude::*;
    use wasm_bindgen_test::wasm_bindgen_test;
    use xmute::client::Platform;
    use xmute::transport::WebPlatform;
    use xmute::x::{endpoints, ApiBase};

    #[wasm_bindgen(inline_js = "
        let real, signal;
        // A fetch that never answers and keeps the signal it was given.
        export function spy_on_fetch() {
            real = globalThis.fetch;
            globalThis.fetch = (input, init) => { signal = init.signal; return new Promise(() => {}); };
        }
        export function restore_fetch() { globalThis.fetch = real; }
        export function signal_aborted() { return signal ? signal.aborted : null; }
    ")]
    extern "C" {
        fn spy_on_fetch();
        fn restore_fetch();
        fn signal_aborted() -> JsValue;
    }

    #[wasm_bindgen_test]
    fn dropping_a_request_aborts_its_fetch() {
        spy_on_fetch();
        let request = endpoints::v2_me(&ApiBase::default());
        {
            let mut sending = pin!(WebPlatform.send(&request, "OAuth test", 60_000));
            let mut context = Context::from_waker(Waker::noop());
            assert!(matches!(sending.as_mut().poll(&mut context), Poll::Pending));
            assert_eq!(signal_aborted(), JsValue::FALSE, "running while the future lives");
        } // dropped here
        let aborted = signal_aborted();
        restore_fetch();
        assert_eq!(aborted, JsValue::TRUE, "the drop aborted the fetch");
    }
}
