#!/usr/bin/env bash
# Fleet sync benchmark (issue 9 §3, issue 5 "Speed"): N simulated kiosks poll
# the real yeyou-server on loopback at the default intervals while a bureau
# user edits content; prints BENCH lines (JSON) for scripts/bench.
#
# Usage: bench/fleet/run.sh BIN_DIR [sizes="100 1000 5000"] [runs=3] [window_s=32]
# Env:   YEYOU_FLEET_THREADS (server [server] threads; unset = the shipped default)
#        YEYOU_FLEET_CONN    cycle (default) | keepalive  (see docs/benchmarks.md "Fleet sync")
# Time:  per size ~6 s warm-up + runs x window_s (default 3 x 32 s), ~5.3 min for all three sizes.
set -euo pipefail
bin="$1"
sizes="${2:-100 1000 5000}"
runs="${3:-3}"
window="${4:-32}"
threads="${YEYOU_FLEET_THREADS:-}"
conn="${YEYOU_FLEET_CONN:-cycle}"
work="$(mktemp -d)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

# Kiosks open a socket each per cycle (or keep one); make sure the client may.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cat > "$work/server.toml" <<TOML
[server]
log_requests = false
${threads:+threads = $threads}
TOML
password="fleet-bench-$$-$RANDOM$RANDOM"

for n in $sizes; do
  db="$work/fleet-$n.db"
  "$bin/yeyou-server" seed-demo --db "$db" >/dev/null
  "$bin/fleet_bench" seed --db "$db" --kiosks "$n" --tokens "$work/tokens-$n.txt" \
    --staff-login fleetbench --staff-password "$password"
  : > "$work/server-$n.log"
  "$bin/yeyou-server" serve --config "$work/server.toml" --db "$db" --listen 127.0.0.1:0 2>"$work/server-$n.log" &
  server_pid=$!
  for _ in $(seq 1 200); do grep -q "listening on" "$work/server-$n.log" 2>/dev/null && break; sleep 0.05; done
  port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server-$n.log" | head -1)
  [ -n "$port" ] || { echo "fleet: server did not start" >&2; cat "$work/server-$n.log" >&2; exit 1; }
  case_name="n$n"
  [ "$conn" = cycle ] || case_name="n${n}_$conn"
  "$bin/fleet_bench" run --port "$port" --server-pid "$server_pid" --tokens "$work/tokens-$n.txt" \
    --case "$case_name" --runs "$runs" --window "$window" --conn "$conn" \
    --staff-login fleetbench --staff-password "$password"
  if grep -q "^error" "$work/server-$n.log"; then
    echo "fleet: server errors (n=$n):" >&2; grep "^error" "$work/server-$n.log" | sort | uniq -c | head >&2
  fi
  stop_server
  rm -f "$db" "$db-wal" "$db-shm"
done
