#!/usr/bin/env bash
# Builds and runs the transport benchmark (synthetic 1,000,000-stop_time feed:
# import time and departures latency). Usage: bench/transit/run.sh [args...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BENCH_BUILD_DIR:-$root/build-bench}"
cmake -S "$root/bench/transit" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target transit_bench >/dev/null
"$build/bin/transit_bench" "$@"
