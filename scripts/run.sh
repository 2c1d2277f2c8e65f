#!/usr/bin/env bash
# Runs the system locally: installs Azurite if missing, then starts the local host on
# http://localhost:7071. The host starts Azurite itself (data in .azurite/) when nothing listens
# on 127.0.0.1:10000, and on first start trains and registers a sample churn model.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
exec dotnet run --project src/LocalHost --configuration Release "$@"
