#!/usr/bin/env bash
# Server ingest benchmark: POST /api/v1/ratings (and complaints) with
# keep-alive, driven by wrk on loopback, bounded in time; plus the HTTP
# ceiling (GET /api/v1/health) and the SQLite ceiling (ingest_ceiling) in the
# same run. Prints BENCH lines (JSON) for scripts/bench.
# Usage: bench/ingest/run.sh BIN_DIR [seconds=10] [runs=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$1"
secs="${2:-10}"
runs="${3:-3}"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin/yeyou-server" seed-demo --db "$work/bench.db" >/dev/null
# A fleet of kiosks sends the load (one kiosk sending thousands a second would be flagged as a burst).
tokens=""
for k in $(seq 1 "${YEYOU_BENCH_KIOSKS:-40}"); do
  t=$("$bin/yeyou-server" kiosk add --db "$work/bench.db" --name "bench $k" --district huancui --json | sed 's/.*"token":"\([^"]*\)".*/\1/')
  tokens="$tokens${tokens:+,}$t"
done
# As deployed, minus the per-request log line (stderr at 10k lines/s would measure the terminal),
# with a worker thread for each of the 256 connections of the second load (cpp-httplib serves a
# connection on one thread; with fewer, connections wait for a thread and the p99 is seconds).
cat > "$work/server.toml" <<TOML
[server]
log_requests = false
threads = ${YEYOU_BENCH_THREADS:-256}
TOML
"$bin/yeyou-server" serve --config "$work/server.toml" --db "$work/bench.db" --listen 127.0.0.1:0 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 200); do grep -qE "listening on http://127.0.0.1:[0-9]+ " "$work/server.log" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
url="http://127.0.0.1:$port"

wrk_json() { wrk "$@" | sed -n 's/^WRK //p'; }
for conns in 16 256; do
  for run in $(seq 1 "$runs"); do
    r=$(YEYOU_TOKENS="$tokens" wrk_json -t2 -c"$conns" -d"${secs}s" --timeout 5s -s "$here/ratings.lua" "$url")
    echo "BENCH {\"bench\":\"ingest\",\"case\":\"ratings_c$conns\",\"run\":$run,\"result\":$r}"
  done
done
# For comparison: a client whose keys are random (version 4), on the grown database.
for run in $(seq 1 "$runs"); do
  r=$(YEYOU_TOKENS="$tokens" YEYOU_RANDOM_KEYS=1 wrk_json -t2 -c16 -d"${secs}s" --timeout 5s -s "$here/ratings.lua" "$url")
  echo "BENCH {\"bench\":\"ingest\",\"case\":\"ratings_c16_random_keys\",\"run\":$run,\"result\":$r}"
done
for run in $(seq 1 "$runs"); do
  r=$(wrk_json -t2 -c16 -d"$((secs / 2 > 2 ? secs / 2 : 2))s" -s "$here/health.lua" "$url/api/v1/health")
  echo "BENCH {\"bench\":\"ingest\",\"case\":\"health_c16\",\"run\":$run,\"result\":$r}"
done
stored=$(sqlite3 "$work/bench.db" "SELECT (SELECT count(*) FROM ratings) + (SELECT count(*) FROM complaints)")
cases=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM cases")
echo "BENCH {\"bench\":\"ingest\",\"case\":\"stored\",\"run\":1,\"result\":{\"rows\":$stored,\"cases\":$cases}}"
for run in $(seq 1 "$runs"); do
  "$bin/ingest_ceiling" 20000 | sed -n 's/^CEILING /BENCH {"bench":"ingest","case":"sqlite_ceiling","run":'"$run"',"result":/p' | sed 's/$/}/'
done
