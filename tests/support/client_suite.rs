//! The XClient suite against the fake X server (tests/fake_x/server.py), which verifies every
//! request's signature with oauthlib. Included by tests/client_web.rs (a page) and
//! tests/client_worker.rs (a service worker, where there is no `window`).
//!
//! `./build.sh test` starts the server and passes its address at compile time in
//! `XMUTE_FAKE_X_HTTP`. Every test makes its own world (app, user, token), so tests never see
//! each other's requests. Worlds are pay-per-use apps (X since 2026: v1.1 refused with code
//! 453) unless created with `"billing": "legacy"`, which every test that reaches v1.1 asks for.

use js_sys::{Object, Promise, Reflect};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;
use xmute::js::{access_token, request_token, XClient};

const ALICE: &str = "1000000001";
const BOB: &str = "1000000002";
const SUSPENDED: &str = "1000000009";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &JsValue) -> Promise;
}

fn fake_x() -> &'static str {
    match option_env!("XMUTE_FAKE_X_HTTP") {
        Some(address) => address,
        None => panic!("XMUTE_FAKE_X_HTTP is not set: run these tests through ./build.sh test, which starts the fake X server"),
    }
}

fn js(value: &Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).expect("valid JSON")
}

fn rust(value: &JsValue) -> Value {
    let text: String = js_sys::JSON::stringify(value).expect("JSON-serialisable").into();
    serde_json::from_str(&text).expect("valid JSON")
}

/// A plain `fetch` to the fake server (control API, authorize page); returns (status, body).
async fn http(method: &str, path: &str, body: Option<(&str, String)>) -> (u16, String) {
    let init = Object::new();
    Reflect::set(&init, &"method".into(), &method.into()).unwrap();
    if let Some((content_type, body)) = body {
        let headers = Object::new();
        Reflect::set(&headers, &"content-type".into(), &content_type.into()).unwrap();
        Reflect::set(&init, &"headers".into(), &headers).unwrap();
        Reflect::set(&init, &"body".into(), &body.into()).unwrap();
    }
    let url = format!("{}{path}", fake_x());
    let response: web_sys::Response = JsFuture::from(global_fetch(&url, &init))
        .await
        .expect("fake X reachable")
        .unchecked_into();
    let text = JsFuture::from(response.text().unwrap())
        .await
        .unwrap()
        .as_string()
        .unwrap();
    (response.status(), text)
}

