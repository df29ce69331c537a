#!/usr/bin/env bash
# Transport benchmark: a synthetic GTFS feed with 1,000,000 stop_times is
# imported (and re-imported), then 20,000 departures queries run in-process
# and over loopback HTTP. Prints BENCH lines for scripts/bench.
# Usage: bench/transit/run.sh BIN_DIR [runs=3] [transit_bench args...]
set -euo pipefail
bin="$1"
runs="${2:-3}"
shift $(( $# >= 2 ? 2 : 1 ))
for run in $(seq 1 "$runs"); do
  "$bin/transit_bench" "$@" | sed -n 's/^BENCH {\(.*\)"result"/BENCH {\1"run":'"$run"',"result"/p'
done
