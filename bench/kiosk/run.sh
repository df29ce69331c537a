#!/usr/bin/env bash
# Kiosk benchmarks (issue 6 "Speed", issue 9 item 4, issue 5 outbox drain).
# Real processes on loopback: a seeded yeyou-server, `yeyou-kiosk sync --once`
# filling a kiosk data dir, then the real yeyou-kiosk window on SDL's
# offscreen driver (the kiosk's default renderer choice: software), instrumented with
# YEYOU_KIOSK_BENCH=FILE (one JSON line written when it exits).
# Prints BENCH lines (JSON) for scripts/bench.
#
# Usage: bench/kiosk/run.sh BIN_DIR [idle_seconds=60] [runs=$YEYOU_BENCH_RUNS or 3]
# (YEYOU_BENCH_QUICK=1: idle_seconds 10.) Cases (names match bench/thresholds.json):
#   cold_start        : `runs` starts with nothing listening at the server URL (cache only)
#   cold_start_online : `runs` starts with the server up
#   idle, memory      : one run of idle_seconds, then runs-1 of 20 s (CPU from /proc/PID/stat,
#                       frames from the kiosk's own report, VmHWM from /proc/PID/status, the
#                       font atlas: 8-bit as Dear ImGui builds it, and the RGBA texture)
#   scroll            : kiosk_scroll_bench, `runs` passes through the event list at 1920x1080
#   atlas_tour        : the atlas after every screen, event and venue in zh, en and ko (in-process,
#   atlas_tour_large_text   after the scroll runs), then the same in large-text mode
#   drain             : `runs` x simulate --ratings 9500 --complaints 500 (fresh server each time)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$1" && pwd)"
idle_secs="${2:-60}"
[ -z "${2:-}" ] && [ "${YEYOU_BENCH_QUICK:-0}" = 1 ] && idle_secs=10
runs="${3:-${YEYOU_BENCH_RUNS:-3}}"
work="$(mktemp -d)"  # on disk, not tmpfs: SQLite fsyncs are part of the figures
server_pid=""
kiosk_pid=""
cleanup() {
  [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
hz=$(getconf CLK_TCK)

bench() { echo "BENCH {\"bench\":\"kiosk\",\"case\":\"$1\",\"run\":$2,\"result\":$3}"; }

# A seeded server on a free loopback port; sets server_pid, url, token.
start_server() {
  local db="$1"
  [ -f "$db" ] || "$bin/yeyou-server" seed-demo --db "$db" >/dev/null
  token=$("$bin/yeyou-server" kiosk add --db "$db" --name "bench-$RANDOM" --district huancui --json |
    sed 's/.*"token":"\([^"]*\)".*/\1/')
  printf '[server]\nlog_requests = false\n' >"$work/server.toml"
  "$bin/yeyou-server" serve --config "$work/server.toml" --db "$db" --listen 127.0.0.1:0 2>"$work/server.log" &
  server_pid=$!
  # Wait for the whole "listening on http://127.0.0.1:PORT (db ...)" line, not a partial write.
  for _ in $(seq 1 200); do grep -q "listening on http://127.0.0.1:[0-9][0-9]* " "$work/server.log" 2>/dev/null && break; sleep 0.05; done
  url="http://127.0.0.1:$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)"
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# The kiosk window, offscreen (no display here; the kiosk then picks its software
# renderer by itself, as it does on any machine without a GPU), 1920x1080; t0 taken in the
# process that then execs the kiosk (bash's $EPOCHREALTIME, no fork).
start_kiosk() {
  local report="$1" server="$2"
  rm -f "$report" "$work/t0"
  SDL_VIDEODRIVER=offscreen YEYOU_KIOSK_BENCH="$report" \
    bash -c 'echo "$EPOCHREALTIME" > "$0"; exec "$@"' "$work/t0" \
    "$bin/yeyou-kiosk" --server "$server" --token "$token" --data-dir "$work/kiosk" --size 1920x1080 \
    2>>"$work/kiosk.log" &
  kiosk_pid=$!
}
stop_kiosk() { kill -TERM "$kiosk_pid"; wait "$kiosk_pid" || true; kiosk_pid=""; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Reads the kiosk's report: python3 for the arithmetic on the frame list.
report() {
  python3 - "$@" <<'PY'
import json, sys
path, t0_path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
r = json.loads(open(path).readline())
t0 = float(open(t0_path).read()) * 1e6
if mode == "cold":
    print(json.dumps({"cold_start_ms": round((r["first_data_frame_unix_us"] - t0) / 1000, 1),
                      "first_frame_ms": round((r["first_frame_unix_us"] - t0) / 1000, 1),
                      "atlas_builds": r["atlas_builds"], "renderer": r["renderer"], "video_driver": r["video_driver"]}))
else:
    a, b = float(sys.argv[4]) * 1e6, float(sys.argv[5]) * 1e6
    n = sum(1 for f in r["frames_unix_us"] if a <= f <= b)
    print(json.dumps({"idle_frames": n, "idle_frames_per_min": round(n * 60e6 / (b - a), 2),
                      "frames_built_not_drawn_total": r["frames_unchanged_not_drawn"]}))
    # The atlas as Dear ImGui builds it (8-bit coverage) and as the SDL_Renderer
    # backend uploads it (RGBA32).
    print(json.dumps({"atlas_bytes": r["atlas_rgba_bytes"] // 4, "atlas_texture_rgba_bytes": r["atlas_rgba_bytes"],
                      "atlas_width": r["atlas_width"], "atlas_height": r["atlas_height"],
                      "atlas_codepoints": r["atlas_codepoints"], "atlas_glyphs": r["atlas_glyphs"],
                      "atlas_builds": r["atlas_builds"], "atlas_build_max_ms": r["atlas_build_max_us"] / 1000}))
PY
}

# --- cache: a real seeded server, one sync ---------------------------------------------
start_server "$work/server.db"
"$bin/yeyou-kiosk" sync --once --server "$url" --token "$token" --data-dir "$work/kiosk" >"$work/sync.json"

# --- cold start to the first frame, from the cache -----------------------------------------
for mode in offline online; do
  server="$url"
  [ "$mode" = offline ] && server="http://127.0.0.1:9"  # nothing listens: the cache is all there is
  name=cold_start
  [ "$mode" = online ] && name=cold_start_online
  for run in $(seq 1 "$runs"); do
    start_kiosk "$work/cold.json" "$server"
    sleep 3
    stop_kiosk
    bench "$name" "$run" "$(report "$work/cold.json" "$work/t0" cold)"
  done
done

# --- idle: CPU, frames, peak RSS ------------------------------------------------------------
for run in $(seq 1 "$runs"); do
  secs=$idle_secs
  [ "$run" -gt 1 ] && secs=20
  start_kiosk "$work/idle.json" "$url"
  sleep 5  # start-up and the first sync are not idle
  c0=$(cpu_ticks "$kiosk_pid"); w0=$EPOCHREALTIME
  sleep "$secs"
  c1=$(cpu_ticks "$kiosk_pid"); w1=$EPOCHREALTIME
  hwm=$(awk '/VmHWM/{print $2}' "/proc/$kiosk_pid/status")
  threads=$(awk '/Threads/{print $2}' "/proc/$kiosk_pid/status")
  stop_kiosk
  lines=$(report "$work/idle.json" "$work/t0" idle "$w0" "$w1")
  idle=$(echo "$lines" | sed -n 1p)
  memory=$(echo "$lines" | sed -n 2p)
  cpu=$(awk -v c="$((c1 - c0))" -v hz="$hz" -v a="$w0" -v b="$w1" 'BEGIN{printf "%.2f", 100 * c / hz / (b - a)}')
  bench idle "$run" "{\"idle_cpu_pct\":$cpu,\"idle_seconds\":$secs,${idle#\{}"
  bench memory "$run" "{\"peak_rss_mb\":$(awk -v k="$hwm" 'BEGIN{printf "%.1f", k/1024}'),\"processes\":1,\"threads\":$threads,${memory#\{}"
done

# --- scrolling the event list at 1080p, software renderer ----------------------------------------
"$bin/kiosk_scroll_bench" "$runs" --server "$url" --token "$token" --data-dir "$work/kiosk" --size 1920x1080 \
  2>>"$work/kiosk.log"
stop_server

# --- outbox drain: 9,500 ratings + 500 complaints through simulate -----------------------------------
for run in $(seq 1 "$runs"); do
  db="$work/drain$run.db"
  start_server "$db"
  base=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM ratings) + (SELECT count(*) FROM complaints)")
  rm -rf "$work/sim"
  t0=$EPOCHREALTIME
  "$bin/yeyou-kiosk" simulate --ratings 9500 --complaints 500 --seed "$run" --timeout 300 \
    --server "$url" --token "$token" --data-dir "$work/sim" >"$work/sim.json" &
  sim_pid=$!
  # Watch the server's tables: the drain runs from the first item stored to the last.
  first="" last=""
  while kill -0 "$sim_pid" 2>/dev/null; do
    n=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM ratings) + (SELECT count(*) FROM complaints)" 2>/dev/null || echo "$base")
    now=$EPOCHREALTIME
    [ -z "$first" ] && [ "$n" -gt "$base" ] && first=$now
    [ "$n" -ge $((base + 10000)) ] && [ -z "$last" ] && last=$now
    sleep 0.1
  done
  rc=0; wait "$sim_pid" || rc=$?
  t1=$EPOCHREALTIME
  [ -z "$last" ] && last=$t1
  kid=$(sed 's/.*"kiosk_id":"\([^"]*\)".*/\1/' "$work/sim.json")
  stop_server
  ing=$("$bin/yeyou-server" report ingest --db "$db" --json)
  python3 - "$ing" "$kid" "$t0" "$first" "$last" "$t1" "$rc" "$run" <<'PY'
import json, sys
ing, kid, t0, first, last, t1, rc, run = sys.argv[1:]
k = next((k for k in json.loads(ing)["kiosks"] if k["kiosk_id"] == kid), {})
t0, t1, last = float(t0), float(t1), float(last)
first = float(first) if first else t1
drain = last - first
print("BENCH " + json.dumps({"bench": "kiosk", "case": "drain", "run": int(run), "result": {
    "drain_10000_s": round(drain, 2), "drain_items_per_s": round(10000 / drain) if drain > 0 else None,
    "simulate_total_s": round(t1 - t0, 2), "fill_s": round(first - t0, 2), "exit_code": int(rc),
    "server_ratings": k.get("ratings"), "server_complaints": k.get("complaints"),
    "duplicates_refused": k.get("duplicates_refused"),
    "exactly_once": k.get("ratings") == 9500 and k.get("complaints") == 500}}, separators=(",", ":")))
PY
done
