#!/usr/bin/env bash
# Control API writes/s, the embedded SQLite store against PostgreSQL, in one run: starts `./ferry up` on free
# loopback ports with a fresh data dir, first on SQLite, then with --store on a PostgreSQL server of its own
# (Debian's postgresql package: initdb in a temp dir, a free loopback port, default durability: fsync and
# synchronous_commit on, as SQLite's synchronous=FULL). Each time it creates the apps `bench-0`…, then wrk sends
# `PATCH /api/apps/bench-N/config` for DURATION seconds over CONNECTIONS connections: one config var set, so one
# transaction that reads the app and its current release, writes the var, a new release with its config, and
# an event. Prints requests/s and latency per store, and the count of non-2xx answers (must be 0). Bounded in
# time. Not a test. On a shared machine, run it as root under `nice -n -19`.
# Two loads per store: every request on one app (writers contend for its release numbering), and requests
# spread over APPS apps (the usual case: several people deploying different apps).
# Usage: bench/store/run.sh [DURATION] [CONNECTIONS] [APPS]   (defaults: 20 s, 8 connections, 8 apps)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DURATION="${1:-20}" CONNECTIONS="${2:-8}" APPS="${3:-8}"
command -v wrk >/dev/null || { echo "bench/store: wrk is needed (apt-get install wrk)" >&2; exit 1; }
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$PGBIN/initdb" ]] || { echo "bench/store: PostgreSQL is needed (apt-get install postgresql)" >&2; exit 1; }
./ferry version >/dev/null   # builds the jar when it is stale
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_postgres() { if [[ $EUID -eq 0 ]]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi; }

work="$(mktemp -d)"; chmod 755 "$work"; export XDG_CONFIG_HOME="$work/config"
pids=()
cleanup() { for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cat >"$work/patch.lua" <<'LUA'
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("FERRY_API_TOKEN")
local apps = tonumber(os.getenv("BENCH_APPS"))
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/apps/bench-" .. (n % apps) .. "/config", nil, '{"COUNTER":"' .. n .. '"}')
end
LUA

# measure NAME [ferry up flags...]
measure() {
  local name="$1"; shift
  local http api data="$work/data-$name"
  http=$(free_port); api=$(free_port)
  timeout 600 ./ferry up --http-port "$http" --api-port "$api" --https-port 0 --ssh-port 0 --tunnel-port 0 \
    --data-dir "$data" "$@" >"$work/up-$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up-$name.log" && break; sleep 0.5; done
  grep -q "Ferry is up" "$work/up-$name.log" || { cat "$work/up-$name.log"; exit 1; }
  export FERRY_API_TOKEN="$(cat "$data/admin-token")"
  for i in $(seq 0 $((APPS - 1))); do
    curl -sf -o /dev/null -H "Authorization: Bearer $FERRY_API_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"bench-$i\"}" "http://127.0.0.1:$api/api/apps"
  done
  for apps in 1 "$APPS"; do
    export BENCH_APPS="$apps"
    wrk -t 2 -c "$CONNECTIONS" -d 2s -s "$work/patch.lua" "http://127.0.0.1:$api" >/dev/null  # warm-up
    echo "== $name: PATCH /api/apps/bench-N/config over $apps app(s), $CONNECTIONS connections, ${DURATION}s =="
    wrk -t 2 -c "$CONNECTIONS" -d "${DURATION}s" --latency -s "$work/patch.lua" "http://127.0.0.1:$api" \
      | grep -E "Requests/sec|Non-2xx|50%|99%|requests in"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

measure sqlite

PG="$work/pg"; PGPORT=$(free_port)
mkdir -p "$PG"; [[ $EUID -eq 0 ]] && chown postgres:postgres "$PG"
as_postgres "$PGBIN/initdb" -D "$PG/data" -U ferry --auth=trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1
as_postgres "$PGBIN/postgres" -D "$PG/data" -p "$PGPORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
  >"$work/postgres.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.1; done
"$PGBIN/psql" -q -h 127.0.0.1 -p "$PGPORT" -U ferry -d postgres -c 'CREATE DATABASE ferry'
head -c 32 /dev/urandom | base64 >"$work/fleet.key"
measure postgresql --store "postgres://ferry@127.0.0.1:$PGPORT/ferry" --secret-key-file "$work/fleet.key"
