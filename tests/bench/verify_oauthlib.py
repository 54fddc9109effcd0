"""Checks the benchmark's signers with oauthlib before anything is timed (signing.mjs runs it).

Reads a JSON file: ``{ "credentials": {...}, "signers": [{ "id", "fixed", "signed": [{ "request":
{ method, url, body?, contentType? }, "authorization", "nonce", "timestamp", "credentials"? }]
}] }`` (a request's own ``credentials`` when it was signed with others) and, for
every signed request, parses its ``Authorization`` header with oauthlib, computes the signature
base string with oauthlib from the request and the header's protocol parameters, and checks:

- ``oauth_signature`` is oauthlib's HMAC-SHA1 of that base string with the credentials' secrets;
- the consumer key and token are the credentials', the method ``HMAC-SHA1``;
- for a signer given the workload's nonce and timestamp (``fixed``), those are what it signed;
  otherwise (the signer chose them) the timestamp is within five minutes of now and every nonce
  of the signer is distinct.

Prints ``{ "checked": n, "failures": [...] }`` as JSON; exits 1 on any failure.

Usage: python3 tests/bench/verify_oauthlib.py FILE
"""
import json
import sys
import time
from urllib.parse import urlsplit

from oauthlib.common import safe_string_equals
from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

FORM = "application/x-www-form-urlencoded"


def check(signed, credentials, fixed, now):
    """The problems with one signed request (an empty list when oauthlib agrees)."""
    request, header = signed["request"], signed["authorization"]
    try:
        pairs = oauth_utils.parse_authorization_header(header)
    except ValueError as error:
        return [f"oauthlib cannot parse the header {header!r}: {error}"]
    params = {name: oauth_utils.unescape(value) for name, value in pairs if name != "realm"}
    problems = []
    for name, want in [("oauth_consumer_key", credentials["consumerKey"]),
                       ("oauth_token", credentials["token"]),
                       ("oauth_signature_method", "HMAC-SHA1")]:
        if params.get(name) != want:
            problems.append(f"{name} {params.get(name)!r}, expected {want!r}")
    if not params.get("oauth_nonce"):
        problems.append("no oauth_nonce")
    timestamp = params.get("oauth_timestamp", "")
    if not timestamp.isdigit():
        problems.append(f"oauth_timestamp {timestamp!r}")
    elif fixed:
        if params.get("oauth_nonce") != signed["nonce"] or int(timestamp) != signed["timestamp"]:
            problems.append(f"signed nonce/timestamp {params.get('oauth_nonce')}/{timestamp}, "
                            f"given {signed['nonce']}/{signed['timestamp']}")
    elif abs(int(timestamp) - now) > 300:
        problems.append(f"oauth_timestamp {timestamp} is not now ({now})")

    body = request.get("body") if request.get("contentType") == FORM else None
    collected = oauth_signature.collect_parameters(
        uri_query=urlsplit(request["url"]).query, body=body, headers={"Authorization": header})
    base_string = oauth_signature.signature_base_string(
        request["method"].upper(), oauth_signature.base_string_uri(request["url"]),
        oauth_signature.normalize_parameters(collected))
    expected = oauth_signature.sign_hmac_sha1(
        base_string, credentials["consumerSecret"], credentials["tokenSecret"])
    if not safe_string_equals(expected, params.get("oauth_signature", "")):
        problems.append(f"oauth_signature {params.get('oauth_signature')!r}, oauthlib {expected!r}")
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        job = json.load(file)
    credentials = job["credentials"]
    now = int(time.time())
    checked, failures = 0, []
    for signer in job["signers"]:
        nonces = set()
        for i, signed in enumerate(signer["signed"]):
            checked += 1
            for problem in check(signed, signed.get("credentials", credentials), signer["fixed"], now):
                if len(failures) < 20:
                    failures.append(f"{signer['id']}: request {i} ({signed['request']['method']} "
                                    f"{signed['request']['url']}): {problem}")
            nonces.add(dict(oauth_utils.parse_authorization_header(signed["authorization"]))
                       .get("oauth_nonce"))
        if not signer["fixed"] and len(nonces) != len(signer["signed"]):
            failures.append(f"{signer['id']}: {len(signer['signed']) - len(nonces)} repeated nonces "
                            f"in {len(signer['signed'])} signatures")
    print(json.dumps({"checked": checked, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
