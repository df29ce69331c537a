#!/usr/bin/env bash
# Fuzzing at length: every libFuzzer target of tests/fuzz for SECONDS each
# (scripts/fuzz builds build-fuzz/ itself). One BENCH line per target with
# its inputs per second and corpus growth, and one with the number of
# targets that failed (bench/thresholds.json wants 0).
#   bench/fuzz/run.sh BIN_DIR SECONDS   (BIN_DIR unused: the fuzz build has its own)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${2:-300}"
status=0
out=$(scripts/fuzz --seconds "$seconds" 2>&1 | tee /dev/stderr) || status=$?
echo "$out" | sed -n 's/^fuzz: \([a-z_]*\) ok: \([0-9]*\) runs in \([0-9]*\) s, corpus \([0-9]*\) → \([0-9]*\) inputs$/\1 \2 \3 \4 \5/p' |
  while read -r name runs secs seeds inputs; do
    echo "BENCH {\"bench\": \"fuzz\", \"case\": \"$name\", \"result\": {\"runs_per_s\": $((runs / secs)), \"seeds\": $seeds, \"inputs\": $inputs}}"
  done
failed=$(echo "$out" | grep -c '^fuzz: [a-z_]* FAILED' || true)
echo "BENCH {\"bench\": \"fuzz\", \"case\": \"all\", \"result\": {\"failed_targets\": $failed}}"
exit "$status"
