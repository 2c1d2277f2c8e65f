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
source bench/lib.sh
bench_apt wrk wrk
bench_apt perf linux-perf
# W^X off: with it the JIT's code lives in a memfd mapping that perf does not look up in the perf map.
bench_start_host /tmp/bench-perf-host.log Bench__BareEndpoint=true DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
bench_predict_lua churn

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