async fn control(method: &str, path: &str, body: Value) -> Value {
    let (status, text) = http(
        method,
        &format!("/__control/{path}"),
        Some(("application/json", body.to_string())),
    )
    .await;
    assert!((200..300).contains(&status), "control {path}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// A fresh world: an app and a signed-in user of its own.
struct World {
    credentials: Value,
    user_id: String,
}

impl World {
    async fn new(options: Value) -> World {
        let created = control("POST", "worlds", options).await;
        World {
            user_id: created["userId"].as_str().unwrap().to_owned(),
            credentials: json!({
                "consumerKey": created["consumerKey"],
                "consumerSecret": created["consumerSecret"],
                "token": created["token"],
                "tokenSecret": created["tokenSecret"],
            }),
        }
    }

    fn key(&self) -> &str {
        self.credentials["consumerKey"].as_str().unwrap()
    }

    fn client(&self, options: Value) -> XClient {
        let mut options = options;
        options["apiBase"] = json!(fake_x());
        XClient::new(js(&self.credentials), js(&options)).expect("valid client")
    }

    async fn faults(&self, faults: Value) {
        control(
            "POST",
            "faults",
            json!({ "consumerKey": self.key(), "faults": faults }),
        )
        .await;
    }

    async fn requests(&self) -> Vec<Value> {
        let (_, text) = http(
            "GET",
            &format!("/__control/requests?consumerKey={}", self.key()),
            None,
        )
        .await;
        serde_json::from_str::<Vec<Value>>(&text).unwrap()
    }

    /// "METHOD path" of every request the server received, after checking oauthlib verified each.
    async fn sent(&self) -> Vec<String> {
        let requests = self.requests().await;
        for request in &requests {
            assert_eq!(request["verified"], json!(true), "oauthlib rejected {request}");
        }
        requests
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["method"].as_str().unwrap(),
                    r["path"].as_str().unwrap()
                )
            })
            .collect()
    }

    async fn muting(&self) -> Vec<String> {
        let (_, text) = http(
            "GET",
            &format!("/__control/state?consumerKey={}", self.key()),
            None,
        )
        .await;
        let state: Value = serde_json::from_str(&text).unwrap();
        state["muting"][&self.user_id]
            .as_array()
            .map(|ids| ids.iter().map(|id| id.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    }
}

async fn resolve(promise: Promise) -> Result<Value, (String, Value)> {
    match JsFuture::from(promise).await {
        Ok(value) => Ok(rust(&value)),
        Err(error) => {
            let error: js_sys::Error = error.dyn_into().expect("rejections are Error objects");
            let mut fields = serde_json::Map::new();
            for key in [
                "field",
                "resetAt",
                "serverTime",
                "status",
                "code",
                "detail",
                "timeoutMs",
                "reason",
                "requiredEnrollment",
                "period",
            ] {
                let value = Reflect::get(&error, &key.into()).unwrap();
                if !value.is_undefined() {
                    fields.insert(key.to_owned(), rust(&value));
                }
            }
            fields.insert("message".into(), json!(String::from(error.message())));
            Err((String::from(error.name()), Value::Object(fields)))
        }
    }
}

async fn mute(client: &XClient, target: Value) -> Result<Value, (String, Value)> {
    resolve(client.mute(js(&target))).await
}

async fn unmute(client: &XClient, target: Value) -> Result<Value, (String, Value)> {
    resolve(client.unmute(js(&target))).await
}

fn error_name(result: Result<Value, (String, Value)>) -> (String, Value) {
    result.expect_err("the call should fail")
}

#[wasm_bindgen_test]
async fn v2_mute_then_unmute_by_id() {
    let world = World::new(json!({})).await;
    let client = world.client(json!({}));
    let muted = mute(&client, json!({ "userId": ALICE })).await.unwrap();
    assert_eq!(muted["muting"], json!(true));
    assert_eq!(muted["via"], json!("2"));
    assert_eq!(muted["rateLimit"]["limit"], json!(50));
    assert_eq!(muted["rateLimit"]["remaining"], json!(49));
    assert!(muted["rateLimit"]["reset"].as_f64().unwrap() > 1.7e9);
    assert_eq!(world.muting().await, [ALICE]);

    let unmuted = unmute(&client, json!({ "userId": ALICE })).await.unwrap();
    assert_eq!(
        (unmuted["muting"].clone(), unmuted["via"].clone()),
        (json!(false), json!("2"))
    );
    assert!(world.muting().await.is_empty());
    let path = format!("/2/users/{}/muting", world.user_id);
    assert_eq!(
        world.sent().await,
        [format!("POST {path}"), format!("DELETE {path}/{ALICE}")]
    );
    let first = &world.requests().await[0];
    assert_eq!(first["body"], json!(format!(r#"{{"target_user_id":"{ALICE}"}}"#)));
    assert_eq!(first["headers"]["content-type"], json!("application/json"));
}

#[wasm_bindgen_test]
async fn v2_screen_name_is_resolved_first() {
    let world = World::new(json!({})).await;
    let client = world.client(json!({ "apiVersion": "2" }));
    mute(&client, json!({ "screenName": "Bob_Fixture" }))
        .await
        .unwrap();
    assert_eq!(world.muting().await, [BOB]);
    assert_eq!(
        world.sent().await,
        [
            "GET /2/users/by/username/Bob_Fixture".to_owned(),
            format!("POST /2/users/{}/muting", world.user_id)
        ]
    );
}

#[wasm_bindgen_test]
async fn v1_mute_by_screen_name_and_unmute_by_id() {
    let world = World::new(json!({ "billing": "legacy" })).await;
    let client = world.client(json!({ "apiVersion": "1.1" }));
    let muted = mute(&client, json!({ "screenName": "alice_fixture" }))
        .await
        .unwrap();
    assert_eq!(muted["via"], json!("1.1"));
    unmute(&client, json!({ "userId": ALICE })).await.unwrap();
    assert_eq!(
        world.sent().await,
        [
            "POST /1.1/mutes/users/create.json",
            "POST /1.1/mutes/users/destroy.json"
        ]
    );
    let requests = world.requests().await;
    assert_eq!(requests[0]["query"]["screen_name"], json!(["alice_fixture"]));
    assert_eq!(requests[1]["query"]["user_id"], json!([ALICE]));
}

#[wasm_bindgen_test]
async fn token_without_user_prefix_asks_users_me_once() {
    let world = World::new(json!({ "tokenPrefix": false })).await;
    let client = world.client(json!({}));
    mute(&client, json!({ "userId": ALICE })).await.unwrap();
    mute(&client, json!({ "userId": BOB })).await.unwrap();
    let path = format!("POST /2/users/{}/muting", world.user_id);
    assert_eq!(
        world.sent().await,
        ["GET /2/users/me".to_owned(), path.clone(), path]
    );
}

#[wasm_bindgen_test]
async fn not_enrolled_falls_back_to_v1_and_stays_there() {
    let world = World::new(json!({ "billing": "legacy" })).await;
    world
        .faults(json!([{ "kind": "not_enrolled", "match": { "path": "^/2/" }, "times": -1 }]))
        .await;
    let client = world.client(json!({}));
    assert_eq!(client.api_version_in_use(), "2");
    assert_eq!(
        mute(&client, json!({ "userId": ALICE })).await.unwrap()["via"],
        json!("1.1")
    );
    assert_eq!(client.api_version_in_use(), "1.1");
    assert_eq!(
        unmute(&client, json!({ "userId": ALICE })).await.unwrap()["via"],
        json!("1.1")
    );
    assert_eq!(
        world.sent().await,
        [
            format!("POST /2/users/{}/muting", world.user_id),
            "POST /1.1/mutes/users/create.json".to_owned(),
            "POST /1.1/mutes/users/destroy.json".to_owned()
        ]
    );

    let forced = World::new(json!({})).await;
    forced.faults(json!([{ "kind": "not_enrolled" }])).await;
    let (name, _) = error_name(
        mute(
            &forced.client(json!({ "apiVersion": "2" })),
            json!({ "userId": ALICE }),
        )
        .await,
    );
    assert_eq!(name, "NotEnrolled");

    let level = World::new(json!({ "billing": "legacy" })).await;
    level.faults(json!([{ "kind": "access_level" }])).await;
    assert_eq!(
        mute(&level.client(json!({})), json!({ "userId": ALICE }))
            .await
            .unwrap()["via"],
        json!("1.1")
    );

    // On v1.1 a 453 is the app's access level, reported with its code.
    let v1_level = World::new(json!({ "billing": "legacy" })).await;
    v1_level.faults(json!([{ "kind": "access_level" }])).await;
    let (name, fields) = error_name(
        mute(
            &v1_level.client(json!({ "apiVersion": "1.1" })),
            json!({ "userId": ALICE }),
        )
        .await,
    );
    assert_eq!((name.as_str(), &fields["code"]), ("NotEnrolled", &json!(453)));
    assert!(
        fields["message"].as_str().unwrap().contains("access level"),
        "{fields}"
    );
}

#[wasm_bindgen_test]
async fn clock_skew_is_corrected_from_the_date_header() {
    let world = World::new(json!({})).await;
    control(
        "POST",
        "clock",
        json!({ "consumerKey": world.key(), "offset": 3600 }),
    )
    .await;
    let client = world.client(json!({}));
    mute(&client, json!({ "userId": ALICE })).await.unwrap();
    let offset = rust(&client.state())["clockOffset"].as_f64().unwrap();
    assert!((offset - 3600.0).abs() <= 2.0, "offset {offset}");
    let requests = world.requests().await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["status"], json!(401));
    assert_eq!(requests[1]["status"], json!(200));
    assert_ne!(
        requests[0]["oauth"]["oauth_nonce"],
        requests[1]["oauth"]["oauth_nonce"]
    );
    // The corrected clock is kept: the next request is accepted at once.
    unmute(&client, json!({ "userId": ALICE })).await.unwrap();
    assert_eq!(world.requests().await.len(), 3);
    // ... and by a new client (a new worker) handed what this one learned.
    let state = rust(&client.state());
    assert_eq!(
        (&state["apiVersion"], &state["userId"]),
        (&json!("2"), &json!(world.user_id))
    );
    let next = world.client(json!({ "state": state }));
    mute(&next, json!({ "userId": BOB })).await.unwrap();
    assert_eq!(world.requests().await.len(), 4);
    assert!(XClient::new(
        js(&world.credentials),
        js(&json!({ "state": { "clockOffset": 1.5 } }))
    )
    .is_err());
}

#[wasm_bindgen_test]
async fn scripted_faults_become_typed_errors() {
    let cases: [(Value, &str); 10] = [
        (json!({ "kind": "rate_limit", "resetIn": 120 }), "RateLimited"),
        (json!({ "kind": "unauthorized" }), "Unauthorized"),
        (json!({ "kind": "timestamp" }), "TimestampRejected"),
        (json!({ "kind": "server_error", "status": 503 }), "Server"),
        (
            json!({ "kind": "server_error", "status": 500, "body": "json" }),
            "Server",
        ),
        (json!({ "kind": "malformed" }), "BadResponse"),
        (json!({ "kind": "html", "status": 502 }), "Server"),
        (json!({ "kind": "wrong_shape" }), "BadResponse"),
        (json!({ "kind": "huge", "bytes": 4_194_304 }), "BadResponse"),
        (json!({ "kind": "reset" }), "Network"),
    ];
    for (fault, expected) in cases {
        let world = World::new(json!({})).await;
        // The timestamp fault is answered twice: the retry after the correction fails too.
        // A reset is answered every time: browsers retry once on a reset keep-alive connection.
        let times = match fault["kind"].as_str() {
            Some("timestamp") => 2,
            Some("reset") => -1,
            _ => 1,
        };
        let mut fault = fault;
        fault["times"] = json!(times);
        world.faults(json!([fault.clone()])).await;
        let (name, fields) = error_name(
            mute(
                &world.client(json!({ "apiVersion": "2" })),
                json!({ "userId": ALICE }),
            )
            .await,
        );
        assert_eq!(name, expected, "{fault}: {fields}");
        assert!(!fields["message"].as_str().unwrap().is_empty());
        if expected == "RateLimited" {
            let reset = fields["resetAt"].as_f64().expect("resetAt");
            let now = js_sys::Date::now() / 1000.0;
            assert!((reset - now - 120.0).abs() < 10.0, "resetAt {reset} now {now}");
        }
        if expected == "Server" {
            assert!(fields["status"].as_f64().unwrap() >= 500.0);
        }
        assert!(world.muting().await.is_empty(), "{fault} must not mute");
    }
}

#[wasm_bindgen_test]
async fn hangs_and_slow_bodies_time_out() {
    for fault in [
        json!({ "kind": "hang", "seconds": 5 }),
        json!({ "kind": "slow_body", "seconds": 5 }),
    ] {
        let world = World::new(json!({})).await;
        world.faults(json!([fault.clone()])).await;
        let started = js_sys::Date::now();
        let (name, fields) = error_name(
            mute(
                &world.client(json!({ "timeoutMs": 400 })),
                json!({ "userId": ALICE }),
            )
            .await,
        );
        assert_eq!(name, "Timeout", "{fault}");
        assert_eq!(fields["timeoutMs"], json!(400));
        assert!(
            js_sys::Date::now() - started < 4000.0,
            "{fault} was not cut short"
        );
    }
}

#[wasm_bindgen_test]
async fn partial_errors_beside_data_are_a_success() {
    let world = World::new(json!({})).await;
    world.faults(json!([{ "kind": "partial_errors" }])).await;
    assert_eq!(
        mute(&world.client(json!({})), json!({ "userId": ALICE }))
            .await
            .unwrap()["muting"],
        json!(true)
    );
}

#[wasm_bindgen_test]
async fn targets_x_refuses_are_cannot_mute() {
    let world = World::new(json!({ "billing": "legacy" })).await;
    let v2 = world.client(json!({ "apiVersion": "2" }));
    let v1 = world.client(json!({ "apiVersion": "1.1" }));
    let me = world.user_id.clone();
    for (client, call, target, code) in [
        (&v2, "mute", json!({ "userId": SUSPENDED }), None),
        (&v2, "mute", json!({ "userId": me }), None),
        (&v2, "mute", json!({ "userId": "999999999999" }), None),
        (&v2, "mute", json!({ "screenName": "nobody_here_1" }), None),
        (&v1, "mute", json!({ "userId": me }), Some(271)),
        (&v1, "mute", json!({ "userId": "999999999999" }), Some(50)),
        (&v1, "mute", json!({ "userId": SUSPENDED }), Some(63)),
    ] {
        let result = if call == "mute" {
            mute(client, target.clone()).await
        } else {
            unmute(client, target.clone()).await
        };
        let (name, fields) = error_name(result);
        assert_eq!(name, "CannotMute", "{call} {target}: {fields}");
        if let Some(code) = code {
            assert_eq!(fields["code"], json!(code), "{call} {target}");
        }
    }
    // v1.1 answers an unmute of someone not muted with code 272: that is the state wanted.
    let done = unmute(&v1, json!({ "userId": BOB })).await.unwrap();
    assert_eq!(done, json!({ "muting": false, "via": "1.1", "targetId": BOB }));
    let refused = world.requests().await.into_iter().last().unwrap();
    assert_eq!(refused["status"], json!(403));
}

#[wasm_bindgen_test]
async fn invalid_targets_are_refused_before_anything_is_sent() {
    let world = World::new(json!({})).await;
    let client = world.client(json!({}));
    for (target, field) in [
        (json!({ "userId": "12ab" }), "target.userId"),
        (json!({ "userId": "12345678901234567890" }), "target.userId"),
        (json!({ "screenName": "has space" }), "target.screenName"),
        (json!({ "screenName": "much_too_long_name" }), "target.screenName"),
        (json!({}), "target"),
    ] {
        let (name, fields) = error_name(mute(&client, target.clone()).await);
        assert_eq!(
            (name.as_str(), fields["field"].as_str()),
            ("InvalidInput", Some(field)),
            "{target}"
        );
    }
    assert!(world.requests().await.is_empty());
    for (credentials, options, field) in [
        (
            json!({ "consumerKey": "k", "consumerSecret": "s" }),
            json!({}),
            "credentials.token",
        ),
        (
            json!({ "consumerKey": "k", "consumerSecret": "s", "token": "1-t", "tokenSecret": "x" }),
            json!({ "apiVersion": "3" }),
            "options.apiVersion",
        ),
        (
            json!({ "consumerKey": "k", "consumerSecret": "s", "token": "1-t", "tokenSecret": "x" }),
            json!({ "timeoutMs": 0 }),
            "options.timeoutMs",
        ),
        (
            json!({ "consumerKey": "k", "consumerSecret": "s", "token": "1-t", "tokenSecret": "x" }),
            json!({ "apiBase": "api.x.com" }),
            "options.apiBase",
        ),
    ] {
        let error: js_sys::Error = XClient::new(js(&credentials), js(&options))
            .err()
            .expect("refused")
            .unchecked_into();
        assert_eq!(String::from(error.name()), "InvalidInput");
        assert_eq!(
            Reflect::get(&error, &"field".into())
                .unwrap()
                .as_string()
                .as_deref(),
            Some(field)
        );
    }
}

#[wasm_bindgen_test]
async fn verify_credentials_and_muted_ids_in_both_generations() {
    let world = World::new(json!({ "screenName": "xmute_demo", "billing": "legacy" })).await;
    let account = resolve(world.client(json!({})).verify_credentials())
        .await
        .unwrap();
    assert_eq!(
        account,
        json!({ "userId": "1234567890", "screenName": "xmute_demo" })
    );
    control(
        "POST",
        "state",
        json!({ "consumerKey": world.key(), "muting": { "1234567890": [ALICE, BOB] } }),
    )
    .await;
    let read = resolve(world.client(json!({})).muted_users(js(&json!({}))))
        .await
        .unwrap();
    assert_eq!(read["complete"], json!(true));
    let mut ids: Vec<Value> = read["ids"].as_array().unwrap().clone();
    ids.sort_by_key(|v| v.to_string());
    assert_eq!(ids, [json!(ALICE), json!(BOB)]);

    world
        .faults(json!([{ "kind": "not_enrolled", "match": { "path": "^/2/" }, "times": -1 }]))
        .await;
    let account = resolve(world.client(json!({})).verify_credentials())
        .await
        .unwrap();
    assert_eq!(account["screenName"], json!("xmute_demo"));
    let ids = resolve(
        world
            .client(json!({ "apiVersion": "1.1" }))
            .muted_users(js(&json!({}))),
    )
    .await
    .unwrap();
    assert_eq!(ids["ids"].as_array().unwrap().len(), 2);
    let sent = world.sent().await;
    assert!(
        sent.contains(&"GET /1.1/account/verify_credentials.json".to_owned()),
        "{sent:?}"
    );
    assert!(
        sent.contains(&"GET /1.1/mutes/users/ids.json".to_owned()),
        "{sent:?}"
    );
}

/// Starts PIN sign-in and approves the app on the fake authorize page, as a user would;
/// returns the temporary credentials and the PIN shown.
async fn approved_request_token(consumer: &Value, options: &Value) -> (Value, String) {
    let start = resolve(request_token(js(consumer), js(options))).await.unwrap();
    let authorize = start["authorizeUrl"].as_str().unwrap();
    assert!(
        authorize.starts_with(&format!("{}/oauth/authorize?oauth_token=", fake_x())),
        "{authorize}"
    );
    let form = format!("oauth_token={}", start["token"].as_str().unwrap());
    let (status, page) = http(
        "POST",
        "/oauth/authorize",
        Some(("application/x-www-form-urlencoded", form)),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    let pin = page
        .split("<code id=\"oauth_pin\">")
        .nth(1)
        .expect("a PIN")
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    let temporary = json!({
        "consumerKey": consumer["consumerKey"], "consumerSecret": consumer["consumerSecret"],
        "token": start["token"], "tokenSecret": start["tokenSecret"],
    });
    (temporary, pin)
}

#[wasm_bindgen_test]
async fn pin_sign_in_then_mute_with_the_new_token() {
    let world = World::new(json!({})).await;
    let consumer = json!({
        "consumerKey": world.credentials["consumerKey"],
        "consumerSecret": world.credentials["consumerSecret"],
    });
    let options = json!({ "apiBase": fake_x() });

    let (temporary, _) = approved_request_token(&consumer, &options).await;
    let wrong = resolve(access_token(
        js(&temporary),
        JsValue::from_str("0000000"),
        js(&options),
    ))
    .await;
    assert_eq!(error_name(wrong).0, "Unauthorized");

    let (temporary, pin) = approved_request_token(&consumer, &options).await;
    let access = resolve(access_token(
        js(&temporary),
        JsValue::from_str(&pin),
        js(&options),
    ))
    .await
    .unwrap();
    assert_eq!(access["userId"], json!(world.user_id));
    assert!(access["token"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{}-", world.user_id)));

    let signed_in = json!({
        "consumerKey": consumer["consumerKey"], "consumerSecret": consumer["consumerSecret"],
        "token": access["token"], "tokenSecret": access["tokenSecret"],
    });
    mute(
        &XClient::new(js(&signed_in), js(&options)).unwrap(),
        json!({ "userId": ALICE }),
    )
    .await
    .unwrap();
    assert_eq!(world.muting().await, [ALICE]);
    let requests = world.requests().await;
    let token_requests: Vec<&Value> = requests
        .iter()
        .filter(|r| r["path"] == json!("/oauth/request_token"))
        .collect();
    assert_eq!(token_requests.len(), 2);
    assert!(token_requests
        .iter()
        .all(|r| r["oauth"]["oauth_callback"] == json!("oob") && r["verified"] == json!(true)));
    assert!(token_requests
        .iter()
        .all(|r| r["oauth"].get("oauth_token").is_none()));
}

// ---- pay-per-use (X since 2026) ---------------------------------------------------------------

#[wasm_bindgen_test]
async fn out_of_credits_and_the_usage_cap_are_their_own_errors_and_cost_nothing() {
    let world = World::new(json!({ "credits": 0.01 })).await;
    let client = world.client(json!({}));
    mute(&client, json!({ "userId": ALICE })).await.unwrap();
    let (name, fields) = error_name(mute(&client, json!({ "userId": BOB })).await);
    assert_eq!(
        (name.as_str(), &fields["detail"]),
        ("CreditsDepleted", &json!("credits depleted"))
    );
    let usage = rust(&client.take_usage());
    assert_eq!(
        usage,
        json!({ "mutes": 1, "unmutes": 0, "mutedAccountsRead": 0, "usersRead": 0 })
    );

    let capped = World::new(json!({ "monthlyCap": 0.005 })).await;
    let client = capped.client(json!({}));
    unmute(&client, json!({ "userId": ALICE })).await.unwrap();
    let (name, fields) = error_name(mute(&client, json!({ "userId": BOB })).await);
    assert_eq!(
        (name.as_str(), &fields["period"]),
        ("UsageCapped", &json!("Monthly"))
    );
    assert_eq!(
        capped.sent().await,
        [
            format!("DELETE /2/users/{}/muting/{ALICE}", capped.user_id),
            format!("POST /2/users/{}/muting", capped.user_id),
        ]
    );
}

#[wasm_bindgen_test]
async fn auto_does_not_stay_on_v1_when_x_refuses_it_to_a_pay_per_use_app() {
    let world = World::new(json!({})).await;
    world
        .faults(json!([{ "kind": "not_enrolled", "times": 1, "match": { "path": "/muting$" } }]))
        .await;
    let client = world.client(json!({ "apiVersion": "auto" }));
    let (name, fields) = error_name(mute(&client, json!({ "userId": ALICE })).await);
    assert_eq!(
        (name.as_str(), &fields["reason"]),
        ("NotEnrolled", &json!("client-not-enrolled"))
    );
    assert_eq!(client.api_version_in_use(), "2");
    mute(&client, json!({ "userId": ALICE })).await.unwrap();
    assert_eq!(
        world.sent().await,
        [
            format!("POST /2/users/{}/muting", world.user_id),
            "POST /1.1/mutes/users/create.json".to_owned(),
            format!("POST /2/users/{}/muting", world.user_id),
        ]
    );
}

#[wasm_bindgen_test]
async fn a_read_of_the_mute_list_stops_at_its_limit_and_counts_what_x_bills() {
    let world = World::new(json!({})).await;
    control(
        "POST",
        "state",
        json!({ "consumerKey": world.key(), "muting": { &world.user_id: ["1000000001", "1000000002", "1000000003"] } }),
    )
    .await;
    let client = world.client(json!({}));
    let read = resolve(client.muted_users(js(&json!({ "max": 2 }))))
        .await
        .unwrap();
    assert_eq!(
        (read["ids"].as_array().unwrap().len(), &read["complete"]),
        (2, &json!(false))
    );
    assert_eq!(rust(&client.take_usage())["mutedAccountsRead"], json!(2));
    let ledger = {
        let (_, text) = http(
            "GET",
            &format!("/__control/ledger?consumerKey={}", world.key()),
            None,
        )
        .await;
        serde_json::from_str::<Value>(&text).unwrap()
    };
    assert_eq!(
        ledger["entries"][0]["resources"],
        json!(2),
        "X was asked for no more than 2"
    );
    let all = resolve(client.muted_users(js(&json!({})))).await.unwrap();
    assert_eq!(
        (all["ids"].as_array().unwrap().len(), &all["complete"]),
        (3, &json!(true))
    );
}
