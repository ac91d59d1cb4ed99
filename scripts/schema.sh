#!/usr/bin/env bash
# src/db/schema.rs is what `diesel print-schema` reads from a PostgreSQL
# database this program has migrated (the common tree and PostgreSQL's own
# steps), never kept by hand.
#   scripts/schema.sh          write it (after adding a migration)
#   scripts/schema.sh --check  fail when the committed file differs (CI)
# Needs the diesel CLI (`cargo install diesel_cli --no-default-features
# --features postgres`) and a PostgreSQL server: SCHEMA_DATABASE_URL, else
# TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres.
set -euo pipefail
cd "$(dirname "$0")/.."
admin=${SCHEMA_DATABASE_URL:-${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}}
name="jointcall_schema_$$"
url="${admin%/*}/$name"
psql "$admin" -qc "CREATE DATABASE $name"
trap 'psql "$admin" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)"' EXIT
DATABASE_URL="$url" cargo run --quiet --bin jointcall -- migrate >/dev/null
printed=$(mktemp)
diesel print-schema --database-url "$url" > "$printed"
if [ "${1:-}" = "--check" ]; then
  if ! diff -u src/db/schema.rs "$printed"; then
    echo "src/db/schema.rs is not what the migrations make: run scripts/schema.sh and commit it" >&2
    exit 1
  fi
  echo "src/db/schema.rs matches the migrations"
else
  mv "$printed" src/db/schema.rs
fi
