#!/usr/bin/env bash
# Fuzzes the running server from the committed spec with schemathesis: no 5xx,
# and every status, content type, header and body conforms to the spec.
# The database holds the demo (`seed-demo`: calls open, in evaluation and
# decided, proposals in every state); it runs signed in as each role: an
# administrator (who may call almost everything), an operator, a funder, an
# expert and an applicant with proposals.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$work/fuzz.db" JOINTCALL_BIND="127.0.0.1:$port" RUST_LOG=error
# Fuzzing signs in many times from one address; lift the throttle so that
# the run exercises the endpoints rather than the 429 path only.
export JOINTCALL_LOGIN_LIMIT_ACCOUNT=100000 JOINTCALL_LOGIN_LIMIT_ADDRESS=100000
export JOINTCALL_LIMIT_ADDRESS_HOURLY=100000 JOINTCALL_LIMIT_MAILS_HOURLY=100000 JOINTCALL_LIMIT_INVITATIONS_HOURLY=100000
export JOINTCALL_LIMIT_WRONG_CODES_HOURLY=100000
target/debug/jointcall seed-demo >"$work/seed.log" 2>&1
target/debug/jointcall serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

# Signs in as the web app does; demo staff enrol an authenticator first.
token_for() {
  python3 .ci/sign_in.py "http://127.0.0.1:$port" "$1@demo.jointcall.eu" demo-password-2026
}
# The demo account of each role (access tokens last 15 minutes: one per run).
declare -A account=([admin]=admin [operator]=operator [funder]=meco [expert]=expert1 [applicant]=company)

# Excluded paths end the session the run signs in with (sign-out, a
# password change, sign out everywhere).
# Every check but two: positive_data_acceptance (a schema-valid body can still
# break a rule the schema cannot state, e.g. an unknown token: 422 is right)
# and missing_required_header (a missing If-Match is 428 by design, RFC 6585).
checks=${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,negative_data_rejection,unsupported_method,allow_header_conformance,use_after_free,ensure_resource_availability,ignored_auth}
# The administrator and the applicant get the most examples; the other roles
# see mostly the same operations answered 403.
for role in admin applicant operator funder expert; do
  token=$(token_for "${account[$role]}")
  case $role in admin | applicant) examples=${FUZZ_EXAMPLES:-60} ;; *) examples=${FUZZ_ROLE_EXAMPLES:-20} ;; esac
  echo "--- schemathesis as $role"
  schemathesis --config-file .ci/schemathesis.toml run openapi/openapi.json \
    --url "http://127.0.0.1:$port" \
    --checks "$checks" \
    --header "Authorization: Bearer $token" \
    --exclude-path /api/v1/auth/logout \
    --exclude-path /api/v1/me/password \
    --exclude-path /api/v1/me/sessions \
    --max-examples "$examples" \
    --seed 20261129 \
    --no-color
done
