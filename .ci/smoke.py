#!/usr/bin/env python3
"""Drives the real `jointcall` binary over HTTP, as the issue's checker would:
a fresh database (SQLite file or PostgreSQL database), a real SMTP server
(aiosmtpd writing a maildir), and every foundation behaviour end to end.

Usage: smoke.py sqlite|postgres   (from the repository root, binary built)
"""
import email
import json
import mailbox
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

from sign_in import totp_code

BINARY = os.path.abspath("target/debug/jointcall")
PG_ADMIN = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
checks = 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def expect(condition, what):
    global checks
    checks += 1
    if not condition:
        raise SystemExit(f"FAILED: {what}")


def call(method, path, body=None, token=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None and raw is None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        request.add_header(k, v)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def problem(status_expected, response, what):
    status, headers, body = response
    expect(status == status_expected, f"{what}: status {status} != {status_expected}: {body[:300]!r}")
    expect(headers.get("Content-Type") == "application/problem+json", f"{what}: content type {headers.get('Content-Type')}")
    doc = json.loads(body)
    expect(doc["status"] == status_expected and doc["type"].startswith("https://"), f"{what}: body {doc}")
    return doc


def ok(status_expected, response, what):
    status, headers, body = response
    expect(status == status_expected, f"{what}: status {status} != {status_expected}: {body[:300]!r}")
    return json.loads(body) if body else None


def run_cli(*args, env_extra=None, stdin=None):
    env = dict(ENV, **(env_extra or {}))
    return subprocess.run([BINARY, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def wait_for_mail(to, subject, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for message in mailbox.Maildir(MAILDIR, create=False):
            if message["To"] == to and message["Subject"] == subject:
                return message.get_payload(decode=True).decode()
        time.sleep(0.2)
    raise SystemExit(f"FAILED: no mail '{subject}' to {to} within {timeout}s")


def link_token(body, page):
    for word in body.split():
        if f"/{page}?token=" in word:
            return word.split("token=")[1]
    raise SystemExit(f"FAILED: no {page} link in {body}")


backend = sys.argv[1]
work = tempfile.mkdtemp(prefix="jointcall-smoke-")
MAILDIR = os.path.join(work, "maildir")
smtp_port, http_port = free_port(), free_port()
BASE = f"http://127.0.0.1:{http_port}"
if backend == "sqlite":
    database_url = f"sqlite://{work}/portal.db"
    dbname = None
else:
    dbname = "jointcall_smoke_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", PG_ADMIN, "-qc", f"CREATE DATABASE {dbname}"], check=True)
    database_url = PG_ADMIN.rsplit("/", 1)[0] + "/" + dbname

ENV = dict(os.environ, DATABASE_URL=database_url, JOINTCALL_BIND=f"127.0.0.1:{http_port}",
           JOINTCALL_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}", JOINTCALL_PUBLIC_URL="http://portal.example",
           JOINTCALL_STORAGE_DIR=os.path.join(work, "documents"), JOINTCALL_MAIL_INTERVAL_SECS="1",
           RUST_LOG="warn")
smtp = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{smtp_port}",
                         "-c", "aiosmtpd.handlers.Mailbox", MAILDIR])
