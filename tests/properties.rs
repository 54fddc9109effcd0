//! Property tests: encoding round trips, and no input (URL, parameters, credentials, server
//! answer) makes the signer or the response parser panic: every failure is a typed error.
//!
//! `cargo test` runs 256 cases per property; `./build.sh fuzz` runs 100,000
//! (`PROPTEST_CASES=100000`).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use xmute::oauth::{
    form_decode, percent_encode, percent_encode_into, reencode_form_component, Credentials, ProtocolParams,
    Request, RequestUrl, SignatureMethod, Signer,
};
use xmute::x::json::Json;
use xmute::x::response::{self, HttpResponse, RateLimit};
use xmute::x::{Action, Target};

/// Strings that look like URLs often enough to reach deep into the parser.
fn url_like() -> impl Strategy<Value = String> {
    let scheme = prop_oneof!["https?", "HTTPS?", "[a-z]{0,5}", Just(String::new())];
    let host = prop_oneof!["[a-zA-Z0-9.-]{0,20}", r"\[[0-9a-f:]{0,10}\]?", ".{0,10}"];
    let port = prop_oneof![Just(String::new()), ":[0-9]{0,7}", ":.{0,3}"];
    (
        scheme,
        prop_oneof![Just("://"), Just(":/"), Just("")],
        host,
        port,
        ".{0,30}",
        ".{0,40}",
    )
        .prop_map(|(scheme, sep, host, port, path, rest)| format!("{scheme}{sep}{host}{port}/{path}?{rest}"))
}

fn arbitrary_method() -> impl Strategy<Value = SignatureMethod> {
    prop_oneof![
        Just(SignatureMethod::HmacSha1),
        Just(SignatureMethod::HmacSha256),
        Just(SignatureMethod::Plaintext)
    ]
}

