#!/usr/bin/env python3
"""A fake X (Twitter) API server and x.com fixture site for XMute's tests.

One process serves plain HTTP and HTTPS on 127.0.0.1 with shared state. Requests are routed by
their Host header: x.com / twitter.com names get the fixture site from ``tests/fake_x/site/``;
every other host (api.x.com, api.twitter.com, 127.0.0.1, localhost, ...) gets the API routes and
the ``/__control/*`` test-control API.

Every API request's OAuth 1.0a signature is verified with oauthlib (never with XMute's code), over
``<scheme>://<Host header><raw request-target>``; a body takes part in the signature only when it
is ``application/x-www-form-urlencoded``. All mutable state lives in a *world* keyed by consumer
key, so tests running side by side cannot see each other. A world is a pay-per-use app (X since
2026: prepaid credits, a monthly cap, priced v2 calls, v1.1 refused with code 453) unless it is
created as a ``legacy`` subscription app. See README.md beside this file.

Only the standard library and ``oauthlib`` are used.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import socketserver
import ssl
import string
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from oauthlib.common import safe_string_equals
from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

# ---------------------------------------------------------------------------------------------
# Constants
# ---------------------------------------------------------------------------------------------

HERE = Path(__file__).resolve().parent
DEFAULT_SITE_DIR = HERE / "site"

DEMO_CONSUMER_KEY = "xmute-demo-consumer-key"
DEMO_CONSUMER_SECRET = "xmute-demo-consumer-secret-not-a-real-secret"
DEMO_TOKEN = "1234567890-xmutedemoaccesstoken0000000000000000"
DEMO_TOKEN_SECRET = "xmute-demo-token-secret-not-a-real-secret"
DEMO_USER_ID = "1234567890"
DEMO_SCREEN_NAME = "xmute_demo"
DEMO_APP_NAME = "XMute Demo App"

SITE_HOSTS = frozenset({
    "x.com", "www.x.com", "mobile.x.com",
    "twitter.com", "www.twitter.com", "mobile.twitter.com",
})

CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Headers", "authorization, content-type"),
    ("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS"),
    ("Access-Control-Expose-Headers",
     "date, x-rate-limit-limit, x-rate-limit-remaining, x-rate-limit-reset, "
     "content-type, content-length"),
    ("Access-Control-Max-Age", "600"),
)

JSON_TYPE = "application/json; charset=utf-8"
PROBLEM_TYPE = "application/problem+json"
HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"

TIMESTAMP_WINDOW_SECONDS = 300
NONCE_MEMORY_SECONDS = 2 * TIMESTAMP_WINDOW_SECONDS
MAX_REQUEST_BODY = 1 << 20
SUPPORTED_SIGNATURE_METHODS = {"HMAC-SHA1": "SHA-1", "HMAC-SHA256": "SHA-256", "PLAINTEXT": None}
REQUIRED_OAUTH_PARAMS = ("oauth_consumer_key", "oauth_signature_method", "oauth_signature",
                         "oauth_timestamp", "oauth_nonce")

USER_ID_PATTERN = re.compile(r"^[0-9]{1,19}$")
USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,15}$")

# Rate-limit buckets: name -> (requests, window seconds). v2 numbers are X's documented ones;
# the v1.1 create/destroy buckets use the same policy with separate counters.
DEFAULT_LIMITS = {
    "mute": (50, 900),          # POST /2/users/:id/muting
    "unmute": (50, 900),        # DELETE /2/users/:id/muting/:target
    "v1Mute": (50, 900),        # POST /1.1/mutes/users/create.json
    "v1Unmute": (50, 900),      # POST /1.1/mutes/users/destroy.json
    "mutingList": (15, 900),    # GET /2/users/:id/muting
    "mutesIds": (15, 900),      # GET /1.1/mutes/users/ids.json
}

# Pay-per-use prices: the fake's OWN table, kept apart from the extension's (which the extension
# keeps in JavaScript), so that a wrong price in either shows up as a disagreement in a test.
# Source: X's price table of 2026-06-18 (docs.x.com/x-api/getting-started/pricing), as recorded
# in the shared reference x-api-notes.md, section "Pay-per-use". Amounts are micro-dollars
# (integers, so money stays exact). Nothing else is priced: OAuth endpoints are free and v1.1
# is not in X's price list.
MICRO_DOLLARS = 1_000_000
PRICES = {
    # kind: (micro-dollars per unit, unit)
    "mute": (10_000, "request"),          # POST /2/users/:id/muting: $0.010 per request
    "unmute": (5_000, "request"),         # DELETE /2/users/:id/muting/:target: $0.005 per request
    "muteListRead": (1_000, "account"),   # GET /2/users/:id/muting: $0.001 per account returned
    "userRead": (10_000, "user"),         # GET /2/users/me, /2/users/by/username/:name:
                                          # $0.010 per user returned
}
BILLING_MODES = ("pay-per-use", "legacy")
DEFAULT_BILLING_MODE = "pay-per-use"
ACCOUNT_ID_BASE = 1_870_000_000_000_000_000   # worlds' billing account ids: base + world number

V2_PAGE_DEFAULT = 100
V2_PAGE_MAX = 1000
V1_IDS_PAGE = 5000
GENERATED_USERS = 2000
TESTER_ID_BASE = 3_000_000_000

ALPHANUMERIC = string.ascii_letters + string.digits


def random_alnum(length: int) -> str:
    return "".join(secrets.choice(ALPHANUMERIC) for _ in range(length))


def http_date(epoch: float) -> str:
    return email.utils.formatdate(epoch, usegmt=True)


# ---------------------------------------------------------------------------------------------
# Users directory
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class User:
    id: str
    screen_name: str
    name: str
    description: str
    suspended: bool = False

    def v2(self) -> dict:
        return {"id": self.id, "name": self.name, "username": self.screen_name}

    def v1(self, muting: bool = False) -> dict:
        return {
            "id": int(self.id), "id_str": self.id, "name": self.name,
            "screen_name": self.screen_name, "location": "", "description": self.description,
            "url": None, "protected": False, "followers_count": 0, "friends_count": 0,
            "listed_count": 0, "created_at": "Wed Jan 01 00:00:00 +0000 2020",
            "favourites_count": 0, "verified": False, "statuses_count": 0,
            "following": False, "muting": muting,
        }

    def fixture(self) -> dict:
        return {"id": self.id, "screenName": self.screen_name, "name": self.name,
                "description": self.description, "protected": False,
                "suspended": self.suspended}


FIXED_USERS = (
    User("2244994945", "XDevelopers", "Developers",
         "The voice of the X Developer Platform (fixture copy)."),
    User("6253282", "API", "API", "X API announcements (fixture copy)."),
    User("783214", "X", "X", "what's happening?! (fixture copy)."),
    User("1000000001", "alice_fixture", "Alice Fixture", "Fictional fixture account A."),
    User("1000000002", "bob_fixture", "Bob Fixture", "Fictional fixture account B."),
    User("1000000003", "carol_fixture", "Carol Fixture", "Fictional fixture account C."),
    User("1000000004", "dave_fixture", "Dave Fixture", "Fictional fixture account D."),
    User("1000000005", "erin_fixture", "Erin Fixture", "Fictional fixture account E."),
    User("1000000006", "frank_fixture", "Frank Fixture", "Fictional fixture account F."),
    User("1000000009", "suspended_fix", "Suspended Fixture",
         "Fictional suspended account.", suspended=True),
    User(DEMO_USER_ID, DEMO_SCREEN_NAME, "XMute Demo", "The demo account of the fake X server."),
)


class Directory:
    """Every user the fake knows, by id and by lower-cased screen name. Guarded by State.lock."""

    def __init__(self) -> None:
        self.by_id: dict[str, User] = {}
        self.by_name: dict[str, User] = {}
        self.testers = 0
        for user in FIXED_USERS:
            self.add(user)
        for n in range(GENERATED_USERS):
            self.add(User(str(2_000_000_000 + n), f"user{n:04d}", f"User {n:04d}",
                          f"Generated fixture account number {n}."))

    def add(self, user: User) -> User:
        self.by_id[user.id] = user
        self.by_name[user.screen_name.lower()] = user
        return user

    def find(self, user_id: str | None = None, screen_name: str | None = None) -> User | None:
        if user_id is not None:
            return self.by_id.get(user_id)
        if screen_name is not None:
            return self.by_name.get(screen_name.lower())
        return None

    def add_tester(self) -> User:
        self.testers += 1
        n = self.testers
        return self.add(User(str(TESTER_ID_BASE + n), f"tester_{n}", f"Tester {n}",
                             "A generated authenticated test user."))


# ---------------------------------------------------------------------------------------------
# Replies and X's error shapes
# ---------------------------------------------------------------------------------------------

@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    payload: object = None          # the JSON value behind body, when there is one
    abort: bool = False             # close the connection with a TCP reset, send nothing
    dribble_seconds: float = 0.0    # send the body in pieces over this long


class ApiError(Exception):
    """Raised anywhere below a handler to answer with `reply` at once."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(reply.status)
        self.reply = reply


