//! What an X API answer means: success shapes, the two error shapes (v1.1
//! `{"errors":[{"code","message"}]}` and v2 problem JSON), rate-limit headers, and the `Date`
//! header used to correct the clock.

use super::endpoints::{Action, UserId};
use super::json::Json;
use crate::error::{Error, Result};
use crate::oauth::form_pairs;
use crate::prelude::*;
use crate::text::{split_byte, u64_string};

/// The largest body XMute reads; anything bigger is a [`Error::BadResponse`].
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The `x-rate-limit-*` headers of a response, each when present.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// `x-rate-limit-limit`: requests allowed per window.
    pub limit: Option<u64>,
    /// `x-rate-limit-remaining`: requests left in this window.
    pub remaining: Option<u64>,
    /// `x-rate-limit-reset`: when the window resets, Unix seconds.
    pub reset: Option<u64>,
}

impl RateLimit {
    /// Reads the three headers; `None` when none is present.
    pub fn from_headers(limit: Option<&str>, remaining: Option<&str>, reset: Option<&str>) -> Option<Self> {
        let number = |v: Option<&str>| v.and_then(|s| s.trim().parse::<u64>().ok());
        let rate_limit = RateLimit {
            limit: number(limit),
            remaining: number(remaining),
            reset: number(reset),
        };
        (rate_limit != RateLimit::default()).then_some(rate_limit)
    }
}

/// The parts of an HTTP response XMute looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The body as text.
    pub body: String,
    /// The `Date` header as Unix seconds, when present and valid.
    pub date: Option<u64>,
    /// The rate-limit headers, when present.
    pub rate_limit: Option<RateLimit>,
}

/// The signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Numeric user id.
    pub user_id: UserId,
    /// Screen name without `@`.
    pub screen_name: String,
}

/// Token credentials from `request_token` or `access_token` (form-encoded answers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCredentials {
    /// `oauth_token`.
    pub token: String,
    /// `oauth_token_secret`.
    pub token_secret: crate::oauth::Secret,
    /// `user_id`, in the access-token answer.
    pub user_id: Option<UserId>,
    /// `screen_name`, in the access-token answer.
    pub screen_name: Option<String>,
}

/// Turns an error answer into an [`Error`]; `Ok` for a 2xx whose body holds no errors-only
/// payload. Every status and body maps to some variant; nothing panics.
pub fn check(response: &HttpResponse) -> Result<()> {
    let json = Json::parse(&response.body);
    let success = (200..300).contains(&response.status);
    if success {
        // A 2xx with `errors` and no `data` is a failure (e.g. a v2 lookup of an unknown user);
        // `errors` beside `data` are partial errors and the call succeeded.
        let errors_only = json.as_ref().is_some_and(|j| {
            j.get("errors").is_some() && j.get("data").is_none() && j.get("id_str").is_none()
        });
        if !errors_only {
            return Ok(());
        }
    }
    Err(classify(response, json.as_ref()))
}

