//! The mute client: build the request, sign it, send it, interpret the answer.
//!
//! [`Client`] runs over any [`Platform`] (clock, secure random bytes, HTTP). In the browser the
//! platform is `fetch` and Web Crypto (`transport.rs`); native tests script one.
//!
//! Behaviour beyond a single request:
//! - **Source user id** (v2 needs it): the digits before `-` in the access token, else the
//!   configured `userId`, else `GET /2/users/me`, remembered.
//! - **Screen-name targets** on v2: resolved with `GET /2/users/by/username/:name`; the id is in
//!   the outcome ([`Outcome::target_id`]) for the caller to keep (a lookup is billed: the
//!   extension stores it and sends the id from then on).
//! - **What it learned** ([`Learned`]: the API generation in use, the clock offset, the source
//!   user) can be taken out ([`Client::learned`]) and handed to the next client
//!   ([`ClientConfig::learned`]), so that a new worker does not learn it again with a failed
//!   request.
//! - **v2 to v1.1 fallback**: with [`VersionChoice::Auto`], a `NotEnrolled` answer from any v2
//!   call retries the action on v1.1, and this client stays on v1.1 unless v1.1 refuses the app
//!   too (pay-per-use apps get code 453 there): then it stays on v2 and reports v2's refusal.
//! - **Usage**: every successful, billable v2 answer is counted ([`Usage`]); the caller takes
//!   the counts with [`Client::take_usage`] to estimate the spend.
//! - **Clock skew**: a `TimestampRejected` answer whose `Date` header gives the server's time
//!   corrects this client's clock offset and the request is retried once with a fresh nonce.

use core::cell::RefCell;
use core::future::Future;

use crate::error::{Error, Result};
use crate::oauth::{nonce_from_random, Credentials, ProtocolParams, Request, Signer};
use crate::prelude::*;
use crate::text::quoted;
use crate::x::endpoints::{self, Action, ApiBase, ApiVersion, HttpRequest, ScreenName, Target, UserId};
use crate::x::response::{self, Account, HttpResponse, RateLimit, TokenCredentials};
use crate::x::Usage;

/// What the client needs from its environment.
pub trait Platform {
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;

    /// Fills `buf` from a cryptographically secure random source.
    fn fill_random(&self, buf: &mut [u8]);

    /// Sends `request` with the given `Authorization` header and resolves to the answer, or to
    /// [`Error::Network`] / [`Error::Timeout`] / [`Error::BadResponse`] (body too large).
    fn send(
        &self,
        request: &HttpRequest,
        authorization: &str,
        timeout_ms: u32,
    ) -> impl Future<Output = Result<HttpResponse>>;
}

/// Which API generation to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VersionChoice {
    /// v2, falling back to v1.1 (and staying there) when the app is not enrolled for v2.
    #[default]
    Auto,
    /// Only v2.
    V2,
    /// Only v1.1.
    V1_1,
}

impl VersionChoice {
    /// Parses `"auto"`, `"2"` or `"1.1"`.
    pub fn parse(value: &str) -> Result<Self> {
        match value {
            "auto" => Ok(VersionChoice::Auto),
            "2" => Ok(VersionChoice::V2),
            "1.1" => Ok(VersionChoice::V1_1),
            other => Err(Error::invalid(
                "options.apiVersion",
                [&quoted(other), " is not one of \"auto\", \"2\", \"1.1\""].concat(),
            )),
        }
    }
}

/// Client settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Where the API lives.
    pub api_base: ApiBase,
    /// Which API generation to use.
    pub api_version: VersionChoice,
    /// Per-request time limit in milliseconds.
    pub timeout_ms: u32,
    /// The signed-in user's id, if known (saves a `GET /2/users/me` when the token has no prefix).
    pub user_id: Option<UserId>,
    /// What an earlier client for the same credentials learned.
    pub learned: Learned,
}

/// What a client learns from X's answers and a later client for the same credentials can start
/// from: small, and serialisable at the JavaScript boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Learned {
    /// v2 refused the app and v1.1 accepted it (under [`VersionChoice::Auto`]).
    pub fell_back_to_v1: bool,
    /// Seconds to add to the local clock (from a `TimestampRejected` answer's `Date`).
    pub clock_offset: i64,
    /// The signed-in user's id, once known.
    pub source_user: Option<UserId>,
}

impl ClientConfig {
    /// The default time limit: 15 s.
    pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            api_base: ApiBase::default(),
            api_version: VersionChoice::Auto,
            timeout_ms: Self::DEFAULT_TIMEOUT_MS,
            user_id: None,
            learned: Learned::default(),
        }
    }
}

