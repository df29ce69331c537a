#!/usr/bin/env bash
# scripts/bench plans a run.sh command for every benchmark, in full and --quick
# mode, without running them (the benchmarks themselves are not part of the
# tests: timings on a shared machine are noisy). Catches a mode that would stop
# the script before its benchmark runs, as `set -e` once did for transit.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "FAIL: $*" >&2; exit 1; }
names="ingest front_door stats transit fleet kiosk"
for mode in "" --quick; do
  plan=$(scripts/bench --dry-run $mode) || fail "scripts/bench --dry-run $mode exited $?"
  [ "$(echo "$plan" | wc -l)" -eq 6 ] || fail "expected 6 commands in mode '$mode', got: $plan"
  for name in $names; do
    line=$(echo "$plan" | grep "^bench/$name/run.sh ") || fail "no command for $name in mode '$mode'"
    [ -x "bench/$name/run.sh" ] || fail "bench/$name/run.sh is not executable"
    echo "$mode $line"
  done
done
# Every threshold names a benchmark that exists.
for key in $(python3 -c 'import json; print(" ".join(json.load(open("bench/thresholds.json"))))'); do
  [ -x "bench/${key%%.*}/run.sh" ] || fail "bench/thresholds.json: $key names no benchmark"
done
# fuzz is planned only when named (scripts/fuzz for 5 minutes a target; 20 s with --quick).
[ "$(scripts/bench --dry-run fuzz)" = "bench/fuzz/run.sh $(pwd)/build/bin 300 " ] || fail "fuzz is not planned for 300 s"
[ "$(scripts/bench --dry-run --quick fuzz)" = "bench/fuzz/run.sh $(pwd)/build/bin 20 " ] || fail "fuzz --quick is not planned for 20 s"
[ -x bench/fuzz/run.sh ] || fail "bench/fuzz/run.sh is not executable"
if scripts/bench --dry-run nosuchbench 2>/dev/null; then fail "an unknown benchmark was accepted"; fi
echo "ok"
