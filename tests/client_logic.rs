//! The client's behaviour over a scripted platform: which requests it sends, in which order,
//! and how it reacts to each answer. Signatures are not checked here (the fake X server checks
//! every one with oauthlib in the browser suites); the flow is.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use xmute::client::{access_token, request_token, Client, ClientConfig, Learned, Platform, VersionChoice};
use xmute::oauth::Credentials;
use xmute::x::{ApiBase, HttpRequest, HttpResponse, RateLimit, Target, UserId};
use xmute::Error;

/// Runs a future whose every await is immediately ready (the scripted platform never waits).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    match future.as_mut().poll(&mut context) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("the scripted platform never pends"),
    }
}

#[derive(Debug, Clone)]
struct Sent {
    method: &'static str,
    url: String,
    body: Option<String>,
    authorization: String,
}

#[derive(Default)]
struct Script {
    now_ms: f64,
    answers: RefCell<VecDeque<Result<HttpResponse, Error>>>,
    sent: RefCell<Vec<Sent>>,
}

impl Script {
    fn new(answers: Vec<Result<HttpResponse, Error>>) -> Self {
        Script {
            now_ms: 1_700_000_000_000.0,
            answers: RefCell::new(answers.into()),
            sent: RefCell::default(),
        }
    }

    fn sent(&self) -> Vec<String> {
        self.sent
            .borrow()
            .iter()
            .map(|s| format!("{} {}", s.method, s.url))
            .collect()
    }
}

impl Platform for &Script {
    fn now_ms(&self) -> f64 {
        self.now_ms
    }

    fn fill_random(&self, buf: &mut [u8]) {
        for (i, b) in buf.iter_mut().enumerate() {
            *b = (i as u8)
                .wrapping_mul(7)
                .wrapping_add(self.sent.borrow().len() as u8);
        }
    }

    fn send(
        &self,
        request: &HttpRequest,
        authorization: &str,
        _timeout_ms: u32,
    ) -> impl Future<Output = Result<HttpResponse, Error>> {
        self.sent.borrow_mut().push(Sent {
            method: request.method,
            url: request.url.clone(),
            body: request.body.clone(),
            authorization: authorization.to_owned(),
        });
        let answer = self
            .answers
            .borrow_mut()
            .pop_front()
            .expect("the client sent more requests than scripted");
        async move { answer }
    }
}

fn ok(body: &str) -> Result<HttpResponse, Error> {
    answer(200, body)
}

fn answer(status: u16, body: &str) -> Result<HttpResponse, Error> {
    Ok(HttpResponse {
        status,
        body: body.to_owned(),
        date: None,
        rate_limit: None,
    })
}

const NOT_ENROLLED: &str = r#"{"title":"Client Forbidden","reason":"client-not-enrolled","type":"https://api.twitter.com/2/problems/client-forbidden","detail":"attach to a Project"}"#;

fn credentials(token: &str) -> Credentials {
    Credentials::new("consumer", "consumer-secret")
        .unwrap()
        .with_token(token, "token-secret")
}

fn client<'a>(script: &'a Script, token: &str, version: VersionChoice) -> Client<&'a Script> {
    let config = ClientConfig {
        api_version: version,
        ..ClientConfig::default()
    };
    Client::new(script, &credentials(token), config)
}

fn id(target: &str) -> Target {
    Target::new(Some(target), None).unwrap()
}

fn name(target: &str) -> Target {
    Target::new(None, Some(target)).unwrap()
}

