# Revenue OS — the front door. `make run` and `make test` do their own set-up.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)

TSX := node --import tsx
DEV_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/revenue_os_dev

.DEFAULT_GOAL := help
.PHONY: help run reply hunter gateway user rotate-key analyst booking-key inbound-email-key test test-deps test-sql test-ts typecheck db schema verify bench api-token deps clean

help:
	@echo "make run      start API + worker (embedded PostgreSQL unless DATABASE_URL is set; the banner says where its data is)"
	@echo "make reply PHONE=<+1…> TEXT=<text> [TO=<our number>]   post a signed Twilio SMS reply to the running engine"
	@echo "make hunter   run the Craigslist hunter against DATABASE_URL (CL_* settings: see README)"
	@echo "make gateway  run the voice gateway (Telnyx/Twilio media streams bridged to OpenAI Realtime; VOICE_* settings: see README)"
	@echo "make user EMAIL=<email> [ACCOUNT=<slug>] [ROLE=owner]   create a console user (password printed once)"
	@echo "make test     install test dependencies, build a fresh test database, run pgTAP then vitest"
	@echo "make db       build DATABASE_URL (default $(DEV_DATABASE_URL)) and rewrite db/schema.sql"
	@echo "make schema   rewrite db/schema.sql from a fresh build on the test server"
	@echo "make verify   run seed 001's verification queries against DATABASE_URL and print the results"
	@echo "make bench    run the benchmarks in bench/ (each builds its own database; figures and same-run ratios)"
	@echo "make api-token ACCOUNT=<slug> NAME=<name>   create a token for POST /api/leads (printed once)"
	@echo "make rotate-key   re-seal every account's provider credentials under a new master key (stop the engine first)"
	@echo "make analyst ACCOUNT=<slug> NAME=<login> [ROTATE=1]   create a read-only database login bound to one account (password printed once); NAME=<login> DROP=1 removes it"
	@echo "make booking-key ACCOUNT=<slug>   print an account's booking webhook URL and the key its events are signed with"
	@echo "make inbound-email-key ACCOUNT=<slug>   print the URL an account's mail host forwards replies to and the key it signs with"
	@echo "make clean    remove artifacts/ and the embedded database (the engine's files in DATA_DIR and, as root, its folder in /var/lib/revenue-os)"

# npm packages, reinstalled when package.json or the lock file changes.
node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.install-stamp

run: deps
	$(TSX) api/main.ts

# A lead's reply, signed as Twilio signs it, posted to the running engine.
reply: deps
	@$(TSX) scripts/reply.ts --phone "$${PHONE:-}" --text "$${TEXT:-}" --to "$${TO:-}" --channel "$${CHANNEL:-sms}"

# The Craigslist hunter: claims lead_hunter tasks and works them in Debian's Chromium.
hunter: deps
	@test -n "$${DATABASE_URL:-}" || { echo "make hunter needs DATABASE_URL (postgres://…)" >&2; exit 2; }
	$(TSX) hunter/main.ts

# The voice gateway: a standalone process (no database connection of its own).
gateway: deps
	$(TSX) gateway/main.ts

# Creates a console user (default role owner) and prints a one-time password.
# Database: DATABASE_URL, else the embedded one in .data/.
user: deps
	@$(TSX) scripts/create-user.ts --email "$${EMAIL:-}" --account "$${ACCOUNT:-}" --role "$${ROLE:-owner}"

# Re-seals provider credentials under a new master key (scripts/rotate-key.ts --help).
rotate-key: deps
	@$(TSX) scripts/rotate-key.ts

# An account's booking webhook URL and signing key (derived from BOOKING_WEBHOOK_SECRET).
booking-key: deps
	@$(TSX) scripts/booking-key.ts --account "$${ACCOUNT:-}"

# An account's inbound email URL and signing key (derived from INBOUND_EMAIL_SECRET).
inbound-email-key: deps
	@$(TSX) scripts/inbound-email-key.ts --account "$${ACCOUNT:-}"

test: deps test-deps typecheck
	$(TSX) tests/harness/prepare.ts
	$(TSX) tests/harness/pgtap.ts
	$(MAKE) --no-print-directory test-ts

test-deps:
	tests/harness/ensure-deps.sh

typecheck: deps
	tsc --noEmit

test-sql: deps test-deps
	$(TSX) tests/harness/prepare.ts
	$(TSX) tests/harness/pgtap.ts

# Two files run after the rest, each alone: the Craigslist hunter tests start three
# Chromium hunters of their own, and the dispatch reliability test times three worker
# processes' sends against each sender's per-second limit at a fake provider, which
# a starved CPU would bunch up (it saw 6 in one second against 5 once, in the
# parallel run).
test-ts: deps
	vitest run --exclude tests/hunter.test.ts --exclude tests/dispatch-reliability.test.ts
	vitest run tests/dispatch-reliability.test.ts
	vitest run tests/hunter.test.ts

db: deps
	$(TSX) db/build.ts --url "$${DATABASE_URL:-$(DEV_DATABASE_URL)}" --write-schema

schema: deps
	$(TSX) tests/harness/prepare.ts --write-schema

verify: deps
	$(TSX) scripts/verify.ts

# Every bench in bench/, then one summary table of their figures (bench/summary.ts).
# A bench that fails does not stop the others; make bench exits 1 after the summary then.
# A missed target is never a failure.
BENCH_RESULTS ?= artifacts/bench/results.jsonl
bench: deps
	@mkdir -p $(dir $(BENCH_RESULTS)) && : > $(BENCH_RESULTS); failed=""; ran=""; \
	for b in bench/*.ts; do case "$$b" in */lib.ts|*/summary.ts) continue;; esac; \
	  n=$$(basename "$$b" .ts); ran="$$ran,$$n"; echo "# $$b"; \
	  BENCH_RESULTS=$(BENCH_RESULTS) $(TSX) "$$b" || failed="$$failed $$n"; done; \
	BENCH_RESULTS=$(BENCH_RESULTS) BENCH_EXPECT="$${ran#,}" $(TSX) bench/summary.ts; \
	if [ -n "$$failed" ]; then echo "benches that failed:$$failed" >&2; exit 1; fi

# Prints the token once on stdout; only its SHA-256 is stored.
api-token: deps
	@$(TSX) scripts/api-token.ts --account "$${ACCOUNT:-}" --name "$${NAME:-}"

# A database login for an analyst, bound to one account; prints its password once on stdout.
# ROTATE=1 gives an existing analyst login a new password; DROP=1 removes the login.
analyst: deps
	@$(TSX) scripts/analyst.ts --account "$${ACCOUNT:-}" --name "$${NAME:-}" \
	  $$([ "$${ROTATE:-0}" = 0 ] || echo --rotate) $$([ "$${DROP:-0}" = 0 ] || echo --drop)

clean: deps
	rm -rf artifacts
	@$(TSX) scripts/clean.ts