/// The result of a mute or unmute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the target is muted now.
    pub muting: bool,
    /// The API generation that performed it.
    pub via: ApiVersion,
    /// The rate-limit headers of the final answer.
    pub rate_limit: Option<RateLimit>,
    /// The user id acted on, when known (a screen name's, once X resolved it).
    pub target_id: Option<UserId>,
}

#[derive(Debug, Default)]
struct State {
    /// What this client learned, or was handed.
    learned: Learned,
    /// Billable answers not yet taken by the caller.
    usage: Usage,
}

/// The muted accounts read from X.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutedList {
    /// Muted user ids, in X's order.
    pub ids: Vec<UserId>,
    /// Whether that is every muted account (false when the read stopped at its limit).
    pub complete: bool,
}

/// Mutes and unmutes through the X API for one set of credentials.
#[derive(Debug)]
pub struct Client<P> {
    platform: P,
    signer: Signer,
    config: ClientConfig,
    state: RefCell<State>,
}

impl<P: Platform> Client<P> {
    /// A client for `credentials` (with an access token) over `platform`.
    pub fn new(platform: P, credentials: &Credentials, config: ClientConfig) -> Self {
        let token_user = credentials.token.as_deref().and_then(UserId::from_access_token);
        let mut learned = config.learned.clone();
        learned.source_user = token_user
            .or_else(|| config.user_id.clone())
            .or(learned.source_user);
        Client {
            platform,
            signer: Signer::new(credentials),
            config,
            state: RefCell::new(State {
                learned,
                usage: Usage::default(),
            }),
        }
    }

    /// What this client learned so far, for the next client of the same credentials.
    pub fn learned(&self) -> Learned {
        self.state.borrow().learned.clone()
    }

    /// The API generation the next action will use.
    pub fn api_version_in_use(&self) -> ApiVersion {
        match self.config.api_version {
            VersionChoice::V1_1 => ApiVersion::V1_1,
            VersionChoice::V2 => ApiVersion::V2,
            VersionChoice::Auto if self.state.borrow().learned.fell_back_to_v1 => ApiVersion::V1_1,
            VersionChoice::Auto => ApiVersion::V2,
        }
    }

    /// Seconds this client adds to the local clock when signing.
    pub fn clock_offset(&self) -> i64 {
        self.state.borrow().learned.clock_offset
    }

    /// The billable answers counted since the last call, and starts counting afresh.
    pub fn take_usage(&self) -> Usage {
        core::mem::take(&mut self.state.borrow_mut().usage)
    }

    fn count(&self, add: impl FnOnce(&mut Usage)) {
        add(&mut self.state.borrow_mut().usage);
    }

    /// Mutes `target`.
    pub async fn mute(&self, target: &Target) -> Result<Outcome> {
        self.act(Action::Mute, target).await
    }

    /// Unmutes `target`.
    pub async fn unmute(&self, target: &Target) -> Result<Outcome> {
        self.act(Action::Unmute, target).await
    }

    /// Mutes or unmutes `target`, through v2 or v1.1 as configured.
    pub async fn act(&self, action: Action, target: &Target) -> Result<Outcome> {
        let attempt = self.with_fallback(|| self.act_v2(action, target), || self.act_v1(action, target));
        attempt.await
    }

    /// The signed-in account (`GET /2/users/me`, or v1.1 `account/verify_credentials`).
    pub async fn verify_credentials(&self) -> Result<Account> {
        let account = self
            .with_fallback(
                || self.me_v2(),
                || async {
                    response::v1_user(
                        &self
                            .execute(&endpoints::v1_verify_credentials(&self.config.api_base))
                            .await?,
                    )
                },
            )
            .await?;
        self.state.borrow_mut().learned.source_user = Some(account.user_id.clone());
        Ok(account)
    }

    /// The accounts the signed-in user mutes, following pagination up to `max` accounts (all
    /// when `None`): `GET /2/users/:id/muting`, or v1.1 `mutes/users/ids`. On v2 X bills each
    /// account returned, so a limit bounds the cost; pages ask for no more than are still wanted.
    pub async fn muted_users(&self, max: Option<u32>) -> Result<MutedList> {
        let limit = max.map_or(usize::MAX, |m| m as usize);
        if limit == 0 {
            return Ok(MutedList {
                ids: Vec::new(),
                complete: false,
            });
        }
        self.with_fallback(
            || async {
                let source = self.source_user_id().await?;
                let mut ids = Vec::new();
                let mut next: Option<String> = None;
                while ids.len() < limit {
                    let page_size = u32::try_from(limit - ids.len()).unwrap_or(u32::MAX);
                    let request =
                        endpoints::v2_muting(&self.config.api_base, &source, page_size, next.as_deref());
                    let page = response::v2_muted_page(&self.execute(&request).await?)?;
                    let returned = u32::try_from(page.ids.len()).unwrap_or(u32::MAX);
                    self.count(|u| u.muted_accounts_read = u.muted_accounts_read.saturating_add(returned));
                    ids.extend(page.ids);
                    match page.next {
                        Some(token) if Some(&token) != next.as_ref() => next = Some(token),
                        _ => return Ok(MutedList { ids, complete: true }),
                    }
                }
                Ok(MutedList { ids, complete: false })
            },
            || async {
                let mut ids = Vec::new();
                let mut cursor = "-1".to_owned();
                loop {
                    let request = endpoints::v1_mutes_ids(&self.config.api_base, &cursor);
                    let page = response::v1_muted_page(&self.execute(&request).await?)?;
                    ids.extend(page.ids);
                    match page.next {
                        Some(next) if next != cursor && ids.len() < limit => cursor = next,
                        more => {
                            let complete = more.is_none() && ids.len() <= limit;
                            ids.truncate(limit);
                            return Ok(MutedList { ids, complete });
                        }
                    }
                }
            },
        )
        .await
    }

