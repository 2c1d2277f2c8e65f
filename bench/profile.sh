#!/usr/bin/env bash
# Where a predict request's CPU goes: CPU-samples the local host with dotnet-trace while wrk sends record predicts over
# loopback, then prints the hottest frames by inclusive CPU share (bench/profile_summary.py). The trace is kept as
# speedscope JSON (open it at https://www.speedscope.app for a flame graph) under $OUT or /tmp.
# Usage: bench/profile.sh [seconds] [connections]; PROFILE_PATH=/bench/bare PROFILE_NAME=bare profiles the bare endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-32}
out=${OUT:-/tmp}
source bench/lib.sh
bench_apt wrk wrk
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-trace >/dev/null || dotnet tool install -g dotnet-trace >/dev/null
bench_start_host /tmp/bench-profile-host.log Bench__BareEndpoint=true
bench_predict_lua churn
wrk -t2 -c"$connections" -d10s -s "$lua" "$url${PROFILE_PATH:-/api/models/churn/predict}" >/dev/null   # warm-up (tiered JIT)
wrk -t2 -c"$connections" -d"$((duration + 5))s" -s "$lua" "$url${PROFILE_PATH:-/api/models/churn/predict}" >"$out/profile-wrk.txt" &
wrk_pid=$!
sleep 2
dotnet-trace collect -p "$host_pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$duration" \
  -o "$out/${PROFILE_NAME:-predict}.nettrace" --format speedscope >/dev/null
wait "$wrk_pid"
grep Requests/sec "$out/profile-wrk.txt"
python3 bench/profile_summary.py "$out/${PROFILE_NAME:-predict}.speedscope.json"
