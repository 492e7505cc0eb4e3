#!/usr/bin/env bash
# Requests per second and latency over real HTTP on loopback: release builds of the bare route,
# the headers written by hand, cors_route! and tower-http's CorsLayer, each driven by wrk with
# the same connections and duration, one variant at a time.
#
#   bash benches/http.sh [seconds] [connections]     (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
seconds=${1:-10}
connections=${2:-32}
cargo build --release --example bench_server -q
bin=target/release/examples/bench_server
lua=$(mktemp --suffix=.lua)
trap 'rm -f "$lua"; kill $(jobs -p) 2>/dev/null || true' EXIT

run() { # case variant method headers...
  local case=$1 variant=$2 method=$3; shift 3
  local log addr=
  log=$(mktemp)
  "$bin" "$variant" "$case" 0 > "$log" &
  local pid=$!
  for _ in $(seq 100); do
    addr=$(sed -n 's|^listening on http://||p' "$log")
    [ -n "$addr" ] && break
    sleep 0.1
  done
  rm -f "$log"
  [ -n "$addr" ] || { echo "the $variant server did not start" >&2; exit 1; }
  {
    echo "wrk.method = \"$method\""
    for h in "$@"; do echo "wrk.headers[\"${h%%: *}\"] = \"${h#*: }\""; done
  } > "$lua"
  local out
  out=$(wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$lua" "http://$addr/r")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<< "$out" | tr '\n' ' ')
  printf '| %s | %s | %s | %s | %s |\n' "$case" "$variant" "$rps" "$p99" "${errors:-none}"
}

echo "wrk: 1 thread, $connections connections, ${seconds}s per variant, loopback"
echo
echo "| case | variant | requests/s | p99 latency | errors |"
echo "| --- | --- | ---: | ---: | --- |"
for variant in bare by_hand cors_route tower_http; do
  run allowed_get "$variant" GET "Origin: https://app.example.com"
done
for variant in bare by_hand cors_route tower_http; do
  run allowed_preflight "$variant" OPTIONS "Origin: https://app.example.com" \
    "Access-Control-Request-Method: GET" \
    "Access-Control-Request-Headers: authorization,content-type"
done
