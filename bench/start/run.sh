#!/usr/bin/env bash
# Start-time benchmark of `ferry up`: for each route count (default 1 and 100,000, written to the route journal
# before the start, as bench/router/run.sh does) and with and without the platform's start-up cache
# (FERRY_UP_CACHE), starts `./ferry up` on free ports with a fresh data directory ROUNDS times (default 5),
# alternating the two, and prints the milliseconds from exec until the router proxies a request to the last
# route and until the API answers GET /api/health, and the resident memory 5 s and 15 s after the start (idle; the
# launcher's periodic collection, every 10 s without one, returns what the start left over).
# Usage: bench/start/run.sh [ROUNDS] [ROUTES...]. Loopback only; every start is stopped; bounded in time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-5}"; shift || true
COUNTS=("${@:-1 100000}")
./ferry up --help >/dev/null  # builds the jar only when it is missing or stale
ROOT="$PWD"
TOOLS="python3 $ROOT/bench/router/tools.py"
work="$(mktemp -d)"; pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

BE=$(free_port)
python3 -m http.server "$BE" --bind 127.0.0.1 --directory "$work" >/dev/null 2>&1 &
pids+=($!)

FERRY_UP_CACHE=on ./ferry up --help >/dev/null  # the launcher builds nothing more from here on
# Make the cache once before measuring (the first `up` after a build makes it).
warm="$work/warm"; mkdir -p "$warm"
HOME="$work" XDG_CONFIG_HOME="$work/config" ./ferry up --http-port "$(free_port)" --api-port "$(free_port)" \
  --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$warm" >"$warm/up.log" 2>&1 &
warm_pid=$!; pids+=("$warm_pid")
for _ in $(seq 1 240); do grep -q "Ferry is up" "$warm/up.log" 2>/dev/null && break; sleep 0.5; done
kill "$warm_pid"; wait "$warm_pid" 2>/dev/null || true

one_start() { # routes, cache switch -> prints "router_ms api_ms rss_mib_at_5s rss_mib_at_15s"
  local data="$work/d-$1-$2"; rm -rf "$data"; mkdir -p "$data"
  $TOOLS journal "$data/routes.journal" "$BE" $(($1 - 1)) bench.local
  local http api t0 r="" a="" pid
  http=$(free_port) api=$(free_port)
  t0=$(now_ms)
  HOME="$work" XDG_CONFIG_HOME="$work/config" FERRY_UP_CACHE="$2" timeout 120 ./ferry up --http-port "$http" \
    --api-port "$api" --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$data" >"$data/up.log" 2>&1 &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 3000); do
    [[ -z "$r" ]] && curl -sf -o /dev/null -m 1 -H "Host: bench.local" "http://127.0.0.1:$http/" && r=$(( $(now_ms) - t0 ))
    [[ -z "$a" ]] && curl -sf -o /dev/null -m 1 "http://127.0.0.1:$api/api/health" && a=$(( $(now_ms) - t0 ))
    [[ -n "$r" && -n "$a" ]] && break
    sleep 0.01
  done
  local java rss5 rss15
  java=$(pgrep -P "$pid" java | head -n1)
  sleep 5
  rss5=$(ps -o rss= -p "${java:-0}" 2>/dev/null || echo 0)
  sleep 10
  rss15=$(ps -o rss= -p "${java:-0}" 2>/dev/null || echo 0)
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  echo "${r:-timeout} ${a:-timeout} $(( ${rss5:-0} / 1024 )) $(( ${rss15:-0} / 1024 ))"
}

for routes in "${COUNTS[@]}"; do
  for cache in on off; do : >"$work/res-$routes-$cache"; done
  for round in $(seq 1 "$ROUNDS"); do
    for cache in on off; do one_start "$routes" "$cache" >>"$work/res-$routes-$cache"; done
  done
  for cache in on off; do
    python3 - "$routes" "$cache" "$work/res-$routes-$cache" <<'PY'
import statistics, sys
routes, cache, path = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.split() for l in open(path) if l.strip()]
def col(i):
    vals = [int(r[i]) for r in rows if r[i].isdigit()]
    return f"{statistics.median(vals):.0f} (max {max(vals)})" if vals else "timeout"
print(f"routes={routes} cache={cache} rounds={len(rows)} router_ms={col(0)} api_ms={col(1)} "
      f"idle_rss_mib_5s={col(2)} idle_rss_mib_15s={col(3)} load={open('/proc/loadavg').read().split()[0]}")
PY
  done
done