def json_reply(status: int, payload: object, content_type: str = JSON_TYPE) -> Reply:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Reply(status, body, content_type, payload=payload)


def html_reply(status: int, title: str, body_html: str) -> Reply:
    page = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title></head>\n<body>\n{body_html}\n</body></html>\n")
    return Reply(status, page.encode(), HTML_TYPE)


def text_reply(status: int, text: str, content_type: str = TEXT_TYPE) -> Reply:
    return Reply(status, text.encode(), content_type)


def v1_error(status: int, code: int, message: str) -> Reply:
    return json_reply(status, {"errors": [{"code": code, "message": message}]})


def problem(status: int, title: str, detail: str, type_: str = "about:blank", **extra) -> Reply:
    return json_reply(status, {"title": title, "detail": detail, "type": type_,
                               "status": status, **extra}, PROBLEM_TYPE)


def invalid_request(parameters: dict, message: str) -> Reply:
    return json_reply(400, {
        "errors": [{"parameters": parameters, "message": message}],
        "title": "Invalid Request",
        "detail": "One or more parameters to your request was invalid.",
        "type": "https://api.twitter.com/2/problems/invalid-request",
    }, PROBLEM_TYPE)


def is_v2(path: str) -> bool:
    return path.startswith("/2/")


def unauthorized(path: str, code: int, message: str, status: int = 401) -> Reply:
    """An authentication failure: v1.1 `errors` shape, or X's bare 401 problem on v2 paths."""
    if is_v2(path):
        return problem(401, "Unauthorized", "Unauthorized")
    return v1_error(status, code, message)


def bad_authentication_data(path: str) -> Reply:
    return unauthorized(path, 215, "Bad Authentication data.", status=400)


def could_not_authenticate(path: str) -> Reply:
    return unauthorized(path, 32, "Could not authenticate you.")


def invalid_token(path: str) -> Reply:
    return unauthorized(path, 89, "Invalid or expired token.")


def timestamp_out_of_bounds() -> Reply:
    # Always the v1.1 shape, also on v2 paths: clients detect clock skew from code 135.
    return v1_error(401, 135, "Timestamp out of bounds.")


def rate_limit_exceeded(path: str, limit: int, reset_at: float) -> Reply:
    if is_v2(path):
        reply = problem(429, "Too Many Requests", "Too Many Requests")
    else:
        reply = v1_error(429, 88, "Rate limit exceeded")
    reply.headers += rate_limit_headers(limit, 0, reset_at)
    return reply


def rate_limit_headers(limit: int, remaining: int, reset_at: float) -> list[tuple[str, str]]:
    return [("x-rate-limit-limit", str(limit)), ("x-rate-limit-remaining", str(remaining)),
            ("x-rate-limit-reset", str(int(reset_at)))]


def not_found(path: str) -> Reply:
    if is_v2(path):
        return problem(404, "Not Found Error", "The requested resource could not be found.",
                       "https://api.twitter.com/2/problems/resource-not-found")
    return v1_error(404, 34, "Sorry, that page does not exist.")


FORBIDDEN_OTHER_USER = "You are not allowed to perform this action on behalf of another user."

CLIENT_NOT_ENROLLED = {
    "client_id": "26924600",
    "detail": "When authenticating requests to the Twitter API v2 endpoints, you must use keys "
              "and tokens from a Twitter developer App that is attached to a Project. You can "
              "create a project via the developer portal.",
    "registration_url": "https://developer.twitter.com/en/docs/projects/overview",
    "title": "Client Forbidden",
    "required_enrollment": "Appropriate Level of API Access",
    "reason": "client-not-enrolled",
    "type": "https://api.twitter.com/2/problems/client-forbidden",
}

ACCESS_LEVEL_MESSAGE = (
    "You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints "
    "(e.g. media post, oauth) only. If you need access to this endpoint, you may need a "
    "different access level. You can learn more here: "
    "https://developer.x.com/en/portal/product")

INVALID_VERIFIER = "Error processing your OAuth request: Invalid oauth_verifier parameter"

# Pay-per-use refusals, verbatim as X sent them in 2026 (x-api-notes.md, "Error bodies seen in
# 2026"). None of them carries x-rate-limit-* headers.
CREDITS_DEPLETED = {
    "title": "Payment Required",
    "detail": "credits depleted",
    "type": "https://api.x.com/2/problems/credits-depleted",
}


def credits_depleted(account_id: str, form: str = "current") -> Reply:
    """HTTP 402: X's current body, or its older `CreditsDepleted` form."""
    if form == "legacy":
        return json_reply(402, {
            "title": "CreditsDepleted",
            "detail": f"Your enrolled account [{account_id}] does not have any credits to "
                      "fulfill this request.",
            "type": "https://api.twitter.com/2/problems/credits",
        }, PROBLEM_TYPE)
    return json_reply(402, dict(CREDITS_DEPLETED), PROBLEM_TYPE)


def usage_capped(account_id: str) -> Reply:
    """HTTP 429 for the monthly spending cap: not a rate limit, so no x-rate-limit-* headers."""
    return json_reply(429, {
        "account_id": account_id, "product_name": "standard-basic", "title": "UsageCapExceeded",
        "period": "Monthly", "scope": "Product",
        "detail": "Usage cap exceeded: Monthly product cap",
        "type": "https://api.twitter.com/2/problems/usage-capped",
    }, PROBLEM_TYPE)


USER_NOT_ENROLLED = {
    "title": "Client Forbidden",
    "detail": "When authenticating requests to the X API v2 endpoints, you must use keys and "
              "tokens from an X developer App enrolled in Pay-per-use. You can enroll it in the "
              "X Developer Console.",
    "reason": "user-not-enrolled",
    "required_enrollment": "Pay-per-use",
    "type": "https://api.twitter.com/2/problems/client-forbidden",
}


def access_level_denied() -> Reply:
    """HTTP 403 code 453: v1.1 for an app whose access level lacks it (keys in X's order)."""
    return json_reply(403, {"errors": [{"message": ACCESS_LEVEL_MESSAGE, "code": 453}]})


# ---------------------------------------------------------------------------------------------
# Worlds and shared state
# ---------------------------------------------------------------------------------------------

@dataclass
class AccessToken:
    secret: str
    user_id: str


@dataclass
class RequestToken:
    """A PIN-flow temporary credential."""
    secret: str
    pin: str
    authorized: bool = False
    user_id: str | None = None   # who approved it (the x.com user signed in on the consent page)


@dataclass
class RateWindow:
    reset_at: float
    used: int = 0


@dataclass
class Billing:
    """A world's pay-per-use account. Money is in micro-dollars (integers)."""
    mode: str = DEFAULT_BILLING_MODE
    credits: int | None = None        # the prepaid balance; None = unlimited
    monthly_cap: int | None = None    # the spending limit per calendar month (UTC); None = none
    ledger: list[dict] = field(default_factory=list)   # charges, in charge order

    @property
    def metered(self) -> bool:
        return self.mode == "pay-per-use"

    def month_spend(self, now: float) -> int:
        """What was charged in the calendar month (UTC) that `now` falls in."""
        month = time.gmtime(now)[:2]
        return sum(e["amount"] for e in self.ledger if time.gmtime(e["at"])[:2] == month)

    def refusal(self, price: int, now: float, account_id: str) -> Reply | None:
        """X's answer when a call of this price may not run: the cap first, then the credits."""
        if self.monthly_cap is not None and self.month_spend(now) + price > self.monthly_cap:
            return usage_capped(account_id)
        if self.credits is not None and self.credits < price:
            return credits_depleted(account_id)
        return None

    def charge(self, entry: dict) -> None:
        if self.credits is not None:
            self.credits -= entry["amount"]
        self.ledger.append(entry)

    def summary(self, now: float, account_id: str) -> dict:
        return {"mode": self.mode, "credits": dollars_or_none(self.credits),
                "monthlyCap": dollars_or_none(self.monthly_cap),
                "monthSpend": dollars(self.month_spend(now)), "accountId": account_id}


def dollars(micro: int) -> float:
    """Micro-dollars as a JSON number of dollars, rounded to 6 decimals."""
    return round(micro / MICRO_DOLLARS, 6)


def dollars_or_none(micro: int | None) -> float | None:
    return None if micro is None else dollars(micro)


@dataclass
class Fault:
    kind: str
    method: str | None
    path: re.Pattern | None
    times: int
    params: dict

    def matches(self, method: str, path: str) -> bool:
        if self.times == 0:
            return False
        if self.method and self.method != method:
            return False
        return self.path is None or self.path.search(path) is not None

    def consume(self) -> None:
        if self.times > 0:
            self.times -= 1


def take_fault(faults: list[Fault], method: str, path: str) -> Fault | None:
    for fault in faults:
        if fault.matches(method, path):
            fault.consume()
            return fault
    return None


