#!/usr/bin/env bash
# Where the CPU of a predict request goes, next to a bare request's: the local host under wrk (one endpoint at a time,
# after a warm-up long enough for the JIT to finish), sampled system-wide with Linux perf at 999 Hz, the runtime
# writing a perf map so JIT frames have names; bench/perf_split.py then splits each endpoint's host CPU per request
# by part of the pipeline. Needs perf (Debian: linux-perf, installed here if missing) and root or
# kernel.perf_event_paranoid <= 1. Usage: bench/perf_split.sh [seconds=8] [connections=32] [warm-up seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-8}
connections=${2:-32}
warm=${3:-30}
out=${OUT:-/tmp}
s=; [ "$(id -u)" -eq 0 ] || s="sudo -n"
command -v wrk >/dev/null || { $s apt-get update -qq >/dev/null && $s apt-get install -y -qq wrk >/dev/null; }
command -v perf >/dev/null || { $s apt-get update -qq >/dev/null && $s apt-get install -y -qq linux-perf >/dev/null; }
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build src/LocalHost -c Release -v q -nologo >/dev/null
dotnet build bench/Serving.Bench -c Release -v q -nologo >/dev/null
source scripts/azurite-ephemeral.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
# W^X off: with it the JIT's code lives in a memfd mapping that perf does not look up in the perf map.
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalHost__StartAzurite=false Bench__BareEndpoint=true \
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 Logging__LogLevel__Default=Warning \
  dotnet src/LocalHost/bin/Release/net10.0/Serverless.LocalHost.dll --urls "$url" >/tmp/bench-perf-host.log 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true; kill $azurite_pid 2>/dev/null || true' EXIT
body=$(dotnet bench/Serving.Bench/bin/Release/net10.0/Serverless.Serving.Bench.dll sample-body "$url" churn)
lua=$(mktemp --suffix .lua)
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$lua"

declare -A requests
for endpoint in bare predict; do
  path=/bench/bare; [ "$endpoint" = predict ] && path=/api/models/churn/predict
  wrk -t2 -c"$connections" -d"${warm}s" -s "$lua" "$url$path" >/dev/null
  wrk -t2 -c"$connections" -d"$((duration + 2))s" -s "$lua" "$url$path" >"$out/perf-wrk-$endpoint.txt" &
  wrk_pid=$!
  sleep 1
  $s perf record -a -g -F 999 -o "$out/perf-$endpoint.data" -- sleep "$duration" >/dev/null 2>&1
  wait "$wrk_pid"
  rps=$(awk '/Requests\/sec/ {print $2}' "$out/perf-wrk-$endpoint.txt")
  requests[$endpoint]=$(awk -v r="$rps" -v d="$duration" 'BEGIN {print r * d}')
  echo "$endpoint: $rps req/s"
  $s perf script -i "$out/perf-$endpoint.data" --pid "$host_pid" -F comm,tid,ip,sym,dso 2>/dev/null >"$out/perf-$endpoint.script"
done
python3 bench/perf_split.py "$out/perf-bare.script" "${requests[bare]}" "$out/perf-predict.script" "${requests[predict]}"
