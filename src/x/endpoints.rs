//! Request builders for the X API calls XMute makes.
//!
//! Each builder returns a plain [`HttpRequest`] (method, URL, body) that the client signs and
//! sends. Identifiers are validated types, so an invalid user id or screen name can never reach
//! a URL.

use core::fmt;

use crate::error::{Error, Result};
use crate::oauth::{percent_encode, RequestUrl};
use crate::prelude::*;
use crate::text::{quoted, split_once_byte, u64_string};

/// A numeric X user id, `^[0-9]{1,19}$`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UserId(String);

impl UserId {
    /// Validates `id`; `field` names it in the error.
    pub fn parse(id: &str, field: &'static str) -> Result<Self> {
        if (1..=19).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit()) {
            Ok(UserId(id.to_owned()))
        } else {
            Err(Error::invalid(
                field,
                [&quoted(id), " is not an X user id (digits)"].concat(),
            ))
        }
    }

    /// The id's digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The user id an access token names: X's tokens start with `<user id>-`.
    pub fn from_access_token(token: &str) -> Option<Self> {
        let (prefix, _) = split_once_byte(token, b'-')?;
        UserId::parse(prefix, "token").ok()
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An X screen name (handle without `@`), `^[A-Za-z0-9_]{1,15}$`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScreenName(String);

impl ScreenName {
    /// Validates `name` (a leading `@` is accepted and dropped); `field` names it in the error.
    pub fn parse(name: &str, field: &'static str) -> Result<Self> {
        let bare = name.strip_prefix('@').unwrap_or(name);
        if (1..=15).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            Ok(ScreenName(bare.to_owned()))
        } else {
            Err(Error::invalid(
                field,
                [&quoted(name), " is not an X screen name"].concat(),
            ))
        }
    }

    /// The name without `@`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ScreenName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whom to mute or unmute. The id is preferred when both are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// By numeric id.
    Id(UserId),
    /// By screen name only.
    ScreenName(ScreenName),
}

impl Target {
    /// Builds a target from the optional `userId` and `screenName` a caller gave.
    pub fn new(user_id: Option<&str>, screen_name: Option<&str>) -> Result<Self> {
        match (user_id, screen_name) {
            (Some(id), _) => Ok(Target::Id(UserId::parse(id, "target.userId")?)),
            (None, Some(name)) => Ok(Target::ScreenName(ScreenName::parse(name, "target.screenName")?)),
            (None, None) => Err(Error::invalid("target", "needs a userId or a screenName")),
        }
    }
}

/// Mute or unmute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Mute the target.
    Mute,
    /// Unmute the target.
    Unmute,
}

impl Action {
    /// Whether the target is muted after the action.
    pub fn muting(self) -> bool {
        matches!(self, Action::Mute)
    }
}

/// The API generation a call goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    /// `/2/...`, which needs an app attached to a Project.
    V2,
    /// `/1.1/...`.
    V1_1,
}

impl ApiVersion {
    /// `"2"` or `"1.1"`, as the JavaScript API reports it.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2 => "2",
            ApiVersion::V1_1 => "1.1",
        }
    }
}

/// The API's origin (and optional path prefix) without a trailing slash, such as
/// `https://api.x.com` (the default) or `https://api.twitter.com`. The host signed is exactly
/// the host sent to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase(String);

impl ApiBase {
    /// `https://api.x.com`.
    pub const DEFAULT: &'static str = "https://api.x.com";

    /// Validates an absolute `http`/`https` URL with no query or fragment.
    pub fn parse(base: &str) -> Result<Self> {
        const FIELD: &str = "options.apiBase";
        let trimmed = base.trim_end_matches('/');
        if trimmed.contains(['?', '#']) {
            return Err(Error::invalid(FIELD, "must not have a query or fragment"));
        }
        RequestUrl::parse(trimmed).map_err(|e| Error::invalid(FIELD, e.reason()))?;
        Ok(ApiBase(trimmed.to_owned()))
    }

    fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.0.len() + path.len());
        url.push_str(&self.0);
        url.push_str(path);
        url
    }
}

impl Default for ApiBase {
    fn default() -> Self {
        ApiBase(Self::DEFAULT.to_owned())
    }
}

/// An unsigned HTTP request for the X API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'static str,
    /// The absolute URL, query included.
    pub url: String,
    /// `Content-Type` of `body`.
    pub content_type: Option<&'static str>,
    /// The body, if any.
    pub body: Option<String>,
    /// `oauth_callback` to sign with (the temporary-credentials request only).
    pub callback: Option<&'static str>,
    /// `oauth_verifier` to sign with (the token request only).
    pub verifier: Option<String>,
}