class World:
    """One app (consumer key) with its tokens and every piece of mutable state a test touches."""

    def __init__(self, consumer_key: str, consumer_secret: str, app_name: str,
                 user_id: str, token_prefix: bool, account_id: str) -> None:
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.app_name = app_name
        self.account_id = account_id        # the billing account named in 402/429 bodies
        self.user_id = user_id              # the world's user (the default x.com session)
        self.token_prefix = token_prefix
        self.tokens: dict[str, AccessToken] = {}
        self.reset()

    def reset(self) -> None:
        self.muting: dict[str, dict[str, None]] = {}   # user id -> ordered set of target ids
        self.requests: list[dict] = []
        self.faults: list[Fault] = []
        self.limits: dict[str, tuple[int, int]] = dict(DEFAULT_LIMITS)
        self.windows: dict[tuple[str, str], RateWindow] = {}
        self.nonces: dict[tuple[str, str], float] = {}
        self.clock_offset = 0.0
        self.request_tokens: dict[str, RequestToken] = {}
        self.billing = Billing()
        self.session_user_id: str | None = None   # x.com's signed-in user, if not the world's

    def session_user(self) -> str:
        """Who is signed in to x.com, so who approves a PIN request (POST /__control/session)."""
        return self.session_user_id or self.user_id

    def issue_access_token(self, user_id: str, token: str | None = None,
                           secret: str | None = None) -> tuple[str, str]:
        if token is None:
            token = f"{user_id}-{random_alnum(40)}" if self.token_prefix else random_alnum(50)
        secret = secret or random_alnum(45)
        self.tokens[token] = AccessToken(secret, user_id)
        return token, secret

    def issue_request_token(self) -> tuple[str, RequestToken]:
        token = random_alnum(27)
        entry = RequestToken(random_alnum(32), f"{secrets.randbelow(10**7):07d}")
        self.request_tokens[token] = entry
        return token, entry

    def muted_by(self, user_id: str) -> dict[str, None]:
        return self.muting.setdefault(user_id, {})

    def remember_nonce(self, token: str, nonce: str, now: float) -> bool:
        """Store the nonce; False when it was already used within the window."""
        self.nonces = {k: t for k, t in self.nonces.items() if now - t < NONCE_MEMORY_SECONDS}
        key = (token, nonce)
        if key in self.nonces:
            return False
        self.nonces[key] = now
        return True

    def count_request(self, bucket: str, user_id: str, now: float) -> tuple[bool, int, int, float]:
        """Count one request against a rate-limit bucket: (allowed, limit, remaining, reset)."""
        limit, window_seconds = self.limits[bucket]
        window = self.windows.get((bucket, user_id))
        if window is None or now >= window.reset_at:
            window = self.windows[(bucket, user_id)] = RateWindow(now + window_seconds)
        if window.used >= limit:
            return False, limit, 0, window.reset_at
        window.used += 1
        return True, limit, limit - window.used, window.reset_at

    def rate_limit_state(self) -> dict:
        out = {name: {"limit": limit, "windowSeconds": seconds, "users": {}}
               for name, (limit, seconds) in self.limits.items()}
        for (bucket, user_id), window in self.windows.items():
            limit = self.limits[bucket][0]
            out[bucket]["users"][user_id] = {"used": window.used,
                                             "remaining": max(0, limit - window.used),
                                             "reset": int(window.reset_at)}
        return out


