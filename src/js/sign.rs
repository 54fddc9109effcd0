//! The signer's part of the `#[wasm_bindgen]` boundary: `signRequest` and `Signer`. Built with
//! the `signer` feature (the signer-only module and the benchmarks); the extension never signs
//! from JavaScript (its X client signs inside wasm), so its module leaves this out.

use alloc::borrow::Cow;
use core::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::{credentials_from, read_credentials, string_value, to_js_error, whole_number};
use crate::error::{Error, Result};
use crate::oauth::{self, nonce_from_random, ProtocolParams, SignatureMethod};
use crate::prelude::*;
use crate::text;
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
const encoder = new TextEncoder();
const PRESENT = "ABCDEFGHIJKLMNOP".split("");
let bytes = new Uint8Array(0);
function joinRequest(r, o) {
  if (typeof r !== "object" || r === null) return undefined;
  const { method, url, body, contentType } = r;
  if (typeof method !== "string" || typeof url !== "string") return undefined;
  if (!(contentType === undefined || typeof contentType === "string")) return undefined;
  if (!(body === undefined || typeof body === "string")) return undefined;
  let nonce, timestamp;
  if (o !== undefined && o !== null) {
    if (typeof o !== "object") return undefined;
    ({ nonce, timestamp } = o);
    if (o.callback !== undefined || o.verifier !== undefined || o.realm !== undefined
      || o.version !== undefined || o.signatureMethod !== undefined) return undefined;
    if (!(nonce === undefined || typeof nonce === "string")) return undefined;
    if (!(timestamp === undefined || (Number.isSafeInteger(timestamp) && timestamp >= 0))) return undefined;
  }
  const present = (contentType === undefined ? 0 : 1) | (body === undefined ? 0 : 2)
    | (nonce === undefined ? 0 : 4) | (timestamp === undefined ? 0 : 8);
  // A NUL inside a field makes more fields than the reader expects, which it declines.
  return PRESENT[present] + method + "\0" + url + "\0" + (contentType ?? "") + "\0"
    + (body ?? "") + "\0" + (nonce ?? "") + "\0" + (timestamp ?? "");
}
function write(memory, ptr, room, joined) {
  if (joined.length * 3 > room) return -2 - joined.length * 3;
  if (bytes.buffer !== memory.buffer) bytes = new Uint8Array(memory.buffer);
  return encoder.encodeInto(joined, bytes.subarray(ptr, ptr + room)).written;
}
export function signInput(memory, ptr, room, r, o) {
  const joined = joinRequest(r, o);
  return joined === undefined ? -1 : write(memory, ptr, room, joined);
}
export function signInputWithCredentials(memory, ptr, room, r, o, c) {
  const joined = joinRequest(r, o);
  if (joined === undefined || typeof c !== "object" || c === null) return -1;
  const { consumerKey, consumerSecret, token, tokenSecret } = c;
  if (typeof consumerKey !== "string" || typeof consumerSecret !== "string") return -1;
  if (!(token === undefined || typeof token === "string")) return -1;
  if (!(tokenSecret === undefined || typeof tokenSecret === "string")) return -1;
  const present = (token === undefined ? 0 : 1) | (tokenSecret === undefined ? 0 : 2);
  return write(memory, ptr, room, joined + "\0" + PRESENT[present] + consumerKey + "\0"
    + consumerSecret + "\0" + (token ?? "") + "\0" + (tokenSecret ?? ""));
}
"#)]
extern "C" {
    /// `{ authorization, baseString, signature }` from what [`oauth::Signer::sign_into`] wrote
    /// (base string, signature, header; all ASCII, so byte offsets are string offsets): an
    /// object literal built in one call with one string to decode, where `Reflect.set` per key
    /// and a string each cost several times more. `out` is a view of wasm memory, decoded at
    /// once.
    #[wasm_bindgen(js_name = signResult)]
    fn sign_result(out: &[u8], base_string_len: usize, signature_len: usize) -> JsValue;

    /// The common call in one crossing: `request` and `options` (with at most `nonce` and
    /// `timestamp`), checked for type, joined into one string, fields separated by NUL:
    /// `present method NUL url NUL contentType NUL body NUL nonce NUL timestamp`, where
    /// `present` is one letter, `A` plus bit 1 for contentType, 2 body, 4 nonce, 8 timestamp,
    /// and the timestamp is decimal digits; and written as UTF-8
    /// straight into wasm memory at `ptr` (`room` bytes there) by `TextEncoder.encodeInto`.
    /// Returns the bytes written; -1 when anything else is there (another option, a field of
    /// the wrong type), and then [`sign_js`] reads the fields one by one and names whatever is
    /// wrong; `-2 - n` when it needs `n` bytes of room. A NUL inside a field is written as it
    /// is: the reader then finds more fields than it expects and declines, and the slow path
    /// signs.
    #[wasm_bindgen(js_name = signInput)]
    fn sign_input(memory: &JsValue, ptr: usize, room: usize, request: &JsValue, options: &JsValue) -> f64;

    /// [`sign_input`] for `signRequest`, with its credentials in the same crossing, after the
    /// request's fields: `NUL present consumerKey NUL consumerSecret NUL token NUL
    /// tokenSecret`, where `present` is `A` plus bit 1 for token, 2 tokenSecret. (A function
    /// of its own: `Signer.sign`, the hot path, reads no credentials.)
    #[wasm_bindgen(js_name = signInputWithCredentials)]
    fn sign_input_with_credentials(
        memory: &JsValue,
        ptr: usize,
        room: usize,
        request: &JsValue,
        options: &JsValue,
        credentials: &JsValue,
    ) -> f64;
}

