"""Tests for the fake X server, with every request signed by oauthlib's own Client.

Run from the repository root:  python3 -m unittest tests/fake_x/test_server.py
"""

from __future__ import annotations

import calendar
import email.utils
import http.client
import json
import os
import select
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
from pathlib import Path

from oauthlib.oauth1 import Client
from oauthlib.oauth1.rfc5849 import SIGNATURE_HMAC_SHA256, SIGNATURE_PLAINTEXT

SERVER = Path(__file__).resolve().parent / "server.py"
SITE_INDEX = Path(__file__).resolve().parent / "site" / "index.html"
FORM = "application/x-www-form-urlencoded"
ALICE, BOB, SUSPENDED = "1000000001", "1000000002", "1000000009"
CAROL, DAVE = "1000000003", "1000000004"
PROBLEM = "application/problem+json"

# X's pay-per-use prices (table of 2026-06-18, shared/reference/x-api-notes.md), in dollars.
MUTE_PRICE, UNMUTE_PRICE, MUTE_LIST_ACCOUNT_PRICE, USER_READ_PRICE = 0.010, 0.005, 0.001, 0.010
# X's 2026 bodies, verbatim (x-api-notes.md, "Error bodies seen in 2026").
ACCESS_LEVEL_453 = {"errors": [{
    "message": "You currently have access to a subset of X API V2 endpoints and limited v1.1 "
               "endpoints (e.g. media post, oauth) only. If you need access to this endpoint, "
               "you may need a different access level. You can learn more here: "
               "https://developer.x.com/en/portal/product",
    "code": 453}]}
CREDITS_DEPLETED = {"title": "Payment Required", "detail": "credits depleted",
                    "type": "https://api.x.com/2/problems/credits-depleted"}


def usage_capped(account_id: str) -> dict:
    return {"account_id": account_id, "product_name": "standard-basic",
            "title": "UsageCapExceeded", "period": "Monthly", "scope": "Product",
            "detail": "Usage cap exceeded: Monthly product cap",
            "type": "https://api.twitter.com/2/problems/usage-capped"}


def rate_limit_headers(response: "Response") -> list[str]:
    return [name for name in response.headers if name.startswith("x-rate-limit")]


