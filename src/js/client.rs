//! The X client's part of the `#[wasm_bindgen]` boundary: `XClient` and PIN sign-in. Built
//! with the `client` feature (the extension's module); the signer-only build leaves it out.

use alloc::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::{object, optional_number, read_credentials, string_value, to_js_error, whole_number};
use crate::client::{self, Client, ClientConfig, Learned, MutedList, Outcome, VersionChoice};
use crate::error::{Error, Result};
use crate::oauth::Credentials;
use crate::prelude::*;
use crate::transport::WebPlatform;
use crate::x::{Account, ApiBase, RateLimit, Target, TokenCredentials, Usage, UserId};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface XClientOptions {
  apiBase?: string;
  apiVersion?: "auto" | "2" | "1.1";
  timeoutMs?: number;
  userId?: string;
  /** What an earlier client for the same credentials learned (its `state`). */
  state?: XClientState;
}
/** What a client learned from X's answers: small and serialisable, for the next client. */
export interface XClientState {
  /** "1.1" once v2 refused the app and v1.1 accepted it (apiVersion "auto"). */
  apiVersion: "2" | "1.1";
  /** Seconds added to the local clock when signing. */
  clockOffset: number;
  /** The signed-in user's id, once known. */
  userId?: string;
}
export interface MuteTarget {
  userId?: string;
  screenName?: string;
}
export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  reset?: number;
}
export interface MuteResult {
  muting: boolean;
  via: "2" | "1.1";
  rateLimit?: RateLimitInfo;
  /** The user id acted on (a screen name's, once X resolved it). */
  targetId?: string;
}
export interface AccountInfo {
  userId: string;
  screenName: string;
}
export interface PinStart {
  token: string;
  tokenSecret: string;
  authorizeUrl: string;
}
export interface AccessTokenResult {
  token: string;
  tokenSecret: string;
  userId?: string;
  screenName?: string;
}
export interface MutedUsersOptions {
  /** Read at most this many accounts (X bills each one returned); all when absent. */
  max?: number;
}
export interface MutedUsers {
  ids: string[];
  /** False when the read stopped at `max` before the end of the list. */
  complete: boolean;
}
/** Billable answers counted since the last takeUsage() (v2 only; v1.1 is not priced). */
export interface Usage {
  mutes: number;
  unmutes: number;
  mutedAccountsRead: number;
  usersRead: number;
}
export interface PinOptions {
  apiBase?: string;
  timeoutMs?: number;
}
"#;

// ---- reading JavaScript values -------------------------------------------------------------

/// Reads property `key` of `object`.
fn property(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// An optional string property: `undefined`/`null` is `None`, anything but a string is an error.
fn optional_string(object: &JsValue, key: &str, field: &'static str) -> Result<Option<String>> {
    string_value(property(object, key), field)
}

/// An optional non-negative integer property below 2^53.
fn optional_integer(object: &JsValue, key: &str, field: &'static str) -> Result<Option<u64>> {
    whole_number(property(object, key), field)
}

// ---- writing JavaScript values -------------------------------------------------------------

fn new_object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        if !value.is_undefined() {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
    }
    object.into()
}

fn rate_limit_to_js(rate_limit: Option<RateLimit>) -> JsValue {
    rate_limit.map_or(JsValue::UNDEFINED, |r| {
        new_object(&[
            ("limit", optional_number(r.limit)),
            ("remaining", optional_number(r.remaining)),
            ("reset", optional_number(r.reset)),
        ])
    })
}

fn outcome_to_js(outcome: Outcome) -> JsValue {
    new_object(&[
        ("muting", outcome.muting.into()),
        ("via", outcome.via.as_str().into()),
        ("rateLimit", rate_limit_to_js(outcome.rate_limit)),
        (
            "targetId",
            outcome
                .target_id
                .map_or(JsValue::UNDEFINED, |id| id.as_str().into()),
        ),
    ])
}

fn ids_to_js(ids: &[UserId]) -> JsValue {
    ids.iter()
        .map(|id| JsValue::from_str(id.as_str()))
        .collect::<js_sys::Array>()
        .into()
}