server = subprocess.Popen([BINARY, "serve"], env=ENV, stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "server.log"), "w"))
try:
    for _ in range(100):
        try:
            if call("GET", "/health")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.2)
    else:
        raise SystemExit("FAILED: the server did not start")

    # Operations, spec and docs.
    expect(ok(200, call("GET", "/health"), "health") == {"status": "ok"}, "health body")
    ok(200, call("GET", "/ready"), "ready")
    status, headers, text = call("GET", "/metrics")
    expect(status == 200 and b"jointcall_http_requests_total" in text, "metrics")
    spec = ok(200, call("GET", "/api/openapi.json"), "spec")
    expect(spec["openapi"].startswith("3.1"), "OpenAPI 3.1")
    with open("openapi/openapi.json") as f:
        expect(json.load(f) == spec, "served spec equals the committed one")
    status, _, html = call("GET", "/api/docs/")
    expect(status == 200 and b"swagger-ui" in html, "Swagger UI page")
    status, _, html = call("GET", "/")
    expect(status == 200 and b"<html" in html.lower(), "the SPA at /")
    status, _, html = call("GET", "/organisations")
    expect(status == 200 and b"<html" in html.lower(), "SPA client routes fall back to index.html")

    # Registration with a mailed verification link.
    user = ok(201, call("POST", "/api/v1/auth/register", {"email": "Coordinator@Example.org", "password": "a long enough password", "full_name": "Cora Coordinator"}), "register")
    expect(user["email"] == "coordinator@example.org" and user["roles"] == ["applicant"], f"registered user {user}")
    problem(409, call("POST", "/api/v1/auth/register", {"email": "coordinator@example.org", "password": "another long password", "full_name": "X"}), "taken email")
    invalid = problem(422, call("POST", "/api/v1/auth/register", {"email": "nope", "password": "short", "full_name": ""}), "invalid registration")
    expect(sorted(e["field"] for e in invalid["errors"]) == ["email", "full_name", "password"], f"every field listed: {invalid}")
    body = wait_for_mail("coordinator@example.org", "Confirm your email address for jointcall")
    token = link_token(body, "verify-email")
    expect(call("POST", "/api/v1/auth/email-verification", {"token": token})[0] == 204, "verify email")

    # Sign-in, refresh rotation and reuse detection, sign-out.
    tokens = ok(200, call("POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "a long enough password"}), "login")
    me = ok(200, call("GET", "/api/v1/me", token=tokens["access_token"]), "me")
    expect(me["email_verified"] is True, "verified after the link")
    wrong = problem(401, call("POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "wrong password!"}), "wrong password")
    unknown = problem(401, call("POST", "/api/v1/auth/login", {"email": "ghost@example.org", "password": "wrong password!"}), "unknown email")
    expect(wrong == unknown, "wrong password and unknown email look the same")
    rotated = ok(200, call("POST", "/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}), "refresh")
    problem(401, call("POST", "/api/v1/auth/refresh", {"refresh_token": tokens["refresh_token"]}), "reused refresh token")
    problem(401, call("POST", "/api/v1/auth/refresh", {"refresh_token": rotated["refresh_token"]}), "family revoked after reuse")
    problem(401, call("GET", "/api/v1/me", token=rotated["access_token"]), "access token of the revoked session")
    session = ok(200, call("POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "a long enough password"}), "login again")
    expect(call("POST", "/api/v1/auth/logout", {"refresh_token": session["refresh_token"]}, token=session["access_token"])[0] == 204, "logout")
    problem(401, call("POST", "/api/v1/auth/refresh", {"refresh_token": session["refresh_token"]}), "refresh after logout")
    problem(401, call("GET", "/api/v1/me", token=session["access_token"]), "access token after logout")

    # Rate limiting.
    ok(201, call("POST", "/api/v1/auth/register", {"email": "target@example.org", "password": "a long enough password", "full_name": "T"}), "register target")
    for _ in range(5):
        problem(401, call("POST", "/api/v1/auth/login", {"email": "target@example.org", "password": "guessing wrong"}), "guess")
    status, headers, _ = call("POST", "/api/v1/auth/login", {"email": "target@example.org", "password": "a long enough password"})
    expect(status == 429 and int(headers["Retry-After"]) > 0, f"throttled with Retry-After ({status})")

    # An administrator from the command line; role changes with If-Match.
    created = run_cli("create-admin", "--email", "admin@example.org", env_extra={"JOINTCALL_ADMIN_PASSWORD": "the admin's long password"})
    expect(created.returncode == 0, f"create-admin: {created.stderr}")
    admin_password = "the admin's long password"
    admin = ok(200, call("POST", "/api/v1/auth/login", {"email": "admin@example.org", "password": admin_password}), "admin login")["access_token"]
    # Staff act only after enrolling an authenticator (ASVS V2.7).
    gated = problem(403, call("GET", "/api/v1/users", token=admin), "admin before enrolling")
    expect(gated["type"].endswith("/second-factor-required"), f"second factor required: {gated}")
    started = ok(200, call("POST", "/api/v1/me/second-factor/enrolment", {"password": admin_password}, token=admin), "begin enrolment")
    expect(started["otpauth_url"].startswith("otpauth://totp/"), f"otpauth link {started}")
    codes = ok(201, call("POST", "/api/v1/me/second-factor", {"code": totp_code(started["secret"])}, token=admin), "confirm enrolment")
    expect(len(codes["recovery_codes"]) == 10, "ten recovery codes")
    expect("recovery codes" in wait_for_mail("admin@example.org", "Two-step sign-in is on for your jointcall account"), "enrolment mailed")
    # From now on the password gives a challenge; a recovery code completes it, once.
    challenge = ok(200, call("POST", "/api/v1/auth/login", {"email": "admin@example.org", "password": admin_password}), "admin login, step one")
    expect(challenge["second_factor_required"] is True and "access_token" not in challenge, f"challenge {challenge}")
    admin = ok(200, call("POST", "/api/v1/auth/login/second-factor", {"challenge": challenge["challenge"], "code": codes["recovery_codes"][0]}), "admin login, step two")["access_token"]
    again = ok(200, call("POST", "/api/v1/auth/login", {"email": "admin@example.org", "password": admin_password}), "admin login again")
    problem(401, call("POST", "/api/v1/auth/login/second-factor", {"challenge": again["challenge"], "code": codes["recovery_codes"][0]}), "recovery code used twice")
    applicant = ok(200, call("POST", "/api/v1/auth/login", {"email": "coordinator@example.org", "password": "a long enough password"}), "applicant login")["access_token"]
    problem(403, call("GET", "/api/v1/users", token=applicant), "applicant lists users")
    users = ok(200, call("GET", "/api/v1/users", token=admin), "admin lists users")
    expect(users["total"] == 3, f"three users: {users['total']}")
    path = f"/api/v1/users/{user['id']}/roles"
    status, headers, _ = call("GET", f"/api/v1/users/{user['id']}", token=admin)
    etag = headers["ETag"]
    changed = ok(200, call("PUT", path, {"roles": ["funder"], "agency": "MECO"}, token=admin, headers={"If-Match": etag}), "role change")
    expect(changed["agency"] == "MECO" and "funder" in changed["roles"], f"changed roles {changed}")
    problem(412, call("PUT", path, {"roles": []}, token=admin, headers={"If-Match": etag}), "stale If-Match")
    problem(428, call("PUT", path, {"roles": []}, token=admin), "missing If-Match")

    # Organisations and affiliations.
    org = ok(201, call("POST", "/api/v1/organisations", {"name": "MedSoft S.A.", "kind": "company", "country": "LU", "company_size": "medium"}, token=admin), "organisation")
    bad = problem(422, call("POST", "/api/v1/organisations", {"name": "", "kind": "company", "country": "ZZ"}, token=admin), "invalid organisation")
    expect([e["field"] for e in bad["errors"]] == ["name", "country", "company_size"], f"org errors {bad}")
    ok(201, call("POST", "/api/v1/me/affiliations", {"organisation_id": org["id"], "position": "CEO"}, token=admin), "affiliation")

    # Error format.
    problem(404, call("GET", "/api/v1/no-such-thing"), "unknown route")
    problem(405, call("DELETE", "/api/v1/auth/login"), "wrong method")
    problem(400, call("POST", "/api/v1/auth/login", raw=b"{not json", headers={"Content-Type": "application/json"}), "malformed JSON")
    problem(422, call("POST", "/api/v1/organisations", {"name": "X", "kind": "ngo", "country": "LU"}, token=admin), "unknown enum value")

    # The audit log, intact and then tampered.
    records = ok(200, call("GET", "/api/v1/audit?limit=500", token=admin), "audit")
    expect(len(records) >= 10 and records[0]["prev_hash"] == "0" * 64, f"{len(records)} audit records")
    expect(all(b["prev_hash"] == a["hash"] for a, b in zip(records, records[1:])), "the chain links")
    verified = run_cli("verify-audit")
    expect(verified.returncode == 0, f"verify-audit on an intact log: {verified.stderr}")
    tamper = "UPDATE audit_log SET after_state = '{\"roles\":\"applicant,admin\"}' WHERE seq = 3"
    if backend == "sqlite":
        import sqlite3
        with sqlite3.connect(database_url.removeprefix("sqlite://")) as db:
            db.execute(tamper)
    else:
        subprocess.run(["psql", database_url, "-qc", tamper], check=True)
    tampered = run_cli("verify-audit")
    expect(tampered.returncode == 1 and "record 3" in tampered.stderr, f"verify-audit finds the tampered row: {tampered.stderr}")
    report = ok(200, call("GET", "/api/v1/audit/verification", token=admin), "audit verification")
    expect(report["valid"] is False, f"API reports the tampering: {report}")
    print(f"smoke ({backend}): {checks} checks passed")
finally:
    server.terminate()
    smtp.terminate()
    server.wait(timeout=10)
    smtp.wait(timeout=10)
    if dbname:
        subprocess.run(["psql", PG_ADMIN, "-qc", f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)"])
    shutil.rmtree(work, ignore_errors=True)
