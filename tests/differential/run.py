"""Differential test: XMute's signer against oauthlib, the independent reference.

Generates random requests (methods in any case, hosts in mixed case, default and other ports,
paths with percent-encoded bytes, repeated names, empty values, multi-byte UTF-8 and emoji,
``!*'()+%&=`` in names and values, form and JSON bodies, with and without a token, HMAC-SHA1 and
HMAC-SHA256), signs each with XMute's ``signRequest`` (the optimised wasm, through Node), and
checks two things per request against oauthlib:

1. the signature and the signature base string equal what oauthlib computes from the intended
   request (oauthlib's ``collect_parameters``, ``normalize_parameters``, ``base_string_uri``,
   ``signature_base_string`` and HMAC);
2. the ``Authorization`` header, parsed by oauthlib's ``parse_authorization_header``, carries
   exactly the intended protocol parameters and that signature.

On a mismatch it prints the request and both results, and exits 1.

Usage: python3 tests/differential/run.py [--count 2000] [--seed 5849]
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote, quote_plus, urlsplit

from oauthlib.oauth1.rfc5849 import signature as oauth_signature
from oauthlib.oauth1.rfc5849 import utils as oauth_utils

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Text pieces: ASCII, the characters OAuth implementations get wrong, multi-byte UTF-8, emoji.
PIECES = [
    "a", "Z", "0", "9", "-", ".", "_", "~", " ", "!", "*", "'", "(", ")", "+", "%", "&", "=",
    "/", "?", ":", "@", ",", ";", "$", "#", "[", "]", '"', "<", ">", "\\", "^", "`", "{", "|", "}",
    "é", "ß", "ü", "日本", "☃", "€", "😀", "🇫🇷", "\u00a0", "\u200b", "status", "screen_name",
    "user_id", "Hello Ladies", "%20", "%2B", "+", "100%", "a=b", "x&y",
]
PATH_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@"
METHODS = ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "get", "Post", "delete"]
HOSTS = ["api.x.com", "API.X.COM", "Api.Twitter.com", "example.com", "photos.EXAMPLE.net",
         "127.0.0.1", "localhost", "a-b.c-d.example", "[::1]"]
FORM = "application/x-www-form-urlencoded"


def text(rng, max_pieces=6, allow_empty=True):
    n = rng.randint(0 if allow_empty else 1, max_pieces)
    return "".join(rng.choice(PIECES) for _ in range(n))


def encode_component(rng, value):
    """Form-encodes one name or value the way some client might: %20 or +, and with or without
    leaving !*'() unencoded (all valid encodings of the same text)."""
    style = rng.randrange(3)
    if style == 0:
        return quote(value, safe="")
    if style == 1:
        return quote_plus(value, safe="")
    return quote(value, safe="!*'()~")


def form_string(rng, pairs):
    parts = []
    for name, value in pairs:
        if value is None:
            parts.append(encode_component(rng, name))  # a name without "=": empty value
        else:
            parts.append(encode_component(rng, name) + "=" + encode_component(rng, value))
        if rng.random() < 0.05:
            parts.append("")  # an empty pair, "&&"
    return "&".join(parts)


OAUTH_LIKE_NAMES = ["oauth", "oauth_a", "oauth_d", "oauth_nonce_", "oauth_signaturf", "oauth_u", "oauth_w"]


def random_pairs(rng):
    pairs = []
    for _ in range(rng.randint(0, 6)):
        name = text(rng, 3, allow_empty=False)
        if name.startswith("oauth_"):
            name = "x" + name
        if rng.random() < 0.05:
            # Names that sort before, among and after the protocol parameters (none of them a
            # protocol parameter's own name): XMute joins its protocol parameters to the
            # request's as one block unless a name falls among them.
            name = rng.choice(OAUTH_LIKE_NAMES)
        if pairs and rng.random() < 0.2:
            name = rng.choice(pairs)[0]  # a repeated name
        value = None if rng.random() < 0.1 else ("" if rng.random() < 0.1 else text(rng))
        if name.startswith("oauth_") and value:
            # oauthlib percent-decodes an oauth_* parameter's value once more than others (its
            # header values arrive encoded); without a "%" that is the identity.
            value = value.replace("%", "")
        pairs.append((name, value))
    if rng.random() < 0.05:
        pairs.append(("realm", "not-the-header-realm"))  # a query "realm" is an ordinary parameter
    return pairs


def random_path(rng):
    if rng.random() < 0.1:
        return ""
    segments = []
    for _ in range(rng.randint(1, 4)):
        segment = ""
        for _ in range(rng.randint(0, 8)):
            roll = rng.random()
            if roll < 0.7:
                segment += rng.choice(PATH_SAFE)
            elif roll < 0.9:
                segment += "%" + format(rng.randrange(256), "02X" if rng.random() < 0.7 else "02x")
            else:
                segment += " "
        segments.append(segment)
    path = "/" + "/".join(segments)
    # Two places where oauthlib and a browser's URL parser disagree, left out on purpose:
    # - oauthlib (urlparse/urlunparse) drops an empty ";params" at the end of the path ("/a;"
    #   becomes "/a"), while fetch sends the ";";
    # - fetch (WHATWG URL) strips spaces at the end of the URL, while oauthlib keeps them.
    # XMute signs what fetch sends.
    while path.endswith((";", " ")):
        path = path[:-1]
    return path


