#!/usr/bin/env bash
# Traffic-management overhead over loopback, one run, wrk: HTTP predict with canary routing active (two versions
# loaded, 25% canary) against the same model with a single version (the anchor, measured before and after).
# Then shadow: response latency at a fixed offered load (open loop, an eighth of the anchor's throughput) with the
# challenger shadowing 100% of requests, against no shadow (the anchor, before and after).
# Usage: bench/traffic.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
connections=${2:-16}
source bench/lib.sh
bench_apt wrk wrk
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund

for p in src/LocalHost bench/Serving.Bench src/Training; do dotnet build "$p" -c Release -v q -nologo >/dev/null; done
source scripts/azurite-ephemeral.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
key="bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
work=$(mktemp -d)
AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalHost__StartAzurite=false LocalHost__SeedSampleModel=false ApiKey__Key="$key" \
  Logging__LogLevel__Default=Warning dotnet src/LocalHost/bin/Release/net10.0/Serverless.LocalHost.dll --urls "$url" >/tmp/bench-traffic-host.log 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null || true; kill $azurite_pid 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "$url/v2/health/live" >/dev/null; do sleep 0.5; done

# One model, registered twice: version 1 (champion) and version 2 (the challenger), so routing is all that differs.
printf '{ "name": "bank", "data": { "path": "%s" }, "label": "churn", "task": "binary", "ignore": ["customer_id"] }' \
  "$(realpath ../shared/data/bank-churn.csv)" >"$work/spec.json"
dotnet src/Training/bin/Release/net10.0/Serverless.Training.dll train --spec "$work/spec.json" --out "$work" >/dev/null
for _ in 1 2; do
  curl -sf -X POST "$url/api/models/bank/versions" -H "x-functions-key: $key" -F model=@"$work/model.onnx" -F manifest=@"$work/manifest.json" >/dev/null
done
traffic() { curl -sf -X PUT "$url/api/models/bank/traffic" -H "x-functions-key: $key" -H 'Content-Type: application/json' -d "$1" >/dev/null; sleep 3; }

bench_dll=bench/Serving.Bench/bin/Release/net10.0/Serverless.Serving.Bench.dll
body=$(dotnet "$bench_dll" sample-body "$url" bank)
printf '%s' "$body" >"$work/body.json"
lua="$work/predict.lua"
printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$lua"
run() { wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$lua" "$url/api/models/bank/predict"; }
rps() { echo "$1" | awk '/Requests\/sec/ {print $2}'; }
p99() { echo "$1" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}'; }
non2xx() { echo "$1" | awk '/Non-2xx/ {print $NF}'; }

run >/dev/null; run >/dev/null   # warm-up (single): tiered JIT needs more than one run
single1=$(run)
traffic '{ "mode": "canary", "challenger": 2, "weights": { "1": 75, "2": 25 } }'
run >/dev/null
canary=$(run)
traffic '{ "mode": "single" }'
single2=$(run)

anchor=$(awk -v a="$(rps "$single1")" -v b="$(rps "$single2")" 'BEGIN {print (a+b)/2}')
anchor_p99=$(awk -v a="$(p99 "$single1")" -v b="$(p99 "$single2")" 'BEGIN {print (a+b)/2}')
echo "single (anchor, before/after): $(rps "$single1") / $(rps "$single2") req/s, p99 $(p99 "$single1") / $(p99 "$single2") ms"
echo "canary 25%:                    $(rps "$canary") req/s, p99 $(p99 "$canary") ms"
echo "ratio canary/single throughput: $(awk -v a="$(rps "$canary")" -v b="$anchor" 'BEGIN {printf "%.1f%%", 100*a/b}') (target >= 95%)"
echo "ratio canary/single p99:        $(awk -v a="$(p99 "$canary")" -v b="$anchor_p99" 'BEGIN {printf "%.1f%%", 100*a/b}')"
for r in "$single1" "$canary" "$single2"; do
  [ -z "$(non2xx "$r")" ] || { echo "predict answered $(non2xx "$r") non-2xx responses" >&2; exit 1; }
done

# Shadow: open loop at a fixed rate, so the comparison is latency at equal offered load, not throughput.
rate=$(awk -v a="$anchor" 'BEGIN {printf "%d", a/8}')
open_loop() { dotnet "$bench_dll" openloop "$url/api/models/bank/predict" "$work/body.json" "$rate" "$duration"; }
lat() { echo "$1" | awk -v k="$2" '{for (i=1;i<NF;i++) if ($i==k) print $(i+1)}'; }
open_loop >/dev/null
plain1=$(open_loop)
traffic '{ "mode": "shadow", "challenger": 2, "weights": { "1": 100, "2": 100 } }'
open_loop >/dev/null
shadow=$(open_loop)
traffic '{ "mode": "single" }'
plain2=$(open_loop)
echo "open loop at $rate req/s, no shadow (anchor, before/after): $plain1 / $plain2"
echo "open loop at $rate req/s, shadow 100%:                      $shadow"
echo "ratio shadow/no-shadow p99: $(awk -v s="$(lat "$shadow" p99)" -v a="$(lat "$plain1" p99)" -v b="$(lat "$plain2" p99)" 'BEGIN {printf "%.1f%%", 200*s/(a+b)}') (target <= 110%)"
for r in "$plain1" "$shadow" "$plain2"; do
  [ "$(lat "$r" sent)" = "$(lat "$r" ok)" ] || { echo "open loop: not every request succeeded: $r" >&2; exit 1; }
done