#[test]
fn v2_mute_uses_the_token_prefix_as_source_and_a_json_body() {
    let script = Script::new(vec![ok(r#"{"data":{"muting":true}}"#)]);
    let outcome =
        block_on(client(&script, "370773112-abc", VersionChoice::Auto).mute(&id("2244994945"))).unwrap();
    assert!(outcome.muting);
    assert_eq!(outcome.via.as_str(), "2");
    assert_eq!(script.sent(), ["POST https://api.x.com/2/users/370773112/muting"]);
    let sent = &script.sent.borrow()[0];
    assert_eq!(sent.body.as_deref(), Some(r#"{"target_user_id":"2244994945"}"#));
    assert!(sent
        .authorization
        .starts_with("OAuth oauth_consumer_key=\"consumer\", oauth_nonce=\""));
    assert!(sent.authorization.contains(r#"oauth_timestamp="1700000000""#));
}

#[test]
fn v2_unmute_sends_delete() {
    let script = Script::new(vec![ok(r#"{"data":{"muting":false}}"#)]);
    let outcome = block_on(client(&script, "12-abc", VersionChoice::V2).unmute(&id("34"))).unwrap();
    assert!(!outcome.muting);
    assert_eq!(script.sent(), ["DELETE https://api.x.com/2/users/12/muting/34"]);
}

#[test]
fn without_a_token_prefix_the_source_comes_from_users_me_once() {
    let script = Script::new(vec![
        ok(r#"{"data":{"id":"77","username":"me"}}"#),
        ok(r#"{"data":{"muting":true}}"#),
        ok(r#"{"data":{"muting":false}}"#),
    ]);
    let client = client(&script, "opaque", VersionChoice::Auto);
    block_on(client.mute(&id("5"))).unwrap();
    block_on(client.unmute(&id("5"))).unwrap();
    assert_eq!(
        script.sent(),
        [
            "GET https://api.x.com/2/users/me",
            "POST https://api.x.com/2/users/77/muting",
            "DELETE https://api.x.com/2/users/77/muting/5"
        ]
    );
}

#[test]
fn configured_user_id_is_used_when_the_token_has_no_prefix() {
    let script = Script::new(vec![ok(r#"{"data":{"muting":true}}"#)]);
    let config = ClientConfig {
        user_id: Some(xmute::x::UserId::parse("88", "userId").unwrap()),
        ..ClientConfig::default()
    };
    block_on(Client::new(&script, &credentials("opaque"), config).mute(&id("5"))).unwrap();
    assert_eq!(script.sent(), ["POST https://api.x.com/2/users/88/muting"]);
}

#[test]
fn v2_resolves_screen_names_and_reports_the_id_for_the_caller_to_keep() {
    let script = Script::new(vec![
        ok(r#"{"data":{"id":"6253282","username":"API"}}"#),
        ok(r#"{"data":{"muting":true}}"#),
        ok(r#"{"data":{"muting":false}}"#),
    ]);
    let client2 = client(&script, "12-abc", VersionChoice::V2);
    let outcome = block_on(client2.mute(&name("API"))).unwrap();
    // The caller owns what it learns: it unmutes by the id the mute reported.
    let id = outcome.target_id.unwrap();
    block_on(client2.unmute(&Target::Id(id))).unwrap();
    assert_eq!(
        script.sent(),
        [
            "GET https://api.x.com/2/users/by/username/API",
            "POST https://api.x.com/2/users/12/muting",
            "DELETE https://api.x.com/2/users/12/muting/6253282"
        ]
    );

    let script = Script::new(vec![ok(
        r#"{"id":6253282,"id_str":"6253282","screen_name":"API","muting":true}"#,
    )]);
    let outcome = block_on(client(&script, "12-abc", VersionChoice::V1_1).mute(&name("API"))).unwrap();
    assert_eq!(outcome.via.as_str(), "1.1");
    assert_eq!(
        script.sent(),
        ["POST https://api.x.com/1.1/mutes/users/create.json?screen_name=API"]
    );
}

#[test]
fn auto_falls_back_to_v1_on_not_enrolled_and_remembers() {
    let script = Script::new(vec![
        answer(403, NOT_ENROLLED),
        ok(r#"{"id":5,"id_str":"5","screen_name":"five","muting":true}"#),
        ok(r#"{"id":5,"id_str":"5","screen_name":"five","muting":false}"#),
    ]);
    let client = client(&script, "12-abc", VersionChoice::Auto);
    assert_eq!(block_on(client.mute(&id("5"))).unwrap().via.as_str(), "1.1");
    assert_eq!(client.api_version_in_use().as_str(), "1.1");
    assert_eq!(block_on(client.unmute(&id("5"))).unwrap().via.as_str(), "1.1");
    assert_eq!(
        script.sent(),
        [
            "POST https://api.x.com/2/users/12/muting",
            "POST https://api.x.com/1.1/mutes/users/create.json?user_id=5",
            "POST https://api.x.com/1.1/mutes/users/destroy.json?user_id=5"
        ]
    );
}

#[test]
fn not_enrolled_from_users_me_also_falls_back() {
    let script = Script::new(vec![
        answer(403, NOT_ENROLLED),
        ok(r#"{"id_str":"5","screen_name":"five"}"#),
    ]);
    block_on(client(&script, "opaque", VersionChoice::Auto).mute(&id("5"))).unwrap();
    assert_eq!(
        script.sent(),
        [
            "GET https://api.x.com/2/users/me",
            "POST https://api.x.com/1.1/mutes/users/create.json?user_id=5"
        ]
    );
}

#[test]
fn forced_v2_reports_not_enrolled() {
    let script = Script::new(vec![answer(403, NOT_ENROLLED)]);
    let error = block_on(client(&script, "12-abc", VersionChoice::V2).mute(&id("5"))).unwrap_err();
    assert!(matches!(error, Error::NotEnrolled { .. }), "{error:?}");
    assert_eq!(script.sent().len(), 1);
}

#[test]
fn timestamp_rejection_corrects_the_clock_and_retries_once_with_a_fresh_nonce() {
    let rejected = Ok(HttpResponse {
        status: 401,
        body: r#"{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}"#.into(),
        date: Some(1_700_003_600),
        rate_limit: None,
    });
    let script = Script::new(vec![rejected.clone(), ok(r#"{"data":{"muting":true}}"#)]);
    let client = client(&script, "12-abc", VersionChoice::V2);
    block_on(client.mute(&id("5"))).unwrap();
    assert_eq!(client.clock_offset(), 3600);
    let sent = script.sent.borrow();
    assert!(sent[0].authorization.contains(r#"oauth_timestamp="1700000000""#));
    assert!(sent[1].authorization.contains(r#"oauth_timestamp="1700003600""#));
    let nonce = |s: &Sent| s.authorization.split("oauth_nonce=\"").nth(1).unwrap()[..32].to_owned();
    assert_ne!(nonce(&sent[0]), nonce(&sent[1]));
    drop(sent);

    // A second rejection is reported, not retried forever.
    let script = Script::new(vec![rejected.clone(), rejected]);
    let error = block_on(super_client(&script).mute(&id("5"))).unwrap_err();
    assert!(matches!(
        error,
        Error::TimestampRejected {
            server_time: Some(1_700_003_600)
        }
    ));
    assert_eq!(script.sent().len(), 2);
}

fn super_client(script: &Script) -> Client<&Script> {
    client(script, "12-abc", VersionChoice::V2)
}

#[test]
fn errors_carry_rate_limits_and_transport_failures_pass_through() {
    let limited = Ok(HttpResponse {
        status: 429,
        body: r#"{"title":"Too Many Requests","status":429}"#.into(),
        date: None,
        rate_limit: RateLimit::from_headers(Some("50"), Some("0"), Some("1700000900")),
    });
    let script = Script::new(vec![limited]);
    assert_eq!(
        block_on(super_client(&script).mute(&id("5"))).unwrap_err(),
        Error::RateLimited {
            reset_at: Some(1_700_000_900)
        }
    );
    let script = Script::new(vec![Err(Error::Timeout { ms: 15_000 })]);
    assert_eq!(
        block_on(super_client(&script).mute(&id("5"))).unwrap_err(),
        Error::Timeout { ms: 15_000 }
    );
}

#[test]
fn success_reports_rate_limit_headers() {
    let script = Script::new(vec![Ok(HttpResponse {
        status: 200,
        body: r#"{"data":{"muting":true}}"#.into(),
        date: None,
        rate_limit: RateLimit::from_headers(Some("50"), Some("49"), Some("1700000900")),
    })]);
    let outcome = block_on(super_client(&script).mute(&id("5"))).unwrap();
    assert_eq!(outcome.rate_limit.unwrap().remaining, Some(49));
}

#[test]
fn verify_credentials_falls_back_and_muted_ids_paginate() {
    let script = Script::new(vec![
        answer(403, NOT_ENROLLED),
        ok(r#"{"id_str":"12","screen_name":"me"}"#),
    ]);
    let account = block_on(client(&script, "12-abc", VersionChoice::Auto).verify_credentials()).unwrap();
    assert_eq!(
        (account.user_id.as_str(), account.screen_name.as_str()),
        ("12", "me")
    );
    assert_eq!(
        script.sent()[1],
        "GET https://api.x.com/1.1/account/verify_credentials.json?skip_status=true&include_entities=false"
    );

    let script = Script::new(vec![
        ok(r#"{"data":[{"id":"1"},{"id":"2"}],"meta":{"result_count":2,"next_token":"P2"}}"#),
        ok(r#"{"data":[{"id":"3"}],"meta":{"result_count":1}}"#),
    ]);
    let ids = block_on(super_client(&script).muted_user_ids()).unwrap();
    assert_eq!(
        ids.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    assert_eq!(
        script.sent()[1],
        "GET https://api.x.com/2/users/12/muting?max_results=1000&pagination_token=P2"
    );
}

#[test]
fn pin_flow() {
    let script = Script::new(vec![ok(
        "oauth_token=temp&oauth_token_secret=tsecret&oauth_callback_confirmed=true",
    )]);
    let consumer = Credentials::new("consumer", "cs").unwrap();
    let (temporary, url) = block_on(request_token(&&script, &consumer, &ApiBase::default(), 1000)).unwrap();
    assert_eq!(url, "https://api.x.com/oauth/authorize?oauth_token=temp");
    assert!(script.sent.borrow()[0]
        .authorization
        .contains(r#"oauth_callback="oob""#));
    assert!(!script.sent.borrow()[0].authorization.contains("oauth_token="));

    let script = Script::new(vec![ok(
        "oauth_token=99-acc&oauth_token_secret=asecret&screen_name=me",
    )]);
    let temp = consumer
        .clone()
        .with_token(temporary.token, temporary.token_secret.expose());
    let access = block_on(access_token(
        &&script,
        &temp,
        " 1234567 ",
        &ApiBase::default(),
        1000,
    ))
    .unwrap();
    assert_eq!(access.user_id.unwrap().as_str(), "99");
    let authorization = &script.sent.borrow()[0].authorization;
    assert!(
        authorization.contains(r#"oauth_verifier="1234567""#)
            && authorization.contains(r#"oauth_token="temp""#)
    );

    assert!(matches!(
        block_on(access_token(&&script, &temp, "12 34", &ApiBase::default(), 1000)),
        Err(Error::InvalidInput {
            field: "verifier",
            ..
        })
    ));
}

// ---- pay-per-use (2026) ------------------------------------------------------------------

/// X's answer to a v1.1 mute from a pay-per-use app (x-api-notes.md).
const ACCESS_LEVEL: &str = r#"{"errors":[{"message":"You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only.","code":453}]}"#;

#[test]
fn auto_does_not_stay_on_v1_when_v1_refuses_the_app_too() {
    let script = Script::new(vec![
        answer(403, NOT_ENROLLED),
        answer(403, ACCESS_LEVEL),
        answer(403, NOT_ENROLLED),
        answer(403, ACCESS_LEVEL),
    ]);
    let client = client(&script, "12-abc", VersionChoice::Auto);
    let error = block_on(client.mute(&id("5"))).unwrap_err();
    // v2's refusal is the answer: its reason names the Console step.
    assert!(
        matches!(error, Error::NotEnrolled { code: None, reason: Some(ref r), .. } if r == "client-not-enrolled"),
        "{error:?}"
    );
    assert_eq!(client.api_version_in_use().as_str(), "2");
    // The next action starts from v2 again.
    block_on(client.mute(&id("5"))).unwrap_err();
    assert_eq!(
        script.sent(),
        [
            "POST https://api.x.com/2/users/12/muting",
            "POST https://api.x.com/1.1/mutes/users/create.json?user_id=5",
            "POST https://api.x.com/2/users/12/muting",
            "POST https://api.x.com/1.1/mutes/users/create.json?user_id=5",
        ]
    );
}

#[test]
fn credits_and_caps_are_not_retried_by_the_client() {
    let depleted = r#"{"title":"Payment Required","detail":"credits depleted","type":"https://api.x.com/2/problems/credits-depleted"}"#;
    let script = Script::new(vec![answer(402, depleted)]);
    let client = client(&script, "12-abc", VersionChoice::Auto);
    assert!(matches!(
        block_on(client.mute(&id("5"))),
        Err(Error::CreditsDepleted { .. })
    ));
    assert_eq!(client.api_version_in_use().as_str(), "2");
    assert_eq!(script.sent().len(), 1);
    assert!(client.take_usage().is_empty(), "a failed request is not billed");
}

#[test]
fn billable_answers_are_counted_and_taken() {
    let script = Script::new(vec![
        ok(r#"{"data":{"id":"12","username":"me"}}"#),
        ok(r#"{"data":{"id":"777","username":"someone"}}"#),
        ok(r#"{"data":{"muting":true}}"#),
        ok(r#"{"data":{"muting":false}}"#),
        ok(r#"{"data":[{"id":"1"},{"id":"2"}],"meta":{"result_count":2}}"#),
    ]);
    let client = client(&script, "opaque", VersionChoice::Auto);
    // users/me (the source id) and by/username (the target) are user reads, then the mute.
    block_on(client.mute(&name("someone"))).unwrap();
    let usage = client.take_usage();
    assert_eq!((usage.users_read, usage.mutes, usage.unmutes), (2, 1, 0));
    assert!(client.take_usage().is_empty(), "taking the counts restarts them");
    // The caller keeps the id the mute reported: no second lookup.
    block_on(client.unmute(&id("777"))).unwrap();
    block_on(client.muted_users(None)).unwrap();
    let usage = client.take_usage();
    assert_eq!(
        (usage.users_read, usage.unmutes, usage.muted_accounts_read),
        (0, 1, 2)
    );
}

#[test]
fn v1_answers_are_not_counted() {
    let script = Script::new(vec![ok(
        r#"{"id":5,"id_str":"5","screen_name":"five","muting":true}"#,
    )]);
    let client = client(&script, "12-abc", VersionChoice::V1_1);
    block_on(client.mute(&id("5"))).unwrap();
    assert!(client.take_usage().is_empty());
}

#[test]
fn a_capped_read_asks_for_no_more_than_it_wants() {
    let page = |ids: std::ops::Range<u32>, next: Option<&str>| {
        let data = ids
            .map(|i| format!(r#"{{"id":"{i}"}}"#))
            .collect::<Vec<_>>()
            .join(",");
        let next = next.map_or(String::new(), |n| format!(r#","next_token":"{n}""#));
        ok(&format!(
            r#"{{"data":[{data}],"meta":{{"result_count":1{next}}}}}"#
        ))
    };
    // 1,500 wanted: a page of 1,000, then a page of 500 that still has a next page.
    let script = Script::new(vec![page(0..1000, Some("P2")), page(1000..1500, Some("P3"))]);
    let client = super_client(&script);
    let list = block_on(client.muted_users(Some(1500))).unwrap();
    assert_eq!((list.ids.len(), list.complete), (1500, false));
    assert_eq!(
        script.sent(),
        [
            "GET https://api.x.com/2/users/12/muting?max_results=1000",
            "GET https://api.x.com/2/users/12/muting?max_results=500&pagination_token=P2"
        ]
    );
    assert_eq!(client.take_usage().muted_accounts_read, 1500);

    // A list shorter than the limit is complete; a limit of 0 sends nothing.
    let script = Script::new(vec![page(0..3, None)]);
    let client = super_client(&script);
    let list = block_on(client.muted_users(Some(10))).unwrap();
    assert_eq!((list.ids.len(), list.complete), (3, true));
    assert_eq!(
        script.sent(),
        ["GET https://api.x.com/2/users/12/muting?max_results=10"]
    );
    let list = block_on(client.muted_users(Some(0))).unwrap();
    assert_eq!((list.ids.len(), list.complete), (0, false));
    assert_eq!(script.sent().len(), 1);

    // v1.1 has no page size: the read is cut at the limit.
    let script = Script::new(vec![ok(r#"{"ids":["1","2","3"],"next_cursor_str":"0"}"#)]);
    let list = block_on(client_v1(&script).muted_users(Some(2))).unwrap();
    assert_eq!((list.ids.len(), list.complete), (2, false));
}

fn client_v1(script: &Script) -> Client<&Script> {
    client(script, "12-abc", VersionChoice::V1_1)
}

#[test]
fn v1_not_muting_on_an_unmute_is_the_state_wanted() {
    let not_muting = r#"{"errors":[{"code":272,"message":"You are not muting the specified user."}]}"#;
    let script = Script::new(vec![answer(403, not_muting), answer(403, not_muting)]);
    let client = client_v1(&script);
    let outcome = block_on(client.unmute(&id("5"))).unwrap();
    assert_eq!((outcome.muting, outcome.via.as_str()), (false, "1.1"));
    assert_eq!(outcome.target_id.unwrap().as_str(), "5");
    // On a mute the same code is X refusing: reported.
    assert!(matches!(
        block_on(client.mute(&id("5"))),
        Err(Error::CannotMute { code: Some(272), .. })
    ));
}

#[test]
fn the_id_acted_on_is_reported_also_for_a_screen_name() {
    let script = Script::new(vec![
        ok(r#"{"data":{"id":"777","username":"someone"}}"#),
        ok(r#"{"data":{"muting":true}}"#),
    ]);
    let outcome = block_on(super_client(&script).mute(&name("someone"))).unwrap();
    assert_eq!(outcome.target_id.unwrap().as_str(), "777");
    let script = Script::new(vec![ok(
        r#"{"id":9,"id_str":"9","screen_name":"nine","muting":true}"#,
    )]);
    let outcome = block_on(client_v1(&script).mute(&name("nine"))).unwrap();
    assert_eq!(outcome.target_id.unwrap().as_str(), "9");
}

#[test]
fn what_a_client_learned_starts_the_next_one() {
    // A first client learns the clock offset from X's Date, and that v2 refuses the app.
    let timestamp = r#"{"errors":[{"code":135,"message":"Timestamp out of bounds."}]}"#;
    let skewed = Ok(HttpResponse {
        status: 401,
        body: timestamp.to_owned(),
        date: Some(1_700_000_600),
        rate_limit: None,
    });
    let script = Script::new(vec![
        skewed,
        answer(403, NOT_ENROLLED),
        ok(r#"{"id":5,"id_str":"5","screen_name":"five","muting":true}"#),
    ]);
    let first = client(&script, "12-abc", VersionChoice::Auto);
    block_on(first.mute(&id("5"))).unwrap();
    assert_eq!(script.sent().len(), 3);
    let learned = first.learned();
    assert_eq!(
        (
            learned.clock_offset,
            learned.fell_back_to_v1,
            learned.source_user.as_ref().map(|u| u.as_str())
        ),
        (600, true, Some("12"))
    );

    // A new client (a new worker) handed that state signs with the offset and goes to v1.1 at
    // once: no failed request to learn either again.
    let script = Script::new(vec![ok(
        r#"{"id":6,"id_str":"6","screen_name":"six","muting":true}"#,
    )]);
    let config = ClientConfig {
        learned,
        ..ClientConfig::default()
    };
    let next = Client::new(&script, &credentials("opaque"), config);
    block_on(next.mute(&id("6"))).unwrap();
    let sent = script.sent.borrow();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].url,
        "https://api.x.com/1.1/mutes/users/create.json?user_id=6"
    );
    assert!(
        sent[0].authorization.contains(r#"oauth_timestamp="1700000600""#),
        "{}",
        sent[0].authorization
    );
    drop(sent);

    // And the source user: no users/me for a token without the id in it.
    let script = Script::new(vec![ok(r#"{"data":{"muting":true}}"#)]);
    let config = ClientConfig {
        learned: Learned {
            source_user: Some(UserId::parse("12", "test").unwrap()),
            ..Learned::default()
        },
        ..ClientConfig::default()
    };
    block_on(Client::new(&script, &credentials("opaque"), config).mute(&id("7"))).unwrap();
    assert_eq!(script.sent(), ["POST https://api.x.com/2/users/12/muting"]);
}