/// Where [`sign_input`] writes, and where the signer writes its result: kept between calls by a
/// [`Signer`], grown when a request needs more.
struct Input {
    bytes: RefCell<Vec<u8>>,
    /// For [`oauth::Signer::sign_into`].
    output: RefCell<Vec<u8>>,
    /// This module's memory, for [`sign_input`].
    memory: JsValue,
}

impl Input {
    fn new() -> Self {
        Input {
            bytes: RefCell::new(vec![0; 2048]),
            output: RefCell::new(Vec::new()),
            memory: wasm_bindgen::memory(),
        }
    }

    /// Runs `f` on the request, options and (if given) credentials [`sign_input`] joined, or
    /// returns `None` when it declined them.
    fn with_joined<T>(
        &self,
        request: &JsValue,
        options: &JsValue,
        credentials: Option<&JsValue>,
        f: impl FnOnce(Joined<'_>) -> T,
    ) -> Option<T> {
        // Busy only if a getter of the request re-entered XMute: then the slow path.
        let mut input = self.bytes.try_borrow_mut().ok()?;
        let write = |input: &mut Vec<u8>| {
            let (ptr, room) = (input.as_mut_ptr() as usize, input.len());
            match credentials {
                None => sign_input(&self.memory, ptr, room, request, options),
                Some(credentials) => {
                    sign_input_with_credentials(&self.memory, ptr, room, request, options, credentials)
                }
            }
        };
        let mut written = write(&mut input);
        if written <= -2.0 {
            input.resize((-2.0 - written) as usize, 0);
            written = write(&mut input);
        }
        if written < 0.0 {
            return None;
        }
        let joined = core::str::from_utf8(input.get(..written as usize)?).ok()?;
        Joined::parse(joined, credentials.is_some()).map(f)
    }
}

/// The fields of a request as [`sign_input`] joined them.
struct Joined<'a> {
    method: &'a str,
    url: &'a str,
    content_type: Option<&'a str>,
    body: Option<&'a str>,
    nonce: Option<&'a str>,
    timestamp: Option<u64>,
    /// Consumer key and secret, token and token secret, when they were asked for.
    credentials: Option<JoinedCredentials<'a>>,
}

type JoinedCredentials<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>);

impl<'a> Joined<'a> {
    fn parse(joined: &'a str, with_credentials: bool) -> Option<Self> {
        let present = presence(joined, 16)?;
        let mut fields = text::split_byte(joined.get(1..)?, 0);
        let method = field(&mut fields, present, 0)??;
        let url = field(&mut fields, present, 0)??;
        let content_type = field(&mut fields, present, 1)?;
        let body = field(&mut fields, present, 2)?;
        let nonce = field(&mut fields, present, 4)?;
        let timestamp = match field(&mut fields, present, 8)? {
            Some(digits) => Some(safe_integer(digits)?),
            None => None,
        };
        let credentials = if with_credentials {
            let first = fields.next()?;
            let present = presence(first, 4)?;
            let consumer_secret = field(&mut fields, present, 0)??;
            let token = field(&mut fields, present, 1)?;
            let token_secret = field(&mut fields, present, 2)?;
            Some((first.get(1..)?, consumer_secret, token, token_secret))
        } else {
            None
        };
        // Exactly the fields asked for: a NUL inside one would shift them; then the slow path
        // reads them.
        if fields.next().is_some() {
            return None;
        }
        Some(Joined {
            method,
            url,
            content_type,
            body,
            nonce,
            timestamp,
            credentials,
        })
    }
}

/// The next field; `Some(None)` when `present` lacks its `bit` (bit 0: always present).
fn field<'a>(fields: &mut impl Iterator<Item = &'a str>, present: u8, bit: u8) -> Option<Option<&'a str>> {
    let field = fields.next()?;
    Some((bit == 0 || present & bit != 0).then_some(field))
}

