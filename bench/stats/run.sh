#!/usr/bin/env bash
# Statistics and ingest benchmark (issue 7): 1,000,000 ratings and 50,000 cases
# in one month; district-month statistics; bad reviews ingested through the
# service. Prints BENCH lines for scripts/bench.
# Usage: bench/stats/run.sh BIN_DIR [runs=3] [ratings cases ingest]
set -euo pipefail
bin="$1"
runs="${2:-3}"
shift $(( $# >= 2 ? 2 : 1 ))
for run in $(seq 1 "$runs"); do
  "$bin/stats_bench" "$@" | sed -n 's/^BENCH {\(.*\)"result"/BENCH {\1"run":'"$run"',"result"/p'
done