fn muted_to_js(list: MutedList) -> JsValue {
    new_object(&[("ids", ids_to_js(&list.ids)), ("complete", list.complete.into())])
}

fn usage_to_js(usage: Usage) -> JsValue {
    new_object(&[
        ("mutes", usage.mutes.into()),
        ("unmutes", usage.unmutes.into()),
        ("mutedAccountsRead", usage.muted_accounts_read.into()),
        ("usersRead", usage.users_read.into()),
    ])
}

fn account_to_js(account: Account) -> JsValue {
    new_object(&[
        ("userId", account.user_id.as_str().into()),
        ("screenName", account.screen_name.into()),
    ])
}

fn token_to_js(token: TokenCredentials, authorize_url: Option<String>) -> JsValue {
    new_object(&[
        ("token", token.token.into()),
        ("tokenSecret", token.token_secret.expose().into()),
        (
            "userId",
            token.user_id.map_or(JsValue::UNDEFINED, |id| id.as_str().into()),
        ),
        (
            "screenName",
            token.screen_name.map_or(JsValue::UNDEFINED, JsValue::from),
        ),
        (
            "authorizeUrl",
            authorize_url.map_or(JsValue::UNDEFINED, JsValue::from),
        ),
    ])
}

// ---- the X client --------------------------------------------------------------------------

struct PinOptions {
    api_base: ApiBase,
    timeout_ms: u32,
}

fn read_timeout(options: &JsValue) -> Result<u32> {
    match optional_integer(options, "timeoutMs", "options.timeoutMs")? {
        None => Ok(ClientConfig::DEFAULT_TIMEOUT_MS),
        Some(ms @ 1..=600_000) => Ok(ms as u32),
        Some(_) => Err(Error::invalid(
            "options.timeoutMs",
            "must be between 1 and 600000",
        )),
    }
}

fn read_api_base(options: &JsValue) -> Result<ApiBase> {
    match optional_string(options, "apiBase", "options.apiBase")? {
        Some(base) => ApiBase::parse(&base),
        None => Ok(ApiBase::default()),
    }
}

fn read_pin_options(options: JsValue) -> Result<PinOptions> {
    let options = object(options, "options", true)?;
    Ok(PinOptions {
        api_base: read_api_base(&options)?,
        timeout_ms: read_timeout(&options)?,
    })
}

fn read_config(options: JsValue) -> Result<ClientConfig> {
    let options = object(options, "options", true)?;
    let api_version = match optional_string(&options, "apiVersion", "options.apiVersion")? {
        Some(choice) => VersionChoice::parse(&choice)?,
        None => VersionChoice::Auto,
    };
    let user_id = optional_string(&options, "userId", "options.userId")?
        .map(|id| UserId::parse(&id, "options.userId"))
        .transpose()?;
    Ok(ClientConfig {
        api_base: read_api_base(&options)?,
        api_version,
        timeout_ms: read_timeout(&options)?,
        user_id,
        learned: read_learned(property(&options, "state"))?,
    })
}

/// `options.state`: what an earlier client learned (`XClient.state`).
fn read_learned(value: JsValue) -> Result<Learned> {
    let state = object(value, "options.state", true)?;
    let fell_back_to_v1 = match optional_string(&state, "apiVersion", "options.state.apiVersion")?.as_deref()
    {
        None | Some("2") => false,
        Some("1.1") => true,
        Some(_) => {
            return Err(Error::invalid(
                "options.state.apiVersion",
                "must be \"2\" or \"1.1\"",
            ))
        }
    };
    let clock_offset = match property(&state, "clockOffset").as_f64() {
        None => 0,
        Some(seconds) if (-1e9..=1e9).contains(&seconds) && seconds == (seconds as i64) as f64 => {
            seconds as i64
        }
        Some(_) => {
            return Err(Error::invalid(
                "options.state.clockOffset",
                "must be whole seconds",
            ))
        }
    };
    let source_user = optional_string(&state, "userId", "options.state.userId")?
        .map(|id| UserId::parse(&id, "options.state.userId"))
        .transpose()?;
    Ok(Learned {
        fell_back_to_v1,
        clock_offset,
        source_user,
    })
}