fn classify(response: &HttpResponse, json: Option<&Json<'_>>) -> Error {
    let status = response.status;
    let first_error = json.and_then(|j| j.get("errors")).and_then(|e| e.at(0));
    let v1_code = first_error
        .and_then(|e| e.get("code"))
        .and_then(Json::as_u64)
        .and_then(|c| u32::try_from(c).ok());
    let detail =
        describe(json, first_error).unwrap_or_else(|| ["HTTP ", &u64_string(u64::from(status))].concat());

    if let Some(code) = v1_code {
        match code {
            88 => {
                return Error::RateLimited {
                    reset_at: reset_at(response),
                }
            }
            32 | 89 | 215 => return Error::Unauthorized { detail },
            135 => {
                return Error::TimestampRejected {
                    server_time: response.date,
                }
            }
            453 => {
                return Error::NotEnrolled {
                    code: Some(code),
                    reason: None,
                    required_enrollment: None,
                    detail,
                }
            }
            50 | 63 | 271 | 272 => {
                return Error::CannotMute {
                    code: Some(code),
                    detail,
                }
            }
            _ => {}
        }
    }
    let text = |key: &str| json.and_then(|j| j.get(key)).and_then(Json::as_str).unwrap_or("");
    let optional = |key: &str| Some(text(key)).filter(|t| !t.is_empty()).map(str::to_owned);
    let problem_type = first_error
        .and_then(|e| e.get("type"))
        .and_then(Json::as_str)
        .unwrap_or_else(|| text("type"));
    // Pay-per-use (2026): out of credits, or a usage cap. Either host may prefix the type.
    let title = text("title");
    if status == 402
        || problem_type.ends_with("/problems/credits-depleted")
        || problem_type.ends_with("/problems/credits")
        || title == "CreditsDepleted"
    {
        return Error::CreditsDepleted { detail };
    }
    if title == "UsageCapExceeded" || problem_type.ends_with("/problems/usage-capped") {
        return Error::UsageCapped {
            period: optional("period"),
            detail,
        };
    }
    let reason = text("reason");
    if reason.ends_with("-not-enrolled") {
        return Error::NotEnrolled {
            code: None,
            reason: optional("reason"),
            required_enrollment: optional("required_enrollment"),
            detail,
        };
    }
    if problem_type.ends_with("/problems/resource-not-found") {
        return Error::CannotMute { code: None, detail };
    }
    // X names the offending parameter; a rejected `target_user_id` means that user cannot be
    // muted (it does not exist).
    let rejected_target = first_error
        .and_then(|e| e.get("parameters"))
        .is_some_and(|p| p.get("target_user_id").is_some());
    if rejected_target {
        return Error::CannotMute { code: None, detail };
    }
    match status {
        429 => Error::RateLimited {
            reset_at: reset_at(response),
        },
        401 => Error::Unauthorized { detail },
        403 => Error::Forbidden { detail },
        404 => Error::CannotMute { code: None, detail },
        500..=599 => Error::Server { status },
        _ if json.is_none() => Error::bad_response(status, not_json(&response.body)),
        // Another 4xx in JSON is X refusing the request in its own words: asking again gets the
        // same answer. (408 is a time-out on the way, not a refusal.)
        400..=499 if status != 408 => Error::Rejected { status, detail },
        _ => Error::bad_response(status, detail),
    }
}

fn reset_at(response: &HttpResponse) -> Option<u64> {
    response.rate_limit.and_then(|r| r.reset)
}

/// The most useful human text in an error body.
fn describe(json: Option<&Json<'_>>, first_error: Option<&Json<'_>>) -> Option<String> {
    let field = |v: Option<&Json<'_>>, key: &str| {
        v.and_then(|v| v.get(key))
            .and_then(Json::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    field(first_error, "message")
        .or_else(|| field(first_error, "detail"))
        .or_else(|| field(json, "detail"))
        .or_else(|| field(json, "title"))
        .or_else(|| field(json, "error"))
}

fn not_json(body: &str) -> String {
    if body.trim().is_empty() {
        "the body is empty".to_owned()
    } else if body.trim_start().starts_with('<') {
        "the body is an HTML page, not JSON".to_owned()
    } else {
        "the body is not valid JSON".to_owned()
    }
}

fn success_json(response: &HttpResponse) -> Result<Json<'_>> {
    check(response)?;
    Json::parse(&response.body).ok_or_else(|| Error::bad_response(response.status, not_json(&response.body)))
}

/// Interprets the answer to a v2 mute (`{"data":{"muting":true}}`) or unmute
/// (`{"data":{"muting":false}}`).
pub fn v2_mute_result(response: &HttpResponse, action: Action) -> Result<()> {
    let json = success_json(response)?;
    match json.pointer("/data/muting").and_then(Json::as_bool) {
        Some(muting) if muting == action.muting() => Ok(()),
        _ => Err(Error::bad_response(
            response.status,
            "data.muting is missing or not what was asked",
        )),
    }
}

/// Interprets the answer to v1.1 `mutes/users/create.json` or `destroy.json`: the user object,
/// whose id it returns (when it is a valid one).
pub fn v1_mute_result(response: &HttpResponse) -> Result<Option<UserId>> {
    let json = success_json(response)?;
    let id_str = json.get("id_str").and_then(Json::as_str);
    if id_str.is_none() && json.get("id").and_then(Json::as_u64).is_none() {
        return Err(Error::bad_response(
            response.status,
            "the answer is not a user object",
        ));
    }
    Ok(id_str.and_then(|id| UserId::parse(id, "response").ok()))
}

/// Interprets `GET /2/users/me` or `/2/users/by/username/:name`: `{"data":{"id","username"}}`.
pub fn v2_user(response: &HttpResponse) -> Result<Account> {
    let json = success_json(response)?;
    account(
        response.status,
        json.pointer("/data/id"),
        json.pointer("/data/username"),
    )
}