def start_server(*extra: str) -> tuple[subprocess.Popen, dict]:
    """Start server.py and wait (with a deadline) for its ready line."""
    proc = subprocess.Popen([sys.executable, str(SERVER), "--parent-pid", str(os.getpid()), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ready, _, _ = select.select([proc.stdout], [], [], 30)
    if not ready:
        proc.kill()
        raise RuntimeError("the fake X server did not report ready within 30 s")
    return proc, json.loads(proc.stdout.readline())


def wait_gone(pid: int, deadline_seconds: float) -> bool:
    """Poll until the process no longer exists (or is a zombie awaiting its reaper)."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


class Response:
    def __init__(self, raw: http.client.HTTPResponse) -> None:
        self.status = raw.status
        self.headers = {k.lower(): v for k, v in raw.getheaders()}
        self.body = raw.read()

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


class FakeXTestCase(unittest.TestCase):
    proc: subprocess.Popen
    ports: dict

    @classmethod
    def setUpClass(cls) -> None:
        cls.proc, cls.ports = start_server()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.proc.terminate()
        cls.proc.wait(timeout=10)
        cls.proc.stdout.close()

    # -- transport ------------------------------------------------------------------------------

    def raw(self, method: str, target: str, *, scheme: str = "http", host: str | None = None,
            headers: dict | None = None, body: bytes | str | None = None,
            timeout: float = 10) -> Response:
        port = self.ports[scheme]
        if scheme == "https":
            context = ssl._create_unverified_context()
            conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout,
                                               context=context)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            conn.request(method, target, body=body,
                         headers={"Host": host or f"127.0.0.1:{port}", **(headers or {})})
            return Response(conn.getresponse())
        finally:
            conn.close()

    def control(self, method: str, path: str, payload: dict | None = None) -> Response:
        body = json.dumps(payload) if payload is not None else None
        return self.raw(method, path, body=body, headers={"Content-Type": "application/json"})

    def new_world(self, **options) -> dict:
        response = self.control("POST", "/__control/worlds", options)
        self.assertEqual(response.status, 200, response.text)
        return response.json()

    def client(self, world: dict, **overrides) -> Client:
        options = {"client_secret": world["consumerSecret"],
                   "resource_owner_key": world["token"],
                   "resource_owner_secret": world["tokenSecret"], **overrides}
        return Client(world["consumerKey"], **options)

    def signed(self, world: dict, method: str, target: str, *, json_body=None,
               form: dict | None = None, scheme: str = "http", host: str | None = None,
               client: Client | None = None, **client_overrides) -> Response:
        """Sign with oauthlib's Client over <scheme>://<host><target> and send it.

        JSON bodies are signed as if absent (as XMute does), so no oauth_body_hash is added."""
        host = host or f"127.0.0.1:{self.ports[scheme]}"
        client = client or self.client(world, **client_overrides)
        headers, body = {}, None
        if form is not None:
            headers["Content-Type"] = FORM
            body = urllib.parse.urlencode(form)
        _, signed_headers, _ = client.sign(f"{scheme}://{host}{target}", method, body,
                                           headers or None)
        if json_body is not None:
            signed_headers["Content-Type"] = "application/json"
            body = json.dumps(json_body)
        return self.raw(method, target, scheme=scheme, host=host, headers=signed_headers,
                        body=body)

    def records(self, world: dict | None = None) -> list[dict]:
        query = f"?consumerKey={world['consumerKey']}" if world else ""
        return self.control("GET", f"/__control/requests{query}").json()

    def state(self, world: dict) -> dict:
        return self.control("GET", f"/__control/state?consumerKey={world['consumerKey']}").json()

    def add_faults(self, world: dict, *faults: dict) -> None:
        response = self.control("POST", "/__control/faults",
                                {"consumerKey": world["consumerKey"], "faults": list(faults)})
        self.assertEqual(response.status, 200, response.text)

    def mute_v2(self, world: dict, target: str, **kw) -> Response:
        return self.signed(world, "POST", f"/2/users/{world['userId']}/muting",
                           json_body={"target_user_id": target}, **kw)

    def unmute_v2(self, world: dict, target: str, **kw) -> Response:
        return self.signed(world, "DELETE", f"/2/users/{world['userId']}/muting/{target}", **kw)

    def mute_list(self, world: dict, query: str = "", **kw) -> Response:
        return self.signed(world, "GET", f"/2/users/{world['userId']}/muting{query}", **kw)

    def ledger(self, world: dict) -> dict:
        response = self.control("GET", f"/__control/ledger?consumerKey={world['consumerKey']}")
        self.assertEqual(response.status, 200, response.text)
        return response.json()

    def billing(self, world: dict, **changes) -> Response:
        return self.control("POST", "/__control/billing",
                            {"consumerKey": world["consumerKey"], **changes})

    def seed_mutes(self, world: dict, targets: list[str]) -> None:
        """Targets muted oldest first (the mute list answers newest first)."""
        response = self.control("POST", "/__control/state", {
            "consumerKey": world["consumerKey"], "muting": {world["userId"]: targets}})
        self.assertEqual(response.status, 200, response.text)


class SignatureTests(FakeXTestCase):
    def test_good_signature_accepted_over_http_and_https(self) -> None:
        world = self.new_world()
        over_http = self.signed(world, "GET", "/2/users/me")
        self.assertEqual(over_http.status, 200, over_http.text)
        self.assertEqual(over_http.json()["data"],
                         {"id": world["userId"], "name": over_http.json()["data"]["name"],
                          "username": world["screenName"]})
        over_https = self.signed(world, "GET", "/2/users/me", scheme="https", host="api.x.com")
        self.assertEqual(over_https.status, 200, over_https.text)
        self.assertEqual([r["verified"] for r in self.records(world)], [True, True])
        self.assertEqual(self.records(world)[1]["scheme"], "https")

    def test_hmac_sha256_and_plaintext_accepted(self) -> None:
        world = self.new_world(billing="legacy")
        for method in (SIGNATURE_HMAC_SHA256, SIGNATURE_PLAINTEXT):
            response = self.signed(world, "GET", "/1.1/account/verify_credentials.json",
                                   scheme="https", host="api.twitter.com",
                                   signature_method=method)
            self.assertEqual(response.status, 200, (method, response.text))
            self.assertEqual(response.json()["id_str"], world["userId"])

    def test_query_and_form_body_are_signed(self) -> None:
        world = self.new_world(billing="legacy")
        by_query = self.signed(world, "POST", f"/1.1/mutes/users/create.json?user_id={ALICE}")
        self.assertEqual(by_query.status, 200, by_query.text)
        by_form = self.signed(world, "POST", "/1.1/mutes/users/create.json",
                              form={"screen_name": "BOB_FIXTURE"})
        self.assertEqual(by_form.status, 200, by_form.text)
        self.assertEqual(by_form.json()["screen_name"], "bob_fixture")
        self.assertIs(by_form.json()["muting"], True)
        # The same signed headers with a different form body no longer verify.
        client = self.client(world)
        target, headers = "/1.1/mutes/users/destroy.json", {"Content-Type": FORM}
        _, signed_headers, _ = client.sign(f"http://127.0.0.1:{self.ports['http']}{target}",
                                           "POST", f"user_id={ALICE}", headers)
        tampered = self.raw("POST", target, headers=signed_headers, body=f"user_id={BOB}")
        self.assertEqual(tampered.status, 401)
        self.assertEqual(tampered.json(), {"errors": [
            {"code": 32, "message": "Could not authenticate you."}]})

    def test_signed_host_must_match_host_header(self) -> None:
        world = self.new_world()
        client = self.client(world)
        _, headers, _ = client.sign("https://api.twitter.com/2/users/me", "GET")
        response = self.raw("GET", "/2/users/me", scheme="https", host="api.x.com",
                            headers=headers)
        self.assertEqual(response.status, 401)

    def test_wrong_secrets_are_code_32(self) -> None:
        world = self.new_world()
        for wrong in ({"client_secret": "not-the-secret"}, {"resource_owner_secret": "nope"}):
            response = self.signed(world, "GET", "/1.1/account/verify_credentials.json", **wrong)
            self.assertEqual(response.status, 401)
            self.assertEqual(response.json()["errors"][0]["code"], 32)
        v2 = self.signed(world, "GET", "/2/users/me", client_secret="not-the-secret")
        self.assertEqual(v2.status, 401)
        self.assertEqual(v2.headers["content-type"], "application/problem+json")
        self.assertEqual(v2.json(), {"title": "Unauthorized", "detail": "Unauthorized",
                                     "type": "about:blank", "status": 401})
        record = self.records(world)[-1]
        self.assertFalse(record["verified"])
        self.assertIn("GET&http%3A%2F%2F127.0.0.1", record["baseString"])

    def test_unknown_consumer_key_token_and_missing_header(self) -> None:
        world = self.new_world()
        stranger = {**world, "consumerKey": "unknown-consumer-key-000000"}
        unknown_key = self.signed(stranger, "GET", "/1.1/account/verify_credentials.json")
        self.assertEqual((unknown_key.status, unknown_key.json()["errors"][0]["code"]), (401, 32))
        self.assertTrue(any(r["oauth"].get("oauth_consumer_key") == stranger["consumerKey"]
                            for r in self.records()))
        unknown_token = self.signed(world, "GET", "/1.1/account/verify_credentials.json",
                                    resource_owner_key="123-unknown")
        self.assertEqual((unknown_token.status, unknown_token.json()["errors"][0]["code"]),
                         (401, 89))
        missing = self.raw("GET", "/1.1/account/verify_credentials.json")
        self.assertEqual((missing.status, missing.json()["errors"][0]["code"]), (400, 215))
        bad_version = self.raw("GET", "/1.1/account/verify_credentials.json", headers={
            "Authorization": 'OAuth oauth_consumer_key="k", oauth_nonce="n", '
                             'oauth_signature="s", oauth_signature_method="HMAC-SHA1", '
                             'oauth_timestamp="1", oauth_version="2.0"'})
        self.assertEqual(bad_version.json()["errors"][0]["code"], 215)

    def test_replayed_nonce_is_refused(self) -> None:
        world = self.new_world(billing="legacy")
        target = "/1.1/account/verify_credentials.json"
        _, headers, _ = self.client(world).sign(
            f"http://127.0.0.1:{self.ports['http']}{target}", "GET")
        self.assertEqual(self.raw("GET", target, headers=headers).status, 200)
        replay = self.raw("GET", target, headers=headers)
        self.assertEqual(replay.status, 401)
        self.assertEqual(replay.json()["errors"][0]["code"], 32)

    def test_timestamp_out_of_bounds_and_date_header(self) -> None:
        world = self.new_world()
        stale = str(int(time.time()) - 1000)
        for target in ("/1.1/account/verify_credentials.json", "/2/users/me"):
            response = self.signed(world, "GET", target, timestamp=stale)
            self.assertEqual(response.status, 401)
            self.assertEqual(response.json(), {"errors": [
                {"code": 135, "message": "Timestamp out of bounds."}]})
            self.assertIn("date", response.headers)
        # Skew the world's clock: the Date header follows, and a client using it succeeds.
        self.control("POST", "/__control/clock",
                     {"consumerKey": world["consumerKey"], "offset": 3600})
        skewed = self.signed(world, "GET", "/2/users/me")
        self.assertEqual(skewed.status, 401)
        server_now = email.utils.parsedate_to_datetime(skewed.headers["date"]).timestamp()
        self.assertAlmostEqual(server_now, time.time() + 3600, delta=5)
        fixed = self.signed(world, "GET", "/2/users/me", timestamp=str(int(server_now)))
        self.assertEqual(fixed.status, 200, fixed.text)


class EndpointTests(FakeXTestCase):
    def test_v2_mute_unmute_and_state(self) -> None:
        world = self.new_world(billing="legacy")
        muted = self.mute_v2(world, ALICE)
        self.assertEqual(muted.status, 200, muted.text)
        self.assertEqual(muted.json(), {"data": {"muting": True}})
        self.assertEqual(muted.headers["x-rate-limit-limit"], "50")
        self.assertEqual(muted.headers["x-rate-limit-remaining"], "49")
        self.assertEqual(self.state(world)["muting"], {world["userId"]: [ALICE]})
        listed = self.signed(world, "GET", f"/2/users/{world['userId']}/muting")
        self.assertEqual(listed.json(), {"data": [
            {"id": ALICE, "name": "Alice Fixture", "username": "alice_fixture"}],
            "meta": {"result_count": 1}})
        ids = self.signed(world, "GET", "/1.1/mutes/users/ids.json?stringify_ids=true")
        self.assertEqual(ids.json()["ids"], [ALICE])
        unmuted = self.signed(world, "DELETE", f"/2/users/{world['userId']}/muting/{ALICE}")
        self.assertEqual(unmuted.json(), {"data": {"muting": False}})
        self.assertEqual(self.state(world)["muting"], {world["userId"]: []})
        empty = self.signed(world, "GET", f"/2/users/{world['userId']}/muting")
        self.assertEqual(empty.json(), {"meta": {"result_count": 0}})

    def test_worlds_are_isolated_and_reset(self) -> None:
        first, second = self.new_world(), self.new_world()
        self.assertEqual(self.mute_v2(first, BOB).status, 200)
        self.assertEqual(self.state(second)["muting"], {})
        self.control("POST", "/__control/reset", {"consumerKey": first["consumerKey"]})
        self.assertEqual(self.state(first)["muting"], {})
        self.assertEqual(self.records(first), [])

    def test_v2_mute_body_schema_rejected(self) -> None:
        world = self.new_world()
        bodies = [{}, {"target_user_id": ALICE, "extra": 1}, {"target_user_id": 1000000001},
                  {"target_user_id": "12a"}, {"target_user_id": "1" * 20}, [ALICE]]
        for body in bodies:
            response = self.signed(world, "POST", f"/2/users/{world['userId']}/muting",
                                   json_body=body)
            self.assertEqual(response.status, 400, body)
            self.assertEqual(response.json()["type"],
                             "https://api.twitter.com/2/problems/invalid-request")
            self.assertEqual(response.json()["title"], "Invalid Request")
        as_form = self.signed(world, "POST", f"/2/users/{world['userId']}/muting",
                              form={"target_user_id": ALICE})
        self.assertEqual(as_form.status, 400)
        self.assertEqual(self.state(world)["muting"], {})

    def test_v2_mute_refusals(self) -> None:
        world = self.new_world()
        other = self.signed(world, "POST", f"/2/users/{BOB}/muting",
                            json_body={"target_user_id": ALICE})
        self.assertEqual(other.status, 403)
        self.assertEqual(other.json()["detail"],
                         "You are not allowed to perform this action on behalf of another user.")
        unknown = self.mute_v2(world, "999")
        self.assertEqual(unknown.status, 400)
        self.assertEqual(unknown.json()["errors"][0]["parameters"], {"target_user_id": ["999"]})
        self.assertEqual(self.mute_v2(world, SUSPENDED).status, 403)
        self.assertEqual(self.mute_v2(world, world["userId"]).status, 403)

    def test_v1_errors(self) -> None:
        world = self.new_world(userId=BOB, billing="legacy")
        cases = [("create", "user_id=999", 404, 50), ("create", "screen_name=suspended_fix", 403, 63),
                 ("create", f"user_id={BOB}", 403, 271), ("destroy", f"user_id={ALICE}", 403, 272)]
        for action, query, status, code in cases:
            response = self.signed(world, "POST", f"/1.1/mutes/users/{action}.json?{query}")
            self.assertEqual((response.status, response.json()["errors"][0]["code"]),
                             (status, code), query)

    def test_user_lookup(self) -> None:
        world = self.new_world(tokenPrefix=False, billing="legacy")
        self.assertNotIn("-", world["token"])
        found = self.signed(world, "GET", "/2/users/by/username/ALICE_Fixture")
        self.assertEqual(found.json(), {"data": {"id": ALICE, "name": "Alice Fixture",
                                                 "username": "alice_fixture"}})
        missing = self.signed(world, "GET", "/2/users/by/username/nobody_here")
        self.assertEqual(missing.status, 200)
        error = missing.json()["errors"][0]
        self.assertEqual(error["detail"], "Could not find user with username: [nobody_here].")
        self.assertEqual(error["type"], "https://api.twitter.com/2/problems/resource-not-found")
        self.assertEqual(self.signed(world, "GET", "/2/nothing/here").status, 404)
        v1_missing = self.signed(world, "GET", "/1.1/nothing.json")
        self.assertEqual(v1_missing.json()["errors"][0]["code"], 34)

    def test_rate_limit_counter(self) -> None:
        world = self.new_world()
        self.control("POST", "/__control/limits",
                     {"consumerKey": world["consumerKey"], "mute": {"limit": 2}})
        statuses = [self.mute_v2(world, target).status for target in (ALICE, BOB)]
        self.assertEqual(statuses, [200, 200])
        limited = self.mute_v2(world, "1000000003")
        self.assertEqual(limited.status, 429)
        self.assertEqual(limited.json()["title"], "Too Many Requests")
        self.assertEqual(limited.headers["x-rate-limit-remaining"], "0")
        self.assertGreater(int(limited.headers["x-rate-limit-reset"]), time.time() + 800)

    def test_cors_preflight(self) -> None:
        world = self.new_world()
        response = self.raw("OPTIONS", f"/2/users/{world['userId']}/muting", headers={
            "Origin": "chrome-extension://abc", "Access-Control-Request-Method": "POST"})
        self.assertEqual(response.status, 204)
        self.assertEqual(response.headers["access-control-allow-origin"], "*")
        self.assertIn("authorization", response.headers["access-control-allow-headers"])
        self.assertIn("x-rate-limit-reset", response.headers["access-control-expose-headers"])
        self.assertNotIn("OPTIONS", [r["method"] for r in self.records()])
        self.assertEqual(self.signed(world, "GET", "/2/users/me").headers[
            "access-control-allow-origin"], "*")

    def test_site_fallback_and_fixture_users(self) -> None:
        index = self.raw("GET", "/alice_fixture/with_replies", host="x.com")
        self.assertEqual(index.status, 200)
        self.assertEqual(index.headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(index.headers["cache-control"], "no-store")
        self.assertEqual(index.body, SITE_INDEX.read_bytes())
        traversal = self.raw("GET", "/../server.py", host="x.com", scheme="https")
        self.assertEqual(traversal.body, SITE_INDEX.read_bytes())
        users = self.raw("GET", "/__fixture/users.json", host="mobile.twitter.com").json()
        alice = next(u for u in users if u["id"] == ALICE)
        self.assertEqual((alice["screenName"], alice["protected"]), ("alice_fixture", False))
        self.assertEqual(len([u for u in users if u["screenName"].startswith("user")]), 2000)


class PinFlowTests(FakeXTestCase):
    def test_pin_flow_end_to_end(self) -> None:
        world = self.new_world(screenName="carol_fixture")
        app_only = {"resource_owner_key": None, "resource_owner_secret": None}
        no_callback = self.signed(world, "POST", "/oauth/request_token", **app_only)
        self.assertEqual(no_callback.status, 401)
        requested = self.signed(world, "POST", "/oauth/request_token", scheme="https",
                                host="api.x.com", callback_uri="oob", **app_only)
        self.assertEqual(requested.status, 200, requested.text)
        temp = dict(urllib.parse.parse_qsl(requested.text))
        self.assertEqual(temp["oauth_callback_confirmed"], "true")

        page = self.raw("GET", f"/oauth/authorize?oauth_token={temp['oauth_token']}",
                        host="api.x.com", scheme="https")
        self.assertIn('<button id="allow"', page.text)
        approved = self.raw("POST", "/oauth/authorize", host="api.x.com", scheme="https",
                            headers={"Content-Type": FORM},
                            body=urllib.parse.urlencode({"oauth_token": temp["oauth_token"]}))
        pin = approved.text.split('<code id="oauth_pin">')[1].split("</code>")[0]
        self.assertRegex(pin, r"^[0-9]{7}$")
        self.assertEqual(self.raw("GET", "/oauth/authorize?oauth_token=nope").status, 400)

        temp_client = {"resource_owner_key": temp["oauth_token"],
                       "resource_owner_secret": temp["oauth_token_secret"]}
        wrong_pin = "0000000" if pin != "0000000" else "1111111"
        wrong = self.signed(world, "POST", "/oauth/access_token", verifier=wrong_pin,
                            **temp_client)
        self.assertEqual(wrong.status, 401)
        self.assertEqual(wrong.text,
                         "Error processing your OAuth request: Invalid oauth_verifier parameter")
        granted = self.signed(world, "POST", "/oauth/access_token", verifier=pin, **temp_client)
        self.assertEqual(granted.status, 200, granted.text)
        access = dict(urllib.parse.parse_qsl(granted.text))
        self.assertEqual((access["user_id"], access["screen_name"]), ("1000000003", "carol_fixture"))
        self.assertTrue(access["oauth_token"].startswith("1000000003-"))
        reused = self.signed(world, "POST", "/oauth/access_token", verifier=pin, **temp_client)
        self.assertEqual(reused.status, 401)
        me = self.signed({**world, "token": access["oauth_token"],
                          "tokenSecret": access["oauth_token_secret"]}, "GET", "/2/users/me")
        self.assertEqual(me.json()["data"]["username"], "carol_fixture")


    def test_pin_flow_for_a_second_account_of_the_same_app(self) -> None:
        world = self.new_world(screenName="carol_fixture")
        session = self.control("POST", "/__control/session",
                               {"consumerKey": world["consumerKey"], "screenName": "dave_fixture"})
        self.assertEqual(session.json(), {"userId": "1000000004", "screenName": "dave_fixture"})
        self.assertEqual(self.control("POST", "/__control/session", {
            "consumerKey": world["consumerKey"], "screenName": "nobody_here_x"}).status, 404)
        app_only = {"resource_owner_key": None, "resource_owner_secret": None}
        requested = self.signed(world, "POST", "/oauth/request_token", callback_uri="oob", **app_only)
        temp = dict(urllib.parse.parse_qsl(requested.text))
        page = self.raw("GET", f"/oauth/authorize?oauth_token={temp['oauth_token']}")
        self.assertIn("Signed in as @dave_fixture", page.text)
        approved = self.raw("POST", "/oauth/authorize", headers={"Content-Type": FORM},
                            body=urllib.parse.urlencode({"oauth_token": temp["oauth_token"]}))
        pin = approved.text.split('<code id="oauth_pin">')[1].split("</code>")[0]
        # x.com's session changing after the approval does not change whose token it is.
        self.control("POST", "/__control/session", {"consumerKey": world["consumerKey"]})
        granted = self.signed(world, "POST", "/oauth/access_token", verifier=pin,
                              resource_owner_key=temp["oauth_token"],
                              resource_owner_secret=temp["oauth_token_secret"])
        access = dict(urllib.parse.parse_qsl(granted.text))
        self.assertEqual((access["user_id"], access["screen_name"]), ("1000000004", "dave_fixture"))
        dave = {**world, "token": access["oauth_token"], "tokenSecret": access["oauth_token_secret"]}
        muted = self.signed(dave, "POST", "/2/users/1000000004/muting",
                            json_body={"target_user_id": "1000000001"})
        self.assertEqual(muted.status, 200, muted.text)
        # Carol's token still works, and each user's mutes are their own.
        self.assertEqual(self.signed(world, "GET", "/2/users/me").json()["data"]["username"], "carol_fixture")
        state = self.control("GET", f"/__control/state?consumerKey={world['consumerKey']}").json()
        self.assertEqual(state["muting"], {"1000000004": ["1000000001"]})


class FaultTests(FakeXTestCase):
    def fault_reply(self, fault: dict, **request) -> Response:
        world = self.new_world()
        self.add_faults(world, {"match": {"method": "POST", "path": "/muting$"}, **fault})
        response = self.mute_v2(world, ALICE, **request)
        self.assertEqual(self.records(world)[-1]["fault"], fault["kind"])
        return response

    def test_error_faults(self) -> None:
        expected = {
            "rate_limit": (429, "application/problem+json"),
            "unauthorized": (401, "application/problem+json"),
            "not_enrolled": (403, "application/problem+json"),
            "access_level": (403, "application/json; charset=utf-8"),
            "timestamp": (401, "application/json; charset=utf-8"),
            "server_error": (500, "application/problem+json"),
            "html": (503, "text/html; charset=utf-8"),
        }
        for kind, (status, content_type) in expected.items():
            response = self.fault_reply({"kind": kind})
            self.assertEqual((response.status, response.headers["content-type"]),
                             (status, content_type), kind)
        self.assertEqual(self.fault_reply({"kind": "not_enrolled"}).json()["reason"],
                         "client-not-enrolled")
        self.assertEqual(self.fault_reply({"kind": "access_level"}).json()["errors"][0]["code"],
                         453)
        self.assertEqual(self.fault_reply({"kind": "server_error", "status": 502}).status, 502)
        rate_limited = self.fault_reply({"kind": "rate_limit", "resetIn": 60})
        self.assertAlmostEqual(int(rate_limited.headers["x-rate-limit-reset"]),
                               time.time() + 60, delta=5)

    def test_body_faults(self) -> None:
        malformed = self.fault_reply({"kind": "malformed"})
        self.assertEqual(malformed.status, 200)
        with self.assertRaises(ValueError):
            malformed.json()
        self.assertEqual(self.fault_reply({"kind": "wrong_shape"}).json(), {"unexpected": True})
        huge = self.fault_reply({"kind": "huge", "bytes": 100_000})
        self.assertEqual((len(huge.body), huge.headers["content-length"]), (100_000, "100000"))
        partial = self.fault_reply({"kind": "partial_errors"}).json()
        self.assertEqual(partial["data"], {"muting": True})
        self.assertIn("detail", partial["errors"][0])

    def test_timing_faults(self) -> None:
        started = time.monotonic()
        hung = self.fault_reply({"kind": "hang", "seconds": 0.4})
        self.assertEqual(hung.json(), {"data": {"muting": True}})
        self.assertGreaterEqual(time.monotonic() - started, 0.4)
        started = time.monotonic()
        slow = self.fault_reply({"kind": "slow_body", "seconds": 0.5})
        self.assertEqual(slow.json(), {"data": {"muting": True}})
        self.assertGreaterEqual(time.monotonic() - started, 0.45)

    def test_reset_fault_closes_without_response(self) -> None:
        world = self.new_world()
        self.add_faults(world, {"kind": "reset"})
        with self.assertRaises((ConnectionError, http.client.HTTPException)):
            self.signed(world, "GET", "/2/users/me", scheme="https", host="api.x.com")
        self.assertEqual(self.records(world)[-1]["fault"], "reset")

    def test_fault_counts_and_bad_signatures(self) -> None:
        world = self.new_world()
        self.add_faults(world, {"kind": "server_error", "times": 2})
        bad = self.signed(world, "GET", "/2/users/me", client_secret="wrong")
        self.assertEqual(bad.status, 401)  # a bad signature never consumes a fault
        statuses = [self.signed(world, "GET", "/2/users/me").status for _ in range(3)]
        self.assertEqual(statuses, [500, 500, 200])


class BillingTests(FakeXTestCase):
    """Pay-per-use (X since 2026): prices, credits, the monthly cap, v1.1 access, the ledger."""

    def clock_to(self, world: dict, epoch: float) -> None:
        """Move the world's clock so that it reads `epoch` now."""
        response = self.control("POST", "/__control/clock", {
            "consumerKey": world["consumerKey"], "offset": epoch - time.time()})
        self.assertEqual(response.status, 200, response.text)

    @staticmethod
    def stamp(epoch: float) -> str:
        """An oauth_timestamp for a world whose clock reads `epoch` (well inside ±300 s)."""
        return str(int(epoch))

    def assert_unchanged_mutes(self, world: dict, expected: list[str]) -> None:
        self.assertEqual(self.state(world)["muting"].get(world["userId"], []), expected)

    def test_new_worlds_and_the_demo_world_are_pay_per_use_and_unlimited(self) -> None:
        world = self.new_world()
        ledger = self.ledger(world)
        self.assertRegex(ledger.pop("accountId"), r"^[0-9]{1,19}$")
        self.assertEqual(ledger, {"mode": "pay-per-use", "credits": None, "monthlyCap": None,
                                  "monthSpend": 0, "entries": []})
        demo = self.control("GET", "/__control/ledger?consumerKey=xmute-demo-consumer-key")
        self.assertEqual((demo.json()["mode"], demo.json()["credits"]), ("pay-per-use", None))
        other = self.new_world(billing="legacy", credits=2.5, monthlyCap=10)
        ledger = self.ledger(other)
        self.assertEqual((ledger["mode"], ledger["credits"], ledger["monthlyCap"]),
                         ("legacy", 2.5, 10))
        self.assertNotEqual(ledger["accountId"], self.ledger(world)["accountId"])

    def test_each_priced_call_is_charged_at_xs_price_and_the_ledger_matches(self) -> None:
        world = self.new_world(credits=1)
        self.seed_mutes(world, [BOB, CAROL, DAVE])
        answers = [
            self.mute_v2(world, ALICE),                                   # 1 request
            self.unmute_v2(world, ALICE),                                 # 1 request
            self.signed(world, "GET", "/2/users/me"),                     # 1 user
            self.signed(world, "GET", "/2/users/by/username/bob_fixture"),  # 1 user
            self.mute_list(world, "?max_results=2"),                      # 2 accounts
            self.mute_list(world, "?max_results=2&pagination_token=XMUTE00000002"),  # 1 account
        ]
        self.assertEqual([a.status for a in answers], [200] * 6, [a.text for a in answers])
        self.assertEqual([len(answers[4].json()["data"]), len(answers[5].json()["data"])], [2, 1])
        expected = [  # kind, method, resources, unit price
            ("mute", "POST", 1, MUTE_PRICE), ("unmute", "DELETE", 1, UNMUTE_PRICE),
            ("userRead", "GET", 1, USER_READ_PRICE), ("userRead", "GET", 1, USER_READ_PRICE),
            ("muteListRead", "GET", 2, MUTE_LIST_ACCOUNT_PRICE),
            ("muteListRead", "GET", 1, MUTE_LIST_ACCOUNT_PRICE),
        ]
        records = self.records(world)
        ledger = self.ledger(world)
        amounts = [round(n * unit, 6) for _, _, n, unit in expected]
        self.assertEqual([r["charged"] for r in records], amounts)
        self.assertEqual([(e["kind"], e["method"], e["resources"], e["unitPrice"], e["amount"])
                          for e in ledger["entries"]],
                         [(k, m, n, unit, a) for (k, m, n, unit), a in zip(expected, amounts)])
        self.assertEqual([e["seq"] for e in ledger["entries"]], [r["seq"] for r in records])
        self.assertEqual([e["path"] for e in ledger["entries"]], [r["path"] for r in records])
        for entry in ledger["entries"]:
            self.assertAlmostEqual(entry["at"], time.time(), delta=30)
        # $0.010 + $0.005 + $0.010 + $0.010 + $0.002 + $0.001, exactly.
        self.assertEqual(ledger["monthSpend"], 0.038)
        self.assertEqual(ledger["credits"], 0.962)

    def test_failures_empty_pages_and_free_endpoints_cost_nothing(self) -> None:
        world = self.new_world(credits=1)
        self.add_faults(world, {"kind": "server_error", "match": {"path": "/muting$"}})
        answers = {
            "fault on a priced route": self.mute_v2(world, ALICE),
            "bad signature": self.mute_v2(world, ALICE, client_secret="wrong"),
            "schema": self.signed(world, "POST", f"/2/users/{world['userId']}/muting",
                                  json_body={"target_user_id": 5}),
            "suspended": self.mute_v2(world, SUSPENDED),
            "yourself": self.unmute_v2(world, world["userId"]),
            "another user's list": self.signed(world, "GET", f"/2/users/{BOB}/muting"),
            "empty page": self.mute_list(world),
            "unknown user": self.signed(world, "GET", "/2/users/by/username/nobody_here"),
            "no route": self.signed(world, "GET", "/2/nothing/here"),
            "request token": self.signed(world, "POST", "/oauth/request_token",
                                         callback_uri="oob", resource_owner_key=None,
                                         resource_owner_secret=None),
        }
        self.assertEqual({k: a.status for k, a in answers.items()}, {
            "fault on a priced route": 500, "bad signature": 401, "schema": 400,
            "suspended": 403, "yourself": 403, "another user's list": 403, "empty page": 200,
            "unknown user": 200, "no route": 404, "request token": 200})
        self.assertEqual(answers["empty page"].json(), {"meta": {"result_count": 0}})
        self.assertEqual([r["charged"] for r in self.records(world)], [0] * len(answers))
        ledger = self.ledger(world)
        self.assertEqual((ledger["entries"], ledger["credits"], ledger["monthSpend"]), ([], 1, 0))

    def test_credits_go_down_then_402_without_rate_limit_headers_or_slot(self) -> None:
        world = self.new_world(credits=0.025)
        self.assertEqual(self.mute_v2(world, ALICE).status, 200)
        self.assertEqual(self.ledger(world)["credits"], 0.015)
        self.assertEqual(self.mute_v2(world, BOB).status, 200)
        self.assertEqual(self.ledger(world)["credits"], 0.005)
        refused = self.mute_v2(world, CAROL)                 # $0.010 > $0.005 left
        self.assertEqual(refused.status, 402)
        self.assertEqual(refused.headers["content-type"], PROBLEM)
        self.assertEqual(refused.json(), CREDITS_DEPLETED)
        self.assertEqual(rate_limit_headers(refused), [])
        self.assertEqual(self.state(world)["rateLimits"]["mute"]["users"][world["userId"]]["used"],
                         2, "a 402 consumes no rate-limit slot")
        self.assert_unchanged_mutes(world, [BOB, ALICE])
        self.assertEqual(self.unmute_v2(world, ALICE).status, 200)   # $0.005: exactly enough
        self.assertEqual(self.ledger(world)["credits"], 0)
        self.assertEqual(self.unmute_v2(world, BOB).json(), CREDITS_DEPLETED)
        self.assertEqual(self.signed(world, "GET", "/2/users/me").status, 402)
        self.assertEqual(self.mute_list(world).status, 402)           # one account: $0.001
        ledger = self.ledger(world)
        self.assertEqual([e["amount"] for e in ledger["entries"]], [0.01, 0.01, 0.005])
        self.assertEqual(ledger["credits"], 0)
        self.assertEqual([r["charged"] for r in self.records(world)],
                         [0.01, 0.01, 0, 0.005, 0, 0, 0])

    def test_a_read_is_priced_by_the_page_it_would_return(self) -> None:
        world = self.new_world(credits=0.002)
        self.seed_mutes(world, [ALICE, BOB, CAROL])
        self.assertEqual(self.mute_list(world, "?max_results=3").status, 402)   # $0.003
        page = self.mute_list(world, "?max_results=2")                         # $0.002
        self.assertEqual(page.status, 200, page.text)
        self.assertEqual([u["id"] for u in page.json()["data"]], [CAROL, BOB])
        self.assertEqual(self.ledger(world)["credits"], 0)
        self.seed_mutes(world, [])
        self.assertEqual(self.mute_list(world).status, 200, "an empty page is free")
        self.assertEqual(self.state(world)["rateLimits"]["mutingList"]["users"][world["userId"]]
                         ["used"], 2)

    def test_top_up_and_setting_credits(self) -> None:
        world = self.new_world(credits=0)
        self.assertEqual(self.mute_v2(world, ALICE).status, 402)
        for _ in range(3):
            topped = self.billing(world, topUp=0.1)
            self.assertEqual(topped.status, 200, topped.text)
        state = topped.json()
        self.assertEqual((state["mode"], state["credits"], state["monthlyCap"],
                          state["monthSpend"]), ("pay-per-use", 0.3, None, 0))
        self.assertEqual(self.mute_v2(world, ALICE).status, 200)
        self.assertEqual(self.ledger(world)["credits"], 0.29)
        self.assertEqual(self.billing(world, credits=0, topUp=0.005).json()["credits"], 0.005)
        self.assertEqual(self.billing(world, credits=None).json()["credits"], None)
        for bad in ({"topUp": 1}, {"credits": -1}, {"credits": 0.0000001}, {"credits": "5"},
                    {"credits": True}, {"topUp": None, "credits": 1}, {"monthlyCap": -0.5},
                    {"mode": "free"}, {"credit": 5}):
            response = self.billing(world, **bad)
            self.assertEqual(response.status, 400, (bad, response.text))
            self.assertIn("error", response.json())
        self.assertEqual(self.ledger(world)["credits"], None, "a refused change changes nothing")
        self.assertEqual(self.control("POST", "/__control/billing", {"credits": 1}).status, 400)
        self.assertEqual(self.control("POST", "/__control/billing",
                                      {"consumerKey": "nope", "credits": 1}).status, 404)
        for bad in ({"billing": "basic"}, {"credits": -2}, {"monthlyCap": "10"}):
            self.assertEqual(self.control("POST", "/__control/worlds", bad).status, 400, bad)

    def test_monthly_cap_429_until_the_next_month_on_the_world_clock(self) -> None:
        world = self.new_world(monthlyCap=0.02)
        account = self.ledger(world)["accountId"]
        january = calendar.timegm((2031, 1, 31, 23, 50, 0))
        self.clock_to(world, january)
        at = self.stamp(january)
        self.assertEqual(self.mute_v2(world, ALICE, timestamp=at).status, 200)   # $0.010
        self.assertEqual(self.mute_v2(world, BOB, timestamp=at).status, 200)     # = the cap
        capped = self.mute_v2(world, CAROL, timestamp=at)
        self.assertEqual(capped.status, 429)
        self.assertEqual(capped.headers["content-type"], PROBLEM)
        self.assertEqual(capped.json(), usage_capped(account))
        self.assertEqual(rate_limit_headers(capped), [])
        for other in (self.unmute_v2(world, ALICE, timestamp=at),
                      self.signed(world, "GET", "/2/users/me", timestamp=at),
                      self.mute_list(world, timestamp=at)):
            self.assertEqual((other.status, other.json()), (429, usage_capped(account)))
        self.assertEqual(self.state(world)["rateLimits"]["mute"]["users"][world["userId"]]["used"],
                         2, "the cap's 429 consumes no rate-limit slot")
        ledger = self.ledger(world)
        self.assertEqual((ledger["monthSpend"], len(ledger["entries"])), (0.02, 2))

        february = calendar.timegm((2031, 2, 1, 0, 0, 30))
        self.clock_to(world, february)
        self.assertEqual(self.ledger(world)["monthSpend"], 0, "a new calendar month (UTC)")
        self.assertEqual(self.mute_v2(world, CAROL, timestamp=self.stamp(february)).status, 200)
        ledger = self.ledger(world)
        self.assertEqual((ledger["monthSpend"], len(ledger["entries"])), (0.01, 3))
        self.assertLess(ledger["entries"][1]["at"], february)
        self.assertGreaterEqual(ledger["entries"][2]["at"], february)
        # Back in January, the month's spend is January's again.
        self.clock_to(world, january + 60)
        self.assertEqual(self.ledger(world)["monthSpend"], 0.02)
        # Raising the cap lets January's calls through again.
        self.assertEqual(self.billing(world, monthlyCap=0.03).json()["monthlyCap"], 0.03)
        self.assertEqual(self.unmute_v2(world, ALICE, timestamp=self.stamp(january + 60)).status,
                         200)

    def test_the_cap_is_checked_before_the_credits_and_both_before_rate_limits(self) -> None:
        world = self.new_world(credits=0, monthlyCap=0)
        self.assertEqual(self.mute_v2(world, ALICE).json()["title"], "UsageCapExceeded")
        self.billing(world, monthlyCap=None)
        self.assertEqual(self.mute_v2(world, ALICE).status, 402)
        self.billing(world, credits=1)
        self.control("POST", "/__control/limits", {"consumerKey": world["consumerKey"],
                                                   "mute": {"limit": 1}})
        self.assertEqual(self.mute_v2(world, ALICE).status, 200)
        limited = self.mute_v2(world, BOB)
        self.assertEqual((limited.status, limited.json()["title"]), (429, "Too Many Requests"))
        self.assertEqual(limited.headers["x-rate-limit-remaining"], "0")
        self.assertEqual(self.records(world)[-1]["charged"], 0)
        self.billing(world, credits=0)
        self.assertEqual(self.mute_v2(world, BOB).status, 402, "billing comes before the limit")

    def test_v1_1_is_code_453_in_pay_per_use_and_works_in_legacy(self) -> None:
        paid = self.new_world()
        calls = [("POST", f"/1.1/mutes/users/create.json?user_id={ALICE}"),
                 ("POST", f"/1.1/mutes/users/destroy.json?user_id={ALICE}"),
                 ("GET", "/1.1/mutes/users/ids.json"),
                 ("GET", "/1.1/account/verify_credentials.json"),
                 ("GET", "/1.1/statuses/home_timeline.json")]
        for method, target in calls:
            refused = self.signed(paid, method, target)
            self.assertEqual((refused.status, refused.json()), (403, ACCESS_LEVEL_453), target)
            self.assertEqual(rate_limit_headers(refused), [], target)
        self.assertEqual(self.state(paid)["rateLimits"]["v1Mute"]["users"], {})
        bad = self.signed(paid, "GET", "/1.1/account/verify_credentials.json",
                          client_secret="wrong")
        self.assertEqual((bad.status, bad.json()["errors"][0]["code"]), (401, 32))
        self.add_faults(paid, {"kind": "server_error", "match": {"path": "^/1\\.1/"}})
        self.assertEqual(self.signed(paid, *calls[0]).status, 500, "a scripted fault comes first")
        self.assertEqual(self.ledger(paid)["entries"], [])
        self.assert_unchanged_mutes(paid, [])

        legacy = self.new_world(billing="legacy", credits=0, monthlyCap=0)
        statuses = [self.signed(legacy, method, target).status for method, target in calls[:4]]
        self.assertEqual(statuses, [200, 200, 200, 200])
        self.assertEqual(self.mute_v2(legacy, BOB).status, 200, "v2 works, uncharged")
        self.assertEqual(self.signed(legacy, "GET", "/2/users/me").status, 200)
        self.assertEqual([r["charged"] for r in self.records(legacy)], [0] * 6)
        self.assertEqual(self.ledger(legacy)["entries"], [])
        # The mode can be switched either way.
        self.assertEqual(self.billing(legacy, mode="pay-per-use").json()["mode"], "pay-per-use")
        self.assertEqual(self.signed(legacy, *calls[3]).json(), ACCESS_LEVEL_453)
        self.billing(paid, mode="legacy")
        self.assertEqual(self.signed(paid, *calls[3]).status, 200)

    def test_new_faults(self) -> None:
        world = self.new_world()
        account = self.ledger(world)["accountId"]
        self.add_faults(world, {"kind": "credits_depleted"},
                        {"kind": "credits_depleted", "form": "legacy"},
                        {"kind": "usage_capped"}, {"kind": "user_not_enrolled"},
                        {"kind": "partial_errors"})
        answers = [self.mute_v2(world, ALICE) for _ in range(5)]
        self.assertEqual([a.status for a in answers], [402, 402, 429, 403, 200])
        self.assertEqual(answers[0].json(), CREDITS_DEPLETED)
        self.assertEqual(answers[1].json(), {
            "title": "CreditsDepleted",
            "detail": f"Your enrolled account [{account}] does not have any credits to fulfill "
                      "this request.",
            "type": "https://api.twitter.com/2/problems/credits"})
        self.assertEqual(answers[2].json(), usage_capped(account))
        enrolled = answers[3].json()
        self.assertEqual((enrolled["reason"], enrolled["required_enrollment"], enrolled["title"],
                          enrolled["type"]),
                         ("user-not-enrolled", "Pay-per-use", "Client Forbidden",
                          "https://api.twitter.com/2/problems/client-forbidden"))
        self.assertTrue(enrolled["detail"])
        for answer in answers[:4]:
            self.assertEqual(answer.headers["content-type"], PROBLEM)
            self.assertEqual(rate_limit_headers(answer), [])
        records = self.records(world)
        self.assertEqual([r["fault"] for r in records],
                         ["credits_depleted", "credits_depleted", "usage_capped",
                          "user_not_enrolled", "partial_errors"])
        # A partial-errors answer still carries data: it is charged like any success.
        self.assertEqual([r["charged"] for r in records], [0, 0, 0, 0, MUTE_PRICE])
        self.assertEqual(len(self.ledger(world)["entries"]), 1)
        self.assertEqual(self.control("POST", "/__control/faults", {
            "consumerKey": world["consumerKey"],
            "faults": [{"kind": "credits_depleted", "form": "old"}]}).status, 400)

    def test_reset_restores_the_default_billing_and_clears_the_ledger(self) -> None:
        world = self.new_world(billing="legacy", credits=0.5, monthlyCap=3)
        self.billing(world, mode="pay-per-use")
        self.assertEqual(self.mute_v2(world, ALICE).status, 200)
        self.assertEqual(len(self.ledger(world)["entries"]), 1)
        self.control("POST", "/__control/reset", {"consumerKey": world["consumerKey"]})
        ledger = self.ledger(world)
        ledger.pop("accountId")
        self.assertEqual(ledger, {"mode": "pay-per-use", "credits": None, "monthlyCap": None,
                                  "monthSpend": 0, "entries": []})
        demo = {"consumerKey": "xmute-demo-consumer-key"}
        self.assertEqual(self.billing(demo, mode="legacy", credits=1).status, 200)
        self.control("POST", "/__control/reset")
        self.assertEqual((self.ledger(demo)["mode"], self.ledger(demo)["credits"]),
                         ("pay-per-use", None))


class LifecycleTests(unittest.TestCase):
    def test_exits_when_parent_exits(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            ready_file = os.path.join(tmp, "ready.json")
            # The intermediate parent starts the server, waits for it to be ready, and exits.
            launcher = (
                "import os, subprocess, sys, time\n"
                f"subprocess.Popen([sys.executable, {str(SERVER)!r}, '--ready-file', "
                f"{ready_file!r}], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
                "deadline = time.monotonic() + 30\n"
                f"while not os.path.exists({ready_file!r}) and time.monotonic() < deadline:\n"
                "    time.sleep(0.05)\n")
            subprocess.run([sys.executable, "-c", launcher], check=True, timeout=40)
            with open(ready_file) as handle:
                pid = json.load(handle)["pid"]
            gone = wait_gone(pid, 10)
            if not gone:
                os.kill(pid, signal.SIGKILL)  # leave no orphan behind when failing
            self.assertTrue(gone, "the server outlived its parent")

    def test_exits_on_sigterm(self) -> None:
        proc, _ = start_server()
        proc.terminate()
        self.assertEqual(proc.wait(timeout=10), 0)
        proc.stdout.close()


if __name__ == "__main__":
    unittest.main()