fn learned_to_js(learned: Learned) -> JsValue {
    new_object(&[
        (
            "apiVersion",
            if learned.fell_back_to_v1 { "1.1" } else { "2" }.into(),
        ),
        ("clockOffset", JsValue::from_f64(learned.clock_offset as f64)),
        (
            "userId",
            learned
                .source_user
                .map_or(JsValue::UNDEFINED, |id| id.as_str().into()),
        ),
    ])
}

fn read_target(value: JsValue) -> Result<Target> {
    let value = object(value, "target", false)?;
    let user_id = optional_string(&value, "userId", "target.userId")?;
    let screen_name = optional_string(&value, "screenName", "target.screenName")?;
    Target::new(user_id.as_deref(), screen_name.as_deref())
}

/// One asynchronous call of the JavaScript API. Every call goes through [`run`], so the wasm
/// module holds one future-to-promise bridge instead of one per method.
enum Call {
    Act(Rc<Client<WebPlatform>>, crate::x::Action, Target),
    Verify(Rc<Client<WebPlatform>>),
    MutedUsers(Rc<Client<WebPlatform>>, Option<u32>),
    RequestToken(Credentials, PinOptions),
    AccessToken(Credentials, String, PinOptions),
}

async fn perform(call: Call) -> Result<JsValue> {
    Ok(match call {
        Call::Act(client, action, target) => outcome_to_js(client.act(action, &target).await?),
        Call::Verify(client) => account_to_js(client.verify_credentials().await?),
        Call::MutedUsers(client, max) => muted_to_js(client.muted_users(max).await?),
        Call::RequestToken(consumer, options) => {
            let (temporary, url) =
                client::request_token(&WebPlatform, &consumer, &options.api_base, options.timeout_ms).await?;
            token_to_js(temporary, Some(url))
        }
        Call::AccessToken(credentials, pin, options) => {
            let access = client::access_token(
                &WebPlatform,
                &credentials,
                &pin,
                &options.api_base,
                options.timeout_ms,
            )
            .await?;
            token_to_js(access, None)
        }
    })
}

/// Starts `call` (or rejects at once with the input error) and returns its `Promise`.
fn run(call: Result<Call>) -> Promise {
    future_to_promise(async move {
        match call {
            Ok(call) => perform(call).await,
            Err(error) => Err(error),
        }
        .map_err(|e| to_js_error(&e))
    })
}

/// Mutes and unmutes through the X API with OAuth 1.0a user credentials.
#[wasm_bindgen]
pub struct XClient {
    inner: Rc<Client<WebPlatform>>,
}

