#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the npm dev tools (Azurite, SMTP sink), starts one
# Azurite for the whole run on free loopback ports, builds and runs all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

log=$(mktemp)
node_modules/.bin/azurite --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --loose \
  --blobHost 127.0.0.1 --blobPort 0 --queueHost 127.0.0.1 --queuePort 0 \
  --tableHost 127.0.0.1 --tablePort 0 >"$log" 2>&1 &
azurite_pid=$!
trap 'kill $azurite_pid 2>/dev/null || true; rm -f "$log"' EXIT

port() { grep -oE "$1 service is successfully listening at http://127.0.0.1:[0-9]+" "$log" | grep -oE '[0-9]+$' || true; }
for _ in $(seq 1 300); do
  [ -n "$(port Blob)" ] && [ -n "$(port Queue)" ] && [ -n "$(port Table)" ] && break
  kill -0 $azurite_pid 2>/dev/null || { cat "$log"; echo "Azurite failed to start" >&2; exit 1; }
  sleep 0.1
done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==" # Azurite's public dev key
acct=devstoreaccount1
export AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$acct;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$(port Blob)/$acct;QueueEndpoint=http://127.0.0.1:$(port Queue)/$acct;TableEndpoint=http://127.0.0.1:$(port Table)/$acct;"
echo "Azurite for this run: blob $(port Blob), queue $(port Queue), table $(port Table)"

dotnet test Serverless.Tests.slnf --configuration Release "$@"