    /// Every user the signed-in account mutes (all pages): [`Client::muted_users`] without a
    /// limit.
    pub async fn muted_user_ids(&self) -> Result<Vec<UserId>> {
        Ok(self.muted_users(None).await?.ids)
    }

    /// Runs `v2` or `v1` according to the configuration. Under [`VersionChoice::Auto`] a
    /// `NotEnrolled` answer from v2 runs `v1`, and the client stays on v1.1 from then on unless
    /// v1.1 refuses the app as well (`NotEnrolled`, code 453): then v2's refusal is the answer,
    /// since the fix is the app's access in the Console, not another API version.
    async fn with_fallback<T, F2, F1>(&self, v2: impl FnOnce() -> F2, v1: impl FnOnce() -> F1) -> Result<T>
    where
        F2: Future<Output = Result<T>>,
        F1: Future<Output = Result<T>>,
    {
        match self.api_version_in_use() {
            ApiVersion::V1_1 => v1().await,
            ApiVersion::V2 => match v2().await {
                Err(refused @ Error::NotEnrolled { .. })
                    if self.config.api_version == VersionChoice::Auto =>
                {
                    match v1().await {
                        Err(Error::NotEnrolled { .. }) => Err(refused),
                        other => {
                            self.state.borrow_mut().learned.fell_back_to_v1 = true;
                            other
                        }
                    }
                }
                other => other,
            },
        }
    }

    async fn act_v2(&self, action: Action, target: &Target) -> Result<Outcome> {
        let source = self.source_user_id().await?;
        let target_id = match target {
            Target::Id(id) => id.clone(),
            Target::ScreenName(name) => self.resolve_v2(name).await?,
        };
        let request = match action {
            Action::Mute => endpoints::v2_mute(&self.config.api_base, &source, &target_id),
            Action::Unmute => endpoints::v2_unmute(&self.config.api_base, &source, &target_id),
        };
        let answer = self.execute(&request).await.map_err(refused_target)?;
        response::v2_mute_result(&answer, action)?;
        self.count(|u| match action {
            Action::Mute => u.mutes += 1,
            Action::Unmute => u.unmutes += 1,
        });
        Ok(Outcome {
            muting: action.muting(),
            via: ApiVersion::V2,
            rate_limit: answer.rate_limit,
            target_id: Some(target_id),
        })
    }

    async fn act_v1(&self, action: Action, target: &Target) -> Result<Outcome> {
        let answer = match self
            .execute(&endpoints::v1_mute(&self.config.api_base, action, target))
            .await
        {
            // v1.1's "you are not muting this user" (272) to an unmute: X already has the state
            // wanted, which is what the caller asked for.
            Err(Error::CannotMute { code: Some(272), .. }) if action == Action::Unmute => {
                return Ok(Outcome {
                    muting: false,
                    via: ApiVersion::V1_1,
                    rate_limit: None,
                    target_id: match target {
                        Target::Id(id) => Some(id.clone()),
                        Target::ScreenName(_) => None,
                    },
                });
            }
            answer => answer.map_err(refused_target)?,
        };
        let target_id = response::v1_mute_result(&answer)?;
        Ok(Outcome {
            muting: action.muting(),
            via: ApiVersion::V1_1,
            rate_limit: answer.rate_limit,
            target_id,
        })
    }

    async fn source_user_id(&self) -> Result<UserId> {
        if let Some(id) = self.state.borrow().learned.source_user.clone() {
            return Ok(id);
        }
        let me = self.me_v2().await?;
        self.state.borrow_mut().learned.source_user = Some(me.user_id.clone());
        Ok(me.user_id)
    }

