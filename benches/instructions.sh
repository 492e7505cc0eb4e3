#!/usr/bin/env bash
# Instructions per allowed request for each variant of benches/overhead.rs, counted by
# valgrind's callgrind: deterministic for a given binary, whatever else the machine is doing.
#
#   bash benches/instructions.sh            (needs valgrind: apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
bin=$(cargo bench --bench overhead --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "overhead" and m.get("executable"):
        print(m["executable"])')
requests=20000
count() {
  OVERHEAD_PROFILE=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
empty=$(OVERHEAD_PROFILE_REQUESTS=0 count bare)
bare=$(count bare); ours=$(count ours); tower=$(count tower-http)
python3 - "$requests" "$empty" "$bare" "$ours" "$tower" <<'PY'
import sys
n, empty, bare, ours, tower = (int(x) for x in sys.argv[1:])
per = lambda total: (total - empty) / n
b, o, t = per(bare), per(ours), per(tower)
print(f"instructions per allowed request ({n} requests, start-up subtracted)")
print(f"  bare route (no CORS)  {b:8.0f}   1.000x")
print(f"  cors_route!           {o:8.0f}   {o / b:.3f}x   +{o - b:.0f}")
print(f"  tower-http CorsLayer  {t:8.0f}   {t / b:.3f}x   +{t - b:.0f}")
print(f"  CORS work: cors_route! {o - b:.0f} vs CorsLayer {t - b:.0f} instructions ({(t - b) / (o - b):.1f}x less)")
PY
