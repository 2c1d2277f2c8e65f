#!/usr/bin/env bash
# Runs the system locally: installs the npm dev tools if missing (Azurite, the SMTP sink), starts the SMTP sink on
# a free loopback port (approval mail lands in .mail/ as .eml files), then the local host on http://localhost:7071.
# The host starts Azurite itself (data in .azurite/) when nothing listens on 127.0.0.1:10000, and on first start
# trains and registers a sample churn model. With Email__Host already set, that SMTP server is used instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/smtp-server ] || [ ! -d node_modules/uplot ]; then
  npm ci --no-audit --no-fund
fi

if [ -z "${Email__Host:-}" ]; then
  sink_log=$(mktemp)
  node scripts/smtp-sink.js --port 0 --dir .mail >"$sink_log" 2>&1 &
  sink_pid=$!
  trap 'kill $sink_pid 2>/dev/null || true; rm -f "$sink_log"' EXIT
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$sink_log" && break
    kill -0 $sink_pid 2>/dev/null || { cat "$sink_log"; echo "SMTP sink failed to start" >&2; exit 1; }
    sleep 0.1
  done
  cat "$sink_log"
  export Email__Host=127.0.0.1
  export Email__Port="$(grep -oE '127\.0\.0\.1:[0-9]+' "$sink_log" | head -1 | cut -d: -f2)"
fi

dotnet run --project src/LocalHost --configuration Release "$@"
