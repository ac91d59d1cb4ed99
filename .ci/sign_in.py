#!/usr/bin/env python3
"""Signs a person in to a running portal as the web app does, second factor
included, with the standard library only; prints the access token.

Staff must enrol an authenticator before they act: an account that has none
enrols one here (its session goes on). An enrolled account's code is computed
from the secret this run enrolled, so it signs in only accounts it enrolled.

Usage: sign_in.py BASE_URL EMAIL PASSWORD
Also imported by smoke.py for `totp_code` and `sign_in`.
"""
import base64
import hashlib
import hmac
import json
import struct
import sys
import time
import urllib.error
import urllib.request

# Secrets this process enrolled, by e-mail address.
SECRETS = {}


def totp_code(secret_base32, at=None):
    """RFC 6238 with the authenticator apps' defaults: SHA-1, 30 s, 6 digits."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def post(base, path, body, token=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def get(base, path, token):
    request = urllib.request.Request(base + path)
    request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def enrol(base, token, password):
    """Enrols an authenticator for the signed-in account; returns its secret."""
    started = post(base, "/api/v1/me/second-factor/enrolment", {"password": password}, token)
    post(base, "/api/v1/me/second-factor", {"code": totp_code(started["secret"])}, token)
    return started["secret"]


def sign_in(base, email, password):
    """The tokens of a new session; enrols staff who have no authenticator yet."""
    answer = post(base, "/api/v1/auth/login", {"email": email, "password": password})
    if answer.get("second_factor_required"):
        secret = SECRETS[email]
        # Each code is accepted once: wait for the next one if this step was used.
        code = totp_code(secret)
        try:
            return post(base, "/api/v1/auth/login/second-factor", {"challenge": answer["challenge"], "code": code})
        except urllib.error.HTTPError as refused:
            if refused.code != 401:
                raise
            time.sleep(30 - time.time() % 30 + 0.5)
            return post(base, "/api/v1/auth/login/second-factor", {"challenge": answer["challenge"], "code": totp_code(secret)})
    status = get(base, "/api/v1/me/second-factor", answer["access_token"])
    if status["required"] and not status["enrolled"]:
        SECRETS[email] = enrol(base, answer["access_token"], password)
    return answer


if __name__ == "__main__":
    base_url, address, secret_word = sys.argv[1:4]
    print(sign_in(base_url, address, secret_word)["access_token"])
