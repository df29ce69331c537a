#!/usr/bin/env bash
# Front-door benchmark: hostile and idle clients against the server in its
# default configuration (config/server.toml as shipped; the request log goes
# to a file, as under systemd). Prints BENCH lines for scripts/bench.
# Usage: bench/front_door/run.sh BIN_DIR [idle_connections=10000] [dribblers=64]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$1"
idle="${2:-10000}"
dribblers="${3:-64}"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$bin/yeyou-server" seed-demo --db "$work/bench.db" >/dev/null
"$bin/yeyou-server" serve --config "$root/config/server.toml" --db "$work/bench.db" --listen 127.0.0.1:0 \
  2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 200); do grep -qE "listening on http://127.0.0.1:[0-9]+ " "$work/server.log" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
url="http://127.0.0.1:$port"

python3 "$here/front_door.py" "$url" "$server_pid" idle "$idle"
python3 "$here/front_door.py" "$url" "$server_pid" dribble "$dribblers" 14
python3 "$here/front_door.py" "$url" "$server_pid" gzip
