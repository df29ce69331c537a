#!/usr/bin/env bash
# Runs the browser tests: installs playwright-core (npm ci, cached in
# tests/web/node_modules, never a browser download) and runs run.mjs against a
# fresh yeyou-server. Exit 77 (skipped) when /usr/bin/chromium or node is missing.
#   tests/web/run.sh [BIN_DIR] [OUT_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bin="$(realpath -m "${1:-$repo/build/bin}")"
out="$(realpath -m "${2:-$repo/out/web}")"
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "skipped: needs /usr/bin/chromium, node and npm (scripts/setup installs them)" >&2
  exit 77
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
cd "$here"
want="$(node -p 'require("./package.json").dependencies["playwright-core"]')"
have="$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch { "" }')"
if [ "$want" != "$have" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
exec node run.mjs --bin "$bin" --out "$out"
