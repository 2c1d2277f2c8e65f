#!/usr/bin/env bash
# HTTP predict throughput vs a bare endpoint on the same host (the anchor), measured with wrk over
# loopback in one run. Prints requests/s, p99 latency and the ratio. Usage: bench/http.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { sudo -n true 2>/dev/null && s=sudo || s=; $s apt-get update -qq >/dev/null && $s apt-get install -y -qq wrk >/dev/null; }
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund

dotnet build src/LocalHost -c Release -v q -nologo >/dev/null
dotnet build bench/Serving.Bench -c Release -v q -nologo >/dev/null
source scripts/azurite-ephemeral.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalHost__StartAzurite=false Bench__BareEndpoint=true \
  Logging__LogLevel__Default=Warning dotnet src/LocalHost/bin/Release/net10.0/Serverless.LocalHost.dll --urls "$url" >/tmp/bench-host.log 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true; kill $azurite_pid 2>/dev/null || true' EXIT

body=$(dotnet bench/Serving.Bench/bin/Release/net10.0/Serverless.Serving.Bench.dll sample-body "$url" churn)
lua=$(mktemp --suffix .lua)
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$lua"

run() { wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua" "$url$1"; }
run /api/models/churn/predict >/dev/null   # warm-up
run /bench/bare >/dev/null
predict=$(run /api/models/churn/predict)
bare=$(run /bench/bare)
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
echo "predict: $(rps "$predict") req/s, p99 $(p99 "$predict")"
echo "bare:    $(rps "$bare") req/s, p99 $(p99 "$bare")"
echo "ratio predict/bare: $(awk -v a="$(rps "$predict")" -v b="$(rps "$bare")" 'BEGIN {printf "%.1f%%", 100*a/b}') (target >= 75%)"
errors=$(echo "$predict" | awk '/Non-2xx/ {print $NF}')
[ -z "$errors" ] || { echo "predict answered $errors non-2xx responses" >&2; exit 1; }
