#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing:
#   - pgTAP for the test server's major version (create extension pgtap)
#   - pg_prove (libtap-parser-sourcehandler-pgtap-perl)
#   - Chromium, driven by playwright-core in the browser tests (never a downloaded browser)
#   - espeak-ng and sox, which make the real speech the voice gateway tests stream
# and, when the test server runs on this machine, lets it feed the hot standby of
# tests/replica.test.ts: a pg_hba.conf line for replication connections from
# 127.0.0.1 (as trusted as the server's other 127.0.0.1 connections already are).
# Needs root (or sudo) and apt-get only when something is missing.
set -euo pipefail

server_url="${TEST_DATABASE_URL:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432}}"
admin_url="$(node -e 'const u=new URL(process.argv[1]); u.pathname="/postgres"; console.log(u.toString())' "$server_url")"

missing=()
if ! major="$(psql "$admin_url" -XAtqc "select current_setting('server_version_num')::int / 10000" 2>/dev/null)"; then
  echo "ensure-deps: cannot reach the test server ($(node -e 'const u=new URL(process.argv[1]); u.password&&(u.password="***"); console.log(u.toString())' "$server_url"))." >&2
  echo "ensure-deps: start PostgreSQL or set TEST_DATABASE_URL." >&2
  exit 1
fi
# Replication from 127.0.0.1 for the standby test (tests/harness/replica.ts says the same when it is missing).
repl_rules="$(psql "$admin_url" -XAtqc "select count(*) from pg_catalog.pg_hba_file_rules r
  where r.error is null and r.type in ('host', 'hostnossl') and 'replication' = any (r.database)
    and r.user_name && array['all', current_user]::text[]
    and r.address in ('127.0.0.1', 'all', 'samehost', 'samenet', '0.0.0.0')")"
if [ "$repl_rules" = "0" ]; then
  hba_file="$(psql "$admin_url" -XAtqc "show hba_file")"
  local_trust="$(psql "$admin_url" -XAtqc "select count(*) from pg_catalog.pg_hba_file_rules r
    where r.error is null and r.type = 'host' and r.database = array['all'] and r.user_name = array['all']
      and r.address = '127.0.0.1' and r.auth_method = 'trust'")"
  pg_user="$(psql "$admin_url" -XAtqc "select current_user")"
  if [ -w "$hba_file" ] && [ "$local_trust" != "0" ]; then
    echo "ensure-deps: letting $pg_user open replication connections from 127.0.0.1 ($hba_file), for the standby test"
    printf '\n# revenue-os tests: a local hot standby (tests/harness/replica.ts)\nhost  replication  %s  127.0.0.1/32  trust\n' "$pg_user" >> "$hba_file"
    psql "$admin_url" -XAtqc "select pg_reload_conf()" >/dev/null
  else
    echo "ensure-deps: the test server refuses replication connections from 127.0.0.1, which tests/replica.test.ts needs;" >&2
    echo "ensure-deps: add 'host replication $pg_user 127.0.0.1/32 trust' to $hba_file and reload it." >&2
    exit 1
  fi
fi

if [ "$(psql "$admin_url" -XAtqc "select count(*) from pg_available_extensions where name = 'pgtap'")" = "0" ]; then
  missing+=("postgresql-${major}-pgtap")
fi
command -v pg_prove >/dev/null 2>&1 || missing+=("libtap-parser-sourcehandler-pgtap-perl")
[ -x /usr/bin/chromium ] || missing+=("chromium")
command -v espeak-ng >/dev/null 2>&1 || missing+=("espeak-ng")
command -v sox >/dev/null 2>&1 || missing+=("sox")

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "ensure-deps: missing ${missing[*]}; install them as root (apt-get install ${missing[*]})." >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-deps: missing ${missing[*]} and apt-get is not available; install them by hand." >&2
  exit 1
fi
echo "ensure-deps: installing ${missing[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
