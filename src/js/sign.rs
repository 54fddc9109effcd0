//! The signer's part of the `#[wasm_bindgen]` boundary: `signRequest` and `Signer`. Built with
//! the `signer` feature (the signer-only module and the benchmarks); the extension never signs
//! from JavaScript (its X client signs inside wasm), so its module leaves this out.

use core::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;

use super::{
    credential_values, credentials_from_values, read_credentials, string_value, to_js_error, whole_number,
};
use crate::error::{Error, Result};
use crate::nonce::NonceSource;
use crate::oauth::{self, ProtocolParams, SignatureMethod};
use crate::prelude::*;
use crate::transport;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The request to sign. `url` may carry a query string. */
export interface SignRequestInit {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}
/** Client credentials and, optionally, token credentials. */
export interface OAuthCredentials {
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
}
/** Protocol parameters; nonce and timestamp default to fresh values. */
export interface SignOptions {
  nonce?: string;
  timestamp?: number;
  callback?: string;
  verifier?: string;
  realm?: string;
  /** Include oauth_version=1.0 (default true). */
  version?: boolean;
  signatureMethod?: "HMAC-SHA1" | "HMAC-SHA256" | "PLAINTEXT";
}
export interface SignResult {
  authorization: string;
  baseString: string;
  signature: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The fields `signRequest` and `Signer.sign` read from their `request` and `options`
    /// objects. A getter each: a direct property read in the glue, instead of building the key
    /// as a JavaScript string on every call.
    type SignFields;
    #[wasm_bindgen(method, getter, structural)]
    fn method(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn url(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn body(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter = contentType, structural)]
    fn content_type(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn nonce(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn timestamp(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn callback(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn verifier(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn realm(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn version(this: &SignFields) -> JsValue;
    #[wasm_bindgen(method, getter = signatureMethod, structural)]
    fn signature_method(this: &SignFields) -> JsValue;
}

#[wasm_bindgen(inline_js = r#"
const decoder = new TextDecoder();
export function signResult(out, b, s) {
  const all = decoder.decode(out);
  return { authorization: all.slice(b + s), baseString: all.slice(0, b), signature: all.slice(b, b + s) };
}
"#)]
extern "C" {
    /// `{ authorization, baseString, signature }` from what [`oauth::Signer::sign_into`] wrote
    /// (base string, signature, header; all ASCII, so byte offsets are string offsets): an
    /// object literal built in one call with one string to decode, instead of a `Reflect.set`
    /// and a string of its own for each key, each a crossing of the boundary. `out` is a view of
    /// wasm memory, decoded at once.
    #[wasm_bindgen(js_name = signResult)]
    fn sign_result(out: &[u8], base_string_len: usize, signature_len: usize) -> JsValue;
}

/// What every call of this wasm instance shares: the nonce pool, and `signRequest`'s last
/// credentials with their prepared signer and its output buffer.
struct Instance {
    nonces: RefCell<NonceSource>,
    last: Cell<Option<Prepared>>,
}

/// Credentials as given and the [`oauth::Signer`] prepared from them.
struct Prepared {
    /// The credentials object's four fields as read ([`credential_values`]), to recognise the
    /// same credentials next time.
    given: [JsValue; 4],
    signer: oauth::Signer,
    output: RefCell<Vec<u8>>,
}

/// wasm32-unknown-unknown without the `atomics` target feature runs one thread (this module
/// refuses to build with it, below), so nothing shares [`INSTANCE`] across threads.
struct OneThread(Instance);
// SAFETY: one thread (see above). On that thread, the RefCell catches re-entry (a page's
// `crypto.getRandomValues` calling back into XMute) and its user has a way around it; the Cell
// is only ever taken and set.
#[allow(unsafe_code)]
unsafe impl Sync for OneThread {}
#[cfg(target_feature = "atomics")]
compile_error!("the signer's instance state assumes one thread: wasm32 with atomics needs it per thread");

static INSTANCE: OneThread = OneThread(Instance {
    nonces: RefCell::new(NonceSource::new()),
    last: Cell::new(None),
});

/// A fresh `oauth_nonce` from this instance's pool of `crypto.getRandomValues` bytes.
fn fresh_nonce() -> crate::nonce::Nonce {
    match INSTANCE.0.nonces.try_borrow_mut() {
        Ok(mut pool) => pool.next(transport::fill_random),
        // Busy only if a page's replacement for `crypto.getRandomValues` called back into
        // XMute while filling the pool: this one nonce comes straight from Web Crypto.
        Err(_) => {
            let mut bytes = [0; crate::nonce::NONCE_LEN];
            transport::fill_random(&mut bytes);
            crate::nonce::Nonce::from_random(bytes)
        }
    }
}

/// Signs `request` (a `{ method, url, body?, contentType? }` object) with `options` (`{ nonce?,
/// timestamp?, ... }` or absent) into `output`, and builds the JavaScript result. Each field is
/// read once, by a getter, and a field of the wrong type is an error that names it.
fn sign_js(
    signer: &oauth::Signer,
    output: &RefCell<Vec<u8>>,
    request: &JsValue,
    options: &JsValue,
) -> Result<JsValue> {
    if !request.is_object() {
        return Err(Error::invalid("request", "must be an object"));
    }
    let request: &SignFields = request.unchecked_ref();
    let method = string_value(request.method(), "request.method")?
        .ok_or_else(|| Error::invalid("request.method", "is required"))?;
    let url = string_value(request.url(), "request.url")?
        .ok_or_else(|| Error::invalid("request.url", "is required"))?;
    let content_type = string_value(request.content_type(), "request.contentType")?;
    // Only a form body is signed: do not copy any other body into wasm.
    let body = if oauth::is_form_urlencoded(content_type.as_deref()) {
        string_value(request.body(), "request.body")?
    } else {
        None
    };

    let mut protocol = SignOptions::default();
    // No options, the common call, is one check.
    if !(options.is_undefined() || options.is_null()) {
        if !options.is_object() {
            return Err(Error::invalid("options", "must be an object"));
        }
        protocol.read(options.unchecked_ref())?;
    }
    // What the caller left out: a nonce from the pool, the time from `Date.now()`.
    let fresh;
    let nonce = match &protocol.nonce {
        Some(nonce) => nonce.as_str(),
        None => {
            fresh = fresh_nonce();
            fresh.as_str()
        }
    };
    let timestamp = protocol
        .timestamp
        .unwrap_or_else(|| (transport::now_ms() / 1000.0) as u64);
    // Never busy (nothing between here and the result runs the caller's code, and a getter that
    // signed again has returned by now); a fresh buffer if it were.
    let mut fresh_output = Vec::new();
    let mut reused = output.try_borrow_mut();
    let out = reused.as_deref_mut().unwrap_or(&mut fresh_output);
    let lengths = signer.sign_into(
        &oauth::Request {
            method: &method,
            url: &url,
            body: body.as_deref(),
            content_type: content_type.as_deref(),
        },
        &ProtocolParams {
            nonce,
            timestamp,
            callback: protocol.callback.as_deref(),
            verifier: protocol.verifier.as_deref(),
            realm: protocol.realm.as_deref(),
            version: protocol.version,
            signature_method: protocol.signature_method,
        },
        out,
    )?;
    // Every part is percent-encoded or base64 (the property tests check it for any input), so
    // byte offsets are string offsets.
    debug_assert!(out.is_ascii());
    Ok(sign_result(out, lengths.base_string, lengths.signature))
}

/// The `options` of `signRequest` and `Signer.sign`, with their defaults.
struct SignOptions {
    nonce: Option<String>,
    timestamp: Option<u64>,
    callback: Option<String>,
    verifier: Option<String>,
    realm: Option<String>,
    version: bool,
    signature_method: SignatureMethod,
}

impl Default for SignOptions {
    fn default() -> Self {
        SignOptions {
            nonce: None,
            timestamp: None,
            callback: None,
            verifier: None,
            realm: None,
            version: true,
            signature_method: SignatureMethod::HmacSha1,
        }
    }
}

impl SignOptions {
    fn read(&mut self, options: &SignFields) -> Result<()> {
        self.nonce = string_value(options.nonce(), "options.nonce")?;
        self.timestamp = whole_number(options.timestamp(), "options.timestamp")?;
        self.callback = string_value(options.callback(), "options.callback")?;
        self.verifier = string_value(options.verifier(), "options.verifier")?;
        self.realm = string_value(options.realm(), "options.realm")?;
        let version = options.version();
        self.version = match version.as_bool() {
            Some(flag) => flag,
            None if version.is_undefined() || version.is_null() => true,
            None => return Err(Error::invalid("options.version", "must be true or false")),
        };
        if let Some(name) = string_value(options.signature_method(), "options.signatureMethod")? {
            self.signature_method = SignatureMethod::parse(&name)?;
        }
        Ok(())
    }
}

/// Signs an HTTP request with OAuth 1.0a (RFC 5849 section 3).
///
/// `signRequest({ method, url, body?, contentType? }, { consumerKey, consumerSecret, token?,
/// tokenSecret? }, { nonce?, timestamp?, callback?, verifier?, realm?, version?,
/// signatureMethod? }?)` returns `{ authorization, baseString, signature }`. Bad input throws an
/// `Error` (name `InvalidInput`) whose message and `field` name the field.
#[wasm_bindgen(js_name = signRequest, unchecked_return_type = "SignResult")]
pub fn sign_request(
    #[wasm_bindgen(unchecked_param_type = "SignRequestInit")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OAuthCredentials")] credentials: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SignOptions | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let given = credential_values(credentials).map_err(|e| to_js_error(&e))?;
    // The last credentials' signer if these are the same (each field `===` the one kept), else
    // one prepared now from the fields just read. It is taken out while the request's getters
    // run, so that a getter that signs (it finds none and prepares its own) or throws (the next
    // call prepares one) leaves nothing half-borrowed.
    let kept = INSTANCE.0.last.take();
    let prepared = match kept {
        Some(kept) if kept.given == given => kept,
        kept => match credentials_from_values(given.clone()) {
            Ok(credentials) => Prepared {
                given,
                signer: oauth::Signer::new(&credentials),
                output: RefCell::new(Vec::new()),
            },
            Err(e) => {
                INSTANCE.0.last.set(kept);
                return Err(to_js_error(&e));
            }
        },
    };
    let result = sign_js(&prepared.signer, &prepared.output, &request, &options);
    INSTANCE.0.last.set(Some(prepared));
    result.map_err(|e| to_js_error(&e))
}

/// Signs many requests with one set of credentials; the signing key is prepared once.
#[wasm_bindgen]
pub struct Signer {
    inner: oauth::Signer,
    /// Where [`oauth::Signer::sign_into`] writes, reused from call to call.
    output: RefCell<Vec<u8>>,
}

#[wasm_bindgen]
impl Signer {
    /// `new Signer({ consumerKey, consumerSecret, token?, tokenSecret? })`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "OAuthCredentials")] credentials: JsValue,
    ) -> Result<Signer, JsValue> {
        let credentials = read_credentials(credentials).map_err(|e| to_js_error(&e))?;
        Ok(Signer {
            inner: oauth::Signer::new(&credentials),
            output: RefCell::new(Vec::new()),
        })
    }

    /// `.sign(request, options?)`: the same arguments and result as `signRequest`.
    #[wasm_bindgen(unchecked_return_type = "SignResult")]
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignRequestInit")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SignOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        sign_js(&self.inner, &self.output, &request, &options).map_err(|e| to_js_error(&e))
    }
}