    /// `GET /2/users/me`, a billed user read.
    async fn me_v2(&self) -> Result<Account> {
        let me = response::v2_user(&self.execute(&endpoints::v2_me(&self.config.api_base)).await?)?;
        self.count(|u| u.users_read += 1);
        Ok(me)
    }

    async fn resolve_v2(&self, name: &ScreenName) -> Result<UserId> {
        let request = endpoints::v2_user_by_username(&self.config.api_base, name);
        let user = response::v2_user(&self.execute(&request).await?)?;
        self.count(|u| u.users_read += 1);
        Ok(user.user_id)
    }

    /// Signs and sends `request`; maps error answers to [`Error`]; on `TimestampRejected` with
    /// a server time, corrects the clock and retries once with a fresh nonce.
    async fn execute(&self, request: &HttpRequest) -> Result<HttpResponse> {
        let mut corrected = false;
        loop {
            let offset = self.state.borrow().learned.clock_offset;
            let authorization = sign_with(&self.platform, &self.signer, request, offset)?;
            let answer = self
                .platform
                .send(request, &authorization, self.config.timeout_ms)
                .await?;
            match response::check(&answer) {
                Ok(()) => return Ok(answer),
                Err(Error::TimestampRejected {
                    server_time: Some(server),
                }) if !corrected => {
                    corrected = true;
                    let local = unix_seconds(&self.platform);
                    self.state.borrow_mut().learned.clock_offset = server as i64 - local as i64;
                }
                Err(error) => return Err(error),
            }
        }
    }
}

/// On a mute or unmute call, a plain 403 is X refusing that target (suspended, yourself,
/// protected): report it as [`Error::CannotMute`].
fn refused_target(error: Error) -> Error {
    match error {
        Error::Forbidden { detail } => Error::CannotMute { code: None, detail },
        other => other,
    }
}

fn unix_seconds(platform: &impl Platform) -> u64 {
    let ms = platform.now_ms();
    if ms.is_finite() && ms > 0.0 {
        (ms / 1000.0) as u64
    } else {
        0
    }
}

/// Signs `request` for sending now (plus `offset` seconds) with a fresh nonce.
fn sign_with(
    platform: &impl Platform,
    signer: &Signer,
    request: &HttpRequest,
    offset: i64,
) -> Result<String> {
    let mut random = [0u8; 32];
    platform.fill_random(&mut random);
    let nonce = nonce_from_random(&random);
    let timestamp = unix_seconds(platform).saturating_add_signed(offset);
    let mut protocol = ProtocolParams::new(&nonce, timestamp);
    protocol.callback = request.callback;
    protocol.verifier = request.verifier.as_deref();
    let signed = signer.sign(
        &Request {
            method: request.method,
            url: &request.url,
            body: request.body.as_deref(),
            content_type: request.content_type,
        },
        &protocol,
    )?;
    Ok(signed.authorization)
}

/// The first leg of PIN sign-in: temporary credentials (`POST /oauth/request_token` with
/// `oauth_callback=oob`) and the URL where the user approves the app and reads the PIN.
pub async fn request_token(
    platform: &impl Platform,
    consumer: &Credentials,
    api_base: &ApiBase,
    timeout_ms: u32,
) -> Result<(TokenCredentials, String)> {
    let request = endpoints::request_token(api_base);
    let consumer = Credentials {
        token: None,
        token_secret: Default::default(),
        ..consumer.clone()
    };
    let authorization = sign_with(platform, &Signer::new(&consumer), &request, 0)?;
    let answer = platform.send(&request, &authorization, timeout_ms).await?;
    let temporary = response::token_credentials(&answer, true)?;
    let authorize_url = endpoints::authorize_url(api_base, &temporary.token);
    Ok((temporary, authorize_url))
}

/// The last leg of PIN sign-in: exchanges the temporary credentials (in `credentials`) and the
/// PIN for an access token (`POST /oauth/access_token`).
pub async fn access_token(
    platform: &impl Platform,
    credentials: &Credentials,
    verifier: &str,
    api_base: &ApiBase,
    timeout_ms: u32,
) -> Result<TokenCredentials> {
    let pin = verifier.trim();
    if pin.is_empty() || !pin.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::invalid("verifier", "the PIN must be the digits X showed"));
    }
    if credentials.token.is_none() {
        return Err(Error::invalid(
            "credentials.token",
            "the request token from the first step is required",
        ));
    }
    let request = endpoints::access_token(api_base, pin);
    let authorization = sign_with(platform, &Signer::new(credentials), &request, 0)?;
    let answer = platform.send(&request, &authorization, timeout_ms).await?;
    let mut access = response::token_credentials(&answer, false)?;
    if access.user_id.is_none() {
        access.user_id = UserId::from_access_token(&access.token);
    }
    Ok(access)
}