#[wasm_bindgen]
impl XClient {
    /// `new XClient({ consumerKey, consumerSecret, token, tokenSecret }, { apiBase?, apiVersion?,
    /// timeoutMs?, userId? }?)`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "OAuthCredentials")] credentials: JsValue,
        #[wasm_bindgen(unchecked_param_type = "XClientOptions | undefined")] options: JsValue,
    ) -> Result<XClient, JsValue> {
        let build = || -> Result<XClient> {
            let credentials = read_credentials(credentials)?;
            if credentials.token.is_none() {
                return Err(Error::invalid("credentials.token", "is required"));
            }
            let config = read_config(options)?;
            Ok(XClient {
                inner: Rc::new(Client::new(WebPlatform, &credentials, config)),
            })
        };
        build().map_err(|e| to_js_error(&e))
    }

    /// Mutes `{ userId?, screenName? }`; resolves to `{ muting: true, via, rateLimit? }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<MuteResult>")]
    pub fn mute(&self, #[wasm_bindgen(unchecked_param_type = "MuteTarget")] target: JsValue) -> Promise {
        self.act(crate::x::Action::Mute, target)
    }

    /// Unmutes `{ userId?, screenName? }`; resolves to `{ muting: false, via, rateLimit? }`.
    #[wasm_bindgen(unchecked_return_type = "Promise<MuteResult>")]
    pub fn unmute(&self, #[wasm_bindgen(unchecked_param_type = "MuteTarget")] target: JsValue) -> Promise {
        self.act(crate::x::Action::Unmute, target)
    }

    fn act(&self, action: crate::x::Action, target: JsValue) -> Promise {
        run(read_target(target).map(|target| Call::Act(Rc::clone(&self.inner), action, target)))
    }

    /// The signed-in account: resolves to `{ userId, screenName }`.
    #[wasm_bindgen(js_name = verifyCredentials, unchecked_return_type = "Promise<AccountInfo>")]
    pub fn verify_credentials(&self) -> Promise {
        run(Ok(Call::Verify(Rc::clone(&self.inner))))
    }

    /// The muted accounts, at most `max` of them (X bills each account returned): resolves to
    /// `{ ids, complete }`.
    #[wasm_bindgen(js_name = mutedUsers, unchecked_return_type = "Promise<MutedUsers>")]
    pub fn muted_users(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MutedUsersOptions | undefined")] options: JsValue,
    ) -> Promise {
        let max = object(options, "options", true).and_then(|options| {
            match optional_integer(&options, "max", "options.max")? {
                None => Ok(None),
                Some(max) => u32::try_from(max)
                    .map(Some)
                    .map_err(|_| Error::invalid("options.max", "is too large")),
            }
        });
        run(max.map(|max| Call::MutedUsers(Rc::clone(&self.inner), max)))
    }

    /// The billable answers (v2) this client received since the last call: `{ mutes, unmutes,
    /// mutedAccountsRead, usersRead }`. Counts restart at zero after each call.
    #[wasm_bindgen(js_name = takeUsage, unchecked_return_type = "Usage")]
    pub fn take_usage(&self) -> JsValue {
        usage_to_js(self.inner.take_usage())
    }

    /// `"2"` or `"1.1"`: the API generation the next action will use (after a fallback, `"1.1"`).
    #[wasm_bindgen(getter, js_name = apiVersionInUse)]
    pub fn api_version_in_use(&self) -> String {
        self.inner.api_version_in_use().as_str().to_owned()
    }

    /// What this client learned from X's answers (`{ apiVersion, clockOffset, userId? }`), for
    /// `options.state` of the next client of the same credentials.
    #[wasm_bindgen(getter, unchecked_return_type = "XClientState")]
    pub fn state(&self) -> JsValue {
        learned_to_js(self.inner.learned())
    }
}

/// PIN sign-in, step 1: `requestToken({ consumerKey, consumerSecret }, { apiBase?, timeoutMs? }?)`
/// resolves to `{ token, tokenSecret, authorizeUrl }`; open `authorizeUrl` for the user.
#[wasm_bindgen(js_name = requestToken, unchecked_return_type = "Promise<PinStart>")]
pub fn request_token(
    #[wasm_bindgen(unchecked_param_type = "OAuthCredentials")] consumer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PinOptions | undefined")] options: JsValue,
) -> Promise {
    run(read_credentials(consumer).and_then(|c| Ok(Call::RequestToken(c, read_pin_options(options)?))))
}

/// PIN sign-in, step 3: `accessToken({ consumerKey, consumerSecret, token, tokenSecret }, pin,
/// { apiBase?, timeoutMs? }?)` with the request token from step 1 resolves to `{ token,
/// tokenSecret, userId, screenName }`.
#[wasm_bindgen(js_name = accessToken, unchecked_return_type = "Promise<AccessTokenResult>")]
pub fn access_token(
    #[wasm_bindgen(unchecked_param_type = "OAuthCredentials")] credentials: JsValue,
    verifier: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PinOptions | undefined")] options: JsValue,
) -> Promise {
    run(read_credentials(credentials).and_then(|c| {
        let pin = verifier
            .as_string()
            .ok_or_else(|| Error::invalid("verifier", "must be a string"))?;
        Ok(Call::AccessToken(c, pin, read_pin_options(options)?))
    }))
}
