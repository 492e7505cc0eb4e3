#!/usr/bin/env bash
# Runs every fuzz target under libFuzzer, on stable Rust, for SECONDS each (default 600).
#
#   fuzz/run.sh [seconds]
#
# Installs cargo-bolero from crates.io when it is missing. libFuzzer is compiled from the
# bolero-libfuzzer crate with the system C++ compiler (g++ or clang++). No sanitizer is used:
# the crate has one reviewed `unsafe` block, and stable Rust has no `-Zsanitizer`.
# New corpus entries are kept in tests/__fuzz__/<target>/corpus (git ignores all but the
# committed seed-* files); a crash is written to tests/__fuzz__/<target>/crashes and fails the run.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
if ! command -v cargo-bolero >/dev/null 2>&1; then
  cargo install cargo-bolero --locked --no-default-features
fi
status=0
for target in request origin header_list; do
  echo "== $target: ${seconds}s"
  log="target/fuzz-$target.log"
  mkdir -p target
  if cargo bolero test "$target" --sanitizer NONE -T "${seconds}s" >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE|^Done [0-9]+ runs' "$log" | tail -n 2
  else
    status=1
    echo "!! $target failed; see fuzz/$log"
    tail -n 40 "$log"
  fi
done
exit "$status"
