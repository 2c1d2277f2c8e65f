#!/usr/bin/env bash
# HTTP predict throughput vs a bare endpoint on the same host (the anchor), measured with wrk over loopback in one run.
# Warms up until the host's JIT is done (a cold host spends 10-20 % of the machine re-jitting hot methods to optimized
# code for 30 s and more, which made the endpoint measured first look slower), then alternates predict and bare runs and prints each pair's
# requests/s, p99 and ratio, and the median ratio. Usage: bench/http.sh [seconds=10] [connections=32] [pairs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-32}
pairs=${3:-3}
source bench/lib.sh
bench_apt wrk wrk
bench_start_host /tmp/bench-host.log Bench__BareEndpoint=true
bench_predict_lua churn

run() { wrk -t2 -c"$connections" -d"$2s" --latency -s "$lua" "$url$1"; }
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {print $2}'; }
# Methods the host's JIT has compiled so far (tier 0, instrumented and optimized tiers all count).
jit() { python3 -c 'import json,sys,urllib.request; print(json.load(urllib.request.urlopen(sys.argv[1]))["methods"])' "$url/bench/jit"; }

for round in $(seq 1 12); do
  before=$(jit)
  run /api/models/churn/predict 5 >/dev/null
  run /bench/bare 3 >/dev/null
  compiled=$(( $(jit) - before ))
  if [ "$compiled" -le 50 ]; then break; fi
done
echo "warm-up: $round round(s) of 8 s, until a round compiled at most 50 methods (the last: $compiled)"

ratios=()
for pair in $(seq 1 "$pairs"); do
  predict=$(run /api/models/churn/predict "$duration")
  bare=$(run /bench/bare "$duration")
  errors=$(echo "$predict" | awk '/Non-2xx/ {print $NF}')
  [ -z "$errors" ] || { echo "predict answered $errors non-2xx responses" >&2; exit 1; }
  ratio=$(awk -v a="$(rps "$predict")" -v b="$(rps "$bare")" 'BEGIN {printf "%.1f", 100*a/b}')
  ratios+=("$ratio")
  echo "pair $pair: predict $(rps "$predict") req/s, p99 $(p99 "$predict") | bare $(rps "$bare") req/s, p99 $(p99 "$bare") | ratio $ratio%"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
echo "ratio predict/bare, median of $pairs pairs: $median% (target >= 75%)"
