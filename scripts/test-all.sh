#!/usr/bin/env bash
# Installs everything the tests need (npm packages, Debian's Chromium, PostgreSQL and ClickHouse)
# and runs every test: formatting, lint, type checks, engine and property tests on every engine,
# a benchmark smoke run, and the end-to-end tests in real Chromium. The database servers run on
# loopback only, and are stopped at the end, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v /usr/lib/postgresql/15/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v clickhouse-server >/dev/null 2>&1 || missing+=(clickhouse-server)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Each scripts/servers/NAME.sh starts one server (or a cluster) on loopback and stops it again.
stop_servers() { for server in scripts/servers/*.sh; do [ -e "$server" ] && bash "$server" stop || true; done; }
trap stop_servers EXIT
for server in scripts/servers/*.sh; do [ -e "$server" ] && bash "$server" start; done

npm run check
npm run test:unit
# The engine under a zone far from UTC too: nothing may depend on the machine's clock zone.
TZ=Pacific/Chatham npx vitest run tests/engine tests/reference tests/property
npm run test:e2e

# Reached only when every suite above passed (set -e): checks, unit, unit under another zone, e2e.
echo "suites: 4 passed, 0 failed"
