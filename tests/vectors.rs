//! Published signature vectors (tests/vectors.json names the source of each group), checked
//! through the Rust signer natively (`cargo test`) and in headless Chromium (`wasm-pack test`),
//! one test body for both; in the browser also through the JavaScript `signRequest` boundary.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use serde::Deserialize;
use xmute::oauth::{Credentials, ProtocolParams, Request, SignatureMethod, Signer};

#[derive(Deserialize)]
struct File {
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    source: String,
    vectors: Vec<Vector>,
}

#[derive(Deserialize, Clone)]
pub struct Vector {
    pub name: String,
    pub request: VRequest,
    pub credentials: VCredentials,
    pub options: VOptions,
    pub expect: Expect,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct VRequest {
    method: String,
    url: String,
    body: Option<String>,
    content_type: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct VCredentials {
    consumer_key: String,
    consumer_secret: String,
    token: Option<String>,
    token_secret: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct VOptions {
    nonce: String,
    timestamp: u64,
    callback: Option<String>,
    verifier: Option<String>,
    realm: Option<String>,
    version: Option<bool>,
    signature_method: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Expect {
    signature: Option<String>,
    base_string: Option<String>,
    authorization_starts_with: Option<String>,
}

fn vectors() -> Vec<(String, Vector)> {
    let file: File = serde_json::from_str(include_str!("vectors.json")).expect("tests/vectors.json parses");
    file.groups
        .into_iter()
        .flat_map(|g| {
            let source = g.source;
            g.vectors.into_iter().map(move |v| (source.clone(), v))
        })
        .collect()
}

/// What a signer produced for a vector: (authorization, base string, signature).
type Produced = (String, String, String);

fn check(source: &str, vector: &Vector, produced: Produced) {
    let (authorization, base_string, signature) = produced;
    let label = format!("{} [{}]", vector.name, source);
    if let Some(expected) = &vector.expect.signature {
        assert_eq!(&signature, expected, "signature of {label}");
        let encoded = xmute::oauth::percent_encode(expected);
        assert!(
            authorization.contains(&format!("oauth_signature=\"{encoded}\"")),
            "header of {label}: {authorization}"
        );
    }
    if let Some(expected) = &vector.expect.base_string {
        assert_eq!(&base_string, expected, "base string of {label}");
    }
    if let Some(prefix) = &vector.expect.authorization_starts_with {
        assert!(
            authorization.starts_with(prefix),
            "header of {label}: {authorization}"
        );
    }
}

fn sign_in_rust(vector: &Vector) -> Produced {
    let c = &vector.credentials;
    let mut credentials = Credentials::new(c.consumer_key.as_str(), c.consumer_secret.as_str()).unwrap();
    if let Some(token) = &c.token {
        credentials = credentials.with_token(token.as_str(), c.token_secret.clone().unwrap_or_default());
    }
    let o = &vector.options;
    let protocol = ProtocolParams {
        nonce: &o.nonce,
        timestamp: o.timestamp,
        callback: o.callback.as_deref(),
        verifier: o.verifier.as_deref(),
        realm: o.realm.as_deref(),
        version: o.version.unwrap_or(true),
        signature_method: o
            .signature_method
            .as_deref()
            .map_or(SignatureMethod::HmacSha1, |m| SignatureMethod::parse(m).unwrap()),
    };
    let r = &vector.request;
    let request = Request {
        method: &r.method,
        url: &r.url,
        body: r.body.as_deref(),
        content_type: r.content_type.as_deref(),
    };
    let signed = Signer::new(&credentials).sign(&request, &protocol).unwrap();
    (signed.authorization, signed.base_string, signed.signature)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn published_vectors_through_the_rust_signer() {
    let all = vectors();
    assert!(
        all.len() >= 12,
        "expected every published vector, found {}",
        all.len()
    );
    for (source, vector) in &all {
        check(source, vector, sign_in_rust(vector));
    }
}

#[cfg(target_arch = "wasm32")]
mod through_javascript {
    use super::*;
    use js_sys::{Object, Reflect};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn object(entries: &[(&str, Option<JsValue>)]) -> JsValue {
        let object = Object::new();
        for (key, value) in entries {
            if let Some(value) = value {
                Reflect::set(&object, &(*key).into(), value).unwrap();
            }
        }
        object.into()
    }

    fn string(value: &Option<String>) -> Option<JsValue> {
        value.as_deref().map(JsValue::from_str)
    }

    fn js_args(vector: &Vector) -> (JsValue, JsValue, JsValue) {
        let r = &vector.request;
        let c = &vector.credentials;
        let o = &vector.options;
        (
            object(&[
                ("method", Some(r.method.as_str().into())),
                ("url", Some(r.url.as_str().into())),
                ("body", string(&r.body)),
                ("contentType", string(&r.content_type)),
            ]),
            object(&[
                ("consumerKey", Some(c.consumer_key.as_str().into())),
                ("consumerSecret", Some(c.consumer_secret.as_str().into())),
                ("token", string(&c.token)),
                ("tokenSecret", string(&c.token_secret)),
            ]),
            object(&[
                ("nonce", Some(o.nonce.as_str().into())),
                ("timestamp", Some(JsValue::from_f64(o.timestamp as f64))),
                ("callback", string(&o.callback)),
                ("verifier", string(&o.verifier)),
                ("realm", string(&o.realm)),
                ("version", o.version.map(JsValue::from_bool)),
                ("signatureMethod", string(&o.signature_method)),
            ]),
        )
    }

    fn produced(result: &JsValue) -> Produced {
        let get = |key: &str| Reflect::get(result, &key.into()).unwrap().as_string().unwrap();
        (get("authorization"), get("baseString"), get("signature"))
    }

    #[wasm_bindgen_test]
    fn published_vectors_through_sign_request_and_signer() {
        for (source, vector) in &vectors() {
            let (request, credentials, options) = js_args(vector);
            let result = xmute::js::sign_request(request.clone(), credentials.clone(), options.clone())
                .unwrap_or_else(|e| panic!("{}: {e:?}", vector.name));
            check(source, vector, produced(&result));
            let signer = xmute::js::Signer::new(credentials).unwrap();
            check(source, vector, produced(&signer.sign(request, options).unwrap()));
        }
    }

    /// `signRequest` and `Signer.sign` hand the Rust signer exactly the request, options and
    /// credentials given: long and multi-byte input, a NUL in a field, options with and without
    /// `version`, null options; and `signRequest`, which keeps the key of the last credentials
    /// it was given, signs each call with that call's credentials, also when only one secret
    /// changes.
    #[wasm_bindgen_test]
    fn the_boundary_signs_what_it_is_given() {
        let mut base = vectors()[0].1.clone(); // X's statuses/update example
        base.options.version = None;
        let long_path: String = "é/".repeat(1500);
        let long_body = format!("status={}", "🔇 mute+%20 ".repeat(400));
        let cases = [
            (
                "POST",
                "https://api.x.com/1.1/statuses/update.json?include_entities=true".to_owned(),
                base.request.body.clone(),
                base.request.content_type.clone(),
            ),
            (
                "POST",
                format!("https://API.x.com:443/{long_path}?q=%F0%9F%94%87&q=a+b"),
                Some(long_body),
                Some("application/x-www-form-urlencoded".to_owned()),
            ),
            (
                "POST",
                "https://api.x.com/2/users/1/muting".to_owned(),
                Some("{\"target_user_id\":\"2\0\"}".to_owned()),
                Some("application/json".to_owned()),
            ),
            ("GET", "https://api.x.com/x?a=\0".to_owned(), None, None),
            (
                "delete",
                "https://api.x.com/2/users/1/muting/2".to_owned(),
                None,
                None,
            ),
        ];
        for (method, url, body, content_type) in cases {
            let mut vector = base.clone();
            vector.request = VRequest {
                method: method.to_owned(),
                url,
                body,
                content_type,
            };
            let expected = sign_in_rust(&vector);
            let (request, credentials, options) = js_args(&vector);
            let field_by_field = Object::assign(&Object::new(), &Object::from(options.clone()));
            Reflect::set(&field_by_field, &"version".into(), &true.into()).unwrap();
            let signer = xmute::js::Signer::new(credentials.clone()).unwrap();
            for options in [options, field_by_field.into()] {
                assert_eq!(
                    produced(&signer.sign(request.clone(), options.clone()).unwrap()),
                    expected,
                    "{method}"
                );
                assert_eq!(
                    produced(
                        &xmute::js::sign_request(request.clone(), credentials.clone(), options).unwrap()
                    ),
                    expected,
                    "{method}"
                );
            }
        }
        // A NUL in the nonce is part of the nonce.
        let mut vector = base.clone();
        vector.options.nonce = "abc\u{0}123".to_owned();
        let expected = sign_in_rust(&vector);
        let (request, credentials, options) = js_args(&vector);
        assert_eq!(
            produced(&xmute::js::sign_request(request, credentials, options).unwrap()),
            expected
        );
        // One credential set after another, each differing from the one before in one field
        // (a NUL, a secret's last byte, the token, its secret or both missing), then the first
        // again: signRequest must never sign with the key it kept from the call before.
        for (consumer_secret, token, token_secret) in [
            ("sec\u{0}ret", Some("t"), Some("s")),
            ("secret", Some("t"), Some("s")),
            ("secreu", Some("t"), Some("s")),
            ("secreu", Some("t"), Some("r")),
            ("secret", Some("t\u{0}"), Some("s")),
            ("secret", Some("t"), Some("s\u{0}")),
            ("secret", Some("t"), None),
            ("secret", None, Some("unused")),
            ("secret", None, None),
            ("sec\u{0}ret", Some("t"), Some("s")),
        ] {
            let mut vector = base.clone();
            vector.credentials.consumer_secret = consumer_secret.to_owned();
            vector.credentials.token = token.map(str::to_owned);
            vector.credentials.token_secret = token_secret.map(str::to_owned);
            let expected = sign_in_rust(&vector);
            let (request, credentials, options) = js_args(&vector);
            assert_eq!(
                produced(&xmute::js::sign_request(request, credentials, options).unwrap()),
                expected,
                "{consumer_secret:?} {token:?} {token_secret:?}"
            );
        }
        // null options are no options: a fresh nonce and timestamp.
        let (request, credentials, _) = js_args(&base);
        let signed = produced(&xmute::js::sign_request(request, credentials, JsValue::NULL).unwrap());
        assert!(signed.0.contains("oauth_nonce=\""), "{}", signed.0);
    }

    fn error_of(result: Result<JsValue, JsValue>) -> (String, String, String) {
        let error = result.expect_err("bad input must throw");
        let error: js_sys::Error = error.into();
        let field = Reflect::get(&error, &"field".into())
            .unwrap()
            .as_string()
            .unwrap_or_default();
        (String::from(error.name()), String::from(error.message()), field)
    }

    #[wasm_bindgen_test]
    fn bad_input_throws_an_error_naming_the_field() {
        let vector = &vectors()[0].1;
        let (request, credentials, options) = js_args(vector);
        let set = |target: &JsValue, key: &str, value: JsValue| {
            let copy = Object::assign(&Object::new(), &Object::from(target.clone()));
            Reflect::set(&copy, &key.into(), &value).unwrap();
            JsValue::from(copy)
        };
        let cases = [
            (
                request.clone(),
                set(&credentials, "consumerKey", JsValue::UNDEFINED),
                options.clone(),
                "credentials.consumerKey",
            ),
            (
                request.clone(),
                set(&credentials, "consumerKey", "".into()),
                options.clone(),
                "credentials.consumerKey",
            ),
            (
                set(&request, "url", "not a url".into()),
                credentials.clone(),
                options.clone(),
                "request.url",
            ),
            (
                set(&request, "url", "https://:443/x".into()),
                credentials.clone(),
                options.clone(),
                "request.url",
            ),
            (
                set(&request, "method", "GE T".into()),
                credentials.clone(),
                options.clone(),
                "request.method",
            ),
            (
                request.clone(),
                credentials.clone(),
                set(&options, "signatureMethod", "RSA-SHA1".into()),
                "options.signatureMethod",
            ),
            (
                request.clone(),
                credentials.clone(),
                set(&options, "timestamp", "1318622958".into()),
                "options.timestamp",
            ),
            (
                request.clone(),
                credentials.clone(),
                set(&options, "timestamp", JsValue::from_f64(1.5)),
                "options.timestamp",
            ),
            (
                JsValue::UNDEFINED,
                credentials.clone(),
                options.clone(),
                "request",
            ),
            (request.clone(), JsValue::NULL, options.clone(), "credentials"),
        ];
        for (request, credentials, options, field) in cases {
            let (name, message, reported) = error_of(xmute::js::sign_request(request, credentials, options));
            assert_eq!(name, "InvalidInput");
            assert_eq!(reported, field);
            assert!(message.contains(field), "{message:?} should name {field}");
        }
    }

    #[wasm_bindgen_test]
    fn default_nonce_and_timestamp_are_fresh() {
        let vector = &vectors()[0].1;
        let (request, credentials, _) = js_args(vector);
        let a = produced(
            &xmute::js::sign_request(request.clone(), credentials.clone(), JsValue::UNDEFINED).unwrap(),
        );
        let b = produced(&xmute::js::sign_request(request, credentials, JsValue::UNDEFINED).unwrap());
        let nonce = |h: &str| {
            h.split("oauth_nonce=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_owned()
        };
        assert_eq!(nonce(&a.0).len(), 32);
        assert!(nonce(&a.0).bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(nonce(&a.0), nonce(&b.0));
        let timestamp: u64 =
            a.0.split("oauth_timestamp=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        let now = (js_sys::Date::now() / 1000.0) as u64;
        assert!(now.abs_diff(timestamp) <= 5, "timestamp {timestamp} vs now {now}");
    }
}