proptest! {
    #[test]
    fn form_decoding_inverts_percent_encoding(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut encoded = String::new();
        percent_encode_into(&mut encoded, &bytes);
        prop_assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        prop_assert_eq!(form_decode(&encoded), bytes);
    }

    #[test]
    fn reencoding_a_form_component_is_decoding_then_encoding(component in r"[a-zA-Z0-9%+ ~!*'()\-._é☃😀&=]{0,40}") {
        let mut once = Vec::new();
        reencode_form_component(&mut once, &component);
        let mut twice = String::new();
        percent_encode_into(&mut twice, &form_decode(&component));
        prop_assert_eq!(String::from_utf8(once).unwrap(), twice);
    }

    #[test]
    fn text_round_trips_through_encoding(text in ".{0,60}") {
        let mut encoded = String::new();
        percent_encode_into(&mut encoded, text.as_bytes());
        prop_assert_eq!(String::from_utf8(form_decode(&encoded)).unwrap(), text);
    }

    #[test]
    fn signing_arbitrary_requests_never_panics(
        method in ".{0,8}",
        url in prop_oneof![url_like(), ".{0,80}"],
        body in proptest::option::of(".{0,80}"),
        form in any::<bool>(),
        consumer_key in ".{0,10}",
        secrets in (".{0,10}", ".{0,10}", ".{0,10}"),
        nonce in ".{0,10}",
        timestamp in any::<u64>(),
        extras in (proptest::option::of(".{0,10}"), proptest::option::of(".{0,10}"), proptest::option::of(".{0,10}")),
        signature_method in arbitrary_method(),
        version in any::<bool>(),
    ) {
        let (consumer_secret, token, token_secret) = secrets;
        let credentials = match Credentials::new(consumer_key.as_str(), consumer_secret.as_str()) {
            Ok(c) => c.with_token(token.as_str(), token_secret.as_str()),
            Err(e) => {
                // The only credential the signer requires.
                prop_assert_eq!(e.field(), "credentials.consumerKey");
                prop_assert!(consumer_key.is_empty());
                return Ok(());
            }
        };
        let request = Request {
            method: &method,
            url: &url,
            body: body.as_deref(),
            content_type: Some(if form { "application/x-www-form-urlencoded" } else { "application/json" }),
        };
        let protocol = ProtocolParams {
            nonce: &nonce,
            timestamp,
            callback: extras.0.as_deref(),
            verifier: extras.1.as_deref(),
            realm: extras.2.as_deref(),
            version,
            signature_method,
        };
        match Signer::new(&credentials).sign(&request, &protocol) {
            Ok(signed) => {
                prop_assert!(signed.authorization.starts_with("OAuth "));
                prop_assert!(signed.authorization.is_ascii());
                prop_assert!(signed.base_string.is_ascii());
                // The JavaScript boundary relies on it: byte offsets are string offsets.
                prop_assert!(signed.signature.is_ascii());
            }
            Err(e) => {
                // Only the inputs the signer validates can be refused.
                prop_assert!(["request.method", "request.url", "options.nonce"].contains(&e.field()), "{}", e);
            }
        }
    }

    #[test]
    fn url_parsing_never_panics(url in prop_oneof![url_like(), ".{0,80}"]) {
        if let Ok(parsed) = RequestUrl::parse(&url) {
            let base = parsed.base_string_uri();
            prop_assert!(base.starts_with("http://") || base.starts_with("https://"));
            prop_assert!(!base.contains('?') && !base.contains('#'));
            // What the base string carries is the percent-encoding of the base string URI.
            let mut encoded = Vec::new();
            parsed.write_base_string_uri_encoded(&mut encoded);
            prop_assert_eq!(String::from_utf8(encoded).unwrap(), percent_encode(&base));
        }
    }

    #[test]
    fn any_server_answer_is_a_value_or_a_typed_error(
        status in prop_oneof![Just(200u16), Just(401), Just(403), Just(429), Just(500), 0u16..1000],
        body in prop_oneof![
            ".{0,200}",
            Just(r#"{"errors":[{"code":88}]}"#.to_owned()),
            Just(r#"{"data":{"muting":"yes"}}"#.to_owned()),
            r#"\{"(data|errors|id_str|ids|meta|reason|type|title)":.{0,40}\}"#,
        ],
        date in proptest::option::of(any::<u64>()),
        reset in proptest::option::of(".{0,12}"),
    ) {
        let answer = HttpResponse {
            status,
            body,
            date,
            rate_limit: RateLimit::from_headers(reset.as_deref(), reset.as_deref(), reset.as_deref()),
        };
        let _ = response::check(&answer);
        let _ = response::v2_mute_result(&answer, Action::Mute);
        let _ = response::v2_mute_result(&answer, Action::Unmute);
        let _ = response::v1_mute_result(&answer);
        let _ = response::v2_user(&answer);
        let _ = response::v1_user(&answer);
        let _ = response::v2_muted_page(&answer);
        let _ = response::v1_muted_page(&answer);
        let _ = response::token_credentials(&answer, true);
        if !(200..300).contains(&status) {
            prop_assert!(response::check(&answer).is_err());
        }
    }

    #[test]
    fn json_reader_never_panics_and_agrees_with_serde_json_on_validity(
        text in prop_oneof![
            ".{0,60}",
            r#"[\[\]{}",:0-9a-z\\ -]{0,60}"#,
            r#"\{"[a-z]{0,5}":(\[|\{|"|[0-9]|true|null){0,20}"#,
        ]
    ) {
        let ours = Json::parse(&text).is_some();
        let reference = serde_json::from_str::<serde_json::Value>(&text).is_ok();
        prop_assert_eq!(ours, reference, "{:?}", text);
    }

    #[test]
    fn dates_and_targets_never_panic(text in ".{0,40}", id in proptest::option::of(".{0,22}")) {
        let _ = response::parse_http_date(&text);
        let _ = Target::new(id.as_deref(), Some(&text));
    }
}
