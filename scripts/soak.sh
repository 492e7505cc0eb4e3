#!/usr/bin/env bash
# Soak test: the per_route example under 60 s (SOAK_SECONDS) of mixed allowed, refused and
# hostile CORS requests from wrk (scripts/soak.lua), on a loopback port. Fails on any socket
# error or when the server's resident memory grows by more than SOAK_MAX_GROWTH_KB (4096)
# between the end of the warm-up and the end of the run. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${SOAK_SECONDS:-60}"
max_growth_kb="${SOAK_MAX_GROWTH_KB:-4096}"
port="${SOAK_PORT:-38517}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

cargo build --release --example per_route
PORT="$port" ./target/release/examples/per_route >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$port/public" && break
  sleep 0.1
done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }

# Warm-up: let allocator pools and connection buffers reach their steady size.
wrk -t2 -c64 -d5s -s scripts/soak.lua "http://127.0.0.1:$port" >/dev/null
start_kb=$(rss)
out=$(wrk -t2 -c64 -d"${seconds}s" --latency -s scripts/soak.lua "http://127.0.0.1:$port")
end_kb=$(rss)
echo "$out" | grep -E "Requests/sec|Latency  " || true
line=$(echo "$out" | grep '^SOAK')
echo "$line"
echo "rss_start_kb=$start_kb rss_end_kb=$end_kb growth_kb=$((end_kb - start_kb))"

errors=$(echo "$line" | sed -E 's/.*connect=([0-9]+) read=([0-9]+) write=([0-9]+).*timeout=([0-9]+).*/\1 \2 \3 \4/')
for n in $errors; do
  if [ "$n" -ne 0 ]; then echo "FAIL: socket errors ($errors: connect read write timeout)"; exit 1; fi
done
if [ $((end_kb - start_kb)) -gt "$max_growth_kb" ]; then
  echo "FAIL: RSS grew by $((end_kb - start_kb)) KB (limit $max_growth_kb KB)"; exit 1
fi
echo "OK"
