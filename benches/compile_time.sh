#!/usr/bin/env bash
# What the macros cost at compile time: generates an app crate with N annotated handlers, each
# on its own cors_route! path (two origins, one a pattern, two methods, two headers, expose,
# credentials, max_age), and the same app with plain axum routing, then times a
# non-incremental `cargo check` and `cargo build` of each app crate alone (dependencies are
# built first and not counted). Prints the medians of three runs.
#
#   bash benches/compile_time.sh [handlers]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-100}
work=target/compile-time
mkdir -p "$work"
export CARGO_TARGET_DIR=$root/$work/target CARGO_INCREMENTAL=0

generate() { # name with_cors
  local dir=$work/$1
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
axum = { version = "0.8", default-features = false }
cors-runtime = { path = "$root/cors-runtime" }

[workspace]
TOML
  {
    echo "#![allow(dead_code)]"
    echo "use axum::Router;"
    [ "$2" = 1 ] && echo "use cors_runtime::{cors, cors_route};"
    for i in $(seq "$n"); do
      if [ "$2" = 1 ]; then
        cat <<RS
#[cors(
    origin = ["https://app$i.example.com", "https://*.preview$i.example.com"],
    methods = [GET, POST],
    headers = ["content-type", "x-api-key"],
    expose = ["x-request-id"],
    credentials,
    max_age = 600
)]
async fn handler$i() -> &'static str { "$i" }
RS
      else
        echo "async fn handler$i() -> &'static str { \"$i\" }"
      fi
    done
    echo "pub fn app() -> Router {"
    echo "    Router::new()"
    for i in $(seq "$n"); do
      if [ "$2" = 1 ]; then
        echo "        .route(\"/r$i\", cors_route!(get(handler$i), post(handler$i)))"
      else
        echo "        .route(\"/r$i\", axum::routing::get(handler$i).post(handler$i))"
      fi
    done
    echo "}"
    echo "fn main() { let _ = app(); }"
  } > "$dir/src/main.rs"
}

median() { sort -n | sed -n 2p; }

measure() { # name command
  local dir=$work/$1
  (cd "$dir" && cargo "$2" -q 2>/dev/null) # dependencies, not counted
  for _ in 1 2 3; do
    touch "$dir/src/main.rs"
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && cargo "$2" -q)
    end=$(date +%s.%N)
    python3 -c "print($end - $start)"
  done | median
}

generate plain_app 0
generate cors_app 1
check_plain=$(measure plain_app check)
check_cors=$(measure cors_app check)
build_plain=$(measure plain_app build)
build_cors=$(measure cors_app build)
printf '%s handlers, each on its own path (median of 3, seconds)\n' "$n"
printf '| | plain axum | cors_route! + #[cors] | added |\n| --- | ---: | ---: | ---: |\n'
printf '| cargo check | %.2f | %.2f | %.2f |\n' "$check_plain" "$check_cors" "$(python3 -c "print($check_cors - $check_plain)")"
printf '| cargo build | %.2f | %.2f | %.2f |\n' "$build_plain" "$build_cors" "$(python3 -c "print($build_cors - $build_plain)")"
