//! The `#[wasm_bindgen]` boundary: JavaScript values in, JavaScript values out, and nothing
//! else. Conversions happen here and only here; every [`Error`] becomes a JavaScript `Error`
//! in [`to_js_error`].

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::{Error, Result};
use crate::oauth::Credentials;
use crate::prelude::*;

/// The X client's part of the boundary (`XClient`, PIN sign-in): the `client` feature.
#[cfg(feature = "client")]
mod client;
#[cfg(feature = "client")]
pub use client::{access_token, request_token, XClient};

/// The signer's part of the boundary (`signRequest`, `Signer`): the `signer` feature.
#[cfg(feature = "signer")]
mod sign;
#[cfg(feature = "signer")]
pub use sign::{sign_request, Signer};

/// Converts an [`Error`] into a JavaScript `Error` whose `name` is the variant and whose
/// properties are the variant's fields. The one place Rust errors become JavaScript values.
pub fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(&error.message());
    js.set_name(error.name());
    let set = |key: &str, value: JsValue| {
        let _ = Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    match error {
        Error::InvalidInput { field, .. } => set("field", JsValue::from_str(field)),
        Error::RateLimited { reset_at } => set("resetAt", optional_number(*reset_at)),
        Error::TimestampRejected { server_time } => set("serverTime", optional_number(*server_time)),
        Error::Unauthorized { detail } | Error::Forbidden { detail } | Error::CreditsDepleted { detail } => {
            set("detail", JsValue::from_str(detail))
        }
        Error::CannotMute { code, detail } => {
            set("code", optional_number(code.map(u64::from)));
            set("detail", JsValue::from_str(detail));
        }
        Error::NotEnrolled {
            code,
            reason,
            required_enrollment,
            detail,
        } => {
            set("code", optional_number(code.map(u64::from)));
            set("reason", optional_string(reason.as_deref()));
            set(
                "requiredEnrollment",
                optional_string(required_enrollment.as_deref()),
            );
            set("detail", JsValue::from_str(detail));
        }
        Error::UsageCapped { period, detail } => {
            set("period", optional_string(period.as_deref()));
            set("detail", JsValue::from_str(detail));
        }
        Error::Server { status } => set("status", JsValue::from(*status)),
        Error::Network { detail } => set("detail", JsValue::from_str(detail)),
        Error::Timeout { ms } => set("timeoutMs", JsValue::from(*ms)),
        Error::BadResponse { status, detail } | Error::Rejected { status, detail } => {
            set("status", JsValue::from(*status));
            set("detail", JsValue::from_str(detail));
        }
    }
    js.into()
}

fn optional_number(value: Option<u64>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, |v| JsValue::from_f64(v as f64))
}

fn optional_string(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::UNDEFINED, JsValue::from_str)
}

// ---- reading JavaScript values -------------------------------------------------------------

/// A string field's value: `undefined` and `null` are absent; anything but a string is an error.
fn string_value(value: JsValue, field: &'static str) -> Result<Option<String>> {
    match value.as_string() {
        Some(text) => Ok(Some(text)),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => Err(Error::invalid(field, "must be a string")),
    }
}

/// A non-negative whole number below 2^53; `undefined` and `null` are absent.
fn whole_number(value: JsValue, field: &'static str) -> Result<Option<u64>> {
    match value.as_f64() {
        Some(n) if (0.0..=9_007_199_254_740_991.0).contains(&n) && n == (n as u64) as f64 => {
            Ok(Some(n as u64))
        }
        Some(_) => Err(Error::invalid(field, "must be a non-negative whole number")),
        None if value.is_undefined() || value.is_null() => Ok(None),
        None => Err(Error::invalid(field, "must be a number")),
    }
}

/// `value` itself when it is an object; `undefined`/`null` is an empty object when `optional`.
fn object(value: JsValue, field: &'static str, optional: bool) -> Result<JsValue> {
    if value.is_object() {
        Ok(value)
    } else if optional && (value.is_undefined() || value.is_null()) {
        Ok(Object::new().into())
    } else {
        Err(Error::invalid(field, "must be an object"))
    }
}

#[wasm_bindgen]
extern "C" {
    /// The fields of a credentials object. A getter each: a direct property read in the glue,
    /// where `Reflect.get` needs the key built as a JavaScript string first (`signRequest`
    /// reads them on every call).
    type CredentialFields;
    #[wasm_bindgen(method, getter = consumerKey, structural)]
    fn consumer_key(this: &CredentialFields) -> JsValue;
    #[wasm_bindgen(method, getter = consumerSecret, structural)]
    fn consumer_secret(this: &CredentialFields) -> JsValue;
    #[wasm_bindgen(method, getter, structural)]
    fn token(this: &CredentialFields) -> JsValue;
    #[wasm_bindgen(method, getter = tokenSecret, structural)]
    fn token_secret(this: &CredentialFields) -> JsValue;
}

fn read_credentials(value: JsValue) -> Result<Credentials> {
    credentials_from_values(credential_values(value)?)
}

/// The four fields of a credentials object as given: consumerKey, consumerSecret, token,
/// tokenSecret, one getter each.
fn credential_values(value: JsValue) -> Result<[JsValue; 4]> {
    let value = object(value, "credentials", false)?;
    let fields: &CredentialFields = value.unchecked_ref();
    Ok([
        fields.consumer_key(),
        fields.consumer_secret(),
        fields.token(),
        fields.token_secret(),
    ])
}

/// Credentials from [`credential_values`], each checked for type and presence.
fn credentials_from_values(
    [consumer_key, consumer_secret, token, token_secret]: [JsValue; 4],
) -> Result<Credentials> {
    let required =
        |value, field| string_value(value, field)?.ok_or_else(|| Error::invalid(field, "is required"));
    let consumer_key = required(consumer_key, "credentials.consumerKey")?;
    let consumer_secret = required(consumer_secret, "credentials.consumerSecret")?;
    let token = string_value(token, "credentials.token")?;
    let token_secret = string_value(token_secret, "credentials.tokenSecret")?;
    credentials_from(consumer_key, consumer_secret, token, token_secret)
}

/// Credentials from the four fields of a credentials object; a token secret without a token
/// is ignored, a token without a secret has an empty one.
fn credentials_from<S: Into<String>>(
    consumer_key: S,
    consumer_secret: S,
    token: Option<S>,
    token_secret: Option<S>,
) -> Result<Credentials> {
    let credentials = Credentials::new(consumer_key, consumer_secret)?;
    Ok(match token {
        Some(token) => credentials.with_token(token, token_secret.map_or_else(String::new, Into::into)),
        None => credentials,
    })
}