/// Interprets `GET /1.1/account/verify_credentials.json`: a user object.
pub fn v1_user(response: &HttpResponse) -> Result<Account> {
    let json = success_json(response)?;
    account(response.status, json.get("id_str"), json.get("screen_name"))
}

fn account(status: u16, id: Option<&Json<'_>>, screen_name: Option<&Json<'_>>) -> Result<Account> {
    let id = id
        .and_then(Json::as_str)
        .and_then(|id| UserId::parse(id, "response").ok())
        .ok_or_else(|| Error::bad_response(status, "the answer has no valid user id"))?;
    let screen_name = screen_name
        .and_then(Json::as_str)
        .ok_or_else(|| Error::bad_response(status, "the answer has no screen name"))?;
    Ok(Account {
        user_id: id,
        screen_name: screen_name.to_owned(),
    })
}

/// One page of muted user ids and the cursor of the next page, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MutedPage {
    /// Muted user ids on this page.
    pub ids: Vec<UserId>,
    /// The next page's `pagination_token` (v2) or `cursor` (v1.1).
    pub next: Option<String>,
}

/// Interprets `GET /2/users/:id/muting`.
pub fn v2_muted_page(response: &HttpResponse) -> Result<MutedPage> {
    let json = success_json(response)?;
    let ids = match json.get("data") {
        None => Vec::new(),
        Some(Json::Array(users)) => users
            .iter()
            .map(|u| {
                u.get("id")
                    .and_then(Json::as_str)
                    .and_then(|id| UserId::parse(id, "response").ok())
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| Error::bad_response(response.status, "a muted user has no valid id"))?,
        Some(_) => return Err(Error::bad_response(response.status, "data is not a list")),
    };
    let next = json
        .pointer("/meta/next_token")
        .and_then(Json::as_str)
        .map(str::to_owned);
    Ok(MutedPage { ids, next })
}

/// Interprets `GET /1.1/mutes/users/ids.json?stringify_ids=true`.
pub fn v1_muted_page(response: &HttpResponse) -> Result<MutedPage> {
    let json = success_json(response)?;
    let ids = json
        .get("ids")
        .and_then(Json::as_array)
        .and_then(|ids| {
            ids.iter()
                .map(|id| match id {
                    Json::String(s) => UserId::parse(s, "response").ok(),
                    Json::Number(n) => UserId::parse(n, "response").ok(),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()
        })
        .ok_or_else(|| Error::bad_response(response.status, "the answer has no list of ids"))?;
    let next = json
        .get("next_cursor_str")
        .and_then(Json::as_str)
        .map(str::to_owned)
        .or_else(|| json.get("next_cursor").and_then(Json::as_u64).map(u64_string))
        .filter(|c| c != "0");
    Ok(MutedPage { ids, next })
}

/// Interprets a form-encoded token answer (`oauth_token=...&oauth_token_secret=...`).
/// `require_confirmed` checks `oauth_callback_confirmed=true` (the request-token answer).
pub fn token_credentials(response: &HttpResponse, require_confirmed: bool) -> Result<TokenCredentials> {
    check(response)?;
    let mut token = None;
    let mut secret = None;
    let mut confirmed = false;
    let mut user_id = None;
    let mut screen_name = None;
    for (name, value) in form_pairs(response.body.trim()) {
        // X's tokens and names are ASCII: a value that is not even UTF-8 is no answer of X's.
        let Ok(value) = String::from_utf8(value) else {
            continue;
        };
        match name.as_slice() {
            b"oauth_token" => token = Some(value),
            b"oauth_token_secret" => secret = Some(value),
            b"oauth_callback_confirmed" => confirmed = value == "true",
            b"user_id" => user_id = UserId::parse(&value, "response").ok(),
            b"screen_name" => screen_name = Some(value),
            _ => {}
        }
    }
    let (Some(token), Some(secret)) = (token.filter(|t| !t.is_empty()), secret) else {
        return Err(Error::bad_response(
            response.status,
            "the answer has no oauth_token and oauth_token_secret",
        ));
    };
    if require_confirmed && !confirmed {
        return Err(Error::bad_response(
            response.status,
            "oauth_callback_confirmed is not true",
        ));
    }
    Ok(TokenCredentials {
        token,
        token_secret: crate::oauth::Secret::new(secret),
        user_id,
        screen_name,
    })
}

/// Parses an HTTP `Date` header in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`,
/// [RFC 9110 section 5.6.7](https://www.rfc-editor.org/rfc/rfc9110#section-5.6.7)) to Unix seconds.
pub fn parse_http_date(value: &str) -> Option<u64> {
    let mut parts = value.trim().split_ascii_whitespace();
    let _weekday = parts.next()?;
    let day: u64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: u64 = parts.next()?.parse().ok()?;
    let mut clock = split_byte(parts.next()?, b':').map(|n| n.parse::<u64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT"
        || !(1970..=9999).contains(&year)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            body: body.to_owned(),
            date: Some(1_700_000_000),
            rate_limit: RateLimit::from_headers(Some("50"), Some("0"), Some("1700000900")),
        }
    }

    fn err(status: u16, body: &str) -> Error {
        check(&response(status, body)).unwrap_err()
    }

    #[test]
    fn v1_error_codes_map_to_variants() {
        let v1 =
            |code: u32, message: &str| format!(r#"{{"errors":[{{"code":{code},"message":"{message}"}}]}}"#);
        assert_eq!(
            err(429, &v1(88, "Rate limit exceeded")),
            Error::RateLimited {
                reset_at: Some(1_700_000_900)
            }
        );
        for code in [32, 89, 215] {
            assert!(
                matches!(err(401, &v1(code, "x")), Error::Unauthorized { .. }),
                "{code}"
            );
        }
        assert_eq!(
            err(401, &v1(89, "Invalid or expired token.")),
            Error::Unauthorized {
                detail: "Invalid or expired token.".into()
            }
        );
        assert_eq!(
            err(401, &v1(135, "Timestamp out of bounds.")),
            Error::TimestampRejected {
                server_time: Some(1_700_000_000)
            }
        );
        assert!(matches!(
            err(403, &v1(453, "x")),
            Error::NotEnrolled { code: Some(453), .. }
        ));
        for code in [50, 63, 271, 272] {
            assert!(
                matches!(err(403, &v1(code, "x")), Error::CannotMute { code: Some(c), .. } if c == code),
                "{code}"
            );
        }
        assert!(
            matches!(err(400, &v1(999, "odd")), Error::Rejected { status: 400, ref detail } if detail == "odd")
        );
    }

    // The bodies below are verbatim from ../shared/reference/x-api-notes.md ("Error bodies seen
    // in 2026"), as recorded from X's documentation and answers.
    const CREDITS_DEPLETED: &str = r#"{"title":"Payment Required","detail":"credits depleted","type":"https://api.x.com/2/problems/credits-depleted"}"#;
    const CREDITS_OLDER: &str = r#"{"title":"CreditsDepleted","detail":"Your enrolled account [1234567890] does not have any credits to fulfill this request.","type":"https://api.twitter.com/2/problems/credits"}"#;
    const USAGE_CAPPED: &str = r#"{"account_id":"1234567890","product_name":"standard-basic","title":"UsageCapExceeded","period":"Monthly","scope":"Product","detail":"Usage cap exceeded: Monthly product cap","type":"https://api.twitter.com/2/problems/usage-capped"}"#;
    const CLIENT_NOT_ENROLLED: &str = r#"{"client_id":"26924600","detail":"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.","registration_url":"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden","required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled","type":"https://api.twitter.com/2/problems/client-forbidden"}"#;
    const ACCESS_LEVEL: &str = r#"{"errors":[{"message":"You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level.","code":453}]}"#;

    #[test]
    fn pay_per_use_answers_map_to_their_variants() {
        assert_eq!(
            err(402, CREDITS_DEPLETED),
            Error::CreditsDepleted {
                detail: "credits depleted".into()
            }
        );
        assert!(
            matches!(err(402, CREDITS_OLDER), Error::CreditsDepleted { ref detail } if detail.starts_with("Your enrolled account"))
        );
        // The credits problem is recognised by its type or title on either host, whatever the
        // status, and a 402 by its status whatever the body.
        let other_host = CREDITS_OLDER
            .replace("api.twitter.com", "api.x.com")
            .replace("CreditsDepleted", "Payment");
        assert!(matches!(err(403, &other_host), Error::CreditsDepleted { .. }));
        assert!(matches!(
            err(402, "<html>Payment Required</html>"),
            Error::CreditsDepleted { .. }
        ));
        assert!(matches!(err(402, ""), Error::CreditsDepleted { .. }));

        let capped = err(429, USAGE_CAPPED);
        assert_eq!(
            capped,
            Error::UsageCapped {
                period: Some("Monthly".into()),
                detail: "Usage cap exceeded: Monthly product cap".into()
            }
        );
        let x_host = USAGE_CAPPED
            .replace("api.twitter.com", "api.x.com")
            .replace("UsageCapExceeded", "Too Many");
        assert!(
            matches!(err(429, &x_host), Error::UsageCapped { period: Some(ref p), .. } if p == "Monthly")
        );
        // A plain 429 is still a rate limit.
        assert!(matches!(
            err(429, r#"{"title":"Too Many Requests","status":429}"#),
            Error::RateLimited { .. }
        ));
    }

    #[test]
    fn enrolment_keeps_x_reason_and_required_enrollment() {
        assert_eq!(
            err(403, CLIENT_NOT_ENROLLED),
            Error::NotEnrolled {
                code: None,
                reason: Some("client-not-enrolled".into()),
                required_enrollment: Some("Appropriate Level of API Access".into()),
                detail: CLIENT_NOT_ENROLLED
                    .split(r#""detail":""#)
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .unwrap()
                    .into(),
            }
        );
        let user = CLIENT_NOT_ENROLLED
            .replace("client-not-enrolled", "user-not-enrolled")
            .replace("Appropriate Level of API Access", "Pay-per-use");
        assert!(matches!(
            err(403, &user),
            Error::NotEnrolled { code: None, reason: Some(ref r), required_enrollment: Some(ref e), .. }
                if r == "user-not-enrolled" && e == "Pay-per-use"
        ));
        assert!(matches!(
            err(403, ACCESS_LEVEL),
            Error::NotEnrolled { code: Some(453), reason: None, ref detail, .. } if detail.starts_with("You currently have access")
        ));
    }

    #[test]
    fn an_unknown_4xx_is_x_refusing_in_its_own_words() {
        let body = r#"{"title":"Conflict","detail":"Something X will not do.","type":"https://api.x.com/2/problems/conflict","status":409}"#;
        assert_eq!(
            err(409, body),
            Error::Rejected {
                status: 409,
                detail: "Something X will not do.".into()
            }
        );
        // Not X's answer (a proxy's page) and a time-out on the way stay retryable answers.
        assert!(matches!(
            err(407, "<html>proxy</html>"),
            Error::BadResponse { status: 407, .. }
        ));
        assert!(matches!(
            err(408, r#"{"title":"Request Timeout"}"#),
            Error::BadResponse { status: 408, .. }
        ));
    }

    #[test]
    fn v2_problems_map_to_variants() {
        let not_enrolled = r#"{"client_id":"26924600","detail":"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.","registration_url":"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden","required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled","type":"https://api.twitter.com/2/problems/client-forbidden"}"#;
        assert!(matches!(
            err(403, not_enrolled),
            Error::NotEnrolled { code: None, .. }
        ));
        let unauthorized =
            r#"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}"#;
        assert_eq!(
            err(401, unauthorized),
            Error::Unauthorized {
                detail: "Unauthorized".into()
            }
        );
        let unsupported = r#"{"title":"Unsupported Authentication","detail":"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.","type":"https://api.twitter.com/2/problems/unsupported-authentication","status":403}"#;
        assert!(
            matches!(err(403, unsupported), Error::Forbidden { ref detail } if detail.starts_with("Authenticating"))
        );
        let too_many =
            r#"{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}"#;
        assert_eq!(
            err(429, too_many),
            Error::RateLimited {
                reset_at: Some(1_700_000_900)
            }
        );
    }

    #[test]
    fn a_200_with_only_errors_is_an_error_and_with_data_is_not() {
        let not_found = r#"{"errors":[{"value":"nobody","detail":"Could not find user with username: [nobody].","title":"Not Found Error","resource_type":"user","parameter":"username","resource_id":"nobody","type":"https://api.x.com/2/problems/resource-not-found"}]}"#;
        assert!(
            matches!(err(200, not_found), Error::CannotMute { code: None, ref detail } if detail.contains("nobody"))
        );
        let partial = r#"{"data":{"muting":true},"errors":[{"title":"x","detail":"y"}]}"#;
        assert_eq!(v2_mute_result(&response(200, partial), Action::Mute), Ok(()));
    }

    #[test]
    fn statuses_without_known_bodies() {
        assert_eq!(err(500, "<html>oops</html>"), Error::Server { status: 500 });
        assert_eq!(err(503, ""), Error::Server { status: 503 });
        assert!(matches!(err(404, ""), Error::CannotMute { .. }));
        assert!(
            matches!(err(418, "<html>"), Error::BadResponse { status: 418, ref detail } if detail.contains("HTML"))
        );
        assert_eq!(
            err(429, "").clone(),
            Error::RateLimited {
                reset_at: Some(1_700_000_900)
            }
        );
    }

    #[test]
    fn success_shapes_are_checked() {
        assert_eq!(
            v2_mute_result(&response(200, r#"{"data":{"muting":true}}"#), Action::Mute),
            Ok(())
        );
        assert_eq!(
            v2_mute_result(&response(200, r#"{"data":{"muting":false}}"#), Action::Unmute),
            Ok(())
        );
        assert!(matches!(
            v2_mute_result(&response(200, r#"{"data":{"muting":false}}"#), Action::Mute),
            Err(Error::BadResponse { .. })
        ));
        assert!(matches!(
            v2_mute_result(&response(200, r#"{"unexpected":true}"#), Action::Mute),
            Err(Error::BadResponse { .. })
        ));
        assert!(matches!(
            v2_mute_result(&response(200, r#"{"data":{"#), Action::Mute),
            Err(Error::BadResponse { .. })
        ));
        assert_eq!(
            v1_mute_result(&response(
                200,
                r#"{"id":12,"id_str":"12","screen_name":"jack","muting":true}"#
            )),
            Ok(Some(UserId::parse("12", "test").unwrap()))
        );
        assert_eq!(v1_mute_result(&response(200, r#"{"id":12}"#)), Ok(None));
        assert!(matches!(
            v1_mute_result(&response(200, "[]")),
            Err(Error::BadResponse { .. })
        ));
        let me = v2_user(&response(
            200,
            r#"{"data":{"id":"2244994945","name":"X Dev","username":"XDevelopers"}}"#,
        ))
        .unwrap();
        assert_eq!(
            (me.user_id.as_str(), me.screen_name.as_str()),
            ("2244994945", "XDevelopers")
        );
        assert!(v2_user(&response(200, r#"{"data":{"id":"12x","username":"a"}}"#)).is_err());
        let v1 = v1_user(&response(200, r#"{"id":12,"id_str":"12","screen_name":"jack"}"#)).unwrap();
        assert_eq!(v1.screen_name, "jack");
    }

    #[test]
    fn muted_pages() {
        let page = v2_muted_page(&response(200, r#"{"data":[{"id":"1","username":"a"},{"id":"2","username":"b"}],"meta":{"result_count":2,"next_token":"N"}}"#)).unwrap();
        assert_eq!(page.ids.len(), 2);
        assert_eq!(page.next.as_deref(), Some("N"));
        assert_eq!(
            v2_muted_page(&response(200, r#"{"meta":{"result_count":0}}"#))
                .unwrap()
                .ids,
            vec![]
        );
        let v1 = v1_muted_page(&response(
            200,
            r#"{"ids":["5",6],"next_cursor":0,"next_cursor_str":"0"}"#,
        ))
        .unwrap();
        assert_eq!((v1.ids.len(), v1.next), (2, None));
    }

    #[test]
    fn token_answers() {
        let temp = token_credentials(
            &response(
                200,
                "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true",
            ),
            true,
        )
        .unwrap();
        assert_eq!((temp.token.as_str(), temp.token_secret.expose()), ("t", "s"));
        assert!(token_credentials(
            &response(
                200,
                "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=false"
            ),
            true
        )
        .is_err());
        let access = token_credentials(
            &response(
                200,
                "oauth_token=6253282-abc&oauth_token_secret=s&user_id=6253282&screen_name=API",
            ),
            false,
        )
        .unwrap();
        assert_eq!(access.user_id.unwrap().as_str(), "6253282");
        assert_eq!(access.screen_name.as_deref(), Some("API"));
        assert!(token_credentials(&response(200, "nothing"), false).is_err());
        assert!(matches!(
            token_credentials(
                &response(
                    401,
                    "Error processing your OAuth request: Invalid oauth_verifier parameter"
                ),
                false
            ),
            Err(Error::Unauthorized { .. })
        ));
    }

    #[test]
    fn http_dates() {
        // RFC 9110's example date.
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(
            parse_http_date("Tue, 29 Feb 2028 23:59:59 GMT"),
            Some(1_835_481_599)
        );
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:00:00 GMT",
            "garbage",
        ] {
            assert_eq!(parse_http_date(bad), None, "{bad:?}");
        }
    }
}
