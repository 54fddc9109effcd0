//! The browser platform: `fetch`, `setTimeout`, `crypto.getRandomValues` and `Date.now`, each
//! bound as a **global** (never through `window`), so the same code runs in a Chrome MV3 service
//! worker, a Firefox event page and an ordinary page.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestCredentials, RequestInit, Response};

use crate::client::Platform;
use crate::error::{Error, Result};
use crate::prelude::*;
use crate::x::response::{parse_http_date, HttpResponse, RateLimit, MAX_BODY_BYTES};
use crate::x::HttpRequest;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Promise;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: i32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);

    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// Fills `buf` from Web Crypto's secure random source.
pub fn fill_random(buf: &mut [u8]) {
    get_random_values(buf);
}

/// Milliseconds since the epoch from `Date.now()`.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Describes a rejected promise's value for a message: `Error.message`, or the value as text.
pub fn describe_js(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// [`Platform`] over the browser's globals.
#[derive(Debug, Default, Clone, Copy)]
pub struct WebPlatform;

impl Platform for WebPlatform {
    fn now_ms(&self) -> f64 {
        now_ms()
    }

    fn fill_random(&self, buf: &mut [u8]) {
        fill_random(buf);
    }

    async fn send(
        &self,
        request: &HttpRequest,
        authorization: &str,
        timeout_ms: u32,
    ) -> Result<HttpResponse> {
        send(request, authorization, timeout_ms).await
    }
}

/// Aborts the request when the time limit passes, or when the request's future is dropped.
struct Deadline {
    controller: AbortController,
    timer: JsValue,
}

impl Deadline {
    fn start(timeout_ms: u32) -> Result<Self> {
        let controller = AbortController::new().map_err(|e| Error::Network {
            detail: describe_js(&e),
        })?;
        let abort: Function = Reflect::get(&controller, &JsValue::from_str("abort"))
            .ok()
            .and_then(|f| f.dyn_into().ok())
            .ok_or_else(|| Error::Network {
                detail: "AbortController.abort is missing".into(),
            })?;
        let handler = abort.bind0(&controller);
        let timer = set_timeout(&handler, i32::try_from(timeout_ms).unwrap_or(i32::MAX));
        Ok(Deadline { controller, timer })
    }

    fn expired(&self) -> bool {
        self.controller.signal().aborted()
    }
}

impl Drop for Deadline {
    /// The request's future was dropped (finished, or given up by its caller): stop the timer,
    /// and abort the fetch if it is still running (aborting a finished one does nothing).
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        self.controller.abort();
    }
}

async fn send(request: &HttpRequest, authorization: &str, timeout_ms: u32) -> Result<HttpResponse> {
    let deadline = Deadline::start(timeout_ms)?;
    let failed = |e: JsValue, deadline: &Deadline| {
        if deadline.expired() {
            Error::Timeout { ms: timeout_ms }
        } else {
            Error::Network {
                detail: describe_js(&e),
            }
        }
    };

    let headers = Headers::new().map_err(|e| failed(e, &deadline))?;
    headers
        .set("Authorization", authorization)
        .map_err(|e| failed(e, &deadline))?;
    if let Some(content_type) = request.content_type {
        headers
            .set("Content-Type", content_type)
            .map_err(|e| failed(e, &deadline))?;
    }
    let init = RequestInit::new();
    init.set_method(request.method);
    init.set_headers(&headers);
    init.set_signal(Some(&deadline.controller.signal()));
    // The API is authenticated by the signature alone: never send x.com cookies along.
    init.set_credentials(RequestCredentials::Omit);
    init.set_cache(RequestCache::NoStore);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }

    let response: Response = JsFuture::from(global_fetch(&request.url, &init))
        .await
        .map_err(|e| failed(e, &deadline))?
        .unchecked_into();
    let status = response.status();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let declared_length = header("content-length").and_then(|v| v.trim().parse::<usize>().ok());
    if declared_length.is_some_and(|len| len > MAX_BODY_BYTES) {
        deadline.controller.abort();
        return Err(Error::bad_response(status, "the body is larger than 1 MiB"));
    }
    let text = response.text().map_err(|e| failed(e, &deadline))?;
    let body = JsFuture::from(text).await.map_err(|e| failed(e, &deadline))?;
    let body = body.as_string().unwrap_or_default();
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::bad_response(status, "the body is larger than 1 MiB"));
    }
    Ok(HttpResponse {
        status,
        body,
        date: header("date").as_deref().and_then(parse_http_date),
        rate_limit: RateLimit::from_headers(
            header("x-rate-limit-limit").as_deref(),
            header("x-rate-limit-remaining").as_deref(),
            header("x-rate-limit-reset").as_deref(),
        ),
    })
}
