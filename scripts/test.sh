#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the npm dev tools (Azurite, SMTP sink), starts one
# Azurite for the whole run on free loopback ports, builds and runs all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/smtp-server ] || [ ! -d node_modules/uplot ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# The dashboard test drives a system Chromium headless (Playwright never downloads a browser). Install Debian's
# package when none is found; needs root or passwordless sudo (CI runners have both; skipped when CHROMIUM_PATH is set).
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
   && ! command -v google-chrome >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  as_root=""
  if [ "$(id -u)" -ne 0 ]; then as_root="sudo -n"; fi
  $as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium >/dev/null \
    || echo "test.sh: could not install chromium; the dashboard test will fail (set CHROMIUM_PATH to a Chromium binary)." >&2
fi

source scripts/azurite-ephemeral.sh
# Build in parallel, then run the test projects one at a time (-m:1): several projects' hosts, workers and lease
# timers sharing 2 cores starved each other's time-bounded tests (three different tests failed that way in three runs).
dotnet build Serverless.Tests.slnf --configuration Release
dotnet test Serverless.Tests.slnf --configuration Release --no-build -m:1 "$@"