class State:
    """Everything the server knows. One lock guards it all; nothing slow runs under it."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.directory = Directory()
        self.worlds: dict[str, World] = {}
        self.global_requests: list[dict] = []
        self.global_faults: list[Fault] = []
        self.global_clock_offset = 0.0
        self.seq = 0
        self.world_count = 0
        self.ensure_demo_world()

    def ensure_demo_world(self) -> World:
        with self.lock:
            world = self.worlds.get(DEMO_CONSUMER_KEY)
            if world is None:
                world = World(DEMO_CONSUMER_KEY, DEMO_CONSUMER_SECRET, DEMO_APP_NAME,
                              DEMO_USER_ID, token_prefix=True, account_id=str(ACCOUNT_ID_BASE))
                world.issue_access_token(DEMO_USER_ID, DEMO_TOKEN, DEMO_TOKEN_SECRET)
                self.worlds[DEMO_CONSUMER_KEY] = world
            return world

    def now(self, world: World | None = None) -> float:
        offset = self.global_clock_offset + (world.clock_offset if world else 0.0)
        return time.time() + offset

    def next_seq(self) -> int:
        with self.lock:
            self.seq += 1
            return self.seq

    def create_world(self, user: User | None, token_prefix: bool) -> tuple[World, str, str]:
        with self.lock:
            user = user or self.directory.add_tester()
            self.world_count += 1
            world = World(random_alnum(25), random_alnum(50),
                          f"XMute Test App {self.world_count}", user.id, token_prefix,
                          str(ACCOUNT_ID_BASE + self.world_count))
            self.worlds[world.consumer_key] = world
            token, token_secret = world.issue_access_token(user.id)
            return world, token, token_secret

    def find_request_token(self, token: str) -> tuple[World, RequestToken] | tuple[None, None]:
        with self.lock:
            for world in self.worlds.values():
                entry = world.request_tokens.get(token)
                if entry is not None:
                    return world, entry
        return None, None

    def record(self, world: World | None, entry: dict) -> None:
        with self.lock:
            (world.requests if world else self.global_requests).append(entry)

    def reset_all(self) -> None:
        with self.lock:
            self.worlds = {k: w for k, w in self.worlds.items() if k == DEMO_CONSUMER_KEY}
            self.ensure_demo_world().reset()
            self.global_requests.clear()
            self.global_faults.clear()
            self.global_clock_offset = 0.0


# ---------------------------------------------------------------------------------------------
# The request being answered
# ---------------------------------------------------------------------------------------------

@dataclass
class Call:
    """One API request, as received, plus what authentication learned about it."""
    state: State
    stop: threading.Event
    scheme: str
    method: str
    host: str                    # the Host header exactly as sent
    target: str                  # the raw request-target
    path: str                    # target without the query
    query: dict[str, list[str]]
    headers: dict[str, str]      # lower-case names
    body: bytes
    args: dict[str, str] = field(default_factory=dict)   # route groups, percent-decoded
    world: World | None = None
    user: User | None = None     # the token's owner
    token: str | None = None
    seq: int = 0                 # arrival order, for the request record
    oauth: dict[str, str] = field(default_factory=dict)
    verified: bool = False
    base_string: str | None = None
    limit: int | None = None     # the route's rate limit, when it has one
    charged: int = 0             # micro-dollars charged for this request

    @property
    def raw_query(self) -> str:
        return urllib.parse.urlsplit(self.target).query

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def form_body(self) -> str | None:
        """The body when it is form-encoded (the only kind that is signed), else None."""
        if self.media_type == "application/x-www-form-urlencoded":
            return self.body.decode("utf-8", "replace")
        return None

    def param(self, name: str) -> str | None:
        """A parameter from the query or, failing that, a form-encoded body."""
        values = self.query.get(name)
        if not values and self.form_body:
            values = urllib.parse.parse_qs(self.form_body, keep_blank_values=True).get(name)
        return values[0] if values else None

    def now(self) -> float:
        return self.state.now(self.world)

    def record(self, reply: Reply | None, fault: Fault | None) -> dict:
        return {
            "seq": self.seq, "time": time.time(), "scheme": self.scheme,
            "host": self.host, "method": self.method, "path": self.path, "query": self.query,
            "target": self.target, "headers": self.headers,
            "body": self.body.decode("utf-8", "replace"), "oauth": self.oauth,
            "verified": self.verified, "baseString": self.base_string,
            "status": reply.status if reply and not reply.abort else None,
            "fault": fault.kind if fault else None, "charged": dollars(self.charged),
        }


# ---------------------------------------------------------------------------------------------
# OAuth 1.0a verification (oauthlib only)
# ---------------------------------------------------------------------------------------------

def parse_oauth_header(call: Call) -> dict[str, str]:
    """Check 1: a parsable `Authorization: OAuth` header with supported method and version."""
    header = call.headers.get("authorization", "")
    try:
        pairs = oauth_utils.parse_authorization_header(header)
    except ValueError:
        raise ApiError(bad_authentication_data(call.path)) from None
    params = {k: oauth_utils.unescape(v) for k, v in pairs if k != "realm"}
    call.oauth = params
    if any(not params.get(name) for name in REQUIRED_OAUTH_PARAMS):
        raise ApiError(bad_authentication_data(call.path))
    if params["oauth_signature_method"] not in SUPPORTED_SIGNATURE_METHODS:
        raise ApiError(bad_authentication_data(call.path))
    if params.get("oauth_version", "1.0") != "1.0":
        raise ApiError(bad_authentication_data(call.path))
    if not params["oauth_timestamp"].isdigit():
        raise ApiError(bad_authentication_data(call.path))
    return params


def signature_base_string(call: Call) -> str:
    """RFC 5849 3.4.1 over the request exactly as received, computed by oauthlib."""
    target = call.target
    uri = target if "://" in target.split("?")[0] else f"{call.scheme}://{call.host}{target}"
    params = oauth_signature.collect_parameters(
        uri_query=call.raw_query, body=call.form_body,
        headers={"Authorization": call.headers.get("authorization", "")})
    return oauth_signature.signature_base_string(
        call.method, oauth_signature.base_string_uri(uri),
        oauth_signature.normalize_parameters(params))


def signature_matches(call: Call, consumer_secret: str, token_secret: str) -> bool:
    method = call.oauth["oauth_signature_method"]
    try:
        call.base_string = signature_base_string(call)
    except ValueError:
        return False
    if method == "PLAINTEXT":
        expected = oauth_signature.sign_plaintext(consumer_secret, token_secret)
    else:
        expected = oauth_signature._sign_hmac(SUPPORTED_SIGNATURE_METHODS[method],
                                              call.base_string, consumer_secret, token_secret)
    return safe_string_equals(expected, call.oauth["oauth_signature"])


def token_secret_for(call: Call, world: World, auth: str) -> str:
    """Check 3: the token (none, a request token, or an access token) is known in the world."""
    if auth == "request_token":
        return ""
    token = call.oauth.get("oauth_token", "")
    if auth == "access_token":
        entry = world.request_tokens.get(token)
        if entry is None:
            raise ApiError(invalid_token(call.path))
        call.token = token
        return entry.secret
    entry = world.tokens.get(token)
    if entry is None:
        raise ApiError(invalid_token(call.path))
    call.token = token
    call.user = call.state.directory.find(user_id=entry.user_id)
    return entry.secret


def authenticate(call: Call, auth: str) -> None:
    """Run X's OAuth checks in order; raise ApiError with X's answer on the first failure."""
    oauth = parse_oauth_header(call)
    state = call.state
    with state.lock:
        world = state.worlds.get(oauth["oauth_consumer_key"])
        if world is None:
            raise ApiError(could_not_authenticate(call.path))
        call.world = world
        token_secret = token_secret_for(call, world, auth)
        if abs(int(oauth["oauth_timestamp"]) - call.now()) > TIMESTAMP_WINDOW_SECONDS:
            raise ApiError(timestamp_out_of_bounds())
    if not signature_matches(call, world.consumer_secret, token_secret):
        raise ApiError(could_not_authenticate(call.path))
    with state.lock:
        if not world.remember_nonce(call.token or "", oauth["oauth_nonce"], call.now()):
            raise ApiError(could_not_authenticate(call.path))
    call.verified = True


# ---------------------------------------------------------------------------------------------
# API endpoints
# ---------------------------------------------------------------------------------------------

def require_user_id(call: Call, name: str) -> str:
    value = call.args[name]
    if not USER_ID_PATTERN.match(value):
        raise ApiError(invalid_request(
            {name: [value]},
            f"The `{name}` query parameter value [{value}] does not match ^[0-9]{{1,19}}$"))
    return value


def require_self(call: Call, name: str) -> str:
    """The path's source user must be the token's user (X answers 403 otherwise)."""
    value = require_user_id(call, name)
    if value != call.user.id:
        raise ApiError(problem(403, "Forbidden", FORBIDDEN_OTHER_USER))
    return value


def v2_target(call: Call, target_id: str, action: str) -> User:
    """A v2 mute/unmute target: must exist, not be suspended, not be yourself."""
    user = call.state.directory.find(user_id=target_id)
    if user is None:
        raise ApiError(invalid_request(
            {"target_user_id": [target_id]},
            f"The `target_user_id` query parameter value [{target_id}] does not exist"))
    if user.suspended:
        raise ApiError(problem(403, "Forbidden", f"User has been suspended: [{target_id}]."))
    if user.id == call.user.id:
        raise ApiError(problem(403, "Forbidden", f"You cannot {action} yourself."))
    return user


def parse_mute_body(call: Call) -> str:
    """The v2 mute body must be exactly {"target_user_id": "<digits>"} sent as JSON."""
    if call.media_type != "application/json":
        raise ApiError(invalid_request(
            {}, "Requests with bodies must have content-type of application/json."))
    try:
        body = json.loads(call.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(invalid_request({}, "Request body is not valid JSON.")) from None
    if not isinstance(body, dict):
        raise ApiError(invalid_request({}, f"$: {json_type(body)} found, object expected"))
    for key in body:
        if key != "target_user_id":
            raise ApiError(invalid_request({}, f"$.{key}: is not defined in the schema and the "
                                               "schema does not allow additional properties"))
    if "target_user_id" not in body:
        raise ApiError(invalid_request({}, "$.target_user_id: is missing but it is required"))
    value = body["target_user_id"]
    if not isinstance(value, str):
        raise ApiError(invalid_request({"target_user_id": [json.dumps(value)]},
                                       f"$.target_user_id: {json_type(value)} found, "
                                       "string expected"))
    if not USER_ID_PATTERN.match(value):
        raise ApiError(invalid_request({"target_user_id": [value]},
                                       "$.target_user_id: does not match the regex pattern "
                                       "^[0-9]{1,19}$"))
    return value


def json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
             float: "number", type(None): "null"}
    return names.get(type(value), "unknown")


def api_v2_mute(call: Call) -> Reply:
    source = require_self(call, "id")
    target = v2_target(call, parse_mute_body(call), "mute")
    call.world.muted_by(source)[target.id] = None
    return json_reply(200, {"data": {"muting": True}})


def api_v2_unmute(call: Call) -> Reply:
    source = require_self(call, "source_user_id")
    target = v2_target(call, require_user_id(call, "target_user_id"), "unmute")
    call.world.muted_by(source).pop(target.id, None)
    return json_reply(200, {"data": {"muting": False}})


def api_v2_me(call: Call) -> Reply:
    return json_reply(200, {"data": call.user.v2()})


def api_v2_by_username(call: Call) -> Reply:
    name = call.args["username"]
    if not USERNAME_PATTERN.match(name):
        raise ApiError(invalid_request(
            {"username": [name]},
            f"The `username` query parameter value [{name}] does not match "
            "^[A-Za-z0-9_]{1,15}$"))
    user = call.state.directory.find(screen_name=name)
    if user is None:
        return json_reply(200, {"errors": [lookup_error(
            name, f"Could not find user with username: [{name}].", "Not Found Error")]})
    if user.suspended:
        return json_reply(200, {"errors": [lookup_error(
            name, f"User has been suspended: [{name}].", "Forbidden")]})
    return json_reply(200, {"data": user.v2()})


def lookup_error(name: str, detail: str, title: str) -> dict:
    return {"value": name, "detail": detail, "title": title, "resource_type": "user",
            "parameter": "username", "resource_id": name,
            "type": "https://api.twitter.com/2/problems/resource-not-found"}


def api_v2_muting_list(call: Call) -> Reply:
    source = require_self(call, "id")
    size = page_size(call)
    start = page_start(call)
    ids = newest_first(call.world.muted_by(source))
    page = ids[start:start + size]
    meta: dict = {"result_count": len(page)}
    if start + size < len(ids):
        meta["next_token"] = encode_page_token(start + size)
    if start > 0:
        meta["previous_token"] = encode_page_token(max(0, start - size))
    if not page:
        return json_reply(200, {"meta": meta})
    users = [call.state.directory.find(user_id=i).v2() for i in page]
    return json_reply(200, {"data": users, "meta": meta})


def page_size(call: Call) -> int:
    raw = call.param("max_results")
    if raw is None:
        return V2_PAGE_DEFAULT
    if not raw.isdigit() or not 1 <= int(raw) <= V2_PAGE_MAX:
        raise ApiError(invalid_request(
            {"max_results": [raw]},
            f"The `max_results` query parameter value [{raw}] is not between 1 and {V2_PAGE_MAX}"))
    return int(raw)


def page_start(call: Call) -> int:
    token = call.param("pagination_token")
    if token is None:
        return 0
    match = re.fullmatch(r"XMUTE([0-9A-F]{8})", token)
    if match is None:
        raise ApiError(invalid_request(
            {"pagination_token": [token]},
            f"The `pagination_token` query parameter value [{token}] is not valid"))
    return int(match.group(1), 16)


def encode_page_token(offset: int) -> str:
    return f"XMUTE{offset:08X}"


def newest_first(ordered: dict[str, None]) -> list[str]:
    return list(reversed(ordered))


def v1_subject(call: Call) -> User:
    """The user named by `user_id` or `screen_name` (query or form body) of a v1.1 call."""
    user_id, screen_name = call.param("user_id"), call.param("screen_name")
    if not user_id and not screen_name:
        raise ApiError(v1_error(400, 38, "user_id or screen_name parameter is missing."))
    directory = call.state.directory
    user = directory.find(user_id=user_id) if user_id else directory.find(screen_name=screen_name)
    if user is None:
        raise ApiError(v1_error(404, 50, "User not found."))
    if user.suspended:
        raise ApiError(v1_error(403, 63, "User has been suspended."))
    return user


def api_v1_mute(call: Call) -> Reply:
    target = v1_subject(call)
    if target.id == call.user.id:
        raise ApiError(v1_error(403, 271, "You can't mute yourself."))
    call.world.muted_by(call.user.id)[target.id] = None
    return json_reply(200, target.v1(muting=True))


def api_v1_unmute(call: Call) -> Reply:
    target = v1_subject(call)
    muted = call.world.muted_by(call.user.id)
    if target.id not in muted:
        raise ApiError(v1_error(403, 272, "You are not muting the specified user."))
    del muted[target.id]
    return json_reply(200, target.v1(muting=False))


def api_v1_mute_ids(call: Call) -> Reply:
    ids = newest_first(call.world.muted_by(call.user.id))
    cursor = call.param("cursor") or "-1"
    start = int(cursor) if cursor.isdigit() else 0
    page = ids[start:start + V1_IDS_PAGE]
    next_cursor = start + V1_IDS_PAGE if start + V1_IDS_PAGE < len(ids) else 0
    previous_cursor = 0 if start == 0 else (start - V1_IDS_PAGE) or -1
    stringify = (call.param("stringify_ids") or "").lower() in ("1", "true", "t")
    return json_reply(200, {
        "ids": page if stringify else [int(i) for i in page],
        "next_cursor": next_cursor, "next_cursor_str": str(next_cursor),
        "previous_cursor": previous_cursor, "previous_cursor_str": str(previous_cursor),
    })


def api_v1_verify_credentials(call: Call) -> Reply:
    return json_reply(200, call.user.v1())


def api_request_token(call: Call) -> Reply:
    if call.oauth.get("oauth_callback") != "oob":
        return v1_error(401, 417, "Desktop applications only support the oauth_callback "
                                  "value 'oob'")
    token, entry = call.world.issue_request_token()
    body = urllib.parse.urlencode({"oauth_token": token, "oauth_token_secret": entry.secret,
                                   "oauth_callback_confirmed": "true"})
    return text_reply(200, body, HTML_TYPE)


def api_access_token(call: Call) -> Reply:
    world = call.world
    entry = world.request_tokens.get(call.token)
    if entry is None:  # used up by a concurrent request since authentication
        return invalid_token(call.path)
    verifier = call.oauth.get("oauth_verifier") or call.param("oauth_verifier")
    if not entry.authorized or not verifier or not safe_string_equals(verifier, entry.pin):
        return text_reply(401, INVALID_VERIFIER)
    del world.request_tokens[call.token]
    user = call.state.directory.find(user_id=entry.user_id or world.user_id)
    token, secret = world.issue_access_token(user.id)
    body = urllib.parse.urlencode({"oauth_token": token, "oauth_token_secret": secret,
                                   "user_id": user.id, "screen_name": user.screen_name})
    return text_reply(200, body, HTML_TYPE)


def api_authorize_page(call: Call) -> Reply:
    """GET shows the consent page; POST (its form) approves and shows the PIN."""
    token = call.param("oauth_token") or ""
    world, entry = call.state.find_request_token(token)
    call.world = world
    if entry is None:
        return html_reply(400, "Error", '<h1 id="error">This page is no longer valid.</h1>\n'
                          "<p>The request token is invalid or has already been used.</p>")
    with call.state.lock:
        user = call.state.directory.find(user_id=world.session_user())
        app_name = html.escape(world.app_name)
        if call.method == "GET":
            return html_reply(200, f"Authorize {world.app_name}", (
                f'<h1>Authorize <span id="app_name">{app_name}</span> to access your account?'
                f'</h1>\n<p>Signed in as @{html.escape(user.screen_name)}</p>\n'
                '<form id="oauth_form" method="post" action="/oauth/authorize">'
                f'<input type="hidden" name="oauth_token" value="{html.escape(token)}">'
                '<button id="allow" type="submit">Authorize app</button></form>'))
        entry.authorized = True
        entry.user_id = user.id
        return html_reply(200, "Redirecting you back to the application", (
            f'<h1>You\'ve granted access to <span id="app_name">{app_name}</span>!</h1>\n'
            f'<p>Next, return to {app_name} and enter this PIN to complete the authorization '
            f'process:</p>\n<p><code id="oauth_pin">{entry.pin}</code></p>'))


def api_not_found(call: Call) -> Reply:
    return not_found(call.path)


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern
    handler: Callable[[Call], Reply]
    auth: str = "user"          # user | request_token | access_token | none
    bucket: str | None = None   # rate-limit bucket counted per user
    price: str | None = None    # its kind in PRICES, when pay-per-use charges it


def route(method: str, pattern: str, handler: Callable[[Call], Reply], **kw) -> Route:
    return Route(method, re.compile(f"^{pattern}$"), handler, **kw)


API_ROUTES = (
    route("POST", r"/2/users/(?P<id>[^/]+)/muting", api_v2_mute, bucket="mute", price="mute"),
    route("DELETE", r"/2/users/(?P<source_user_id>[^/]+)/muting/(?P<target_user_id>[^/]+)",
          api_v2_unmute, bucket="unmute", price="unmute"),
    route("GET", r"/2/users/(?P<id>[^/]+)/muting", api_v2_muting_list, bucket="mutingList",
          price="muteListRead"),
    route("GET", r"/2/users/me", api_v2_me, price="userRead"),
    route("GET", r"/2/users/by/username/(?P<username>[^/]+)", api_v2_by_username,
          price="userRead"),
    route("POST", r"/1\.1/mutes/users/create\.json", api_v1_mute, bucket="v1Mute"),
    route("POST", r"/1\.1/mutes/users/destroy\.json", api_v1_unmute, bucket="v1Unmute"),
    route("GET", r"/1\.1/mutes/users/ids\.json", api_v1_mute_ids, bucket="mutesIds"),
    route("GET", r"/1\.1/account/verify_credentials\.json", api_v1_verify_credentials),
    route("POST", r"/oauth/request_token", api_request_token, auth="request_token"),
    route("POST", r"/oauth/access_token", api_access_token, auth="access_token"),
    route("GET", r"/oauth/authorize", api_authorize_page, auth="none"),
    route("POST", r"/oauth/authorize", api_authorize_page, auth="none"),
)

NOT_FOUND_ROUTE = Route("*", re.compile(""), api_not_found)


def find_route(method: str, path: str) -> tuple[Route, dict[str, str]]:
    for candidate in API_ROUTES:
        match = candidate.pattern.match(path)
        if match and candidate.method == method:
            args = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
            return candidate, args
    return NOT_FOUND_ROUTE, {}


def run_handler(found: Route, call: Call) -> Reply:
    try:
        return found.handler(call)
    except ApiError as error:
        return error.reply


def resources_returned(reply: Reply) -> int:
    """What a pay-per-use charge counts: 0 unless a 2xx carries `data` (a list: its length)."""
    if not 200 <= reply.status < 300 or not isinstance(reply.payload, dict):
        return 0
    if "data" not in reply.payload:
        return 0
    data = reply.payload["data"]
    return len(data) if isinstance(data, list) else 1


def run_route(found: Route, call: Call) -> Reply:
    """After the OAuth checks and faults: billing checks (pay-per-use worlds), the rate limit,
    the handler, the charge; the rate-limit headers go on any answer of a bucketed route that
    got that far."""
    with call.state.lock:
        world = call.world
        billing = world.billing
        priced = billing.metered and found.price is not None
        if billing.metered and call.path.startswith("/1.1/"):
            return access_level_denied()
        early: Reply | None = None
        if priced:
            unit_price, unit = PRICES[found.price]
            if unit == "request":
                price = unit_price
            else:  # a read is priced by what it returns: compute that page first (no side effect)
                early = run_handler(found, call)
                price = unit_price * resources_returned(early)
            refusal = billing.refusal(price, call.now(), world.account_id)
            if refusal is not None:
                return refusal
        headers: list[tuple[str, str]] = []
        if found.bucket:
            allowed, limit, remaining, reset_at = world.count_request(
                found.bucket, call.user.id, call.now())
            if not allowed:
                return rate_limit_exceeded(call.path, limit, reset_at)
            headers = rate_limit_headers(limit, remaining, reset_at)
        reply = early if early is not None else run_handler(found, call)
        if priced:
            charge(call, found.price, reply)
    reply.headers += headers
    return reply


def charge(call: Call, kind: str, reply: Reply) -> None:
    """Charge a successful answer that returned data, and write it in the world's ledger."""
    resources = resources_returned(reply)
    if resources == 0:
        return
    unit_price = PRICES[kind][0]
    call.charged = unit_price * resources
    call.world.billing.charge({
        "seq": call.seq, "at": call.now(), "method": call.method, "path": call.path,
        "kind": kind, "resources": resources, "unitPrice": unit_price, "amount": call.charged,
    })


