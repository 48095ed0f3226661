#!/usr/bin/env bash
# Installs everything the tests need (npm packages, Debian's Chromium) and runs every test:
# formatting, lint, type checks, engine and property tests, a benchmark smoke run, and the
# end-to-end tests in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund
if ! command -v /usr/bin/chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi

npm run check
npm run test:unit
# The engine under a zone far from UTC too: nothing may depend on the machine's clock zone.
TZ=Pacific/Chatham npx vitest run tests/engine tests/reference tests/property
npm run test:e2e

# Reached only when every suite above passed (set -e): checks, unit, unit under another zone, e2e.
echo "suites: 4 passed, 0 failed"
