#!/usr/bin/env bash
# Builds the libFuzzer targets of the transport parsers with clang
# (-fsanitize=fuzzer,address,undefined) and runs each for SECONDS (default 60)
# from the shared sample files. Usage: bench/transit/fuzz/run.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${FUZZ_DIR:-/tmp/yeyou-fuzz}"
seconds="${1:-60}"
mkdir -p "$out/ical" "$out/csv"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$root")
clang++ "${flags[@]}" "$root/bench/transit/fuzz/fuzz_ical.cpp" "$root"/core/ical_*.cpp "$root/core/time.cpp" \
  "$root/core/json_reader.cpp" "$root/core/localized_text.cpp" -ldate-tz -o "$out/fuzz_ical"
clang++ "${flags[@]}" "$root/bench/transit/fuzz/fuzz_gtfs_csv.cpp" "$root"/core/gtfs_*.cpp \
  "$root/core/time.cpp" "$root/core/json_reader.cpp" -ldate-tz -lzip -o "$out/fuzz_gtfs_csv"
cp "$root"/../shared/data/ics/*.ics "$out/ical/" 2>/dev/null || true
cp "$root"/../shared/data/gtfs/good_feed/*.txt "$out/csv/" 2>/dev/null || true
"$out/fuzz_ical" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 "$out/ical"
"$out/fuzz_gtfs_csv" -max_total_time="$seconds" -max_len=65536 -timeout=10 "$out/csv"