def random_case(rng):
    scheme = rng.choice(["https", "http", "HTTPS", "Http"])
    host = rng.choice(HOSTS)
    port = rng.choice([None, None, 80, 443, 8080, 1, 65535, 8443])
    authority = host if port is None else f"{host}:{port}"
    query_pairs = random_pairs(rng)
    query = form_string(rng, query_pairs)
    url = f"{scheme}://{authority}{random_path(rng)}"
    if query or rng.random() < 0.1:
        url += "?" + query
    if rng.random() < 0.05:
        url += "#" + "fragment"

    request = {"method": rng.choice(METHODS), "url": url}
    body_kind = rng.choice(["none", "form", "form", "json"])
    if body_kind == "form":
        request["body"] = form_string(rng, random_pairs(rng))
        request["contentType"] = FORM
    elif body_kind == "json":
        request["body"] = json.dumps({"target_user_id": str(rng.randrange(10**12)), "t": text(rng)})
        request["contentType"] = "application/json"

    credentials = {"consumerKey": text(rng, 4, allow_empty=False), "consumerSecret": text(rng, 5)}
    if rng.random() < 0.75:
        credentials["token"] = f"{rng.randrange(10**10)}-" + text(rng, 3, allow_empty=False)
        credentials["tokenSecret"] = text(rng, 5)

    options = {
        "nonce": "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
        if rng.random() < 0.8 else text(rng, 4, allow_empty=False),
        "timestamp": rng.randrange(0, 2**34),
        "version": rng.random() < 0.7,
        "signatureMethod": rng.choice(["HMAC-SHA1", "HMAC-SHA256"]),
    }
    if rng.random() < 0.15:
        options["callback"] = rng.choice(["oob", "http://printer.example.com/ready?x=1&y=" + text(rng, 2)])
    if rng.random() < 0.15:
        options["verifier"] = text(rng, 3, allow_empty=False)
    if rng.random() < 0.15:
        options["realm"] = rng.choice(["Photos", "Example", "https://api.x.com/"])
    return {"request": request, "credentials": credentials, "options": options}


def protocol_params(case):
    credentials, options = case["credentials"], case["options"]
    params = [
        ("oauth_consumer_key", credentials["consumerKey"]),
        ("oauth_nonce", options["nonce"]),
        ("oauth_signature_method", options["signatureMethod"]),
        ("oauth_timestamp", str(options["timestamp"])),
    ]
    if credentials.get("token"):
        params.append(("oauth_token", credentials["token"]))
    if options["version"]:
        params.append(("oauth_version", "1.0"))
    if "callback" in options:
        params.append(("oauth_callback", options["callback"]))
    if "verifier" in options:
        params.append(("oauth_verifier", options["verifier"]))
    return params


def oauthlib_expectation(case):
    """What oauthlib computes for the intended request: (base string, signature)."""
    request = case["request"]
    parts = urlsplit(request["url"])
    params = oauth_signature.collect_parameters(uri_query=parts.query)
    if request.get("contentType") == FORM:
        params += oauth_signature.collect_parameters(body=request["body"])
    params += protocol_params(case)
    base_uri = oauth_signature.base_string_uri(request["url"])
    base_string = oauth_signature.signature_base_string(
        request["method"], base_uri, oauth_signature.normalize_parameters(params)
    )
    algorithm = {"HMAC-SHA1": "SHA-1", "HMAC-SHA256": "SHA-256"}[case["options"]["signatureMethod"]]
    credentials = case["credentials"]
    signature = oauth_signature._sign_hmac(
        algorithm, base_string, credentials["consumerSecret"], credentials.get("tokenSecret", "")
    )
    return base_string, signature


def header_mismatch(case, result):
    """Compares the header, parsed by oauthlib, with the intended protocol parameters."""
    parsed = oauth_utils.parse_authorization_header(result["authorization"])
    got = {name: oauth_utils.unescape(value) for name, value in parsed}
    expected = dict(protocol_params(case))
    expected["oauth_signature"] = result["signature"]
    if "realm" in case["options"]:
        expected["realm"] = case["options"]["realm"]
    if got != expected:
        return f"header parameters {got} != {expected}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=5849)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    cases = [random_case(rng) for _ in range(args.count)]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        cases_path = os.path.join(tmp, "cases.jsonl")
        results_path = os.path.join(tmp, "results.jsonl")
        with open(cases_path, "w", encoding="utf-8") as handle:
            for case in cases:
                handle.write(json.dumps(case, ensure_ascii=False) + "\n")
        subprocess.run(["node", os.path.join(HERE, "sign.mjs"), cases_path, results_path], check=True)
        with open(results_path, encoding="utf-8") as handle:
            results = [json.loads(line) for line in handle]
    if len(results) != len(cases):
        print(f"FAIL: {len(cases)} cases but {len(results)} results")
        return 1

    mismatches = 0
    for index, (case, result) in enumerate(zip(cases, results)):
        base_string, signature = oauthlib_expectation(case)
        problems = []
        if "error" in result:
            problems.append(f"XMute refused the request: {result['error']}")
        else:
            if result["baseString"] != base_string:
                problems.append(f"base string\n  xmute:    {result['baseString']}\n  oauthlib: {base_string}")
            if result["signature"] != signature:
                problems.append(f"signature xmute {result['signature']} oauthlib {signature}")
            mismatch = header_mismatch(case, result)
            if mismatch:
                problems.append(mismatch)
        if problems:
            mismatches += 1
            if mismatches <= 10:
                print(f"MISMATCH case {index} (seed {args.seed}):\n  request: {json.dumps(case, ensure_ascii=False)}")
                for problem in problems:
                    print(f"  {problem}")
    elapsed = time.monotonic() - started
    print(f"oauthlib differential: {len(cases) - mismatches}/{len(cases)} agree, {mismatches} mismatches "
          f"(seed {args.seed}, {elapsed:.1f} s)")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
