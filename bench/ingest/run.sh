#!/usr/bin/env bash
# Server ingest benchmark: POST /api/v1/ratings (and complaints) with
# keep-alive, driven by wrk on loopback, bounded in time; plus the HTTP
# ceiling (GET /api/v1/health) and the SQLite ceiling (ingest_ceiling) in the
# same run. Prints BENCH lines (JSON) for scripts/bench.
# Usage: bench/ingest/run.sh BIN_DIR [seconds=10] [runs=3]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
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
# The server as shipped (config/server.toml, default threads and limits), its
# one log line per request going to a file as under systemd.
"$bin/yeyou-server" serve --config "$root/config/server.toml" --db "$work/bench.db" --listen 127.0.0.1:0 \
  2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 200); do grep -qE "listening on http://127.0.0.1:[0-9]+ " "$work/server.log" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
[ -n "$port" ] || { echo "ingest: the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
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
# Side by side: the same load on the Node.js + Express + better-sqlite3 peer
# (synchronous=FULL, as durable as Yeyou), on a database of its own.
peer="$root/out/bench/ingest-peer"
if command -v node >/dev/null && command -v npm >/dev/null; then
  mkdir -p "$peer"
  cp "$here/peer/package.json" "$here/peer/server.js" "$peer/"
  (cd "$peer" && [ -d node_modules/better-sqlite3 ] || npm install --no-audit --no-fund --silent >/dev/null 2>&1) || true
fi
if [ -d "$peer/node_modules/better-sqlite3" ]; then
  peer_port=$((port + 1))
  YEYOU_TOKENS="$tokens" node "$peer/server.js" "$work/peer.db" "$peer_port" 2>"$work/peer.log" &
  peer_pid=$!
  for _ in $(seq 1 100); do grep -q "peer listening" "$work/peer.log" 2>/dev/null && break; sleep 0.05; done
  for run in $(seq 1 "$runs"); do
    r=$(YEYOU_TOKENS="$tokens" wrk_json -t2 -c16 -d"${secs}s" --timeout 5s -s "$here/ratings.lua" "http://127.0.0.1:$peer_port")
    echo "BENCH {\"bench\":\"ingest\",\"case\":\"node_peer_c16\",\"run\":$run,\"result\":$r}"
  done
  kill "$peer_pid" 2>/dev/null || true
else
  echo "ingest: the Node.js peer could not be installed (npm); its case is skipped" >&2
fi
for run in $(seq 1 "$runs"); do
  "$bin/ingest_ceiling" 20000 | sed -n 's/^CEILING /BENCH {"bench":"ingest","case":"sqlite_ceiling","run":'"$run"',"result":/p' | sed 's/$/}/'
done
