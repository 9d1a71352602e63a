#!/usr/bin/env bash
# Installs what the tests need from Debian when it is missing:
#   - pgTAP for the test server's major version (create extension pgtap)
#   - pg_prove (libtap-parser-sourcehandler-pgtap-perl)
#   - Chromium, driven by playwright-core in the browser tests (never a downloaded browser)
#   - espeak-ng and sox, which make the real speech the voice gateway tests stream
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