# ---------------------------------------------------------------------------------------------
# Scripted faults
# ---------------------------------------------------------------------------------------------

Proceed = Callable[[], Reply]


def fault_rate_limit(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    reset_at = call.now() + float(fault.params.get("resetIn", 900))
    return rate_limit_exceeded(call.path, call.limit or DEFAULT_LIMITS["mute"][0], reset_at)


def fault_unauthorized(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return invalid_token(call.path)


def fault_not_enrolled(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return json_reply(403, CLIENT_NOT_ENROLLED, PROBLEM_TYPE)


def fault_access_level(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return access_level_denied()


def fault_credits_depleted(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return credits_depleted(call.world.account_id, fault.params.get("form", "current"))


def fault_usage_capped(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return usage_capped(call.world.account_id)


def fault_user_not_enrolled(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return json_reply(403, dict(USER_NOT_ENROLLED), PROBLEM_TYPE)


def fault_timestamp(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return timestamp_out_of_bounds()


def fault_server_error(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    status = int(fault.params.get("status", 500))
    if fault.params.get("body", "json" if status == 500 else "html") == "html":
        return error_page(status)
    if is_v2(call.path):
        return problem(status, "Internal Server Error", "Internal Server Error")
    return v1_error(status, 131, "Internal error")


def error_page(status: int) -> Reply:
    return html_reply(status, "X / Error", "<h1>Something is technically wrong.</h1>\n"
                      "<p>Thanks for noticing. We're going to fix it up and have things back "
                      "to normal soon.</p>")


def fault_hang(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    call.stop.wait(float(fault.params.get("seconds", 30)))
    return proceed()


def fault_malformed(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return Reply(200, b'{"data":{"muting":tr', JSON_TYPE)


def fault_html(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return error_page(int(fault.params.get("status", 503)))


def fault_wrong_shape(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    return json_reply(200, {"unexpected": True})


def fault_huge(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    size = int(fault.params.get("bytes", 8 << 20))
    head, tail = b'{"padding":"', b'"}'
    padding = size - len(head) - len(tail)
    body = head + b"x" * padding + tail if padding >= 0 else b" " * size
    return Reply(200, body, JSON_TYPE)


def fault_slow_body(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    reply = proceed()
    reply.dribble_seconds = float(fault.params.get("seconds", 5))
    return reply


def fault_reset(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    # A reset request was never processed, so its nonce is not spent: browsers retry a request
    # whose reused keep-alive connection was reset, and that retry is not a replay.
    if call.world is not None:
        call.world.nonces.pop((call.token or "", call.oauth.get("oauth_nonce", "")), None)
    return Reply(0, abort=True)


def fault_partial_errors(fault: Fault, call: Call, proceed: Proceed) -> Reply:
    reply = proceed()
    if reply.status != 200 or not isinstance(reply.payload, dict):
        return reply
    partial = json_reply(200, {**reply.payload, "errors": [{
        "title": "Partial Error", "type": "about:blank",
        "detail": "Part of this answer could not be produced (scripted fault)."}]})
    partial.headers = reply.headers
    return partial


FAULTS: dict[str, Callable[[Fault, Call, Proceed], Reply]] = {
    "rate_limit": fault_rate_limit,
    "unauthorized": fault_unauthorized,
    "not_enrolled": fault_not_enrolled,
    "access_level": fault_access_level,
    "credits_depleted": fault_credits_depleted,
    "usage_capped": fault_usage_capped,
    "user_not_enrolled": fault_user_not_enrolled,
    "timestamp": fault_timestamp,
    "server_error": fault_server_error,
    "hang": fault_hang,
    "malformed": fault_malformed,
    "html": fault_html,
    "wrong_shape": fault_wrong_shape,
    "huge": fault_huge,
    "slow_body": fault_slow_body,
    "reset": fault_reset,
    "partial_errors": fault_partial_errors,
}


def parse_fault(spec: dict) -> Fault:
    if not isinstance(spec, dict) or spec.get("kind") not in FAULTS:
        raise ValueError(f"unknown fault kind in {spec!r}; kinds: {', '.join(FAULTS)}")
    match = spec.get("match") or {}
    params = {k: v for k, v in spec.items() if k not in ("kind", "match", "times")}
    if spec["kind"] == "credits_depleted" and params.get("form", "current") not in (
            "current", "legacy"):
        raise ValueError(f"credits_depleted's form is \"current\" or \"legacy\", not "
                         f"{params['form']!r}")
    return Fault(kind=spec["kind"],
                 method=match.get("method", "").upper() or None,
                 path=re.compile(match["path"]) if match.get("path") else None,
                 times=int(spec.get("times", 1)),
                 params=params)


# ---------------------------------------------------------------------------------------------
# Answering an API request
# ---------------------------------------------------------------------------------------------

def answer_api(call: Call) -> Reply:
    """Authenticate, apply at most one scripted fault, run the route; record the request."""
    found, call.args = find_route(call.method, call.path)
    call.seq = call.state.next_seq()
    fault = None
    try:
        if found.auth == "none":
            reply = found.handler(call)
        else:
            authenticate(call, found.auth)
            with call.state.lock:
                if found.bucket:
                    call.limit = call.world.limits[found.bucket][0]
                fault = (take_fault(call.world.faults, call.method, call.path)
                         or take_fault(call.state.global_faults, call.method, call.path))
            proceed = lambda: run_route(found, call)  # noqa: E731
            reply = FAULTS[fault.kind](fault, call, proceed) if fault else proceed()
    except ApiError as error:
        reply = error.reply
    call.state.record(call.world, call.record(reply, fault))
    reply.headers += CORS_HEADERS
    return reply


# ---------------------------------------------------------------------------------------------
# Control API (/__control/*): no OAuth, JSON in and out
# ---------------------------------------------------------------------------------------------

class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class ControlRequest:
    state: State
    query: dict[str, list[str]]
    body: dict

    def consumer_key(self) -> str | None:
        values = self.query.get("consumerKey")
        return values[0] if values else self.body.get("consumerKey")

    def world(self) -> World:
        key = self.consumer_key()
        if key is None:
            raise ControlError(400, "consumerKey is required")
        return self.world_for(key)

    def world_for(self, key: str) -> World:
        world = self.state.worlds.get(key)
        if world is None:
            raise ControlError(404, f"unknown consumerKey {key!r}")
        return world

    def worlds(self) -> list[World]:
        """The named world, or every world when no consumerKey is given."""
        key = self.consumer_key()
        return [self.world_for(key)] if key is not None else list(self.state.worlds.values())


def parse_dollars(value: object, name: str) -> int | None:
    """A control-API amount: a JSON number of dollars (at most 6 decimals, not negative) as
    micro-dollars, or None for null."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ControlError(400, f"{name} must be a number of dollars or null")
    micro = Decimal(repr(value)) * MICRO_DOLLARS   # repr: the shortest exact spelling
    if micro < 0 or micro != micro.to_integral_value():
        raise ControlError(400, f"{name} must be at least 0 with at most 6 decimals, not {value!r}")
    return int(micro)


def parse_billing_mode(value: object, name: str) -> str:
    if value not in BILLING_MODES:
        raise ControlError(400, f"{name} must be one of {', '.join(BILLING_MODES)}, not {value!r}")
    return value


def control_create_world(req: ControlRequest) -> Reply:
    billing = Billing(
        mode=parse_billing_mode(req.body.get("billing", DEFAULT_BILLING_MODE), "billing"),
        credits=parse_dollars(req.body.get("credits"), "credits"),
        monthly_cap=parse_dollars(req.body.get("monthlyCap"), "monthlyCap"))
    user_id, screen_name = req.body.get("userId"), req.body.get("screenName")
    directory = req.state.directory
    user = None
    if user_id is not None or screen_name is not None:
        user = directory.find(user_id=str(user_id)) if user_id is not None else None
        by_name = directory.find(screen_name=screen_name) if screen_name is not None else None
        if user_id is not None and screen_name is not None and user is not by_name:
            raise ControlError(400, "userId and screenName name different users")
        user = user or by_name
        if user is None:
            raise ControlError(404, "no such user in the directory")
    world, token, token_secret = req.state.create_world(user, bool(req.body.get("tokenPrefix", True)))
    world.billing = billing
    user = directory.find(user_id=world.user_id)
    return json_reply(200, {
        "consumerKey": world.consumer_key, "consumerSecret": world.consumer_secret,
        "token": token, "tokenSecret": token_secret, "userId": user.id,
        "screenName": user.screen_name, "appName": world.app_name,
    })


def control_session(req: ControlRequest) -> Reply:
    """Who is signed in to x.com for the PIN flow's consent page: a directory user (by userId or
    screenName), or the world's own user when neither is given. The access token a PIN then
    yields is that user's, so one app can sign in several accounts."""
    world = req.world()
    user_id, screen_name = req.body.get("userId"), req.body.get("screenName")
    directory = req.state.directory
    user = None
    if user_id is not None:
        user = directory.find(user_id=str(user_id))
    elif screen_name is not None:
        user = directory.find(screen_name=str(screen_name))
    if (user_id is not None or screen_name is not None) and user is None:
        raise ControlError(404, "no such user in the directory")
    with req.state.lock:
        world.session_user_id = user.id if user else None
        current = directory.find(user_id=world.session_user())
    return json_reply(200, {"userId": current.id, "screenName": current.screen_name})


def control_reset(req: ControlRequest) -> Reply:
    if req.consumer_key() is None:
        req.state.reset_all()
    else:
        req.world().reset()
    return json_reply(200, {"ok": True})


def control_requests(req: ControlRequest) -> Reply:
    if req.consumer_key() is not None:
        records = list(req.world().requests)
    else:
        records = list(req.state.global_requests)
        for world in req.state.worlds.values():
            records += world.requests
    return json_reply(200, sorted(records, key=lambda r: r["seq"]))


def control_clear_requests(req: ControlRequest) -> Reply:
    if req.consumer_key() is not None:
        req.world().requests.clear()
    else:
        req.state.global_requests.clear()
        for world in req.state.worlds.values():
            world.requests.clear()
    return json_reply(200, {"ok": True})


def control_state(req: ControlRequest) -> Reply:
    world = req.world()
    return json_reply(200, {
        "muting": {uid: newest_first(targets) for uid, targets in world.muting.items()},
        "clockOffset": world.clock_offset,
        "globalClockOffset": req.state.global_clock_offset,
        "rateLimits": world.rate_limit_state(),
        "pendingFaults": [f.kind for f in world.faults if f.times != 0],
    })


def control_set_state(req: ControlRequest) -> Reply:
    """Seed mutes: {"consumerKey", "muting": {"<userId>": ["<targetId>", ...]}} (replaces)."""
    world = req.world()
    muting = req.body.get("muting", {})
    if not isinstance(muting, dict):
        raise ControlError(400, "muting must be an object")
    directory = req.state.directory
    for user_id, targets in muting.items():
        unknown = [t for t in [user_id, *targets] if directory.find(user_id=str(t)) is None]
        if unknown:
            raise ControlError(400, f"not in the user directory: {unknown}")
        world.muting[str(user_id)] = {str(t): None for t in targets}
    return control_state(req)


def control_faults(req: ControlRequest) -> Reply:
    specs = req.body.get("faults")
    if not isinstance(specs, list):
        raise ControlError(400, "faults must be a list")
    try:
        faults = [parse_fault(spec) for spec in specs]
    except (ValueError, re.error) as error:
        raise ControlError(400, str(error)) from None
    if req.consumer_key() is None:
        req.state.global_faults += faults
    else:
        req.world().faults += faults
    return json_reply(200, {"ok": True, "added": len(faults)})


def control_clock(req: ControlRequest) -> Reply:
    offset = req.body.get("offset")
    if not isinstance(offset, (int, float)) or isinstance(offset, bool):
        raise ControlError(400, "offset must be a number of seconds")
    if req.consumer_key() is None:
        req.state.global_clock_offset = float(offset)
    else:
        req.world().clock_offset = float(offset)
    return json_reply(200, {"ok": True, "now": req.state.now(
        req.world() if req.consumer_key() else None)})


def control_limits(req: ControlRequest) -> Reply:
    changes = {k: v for k, v in req.body.items() if k != "consumerKey"}
    for bucket, policy in changes.items():
        if bucket not in DEFAULT_LIMITS or not isinstance(policy, dict):
            raise ControlError(400, f"unknown bucket {bucket!r}; buckets: {', '.join(DEFAULT_LIMITS)}")
    for world in req.worlds():
        for bucket, policy in changes.items():
            limit, seconds = world.limits[bucket]
            world.limits[bucket] = (int(policy.get("limit", limit)),
                                    int(policy.get("windowSeconds", seconds)))
            for key in [k for k in world.windows if k[0] == bucket]:
                del world.windows[key]
    return json_reply(200, {"ok": True})


def control_billing(req: ControlRequest) -> Reply:
    """{"consumerKey", "mode"?, "credits"?, "topUp"?, "monthlyCap"?}: change a world's billing
    (credits first, then the top-up) and answer its billing state. Nothing changes on an error."""
    world = req.world()
    billing = world.billing
    body = req.body
    unknown = set(body) - {"consumerKey", "mode", "credits", "topUp", "monthlyCap"}
    if unknown:
        raise ControlError(400, f"unknown billing fields: {', '.join(sorted(unknown))}")
    mode = parse_billing_mode(body["mode"], "mode") if "mode" in body else billing.mode
    credits = parse_dollars(body["credits"], "credits") if "credits" in body else billing.credits
    cap = (parse_dollars(body["monthlyCap"], "monthlyCap") if "monthlyCap" in body
           else billing.monthly_cap)
    if "topUp" in body:
        top_up = parse_dollars(body["topUp"], "topUp")
        if top_up is None:
            raise ControlError(400, "topUp must be a number of dollars")
        if credits is None:
            raise ControlError(400, "credits are unlimited (null): set credits before a topUp")
        credits += top_up
    billing.mode, billing.credits, billing.monthly_cap = mode, credits, cap
    return json_reply(200, billing.summary(req.state.now(world), world.account_id))


def control_ledger(req: ControlRequest) -> Reply:
    """A world's billing state plus every charge, in charge order, amounts in dollars."""
    world = req.world()
    billing = world.billing
    entries = [{**entry, "at": round(entry["at"], 3), "unitPrice": dollars(entry["unitPrice"]),
                "amount": dollars(entry["amount"])} for entry in billing.ledger]
    return json_reply(200, {**billing.summary(req.state.now(world), world.account_id),
                            "entries": entries})


def control_health(req: ControlRequest) -> Reply:
    return json_reply(200, {"ok": True, "pid": os.getpid()})


CONTROL_ROUTES: dict[tuple[str, str], Callable[[ControlRequest], Reply]] = {
    ("GET", "/__control/health"): control_health,
    ("POST", "/__control/worlds"): control_create_world,
    ("POST", "/__control/reset"): control_reset,
    ("POST", "/__control/session"): control_session,
    ("GET", "/__control/requests"): control_requests,
    ("DELETE", "/__control/requests"): control_clear_requests,
    ("GET", "/__control/state"): control_state,
    ("POST", "/__control/state"): control_set_state,
    ("POST", "/__control/faults"): control_faults,
    ("POST", "/__control/clock"): control_clock,
    ("POST", "/__control/limits"): control_limits,
    ("POST", "/__control/billing"): control_billing,
    ("GET", "/__control/ledger"): control_ledger,
}


def answer_control(state: State, method: str, path: str, query: dict, body: bytes) -> Reply:
    handler = CONTROL_ROUTES.get((method, path))
    try:
        if handler is None:
            raise ControlError(404, f"no control route {method} {path}")
        request = ControlRequest(state, query, parse_control_body(body))
        with state.lock:
            reply = handler(request)
    except ControlError as error:
        reply = json_reply(error.status, {"error": str(error)})
    except (TypeError, ValueError) as error:  # a malformed value inside a valid body
        reply = json_reply(400, {"error": str(error)})
    reply.headers += CORS_HEADERS
    return reply


def parse_control_body(body: bytes) -> dict:
    if not body.strip():
        return {}
    try:
        parsed = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ControlError(400, "the body is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise ControlError(400, "the body must be a JSON object")
    return parsed


# ---------------------------------------------------------------------------------------------
# The x.com fixture site
# ---------------------------------------------------------------------------------------------

CONTENT_TYPES = {
    ".html": HTML_TYPE, ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".json": JSON_TYPE, ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".ico": "image/x-icon", ".webp": "image/webp",
    ".wasm": "application/wasm", ".txt": TEXT_TYPE, ".woff2": "font/woff2",
}

FALLBACK_INDEX = (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>X</title></head>"
                  b"<body><div id=\"react-root\"></div></body></html>\n")


def site_file(site_dir: Path, path: str) -> Path | None:
    """The existing file under site_dir that `path` names, refusing anything outside it."""
    relative = urllib.parse.unquote(path).lstrip("/")
    if not relative:
        return None
    root = site_dir.resolve()
    candidate = (root / relative).resolve()
    if root not in candidate.parents or not candidate.is_file():
        return None
    return candidate


def answer_site(state: State, site_dir: Path, path: str) -> Reply:
    if path == "/__fixture/users.json":
        with state.lock:
            users = [u.fixture() for u in state.directory.by_id.values()]
        reply = json_reply(200, users)
    else:
        found = site_file(site_dir, path) or site_file(site_dir, "/index.html")
        if found is None:
            reply = Reply(200, FALLBACK_INDEX, HTML_TYPE)
        else:
            content_type = CONTENT_TYPES.get(found.suffix.lower(), "application/octet-stream")
            reply = Reply(200, found.read_bytes(), content_type)
    reply.headers.append(("Cache-Control", "no-store"))
    return reply


# ---------------------------------------------------------------------------------------------
# HTTP plumbing
# ---------------------------------------------------------------------------------------------

def host_name(host_header: str) -> str:
    """The Host header without its port, lower-cased (IPv6 literals keep their brackets)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


class FakeXServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, scheme: str, app: "App", tls: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", port), FakeXHandler)
        self.scheme = scheme
        self.app = app
        if tls is not None:
            # The handshake runs in the request's thread (FakeXHandler.setup), not in accept().
            self.socket = tls.wrap_socket(self.socket, server_side=True,
                                          do_handshake_on_connect=False)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves a fully qualified name, which can stall without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request, client_address) -> None:
        self.app.log(f"connection error from {client_address}: {sys.exc_info()[1]!r}")


@dataclass
class App:
    state: State
    stop: threading.Event
    site_dir: Path
    verbose: bool

    def log(self, message: str) -> None:
        if self.verbose:
            sys.stderr.write(f"[fake_x] {message}\n")
            sys.stderr.flush()


class FakeXHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-x/1.0"
    timeout = 60
    server: FakeXServer

    def setup(self) -> None:
        super().setup()
        self.clock_now = self.server.app.state.now()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()  # a failure ends up in FakeXServer.handle_error

    def handle(self) -> None:
        try:
            super().handle()
        except (OSError, ValueError):
            pass  # clients hanging up, or the connection closed by a `reset` fault

    # Every verb goes through one dispatcher; the route tables decide what is allowed.
    def do_GET(self) -> None:
        self.dispatch()

    do_POST = do_DELETE = do_HEAD = do_PUT = do_PATCH = do_OPTIONS = do_GET

    def version_string(self) -> str:
        return self.server_version

    def date_time_string(self, timestamp: float | None = None) -> str:
        return http_date(self.clock_now if timestamp is None else timestamp)

    def log_request(self, code="-", size="-") -> None:
        pass  # dispatch logs method, path and status; never headers

    def log_message(self, format: str, *args) -> None:
        self.server.app.log(format % args)

    def dispatch(self) -> None:
        app = self.server.app
        state = app.state
        self.clock_now = state.now()
        host_header = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        split = urllib.parse.urlsplit(self.path)
        path, query = split.path or "/", urllib.parse.parse_qs(split.query, keep_blank_values=True)
        try:
            body = self.read_body()
        except ValueError as error:
            self.send_reply(text_reply(413 if "large" in str(error) else 411, str(error)))
            return
        method = self.command
        try:
            if host_name(host_header) in SITE_HOSTS:
                if method in ("GET", "HEAD"):
                    reply = answer_site(state, app.site_dir, path)
                else:
                    reply = text_reply(405, "Method Not Allowed")
            elif method == "OPTIONS":
                reply = Reply(204, headers=list(CORS_HEADERS))
            elif path.startswith("/__control/"):
                reply = answer_control(state, method, path, query, body)
            else:
                call = Call(state=state, stop=app.stop, scheme=self.server.scheme,
                            method=method, host=host_header, target=self.path, path=path,
                            query=query, headers={k.lower(): v for k, v in self.headers.items()},
                            body=body)
                reply = answer_api(call)
                self.clock_now = call.now()
        except Exception:  # a bug in the fake: answer 500 and say so on stderr when verbose
            app.log(traceback.format_exc())
            reply = json_reply(500, {"errors": [{"code": 131, "message": "Internal error"}],
                                     "fakeX": "unhandled exception in the fake server"})
            reply.headers += CORS_HEADERS
        app.log(f"{self.server.scheme} {method} {host_name(host_header)}{path} "
                f"{'RESET' if reply.abort else reply.status}")
        self.send_reply(reply)

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise ValueError("chunked request bodies are not supported; send Content-Length")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BODY:
            raise ValueError("request body too large")
        return self.rfile.read(length) if length > 0 else b""

    def send_reply(self, reply: Reply) -> None:
        if reply.abort:
            self.reset_connection()
            return
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        if reply.status != 204:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if self.command == "HEAD" or reply.status == 204:
            return
        if reply.dribble_seconds > 0:
            self.dribble(reply.body, reply.dribble_seconds)
        else:
            self.wfile.write(reply.body)

    def dribble(self, body: bytes, seconds: float) -> None:
        step = max(1, -(-len(body) // 10))
        pieces = [body[i:i + step] for i in range(0, len(body), step)] or [b""]
        self.wfile.flush()
        for piece in pieces:
            if self.server.app.stop.wait(seconds / len(pieces)):
                self.close_connection = True
                return
            self.wfile.write(piece)
            self.wfile.flush()

    def reset_connection(self) -> None:
        """Close abruptly: SO_LINGER 0 turns close() into a TCP RST, with no response at all."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.wfile.close()
        self.connection.close()


# ---------------------------------------------------------------------------------------------
# Start-up, readiness, shutdown
# ---------------------------------------------------------------------------------------------

def generate_certificate(directory: str) -> tuple[str, str]:
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=x.com", "-keyout", key, "-out", cert, "-addext",
         "subjectAltName=DNS:x.com,DNS:*.x.com,DNS:twitter.com,DNS:*.twitter.com,"
         "DNS:localhost,IP:127.0.0.1"],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    return cert, key


def write_ready_file(path: str, text: str) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, path)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_until_stopped(stop: threading.Event, original_parent: int,
                       parent_pid: int | None) -> None:
    """Block until a signal arrives or the parent (the original one or --parent-pid) is gone."""
    while not stop.wait(0.5):
        if os.getppid() != original_parent:
            return
        if parent_pid is not None and not process_alive(parent_pid):
            return


DEMO_SUMMARY = f"""Demo world (always present):
  consumer key     {DEMO_CONSUMER_KEY}
  consumer secret  {DEMO_CONSUMER_SECRET}
  access token     {DEMO_TOKEN}
  token secret     {DEMO_TOKEN_SECRET}
  user             @{DEMO_SCREEN_NAME} ({DEMO_USER_ID})"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="server.py",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Fake X API + x.com fixture site for XMute tests. Listens on 127.0.0.1 over HTTP "
            "and HTTPS (self-signed, CN=x.com) and prints one line\n"
            '  {"http": <port>, "https": <port>, "pid": <pid>}\n'
            "to stdout once both listeners are up. Hosts x.com/twitter.com (and www./mobile.) "
            "serve tests/fake_x/site/ (SPA fallback to index.html, /__fixture/users.json); any "
            "other Host (api.x.com, api.twitter.com, 127.0.0.1, localhost) serves the API and "
            "/__control/*. Every API request is checked with oauthlib over "
            "<scheme>://<Host header><raw target>; only form-encoded bodies are signed."),
        epilog=(
            DEMO_SUMMARY + "\n\n"
            "API: POST /2/users/:id/muting, DELETE /2/users/:id/muting/:target, "
            "GET /2/users/:id/muting, GET /2/users/me, GET /2/users/by/username/:name,\n"
            "     POST /1.1/mutes/users/create.json|destroy.json, GET /1.1/mutes/users/ids.json, "
            "GET /1.1/account/verify_credentials.json,\n"
            "     POST /oauth/request_token, GET|POST /oauth/authorize, POST /oauth/access_token.\n"
            "Control (JSON, no auth): POST /__control/worlds, POST /__control/reset, "
            "GET|DELETE /__control/requests, GET|POST /__control/state, POST /__control/session,\n"
            "     POST /__control/faults, POST /__control/clock, POST /__control/limits, "
            "POST /__control/billing,\n     GET /__control/ledger, GET /__control/health.\n"
            "Billing: worlds are pay-per-use by default (v1.1 answers 403 code 453; v2 mutes, "
            "unmutes and reads are charged);\n     \"billing\": \"legacy\" on "
            "POST /__control/worlds gives an old subscription app.\n"
            f"Fault kinds: {', '.join(FAULTS)}.\n"
            "The server exits on SIGTERM/SIGINT and when its parent process (or --parent-pid) "
            "exits. See tests/fake_x/README.md for details and examples."))
    parser.add_argument("--http-port", type=int, default=0,
                        help="plain HTTP port on 127.0.0.1 (default 0: ephemeral)")
    parser.add_argument("--https-port", type=int, default=0,
                        help="HTTPS port on 127.0.0.1 (default 0: ephemeral)")
    parser.add_argument("--cert", help="PEM certificate for HTTPS (default: a fresh self-signed "
                                       "one made with openssl in a temp dir removed on exit)")
    parser.add_argument("--key", help="PEM private key matching --cert")
    parser.add_argument("--ready-file", metavar="PATH",
                        help="also write the ready JSON line to PATH (atomically)")
    parser.add_argument("--parent-pid", type=int,
                        help="exit when this process exits (the real parent is always watched)")
    parser.add_argument("--site-dir", type=Path, default=DEFAULT_SITE_DIR,
                        help=f"x.com fixture files (default {DEFAULT_SITE_DIR})")
    parser.add_argument("--demo", action="store_true",
                        help="print the demo world's credentials to stderr (it always exists)")
    parser.add_argument("--verbose", action="store_true",
                        help="log method, host, path and status of each request to stderr")
    args = parser.parse_args(argv)
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key go together")
    return args


def main(argv: list[str] | None = None) -> int:
    original_parent = os.getppid()  # before anything slow, so an early parent exit is seen
    args = parse_args(argv)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    app = App(State(), stop, args.site_dir, args.verbose)
    temp_dir = None if args.cert else tempfile.mkdtemp(prefix="fake_x_tls_")
    servers: list[FakeXServer] = []
    try:
        cert, key = (args.cert, args.key) if args.cert else generate_certificate(temp_dir)
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(cert, key)
        servers = [FakeXServer(args.http_port, "http", app, None),
                   FakeXServer(args.https_port, "https", app, tls)]
        for server in servers:
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                             daemon=True).start()
        ready = json.dumps({"http": servers[0].server_address[1],
                            "https": servers[1].server_address[1], "pid": os.getpid()})
        if args.ready_file:
            write_ready_file(args.ready_file, ready)
        print(ready, flush=True)
        if args.demo:
            sys.stderr.write(DEMO_SUMMARY + "\n")
            sys.stderr.flush()
        wait_until_stopped(stop, original_parent, args.parent_pid)
    finally:
        stop.set()  # wakes hanging faults and dribbling bodies
        for server in servers:
            server.shutdown()
            server.server_close()
        if temp_dir:
            shutil.rmtree(temp_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
