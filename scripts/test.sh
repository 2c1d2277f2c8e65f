#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the npm dev tools (Azurite, SMTP sink), starts one
# Azurite for the whole run on free loopback ports, builds and runs all test projects.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ] || [ ! -d node_modules/smtp-server ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

source scripts/azurite-ephemeral.sh
dotnet test Serverless.Tests.slnf --configuration Release "$@"
