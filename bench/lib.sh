# Sourced by the HTTP benchmarks (http.sh, profile.sh, perf_split.sh): Debian tools, a private in-memory Azurite and
# the local host (Release) on a free loopback port, and a wrk script that POSTs one real record.

# bench_apt COMMAND PACKAGE: installs PACKAGE from Debian's packages when COMMAND is missing (as root or with sudo -n).
bench_apt() {
  command -v "$1" >/dev/null && return
  local s=; [ "$(id -u)" -eq 0 ] || s="sudo -n"
  $s apt-get update -qq >/dev/null && $s apt-get install -y -qq "$2" >/dev/null
}

# bench_start_host LOG [NAME=value ...]: builds the host and Serving.Bench, starts Azurite and the host with the extra
# settings; sets url and host_pid, and stops both on exit.
bench_start_host() {
  local log=$1 port
  shift
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
  dotnet build src/LocalHost -c Release -v q -nologo >/dev/null
  dotnet build bench/Serving.Bench -c Release -v q -nologo >/dev/null
  source scripts/azurite-ephemeral.sh
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  env AzureWebJobsStorage="$AZURITE_CONNECTION_STRING" LocalHost__StartAzurite=false Logging__LogLevel__Default=Warning "$@" \
    dotnet src/LocalHost/bin/Release/net10.0/Serverless.LocalHost.dll --urls "$url" >"$log" 2>&1 &
  host_pid=$!
  trap 'kill $host_pid 2>/dev/null || true; kill $azurite_pid 2>/dev/null || true; rm -f "$azurite_log"' EXIT
}

# bench_predict_lua MODEL: waits for MODEL's first version and writes a wrk script that POSTs one of its records; sets lua.
bench_predict_lua() {
  local body
  body=$(dotnet bench/Serving.Bench/bin/Release/net10.0/Serverless.Serving.Bench.dll sample-body "$url" "$1")
  lua=$(mktemp --suffix .lua)
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [[%s]]\n' "$body" >"$lua"
}