/// The presence bits a field group starts with: one letter, `A` plus bits below `limit`.
fn presence(field: &str, limit: u8) -> Option<u8> {
    field
        .as_bytes()
        .first()?
        .checked_sub(b'A')
        .filter(|&bits| bits < limit)
}

/// The value of 1 to 16 decimal digits (JavaScript's safe integers have at most 16, so this
/// cannot overflow).
fn safe_integer(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    digits.bytes().try_fold(0u64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// Signs the request [`sign_input`] read.
fn sign_joined(signer: &oauth::Signer, input: &Input, fields: &Joined<'_>) -> Result<JsValue> {
    let form = oauth::is_form_urlencoded(fields.content_type);
    sign_fields(
        signer,
        &input.output,
        &oauth::Request {
            method: fields.method,
            url: fields.url,
            body: if form { fields.body } else { None },
            content_type: fields.content_type,
        },
        SignOptions {
            nonce: fields.nonce.map(Cow::Borrowed),
            timestamp: fields.timestamp,
            ..SignOptions::default()
        },
    )
}

/// Signs with prepared credentials: `request` and `options` as in [`sign_request`].
fn sign_js(signer: &oauth::Signer, input: &Input, request: &JsValue, options: &JsValue) -> Result<JsValue> {
    let fast = input.with_joined(request, options, None, |fields| {
        sign_joined(signer, input, &fields)
    });
    if let Some(result) = fast {
        return result;
    }
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
    if options.is_object() {
        protocol.read(options.unchecked_ref())?;
    } else if !options.is_undefined() && !options.is_null() {
        return Err(Error::invalid("options", "must be an object"));
    }
    sign_fields(
        signer,
        &input.output,
        &oauth::Request {
            method: &method,
            url: &url,
            body: body.as_deref(),
            content_type: content_type.as_deref(),
        },
        protocol,
    )
}

/// Signs `request` into `output`, choosing the nonce and timestamp `protocol` leaves open, and
/// builds the JavaScript result.
fn sign_fields(
    signer: &oauth::Signer,
    output: &RefCell<Vec<u8>>,
    request: &oauth::Request<'_>,
    mut protocol: SignOptions<'_>,
) -> Result<JsValue> {
    let nonce = match protocol.nonce.take() {
        Some(nonce) => nonce,
        None => {
            let mut random = [0u8; 32];
            transport::fill_random(&mut random);
            Cow::Owned(nonce_from_random(&random))
        }
    };
    let timestamp = protocol
        .timestamp
        .unwrap_or_else(|| (transport::now_ms() / 1000.0) as u64);
    // Never busy (nothing between here and the result runs the caller's code); a fresh buffer
    // if it were.
    let mut fresh = Vec::new();
    let mut reused = output.try_borrow_mut();
    let out = reused.as_deref_mut().unwrap_or(&mut fresh);
    let lengths = signer.sign_into(
        request,
        &ProtocolParams {
            nonce: &nonce,
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
struct SignOptions<'a> {
    nonce: Option<Cow<'a, str>>,
    timestamp: Option<u64>,
    callback: Option<String>,
    verifier: Option<String>,
    realm: Option<String>,
    version: bool,
    signature_method: SignatureMethod,
}

impl Default for SignOptions<'_> {
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

impl SignOptions<'_> {
    fn read(&mut self, options: &SignFields) -> Result<()> {
        self.nonce = string_value(options.nonce(), "options.nonce")?.map(Cow::Owned);
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
    let input = Input::new();
    // The common call: request, credentials and options read in one crossing.
    let fast = input.with_joined(&request, &options, Some(&credentials), |fields| {
        let (consumer_key, consumer_secret, token, token_secret) = fields.credentials?;
        let credentials = credentials_from(consumer_key, consumer_secret, token, token_secret);
        Some(
            credentials
                .and_then(|credentials| sign_joined(&oauth::Signer::new(&credentials), &input, &fields)),
        )
    });
    let result = match fast.flatten() {
        Some(result) => result,
        None => read_credentials(credentials)
            .and_then(|credentials| sign_js(&oauth::Signer::new(&credentials), &input, &request, &options)),
    };
    result.map_err(|e| to_js_error(&e))
}

/// Signs many requests with one set of credentials; the signing key is prepared once.
#[wasm_bindgen]
pub struct Signer {
    inner: oauth::Signer,
    input: Input,
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
            input: Input::new(),
        })
    }

    /// `.sign(request, options?)`: the same arguments and result as `signRequest`.
    #[wasm_bindgen(unchecked_return_type = "SignResult")]
    pub fn sign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SignRequestInit")] request: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SignOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        sign_js(&self.inner, &self.input, &request, &options).map_err(|e| to_js_error(&e))
    }
}
