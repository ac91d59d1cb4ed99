# The two commands a new user needs: `make run` and `make test`.
# Everything else here is what those two are made of, plus `make e2e`: the browser
# end-to-end tests (Playwright driving Debian's Chromium against the real server).

CARGO ?= cargo
NPM ?= npm
NPX ?= npx
FRONTEND := frontend
NODE_DEPS := $(FRONTEND)/node_modules/.installed

.PHONY: run test test-rust test-postgres test-frontend e2e frontend build lint fmt openapi api-types schema schema-check seed-demo bench clean

## Build the SPA and the server, then serve the portal on http://127.0.0.1:8080 (SQLite).
run: frontend
	$(CARGO) run --bin jointcall -- serve

## The whole test suite: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set.
test: test-rust test-postgres test-frontend

test-rust:
	env -u TEST_DATABASE_URL $(CARGO) test --all-targets

test-postgres:
ifneq ($(strip $(TEST_DATABASE_URL)),)
	$(CARGO) test --test api
else
	@echo "TEST_DATABASE_URL is not set: the API tests ran on SQLite only."
endif

test-frontend: $(NODE_DEPS)
	cd $(FRONTEND) && $(NPM) run typecheck && $(NPM) run lint && $(NPM) test && $(NPM) run check:api

## Browser end-to-end tests: builds the SPA and the server, then Playwright starts the server
## (fresh SQLite database, test clock hook) and an SMTP sink (aiosmtpd from E2E_PYTHON, default
## python3) and drives /usr/bin/chromium (`apt-get install chromium`; never `playwright install`).
## Screenshots, the HTML report and the server log land in frontend/e2e-artifacts/.
e2e: frontend
	$(CARGO) build --bin jointcall
	cd $(FRONTEND) && $(NPX) playwright test

$(NODE_DEPS): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	touch $@

frontend: $(NODE_DEPS)
	cd $(FRONTEND) && $(NPM) run build

build: frontend
	$(CARGO) build --release --bin jointcall

## Formatting and lints, as CI checks them.
lint: $(NODE_DEPS)
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets -- -D warnings

fmt:
	$(CARGO) fmt

## Regenerate the committed spec and the SPA's typed client after changing the API.
openapi:
	$(CARGO) run --quiet --bin jointcall -- openapi > openapi/openapi.json
	$(MAKE) api-types

api-types: $(NODE_DEPS)
	cd $(FRONTEND) && $(NPM) run gen:api

## Regenerate src/db/schema.rs with `diesel print-schema` after adding a migration
## (needs the diesel CLI and PostgreSQL: see scripts/schema.sh); CI runs schema-check.
schema:
	bash scripts/schema.sh

schema-check:
	bash scripts/schema.sh --check

seed-demo:
	$(CARGO) run --bin jointcall -- seed-demo

## Benchmarks (release build; figures printed and written to bench/): the assignment
## solver (bench/assignment.json), then the load benchmarks of benches/load.rs against the
## release server on SQLite and on PostgreSQL when BENCH_DATABASE_URL (default
## postgres://postgres@127.0.0.1:5432/postgres) answers (bench/results.json). See docs/testing.md.
bench:
	$(CARGO) build --release --bin jointcall
	$(CARGO) run --release --bin bench_assignment
	$(CARGO) bench --bench load

clean:
	$(CARGO) clean
	rm -rf $(FRONTEND)/dist $(FRONTEND)/node_modules $(FRONTEND)/e2e-artifacts
