#!/usr/bin/env bash
# Where a predict request's CPU goes: CPU-samples the local host with dotnet-trace while wrk sends record predicts over
# loopback, then prints the hottest frames by inclusive CPU share (bench/profile_summary.py). The trace is kept as
# speedscope JSON (open it at https://www.speedscope.app for a flame graph) under $OUT or /tmp.
# Usage: bench/profile.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
out=${OUT:-/tmp}
command -v wrk >/dev/null || { sudo -n true 2>/dev/null && s=sudo || s=; $s apt-get update -qq >/dev/null && $s apt-get install -y -qq wrk >/dev/null; }
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace >/dev/null

dotnet build src/LocalHost -c Release -v q -nologo >/dev/null
dotnet build bench/Serving.Bench -c Release -v q -nologo >/dev/null
source scripts/azurite-ephemeral.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalHost__StartAzurite=false Bench__BareEndpoint=true Logging__LogLevel__Default=Warning \
  dotnet src/LocalHost/bin/Release/net10.0/Serverless.LocalHost.dll --urls "$url" >/tmp/bench-profile-host.log 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true; kill $azurite_pid 2>/dev/null || true' EXIT

body=$(dotnet bench/Serving.Bench/bin/Release/net10.0/Serverless.Serving.Bench.dll sample-body "$url" churn)
lua=$(mktemp --suffix .lua)
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$lua"
wrk -t2 -c"$connections" -d10s -s "$lua" "$url${PROFILE_PATH:-/api/models/churn/predict}" >/dev/null   # warm-up (tiered JIT)
wrk -t2 -c"$connections" -d"$((duration + 5))s" -s "$lua" "$url${PROFILE_PATH:-/api/models/churn/predict}" >"$out/profile-wrk.txt" &
wrk_pid=$!
sleep 2
dotnet-trace collect -p "$host_pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$duration" \
  -o "$out/${PROFILE_NAME:-predict}.nettrace" --format speedscope >/dev/null
wait "$wrk_pid"
grep Requests/sec "$out/profile-wrk.txt"
python3 bench/profile_summary.py "$out/${PROFILE_NAME:-predict}.speedscope.json"