impl HttpRequest {
    fn new(method: &'static str, url: String) -> Self {
        HttpRequest {
            method,
            url,
            content_type: None,
            body: None,
            callback: None,
            verifier: None,
        }
    }
}

/// `POST /2/users/:id/muting` with JSON body `{"target_user_id": "..."}` (the body is not signed).
pub fn v2_mute(base: &ApiBase, source: &UserId, target: &UserId) -> HttpRequest {
    let mut request = HttpRequest::new(
        "POST",
        base.url(&["/2/users/", source.as_str(), "/muting"].concat()),
    );
    request.content_type = Some("application/json");
    request.body = Some([r#"{"target_user_id":""#, target.as_str(), r#""}"#].concat());
    request
}

/// `DELETE /2/users/:source_user_id/muting/:target_user_id`.
pub fn v2_unmute(base: &ApiBase, source: &UserId, target: &UserId) -> HttpRequest {
    HttpRequest::new(
        "DELETE",
        base.url(&["/2/users/", source.as_str(), "/muting/", target.as_str()].concat()),
    )
}

/// `POST /1.1/mutes/users/create.json` or `destroy.json` with `user_id` or `screen_name` in
/// the query.
pub fn v1_mute(base: &ApiBase, action: Action, target: &Target) -> HttpRequest {
    let verb = match action {
        Action::Mute => "create",
        Action::Unmute => "destroy",
    };
    let query = match target {
        Target::Id(id) => ["user_id=", id.as_str()].concat(),
        Target::ScreenName(name) => ["screen_name=", name.as_str()].concat(),
    };
    HttpRequest::new(
        "POST",
        base.url(&["/1.1/mutes/users/", verb, ".json?", &query].concat()),
    )
}

/// `GET /2/users/me`.
pub fn v2_me(base: &ApiBase) -> HttpRequest {
    HttpRequest::new("GET", base.url("/2/users/me"))
}

/// `GET /2/users/by/username/:username`.
pub fn v2_user_by_username(base: &ApiBase, name: &ScreenName) -> HttpRequest {
    HttpRequest::new(
        "GET",
        base.url(&["/2/users/by/username/", name.as_str()].concat()),
    )
}

/// `GET /1.1/account/verify_credentials.json`.
pub fn v1_verify_credentials(base: &ApiBase) -> HttpRequest {
    HttpRequest::new(
        "GET",
        base.url("/1.1/account/verify_credentials.json?skip_status=true&include_entities=false"),
    )
}

/// `GET /2/users/:id/muting?max_results=<1..1000>[&pagination_token=...]`.
pub fn v2_muting(
    base: &ApiBase,
    source: &UserId,
    max_results: u32,
    pagination_token: Option<&str>,
) -> HttpRequest {
    let max_results = u64::from(max_results.clamp(1, MUTING_PAGE_MAX));
    let mut url = base.url(
        &[
            "/2/users/",
            source.as_str(),
            "/muting?max_results=",
            &u64_string(max_results),
        ]
        .concat(),
    );
    if let Some(token) = pagination_token {
        url.push_str("&pagination_token=");
        url.push_str(&percent_encode(token));
    }
    HttpRequest::new("GET", url)
}

/// The largest page `GET /2/users/:id/muting` returns (`max_results` is 1 to 1000).
pub const MUTING_PAGE_MAX: u32 = 1000;

/// `GET /1.1/mutes/users/ids.json?stringify_ids=true&cursor=...` (cursor -1 for the first page).
pub fn v1_mutes_ids(base: &ApiBase, cursor: &str) -> HttpRequest {
    HttpRequest::new(
        "GET",
        base.url(
            &[
                "/1.1/mutes/users/ids.json?stringify_ids=true&cursor=",
                &percent_encode(cursor),
            ]
            .concat(),
        ),
    )
}

/// `POST /oauth/request_token` with `oauth_callback=oob` (PIN sign-in, step 1).
pub fn request_token(base: &ApiBase) -> HttpRequest {
    let mut request = HttpRequest::new("POST", base.url("/oauth/request_token"));
    request.callback = Some("oob");
    request
}

/// The page where the user approves the app and sees the PIN (PIN sign-in, step 2).
pub fn authorize_url(base: &ApiBase, request_token: &str) -> String {
    base.url(&["/oauth/authorize?oauth_token=", &percent_encode(request_token)].concat())
}

/// `POST /oauth/access_token` with `oauth_verifier=<PIN>` (PIN sign-in, step 3).
pub fn access_token(base: &ApiBase, verifier: &str) -> HttpRequest {
    let mut request = HttpRequest::new("POST", base.url("/oauth/access_token"));
    request.verifier = Some(verifier.to_owned());
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> UserId {
        UserId::parse(s, "t").unwrap()
    }

    #[test]
    fn user_ids_and_screen_names_are_validated() {
        for good in ["0", "12", "1234567890123456789"] {
            assert!(UserId::parse(good, "f").is_ok(), "{good}");
        }
        for bad in ["", "12345678901234567890", "12a", " 12", "-1", "１２"] {
            assert!(
                matches!(
                    UserId::parse(bad, "f"),
                    Err(Error::InvalidInput { field: "f", .. })
                ),
                "{bad:?}"
            );
        }
        assert_eq!(ScreenName::parse("@Jack_01", "f").unwrap().as_str(), "Jack_01");
        for bad in ["", "@", "sixteen_chars_xx", "a-b", "a b", "é", "a/b", "a?b"] {
            assert!(ScreenName::parse(bad, "f").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn token_prefix_gives_the_user_id() {
        assert_eq!(UserId::from_access_token("370773112-GmHx"), Some(id("370773112")));
        assert_eq!(UserId::from_access_token("GmHx-370773112"), None);
        assert_eq!(UserId::from_access_token("370773112"), None);
    }

    #[test]
    fn target_prefers_id_and_requires_one() {
        assert_eq!(
            Target::new(Some("12"), Some("jack")).unwrap(),
            Target::Id(id("12"))
        );
        assert!(matches!(
            Target::new(None, None),
            Err(Error::InvalidInput { field: "target", .. })
        ));
        assert!(matches!(
            Target::new(Some("x"), None),
            Err(Error::InvalidInput {
                field: "target.userId",
                ..
            })
        ));
    }

    #[test]
    fn mute_requests_have_the_documented_shapes() {
        let base = ApiBase::default();
        let mute = v2_mute(&base, &id("370773112"), &id("2244994945"));
        assert_eq!(mute.method, "POST");
        assert_eq!(mute.url, "https://api.x.com/2/users/370773112/muting");
        assert_eq!(mute.content_type, Some("application/json"));
        assert_eq!(mute.body.as_deref(), Some(r#"{"target_user_id":"2244994945"}"#));

        let unmute = v2_unmute(&base, &id("370773112"), &id("2244994945"));
        assert_eq!(
            (unmute.method, unmute.url.as_str()),
            ("DELETE", "https://api.x.com/2/users/370773112/muting/2244994945")
        );
        assert_eq!(unmute.body, None);

        let twitter = ApiBase::parse("https://api.twitter.com/").unwrap();
        let create = v1_mute(
            &twitter,
            Action::Mute,
            &Target::ScreenName(ScreenName::parse("twitterapi", "f").unwrap()),
        );
        assert_eq!(
            create.url,
            "https://api.twitter.com/1.1/mutes/users/create.json?screen_name=twitterapi"
        );
        let destroy = v1_mute(&twitter, Action::Unmute, &Target::Id(id("2244994945")));
        assert_eq!(
            destroy.url,
            "https://api.twitter.com/1.1/mutes/users/destroy.json?user_id=2244994945"
        );
        assert_eq!((destroy.method, destroy.body), ("POST", None));
    }

    #[test]
    fn pin_flow_requests() {
        let base = ApiBase::default();
        assert_eq!(request_token(&base).callback, Some("oob"));
        assert_eq!(
            access_token(&base, "1234567").verifier.as_deref(),
            Some("1234567")
        );
        assert_eq!(
            authorize_url(&base, "a b"),
            "https://api.x.com/oauth/authorize?oauth_token=a%20b"
        );
    }

    #[test]
    fn api_base_is_validated() {
        assert!(ApiBase::parse("http://127.0.0.1:8080").is_ok());
        for bad in ["api.x.com", "https://api.x.com/?a=1", "ftp://api.x.com", ""] {
            assert!(
                matches!(
                    ApiBase::parse(bad),
                    Err(Error::InvalidInput {
                        field: "options.apiBase",
                        ..
                    })
                ),
                "{bad:?}"
            );
        }
    }
}
